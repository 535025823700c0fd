"""The API baselines answer each URL with datamap's own answer to it, byte for byte: the load
on both sides of a figure is the same mix of URLs and bodies."""

from __future__ import annotations

import asyncio
import importlib
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bench import bodies

ANSWERS = {
    "/categories/email-address/recipients": b'{"category": "email"}',
    "/categories/full-name/recipients": b'{"category": "a longer answer", "recipients": []}',
}


@pytest.fixture
def answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    bodies.write(tmp_path, ANSWERS)
    monkeypatch.setenv("BENCH_BODIES", str(tmp_path))
    return ANSWERS


def _raw_get(app, path: str) -> tuple[int, dict[bytes, bytes], bytes]:
    sent: list[dict] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "GET", "path": path, "raw_path": path.encode()}
    asyncio.run(app(scope, receive, send))
    return sent[0]["status"], dict(sent[0]["headers"]), sent[1]["body"]


def test_the_raw_app_sends_each_urls_own_answer(answers) -> None:
    raw = importlib.reload(importlib.import_module("bench.raw_app"))
    for path, body in answers.items():
        status, headers, sent = _raw_get(raw.app, path)
        assert (status, sent) == (200, body)
        assert headers[b"content-length"] == str(len(body)).encode()
    assert _raw_get(raw.app, "/categories/other/recipients")[0] == 404


def test_the_bare_fastapi_app_sends_each_urls_own_answer(answers) -> None:
    bare = importlib.reload(importlib.import_module("bench.bare_app"))
    client = TestClient(bare.app)
    for path, body in answers.items():
        got = client.get(path)
        assert got.status_code == 200 and got.content == body
