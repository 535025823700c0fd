"""`datamap sync` against a real Bolt server: first sync, no-op re-sync, only the difference,
and failures (bad data, a killed server) that leave the previous graph exactly as it was."""

from __future__ import annotations

import json
import shutil
import threading
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pytest

from catalog import queries
from catalog.errors import StoreUnavailable
from catalog.graph.build import build_graph
from catalog.graph.pieces import unstored
from catalog.loading.validation import load_inventory
from catalog.queries.engine import QueryEngine
from catalog.stores.neo4j.store import Neo4jStore
from catalog.stores.neo4j.sync import SyncFailed, current_state, desired_state, sync


def server_state(store: Neo4jStore) -> tuple[dict, dict, dict]:
    """Everything datamap put on the server: nodes, relationships (with hashes) and metadata."""
    nodes, rels = store.read(current_state)
    return nodes, rels, store.meta() or {}


def test_first_sync_writes_the_whole_graph(
    neo4j_store: Neo4jStore, graph: nx.MultiDiGraph, server_count
) -> None:
    report = sync(neo4j_store, graph)
    assert report.changed
    assert (report.nodes_created, report.nodes_updated, report.nodes_deleted) == (
        graph.number_of_nodes(),
        0,
        0,
    )
    assert report.relationships_created == graph.number_of_edges()
    assert server_count("MATCH (n:Datamap) RETURN count(n)") == graph.number_of_nodes()
    assert (
        server_count("MATCH (:Datamap)-[r]->(:Datamap) RETURN count(r)") == graph.number_of_edges()
    )
    assert server_count("MATCH (n:DataCategory {id: 'payment-information'}) RETURN count(n)") == 1
    assert (
        server_count(
            "MATCH (:ProcessingActivity {id: 'online-purchases'})-[:DISCLOSES]->(:Disclosure)-[:TO]->(r:Recipient {id: 'payment-service-providers'}) RETURN count(r)",
        )
        == 1
    )
    meta = neo4j_store.meta()
    assert meta and meta["fingerprint"] == graph.graph["fingerprint"]


def test_constraints_come_first(neo4j_store: Neo4jStore, graph: nx.MultiDiGraph) -> None:
    sync(neo4j_store, graph)
    with neo4j_store.driver.session(database=neo4j_store.database) as session:
        rows = session.run("SHOW CONSTRAINTS").data()
    constrained = {tuple(r["labelsOrTypes"]) for r in rows}
    assert {("Datamap",), ("DataCategory",), ("Recipient",), ("Disclosure",)} <= constrained


def test_properties_keep_provenance_readable_in_cypher(shared_synced_store: Neo4jStore) -> None:
    rows = shared_synced_store.read(
        lambda tx: tx.run(
            "MATCH (c:DataCategory {id: 'your-payment-information'}) RETURN c.quotes AS quotes, c.sources__json AS raw, c.ccpa AS ccpa"
        ).data()
    )
    (row,) = rows
    assert row["quotes"] == ["Your payment information"]
    assert json.loads(row["raw"])[0]["section"].endswith("When You Make a Purchase with Us")
    assert row["ccpa"] == ["B"]


def test_a_second_sync_changes_nothing_and_says_so(
    synced_store: Neo4jStore, graph: nx.MultiDiGraph
) -> None:
    before = server_state(synced_store)
    report = sync(synced_store, graph)
    assert not report.changed
    assert "already in sync: nothing changed" in report.summary()
    assert server_state(synced_store) == before  # not even the sync time was rewritten


def _write(store: Neo4jStore, cypher: str) -> None:
    with store.driver.session(database=store.database) as session:
        session.run(cypher).consume()


def test_a_second_sync_trusts_the_record_of_the_first_and_verify_compares_all(
    synced_store: Neo4jStore, graph: nx.MultiDiGraph
) -> None:
    assert sync(synced_store, graph).checked == "fingerprint"
    # an edit by hand that keeps the counts: only a verifying sync sees and repairs it
    _write(synced_store, "MATCH (n:Purpose {id: 'facilitate-returns'}) SET n.name = 'edited'")
    assert not sync(synced_store, graph).changed
    report = sync(synced_store, graph, verify=True)
    assert report.checked == "every node and relationship" and report.nodes_updated == 1
    assert not sync(synced_store, graph, verify=True).changed


