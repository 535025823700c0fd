"""`datamap sync`: make the Neo4j graph equal to the inventory's graph, atomically.

1. Schema first (uniqueness constraints and name indexes; idempotent, and outside the data
   transaction because Neo4j does not mix schema and data changes in one transaction).
2. If the server's record of the last sync names this very graph (inventory fingerprint,
   policy, datamap's format) and the counts still match, stop: nothing to write.
3. Otherwise read what the server holds: every datamap node's id, label and content hash, and
   every relationship's (source, type, target) and hash (`verify`: hashed from what is there).
4. Diff against the inventory: what to create, update and delete.
5. Apply the difference in ONE explicit transaction, in batches of `UNWIND $rows ...` (CREATE
   for what is new, MATCH ... SET for what changed, DELETE for what went): a failure anywhere
   (bad data, a server that goes away) rolls everything back and the previous graph stays
   exactly as it was. An unchanged inventory writes nothing at all.

Labels and relationship types interpolated into Cypher come from the graph model's fixed list,
never from user input; every value travels as a parameter.
"""

from __future__ import annotations

import contextlib
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

import networkx as nx
from neo4j import WRITE_ACCESS, ManagedTransaction

from catalog import __version__
from catalog.errors import DatamapError
from catalog.graph.compact import Graph
from catalog.graph.pieces import stored_pieces
from catalog.graph.view import GraphView
from catalog.model.kinds import (
    LINKS,
    NODE_KINDS,
    RELATIONSHIP_TYPES,
    STRUCTURAL_RELS,
    Label,
    encode_props,
)
from catalog.stores.neo4j.store import (
    COMMON_LABEL,
    GRAPH_FORMAT,
    GRAPH_META_KEYS,
    META_ID,
    META_LABEL,
    POLICY_LABEL,
    Neo4jStore,
    content_hash,
    kind_of,
    neo4j_errors,
    to_neo4j,
)

NAME_INDEXED = (
    Label.DataCategory,
    Label.Recipient,
    Label.Purpose,
    Label.ProcessingActivity,
    Label.CollectionPoint,
)

Progress = Callable[[int, int], None]  # (done, total) rows written


@dataclass
class SyncReport:
    uri: str
    database: str
    fingerprint: str
    nodes: int = 0
    relationships: int = 0
    nodes_created: int = 0
    nodes_updated: int = 0
    nodes_deleted: int = 0
    relationships_created: int = 0
    relationships_updated: int = 0
    relationships_deleted: int = 0
    checked: str = "every node and relationship"  # or "fingerprint": the server's record matched

    @property
    def changed(self) -> bool:
        return any(
            (
                self.nodes_created,
                self.nodes_updated,
                self.nodes_deleted,
                self.relationships_created,
                self.relationships_updated,
                self.relationships_deleted,
            )
        )

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "changed": self.changed}

    def summary(self) -> str:
        where = f"{self.uri} (database {self.database})"
        if not self.changed:
            how = (
                "the server's record of the last sync names this inventory and its counts match"
                " (--verify compares every node and relationship)"
                if self.checked == "fingerprint"
                else "every node and relationship compared"
            )
            return (
                f"{where} is already in sync: nothing changed "
                f"({self.nodes} nodes, {self.relationships} relationships; {how})."
            )
        return (
            f"synced {self.nodes} nodes and {self.relationships} relationships to {where}: "
            f"nodes {self.nodes_created} created, {self.nodes_updated} updated, "
            f"{self.nodes_deleted} deleted; relationships {self.relationships_created} created, "
            f"{self.relationships_updated} updated, {self.relationships_deleted} deleted."
        )


class SyncFailed(DatamapError):
    """The sync did not commit; the graph on the server is unchanged."""


class _LostRace(Exception):
    """Another sync wrote after this one read: its difference is stale."""


# How often a sync that lost the race to another starts again from a fresh read.
ATTEMPTS = 3


# -- what the inventory wants ---------------------------------------------------------------------

NodeRow = dict[str, Any]
RelKey = tuple[str, str, str]  # (source id, type, target id)


