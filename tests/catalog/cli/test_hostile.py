"""Hostile input on the terminal: names in the inventory that are Rich markup or terminal
commands print as text, and none of their control characters reaches the terminal."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

# Markup that would raise (a closing tag with no opening one) or style the text; a command that
# clears the screen; an OSC 8 hyperlink; a right-to-left override that reorders what follows.
HOSTILE = (
    "[/i] [bold]x[/bold] \x1b[2J \x1b]8;;http://evil.example/\x1b\\link\x1b]8;;\x1b\\ "
    "\u202eevil\u202c \x9b31m\x08\rend"
)
# What may never be written to a terminal: ESC, CSI (C1), the bidirectional override, backspace
# and carriage return (which let a line overwrite itself).
FORBIDDEN = ("\x1b", "\x9b", "\u202e", "\x08", "\r")


def quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(text)


SYSTEMS = f"""systems:
  - id: hostile-db
    name: {quoted("Shop " + HOSTILE)}
    kind: database
    declared: {{by: {quoted("A. DPO " + HOSTILE)}, date: 2026-11-30}}
    fields:
      - table: {quoted("t " + HOSTILE)}
        column: {quoted("c " + HOSTILE)}
        category: names
        status: accepted
        declared: {{by: A. DPO, date: 2026-11-30}}
"""


@pytest.fixture
def hostile_inventory(broken_inventory: Callable[..., Path]) -> Path:
    """The shipped inventory with a category, an alias, a recipient, an activity and a system
    whose names carry HOSTILE (each a name validation accepts)."""
    broken_inventory(
        "categories.yaml", "    name: Names\n", f"    name: {quoted('Names ' + HOSTILE)}\n"
    )
    broken_inventory(
        "categories.yaml", "aliases: [email]", f"aliases: [email, {quoted('mail ' + HOSTILE)}]"
    )
    broken_inventory(
        "recipients.yaml",
        "    name: Payment service providers\n",
        f"    name: {quoted('Payment service providers ' + HOSTILE)}\n",
    )
    root = broken_inventory(
        "activities.yaml",
        "    name: Website operation, security and analytics\n",
        f"    name: {quoted('Website operation ' + HOSTILE)}\n",
    )
    (root / "systems.yaml").write_text(SYSTEMS, encoding="utf-8")
    return root


def assert_harmless(out: str, err: str = "") -> None:
    for ch in FORBIDDEN:
        assert ch not in out, f"{ch!r} reached the terminal"
        assert ch not in err, f"{ch!r} reached the terminal (stderr)"


@pytest.mark.parametrize(
    "args",
    [
        ("list", "categories"),
        ("list", "recipients"),
        ("list", "activities"),
        ("show", "names"),
        ("show", "email-addresses"),
        ("show", "payment-service-providers"),
        ("who-receives", "names"),
        ("who-receives", "payment information"),
        ("lineage", "payment information"),
        ("where", "names"),
        ("erasure-notify", "customers"),
        ("findings", "--all"),  # the summary names rules and ids; the findings, the entries
        ("ropa",),
        ("ropa", "--activity", "site-operation-analytics"),
        ("review", "hostile-db"),
    ],
)
def test_markup_and_control_characters_in_names_print_as_text(
    cli, hostile_inventory: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    monkeypatch.setenv("COLUMNS", "400")  # no cell wraps the name: it can be found whole
    result = cli("--inventory", str(hostile_inventory), *args)
    assert result.code == 0, result.err
    assert_harmless(result.out, result.err)
    # the markup is shown as it is written, neither applied nor dropped
    assert "[/i] [bold]x[/bold] [2J" in result.out


def test_json_keeps_every_name_exact(cli, hostile_inventory: Path) -> None:
    result = cli("--inventory", str(hostile_inventory), "show", "names", "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["name"] == "Names " + HOSTILE
    assert_harmless(result.out)  # escaped as \u202e, \u009b...: the same string once parsed


def test_a_document_is_exact_in_a_pipe_and_harmless_on_a_terminal(
    cli, hostile_inventory: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ("--inventory", str(hostile_inventory), "ropa", "--format", "md")
    piped = cli(*args)
    assert piped.code == 0 and "Website operation [/i]" in piped.out
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    shown = cli(*args)
    assert shown.code == 0
    assert_harmless(shown.out)
    assert "Website operation [/i] [bold]x[/bold] [2J" in shown.out
