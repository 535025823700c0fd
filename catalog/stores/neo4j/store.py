"""The Neo4j store: the graph in Neo4j (or any Bolt server speaking Neo4j 5 Cypher).

One driver per store, the database always named, reads in read transactions (routed to readers
in a cluster), parameters only. Every query runs its Cypher scope on the server (scopes.py),
fetches that induced subgraph and answers from it with the same code as the embedded store.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import math
import random
import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

import orjson
from neo4j import READ_ACCESS, Driver, GraphDatabase, ManagedTransaction, Record, Session
from neo4j.exceptions import (
    AuthError,
    ClientError,
    ConfigurationError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from catalog.errors import BadRequest, DatamapError, StaleNames, StoreDown, StoreUnavailable
from catalog.graph.compact import Graph, Ranking
from catalog.graph.pieces import STORED_KINDS, named_in, unstored
from catalog.graph.view import GraphView
from catalog.model.kinds import NODE_KINDS, Label, Rel, decode_props, encode_props
from catalog.settings import Settings
from catalog.stores.base import Asked, NameEntry
from catalog.stores.neo4j.scopes import PIECE_PROP, scope_of

COMMON_LABEL = "Datamap"
META_LABEL = "DatamapMeta"
META_ID = "datamap"
DERIVED_PROPS = ("quotes", "sections", "_hash", PIECE_PROP)
# What a sync writes, as the reads expect it: bumped when that changes (2: answer pieces beside
# each disclosure; 3: with its name and categories; 4: pieces without their defaults), so that
# a graph written by an older datamap is synced again rather than misread.
GRAPH_FORMAT = 4
GRAPH_META_KEYS = ("policy_id", "policy_title", "policy_last_updated", "fingerprint", "policy_hash")
# The policy text lives on a node of its own, read only by whole-graph views, so that the
# small metadata every query reads stays small.
POLICY_LABEL = "DatamapPolicy"

T = TypeVar("T")
log = logging.getLogger("datamap.neo4j")


# -- property codec -------------------------------------------------------------------------------


def to_neo4j(attrs: Mapping[str, Any], drop: str, piece: Any = None) -> dict[str, Any]:
    """Graph attributes as Neo4j properties, with readable `quotes`/`sections`, the node's
    answer pieces when it has some, and a `_hash` of them all (a piece changes with a
    neighbour's name, and the node is written again)."""
    props = encode_props({k: v for k, v in attrs.items() if k != drop})
    sources = attrs.get("sources") or []
    if sources:
        props["quotes"] = [s["quote"] for s in sources]
        props["sections"] = [s["section"] for s in sources]
    if piece is not None:
        props[PIECE_PROP] = orjson.dumps(piece).decode()
    props["_hash"] = content_hash(props)
    return props


def content_hash(props: Mapping[str, Any]) -> str:
    body = json.dumps(
        {k: v for k, v in props.items() if k != "_hash"}, sort_keys=True, ensure_ascii=False
    )
    return hashlib.sha256(body.encode()).hexdigest()[:24]


def from_neo4j(props: Mapping[str, Any]) -> dict[str, Any]:
    return decode_props({k: v for k, v in props.items() if k not in DERIVED_PROPS})


def kind_of(labels: list[str]) -> str:
    kinds = [label for label in labels if label in NODE_KINDS]
    return kinds[0] if kinds else next((x for x in labels if x != COMMON_LABEL), COMMON_LABEL)


# -- connection and errors ------------------------------------------------------------------------


@contextmanager
def neo4j_errors(settings: Settings) -> Iterator[None]:
    """Turn driver exceptions into one clear line each."""
    where = f"Neo4j at {settings.neo4j_uri}"
    try:
        yield
    except AuthError:
        raise StoreUnavailable(
            f"{where} refused the credentials of user {settings.neo4j_user!r}",
            "the graph store refused datamap's credentials",
        ) from None
    except (ServiceUnavailable, SessionExpired) as exc:
        raise StoreDown(f"cannot reach {where}: {_first_line(exc)}", "cannot reach Neo4j") from None
    except ClientError as exc:
        if exc.code and "DatabaseNotFound" in exc.code:
            raise StoreUnavailable(
                f"{where} has no database {settings.neo4j_database!r}",
                "the graph store has no such database",
            ) from None
        if exc.code and "Security" in exc.code:
            raise StoreUnavailable(
                f"{where} refused access: {_first_line(exc)}", "the graph store refused access"
            ) from None
        raise DatamapError(f"{where} rejected a query: {_first_line(exc)}") from None
    except ConfigurationError as exc:
        raise BadRequest(f"invalid Neo4j settings: {_first_line(exc)}") from None
    except (Neo4jError, DriverError) as exc:
        raise StoreUnavailable(f"{where} failed: {_first_line(exc)}", "Neo4j failed") from None
    except OSError as exc:
        raise StoreDown(f"cannot reach {where}: {exc}", "cannot reach Neo4j") from None


_REASON = re.compile(r"reason \[Errno -?\d+\] ([^)\]]+)")


def _first_line(exc: BaseException) -> str:
    """The driver's message on one line, with the operating system's reason when it gives one."""
    text = (getattr(exc, "message", None) or str(exc) or "").strip()
    if not text:
        return type(exc).__name__
    reason = _REASON.search(text)
    head = text.splitlines()[0].rstrip(" :")
    return f"{head}: {reason.group(1).strip().lower()}" if reason else head


def open_driver(settings: Settings) -> Driver:
    with neo4j_errors(settings):
        try:
            return GraphDatabase.driver(
                settings.neo4j_uri,
                auth=(settings.neo4j_user, settings.neo4j_password.get_secret_value()),
                connection_timeout=settings.neo4j_timeout,
                connection_acquisition_timeout=settings.neo4j_timeout,
                max_transaction_retry_time=settings.neo4j_retry_time,
                user_agent="datamap",
            )
        except ValueError as exc:
            raise BadRequest(f"invalid Neo4j URI {settings.neo4j_uri!r}: {exc}") from None


# -- the store ------------------------------------------------------------------------------------


def _fetch(keep: str) -> str:
    """Nodes by id, one index lookup each (an `IN` filter can scan the label), with their
    relationships to other datamap nodes that `keep` lets through."""
    return f"""
UNWIND $ids AS id
MATCH (n:{COMMON_LABEL} {{id: id}})
RETURN n.id AS id, labels(n) AS labels, properties(n) AS props,
       [(n)-[r]->(m:{COMMON_LABEL}){keep} | {{type: type(r), dst: m.id, props: properties(r)}}] AS rels
"""


# Only the relationships among the fetched nodes: the induced subgraph, which is all an answer
# reads.
FETCH = _fetch(" WHERE m.id IN $ids")
# Every relationship of the fetched nodes, for many ids: the `IN` filter is a scan of the list
# per relationship (its cost grows as the ids times their relationships), and Graph.of leaves
# out a relationship to a node not fetched.
FETCH_WIDE = _fetch("")
# Above this many ids a view is fetched with FETCH_WIDE.
FILTER_IDS_UP_TO = 300
META = f"MATCH (m:{META_LABEL} {{id: $id}}) RETURN properties(m) AS props"
# Added to a shaped question's statements: its metadata comes in the same round trip.
SHAPED_META = f"""
MATCH (m:{META_LABEL} {{id: $meta_id}})
RETURN [[m.id, labels(m), [k IN keys(m) | [k, m[k]]]]] AS nodes, [] AS rels
"""
POLICY = f"MATCH (p:{POLICY_LABEL} {{id: $id}}) RETURN properties(p) AS props"
NAMES = f"""
MATCH (n:{COMMON_LABEL})
OPTIONAL MATCH (n)-[:PART_OF]->(p:DataCategory)
RETURN n.id AS id, n.name AS name, labels(n) AS labels, n.aliases AS aliases,
       n.fideslang AS fideslang, n.dpv AS dpv, p.id AS parent, n.quotes AS quotes,
       n.sections AS sections
"""
# Whom each disclosure is to and which activity makes it: a name matching both a disclosure and
# one of those means the entry (QueryEngine.resolve).
DISCLOSED_TO = (
    f"MATCH (d:{Label.Disclosure})-[:{Rel.TO}]->(r:{COMMON_LABEL}) RETURN d.id AS id, r.id AS about"
)
DISCLOSED_BY = (
    f"MATCH (a:{COMMON_LABEL})-[:{Rel.DISCLOSES}]->(d:{Label.Disclosure}) "
    "RETURN d.id AS id, a.id AS about"
)
COUNTS = f"""
MATCH (n:{COMMON_LABEL})
RETURN labels(n) AS labels, count(*) AS nodes
"""
REL_COUNT = f"MATCH (:{COMMON_LABEL})-[r]->(:{COMMON_LABEL}) RETURN count(r) AS rels"
# Every statement the store itself sends beside the questions' scopes, with its parameters:
# for the dialect check.
STATEMENTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (FETCH, ("ids",)),
    (FETCH_WIDE, ("ids",)),
    (META, ("id",)),
    (POLICY, ("id",)),
    (NAMES, ()),
    (DISCLOSED_TO, ()),
    (DISCLOSED_BY, ()),
    (COUNTS, ()),
    (REL_COUNT, ()),
)


