"""/recipients: list, detail, what one receives."""

from __future__ import annotations

from catalog import queries


def test_list_and_detail(client) -> None:
    listing = client.get("/recipients").json()
    assert listing["total"] == 29
    roles = {i["id"]: i["role"] for i in listing["items"]}
    assert (
        roles["public-authorities"] == "public_authority"
        and roles["stefere-entities"] == "affiliate"
    )
    detail = client.get("/recipients/Shipping providers").json()
    assert detail["id"] == "shipping-providers" and "shipping" in detail["functions"]
    assert {s["quote"] for s in detail["sources"]} >= {"Shipping providers", "shipping"}


def test_what_a_recipient_receives(client, engine) -> None:
    response = client.get("/recipients/shipping-providers/categories")
    assert (
        response.json()
        == engine.ask(queries.RECIPIENT_CATEGORIES, recipient="shipping-providers").to_json()
    )
    ids = {c["id"] for c in response.json()["categories"]}
    assert {"your-payment-information", "physical-address", "personal-information"} <= ids


def test_unknown_recipient(client, expect_problem) -> None:
    body = expect_problem(client.get("/recipients/shiping"), 404, "no recipient matches 'shiping'")
    assert body["suggestions"][0]["id"] == "shipping-providers"
