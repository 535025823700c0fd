"""One screen by default: at 100 columns each answer opens with what a person needs, fits a
screen, keeps apart what only general statements say, and says how to see the rest; nothing a
person acts on (a name, an id, a URL) is cut or broken; --json is untouched by any of it."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from typing import Any

import pytest

from catalog.cli import render
from catalog.cli.terminal import Terminal

WIDTH = 100


@pytest.fixture
def screen(cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch) -> Callable[..., str]:
    """A command's terminal answer at 100 columns (COLUMNS sets the width, though piped)."""
    monkeypatch.setenv("COLUMNS", str(WIDTH))

    def run(*args: str) -> str:
        result = cli(*args)
        assert result.code == 0, result.err
        assert max(len(line) for line in result.out.splitlines()) <= WIDTH
        return result.out

    return run


def answer(cli: Callable[..., Any], *args: str) -> Any:
    result = cli(*args, "--json")
    assert result.code in (0, 1), result.err
    return json.loads(result.out)


def flat(text: str) -> str:
    """The words as a person reads them, whatever the line breaks."""
    return " ".join(text.split())


def whole(token: str, text: str) -> bool:
    """`token` on one line, not run into a longer id: never cut, never broken across lines."""
    return re.search(rf"(?<![\w-]){re.escape(token)}(?![\w-])", text) is not None


def test_erasure_notify_fits_a_screen_and_names_every_named_recipient(screen, cli) -> None:
    out = screen("erasure-notify", "customers")
    assert len(out.splitlines()) <= 60  # 392 lines as a table, every recipient a full row
    body = answer(cli, "erasure-notify", "customers")
    named = [r["recipient"]["name"] for r in body["recipients"] if not r["general_only"]]
    general = [r["recipient"]["name"] for r in body["recipients"] if r["general_only"]]
    assert len(named) >= 10 and len(general) >= 10
    text = flat(out)
    assert body["summary"] in text  # the one-line summary comes first
    assert text.index(body["summary"]) < min(text.index(name) for name in named)
    for name in named:  # whom a person must tell is never left out
        assert name in text, name
    # those only general statements reach: kept apart, collapsed, counted, the way to the rest
    line = text[text.index("Through general statements only: ") :]
    shown = [name for name in general if name in line]
    assert shown and f"and {len(general) - len(shown)} more (--all shows each" in line
    every = flat(cli("erasure-notify", "customers", "--all").out)
    for name in named + general:
        assert name in every, name
    # --all shows each recipient's sentences
    for r in body["recipients"]:
        assert r["sources"][0]["quote"] in every


def test_erasure_notify_json_is_unchanged_by_the_view(cli) -> None:
    body = answer(cli, "erasure-notify", "customers")
    assert set(body) == {"subject", "summary", "recipients"}
    assert {"recipient", "general_only", "activities", "categories", "sources"} == set(
        body["recipients"][0]
    )


def test_findings_is_a_summary_by_severity_matching_the_json(screen, cli) -> None:
    out = screen("findings", "--as-of", "2026-11-24")
    assert len(out.splitlines()) <= 80  # 700 lines with every finding in full
    body = answer(cli, "findings", "--as-of", "2026-11-24")
    for severity in ("high", "medium", "low", "info"):
        count = body["summary"][severity]
        found = [f for f in body["findings"] if f["severity"] == severity]
        assert count == len(found)
        if count:
            assert f"{severity.upper()} ({count})" in out
    text = flat(out)
    for f in body["findings"]:
        assert f["title"] in text, f["title"]  # every rule that found something has its line
    assert "datamap findings --all" in text
    full = cli("findings", "--as-of", "2026-11-24", "--all").out
    for f in body["findings"]:  # --all prints every finding in full, as before
        assert f"[{f['id']}]" in flat(full) and f["remedy"] in flat(full)
    assert len(full.splitlines()) > 5 * len(out.splitlines())


def test_findings_summary_keeps_ids_whole(screen, cli) -> None:
    out = screen("findings", "--as-of", "2026-11-24")
    body = answer(cli, "findings", "--as-of", "2026-11-24")
    for f in body["findings"]:
        subject = f["id"].removeprefix(f"{f['rule']}:")
        if subject != f["id"] and subject in out:
            assert whole(subject, out), subject
    for r in body["rules"]:
        if r["status"] == "pass":
            assert whole(r["id"], out), r["id"]


def test_transfers_each_with_its_mechanism_s_sentence_on_a_screen(screen, cli) -> None:
    out = screen("transfers")
    assert len(out.splitlines()) <= 40  # 97 as a table, 48 as blocks with every section
    text = flat(out)
    for t in answer(cli, "transfers")["transfers"]:
        assert t["name"] in text
        assert flat(t["sources"][0]["quote"]) in text
        for m in t["mechanisms"]:
            assert m["name"] in text
            for c in m["sources"]:  # the policy's own words for the mechanism
                assert flat(c["quote"]) in text, c["quote"]
    # a section is named once above the transfers it states, not after every quote
    assert text.count("Data Protection For Individuals Based In The European Economic Area") == 1


def test_who_receives_phone_numbers_fits_a_screen(screen, cli) -> None:
    out = screen("who-receives", "phone numbers")
    assert len(out.splitlines()) <= 40  # 70 as a table with every purpose's recipients
    body = answer(cli, "who-receives", "phone numbers")
    named = [r for r in body["recipients"] if not r["general_only"]]
    general = [r for r in body["recipients"] if r["general_only"]]
    text = flat(out)
    assert f"{len(named)} recipient(s) named for it; {len(general)} more only through" in text
    for r in named:
        assert r["name"] in text, r["name"]
        if r["inferred"]:  # a disclosure that is datamap's reading says so, with the reading
            assert flat(r["inferred"]) in text
    assert "Through general statements only: " in text and "(--all shows them)" in text
    every = flat(cli("who-receives", "phone numbers", "--all").out)
    for r in general:
        assert r["name"] in every and flat(r["sources"][0]["quote"]) in every