def desired_state(
    g: nx.MultiDiGraph,
) -> tuple[dict[str, tuple[str, NodeRow]], dict[RelKey, tuple[str, str, NodeRow]]]:
    # Each disclosure's answer pieces and its recipient's, made as the embedded store makes them.
    pieces = stored_pieces(GraphView(Graph.from_networkx(g)))
    nodes: dict[str, tuple[str, NodeRow]] = {}
    for nid, attrs in g.nodes(data=True):
        label = attrs["label"]
        if label not in NODE_KINDS:
            raise SyncFailed(f"node {nid!r} has unknown kind {label!r}")
        nodes[nid] = (label, to_neo4j(attrs, drop="label", piece=pieces.get(nid)))
    rels: dict[RelKey, tuple[str, str, NodeRow]] = {}
    for src, dst, rel, attrs in g.edges(keys=True, data=True):
        if rel not in RELATIONSHIP_TYPES:
            raise SyncFailed(f"relationship {src}-[{rel}]->{dst} has unknown type")
        rels[(src, rel, dst)] = (nodes[src][0], nodes[dst][0], to_neo4j(attrs, drop="type"))
    return nodes, rels


# -- what the server holds ------------------------------------------------------------------------

READ_NODES = f"MATCH (n:{COMMON_LABEL}) RETURN n.id AS id, labels(n) AS labels, n._hash AS hash"
READ_RELS = f"""
MATCH (a:{COMMON_LABEL})-[r]->(b:{COMMON_LABEL})
RETURN a.id AS src, type(r) AS type, b.id AS dst, r._hash AS hash
"""


READ_NODES_IN_FULL = (
    f"MATCH (n:{COMMON_LABEL}) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props"
)
READ_RELS_IN_FULL = f"""
MATCH (a:{COMMON_LABEL})-[r]->(b:{COMMON_LABEL})
RETURN a.id AS src, type(r) AS type, b.id AS dst, properties(r) AS props
"""


def current_state(tx: ManagedTransaction) -> tuple[dict[str, tuple[str, str]], dict[RelKey, str]]:
    """Ids, labels and the content hashes the last sync stored."""
    nodes = {r["id"]: (kind_of(r["labels"]), r["hash"]) for r in tx.run(READ_NODES)}
    rels = {(r["src"], r["type"], r["dst"]): r["hash"] for r in tx.run(READ_RELS)}
    return nodes, rels


def current_state_in_full(
    tx: ManagedTransaction,
) -> tuple[dict[str, tuple[str, str]], dict[RelKey, str]]:
    """The same, hashing what the server holds now: an edit by hand shows as a difference."""
    nodes = {
        r["id"]: (kind_of(r["labels"]), content_hash(r["props"]))
        for r in tx.run(READ_NODES_IN_FULL)
    }
    rels = {
        (r["src"], r["type"], r["dst"]): content_hash(r["props"]) for r in tx.run(READ_RELS_IN_FULL)
    }
    return nodes, rels


# -- the sync -------------------------------------------------------------------------------------


# Written with each sync: a datamap whose graph or encoding differs must not trust an older record.
SYNC_FORMAT = f"{__version__}/{GRAPH_FORMAT}"

COUNT_NODES = f"MATCH (n:{COMMON_LABEL}) RETURN count(n) AS n"
COUNT_RELS = f"MATCH (:{COMMON_LABEL})-[r]->(:{COMMON_LABEL}) RETURN count(r) AS n"


def _recorded_as_synced(store: Neo4jStore, g: nx.MultiDiGraph, meta: dict[str, Any]) -> bool:
    wanted = {k: g.graph[k] for k in GRAPH_META_KEYS if k in g.graph}
    if not meta or (meta.get("sync_format"), meta.get("graph_format")) != (
        SYNC_FORMAT,
        GRAPH_FORMAT,
    ):
        return False
    if any(meta.get(k) != v for k, v in wanted.items()):
        return False
    if (meta.get("nodes"), meta.get("relationships")) != (g.number_of_nodes(), g.number_of_edges()):
        return False

    def counts(tx: ManagedTransaction) -> tuple[int, int]:
        return (
            tx.run(COUNT_NODES).single(strict=True)["n"],
            tx.run(COUNT_RELS).single(strict=True)["n"],
        )

    return store.read(counts) == (g.number_of_nodes(), g.number_of_edges())


