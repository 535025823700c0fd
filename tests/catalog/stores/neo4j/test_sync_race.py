"""Two syncs at once, on a server that locks as Neo4j does.

The test server (ArcadeDB) is optimistic: of two transactions that wrote the same record, it
refuses the second commit, and the sync's retry then hides a missing lock (test_sync.py's race
passes without one). Neo4j is pessimistic: a transaction that writes a node holds its lock until
it ends, and another transaction's write to that node WAITS, then goes ahead on what the first
committed, so without the lock and version check a sync that read the graph before another
sync's commit would apply its stale difference on top of that commit: a mix of two inventories.

Here the real sync code runs against the real test server, through a driver that behaves as
Neo4j does at the Bolt boundary: reads see what is committed and take no lock; a transaction's
first write takes the write lock (one for the whole database: coarser than Neo4j's per-node
locks, and the same for a sync, whose first write is to the record of the last sync) and holds it
until commit or rollback, a second writer waiting; and the server transaction opens only once the
lock is held, so the test server never has two writers to refuse. Threads and events make the
second sync read the graph the first is about to replace, then write while the first holds the
lock."""

from __future__ import annotations

import re
import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from neo4j import Driver, Session, Transaction

import catalog.stores.neo4j.sync as sync_module
from catalog.graph.build import build_graph
from catalog.loading.validation import load_inventory
from catalog.settings import Settings
from catalog.stores.neo4j.store import Neo4jStore, open_driver
from catalog.stores.neo4j.sync import current_state, desired_state, sync

# Every statement a sync writes with says one of these; its reads say none.
WRITES = re.compile(r"\b(CREATE|MERGE|SET|DELETE|REMOVE)\b")
WAIT = 60.0  # seconds any step waits for another before the test gives up


class WriteLock:
    """The database's write lock, with who waited for it and who committed, in order."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.events: list[str] = []
        self.waiting: dict[str, threading.Event] = {}

    def acquire(self, who: str) -> None:
        if self._lock.acquire(blocking=False):
            return
        self.events.append(f"{who} waits")
        self.waiting.setdefault(who, threading.Event()).set()
        if not self._lock.acquire(timeout=WAIT):
            raise TimeoutError(f"{who} waited {WAIT} s for the write lock")

    def release(self) -> None:
        self._lock.release()


class LockingTransaction:
    """An explicit transaction as Neo4j runs it: reads before the first write are read
    committed; the first write waits for the lock and opens the server's transaction."""

    def __init__(self, session: Session, lock: WriteLock, who: str) -> None:
        self._session, self._lock, self._who = session, lock, who
        self._tx: Transaction | None = None
        self._closed = False

    def run(self, query: str, parameters: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        if self._tx is None and WRITES.search(query):
            self._lock.acquire(self._who)
            try:
                self._tx = self._session.begin_transaction()
            except BaseException:
                self._lock.release()
                raise
        if self._tx is None:
            return self._session.run(query, parameters, **kwargs)
        return self._tx.run(query, parameters, **kwargs)

    def commit(self) -> None:
        self._end("commit")

    def rollback(self) -> None:
        self._end("rollback")

    def closed(self) -> bool:
        return self._closed

    def _end(self, how: str) -> None:
        if self._closed:
            return
        self._closed = True
        if self._tx is None:
            return
        try:
            getattr(self._tx, how)()
            self._lock.events.append(f"{self._who} {how}")
        finally:
            self._lock.release()


class LockingSession:
    def __init__(self, session: Session, lock: WriteLock, who: str) -> None:
        self._session, self._lock, self._who = session, lock, who

    def begin_transaction(self, **_: Any) -> LockingTransaction:
        return LockingTransaction(self._session, self._lock, self._who)

    def __getattr__(self, name: str) -> Any:  # reads, auto-commit statements: as they are
        return getattr(self._session, name)

    def __enter__(self) -> LockingSession:
        return self

    def __exit__(self, *_: object) -> None:
        self._session.close()


class LockingDriver:
    def __init__(self, driver: Driver, lock: WriteLock, who: str) -> None:
        self._driver, self._lock, self._who = driver, lock, who

    def session(self, **kwargs: Any) -> LockingSession:
        return LockingSession(self._driver.session(**kwargs), self._lock, self._who)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._driver, name)


