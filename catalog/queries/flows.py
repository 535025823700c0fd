"""Where data goes: whether a category may go to a recipient, what a recipient receives, what is
sold, transfers, whom to tell of an erasure (who receives a category: receives.py)."""

from __future__ import annotations

from collections.abc import Iterable

from catalog.graph.view import GraphView
from catalog.model.kinds import Label, Rel
from catalog.model.results import (
    CategoryMatch,
    CheckAnswer,
    ChoiceOut,
    DisclosureOut,
    ErasureRecipient,
    ErasureRecipients,
    MechanismOut,
    MinorsOut,
    RecipientCategories,
    Ref,
    RegionRef,
    SoldRecipient,
    TransferOut,
    Transfers,
    WhatIsSold,
)
from catalog.queries.answer_parts import first
from catalog.queries.common import (
    category,
    cites,
    disclosure_out,
    merge_cites,
    recipient_summary,
    ref,
    refs,
    unique_cites,
)
from catalog.queries.query import Entry, Query
from catalog.queries.receives import who_receives


def _union(view: GraphView, ids: Iterable[str]) -> list[Ref]:
    return refs(view, set(ids))


def check(view: GraphView, cid: str, rid: str) -> CheckAnswer:
    """Whether the policy lets `cid` go to `rid`, through which disclosures; or why not."""
    answer = who_receives(view, cid).model
    category_ref, recipient_ref = ref(view, cid), ref(view, rid)
    match = next((r for r in answer.recipients if r.id == rid), None)
    if match is not None:
        how = (
            "only through a general statement about personal information"
            if match.general_only
            else "in " + "; ".join(a.name for a in match.activities)
        )
        kinds = [word for word, on in (("sale", match.sale), ("share", match.share)) if on]
        flags = f" as a {' and '.join(kinds)}" if kinds else ""
        said = f"The policy discloses {view.name(cid)} to {view.name(rid)}{flags}, {how}."
        if match.inferred:
            # the policy's words say this disclosure happens, not that this data is in it
            said = (
                f"By datamap's reading, {view.name(cid)} goes to {view.name(rid)}{flags}, {how}: "
                f"{match.inferred}"
            )
        return CheckAnswer(
            verdict="general" if match.general_only else "named",
            allowed=True,
            general_only=match.general_only,
            inferred=match.inferred,
            reason=said,
            category=category_ref,
            recipient=recipient_ref,
            disclosures=match.disclosures,
        )
    receives = recipient_categories(view, rid).categories
    return CheckAnswer(
        verdict="none",
        allowed=False,
        reason=(
            f"The policy names no disclosure of {view.name(cid)}, of anything grouped beneath it, "
            f"or of a category it belongs to, to {view.name(rid)}."
        ),
        category=category_ref,
        recipient=recipient_ref,
        recipient_receives=[ref(view, c.id) for c in receives],
        category_recipients=[ref(view, r.id) for r in answer.recipients],
    )


def recipient_categories(view: GraphView, rid: str) -> RecipientCategories:
    """What one recipient receives, through which disclosures."""
    dids = view.into(rid, Rel.TO)
    disclosures = [disclosure_out(view, did) for did in dids]
    seen: dict[str, CategoryMatch] = {}
    for d in disclosures:
        for c in d.categories:
            seen.setdefault(c.id, c)
    return RecipientCategories(
        recipient=recipient_summary(view, rid),
        categories=[seen[c] for c in view.sort(seen)],
        disclosures=sorted(disclosures, key=lambda d: (d.general, d.name.casefold(), d.id)),
    )


def what_is_sold(view: GraphView) -> WhatIsSold:
    dids = [
        d
        for d in view.of_label(Label.Disclosure)
        if view.node(d).get("sale") or view.node(d).get("share")
    ]
    disclosures = [disclosure_out(view, d) for d in dids]
    cat_ids = {c.id for d in disclosures for c in d.categories}
    recipients: dict[str, list[DisclosureOut]] = {}
    for d in disclosures:
        recipients.setdefault(d.recipient.id, []).append(d)
    sold_recipients = [
        SoldRecipient(
            **dict(recipient_summary(view, rid)),
            sale=any(d.sale for d in ds),
            share=any(d.share for d in ds),
            sources=unique_cites([c for d in ds for c in d.sources]),
        )
        for rid, ds in recipients.items()
    ]
    sold_recipients.sort(key=lambda r: (r.name.casefold(), r.id))
    # A choice governs a sale when it names the disclosure, its activity or its recipient.
    targets = set(dids) | {d.recipient.id for d in disclosures}
    targets |= {d.activity.id for d in disclosures if d.activity}
    choice_ids = {
        c for t in targets for c in view.into(t, Rel.APPLIES_TO) if view.label(c) == Label.Choice
    }
    return WhatIsSold(
        categories=[category(view, c) for c in view.sort(cat_ids)],
        recipients=sold_recipients,
        purposes=_union(view, (p.id for d in disclosures for p in d.purposes)),
        disclosures=disclosures,
        opt_outs=[choice_out(view, c) for c in view.sort(choice_ids)],
        minors=minors(view, "sale"),
        sources=merge_cites(
            *[view.node(d).get("sale_sources") for d in dids],
            *[view.node(d).get("share_sources") for d in dids],
        ),
    )


