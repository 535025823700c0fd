"""Fixtures shared by every test area: the shipped inventory, its graph, an engine over it, a
way to break a copy of the inventory, and a CLI runner that captures what a user would see."""

from __future__ import annotations

import concurrent.futures
import contextlib
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import pytest

from catalog.dev.arcadedb import Spawned, spawn
from catalog.graph.build import build_graph
from catalog.graph.view import GraphView
from catalog.loading.validation import Inventory, load_inventory
from catalog.queries.engine import QueryEngine
from catalog.settings import SHIPPED_INVENTORY, Settings
from catalog.stores.embedded import EmbeddedStore

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def inventory_dir() -> Path:
    return SHIPPED_INVENTORY


@pytest.fixture(scope="session")
def inventory(inventory_dir: Path) -> Inventory:
    return load_inventory(inventory_dir)


@pytest.fixture(scope="session")
def graph(inventory: Inventory):
    return build_graph(inventory)


@pytest.fixture(scope="session")
def view(graph) -> GraphView:
    return GraphView(graph)


@pytest.fixture(scope="session")
def engine(graph, inventory: Inventory) -> QueryEngine:
    return QueryEngine(EmbeddedStore(graph))


@pytest.fixture
def broken_inventory(tmp_path: Path, inventory_dir: Path) -> Callable[..., Path]:
    """Copy the shipped inventory and replace `old` with `new` in one of its files."""

    def make(file: str, old: str, new: str, *, count: int = 1) -> Path:
        root = tmp_path / "inventory"
        if not root.exists():
            shutil.copytree(
                inventory_dir, root, ignore=shutil.ignore_patterns("__pycache__", "*.py")
            )
        path = root / file
        text = path.read_text(encoding="utf-8")
        assert old in text, f"test setup: {old!r} not in {file}"
        path.write_text(text.replace(old, new, count), encoding="utf-8")
        return root

    return make


@dataclass(frozen=True)
class HostileInventory:
    """A valid inventory whose names are written as an attacker would write them."""

    path: Path
    # a Graphviz HTML-like label holding a live link: the policy title (in every diagram's
    # title), category `names`, recipient `interest-based-advertising-partners`, region `us`
    html_link: str = '<<TABLE HREF="javascript:alert(1)"><TR><TD>x</TD></TR></TABLE>>'
    # an HTML-like label Graphviz cannot parse: recipient `site-optimization-providers`,
    # activity `interest-based-advertising`
    broken_html: str = "<b>broken</i>"
    # markup, a link and a cell break for a Markdown viewer: recipient `marketing-service-providers`
    markdown: str = "<script>alert(1)</script> | [click](https://evil.example)\nnext line"
    # an alias that, raw inside a <script>, keeps the element from ending: `email-addresses`
    alias: str = "<!--<script>"


