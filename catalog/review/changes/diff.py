"""Compare two inventories' graphs: what was added, removed and changed, and which changes are
material for the record of processing (a new sale or share, a new third country, a new
sensitive category, a new recipient of sensitive data).

Each entry is compared by its "shape": the properties and relationships a record states. Source
citations are not compared (a re-worded quote of the same fact is not a change of practice);
`datamap validate --policy` is the tool for the text itself.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import networkx as nx

from catalog.graph.build import build_graph
from catalog.graph.view import GraphView
from catalog.loading.validation import load_inventory
from catalog.model.kinds import Label, Rel
from catalog.model.problems import InventoryInvalid, Problem
from catalog.model.results import Citation
from catalog.queries.answer_parts import category_matches
from catalog.queries.common import cites, unique_cites
from catalog.review.changes.models import (
    Change,
    DiffSection,
    DiffSide,
    DiffSummary,
    FieldChange,
    InventoryDiff,
)
from catalog.review.changes.revisions import Side, open_side
from catalog.settings import DEFAULT_MAX_FILE_BYTES


@dataclass(frozen=True)
class EntrySpec:
    section: str
    title: str
    label: str
    props: tuple[str, ...]
    rels: tuple[tuple[str, str], ...] = ()  # (field name, relationship type) out of the entry


ENTRY_SPECS: tuple[EntrySpec, ...] = (
    EntrySpec(
        "categories",
        "Data categories",
        Label.DataCategory,
        ("name", "kind", "ccpa", "sensitive_under", "fideslang", "dpv", "personal"),
        (("parent", Rel.PART_OF),),
    ),
    EntrySpec("recipients", "Recipients", Label.Recipient, ("name", "role", "dpv"), ()),
    EntrySpec(
        "purposes", "Purposes", Label.Purpose, ("name", "ccpa_business_purpose", "dpv", "fideslang")
    ),
    EntrySpec(
        "activities",
        "Processing activities",
        Label.ProcessingActivity,
        ("name", "business_function"),
        (
            ("collection points", Rel.COLLECTS_VIA),
            ("categories", Rel.PROCESSES),
            ("purposes", Rel.FOR_PURPOSE),
            ("retention", Rel.RETAINED_UNDER),
            ("security", Rel.PROTECTED_BY),
        ),
    ),
    EntrySpec(
        "legal_bases",
        "Legal bases",
        Label.LegalBasis,
        ("name", "article"),
        (("regime", Rel.UNDER),),
    ),
    EntrySpec(
        "transfers",
        "Cross-border transfers",
        Label.Transfer,
        ("name", "systematic"),
        (
            ("from", Rel.FROM),
            ("to", Rel.TO),
            ("mechanisms", Rel.UNDER_MECHANISM),
            ("categories", Rel.MOVES),
            ("regime", Rel.GOVERNED_BY),
        ),
    ),
    EntrySpec(
        "mechanisms",
        "Transfer mechanisms",
        Label.TransferMechanism,
        ("name", "kind", "legal_reference"),
    ),
    EntrySpec(
        "retention", "Retention rules", Label.RetentionRule, ("name", "period", "applies_to_all")
    ),
    EntrySpec("rights", "Rights", Label.Right, ("name", "article")),
    EntrySpec(
        "choices",
        "Choices and opt-outs",
        Label.Choice,
        ("name", "kind", "method", "urls", "honoured"),
    ),
    EntrySpec(
        "parties",
        "Controller, representatives, contacts",
        Label.Organisation,
        ("name", "address"),
        (("located in", Rel.LOCATED_IN),),
    ),
)

# Facts that are links between entries rather than entries: keyed by the ids they join.
Key = tuple[str, ...]


@dataclass(frozen=True)
class LinkSpec:
    section: str
    title: str
    type: str
    collect: Callable[[GraphView], dict[Key, list[Citation]]]
    describe: Callable[[GraphView, Key], str]


def _legal_basis_links(view: GraphView) -> dict[Key, list[Citation]]:
    return {
        (a, b): cites(view.edge(a, b, Rel.HAS_LEGAL_BASIS).get("sources"))
        for a in view.of_label(Label.ProcessingActivity)
        for b in view.out(a, Rel.HAS_LEGAL_BASIS)
    }


def _sales(view: GraphView) -> dict[Key, list[Citation]]:
    out: dict[Key, list[Citation]] = {}
    for d in view.of_label(Label.Disclosure):
        node = view.node(d)
        for kind in ("sale", "share"):
            if not node.get(kind):
                continue
            for r in view.out(d, Rel.TO):
                for c in view.out(d, Rel.OF):
                    out.setdefault((kind, r, c), []).extend(cites(node.get(f"{kind}_sources")))
    return out


def _disclosures(view: GraphView) -> dict[Key, list[Citation]]:
    out: dict[Key, list[Citation]] = {}
    for d in view.of_label(Label.Disclosure):
        for r in view.out(d, Rel.TO):
            for c in view.out(d, Rel.OF):
                out.setdefault((r, c), []).extend(cites(view.edge(d, c, Rel.OF).get("sources")))
    return out


def _name(view: GraphView, nid: str) -> str:
    return view.name(nid) if view.has(nid) else nid


LINK_SPECS: tuple[LinkSpec, ...] = (
    LinkSpec(
        "legal_basis_links",
        "Legal bases of activities",
        "LegalBasisLink",
        _legal_basis_links,
        lambda v, k: f"{_name(v, k[0])} → {_name(v, k[1])}",
    ),
    LinkSpec(
        "sales",
        "Sales and shares (CCPA)",
        "SaleOrShare",
        _sales,
        lambda v, k: (
            f"{_name(v, k[2])} {'sold' if k[0] == 'sale' else 'shared'} to {_name(v, k[1])}"
        ),
    ),
    LinkSpec(
        "disclosures",
        "Who receives what",
        Label.Disclosure,
        _disclosures,
        lambda v, k: f"{_name(v, k[1])} → {_name(v, k[0])}",
    ),
)


def _shape(view: GraphView, nid: str, spec: EntrySpec) -> dict[str, Any]:
    node = view.node(nid)
    shape: dict[str, Any] = {p: node.get(p) for p in spec.props}
    for field, rel in spec.rels:
        shape[field] = view.out(nid, rel)
    return shape


def _display(view: GraphView, value: Any) -> Any:
    if isinstance(value, list):
        return [_name(view, v) if isinstance(v, str) and view.has(v) else v for v in value]
    return value


def diff_views(
    old: GraphView, new: GraphView, old_side: DiffSide, new_side: DiffSide
) -> InventoryDiff:
    sections: list[DiffSection] = []
    for spec in ENTRY_SPECS:
        sections.append(
            DiffSection(name=spec.section, title=spec.title, changes=_entries(old, new, spec))
        )
    for link in LINK_SPECS:
        sections.append(
            DiffSection(name=link.section, title=link.title, changes=_links(old, new, link))
        )
    _mark_material(old, new, {s.name: s for s in sections})
    changes = [c for s in sections for c in s.changes]
    material = [c for c in changes if c.material]
    return InventoryDiff(
        old=old_side,
        new=new_side,
        summary=DiffSummary(
            added=sum(c.change == "added" for c in changes),
            removed=sum(c.change == "removed" for c in changes),
            changed=sum(c.change == "changed" for c in changes),
            material=len(material),
        ),
        material=material,
        sections=sections,
    )


def _entries(old: GraphView, new: GraphView, spec: EntrySpec) -> list[Change]:
    before = set(old.of_label(spec.label))
    after = set(new.of_label(spec.label))

    def whole(view: GraphView, nid: str, change: Literal["added", "removed"]) -> Change:
        sources = cites(view.node(nid).get("sources"))
        return Change(change=change, id=nid, name=view.name(nid), type=spec.label, sources=sources)

    out = [whole(new, nid, "added") for nid in new.sort(after - before)]
    out += [whole(old, nid, "removed") for nid in old.sort(before - after)]
    for nid in new.sort(before & after):
        a, b = _shape(old, nid, spec), _shape(new, nid, spec)
        fields = [
            FieldChange(field=f, old=_display(old, a[f]), new=_display(new, b[f]))
            for f in a
            if a[f] != b[f]
        ]
        if fields:
            out.append(
                Change(
                    change="changed",
                    id=nid,
                    name=new.name(nid),
                    type=spec.label,
                    fields=fields,
                    sources=cites(new.node(nid).get("sources")),
                )
            )
    return out


def _links(old: GraphView, new: GraphView, spec: LinkSpec) -> list[Change]:
    before, after = spec.collect(old), spec.collect(new)

    def link(view: GraphView, facts: dict, key: Key, change: Literal["added", "removed"]) -> Change:
        return Change(
            change=change,
            id="|".join(key),
            name=spec.describe(view, key),
            type=spec.type,
            sources=unique_cites(facts[key]),
        )

    out = [link(new, after, key, "added") for key in sorted(set(after) - set(before))]
    return out + [link(old, before, key, "removed") for key in sorted(set(before) - set(after))]


def _mark_material(old: GraphView, new: GraphView, sections: dict[str, DiffSection]) -> None:
    for change in sections["sales"].changes:
        if change.change == "added":
            kind = change.id.split("|", 1)[0]
            change.material.append("a new sale" if kind == "sale" else "a new share")
    old_destinations = {r for t in old.of_label(Label.Transfer) for r in old.out(t, Rel.TO)}
    for change in sections["transfers"].changes:
        if change.change == "removed":
            continue
        fresh = [r for r in new.out(change.id, Rel.TO) if r not in old_destinations]
        change.material += [f"a new third country: {new.name(r)}" for r in fresh]
    for change in sections["categories"].changes:
        node = new.node(change.id) if new.has(change.id) else {}
        if change.change == "added" and node.get("sensitive"):
            change.material.append("a new sensitive category")
        for f in change.fields if change.change == "changed" else ():
            if f.field == "sensitive_under":
                for regime in sorted(set(f.new or []) - set(f.old or [])):
                    name = new.name(regime) if new.has(regime) else regime
                    change.material.append(f"a category that is now sensitive under {name}")
    # Recipients of sensitive data: of the category, what is grouped beneath it, and what it
    # belongs to (a general disclosure of 'personal information' reaches it too).
    for cid in new.of_label(Label.DataCategory):
        if not new.node(cid).get("sensitive") or new.node(cid).get("sensitive_from"):
            continue
        now = _recipients(new, cid)
        before = _recipients(old, cid) if old.has(cid) else set()
        for rid in new.sort(now - before):
            sections["disclosures"].changes.append(
                Change(
                    change="added",
                    id=f"{rid}|{cid}|sensitive",
                    name=f"{new.name(cid)} (sensitive) now reaches {new.name(rid)}",
                    type="SensitiveRecipient",
                    material=["a new recipient of sensitive data"],
                    sources=cites(new.node(cid).get("sensitive_sources")),
                )
            )


def _recipients(view: GraphView, cid: str) -> set[str]:
    return {
        r
        for c in category_matches(view, cid)
        for d in view.into(c, Rel.OF)
        for r in view.out(d, Rel.TO)
    }


def diff_inventories(
    old: str,
    new: str | None,
    inventory: Path,
    *,
    allow_folders: bool = True,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
) -> InventoryDiff:
    """The change log from `old` to `new` (each a folder or a git revision of the repository
    holding `inventory`); `new` defaults to `inventory` as it is on disk."""
    with ExitStack() as stack:
        a = stack.enter_context(open_side(old, inventory, allow_folders=allow_folders))
        b = (
            stack.enter_context(open_side(new, inventory, allow_folders=allow_folders))
            if new is not None
            else Side(label=str(inventory), root=inventory)
        )
        ga, gb = _graph(a, max_file_bytes), _graph(b, max_file_bytes)
        return diff_views(GraphView(ga), GraphView(gb), _side(a, ga), _side(b, gb))


def _graph(side: Side, max_file_bytes: int) -> nx.MultiDiGraph:
    try:
        # A revision may predate a correction of the vocabularies: compare it all the same.
        return build_graph(load_inventory(side.root, max_file_bytes=max_file_bytes, history=True))
    except InventoryInvalid as exc:
        if side.shown_as is None:
            raise
        # Name the files as `REV:inventory/file.yaml`, not the temporary folder they came from.
        raise InventoryInvalid(
            [Problem(_shown(side, p.file), p.line, p.field, p.message) for p in exc.problems]
        ) from None


def _shown(side: Side, file: Path) -> Path:
    try:
        return Path(f"{side.shown_as}/{file.relative_to(side.root).as_posix()}")
    except ValueError:
        return file


def _side(side: Side, g: nx.MultiDiGraph) -> DiffSide:
    return DiffSide(
        label=side.label,
        folder=side.folder,
        revision=side.revision,
        commit=side.commit,
        fingerprint=g.graph.get("fingerprint", ""),
        policy={
            "id": g.graph.get("policy_id", ""),
            "title": g.graph.get("policy_title", ""),
            "last_updated": g.graph.get("policy_last_updated", ""),
        },
    )