def choice_out(view: GraphView, cid: str) -> ChoiceOut:
    n = view.node(cid)
    regime = first(view, cid, Rel.UNDER)
    return ChoiceOut(
        id=cid,
        name=view.name(cid),
        kind=n["kind"],
        method=n["method"],
        urls=list(n.get("urls", [])),
        honoured=n.get("honoured", True),
        regime=ref(view, regime) if regime else None,
        sources=cites(n.get("sources")),
    )


def minors(view: GraphView, applies_to: str | None = None) -> list[MinorsOut]:
    out: list[MinorsOut] = []
    for rid in view.of_label(Label.Regime):
        for m in view.node(rid).get("minors", []):
            if applies_to is None or m["applies_to"] == applies_to:
                out.append(
                    MinorsOut(
                        regime=ref(view, rid),
                        age=m["age"],
                        applies_to=m["applies_to"],
                        statement=m["statement"],
                        sources=cites(m.get("sources")),
                    )
                )
    return out


def transfers(view: GraphView) -> Transfers:
    return Transfers(transfers=[transfer_out(view, t) for t in view.of_label(Label.Transfer)])


def transfer_out(view: GraphView, tid: str) -> TransferOut:
    n = view.node(tid)
    src, dst, regime = (first(view, tid, rel) for rel in (Rel.FROM, Rel.TO, Rel.GOVERNED_BY))
    mechanisms = []
    for mid in view.out(tid, Rel.UNDER_MECHANISM):
        m, e = view.node(mid), view.edge(tid, mid, Rel.UNDER_MECHANISM)
        mechanisms.append(
            MechanismOut(
                id=mid,
                name=view.name(mid),
                kind=m["kind"],
                legal_reference=m.get("legal_reference"),
                dpv=m.get("dpv"),
                description=m.get("description"),
                inferred=e.get("inferred") or m.get("inferred"),
                sources=merge_cites(e.get("sources"), m.get("sources")),
            )
        )
    return TransferOut(
        id=tid,
        name=view.name(tid),
        **{"from": _region(view, src), "to": _region(view, dst)},
        regime=ref(view, regime) if regime else ref(view, tid),
        mechanisms=mechanisms,
        categories=refs(view, view.out(tid, Rel.MOVES)),
        recipients=refs(view, view.out(tid, Rel.TO_RECIPIENT)),
        inferred=n.get("inferred"),
        sources=cites(n.get("sources")),
    )


def _region(view: GraphView, rid: str | None) -> RegionRef:
    if rid is None:
        return RegionRef(id="", name="(not stated)", type="unspecified")
    return RegionRef(id=rid, name=view.name(rid), type=view.node(rid)["type"])


_CATEGORY = Entry("category", (Label.DataCategory,))
_RECIPIENT = Entry("recipient", (Label.Recipient,))
CHECK = Query("check", check, (_CATEGORY, _RECIPIENT))
RECIPIENT_CATEGORIES = Query("recipient_categories", recipient_categories, (_RECIPIENT,))
WHAT_IS_SOLD = Query("what_is_sold", what_is_sold)
TRANSFERS = Query("transfers", transfers)


def erasure_recipients(view: GraphView, subject: str) -> ErasureRecipients:
    named: dict[str, ErasureRecipient] = {}
    found: list[tuple[str, str | None]] = [
        (d, a) for a in view.into(subject, Rel.CONCERNS) for d in view.out(a, Rel.DISCLOSES)
    ]
    found += [(d, None) for d in view.of_label(Label.Disclosure) if view.node(d).get("general")]
    for did, aid in found:
        for rid in view.out(did, Rel.TO):
            entry = named.get(rid)
            if entry is None:
                entry = named[rid] = ErasureRecipient(
                    recipient=recipient_summary(view, rid), general_only=True
                )
            if aid is not None and not view.node(did).get("general"):
                entry.general_only = False
                if aid not in {a.id for a in entry.activities}:
                    entry.activities.append(ref(view, aid))
            for cid in view.out(did, Rel.OF):
                if cid not in {c.id for c in entry.categories}:
                    entry.categories.append(ref(view, cid))
            entry.sources = unique_cites([*entry.sources, *cites(view.node(did).get("sources"))])
    ordered = sorted(
        named.values(), key=lambda e: (e.general_only, e.recipient.name.casefold(), e.recipient.id)
    )
    for entry in ordered:
        entry.activities.sort(key=lambda r: (r.name.casefold(), r.id))
        entry.categories.sort(key=lambda r: (r.name.casefold(), r.id))
    specific = sum(1 for e in ordered if not e.general_only)
    summary = (
        f"{specific} recipient(s) named for {view.name(subject)}; "
        f"{len(ordered) - specific} more through statements about personal information in general"
    )
    return ErasureRecipients(subject=ref(view, subject), summary=summary, recipients=ordered)


ERASURE = Query(
    "erasure_recipients",
    erasure_recipients,
    (Entry("subject", (Label.DataSubject,)),),
)