def schema_statements() -> list[str]:
    """Uniqueness constraints on `id` per label (and on the common label), name indexes."""
    return [
        f"CREATE CONSTRAINT datamap_{label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
        for label in (COMMON_LABEL, META_LABEL, POLICY_LABEL, *NODE_KINDS)
    ] + [
        f"CREATE INDEX datamap_{label.lower()}_name IF NOT EXISTS FOR (n:{label}) ON (n.name)"
        for label in NAME_INDEXED
    ]


def ensure_schema(store: Neo4jStore) -> None:
    with neo4j_errors(store.settings), store.driver.session(database=store.database) as session:
        for statement in schema_statements():
            session.run(statement).consume()


def sync(
    store: Neo4jStore,
    g: nx.MultiDiGraph,
    *,
    batch_size: int = 2000,
    progress: Progress | None = None,
    after_batch: Callable[[int], None] | None = None,
    after_read: Callable[[], None] | None = None,
    verify: bool = False,
) -> SyncReport:
    """Write the graph to the store's database; returns what changed. Raises SyncFailed or
    StoreUnavailable without having changed anything on the server.

    When the server's record of the last sync names this very graph (inventory fingerprint,
    policy, datamap's format) and the server still holds that many nodes and relationships,
    there is nothing to write and nothing more is read; `verify` compares every node and
    relationship regardless (e.g. after someone edited the graph by hand).

    Syncs are serialised: the write transaction first locks the server's record of the last
    sync and checks that its version is the one this sync read. If another sync wrote in
    between, this one starts again from a fresh read (ATTEMPTS times at most), so the graph
    always equals exactly one inventory."""
    ensure_schema(store)
    for _ in range(ATTEMPTS):
        try:
            return _attempt(store, g, batch_size, progress, after_batch, after_read, verify)
        except _LostRace:
            continue
    raise SyncFailed(
        f"other syncs kept writing to {store.settings.neo4j_uri} while this one ran "
        f"({ATTEMPTS} attempts); this sync wrote nothing. Run it again when they are done."
    )


