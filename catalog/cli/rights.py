"""`datamap rights-plan`: a subject's access or erasure request, planned against a scanned
database and counted there (read-only) before anyone runs it."""

from __future__ import annotations

from collections import Counter
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table
from rich.text import Text

from catalog.cli.state import State, state_of
from catalog.errors import BadRequest

if TYPE_CHECKING:
    from catalog.cli.terminal import Terminal
    from catalog.rights.database import Target
    from catalog.rights.model import Retention
    from catalog.rights.plan import Planned


class RequestKind(StrEnum):
    access = "access"
    erasure = "erasure"


def rights_plan(
    ctx: typer.Context,
    system: Annotated[str, typer.Option("--system", help="The scanned system's id.")],
    subject_key: Annotated[
        list[str],
        typer.Option(
            "--subject-key",
            help="COLUMN=VALUE or TABLE.COLUMN=VALUE naming one person "
            "(customers.email=ada@example.com); repeatable, for more seeds.",
        ),
    ],
    request: Annotated[
        RequestKind, typer.Option("--request", help="access or erasure.", case_sensitive=False)
    ],
    database: Annotated[
        str | None,
        typer.Option(
            "--database",
            envvar="DATAMAP_DATABASE",
            show_envvar=False,
            help="The database URL to plan against, ${VAR} read from the environment "
            "(postgresql://reader:${PGPASS}@db/shop) [env DATAMAP_DATABASE; default: the URL "
            "the scan recorded, without credentials].",
        ),
    ] = None,
    regime: Annotated[
        str | None,
        typer.Option("--regime", help="Only this regime's retention rules (and those of none)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the plan as JSON.")] = False,
    as_sql: Annotated[
        bool,
        typer.Option(
            "--sql", help="Print the plan's statements, in one transaction, to review and run."
        ),
    ] = False,
    fides: Annotated[
        Path | None,
        typer.Option("--fides", help="Write the plan as a Fides dataset (YAML) into this folder."),
    ] = None,
    export: Annotated[
        bool,
        typer.Option(
            "--export",
            help="Access only: print the person's rows as JSON (the only output holding values).",
        ),
    ] = False,
    limit: Annotated[
        int, typer.Option("--limit", help="With --export: at most this many rows a table.")
    ] = 10_000,
) -> None:
    """Plan a subject's access or erasure request in a scanned database: every table holding
    the person's rows (by foreign keys, and identity columns marked inferred), their rows
    counted read-only, erasure ordered children first with an action per table and column
    (delete, null, pseudonymise, or keep under a retention rule and its sentence), the
    personal tables it cannot reach, and whom to tell.

    Nothing is changed: --sql prints the statements to review and run, --fides DIR writes a
    Fides dataset to run it with, --export prints an access request's data."""
    from catalog.rights.database import target
    from catalog.rights.plan import make_plan, parse_key

    outputs = {"--json": as_json, "--sql": as_sql, "--fides": fides is not None, "--export": export}
    chosen = [name for name, on in outputs.items() if on]
    if len(chosen) > 1:
        raise BadRequest(f"choose one output: {' or '.join(chosen)}")
    if export and request is not RequestKind.access:
        raise BadRequest("--export prints an access request's data: use --request access")
    keys = [parse_key(k) for k in subject_key]
    state = state_of(ctx)
    view = state.engine.snapshot()
    rid = None
    if regime is not None:
        from catalog.rights.from_inventory import regime_id

        rid = regime_id(view, regime)
    planned = make_plan(
        view,
        system,
        keys,
        request.value,
        lambda facts: _target(state, target(database, facts.database), facts.database),
        regime=rid,
    )
    for note in planned.notes:
        state.err.print(f"note: {note}", markup=False, soft_wrap=True)
    if as_json:
        state.json(planned.plan.to_json())
    elif as_sql:
        from catalog.rights.sql import script

        state.document(script(planned))
    elif fides is not None:
        _write_fides(state, planned, fides)
    elif export:
        from catalog.rights.sql import export as export_rows

        if planned.nobody:
            state.err.print(_nobody(planned), markup=False, soft_wrap=True)
        export_rows(planned, state.document, limit)
    else:
        render(state.out, planned)


def _target(state: State, db: Target, recorded: str | None) -> Target:
    """Say so when the plan reads another database than the scan did."""
    if recorded and db.shown != recorded:
        state.err.print(
            f"note: planning against {db.shown}; the scan read {recorded}",
            markup=False,
            soft_wrap=True,
        )
    return db


def _write_fides(state: State, planned: Planned, folder: Path) -> None:
    import yaml

    from catalog.rights.fides_plan import datasets

    if planned.nobody:
        state.err.print(_nobody(planned) + " (no dataset written)", markup=False, soft_wrap=True)
        return
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{planned.plan.system}-{planned.plan.request}.yml"
    path.write_text(
        yaml.safe_dump(datasets(planned), sort_keys=False, allow_unicode=True, width=100),
        encoding="utf-8",
    )
    state.err.print(f"wrote {path}", markup=False, soft_wrap=True)


