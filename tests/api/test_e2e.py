"""End to end over real HTTP: `datamap serve` as its own process (the command, on the embedded
store), and the same app in a real uvicorn in a thread where a process adds nothing (the Neo4j
store, an outage and the recovery)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import httpx2
import pytest

from api.main import create_app
from api.server import server
from catalog import queries
from catalog.dev.arcadedb import free_port, stop_process


class Api:
    def __init__(self, port: int, env: dict[str, str], *args: str) -> None:
        self.base = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "catalog",
                "serve",
                "--port",
                str(port),
                "--log-level",
                "warning",
                *args,
            ],
            env={**os.environ, **env},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx2.get(self.base + "/health", timeout=2)
                return
            except httpx2.TransportError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    out = self.stop()
                    raise RuntimeError(f"datamap serve did not start:\n{out}") from None
                time.sleep(0.2)

    def get(self, path: str, **kwargs) -> httpx2.Response:
        return httpx2.get(self.base + path, timeout=30, **kwargs)

    def stop(self) -> str:
        stop_process(self.process, timeout=20)
        return self.process.stdout.read() if self.process.stdout else ""


class ThreadedApi:
    """The app served by a real uvicorn on a free port, in a thread of the test process."""

    def __init__(self, app) -> None:
        port = free_port()
        self.base = f"http://127.0.0.1:{port}"
        # what `datamap serve` runs, limits and all (api/server.py)
        self.server = server(app, app.state.settings.replace(api_port=port), log_level="warning")
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            assert self.thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.02)

    def get(self, path: str, **kwargs) -> httpx2.Response:
        return httpx2.get(self.base + path, timeout=30, **kwargs)

    def stop(self) -> str:
        self.server.should_exit = True
        self.thread.join(timeout=30)
        return ""


def exercise(api: Api | ThreadedApi, engine) -> None:
    url = "/categories/payment-information/recipients"
    response = api.get(url)
    assert response.status_code == 200
    assert (
        response.json()
        == engine.ask(queries.WHO_RECEIVES, category="payment-information").to_json()
    )
    etag = response.headers["etag"]
    assert api.get(url, headers={"If-None-Match": etag}).status_code == 304
    assert api.get("/categories/paymnt").status_code == 404
    assert api.get("/ropa", headers={"Accept": "text/csv"}).text.startswith(
        "Processing activity,Business function"
    )
    assert "/categories/{category}/recipients" in api.get("/openapi.json").json()["paths"]


def test_serve_on_the_embedded_store(engine) -> None:
    api = Api(free_port(), {"DATAMAP_STORE": "embedded"})
    try:
        exercise(api, engine)
        assert api.get("/health").json()["store"] == "embedded"
    finally:
        api.stop()
    # uvicorn shuts down gracefully on SIGTERM, then re-raises it so the exit status says so
    assert api.process.returncode in (0, -15)


def test_serve_on_the_neo4j_store(engine, shared_synced_store, bolt_server) -> None:
    api = ThreadedApi(create_app(bolt_server.settings()))
    try:
        exercise(api, engine)
        assert api.get("/health").json()["store"] == "neo4j"
        rows = api.get("/queries/transfers-by-mechanism", params={"kind": "derogation"}).json()[
            "rows"
        ]
        assert [r["transfer"] for r in rows] == [
            "EEA to the United States (hosting and management)"
        ]
    finally:
        api.stop()


def test_503_while_neo4j_is_down_then_recovery(engine, graph, crashable_server) -> None:
    from catalog.stores.neo4j.store import Neo4jStore
    from catalog.stores.neo4j.sync import sync

    server = crashable_server.server
    store = Neo4jStore(server.settings())
    sync(store, graph)
    store.close()
    api = ThreadedApi(create_app(server.settings()))
    try:
        url = "/categories/payment-information/recipients"
        assert api.get(url).status_code == 200
        crashable_server.kill()
        down = api.get(url)
        assert down.status_code == 503
        assert down.headers["content-type"].startswith("application/problem+json")
        assert down.headers["retry-after"] and "bolt://" not in down.text
        for _ in range(5):  # known to be down: answered at once while a probe waits for Neo4j
            started = time.perf_counter()
            assert api.get(url).status_code == 503
            assert time.perf_counter() - started < 0.5
        assert api.get("/health").status_code == 503
        crashable_server.restart()
        deadline = time.monotonic() + 60
        while api.get(url).status_code != 200:
            assert time.monotonic() < deadline, "the API did not recover"
            time.sleep(0.5)
        assert (
            api.get(url).json()
            == engine.ask(queries.WHO_RECEIVES, category="payment-information").to_json()
        )
        assert api.get("/health").json()["status"] == "ok"
    finally:
        api.stop()


@pytest.mark.parametrize("host", ["0.0.0.0"])
def test_serving_beyond_loopback_without_keys_warns(host: str) -> None:
    port = free_port()
    api = Api(port, {"DATAMAP_API_HOST": host})
    output = api.stop()
    assert "without API keys" in output
