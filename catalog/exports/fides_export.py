"""Fides manifests out: each system with fields as a fideslang 3 `dataset` (collections by table,
nested fields nested again, each field with its description, `fides_meta` and data category
keys), each system as a fideslang `system` (its privacy declarations, egress and ingress). The
graph stays datamap's; this is what Fides can read of it, and what datamap needs to read it back.

What is a fact in Fides, and what is not:
- `data_categories` of a field are what a person stands behind: an `accepted` field's key. Where
  the person's category differs from the scan's key (a DPO's override), the category's key is
  written, not the scan's. A field a scan only suggested, or a person rejected, is written with
  `data_categories: []`: it claims nothing in Fides (Fides would otherwise run subject requests
  on a guess).
- A column the last scan found gone (`gone`) is not written as a field: Fides would query it.
- Only keys of fideslang 3's published lists are written. A kept key of an older fideslang with
  no successor is not; nor is a privacy declaration whose data use has no published parent (a
  custom use is written as its nearest published parent). Each is named in what `write`
  returns.

Where review states go: fideslang 3 gives collections and fields no free-form place (an unknown
key under a field's `fides_meta` is dropped by Fides' own models, and a description is a
person's text), but a dataset and a system each have `meta`, "any extra information for a
resource". Under `meta.datamap` (version 1) the export writes, per field, the field as datamap
has it (status, reviewer's note, category, subject, scan record, declaration, gone, no longer
matching, renamed from, the suggested key) and the keys written as its `data_categories`; per
system, what Fides has no word for (kind, hosting, activities, declaration, last scan, and each
flow with the egress written for it). `datamap import fides` reads it back (see
scanning/fides_import.py): a field Fides has not relabelled since comes back exactly as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from catalog.exports.formats import Folder, Format, Options
from catalog.graph.view import GraphView
from catalog.model.fides_manifest import (
    DATAMAP_META,
    DATAMAP_META_VERSION,
    SYSTEM_TYPES,
    KeyKind,
    default_fides_key,
    fides_type,
    nearest_published,
    published,
)
from catalog.model.kinds import Label, Rel
from catalog.queries.engine import QueryEngine
from catalog.scanning.mapping import category_for

__all__ = ["MANIFESTS", "Manifests", "fides_key", "fides_type", "manifests"]

# A field as systems.yaml has it (SystemField), read back from its graph node for the record.
FIELD_PROPS = (
    "schema",
    "table",
    "column",
    "data_type",
    "category",
    "fideslang",
    "subject",
    "status",
    "scan",
    "declared",
    "note",
    "gone",
    "no_longer_matching",
    "renamed_from",
    "description",
    "parent",
    "fides_meta",
    "more_fideslang",
    "outdated_keys",
)
# What a live field's Fides entry says itself: its record leaves these out. (Its `fides_meta`
# stays: whether datamap had one tells an import whether the one Fides has is datamap's guess
# from the column's SQL type or a person's.)
SAID_BY_FIDES = ("description", "parent")
# fideslang's System keys in the order its documentation lists them, then the rest.
SYSTEM_ORDER = (
    "fides_key",
    "organization_fides_key",
    "name",
    "description",
    "system_type",
    "administrating_department",
    "egress",
    "ingress",
    "privacy_declarations",
)


def fides_key(nid: str) -> str:
    return default_fides_key(nid)


@dataclass(frozen=True)
class _Category:
    """A data category as scanning.mapping reads one (id, label, terms, parent)."""

    id: str
    label: str
    terms: tuple[str, ...]
    parent: str | None


@dataclass
class Manifests:
    datasets: list[dict[str, Any]] = field(default_factory=list)
    systems: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def manifests(view: GraphView) -> Manifests:
    return _Writer(view).write()


class _Writer:
    def __init__(self, view: GraphView) -> None:
        self.view = view
        self.out = Manifests()
        self.categories = [
            _Category(
                c,
                Label.DataCategory,
                tuple(k for k in (view.node(c).get("fideslang"), view.node(c).get("dpv")) if k),
                next(iter(view.out(c, Rel.PART_OF)), None),
            )
            for c in view.of_label(Label.DataCategory)
        ]
        self.systems = view.sort(view.of_label(Label.System))
        # a dataset a Fides system points at is that system's: not a Fides system of its own
        self.referenced = {
            key
            for sid in self.systems
            for key in _dataset_keys(view.node(sid).get("fides_system") or {})
        }
        self.as_system = {sid for sid in self.systems if self._is_a_fides_system(sid)}

    # -- keys --------------------------------------------------------------------------------

    def dataset_key(self, sid: str) -> str:
        facts = self.view.node(sid).get("fides_dataset") or {}
        return facts.get("fides_key") or default_fides_key(sid)

    def system_key(self, sid: str) -> str:
        facts = self.view.node(sid).get("fides_system") or {}
        return facts.get("fides_key") or default_fides_key(sid)

    def _is_a_fides_system(self, sid: str) -> bool:
        node = self.view.node(sid)
        has_dataset = bool(node.get("fides_dataset") or self.view.into(sid, Rel.IN))
        return (
            bool(node.get("fides_system"))
            or bool(self.view.out(sid, Rel.FLOWS_TO))
            or not has_dataset
            or self.dataset_key(sid) not in self.referenced
        )

    def published_only(self, keys: list[str], kind: KeyKind, where: str) -> list[str]:
        kept = [k for k in keys if published(k, kind)]
        for key in keys:
            if key not in kept:
                self.out.notes.append(
                    f"{where}: {key!r} is not a fideslang 3 {kind.replace('_', ' ')}; not written"
                )
        return kept

    # -- the whole -----------------------------------------------------------------------------

    def write(self) -> Manifests:
        for sid in self.systems:
            dataset = self.dataset(sid)
            record = self.system_record(sid)
            if sid in self.as_system:
                system = self.system(sid)
                kept = (self.view.node(sid).get("fides_system") or {}).get("outdated")
                system["meta"] = _with_record(
                    system.get("meta"), {"system": record} | ({"outdated": kept} if kept else {})
                )
                self.out.systems.append(system)
            elif dataset is not None:
                dataset["meta"] = _with_record(dataset.get("meta"), {"system": record})
            if dataset is not None:
                self.out.datasets.append(dataset)
        return self.out

    # -- datasets ------------------------------------------------------------------------------

    def field_keys(self, f: dict[str, Any]) -> list[str]:
        """What a field is written as holding: an accepted field's key, a person's category
        winning over a scan's key it contradicts; nothing for any other field."""
        if f.get("status") != "accepted" or f.get("gone"):
            return []
        key, category = f.get("fideslang"), f.get("category")
        if category is not None and category != category_for(key, self.categories):
            # the category was set by a person against the scan's key: the person's word
            node = self.view.node(category) if self.view.has(category) else {}
            key = node.get("fideslang")
        keys = [key] if key else []
        keys += [k for k in f.get("more_fideslang") or [] if k not in keys]
        return self.published_only(keys, "data_category", f"{f['system']}.{f['name']}")

    def dataset(self, sid: str) -> dict[str, Any] | None:
        view = self.view
        node = view.node(sid)
        facts: dict[str, Any] = node.get("fides_dataset") or {}
        fields = [view.node(fid) for fid in view.sort(view.into(sid, Rel.IN))]
        if not fields and not facts:
            return None
        tables: dict[str, list[dict[str, Any]]] = {}
        records = []
        for f in fields:
            table = ".".join(x for x in (f.get("schema"), f["table"]) if x)
            keys = self.field_keys(f)
            record = {k: f[k] for k in FIELD_PROPS if f.get(k) not in (None, [], "")}
            if not f.get("gone"):
                tables.setdefault(table, []).append(f | {"_keys": keys})
                record = {k: v for k, v in record.items() if k not in SAID_BY_FIDES}
            records.append({"collection": table, "exported": keys, "field": record})
        known = {c["name"]: c for c in facts.get("collections") or []}
        collections = []
        for name in sorted(known.keys() | tables.keys()):  # fideslang's order: by name
            collection = dict(known.get(name) or {"name": name})
            if collection.get("data_categories") is not None:
                collection["data_categories"] = self.published_only(
                    collection["data_categories"], "data_category", f"{sid}.{name}"
                )
            collection["fields"] = _tree(tables.get(name, []))
            collections.append(_ordered(collection, ("name", "description", "data_categories")))
        dataset: dict[str, Any] = {
            "fides_key": self.dataset_key(sid),
            "name": facts.get("name") or view.name(sid),
        }
        description = facts.get("description") or node.get("description")
        if description:
            dataset["description"] = description
        for key in ("organization_fides_key", "tags", "fides_meta", "meta"):
            if facts.get(key):
                dataset[key] = facts[key]
        if facts.get("data_categories") is not None:
            dataset["data_categories"] = self.published_only(
                facts["data_categories"], "data_category", sid
            )
        dataset["collections"] = collections
        kept = {"outdated": facts["outdated"]} if facts.get("outdated") else {}
        dataset["meta"] = _with_record(dataset.get("meta"), {"fields": records} | kept)
        return _ordered(dataset, ("fides_key", "organization_fides_key", "name", "description"))

    # -- systems -------------------------------------------------------------------------------

    def system_record(self, sid: str) -> dict[str, Any]:
        view = self.view
        node = view.node(sid)
        record: dict[str, Any] = {"kind": node["kind"]}
        if hosted := view.out(sid, Rel.HOSTED_IN):
            record["hosted_in"] = hosted[0]
        if supports := view.out(sid, Rel.SUPPORTS):
            record["supports"] = supports
        for key in ("declared", "scanned"):
            if node.get(key):
                record[key] = node[key]
        flows = []
        for target, egress in self.flows(sid):
            edge = view.edge(sid, target, Rel.FLOWS_TO)
            flow = {"to": target, "categories": list(edge.get("categories", []))}
            if edge.get("description"):
                flow["description"] = edge["description"]
            if edge.get("declared") and edge["declared"] != node.get("declared"):
                flow["declared"] = edge["declared"]
            flows.append({"flow": flow} | ({"egress": egress} if egress else {}))
        if flows:
            record["flows"] = flows
        return record

    def flows(self, sid: str) -> list[tuple[str, dict[str, Any] | None]]:
        """Each flow, and the egress written for it: none when the system's own Fides egress
        already names the target (Fides' word on it is written as it came)."""
        facts = self.view.node(sid).get("fides_system") or {}
        named = {e["fides_key"] for e in facts.get("egress") or []}
        out: list[tuple[str, dict[str, Any] | None]] = []
        for target in self.view.out(sid, Rel.FLOWS_TO):
            key, kind = self.target(target)
            if key in named:
                out.append((target, None))
                continue
            cats = self.view.edge(sid, target, Rel.FLOWS_TO).get("categories", [])
            keys = sorted(
                {k for c in cats if self.view.has(c) and (k := self.view.node(c).get("fideslang"))}
            )
            out.append((target, {"fides_key": key, "type": kind, "data_categories": keys}))
        return out

    def target(self, tid: str) -> tuple[str, str]:
        """How Fides names a flow's target: a system, or the dataset a system of Fides holds."""
        if not self.view.has(tid) or self.view.label(tid) != Label.System:
            return default_fides_key(tid), "system"
        if tid in self.as_system:
            return self.system_key(tid), "system"
        return self.dataset_key(tid), "dataset"

    def system(self, sid: str) -> dict[str, Any]:
        view = self.view
        node = view.node(sid)
        facts: dict[str, Any] = dict(node.get("fides_system") or {})
        where = f"{sid} (Fides system {self.system_key(sid)})"
        facts.pop("outdated", None)
        system: dict[str, Any] = {
            "fides_key": self.system_key(sid),
            "name": view.name(sid),
            "system_type": facts.pop("system_type", None) or SYSTEM_TYPES[node["kind"]],
        }
        if node.get("description"):
            system["description"] = node["description"]
        if node.get("owner"):
            system["administrating_department"] = node["owner"]
        for direction in ("egress", "ingress"):
            flows = [
                e
                | (
                    {
                        "data_categories": self.published_only(
                            e["data_categories"], "data_category", f"{where} {direction}"
                        )
                    }
                    if e.get("data_categories") is not None
                    else {}
                )
                for e in facts.pop(direction, None) or []
            ]
            if direction == "egress":
                flows += [egress for _, egress in self.flows(sid) if egress is not None]
            if flows:
                system[direction] = flows
        declarations = []
        for decl in facts.pop("privacy_declarations", None) or []:
            written = self.declaration(decl, where)
            if written is not None:
                declarations.append(written)
        system["privacy_declarations"] = declarations
        system |= {k: v for k, v in facts.items() if k != "fides_key"}
        return _ordered(system, SYSTEM_ORDER)

    def declaration(self, decl: dict[str, Any], where: str) -> dict[str, Any] | None:
        label = f"{where}: privacy declaration {decl.get('name') or decl['data_use']!r}"
        use = decl["data_use"]
        if not published(use, "data_use"):
            parent = nearest_published(use, "data_use")
            if parent is None:
                self.out.notes.append(
                    f"{label}: data use {use!r} is not a fideslang 3 key and has no published "
                    "parent; declaration not written"
                )
                return None
            self.out.notes.append(
                f"{label}: data use {use!r} is not a fideslang 3 key; written as its published "
                f"parent {parent!r}"
            )
            use = parent
        out = dict(decl) | {"data_use": use}
        out["data_categories"] = self.published_only(
            decl.get("data_categories") or [], "data_category", label
        )
        out["data_subjects"] = self.published_only(
            decl.get("data_subjects") or [], "data_subject", label
        )
        return _ordered(out, ("name", "data_categories", "data_use", "data_subjects"))


