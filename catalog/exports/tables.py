"""The CCPA §7011(e) disclosure and the provenance appendix as CSV and Markdown."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from catalog.exports.cells import csv_text
from catalog.exports.record_tables import NOT_STATED, cell
from catalog.model.results import CcpaDisclosure, CcpaRow, Fact, RopaItem
from catalog.model.text import md_cell

CCPA_COLUMNS: list[tuple[str, Callable[[CcpaRow], Any]]] = [
    ("Category of personal information (§1798.140(v)(1))", lambda r: r.category),
    ("What the policy says is collected", lambda r: r.collected),
    ("Categories of sources", lambda r: r.sources),
    ("Business or commercial purposes", lambda r: r.purposes),
    ("Sold or shared to (categories of third parties)", lambda r: r.sold_or_shared_to),
    ("Disclosed for a business purpose to", lambda r: r.disclosed_to),
    ("Sensitive personal information", lambda r: "Yes" if r.sensitive else NOT_STATED),
    ("Retention period", lambda r: r.retention),
]


def ccpa_rows(d: CcpaDisclosure) -> list[list[str]]:
    return [[cell(get(r)) for _, get in CCPA_COLUMNS] for r in d.rows]


def ccpa_statements(d: CcpaDisclosure) -> list[tuple[str, str]]:
    """The disclosures that are statements rather than table rows."""
    out = [
        (
            "Period covered",
            f"Personal information collected, sold, shared or disclosed in {d.period}",
        )
    ]
    for m in d.minors:
        out.append((f"Minors ({m.regime.name}, under {m.age}, {m.applies_to})", m.statement))
    out.append(("Opting out of sale or sharing", cell([_choice(o) for o in d.opt_outs])))
    out.append(
        ("Sensitive personal information", cell(d.sensitive_use) if d.sensitive_use else NOT_STATED)
    )
    out.append(("Consumer rights and how to exercise them", cell(d.rights)))
    out.append(("Request process, verification and authorized agents", cell(d.request_process)))
    return out


def _choice(o):  # a ChoiceOut as a record item
    detail = o.method + ("" if o.honoured else " (not honoured)")
    return RopaItem(id=o.id, name=o.name, detail=detail, sources=o.sources)


def ccpa_csv(d: CcpaDisclosure) -> str:
    return csv_text(
        [
            [title for title, _ in CCPA_COLUMNS],
            *ccpa_rows(d),
            [],
            *([label, value] for label, value in ccpa_statements(d)),
        ]
    )


def ccpa_markdown(d: CcpaDisclosure) -> str:
    lines = [
        "# CCPA disclosures (11 CCR §7011(e))",
        "",
        "| " + " | ".join(title for title, _ in CCPA_COLUMNS) + " |",
        "|" + "---|" * len(CCPA_COLUMNS),
    ]
    lines += ["| " + " | ".join(md_cell(v) for v in row) + " |" for row in ccpa_rows(d)]
    lines += ["", "| Statement | |", "|---|---|"]
    lines += [f"| {md_cell(k)} | {md_cell(v)} |" for k, v in ccpa_statements(d)]
    return "\n".join(lines) + "\n"


PROVENANCE_COLUMNS = [
    "Kind",
    "Subject",
    "Subject id",
    "Subject type",
    "Relation",
    "Object",
    "Object id",
    "Statement",
    "Inferred because",
    "Policy section",
    "Policy sentence",
]


def provenance_rows(facts: list[Fact]) -> list[list[str]]:
    return [
        [
            f.kind,
            f.subject.name,
            f.subject.id,
            f.subject_type,
            f.relation or "",
            f.object.name if f.object else "",
            f.object.id if f.object else "",
            f.statement,
            f.inferred or "",
            f.section,
            f.quote,
        ]
        for f in facts
    ]


def provenance_csv(facts: list[Fact]) -> str:
    return csv_text([PROVENANCE_COLUMNS, *provenance_rows(facts)])
