"""The change log and the drift report for people: Markdown, and the terminal."""

from __future__ import annotations

import json

from rich.console import Console
from rich.text import Text

from catalog.model.text import md_cell
from catalog.review.changes.models import Change, DiffSide, DriftReport, InventoryDiff


def side_label(side: DiffSide) -> str:
    where = f"{side.revision} ({side.commit[:12]})" if side.revision and side.commit else side.label
    return (
        f"{where}, policy of {side.policy.get('last_updated', '?')}, fingerprint {side.fingerprint}"
    )


def _value(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "none"
    if value is None:
        return "none"
    return json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value


def change_text(c: Change) -> str:
    if c.change != "changed":
        return f"{c.change} {c.name}"
    parts = "; ".join(f"{f.field}: {_value(f.old)} → {_value(f.new)}" for f in c.fields)
    return f"changed {c.name}: {parts}"


def diff_markdown(d: InventoryDiff) -> str:
    s = d.summary
    out = [
        "# Changes to the record of processing",
        "",
        f"- **From** {side_label(d.old)}",
        f"- **To** {side_label(d.new)}",
        "",
        f"{s.added} added, {s.removed} removed, {s.changed} changed; **{s.material} material**.",
        "",
        "## Material changes",
        "",
    ]
    if d.material:
        out += [
            f"- **{md_cell('; '.join(c.material))}**: {md_cell(change_text(c))} (`{c.id}`)"
            for c in d.material
        ]
    else:
        out.append("None.")
    for section in d.sections:
        if not section.changes:
            continue
        out += [
            "",
            f"## {section.title}",
            "",
            "| Change | Entry | Details | Policy says |",
            "|---|---|---|---|",
        ]
        for c in section.changes:
            details = "; ".join(f"{f.field}: {_value(f.old)} → {_value(f.new)}" for f in c.fields)
            if c.material:
                details = ("**" + "; ".join(c.material) + "** " + details).strip()
            quote = f"“{c.sources[0].quote}”" if c.sources else ""
            out.append(
                f"| {c.change} | {md_cell(c.name)} (`{md_cell(c.id)}`) | {md_cell(details)} | {md_cell(quote)} |"
            )
    return "\n".join(out) + "\n"


def diff_terminal(console: Console, d: InventoryDiff) -> None:
    s = d.summary
    console.print(Text(f"From {side_label(d.old)}\nTo   {side_label(d.new)}", style="dim"))
    console.print(
        Text(
            f"{s.added} added, {s.removed} removed, {s.changed} changed; {s.material} material.",
            style="bold",
        )
    )
    if d.material:
        console.print(Text("\nMaterial changes", style="bold red"))
        for c in d.material:
            console.print(Text(f"  ! {'; '.join(c.material)}: {change_text(c)}"))
    for section in d.sections:
        if not section.changes:
            continue
        console.print(Text(f"\n{section.title}", style="bold"))
        for c in section.changes:
            mark = {"added": "+", "removed": "-", "changed": "~"}[c.change]
            style = {"added": "green", "removed": "red", "changed": "yellow"}[c.change]
            console.print(Text(f"  {mark} {change_text(c)}", style=style))


def drift_terminal(console: Console, r: DriftReport) -> None:
    missing = [f for f in r.facts if f.status == "missing"]
    moved = [f for f in r.facts if f.status == "moved"]
    console.print(
        Text(
            f"{r.new_policy}: {len(missing)} of {r.citations} citations are no longer in the text "
            f"({len(r.entries_to_review)} entries to review); {len(moved)} moved to another "
            f"section; {r.unchanged} unchanged.",
            style="bold",
        )
    )
    for f in missing:
        console.print(Text(f"\n{f.file}:{f.line}: {f.field}", style="red"))
        console.print(Text(f"  no longer in the policy: “{f.quote}” ({f.section})"))
        if f.closest:
            console.print(Text(f"  closest now ({f.similarity}%): “{f.closest}”", style="dim"))
    for f in moved:
        console.print(Text(f"\n{f.file}:{f.line}: {f.field}", style="yellow"))
        console.print(Text(f"  moved from '{f.section}' to '{f.now_in}': “{f.quote}”"))
    if r.sections_added:
        console.print(Text("\nNew sections: " + "; ".join(r.sections_added), style="cyan"))
    if r.sections_removed:
        console.print(Text("Sections gone: " + "; ".join(r.sections_removed), style="cyan"))
