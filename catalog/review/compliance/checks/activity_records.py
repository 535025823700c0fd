"""Checks on the record of processing: what each activity states, its legal basis, retention,
processors, and what the notice says happens when data is withheld."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator

from catalog.model.kinds import Label, Rel
from catalog.model.results import RopaActivity
from catalog.queries.disclosures import ccpa_disclosure
from catalog.queries.processing_records import ropa
from catalog.review.compliance.context import Context, Hit
from catalog.review.compliance.registry import Params, check


class RequiredField(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    field: str
    label: str

    @field_validator("field")
    @classmethod
    def _known(cls, value: str) -> str:
        if value not in RopaActivity.model_fields:
            raise ValueError(
                f"{value!r} is not a field of the record; use one of "
                + ", ".join(sorted(RopaActivity.model_fields))
            )
        return value


class ActivityFields(Params):
    fields: list[RequiredField]


@check("activity_fields", ActivityFields)
def activity_fields(ctx: Context, params: ActivityFields) -> Iterator[Hit]:
    """Each processing activity's record states every field the law requires."""
    record = ropa(ctx.view, ctx.require_regime())
    for activity in record.activities:
        missing = [f.label for f in params.fields if not getattr(activity, f.field)]
        if missing:
            yield Hit(
                subject=activity.id,
                summary=f"The record of '{activity.name}' states no {_and(missing)}.",
                facts=[ctx.fact(activity.id)],
                sources=activity.sources,
            )


class LegalBases(Params):
    mode: Literal["missing", "inferred_only"]


@check("legal_basis", LegalBases)
def legal_basis(ctx: Context, params: LegalBases) -> Iterator[Hit]:
    """missing: every activity has a legal basis under the regime. inferred_only: the notice
    ties a basis to each activity itself, rather than datamap reading one into it."""
    regime = ctx.require_regime()
    view = ctx.view
    activities = view.of_label(Label.ProcessingActivity)
    inferred: list[tuple[str, list[str]]] = []
    for aid in activities:
        bases = [b for b in view.out(aid, Rel.HAS_LEGAL_BASIS) if ctx.under(b) == regime]
        purposes = [view.name(p) for p in view.out(aid, Rel.FOR_PURPOSE)]
        if not bases and params.mode == "missing":
            yield Hit(
                subject=aid,
                summary=(
                    f"The notice gives no {view.name(regime)} legal basis for "
                    f"'{view.name(aid)}' (purposes: {'; '.join(purposes) or 'none stated'})."
                ),
                facts=[ctx.fact(aid), *(ctx.fact(p) for p in view.out(aid, Rel.FOR_PURPOSE))],
                sources=ctx.node_sources(aid),
                remedy=(
                    f"Decide the {view.name(regime)} legal basis for '{view.name(aid)}' and state "
                    "it in the notice beside its purposes; where it is legitimate interests, name "
                    "the interest and say that it was balanced against the individual's rights."
                ),
            )
        if bases and all(view.edge(aid, b, Rel.HAS_LEGAL_BASIS).get("inferred") for b in bases):
            inferred.append((aid, bases))
    if params.mode == "inferred_only" and inferred:
        sources = [
            c
            for aid, bases in inferred
            for b in bases
            for c in ctx.edge_sources(aid, b, Rel.HAS_LEGAL_BASIS)
        ]
        names = [view.name(aid) for aid, _ in inferred]
        yield Hit(
            summary=(
                f"The notice lists its {view.name(regime)} legal bases once, for all processing; "
                f"for {len(inferred)} of {len(activities)} activities the basis is datamap's reading, "
                f"not the notice's words: {'; '.join(names)}."
            ),
            facts=[
                ctx.fact(
                    aid,
                    inferred="; ".join(
                        {view.edge(aid, b, Rel.HAS_LEGAL_BASIS)["inferred"] for b in bases}
                    ),
                )
                for aid, bases in inferred
            ],
            sources=sources,
        )