@pytest.fixture(scope="session")
def hostile_inventory(
    tmp_path_factory: pytest.TempPathFactory, inventory_dir: Path
) -> HostileInventory:
    hostile = HostileInventory(tmp_path_factory.mktemp("hostile") / "inventory")
    shutil.copytree(
        inventory_dir, hostile.path, ignore=shutil.ignore_patterns("__pycache__", "*.py")
    )

    def edit(file: str, old: str, new: str) -> None:
        path = hostile.path / file
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"test setup: {old!r} not once in {file}"
        path.write_text(text.replace(old, new), encoding="utf-8")

    def quoted(text: str) -> str:  # a YAML double-quoted scalar, valid JSON too
        return json.dumps(text)

    edit(
        "policy.yaml",
        "  title: Stefere Jewelry Privacy Policy\n",
        f"  title: {quoted(hostile.html_link)}\n",
    )
    edit("categories.yaml", "    name: Names\n", f"    name: {quoted(hostile.html_link)}\n")
    edit("categories.yaml", "aliases: [email]", f"aliases: [email, {quoted(hostile.alias)}]")
    edit(
        "recipients.yaml",
        "    name: Interest based advertising partners\n",
        f"    name: {quoted(hostile.html_link)}\n",
    )
    edit("regimes.yaml", "    name: United States\n", f"    name: {quoted(hostile.html_link)}\n")
    edit(
        "activities.yaml",
        "    name: Interest-based advertising and device graphing (the CCPA 'sale')\n",
        f"    name: {quoted(hostile.broken_html)}\n",
    )
    edit(
        "recipients.yaml",
        "    name: Site optimization service providers\n",
        f"    name: {quoted(hostile.broken_html)}\n",
    )
    edit(
        "recipients.yaml",
        "    name: Marketing service providers\n",
        f"    name: {quoted(hostile.markdown)}\n",
    )
    return hostile


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run `datamap ARGS` in process and return its exit code, stdout and stderr."""
    from catalog.cli import run

    def invoke(*args: str) -> CliResult:
        code = run(list(args))
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return invoke


# -- a real Bolt server for the integration tests ---------------------------------------------------
#
# By default each test session starts `datamap dev-server` (ArcadeDB) on a free port; with
# DATAMAP_TEST_NEO4J_URI set, the same tests run against that server instead (a real Neo4j; its
# database is wiped before each test). A server that does not start fails the tests: never a skip.


@dataclass
class BoltServer:
    uri: str
    user: str
    password: str
    database: str
    spawned: Spawned | None = None  # None for a server the tests did not start

    def settings(self, **overrides: object) -> Settings:
        values: dict[str, object] = {
            "store": "neo4j",
            "neo4j_uri": self.uri,
            "neo4j_user": self.user,
            "neo4j_password": self.password,
            "neo4j_database": self.database,
            "neo4j_timeout": 5.0,
            "neo4j_retry_time": 0.5,
        }
        values.update(overrides)
        return Settings(**values)

    def env(self) -> dict[str, str]:
        return {
            "DATAMAP_NEO4J_URI": self.uri,
            "DATAMAP_NEO4J_USER": self.user,
            "DATAMAP_NEO4J_PASSWORD": self.password,
            "DATAMAP_NEO4J_DATABASE": self.database,
            "DATAMAP_NEO4J_TIMEOUT": "5",
            "DATAMAP_NEO4J_RETRY_TIME": "0.5",
        }

    def kill(self) -> None:
        """Stop the server at once, as a crash would (SIGKILL: no clean shutdown)."""
        if self.spawned is not None:
            self.spawned.kill()

    def stop(self) -> None:
        if self.spawned is not None:
            self.spawned.stop()


def start_dev_server(data: Path, port: int | None = None, timeout: float = 180.0) -> BoltServer:
    """Start `datamap dev-server` in its own process and wait for it to say `ready`."""
    spawned = spawn(data, port, timeout=timeout)
    return BoltServer(
        uri=spawned.uri,
        user=spawned.settings["DATAMAP_NEO4J_USER"],
        password=spawned.settings["DATAMAP_NEO4J_PASSWORD"],
        database=spawned.settings["DATAMAP_NEO4J_DATABASE"],
        spawned=spawned,
    )


SERVER_FIXTURES = ("bolt_server", "crashable_server")


def _servers_needed(item: pytest.Item) -> tuple[str, ...]:
    return tuple(f for f in SERVER_FIXTURES if f in getattr(item, "fixturenames", ()))


class _EarlyServers:
    """Dev servers started in the background as soon as the tests are collected, so that their
    JVMs boot while the tests that need no server run (those run first)."""

    futures: ClassVar[dict[str, concurrent.futures.Future[BoltServer]]] = {}
    folders: ClassVar[list[Path]] = []


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def order(item: pytest.Item) -> tuple[bool, bool]:
        last = item.get_closest_marker("after_integration") is not None
        return (bool(_servers_needed(item)) or last, last)

    items.sort(key=order)  # stable within each group
    needed = {f for item in items for f in _servers_needed(item)}
    if os.environ.get("DATAMAP_TEST_NEO4J_URI"):
        needed.discard("bolt_server")
    if not needed:
        return
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=len(needed))
    for name in sorted(needed):
        data = Path(tempfile.mkdtemp(prefix=f"datamap-test-{name}-"))
        _EarlyServers.folders.append(data)
        _EarlyServers.futures[name] = pool.submit(start_dev_server, data / "bolt")
    pool.shutdown(wait=False)


def _early(name: str) -> BoltServer | None:
    future = _EarlyServers.futures.get(name)
    return future.result() if future is not None else None


def pytest_sessionfinish() -> None:
    """Servers started early are stopped even when no test used them (a -k run, an abort)."""
    for future in _EarlyServers.futures.values():
        with contextlib.suppress(Exception):
            future.result().kill()
    _EarlyServers.futures.clear()
    for data in _EarlyServers.folders:
        shutil.rmtree(data, ignore_errors=True)


@pytest.fixture(scope="session")
def bolt_server(tmp_path_factory: pytest.TempPathFactory):
    uri = os.environ.get("DATAMAP_TEST_NEO4J_URI")
    if uri:
        yield BoltServer(
            uri=uri,
            user=os.environ.get("DATAMAP_TEST_NEO4J_USER", "neo4j"),
            password=os.environ.get("DATAMAP_TEST_NEO4J_PASSWORD", ""),
            database=os.environ.get("DATAMAP_TEST_NEO4J_DATABASE", "neo4j"),
        )
        return
    early = _early("bolt_server")
    if early is not None:
        yield early  # stopped when the session finishes
        return
    server = start_dev_server(tmp_path_factory.mktemp("bolt"))
    yield server
    server.stop()


def run_cypher(settings: Settings, statement: str) -> list[dict]:
    """Run one statement through a driver of its own: what any other client of the server sees."""
    from neo4j import GraphDatabase

    with (
        GraphDatabase.driver(
            settings.neo4j_uri,
            auth=(settings.neo4j_user, settings.neo4j_password.get_secret_value()),
        ) as driver,
        driver.session(database=settings.neo4j_database) as session,
    ):
        return session.run(statement).data()


def wipe(settings: Settings) -> None:
    run_cypher(settings, "MATCH (n) DETACH DELETE n")


@pytest.fixture
def server_count(neo4j_settings: Settings) -> Callable[[str], int]:
    """The number a `... RETURN count(x)` statement gives on the test database."""
    return lambda statement: next(iter(run_cypher(neo4j_settings, statement)[0].values()))


class _SharedGraph:
    """Whether the test database holds exactly the shipped inventory's graph, as synced by
    `shared_synced_store`: a test that empties the database (`neo4j_settings`) or syncs
    something else through `synced_store` clears it."""

    synced = False


@pytest.fixture
def neo4j_settings(bolt_server: BoltServer) -> Settings:
    """Connection settings for an empty database on the test server."""
    settings = bolt_server.settings()
    _SharedGraph.synced = False
    wipe(settings)
    return settings


@pytest.fixture
def neo4j_store(neo4j_settings: Settings):
    from catalog.stores.neo4j.store import Neo4jStore

    store = Neo4jStore(neo4j_settings)
    yield store
    store.close()


@pytest.fixture
def synced_store(neo4j_store, graph):
    """A Neo4j store holding the shipped inventory's graph, synced for this test alone: for
    tests that write to it (edits by hand, a re-sync of another inventory)."""
    from catalog.stores.neo4j.sync import sync

    sync(neo4j_store, graph)
    return neo4j_store


@pytest.fixture
def shared_synced_store(bolt_server: BoltServer, graph):
    """The shipped inventory's graph in the test database, for tests that only read it:
    synced once, and again only after a test that wrote to the database. Each test has a
    driver of its own, as a separate client would (a fuzzed request cannot leave a broken
    connection behind for the next test)."""
    from catalog.stores.neo4j.store import Neo4jStore
    from catalog.stores.neo4j.sync import sync

    store = Neo4jStore(bolt_server.settings())
    if not _SharedGraph.synced:
        wipe(bolt_server.settings())
        sync(store, graph)
        _SharedGraph.synced = True
    yield store
    store.close()
    # Did the test write after all? Asked over a connection of its own.
    try:
        rows = run_cypher(bolt_server.settings(), "MATCH (m:DatamapMeta) RETURN m.fingerprint AS f")
        if [r["f"] for r in rows] != [graph.graph["fingerprint"]]:
            _SharedGraph.synced = False
    except Exception:
        _SharedGraph.synced = False


@dataclass
class CrashableServer:
    """A dev server of its own for the tests that kill it, restarted on the same port and data
    as a server that comes back after a crash."""

    server: BoltServer

    def kill(self) -> None:
        self.server.kill()

    def restart(self) -> BoltServer:
        assert self.server.spawned is not None
        port = int(self.server.uri.rsplit(":", 1)[1])
        self.server = start_dev_server(self.server.spawned.data, port)
        return self.server


@pytest.fixture(scope="session")
def _crashable(tmp_path_factory: pytest.TempPathFactory):
    server = _early("crashable_server") or start_dev_server(tmp_path_factory.mktemp("crash"))
    holder = CrashableServer(server)
    yield holder
    holder.kill()


@pytest.fixture
def crashable_server(_crashable: CrashableServer) -> CrashableServer:
    """Running, with an empty database, whatever the last test did to it."""
    if (
        _crashable.server.spawned is not None
        and _crashable.server.spawned.process.poll() is not None
    ):
        _crashable.restart()
    wipe(_crashable.server.settings())
    return _crashable


# -- what datamap asks the Neo4j driver, for the dialect test -------------------------------------


class CypherLog:
    """Every statement datamap's own code (catalog/, api/, bench/) asked the driver to run in
    this test process, with the names of its parameters: the dialect test checks them all."""

    seen: ClassVar[dict[str, set[str]]] = {}
    PRODUCT = ("catalog.", "api.", "bench.")


@pytest.fixture(scope="session", autouse=True)
def _own_cache(tmp_path_factory: pytest.TempPathFactory):
    """Compiled inventories go to the session's own folder, never the user's ~/.cache (and
    the processes the tests start inherit it)."""
    folder = tmp_path_factory.mktemp("datamap-cache")
    saved = os.environ.get("DATAMAP_CACHE_DIR")
    os.environ["DATAMAP_CACHE_DIR"] = str(folder)
    yield folder
    if saved is None:
        os.environ.pop("DATAMAP_CACHE_DIR", None)
    else:
        os.environ["DATAMAP_CACHE_DIR"] = saved


@pytest.fixture(scope="session", autouse=True)
def _record_cypher():
    from neo4j._sync.work.session import Session
    from neo4j._sync.work.transaction import TransactionBase

    originals = {cls: cls.run for cls in (Session, TransactionBase)}

    def recording(original):
        def run(self, query, parameters=None, **kwargs):
            caller = sys._getframe(1).f_globals.get("__name__", "")
            if caller.startswith(CypherLog.PRODUCT):
                text = str(getattr(query, "text", query))
                CypherLog.seen.setdefault(text, set()).update({*(parameters or {}), *kwargs})
            return original(self, query, parameters, **kwargs)

        return run

    for cls, original in originals.items():
        cls.run = recording(original)
    yield
    for cls, original in originals.items():
        cls.run = original


@pytest.fixture
def cypher_log() -> dict[str, set[str]]:
    """What datamap's code has asked the driver so far in this session (CypherLog)."""
    return CypherLog.seen


