"""The `datamap` command line: a thin layer over the query engine.

Every answer has a stable `--json` form; without it, a readable table. A bad inventory prints
one line per problem (file:line: field: message) and exits 1; an unknown id or name exits 2
with suggestions; nothing ends in a traceback. The commands live in the modules below, one
module per area, and are registered here, in the order `datamap --help` lists them.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from catalog.cli import inventory, neo4j, outputs, questions, review, service
from catalog.cli.state import options
from catalog.errors import DatamapError
from catalog.model.problems import InventoryInvalid
from catalog.model.text import printable

app = typer.Typer(
    name="datamap",
    help="Personal-data inventory and lineage catalogue: a cited graph of privacy practices.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.callback()(options)

COMMANDS = (
    ("validate", inventory.validate),
    ("list", questions.list_),
    ("show", questions.show),
    ("who-receives", questions.who_receives),
    ("what-is-sold", questions.what_is_sold),
    ("transfers", questions.transfers),
    ("lineage", questions.lineage),
    ("can-share", questions.can_share),
    ("erasure-notify", questions.erasure_notify),
    ("ropa", questions.ropa),
    ("diagram", outputs.diagram),
    ("export", outputs.export),
    ("sync", neo4j.sync),
    ("cypher", neo4j.cypher),
    ("dev-server", neo4j.dev_server),
    ("serve", service.serve),
    ("version", service.version),
    ("findings", review.check),
    ("diff", review.diff),
)
for _name, _command in COMMANDS:
    app.command(_name)(_command)
# The findings command's first name, kept for scripts that use it.
app.command("check", hidden=True)(review.check)


def run(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code; errors are reported, never raised.

    Messages go to stderr one per line, unwrapped, so that each names its file, line and field
    on a line of its own whatever the terminal width.
    """

    def say(line: str) -> None:
        sys.stderr.write(line + "\n")

    try:
        code = app(args=argv, prog_name="datamap", standalone_mode=False)
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
    return code if isinstance(code, int) else 0


def main() -> None:
    sys.exit(run())
