"""Listing entries of one kind, and showing one entry with every relationship it has."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from catalog.errors import BadRequest
from catalog.graph.view import GraphView
from catalog.loading.policy import fold_key
from catalog.model.kinds import LIST_LABELS, Label, Rel, decode_props
from catalog.model.results import (
    ActivityItem,
    Category,
    CategoryItem,
    ContextItem,
    Entity,
    EntryItem,
    Page,
    PurposeItem,
    RecipientDetail,
    RecipientItem,
    Ref,
    Relationship,
)
from catalog.model.taxonomy import CCPA_PURPOSE_LABELS, CcpaPurpose
from catalog.queries.answer_parts import first
from catalog.queries.common import category, cites, recipient_summary, ref, refs, typed_ref
from catalog.queries.query import Entry, Query, Value


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
        sensitive_under=list(n.get("sensitive_under", [])),
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
    recipients = {
        r for d in view.out(nid, Rel.DISCLOSES) if (r := first(view, d, Rel.TO)) is not None
    }
    return ActivityItem(
        id=nid,
        name=view.name(nid),
        business_function=n.get("business_function", ""),
        purposes=refs(view, view.out(nid, Rel.FOR_PURPOSE)),
        legal_bases=refs(view, view.out(nid, Rel.HAS_LEGAL_BASIS)),
        recipients=refs(view, recipients),
        sources=cites(n.get("sources")),
    )


def _entry(view: GraphView, nid: str) -> EntryItem:
    regime = (
        view.into(nid, Rel.GRANTS) or view.out(nid, Rel.UNDER) or view.out(nid, Rel.GOVERNED_BY)
    )
    return EntryItem(
        id=nid,
        name=view.name(nid),
        type=view.label(nid),
        under=ref(view, regime[0]) if regime else None,
        sources=cites(view.node(nid).get("sources")),
    )


ITEM_BUILDERS: dict[str, Callable[[GraphView, str], Ref]] = {
    "contexts": _context,
    "categories": _category,
    "recipients": _recipient,
    "purposes": _purpose,
    "activities": _activity,
    **dict.fromkeys(("subjects", "rights", "regimes", "choices", "transfers"), _entry),
}


def list_page(
    view: GraphView, what: str, q: str | None, limit: int | None, offset: int
) -> Page[Any]:
    """One page of the entries of a kind whose id or name contains `q` (any case). Only the
    page's items are made: an item's id and name are the entry's, so the others are counted
    from the graph (listing 50 of 2,000 activities made all 2,000 at size M)."""
    ids = view.of_label(LIST_LABELS[what])
    if q:
        needle = fold_key(q)
        ids = [n for n in ids if needle in fold_key(view.name(n)) or needle in n]
    build = ITEM_BUILDERS[what]
    page = [build(view, n) for n in ids[offset : offset + limit if limit is not None else None]]
    return Page[Any](items=page, total=len(ids), limit=limit, offset=offset)


def _listable(what: str) -> str:
    if what not in LIST_LABELS:
        raise BadRequest(f"cannot list {what!r}; choose one of {', '.join(LIST_LABELS)}")
    return what


LIST = Query(
    "list",
    list_page,
    (
        Value("what", _listable),
        Value("q", default=None),
        Value("limit", default=None),
        Value("offset", default=0),
    ),
)


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
                other=typed_ref(view, other),
                inferred=data.get("inferred"),
                sources=cites(data.get("sources")),
                properties=extra,
            )
        )
    rels.sort(key=lambda r: (r.type, r.direction, r.other.name.casefold(), r.other.id))
    return Entity(id=nid, name=name, type=label, properties=props, relationships=rels)


SHOW = Query("show", show, (Entry("entry"),))


def recipient_detail(view: GraphView, rid: str) -> RecipientDetail:
    return RecipientDetail(
        **recipient_summary(view, rid).model_dump(),
        sources=cites(view.node(rid).get("sources")),
    )


RECIPIENT = Query("recipient", recipient_detail, (Entry("recipient", (Label.Recipient,)),))
CATEGORY: Query[Category] = Query("category", category, (Entry("category", (Label.DataCategory,)),))
