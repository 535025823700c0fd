"""The record as JSON-LD in W3C Data Privacy Vocabulary (DPV 2) terms.

Each processing activity is a `dpv:PersonalDataHandling` with `dpv:hasPurpose`,
`dpv:hasPersonalData`, `dpv:hasDataSubject`, `dpv:hasLegalBasis`, `dpv:hasRecipient`,
`dpv:hasDataController`, `dpv:hasThirdCountry` (with each transfer's `dpv:SafeguardForDataTransfer`
under `dpv:hasTechnicalOrganisationalMeasure`), `dpv:hasStorageCondition` (`dpv:StorageDuration`)
and `dpv:hasTechnicalOrganisationalMeasure`. Things are typed with their DPV class (and, where
the inventory names one, a more specific DPV or DPV-PD term). DPV has no standard record-of-
processing shape, so two things are datamap's own, in the `datamap:` namespace: `datamap:source`
(the policy sentences, as `datamap:section` and `datamap:quote`) and `datamap:inferred` (the
reason, where a fact is datamap's reading). The context is inline: no network is needed to read it.
"""

from __future__ import annotations

from typing import Any

from catalog.graph.view import GraphView
from catalog.model.kinds import Label, Rel

BASE = "urn:datamap:"
CONTEXT: dict[str, Any] = {
    "dpv": "https://w3id.org/dpv#",
    "pd": "https://w3id.org/dpv/pd#",
    "eu-gdpr": "https://w3id.org/dpv/legal/eu/gdpr#",
    "dct": "http://purl.org/dc/terms/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "datamap": "urn:datamap:ns:",
    "title": "dct:title",
    "description": "dct:description",
    "identifier": "dct:identifier",
    "source": {"@id": "datamap:source", "@container": "@set"},
    "section": "datamap:section",
    "quote": "datamap:quote",
    "inferred": "datamap:inferred",
    "legalReference": "datamap:legalReference",
    "ccpaCategory": {"@id": "datamap:ccpaCategory", "@container": "@set"},
    "fideslang": "datamap:fideslang",
    "sensitive": {"@id": "datamap:sensitive", "@type": "xsd:boolean"},
    "sensitiveUnder": {"@id": "datamap:sensitiveUnder", "@type": "@id", "@container": "@set"},
    "sale": {"@id": "datamap:sale", "@type": "xsd:boolean"},
    "share": {"@id": "datamap:share", "@type": "xsd:boolean"},
    "generalDisclosure": {"@id": "datamap:generalDisclosure", "@type": "xsd:boolean"},
}
SET_PROPERTIES = (
    "dpv:hasPurpose",
    "dpv:hasPersonalData",
    "dpv:hasDataSubject",
    "dpv:hasLegalBasis",
    "dpv:hasRecipient",
    "dpv:hasThirdCountry",
    "dpv:hasStorageCondition",
    "dpv:hasTechnicalOrganisationalMeasure",
    "dpv:hasDataController",
)
for _prop in SET_PROPERTIES:
    CONTEXT[_prop] = {"@container": "@set"}

KIND_TYPES = {
    Label.ProcessingActivity: "dpv:PersonalDataHandling",
    Label.Purpose: "dpv:Purpose",
    Label.DataCategory: "dpv:PersonalData",
    Label.DataSubject: "dpv:DataSubject",
    Label.LegalBasis: "dpv:LegalBasis",
    Label.Recipient: "dpv:Recipient",
    Label.Organisation: "dpv:DataController",
    Label.Region: "dpv:Country",
    Label.TransferMechanism: "dpv:SafeguardForDataTransfer",
    Label.SecurityMeasure: "dpv:TechnicalOrganisationalMeasure",
    Label.RetentionRule: "dpv:StorageDuration",
}


def iri(label: str, nid: str) -> str:
    return f"{BASE}{label.lower()}:{nid}"


def _thing(view: GraphView, nid: str, edge: dict[str, Any] | None = None) -> dict[str, Any]:
    n = view.node(nid)
    label = n["label"]
    types = [KIND_TYPES.get(label, "dpv:Entity")]
    specific = n.get("dpv")
    if specific and specific not in types and ":" in specific:
        types.append(specific)
    out: dict[str, Any] = {
        "@id": iri(label, nid),
        "@type": types,
        "identifier": nid,
        "title": view.name(nid),
    }
    if n.get("description"):
        out["description"] = n["description"]
    if label == Label.DataCategory:
        if n.get("ccpa"):
            out["ccpaCategory"] = list(n["ccpa"])
        if n.get("fideslang"):
            out["fideslang"] = n["fideslang"]
        out["sensitive"] = bool(n.get("sensitive"))
        if n.get("sensitive_under"):
            # per law, never in general: the regimes whose statements make it sensitive
            out["sensitiveUnder"] = [iri(Label.Regime, r) for r in n["sensitive_under"]]
    if label in (Label.LegalBasis, Label.TransferMechanism) and (
        n.get("article") or n.get("legal_reference")
    ):
        out["legalReference"] = n.get("article") or n.get("legal_reference")
    if label == Label.RetentionRule:
        out["description"] = n.get("period", "")
    sources = (edge or {}).get("sources") or n.get("sources") or []
    out["source"] = [{"section": s["section"], "quote": s["quote"]} for s in sources]
    inferred = (edge or {}).get("inferred") or n.get("inferred")
    if inferred:
        out["inferred"] = inferred
    return out


