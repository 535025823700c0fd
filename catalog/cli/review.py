"""The review commands: `datamap check` (compliance findings) and `datamap diff` (what changed
between two inventories)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from catalog.cli.state import JsonFlag, State, StoreFlag, json_text, state_of
from catalog.errors import BadRequest


class ReportFormat(StrEnum):
    table = "table"
    json = "json"
    md = "md"


class FailOn(StrEnum):
    high = "high"
    medium = "medium"
    low = "low"
    info = "info"
    never = "never"


FormatFlag = Annotated[
    ReportFormat,
    typer.Option("--format", "-f", help="table, json or md (Markdown when -o is given alone)."),
]
OutputFlag = Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file.")]


def parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BadRequest(f"--as-of takes a date as YYYY-MM-DD, not {value!r}") from None


def _report(
    state: State,
    result: Any,
    fmt: ReportFormat,
    output: Path | None,
    markdown: Callable[[Any], str],
    terminal: Callable[[Any, Any], None],
) -> None:
    """JSON, Markdown, or the terminal view; Markdown when written to a file without a format."""
    if fmt is ReportFormat.table and output is None:
        terminal(state.out, result)
        return
    text = json_text(result.to_json()) if fmt is ReportFormat.json else markdown(result)
    if output is None:
        state.document(text)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        state.err.print(f"wrote {output}", markup=False)


def check(
    ctx: typer.Context,
    regime: Annotated[
        str | None,
        typer.Option("--regime", "-r", help="gdpr, ccpa, pipl or coppa; all rules if omitted."),
    ] = None,
    fmt: FormatFlag = ReportFormat.table,
    as_json: JsonFlag = False,
    output: OutputFlag = None,
    as_of: Annotated[
        str | None,
        typer.Option(help="Judge the notice as at this date, YYYY-MM-DD (default: today)."),
    ] = None,
    fail_on: Annotated[
        FailOn,
        typer.Option(help="Exit 1 when a finding is at least this severe (for CI)."),
    ] = FailOn.never,
    rules: Annotated[
        Path | None,
        typer.Option(help="A rule catalogue of your own [env DATAMAP_RULES; default: shipped]."),
    ] = None,
    family: Annotated[
        str | None,
        typer.Option(
            "--family",
            help="Only rules whose family names this, e.g. 'systems' (the systems against the "
            "notice) or 'CCPA rights'.",
        ),
    ] = None,
    every: Annotated[
        bool,
        typer.Option(
            "--all", help="Every finding in full in the terminal, not the summary by severity."
        ),
    ] = False,
    store: StoreFlag = None,
) -> None:
    """Find where the record and the notice fall short of GDPR, CCPA and PIPL: each finding
    with its rule, legal reference, the facts involved, the policy sentences and a remedy. In a
    terminal, a summary by severity; --all for every finding in full."""
    # The rule catalogue and its checks, only for this command.
    from catalog.review.compliance import findings as judge
    from catalog.review.compliance.models import severity_rank
    from catalog.review.compliance.report import markdown, terminal

    state = state_of(ctx, store)
    findings = judge(
        state.engine, regime, parse_date(as_of), rules or state.settings.rules, family=family
    )
    _report(
        state,
        findings,
        ReportFormat.json if as_json else fmt,
        output,
        markdown,
        lambda console, result: terminal(console, result, every=every),
    )
    if fail_on is not FailOn.never and any(
        severity_rank(f.severity) <= severity_rank(fail_on.value) for f in findings.findings
    ):
        raise typer.Exit(1)


def diff(
    ctx: typer.Context,
    old: Annotated[
        str, typer.Argument(help="An inventory folder, or a git revision (e.g. HEAD~1, v1.0).")
    ],
    new: Annotated[
        str | None,
        typer.Argument(help="A folder or revision; default: the inventory as it is on disk."),
    ] = None,
    fmt: FormatFlag = ReportFormat.table,
    as_json: JsonFlag = False,
    output: OutputFlag = None,
    fail_on_material: Annotated[
        bool, typer.Option(help="Exit 1 when a change is material (for CI).")
    ] = False,
) -> None:
    """What changed between two inventories: categories, recipients, purposes, sales, transfers,
    legal bases and more, with material changes marked. Revisions are read from the git
    repository holding the inventory (--inventory)."""
    # git, two loads and two graph builds, only for this command.
    from catalog.review.changes import diff_inventories
    from catalog.review.changes.report import diff_markdown, diff_terminal

    state = state_of(ctx)
    report = diff_inventories(
        old, new, state.settings.inventory, max_file_bytes=state.settings.max_file_bytes
    )
    _report(
        state, report, ReportFormat.json if as_json else fmt, output, diff_markdown, diff_terminal
    )
    if fail_on_material and report.material:
        raise typer.Exit(1)