@check("processor_contracts")
def processor_contracts(ctx: Context, params: Params) -> Iterator[Hit]:
    """Processors (service providers) receive data: the record should point to their contracts."""
    record = ropa(ctx.view, ctx.require_regime())
    if any(a.processor_contracts for a in record.activities):
        return
    view = ctx.view
    processors = [
        r
        for r in view.of_label(Label.Recipient)
        if view.node(r).get("role") == "service_provider" and view.into(r, Rel.TO)
    ]
    if not processors:
        return
    sources = [c for r in processors for c in ctx.node_sources(r)]
    yield Hit(
        summary=(
            f"{len(processors)} kinds of service provider receive personal information "
            f"({'; '.join(view.name(r) for r in processors)}); neither the notice nor the "
            "inventory points to a contract with any of them."
        ),
        facts=[ctx.fact(r) for r in processors],
        sources=sources,
    )


class Consequences(Params):
    kinds: tuple[str, ...] = ("context",)


@check("consequences_stated", Consequences)
def consequences_stated(ctx: Context, params: Consequences) -> Iterator[Hit]:
    """Where data is collected from the person, the notice says what happens if it is withheld."""
    view = ctx.view
    for cp in view.of_label(Label.CollectionPoint):
        node = view.node(cp)
        if node.get("kind") in params.kinds and not node.get("consequences"):
            yield Hit(
                subject=cp,
                summary=f"'{view.name(cp)}' collects data without saying what happens if it is not provided.",
                facts=[ctx.fact(cp)],
                sources=ctx.node_sources(cp),
            )


@check("retention_stated")
def retention_stated(ctx: Context, params: Params) -> Iterator[Hit]:
    """The notice states how long personal information is kept under the regime."""
    regime = ctx.require_regime()
    rules = [r for r in ctx.view.of_label(Label.RetentionRule) if ctx.under(r) == regime]
    if not rules:
        yield Hit(
            summary=f"The notice states no retention period or criteria under {ctx.view.name(regime)}.",
            facts=[ctx.fact(regime)],
            sources=ctx.node_sources(regime),
        )


class RetentionPerCategory(Params):
    unregimed_counts: bool = True


@check("retention_per_category", RetentionPerCategory)
def retention_per_category(ctx: Context, params: RetentionPerCategory) -> Iterator[Hit]:
    """Every category collected has a retention period (or its criteria) under the regime."""
    regime = ctx.require_regime()
    view = ctx.view

    def governs(rule: str) -> bool:
        return ctx.in_regime(rule, unregimed=params.unregimed_counts)

    def normalized(cid: str) -> str:
        """The nearest category above an item: what a notice names, not the item's wording."""
        for c in (cid, *view.ancestors(cid)):
            if view.node(c).get("kind") == "category":
                return c
        return cid

    def retained(cid: str) -> bool:
        family = (cid, *view.ancestors(cid), *view.descendants(cid))
        direct = any(
            view.label(r) == Label.RetentionRule and governs(r)
            for c in (cid, *view.ancestors(cid))
            for r in view.into(c, Rel.APPLIES_TO)
        )
        via = any(
            governs(r)
            for c in family
            for a in view.into(c, Rel.PROCESSES)
            for r in view.out(a, Rel.RETAINED_UNDER)
        )
        return direct or via

    table = ccpa_disclosure(view, regime)
    collected = {normalized(i.id) for row in table.rows for i in row.collected}
    lacking = [cid for cid in view.sort(collected) if not retained(cid)]
    if not lacking:
        return
    listed = "; ".join(
        f"{view.name(cid)} ({', '.join(view.node(cid).get('ccpa', [])) or '-'})" for cid in lacking
    )
    yield Hit(
        summary=(
            f"{len(lacking)} categories collected have no retention period or criteria under "
            f"{view.name(regime)} ({listed})."
        ),
        facts=[ctx.fact(cid) for cid in lacking],
        sources=ctx.node_sources(regime),
    )


class OpenEnded(Params):
    patterns: list[str]


@check("open_ended_retention", OpenEnded)
def open_ended_retention(ctx: Context, params: OpenEnded) -> Iterator[Hit]:
    """Retention rules of the regime whose period has no end the controller sets."""
    regime = ctx.require_regime()
    pattern = re.compile("|".join(params.patterns), re.IGNORECASE)
    for r in ctx.view.of_label(Label.RetentionRule):
        if ctx.under(r) != regime:
            continue
        period = ctx.view.node(r).get("period", "")
        if pattern.search(period):
            yield Hit(
                subject=r,
                summary=f"'{ctx.view.name(r)}' keeps data {period[0].lower() + period[1:]}",
                facts=[ctx.fact(r)],
                sources=ctx.node_sources(r),
            )


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]
