"""The regulator pack: every record, the activity sheets, the diagrams (SVG and PDF), the
JSON-LD, the provenance appendix and the policy text, linked from one HTML report, with a
manifest of SHA-256 sums. Written to a folder, or zipped when the target ends in .zip."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup

from catalog import __version__
from catalog.exports import cnil
from catalog.exports.documents import (
    CCPA_DISCLOSURES,
    JSONLD,
    PROVENANCE,
    RECORD,
    provenance_page,
)
from catalog.exports.formats import Document, Folder, Format, Options, Progress, for_file
from catalog.exports.html import render
from catalog.exports.policytext import policy_html
from catalog.model.kinds import Label
from catalog.queries import (
    DATA_MAP,
    EVERYTHING,
    ROPA,
    SHOW,
    TRANSFERS,
    WHAT_IS_SOLD,
    ccpa_disclosure,
    provenance,
)
from catalog.queries.engine import QueryEngine
from visualize import diagrams
from visualize.map import standalone


@dataclass
class PackResult:
    path: Path
    files: list[str] = field(default_factory=list)


def build_pack(
    engine: QueryEngine,
    target: Path,
    progress: Progress | None = None,
    findings: list[dict[str, str]] | None = None,
) -> PackResult:
    """Write the pack to a folder, or a zip when `target` ends in .zip. Everything in it,
    the policy text included, is read through the engine's store."""
    if target.suffix == ".zip":
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / target.stem
            result = _build(engine, folder, progress, findings)
            target.parent.mkdir(parents=True, exist_ok=True)
            with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
                for name in result.files:
                    zf.write(folder / name, f"{target.stem}/{name}")
            return PackResult(target, result.files)
    return _build(engine, target, progress, findings)


