"""The CCPA privacy-policy disclosures of 11 CCR §7011(e), and the provenance of every fact.

The CCPA table has one row per §1798.140(v)(1) letter: what the policy says is collected under
it (in the policy's words), from which sources, for which business or commercial purposes, sold
or shared to whom, disclosed for a business purpose to whom, whether any of it is sensitive, and
how long it is kept. Where the policy is silent the row says so.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from catalog.graph.pieces import role_label
from catalog.graph.view import GraphView
from catalog.model.kinds import Label, Rel
from catalog.model.results import (
    CcpaDisclosure,
    CcpaRow,
    ChoiceOut,
    Fact,
    RopaItem,
)
from catalog.model.taxonomy import (
    CCPA_CATEGORIES,
    CCPA_PURPOSE_LABELS,
    CcpaPurpose,
    ccpa_label,
)
from catalog.queries.answer_parts import first
from catalog.queries.common import (
    cited_item,
    cited_statements,
    cites,
    merge_cites,
    prefer_specific,
    recipient_item,
    ref,
    sensitivity_under,
)
from catalog.queries.flows import choice_out, minors


def ccpa_disclosure(view: GraphView, regime_id: str = "ccpa") -> CcpaDisclosure:
    involved: dict[str, set[str]] = {}  # letter -> categories collected or processed under it
    for cid in view.of_label(Label.DataCategory):
        n = view.node(cid)
        if not n.get("personal", True):
            continue
        if view.into(cid, Rel.COLLECTS) or view.into(cid, Rel.PROCESSES):
            for letter in n.get("ccpa", []):
                involved.setdefault(letter, set()).add(cid)
    rows = [_row(view, letter, cats, regime_id) for letter, cats in sorted(involved.items())]
    sold_choices: dict[str, ChoiceOut] = {}
    for did in view.of_label(Label.Disclosure):
        d = view.node(did)
        if d.get("sale") or d.get("share"):
            targets = [did, *view.out(did, Rel.TO), *view.into(did, Rel.DISCLOSES)]
            for t in targets:
                for c in view.into(t, Rel.APPLIES_TO):
                    if view.label(c) == Label.Choice:
                        sold_choices.setdefault(c, choice_out(view, c))
    rights = []
    for rid in view.out(regime_id, Rel.GRANTS):
        via = "; ".join(view.name(x) for x in view.out(rid, Rel.EXERCISED_VIA))
        rights.append(cited_item(view, rid, detail=via or None))
    process = cited_statements(view, regime_id, "request_process")
    sensitive_use = [
        cited_item(view, c, detail=view.node(c).get("method"))
        for cat in view.of_label(Label.DataCategory)
        if sensitivity_under(view, cat, regime_id) is not None
        for c in view.into(cat, Rel.APPLIES_TO)
        if view.label(c) == Label.Choice
    ]
    return CcpaDisclosure(
        regime=ref(view, regime_id),
        period="the preceding 12 months",
        rows=rows,
        opt_outs=[sold_choices[k] for k in view.sort(sold_choices)],
        minors=minors(view),
        sensitive_use=_dedupe(sensitive_use),
        rights=rights,
        request_process=process,
    )


def _row(view: GraphView, letter: str, cats: set[str], regime_id: str) -> CcpaRow:
    family: set[str] = set(cats)
    for c in cats:
        family.update(view.ancestors(c))
    points = {cp for c in cats for cp in view.into(c, Rel.COLLECTS)}
    sources = {
        s: view.edge(cp, s, Rel.FROM_SOURCE) for cp in points for s in view.out(cp, Rel.FROM_SOURCE)
    }
    activities = {a for c in cats for a in view.into(c, Rel.PROCESSES)}
    purposes: dict[str, RopaItem] = {}
    for a in activities:
        for p in view.out(a, Rel.FOR_PURPOSE):
            code = view.node(p).get("ccpa_business_purpose")
            detail = CCPA_PURPOSE_LABELS[CcpaPurpose(code)] if code else None
            purposes.setdefault(p, cited_item(view, p, detail=detail))
    sold: dict[str, RopaItem] = {}
    disclosed: dict[str, RopaItem] = {}
    for c in family:
        for did in view.into(c, Rel.OF):
            d = view.node(did)
            rid = first(view, did, Rel.TO)
            if rid is None:
                continue
            role = role_label(view, rid)
            general = bool(d.get("general"))
            if d.get("sale") or d.get("share"):
                if c not in cats:
                    continue
                kinds = " and ".join(k for k in ("sale", "share") if d.get(k))
                sold[rid] = RopaItem(
                    id=rid,
                    name=view.name(rid),
                    detail=f"{role}; {kinds}",
                    inferred=d.get("share_inferred"),
                    sources=merge_cites(d.get("sale_sources"), d.get("share_sources")),
                )
            else:
                prefer_specific(disclosed, rid, recipient_item(view, did, rid, role, general))
    retention: dict[str, RopaItem] = {}
    rules = {r for a in activities for r in view.out(a, Rel.RETAINED_UNDER)} | {
        r
        for c in family
        for r in view.into(c, Rel.APPLIES_TO)
        if view.label(r) == Label.RetentionRule
    }
    for r in rules:
        regime = first(view, r, Rel.UNDER)
        if regime in (None, regime_id):
            retention[r] = cited_item(view, r, detail=view.node(r).get("period"))
    collected = [cited_item(view, c, detail=view.node(c).get("kind")) for c in view.sort(cats)]
    return CcpaRow(
        letter=letter,
        category=ccpa_label(letter),
        statutory_name=CCPA_CATEGORIES[letter],
        collected=collected,
        sources=[cited_item(view, s, e) for s, e in sorted(sources.items())],
        purposes=[purposes[k] for k in view.sort(purposes)],
        sold_or_shared_to=[sold[k] for k in view.sort(sold)],
        disclosed_to=sorted(disclosed.values(), key=lambda i: (i.general, i.name.casefold())),
        sensitive=any(sensitivity_under(view, c, regime_id) is not None for c in cats),
        retention=[retention[k] for k in view.sort(retention)],
    )


def _dedupe(items: list[RopaItem]) -> list[RopaItem]:
    seen: dict[str, RopaItem] = {}
    for i in items:
        seen.setdefault(i.id, i)
    return list(seen.values())


FLAG_WORDS = {"sensitive": "is sensitive", "sale": "is a sale", "share": "is a share"}

STATEMENT_KINDS = {
    "consequences": "consequence",
    "functions": "function",
    "request_process": "request process",
    "legitimate_interests": "legitimate interest",
    "automated_decision_making": "automated decision-making",
    "conditions": "condition",
    "minors": "minors",
}


def provenance(view: GraphView) -> list[Fact]:
    """Every fact the graph states, with the policy sentence it rests on: one row a citation."""
    facts: list[Fact] = []
    nodes = view.g.nodes
    for nid in view.ids():
        n = view.node(nid)
        about = partial(Fact, subject=ref(view, nid), subject_type=n["label"])
        statement = f"{n['label']} {view.name(nid)}"
        facts += _cited(
            about, n.get("sources"), kind="entry", statement=statement, inferred=n.get("inferred")
        )
        for key in sorted(k for k in n if k.endswith("_sources")):
            flag = key.removesuffix("_sources")
            # an inherited flag is cited where it is stated; sensitivity, per regime, is cited
            # on its SENSITIVE_UNDER relationship
            if f"{flag}_from" not in n and flag != "sensitive":
                what = FLAG_WORDS.get(flag, f"is {flag}")
                inferred = n.get(key.replace("_sources", "_inferred"))
                statement = f"{view.name(nid)} {what}"
                facts += _cited(about, n[key], kind="flag", statement=statement, inferred=inferred)
        for key, kind in STATEMENT_KINDS.items():
            for s in n.get(key, []):
                text = s.get("text") or s.get("statement", "")
                facts += _cited(
                    about, s.get("sources"), kind=kind, statement=text, inferred=s.get("inferred")
                )
        edges = sorted(
            view.out_edges(nid),
            key=lambda e: (e[2], nodes[e[1]].get("name", e[1]).casefold(), e[1]),
        )
        for _, dst, rel, data in edges:
            facts += _cited(
                about,
                data.get("sources"),
                kind="relationship",
                relation=rel,
                object=ref(view, dst),
                object_type=view.label(dst),
                statement=f"{view.name(nid)} {rel} {view.name(dst)}",
                inferred=data.get("inferred"),
            )
    return facts


def _cited(about: Callable[..., Fact], sources: Any, **fact: Any) -> list[Fact]:
    """One fact for each policy sentence the statement cites."""
    return [about(**fact, section=c.section, quote=c.quote) for c in cites(sources)]
