"""Checks on sales, shares and sensitive data: how they are described, the opt-outs that govern
them, preference signals, and third parties the notice does not account for."""

from __future__ import annotations

import re
from collections.abc import Iterator

from catalog.model.kinds import Label, Rel
from catalog.model.results import Citation
from catalog.model.taxonomy import ccpa_label
from catalog.review.compliance.context import Context, Hit, cites, top_section
from catalog.review.compliance.registry import Params, check


def _sold(ctx: Context) -> list[str]:
    view = ctx.view
    return [
        d
        for d in view.of_label(Label.Disclosure)
        if view.node(d).get("sale") or view.node(d).get("share")
    ]


def _sale_sources(ctx: Context, dids: list[str]) -> list[Citation]:
    return [
        c
        for d in dids
        for key in ("sale_sources", "share_sources")
        for c in ctx.node_sources(d, key)
    ]


def _governing_choices(ctx: Context, did: str, kinds: tuple[str, ...]) -> list[str]:
    """Choices of the given kinds that apply to a disclosure, its activity or its recipient."""
    view = ctx.view
    targets = [did, *view.out(did, Rel.TO), *view.into(did, Rel.DISCLOSES)]
    return view.sort(
        c
        for t in targets
        for c in view.into(t, Rel.APPLIES_TO)
        if view.label(c) == Label.Choice and view.node(c).get("kind") in kinds
    )


@check("opt_out_signal_honoured")
def opt_out_signal_honoured(ctx: Context, params: Params) -> Iterator[Hit]:
    """Where data is sold or shared, opt-out preference signals are honoured as opt-outs."""
    sold = _sold(ctx)
    if not sold:
        return
    view = ctx.view
    signals = [c for c in view.of_label(Label.Choice) if view.node(c).get("kind") == "signal"]
    if any(view.node(s).get("honoured", True) for s in signals):
        return
    ignored = [s for s in signals if not view.node(s).get("honoured", True)]
    said = (
        f"says it does not respond to {', '.join(view.name(s) for s in ignored)}"
        if ignored
        else "says nothing of browser signals"
    )
    yield Hit(
        summary=(
            f"The notice sells or shares personal information, {said}, and says nothing of "
            "opt-out preference signals such as Global Privacy Control."
        ),
        facts=[*(ctx.fact(s) for s in ignored), *(ctx.fact(d) for d in sold)],
        sources=[*(c for s in ignored for c in ctx.node_sources(s)), *_sale_sources(ctx, sold)],
    )


@check("opt_out_offered")
def opt_out_offered(ctx: Context, params: Params) -> Iterator[Hit]:
    """Every sale or share is governed by an opt-out under the regime."""
    view = ctx.view
    regime = ctx.require_regime()
    for did in _sold(ctx):
        choices = [c for c in _governing_choices(ctx, did, ("opt_out",)) if ctx.under(c) == regime]
        if not choices:
            yield Hit(
                subject=did,
                summary=f"'{view.name(did)}' is sold or shared, and no {view.name(regime)} opt-out governs it.",
                facts=[ctx.fact(did)],
                sources=_sale_sources(ctx, [did]),
            )


class OptOutTitle(Params):
    sale_word: str = "sell"
    share_word: str = "share"


@check("opt_out_title", OptOutTitle)
def opt_out_title(ctx: Context, params: OptOutTitle) -> Iterator[Hit]:
    """The regime's opt-out names both selling and sharing where both happen."""
    view = ctx.view
    regime = ctx.require_regime()
    sold = _sold(ctx)
    needed: dict[str, list[str]] = {}
    for did in sold:
        node = view.node(did)
        if node.get("sale"):
            needed.setdefault(params.sale_word, []).append(did)
        if node.get("share"):
            needed.setdefault(params.share_word, []).append(did)
    choices = {
        c
        for did in sold
        for c in _governing_choices(ctx, did, ("opt_out",))
        if ctx.under(c) == regime
    }
    for choice in view.sort(choices):
        name = view.name(choice)
        absent = [w for w in needed if not re.search(rf"\b{re.escape(w)}\b", name, re.IGNORECASE)]
        if not absent:
            continue
        dids = [d for w in absent for d in needed[w]]
        inferred = "; ".join(
            {
                view.node(d)[f"{k}_inferred"]
                for d in dids
                for k in ("sale", "share")
                if view.node(d).get(f"{k}_inferred")
            }
        )
        yield Hit(
            subject=choice,
            summary=(
                f"The opt-out is called '{name}', without '{' or '.join(absent)}', while the "
                f"notice's disclosures include a {' and a '.join('sale' if w == params.sale_word else 'share' for w in absent)}"
                + (f" (datamap's reading: {inferred})" if inferred else "")
                + "."
            ),
            facts=[ctx.fact(choice), *(ctx.fact(d) for d in dids)],
            sources=[*ctx.node_sources(choice), *_sale_sources(ctx, dids)],
        )


