"""The dev server: it refuses what it cannot do before starting a JVM."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from catalog.dev.arcadedb import serve
from catalog.errors import DatamapError


def test_a_busy_port_is_refused(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        with pytest.raises(DatamapError, match=f"port {port} on 127.0.0.1 is already in use"):
            serve(port=port, data=tmp_path, database="datamap", user="root", password="datamap-dev")


def test_a_short_password_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DatamapError, match="at least 8 characters"):
        serve(port=1, data=tmp_path, database="datamap", user="root", password="short")


def test_the_running_server_is_what_the_driver_calls_neo4j(bolt_server) -> None:
    from neo4j import GraphDatabase

    auth = (bolt_server.user, bolt_server.password)
    with GraphDatabase.driver(bolt_server.uri, auth=auth) as driver:
        info = driver.get_server_info()
    assert info.agent.startswith("Neo4j/5")
