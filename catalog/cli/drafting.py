"""`datamap draft`: a cited inventory drafted from any privacy policy, and its review."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from catalog.cli.render import rows_table
from catalog.cli.state import JsonFlag, State, state_of
from catalog.errors import BadRequest

_LISTS = (
    ("collected", "data collected"), ("recipients", "recipients"), ("flows", "flows"),
    ("sold_or_shared", "sold or shared"), ("purposes", "purposes"), ("transfers", "transfers"),
    ("retention", "retention statements"), ("rights", "rights"), ("choices", "choices"),
    ("children", "statements on children"),
)  # fmt: skip


def draft(
    ctx: typer.Context,
    policy: Annotated[Path, typer.Argument(help="The policy: plain text, Markdown or HTML.")],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the inventory folder here (drafting again keeps "
            "every review decision and reports the sentences that changed).",
        ),
    ] = None,
    company: Annotated[
        str | None, typer.Option("--company", help="The company's name, for the controller.")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Draft a cited inventory from a privacy policy: every fact with its verbatim sentence,
    section and confidence, marked as a draft until reviewed."""
    from catalog.drafting import draft_document, read_policy
    from catalog.drafting.folder import build_folder

    state = state_of(ctx)
    doc = read_policy(policy)
    if output is not None:
        if output.exists() and not output.is_dir():
            raise BadRequest(f"{output} is a file; -o names a folder")
        if output.is_dir() and _foreign(output):
            raise BadRequest(
                f"{output} holds an inventory not drafted by datamap; name another folder"
            )
        report = build_folder(output, doc, company)
        _warn(state, policy, report.warnings)
        if as_json:
            state.json(report.to_json())
            return
        _print_redraft(state, report)
        return
    result = draft_document(doc, company).to_json()
    _warn(state, policy, result["warnings"])
    if as_json:
        state.json(result)
        return
    _print_summary(state, policy, result)


def _warn(state: State, policy: Path, warnings: list[str]) -> None:
    for w in warnings:  # (on stderr: --json keeps stdout for the draft alone)
        state.err.print(f"warning: {policy.name}: {w}", markup=False, soft_wrap=True)


def _foreign(folder: Path) -> bool:
    for path in folder.glob("*.yaml"):
        head = path.read_text(encoding="utf-8", errors="replace")[:40]
        if not head.startswith("# Drafted by"):
            return True
    return False


def _print_summary(state: State, policy: Path, result: dict[str, Any]) -> None:
    meta = result["policy"]
    state.out.print(
        f"{policy.name}: {meta['words']} words, {meta['sentences']} sentences"
        + (f", last updated {meta['last_updated']}" if meta["last_updated"] else "")
        + ". A draft: every fact is datamap's reading of the sentence quoted.",
        markup=False,
    )
    table = Table(show_header=True, header_style="bold")
    table.add_column("Read", overflow="fold")
    table.add_column("Facts", justify="right")
    table.add_column("For example", overflow="fold")
    for key, label in _LISTS:
        rows = result[key]
        example = ""
        if rows:
            first = rows[0]
            what = first.get("name") or first.get("kind") or first.get("right") or ""
            example = f"{what}: “{_cut(first['quote'], 90)}”"
        table.add_row(label, str(len(rows)), Text(example))
    state.out.print(table)
    state.out.print(
        "Write the inventory with -o FOLDER, or print every fact with --json.", markup=False
    )


def _print_redraft(state: State, report: Any) -> None:
    state.out.print(
        f"wrote {report.folder}: {', '.join(report.written)}; `datamap -i {report.folder} "
        "validate` accepts it.",
        markup=False,
    )
    if report.kept or report.orphaned:
        state.out.print(
            f"{report.kept} review decision(s) kept"
            + (f"; {len(report.orphaned)} no longer apply (their fact is not read any more): "
               + ", ".join(d["fact"] for d in report.orphaned) if report.orphaned else ""),
            markup=False,
        )  # fmt: skip
    if report.added or report.changed or report.removed:
        state.out.print(
            f"The policy changed: {len(report.added)} sentence(s) added, {len(report.changed)} "
            f"changed, {len(report.removed)} removed.",
            markup=False,
        )
        for s in report.added[:10]:
            state.out.print(f"  + {_cut(s, 110)}", markup=False)
        for old, new in report.changed[:10]:
            state.out.print(f"  ~ {_cut(old, 52)} → {_cut(new, 52)}", markup=False)
        for s in report.removed[:10]:
            state.out.print(f"  - {_cut(s, 110)}", markup=False)
    if report.dropped:
        state.out.print(
            "left out to keep the inventory valid: " + ", ".join(report.dropped), markup=False
        )


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def review_draft(
    state: State,
    fact: str | None,
    *,
    accept: bool,
    reject: bool,
    rename: str | None,
    key: str | None,
    note: str | None,
    by: str | None,
    as_json: bool,
) -> None:
    """`datamap review draft [FACT]`: list the drafted facts, or decide on one."""
    from catalog.drafting.folder import decide, draft_folder_facts

    folder = state.settings.inventory
    if not (folder / "draft").is_dir():
        raise BadRequest(
            f"{folder} is not a drafted inventory; give one with -i (datamap draft -o FOLDER)"
        )
    if fact is None:
        facts = draft_folder_facts(folder)
        if as_json:
            state.json({"inventory": str(folder), "facts": facts})
            return
        rows = [
            (
                f["id"], f["kind"], _cut(str(f["name"] or ""), 60),
                f["fideslang"] or f["role"] or "-",
                f"{f['confidence']:.2f}" if isinstance(f["confidence"], int | float) else "-",
                f["status"],
            )
            for f in facts
        ]  # fmt: skip
        rows_table(
            state.out,
            f"{folder}: {len(facts)} drafted fact(s)",
            ("Fact", "Kind", "Name", "Key / role", "Sure", "Status"),
            rows,
        )
        return
    if accept and reject:
        raise BadRequest("say --accept or --reject, not both")
    if not (accept or reject or rename or key):
        raise BadRequest("say --accept, --reject, --rename NAME or --key FIDESLANG_KEY")
    status = "accepted" if accept else "rejected" if reject else None
    decision = decide(folder, fact, status=status, rename=rename, key=key, note=note, by=by)
    if as_json:
        state.json(decision)
    else:
        what = status or ("renamed" if rename else "re-keyed")
        state.out.print(f"draft: {fact} {what}", markup=False)
