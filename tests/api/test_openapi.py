"""The OpenAPI document describes every endpoint and its errors."""

from __future__ import annotations

from catalog.stores.neo4j.named import load_all

ENDPOINTS = {
    "/categories",
    "/categories/{category}",
    "/categories/{category}/recipients",
    "/categories/{category}/lineage",
    "/categories/{category}/locations",
    "/map.json",
    "/recipients",
    "/recipients/{recipient}",
    "/recipients/{recipient}/categories",
    "/contexts",
    "/purposes",
    "/activities",
    "/entries/{entry}",
    "/subjects",
    "/subjects/{subject}/erasure-recipients",
    "/sold",
    "/transfers",
    "/check",
    "/ropa",
    "/findings",
    "/diff",
    "/queries",
    *(f"/queries/{name}" for name in load_all()),
    "/diagrams/{kind}",
    "/diagrams/category",
    "/diagrams/recipient",
    "/health",
    "/version",
    "/can-share",
}


def test_every_endpoint_and_its_errors(client) -> None:
    spec = client.get("/openapi.json").json()
    assert set(spec["paths"]) == ENDPOINTS
    for path, item in spec["paths"].items():
        responses = item["get"]["responses"]
        assert "200" in responses, path
        if path not in ("/health", "/version", "/queries"):
            assert {"404", "422", "503"} <= set(responses), path
            assert responses["404"]["content"]["application/problem+json"]["schema"][
                "$ref"
            ].endswith("/Problem")
    assert "Problem" in spec["components"]["schemas"]
    assert spec["paths"]["/ropa"]["get"]["responses"]["200"]["content"].keys() >= {
        "application/json",
        "text/csv",
    }


def test_docs_are_served(client) -> None:
    assert client.get("/docs").status_code == 200
