"""`datamap scan`: what a real database holds, column by column, with the evidence."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from catalog.cli.state import JsonFlag, State, state_of
from catalog.errors import BadRequest, DatamapError, ScanFailed
from catalog.model.kinds import Label
from catalog.model.problems import InventoryInvalid
from catalog.model.results import ScanField, ScanReport
from catalog.model.special import marks, short, special_categories
from catalog.model.subjects import PLURAL

if TYPE_CHECKING:
    from catalog.scanning.systems_file import ScanChanges


def scan(
    ctx: typer.Context,
    url: Annotated[
        str | None,
        typer.Argument(
            help="A SQLAlchemy database URL: sqlite:///shop.db, postgresql://user@host/db, "
            "mysql+pymysql://user@host/db (or --targets FILE for many)."
        ),
    ] = None,
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
    write: Annotated[
        bool,
        typer.Option(
            "--write",
            help="Write the personal columns into the inventory's systems.yaml as suggestions "
            "for --system (a re-scan keeps accepted and rejected fields).",
        ),
    ] = False,
    system: Annotated[
        str | None, typer.Option("--system", help="The system's id, for --write.")
    ] = None,
    name: Annotated[
        str | None, typer.Option("--name", help="The system's name, for a new system.")
    ] = None,
    targets: Annotated[
        Path | None,
        typer.Option(
            "--targets",
            help="Scan every database FILE lists: one URL, or an id and a URL, a line; "
            "${VAR} is read from the environment. With --write, each id is its system.",
        ),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            help="Processes that read and classify a database's tables side by side (the "
            "report is the same); with --targets, databases scanned at once.",
        ),
    ] = 1,
    as_json: JsonFlag = False,
) -> None:
    """Scan a database: which columns hold personal data, which fideslang category, which of
    the inventory's categories, how sure, and the evidence (name rules, value recognisers).

    Sampled values stay in memory: the report holds only match counts and rates. The database
    is opened read-only."""
    from catalog.scanning.database import scan_database
    from catalog.scanning.mapping import category_for

    if targets is not None:
        if url is not None:
            raise BadRequest("give a database URL or --targets FILE, not both")
        if system or name:
            raise BadRequest("with --targets, each target's id names its system: no --system")
        _scan_targets(ctx, targets, jobs, sample, schema, table, every, write, as_json)
        return
    if url is None:
        raise BadRequest("give a database URL to scan, or --targets FILE")
    if jobs < 1:
        raise BadRequest("--jobs must be 1 or more")
    if write and not system:
        raise BadRequest("--write needs --system ID: the system the fields belong to")
    state = state_of(ctx)
    report = scan_database(
        url, sample=sample, schemas=schema or None, tables=table or None, jobs=jobs
    )
    entries = state.engine.name_index().source
    for f in report.fields:
        f.category = category_for(f.fideslang, entries)
    if write and system:
        if report.tables == 0:
            # Written, it would drop every field the system has: never on a scan of nothing.
            raise ScanFailed(f"found no table in {report.database}: nothing written")
        changes = _write(state, report, system, name, schema or None, table or None)
        if as_json:
            state.json({"scan": report.to_json(), "changes": changes.to_json()})
        else:
            render_scan(state.out, report, every, table=every)
            render_changes(state.out, changes)
        for s in changes.skipped:
            state.err.print(
                f"warning: field {shorten(s.field)!r} not written: {s.detail}", soft_wrap=True
            )
        return
    if as_json:
        state.json(report.to_json())
    else:
        render_scan(state.out, report, every)


def _scan_targets(
    ctx: typer.Context,
    path: Path,
    jobs: int,
    sample: int,
    schema: list[str] | None,
    table: list[str] | None,
    every: bool,
    write: bool,
    as_json: bool,
) -> None:
    """`scan --targets`: one result per database; one failing does not stop the others, and
    the run exits 1 at the end, each failure on a line of its own."""
    from catalog.scanning.mapping import category_for
    from catalog.scanning.targets import read_targets, scan_targets

    state = state_of(ctx)
    listed = read_targets(path)
    if write:
        unnamed = [str(t.line) for t in listed if t.id is None]
        if unnamed:
            raise BadRequest(
                f"--write needs an id before each URL in {path} (the system it is written to); "
                f"none on line(s) {', '.join(unnamed)}"
            )
        for t in listed:
            _check_id(str(t.id))
    results = scan_targets(
        listed, jobs=jobs, sample=sample, schemas=schema or None, tables=table or None
    )
    entries = state.engine.name_index().source
    written: dict[int, ScanChanges] = {}
    for r in results:
        if r.report is None:
            continue
        for f in r.report.fields:
            f.category = category_for(f.fideslang, entries)
        if write:
            if r.report.tables == 0:
                r.error = f"found no table in {r.report.database}: nothing written"
                continue
            try:
                changes = _write(state, r.report, str(r.target.id), None, schema, table)
            except InventoryInvalid as exc:
                first = exc.problems[0].render(Path.cwd()) if exc.problems else ""
                r.error = f"not written: the inventory would not load: {first}"
                continue
            except DatamapError as exc:
                r.error = f"not written: {exc.message}"
                continue
            r.extra["changes"] = changes.to_json()
            written[r.target.line] = changes
            for s in changes.skipped:
                state.err.print(
                    f"warning: {r.target.id}: field {shorten(s.field)!r} not written: {s.detail}",
                    soft_wrap=True,
                    markup=False,
                )
    if as_json:
        state.json({"targets": [r.to_json() for r in results]})
    else:
        for r in results:
            if r.report is not None and r.ok:
                rep = r.report
                state.out.print(
                    f"{r.target.label}: {rep.tables} table(s), {rep.columns} column(s): "
                    f"{rep.personal} hold personal data. {rep.seconds:.2f} s.",
                    markup=False,
                    soft_wrap=True,
                )
                if every:
                    render_scan(state.out, rep, every)
                if (c := written.get(r.target.line)) is not None:
                    verb = "created" if c.created else "updated"
                    state.out.print(
                        f"  {c.file}: system {c.system} {verb}: {c.suggested} suggestion(s), "
                        f"{c.decisions_kept} decision(s) kept.",
                        markup=False,
                        soft_wrap=True,
                    )
    failed = [r for r in results if not r.ok]
    for r in failed:
        where = r.target.id or r.target.shown
        state.err.print(f"error: {where}: {r.error}", markup=False, soft_wrap=True)
    if failed:
        raise ScanFailed(f"{len(failed)} of {len(results)} target(s) failed")


def _write(
    state: State,
    report: ScanReport,
    system_id: str,
    name: str | None,
    schemas: list[str] | None = None,
    tables: list[str] | None = None,
) -> ScanChanges:
    from catalog.scanning.systems_file import (
        dump_systems,
        find_system,
        merge_scan,
        put_system,
        read_systems,
    )

    _check_id(system_id)
    root = state.settings.inventory
    path, data = read_systems(root)
    merged, changes = merge_scan(
        find_system(data, system_id), report, system_id, name, schemas=schemas, tables=tables
    )
    put_system(data, merged)
    _write_validated(state, path, data, dump_systems)
    return changes


def _check_id(system_id: str) -> None:
    from catalog.model.schema import is_id

    if not is_id(system_id):
        raise BadRequest(
            f"{system_id!r} is not an id: lower-case ASCII letters, digits and single hyphens"
        )


def _write_validated(state: State, path: Path, data: dict[str, Any], dump: Any) -> None:
    """Write, then load the inventory in full; put the old file back if it no longer loads."""
    from catalog.loading.validation import check_inventory

    before = path.read_bytes() if path.exists() else None
    dump(path, data)
    _, problems = check_inventory(
        state.settings.inventory, max_file_bytes=state.settings.max_file_bytes
    )
    if problems:
        if before is None:
            path.unlink()
        else:
            path.write_bytes(before)
        raise InventoryInvalid(problems)


class SubjectChoice(StrEnum):
    customer = "customer"
    patient = "patient"
    employee = "employee"
    user = "user"
    contact = "contact"
    none = "none"


def review(
    ctx: typer.Context,
    system: Annotated[str, typer.Argument(help="The system's id.")],
    column: Annotated[
        str | None, typer.Argument(help="table.column (or schema.table.column) to decide on.")
    ] = None,
    accept: Annotated[bool, typer.Option("--accept", help="The field holds what it says.")] = False,
    reject: Annotated[
        bool, typer.Option("--reject", help="It does not: drop its category.")
    ] = False,
    category: Annotated[
        str | None, typer.Option("--category", help="The category it holds instead (an id).")
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="Why, for the next reviewer.")] = None,
    subject: Annotated[
        SubjectChoice | None,
        typer.Option(
            "--subject",
            help="Whom it is about, if the scan got it wrong ('none': nobody of these).",
        ),
    ] = None,
    by: Annotated[
        str | None, typer.Option("--by", help="Who decides (recorded with the date).")
    ] = None,
    rename: Annotated[
        str | None, typer.Option("--rename", help="Drafted facts: the name it should have.")
    ] = None,
    key: Annotated[
        str | None,
        typer.Option("--key", help="Drafted data items: the fideslang key it should have."),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Review a scanned system's fields, or (`review draft`) a drafted inventory's facts: list
    them, or accept, reject, rename or re-key one. Decisions survive every re-scan and
    every re-draft."""
    state = state_of(ctx)
    if system == "draft":
        from catalog.cli.drafting import review_draft

        review_draft(
            state, column, accept=accept, reject=reject, rename=rename, key=key, note=note,
            by=by, as_json=as_json,
        )  # fmt: skip
        return
    if rename or key:
        raise BadRequest("--rename and --key are for drafted facts (datamap review draft ...)")
    from catalog.scanning.systems_file import dump_systems, find_system, read_systems, set_status

    path, data = read_systems(state.settings.inventory)
    found = find_system(data, system)
    if found is None:
        known = (
            ", ".join(str(s.get("id")) for s in data["systems"])
            or "none yet (datamap scan --write)"
        )
        raise BadRequest(f"no system {system!r} in {path.name} (there are: {known})")
    if column is None:
        fields = found.get("fields") or []
        if as_json:
            state.json({"system": system, "fields": fields})
            return
        from catalog.cli.render import rows_table

        order = {"suggested": 0, "accepted": 1, "rejected": 2}
        rows = []
        # what needs a person again first: no longer matching, then gone, then the rest
        for f in sorted(
            fields,
            key=lambda f: (
                not f.get("no_longer_matching"),
                not f.get("gone"),
                order.get(f.get("status", "suggested"), 3),
            ),
        ):
            where = ".".join(
                str(x) for x in (f.get("schema"), f.get("table"), f.get("column")) if x
            )
            sure = (f.get("scan") or {}).get("confidence")
            rows.append(
                (
                    where,
                    str(f.get("fideslang") or "-")
                    + (f" (special: {special})" if (special := marks(f.get("fideslang"))) else ""),
                    str(f.get("category") or "-"),
                    str(f.get("subject") or "-"),
                    str(f.get("status", "suggested")) + _review_marks(f),
                    f"{sure:.2f}" if isinstance(sure, int | float) else "-",
                )
            )
        rows_table(
            state.out,
            f"{found.get('name', system)} [{system}]: {len(fields)} field(s)",
            ("Field", "Holds", "Category", "About", "Status", "Sure"),
            rows,
        )
        return
    if accept == reject:
        raise BadRequest("say --accept or --reject")
    field = set_status(
        found,
        column,
        "accepted" if accept else "rejected",
        category=state.engine.resolve(category, (Label.DataCategory,)) if category else None,
        note=note,
        by=by,
        subject=subject.value if subject is not None else None,
    )
    _write_validated(state, path, data, dump_systems)
    if as_json:
        state.json(field)
    else:
        state.out.print(f"{system}: {column} {field['status']}", markup=False)


