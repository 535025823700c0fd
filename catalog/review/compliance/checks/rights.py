"""Checks on the rights a notice must explain, how people can exercise them, and minors."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

from pydantic import BaseModel, ConfigDict

from catalog.model.kinds import Label, Rel
from catalog.queries.common import cites
from catalog.review.compliance.context import Context, Hit
from catalog.review.compliance.registry import Params, check

# Article numbers in a right's reference: "GDPR Art. 21(1)" -> 21, "PIPL Art. 15, 44" -> 15, 44,
# "Cal. Civ. Code §1798.106" -> 1798.106. Numbers in parentheses are paragraphs, not articles.
_ARTICLE = re.compile(r"(?<![(\d.])(\d+(?:\.\d+)?)")


def articles_of(reference: str) -> set[str]:
    return set(_ARTICLE.findall(reference))


class RequiredRight(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    articles: list[str]
    when: Literal["always", "sensitive_data", "sale_or_share"] = "always"


class RightsStated(Params):
    rights: list[RequiredRight]


@check("rights_stated", RightsStated)
def rights_stated(ctx: Context, params: RightsStated) -> Iterator[Hit]:
    """The notice explains every right the law grants (some only where sensitive data is
    processed, or data is sold or shared)."""
    regime = ctx.require_regime()
    view = ctx.view
    stated: set[str] = set()
    for right in view.out(regime, Rel.GRANTS):
        stated |= articles_of(view.node(right).get("article") or "")
    for required in params.rights:
        if required.when == "sensitive_data" and not ctx.sensitive_in_use():
            continue
        if required.when == "sale_or_share" and not _sold_or_shared(ctx):
            continue
        if stated & set(required.articles):
            continue
        refs = ", ".join(required.articles)
        yield Hit(
            subject=re.sub(r"[^a-z0-9]+", "-", required.name.lower()).strip("-"),
            summary=f"The {view.name(regime)} section does not mention {required.name} (Art./§ {refs}).",
            facts=[ctx.fact(regime)],
            sources=ctx.node_sources(regime),
        )


def _sold_or_shared(ctx: Context) -> bool:
    view = ctx.view
    return any(
        view.node(d).get("sale") or view.node(d).get("share")
        for d in view.of_label(Label.Disclosure)
    )


class RequestMethods(Params):
    min_methods: int = 2
    required_kinds: tuple[str, ...] = ()


@check("request_methods", RequestMethods)
def request_methods(ctx: Context, params: RequestMethods) -> Iterator[Hit]:
    """People can make requests by enough usable methods, including the kinds the law names."""
    regime = ctx.require_regime()
    view = ctx.view
    channels: dict[str, list] = {}
    for right in view.out(regime, Rel.GRANTS):
        for ch in view.out(right, Rel.EXERCISED_VIA):
            if view.label(ch) == Label.ContactChannel:
                channels.setdefault(ch, []).extend(ctx.edge_sources(right, ch, Rel.EXERCISED_VIA))
    usable = [ch for ch in channels if view.node(ch).get("value")]
    unusable = [ch for ch in channels if ch not in usable]
    missing_kinds = [
        kind
        for kind in params.required_kinds
        if not any(view.node(ch).get("kind") == kind for ch in usable)
    ]
    if len(usable) >= params.min_methods and not missing_kinds:
        return
    parts = [
        f"requests can be made by {', '.join(view.name(ch) for ch in view.sort(channels)) or 'no stated method'}"
    ]
    if unusable:
        parts.append(
            "the notice names "
            + ", ".join(f"{view.node(ch)['kind']} ({view.name(ch)})" for ch in unusable)
            + " without the number or address needed to use it"
        )
    parts.append(
        f"{len(usable)} usable method(s), where at least {params.min_methods} are required"
        + (f", including {' and '.join(params.required_kinds)}" if params.required_kinds else "")
    )
    process = [
        c for s in view.node(regime).get("request_process", []) for c in cites(s.get("sources"))
    ]
    yield Hit(
        summary="Under " + view.name(regime) + ", " + "; ".join(parts) + ".",
        facts=[ctx.fact(ch) for ch in view.sort(channels)],
        sources=[
            *process,
            *(c for ch in view.sort(channels) for c in channels[ch]),
            *(c for ch in unusable for c in ctx.node_sources(ch)),
        ],
    )


class MinorsStatement(Params):
    applies_to: Literal["collection", "sale", "processing"]
    age: int


@check("minors_statement", MinorsStatement)
def minors_statement(ctx: Context, params: MinorsStatement) -> Iterator[Hit]:
    """The notice says what it does with minors' data, at the age the law sets."""
    regime = ctx.require_regime()
    view = ctx.view
    for m in view.node(regime).get("minors", []):
        if m.get("applies_to") == params.applies_to and m.get("age", 0) >= params.age:
            return
    yield Hit(
        summary=(
            f"The {view.name(regime)} section makes no statement on the {params.applies_to} of "
            f"personal information of minors under {params.age}."
        ),
        facts=[ctx.fact(regime)],
        sources=ctx.node_sources(regime),
    )
