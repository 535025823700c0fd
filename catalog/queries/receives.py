"""Who receives a category: the answer people wait for most, built as the JSON it is sent as.

Its shape is answer_data.WhoReceivesData (bound to results.WhoReceives); names read straight
from the graph, neighbour lists taken in the order the graph keeps them, disclosures and
recipients from their kept pieces (catalog/graph/pieces.py). A test holds it equal, byte for
byte, to the model's own JSON. No result model is imported to answer it: the model is made when
something reads the answer as one (a table on the terminal, can-share).
"""

from __future__ import annotations

from collections.abc import Iterable

from catalog.graph.pieces import recipient_summary_data
from catalog.graph.view import GraphView
from catalog.model.answer_data import (
    CitationData,
    DisclosureData,
    ReceivingRecipientData,
    RefData,
    WhoReceivesData,
)
from catalog.model.kinds import Label, Rel
from catalog.model.plain import Plain
from catalog.queries.answer_parts import (
    Match,
    category_data,
    category_matches,
    disclosure_data,
    holding_systems,
    system_flows_data,
)
from catalog.queries.query import Entry, Query


def who_receives(view: GraphView, cid: str) -> Plain[WhoReceivesData]:
    """Recipients of a category, of anything grouped beneath it, and of what it belongs to."""
    return Plain(WhoReceivesData, who_receives_data(view, cid))


def who_receives_data(view: GraphView, cid: str) -> WhoReceivesData:
    g = view.g
    refs = g.refs

    def rs(ids: Iterable[str]) -> list[RefData]:
        return [refs[n] for n in view.sort(ids)]

    matches = category_matches(view, cid)
    touched: dict[str, dict[str, Match]] = {}
    for c, how in matches.items():
        for did in g.into(c, Rel.OF):
            touched.setdefault(did, {})[c] = how
    by_recipient: dict[str, list[DisclosureData]] = {}
    for did in view.sort(touched):
        d = disclosure_data(view, did, touched[did])
        by_recipient.setdefault(d["recipient"]["id"], []).append(d)
    recipients: list[ReceivingRecipientData] = []
    for rid, ds in by_recipient.items():
        if len(ds) == 1:  # most recipients: its lists are the disclosure's, already in order
            (d,) = ds
            contexts, purposes = d["contexts"], d["purposes"]
            activities = [d["activity"]] if d["activity"] else []
        else:
            ds.sort(key=lambda d: (d["general"], d["name"].casefold(), d["id"]))
            contexts = rs({c["id"] for d in ds for c in d["contexts"]})
            purposes = rs({p["id"] for d in ds for p in d["purposes"]})
            activities = rs({d["activity"]["id"] for d in ds if d["activity"]})
        seen: set[tuple[str, str]] = set()
        sources: list[CitationData] = []
        for d in ds:
            for cite in d["sources"]:
                key = (cite["section"], cite["quote"])
                if key not in seen:
                    seen.add(key)
                    sources.append(cite)
        recipients.append(
            {
                **recipient_summary_data(view, rid),
                "sale": any(d["sale"] for d in ds),
                "share": any(d["share"] for d in ds),
                "general_only": all(d["general"] for d in ds),
                "inferred": reading_of(ds),
                "contexts": contexts,
                "purposes": purposes,
                "activities": activities,
                "disclosures": ds,
                "sources": sources,
            }
        )
    recipients.sort(key=lambda x: (x["general_only"], x["name"].casefold(), x["id"]))
    below = view.descendants(cid)
    family = [cid, *below]
    return {
        "category": category_data(view, cid),
        "covers": rs(below),
        "within": rs(view.ancestors(cid)),
        "recipients": recipients,
        "held_in": rs(holding_systems(view, family)),
        "system_flows": system_flows_data(view, family),
    }


def reading_of(disclosures: list[DisclosureData]) -> str | None:
    """Why datamap reads the data as reaching a recipient, where every disclosure that carries
    it there (named ones first: a general statement is the policy's own words) rests on a
    reading: the disclosure itself, or each of its links to the data."""
    named = [d for d in disclosures if not d["general"]] or disclosures
    reasons: list[str] = []
    for d in named:
        why = d.get("inferred") or _all_links_inferred(d)
        if why is None:
            return None
        reasons.append(why)
    return reasons[0] if reasons else None


def _all_links_inferred(d: DisclosureData) -> str | None:
    links = d.get("categories") or []
    if links and all(c.get("inferred") for c in links):
        return str(links[0]["inferred"])
    return None


WHO_RECEIVES = Query("who_receives", who_receives, (Entry("category", (Label.DataCategory,)),))
