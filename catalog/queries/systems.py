"""Questions about the systems side: where a category lives, column by column."""

from __future__ import annotations

from catalog.graph.view import GraphView
from catalog.model.kinds import Label, Rel
from catalog.model.results import FieldLocation, Locations, SystemFlow
from catalog.queries.common import ref, typed_ref
from catalog.queries.pieces import system_flows_data
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


def system_flows(
    view: GraphView, family: list[str], systems: set[str] | None = None
) -> list[SystemFlow]:
    """Flows out of systems (those given, or any) whose declared categories meet `family`."""
    return [SystemFlow.model_validate(f) for f in system_flows_data(view, family, systems)]


WHERE = Query("locations", locations, scopes.WHERE, (Entry("category", (Label.DataCategory,)),))
