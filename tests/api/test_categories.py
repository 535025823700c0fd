"""/categories: list, detail, who receives, lineage."""

from __future__ import annotations

from catalog import queries


def test_list_pages_with_total(client, view) -> None:
    first = client.get("/categories", params={"limit": 5}).json()
    total = len(view.of_label("DataCategory"))  # every category and item of the inventory
    assert first["total"] == total > 5 and len(first["items"]) == 5 and first["limit"] == 5
    second = client.get("/categories", params={"limit": 5, "offset": 5}).json()
    assert not {i["id"] for i in first["items"]} & {i["id"] for i in second["items"]}
    searched = client.get("/categories", params={"q": "payment"}).json()
    assert {i["id"] for i in searched["items"]} == {
        "payment-information",
        "your-payment-information",
    }


def test_detail_by_id_or_name(client) -> None:
    by_id = client.get("/categories/payment-information").json()
    by_name = client.get("/categories/Payment%20Information").json()
    assert by_id == by_name
    assert by_id["ccpa"] == ["B"] and by_id["sensitive"] is True and by_id["sensitive_sources"]


def test_who_receives_matches_the_engine(client, engine) -> None:
    response = client.get("/categories/payment-information/recipients")
    assert response.status_code == 200
    assert (
        response.json()
        == engine.ask(queries.WHO_RECEIVES, category="payment-information").to_json()
    )
    rows = response.json()["recipients"]
    specific = {r["id"] for r in rows if not r["general_only"] and not r["inferred"]}
    assert specific == {
        "payment-service-providers",
        "shipping-providers",
        "fraud-security-providers",
    }
    # named by datamap's reading of the sale of "the specific pieces ...", and marked so
    assert {r["id"] for r in rows if not r["general_only"] and r["inferred"]} == {
        "interest-based-advertising-partners"
    }


def test_friend_email_by_name_with_a_straight_apostrophe(client) -> None:
    response = client.get("/categories/Your friend's name and e-mail address/recipients")
    assert response.status_code == 200
    assert response.json()["category"]["id"] == "friend-name-and-email"


def test_lineage_depth_is_capped(client, expect_problem) -> None:
    assert (
        client.get("/categories/payment-information/lineage", params={"depth": 3}).json()["depth"]
        == 3
    )
    body = expect_problem(
        client.get("/categories/payment-information/lineage", params={"depth": 6}), 422, "depth"
    )
    assert body["errors"][0]["loc"] == ["query", "depth"]
    expect_problem(
        client.get("/categories/payment-information/lineage", params={"depth": "deep"}), 422
    )


def test_unknown_category_is_a_404_with_suggestions(client, expect_problem) -> None:
    body = expect_problem(
        client.get("/categories/paymnt-info/recipients"),
        404,
        "no data category matches 'paymnt-info'",
    )
    assert body["suggestions"][0] == {"id": "payment-information", "name": "Payment information"}
    assert body["instance"] == "/categories/paymnt-info/recipients"


def test_a_recipient_is_not_a_category(client, expect_problem) -> None:
    expect_problem(client.get("/categories/shipping-providers"), 404, "no data category")


def test_paging_limits(client, expect_problem) -> None:
    expect_problem(
        client.get("/categories", params={"limit": 5000}), 422, "less than or equal to 1000"
    )
    expect_problem(client.get("/categories", params={"limit": 0}), 422)
    expect_problem(client.get("/categories", params={"offset": -1}), 422)
