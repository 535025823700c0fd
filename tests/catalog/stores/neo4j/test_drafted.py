"""A drafted inventory (`datamap draft`) syncs to Neo4j and answers there exactly as on the
embedded store: its drafted marks and confidences travel with it."""

from __future__ import annotations

from pathlib import Path

from catalog import queries
from catalog.drafting import read_policy
from catalog.drafting.folder import build_folder
from catalog.graph.build import load_graph
from catalog.queries.engine import QueryEngine
from catalog.stores.embedded import EmbeddedStore
from catalog.stores.neo4j.sync import sync
from tests.catalog.stores.neo4j.conftest import asker
from tests.conftest import REPO


def test_a_drafted_inventory_answers_alike_on_both_stores(neo4j_store, tmp_path: Path) -> None:
    folder = tmp_path / "mailjet"
    build_folder(folder, read_policy(REPO / "bench" / "policies" / "mailjet" / "policy.md"), None)
    graph = load_graph(folder)
    sync(neo4j_store, graph)
    embedded, neo4j = QueryEngine(EmbeddedStore(graph)), QueryEngine(neo4j_store)

    same = asker(embedded, neo4j)

    for entry in embedded.store.names():
        if entry.label == "DataCategory":
            same(queries.WHO_RECEIVES, category=entry.id)
    same(queries.WHAT_IS_SOLD)
    same(queries.TRANSFERS)
    record = same(queries.ROPA, regime="gdpr")
    items = [i for a in record["activities"] for i in a["data_categories"]]
    assert items and all(i["draft"] for i in items)
    who = same(queries.WHO_RECEIVES, category="user.financial.credit_card")
    assert "Stripe" in {r["name"] for r in who["recipients"]}
