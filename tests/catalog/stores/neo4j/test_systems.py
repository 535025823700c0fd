"""Systems and their fields sync to Neo4j and answer there exactly as on the embedded store."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml

from catalog import queries
from catalog.dev.shop import create_shop
from catalog.graph.build import load_graph
from catalog.queries.engine import QueryEngine
from catalog.stores.embedded import EmbeddedStore
from catalog.stores.neo4j.sync import sync


def shop_inventory(cli, tmp_path: Path, inventory_dir: Path) -> Path:
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


def test_systems_answer_alike_on_both_stores(cli, tmp_path, inventory_dir, neo4j_store) -> None:
    graph = load_graph(shop_inventory(cli, tmp_path, inventory_dir))
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