def _linked(view: GraphView, aid: str, rel: str) -> list[dict[str, Any]]:
    return [_thing(view, n, view.edge(aid, n, rel)) for n in view.out(aid, rel)]


def to_jsonld(view: GraphView) -> dict[str, Any]:
    graph: list[dict[str, Any]] = []
    controllers = [
        o
        for o in view.of_label(Label.Organisation)
        if any(
            view.edge(o, r, Rel.HAS_ROLE).get("role")
            in ("controller", "business", "personal_information_processor")
            for r in view.out(o, Rel.HAS_ROLE)
        )
    ]
    for aid in sorted(
        view.of_label(Label.ProcessingActivity), key=lambda a: view.node(a).get("seq", 0)
    ):
        node = _thing(view, aid)
        node["dpv:hasPurpose"] = _linked(view, aid, Rel.FOR_PURPOSE)
        node["dpv:hasPersonalData"] = _linked(view, aid, Rel.PROCESSES)
        node["dpv:hasDataSubject"] = _linked(view, aid, Rel.CONCERNS)
        node["dpv:hasLegalBasis"] = _linked(view, aid, Rel.HAS_LEGAL_BASIS)
        node["dpv:hasDataController"] = [{"@id": iri(Label.Organisation, o)} for o in controllers]
        recipients = []
        for did in view.out(aid, Rel.DISCLOSES):
            d = view.node(did)
            for rid in view.out(did, Rel.TO):
                r = _thing(view, rid, view.edge(did, rid, Rel.TO))
                r["sale"], r["share"], r["generalDisclosure"] = (
                    bool(d.get("sale")),
                    bool(d.get("share")),
                    False,
                )
                recipients.append(r)
        processed = set(view.out(aid, Rel.PROCESSES))
        for c in list(processed):
            processed.update(view.ancestors(c))
        for did in view.of_label(Label.Disclosure):
            d = view.node(did)
            if d.get("general") and set(view.out(did, Rel.OF)) & processed:
                for rid in view.out(did, Rel.TO):
                    r = _thing(view, rid, view.edge(did, rid, Rel.TO))
                    r["sale"], r["share"], r["generalDisclosure"] = (
                        bool(d.get("sale")),
                        bool(d.get("share")),
                        True,
                    )
                    recipients.append(r)
        node["dpv:hasRecipient"] = recipients
        countries, safeguards = [], []
        for tid in view.of_label(Label.Transfer):
            if set(view.out(tid, Rel.MOVES)) & processed:
                countries += [_thing(view, dst) for dst in view.out(tid, Rel.TO)]
                safeguards += [
                    _thing(view, m, view.edge(tid, m, Rel.UNDER_MECHANISM))
                    for m in view.out(tid, Rel.UNDER_MECHANISM)
                ]
        node["dpv:hasThirdCountry"] = _unique(countries)
        node["dpv:hasStorageCondition"] = _linked(view, aid, Rel.RETAINED_UNDER)
        node["dpv:hasTechnicalOrganisationalMeasure"] = _linked(
            view, aid, Rel.PROTECTED_BY
        ) + _unique(safeguards)
        graph.append(node)
    for o in controllers:
        graph.append(_thing(view, o))
    # The record itself is a node of the default graph (an @id on the top object would make
    # @graph a named graph, which plain RDF readers do not see).
    record = {
        "@id": f"{BASE}record:{view.meta.get('policy_id', 'inventory')}",
        "@type": "datamap:RecordOfProcessing",
        "title": f"Record of processing from {view.meta.get('policy_title', '')}",
        "datamap:policyLastUpdated": view.meta.get("policy_last_updated", ""),
        "datamap:inventoryFingerprint": view.meta.get("fingerprint", ""),
        "datamap:activity": [
            {"@id": n["@id"]} for n in graph if "dpv:PersonalDataHandling" in n["@type"]
        ],
    }
    return {"@context": CONTEXT, "@graph": [record, *graph]}


def _unique(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for item in items:
        seen.setdefault(item["@id"], item)
    return list(seen.values())
