"""/sold, /transfers and /check."""

from __future__ import annotations

from catalog import queries


def test_sold(client, engine) -> None:
    body = client.get("/sold").json()
    assert body == engine.ask(queries.WHAT_IS_SOLD).to_json()
    assert [r["id"] for r in body["recipients"]] == ["interest-based-advertising-partners"]
    assert body["minors"][0]["age"] == 16


def test_transfers(client) -> None:
    transfers = {t["id"]: t for t in client.get("/transfers").json()["transfers"]}
    assert (
        transfers["eea-to-us"]["from"]["id"] == "eea" and transfers["eea-to-us"]["to"]["id"] == "us"
    )
    assert transfers["eea-to-us"]["mechanisms"][0]["legal_reference"] == "GDPR Art. 49(1)(b)"


def test_check_yes_with_activity_purpose_and_sources(client) -> None:
    body = client.get(
        "/check",
        params={"category": "payment information", "recipient": "payment-service-providers"},
    ).json()
    assert body["allowed"] is True and body["general_only"] is False
    (specific,) = [d for d in body["disclosures"] if not d["general"]]
    assert specific["activity"]["id"] == "online-purchases"
    assert "facilitate-purchase" in {p["id"] for p in specific["purposes"]}
    assert specific["sources"][0]["quote"] == "Payment service providers"


def test_check_yes_only_through_a_general_statement(client) -> None:
    body = client.get(
        "/check", params={"category": "recordings-of-calls", "recipient": "stefere-entities"}
    ).json()
    assert body["allowed"] is True and body["general_only"] is True
    assert "only through a general statement" in body["reason"]


def test_check_no_with_the_reason(client) -> None:
    body = client.get(
        "/check",
        params={
            "category": "recordings-of-calls",
            "recipient": "site-optimization-providers",
        },
    ).json()
    assert body["allowed"] is False
    assert body["reason"].startswith("The policy names no disclosure of Recordings of your calls")
    assert "web-server-log-information" in {c["id"] for c in body["recipient_receives"]}
    assert "telecom-call-recording-providers" in {r["id"] for r in body["category_recipients"]}


def test_check_needs_both_and_known_names(client, expect_problem) -> None:
    expect_problem(
        client.get("/check", params={"category": "payment-information"}), 422, "recipient"
    )
    expect_problem(
        client.get("/check", params={"category": "payment-information", "recipient": "acme"}),
        404,
        "no recipient",
    )


def test_can_share_gives_a_verdict(client) -> None:
    named = client.get(
        "/can-share", params={"category": "payment information", "recipient": "shipping providers"}
    ).json()
    assert named["verdict"] == "named" and named["allowed"] and named["disclosures"]
    general = client.get(
        "/can-share",
        params={"category": "call recordings", "recipient": "marketing service providers"},
    ).json()
    assert general["verdict"] == "general" and general["general_only"]
    alias = client.get(
        "/check", params={"category": "call recordings", "recipient": "marketing service providers"}
    ).json()
    assert alias == general  # /check is the first name of /can-share


def test_many_flows_at_once(client, expect_problem) -> None:
    body = {
        "flows": [
            {"category": "payment-information", "recipient": "shipping-providers"},
            {"category": "call recordings", "recipient": "marketing service providers"},
            {"category": "payment-information", "recipient": "social-media-platforms"},
            {"category": "birthday", "recipient": "shipping-providers"},
        ]
    }
    result = client.post("/can-share", json=body).json()
    assert [f["verdict"] for f in result["flows"]] == ["named", "general", "none", None]
    assert (result["named"], result["general"], result["none"], result["unknown"]) == (1, 1, 1, 1)
    assert "no data category matches 'birthday'" in result["flows"][3]["error"]
    expect_problem(client.post("/can-share", json={"flows": []}), 422)
    options = client.options("/can-share")
    assert options.headers["allow"] == "GET, HEAD, OPTIONS, POST"
