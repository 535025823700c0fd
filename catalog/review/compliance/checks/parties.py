"""Checks on the parties a law requires: representatives, data protection officers, and where
they are established."""

from __future__ import annotations

from collections.abc import Iterator

from catalog.model.kinds import Label, Rel
from catalog.review.compliance.context import Context, Hit
from catalog.review.compliance.registry import Params, check

CONTROLLER_ROLES = ("controller", "business", "personal_information_processor")


class RolePresent(Params):
    role: str
    label: str
    only_if_controller_outside: bool = False
    monitoring_evidence: bool = False


@check("party_role_present", RolePresent)
def party_role_present(ctx: Context, params: RolePresent) -> Iterator[Hit]:
    """The notice names a party in the given role (optionally: only where the controller is
    established outside the regime's jurisdiction)."""
    regime = ctx.require_regime()
    view = ctx.view
    if ctx.parties(params.role):
        return
    controllers = [p for role in CONTROLLER_ROLES for p in ctx.parties(role)]
    if not controllers:
        return
    jurisdiction = ctx.jurisdiction()
    outside = [
        (org, data)
        for org, data in controllers
        if view.out(org, Rel.LOCATED_IN) and not set(view.out(org, Rel.LOCATED_IN)) & jurisdiction
    ]
    if params.only_if_controller_outside and not outside:
        return
    sources = [c for org, _ in controllers for c in ctx.edge_sources(org, regime, Rel.HAS_ROLE)]
    facts = [ctx.fact(org) for org, _ in controllers]
    where = ""
    if outside and params.only_if_controller_outside:
        located = [
            c
            for org, _ in outside
            for region in view.out(org, Rel.LOCATED_IN)
            for c in ctx.edge_sources(org, region, Rel.LOCATED_IN)
        ]
        # Where the regime's own section says where the party is, that sentence is cited, not
        # another law's section saying the same.
        own = {c.section for c in ctx.node_sources(regime)}
        sources += [c for c in located if c.section in own] or located
        where = (
            " It is established in "
            + ", ".join(
                sorted({view.name(r) for org, _ in outside for r in view.out(org, Rel.LOCATED_IN)})
            )
            + "."
        )
    evidence = ""
    if params.monitoring_evidence:
        tracking = _tracking_for_advertising(ctx)
        if tracking:
            facts += [ctx.fact(cp) for cp in tracking]
            sources += [c for cp in tracking for c in ctx.node_sources(cp)]
            evidence = (
                " The notice describes tracking that may amount to regular and systematic "
                "monitoring: " + "; ".join(view.name(cp) for cp in tracking) + "."
            )
    names = ", ".join(view.name(org) for org, _ in controllers)
    yield Hit(
        summary=f"The notice names {names} under {view.name(regime)} but no {params.label}.{where}{evidence}",
        facts=facts,
        sources=sources,
    )


def _tracking_for_advertising(ctx: Context) -> list[str]:
    """Tracking technologies feeding an activity whose disclosures are sold or shared."""
    view = ctx.view
    found: set[str] = set()
    for aid in view.of_label(Label.ProcessingActivity):
        disclosures = view.out(aid, Rel.DISCLOSES)
        if not any(view.node(d).get("sale") or view.node(d).get("share") for d in disclosures):
            continue
        for cp in view.out(aid, Rel.COLLECTS_VIA):
            if view.node(cp).get("kind") == "tracking_technology":
                found.add(cp)
    return view.sort(found)


class LocatedIn(Params):
    role: str
    label: str


@check("party_located_in_jurisdiction", LocatedIn)
def party_located_in_jurisdiction(ctx: Context, params: LocatedIn) -> Iterator[Hit]:
    """The party holding the role is established where the regime applies."""
    regime = ctx.require_regime()
    view = ctx.view
    jurisdiction = ctx.jurisdiction()
    for org, _ in ctx.parties(params.role):
        regions = view.out(org, Rel.LOCATED_IN)
        if not regions or set(regions) & jurisdiction:
            continue
        yield Hit(
            subject=org,
            summary=(
                f"{view.name(org)}, named as {params.label} under {view.name(regime)}, is established "
                f"in {', '.join(view.name(r) for r in regions)}, outside "
                f"{', '.join(view.name(r) for r in view.sort(jurisdiction))}."
            ),
            facts=[ctx.fact(org), *(ctx.fact(r) for r in regions)],
            sources=[
                *ctx.edge_sources(org, regime, Rel.HAS_ROLE),
                *(c for r in regions for c in ctx.edge_sources(org, r, Rel.LOCATED_IN)),
            ],
        )
