"""The OpenAPI document describes every endpoint and its errors."""

from __future__ import annotations

from typing import Any

from catalog.queries import QUERIES
from catalog.queries.engine import QueryEngine
from catalog.stores.neo4j.named import load_all

# Paths users and scripts rely on: they stay. New endpoints need no entry here: the spec is
# checked for what every endpoint must have, and every question for an endpoint asking it.
STABLE = {
    "/categories/{category}/recipients",
    "/categories/{category}/locations",
    "/subjects/{subject}/erasure-recipients",
    "/sold",
    "/check",
    "/ropa",
    "/findings",
    "/map.json",
    "/health",
    "/version",
    *(f"/queries/{name}" for name in load_all()),
}


def test_every_endpoint_and_its_errors(client) -> None:
    spec = client.get("/openapi.json").json()
    assert set(spec["paths"]) >= STABLE
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


def test_every_question_is_served_by_a_documented_endpoint(make_client, monkeypatch) -> None:
    """Each endpoint the spec documents is called with the examples it documents; together
    they ask every question declared in catalog/queries (a new one without an endpoint fails).
    A fresh app: answers another test made are cached, and would not ask again."""
    client = make_client()
    asked: set[str] = set()
    ask = QueryEngine._ask

    def spy(self: QueryEngine, query: Any, given: Any) -> Any:
        asked.add(query.name)
        return ask(self, query, given)

    monkeypatch.setattr(QueryEngine, "_ask", spy)
    spec = client.get("/openapi.json").json()
    called = 0
    for path, item in spec["paths"].items():
        url, params = path, {}
        for p in item["get"].get("parameters", []):
            example = (p.get("schema") or {}).get("examples") or p.get("examples")
            if example and p["in"] == "path":
                url = url.replace("{" + p["name"] + "}", str(example[0]))
            elif example and p.get("required"):
                params[p["name"]] = example[0]
        if "{" in url or len(params) < sum(
            1 for p in item["get"].get("parameters", []) if p.get("required") and p["in"] == "query"
        ):
            continue  # a parameter the spec gives no example for
        response = client.get(url, params=params)
        assert response.status_code in (200, 503), (path, response.text)
        called += 1
    assert called >= 20
    assert {q.name for q in QUERIES} <= asked


def test_docs_are_served(client) -> None:
    assert client.get("/docs").status_code == 200


def test_a_revision_the_diff_refuses_for_its_length_is_outside_its_documented_schema(
    client,
) -> None:
    # the schema's limit is the one the revision check applies: a longer name is refused by
    # the schema's own words (422), never accepted by the schema and refused after
    spec = client.get("/openapi.json").json()
    params = {p["name"]: p["schema"] for p in spec["paths"]["/diff"]["get"]["parameters"]}
    lengths = {
        name: s.get("maxLength") or s["anyOf"][0].get("maxLength") for name, s in params.items()
    }
    assert lengths == {"from": 200, "to": 200}
    answer = client.get("/diff", params={"from": "HEAD", "to": "a" * 201})
    assert answer.status_code == 422
    assert answer.headers["content-type"].startswith("application/problem+json")
