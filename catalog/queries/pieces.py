"""Answers as plain data: the JSON an answer is sent as, made without a result model.

The answers people wait for most (who-receives) are built from these as dicts in their models'
field order; the model versions in common.py and where_held.py validate from the same functions,
so the two cannot drift apart. Nothing here imports pydantic: a question asked with --json
answers without loading it.

A recipient's summary and a disclosure but for its categories are pieces, made once per graph
(catalog/graph/pieces.py); these put them in answers.
"""

from __future__ import annotations

from typing import Any

from catalog.graph.pieces import disclosure_piece, plain_cites
from catalog.graph.view import GraphView
from catalog.model.kinds import Label, Rel
from catalog.model.taxonomy import ccpa_label


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


def disclosure_data(
    view: GraphView, did: str, matches: dict[str, str] | None = None
) -> dict[str, Any]:
    """The same disclosure as plain data, in DisclosureOut's field order: its piece, with the
    categories `matches` chose (all of them, as exact, without)."""
    found = view.g.pieces.get("disclosure", {}).get(did) or disclosure_piece(view, did)
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
