"""The regulator pack: every record, the activity sheets, the diagrams (SVG and PDF), the
JSON-LD, the provenance appendix and the policy text, linked from one HTML report, with a
manifest of SHA-256 sums. Written to a folder, or zipped when the target ends in .zip."""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from catalog import __version__, queries
from catalog.exports import cnil
from catalog.exports.html import render
from catalog.exports.jsonld import to_jsonld
from catalog.exports.records import ropa_csv, ropa_markdown
from catalog.exports.tables import ccpa_csv, ccpa_markdown, provenance_csv
from catalog.exports.xlsx import ccpa_xlsx, ropa_xlsx
from catalog.loading.policy import Policy
from catalog.model.kinds import Label
from catalog.queries.engine import QueryEngine

Progress = Any  # a callable(step: str) or None


@dataclass
class PackResult:
    path: Path
    files: list[str] = field(default_factory=list)


def build_pack(
    engine: QueryEngine, target: Path, policy: Policy | None = None, progress: Progress = None
) -> PackResult:
    """Write the pack; `policy` is the source text to include (the inventory's policy)."""
    if target.suffix == ".zip":
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / target.stem
            result = _build(engine, folder, policy, progress)
            target.parent.mkdir(parents=True, exist_ok=True)
            with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
                for name in result.files:
                    zf.write(folder / name, f"{target.stem}/{name}")
            return PackResult(target, result.files)
    return _build(engine, target, policy, progress)


def _build(engine: QueryEngine, out: Path, policy: Policy | None, progress: Progress) -> PackResult:
    from visualize import diagrams

    def step(text: str) -> None:
        if progress is not None:
            progress(text)

    if out.exists() and any(out.iterdir()):
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    files: list[str] = []

    def write(rel: str, data: str | bytes) -> str:
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
        files.append(rel)
        return rel

    view = engine.snapshot()
    meta = view.meta
    step("records")
    records = []
    for regime, title, note in (
        (
            "gdpr",
            "GDPR Article 30 record (controller)",
            "UK ICO template column order, controller, representative and DPO above the table.",
        ),
        (
            "ccpa",
            "CCPA record of processing",
            "Per activity: §1798.140 letters, business purposes, sold or shared.",
        ),
        (
            "pipl",
            "PIPL record of processing",
            "Per activity: PIPL legal bases and separate consents, sensitive information, cross-border transfers.",
        ),
    ):
        record = engine.ropa(regime)
        base = f"records/{regime}-record"
        paths = [
            ("CSV", write(f"{base}.csv", ropa_csv(record))),
            ("Excel", write(f"{base}.xlsx", ropa_xlsx(record))),
            ("Markdown", write(f"{base}.md", ropa_markdown(record))),
            (
                "JSON",
                write(f"{base}.json", json.dumps(record.to_json(), indent=2, ensure_ascii=False)),
            ),
        ]
        records.append(
            {
                "title": title,
                "note": note,
                "files": [{"label": label, "path": p} for label, p in paths],
            }
        )
    disclosure = queries.ccpa_disclosure(view)
    paths = [
        ("CSV", write("records/ccpa-disclosures.csv", ccpa_csv(disclosure))),
        ("Excel", write("records/ccpa-disclosures.xlsx", ccpa_xlsx(disclosure))),
        ("Markdown", write("records/ccpa-disclosures.md", ccpa_markdown(disclosure))),
        (
            "JSON",
            write(
                "records/ccpa-disclosures.json",
                json.dumps(disclosure.to_json(), indent=2, ensure_ascii=False),
            ),
        ),
    ]
    records.insert(
        1,
        {
            "title": "CCPA disclosures (11 CCR §7011(e))",
            "note": "Per §1798.140(v)(1) category: collected, sources, purposes, sold or shared, disclosed, sensitive, retention; minors, rights and requests.",
            "files": [{"label": label, "path": p} for label, p in paths],
        },
    )
    jsonld = write(
        "records/record.jsonld", json.dumps(to_jsonld(view), indent=2, ensure_ascii=False)
    )
    records.append(
        {
            "title": "JSON-LD in W3C DPV terms",
            "note": "dpv:PersonalDataHandling per activity; datamap:source holds the policy sentences.",
            "files": [{"label": "JSON-LD", "path": jsonld}],
        }
    )

    step("activity sheets")
    gdpr = engine.ropa("gdpr")
    activities = []
    for sheet in cnil.sheets(view, gdpr):
        aid = sheet.activity.id
        activities.append(
            {
                "name": sheet.activity.name,
                "html": write(f"activities/{aid}.html", cnil.sheet_html(sheet, gdpr)),
                "md": write(f"activities/{aid}.md", cnil.sheet_markdown(sheet, gdpr)),
            }
        )

    step("diagrams")

    def diagram(rel: str, graph: Any, title: str) -> dict[str, str]:
        return {
            "title": title,
            "svg": write(f"{rel}.svg", diagrams.render(graph, "svg")),
            "pdf": write(f"{rel}.pdf", diagrams.render(graph, "pdf")),
        }

    main = [
        diagram("diagrams/map", diagrams.data_map(view), "Data map"),
        diagram("diagrams/transfers", diagrams.transfers(view), "Cross-border transfers"),
        diagram("diagrams/sold", diagrams.sold(view), "What is sold or shared"),
    ]
    categories = [
        diagram(f"diagrams/categories/{c}", diagrams.category(view, c), view.name(c))
        for c in view.of_label(Label.DataCategory)
        if view.node(c).get("kind") == "category" and view.node(c).get("personal", True)
    ]
    recipients = [
        diagram(f"diagrams/recipients/{r}", diagrams.recipient(view, r), view.name(r))
        for r in view.of_label(Label.Recipient)
    ]

    step("provenance")
    facts = queries.provenance(view)
    write("provenance.csv", provenance_csv(facts))
    write(
        "provenance.html",
        render("provenance.html.j2", facts=facts, policy_title=meta.get("policy_title", "")),
    )
    policy_file = (
        "policy/" + engine.store.inventory.policy.path.name
        if getattr(engine.store, "inventory", None)
        else ""
    )
    if policy_file:
        write(policy_file, engine.store.inventory.policy.raw)
    counts = {
        "activities": len(gdpr.activities),
        "categories": len(view.of_label(Label.DataCategory)),
        "recipients": len(view.of_label(Label.Recipient)),
        "transfers": len(view.of_label(Label.Transfer)),
        "facts": len(facts),
    }
    write(
        "index.html",
        render(
            "report.html.j2",
            policy={
                "title": meta.get("policy_title", ""),
                "last_updated": meta.get("policy_last_updated", ""),
            },
            policy_file=policy_file or "provenance.html",
            fingerprint=meta.get("fingerprint", ""),
            counts=counts,
            records=records,
            activities=activities,
            main_diagrams=main,
            category_diagrams=categories,
            recipient_diagrams=recipients,
        ),
    )
    manifest = {
        "generator": f"datamap {__version__}",
        "policy": {
            "id": meta.get("policy_id"),
            "title": meta.get("policy_title"),
            "last_updated": meta.get("policy_last_updated"),
        },
        "inventory_fingerprint": meta.get("fingerprint"),
        "store": engine.store.name,
        "files": {
            name: hashlib.sha256((out / name).read_bytes()).hexdigest() for name in sorted(files)
        },
    }
    write("manifest.json", json.dumps(manifest, indent=2))
    return PackResult(out, files)