def shorten(name: str, limit: int = 80) -> str:
    """A field's name as a line may show it: a name of hundreds of characters, cut."""
    return name if len(name) <= limit else f"{name[: limit - 20]}… ({len(name)} characters)"


def _why(f: ScanField) -> str:
    parts = []
    for e in f.evidence:
        if e.get("kind") == "name":
            parts.append(f"name: {e.get('detail')}")
        elif e.get("kind") == "values" and "recogniser" in e:
            parts.append(
                f"values: {e['matched']}/{e['sampled']} {e['recogniser'].replace('_', ' ')}"
            )
        elif e.get("kind") == "learned":
            # the terminal keeps it short; --json has the whole sentence and the features
            said = f"learned: {round(e['score'] * 100)}% personal"
            if e.get("key_detail"):
                said += f" ({e['key_detail']})"  # why this kind when no rule named one
            parts.append(said)
        elif e.get("detail"):
            parts.append(str(e["detail"]))
    return "; ".join(parts) or "-"


def render_scan(console: Console, r: ScanReport, every: bool = False, table: bool = True) -> None:
    console.print(Text(f"Scan of {r.database}", style="bold"))
    console.print(
        f"{r.tables} table(s), {r.columns} column(s): {r.personal} hold personal data. "
        f"At most {r.sample_limit} values read per column; none kept. {r.seconds:.2f} s.",
        markup=False,
    )
    personal = [f for f in r.fields if f.personal]
    if about := about_line([f.subject for f in personal]):
        console.print(f"About: {about}.", markup=False)
    special = [f for f in personal if marks(f.fideslang)]
    if special:
        console.print(
            f"Special categories: {len(special)} column(s) "
            f"({short(r for f in special for r in special_categories(f.fideslang))}).",
            style="bold",
            markup=False,
        )
    shown = [f for f in r.fields if f.personal or every] if table else []
    if shown:
        grid = Table(show_lines=False)
        grid.add_column("Column", overflow="fold", ratio=3)
        grid.add_column("Type", overflow="fold", ratio=1)
        grid.add_column("Holds", overflow="fold", ratio=3)
        grid.add_column("Inventory", overflow="fold", ratio=2)
        grid.add_column("About", overflow="fold", ratio=1)
        grid.add_column("Sure", justify="right")
        grid.add_column("Why", overflow="fold", ratio=5)
        for f in shown:
            where = ".".join(x for x in (f.schema_, f.table, f.column) if x)
            holds: Any = f.fideslang or Text("not personal", style="dim")
            if flagged := marks(f.fideslang):
                holds = Text(str(holds)) + Text(f" special: {flagged}", style="bold red")
            grid.add_row(
                where,
                f.data_type,
                holds,
                f.category or "-",
                (f.subject or "-") if f.personal else "",
                f"{f.confidence:.2f}",
                _why(f),
            )
        console.print(grid)
    for s in r.skipped:
        console.print(
            f"skipped {s.schema_ + '.' if s.schema_ else ''}{s.table}: {s.reason}", markup=False
        )
    if shown and not every and r.columns > r.personal:
        console.print(
            "--all lists the other columns too; --json gives every field's evidence.", style="dim"
        )


