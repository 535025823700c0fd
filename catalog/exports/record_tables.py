"""Records of processing as CSV and Markdown, with each regime's columns in its expected order.

GDPR follows the UK ICO controller template's column order (after a leading activity column).
Every cell lists its entries as `name (detail)`, flagged `[general]` when a general statement of
the policy puts it there and `[inferred]` when it is datamap's reading; an empty cell says
"Not stated in the policy". Markdown numbers the policy sentences each activity rests on.
"""

from __future__ import annotations

from collections.abc import Callable

from catalog.exports.cells import csv_text
from catalog.model.results import Citation, Ropa, RopaActivity, RopaItem
from catalog.model.text import md_cell

NOT_STATED = "Not stated in the policy"

Column = tuple[str, Callable[[RopaActivity], list[RopaItem] | str]]

GDPR_COLUMNS: list[Column] = [
    ("Business function", lambda a: a.business_function),
    ("Purpose of processing", lambda a: a.purposes),
    ("Name and contact details of joint controller (if applicable)", lambda a: a.joint_controllers),
    ("Categories of individuals", lambda a: a.data_subjects),
    ("Categories of personal data", lambda a: a.data_categories),
    ("Categories of recipients", lambda a: a.recipients),
    ("Link to contract with processor", lambda a: a.processor_contracts),
    (
        "Names of third countries or international organisations that personal data are transferred to (if applicable)",
        lambda a: a.third_countries,
    ),
    (
        "Safeguards for exceptional transfers of personal data to third countries or international organisations (if applicable)",
        lambda a: a.transfer_safeguards,
    ),
    ("Retention schedule (if possible)", lambda a: a.retention),
    (
        "General description of technical and organisational security measures (if possible)",
        lambda a: a.security_measures,
    ),
    ("Article 6 lawful basis for processing personal data", lambda a: a.legal_bases),
    (
        "Article 9 basis for processing special category data",
        lambda a: a.special_category_conditions,
    ),
    ("Legitimate interests for the processing (if applicable)", lambda a: a.legitimate_interests),
    ("Rights available to individuals", lambda a: a.rights),
    (
        "Existence of automated decision-making, including profiling (if applicable)",
        lambda a: a.automated_decision_making,
    ),
    ("Source of personal data (if applicable)", lambda a: a.data_sources),
]

CCPA_COLUMNS: list[Column] = [
    ("Business function", lambda a: a.business_function),
    ("Categories of personal information (§1798.140(v)(1))", lambda a: a.data_categories),
    ("Categories of sources", lambda a: a.data_sources),
    ("Business or commercial purposes", lambda a: a.purposes),
    ("Categories of third parties to whom sold or shared", lambda a: a.sold_or_shared),
    ("Categories of recipients", lambda a: a.recipients),
    ("Sensitive personal information", lambda a: a.sensitive_categories),
    ("Retention", lambda a: a.retention),
    ("Consumer rights", lambda a: a.rights),
]

PIPL_COLUMNS: list[Column] = [
    ("Business function", lambda a: a.business_function),
    ("Purposes of processing", lambda a: a.purposes),
    ("Categories of individuals", lambda a: a.data_subjects),
    ("Categories of personal information", lambda a: a.data_categories),
    ("Sensitive personal information", lambda a: a.sensitive_categories),
    ("Legal bases (PIPL Art. 13) and separate consents", lambda a: a.legal_bases),
    ("Recipients", lambda a: a.recipients),
    ("Cross-border transfers", lambda a: a.transfers),
    ("Countries outside the PRC", lambda a: a.third_countries),
    ("Transfer safeguards", lambda a: a.transfer_safeguards),
    ("Retention", lambda a: a.retention),
    ("Security measures", lambda a: a.security_measures),
    ("Rights of individuals", lambda a: a.rights),
    ("Source of personal information", lambda a: a.data_sources),
]

REGIME_COLUMNS: dict[str, list[Column]] = {
    "gdpr": GDPR_COLUMNS,
    "ccpa": CCPA_COLUMNS,
    "pipl": PIPL_COLUMNS,
}
FIRST_COLUMN = "Processing activity"
LAST_COLUMN = "Policy sections relied on"


