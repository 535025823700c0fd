"""/health and /version, and what they say when Neo4j is away."""

from __future__ import annotations

import time

from catalog.dev.arcadedb import free_port
from catalog.settings import Settings
from catalog.stores.neo4j.store import Neo4jStore


def test_health_and_version(client, graph) -> None:
    health = client.get("/health")
    assert health.status_code == 200
    body = health.json()
    assert body["status"] == "ok" and body["store"] == "embedded"
    assert body["inventory"]["fingerprint"] == graph.graph["fingerprint"]
    assert body["inventory"]["policy"]["last_updated"] == "2023-10-23"
    version = client.get("/version").json()
    assert version["datamap"] and version["api"] == "1" and version["store"] == "embedded"


def test_health_is_503_when_neo4j_is_unreachable(make_client, expect_problem) -> None:
    settings = Settings(
        store="neo4j",
        neo4j_uri=f"bolt://127.0.0.1:{free_port()}",
        neo4j_timeout=2.0,
        neo4j_retry_time=0.2,
    )
    client = make_client(store=Neo4jStore(settings))
    health = client.get("/health")
    assert health.status_code == 503
    assert (
        health.json()["status"] == "unavailable" and "cannot reach Neo4j" in health.json()["detail"]
    )
    # Once a read has failed, the store is known to be down: every request is answered at once,
    # with Retry-After, and nothing of the server's address or the driver's words.
    for path in ("/categories/payment-information/recipients", "/sold", "/health"):
        started = time.perf_counter()
        response = client.get(path)
        assert time.perf_counter() - started < 0.5  # a driver retry alone waits about 1 s
        assert response.status_code == 503 and response.headers["retry-after"] == "1"
        assert (
            "bolt://" not in response.text
            and settings.neo4j_uri.split(":")[-1] not in response.text
        )
    expect_problem(
        client.get("/categories/payment-information/recipients"), 503, "cannot reach Neo4j"
    )


def test_neo4j_without_a_graph_is_503(make_client, neo4j_store, expect_problem) -> None:
    client = make_client(store=neo4j_store)
    expect_problem(client.get("/transfers"), 503, "run `datamap sync` first")


def test_head_and_options_are_answered(client) -> None:
    got = client.get("/categories/payment-information/recipients")
    head = client.head("/categories/payment-information/recipients")
    assert head.status_code == 200 and head.content == b""
    assert head.headers["etag"] == got.headers["etag"]
    assert head.headers["content-length"] == got.headers["content-length"]
    options = client.options("/categories/payment-information/recipients")
    assert options.status_code == 204 and options.headers["allow"] == "GET, HEAD, OPTIONS"
    assert client.options("/no/such/path").status_code in (404, 405)
    assert client.head("/no/such/path").status_code == 404
