"""Read a database's schema and a bounded sample of its values, through SQLAlchemy.

Any SQLAlchemy URL works: SQLite is built in, PostgreSQL goes through psycopg, MySQL and
MariaDB through PyMySQL (`mysql+pymysql://`). The connection is read-only wherever the database
can say so (SQLite opened with `mode=ro`, PostgreSQL and MySQL in read-only transactions), at
most `sample` non-empty values are read per column, and the values stay in memory only for the
recognisers: the report holds counts and rates, never a value.
"""

from __future__ import annotations

import datetime as dt
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import column, create_engine, inspect, select, table, types
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from catalog.errors import ScanFailed
from catalog.model.results import ScanField, ScanReport, ScanSkipped
from catalog.scanning.classify import Column, classify_table, family
from catalog.scanning.rules import BINARY, BOOL, DATE, DATETIME, FLOAT, GEO, INT, OTHER, TEXT, UUID

DEFAULT_SAMPLE = 200
# Schemas every server has and no application's data lives in.
_SYSTEM_SCHEMAS = frozenset(
    {"information_schema", "pg_catalog", "pg_toast", "mysql", "performance_schema", "sys"}
)
_MAX_TEXT = 2048  # a longer value is cut before the recognisers see it (memory stays bounded)


def public_url(url: URL) -> str:
    """The URL as it may be written in a report: no user, no password, no query string."""
    bare = URL.create(url.drivername, host=url.host, port=url.port, database=url.database)
    return bare.render_as_string(hide_password=True)


def type_class(t: types.TypeEngine[Any], declared: str | None = None) -> str:
    name = type(t).__name__.lower() + (declared or "").lower()
    visit = getattr(t, "__visit_name__", "").lower()
    if declared and any(
        w in declared.lower() for w in ("geometry", "geography", "point", "polygon")
    ):
        return GEO  # SQLite gives an unknown type a numeric affinity; its name says what it is
    if isinstance(t, types.Boolean):
        return BOOL
    if isinstance(t, types.Integer):
        return INT
    if isinstance(t, types.Numeric | types.Float):
        return FLOAT
    if isinstance(t, types.DateTime):
        return DATETIME
    if isinstance(t, types.Date):
        return DATE
    if isinstance(t, types.Uuid):
        return UUID
    if isinstance(t, types.LargeBinary | types._Binary):
        return BINARY
    if isinstance(t, types.JSON):
        return OTHER
    if isinstance(t, types.String | types.Enum):
        return TEXT
    if any(w in (name + visit) for w in ("geometry", "geography", "point", "polygon")):
        return GEO
    if any(w in (name + visit) for w in ("inet", "cidr", "macaddr", "citext", "xml")):
        return TEXT
    return OTHER


def _as_text(v: Any) -> str | None:
    if v is None or isinstance(v, bytes | bytearray | memoryview | dict | list):
        return None
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, dt.datetime | dt.date | dt.time):
        return v.isoformat(sep=" ") if isinstance(v, dt.datetime) else v.isoformat()
    text = str(v).strip()
    return text[:_MAX_TEXT] or None


def open_engine(url_text: str) -> tuple[Engine, URL]:
    try:
        url = make_url(url_text)
    except ArgumentError as exc:
        raise ScanFailed(f"not a database URL: {exc}") from None
    connect_args: dict[str, Any] = {}
    backend = url.get_backend_name()
    if backend == "sqlite":
        path = url.database
        if not path or path == ":memory:":
            raise ScanFailed("an SQLite URL needs a file: sqlite:///path/to/file.db")
        _check_sqlite_file(Path(path))
        # Opened read-only: a scan never writes, and never creates a file that was not there.
        # (percent-encoded: a path may hold "?", "#" or "%", which a file: URI would misread)
        location = quote(str(Path(path).resolve()))
        url = url.set(database=f"file:{location}?mode=ro", query={"uri": "true"})
    elif backend == "postgresql":
        connect_args["options"] = "-c default_transaction_read_only=on -c statement_timeout=60000"
        connect_args.setdefault("connect_timeout", 10)
    elif backend in ("mysql", "mariadb"):
        connect_args["init_command"] = "SET SESSION TRANSACTION READ ONLY"
        connect_args.setdefault("connect_timeout", 10)
    try:
        engine = create_engine(url, connect_args=connect_args)
    except (NoSuchModuleError, ImportError) as exc:
        raise ScanFailed(f"no driver for {backend}: {exc}") from None
    return engine, url


# Every SQLite database file starts with these 16 bytes (https://sqlite.org/fileformat.html).
_SQLITE_HEADER = b"SQLite format 3\x00"


def _check_sqlite_file(path: Path) -> None:
    """A file that is not an SQLite database is an error, not a database of no tables: SQLite
    takes an empty file for an empty database, and reports any other file only when a table
    is first read."""
    if not path.is_file():
        raise ScanFailed(f"no SQLite database at {path}")
    try:
        with path.open("rb") as f:
            head = f.read(len(_SQLITE_HEADER))
    except OSError as exc:
        raise ScanFailed(f"cannot read {path}: {exc.strerror or exc}") from None
    if not head:
        raise ScanFailed(f"{path} is empty: not an SQLite database")
    if head != _SQLITE_HEADER:
        raise ScanFailed(f"{path} is not an SQLite database")


