"""Answers as plain data: the JSON an answer is sent as, made without a result model.

The answers people wait for most (who-receives) are built from these as dicts in their models'
field order; the model versions in common.py and systems.py validate from the same functions,
so the two cannot drift apart. Nothing here imports pydantic: a question asked with --json
answers without loading it.

Pieces: a recipient's summary and a disclosure (but for the categories a question matched) read
that node and its neighbours only, and the same ones recur in answer after answer. Each is made
on first use and kept on the graph (Graph.pieces); a server makes them all before its first
request (`prepare`), so that no answer is faster or slower for coming first. Pieces are shared
between answers: whoever puts one in an answer copies what it changes.
"""

from __future__ import annotations

from typing import Any

from catalog.graph.view import GraphView
from catalog.model.kinds import Label, Rel
from catalog.model.taxonomy import RECIPIENT_ROLE_LABELS, RecipientRole, ccpa_label


def plain_cites(raw: list[dict[str, str]] | None) -> list[dict[str, str]]:
    """Citations as plain data, in Citation's field order (a store may hold them either way)."""
    return [{"section": c["section"], "quote": c["quote"]} for c in raw or ()]


def first(view: GraphView, node_id: str, rel: str) -> str | None:
    found = view.out(node_id, rel)
    return found[0] if found else None


def category_matches(view: GraphView, cid: str) -> dict[str, str]:
    """The category, what is grouped beneath it, and what it belongs to, labelled as such."""
    matches = {cid: "exact"}
    for d in view.descendants(cid):
        matches[d] = "narrower"
    for a in view.ancestors(cid):
        matches[a] = "broader"
    return matches


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


def holding_systems(view: GraphView, family: list[str]) -> list[str]:
    """Systems with a field holding any category of `family` (rejected fields hold nothing)."""
    return view.sort(
        {s for c in family for fid in view.into(c, Rel.HOLDS) for s in view.out(fid, Rel.IN)}
    )


def system_flows_data(
    view: GraphView, family: list[str], systems: set[str] | None = None
) -> list[dict[str, Any]]:
    """The same flows as plain data, in SystemFlow's field order."""
    in_family = set(family)
    sources = view.sort(systems) if systems is not None else view.of_label(Label.System)
    flows = []
    for sid in sources:
        for target in view.out(sid, Rel.FLOWS_TO):  # in answer order already
            edge = view.edge(sid, target, Rel.FLOWS_TO)
            carried = [c for c in edge.get("categories", []) if c in in_family]
            if carried:
                flows.append(
                    {
                        "source": {"id": sid, "name": view.name(sid)},
                        "target": {
                            "id": target,
                            "name": view.name(target),
                            "type": view.label(target),
                        },
                        "categories": [{"id": c, "name": view.name(c)} for c in carried],
                        "declared": edge.get("declared"),
                    }
                )
    return flows


# -- pieces ------------------------------------------------------------------------------------


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
    kept = _kept(view, "disclosure")
    for did in view.of_label(Label.Disclosure):
        if did not in kept:
            _disclosure_piece(view, did)