# -- the systems side --------------------------------------------------------------------------------


@pytest.fixture
def shop_inventory(cli, tmp_path: Path, inventory_dir: Path) -> Path:
    """A copy of the shipped inventory with the example shop scanned into it (reviewed in
    part), a flow and hosting declared, and a second, declared system."""
    import yaml

    from catalog.dev.shop import create_shop

    root = tmp_path / "inventory"
    shutil.copytree(inventory_dir, root, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    db = create_shop(str(tmp_path / "shop.db"), customers_n=30)
    inv = ("--inventory", str(root))
    assert cli(*inv, "scan", db, "--write", "--system", "shop-db", "--name", "Shop").code == 0
    assert cli(*inv, "review", "shop-db", "customers.email", "--accept", "--by", "A. DPO").code == 0
    assert cli(*inv, "review", "shop-db", "orders.ip_address", "--reject").code == 0
    path = root / "systems.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    shop = data["systems"][0]
    shop |= {
        "owner": "E-commerce engineering",
        "hosted_in": "us",
        "supports": ["online-purchases"],
        "declared": {"by": "A. DPO", "date": "2026-11-30", "document": "Systems register v1"},
        "flows": [{"to": "payment-service-providers", "categories": ["payment-information"]}],
    }
    data["systems"].append(
        {
            "id": "crm",
            "name": "CRM",
            "kind": "saas",
            "declared": {"by": "A. DPO", "date": "2026-11-30"},
            "fields": [
                {
                    "table": "contacts",
                    "column": "email",
                    "category": "email-addresses",
                    "status": "accepted",
                    "declared": {"by": "A. DPO", "date": "2026-11-30", "document": "CRM export"},
                }
            ],
        }
    )
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    assert cli(*inv, "validate").code == 0
    return root
