"""Checks on cross-border transfers: a mechanism for each, one that fits how often data moves,
named destinations and recipients, and the consent some laws require."""

from __future__ import annotations

from collections.abc import Iterator

from catalog.model.kinds import Label, Rel
from catalog.review.compliance.context import Context, Hit
from catalog.review.compliance.registry import Params, check


def _transfers(ctx: Context) -> list[str]:
    regime = ctx.require_regime()
    return [
        t for t in ctx.view.of_label(Label.Transfer) if regime in ctx.view.out(t, Rel.GOVERNED_BY)
    ]


def _route(ctx: Context, tid: str) -> str:
    view = ctx.view
    src = ", ".join(view.name(r) for r in view.out(tid, Rel.FROM))
    dst = ", ".join(view.name(r) for r in view.out(tid, Rel.TO))
    return f"{src} to {dst}"


@check("transfer_has_mechanism")
def transfer_has_mechanism(ctx: Context, params: Params) -> Iterator[Hit]:
    """Every transfer under the regime names the mechanism it relies on."""
    for tid in _transfers(ctx):
        if not ctx.view.out(tid, Rel.UNDER_MECHANISM):
            yield Hit(
                subject=tid,
                summary=f"The transfer from {_route(ctx, tid)} names no transfer mechanism.",
                facts=[ctx.fact(tid)],
                sources=ctx.node_sources(tid),
            )


class SystematicKinds(Params):
    kinds: tuple[str, ...] = ("derogation",)


@check("derogation_for_systematic_transfer", SystematicKinds)
def derogation_for_systematic_transfer(ctx: Context, params: SystematicKinds) -> Iterator[Hit]:
    """A systematic transfer does not rest on a derogation meant for occasional transfers."""
    view = ctx.view
    for tid in _transfers(ctx):
        node = view.node(tid)
        mechanisms = view.out(tid, Rel.UNDER_MECHANISM)
        if not node.get("systematic") or not mechanisms:
            continue
        if all(view.node(m).get("kind") in params.kinds for m in mechanisms):
            names = "; ".join(
                f"{view.name(m)} ({view.node(m).get('legal_reference') or view.node(m)['kind']})"
                for m in mechanisms
            )
            yield Hit(
                subject=tid,
                summary=(
                    f"The transfer from {_route(ctx, tid)} is systematic, yet rests only on {names}."
                ),
                facts=[
                    ctx.fact(tid, inferred=node.get("systematic_inferred")),
                    *(ctx.fact(m) for m in mechanisms),
                ],
                sources=[
                    *ctx.node_sources(tid, "systematic_sources"),
                    *(c for m in mechanisms for c in ctx.edge_sources(tid, m, Rel.UNDER_MECHANISM)),
                ],
            )


@check("transfer_destination_named")
def transfer_destination_named(ctx: Context, params: Params) -> Iterator[Hit]:
    """Each transfer names the countries data goes to."""
    view = ctx.view
    for tid in _transfers(ctx):
        vague = [r for r in view.out(tid, Rel.TO) if view.node(r).get("type") == "unspecified"]
        for region in vague:
            yield Hit(
                subject=tid,
                summary=f"The transfer '{view.name(tid)}' goes to '{view.name(region)}': no country is named.",
                facts=[ctx.fact(tid), ctx.fact(region)],
                sources=[*ctx.node_sources(tid), *ctx.node_sources(region)],
            )


class MechanismKind(Params):
    kind: str


@check("transfer_mechanism_kind", MechanismKind)
def transfer_mechanism_kind(ctx: Context, params: MechanismKind) -> Iterator[Hit]:
    """Every transfer under the regime relies (at least) on a mechanism of the given kind."""
    view = ctx.view
    for tid in _transfers(ctx):
        mechanisms = view.out(tid, Rel.UNDER_MECHANISM)
        if not any(view.node(m).get("kind") == params.kind for m in mechanisms):
            stated = "; ".join(view.name(m) for m in mechanisms) or "no mechanism"
            yield Hit(
                subject=tid,
                summary=(
                    f"The transfer from {_route(ctx, tid)} relies on {stated}; "
                    f"no {params.kind.replace('_', ' ')} is stated for it."
                ),
                facts=[ctx.fact(tid), *(ctx.fact(m) for m in mechanisms)],
                sources=[
                    *ctx.node_sources(tid),
                    *(c for m in mechanisms for c in ctx.edge_sources(tid, m, Rel.UNDER_MECHANISM)),
                ],
            )


@check("transfer_recipient_identified")
def transfer_recipient_identified(ctx: Context, params: Params) -> Iterator[Hit]:
    """Each transfer identifies who receives the data abroad: a named recipient, or the
    controller itself where it is established in the destination."""
    view = ctx.view
    regime = ctx.require_regime()
    own = {
        region
        for org in view.into(regime, Rel.HAS_ROLE)
        for region in view.out(org, Rel.LOCATED_IN)
    }
    for tid in _transfers(ctx):
        if view.out(tid, Rel.TO_RECIPIENT):
            continue
        if set(view.out(tid, Rel.TO)) & own:
            continue
        yield Hit(
            subject=tid,
            summary=(
                f"The transfer from {_route(ctx, tid)} names no recipient abroad, nor its contact "
                "details, and the controller is not established there."
            ),
            facts=[ctx.fact(tid), *(ctx.fact(r) for r in view.out(tid, Rel.TO))],
            sources=ctx.node_sources(tid),
        )
