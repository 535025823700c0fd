"""/contexts, /purposes, /activities and /entries."""

from __future__ import annotations


def test_contexts(client) -> None:
    body = client.get("/contexts", params={"limit": 100}).json()
    assert body["total"] == 19
    purchase = next(i for i in body["items"] if i["id"] == "ctx-purchase")
    assert purchase["kind"] == "context"
    assert "You will not be able to make a purchase" in purchase["consequences"]


def test_purposes_and_activities(client) -> None:
    purposes = client.get("/purposes", params={"q": "returns"}).json()
    assert [p["id"] for p in purposes["items"]] == ["facilitate-returns"]
    assert purposes["items"][0]["ccpa_business_purpose"] == "performing_services"
    activities = client.get("/activities", params={"limit": 100}).json()
    assert activities["total"] == 23
    purchases = next(a for a in activities["items"] if a["id"] == "online-purchases")
    assert {b["id"] for b in purchases["legal_bases"]} >= {"gdpr-contract", "pipl-contract"}


def test_entries(client, expect_problem) -> None:
    body = client.get("/entries/ctx-purchase").json()
    assert body["type"] == "CollectionPoint"
    assert any(
        r["type"] == "COLLECTS" and r["other"]["id"] == "your-payment-information"
        for r in body["relationships"]
    )
    expect_problem(client.get("/entries/nothing-like-this"), 404)


def test_erasure_recipients_and_subjects(client, engine) -> None:
    from catalog import queries

    body = client.get("/subjects/customers/erasure-recipients").json()
    assert body == engine.ask(queries.ERASURE, subject="customers").to_json()
    assert client.get("/subjects/Customers/erasure-recipients").status_code == 200
    assert "customers" in {s["id"] for s in client.get("/subjects").json()["items"]}
    assert client.get("/subjects/martians/erasure-recipients").status_code == 404
