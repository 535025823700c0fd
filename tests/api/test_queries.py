"""/queries: the named Cypher queries, on the Neo4j store only, never client-supplied Cypher."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from catalog.stores.neo4j.store import Neo4jStore


def test_listing_says_whether_they_can_run(client) -> None:
    listing = client.get("/queries").json()
    assert {"who-receives", "erasure-notify", "activities-without-legal-basis"} <= {
        q["name"] for q in listing
    }
    assert all(q["available"] is False for q in listing)  # embedded store
    erasure = next(q for q in listing if q["name"] == "erasure-notify")
    assert "subject" in erasure["params"]


def test_on_the_embedded_store_they_are_unavailable(client, expect_problem) -> None:
    expect_problem(client.get("/queries/transfers"), 503, "run on the Neo4j store")


@pytest.fixture
def neo4j_client(make_client, shared_synced_store: Neo4jStore):
    return make_client(store=shared_synced_store)


def test_named_query_on_neo4j(neo4j_client) -> None:
    body = neo4j_client.get(
        "/queries/activities-without-legal-basis", params={"regime": "gdpr"}
    ).json()
    assert body["columns"] == ["activity", "name", "business_function"]
    assert {r["activity"] for r in body["rows"]} == {
        "business-transfers",
        "combined-profiles",
        "aggregation",
    }
    assert neo4j_client.get("/queries").json()[0]["available"] is True


def test_parameters_are_checked(neo4j_client, expect_problem) -> None:
    missing = expect_problem(neo4j_client.get("/queries/rights"), 422)
    assert missing["errors"][0]["loc"] == ["query", "regime"]
    expect_problem(
        neo4j_client.get("/queries/rights", params={"regime": "gdpr", "limit": "1"}),
        422,
        "takes no parameter limit",
    )
    expect_problem(neo4j_client.get("/queries/no-such-query"), 404, "no named query")
    expect_problem(neo4j_client.get("/queries/DROP ALL"), 422)


def test_injection_through_parameters_changes_nothing(
    neo4j_client, shared_synced_store: Neo4jStore
) -> None:
    from catalog.stores.neo4j.sync import current_state

    before = shared_synced_store.read(current_state)
    hostile = "payment-information'}) DETACH DELETE n //"
    # A value naming an entry is resolved first: this one names none, and is refused.
    refused = neo4j_client.get("/queries/who-receives", params={"category": hostile})
    assert refused.status_code == 404 and "no data category matches" in refused.json()["detail"]
    body = neo4j_client.get(
        "/queries/policy-search", params={"text": "') MATCH (n) DETACH DELETE n //"}
    ).json()
    assert body["rows"] == []
    assert shared_synced_store.read(current_state) == before


HOSTILE = [
    "x'}) MATCH (n) DETACH DELETE n //",
    'x"}) DETACH DELETE n RETURN 1 //',
    "payment-information` DETACH DELETE n",
    "$id OR 1=1",
    "${jndi:ldap://127.0.0.1/a}",
    "../../etc/passwd",
    "\u0000; DROP DATABASE datamap",
]


def test_injection_through_ids_and_names_changes_nothing(
    neo4j_client, shared_synced_store: Neo4jStore, expect_problem
) -> None:
    from catalog.stores.neo4j.sync import current_state

    before = shared_synced_store.read(current_state), shared_synced_store.meta()
    for text in HOSTILE:
        segment = quote(text, safe="")
        for path in (
            f"/categories/{segment}/recipients",
            f"/recipients/{segment}/categories",
            f"/entries/{segment}",
        ):
            response = neo4j_client.get(path)
            assert response.status_code in (404, 422), (path, response.status_code)
        response = neo4j_client.get("/check", params={"category": text, "recipient": text})
        assert response.status_code in (404, 422)
        response = neo4j_client.get("/categories", params={"q": text})
        assert response.status_code == 200 and response.json()["items"] == []
    assert (shared_synced_store.read(current_state), shared_synced_store.meta()) == before
