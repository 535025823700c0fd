"""ETags change only when the inventory (or the synced graph) changes; 304 on a match."""

from __future__ import annotations

import asyncio
import json
import time

from api.main import create_app
from catalog.graph.build import build_graph
from catalog.loading.validation import load_inventory
from catalog.settings import Settings
from catalog.stores.embedded import EmbeddedStore


def test_etag_and_304(client) -> None:
    first = client.get("/categories/payment-information/recipients")
    etag = first.headers["etag"]
    assert etag.startswith('W/"') and first.headers["cache-control"] == "private, no-cache"
    assert client.get("/categories/payment-information/recipients").headers["etag"] == etag
    again = client.get(
        "/categories/payment-information/recipients", headers={"If-None-Match": etag}
    )
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    assert (
        client.get(
            "/categories/payment-information/recipients", headers={"If-None-Match": '"other"'}
        ).status_code
        == 200
    )


def test_each_representation_has_its_own_etag(client) -> None:
    a = client.get("/categories/payment-information/recipients").headers["etag"]
    b = client.get("/categories/phone-numbers/recipients").headers["etag"]
    c = client.get("/ropa", headers={"Accept": "text/csv"}).headers["etag"]
    d = client.get("/ropa").headers["etag"]
    assert len({a, b, c, d}) == 4


def test_etag_changes_with_the_inventory(make_client, broken_inventory) -> None:
    root = broken_inventory(
        "recipients.yaml", "    name: Shipping providers\n", "    name: Couriers\n"
    )
    inventory = load_inventory(root)
    changed = make_client(store=EmbeddedStore(build_graph(inventory)))
    original = make_client()
    url = "/categories/payment-information/recipients"
    assert changed.get(url).headers["etag"] != original.get(url).headers["etag"]


def test_neo4j_answers_are_kept_until_a_resync(make_client, synced_store, broken_inventory) -> None:
    from catalog.stores.neo4j.sync import sync

    client = make_client(store=synced_store)
    url = "/recipients?q=shipping"
    before = client.get(url)
    assert [r["name"] for r in before.json()["items"]] == ["Shipping providers"]
    views = []
    original_view = synced_store.view
    synced_store.view = lambda *args: views.append(args) or original_view(*args)
    again = client.get(url)
    assert again.content == before.content and again.headers["etag"] == before.headers["etag"]
    assert views == []  # a repeated question is answered from what was rendered
    root = broken_inventory(
        "recipients.yaml", "    name: Shipping providers\n", "    name: Couriers\n"
    )
    sync(synced_store, build_graph(load_inventory(root)))
    after = client.get(url, headers={"If-None-Match": before.headers["etag"]})
    assert after.status_code == 200 and after.headers["etag"] != before.headers["etag"]
    assert [r["name"] for r in after.json()["items"]] == ["Couriers"]  # matched by its id


def _slow_counting_app(graph, monkeypatch, asked: list[str]):
    """An app whose engine takes its time over each question, counting them."""
    app = create_app(Settings(), store=EmbeddedStore(graph))
    engine = app.state.engine
    ask = engine.ask

    def slow(query, **given):
        asked.append(query.name)
        time.sleep(0.2)  # long enough for every request below to arrive meanwhile
        return ask(query, **given)

    monkeypatch.setattr(engine, "ask", slow)
    return app


async def _get(app, path: str) -> tuple[int, dict[bytes, bytes], bytes]:
    """One GET straight through the ASGI app: status, headers and body."""
    sent: list[dict] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"datamap")],
        "client": ("127.0.0.1", 1),
        "server": ("datamap", 80),
    }
    await app(scope, receive, send)
    body = b"".join(m.get("body", b"") for m in sent[1:])
    return sent[0]["status"], dict(sent[0]["headers"]), body


async def _at_once(app, paths: list[str]) -> list[tuple[int, dict[bytes, bytes], bytes]]:
    return await asyncio.gather(*(_get(app, p) for p in paths))


def test_requests_for_an_answer_being_made_wait_for_it(graph, monkeypatch) -> None:
    """After a start or a sync, clients ask the same URLs at once: each answer is computed
    once, and every request gets it."""
    asked: list[str] = []
    app = _slow_counting_app(graph, monkeypatch, asked)
    path = "/categories/payment-information/recipients"
    responses = asyncio.run(_at_once(app, [path] * 8 + ["/categories/email-address/recipients"]))
    assert [status for status, _, _ in responses] == [200] * 9
    assert len({body for _, _, body in responses[:8]}) == 1
    assert asked == ["who_receives", "who_receives"]  # one per URL, not one per request
    again = asyncio.run(_at_once(app, [path] * 3))
    assert [body for _, _, body in again] == [responses[0][2]] * 3 and len(asked) == 2


def test_a_failure_being_made_is_every_waiting_requests_answer(graph, monkeypatch) -> None:
    asked: list[str] = []
    app = _slow_counting_app(graph, monkeypatch, asked)
    responses = asyncio.run(_at_once(app, ["/categories/no-such-thing/recipients"] * 5))
    for status, headers, body in responses:
        assert status == 404
        assert headers[b"content-type"].startswith(b"application/problem+json")
        assert "no-such-thing" in json.loads(body)["detail"]
    assert len(asked) == 1
    # a failure is not kept: asked again, it is computed again
    asyncio.run(_at_once(app, ["/categories/no-such-thing/recipients"]))
    assert len(asked) == 2
