"""Applications scanned into a copy of the inventory, as `make demo` does, each test planning
against a database of its own (a copied SQLite file, or a PostgreSQL database made from a
template), so that running a plan's statements never touches another test's rows.

Two applications: the example shop (catalog/dev/shop.py), and a help desk written for these
tests (helpdesk.py), which the planner was not written against."""

from __future__ import annotations

import io
import itertools
import shutil
import sqlite3
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, inspect, text

from catalog.cli import run
from catalog.dev.postgres import Postgres
from catalog.dev.shop import create_shop
from tests.catalog.rights.helpdesk import create_helpdesk

BUILDERS: dict[str, Callable[[str], str]] = {
    "shop": lambda url: create_shop(url, customers_n=40),
    "helpdesk": create_helpdesk,
}
SYSTEMS = {"shop": "shop-db", "helpdesk": "helpdesk"}
_numbers = itertools.count(1)


@dataclass
class App:
    """One test's own copy of an application's database, and the inventory its scan went into."""

    name: str
    inventory: Path
    system: str
    url: str  # SQLAlchemy URL, with the user: what an operator gives --database

    @property
    def dialect(self) -> str:
        return "sqlite" if self.url.startswith("sqlite") else "postgresql"

    def args(self, *more: str) -> list[str]:
        return [
            "--inventory",
            str(self.inventory),
            "rights-plan",
            "--system",
            self.system,
            "--database",
            self.url,
            *more,
        ]

    def query(self, sql: str, **params: Any) -> list[tuple[Any, ...]]:
        engine = create_engine(self.url)
        try:
            with engine.connect() as conn:
                return [tuple(r) for r in conn.execute(text(sql), params)]
        finally:
            engine.dispose()

    def tables(self) -> list[str]:
        engine = create_engine(self.url)
        try:
            return sorted(inspect(engine).get_table_names())
        finally:
            engine.dispose()

    def rows(self) -> dict[str, set[tuple[Any, ...]]]:
        """Every row of every table, as the driver gives its values."""
        return {t: set(self.query(f'SELECT * FROM "{t}"')) for t in self.tables()}

    def columns(self, table: str) -> list[str]:
        engine = create_engine(self.url)
        try:
            return [c["name"] for c in inspect(engine).get_columns(table)]
        finally:
            engine.dispose()

    def primary_key(self, table: str) -> list[str]:
        engine = create_engine(self.url)
        try:
            return list(inspect(engine).get_pk_constraint(table)["constrained_columns"])
        finally:
            engine.dispose()

    def keyed(self) -> dict[str, dict[tuple[Any, ...], tuple[Any, ...]]]:
        """Every row of every table, by its primary key."""
        out = {}
        for table in self.tables():
            names = self.columns(table)
            at = [names.index(c) for c in self.primary_key(table)]
            rows = self.query(f'SELECT * FROM "{table}"')
            out[table] = {tuple(r[i] for i in at): r for r in rows}
        return out

    def run_script(self, script: str) -> None:
        """Run a plan's SQL as an operator would: the whole script, as written."""
        if self.dialect == "sqlite":
            conn = sqlite3.connect(self.url.removeprefix("sqlite:///"))
            try:
                conn.executescript(script)
            finally:
                conn.close()
            return
        import psycopg

        conninfo = self.url.replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute(script.encode())

    def raw(self, statement: str) -> list[tuple[Any, ...]]:
        """One statement as written (no parameters read into it), through the driver."""
        if self.dialect == "sqlite":
            conn = sqlite3.connect(self.url.removeprefix("sqlite:///"))
            try:
                return [tuple(r) for r in conn.execute(statement).fetchall()]
            finally:
                conn.close()
        import psycopg

        conninfo = self.url.replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(conninfo) as conn:
            return [tuple(r) for r in conn.execute(statement.encode()).fetchall()]

    def broken_keys(self) -> list[tuple[Any, ...]]:
        """Rows whose foreign key points at nothing. PostgreSQL refuses them as they happen;
        SQLite is asked."""
        if self.dialect != "sqlite":
            return []
        conn = sqlite3.connect(self.url.removeprefix("sqlite:///"))
        try:
            return conn.execute("PRAGMA foreign_key_check").fetchall()
        finally:
            conn.close()


