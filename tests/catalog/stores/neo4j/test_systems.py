"""Systems and their fields sync to Neo4j and answer there exactly as on the embedded store."""

from __future__ import annotations

import yaml

from catalog import queries
from catalog.graph.build import load_graph
from catalog.queries.engine import QueryEngine
from catalog.stores.embedded import EmbeddedStore
from catalog.stores.neo4j.sync import sync
from tests.catalog.stores.neo4j.conftest import asker


def _whom_and_how_grave(root) -> None:
    """Whom some fields are about (a scan's reading or a reviewer's), and a special category
    held: both must come back from Neo4j as they went in."""
    path = root / "systems.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    shop, crm = data["systems"]
    for f in shop["fields"]:
        if f["table"] in ("customers", "orders"):
            f["subject"] = "customer"
        elif f["table"] == "web_sessions":
            f["subject"] = "user"
    crm["fields"][0]["subject"] = "contact"
    crm["fields"].append(
        {
            "table": "contacts",
            "column": "allergies",
            "category": "personal-information",
            "fideslang": "user.health_and_medical",
            "subject": "contact",
            "status": "accepted",
            "declared": {"by": "A. DPO", "date": "2026-11-30"},
        }
    )
    # declared with a category alone (an item): flagged from the nearest category's key
    crm["fields"].append(
        {
            "table": "contacts",
            "column": "voicemail",
            "category": "recordings-of-calls",
            "status": "accepted",
            "declared": {"by": "A. DPO", "date": "2026-11-30"},
        }
    )
    # what a re-scan noticed: a column gone (HELD, not HOLDS) and evidence against a decision
    scanned = {"at": "2026-12-05T10:00:00+00:00", "database": "sqlite:///crm.db"}
    crm["fields"].append(
        {
            "table": "contacts",
            "column": "pager",
            "category": "phone-numbers",
            "status": "accepted",
            "declared": {"by": "A. DPO", "date": "2026-11-30"},
            "gone": scanned | {"reason": "the scan found no column pager in table contacts"},
        }
    )
    crm["fields"][0]["no_longer_matching"] = scanned | {
        "reason": "its values no longer look like it"
    }
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def test_systems_answer_alike_on_both_stores(shop_inventory, neo4j_store) -> None:
    _whom_and_how_grave(shop_inventory)
    graph = load_graph(shop_inventory)
    sync(neo4j_store, graph)
    embedded, neo4j = QueryEngine(EmbeddedStore(graph)), QueryEngine(neo4j_store)

    same = asker(embedded, neo4j)

    for entry in embedded.store.names():
        if entry.label == "DataCategory":
            same(queries.WHERE, category=entry.id)
    emails = same(queries.WHERE, category="email-addresses")
    assert [(x["system"]["id"], x["field"], x["status"]) for x in emails["locations"][:2]] == [
        ("crm", "contacts.email", "accepted"),
        ("shop-db", "customers.email", "accepted"),
    ]
    assert [x["subject"] for x in emails["locations"][:2]] == ["contact", "customer"]
    assert {"subject": "customer", "fields": 1} in emails["subjects"]
    held = same(queries.WHERE, category="personal-information")
    [allergies] = [x for x in held["locations"] if x["field"] == "contacts.allergies"]
    assert {s["regime"]: s["reference"] for s in allergies["special"]} == {
        "gdpr": "GDPR Art. 9(1)",
        "ccpa": "CCPA §1798.140(ae)(2)(B)",
    }
    assert held["subjects"][0]["subject"] == "customer"  # most fields first
    calls = same(queries.WHERE, category="recordings of calls")
    [voicemail] = [x for x in calls["locations"] if x["field"] == "contacts.voicemail"]
    assert [s["reference"] for s in voicemail["special"]] == ["CCPA §1798.140(ae)(1)(E)"]
    assert voicemail["subject"] is None
    phones = same(queries.WHERE, category="phone-numbers")
    assert [x["field"] for x in phones["gone"]] == ["contacts.pager"]
    assert "contacts.pager" not in {x["field"] for x in phones["locations"]}
    assert phones["gone"][0]["gone"]["reason"].startswith("the scan found no column pager")
    data_map = same(queries.DATA_MAP)
    [crm] = [n for n in data_map["nodes"] if n["id"] == "crm"]
    assert [r.split(":")[0] for r in crm["review"]] == ["no longer matching", "gone"]
    assert crm["subjects"] == [
        {"subject": "contact", "fields": 2},
        {"subject": None, "fields": 1},
    ]
    assert crm["special"] == [
        "CCPA §1798.140(ae)(1)(E) (contents of mail, e-mail or text messages)",
        "CCPA §1798.140(ae)(2)(B) (health)",
        "GDPR Art. 9(1) (data concerning health)",
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
