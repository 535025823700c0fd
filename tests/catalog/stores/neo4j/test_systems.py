"""Systems and their fields sync to Neo4j and answer there exactly as on the embedded store."""

from __future__ import annotations

import json

from catalog import queries
from catalog.graph.build import load_graph
from catalog.queries.engine import QueryEngine
from catalog.stores.embedded import EmbeddedStore
from catalog.stores.neo4j.sync import sync


def test_systems_answer_alike_on_both_stores(shop_inventory, neo4j_store) -> None:
    graph = load_graph(shop_inventory)
    sync(neo4j_store, graph)
    embedded, neo4j = QueryEngine(EmbeddedStore(graph)), QueryEngine(neo4j_store)

    def same(query: queries.Query, **args: str) -> dict:
        a, b = embedded.ask(query, **args).to_json(), neo4j.ask(query, **args).to_json()
        assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True), (query.name, args)
        return a

    for entry in embedded.store.names():
        if entry.label == "DataCategory":
            same(queries.WHERE, category=entry.id)
    emails = same(queries.WHERE, category="email-addresses")
    assert [(x["system"]["id"], x["field"], x["status"]) for x in emails["locations"][:2]] == [
        ("crm", "contacts.email", "accepted"),
        ("shop-db", "customers.email", "accepted"),
    ]
    payment = same(queries.WHERE, category="payment information")
    assert [(f["source"]["id"], f["target"]["id"]) for f in payment["flows"]] == [
        ("shop-db", "payment-service-providers")
    ]
    ip = same(queries.WHERE, category="ip-address")
    assert "orders.ip_address" not in {x["field"] for x in ip["locations"]}  # rejected
    shop = same(queries.SHOW, entry="shop-db")
    assert shop["type"] == "System"
    same(queries.SHOW, entry="shop-db/customers.email")