@pytest.mark.parametrize(
    ("category", "recipient", "verdict"),
    [
        ("physical address", "marketing service providers", "named"),
        ("call recordings", "marketing service providers", "general"),
        ("payment information", "shipping providers", "named"),
    ],
)
def test_can_share_prints_the_sentences_its_verdict_rests_on(
    screen, cli, category: str, recipient: str, verdict: str
) -> None:
    body = answer(cli, "can-share", category, recipient)
    assert body["verdict"] == verdict
    text = flat(screen("can-share", category, recipient))
    assert flat(body["answer"]["reason"]) in text
    named = [d for d in body["answer"]["disclosures"] if not d["general"]]
    resting = named if verdict == "named" else body["answer"]["disclosures"]
    assert resting
    for d in resting:
        for c in d["sources"]:
            assert flat(c["quote"]) in text, c["quote"]
    if body["answer"]["inferred"]:
        assert "named by datamap's reading" in text
        assert flat(body["answer"]["inferred"]) in text


def test_can_share_says_what_it_does_disclose_when_the_answer_is_no(cli, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", str(WIDTH))
    result = cli("can-share", "payment information", "social media platforms")
    assert result.code == 1  # the gate fails the flow
    text = flat(result.out)
    assert "? no" in text
    assert "What the policy does disclose to Social media platforms" in text


def test_a_file_of_flows_shows_each_flow_s_sentence(screen, cli, tmp_path) -> None:
    flows = tmp_path / "flows.csv"
    flows.write_text(
        "category,recipient\npayment-information,shipping-providers\n"
        "payment-information,social-media-platforms\n",
        encoding="utf-8",
    )
    result = cli("can-share", "--file", str(flows))
    assert result.code == 1
    assert "“Shipping providers”" in flat(result.out)
    for token in ("payment-information", "shipping-providers", "social-media-platforms"):
        assert whole(token, result.out)


@pytest.mark.parametrize(
    "what", ["categories", "recipients", "purposes", "activities", "contexts", "choices"]
)
@pytest.mark.parametrize("width", [100, 60])
def test_lists_keep_ids_whole(cli, monkeypatch, what: str, width: int) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    out = cli("list", what).out
    for item in answer(cli, "list", what)["items"]:
        assert whole(item["id"], out), item["id"]
    assert "…" not in out


def test_list_categories_does_not_wrap_a_word_per_line(screen, cli) -> None:
    out = screen("list", "categories")
    items = answer(cli, "list", "categories")["items"]
    # a name's first words stay on one line: the name column is not a word wide
    for item in items:
        words = item["name"].split()
        if len(words) >= 3:
            assert " ".join(words[:3]) in out, item["name"]
        if item["parent"]:
            assert whole(item["parent"]["id"], out)
    assert len(out.splitlines()) < 3 * len(items)  # 221 lines for 54 entries before


def test_show_reads_as_text(screen) -> None:
    out = screen("show", "payment information")
    assert "{'" not in out and "True" not in out and "False" not in out
    assert "stands for all" in out  # a field's name in words, not stands_for_all


@pytest.mark.parametrize(
    "args",
    [
        ("erasure-notify", "customers"),
        ("findings",),
        ("can-share", "physical address", "marketing service providers"),
        ("list", "categories"),
        ("show", "ctx-purchase"),
    ],
)
def test_nothing_is_cut_with_an_ellipsis(cli, monkeypatch, args: tuple[str, ...]) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = cli(*args)
    assert result.code == 0 and "…" not in result.out


ROWS = [
    {
        "recipient": "telecom-call-recording-providers",
        "name": "Telecommunications and call recording service providers",
        "role": "service_provider",
        "through_activities": ["Customer service by phone, e-mail, chat or in person"],
        "general_only": False,
    },
    {
        "recipient": "business-transfer-counterparties",
        "name": "Acquirers and other parties to a merger, asset sale, acquisition or insolvency",
        "role": "acquirer",
        "through_activities": [],
        "general_only": True,
    },
]


@pytest.mark.parametrize("width", [100, 72, 40])
def test_cypher_tables_keep_ids_whole(width: int) -> None:
    """What `datamap cypher erasure-notify` prints: at any width, an id on one line, whole (a
    Rich table short of room cut them with an ellipsis); too narrow for a table, a block per
    row."""
    out = io.StringIO()
    console = Terminal(file=out, width=width, soft_wrap=False)
    render.rows_table(
        console, "erasure-notify (2 rows)", list(ROWS[0]), [list(r.values()) for r in ROWS]
    )
    text = out.getvalue()
    for row in ROWS:
        assert whole(str(row["recipient"]), text)
    assert "…" not in text
    assert max(len(line) for line in text.splitlines()) <= width
    assert "no" in text and "yes" in text  # a truth reads as yes or no, not True


def test_fit_gives_each_column_its_longest_word() -> None:
    from rich.table import Table

    console = Terminal(file=io.StringIO(), width=60, soft_wrap=False)
    table = Table()
    table.add_column("id")
    table.add_column("sentence")
    table.add_row("verification-account-information", "a sentence " * 20)
    assert render.fit(console, table)
    widths = [c.width or 0 for c in table.columns]
    assert widths[0] == len("verification-account-information")
    assert sum(widths) + 3 + 4 == 60  # the rest to the sentence, borders and padding beside
    narrow = Terminal(file=io.StringIO(), width=30, soft_wrap=False)
    assert not render.fit(narrow, table)  # the caller then prints blocks, never a cut id
