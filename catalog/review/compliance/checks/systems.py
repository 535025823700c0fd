"""Reconciliation: the systems (what is held and sent, as scanned or declared) against the notice
(what it says is collected and disclosed). Each finding cites the policy sentence it compares
with and the system evidence: which field, found by which scan or declared by whom.

A field a person rejected holds nothing; a suggested one counts, and the finding says it is a
scan's suggestion not yet reviewed. Without systems in the inventory these rules do not apply.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from catalog.model.kinds import Label, Rel
from catalog.model.vocabulary import fideslang_words
from catalog.queries.flows import check as can_share
from catalog.review.compliance.context import Context, Hit, NotApplicable, cites
from catalog.review.compliance.registry import Params, check
from catalog.scanning.classify import values_said

# A field whose key meets the inventory only at the root (`user`: "personal information") holds
# data the notice never names; one that meets a named category above it (a first name under
# "Names") is covered by it.
_SPECIFIC_DEPTH = 2
# A key that points at a person (customer_id) is how systems join, not data collected from them.
_JOIN_KEYS = ("user.unique_id",)


def _fields(ctx: Context) -> list[str]:
    view = ctx.view
    fields = view.of_label(Label.Field)
    if not view.of_label(Label.System):
        raise NotApplicable("the inventory has no systems (datamap scan URL --write --system ID)")
    return fields


def evidence(ctx: Context, fid: str) -> str:
    """One line of system evidence for a field: where, found how, reviewed or not."""
    node = ctx.view.node(fid)
    where = f"{node['system']}: {node['name']}"
    if node.get("declared"):
        d = node["declared"]
        how = declared_by(d)
    elif node.get("scan"):
        scan = node["scan"]
        found = values_said(scan.get("evidence", [])) or [
            f"name rule '{e.get('rule')}'"
            for e in scan.get("evidence", [])
            if e.get("kind") == "name"
        ]
        how = f"scanned in {scan.get('database')} on {str(scan.get('at'))[:10]}: " + "; ".join(
            found
        )
    else:
        how = "no provenance"
    status = node.get("status", "suggested")
    note = " (a scan's suggestion, not yet reviewed)" if status == "suggested" else f" ({status})"
    return f"{where}, {how}{note}"


def _collected(ctx: Context) -> set[str]:
    """Categories the notice says are collected or processed, with everything above them."""
    view = ctx.view
    stated = {c for cp in view.of_label(Label.CollectionPoint) for c in view.out(cp, Rel.COLLECTS)}
    stated |= {
        c for a in view.of_label(Label.ProcessingActivity) for c in view.out(a, Rel.PROCESSES)
    }
    return stated | {a for c in stated for a in view.ancestors(c)}


def _holders(ctx: Context, fid: str) -> list[str]:
    return ctx.view.out(fid, Rel.HOLDS)


@check("held_not_stated")
def held_not_stated(ctx: Context, params: Params) -> Iterator[Hit]:
    """What the systems hold is data the notice says is collected. A field whose data the
    inventory has no category for (its key meets it only at something as broad as `user`), or
    whose category no context or activity collects, is held but never disclosed."""
    view = ctx.view
    collected = _collected(ctx)
    by_subject: dict[tuple[str, str], list[str]] = {}
    for fid in _fields(ctx):
        node = view.node(fid)
        for cid in _holders(ctx, fid):
            key = node.get("fideslang")
            if key in _JOIN_KEYS:
                continue
            carried = view.node(cid).get("fideslang")
            unnamed = bool(
                key
                and carried
                and key != carried
                and key.startswith(carried + ".")
                and carried.count(".") + 1 < _SPECIFIC_DEPTH
                and not any(
                    (view.node(c).get("fideslang") or "") == key
                    for c in view.of_label(Label.DataCategory)
                )
            )
            if unnamed or cid not in collected:
                what = key if unnamed else cid
                by_subject.setdefault((node["system"], what), []).append(fid)
    for (system, what), fids in sorted(by_subject.items()):
        first = view.node(fids[0])
        cid = _holders(ctx, fids[0])[0]
        if view.has(what):
            said = f"'{view.name(what)}', which no context or activity of the notice collects"
        else:
            said = (
                f"{fideslang_words(what)}, for which the inventory has no category: the notice never names it "
                f"(the nearest is '{view.name(cid)}')"
            )
        yield Hit(
            subject=f"{system}|{what}",
            summary=(
                f"{view.name(system)} holds {said}: "
                + "; ".join(view.node(f)["name"] for f in fids)
                + "."
            ),
            facts=[ctx.fact(system), *(ctx.fact(f) for f in fids), ctx.fact(cid)],
            sources=ctx.node_sources(cid) or ctx.node_sources(first["system"]),
            evidence=[evidence(ctx, f) for f in fids],
        )


class FlowParams(Params):
    verdict: str  # "none": the notice names no such disclosure; "general": only in general


@check("flow_not_named", FlowParams)
def flow_not_named(ctx: Context, params: FlowParams) -> Iterator[Hit]:
    """Data a system sends to a recipient is data the notice discloses to that recipient."""
    view = ctx.view
    _fields(ctx)
    for sid in view.of_label(Label.System):
        for target in view.out(sid, Rel.FLOWS_TO):
            if view.label(target) != Label.Recipient:
                continue
            edge = view.edge(sid, target, Rel.FLOWS_TO)
            for cid in edge.get("categories", []):
                answer = can_share(view, cid, target)
                if answer.verdict != params.verdict:
                    continue
                cited = (
                    [c for d in answer.disclosures for c in d.sources] if answer.disclosures else []
                )
                declared = edge.get("declared") or {}
                yield Hit(
                    subject=f"{sid}|{target}|{cid}",
                    summary=(
                        f"{view.name(sid)} sends {view.name(cid)} to {view.name(target)}; "
                        + answer.reason
                    ),
                    facts=[ctx.fact(sid), ctx.fact(target), ctx.fact(cid)],
                    sources=cited or ctx.node_sources(target) or ctx.node_sources(cid),
                    evidence=[
                        f"flow {view.name(sid)} → {view.name(target)}, {declared_by(declared)}"
                    ],
                )


@check("hosted_without_transfer")
def hosted_without_transfer(ctx: Context, params: Params) -> Iterator[Hit]:
    """A system hosted outside a region the notice transfers from has a stated transfer there
    (a transfer to an unnamed 'other countries' region covers any)."""
    view = ctx.view
    _fields(ctx)
    transfers: dict[str, list[tuple[str, str]]] = {}
    for t in view.of_label(Label.Transfer):
        for src in view.out(t, Rel.FROM):
            for dst in view.out(t, Rel.TO):
                transfers.setdefault(src, []).append((t, dst))
    for sid in view.of_label(Label.System):
        for host in view.out(sid, Rel.HOSTED_IN):
            for origin, outs in sorted(transfers.items()):
                if origin == host:
                    continue
                covered = [
                    t
                    for t, dst in outs
                    if dst == host or view.node(dst).get("type") == "unspecified"
                ]
                if covered:
                    continue
                yield Hit(
                    subject=f"{sid}|{origin}",
                    summary=(
                        f"{view.name(sid)} is hosted in {view.name(host)}, and the notice states "
                        f"transfers from {view.name(origin)} only to "
                        + ", ".join(sorted({view.name(d) for _, d in outs}))
                        + "."
                    ),
                    facts=[ctx.fact(sid), ctx.fact(host), ctx.fact(origin)],
                    sources=[c for t, _ in outs for c in ctx.node_sources(t)],
                    evidence=[
                        f"{view.name(sid)} hosted in {view.name(host)}, {declared_by(view.node(sid).get('declared') or {})}"
                    ],
                )


def declared_by(d: dict[str, Any]) -> str:
    """A declaration in words: who, when, on which document."""
    return f"declared by {d.get('by', 'nobody')} on {d.get('date', '?')}" + (
        f" ({d['document']})" if d.get("document") else ""
    )


@check("sensitive_held_without_condition")
def sensitive_held_without_condition(ctx: Context, params: Params) -> Iterator[Hit]:
    """Data a system holds that the regime makes sensitive is processed under the regime's
    condition for it (a consent stated under that regime)."""
    view = ctx.view
    regime = ctx.require_regime()
    fields = _fields(ctx)
    for cid in view.of_label(Label.DataCategory):
        flag = ctx.sensitivity(cid, regime)
        if flag is None or view.node(cid).get("sensitive_from"):
            continue
        family = {cid, *view.descendants(cid)}
        held = [f for f in fields if set(_holders(ctx, f)) & family]
        if not held:
            continue
        if ctx.consents(cid):
            continue
        yield Hit(
            subject=cid,
            summary=(
                f"{len(held)} field(s) hold {view.name(cid)}, sensitive under {view.name(regime)}, "
                f"and no consent is stated for it under {view.name(regime)}."
            ),
            facts=[ctx.fact(cid), *(ctx.fact(f) for f in held)],
            sources=cites(flag["sources"]),
            evidence=[evidence(ctx, f) for f in held],
        )


@check("stated_not_held")
def stated_not_held(ctx: Context, params: Params) -> Iterator[Hit]:
    """What the notice says is collected is held somewhere: a category no system holds is
    either held in a system not yet in the inventory, or not collected after all."""
    view = ctx.view
    fields = _fields(ctx)
    held = {c for f in fields for c in _holders(ctx, f)}
    stated = {c for cp in view.of_label(Label.CollectionPoint) for c in view.out(cp, Rel.COLLECTS)}
    # an item counts as held when its category is (the policy's words name what a column holds
    # in general terms); a category when it or something beneath it is
    stated = {
        view.out(c, Rel.PART_OF)[0]
        if view.node(c).get("kind") == "item" and view.out(c, Rel.PART_OF)
        else c
        for c in stated
    }
    missing = []
    for cid in view.sort(stated):
        family = {cid, *view.descendants(cid)}
        if not family & held and view.node(cid).get("personal", True):
            missing.append(cid)
    if missing:
        yield Hit(
            subject="categories",
            summary=(
                f"{len(missing)} kind(s) of data the notice says are collected are held in no "
                "system of the inventory: " + "; ".join(view.name(c) for c in missing) + "."
            ),
            facts=[ctx.fact(c) for c in missing],
            sources=[s for c in missing[:5] for s in ctx.node_sources(c)[:1]],
            evidence=[
                f"{len(view.of_label(Label.System))} system(s), {len(fields)} field(s) in the inventory"
            ],
        )