# While Neo4j is down, reads fail at once and a probe checks this often whether it is back.
PROBE_SECONDS = 1.0
# The first wait before a failed read is tried again, doubled each time (the driver's own).
RETRY_DELAY = 1.0


class Neo4jStore:
    name = "neo4j"
    immutable = False  # a sync can change the graph under a running process

    def __init__(self, settings: Settings, driver: Driver | None = None) -> None:
        self.settings = settings
        self.database = settings.neo4j_database
        self.driver = driver or open_driver(settings)
        # The names kept between questions, with the graph's fingerprint and answer order.
        self._names: tuple[str, list[NameEntry], Ranking] | None = None
        # Parents and children by id, made from the names (for _family).
        self._tree: tuple[list[NameEntry], dict[str, list[str]], dict[str, list[str]]] | None
        self._tree = None
        # Set while the server cannot be reached: the failure every read answers with at once.
        self._down: StoreDown | None = None
        self._probing = threading.Lock()
        self._closed = threading.Event()

    # -- plumbing --

    def read(self, work: Callable[[ManagedTransaction], T]) -> T:
        """`work` in a read transaction, retried by the driver."""
        return self._in_session(lambda session: session.execute_read(work))

    def read_one(self, statement: str, params: dict[str, Any]) -> list[Record]:
        """One statement's records in one round trip: an auto-commit read, where a read
        transaction waits a second round trip for its COMMIT.
        One statement reads one state of the graph all the same; a failure is retried as the
        driver retries a transaction, while the driver calls it retryable."""
        budget = self.settings.neo4j_retry_time

        def attempt(session: Session) -> list[Record]:
            started, delay = time.monotonic(), RETRY_DELAY
            while True:
                try:
                    return list(session.run(statement, params))
                except (Neo4jError, DriverError) as exc:
                    if not exc.is_retryable() or time.monotonic() - started > budget:
                        raise
                time.sleep(delay * random.uniform(0.8, 1.2))
                delay *= 2

        return self._in_session(attempt)

    def _in_session(self, work: Callable[[Session], T]) -> T:
        down = self._down
        if down is not None:  # fail fast; the probe clears this when the server is back
            raise StoreDown(down.message, down.public, retry_after=math.ceil(PROBE_SECONDS))
        try:
            with (
                neo4j_errors(self.settings),
                self.driver.session(
                    database=self.database, default_access_mode=READ_ACCESS
                ) as session,
            ):
                return work(session)
        except StoreDown as exc:
            self._went_down(exc)
            raise StoreDown(exc.message, exc.public, retry_after=math.ceil(PROBE_SECONDS)) from None

    def _went_down(self, failure: StoreDown) -> None:
        """Answer every read with `failure` until a probe reaches the server again."""
        self._down = failure
        if not self._probing.acquire(blocking=False):
            return  # a probe is already waiting for the server
        threading.Thread(target=self._probe, name="datamap-neo4j-probe", daemon=True).start()

    def _probe(self) -> None:
        try:
            while not self._closed.wait(PROBE_SECONDS):
                try:
                    with neo4j_errors(self.settings):
                        self.driver.verify_connectivity()
                except DatamapError:
                    continue
                self._down = None
                log.info("Neo4j at %s is reachable again", self.settings.neo4j_uri)
                return
        finally:
            self._probing.release()

    def check(self) -> dict[str, Any]:
        """Reachable, credentials accepted, and a datamap graph present: its metadata."""
        with neo4j_errors(self.settings):
            self.driver.verify_connectivity()
        return self.require_meta()

    def meta(self) -> dict[str, Any] | None:
        rows = self.read(lambda tx: tx.run(META, id=META_ID).data())
        return dict(rows[0]["props"]) if rows else None

    def require_meta(self) -> dict[str, Any]:
        meta = self.meta()
        if meta is None:
            raise StoreUnavailable(
                f"database {self.database!r} at {self.settings.neo4j_uri} holds no datamap graph; "
                "run `datamap sync` first",
                "the Neo4j database holds no datamap graph; run `datamap sync` first",
            )
        return meta

    # -- Store protocol --

    def view(self, query: Asked, args: Mapping[str, Any]) -> GraphView:
        scope = scope_of(query.name).pick(args)
        if scope.shaped:
            if scope.family is not None:
                args = {**args, **self._family(args[scope.family])}
            return self._shaped_view(scope.shaped_query(SHAPED_META), args)
        selection = scope.query()
        params = dict(args)

        def work(tx: ManagedTransaction) -> tuple[dict[str, Any] | None, list[Record]]:
            meta_rows = tx.run(META, id=META_ID).data()
            ids: set[str] = set()
            for record in tx.run(selection, params):
                ids.update(x for x in record["ids"] if x is not None)
            fetch = FETCH if len(ids) <= FILTER_IDS_UP_TO else FETCH_WIDE
            rows = list(tx.run(fetch, ids=sorted(ids))) if ids else []
            meta = dict(meta_rows[0]["props"]) if meta_rows else None
            if meta is not None and scope.policy:
                policy_rows = tx.run(POLICY, id=META_ID).data()
                if policy_rows:
                    meta["policy_document"] = from_neo4j(policy_rows[0]["props"])
            return meta, rows

        meta, rows = self.read(work)
        if meta is None:
            self.require_meta()
        self._saw((meta or {}).get("fingerprint", ""))
        self._readable(meta or {})
        return GraphView(subgraph(rows, meta or {}))

    def _shaped_view(self, statement: str, args: Mapping[str, Any]) -> GraphView:
        """One round trip: the view the question reads, and the graph's metadata with it."""
        params = {**args, "derived": list(DERIVED_PROPS), "meta_id": META_ID}
        # Records as they come: .data() would copy every nested list and map once more, work
        # the answer does not need.
        rows = self.read_one(statement, params)
        names = self._names
        meta, graph = shaped_graph(rows, args.get("family"), names[2] if names else None)
        if meta is None:
            self.require_meta()  # says there is no graph, or that the server lost it meanwhile
            meta = {}
        self._saw(meta.get("fingerprint", ""))
        self._readable(meta)
        return GraphView(graph)

    def _readable(self, meta: Mapping[str, Any]) -> None:
        """A graph written by a datamap whose reads differ is refused, not misread."""
        if meta.get("graph_format") != GRAPH_FORMAT:
            raise StoreUnavailable(
                f"the graph in database {self.database!r} at {self.settings.neo4j_uri} was "
                "written by an older datamap; run `datamap sync` to write it again",
                "the Neo4j graph was written by an older datamap; run `datamap sync` again",
            )

    def _family(self, cid: str) -> dict[str, list[str]]:
        """A category's family from the names kept (each names its parent): `family`, the
        category with every category above and beneath it; `held`, it and those beneath. Names
        from another graph are caught when the view comes back (_saw)."""
        entries = self.names()
        tree = self._tree
        if tree is None or tree[0] is not entries:
            up: dict[str, list[str]] = {}
            down: dict[str, list[str]] = {}
            for e in entries:
                if e.parent is not None:
                    up.setdefault(e.id, []).append(e.parent)
                    down.setdefault(e.parent, []).append(e.id)
            tree = self._tree = (entries, up, down)
        _, up, down = tree
        above, below = _closure(cid, up), _closure(cid, down)
        return {"family": [cid, *above, *below], "held": [cid, *below]}

    def _saw(self, fingerprint: str) -> None:
        """A question's view came from this graph: names read from another one are stale (a
        sync happened meanwhile), and the question is asked again with fresh ones."""
        if self._names is not None and self._names[0] != fingerprint:
            self._names = None
            raise StaleNames()

    def fingerprint(self) -> str:
        """The synced inventory's fingerprint plus the sync time: a re-sync changes it."""
        meta = self.require_meta()
        return f"{meta.get('fingerprint', '')}@{meta.get('synced_at', '')}"

    def names(self) -> list[NameEntry]:
        # Kept until a question's view shows another graph (see _saw): no round trip per
        # question just to check them.
        if self._names is not None:
            return self._names[1]
        fingerprint = self.require_meta().get("fingerprint", "")
        rows, joined = self.read(
            lambda tx: (
                list(tx.run(NAMES)),
                [*tx.run(DISCLOSED_TO), *tx.run(DISCLOSED_BY)],
            )
        )
        about: dict[str, set[str]] = {}
        for r in joined:
            about.setdefault(r["id"], set()).add(r["about"])
        entries = [
            NameEntry(
                r["id"],
                r["name"] or r["id"],
                kind_of(r["labels"]),
                tuple(r["aliases"] or ()),
                tuple(r[k] for k in ("fideslang", "dpv") if r[k]),
                r["parent"],
                quotes=tuple(r["quotes"] or ()),
                sections=tuple(r["sections"] or ()),
                about=tuple(sorted(about.get(r["id"], ()))),
            )
            for r in rows
        ]
        # Answer order, as a view's graph reads a name (an absent one is the id), counted once
        # here rather than in every question's view.
        ranking = Ranking((r["id"], r["name"] if r["name"] is not None else r["id"]) for r in rows)
        self._names = (fingerprint, entries, ranking)
        return entries

    def forget_names(self) -> bool:
        if self._names is None:
            return False
        if self._names[0] == self.require_meta().get("fingerprint", ""):
            return False
        self._names = None
        return True

    def info(self) -> dict[str, Any]:
        meta = self.require_meta()

        def work(tx: ManagedTransaction) -> tuple[list[dict[str, Any]], int]:
            return tx.run(COUNTS).data(), tx.run(REL_COUNT).single(strict=True)["rels"]

        rows, rels = self.read(work)
        labels: Counter[str] = Counter()
        for row in rows:
            labels[kind_of(row["labels"])] += row["nodes"]
        return {
            "store": self.name,
            "uri": self.settings.neo4j_uri,
            "database": self.database,
            "fingerprint": meta.get("fingerprint", ""),
            "synced_at": meta.get("synced_at"),
            "policy": {
                "id": meta.get("policy_id", ""),
                "title": meta.get("policy_title", ""),
                "last_updated": meta.get("policy_last_updated", ""),
            },
            "nodes": sum(labels.values()),
            "relationships": rels,
            "labels": dict(sorted(labels.items())),
        }

    def close(self) -> None:
        self._closed.set()
        self.driver.close()