@check("share_disclosed")
def share_disclosed(ctx: Context, params: Params) -> Iterator[Hit]:
    """A disclosure for cross-context behavioural advertising is disclosed as sharing."""
    view = ctx.view
    for did in _sold(ctx):
        node = view.node(did)
        if node.get("share") and node.get("share_inferred"):
            yield Hit(
                subject=did,
                summary=(
                    f"'{view.name(did)}' is, in datamap's reading, sharing for cross-context "
                    f"behavioural advertising ({node['share_inferred']}); the notice calls it only a sale."
                ),
                facts=[ctx.fact(did, inferred=node["share_inferred"])],
                sources=_sale_sources(ctx, [did]),
            )


@check("sold_categories_statutory")
def sold_categories_statutory(ctx: Context, params: Params) -> Iterator[Hit]:
    """What is sold or shared is named by category, each matching one statutory category."""
    view = ctx.view
    seen: set[str] = set()
    for did in _sold(ctx):
        for cid in view.out(did, Rel.OF):
            node = view.node(cid)
            letters = node.get("ccpa", [])
            if cid in seen or len(letters) == 1 or view.edge(did, cid, Rel.OF).get("inferred"):
                continue  # (a reading is not what the notice says it sells)
            seen.add(cid)
            mapped = ", ".join(ccpa_label(x) for x in letters) or "no category"
            yield Hit(
                subject=cid,
                summary=(
                    f"The notice says it sells '{view.name(cid)}', which names no category of "
                    f"personal information; datamap can only map it to {mapped}."
                ),
                facts=[ctx.fact(cid), ctx.fact(did)],
                sources=ctx.edge_sources(did, cid, Rel.OF),
            )


class ThirdParties(Params):
    roles: tuple[str, ...] = ("third_party",)


@check("third_party_disclosures", ThirdParties)
def third_party_disclosures(ctx: Context, params: ThirdParties) -> Iterator[Hit]:
    """Third parties that receive personal information are accounted for as a sale, a share,
    or a disclosure the law exempts."""
    view = ctx.view
    for rid in view.of_label(Label.Recipient):
        if view.node(rid).get("role") not in params.roles:
            continue
        disclosures = [
            d
            for d in view.into(rid, Rel.TO)
            if not (view.node(d).get("sale") or view.node(d).get("share"))
            and any(view.node(c).get("personal", True) for c in view.out(d, Rel.OF))
        ]
        if not disclosures:
            continue
        if any(
            view.node(d).get("sale") or view.node(d).get("share") for d in view.into(rid, Rel.TO)
        ):
            continue
        yield Hit(
            subject=rid,
            summary=(
                f"{view.name(rid)} (a third party) receive personal information "
                f"({'; '.join(view.name(d) for d in disclosures)}); the notice neither lists them "
                "among those data is sold or shared to nor says why the disclosure is not a sale."
            ),
            facts=[ctx.fact(rid), *(ctx.fact(d) for d in disclosures)],
            sources=[c for d in disclosures for c in ctx.edge_sources(d, rid, Rel.TO)],
        )


@check("sensitive_disclosed_in_regime")
def sensitive_disclosed_in_regime(ctx: Context, params: Params) -> Iterator[Hit]:
    """Sensitive data the graph holds is disclosed as sensitive in the regime's own section.

    Sensitivity is per law, so a category the notice calls sensitive only under another regime
    is not claimed sensitive here; the finding says the regime's section is silent on it."""
    view = ctx.view
    regime = ctx.require_regime()
    sections = ctx.regime_sections()
    law = view.name(regime)
    for cid in ctx.sensitive_in_use():
        node = view.node(cid)
        flag = ctx.sensitivity(cid, regime)
        if flag is not None:
            cited = cites(flag["sources"])
            if any(top_section(c.section) in sections for c in cited):
                continue
            where = ", ".join(sorted({top_section(c.section) for c in cited})) or "no section"
            summary = (
                f"'{view.name(cid)}' is sensitive personal information under {law} (so says "
                f"'{where}'), but the {law} section never says so, nor how it is used."
            )
            inferred = flag.get("inferred")
        else:
            others = [f for f in node.get("sensitivity", []) if f["regime"] != regime]
            cited = [c for f in others for c in cites(f["sources"])]
            under = ", ".join(f["regime_name"] for f in others)
            summary = (
                f"The notice calls '{view.name(cid)}' sensitive under {under}; the {law} section "
                f"does not say whether it is sensitive personal information under {law}, nor "
                "how it is used."
            )
            inferred = None
        yield Hit(
            subject=cid,
            summary=summary,
            facts=[ctx.fact(cid, inferred=inferred)],
            sources=[*cited, *ctx.node_sources(regime)],
        )


@check("sensitive_consent")
def sensitive_consent(ctx: Context, params: Params) -> Iterator[Hit]:
    """Sensitive data is processed with the consent the regime requires."""
    view = ctx.view
    regime = ctx.require_regime()
    for cid in ctx.sensitive_in_use(regime):
        if ctx.consents(cid):
            continue
        yield Hit(
            subject=cid,
            summary=f"'{view.name(cid)}' is sensitive, and no consent is stated for it under {view.name(regime)}.",
            facts=[ctx.fact(cid)],
            sources=cites((ctx.sensitivity(cid, regime) or {}).get("sources")),
        )
