"""API fixtures: a test client over the embedded store, and app factories for other setups."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.main import create_app
from catalog.settings import Settings
from catalog.stores.embedded import EmbeddedStore


@pytest.fixture(scope="session")
def embedded_app(graph, inventory) -> FastAPI:
    return create_app(Settings(), store=EmbeddedStore(graph))


@pytest.fixture
def client(embedded_app: FastAPI) -> TestClient:
    return TestClient(embedded_app, raise_server_exceptions=False)


@pytest.fixture
def make_client(graph, inventory) -> Callable[..., TestClient]:
    """A client for an app built with other settings (API keys, limits) or another store."""

    def make(store=None, **settings: object) -> TestClient:
        app = create_app(Settings(**settings), store=store or EmbeddedStore(graph))
        return TestClient(app, raise_server_exceptions=False)

    return make


def _expect_problem(response, status: int, *fragments: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == status and body["title"] and body["detail"]
    for fragment in fragments:
        assert fragment in body["detail"], body["detail"]
    return body


@pytest.fixture
def expect_problem() -> Callable[..., dict]:
    """Check a response is an RFC 9457 problem with this status, mentioning these words."""
    return _expect_problem