def test_a_node_deleted_by_hand_is_noticed_without_verify(
    synced_store: Neo4jStore, graph: nx.MultiDiGraph
) -> None:
    _write(synced_store, "MATCH (n:Recipient {id: 'mobile-carriers'}) DETACH DELETE n")
    report = sync(synced_store, graph)
    assert report.checked == "every node and relationship"
    assert report.nodes_created == 1 and report.relationships_created >= 1
    assert sync(synced_store, graph).checked == "fingerprint"


FRAUD_DISCLOSURE = """  - id: gd-fraud-protection
    name: Information to other companies and organizations for fraud protection
    recipient: fraud-protection-organisations
    categories: [personal-information]
    purposes: [fraud-protection-risk-reduction]
    sources:
      - section: Compliance with Law and Fraud Protection
        quote: (3) to other companies and organizations for fraud protection and risk reduction
"""


RENAMED = "To facilitate returns and exchanges"


def test_a_changed_inventory_syncs_only_the_difference(
    synced_store: Neo4jStore, graph: nx.MultiDiGraph, broken_inventory
) -> None:
    # three edits: a purpose reworded, a general disclosure removed, a recipient added
    broken_inventory(
        "purposes.yaml",
        "    name: To facilitate returns\n",
        f"    name: {RENAMED}\n",
    )
    broken_inventory("general_disclosures.yaml", FRAUD_DISCLOSURE, "")
    root = broken_inventory(
        "recipients.yaml",
        "  - id: mobile-carriers\n",
        "  - id: couriers\n    name: Couriers\n    role: service_provider\n"
        "    sources: [{section: When You Make a Purchase with Us, quote: Shipping providers}]\n\n"
        "  - id: mobile-carriers\n",
    )
    new = build_graph(load_inventory(root))

    report = sync(synced_store, new)
    # the purpose, and the disclosures for it: their answer pieces name it
    purpose = next(n for n, d in new.nodes(data=True) if d.get("name") == RENAMED)
    naming = sorted(
        u
        for u, _, rel in new.in_edges(purpose, keys=True)
        if rel == "FOR_PURPOSE" and new.nodes[u]["label"] == "Disclosure"
    )
    assert naming
    assert (report.nodes_created, report.nodes_updated, report.nodes_deleted) == (
        1,
        1 + len(naming),
        1,
    )
    pieces = synced_store.read(
        lambda tx: [
            unstored(json.loads(r["piece"]))[1][0][2]  # [kind, id, piece], its own first
            for r in tx.run(
                "UNWIND $ids AS id MATCH (d:Disclosure {id: id}) RETURN d._piece AS piece",
                ids=naming,
            )
        ]
    )
    assert [p["id"] for p in pieces] == naming
    assert all({"id": purpose, "name": RENAMED} in p["purposes"] for p in pieces)
    # the removed disclosure's TO, OF and FOR_PURPOSE go with it; nothing else is touched
    assert (
        report.relationships_created,
        report.relationships_updated,
        report.relationships_deleted,
    ) == (0, 0, 3)
    nodes, rels, meta = server_state(synced_store)
    assert "couriers" in nodes and "gd-fraud-protection" not in nodes
    assert len(nodes) == new.number_of_nodes() and len(rels) == new.number_of_edges()
    assert meta["fingerprint"] == new.graph["fingerprint"]
    assert not sync(synced_store, new).changed