def _attempt(
    store: Neo4jStore,
    g: nx.MultiDiGraph,
    batch_size: int,
    progress: Progress | None,
    after_batch: Callable[[int], None] | None,
    after_read: Callable[[], None] | None,
    verify: bool,
) -> SyncReport:
    """One read, diff and write; _LostRace when another sync wrote after the read."""
    settings = store.settings
    report = SyncReport(
        uri=settings.neo4j_uri,
        database=store.database,
        fingerprint=g.graph.get("fingerprint", ""),
        nodes=g.number_of_nodes(),
        relationships=g.number_of_edges(),
    )
    meta = store.meta() or {}
    version = int(meta.get("version") or 0)
    if not verify and _recorded_as_synced(store, g, meta):
        report.checked = "fingerprint"
        return report
    want_nodes, want_rels = desired_state(g)
    # A graph another format wrote is compared as it is: its hashes were made another way.
    in_full = verify or (bool(meta) and meta.get("graph_format") != GRAPH_FORMAT)
    have_nodes, have_rels = store.read(current_state_in_full if in_full else current_state)
    if after_read is not None:
        after_read()

    # What is known to be new is CREATEd, what exists is MATCHed: MERGE would search for each
    # relationship among its node's others, which on a well-connected node costs more than the
    # write. (One sync writes at a time: the state read above is what the transaction changes.)
    node_creates: dict[str, list[NodeRow]] = defaultdict(list)
    node_updates: dict[str, list[NodeRow]] = defaultdict(list)
    node_deletes: list[str] = []
    for nid, (label, props) in want_nodes.items():
        have = have_nodes.get(nid)
        if have is None:
            report.nodes_created += 1
            node_creates[label].append({"id": nid, "props": props})
        elif have[0] != label:
            node_deletes.append(nid)  # an id that changed kind is replaced
            report.nodes_deleted += 1
            report.nodes_created += 1
            node_creates[label].append({"id": nid, "props": props})
        elif have[1] != props["_hash"]:
            report.nodes_updated += 1
            node_updates[label].append({"id": nid, "props": props})
    gone = [nid for nid in have_nodes if nid not in want_nodes]
    node_deletes += gone
    report.nodes_deleted += len(gone)
    replaced = set(node_deletes)

    rel_creates: dict[tuple[str, str, str], list[NodeRow]] = defaultdict(list)
    rel_updates: dict[tuple[str, str, str], list[NodeRow]] = defaultdict(list)
    rel_deletes: dict[str, list[NodeRow]] = defaultdict(list)
    for key, (src_label, dst_label, props) in want_rels.items():
        src, rel, dst = key
        have_hash = have_rels.get(key)
        row = {"src": src, "dst": dst, "props": props}
        if have_hash is None or src in replaced or dst in replaced:
            report.relationships_created += 1
            rel_creates[(rel, src_label, dst_label)].append(row)
        elif have_hash != props["_hash"]:
            report.relationships_updated += 1
            rel_updates[(rel, src_label, dst_label)].append(row)
    for src, rel, dst in have_rels:
        if (src, rel, dst) not in want_rels:
            report.relationships_deleted += 1
            if src not in replaced and dst not in replaced:
                rel_deletes[rel].append({"src": src, "dst": dst})
    # relationships of deleted nodes disappear with them (DETACH DELETE) and count as deleted

    meta_props = {k: g.graph[k] for k in GRAPH_META_KEYS if k in g.graph}
    meta_props["sync_format"] = SYNC_FORMAT
    meta_props["graph_format"] = GRAPH_FORMAT
    meta_changed = any(meta.get(k) != v for k, v in meta_props.items())
    if not report.changed and not meta_changed:
        return report

    batches: list[tuple[str, dict[str, Any]]] = []
    for rel, rows in sorted(rel_deletes.items()):
        statement = delete_relationships(rel)
        batches += [(statement, {"rows": chunk}) for chunk in _chunks(rows, batch_size)]
    batches += [(DELETE_NODES, {"ids": chunk}) for chunk in _chunks(node_deletes, batch_size)]
    for label, rows in sorted(node_creates.items()):
        statement = create_nodes(label)
        batches += [(statement, {"rows": chunk}) for chunk in _chunks(rows, batch_size)]
    for label, rows in sorted(node_updates.items()):
        statement = update_nodes(label)
        batches += [(statement, {"rows": chunk}) for chunk in _chunks(rows, batch_size)]
    for (rel, src_label, dst_label), rows in sorted(rel_creates.items()):
        statement = create_relationships(rel, src_label, dst_label)
        batches += [(statement, {"rows": chunk}) for chunk in _chunks(rows, batch_size)]
    for (rel, src_label, dst_label), rows in sorted(rel_updates.items()):
        statement = update_relationships(rel, src_label, dst_label)
        batches += [(statement, {"rows": chunk}) for chunk in _chunks(rows, batch_size)]
    meta_props.update(
        id=META_ID,
        version=version + 1,
        synced_at=datetime.now(UTC).isoformat(timespec="seconds"),
        nodes=report.nodes,
        relationships=report.relationships,
    )
    batches.append((WRITE_META, {"id": META_ID, "props": meta_props}))
    document = g.graph.get("policy_document")
    if document is not None and meta.get("policy_hash") != g.graph.get("policy_hash"):
        batches.append(
            (WRITE_POLICY, {"id": META_ID, "props": {"id": META_ID, **encode_props(document)}})
        )

    try:
        _write(store, batches, version, progress, after_batch)
    except DatamapError as exc:
        # A write that failed because another sync committed first (a lock or a conflict on
        # the record of the last sync) is a lost race, not a broken graph.
        with contextlib.suppress(DatamapError):
            if int((store.meta() or {}).get("version") or 0) != version:
                raise _LostRace from None
        raise SyncFailed(
            f"sync did not commit; the graph on the server is unchanged. {exc.message}"
        ) from None
    return report


# -- the statements a sync writes with; labels and types come from the graph model only ----------

DELETE_NODES = f"UNWIND $ids AS id MATCH (n:{COMMON_LABEL} {{id: id}}) DETACH DELETE n"
# The first statement of every sync's write: a write to the record of the last sync, which locks
# it until the transaction ends, returning the version a concurrent sync may have moved on.
LOCK_META = (
    f"MERGE (m:{META_LABEL} {{id: $id}}) SET m.writing = $token "
    "RETURN coalesce(m.version, 0) AS version"
)
WRITE_META = f"MERGE (m:{META_LABEL} {{id: $id}}) SET m = $props"
WRITE_POLICY = f"MERGE (p:{POLICY_LABEL} {{id: $id}}) SET p = $props"


