"""Every error is a problem document; nothing is a bare 500."""

from __future__ import annotations

import pytest

from catalog.queries.engine import QueryEngine


def test_unknown_route_and_method(client, expect_problem) -> None:
    expect_problem(client.get("/vendors"), 404, "no endpoint /vendors")
    expect_problem(client.post("/sold"), 405)


def test_oversized_requests_are_refused_before_routing(make_client, expect_problem) -> None:
    client = make_client(api_max_url_bytes=200, api_max_query_params=3, api_max_body_bytes=10)
    expect_problem(client.get("/categories/" + "x" * 300), 414, "the limit is 200")
    expect_problem(
        client.get("/categories", params={"a": 1, "b": 2, "c": 3, "d": 4}),
        422,
        "4 query parameters",
    )
    expect_problem(client.request("GET", "/sold", content=b"y" * 100), 413, "the limit is 10")


def test_overlong_parameters_are_422(client, expect_problem) -> None:
    expect_problem(client.get("/check", params={"category": "x" * 400, "recipient": "y"}), 422)


def test_an_unexpected_failure_is_still_a_problem_document(
    client, expect_problem, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self, *args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(QueryEngine, "ask", broken)
    body = expect_problem(client.get("/transfers"), 500, "an unexpected error occurred")
    assert "secret internals" not in body["detail"]


def test_a_name_not_held_points_an_http_client_at_a_url_not_a_command(
    client, expect_problem, cli
) -> None:
    answer = client.get("/categories/birthday")
    expect_problem(answer, 404, "the inventory has no data category by that name")
    assert "GET /categories?q=WORD" in answer.json()["detail"]
    assert "datamap" not in answer.json()["detail"]
    # the terminal says it the terminal's way
    said = cli("who-receives", "birthday")
    assert said.code == 2 and "`datamap list categories -q WORD`" in said.err