def about_line(subjects: list[str | None]) -> str:
    """Whom the columns are about, most first: 'customers (12), employees (3)'."""
    counts: dict[str, int] = {}
    for s in subjects:
        if s:
            counts[s] = counts.get(s, 0) + 1
    return ", ".join(
        f"{PLURAL.get(s, s)} ({n})" for s, n in sorted(counts.items(), key=lambda x: (-x[1], x[0]))
    )


def render_changes(console: Console, c: ScanChanges) -> None:
    verb = "created" if c.created else "updated"
    console.print(
        f"{c.file}: system {c.system} {verb}: {c.suggested} suggestion(s), "
        f"{c.decisions_kept} decision(s) kept.",
        markup=False,
    )
    for title, items in (
        ("New", c.new),
        ("Renamed", c.renamed),
        ("Back", c.returned),
        ("Dropped", c.dropped),
        ("Type changed", c.retyped),
        ("Accepted, no longer matching", c.no_longer_matching),
        ("Not read", c.unread),
    ):
        for i in items:
            console.print(f"  {title}: {shorten(i.field)}: {i.detail}")
    console.print(
        f"Next: datamap review {c.system} (then --accept or --reject per field).", style="dim"
    )


class ImportSource(StrEnum):
    fides = "fides"


def import_(
    ctx: typer.Context,
    source: Annotated[ImportSource, typer.Argument(help="What to read: fides.")],
    folder: Annotated[
        Path, typer.Argument(help="A folder of Fides manifests (dataset and system YAML).")
    ],
    as_json: JsonFlag = False,
) -> None:
    """Import systems from Fides manifests into systems.yaml: each dataset's fields (accepted,
    declared by the manifest, with descriptions and fides_meta, nested ones too) and each
    system's privacy declarations, egress and ingress; a datamap export's review states come
    back. Keys fideslang 3 does not publish are mapped to their successor or kept, and reported.
    Systems of the same id are replaced; the inventory is validated before anything is kept."""
    from catalog.scanning.fides_import import import_fides
    from catalog.scanning.systems_file import dump_systems, put_system, read_systems

    if not folder.is_dir():
        raise BadRequest(f"no folder {folder}")
    state = state_of(ctx)
    imported = import_fides(folder, state.engine.name_index().source)
    path, data = read_systems(state.settings.inventory)
    for system in imported.systems:
        put_system(data, system)
    _write_validated(state, path, data, dump_systems)
    fields = sum(len(s.get("fields", [])) for s in imported.systems)
    if as_json:
        state.json(
            {
                "systems": [s["id"] for s in imported.systems],
                "fields": fields,
                "notes": imported.notes,
            }
        )
        return
    state.out.print(
        f"{path.name}: {len(imported.systems)} system(s), {fields} field(s) imported from {folder}",
        markup=False,
    )
    for note in imported.notes:
        state.err.print(f"note: {note}", markup=False)


def _review_marks(f: dict[str, Any]) -> str:
    """What a re-scan noticed of a field, after its status: why it needs a person again."""
    marks = []
    if isinstance(nlm := f.get("no_longer_matching"), dict):
        marks.append(f"no longer matching: {nlm.get('reason')}")
    if isinstance(gone := f.get("gone"), dict):
        marks.append(f"gone since {str(gone.get('at'))[:10]}: {gone.get('reason')}")
    if isinstance(moved := f.get("renamed_from"), dict):
        marks.append(f"renamed from {moved.get('from')}")
    return "".join(f"\n{m}" for m in marks)
