"""The questions: list, show, who-receives, what-is-sold, transfers, lineage and the record of
processing. Each command asks the engine one declared query and prints its answer."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from catalog import queries
from catalog.cli.state import JsonFlag, StoreFlag, state_of
from catalog.errors import BadRequest
from catalog.model.kinds import LIST_LABELS, Label
from catalog.queries import DEFAULT_DEPTH, MAX_DEPTH


class _Views:
    """The terminal views of render.py, imported when one is drawn: rich and the table code take
    longer to import than most answers take to compute, and --json needs neither."""

    def __getattr__(self, name: str) -> Callable[..., None]:
        def draw(*args: Any, **kwargs: Any) -> None:
            from catalog.cli import render as views

            getattr(views, name)(*args, **kwargs)

        return draw


render = _Views()

# What `list` takes is what the list question declares it can list. The members are known only
# when this runs; mypy reads a functional enum's members from a literal alone, hence the ignore.
ListWhat = StrEnum("ListWhat", {what: what for what in LIST_LABELS})  # type: ignore[misc]


class RopaFormat(StrEnum):
    json = "json"
    csv = "csv"
    md = "md"


CategoryArg = Annotated[str, typer.Argument(help="A data category or item: id or name.")]


def list_(
    ctx: typer.Context,
    what: Annotated[ListWhat, typer.Argument(help="What to list.")],
    q: Annotated[
        str | None,
        typer.Option("--query", "-q", "--q", help="Only entries whose id or name contains this."),
    ] = None,
    as_json: JsonFlag = False,
    store: StoreFlag = None,
) -> None:
    """List the entries of a kind: contexts, categories, recipients, purposes, activities,
    subjects, rights, regimes, choices or transfers."""
    state = state_of(ctx, store)
    page = state.engine.ask(queries.LIST, what=what.value, q=q)
    state.emit(page, as_json, lambda c, p: render.list_page(c, what.value, p))


def show(
    ctx: typer.Context,
    entry: Annotated[str, typer.Argument(help="An id or a name.")],
    as_json: JsonFlag = False,
    store: StoreFlag = None,
) -> None:
    """Show one entry: its properties, sources and every relationship."""
    state = state_of(ctx, store)
    state.emit(state.engine.ask(queries.SHOW, entry=entry), as_json, render.entity)


def who_receives(
    ctx: typer.Context,
    category: CategoryArg,
    all_rows: Annotated[
        bool,
        typer.Option(
            "--all",
            help="Everything in full: every purpose and sentence, and one by one those only "
            "general statements reach.",
        ),
    ] = False,
    as_json: JsonFlag = False,
    store: StoreFlag = None,
) -> None:
    """Who receives a category (and what is grouped beneath it), why, and on what authority."""
    state = state_of(ctx, store)
    answer = state.engine.ask(queries.WHO_RECEIVES, category=category)
    state.emit(answer, as_json, lambda c, a: render.who_receives(c, a.model, all_rows))


def what_is_sold(ctx: typer.Context, as_json: JsonFlag = False, store: StoreFlag = None) -> None:
    """What is sold or shared (CCPA), to whom, why, and how to opt out."""
    state = state_of(ctx, store)
    state.emit(state.engine.ask(queries.WHAT_IS_SOLD), as_json, render.what_is_sold)


def transfers(ctx: typer.Context, as_json: JsonFlag = False, store: StoreFlag = None) -> None:
    """Cross-border transfers: from, to, mechanism, data concerned."""
    state = state_of(ctx, store)
    state.emit(state.engine.ask(queries.TRANSFERS), as_json, render.transfers)


def lineage(
    ctx: typer.Context,
    category: CategoryArg,
    depth: Annotated[
        int, typer.Option(min=1, max=MAX_DEPTH, help="Hops to follow from the category.")
    ] = DEFAULT_DEPTH,
    as_json: JsonFlag = False,
    store: StoreFlag = None,
) -> None:
    """Where a category comes from and where it goes."""
    state = state_of(ctx, store)
    answer = state.engine.ask(queries.LINEAGE, category=category, depth=depth)
    state.emit(answer, as_json, render.lineage)


def can_share(
    ctx: typer.Context,
    category: Annotated[
        str | None, typer.Argument(help="A data category or item: id or name.")
    ] = None,
    recipient: Annotated[str | None, typer.Argument(help="A recipient: id or name.")] = None,
    file: Annotated[
        Path | None,
        typer.Option(
            "--file", "-f", help="A CSV of flows with columns category,recipient (a header row)."
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option(help="Also fail on flows only a general statement covers.")
    ] = False,
    as_json: JsonFlag = False,
    store: StoreFlag = None,
) -> None:
    """May a category go to a recipient? `named`, `general` (only a statement about personal
    information in general covers it) or `none`, with the policy sentences. Exit 1 on `none`
    (or `general` with --strict): a gate for CI, one flow or a file of them."""
    from catalog.queries.batch import check_flows, passes  # only this command needs it

    state = state_of(ctx, store)
    if file is not None:
        flows = _read_flows(file)
    elif category and recipient:
        flows = [(category, recipient)]
    else:
        raise BadRequest("give CATEGORY RECIPIENT, or --file flows.csv")
    result = check_flows(state.engine, flows)
    if as_json:
        state.json(result.to_json() if file is not None else result.flows[0].to_json())
    else:
        render.flows(state.out, result)
    if not passes(result, strict=strict):
        raise typer.Exit(1)


_MAX_FLOWS_FILE = 16 * 1024 * 1024  # far above the 1,000 flows one request checks


def _decoded(path: Path, data: bytes) -> str:
    """A CSV's text as spreadsheets write it: UTF-8 with or without a BOM, UTF-16 with its BOM
    (Excel's "Unicode text"), else Windows-1252 (Excel's "CSV" on Windows)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise BadRequest(f"{path}: not valid UTF-16 text ({exc.reason})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _read_flows(path: Path) -> list[tuple[str, str]]:
    if not path.is_file():
        raise BadRequest(f"no file {path}")
    if path.stat().st_size > _MAX_FLOWS_FILE:
        raise BadRequest(f"{path} is over {_MAX_FLOWS_FILE // 2**20} MiB; split it")
    text = _decoded(path, path.read_bytes())
    first = next((line for line in text.splitlines() if line.strip()), "")
    # Excel in much of Europe separates with semicolons
    delimiter = ";" if ";" in first and "," not in first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    flows: list[tuple[str, str]] = []
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        if header is None:
            header = [cell.strip().lower() for cell in row]
            if not {"category", "recipient"} <= set(header):
                raise BadRequest(
                    f"{path}:{reader.line_num}: the header row must name the columns category "
                    f"and recipient (it names {', '.join(header) or 'nothing'})"
                )
            at = header.index("category"), header.index("recipient")
            continue
        if len(row) <= max(at) or not row[at[0]].strip() or not row[at[1]].strip():
            raise BadRequest(
                f"{path}:{reader.line_num}: a flow needs a category and a recipient "
                f"(this row has {len(row)} field(s))"
            )
        flows.append((row[at[0]].strip(), row[at[1]].strip()))
    if not flows:
        raise BadRequest(f"{path} holds no flows")
    return flows


def erasure_notify(
    ctx: typer.Context,
    subject: Annotated[
        str, typer.Argument(help="A kind of individual (data subject): id or name.")
    ],
    all_rows: Annotated[
        bool,
        typer.Option(
            "--all",
            help="Every recipient in full, one by one, with the policy's sentences (those only "
            "general statements reach included).",
        ),
    ] = False,
    as_json: JsonFlag = False,
    store: StoreFlag = None,
) -> None:
    """Who must be told of an erasure request (GDPR Art. 17(2), 19), with what they receive."""
    state = state_of(ctx, store)
    answer = state.engine.ask(queries.ERASURE, subject=subject)
    state.emit(answer, as_json, lambda c, e: render.erasure(c, e, all_rows))


def where(
    ctx: typer.Context,
    category: Annotated[str, typer.Argument(help="A data category or item: id or name.")],
    as_json: JsonFlag = False,
    store: StoreFlag = None,
) -> None:
    """Where a category is held: the systems, tables and columns (and the flows carrying it
    on), as scanned or declared; what an access or erasure request has to search."""
    state = state_of(ctx, store)
    state.emit(state.engine.ask(queries.WHERE, category=category), as_json, render.locations)


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
    activity: Annotated[
        str | None,
        typer.Option("--activity", "-a", help="Only this activity (id or name), in full."),
    ] = None,
    every: Annotated[
        bool, typer.Option("--all", help="Every activity in full, not the summary.")
    ] = False,
    store: StoreFlag = None,
) -> None:
    """The record of processing activities for a regime (GDPR Art. 30, CCPA, PIPL). In a
    terminal, a summary with one line per activity; --activity or --all for the full rows."""
    state = state_of(ctx, store)
    record = state.engine.ask(queries.ROPA, regime=regime)
    if activity is not None:
        aid = state.engine.resolve(activity, (Label.ProcessingActivity,))
        record = record.model_copy(
            update={"activities": [a for a in record.activities if a.id == aid]}
        )
    if fmt is None and output is None:
        if activity is not None or every:
            render.ropa(state.out, record)
        else:
            render.ropa_summary(state.out, record)
        return
    # The exports pull in openpyxl and Jinja2: only for a record written out.
    from catalog.exports.documents import RECORD

    fmt = fmt or RopaFormat.json
    text = str(RECORD.render(record, fmt.value))
    if fmt is RopaFormat.json:
        text += "\n"
    if output is None:
        state.document(text)
    else:
        from catalog.exports.formats import for_file

        output.write_text(str(for_file(text, fmt.value)), encoding="utf-8")
        state.err.print(f"wrote {output} ({len(record.activities)} activities)")
