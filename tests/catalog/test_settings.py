"""The settings a run starts from: flags over DATAMAP_* over defaults, every value checked and
converted, a bad one named as it was set, secrets never printed."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog.errors import BadRequest
from catalog.settings import SHIPPED_INVENTORY, Settings, load_settings


@pytest.fixture(autouse=True)
def _no_datamap_environment(monkeypatch) -> None:
    import os

    for key in list(os.environ):
        if key.upper().startswith("DATAMAP_"):
            monkeypatch.delenv(key)


def test_defaults_without_environment_or_flags() -> None:
    s = load_settings()
    assert s.inventory == SHIPPED_INVENTORY and s.store == "embedded"
    assert s.api_port == 8000 and s.api_keys is None and s.api_fast_path is True
    assert Settings.default("api_max_page_limit") == 1000


def test_environment_values_are_converted(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("DATAMAP_API_PORT", " 8123 ")
    monkeypatch.setenv("DATAMAP_NEO4J_TIMEOUT", "2")
    monkeypatch.setenv("datamap_api_open_docs", "yes")  # any case
    monkeypatch.setenv("DATAMAP_API_FAST_PATH", "0")
    monkeypatch.setenv("DATAMAP_INVENTORY", str(tmp_path))
    monkeypatch.setenv("DATAMAP_CACHE_DIR", "off")
    monkeypatch.setenv("DATAMAP_NEO4J_PASSWORD", "s3cret")
    monkeypatch.setenv("DATAMAP_STORE", "neo4j")
    s = load_settings()
    assert (s.api_port, s.neo4j_timeout) == (8123, 2.0) and isinstance(s.neo4j_timeout, float)
    assert s.api_open_docs is True and s.api_fast_path is False
    assert s.inventory == Path(tmp_path) and s.cache_dir is None and s.store == "neo4j"
    assert s.neo4j_password.get_secret_value() == "s3cret"
    assert "s3cret" not in repr(s) and "s3cret" not in str(s)


def test_the_server_limits_have_defaults_and_come_from_the_environment(monkeypatch) -> None:
    s = load_settings()
    assert (s.api_max_header_bytes, s.api_header_timeout) == (16384, 10.0)
    assert (s.api_body_timeout, s.api_max_connections, s.api_max_body_bytes) == (30.0, 100, 65536)
    monkeypatch.setenv("DATAMAP_API_MAX_HEADER_BYTES", "8192")
    monkeypatch.setenv("DATAMAP_API_HEADER_TIMEOUT", "2.5")
    monkeypatch.setenv("DATAMAP_API_BODY_TIMEOUT", "5")
    monkeypatch.setenv("DATAMAP_API_MAX_CONNECTIONS", "20")
    s = load_settings()
    assert (s.api_max_header_bytes, s.api_header_timeout) == (8192, 2.5)
    assert (s.api_body_timeout, s.api_max_connections) == (5.0, 20)
    assert isinstance(s.api_body_timeout, float)


def test_flags_win_over_the_environment(monkeypatch) -> None:
    monkeypatch.setenv("DATAMAP_STORE", "neo4j")
    monkeypatch.setenv("DATAMAP_NEO4J_USER", "env-user")
    s = load_settings(store="embedded", neo4j_user=None)  # None: the flag was not given
    assert s.store == "embedded" and s.neo4j_user == "env-user"


@pytest.mark.parametrize(
    ("variable", "value", "why"),
    [
        ("DATAMAP_API_PORT", "eighty", "must be a whole number, not 'eighty'"),
        ("DATAMAP_API_PORT", "70000", "must be at most 65535"),
        ("DATAMAP_SYNC_BATCH_SIZE", "0", "must be greater than 0"),
        ("DATAMAP_NEO4J_RETRY_TIME", "-1", "must be at least 0"),
        ("DATAMAP_API_OPEN_DOCS", "maybe", "use true or false"),
        ("DATAMAP_STORE", "postgres", "use one of embedded, neo4j"),
        ("DATAMAP_NEO4J_URI", "http://example.org", "use one of bolt://"),
        ("DATAMAP_API_MAX_HEADER_BYTES", "0", "must be greater than 0"),
        ("DATAMAP_API_HEADER_TIMEOUT", "soon", "must be a number, not 'soon'"),
        ("DATAMAP_API_BODY_TIMEOUT", "-1", "must be greater than 0"),
        ("DATAMAP_API_MAX_CONNECTIONS", "1.5", "must be a whole number"),
    ],
)
def test_a_bad_environment_value_is_named_as_set(monkeypatch, variable, value, why) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(BadRequest) as caught:
        load_settings()
    assert str(caught.value).startswith(f"invalid settings: {variable}: ")
    assert why in str(caught.value)


def test_every_bad_value_is_reported_at_once(monkeypatch) -> None:
    monkeypatch.setenv("DATAMAP_API_PORT", "0")
    with pytest.raises(BadRequest) as caught:
        load_settings(neo4j_uri="http://x")
    message = str(caught.value)
    assert "neo4j_uri: use one of bolt://" in message  # a flag: its own name
    assert "DATAMAP_API_PORT: must be at least 1" in message


def test_a_copy_is_checked_too() -> None:
    s = load_settings()
    assert s.replace(store="neo4j").store == "neo4j" and s.store == "embedded"
    with pytest.raises(BadRequest, match="api_port: must be at most 65535"):
        s.replace(api_port=70000)


def test_settings_made_in_code_are_checked() -> None:
    made = Settings(neo4j_password="pw", neo4j_timeout=60, cache_dir="")
    assert made.neo4j_password.get_secret_value() == "pw" and made.neo4j_timeout == 60.0
    assert made.cache_dir is None
    with pytest.raises(ValueError, match="api_max_page_limit: must be greater than 0"):
        Settings(api_max_page_limit=0)
    with pytest.raises(ValueError, match="api_port: must be a whole number"):
        Settings(api_port=True)