def theirs(shop: App, cid: int) -> dict[str, set[tuple[Any, ...]]]:
    """The customer's rows of each table, by the shop's schema."""
    rows = shop.keyed()
    orders = {k for k, r in rows["orders"].items() if r[1] == cid}
    out = {
        "customers": {(cid,)},
        "orders": orders,
        "payments": {k for k, r in rows["payments"].items() if (r[1],) in orders},
        "order_items": {k for k in rows["order_items"] if (k[0],) in orders},
        "referrals": {k for k, r in rows["referrals"].items() if r[1] == cid},
    }
    for table in (
        "addresses",
        "call_recordings",
        "reviews",
        "wishlists",
        "appointments",
        "web_sessions",
    ):
        at = shop.columns(table).index("customer_id")
        out[table] = {k for k, r in rows[table].items() if r[at] == cid}
    return out


@dataclass(frozen=True)
class Template:
    name: str
    dialect: str
    inventory: Path
    url: str  # the database scanned


# What a DPO decides after the scan, before planning: an order's total is its purchase record
# (the scan files it so in SQLite, but only as `user` in PostgreSQL).
REVIEWS = {"shop": [("orders.total", "purchase-records")], "helpdesk": []}


def _datamap(*args: str) -> None:
    # (made inside the first test that asks: what it prints must not reach that test's output)
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = run(list(args))
    assert code == 0, f"datamap {' '.join(args)} failed: {err.getvalue()}"


def _scan(inventory: Path, url: str, name: str) -> None:
    inv, system = ("--inventory", str(inventory)), SYSTEMS[name]
    _datamap(*inv, "scan", url, "--write", "--system", system, "--name", f"Example {system}")
    for column, category in REVIEWS[name]:
        _datamap(
            *inv, "review", system, column, "--accept", "--category", category, "--by", "A. DPO"
        )


def _inventory(folder: Path, inventory_dir: Path) -> Path:
    root = folder / "inventory"
    shutil.copytree(inventory_dir, root, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    return root


@pytest.fixture(scope="session")
def templates(
    tmp_path_factory: pytest.TempPathFactory, inventory_dir: Path
) -> Callable[[str, str, Postgres | None], Template]:
    """Each application built and scanned once per dialect, when first asked for."""
    made: dict[tuple[str, str], Template] = {}

    def get(name: str, dialect: str, postgres: Postgres | None = None) -> Template:
        key = (name, dialect)
        if key not in made:
            folder = tmp_path_factory.mktemp(f"{name}-{dialect}")
            if dialect == "sqlite":
                url = f"sqlite:///{folder / f'{name}.db'}"
            else:
                assert postgres is not None
                url = postgres.create_database(f"rights_{name}_template")
            BUILDERS[name](url)
            inventory = _inventory(folder, inventory_dir)
            _scan(inventory, url, name)
            made[key] = Template(name, dialect, inventory, url)
        return made[key]

    return get


def _copy(template: Template, folder: Path, postgres: Postgres | None) -> App:
    if template.dialect == "sqlite":
        source = Path(template.url.removeprefix("sqlite:///"))
        target = folder / source.name
        shutil.copy(source, target)
        url = f"sqlite:///{target}"
    else:
        assert postgres is not None
        name = f"rights_{template.name}_{next(_numbers)}"
        admin = create_engine(postgres.url, isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as conn:
                template_db = template.url.rsplit("/", 1)[1]
                conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template_db}"'))
        finally:
            admin.dispose()
        url = postgres.database_url(name)
    return App(template.name, template.inventory, SYSTEMS[template.name], url)


def app_for(name: str, dialect: str, request: pytest.FixtureRequest, tmp_path: Path) -> App:
    get = request.getfixturevalue("templates")
    postgres = request.getfixturevalue("postgres") if dialect == "postgresql" else None
    return _copy(get(name, dialect, postgres), tmp_path, postgres)


@pytest.fixture(params=["sqlite", "postgresql"])
def shop(request: pytest.FixtureRequest, tmp_path: Path) -> App:
    """The example shop, scanned, in a database of the test's own: SQLite, then PostgreSQL."""
    return app_for("shop", request.param, request, tmp_path)


@pytest.fixture(params=["sqlite", "postgresql"])
def helpdesk(request: pytest.FixtureRequest, tmp_path: Path) -> App:
    """The help desk, scanned, in a database of the test's own: SQLite, then PostgreSQL."""
    return app_for("helpdesk", request.param, request, tmp_path)


@pytest.fixture
def shop_sqlite_app(request: pytest.FixtureRequest, tmp_path: Path) -> App:
    return app_for("shop", "sqlite", request, tmp_path)


@pytest.fixture
def helpdesk_sqlite_app(request: pytest.FixtureRequest, tmp_path: Path) -> App:
    return app_for("helpdesk", "sqlite", request, tmp_path)