def _nobody(planned: Planned) -> str:
    said = ", ".join(f"{s.table}.{s.column} = {s.value!r}" for s in planned.plan.seeds)
    return f"no rows: {said} matches nobody in {planned.plan.system}; nothing to do"


_STYLE = {
    "delete": "red",
    "pseudonymise": "yellow",
    "null": "yellow",
    "keep": "green",
    "select": "cyan",
}


def render(console: Terminal, planned: Planned) -> None:
    """The plan on one screen: what happens to each table, why, what is kept under which
    sentence, what cannot be reached, and whom to tell."""
    plan = planned.plan
    seeds = ", ".join(f"{s.table}.{s.column} = {s.value!r}" for s in plan.seeds)
    title = "Erasure" if plan.request == "erasure" else "Access"
    console.print(
        Text(f"{title} plan for {seeds} in {plan.system} ({planned.system.name})", style="bold")
    )
    if planned.nobody:
        console.print(_nobody(planned), markup=False)
        return
    tables = len({s.table for s in plan.steps})
    actions = Counter(s.action for s in plan.steps)
    said = ", ".join(f"{n} {a}" for a, n in actions.most_common())
    console.print(
        f"Read from {planned.db.shown}: {len(plan.steps)} step(s) over {tables} table(s) "
        f"({said}). Nothing has been changed.",
        markup=False,
    )
    table = Table(show_lines=False, pad_edge=False, box=None, header_style="bold")
    table.add_column("#", justify="right")
    table.add_column("Table", overflow="fold", ratio=1)
    table.add_column("Action")
    table.add_column("Rows", justify="right")
    table.add_column("Why, and via (the last hop from the seed)", overflow="fold", ratio=4)
    for s in plan.steps:
        hop = s.via.split(" or ")[0].rsplit("; ", 1)[-1]
        why = Text(s.reason)
        if s.inferred:
            why.append(" [inferred]", style="bold")
        why.append(f"\nvia {hop}", style="dim")
        table.add_row(
            str(s.order), s.table, Text(s.action, style=_STYLE.get(s.action, "")), str(s.rows), why
        )
    console.print(table)
    rules: dict[str, tuple[Retention, list[str]]] = {}
    for s in plan.steps:
        for c in s.columns or []:
            for r in c.retention or []:
                _, where = rules.setdefault(r.id, (r, []))
                if s.table not in where:
                    where.append(s.table)
    if rules:
        console.print(Text("Kept under retention rules", style="bold"))
        for r, where in rules.values():
            line = Text(f"  {r.name} [{r.id}], for {', '.join(where)}: ")
            line.append(f"“{r.quote}”", style="italic")
            console.print(line)
    cleared = [s for s in plan.steps if s.action in ("pseudonymise", "null") and s.columns]
    if cleared and plan.request == "erasure":
        console.print(Text("Columns cleared in rows that stay", style="bold"))
        for s in cleared:
            parts = [
                f"{c.column} ({'placeholder' if c.action == 'pseudonymise' else 'NULL'})"
                for c in s.columns or []
                if c.action != "keep"
            ]
            console.print(f"  {s.order}. {s.table}: {', '.join(parts)}", markup=False)
    inferred = [s for s in plan.steps if s.inferred]
    if inferred:
        console.print(Text("Inferred (datamap's reading, not a declared key)", style="bold"))
        for s in inferred:
            console.print(f"  {s.order}. {s.table}: {s.inferred}", markup=False)
    if plan.unreachable:
        console.print(
            Text(f"Not reached ({len(plan.unreachable)}): search these by hand", style="bold")
        )
        for u in plan.unreachable:
            console.print(f"  {u.table} ({', '.join(u.columns)}): {u.why}", markup=False)
    named = [n for n in plan.notify if not n.general_only]
    general = [n for n in plan.notify if n.general_only]
    verb = "Tell of the erasure" if plan.request == "erasure" else "Disclosed to"
    if plan.notify:
        console.print(Text(f"{verb} ({len(plan.notify)} recipient(s))", style="bold"))
        if named:
            console.print("  " + "; ".join(n.name for n in named), markup=False)
        if general:
            console.print(
                f"  and {len(general)} more through statements about personal information in "
                "general (datamap erasure-notify lists them with the sentences)",
                markup=False,
            )
    elif planned.subjects == []:
        console.print(
            "No kind of individual in the notice covers whom these rows are about: name the "
            "recipients with datamap erasure-notify SUBJECT.",
            markup=False,
        )
    console.print(
        "Every column and path: --json; the statements: --sql; a Fides dataset: --fides DIR"
        + ("; the person's data: --export." if plan.request == "access" else "."),
        style="dim",
        markup=False,
    )