def columns_for(regime_id: str) -> list[Column]:
    return REGIME_COLUMNS.get(regime_id, GDPR_COLUMNS)


def header(regime_id: str) -> list[str]:
    return [FIRST_COLUMN, *(c[0] for c in columns_for(regime_id)), LAST_COLUMN]


def item_text(item: RopaItem, refs: Callable[[list[Citation]], str] | None = None) -> str:
    text = item.name + (f" ({item.detail})" if item.detail else "")
    if item.general:
        text += " [general]"
    if item.inferred:
        text += " [inferred]"
    if item.draft:
        text += " [draft]"
    if refs is not None:
        text += refs(item.sources)
    return text


def cell(value: list[RopaItem] | str, refs: Callable[[list[Citation]], str] | None = None) -> str:
    if isinstance(value, str):
        return value or NOT_STATED
    return "; ".join(item_text(i, refs) for i in value) or NOT_STATED


def rows(ropa: Ropa) -> list[list[str]]:
    cols = columns_for(ropa.regime.id)
    out = []
    for a in ropa.activities:
        sections = sorted({c.section for c in _all_citations(a, cols)})
        out.append([a.name, *(cell(get(a)) for _, get in cols), "; ".join(sections)])
    return out


def _all_citations(a: RopaActivity, cols: list[Column]) -> list[Citation]:
    found = list(a.sources)
    for _, get in cols:
        value = get(a)
        if not isinstance(value, str):
            for item in value:
                found.extend(item.sources)
    return found


def ropa_csv(ropa: Ropa) -> str:
    return csv_text([header(ropa.regime.id), *rows(ropa)])


def parties_lines(ropa: Ropa) -> list[tuple[str, str]]:
    """The controller, representative and DPO block that heads the record."""
    out = []
    for label, parties in (
        ("Controller", ropa.controller),
        ("Representative", ropa.representative),
        ("Data protection officer", ropa.data_protection_officer),
    ):
        if not parties:
            out.append((label, NOT_STATED))
        for p in parties:
            bits = [p.name]
            if p.address:
                bits.append(p.address)
            bits.extend(p.contacts)
            out.append((label, " · ".join(bits) + (" [inferred]" if p.inferred else "")))
    return out


def ropa_markdown(ropa: Ropa) -> str:
    cols = columns_for(ropa.regime.id)
    lines = [
        f"# Record of processing activities: {md_cell(ropa.regime.name)}",
        "",
        f"Law: {md_cell(ropa.law)}  ",
        f"Source: {md_cell(ropa.policy.get('title', ''))}, last updated {md_cell(ropa.policy.get('last_updated', ''))}",
        "",
        "| | |",
        "|---|---|",
    ]
    lines += [f"| {k} | {md_cell(v)} |" for k, v in parties_lines(ropa)]
    lines += [
        "",
        "Entries marked [general] come from a statement the policy makes for personal "
        "information in general; [inferred] marks datamap's reading where the policy does not "
        "say it in so many words; [draft] marks what `datamap draft` read and no person has "
        "accepted yet. Numbers in brackets point to the policy sentences listed under each "
        "activity.",
    ]
    for a in ropa.activities:
        index: list[Citation] = []

        def refs(sources: list[Citation], index: list[Citation] = index) -> str:
            nums = []
            for c in sources:
                if c not in index:
                    index.append(c)
                nums.append(index.index(c) + 1)
            return "".join(f"[{n}]" for n in sorted(set(nums)))

        lines += [
            "",
            f"## {md_cell(a.name)}",
            "",
            f"`{a.id}`" + (f": {md_cell(a.description)}" if a.description else ""),
            "",
        ]
        lines += ["| Field | Entry |", "|---|---|"]
        for title, get in cols:
            lines.append(f"| {md_cell(title)} | {md_cell(cell(get(a), refs))} |")
        refs(a.sources)
        lines += ["", "Policy sentences:", ""]
        lines += [
            f"{i}. {md_cell(c.section)}: “{md_cell(c.quote)}”" for i, c in enumerate(index, 1)
        ]
    return "\n".join(lines) + "\n"