@contextmanager
def _connected(engine: Engine, shown: str) -> Iterator[Connection]:
    try:
        conn = engine.connect()
    except SQLAlchemyError as exc:
        reason = (
            str(getattr(exc, "orig", exc)).strip().splitlines()[0]
            if str(exc)
            else type(exc).__name__
        )
        raise ScanFailed(f"cannot connect to {shown}: {reason}") from None
    try:
        yield conn
    finally:
        conn.close()
        engine.dispose()


def scan_database(
    url_text: str,
    *,
    sample: int = DEFAULT_SAMPLE,
    schemas: list[str] | None = None,
    tables: list[str] | None = None,
) -> ScanReport:
    """Every table's columns, classified; tables that cannot be read are listed as skipped. A
    database whose tables cannot even be listed is an error (ScanFailed)."""
    if sample < 0:
        raise ScanFailed("--sample must be 0 or more")
    engine, url = open_engine(url_text)
    shown = public_url(make_url(url_text))
    started = time.perf_counter()
    fields: list[ScanField] = []
    skipped: list[ScanSkipped] = []
    n_tables = 0
    with _connected(engine, shown) as conn, warnings.catch_warnings():
        # Types SQLAlchemy does not know (PostGIS geometry, ...) are classified by their name.
        warnings.simplefilter("ignore")
        inspector = inspect(conn)
        for schema in _schemas(inspector, schemas):
            try:
                names = inspector.get_table_names(schema=schema)
            except SQLAlchemyError as exc:
                # Not one table of it can be named: the database cannot be read, which is not
                # the same as a database that holds nothing (and would drop every field that
                # `--write` knows of).
                where = f" (schema {schema})" if schema else ""
                raise ScanFailed(f"cannot read {shown}{where}: {_reason(exc)}") from None
            for name in sorted(names):
                if tables and name not in tables:
                    continue
                n_tables += 1
                try:
                    columns = _read_table(conn, inspector, schema, name, sample)
                except SQLAlchemyError as exc:
                    conn.rollback()
                    skipped.append(ScanSkipped(schema=schema, table=name, reason=_reason(exc)))
                    continue
                for c in classify_table(name, columns):
                    fields.append(
                        ScanField(
                            schema=schema,
                            table=name,
                            column=c.column,
                            data_type=c.data_type,
                            personal=c.personal,
                            fideslang=c.fideslang,
                            family=family(c.fideslang),
                            confidence=c.confidence,
                            evidence=c.evidence,
                        )
                    )
    return ScanReport(
        database=shown,
        dialect=url.get_backend_name(),
        scanned_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        sample_limit=sample,
        tables=n_tables,
        columns=len(fields),
        personal=sum(1 for f in fields if f.personal),
        seconds=round(time.perf_counter() - started, 3),
        fields=fields,
        skipped=skipped,
    )


def _schemas(inspector: Any, wanted: list[str] | None) -> list[str | None]:
    if inspector.dialect.name == "sqlite":
        return [None] if not wanted else list(wanted)
    names = [s for s in inspector.get_schema_names() if s not in _SYSTEM_SCHEMAS]
    if wanted:
        missing = sorted(set(wanted) - set(names))
        if missing:
            raise ScanFailed(f"no schema {', '.join(missing)} (there are: {', '.join(names)})")
        return list(wanted)
    return list(names)


def _read_table(
    conn: Connection, inspector: Any, schema: str | None, name: str, sample: int
) -> list[Column]:
    cols = inspector.get_columns(name, schema=schema)
    declared = _declared_types(conn, name, cols)
    columns = [
        Column(
            c["name"],
            type_class(c["type"], declared.get(c["name"])),
            declared.get(c["name"]) or _type_name(c["type"]),
        )
        for c in cols
    ]
    if sample == 0 or not columns:
        return columns
    readable = [c for c in columns if c.type_class not in (BINARY, GEO)]
    if not readable:
        return columns
    query = (
        select(*[column(c.name) for c in readable])
        .select_from(table(name, schema=schema))
        .limit(sample)
    )
    rows = conn.execute(query).fetchall()
    for i, c in enumerate(readable):
        c.sampled_rows = len(rows)
        c.values = [t for r in rows if (t := _as_text(r[i])) is not None]
    # A sparse column gets its own look at its non-empty values.
    sparse = [c for c in readable if len(rows) == sample and len(c.values) < sample // 4]
    for c in sparse:
        q = (
            select(column(c.name))
            .select_from(table(name, schema=schema))
            .where(column(c.name).is_not(None))
            .limit(sample)
        )
        c.values = [t for (v,) in conn.execute(q) if (t := _as_text(v)) is not None]
    return columns


def _declared_types(conn: Connection, table: str, cols: list[dict[str, Any]]) -> dict[str, str]:
    """SQLite keeps a type SQLAlchemy does not know (GEOMETRY, POINT) only as written: read it
    back, so that a column declared as a geometry is classified as one."""
    if conn.dialect.name != "sqlite" or not cols:
        return {}
    quoted = conn.dialect.identifier_preparer.quote(table)
    rows = conn.exec_driver_sql(f"PRAGMA table_info({quoted})")
    return {r[1]: str(r[2]).lower() for r in rows if r[2]} if cols else {}


def _type_name(t: types.TypeEngine[Any]) -> str:
    try:
        return str(t.compile()).lower()
    except Exception:  # a type without a compiler for this dialect (geometry, ...)
        return type(t).__name__.lower()


def _reason(exc: SQLAlchemyError) -> str:
    text = str(getattr(exc, "orig", exc)).strip()
    return text.splitlines()[0] if text else type(exc).__name__
