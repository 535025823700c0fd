"""The sync figure's baseline: the same nodes and relationships `datamap sync` writes, with their
plain properties only, written with sync's own `UNWIND $rows ... CREATE` statements in one
transaction and in batches of the same size, into an empty database with the same schema. What
it leaves out is everything sync does beyond writing: reading the server's state, the readable
quotes and the content hash it adds to each entry, diffing, and recording the sync."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from catalog.model.kinds import encode_props
from catalog.stores.neo4j.store import COMMON_LABEL, META_LABEL, POLICY_LABEL
from catalog.stores.neo4j.sync import _chunks, create_nodes, create_relationships


def bare_create(store: Any, graph: Any, batch: int) -> None:
    """The rows are made inside the timing, as sync makes its own."""
    by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
    labels: dict[str, str] = {}
    for nid, attrs in graph.nodes(data=True):
        labels[nid] = attrs["label"]
        props = encode_props({k: v for k, v in attrs.items() if k != "label"})
        by_label[attrs["label"]].append({"id": nid, "props": props})
    by_type: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for src, dst, rel, attrs in graph.edges(keys=True, data=True):
        props = encode_props({k: v for k, v in attrs.items() if k != "type"})
        row = {"src": src, "dst": dst, "props": props}
        by_type[(str(rel), labels[src], labels[dst])].append(row)
    statements: list[tuple[str, dict[str, Any]]] = []
    for label, rows in sorted(by_label.items()):
        statements += [(create_nodes(label), {"rows": c}) for c in _chunks(rows, batch)]
    for (rel, a, b), rows in sorted(by_type.items()):
        statements += [(create_relationships(rel, a, b), {"rows": c}) for c in _chunks(rows, batch)]
    with store.driver.session(database=store.database) as session:
        tx = session.begin_transaction()
        try:
            for statement, params in statements:
                tx.run(statement, params).consume()
            tx.commit()
        finally:
            if not tx.closed():
                tx.rollback()


def wipe(store: Any) -> None:
    """Delete everything datamap (or the baseline) wrote, in batches."""
    labels = (COMMON_LABEL, META_LABEL, POLICY_LABEL)
    with store.driver.session(database=store.database) as session:
        for label in labels:
            while True:
                deleted = session.run(
                    f"MATCH (n:{label}) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS n"
                ).single()["n"]
                if not deleted:
                    break
