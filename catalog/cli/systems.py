"""`datamap scan`: what a real database holds, column by column, with the evidence."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from catalog.cli.state import JsonFlag, state_of
from catalog.model.results import ScanField, ScanReport


def scan(
    ctx: typer.Context,
    url: Annotated[
        str,
        typer.Argument(
            help="A SQLAlchemy database URL: sqlite:///shop.db, postgresql://user@host/db, "
            "mysql+pymysql://user@host/db."
        ),
    ],
    sample: Annotated[
        int,
        typer.Option("--sample", "-n", help="Values read per column, at most (0: names only)."),
    ] = 200,
    schema: Annotated[
        list[str] | None, typer.Option("--schema", help="Only this schema (repeatable).")
    ] = None,
    table: Annotated[
        list[str] | None, typer.Option("--table", "-t", help="Only this table (repeatable).")
    ] = None,
    every: Annotated[
        bool, typer.Option("--all", help="List every column, not only the personal ones.")
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Scan a database: which columns hold personal data, which fideslang category, which of
    the inventory's categories, how sure, and the evidence (name rules, value recognisers).

    Sampled values stay in memory: the report holds only match counts and rates. The database
    is opened read-only."""
    from catalog.scanning.database import scan_database
    from catalog.scanning.mapping import category_for

    state = state_of(ctx)
    report = scan_database(url, sample=sample, schemas=schema or None, tables=table or None)
    entries = state.engine.name_index().source
    for f in report.fields:
        f.category = category_for(f.fideslang, entries)
    if as_json:
        state.json(report.to_json())
    else:
        render_scan(state.out, report, every)


def _why(f: ScanField) -> str:
    parts = []
    for e in f.evidence:
        if e.get("kind") == "name":
            parts.append(f"name: {e.get('detail')}")
        elif e.get("kind") == "values" and "recogniser" in e:
            parts.append(
                f"values: {e['matched']}/{e['sampled']} {e['recogniser'].replace('_', ' ')}"
            )
        elif e.get("detail"):
            parts.append(str(e["detail"]))
    return "; ".join(parts) or "-"


def render_scan(console: Console, r: ScanReport, every: bool = False) -> None:
    console.print(Text(f"Scan of {r.database}", style="bold"))
    console.print(
        f"{r.tables} table(s), {r.columns} column(s): {r.personal} hold personal data. "
        f"At most {r.sample_limit} values read per column; none kept. {r.seconds:.2f} s.",
        markup=False,
    )
    shown = [f for f in r.fields if f.personal or every]
    if shown:
        table = Table(show_lines=False)
        table.add_column("Column", overflow="fold", ratio=3)
        table.add_column("Type", overflow="fold", ratio=1)
        table.add_column("Holds", overflow="fold", ratio=3)
        table.add_column("Inventory", overflow="fold", ratio=2)
        table.add_column("Sure", justify="right")
        table.add_column("Why", overflow="fold", ratio=5)
        for f in shown:
            where = ".".join(x for x in (f.schema_, f.table, f.column) if x)
            holds: Any = f.fideslang or Text("not personal", style="dim")
            table.add_row(
                where, f.data_type, holds, f.category or "-", f"{f.confidence:.2f}", _why(f)
            )
        console.print(table)
    for s in r.skipped:
        console.print(
            f"skipped {s.schema_ + '.' if s.schema_ else ''}{s.table}: {s.reason}", markup=False
        )
    if not every and r.columns > r.personal:
        console.print(
            "--all lists the other columns too; --json gives every field's evidence.", style="dim"
        )