def create_nodes(label: str) -> str:
    """New nodes of one label, rows {id, props}: plain CREATE, the id being new to the server."""
    return f"UNWIND $rows AS row CREATE (n:{label}:{COMMON_LABEL}) SET n = row.props"


def create_relationships(rel: str, src_label: str, dst_label: str) -> str:
    """New relationships of one type between two labels, rows {src, dst, props}."""
    return (
        f"UNWIND $rows AS row MATCH (a:{src_label} {{id: row.src}}) "
        f"MATCH (b:{dst_label} {{id: row.dst}}) CREATE (a)-[r:{rel}]->(b) SET r = row.props"
    )


def update_nodes(label: str) -> str:
    return f"UNWIND $rows AS row MATCH (n:{label} {{id: row.id}}) SET n = row.props"


def update_relationships(rel: str, src_label: str, dst_label: str) -> str:
    return (
        f"UNWIND $rows AS row MATCH (a:{src_label} {{id: row.src}})-[r:{rel}]->"
        f"(b:{dst_label} {{id: row.dst}}) SET r = row.props"
    )


def delete_relationships(rel: str) -> str:
    return (
        f"UNWIND $rows AS row MATCH (a:{COMMON_LABEL} {{id: row.src}})-[r:{rel}]->"
        f"(b:{COMMON_LABEL} {{id: row.dst}}) DELETE r"
    )


def endpoints() -> list[tuple[str, str, str]]:
    """Every (relationship type, source label, target label) the graph model allows."""
    found = {
        (spec.rel, kind, target)
        for kind, specs in LINKS.items()
        for spec in specs
        for target in spec.targets
    }
    found |= {(rel, src, dst) for rel, pairs in STRUCTURAL_RELS.items() for src, dst in pairs}
    return sorted((str(r), str(s), str(d)) for r, s, d in found)


def statements() -> list[tuple[str, tuple[str, ...]]]:
    """Every statement a sync can send, with its parameters: for the dialect check."""
    out: list[tuple[str, tuple[str, ...]]] = [(s, ()) for s in schema_statements()]
    out += [(s, ()) for s in (READ_NODES, READ_RELS, READ_NODES_IN_FULL, READ_RELS_IN_FULL)]
    out += [(COUNT_NODES, ()), (COUNT_RELS, ()), (DELETE_NODES, ("ids",))]
    out += [(LOCK_META, ("id", "token"))]
    out += [(WRITE_META, ("id", "props")), (WRITE_POLICY, ("id", "props"))]
    for label in NODE_KINDS:
        out += [(create_nodes(label), ("rows",)), (update_nodes(label), ("rows",))]
    for rel in RELATIONSHIP_TYPES:
        out.append((delete_relationships(rel), ("rows",)))
    for rel, src, dst in endpoints():
        out.append((create_relationships(rel, src, dst), ("rows",)))
        out.append((update_relationships(rel, src, dst), ("rows",)))
    return out


def _write(
    store: Neo4jStore,
    batches: list[tuple[str, dict[str, Any]]],
    version: int,
    progress: Progress | None,
    after_batch: Callable[[int], None] | None,
) -> None:
    """Run every batch in one transaction, after locking the record of the last sync and
    checking its version; commit only if all of them succeed."""
    total = sum(_size(p) for _, p in batches)
    done = 0
    with (
        neo4j_errors(store.settings),
        store.driver.session(database=store.database, default_access_mode=WRITE_ACCESS) as session,
    ):
        tx = session.begin_transaction()
        try:
            found = tx.run(LOCK_META, id=META_ID, token=uuid.uuid4().hex).single()
            if found is None or found["version"] != version:
                raise _LostRace
            for i, (statement, params) in enumerate(batches):
                tx.run(statement, params).consume()
                done += _size(params)
                if progress is not None:
                    progress(done, total)
                if after_batch is not None:
                    after_batch(i)
            tx.commit()
        finally:
            if not tx.closed():
                # The server discards an uncommitted transaction on its own; a rollback that
                # fails (the server is gone) must not hide the error that got us here.
                with contextlib.suppress(Exception):
                    tx.rollback()


def _size(params: dict[str, Any]) -> int:
    return len(params.get("rows") or params.get("ids") or [1])


def _chunks(rows: list[Any], size: int) -> list[list[Any]]:
    return [rows[i : i + size] for i in range(0, len(rows), size)]
