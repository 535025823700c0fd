"""Fides manifests out: each system with fields as a fideslang `dataset` (collections by table,
each field with its data category key), each system as a fideslang `system` with its egress.
The graph stays datamap's; this is what Fides can read of it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from catalog.exports.formats import Folder, Format, Options
from catalog.graph.view import GraphView
from catalog.model.kinds import Label, Rel
from catalog.queries.engine import QueryEngine


def fides_type(sql: str) -> str:
    """A column's SQL type in Fides' words (string, integer, float, boolean)."""
    t = sql.lower()
    if any(w in t for w in ("bool",)):
        return "boolean"
    if any(w in t for w in ("int", "serial")):
        return "integer"
    if any(w in t for w in ("numeric", "decimal", "float", "double", "real", "money")):
        return "float"
    if any(w in t for w in ("json", "jsonb")):
        return "object"
    return "string"


def fides_key(nid: str) -> str:
    return nid.replace("-", "_")


def manifests(view: GraphView) -> tuple[dict[str, Any], dict[str, Any]]:
    datasets, systems = [], []
    for sid in view.of_label(Label.System):
        node = view.node(sid)
        collections: dict[str, list[dict[str, Any]]] = {}
        for fid in view.sort(view.into(sid, Rel.IN)):
            f = view.node(fid)
            if f.get("status") == "rejected":
                continue
            key = f.get("fideslang")
            if key is None:
                holds = view.out(fid, Rel.HOLDS)
                key = view.node(holds[0]).get("fideslang") if holds else None
            if key is None:
                continue
            table = ".".join(x for x in (f.get("schema"), f["table"]) if x)
            entry: dict[str, Any] = {"name": f["column"], "data_categories": [key]}
            if f.get("data_type"):
                entry["fides_meta"] = {"data_type": fides_type(f["data_type"])}
            collections.setdefault(table, []).append(entry)
        if collections:
            datasets.append(
                {
                    "fides_key": fides_key(sid),
                    "name": view.name(sid),
                    **({"description": node["description"]} if node.get("description") else {}),
                    "collections": [
                        {"name": t, "fields": fs} for t, fs in sorted(collections.items())
                    ],
                }
            )
        egress = []
        for target in view.out(sid, Rel.FLOWS_TO):
            cats = view.edge(sid, target, Rel.FLOWS_TO).get("categories", [])
            keys = sorted({k for c in cats if view.has(c) and (k := view.node(c).get("fideslang"))})
            egress.append(
                {"fides_key": fides_key(target), "type": "system", "data_categories": keys}
            )
        system: dict[str, Any] = {
            "fides_key": fides_key(sid),
            "name": view.name(sid),
            "system_type": "Service" if node.get("kind") == "saas" else "Application",
            "privacy_declarations": [],
        }
        if node.get("description"):
            system["description"] = node["description"]
        if egress:
            system["egress"] = egress
        systems.append(system)
    return {"dataset": datasets}, {"system": systems}


def write_manifests(engine: QueryEngine, output: Path, fmt: str, options: Options) -> str:
    datasets, systems = manifests(engine.snapshot())
    output.mkdir(parents=True, exist_ok=True)
    for name, data in (("datamap-datasets.yml", datasets), ("datamap-systems.yml", systems)):
        (output / name).write_text(
            yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8"
        )
    n = len(datasets["dataset"])
    return f"wrote {n} dataset(s) and {len(systems['system'])} system(s) to {output}"


MANIFESTS = Folder(
    "fides",
    "Fides (fideslang) dataset and system manifests of the systems (a folder)",
    (Format("yaml", "application/yaml", "YAML"),),
    write_manifests,
)