_DISCLOSURE, _OF = str(Label.Disclosure), str(Rel.OF)

# Stored disclosures kept parsed, by their text: a disclosure recurs in the answers of every
# category it is of, and would be parsed again for each. Keyed by the very text the server
# sent, so that nothing kept outlives a change (a changed disclosure is another key); bounded,
# so that memory does not grow with the graph (~5 KiB an entry).
STORED_KEPT = 8192

# A stored disclosure as a view takes it: its id; its OF relationships' data by category, and
# those categories; its pieces as (kind, id, piece); and the nodes it names (itself included)
# by id, as node data.
_Stored = tuple[
    str,
    dict[str, dict[str, Any]],
    frozenset[str],
    tuple[tuple[str, str, dict[str, Any]], ...],
    dict[str, dict[str, Any]],
]


@functools.lru_cache(maxsize=STORED_KEPT)
def _parsed(text: str) -> _Stored:
    """A stored disclosure (pieces.stored_pieces), parsed once. Shared between views: nothing
    reading a view changes it (Graph and pieces are read-only)."""
    categories, entries = unstored(orjson.loads(text))
    of = {cat: edge_props(_OF, {"inferred": inferred}) for cat, inferred in categories}
    did, piece = entries[0][1], entries[0][2]
    named = {did: {"name": piece["name"], "label": _DISCLOSURE}}
    for kind, _, kept in entries:
        for ref, label in named_in(kind, kept):
            named.setdefault(ref["id"], {"name": ref["name"], "label": label})
    return did, of, frozenset(of), tuple((k, i, p) for k, i, p in entries), named


