"""Answers already rendered are served before routing: the same bytes and headers, the same
API-key checks, and 304s."""

from __future__ import annotations

from api import fastpath


def test_a_kept_answer_is_the_same_response(client) -> None:
    path = "/categories/payment-information/recipients"
    first = client.get(path)
    assert first.status_code == 200
    kept = client.app.state.representations.get(first.headers["etag"])
    assert kept is not None  # the first answer was kept under its ETag ...
    second = client.get(path)
    assert second.content == first.content  # ... and served again, byte for byte
    for header in ("etag", "cache-control", "content-type", "content-length"):
        assert second.headers[header] == first.headers[header]


def test_other_representations_are_kept_apart(client) -> None:
    json_body = client.get("/ropa").content
    csv = client.get("/ropa", headers={"Accept": "text/csv"})
    again = client.get("/ropa", headers={"Accept": "text/csv"})
    assert again.content == csv.content != json_body
    assert again.headers["content-type"].startswith("text/csv")
    assert again.headers["content-disposition"] == 'inline; filename="ropa-gdpr.csv"'


def test_a_kept_answer_still_needs_the_key_and_scope(make_client) -> None:
    c = make_client(api_keys="dpo-91bc2d77:records,ci-7f3a9e22:catalog")
    assert c.get("/ropa", headers={"X-API-Key": "dpo-91bc2d77"}).status_code == 200
    assert c.get("/ropa").status_code == 401
    assert c.get("/ropa", headers={"X-API-Key": "ci-7f3a9e22"}).status_code == 403
    assert c.get("/ropa", headers={"Authorization": "Bearer dpo-91bc2d77"}).status_code == 200


def test_a_kept_answer_revalidates_with_304(client) -> None:
    first = client.get("/sold")
    client.get("/sold")
    again = client.get("/sold", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and again.headers["etag"] == first.headers["etag"]
    assert again.content == b""


def test_errors_are_never_kept(client, expect_problem) -> None:
    for _ in range(2):
        expect_problem(client.get("/categories/no-such-thing/recipients"), 404)


def test_a_kept_answer_is_served_before_routing(client, monkeypatch) -> None:
    """The fast path answers a known representation without FastAPI routing it at all."""
    path = "/categories/email-address/recipients"
    first = client.get(path)
    assert first.status_code == 200
    routed: list[str] = []
    router = client.app.router
    inner = router.middleware_stack

    async def counting(scope, receive, send):
        routed.append(scope["path"])
        await inner(scope, receive, send)

    monkeypatch.setattr(router, "middleware_stack", counting)
    again = client.get(path)
    assert again.status_code == 200 and again.content == first.content
    assert routed == []  # served by the fast path
    assert client.get("/categories/email-address").status_code == 200
    assert routed == ["/categories/email-address"]  # a new question is routed


def test_the_fast_path_and_the_endpoints_read_the_same_key(make_client) -> None:
    c = make_client(api_keys="dpo-91bc2d77:records")
    headers = [("X-API-Key", "dpo-91bc2d77"), ("X-API-Key", "wrong-key-123")]
    assert c.get("/ropa", headers=headers).status_code == 200  # routed: the first key counts
    assert c.get("/ropa", headers=headers).status_code == 200  # kept: the first key still counts
    flipped = list(reversed(headers))
    assert c.get("/ropa", headers=flipped).status_code == 401


def test_a_request_with_a_body_is_left_to_the_app_and_its_limits(
    make_client, expect_problem
) -> None:
    c = make_client(api_max_body_bytes=1000)
    path = "/categories/email-address/recipients"
    assert c.get(path).status_code == 200  # kept now
    big = c.request("GET", path, content=b"x" * 5000)
    expect_problem(big, 413)


def test_a_failing_fast_path_leaves_the_request_to_the_app(client, monkeypatch) -> None:
    path = "/categories/email-address/recipients"
    first = client.get(path)

    def broken(*_: object) -> None:
        raise RuntimeError("a bug in the fast path")

    monkeypatch.setattr(fastpath, "make_etag", broken)
    again = client.get(path)
    assert again.status_code == 200 and again.content == first.content
