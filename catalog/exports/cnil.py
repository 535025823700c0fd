"""CNIL-style sheets: one page per processing activity, with retention per data category.

The CNIL's record template gives each activity a sheet (controller and contacts, purposes,
categories of persons and of data with how long each is kept, recipients, transfers outside the
EU with their safeguards, security measures). Retention per category comes from the rules that
govern the activity and apply to that category or a category it belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from catalog.exports.formats import Folder, Format, Options
from catalog.exports.html import render
from catalog.graph.view import GraphView
from catalog.model.kinds import Rel
from catalog.model.results import Ropa, RopaActivity, RopaItem
from catalog.queries import EVERYTHING, ROPA
from catalog.queries.common import cites
from catalog.queries.engine import QueryEngine


@dataclass
class CategoryRetention:
    category: RopaItem
    rules: list[RopaItem]
    sensitive: bool


@dataclass
class Sheet:
    activity: RopaActivity
    retention: list[CategoryRetention]


def sheets(view: GraphView, record: Ropa) -> list[Sheet]:
    out = []
    for a in record.activities:
        governing = {r.id for r in a.retention}
        per_category = []
        for c in a.data_categories:
            family = {c.id, *view.ancestors(c.id)}
            rules = []
            for rid in view.sort(governing):
                scope = set(view.out(rid, Rel.APPLIES_TO))
                if not scope or scope & family:
                    n = view.node(rid)
                    rules.append(
                        RopaItem(
                            id=rid,
                            name=view.name(rid),
                            detail=n.get("period"),
                            sources=cites(n.get("sources")),
                        )
                    )
            per_category.append(CategoryRetention(c, rules, bool(view.node(c.id).get("sensitive"))))
        out.append(Sheet(a, per_category))
    return out


def sheet_markdown(sheet: Sheet, record: Ropa) -> str:
    return render("cnil.md.j2", sheet=sheet, record=record)


def sheet_html(sheet: Sheet, record: Ropa) -> str:
    return render("cnil.html.j2", sheet=sheet, record=record)


def write_sheets(engine: QueryEngine, output: Path, fmt: str, options: Options) -> str:
    record = engine.ask(ROPA, regime="gdpr")
    output.mkdir(parents=True, exist_ok=True)
    page = sheet_html if fmt == "html" else sheet_markdown
    for sheet in sheets(engine.ask(EVERYTHING), record):
        (output / f"{sheet.activity.id}.{fmt}").write_text(page(sheet, record), encoding="utf-8")
    return f"wrote {len(record.activities)} activity sheets to {output}"


SHEETS = Folder(
    "cnil",
    "A CNIL-style sheet per processing activity (a folder)",
    (Format("html", "text/html", "HTML"), Format("md", "text/markdown", "Markdown")),
    write_sheets,
)
