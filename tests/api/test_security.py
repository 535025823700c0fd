"""API keys and scopes: 401 without a key, 403 without the scope, /health always open."""

from __future__ import annotations

import logging

import pytest

from catalog.errors import BadRequest

KEYS = "ci-key-7f3a:catalog,dpo-key-91bc:catalog+records+queries,all-key-0000"


@pytest.fixture
def secured(make_client):
    return make_client(api_keys=KEYS)


def test_binds_loopback_by_default() -> None:
    from catalog.settings import Settings

    assert Settings().api_host == "127.0.0.1"


def test_a_key_is_required_when_keys_are_set(secured, expect_problem) -> None:
    response = secured.get("/sold")
    expect_problem(response, 401, "an API key is required")
    assert response.headers["www-authenticate"].startswith("Bearer")
    expect_problem(secured.get("/sold", headers={"X-API-Key": "guess-guess"}), 401, "not valid")
    assert secured.get("/health").status_code == 200


def test_keys_by_header_or_bearer(secured) -> None:
    assert secured.get("/sold", headers={"X-API-Key": "ci-key-7f3a"}).status_code == 200
    assert secured.get("/sold", headers={"Authorization": "Bearer dpo-key-91bc"}).status_code == 200


def test_scopes(secured, expect_problem) -> None:
    ci = {"X-API-Key": "ci-key-7f3a"}
    expect_problem(secured.get("/ropa", headers=ci), 403, "'records' scope")
    expect_problem(secured.get("/queries", headers=ci), 403, "'queries' scope")
    assert secured.get("/ropa", headers={"X-API-Key": "dpo-key-91bc"}).status_code == 200
    assert secured.get("/ropa", headers={"X-API-Key": "all-key-0000"}).status_code == 200


def test_keys_never_reach_the_logs(secured, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        secured.get("/sold", headers={"X-API-Key": "dpo-key-91bc"})
        secured.get("/sold", headers={"X-API-Key": "wrong-key-1234"})
        secured.get("/queries/transfers", headers={"X-API-Key": "dpo-key-91bc"})
    assert "dpo-key-91bc" not in caplog.text and "wrong-key-1234" not in caplog.text


def test_bad_key_settings_are_refused(make_client) -> None:
    with pytest.raises(BadRequest, match="unknown API key scope"):
        make_client(api_keys="some-long-key:admin")
    with pytest.raises(BadRequest, match="at least 8 characters"):
        make_client(api_keys="short")


def test_the_openapi_document_declares_the_auth_errors(secured) -> None:
    spec = secured.get("/openapi.json", headers={"X-API-Key": "all-key-0000"}).json()
    responses = spec["paths"]["/sold"]["get"]["responses"]
    assert {"401", "403"} <= set(responses)


def test_with_keys_on_the_docs_need_a_key_too(make_client) -> None:
    c = make_client(api_keys="ci-7f3a9e22:catalog")
    for path in ("/openapi.json", "/docs", "/redoc"):
        refused = c.get(path)
        assert refused.status_code == 401, path
        assert refused.headers["content-type"].startswith("application/problem+json")
        assert c.get(path, headers={"X-API-Key": "ci-7f3a9e22"}).status_code == 200, path
    opened = make_client(api_keys="ci-7f3a9e22:catalog", api_open_docs=True)
    assert opened.get("/openapi.json").status_code == 200
    assert opened.get("/sold").status_code == 401  # the data still needs the key