def test_a_sync_that_fails_midway_leaves_the_old_graph(
    synced_store: Neo4jStore,
    graph: nx.MultiDiGraph,
    broken_inventory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = server_state(synced_store)
    root = broken_inventory(
        "purposes.yaml",
        "    name: To facilitate returns\n",
        f"    name: {RENAMED}\n",
    )
    root = broken_inventory(
        "recipients.yaml", "    name: Shipping providers\n", "    name: Couriers\n"
    )
    new = build_graph(load_inventory(root))

    import catalog.stores.neo4j.sync as sync_module

    real = sync_module.to_neo4j

    def poisoned(attrs, drop, piece=None):
        props = real(attrs, drop, piece)
        if attrs.get("id") == "shipping-providers":
            props["id"] = "payment-service-providers"  # breaks the uniqueness constraint on id
        return props

    monkeypatch.setattr(sync_module, "to_neo4j", poisoned)
    with pytest.raises(SyncFailed, match="the graph on the server is unchanged"):
        sync(synced_store, new, batch_size=1)  # one row a batch: the purpose is written first
    assert server_state(synced_store) == before


def test_a_server_killed_midway_leaves_the_old_graph(
    graph: nx.MultiDiGraph, broken_inventory, crashable_server
) -> None:
    server = crashable_server.server
    try:
        store = Neo4jStore(server.settings())
        sync(store, graph)
        before = server_state(store)
        root = broken_inventory(
            "recipients.yaml", "    name: Shipping providers\n", "    name: Couriers\n"
        )
        root = broken_inventory(
            "purposes.yaml",
            "    name: To facilitate returns\n",
            f"    name: {RENAMED}\n",
        )
        new = build_graph(load_inventory(root))

        def kill_after_first(batch: int) -> None:
            if batch == 0:
                crashable_server.kill()

        with pytest.raises(SyncFailed):
            sync(store, new, batch_size=1, after_batch=kill_after_first)
        store.close()
    finally:
        crashable_server.kill()
    restarted = crashable_server.restart()
    store = Neo4jStore(restarted.settings())
    assert server_state(store) == before
    store.close()


def variant(inventory_dir: Path, folder: Path, file: str, old: str, new: str) -> nx.MultiDiGraph:
    """The shipped inventory's graph with one sentence of one file changed."""
    shutil.copytree(inventory_dir, folder, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    path = folder / file
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    return build_graph(load_inventory(folder))


def test_overlapping_syncs_leave_exactly_one_inventory(
    neo4j_settings, graph: nx.MultiDiGraph, inventory_dir: Path, tmp_path: Path
) -> None:
    """Both syncs read the server before either writes (made to happen): the one that writes
    second finds the record of the last sync moved on, reads again and writes its whole
    difference, so the graph equals exactly its inventory, not a mix of the two."""
    base = Neo4jStore(neo4j_settings)
    sync(base, graph)
    a = variant(
        inventory_dir,
        tmp_path / "a",
        "recipients.yaml",
        "    name: Shipping providers\n",
        "    name: Couriers\n",
    )
    b = variant(
        inventory_dir,
        tmp_path / "b",
        "purposes.yaml",
        "    name: To facilitate returns\n",
        f"    name: {RENAMED}\n",
    )
    both_read = threading.Barrier(2, timeout=60)
    reads: list[str] = []

    def after_read(name: str) -> Callable[[], None]:
        def hook() -> None:
            reads.append(name)
            if reads.count(name) == 1:  # the first read of each waits for the other's
                both_read.wait()

        return hook

    reports: dict[str, object] = {}

    def run(name: str, g: nx.MultiDiGraph) -> None:
        store = Neo4jStore(neo4j_settings)
        try:
            reports[name] = sync(store, g, after_read=after_read(name))
        except Exception as exc:  # reported below, with the other sync's outcome
            reports[name] = exc
        finally:
            store.close()

    threads = [threading.Thread(target=run, args=(n, g)) for n, g in (("a", a), ("b", b))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert all(not isinstance(r, Exception) for r in reports.values()), reports
    assert len(reads) == 3  # both read, then the one that lost read again
    last = reads[-1]
    expected = desired_state({"a": a, "b": b}[last])
    nodes, rels = base.read(current_state)
    assert {k: v[1] for k, v in nodes.items()} == {k: v[1]["_hash"] for k, v in expected[0].items()}
    assert rels == {k: v[2]["_hash"] for k, v in expected[1].items()}
    assert base.meta()["fingerprint"] == {"a": a, "b": b}[last].graph["fingerprint"]
    # and a plain sync of that inventory now finds nothing to do
    assert not sync(base, {"a": a, "b": b}[last]).changed
    base.close()


def test_a_graph_written_by_an_older_datamap_is_refused_until_synced_again(
    synced_store: Neo4jStore, graph: nx.MultiDiGraph
) -> None:
    # an older datamap wrote no answer pieces: reading its graph as this one would misanswer
    _write(synced_store, "MATCH (d:Disclosure) REMOVE d._piece")
    _write(synced_store, "MATCH (m:DatamapMeta) SET m.graph_format = 1")
    engine = QueryEngine(synced_store)
    with pytest.raises(StoreUnavailable, match=r"written by an older datamap; run `datamap sync`"):
        engine.ask(queries.WHO_RECEIVES, category="payment-information")
    report = sync(synced_store, graph)
    assert report.checked == "every node and relationship"
    assert report.nodes_updated == sum(
        1 for _, d in graph.nodes(data=True) if d["label"] == "Disclosure"
    )
    answer = engine.ask(queries.WHO_RECEIVES, category="payment-information").to_json()
    assert "payment-service-providers" in {r["id"] for r in answer["recipients"]}
