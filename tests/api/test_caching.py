"""ETags change only when the inventory (or the synced graph) changes; 304 on a match."""

from __future__ import annotations

from catalog.graph.build import build_graph
from catalog.loading.validation import load_inventory
from catalog.stores.embedded import EmbeddedStore


def test_etag_and_304(client) -> None:
    first = client.get("/categories/payment-information/recipients")
    etag = first.headers["etag"]
    assert etag.startswith('W/"') and first.headers["cache-control"] == "private, no-cache"
    assert client.get("/categories/payment-information/recipients").headers["etag"] == etag
    again = client.get(
        "/categories/payment-information/recipients", headers={"If-None-Match": etag}
    )
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    assert (
        client.get(
            "/categories/payment-information/recipients", headers={"If-None-Match": '"other"'}
        ).status_code
        == 200
    )


def test_each_representation_has_its_own_etag(client) -> None:
    a = client.get("/categories/payment-information/recipients").headers["etag"]
    b = client.get("/categories/phone-numbers/recipients").headers["etag"]
    c = client.get("/ropa", headers={"Accept": "text/csv"}).headers["etag"]
    d = client.get("/ropa").headers["etag"]
    assert len({a, b, c, d}) == 4


def test_etag_changes_with_the_inventory(make_client, broken_inventory) -> None:
    root = broken_inventory(
        "recipients.yaml", "    name: Shipping providers\n", "    name: Couriers\n"
    )
    inventory = load_inventory(root)
    changed = make_client(store=EmbeddedStore(build_graph(inventory)))
    original = make_client()
    url = "/categories/payment-information/recipients"
    assert changed.get(url).headers["etag"] != original.get(url).headers["etag"]


def test_neo4j_answers_are_kept_until_a_resync(make_client, synced_store, broken_inventory) -> None:
    from catalog.stores.neo4j.sync import sync

    client = make_client(store=synced_store)
    url = "/recipients?q=shipping"
    before = client.get(url)
    assert [r["name"] for r in before.json()["items"]] == ["Shipping providers"]
    views = []
    original_view = synced_store.view
    synced_store.view = lambda *args: views.append(args) or original_view(*args)
    again = client.get(url)
    assert again.content == before.content and again.headers["etag"] == before.headers["etag"]
    assert views == []  # a repeated question is answered from what was rendered
    root = broken_inventory(
        "recipients.yaml", "    name: Shipping providers\n", "    name: Couriers\n"
    )
    sync(synced_store, build_graph(load_inventory(root)))
    after = client.get(url, headers={"If-None-Match": before.headers["etag"]})
    assert after.status_code == 200 and after.headers["etag"] != before.headers["etag"]
    assert [r["name"] for r in after.json()["items"]] == ["Couriers"]  # matched by its id
