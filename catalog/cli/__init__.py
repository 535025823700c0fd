"""The `datamap` command line: a thin layer over the query engine.

Every answer has a stable `--json` form; without it, a readable table. A bad inventory prints
one line per problem (file:line: field: message) and exits 1; an unknown id or name exits 2
with suggestions; nothing ends in a traceback. The commands live in the modules below, one
module per area, and are registered here, in the order `datamap --help` lists them.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from catalog.cli.state import options
from catalog.errors import DatamapError
from catalog.model.problems import InventoryInvalid
from catalog.model.text import printable

if TYPE_CHECKING:
    from collections.abc import Callable

# Each command: its module and function under catalog.cli, and an example shown under --help.
# A command's module is imported only when that command runs (or for the command list): a
# question on the command line does not pay for the scanner, the exports or the server.
COMMANDS = (
    ("validate", "validate:validate", "datamap validate --policy revised-policy.txt"),
    ("list", "questions:list_", "datamap list categories -q address"),
    ("show", "questions:show", "datamap show ctx-purchase --json"),
    ("who-receives", "questions:who_receives", 'datamap who-receives "phone number"'),
    ("what-is-sold", "questions:what_is_sold", "datamap what-is-sold --json"),
    ("transfers", "questions:transfers", "datamap transfers"),
    ("lineage", "questions:lineage", 'datamap lineage "recordings of your calls" --depth 2'),
    ("can-share", "questions:can_share", 'datamap can-share "credit card" "shipping providers"'),
    ("erasure-notify", "questions:erasure_notify", "datamap erasure-notify customers"),
    ("where", "questions:where", 'datamap where "e-mail addresses"'),
    ("ropa", "questions:ropa", "datamap ropa --regime gdpr --format csv -o ropa.csv"),
    ("diagram", "outputs:diagram", 'datamap diagram category "payment information" -o pay.svg'),
    ("export", "outputs:export", "datamap export pack -o pack.zip"),
    ("sync", "neo4j:sync", "datamap sync --verify"),
    ("cypher", "neo4j:cypher", "datamap cypher erasure-notify -p subject=customers"),
    ("dev-server", "neo4j:dev_server", "datamap dev-server --port 7687"),
    ("serve", "service:serve", "datamap serve --port 8000"),
    ("version", "service:version", "datamap version"),
    ("findings", "review:check", "datamap findings --regime ccpa --fail-on high"),
    ("diff", "review:diff", "datamap diff HEAD~1 --format md -o changes.md"),
    ("scan", "scanning:scan", "datamap scan postgresql://reader@localhost/shop --json"),
    ("review", "scanning:review", "datamap review shop-db customers.email --accept --by 'A. DPO'"),
    ("import", "scanning:import_", "datamap import fides ./fides-manifests"),
    (
        "rights-plan",
        "rights:rights_plan",
        "datamap rights-plan --system shop-db --subject-key customers.email=ada@example.com --request erasure --sql",
    ),
    ("draft", "drafting:draft", "datamap draft policy.html -o acme-inventory --company Acme"),
)
# Hidden names kept for scripts that use them: the findings command's first name.
ALIASES = {"check": "review:check"}
# The global options that take a value (see state.options), to find the command after them.
VALUED = {"--inventory", "-i", "--store", "-s", "--neo4j-uri", "--neo4j-user"}
VALUED |= {"--neo4j-password", "--neo4j-database"}


def _function(target: str) -> Callable[..., Any]:
    module, name = target.split(":")
    return getattr(importlib.import_module(f"catalog.cli.{module}"), name)


def invoked(argv: list[str]) -> str | None:
    """The command named on the line, if it is one (None for --help, --version, a typo...)."""
    args = iter(argv)
    for arg in args:
        if arg in VALUED:
            next(args, None)
        elif not arg.startswith("-"):
            return arg if arg in ALIASES or any(arg == c[0] for c in COMMANDS) else None
    return None


def make_app(only: str | None = None) -> typer.Typer:
    """The CLI; with `only`, just that command (the rest are not imported)."""
    app = typer.Typer(
        name="datamap",
        help="Personal-data inventory and lineage catalogue: a cited graph of privacy practices.",
        no_args_is_help=True,
        add_completion=True,  # --install-completion / --show-completion for the user's shell
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )
    app.callback()(options)
    for name, target, example in COMMANDS:
        if only is not None and name != only:
            continue
        command = _function(target)
        # The first paragraph in full in the command list (Click cuts it at 45 characters).
        summary = (command.__doc__ or "").strip().split("\n\n")[0].rstrip(".")
        app.command(name, short_help=" ".join(summary.split()), epilog=f"Example: {example}")(
            command
        )
    for name, target in ALIASES.items():
        if only is None or name == only:
            app.command(name, hidden=True)(_function(target))
    return app


def run(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code; errors are reported, never raised.

    Messages go to stderr one per line, unwrapped, so that each names its file, line and field
    on a line of its own whatever the terminal width.
    """

    def say(line: str) -> None:
        sys.stderr.write(line + "\n")

    args = sys.argv[1:] if argv is None else argv
    # Shell completion asks about every command.
    only = None if any(k.endswith("_COMPLETE") for k in os.environ) else invoked(args)
    try:
        code = make_app(only)(args=args, prog_name="datamap", standalone_mode=False)
    except InventoryInvalid as exc:
        for problem in exc.problems:
            say(problem.render(Path.cwd()))
        say(f"{len(exc.problems)} problem(s) in the inventory; nothing was loaded.")
        return 1
    except DatamapError as exc:
        say(f"error: {printable(exc.message)}")
        return exc.exit_code
    except typer.Abort:
        say("aborted")
        return 130
    except typer.TyperException as exc:
        show = getattr(exc, "show", None)
        if show is not None:
            show(file=sys.stderr)
        else:
            say(f"error: {exc}")
        return getattr(exc, "exit_code", 2)
    except OSError as exc:
        say(f"error: {printable(exc)}")
        return 1
    except Exception as exc:  # a bug: one line a person can report, the trace on request
        if os.environ.get("DATAMAP_TRACEBACK"):
            raise
        say(f"internal error: {type(exc).__name__}: {printable(exc)}")
        say("This is a bug in datamap. Run again with DATAMAP_TRACEBACK=1 and report the trace.")
        return 70
    return code if isinstance(code, int) else 0


def main() -> None:
    sys.exit(run())
