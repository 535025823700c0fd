"""Listing entries of one kind, and showing one entry with every relationship it has."""

from __future__ import annotations

from collections.abc import Callable

from catalog.graph.view import GraphView
from catalog.model.kinds import Label, Rel, decode_props
from catalog.model.results import (
    ActivityItem,
    CategoryItem,
    ContextItem,
    Entity,
    PurposeItem,
    RecipientItem,
    Relationship,
    TypedRef,
)
from catalog.model.taxonomy import CCPA_PURPOSE_LABELS, CcpaPurpose
from catalog.queries.common import cites, first, recipient_summary, ref, refs

LIST_LABELS = {
    "contexts": Label.CollectionPoint,
    "categories": Label.DataCategory,
    "recipients": Label.Recipient,
    "purposes": Label.Purpose,
    "activities": Label.ProcessingActivity,
}


def _context(view: GraphView, nid: str) -> ContextItem:
    n = view.node(nid)
    return ContextItem(
        id=nid,
        name=view.name(nid),
        kind=n["kind"],
        subjects=refs(view, view.out(nid, Rel.COLLECTS_FROM)),
        collects=refs(view, view.out(nid, Rel.COLLECTS)),
        consequences=[c["text"] for c in n.get("consequences", [])],
        sources=cites(n.get("sources")),
    )


def _category(view: GraphView, nid: str) -> CategoryItem:
    n = view.node(nid)
    parent = first(view, nid, Rel.PART_OF)
    return CategoryItem(
        id=nid,
        name=view.name(nid),
        kind=n["kind"],
        parent=ref(view, parent) if parent else None,
        ccpa=list(n.get("ccpa", [])),
        sensitive=bool(n.get("sensitive")),
        personal=n.get("personal", True),
        fideslang=n.get("fideslang"),
        dpv=n.get("dpv"),
    )


def _recipient(view: GraphView, nid: str) -> RecipientItem:
    disclosures = view.into(nid, Rel.TO)
    return RecipientItem(
        **recipient_summary(view, nid).model_dump(),
        general_only=bool(disclosures) and all(view.node(d).get("general") for d in disclosures),
        sources=cites(view.node(nid).get("sources")),
    )


def _purpose(view: GraphView, nid: str) -> PurposeItem:
    n = view.node(nid)
    code = n.get("ccpa_business_purpose")
    return PurposeItem(
        id=nid,
        name=view.name(nid),
        ccpa_business_purpose=code,
        ccpa_business_purpose_label=CCPA_PURPOSE_LABELS[CcpaPurpose(code)] if code else None,
        dpv=n.get("dpv"),
        fideslang=n.get("fideslang"),
        sources=cites(n.get("sources")),
    )


def _activity(view: GraphView, nid: str) -> ActivityItem:
    n = view.node(nid)
    recipients = {first(view, d, Rel.TO) for d in view.out(nid, Rel.DISCLOSES)} - {None}
    return ActivityItem(
        id=nid,
        name=view.name(nid),
        business_function=n.get("business_function", ""),
        purposes=refs(view, view.out(nid, Rel.FOR_PURPOSE)),
        legal_bases=refs(view, view.out(nid, Rel.HAS_LEGAL_BASIS)),
        recipients=refs(view, recipients),
        sources=cites(n.get("sources")),
    )


ITEM_BUILDERS: dict[str, Callable] = {
    "contexts": _context,
    "categories": _category,
    "recipients": _recipient,
    "purposes": _purpose,
    "activities": _activity,
}


def list_items(view: GraphView, what: str) -> list:
    build = ITEM_BUILDERS[what]
    return [build(view, nid) for nid in view.of_label(LIST_LABELS[what])]


def show(view: GraphView, nid: str) -> Entity:
    props = decode_props(dict(view.node(nid)))
    label = props.pop("label")
    props.pop("id", None)
    name = props.pop("name", nid)
    rels: list[Relationship] = []
    for src, dst, rel, data in view.edges_of(nid):
        other = dst if src == nid else src
        extra = {k: v for k, v in data.items() if k not in ("type", "sources", "inferred")}
        rels.append(
            Relationship(
                type=rel,
                direction="out" if src == nid else "in",
                other=TypedRef(id=other, name=view.name(other), type=view.label(other)),
                inferred=data.get("inferred"),
                sources=cites(data.get("sources")),
                properties=extra,
            )
        )
    rels.sort(key=lambda r: (r.type, r.direction, r.other.name.casefold(), r.other.id))
    return Entity(id=nid, name=name, type=label, properties=props, relationships=rels)
