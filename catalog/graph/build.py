"""Build the embedded graph (a networkx MultiDiGraph) from a validated inventory.

Nodes carry `label` (their kind, the Neo4j label) plus their properties; edges are keyed by relationship type and carry the
citations that justify them, each with the full path of the policy section it quotes. Derived
facts are made explicit here, with the sources of the facts they derive from: an activity
without its own category list processes what its collection points collect; a disclosure
without its own lists covers the activity's categories and purposes; a security measure that
applies to all protects every activity.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import networkx as nx
from pydantic import BaseModel

from catalog.loading.validation import Inventory, Located, load_inventory
from catalog.model.kinds import LINKS, NESTED_FIELDS, Cite, Label, Rel, iter_links, link_target
from catalog.model.memory import collector_paused
from catalog.model.schema import (
    Citation,
    Cited,
    DataCategory,
    Disclosure,
    Entry,
    Flag,
    GeneralDisclosure,
    ProcessingActivity,
    Recipient,
    Statement,
    System,
)
from catalog.model.taxonomy import RECIPIENT_ROLE_DPV
from catalog.settings import DEFAULT_MAX_FILE_BYTES

Sources = list[dict[str, str]]


def build_graph(inventory: Inventory) -> nx.MultiDiGraph:
    return _Builder(inventory).build()


def load_graph(root: Path, max_file_bytes: int = DEFAULT_MAX_FILE_BYTES) -> nx.MultiDiGraph:
    """The graph of the inventory at `root`, validated in full (InventoryInvalid otherwise)."""
    with collector_paused():
        return build_graph(load_inventory(root, max_file_bytes=max_file_bytes))


class _Builder:
    def __init__(self, inventory: Inventory) -> None:
        self.inv = inventory
        self.g = nx.MultiDiGraph()
        self._sections: dict[str, str] = {}

    def build(self) -> nx.MultiDiGraph:
        inv, g = self.inv, self.g
        g.graph.update(
            policy_id=inv.meta.id,
            policy_title=inv.meta.title,
            policy_last_updated=inv.meta.last_updated.isoformat() if inv.meta.last_updated else "",
            fingerprint=inv.fingerprint,
        )
        # The policy text travels with the graph, so that checks which read the notice itself
        # (its date, the statements no fact rests on) give the same answer on every store.
        document = {
            "raw": inv.policy.raw,
            "subsections": [s.model_dump() for s in inv.meta.subsections],
            "sources": self.cites(inv.meta.sources),
        }
        g.graph["policy_document"] = document
        g.graph["policy_hash"] = hashlib.sha256(
            json.dumps(document, sort_keys=True, ensure_ascii=False).encode()
        ).hexdigest()[:24]
        for entry in inv.entries.values():
            self.add_node(entry.kind, entry.model)
        # Records list activities in the inventory's order. Numbered per kind, so that adding
        # an entry of another kind does not renumber (and so re-sync) every activity.
        for seq, entry in enumerate(inv.of_kind(Label.ProcessingActivity)):
            self.g.nodes[entry.id]["seq"] = seq
        self.classify_categories()
        for entry in inv.entries.values():
            self.add_links(entry)
        for entry in inv.of_kind(Label.Regime):
            for right in entry.model.rights:
                self.edge(entry.id, right.id, Rel.GRANTS, [], None)
        for entry in inv.of_kind(Label.ProcessingActivity):
            self.expand_activity(entry)
        for entry in inv.of_kind(Label.Disclosure):
            self.expand_disclosure(entry.model, entry.model.id, None, entry.first_section)
        self.apply_general_rules()
        for entry in inv.of_kind(Label.System):
            self.expand_system(entry.model)
        return g

    # -- systems ------------------------------------------------------------------------------

    def expand_system(self, system: System) -> None:
        """A node per field, IN its system, HOLDS its category unless a person rejected it
        (HELD once the column is gone); a FLOWS_TO per flow. Their evidence is the scan or the
        declaration, never a quote."""
        declared = system.declared.model_dump(mode="json") if system.declared else None
        for f in system.fields:
            fid = field_id(system.id, f.key)
            props: dict[str, Any] = {
                "id": fid,
                "label": Label.Field,
                "name": f.key,
                "system": system.id,
                "table": f.table,
                "column": f.column,
                "status": f.status,
                "sources": [],
            }
            if f.schema_:
                props["schema"] = f.schema_
            for attr in ("data_type", "fideslang", "subject", "note"):
                if getattr(f, attr):
                    props[attr] = getattr(f, attr)
            if f.scan is not None:
                props["scan"] = f.scan.model_dump(mode="json")
            if f.declared is not None:
                props["declared"] = f.declared.model_dump(mode="json")
            for attr in ("gone", "no_longer_matching", "renamed_from"):
                if (event := getattr(f, attr)) is not None:
                    props[attr] = event.model_dump(mode="json", by_alias=True)
            # the category a person or scan gave, also when rejected (no edge then): the Fides
            # export carries a rejection with its category back
            for attr in ("category", "description", "parent", "more_fideslang"):
                if getattr(f, attr):
                    props[attr] = getattr(f, attr)
            if f.fides_meta is not None:
                props["fides_meta"] = f.fides_meta.model_dump(mode="json", exclude_none=True)
            if f.outdated_keys:
                props["outdated_keys"] = [
                    k.model_dump(mode="json", exclude_none=True) for k in f.outdated_keys
                ]
            self.g.add_node(fid, **props)
            self.edge(fid, system.id, Rel.IN, [], None)
            # a gone column holds nothing now: HELD, not HOLDS, so that only the answers about
            # where data is (and the review) see it, and say it went
            if f.category is not None and f.status != "rejected":
                rel = Rel.HOLDS if f.gone is None else Rel.HELD
                self.edge(fid, f.category, rel, [], None, status=f.status)
        for flow in system.flows:
            who = flow.declared or system.declared
            extra: dict[str, Any] = {"categories": list(flow.categories)}
            if who is not None:
                extra["declared"] = who.model_dump(mode="json")
            elif declared is not None:
                extra["declared"] = declared
            if flow.description:
                extra["description"] = flow.description
            self.edge(system.id, flow.to, Rel.FLOWS_TO, [], None, **extra)

    # -- citations ----------------------------------------------------------------------------

    def section_path(self, ref: str) -> str:
        if ref not in self._sections:
            self._sections[ref] = self.inv.policy.section(ref).path
        return self._sections[ref]

    def cites(self, citations: list[Citation]) -> Sources:
        """Citations as stored in the graph: the section's full path, the quote as written."""
        seen: Sources = []
        for c in citations:
            item = {"section": self.section_path(c.section), "quote": c.quote}
            if item not in seen:
                seen.append(item)
        return seen

    def evidence(
        self, cite: Cite, link: Any, owner_sources: Sources, default_section: str | None
    ) -> tuple[Sources, str | None]:
        """A link's own citations; the owner's where the owner's statement covers the link."""
        if not isinstance(link, Cited):
            return (owner_sources if cite is Cite.OWNER else []), None
        own = self.cites(link.citations(default_section))
        if not own and cite is Cite.OWNER:
            own = owner_sources
        return own, link.inferred

    # -- nodes --------------------------------------------------------------------------------

    def add_node(self, kind: str, model: Entry) -> None:
        skip = {"sources", "quote", "section"} | {s.field for s in LINKS.get(kind, ())}
        skip |= set(NESTED_FIELDS.get(kind, ()))
        default = model.sources[0].section if getattr(model, "sources", None) else None
        props: dict[str, Any] = {"id": model.id, "label": kind}
        for name in type(model).model_fields:
            if name in skip:
                continue
            raw = getattr(model, name)
            if isinstance(raw, Flag):
                # A flag keeps its evidence beside it, as `<flag>_sources` and `<flag>_inferred`.
                props[name] = raw.value
                if raw.value:
                    props[f"{name}_sources"] = self.cites(raw.citations(default))
                    if raw.inferred:
                        props[f"{name}_inferred"] = raw.inferred
                continue
            if name == "draft" and not raw:
                continue  # only drafted facts say so
            value = self.plain(raw, default)
            if value is not None and value != []:
                props[name] = value
        props["sources"] = self.cites(model.sources)
        if isinstance(model, Recipient) and "dpv" not in props:  # the kind Label.Recipient
            props["dpv"] = RECIPIENT_ROLE_DPV[model.role]
        self.g.add_node(model.id, **props)

    def plain(self, value: Any, default_section: str | None) -> Any:
        """Node properties are JSON-like: statements become {text, sources}, enums their values."""
        if isinstance(value, Statement):
            out: dict[str, Any] = {
                "text": value.value,
                "sources": self.cites(value.citations(default_section)),
            }
            if value.inferred:
                out["inferred"] = value.inferred
            return out
        if isinstance(value, Flag):
            return value.value
        if isinstance(value, Cited):  # e.g. minors statements
            data = value.model_dump(
                mode="json", exclude_none=True, exclude={"sources", "quote", "section"}
            )
            data["sources"] = self.cites(value.citations(default_section))
            return data
        if isinstance(value, list):
            return [self.plain(v, default_section) for v in value]
        if isinstance(value, BaseModel):
            return value.model_dump(mode="json", exclude_none=True)
        if hasattr(value, "isoformat"):
            return value.isoformat()
        if hasattr(value, "value") and not isinstance(value, str | int | float | bool):
            return value.value
        return value

    def classify_categories(self) -> None:
        """Items take the CCPA, fideslang, DPV and sensitivity of the nearest category with them."""
        cats: dict[str, DataCategory] = {
            e.id: e.model for e in self.inv.of_kind(Label.DataCategory)
        }
        for cid in cats:
            node = self.g.nodes[cid]
            for attr in ("ccpa", "fideslang", "dpv"):
                holder = _nearest(cats, cid, lambda m, a=attr: bool(getattr(m, a)))
                if holder is None:
                    continue
                value = getattr(cats[holder], attr)
                node[attr] = list(value) if attr == "ccpa" else value
                if holder != cid:
                    node[f"{attr}_from"] = holder
            self.classify_sensitivity(cats, cid, node)

    def classify_sensitivity(
        self, cats: dict[str, DataCategory], cid: str, node: dict[str, Any]
    ) -> None:
        """Per regime, with that regime's own sentence: an item of payment information is
        sensitive under PIPL because the PRC section says so, and under no other law."""
        holder = _nearest(cats, cid, lambda m: bool(m.sensitive))
        node["sensitive"] = holder is not None
        if holder is None:
            return
        owner = cats[holder]
        section = owner.sources[0].section if owner.sources else None
        per_regime: list[dict[str, Any]] = []
        for flag in owner.sensitive:
            item: dict[str, Any] = {
                "regime": flag.regime,
                # named here so that an answer needs no regime node beside the category
                "regime_name": self.g.nodes[flag.regime].get("name", flag.regime)
                if flag.regime in self.g
                else flag.regime,
                "sources": self.cites(flag.citations(section)),
            }
            if flag.inferred:
                item["inferred"] = flag.inferred
            per_regime.append(item)
        node["sensitive_sources"] = [s for f in per_regime for s in f["sources"]]
        # A past revision may hold a flag tied to no law (see check_inventory's `history`):
        # sensitive, but under no regime an answer could name.
        per_regime = [f for f in per_regime if f["regime"] is not None]
        node["sensitive_under"] = sorted({f["regime"] for f in per_regime})
        node["sensitivity"] = per_regime
        if holder != cid:
            node["sensitive_from"] = holder

    # -- edges --------------------------------------------------------------------------------

    def edge(
        self, src: str, dst: str, rel: str, sources: Sources, inferred: str | None, **extra: Any
    ) -> None:
        if self.g.has_edge(src, dst, key=rel):
            data = self.g.edges[src, dst, rel]
            data["sources"] = data["sources"] + [s for s in sources if s not in data["sources"]]
            return
        attrs: dict[str, Any] = {"type": rel, "sources": sources, **extra}
        if inferred:
            attrs["inferred"] = inferred
        self.g.add_edge(src, dst, key=rel, **attrs)

    def targets(self, src: str, rel: str) -> list[tuple[str, dict[str, Any]]]:
        """The (target, edge data) of `src`'s `rel` edges; read from the adjacency directly, as
        networkx's edge views cost more than the whole lookup on large graphs."""
        return [(dst, keys[rel]) for dst, keys in self.g._succ[src].items() if rel in keys]

    def add_links(self, entry: Located) -> None:
        kind, model = entry.kind, entry.model
        if kind == Label.Disclosure:
            return  # made in expand_disclosure
        owner_sources = self.g.nodes[model.id]["sources"]
        for spec, link, _path in iter_links(kind, model):
            if kind == Label.ProcessingActivity and spec.field == "categories":
                continue  # made in expand_activity, with the derived default
            sources, inferred = self.evidence(spec.cite, link, owner_sources, entry.first_section)
            extra = {p: getattr(link, p) for p in spec.edge_props}
            self.edge(model.id, link_target(spec, link), spec.rel, sources, inferred, **extra)

    def expand_activity(self, entry: Located) -> None:
        model: ProcessingActivity = entry.model
        section = entry.first_section
        for cp in model.collection_points:
            for cat, data in self.targets(cp.ref, Rel.COLLECTS):
                self.edge(model.id, cat, Rel.PROCESSES, data["sources"], data.get("inferred"))
        for link in model.categories:
            sources, inferred = self.evidence(Cite.OWN, link, [], section)
            self.edge(model.id, link.ref, Rel.PROCESSES, sources, inferred)
        for disclosure in model.disclosures:
            did = f"{model.id}--{disclosure.recipient.ref}"
            self.expand_disclosure(disclosure, did, model, section)

    def expand_disclosure(
        self,
        d: Disclosure | GeneralDisclosure,
        did: str,
        activity: ProcessingActivity | None,
        section: str | None,
    ) -> None:
        g = self.g
        if activity is not None:
            assert isinstance(d, Disclosure)  # an activity's own; a general one has no activity
            own = self.cites(d.citations(section))
            recipient_name = g.nodes[d.recipient.ref].get("name", d.recipient.ref)
            props: dict[str, Any] = {
                "id": did,
                "label": Label.Disclosure,
                "name": f"{activity.name} → {recipient_name}",
                "sources": own,
            }
            if d.inferred:
                props["inferred"] = d.inferred
            g.add_node(did, **props)
            self.edge(activity.id, did, Rel.DISCLOSES, own, None)
        else:
            own = g.nodes[did]["sources"]
        node = g.nodes[did]
        node["general"] = activity is None
        for name in ("sale", "share"):
            flag: Flag | None = getattr(d, name)
            node[name] = bool(flag and flag.value)
            if flag is not None and flag.value:
                node[f"{name}_sources"] = self.cites(flag.citations(section)) or own
                if flag.inferred:
                    node[f"{name}_inferred"] = flag.inferred
        self.edge(
            did,
            d.recipient.ref,
            Rel.TO,
            self.evidence(Cite.OWNER, d.recipient, own, section)[0],
            None,
        )
        if d.categories is not None:
            for link in d.categories:
                sources, inferred = self.evidence(Cite.OWNER, link, own, section)
                self.edge(did, link.ref, Rel.OF, sources, inferred)
                self.stands_for_all(did, link.ref, sources)
        elif activity is not None:
            # What the activity processes, it discloses; where its link to a category is
            # datamap's reading, so is the disclosure's, for the same reason.
            for cat, data in self.targets(activity.id, Rel.PROCESSES):
                self.edge(did, cat, Rel.OF, own, data.get("inferred"))
        if d.purposes is not None:
            for link in d.purposes:
                sources, inferred = self.evidence(Cite.OWNER, link, own, section)
                self.edge(did, link.ref, Rel.FOR_PURPOSE, sources, inferred)
        elif activity is not None:
            for link in activity.purposes:
                self.edge(did, link.ref, Rel.FOR_PURPOSE, own, None)

    def stands_for_all(self, did: str, cid: str, sources: Sources) -> None:
        """A disclosure of the policy's words for everything it collects reaches every
        category: an edge to the top of the item's tree, marked as datamap's reading."""
        entry = self.inv.get(cid)
        if entry is None or not getattr(entry.model, "stands_for_all", False):
            return
        top, seen = cid, {cid}
        while True:
            found = self.inv.get(top)
            parent = getattr(found.model, "parent", None) if found is not None else None
            if not parent or parent in seen or self.inv.get(parent) is None:
                break
            seen.add(parent)
            top = parent
        if top == cid:
            return
        name = self.g.nodes[cid].get("name", cid)
        reason = (
            f"“{name}” stands for everything the policy collects: datamap reads a disclosure "
            "of it as a disclosure of every category."
        )
        self.edge(did, top, Rel.OF, sources, reason)

    def apply_general_rules(self) -> None:
        """Security measures and retention rules stated in general govern every activity."""
        activities = [e.id for e in self.inv.of_kind(Label.ProcessingActivity)]
        for kind, rel in (
            (Label.SecurityMeasure, Rel.PROTECTED_BY),
            (Label.RetentionRule, Rel.RETAINED_UNDER),
        ):
            for entry in self.inv.of_kind(kind):
                if entry.model.applies_to_all:
                    for aid in activities:
                        self.edge(aid, entry.id, rel, self.cites(entry.model.sources), None)


def _nearest(cats: dict[str, DataCategory], cid: str, has: Any) -> str | None:
    seen: set[str] = set()
    current: str | None = cid
    while current is not None and current in cats and current not in seen:
        if has(cats[current]):
            return current
        seen.add(current)
        current = cats[current].parent
    return None


def field_id(system: str, key: str) -> str:
    """A field's node id: its system and its schema.table.column (ids of entries written by
    people have no '/', so these never collide with them)."""
    return f"{system}/{key}"
