"""Lineage of a category: where it comes from and where it goes, hop by hop.

The walk follows a fixed table of typed steps, so what "depth" means is explicit: depth 1 is
the collection points, activities, disclosures and transfers that touch the category; depth 2
adds subjects and sources upstream, and purposes, legal bases, recipients, retention, and the
regions, mechanisms and regimes of transfers downstream; depth 3 adds the regimes of the legal
bases.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from catalog.errors import BadRequest
from catalog.graph.view import GraphView
from catalog.model.kinds import Label, Rel
from catalog.model.results import Downstream, Lineage, LineageEdge, LineageNode, Ref, Upstream
from catalog.queries.common import category, cites, refs
from catalog.queries.query import DEFAULT_DEPTH, MAX_DEPTH, Entry, Query, Value


@dataclass(frozen=True)
class Step:
    from_label: str
    rel: str
    direction: Literal["out", "in"]  # edge direction seen from the node being expanded
    to_label: str
    stream: Literal["upstream", "downstream"]


# From a category (and what is grouped beneath it) ...
_FROM_CATEGORY = (
    Step(Label.DataCategory, Rel.COLLECTS, "in", Label.CollectionPoint, "upstream"),
    Step(Label.DataCategory, Rel.PROCESSES, "in", Label.ProcessingActivity, "downstream"),
    # the systems side: the fields holding it (scanned or declared)
    Step(Label.DataCategory, Rel.HOLDS, "in", Label.Field, "downstream"),
)
# ... and, as general statements, from it and every category it belongs to.
_FROM_CATEGORY_GENERAL = (
    Step(Label.DataCategory, Rel.OF, "in", Label.Disclosure, "downstream"),
    Step(Label.DataCategory, Rel.MOVES, "in", Label.Transfer, "downstream"),
    Step(Label.DataCategory, Rel.APPLIES_TO, "in", Label.RetentionRule, "downstream"),
)
_ONWARD = (
    Step(Label.CollectionPoint, Rel.COLLECTS_FROM, "out", Label.DataSubject, "upstream"),
    Step(Label.CollectionPoint, Rel.FROM_SOURCE, "out", Label.Source, "upstream"),
    Step(Label.ProcessingActivity, Rel.FOR_PURPOSE, "out", Label.Purpose, "downstream"),
    Step(Label.ProcessingActivity, Rel.HAS_LEGAL_BASIS, "out", Label.LegalBasis, "downstream"),
    Step(Label.ProcessingActivity, Rel.RETAINED_UNDER, "out", Label.RetentionRule, "downstream"),
    Step(Label.Disclosure, Rel.TO, "out", Label.Recipient, "downstream"),
    Step(Label.Transfer, Rel.TO, "out", Label.Region, "downstream"),
    Step(Label.Transfer, Rel.UNDER_MECHANISM, "out", Label.TransferMechanism, "downstream"),
    Step(Label.LegalBasis, Rel.UNDER, "out", Label.Regime, "downstream"),
    Step(Label.Transfer, Rel.GOVERNED_BY, "out", Label.Regime, "downstream"),
    Step(Label.Field, Rel.IN, "out", Label.System, "downstream"),
    # a flow is followed only where it carries the category (its `categories` meet the family)
    Step(Label.System, Rel.FLOWS_TO, "out", Label.System, "downstream"),
    Step(Label.System, Rel.FLOWS_TO, "out", Label.Recipient, "downstream"),
)


def lineage(view: GraphView, cid: str, depth: int = DEFAULT_DEPTH) -> Lineage:
    depth = max(1, min(depth, MAX_DEPTH))
    covers = view.descendants(cid)
    within = view.ancestors(cid)
    nodes: dict[str, LineageNode] = {}
    edges: dict[tuple[str, str, str], LineageEdge] = {}

    def visit(
        nid: str,
        distance: int,
        direction: Literal["origin", "upstream", "downstream"],
        general: bool,
    ) -> bool:
        known = nodes.get(nid)
        if known is not None:
            if known.general and not general:  # a specific route beats a general one
                nodes[nid] = known.model_copy(update={"general": False})
            return False
        nodes[nid] = LineageNode(
            id=nid,
            name=view.name(nid),
            type=view.label(nid),
            distance=distance,
            direction=direction,
            general=general,
        )
        return True

    family = {cid, *covers}

    def follow(nid: str, step: Step) -> list[str]:
        found = view.out(nid, step.rel) if step.direction == "out" else view.into(nid, step.rel)
        found = [n for n in found if view.label(n) == step.to_label]
        if step.rel == Rel.FLOWS_TO:
            found = [
                n
                for n in found
                if family & set(view.edge(nid, n, Rel.FLOWS_TO).get("categories", []))
            ]
        return found

    def record(src: str, dst: str, step: Step, general: bool) -> None:
        a, b = (src, dst) if step.direction == "out" else (dst, src)
        data = view.edge(a, b, step.rel)
        key = (a, b, step.rel)
        if key not in edges or (edges[key].general and not general):
            edges[key] = LineageEdge(
                source=a,
                target=b,
                type=step.rel,
                general=general,
                inferred=data.get("inferred"),
                sources=cites(data.get("sources")),
            )

    visit(cid, 0, "origin", False)
    seeds = [(c, False) for c in [cid, *covers]] + [(c, True) for c in within]
    for seed, general in seeds:
        steps = _FROM_CATEGORY_GENERAL if general else _FROM_CATEGORY + _FROM_CATEGORY_GENERAL
        for step in steps:
            for nxt in follow(seed, step):
                record(seed, nxt, step, general)
                visit(nxt, 1, step.stream, general)
    for distance in range(2, depth + 1):
        frontier = [n for n in nodes.values() if n.distance == distance - 1]
        for here in frontier:
            general = nodes[here.id].general
            for step in _ONWARD:
                if step.from_label != here.type:
                    continue
                for nxt in follow(here.id, step):
                    record(here.id, nxt, step, general)
                    visit(nxt, distance, step.stream, general)

    def of(label: str, stream: str | None = None) -> list[Ref]:
        return refs(
            view,
            [
                n.id
                for n in nodes.values()
                if n.type == label and (stream is None or n.direction == stream)
            ],
        )

    ordered = sorted(nodes.values(), key=lambda n: (n.distance, n.type, n.name.casefold(), n.id))
    return Lineage(
        category=category(view, cid),
        depth=depth,
        covers=refs(view, covers),
        within=refs(view, within),
        upstream=Upstream(
            collection_points=of(Label.CollectionPoint),
            subjects=of(Label.DataSubject),
            sources=of(Label.Source),
        ),
        downstream=Downstream(
            activities=of(Label.ProcessingActivity),
            purposes=of(Label.Purpose),
            legal_bases=of(Label.LegalBasis),
            recipients=of(Label.Recipient),
            transfers=of(Label.Transfer),
            regions=of(Label.Region),
            mechanisms=of(Label.TransferMechanism),
            retention=of(Label.RetentionRule),
            regimes=of(Label.Regime),
            systems=of(Label.System),
        ),
        nodes=ordered,
        edges=sorted(edges.values(), key=lambda e: (e.type, e.source, e.target)),
    )


def _depth(depth: int) -> int:
    if not 1 <= depth <= MAX_DEPTH:
        raise BadRequest(f"depth must be between 1 and {MAX_DEPTH}, not {depth}")
    return depth


LINEAGE = Query(
    "lineage",
    lineage,
    (Entry("category", (Label.DataCategory,)), Value("depth", _depth, default=DEFAULT_DEPTH)),
)