def edge_props(rel: str, raw: Mapping[str, Any]) -> dict[str, Any]:
    """A relationship's properties as the embedded graph holds them (a null is no property)."""
    props = from_neo4j({k: v for k, v in raw.items() if v is not None})
    props["type"] = rel
    props.setdefault("sources", [])
    return props


def graph_meta(meta: Mapping[str, Any]) -> dict[str, Any]:
    """The embedded graph's attributes, from the metadata node (and the policy, when read)."""
    out: dict[str, Any] = {k: meta[k] for k in GRAPH_META_KEYS if k in meta}
    if "policy_document" in meta:
        document = dict(meta["policy_document"])
        document.pop("id", None)
        out["policy_document"] = document
    return out


def shaped_graph(
    rows: Iterable[Mapping[str, Any]],
    family: Iterable[str] | None,
    ranking: Ranking | None = None,
) -> tuple[dict[str, Any] | None, Graph]:
    """A shaped scope's rows (scopes.py) as the graph's metadata (None when the server sent
    none) and the view's graph; `family`, the categories whose disclosures were asked for;
    `ranking`, the whole graph's answer order, when the names read from it are kept."""
    nodes: dict[str, dict[str, Any]] = {}
    edges: list[tuple[str, str, str, dict[str, Any]]] = []
    meta: dict[str, Any] | None = None
    # The answer pieces a sync wrote beside the nodes, by kind and id (graph/pieces.py).
    pieces: dict[str, dict[str, dict[str, Any]]] = {kind: {} for kind in STORED_KINDS}
    # A stored disclosure's relationships to categories outside the family asked are not in
    # the view: left out here rather than by Graph.of (most disclosures are of many).
    asked = frozenset(family) if family is not None else None
    rows = list(rows)
    # Stored disclosures first, each once however many of the family's categories it is of:
    # what they name comes by name and is shared with other views (_parsed); what the other
    # statements send is merged on top into dicts of this view's own.
    for text in {entry for row in rows for entry in row["nodes"] if type(entry) is str}:
        did, of, categories, entries, named = _parsed(text)
        nodes.update(named)
        for kind, pid, piece in entries:
            pieces[kind][pid] = piece
        for cat in categories if asked is None else categories & asked:
            edges.append((did, cat, _OF, of[cat]))
    for row in rows:
        for entry in row["nodes"]:
            if type(entry) is str:
                continue
            nid, labels, pairs = entry
            if nid is None:
                continue
            props = from_neo4j({k: v for k, v in pairs if v is not None})
            if META_LABEL in labels:
                meta = props
                continue
            props["label"] = kind_of(labels)
            found = nodes.get(nid)
            nodes[nid] = {**found, **props} if found else props
        for src, rel, dst, pairs in row["rels"]:
            if src is not None and dst is not None:
                edges.append((src, dst, rel, edge_props(rel, dict(pairs))))
    graph = Graph.of(graph_meta(meta or {}), nodes.items(), edges, plain=True, ranking=ranking)
    graph.pieces.update((kind, kept) for kind, kept in pieces.items() if kept)
    return meta, graph


def subgraph(rows: Sequence[Mapping[str, Any]], meta: Mapping[str, Any]) -> Graph:
    """The fetched nodes and the relationships among them, with the embedded graph's attributes."""
    nodes = []
    for row in rows:
        props = from_neo4j(row["props"])
        props["label"] = kind_of(row["labels"])
        nodes.append((row["id"], props))
    edges = []
    for row in rows:
        for rel in row["rels"]:
            if rel.get("type") is not None:
                props = edge_props(rel["type"], rel["props"] or {})
                edges.append((row["id"], rel["dst"], rel["type"], props))
    return Graph.of(graph_meta(meta), nodes, edges)


def _closure(start: str, links: dict[str, list[str]]) -> list[str]:
    """Every id reached from `start` by following `links`, `start` left out."""
    seen = {start}
    out: list[str] = []
    stack = [start]
    while stack:
        for nxt in links.get(stack.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                out.append(nxt)
                stack.append(nxt)
    return out
