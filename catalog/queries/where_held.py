"""Questions about the systems side: where a category lives, column by column."""

from __future__ import annotations

from collections.abc import Iterable

from catalog.graph.view import GraphView
from catalog.model.kinds import Label, Rel
from catalog.model.results import FieldLocation, Locations, SpecialFlag, SubjectCount, SystemFlow
from catalog.model.special import short, special_categories
from catalog.model.subjects import PLURAL
from catalog.queries.answer_parts import system_flows_data
from catalog.queries.common import ref, typed_ref
from catalog.queries.query import Entry, Query


def field_fideslang(view: GraphView, fid: str) -> str | None:
    """The fideslang key of what a field holds: its own (a scan's, a manifest's), else that of
    the category it holds or the nearest category above it carrying one (a declared field)."""
    own: str | None = view.node(fid).get("fideslang")
    return own or category_fideslang(view, view.out(fid, Rel.HOLDS))


def category_fideslang(view: GraphView, categories: list[str]) -> str | None:
    """The fideslang key of the first of `categories`, or of the nearest category above it
    carrying one."""
    for cid in categories:
        for c in (cid, *view.ancestors(cid)):
            if not view.has(c):
                continue
            key: str | None = view.node(c).get("fideslang")
            if key:
                return key
    return None


def special_flags(view: GraphView, fid: str) -> list[SpecialFlag]:
    return [
        SpecialFlag(regime=s.regime, reference=s.reference, what=s.what)
        for s in special_categories(field_fideslang(view, fid)).values()
    ]


def subject_counts(subjects: Iterable[str | None]) -> list[SubjectCount]:
    """How many fields are about each kind of person, most first; those not known last."""
    counts: dict[str | None, int] = {}
    for s in subjects:
        counts[s] = counts.get(s, 0) + 1
    order = sorted(counts.items(), key=lambda x: (x[0] is None, -x[1], x[0] or ""))
    return [SubjectCount(subject=s, fields=n) for s, n in order]


def subjects_words(counts: list[SubjectCount]) -> str:
    """'customers (12), employees (3)': the known ones only."""
    return ", ".join(
        f"{PLURAL.get(c.subject, c.subject)} ({c.fields})" for c in counts if c.subject is not None
    )


def _location(view: GraphView, fid: str, cid: str, category: str) -> FieldLocation:
    node = view.node(fid)
    system = view.out(fid, Rel.IN)[0]
    scan = node.get("scan") or {}
    return FieldLocation(
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
        subject=node.get("subject"),
        special=special_flags(view, fid),
        no_longer_matching=node.get("no_longer_matching"),
        gone=node.get("gone"),
    )


def locations(view: GraphView, category: str) -> Locations:
    """Every field holding the category or anything grouped beneath it (rejected fields hold
    nothing), suggested ones marked as such, whom each is about and whether its data is a
    special category, and the flows that carry it out of those systems. Decided fields whose
    column the last scan did not find are listed apart, as gone."""
    family = [category, *view.descendants(category)]
    found = [_location(view, f, c, category) for c in family for f in view.into(c, Rel.HOLDS)]
    gone = [_location(view, f, c, category) for c in family for f in view.into(c, Rel.HELD)]
    for listed in (found, gone):
        listed.sort(key=lambda f: (f.status == "suggested", f.system.name.casefold(), f.field))
    flows = system_flows(view, family, {f.system.id for f in found})
    accepted = sum(1 for f in found if f.status == "accepted")
    stale = sum(1 for f in found if f.no_longer_matching)
    held = len({f.system.id for f in found})
    subjects = subject_counts(f.subject for f in found)
    about = subjects_words(subjects)
    unknown = sum(c.fields for c in subjects if c.subject is None)
    special = [f for f in found if f.special]
    summary = (
        f"{len(found)} field(s) in {held} system(s) hold {view.name(category)}"
        + (f" ({accepted} accepted, {len(found) - accepted} suggested by a scan)" if found else "")
        + (f"; about {about}" + (f", not known ({unknown})" if unknown else "") if about else "")
        + (
            f"; {len(special)} of them special or sensitive "
            f"({short(s.regime for f in special for s in f.special)})"
            if special
            else ""
        )
        + (f"; {stale} accepted no longer match the last scan" if stale else "")
        + (
            f"; {len(gone)} more gone from their database (the last scan found no such column)"
            if gone
            else ""
        )
        + "."
    )
    return Locations(
        category=ref(view, category),
        covers=[ref(view, c) for c in view.sort(family[1:])],
        summary=summary,
        locations=found,
        subjects=subjects,
        flows=flows,
        gone=gone,
    )


def system_flows(
    view: GraphView, family: list[str], systems: set[str] | None = None
) -> list[SystemFlow]:
    """Flows out of systems (those given, or any) whose declared categories meet `family`."""
    return [SystemFlow.model_validate(f) for f in system_flows_data(view, family, systems)]


WHERE = Query("locations", locations, (Entry("category", (Label.DataCategory,)),))
