"""Pieces every answer is made of: references, citations, categories, disclosures."""

from __future__ import annotations

from typing import Any, Protocol, TypeVar

from catalog.graph.view import GraphView
from catalog.model.kinds import Label, Rel
from catalog.model.results import (
    Category,
    Citation,
    DisclosureOut,
    RecipientSummary,
    Ref,
    RopaItem,
    TypedRef,
)
from catalog.model.taxonomy import RECIPIENT_ROLE_LABELS, RecipientRole, ccpa_label


def ref(view: GraphView, node_id: str) -> Ref:
    return Ref(id=node_id, name=view.name(node_id))


def typed_ref(view: GraphView, node_id: str) -> TypedRef:
    return TypedRef(id=node_id, name=view.name(node_id), type=view.label(node_id))


def refs(view: GraphView, node_ids: Any) -> list[Ref]:
    return [ref(view, n) for n in view.sort(node_ids)]


def cites(raw: list[dict[str, str]] | None) -> list[Citation]:
    return [Citation(**c) for c in raw or []]


def plain_cites(raw: list[dict[str, str]] | None) -> list[dict[str, str]]:
    """Citations as plain data, in Citation's field order (a store may hold them either way)."""
    return [{"section": c["section"], "quote": c["quote"]} for c in raw or ()]


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


def first(view: GraphView, node_id: str, rel: str) -> str | None:
    found = view.out(node_id, rel)
    return found[0] if found else None


def category(view: GraphView, cid: str) -> Category:
    return Category.model_validate(category_data(view, cid))


def category_data(view: GraphView, cid: str) -> dict[str, Any]:
    """A category as plain data, in Category's field order (its JSON, as who-receives sends
    it; `category` is the model made from it)."""
    n = view.node(cid)
    parent = first(view, cid, Rel.PART_OF)
    letters = list(n.get("ccpa", []))

    return {
        "id": cid,
        "name": view.name(cid),
        "kind": n.get("kind", "category"),
        "description": n.get("description"),
        "parent": {"id": parent, "name": view.name(parent)} if parent else None,
        "personal": n.get("personal", True),
        "ccpa": letters,
        "ccpa_labels": [ccpa_label(x) for x in letters],
        "sensitive": bool(n.get("sensitive", False)),
        "sensitive_under": [
            {
                "regime": {"id": f["regime"], "name": f["regime_name"]},
                "sources": plain_cites(f["sources"]),
                "inferred": f.get("inferred"),
            }
            for f in n.get("sensitivity", [])
        ],
        "sensitive_sources": plain_cites(n.get("sensitive_sources")),
        "fideslang": n.get("fideslang"),
        "dpv": n.get("dpv"),
        "classification_note": n.get("classification_note"),
        "sources": plain_cites(n.get("sources")),
    }


def role_label(view: GraphView, rid: str) -> str:
    """The recipient's role in words: "Service provider / processor", "Third party", ..."""
    return RECIPIENT_ROLE_LABELS[RecipientRole(view.node(rid)["role"])]


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


# -- pieces: what an answer says about one node, made once per graph -----------------------------
# A recipient's summary and a disclosure (but for the categories a question matched) read that
# node and its neighbours only, and the same ones recur in answer after answer. Each is made on
# first use and kept on the graph (Graph.pieces); a server makes them all before its first
# request (`prepare`), so that no answer is faster or slower for coming first. Pieces are
# shared between answers: whoever puts one in an answer copies what it changes.


def _kept(view: GraphView, kind: str) -> dict[str, dict[str, Any]]:
    pieces = view.g.pieces
    found = pieces.get(kind)
    if found is None:
        found = pieces[kind] = {}
    return found


def recipient_summary_data(view: GraphView, rid: str) -> dict[str, Any]:
    """A recipient as plain data, in RecipientSummary's field order (shared: copy to change)."""
    kept = _kept(view, "recipient")
    found = kept.get(rid)
    if found is None:
        n = view.node(rid)
        found = kept[rid] = {
            "id": rid,
            "name": view.name(rid),
            "role": n["role"],
            "role_label": role_label(view, rid),
            "functions": [f["text"] for f in n.get("functions", [])],
            "dpv": n.get("dpv"),
            "description": n.get("description"),
        }
    return found


