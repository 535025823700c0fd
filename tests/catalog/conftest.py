"""Fixtures shared by the catalogue's test areas: a real PostgreSQL server, started once a
session, for the scanner's tests and the subject-rights plans."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from catalog.dev.postgres import Postgres, start_postgres


@pytest.fixture(scope="session")
def postgres() -> Iterator[Postgres]:
    # A server that will not start fails the tests that need it: never a skip.
    pg = start_postgres()
    try:
        yield pg
    finally:
        pg.stop()
