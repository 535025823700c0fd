"""Read a database's schema and a bounded sample of its values, through SQLAlchemy.

Any SQLAlchemy URL works: SQLite is built in, PostgreSQL goes through psycopg, MySQL and
MariaDB through PyMySQL (`mysql+pymysql://`). The connection is read-only wherever the database
can say so (SQLite opened with `mode=ro`, PostgreSQL and MySQL in read-only transactions), at
most `sample` non-empty values are read per column, and the values stay in memory only for the
recognisers: the report holds counts and rates, never a value.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import multiprocessing
import operator
import sys
import threading
import time
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from sqlalchemy import column, create_engine, inspect, select, table, types
from sqlalchemy.dialects.sqlite import dialect as sqlite_dialect
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, NoSuchTableError, SQLAlchemyError

from catalog.errors import ScanFailed
from catalog.model.results import ScanField, ScanForeignKey, ScanReport, ScanSkipped
from catalog.scanning.classify import Column, family
from catalog.scanning.learned import lexicon
from catalog.scanning.recognisers import remembering
from catalog.scanning.rules import BINARY, BOOL, DATE, DATETIME, FLOAT, GEO, INT, OTHER, TEXT, UUID
from catalog.scanning.verdict import classify

if TYPE_CHECKING:
    from sqlalchemy import Select

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
    except (ArgumentError, ValueError) as exc:  # ValueError: a port that is not a number
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
        raise ScanFailed(f"cannot connect to {shown}: {error_reason(exc)}") from None
    try:
        yield conn
    finally:
        conn.close()
        engine.dispose()


@dataclass(frozen=True)
class Reflected:
    """A column as the catalogue declares it: its name, its class of type, its type as shown."""

    name: str
    type_class: str
    data_type: str


def scan_database(
    url_text: str,
    *,
    sample: int = DEFAULT_SAMPLE,
    schemas: list[str] | None = None,
    tables: list[str] | None = None,
    jobs: int = 1,
) -> ScanReport:
    """Every table's columns, classified; tables that cannot be read are listed as skipped. A
    database whose tables cannot even be listed is an error (ScanFailed). With `jobs` above 1
    the tables are read and classified in that many processes (each on its own connection),
    the report the same as one process gives."""
    if sample < 0:
        raise ScanFailed("--sample must be 0 or more")
    if jobs < 1:
        raise ScanFailed("--jobs must be 1 or more")
    engine, url = open_engine(url_text)
    shown = public_url(make_url(url_text))
    started = time.perf_counter()
    fields: list[ScanField] = []
    skipped: list[ScanSkipped] = []
    foreign_keys: list[ScanForeignKey] = []
    n_tables = 0
    with _connected(engine, shown) as conn, _quiet(), _collector_paused(), remembering():
        inspector = inspect(conn)
        for schema in _schemas(inspector, schemas):
            try:
                names = inspector.get_table_names(schema=schema)
            except SQLAlchemyError as exc:
                # Not one table of it can be named: the database cannot be read, which is not
                # the same as a database that holds nothing (and would drop every field that
                # `--write` knows of).
                where = f" (schema {schema})" if schema else ""
                raise ScanFailed(f"cannot read {shown}{where}: {error_reason(exc)}") from None
            wanted = [n for n in sorted(names) if not tables or n in tables]
            # The whole schema's columns and foreign keys in a few catalogue queries, where the
            # dialect can (PostgreSQL); SQLite is read table by table, which costs little.
            catalogue = _Catalogue(conn, inspector, schema, wanted)
            todo = [(n, catalogue.columns(n), catalogue.foreign_keys(n)) for n in wanted]
            n_tables += len(todo)
            for keys, read in zip(
                (k for _, _, k in todo),
                _scanned(conn, inspector, url_text, schema, todo, sample, jobs),
                strict=True,
            ):
                foreign_keys.extend(keys)
                if isinstance(read, ScanSkipped):
                    skipped.append(read)
                else:
                    fields.extend(read)
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
        foreign_keys=foreign_keys,
    )


# A table to scan: its name, its columns as the catalogue gave them (None: reflected when it is
# read), its foreign keys.
_Todo = tuple[str, "list[Reflected] | None", list[ScanForeignKey]]
_Scanned = list[ScanField] | ScanSkipped


def _scan_table(
    conn: Connection,
    inspector: Any,
    schema: str | None,
    todo: _Todo,
    sample: int,
    errors: tuple[type[BaseException], ...],
) -> _Scanned:
    """One table's fields, classified, or why it could not be read."""
    name, reflected, keys = todo
    try:
        columns = read_table(conn, inspector, schema, name, sample, reflected=reflected)
    except errors as exc:
        conn.rollback()
        return ScanSkipped(schema=schema, table=name, reason=error_reason(exc))
    _mark_references(columns, keys)
    return [
        ScanField(
            schema=schema,
            table=name,
            column=c.column,
            data_type=c.data_type,
            personal=c.personal,
            fideslang=c.fideslang,
            family=family(c.fideslang),
            confidence=c.confidence,
            subject=c.subject,
            evidence=c.evidence,
        )
        for c in classify(name, columns)
    ]