def disclosure_activity(view: GraphView, did: str) -> str | None:
    found = view.into(did, Rel.DISCLOSES)
    return found[0] if found else None


def disclosure_out(
    view: GraphView, did: str, matches: dict[str, str] | None = None
) -> DisclosureOut:
    """A disclosure; `matches` limits and labels its categories relative to the one asked."""
    return DisclosureOut.model_validate(disclosure_data(view, did, matches))


def disclosure_data(
    view: GraphView, did: str, matches: dict[str, str] | None = None
) -> dict[str, Any]:
    """The same disclosure as plain data, in DisclosureOut's field order: its piece, with the
    categories `matches` chose (all of them, as exact, without)."""
    found = _kept(view, "disclosure").get(did) or _disclosure_piece(view, did)
    out = found.copy()
    refs = view.g.refs
    of = view.g.out(did, Rel.OF)
    if matches is None:
        out["categories"] = [
            {"id": c, "name": refs[c]["name"], "match": "exact", "inferred": e.get("inferred")}
            for c, e in of.items()
        ]
    else:
        out["categories"] = [
            {
                "id": c,
                "name": refs[c]["name"],
                "match": matches[c],
                "inferred": (of.get(c) or {}).get("inferred"),
            }
            for c in view.sort(matches)
        ]
    return out


def _disclosure_piece(view: GraphView, did: str) -> dict[str, Any]:
    """A disclosure but for its categories, kept; neighbour lists come in answer order from the
    graph, and the references are the graph's own (Graph.refs)."""
    g = view.g
    refs = g.refs
    n = g.nodes[did]
    found = g.into(did, Rel.DISCLOSES)
    activity = found[0] if found else None
    recipient = next(iter(g.out(did, Rel.TO)), None)
    piece = _kept(view, "disclosure")[did] = {
        "id": did,
        "name": n.get("name", did),
        "activity": refs[activity] if activity else None,
        "general": bool(n.get("general", False)),
        "recipient": refs[recipient] if recipient else {"id": "", "name": "(unknown)"},
        "categories": None,  # the question's: see disclosure_data
        "purposes": [refs[x] for x in g.out(did, Rel.FOR_PURPOSE)],
        "contexts": [refs[x] for x in (g.out(activity, Rel.COLLECTS_VIA) if activity else ())],
        "sale": bool(n.get("sale", False)),
        "share": bool(n.get("share", False)),
        "sale_sources": plain_cites(n.get("sale_sources")),
        "share_sources": plain_cites(n.get("share_sources")),
        "sale_inferred": n.get("sale_inferred"),
        "share_inferred": n.get("share_inferred"),
        "inferred": n.get("inferred"),
        "sources": plain_cites(n.get("sources")),
    }
    return piece


def prepare(view: GraphView) -> None:
    """Every piece of the graph made now, before anyone waits for an answer (a server's start)."""
    for rid in view.of_label(Label.Recipient):
        recipient_summary_data(view, rid)
    for did in view.of_label(Label.Disclosure):
        if did not in _kept(view, "disclosure"):
            _disclosure_piece(view, did)


def category_matches(view: GraphView, cid: str) -> dict[str, str]:
    """The category, what is grouped beneath it, and what it belongs to, labelled as such."""
    matches = {cid: "exact"}
    for d in view.descendants(cid):
        matches[d] = "narrower"
    for a in view.ancestors(cid):
        matches[a] = "broader"
    return matches


def sensitivity_under(view: GraphView, cid: str, regime_id: str) -> dict[str, Any] | None:
    """The policy's statement that a category is sensitive under this regime, or None: a
    category called sensitive under another law is not sensitive here."""
    for flag in view.node(cid).get("sensitivity", []):
        if flag["regime"] == regime_id:
            return flag
    return None
