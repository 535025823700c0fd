"""The exports written as one file per format: records of processing, the CCPA disclosure
table, the JSON-LD and the provenance appendix. The pack writes the same documents."""

from __future__ import annotations

import json
from typing import Any

from catalog.exports.formats import Document, Format, Options
from catalog.exports.html import render as render_html
from catalog.exports.jsonld import to_jsonld
from catalog.exports.policytext import grouped, locate
from catalog.exports.record_tables import ropa_csv, ropa_markdown
from catalog.exports.tables import ccpa_csv, ccpa_markdown, provenance_csv
from catalog.exports.xlsx import ccpa_xlsx, ropa_xlsx
from catalog.model.results import Model
from catalog.queries import EVERYTHING, ROPA, ccpa_disclosure, provenance
from catalog.queries.engine import QueryEngine

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _json(value: Model) -> str:
    return json.dumps(value.to_json(), indent=2, ensure_ascii=False)


def _table_formats(csv: Any, xlsx: Any, md: Any) -> tuple[Format, ...]:
    """CSV, Excel, Markdown and JSON, in the order the pack's index lists them."""
    return (
        Format("csv", "text/csv", "CSV", csv),
        Format("xlsx", XLSX, "Excel", xlsx),
        Format("md", "text/markdown", "Markdown", md),
        Format("json", "application/json", "JSON", _json),
    )


def _record(engine: QueryEngine, options: Options) -> Any:
    return engine.ask(ROPA, regime=options.regime)


RECORD = Document(
    "ropa",
    "The record of processing activities of a regime (GDPR Art. 30 by default; --regime)",
    _record,
    _table_formats(ropa_csv, ropa_xlsx, ropa_markdown),
)
PIPL_RECORD = Document(
    "pipl",
    "The PIPL record of processing",
    lambda engine, _: engine.ask(ROPA, regime="pipl"),
    RECORD.formats,
)
CCPA_DISCLOSURES = Document(
    "ccpa",
    "The CCPA 11 CCR §7011(e) disclosure table",
    lambda engine, _: ccpa_disclosure(engine.ask(EVERYTHING)),
    _table_formats(ccpa_csv, ccpa_xlsx, ccpa_markdown),
)
JSONLD = Document(
    "jsonld",
    "The record in W3C DPV terms",
    lambda engine, _: engine.ask(EVERYTHING),
    (
        Format(
            "jsonld",
            "application/ld+json",
            "JSON-LD",
            lambda view: json.dumps(to_jsonld(view), indent=2, ensure_ascii=False),
        ),
    ),
)


def _provenance(engine: QueryEngine, _: Options) -> tuple[list[Any], str, str]:
    view = engine.ask(EVERYTHING)
    raw = (view.meta.get("policy_document") or {}).get("raw", "")
    return provenance(view), view.meta.get("policy_title", ""), raw


def provenance_page(found: tuple[list[Any], str, str], policy_page: str = "") -> str:
    """The appendix grouped by entry, in plain words; with `policy_page` (the pack's marked
    policy text), each fact links to its sentence there."""
    facts, title, raw = found
    anchors = locate(raw, facts)[1] if raw and policy_page else {}
    return render_html(
        "provenance.html.j2",
        entries=grouped(facts, anchors),
        count=len(facts),
        sentences=len({(f.section, f.quote) for f in facts}),
        policy_title=title,
        policy_page=policy_page,
    )


PROVENANCE = Document(
    "provenance",
    "Every fact and the policy sentence it rests on",
    _provenance,
    (
        Format("csv", "text/csv", "CSV", lambda found: provenance_csv(found[0])),
        Format(
            "html",
            "text/html",
            "HTML",
            provenance_page,
        ),
    ),
)