def _dataset_keys(facts: dict[str, Any]) -> set[str]:
    """The datasets a Fides system points at: its and its declarations' dataset references,
    and its flows to and from datasets."""
    keys = set(facts.get("dataset_references") or [])
    for decl in facts.get("privacy_declarations") or []:
        keys |= set(decl.get("dataset_references") or [])
    for direction in ("egress", "ingress"):
        keys |= {f["fides_key"] for f in facts.get(direction) or [] if f.get("type") == "dataset"}
    return keys


def _tree(fields: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Fields as Fides nests them: a field under the field its `parent` names, by name. A
    sub-field whose parent is not among them (gone) is put under a bare field of that name."""
    by_column = {f["column"]: f for f in fields}
    children: dict[str | None, list[dict[str, Any]]] = {}
    for f in fields:
        parent = f.get("parent")
        while parent is not None and parent not in by_column:
            # a missing parent: a bare entry for it, under its own parent if that is known
            head, _, _ = parent.rpartition(".")
            by_column[parent] = {"column": parent, "parent": head or None, "_keys": None}
            children.setdefault(head or None, []).append(by_column[parent])
            parent = head or None
        children.setdefault(f.get("parent"), []).append(f)

    def entry(f: dict[str, Any]) -> dict[str, Any]:
        parent = f.get("parent")
        out: dict[str, Any] = {
            "name": f["column"][len(parent) + 1 :] if parent else f["column"],
        }
        if f.get("description"):
            out["description"] = f["description"]
        if f["_keys"] is not None:
            out["data_categories"] = f["_keys"]
        meta = f.get("fides_meta") or (
            {"data_type": fides_type(f["data_type"])} if f.get("data_type") else None
        )
        if meta:
            out["fides_meta"] = meta
        if below := children.get(f["column"]):
            out["fields"] = [entry(c) for c in sorted(below, key=lambda c: c["column"])]
        return out

    return [entry(f) for f in sorted(children.get(None, []), key=lambda f: f["column"])]


def _with_record(meta: dict[str, Any] | None, record: dict[str, Any]) -> dict[str, Any]:
    mine = dict((meta or {}).get(DATAMAP_META) or {"version": DATAMAP_META_VERSION})
    return dict(meta or {}) | {DATAMAP_META: mine | record}


def _ordered(data: dict[str, Any], first: tuple[str, ...]) -> dict[str, Any]:
    return {k: data[k] for k in first if k in data} | {
        k: v for k, v in data.items() if k not in first
    }


class _Dumper(yaml.SafeDumper):
    """Writes an object met twice (a field's keys, in its record too) twice, never as an
    anchor: datamap's own reader refuses anchors, as it must for a hostile file."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def write_manifests(engine: QueryEngine, output: Path, fmt: str, options: Options) -> str:
    written = manifests(engine.snapshot())
    output.mkdir(parents=True, exist_ok=True)
    for name, data in (
        ("datamap-datasets.yml", {"dataset": written.datasets}),
        ("datamap-systems.yml", {"system": written.systems}),
    ):
        text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
        (output / name).write_text(text, encoding="utf-8")
    said = (
        f"wrote {len(written.datasets)} dataset(s) and {len(written.systems)} system(s) to {output}"
    )
    return "\n".join([said, *(f"note: {n}" for n in written.notes)])


MANIFESTS = Folder(
    "fides",
    "Fides (fideslang) dataset and system manifests of the systems (a folder)",
    (Format("yaml", "application/yaml", "YAML"),),
    write_manifests,
)
