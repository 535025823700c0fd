"""Records of processing, one per activity, with the fields each regime's record needs.

GDPR follows Art. 30(1) and the ICO template; CCPA adds the §1798.140 letters and what is sold
or shared; PIPL adds sensitive personal information. Legal bases, transfers, retention and
rights are those of the regime asked. General statements (a disclosure or retention rule for
personal information at large) appear in every activity they cover, marked `general`.
"""

from __future__ import annotations

from typing import Any

from catalog.graph.pieces import role_label
from catalog.graph.view import GraphView
from catalog.model.kinds import Label, Rel
from catalog.model.results import Ropa, RopaActivity, RopaItem, RopaParty
from catalog.model.taxonomy import CCPA_PURPOSE_LABELS, CcpaPurpose
from catalog.queries.answer_parts import first
from catalog.queries.common import (
    cited_item,
    cited_statements,
    cites,
    prefer_specific,
    recipient_item,
    ref,
    sensitivity_under,
)
from catalog.queries.query import Entry, Query

CONTROLLER_ROLES = ("controller", "business", "personal_information_processor")


def ropa(view: GraphView, regime_id: str) -> Ropa:
    regime = view.node(regime_id)
    parties = _parties(view, regime_id)
    general = [d for d in view.of_label(Label.Disclosure) if view.node(d).get("general")]
    return Ropa(
        regime=ref(view, regime_id),
        law=regime.get("law", ""),
        policy={
            "id": view.meta.get("policy_id", ""),
            "title": view.meta.get("policy_title", ""),
            "last_updated": view.meta.get("policy_last_updated", ""),
        },
        controller=[p for p in parties if p.role in CONTROLLER_ROLES],
        representative=[p for p in parties if p.role == "representative"],
        data_protection_officer=[p for p in parties if p.role == "data_protection_officer"],
        activities=[
            _activity(view, aid, regime_id, general)
            for aid in sorted(
                view.of_label(Label.ProcessingActivity), key=lambda a: view.node(a).get("seq", 0)
            )
        ],
    )


def _parties(view: GraphView, regime_id: str) -> list[RopaParty]:
    out: list[RopaParty] = []
    for oid in view.into(regime_id, Rel.HAS_ROLE):
        org, edge = view.node(oid), view.edge(oid, regime_id, Rel.HAS_ROLE)
        contacts = [_contact(view, c) for c in view.out(oid, Rel.CONTACT_VIA)]
        out.append(
            RopaParty(
                id=oid,
                name=view.name(oid),
                role=edge["role"],
                address=org.get("address"),
                contacts=contacts,
                inferred=edge.get("inferred"),
                sources=cites(edge.get("sources")),
            )
        )
    return out


def _contact(view: GraphView, cid: str) -> str:
    name, value = view.name(cid), view.node(cid).get("value")
    return f"{name}: {value}" if value and value not in name else name


def _linked(view: GraphView, aid: str, rel: str, **extra: Any) -> list[RopaItem]:
    return [cited_item(view, n, view.edge(aid, n, rel), **extra) for n in view.out(aid, rel)]


def _under(view: GraphView, nid: str, regime_id: str, *, unregimed_ok: bool) -> bool:
    regime = first(view, nid, Rel.UNDER)
    return regime == regime_id or (regime is None and unregimed_ok)


