"""Memory is bounded by design, whatever the caller sends: unknown query parameters are refused,
and the rendered answers the API keeps are bounded in bytes."""

from __future__ import annotations

import asyncio
import resource

from api.deps import Representations
from api.main import create_app
from catalog.settings import Settings
from catalog.stores.embedded import EmbeddedStore

BOUND = 256 * 1024  # bytes of kept answers, far below what 10,000 answers would need


async def _get(app, path: str, query: str) -> int:
    """One GET through the ASGI app itself: the whole stack but the socket."""
    scope = {
        "type": "http",
        "method": "GET",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "headers": [(b"host", b"datamap.test")],
        "http_version": "1.1",
        "scheme": "http",
        "server": ("datamap.test", 80),
        "client": ("127.0.0.1", 50000),
        "root_path": "",
    }
    status: list[int] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        if message["type"] == "http.response.start":
            status.append(message["status"])

    await app(scope, receive, send)
    return status[0]


def test_ten_thousand_distinct_urls_stay_within_the_bound(graph) -> None:
    app = create_app(Settings(api_cache_bytes=BOUND), store=EmbeddedStore(graph))
    kept: Representations = app.state.representations

    async def run() -> dict[int, int]:
        statuses: dict[int, int] = {}
        async with app.router.lifespan_context(app):
            for i in range(5000):  # distinct answers: each computed, rendered and kept
                code = await _get(app, "/contexts", f"q=x{i}")
                statuses[code] = statuses.get(code, 0) + 1
            for i in range(5000):  # junk parameters: refused, never computed nor kept
                code = await _get(app, "/ropa", f"regime=gdpr&junk{i}=1")
                statuses[code] = statuses.get(code, 0) + 1
        return statuses

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    statuses = asyncio.run(run())
    assert statuses == {200: 5000, 422: 5000}
    assert kept.bytes <= BOUND and 0 < len(kept) < 5000  # older answers were let go
    rss_growth_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024
    assert rss_growth_mib < 64  # resident memory: the bound, not 10,000 answers


def test_unknown_parameters_are_refused_and_never_kept(client, expect_problem) -> None:
    kept = client.app.state.representations
    before = len(kept)
    body = expect_problem(
        client.get("/ropa", params={"regime": "gdpr", "regine": "ccpa"}),
        422,
        "/ropa takes no parameter regine; the parameters it takes: regime",
    )
    assert body["instance"] == "/ropa"
    expect_problem(client.get("/categories/payment-information", params={"depth": "2"}), 422)
    expect_problem(client.get("/health", params={"x": "1"}), 422)
    assert len(kept) == before
    assert (
        client.get("/categories", params={"q": "pay", "limit": 5, "offset": 0}).status_code == 200
    )


def test_the_answer_cache_is_bounded_in_bytes() -> None:
    cache = Representations(max_bytes=10_000)
    for i in range(100):
        cache.put(f"e{i}", (b"x" * 1000, "application/json", {}), "catalog")
    assert cache.bytes <= 10_000 and len(cache) == cache.bytes // (1000 + 16 + 256)
    assert cache.get("e99") is not None and cache.get("e0") is None  # the oldest went first
    cache.put("huge", (b"x" * 20_000, "application/json", {}), "catalog")
    assert cache.get("huge") is None  # larger than the bound: answered, never kept
    nothing = Representations(max_bytes=0)
    nothing.put("e", (b"{}", "application/json", {}), "catalog")
    assert len(nothing) == 0
