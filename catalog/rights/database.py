"""The database a plan reads: which URL, a read-only connection, and its tables and keys.

The scan records the database's URL without user or password, so a plan connects to the URL
given (`--database`, or the environment's DATAMAP_DATABASE), with `${VAR}` read from the
environment as in a `scan --targets` file, and else to the recorded one (an SQLite file, or a
server that lets libpq find the user: PGUSER, PGPASSWORD, ~/.pgpass). Messages name the
database without credentials and never carry a value the environment put into the URL.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import MetaData, Table, inspect
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from catalog.errors import BadRequest, DatamapError
from catalog.rights.model import PlanFailed
from catalog.scanning.database import error_reason, open_engine, public_url
from catalog.scanning.targets import expand, scrub

ENVIRONMENT = "DATAMAP_DATABASE"


@dataclass(frozen=True)
class Target:
    url: str = field(repr=False)  # may hold a password: never shown
    shown: str
    secrets: tuple[str, ...] = field(default=(), repr=False)
    hint: str = ""  # what to try when it cannot be reached

    def scrub(self, text: str) -> str:
        return scrub(text, self.secrets)


def target(
    given: str | None, recorded: str | None, environ: Mapping[str, str] | None = None
) -> Target:
    """The database to plan against: `given` (with `${VAR}` expanded), else the scan's URL."""
    env = os.environ if environ is None else environ
    text = given if given else recorded
    if not text:
        raise BadRequest(
            f"the system's scan records no database: give --database URL (or {ENVIRONMENT})"
        )
    url, expanded, unset = expand(text, env)
    if missing := sorted(set(unset)):
        raise BadRequest(
            "--database names " + ", ".join("${" + m + "}" for m in missing) + ", not set"
        )
    values = set(expanded)
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        raise BadRequest(
            "--database is not a database URL (sqlite:///file.db, postgresql://...)"
        ) from None
    if parsed.password:
        values.add(parsed.password)
    # longest first: a secret holding another is scrubbed whole
    secrets = tuple(sorted((v for v in values if v), key=len, reverse=True))
    hint = ""
    if not given and parsed.get_backend_name() != "sqlite":
        hint = (
            f" (the scan records the URL without credentials: give --database URL, "
            f"or {ENVIRONMENT})"
        )
    return Target(url, public_url(parsed), secrets, hint)


@contextmanager
def connected(db: Target) -> Iterator[Connection]:
    """A read-only connection in one transaction (SQLite opened read-only; PostgreSQL and
    MySQL in read-only transactions), closed and disposed afterwards."""
    try:
        engine, _ = open_engine(db.url)
    except DatamapError as exc:
        raise PlanFailed(db.scrub(exc.message)) from None
    try:
        conn = engine.connect()
    except SQLAlchemyError as exc:
        raise PlanFailed(
            f"cannot connect to {db.shown}: {db.scrub(error_reason(exc))}{db.hint}"
        ) from None
    try:
        with conn.begin():
            yield conn
    except SQLAlchemyError as exc:
        raise PlanFailed(f"cannot read {db.shown}: {db.scrub(error_reason(exc))}") from None
    finally:
        conn.close()
        engine.dispose()


@dataclass
class Schema:
    """The database's tables as reflected, by (schema, name); `None` for the default schema."""

    tables: dict[tuple[str | None, str], Table]
    default_schema: str | None
    dialect: str

    def local(self, schema: str | None) -> str | None:
        """A schema as the tables are keyed: the default one as None."""
        return None if schema == self.default_schema else schema

    def find(self, schema: str | None, name: str) -> Table | None:
        return self.tables.get((self.local(schema), name))


def reflect(conn: Connection, schemas: set[str | None]) -> Schema:
    """Every table of the default schema and of `schemas`, with columns, keys and the tables
    their foreign keys point at (in whatever schema those are)."""
    inspector = inspect(conn)
    default = inspector.default_schema_name
    metadata = MetaData()
    for schema in sorted({None if s == default else s for s in schemas}, key=lambda s: s or ""):
        metadata.reflect(bind=conn, schema=schema)
    tables = {
        (t.schema if t.schema != default else None, t.name): t for t in metadata.tables.values()
    }
    return Schema(tables, default, conn.dialect.name)