def _activity(view: GraphView, aid: str, regime_id: str, general: list[str]) -> RopaActivity:
    node = view.node(aid)
    processed = view.out(aid, Rel.PROCESSES)
    closure = set(processed)
    for c in processed:
        closure.update(view.ancestors(c))
    own = view.out(aid, Rel.DISCLOSES)
    covering = [d for d in general if set(view.out(d, Rel.OF)) & closure]

    purposes = []
    for pid in view.out(aid, Rel.FOR_PURPOSE):
        code = view.node(pid).get("ccpa_business_purpose")
        detail = CCPA_PURPOSE_LABELS[CcpaPurpose(code)] if regime_id == "ccpa" and code else None
        purposes.append(cited_item(view, pid, view.edge(aid, pid, Rel.FOR_PURPOSE), detail=detail))

    categories = []
    for cid in processed:
        n = view.node(cid)
        letters = n.get("ccpa", [])
        detail = ", ".join(f"({x})" for x in letters) if regime_id == "ccpa" and letters else None
        categories.append(cited_item(view, cid, view.edge(aid, cid, Rel.PROCESSES), detail=detail))

    recipients: dict[str, RopaItem] = {}
    sold: list[RopaItem] = []
    for did in [*own, *covering]:
        rid = first(view, did, Rel.TO)
        if rid is None:
            continue
        d = view.node(did)
        is_general = did not in own
        role = role_label(view, rid)
        flags = [w for w in ("sale", "share") if d.get(w)]
        detail = role + (f" ({' and '.join(flags)})" if flags else "")
        item = recipient_item(view, did, rid, detail, is_general)
        prefer_specific(recipients, rid, item)
        if flags and not is_general:
            sold.append(item)

    transfers: list[RopaItem] = []
    countries: dict[str, RopaItem] = {}
    safeguards: dict[str, RopaItem] = {}
    for tid in view.of_label(Label.Transfer):
        if (
            first(view, tid, Rel.GOVERNED_BY) != regime_id
            or not set(view.out(tid, Rel.MOVES)) & closure
        ):
            continue
        src, dst = first(view, tid, Rel.FROM), first(view, tid, Rel.TO)
        detail = f"{view.name(src) if src else '?'} → {view.name(dst) if dst else '?'}"
        transfers.append(cited_item(view, tid, detail=detail))
        if dst:
            countries.setdefault(dst, cited_item(view, dst, detail=view.node(dst).get("type")))
        for mid in view.out(tid, Rel.UNDER_MECHANISM):
            safeguards.setdefault(
                mid,
                cited_item(
                    view,
                    mid,
                    view.edge(tid, mid, Rel.UNDER_MECHANISM),
                    detail=view.node(mid).get("legal_reference"),
                ),
            )

    retention = [
        cited_item(
            view, r, view.edge(aid, r, Rel.RETAINED_UNDER), detail=view.node(r).get("period")
        )
        for r in view.out(aid, Rel.RETAINED_UNDER)
        if _under(view, r, regime_id, unregimed_ok=True)
    ]
    bases = [
        cited_item(
            view, b, view.edge(aid, b, Rel.HAS_LEGAL_BASIS), detail=view.node(b).get("article")
        )
        for b in view.out(aid, Rel.HAS_LEGAL_BASIS)
        if _under(view, b, regime_id, unregimed_ok=False)
    ]
    sources = []
    for cp in view.out(aid, Rel.COLLECTS_VIA):
        for s in view.out(cp, Rel.FROM_SOURCE):
            sources.append(cited_item(view, s, view.edge(cp, s, Rel.FROM_SOURCE)))
    sensitive = [
        _sensitive_item(view, c, flag)
        for c in processed
        if (flag := sensitivity_under(view, c, regime_id)) is not None
    ]
    return RopaActivity(
        id=aid,
        name=view.name(aid),
        business_function=node.get("business_function", ""),
        description=node.get("description"),
        purposes=purposes,
        joint_controllers=_linked(view, aid, Rel.JOINT_CONTROLLER),
        data_subjects=_linked(view, aid, Rel.CONCERNS),
        data_categories=categories,
        recipients=sorted(recipients.values(), key=lambda r: (r.general, r.name.casefold())),
        processor_contracts=[],
        transfers=transfers,
        third_countries=[countries[k] for k in view.sort(countries)],
        transfer_safeguards=[safeguards[k] for k in view.sort(safeguards)],
        retention=retention,
        security_measures=_linked(view, aid, Rel.PROTECTED_BY),
        legal_bases=bases,
        special_category_conditions=[],
        legitimate_interests=cited_statements(view, aid, "legitimate_interests")
        if regime_id == "gdpr"
        else [],
        rights=[cited_item(view, r) for r in view.out(regime_id, Rel.GRANTS)],
        automated_decision_making=cited_statements(view, aid, "automated_decision_making"),
        data_sources=_dedupe(sources),
        sold_or_shared=sold if regime_id == "ccpa" else [],
        sensitive_categories=sensitive,
        sources=cites(node.get("sources")),
    )


def _sensitive_item(view: GraphView, cid: str, flag: dict[str, Any]) -> RopaItem:
    return RopaItem(
        id=cid,
        name=view.name(cid),
        detail="sensitive",
        inferred=flag.get("inferred"),
        sources=cites(flag["sources"]),
    )


def _dedupe(items: list[RopaItem]) -> list[RopaItem]:
    seen: dict[str, RopaItem] = {}
    for item in items:
        seen.setdefault(item.id, item)
    return sorted(seen.values(), key=lambda i: (i.name.casefold(), i.id))


ROPA = Query("ropa", ropa, (Entry("regime", (Label.Regime,)),))