# Tables a process takes at a time: small enough that the processes finish together, large
# enough that taking them costs little beside reading them.
_CHUNK = 25
# What processes forked for one scan share (set before the fork, read by the children): the
# next chunk to take, the URL, the schema, the tables and the sample.
_SHARED: tuple[Any, str, str | None, list[_Todo], int] | None = None


def _scanned(
    conn: Connection,
    inspector: Any,
    url_text: str,
    schema: str | None,
    todo: list[_Todo],
    sample: int,
    jobs: int,
) -> Iterator[_Scanned]:
    """Each table's result, in order. With `jobs` above 1 this process and `jobs - 1` forked
    from it (sharing the lexicon loaded here, each on a connection of its own) take chunks of
    tables in turn until none is left: classifying is Python's work, held to one core by its
    lock, so processes, not threads, use more cores."""
    global _SHARED
    chunks = _chunks(todo)
    if jobs == 1 or chunks < 2 or not _can_fork():
        errors = read_errors(conn)
        for t in todo:
            yield _scan_table(conn, inspector, schema, t, sample, errors)
        return
    lexicon()  # loaded once, before the fork, for every process
    context = multiprocessing.get_context("fork")
    ticket = context.Value("i", 0)
    _SHARED = (ticket, url_text, schema, todo, sample)
    try:
        helpers = min(jobs, chunks) - 1
        with context.Pool(helpers) as pool:
            theirs = [pool.apply_async(_scan_share) for _ in range(helpers)]
            done = _share(ticket, conn, inspector, schema, todo, sample)
            for r in theirs:
                done.update(r.get())
    finally:
        _SHARED = None
    for i in range(chunks):
        yield from done[i]