def variant(inventory_dir: Path, folder: Path, file: str, old: str, new: str) -> nx.MultiDiGraph:
    """The shipped inventory's graph with one sentence of one file changed."""
    shutil.copytree(inventory_dir, folder, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return build_graph(load_inventory(folder))


def hashes(store: Neo4jStore) -> tuple[dict[str, str], dict[tuple[str, str, str], str]]:
    """What the server holds: each node's and relationship's content hash."""
    nodes, rels = store.read(current_state)
    return {k: v[1] for k, v in nodes.items()}, rels


def wanted(g: nx.MultiDiGraph) -> tuple[dict[str, str], dict[tuple[str, str, str], str]]:
    """What the server holds after syncing `g` alone."""
    nodes, rels = desired_state(g)
    return {k: v[1]["_hash"] for k, v in nodes.items()}, {k: v[2]["_hash"] for k, v in rels.items()}


def differences(
    have: tuple[dict[str, str], dict[tuple[str, str, str], str]],
    want: tuple[dict[str, str], dict[tuple[str, str, str], str]],
) -> tuple[list[str], list[str]]:
    """The nodes and relationships the server holds otherwise than `want` says (or not at all,
    or in excess)."""
    return tuple(  # type: ignore[return-value]
        sorted(str(k) for k in h.keys() | w.keys() if h.get(k) != w.get(k))
        for h, w in zip(have, want, strict=True)
    )


def race(
    settings: Settings, first: nx.MultiDiGraph, second: nx.MultiDiGraph
) -> tuple[WriteLock, dict[str, object]]:
    """Sync `first` and `second` at once: `second` reads the graph, `first` reads it too and
    starts writing, `second` tries to write while `first` holds the lock, `first` commits.
    Returns the lock's log and each sync's outcome."""
    lock = WriteLock()
    second_read, first_holds = threading.Event(), threading.Event()
    second_waits = lock.waiting.setdefault("second", threading.Event())

    def second_after_read() -> None:
        lock.events.append("second read")
        if not second_read.is_set():  # only the first read: a retry goes straight on
            second_read.set()
            if not first_holds.wait(WAIT):
                raise TimeoutError("the first sync never started writing")

    def first_after_batch(_: int) -> None:
        if not first_holds.is_set():  # holding the lock, not yet committed
            first_holds.set()
            if not second_waits.wait(WAIT):
                raise TimeoutError("the second sync never tried to write")

    outcome: dict[str, object] = {}

    def run(who: str, g: nx.MultiDiGraph, **hooks: Callable[..., None]) -> None:
        own = Neo4jStore(settings, driver=LockingDriver(open_driver(settings), lock, who))
        try:
            outcome[who] = sync(own, g, **hooks)
        except Exception as exc:  # asserted below, with the other sync's outcome
            outcome[who] = exc
        finally:
            own.close()

    threads = {
        "second": threading.Thread(
            target=run, args=("second", second), kwargs={"after_read": second_after_read}
        ),
        "first": threading.Thread(
            target=run, args=("first", first), kwargs={"after_batch": first_after_batch}
        ),
    }
    threads["second"].start()
    assert second_read.wait(WAIT), outcome
    threads["first"].start()
    for t in threads.values():
        t.join(timeout=2 * WAIT)
    assert not any(t.is_alive() for t in threads.values()), lock.events
    return lock, outcome


@pytest.fixture
def two_inventories(inventory_dir: Path, tmp_path: Path) -> tuple[nx.MultiDiGraph, ...]:
    """Two edits of the shipped inventory that touch the same disclosures: a recipient renamed
    in one, a purpose in the other (each disclosure's answer piece names both)."""
    first = variant(
        inventory_dir,
        tmp_path / "first",
        "recipients.yaml",
        "    name: Shipping providers\n",
        "    name: Couriers\n",
    )
    second = variant(
        inventory_dir,
        tmp_path / "second",
        "purposes.yaml",
        "    name: To facilitate returns\n",
        "    name: To facilitate returns and exchanges\n",
    )
    return first, second


@pytest.fixture
def store(neo4j_store: Neo4jStore, graph: nx.MultiDiGraph) -> Neo4jStore:
    """The shipped inventory synced, as both racing syncs find it."""
    sync(neo4j_store, graph)
    return neo4j_store


def test_a_sync_waiting_on_the_lock_rereads_and_leaves_exactly_its_inventory(
    store: Neo4jStore, neo4j_settings: Settings, two_inventories
) -> None:
    first, second = two_inventories
    before = int(store.meta()["version"])
    lock, outcome = race(neo4j_settings, first, second)
    assert all(not isinstance(r, Exception) for r in outcome.values()), outcome
    # the graph is the second inventory, exactly: not the first, not a mix of the two
    assert wanted(second) != wanted(first)
    assert differences(hashes(store), wanted(second)) == ([], [])
    meta = store.meta()
    assert meta["fingerprint"] == second.graph["fingerprint"]
    assert meta["version"] == before + 2  # once per sync
    assert not sync(store, second, verify=True).changed
    # because the second waited for the first's lock, found the record moved on, read again
    assert lock.events == [
        "second read",
        "second waits",
        "first commit",
        "second rollback",
        "second read",
        "second commit",
    ]


# The lock taken away: the version read as any read is, without locking the record.
UNLOCKED_READ = (
    f"OPTIONAL MATCH (m:{sync_module.META_LABEL} {{id: $id}}) "
    "RETURN coalesce(m.version, 0) AS version"
)


def test_without_the_lock_the_locking_server_gets_a_mix_of_two_inventories(
    store: Neo4jStore,
    neo4j_settings: Settings,
    two_inventories,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The test above can fail: with the lock statement made a plain read, the emulated server
    lets the second sync check a version the first has not committed yet, wait at its first
    write, then write its stale difference over the first's commit (the test server alone
    would have refused that commit, and the retry would have hidden it)."""
    first, second = two_inventories
    before = int(store.meta()["version"])
    monkeypatch.setattr(sync_module, "LOCK_META", UNLOCKED_READ)
    lock, outcome = race(neo4j_settings, first, second)
    assert all(not isinstance(r, Exception) for r in outcome.values()), outcome
    assert lock.events == ["second read", "second waits", "first commit", "second commit"]
    have = hashes(store)
    not_first, not_second = (
        differences(have, wanted(first))[0],
        differences(have, wanted(second))[0],
    )
    # the first's recipient and the second's purpose, side by side
    assert "shipping-providers" in not_second and "shipping-providers" not in not_first
    assert "facilitate-returns" in not_first and "facilitate-returns" not in not_second
    assert store.meta()["version"] == before + 1  # two syncs, one version
