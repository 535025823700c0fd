"""The JSON-LD parses as RDF and speaks W3C DPV."""

from __future__ import annotations

import json

import rdflib
from rdflib.namespace import RDF

from catalog.exports.jsonld import to_jsonld

DPV = rdflib.Namespace("https://w3id.org/dpv#")
PD = rdflib.Namespace("https://w3id.org/dpv/pd#")
DM = rdflib.Namespace("urn:datamap:ns:")


def test_jsonld_in_dpv_terms(engine, inventory) -> None:
    text = json.dumps(to_jsonld(engine.snapshot()))
    g = rdflib.Graph().parse(data=text, format="json-ld")
    activities = set(g.subjects(RDF.type, DPV.PersonalDataHandling))
    assert len(activities) == 23
    purchases = rdflib.URIRef("urn:datamap:processingactivity:online-purchases")
    assert purchases in activities
    for prop in (
        DPV.hasPurpose,
        DPV.hasPersonalData,
        DPV.hasLegalBasis,
        DPV.hasRecipient,
        DPV.hasThirdCountry,
        DPV.hasStorageCondition,
        DPV.hasTechnicalOrganisationalMeasure,
        DPV.hasDataSubject,
        DPV.hasDataController,
    ):
        assert list(g.objects(purchases, prop)), prop
    payment = rdflib.URIRef("urn:datamap:datacategory:your-payment-information")
    assert (payment, RDF.type, PD.Financial) in g
    pipl = rdflib.URIRef("urn:datamap:regime:pipl")
    assert set(g.objects(payment, DM.sensitiveUnder)) == {pipl}
    assert (purchases, DPV.hasPersonalData, payment) in g
    bases = {t for b in g.objects(purchases, DPV.hasLegalBasis) for t in g.objects(b, RDF.type)}
    assert DPV.ContractPerformance in bases
    safeguards = {s for s in g.subjects(RDF.type, DPV.SafeguardForDataTransfer)}
    assert (
        rdflib.URIRef("urn:datamap:transfermechanism:contract-necessity-derogation") in safeguards
    )
    quotes = {str(q) for q in g.objects(None, DM.quote)}
    assert "Your payment information" in quotes
    policy = inventory.policy
    assert all(policy.find(q) is not None for q in quotes)
