"""Questions about the systems side: where a category lives, column by column."""

from __future__ import annotations

from typing import Any

from catalog.graph.view import GraphView
from catalog.model.kinds import Label, Rel
from catalog.model.results import FieldLocation, Locations, SystemFlow
from catalog.queries.common import ref, typed_ref
from catalog.queries.query import Entry, Query
from catalog.stores.neo4j import scopes


def locations(view: GraphView, category: str) -> Locations:
    """Every field holding the category or anything grouped beneath it (rejected fields hold
    nothing), suggested ones marked as such, and the flows that carry it out of those systems."""
    family = [category, *view.descendants(category)]
    found: list[FieldLocation] = []
    for cid in family:
        for fid in view.into(cid, Rel.HOLDS):
            node = view.node(fid)
            system = view.out(fid, Rel.IN)[0]
            scan = node.get("scan") or {}
            found.append(
                FieldLocation(
                    system=typed_ref(view, system),
                    field=node["name"],
                    schema=node.get("schema"),
                    table=node["table"],
                    column=node["column"],
                    data_type=node.get("data_type"),
                    holds=ref(view, cid),
                    match="exact" if cid == category else "narrower",
                    status=node["status"],
                    confidence=scan.get("confidence"),
                    scanned=f"{scan['database']} at {scan['at']}" if scan else None,
                    declared=node.get("declared"),
                )
            )
    found.sort(key=lambda f: (f.status == "suggested", f.system.name.casefold(), f.field))
    flows = system_flows(view, family, {f.system.id for f in found})
    accepted = sum(1 for f in found if f.status == "accepted")
    held = len({f.system.id for f in found})
    summary = (
        f"{len(found)} field(s) in {held} system(s) hold {view.name(category)}"
        + (f" ({accepted} accepted, {len(found) - accepted} suggested by a scan)" if found else "")
        + "."
    )
    return Locations(
        category=ref(view, category),
        covers=[ref(view, c) for c in view.sort(family[1:])],
        summary=summary,
        locations=found,
        flows=flows,
    )


def holding_systems(view: GraphView, family: list[str]) -> list[str]:
    """Systems with a field holding any category of `family` (rejected fields hold nothing)."""
    return view.sort(
        {s for c in family for fid in view.into(c, Rel.HOLDS) for s in view.out(fid, Rel.IN)}
    )


def system_flows(
    view: GraphView, family: list[str], systems: set[str] | None = None
) -> list[SystemFlow]:
    """Flows out of systems (those given, or any) whose declared categories meet `family`."""
    return [SystemFlow.model_validate(f) for f in system_flows_data(view, family, systems)]


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


WHERE = Query("locations", locations, scopes.WHERE, (Entry("category", (Label.DataCategory,)),))
