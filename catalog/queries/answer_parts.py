"""The parts answers share, as plain data: a category, a disclosure with the categories a
question matched, the flows between systems that carry a family of categories. Who-receives is
built from these; the models in common.py and where_held.py validate from the same functions,
so the two cannot drift apart. Their shape is answer_data's TypedDicts (one home, bound to the
result models); nothing here imports pydantic, so a question asked with --json answers without
loading it. A recipient's summary and a disclosure but for its categories are kept per graph
(catalog/graph/pieces.py); these put them in answers.
"""

from __future__ import annotations

from typing import Literal, cast

from catalog.graph.pieces import disclosure_piece, plain_cites
from catalog.graph.view import GraphView
from catalog.model.answer_data import (
    CategoryData,
    CategoryMatchData,
    DisclosureData,
    RefData,
    SystemFlowData,
)
from catalog.model.kinds import Label, Rel
from catalog.model.taxonomy import ccpa_label

Match = Literal["exact", "narrower", "broader"]


def first(view: GraphView, node_id: str, rel: str) -> str | None:
    found = view.out(node_id, rel)
    return found[0] if found else None


def category_matches(view: GraphView, cid: str) -> dict[str, Match]:
    """The category, what is grouped beneath it, and what it belongs to, labelled as such."""
    matches: dict[str, Match] = {cid: "exact"}
    for d in view.descendants(cid):
        matches[d] = "narrower"
    for a in view.ancestors(cid):
        matches[a] = "broader"
    return matches


def category_data(view: GraphView, cid: str) -> CategoryData:
    """A category as plain data (its JSON, as who-receives sends it; `common.category` is the
    model made from it)."""
    n = view.node(cid)
    parent = first(view, cid, Rel.PART_OF)
    parent_ref: RefData | None = {"id": parent, "name": view.name(parent)} if parent else None
    letters = list(n.get("ccpa", []))

    return {
        "id": cid,
        "name": view.name(cid),
        "kind": n.get("kind", "category"),
        "description": n.get("description"),
        "parent": parent_ref,
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
) -> list[SystemFlowData]:
    """The flows from `systems` (every system, without) carrying any category of `family`."""
    in_family = set(family)
    sources = view.sort(systems) if systems is not None else view.of_label(Label.System)
    flows: list[SystemFlowData] = []
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
    view: GraphView, did: str, matches: dict[str, Match] | None = None
) -> DisclosureData:
    """A disclosure as plain data: its piece, with the categories `matches` chose (all of them,
    as exact, without)."""
    kept = cast("DisclosureData | None", view.g.pieces.get("disclosure", {}).get(did))
    out = (kept or disclosure_piece(view, did)).copy()
    refs = view.g.refs
    of = view.g.out(did, Rel.OF)
    categories: list[CategoryMatchData]
    if matches is None:
        categories = [
            {"id": c, "name": refs[c]["name"], "match": "exact", "inferred": e.get("inferred")}
            for c, e in of.items()
        ]
    else:
        categories = [
            {
                "id": c,
                "name": refs[c]["name"],
                "match": matches[c],
                "inferred": (of.get(c) or {}).get("inferred"),
            }
            for c in view.sort(matches)
        ]
    out["categories"] = categories
    return out
