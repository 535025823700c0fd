"""Pieces every answer model is made of: references, citations, categories, disclosures (the
plain-data versions, which these validate from, are in answer_parts.py)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol, TypeVar

from catalog.graph.pieces import recipient_summary_data
from catalog.graph.view import GraphView
from catalog.model.results import (
    Category,
    Citation,
    DisclosureOut,
    RecipientSummary,
    Ref,
    RopaItem,
    TypedRef,
)
from catalog.queries.answer_parts import Match, category_data, disclosure_data


def ref(view: GraphView, node_id: str) -> Ref:
    return Ref(id=node_id, name=view.name(node_id))


def typed_ref(view: GraphView, node_id: str) -> TypedRef:
    return TypedRef(id=node_id, name=view.name(node_id), type=view.label(node_id))


def refs(view: GraphView, node_ids: Iterable[str]) -> list[Ref]:
    return [ref(view, n) for n in view.sort(node_ids)]


def cites(raw: list[dict[str, str]] | None) -> list[Citation]:
    return [Citation(**c) for c in raw or []]


def unique_cites(citations: list[Citation]) -> list[Citation]:
    """Citations in order, each once."""
    seen: set[tuple[str, str]] = set()
    out: list[Citation] = []
    for c in citations:
        key = (c.section, c.quote)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def merge_cites(*groups: list[dict[str, str]] | None) -> list[Citation]:
    """Raw citations of several facts as one list, each once."""
    seen: set[tuple[str, str]] = set()
    out: list[Citation] = []
    for group in groups:
        for c in group or []:
            key = (c["section"], c["quote"])
            if key not in seen:
                seen.add(key)
                out.append(Citation(section=c["section"], quote=c["quote"]))
    return out


def cited_item(
    view: GraphView, nid: str, edge: dict[str, Any] | None = None, **extra: Any
) -> RopaItem:
    """One entry of a record, cited by the link that states it, else by the entry itself."""
    data = edge or {}
    return RopaItem(
        id=nid,
        name=view.name(nid),
        inferred=data.get("inferred"),
        draft=bool(view.node(nid).get("draft")),
        sources=cites(data.get("sources") or view.node(nid).get("sources")),
        **extra,
    )


def cited_statements(view: GraphView, nid: str, prop: str) -> list[RopaItem]:
    """The cited sentences an entry holds under `prop` (request process, consequences, …)."""
    return [
        RopaItem(
            id=f"{nid}#{prop}-{i}",
            name=s["text"],
            inferred=s.get("inferred"),
            sources=cites(s.get("sources")),
        )
        for i, s in enumerate(view.node(nid).get(prop, []))
    ]


def category(view: GraphView, cid: str) -> Category:
    return Category.model_validate(category_data(view, cid))


class _MaybeGeneral(Protocol):
    @property
    def general(self) -> bool | None: ...


G = TypeVar("G", bound=_MaybeGeneral)


def prefer_specific(found: dict[Any, G], key: Any, item: G) -> None:
    """Keep `item` under `key` unless one is there already; a disclosure stated for one context
    replaces one reached only through a general statement, never the other way round."""
    known = found.get(key)
    if known is None or (known.general and not item.general):
        found[key] = item


def recipient_summary(view: GraphView, rid: str) -> RecipientSummary:
    return RecipientSummary.model_validate(recipient_summary_data(view, rid))


def recipient_item(view: GraphView, did: str, rid: str, detail: str, general: bool) -> RopaItem:
    """A recipient as a record lists it: named by a disclosure, with that disclosure's reading,
    draft mark and sentences (the Art. 30 record and the CCPA disclosure alike)."""
    d = view.node(did)
    return RopaItem(
        id=rid,
        name=view.name(rid),
        detail=detail,
        general=general,
        inferred=d.get("inferred"),
        draft=bool(d.get("draft") or view.node(rid).get("draft")),
        sources=cites(d.get("sources")),
    )


def disclosure_out(
    view: GraphView, did: str, matches: dict[str, Match] | None = None
) -> DisclosureOut:
    """A disclosure; `matches` limits and labels its categories relative to the one asked."""
    return DisclosureOut.model_validate(disclosure_data(view, did, matches))


def sensitivity_under(view: GraphView, cid: str, regime_id: str) -> dict[str, Any] | None:
    """The policy's statement that a category is sensitive under this regime, or None: a
    category called sensitive under another law is not sensitive here."""
    flag: dict[str, Any]
    for flag in view.node(cid).get("sensitivity", []):
        if flag["regime"] == regime_id:
            return flag
    return None