def _chunks(todo: list[_Todo]) -> int:
    """How many chunks of `_CHUNK` tables the tables make."""
    return -(-len(todo) // _CHUNK)


def _share(
    ticket: Any,
    conn: Connection,
    inspector: Any,
    schema: str | None,
    todo: list[_Todo],
    sample: int,
) -> dict[int, list[_Scanned]]:
    """Chunks taken in turn (`ticket`: the next one) and scanned on `conn`, until none is left."""
    errors, chunks = read_errors(conn), _chunks(todo)
    out: dict[int, list[_Scanned]] = {}
    while True:
        with ticket.get_lock():
            i = ticket.value
            if i >= chunks:
                return out
            ticket.value = i + 1
        part = todo[i * _CHUNK : (i + 1) * _CHUNK]
        out[i] = [_scan_table(conn, inspector, schema, t, sample, errors) for t in part]


def _scan_share() -> dict[int, list[_Scanned]]:
    """A forked process's share of the tables, on a connection of its own."""
    assert _SHARED is not None  # set before the fork
    ticket, url_text, schema, todo, sample = _SHARED
    engine, _ = open_engine(url_text)
    with _connected(engine, public_url(make_url(url_text))) as conn, remembering():
        return _share(ticket, conn, inspect(conn), schema, todo, sample)


def _can_fork() -> bool:
    """Forking is safe from the main thread of a process whose platform forks (not Windows;
    macOS's system libraries may not survive it)."""
    return (
        sys.platform.startswith("linux") and threading.current_thread() is threading.main_thread()
    )


@contextmanager
def _quiet() -> Iterator[None]:
    """Types SQLAlchemy does not know (PostGIS geometry, ...) are classified by their name, not
    warned about. The filters are the process's: a scan in another thread (`--targets`) leaves
    them to the thread that started it."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


@contextmanager
def _collector_paused() -> Iterator[None]:
    """A scan makes millions of small objects that live until it ends (evidence, remembered
    answers) and next to no reference cycles: the cyclic garbage collector's passes over the
    growing heap cost ever more as the scan goes on, and find next to nothing. Paused meanwhile
    (the cycles are collected once it resumes), in the main thread
    only: the collector is the process's, as the warning filters are."""
    if threading.current_thread() is not threading.main_thread() or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


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


class _Catalogue:
    """What the catalogue says of one schema's tables: their columns and foreign keys. Read
    in one go where the dialect answers for many tables at once; a table the bulk read cannot
    give is read on its own when it is scanned (and skipped there if it cannot be read)."""

    def __init__(
        self, conn: Connection, inspector: Any, schema: str | None, names: list[str]
    ) -> None:
        self.conn, self.inspector, self.schema = conn, inspector, schema
        self._columns: dict[str, list[Reflected]] = {}
        self._keys: dict[str, list[ScanForeignKey]] | None = None
        # SQLite's PRAGMAs are per table and cheap; elsewhere one query for every table.
        self._per_table = conn.dialect.name == "sqlite" and schema is None
        if self._per_table and names:
            self._sqlite_bulk(names)
        if conn.dialect.name == "sqlite" or not names:
            return
        try:
            multi = inspector.get_multi_columns(schema=schema, filter_names=names)
        except SQLAlchemyError:
            conn.rollback()
            return
        for (_, name), cols in multi.items():
            self._columns[name] = [_reflected(c["type"], c["name"], None) for c in cols]
        try:
            fks = inspector.get_multi_foreign_keys(schema=schema, filter_names=names)
        except SQLAlchemyError:
            conn.rollback()
            return
        self._keys = {
            name: [_foreign_key(schema, name, fk) for fk in found if fk.get("referred_table")]
            for (_, name), found in fks.items()
        }

    def _sqlite_bulk(self, names: list[str]) -> None:
        """Every table's columns and foreign keys in two statements, through the PRAGMAs'
        table-valued functions (not a PRAGMA per table, thousands on a large database): the
        rows each PRAGMA gives, table by table. Any error, and each table is read on its own."""
        conn = self.conn
        version = conn.dialect.server_version_info
        if version is None or version < (3, 31):  # table_xinfo, as `_sqlite_columns`
            return
        wanted = set(names)
        try:
            columns = _by_table(
                _run(
                    conn,
                    'SELECT m.name, p.cid, p.name, p.type, p."notnull", p.dflt_value, p.pk, '
                    "p.hidden FROM main.sqlite_master AS m, "
                    "pragma_table_xinfo(m.name, 'main') AS p WHERE m.type = 'table'",
                ),
                wanted,
            )
            keys = _by_table(
                _run(
                    conn,
                    'SELECT m.name, p.id, p.seq, p."table", p."from", p."to", p.on_update, '
                    'p.on_delete, p."match" FROM main.sqlite_master AS m, '
                    "pragma_foreign_key_list(m.name, 'main') AS p WHERE m.type = 'table'",
                ),
                wanted,
            )
        except read_errors(conn):
            conn.rollback()
            return
        for name, rows in columns.items():
            self._columns[name] = _sqlite_reflected_all(rows, xinfo=True)
        self._keys = {}
        for name in names:
            try:
                self._keys[name] = _sqlite_keys(conn, name, keys.get(name, []))
            except read_errors(conn):
                conn.rollback()
                self._keys[name] = []

    def columns(self, table: str) -> list[Reflected] | None:
        return self._columns.get(table)

    def foreign_keys(self, table: str) -> list[ScanForeignKey]:
        """The table's declared foreign keys; none where the catalogue cannot say."""
        if self._keys is not None:
            return self._keys.get(table, [])
        try:
            if self._per_table:
                return _sqlite_foreign_keys(self.conn, table)
            found = self.inspector.get_foreign_keys(table, schema=self.schema)
        except read_errors(self.conn):
            self.conn.rollback()
            return []
        return [_foreign_key(self.schema, table, fk) for fk in found if fk.get("referred_table")]


# Dialects whose driver takes a statement as it is written, with "-quoted identifiers: their
# statements go to the driver's cursor directly (SQLAlchemy's result machinery costs more than
# the reading itself, on thousands of small tables).
_RAW = frozenset({"sqlite", "postgresql"})


def _quote(conn: Connection, name: str) -> str:
    if conn.dialect.name in _RAW:
        return '"' + name.replace('"', '""') + '"'
    return str(conn.dialect.identifier_preparer.quote_identifier(name))


def _run(conn: Connection, statement: str) -> Sequence[Any]:
    """The rows of one statement without parameters, as tuples."""
    if conn.dialect.name not in _RAW:
        return conn.exec_driver_sql(statement).all()
    dbapi = conn.connection.dbapi_connection
    assert dbapi is not None  # None only once the connection is closed or invalidated
    cursor = dbapi.cursor()
    try:
        cursor.execute(statement)
        return cursor.fetchall() if cursor.description is not None else []
    finally:
        cursor.close()


def read_errors(conn: Connection) -> tuple[type[BaseException], ...]:
    """What a failed read raises: SQLAlchemy's errors, and the driver's own (see `_run`)."""
    dbapi = getattr(conn.dialect, "loaded_dbapi", None)
    error = getattr(dbapi, "Error", None)
    return (SQLAlchemyError, error) if isinstance(error, type) else (SQLAlchemyError,)


def _foreign_key(schema: str | None, table: str, fk: dict[str, Any]) -> ScanForeignKey:
    return ScanForeignKey(
        schema=schema,
        table=table,
        columns=list(fk.get("constrained_columns") or []),
        referred_schema=fk.get("referred_schema"),
        referred_table=fk["referred_table"],
        referred_columns=list(fk.get("referred_columns") or []),
    )


def _by_table(rows: Sequence[Any], wanted: set[str]) -> dict[str, list[Any]]:
    """Rows of a PRAGMA function beside each table's name, as the PRAGMA gives them per table."""
    out: dict[str, list[Any]] = {}
    for r in rows:
        if r[0] in wanted:
            out.setdefault(r[0], []).append(r[1:])
    return out


def _sqlite_foreign_keys(conn: Connection, table: str) -> list[ScanForeignKey]:
    """PRAGMA foreign_key_list, grouped by constraint."""
    return _sqlite_keys(
        conn, table, _run(conn, f"PRAGMA main.foreign_key_list({_quote(conn, table)})")
    )


def _sqlite_keys(conn: Connection, table: str, rows: Sequence[Any]) -> list[ScanForeignKey]:
    """A table's rows of PRAGMA foreign_key_list, grouped by constraint. A key declared without
    columns points at the referred table's primary key, as SQLite reads it."""
    grouped: dict[int, list[Any]] = {}
    for r in rows:
        grouped.setdefault(r[0], []).append(r)
    out = []
    for _, parts in sorted(grouped.items()):
        parts.sort(key=lambda r: r[1])
        referred = str(parts[0][2])
        to = [r[4] for r in parts]
        if any(t is None for t in to):
            pk = _run(conn, f"PRAGMA main.table_info({_quote(conn, referred)})")
            to = [r[1] for r in sorted((r for r in pk if r[5]), key=lambda r: r[5])]
        out.append(
            ScanForeignKey(
                schema=None,
                table=table,
                columns=[str(r[3]) for r in parts],
                referred_schema=None,
                referred_table=referred,
                referred_columns=[str(t) for t in to],
            )
        )
    return out


def _mark_references(columns: list[Column], keys: list[ScanForeignKey]) -> None:
    """Each column that a foreign key declares gets the column it points at."""
    by_name = {c.name: c for c in columns}
    for fk in keys:
        for mine, theirs in zip(fk.columns, fk.referred_columns, strict=False):
            if (c := by_name.get(mine)) is not None:
                c.references = (fk.referred_schema, fk.referred_table, theirs)


def read_table(
    conn: Connection,
    inspector: Any,
    schema: str | None,
    name: str,
    sample: int,
    *,
    reflected: list[Reflected] | None = None,
) -> list[Column]:
    """One table's columns with up to `sample` values each: one SELECT of every readable
    column, and one more per column that SELECT found mostly empty (its non-empty values)."""
    if reflected is None:
        reflected = _reflect_table(conn, inspector, schema, name)
    columns = [Column(r.name, r.type_class, r.data_type) for r in reflected]
    if sample == 0 or not columns:
        return columns
    readable = [c for c in columns if c.type_class not in (BINARY, GEO)]
    if not readable:
        return columns
    # One row more than the sample says whether the table has more: a table read to its end
    # holds no other value, so a sparse column's second look would find the same ones.
    rows = _select(conn, schema, name, [c.name for c in readable], sample + 1)
    more = len(rows) > sample
    rows = rows[:sample]
    n = len(rows)
    for c, values in zip(readable, zip(*rows, strict=True) if rows else (), strict=False):
        c.values = _texts(values)
    for c in readable:
        c.sampled_rows = n
    # A sparse column gets its own look at its non-empty values.
    if more:
        for c in readable:
            if len(c.values) < sample // 4:
                found = _select(conn, schema, name, [c.name], sample, not_null=True)
                c.values = _texts([v for (v,) in found])
    return columns


_HAND_WRITTEN_LIMIT = frozenset({"sqlite", "postgresql", "mysql", "mariadb"})


def _select(
    conn: Connection,
    schema: str | None,
    table_name: str,
    names: list[str],
    limit: int,
    not_null: bool = False,
) -> Sequence[Any]:
    """`SELECT names FROM table [WHERE name IS NOT NULL] LIMIT n`. Written out for the
    dialects that spell LIMIT so (compiling a statement per table costs more than reading
    it); other dialects get SQLAlchemy's own."""
    if conn.dialect.name in _HAND_WRITTEN_LIMIT:
        q = functools.partial(_quote, conn)
        where = f"{q(schema)}.{q(table_name)}" if schema else q(table_name)
        cols = ", ".join(map(q, names))
        cond = f" WHERE {q(names[0])} IS NOT NULL" if not_null else ""
        return _run(conn, f"SELECT {cols} FROM {where}{cond} LIMIT {int(limit)}")
    query: Select[*tuple[Any, ...]] = select(*[column(n) for n in names]).select_from(
        table(table_name, schema=schema)
    )
    if not_null:
        query = query.where(column(names[0]).is_not(None))
    return conn.execute(query.limit(limit)).all()


def _reflect_table(
    conn: Connection, inspector: Any, schema: str | None, name: str
) -> list[Reflected]:
    if conn.dialect.name == "sqlite" and schema is None:
        return _sqlite_columns(conn, name)
    cols = inspector.get_columns(name, schema=schema)
    declared = _declared_types(conn, name, cols)
    return [_reflected(c["type"], c["name"], declared.get(c["name"])) for c in cols]


def _sqlite_columns(conn: Connection, name: str) -> list[Reflected]:
    """A table's columns from one PRAGMA, as SQLAlchemy's inspector reflects them (the same
    PRAGMA, the same type affinity), with the type as declared kept (GEOMETRY, POINT)."""
    dialect: Any = conn.dialect
    xinfo = dialect.server_version_info >= (3, 31)
    pragma = "table_xinfo" if xinfo else "table_info"
    rows: Sequence[Any] = []
    for where in ("main", "temp"):
        rows = _run(conn, f"PRAGMA {where}.{pragma}({_quote(conn, name)})")
        if rows:
            break
    if not rows and not dialect.has_table(conn, name):
        raise NoSuchTableError(name)
    return _sqlite_reflected_all(rows, xinfo=xinfo)


def _sqlite_reflected_all(rows: Sequence[Any], *, xinfo: bool) -> list[Reflected]:
    """A table's columns from its rows of PRAGMA table_xinfo (or table_info)."""
    out = []
    for r in rows:
        hidden = r[6] if xinfo else 0
        if hidden == 1:  # a virtual table's hidden column: not reflected
            continue
        out.append(_sqlite_reflected(r[1], r[2] or "", bool(hidden)))
    return out


_SQLITE = sqlite_dialect()


@functools.lru_cache(maxsize=1024)
def _sqlite_type(declared: str, generated: bool) -> tuple[str, str]:
    # As the dialect's own reflection reads the declared type (upper case, and without
    # GENERATED ALWAYS for a computed column); a generated column's declared type is not
    # listed by table_info, so it is classified by its reflected type alone.
    info = _SQLITE._get_column_info("c", declared.upper(), True, None, 0, generated, False, None)
    shown = None if generated or not declared else declared.lower()
    r = _reflected(info["type"], "c", shown)
    return r.type_class, r.data_type


def _sqlite_reflected(name: str, declared: str, generated: bool) -> Reflected:
    return Reflected(name, *_sqlite_type(declared, generated))


def _reflected(t: types.TypeEngine[Any], name: str, declared: str | None) -> Reflected:
    key: Any = None
    try:
        key = (type(t), tuple(vars(t).items()), declared)
        hash(key)
    except TypeError:  # a type holding a list (an ENUM's values): worked out each time
        key = None
    if key is not None and (known := _TYPES_SEEN.get(key)) is not None:
        return Reflected(name, *known)
    found = (type_class(t, declared), declared or _type_name(t))
    if key is not None and len(_TYPES_SEEN) < 4096:
        _TYPES_SEEN[key] = found
    return Reflected(name, *found)


# Type → (class, name as shown): a schema of thousands of columns has a few dozen types.
_TYPES_SEEN: dict[Any, tuple[str, str]] = {}


def _texts(values: Sequence[Any]) -> list[str]:
    """A column's sampled values as the recognisers read them (`_as_text`), the common
    cases of a column of one type done in one pass."""
    kinds = set(map(type, values))
    kinds.discard(type(None))
    if kinds <= {str}:  # None and "" dropped, stripped, cut, and what strips to "" dropped
        return list(filter(None, map(_CUT, map(str.strip, filter(None, values)))))
    if kinds <= {int, float, Decimal}:
        return list(map(_CUT, map(str, filter(_NOT_NONE, values))))
    # (as the driver gives timestamps, dates and flags: PostgreSQL's, MySQL's)
    if kinds == {dt.datetime}:
        return list(map(_STAMP, filter(_NOT_NONE, values)))
    if kinds == {dt.date}:
        return list(map(dt.date.isoformat, filter(_NOT_NONE, values)))
    if kinds == {bool}:
        return list(map(_FLAG.__getitem__, filter(_NOT_NONE, values)))
    return [t for v in values if (t := _as_text(v)) is not None]


_CUT = operator.itemgetter(slice(0, _MAX_TEXT))
_NOT_NONE = functools.partial(operator.is_not, None)
_STAMP = operator.methodcaller("isoformat", " ")
_FLAG = {True: "true", False: "false"}


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


def error_reason(exc: BaseException) -> str:
    """A database error in one line: the driver's own words where it gave them."""
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
