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
    for cid in ("payment-information", "email-addresses", "personal-information"):
        who = same(queries.WHO_RECEIVES, category=cid)
        for depth in (1, 2, 3):
            same(queries.LINEAGE, category=cid, depth=depth)
    who = same(queries.WHO_RECEIVES, category="payment information")
    assert [s["id"] for s in who["held_in"]] == ["shop-db"]
    assert [(f["source"]["id"], f["target"]["id"]) for f in who["system_flows"]] == [
        ("shop-db", "payment-service-providers")
    ]
    lineage = same(queries.LINEAGE, category="payment information", depth=3)
    assert [s["id"] for s in lineage["downstream"]["systems"]] == ["shop-db"]
    flows = {(e["source"], e["target"]) for e in lineage["edges"] if e["type"] == "FLOWS_TO"}
    assert flows == {("shop-db", "payment-service-providers")}
    # a flow carrying something else is not on e-mail addresses' lineage
    emails_lineage = same(queries.LINEAGE, category="email-addresses", depth=3)
    assert not [e for e in emails_lineage["edges"] if e["type"] == "FLOWS_TO"]
    shop = same(queries.SHOW, entry="shop-db")
    assert shop["type"] == "System"
    same(queries.SHOW, entry="shop-db/customers.email")
