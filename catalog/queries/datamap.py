"""The data map as the browser draws it: collection points → categories → purposes →
recipients → countries, and systems beside the categories, each edge saying whether it is a
sale, a share, a general statement or datamap's reading. Items are drawn as their category (the
map stays readable); each node keeps the id the rest of the API answers about."""

from __future__ import annotations

from catalog.graph.view import GraphView
from catalog.model.kinds import Label, Rel
from catalog.model.results import DataMap, MapEdge, MapEdgeKind, MapLane, MapNode
from catalog.queries.common import refs
from catalog.queries.query import Query
from catalog.queries.where_held import special_flags, subject_counts

LANES: tuple[MapLane, ...] = ("point", "category", "system", "purpose", "recipient", "region")


def data_map(view: GraphView) -> DataMap:
    nodes: dict[str, MapNode] = {}
    edges: dict[tuple[str, str, str], MapEdge] = {}

    def top(cid: str) -> str:
        """An item as the category it is grouped under."""
        while view.node(cid).get("kind") == "item":
            parents = view.out(cid, Rel.PART_OF)
            if not parents:
                break
            cid = parents[0]
        return cid

    def add(nid: str, lane: MapLane, **flags: bool) -> str:
        node = nodes.get(nid)
        if node is None:
            n = view.node(nid)
            node = nodes[nid] = MapNode(
                id=nid,
                name=view.name(nid),
                lane=lane,
                sensitive=bool(n.get("sensitive")) if lane == "category" else False,
            )
        for key, value in flags.items():
            if value:
                setattr(node, key, True)
        return nid

    def link(
        src: str,
        dst: str,
        kind: MapEdgeKind,
        *,
        general: bool = False,
        inferred: bool = False,
        regimes: tuple[str, ...] = (),
    ) -> None:
        key = (src, dst, kind)
        edge = edges.get(key)
        if edge is None:
            edges[key] = MapEdge(
                source=src,
                target=dst,
                kind=kind,
                general=general,
                inferred=inferred,
                regimes=sorted(regimes),
            )
        else:  # a named route beats a general one; a stated one beats a reading
            edge.general = edge.general and general
            edge.inferred = edge.inferred and inferred
            edge.regimes = sorted(set(edge.regimes) | set(regimes))

    for cp in view.of_label(Label.CollectionPoint):
        for cid in view.out(cp, Rel.COLLECTS):
            data = view.edge(cp, cid, Rel.COLLECTS)
            link(
                add(cp, "point"),
                add(top(cid), "category"),
                "collects",
                inferred=bool(data.get("inferred")),
            )
    for aid in view.of_label(Label.ProcessingActivity):
        cats = {top(c) for c in view.out(aid, Rel.PROCESSES)}
        for pid in view.out(aid, Rel.FOR_PURPOSE):
            for cid in cats:
                link(add(cid, "category"), add(pid, "purpose"), "purpose")
    for did in view.of_label(Label.Disclosure):
        d = view.node(did)
        general = bool(d.get("general"))
        kind: MapEdgeKind = "sold" if d.get("sale") else "shared" if d.get("share") else "disclosed"
        for rid in view.out(did, Rel.TO):
            add(rid, "recipient", sold=kind == "sold", shared=bool(d.get("share")))
            if not general:
                nodes[rid].named = True
            for cid in view.out(did, Rel.OF):
                data = view.edge(did, cid, Rel.OF)
                link(
                    add(top(cid), "category"),
                    rid,
                    kind,
                    general=general,
                    inferred=bool(data.get("inferred")),
                    # "sale" and "share" are the CCPA's terms
                    regimes=("ccpa",) if kind != "disclosed" and view.has("ccpa") else (),
                )
    for tid in view.of_label(Label.Transfer):
        regions = view.out(tid, Rel.TO)
        governed = tuple(view.out(tid, Rel.GOVERNED_BY))
        for cid in view.out(tid, Rel.MOVES):
            for region in regions:
                link(add(top(cid), "category"), add(region, "region"), "transfer", regimes=governed)
    for sid in view.of_label(Label.System):
        holding = [f for f in view.into(sid, Rel.IN) if view.out(f, Rel.HOLDS)]
        for fid in holding:
            for cid in view.out(fid, Rel.HOLDS):
                link(add(top(cid), "category"), add(sid, "system"), "held")
        if holding:
            # the side panel says whom the system's data is about, and what in it is special
            nodes[sid].subjects = subject_counts(view.node(f).get("subject") for f in holding)
            nodes[sid].special = sorted(
                {f"{s.reference} ({s.what})" for f in holding for s in special_flags(view, f)}
            )
        again = [
            f"{what.replace('_', ' ')}: {node['name']} ({node[what].get('reason')})"
            for f in view.into(sid, Rel.IN)
            for what in ("gone", "no_longer_matching")
            if (node := view.node(f)).get(what)
        ]
        if again:
            nodes[add(sid, "system")].review = again
        for target in view.out(sid, Rel.FLOWS_TO):
            lane: MapLane = "system" if view.label(target) == Label.System else "recipient"
            link(add(sid, "system"), add(target, lane), "flows")
            if lane == "recipient":
                nodes[target].named = True
    ordered = sorted(nodes.values(), key=lambda n: (LANES.index(n.lane), n.name.casefold(), n.id))
    meta = view.meta
    return DataMap(
        title=str(meta.get("policy_title", "")),
        last_updated=str(meta.get("policy_last_updated", "")),
        regimes=refs(view, view.of_label(Label.Regime)),
        nodes=ordered,
        edges=sorted(edges.values(), key=lambda e: (e.source, e.target, e.kind)),
    )


DATA_MAP = Query("data_map", data_map)
