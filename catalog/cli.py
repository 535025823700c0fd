"""The `datamap` command line: a thin layer over the query engine.

Every answer has a stable `--json` form; without it, a readable table. A bad inventory prints
one line per problem (file:line: field: message) and exits 1; an unknown id or name exits 2
with suggestions; nothing ends in a traceback.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from . import __version__, render
from .engine import QueryEngine
from .errors import DatamapError
from .problems import InventoryInvalid
from .queries import DEFAULT_DEPTH, MAX_DEPTH
from .records_format import ropa_csv, ropa_markdown
from .settings import Settings, load_settings
from .stores.embedded import EmbeddedStore
from .validation import check_inventory

app = typer.Typer(
    name="datamap",
    help="Personal-data inventory and lineage catalogue: a cited graph of privacy practices.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class ListWhat(StrEnum):
    contexts = "contexts"
    categories = "categories"
    recipients = "recipients"
    purposes = "purposes"
    activities = "activities"


class RopaFormat(StrEnum):
    json = "json"
    csv = "csv"
    md = "md"


@dataclass
class State:
    settings: Settings
    out: Console
    err: Console
    _engine: QueryEngine | None = field(default=None, repr=False)

    @property
    def engine(self) -> QueryEngine:
        if self._engine is None:
            self._engine = QueryEngine(open_store(self.settings))
        return self._engine


def open_store(settings: Settings) -> Any:
    return EmbeddedStore.from_inventory(settings.inventory, max_file_bytes=settings.max_file_bytes)


def _state(ctx: typer.Context) -> State:
    return ctx.obj


JsonFlag = Annotated[bool, typer.Option("--json", help="Print the answer as JSON.")]


def _emit(state: State, result: Any, as_json: bool, human: Any) -> None:
    if as_json:
        state.out.file.write(json.dumps(result.to_json(), indent=2, ensure_ascii=False) + "\n")
    else:
        human(state.out, result)


@app.callback()
def _options(
    ctx: typer.Context,
    inventory: Annotated[
        Path | None,
        typer.Option(
            "--inventory",
            "-i",
            help="Inventory folder [env DATAMAP_INVENTORY; default: the shipped Stefere inventory]",
        ),
    ] = None,
) -> None:
    ctx.obj = State(
        settings=load_settings(inventory=inventory),
        out=_console(sys.stdout),
        err=_console(sys.stderr),
    )


def _console(stream: Any) -> Console:
    tty = hasattr(stream, "isatty") and stream.isatty()
    return Console(file=stream, width=None if tty else 140, highlight=False, soft_wrap=False)


@app.command()
def validate(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """Check the inventory: schema, references, duplicate ids, and every quote verbatim."""
    state = _state(ctx)
    root = state.settings.inventory
    inventory, problems = check_inventory(root, max_file_bytes=state.settings.max_file_bytes)
    if as_json:
        body = {
            "valid": not problems,
            "inventory": str(root),
            "entries": len(inventory.entries) if inventory else 0,
            "problems": [p.as_dict() for p in problems],
        }
        state.out.file.write(json.dumps(body, indent=2) + "\n")
    if problems:
        raise InventoryInvalid(problems)
    if not as_json and inventory is not None:
        quotes = sum(1 for _ in _count_quotes(inventory))
        state.out.print(
            f"{root}: valid. {len(inventory.entries)} entries, {quotes} quotes verbatim in "
            f"{inventory.meta.title} (last updated {inventory.meta.last_updated})."
        )


def _count_quotes(inventory: Any) -> Any:
    from .validation import _cited_parts

    for entry in inventory.entries.values():
        for _, part in _cited_parts(entry.model):
            yield from part.sources
            if getattr(part, "quote", None):
                yield part.quote


@app.command("list")
def list_(
    ctx: typer.Context,
    what: Annotated[ListWhat, typer.Argument(help="What to list.")],
    q: Annotated[
        str | None, typer.Option("--q", help="Only entries whose id or name contains this.")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """List contexts, categories, recipients, purposes or activities."""
    state = _state(ctx)
    page = state.engine.list(what.value, q=q)
    _emit(state, page, as_json, lambda c, p: render.list_page(c, what.value, p))


@app.command()
def show(
    ctx: typer.Context,
    entry: Annotated[str, typer.Argument(help="An id or a name.")],
    as_json: JsonFlag = False,
) -> None:
    """Show one entry: its properties, sources and every relationship."""
    state = _state(ctx)
    _emit(state, state.engine.show(entry), as_json, render.entity)


@app.command("who-receives")
def who_receives(
    ctx: typer.Context,
    category: Annotated[str, typer.Argument(help="A data category or item: id or name.")],
    as_json: JsonFlag = False,
) -> None:
    """Who receives a category (and what is grouped beneath it), why, and on what authority."""
    state = _state(ctx)
    _emit(state, state.engine.who_receives(category), as_json, render.who_receives)


@app.command("what-is-sold")
def what_is_sold(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """What is sold or shared (CCPA), to whom, why, and how to opt out."""
    state = _state(ctx)
    _emit(state, state.engine.what_is_sold(), as_json, render.what_is_sold)


@app.command()
def transfers(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """Cross-border transfers: from, to, mechanism, data concerned."""
    state = _state(ctx)
    _emit(state, state.engine.transfers(), as_json, render.transfers)


@app.command()
def lineage(
    ctx: typer.Context,
    category: Annotated[str, typer.Argument(help="A data category or item: id or name.")],
    depth: Annotated[
        int, typer.Option(min=1, max=MAX_DEPTH, help="Hops to follow from the category.")
    ] = DEFAULT_DEPTH,
    as_json: JsonFlag = False,
) -> None:
    """Where a category comes from and where it goes."""
    state = _state(ctx)
    _emit(state, state.engine.lineage(category, depth), as_json, render.lineage)


@app.command()
def ropa(
    ctx: typer.Context,
    regime: Annotated[
        str, typer.Option("--regime", "-r", help="gdpr, ccpa or pipl (any regime id).")
    ] = "gdpr",
    fmt: Annotated[
        RopaFormat | None,
        typer.Option("--format", "-f", help="json, csv or md; a table if omitted."),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file.")
    ] = None,
) -> None:
    """The record of processing activities for a regime (GDPR Art. 30, CCPA, PIPL)."""
    state = _state(ctx)
    record = state.engine.ropa(regime)
    if fmt is None and output is None:
        render.ropa(state.out, record)
        return
    fmt = fmt or RopaFormat.json
    text = {
        RopaFormat.json: lambda: json.dumps(record.to_json(), indent=2, ensure_ascii=False) + "\n",
        RopaFormat.csv: lambda: ropa_csv(record),
        RopaFormat.md: lambda: ropa_markdown(record),
    }[fmt]()
    if output is None:
        state.out.file.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        state.err.print(f"wrote {output} ({len(record.activities)} activities)")


@app.command()
def version(ctx: typer.Context) -> None:
    """Print the datamap version."""
    _state(ctx).out.print(f"datamap {__version__}")


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
        say(f"error: {exc.message}")
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
        say(f"error: {exc}")
        return 1
    return code if isinstance(code, int) else 0


def main() -> None:
    sys.exit(run())