def _build(
    engine: QueryEngine,
    out: Path,
    progress: Progress | None,
    findings: list[dict[str, str]] | None = None,
) -> PackResult:
    def step(text: str) -> None:
        if progress is not None:
            progress(text)

    if out.exists() and any(out.iterdir()):
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    files: list[str] = []

    def write(rel: str, data: str | bytes) -> str:
        data = for_file(data, rel.rsplit(".", 1)[-1])
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
        files.append(rel)
        return rel

    view = engine.ask(EVERYTHING)
    meta = view.meta

    def document(base: str, export: Document, value: object) -> list[dict[str, str]]:
        return [
            {"label": f.label, "path": write(f"{base}.{f.name}", export.render(value, f.name))}
            for f in export.formats
        ]

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
        if not view.has(regime):
            continue  # a drafted notice that names no such law has no record under it
        record = engine.ask(ROPA, regime=regime)
        links = document(f"records/{regime}-record", RECORD, record)
        records.append({"title": title, "note": note, "files": links})
    if view.has("ccpa"):
        records.insert(
            min(1, len(records)),
            {
                "title": "CCPA disclosures (11 CCR §7011(e))",
                "note": "Per §1798.140(v)(1) category: collected, sources, purposes, sold or shared, disclosed, sensitive, retention; minors, rights and requests.",
                "files": document(
                    "records/ccpa-disclosures", CCPA_DISCLOSURES, ccpa_disclosure(view)
                ),
            },
        )
    records.append(
        {
            "title": "JSON-LD in W3C DPV terms",
            "note": "dpv:PersonalDataHandling per activity; datamap:source holds the policy sentences.",
            "files": document("records/record", JSONLD, view),
        }
    )

    step("activity sheets")
    activities = []
    gdpr = engine.ask(ROPA, regime="gdpr") if view.has("gdpr") else None
    if gdpr is not None:
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
    whole = [
        ("diagrams/overview", diagrams.overview(view), "Data map at a glance (one page, A3)"),
        ("diagrams/map", diagrams.data_map(view), "Data map in detail, by activity"),
        ("diagrams/transfers", diagrams.transfers(view), "Cross-border transfers"),
        ("diagrams/sold", diagrams.sold(view), "What is sold or shared"),
    ]
    per_category = [
        (f"diagrams/categories/{c}", diagrams.category(view, c), view.name(c))
        for c in view.of_label(Label.DataCategory)
        if view.node(c).get("kind") == "category" and view.node(c).get("personal", True)
    ]
    per_recipient = [
        (f"diagrams/recipients/{r}", diagrams.recipient(view, r), view.name(r))
        for r in view.of_label(Label.Recipient)
    ]
    # Each drawing is a `dot` process of its own: as many at once as there are cores.
    jobs = [
        (rel, graph, fmt)
        for rel, graph, _ in (*whole, *per_category, *per_recipient)
        for fmt in ("svg", "pdf")
    ]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        drawings = pool.map(lambda job: diagrams.render(job[1], job[2]), jobs)
        for (rel, _, fmt), data in zip(jobs, drawings, strict=True):
            write(f"{rel}.{fmt}", data)

    def entries(drawn: list[tuple[str, Any, str]]) -> list[dict[str, Any]]:
        return [
            {"title": title, "svg": f"{rel}.svg", "pdf": f"{rel}.pdf"} for rel, _, title in drawn
        ]

    main, categories, recipients = entries(whole), entries(per_category), entries(per_recipient)
    # The main diagrams inline in the report, as SVG: zoomable, their tooltips kept (an <img>
    # shrinks them and loses both).
    for d in main:
        d["inline"] = inline_svg((out / d["svg"]).read_text(encoding="utf-8"))

    step("provenance")
    facts = provenance(view)
    title = meta.get("policy_title", "")
    # The policy text travels with the graph, into Neo4j too: the pack ships it from either store.
    document_ = meta.get("policy_document") or {}
    raw = document_.get("raw", "")
    policy_file = f"policy/{meta.get('policy_id') or 'policy'}.txt" if raw else ""
    if policy_file:
        write(policy_file, raw)
        write("policy.html", policy_html(title, raw, facts))
    write("provenance.csv", PROVENANCE.render((facts, title, raw), "csv"))
    write("provenance.html", provenance_page((facts, title, raw), "policy.html" if raw else ""))
    step("map")
    map_data = engine.ask(DATA_MAP)
    shown = {n.id for n in map_data.nodes}
    entry_answers = {nid: engine.ask(SHOW, entry=nid).to_json() for nid in sorted(shown)}
    write("map.html", standalone(map_data.to_json(), entry_answers))

    step("summary")
    sold = engine.ask(WHAT_IS_SOLD)
    summary = {
        "controller": [
            {"name": p.name, "address": p.address or "", "role": p.role}
            for p in (gdpr.controller if gdpr else [])
        ],
        "representative": [
            {"name": p.name, "address": p.address or ""}
            for p in (gdpr.representative if gdpr else [])
        ],
        "dpo": [p.name for p in (gdpr.data_protection_officer if gdpr else [])],
        "sold": [
            {
                "name": r.name,
                "how": " and ".join(w for w, on in (("sold", r.sale), ("shared", r.share)) if on),
            }
            for r in sold.recipients
        ],
        "sold_categories": [c.name for c in sold.categories],
        "opt_outs": [o.name for o in sold.opt_outs],
        "transfers": [
            {
                "name": t.name,
                "from": t.from_region.name,
                "to": t.to_region.name,
                "regime": t.regime.name,
                "mechanisms": "; ".join(m.name for m in t.mechanisms) or "none stated",
            }
            for t in engine.ask(TRANSFERS).transfers
        ],
        "findings": findings,
    }
    counts = {
        "activities": len(view.of_label(Label.ProcessingActivity)),
        "categories": len(view.of_label(Label.DataCategory)),
        "recipients": len(view.of_label(Label.Recipient)),
        "transfers": len(view.of_label(Label.Transfer)),
        "facts": len(facts),
        # the one definition of "policy sentences cited", as the provenance appendix counts it
        "sentences": len({(f.section, f.quote) for f in facts}),
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
            summary=summary,
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


def write_pack(engine: QueryEngine, output: Path, fmt: str, options: Options) -> str:
    target = output.with_suffix(".zip") if fmt == "zip" and output.suffix != ".zip" else output
    findings = options.findings(engine) if options.findings is not None else None
    result = build_pack(engine, target, options.progress, findings)
    return f"wrote {len(result.files)} files to {result.path}; open index.html"


PACK = Folder(
    "pack",
    "Everything above, with diagrams, the policy text and an index.html (a folder or a .zip)",
    (Format("folder", "inode/directory", "Folder"), Format("zip", "application/zip", "Zip")),
    write_pack,
)


def inline_svg(svg: str) -> Markup:
    """Graphviz's SVG without its XML prologue, to sit inside an HTML page (Graphviz escapes
    every label it writes), and with no link to a script whatever it was given."""
    start = svg.find("<svg")
    return Markup(diagrams.safe_svg(svg[start:] if start >= 0 else svg))
