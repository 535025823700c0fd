"""The data map in a real headless Chromium, against the API served by a real uvicorn: it
loads, shows Stefere's map, a filter and a click do what they say, the address bar keeps the
view, and nothing is requested from outside the server."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator

import httpx2
import pytest
import uvicorn

from api.main import create_app
from catalog.dev.arcadedb import free_port
from catalog.dev.browser import Chromium
from catalog.settings import Settings
from catalog.stores.embedded import EmbeddedStore


def _serve(app) -> Iterator[str]:
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield base
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def served(graph) -> Iterator[str]:
    yield from _serve(create_app(store=EmbeddedStore(graph)))


# A key for the map (catalog scope) and one that does not grant it.
MAP_KEY, RECORDS_KEY = "dpo-91bc2d77", "ci-7f3a9e22"


@pytest.fixture(scope="module")
def served_with_keys(graph) -> Iterator[str]:
    settings = Settings(api_keys=f"{MAP_KEY}:catalog,{RECORDS_KEY}:records")
    yield from _serve(create_app(settings, store=EmbeddedStore(graph)))


@pytest.fixture(scope="module")
def browser() -> Iterator[Chromium]:
    # A browser that will not start fails the tests (make test installs Debian's chromium).
    with Chromium() as b:
        yield b


def nodes(browser: Chromium, selector: str = "[data-node]") -> list[str]:
    return browser.evaluate(
        f"[...document.querySelectorAll('{selector}')].map(n => n.dataset.node)"
    )


def open_map(browser: Chromium, base: str, view: str = "") -> None:
    browser.navigate(f"{base}/map{view}")
    browser.wait_for("document.body && document.body.dataset.ready === '1'")


def test_the_map_json_is_the_declared_answer(served: str) -> None:
    body = httpx2.get(served + "/map.json", timeout=30).json()
    lanes = {n["lane"] for n in body["nodes"]}
    assert lanes >= {"point", "category", "purpose", "recipient", "region"}
    sold = {(e["source"], e["target"]) for e in body["edges"] if e["kind"] == "sold"}
    assert sold == {
        (c, "interest-based-advertising-partners")
        for c in ("device-identifiers", "inferences", "internet-activity", "personal-information")
    }


def test_the_map_loads_with_stefere_s_data(browser: Chromium, served: str) -> None:
    open_map(browser, served)
    shown = nodes(browser)
    assert {"payment-information", "ctx-purchase", "interest-based-advertising-partners"} <= set(
        shown
    )
    # general-statement recipients are one node until expanded
    assert "general-statements" in shown
    assert "assembly-providers" not in shown  # reached only through a general statement
    title = browser.evaluate("document.getElementById('policy').textContent")
    assert "Stefere Jewelry Privacy Policy" in title


def test_a_filter_and_a_click_do_what_they_say(browser: Chromium, served: str) -> None:
    open_map(browser, served)
    browser.evaluate("document.getElementById('f-sold').click()")
    browser.wait_for("location.hash.includes('sold=1')")
    assert nodes(browser, ".node.recipient") == ["interest-based-advertising-partners"]
    browser.evaluate("location.hash = ''")
    browser.wait_for("document.querySelectorAll('.node.recipient').length > 3")
    browser.evaluate(
        "document.querySelector('[data-node=\"payment-information\"]')"
        ".dispatchEvent(new MouseEvent('click', {bubbles: true}))"
    )
    browser.wait_for("location.hash.includes('focus=payment-information')")
    panel = browser.wait_for(
        "document.getElementById('panel').textContent.includes('Your payment information')"
        " && document.getElementById('panel').textContent"
    )
    assert "“Your payment information”" in panel and "PART_OF" in panel
    # the focus lights its edges and dims the rest
    assert browser.evaluate("document.querySelectorAll('.edge.lit').length") > 0


def test_search_uses_the_same_name_resolution_as_the_cli(browser: Chromium, served: str) -> None:
    open_map(browser, served)
    browser.evaluate(
        "document.getElementById('q').value = 'credit card';"
        "document.getElementById('search').requestSubmit()"
    )
    browser.wait_for("location.hash.includes('focus=payment-information')")
    browser.evaluate(
        "document.getElementById('q').value = 'date of birth';"
        "document.getElementById('search').requestSubmit()"
    )
    message = browser.wait_for("(document.querySelector('#panel .error') || {}).textContent")
    assert "the inventory has no" in message


def test_the_address_bar_keeps_the_view(browser: Chromium, served: str) -> None:
    open_map(browser, served, "#category=payment-information&general=1")
    shown = set(nodes(browser))
    assert "payment-information" in shown and "ctx-address-book" not in shown
    assert browser.evaluate("document.getElementById('f-category').value") == "payment-information"
    assert browser.evaluate("document.getElementById('f-general').checked") is True
    assert "general-statements" not in shown  # expanded: each general recipient on its own


def test_nothing_is_requested_from_outside_the_server(browser: Chromium, served: str) -> None:
    open_map(browser, served)
    browser.evaluate("document.getElementById('f-general').click()")
    browser.wait_for("location.hash.includes('general=1')")
    requested = browser.requested()
    assert requested, "the browser recorded no request"
    outside = [u for u in requested if not u.startswith((served, "data:", "about:"))]
    assert outside == []
    assert f"{served}/map.json" in requested and f"{served}/assets/map/map.js" in requested
    json.dumps(requested)


def test_a_regime_keeps_what_holds_under_it(browser: Chromium, served: str) -> None:
    open_map(browser, served, "#regime=pipl")
    assert set(nodes(browser, ".node.region")) == {"outside-prc", "us"}
    assert browser.evaluate("document.querySelectorAll('.edge.sold').length") == 0
    open_map(browser, served, "#regime=ccpa")
    assert set(nodes(browser, ".node.region")) == set()  # no CCPA transfer is stated
    assert browser.evaluate("document.querySelectorAll('.edge.sold').length") > 0
    assert browser.evaluate("document.getElementById('f-regime').value") == "ccpa"


def _enter_key(browser: Chromium, key: str) -> None:
    browser.wait_for("!!document.body && document.body.dataset.needsKey === '1'")
    browser.evaluate(
        f"document.getElementById('api-key').value = {json.dumps(key)};"
        "document.getElementById('key-form').requestSubmit()"
    )


def test_with_api_keys_the_map_asks_for_one_and_sends_it(
    browser: Chromium, served_with_keys: str
) -> None:
    # this browser has sent no key to this server yet: the page asks for one
    browser.navigate(f"{served_with_keys}/map#focus=payment-information")
    _enter_key(browser, RECORDS_KEY)  # a real key, without the catalog scope
    refused = browser.wait_for(
        "!!document.body && document.body.dataset.needsKey === '1'"
        " && !!document.querySelector('#key-form .error')"
        " && document.querySelector('#key-form .error').textContent"
    )
    assert "catalog" in refused
    _enter_key(browser, MAP_KEY)
    browser.wait_for("document.body && document.body.dataset.ready === '1'")
    assert "payment-information" in nodes(browser)
    # the entry in focus is read with the same key
    panel = browser.wait_for(
        "document.getElementById('panel').textContent.includes('Your payment information')"
        " && document.getElementById('panel').textContent"
    )
    assert "PART_OF" in panel
    # kept for the tab: a reload does not ask again
    open_map(browser, served_with_keys)
    assert browser.evaluate("document.body.dataset.needsKey || ''") == ""


def test_a_system_says_whom_its_data_is_about(browser: Chromium, shop_inventory) -> None:
    import yaml

    from catalog.graph.build import load_graph
    from catalog.model.subjects import PLURAL

    path = shop_inventory / "systems.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    shop = data["systems"][0]
    for f in shop["fields"]:
        f["subject"] = {"customers": "customer", "web_sessions": "user"}.get(f["table"])
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    graph = load_graph(shop_inventory)
    counts = {}
    for f in shop["fields"]:
        if f.get("status") != "rejected" and f.get("category"):
            counts[f["subject"]] = counts.get(f["subject"], 0) + 1
    for base in _serve(create_app(store=EmbeddedStore(graph))):
        open_map(browser, base, "#focus=shop-db")
        panel = browser.wait_for(
            "document.getElementById('panel').textContent.includes('Holds data about')"
            " && document.getElementById('panel').textContent"
        )
        # most fields first, the count's unit said once, those not known last
        (a, n), (b, m) = sorted(
            ((PLURAL[s], n) for s, n in counts.items() if s), key=lambda x: (-x[1], x[0])
        )
        assert f"Holds data about: {a} ({n} fields), {b} ({m}), not known ({counts[None]})" in panel
        # precise coordinates, password hashes: CCPA sensitive personal information
        assert "Special categories: " in panel and "precise geolocation" in panel
        assert "sensitive" in browser.evaluate(
            "document.querySelector('[data-node=\"shop-db\"]').getAttribute('class')"
        )


def test_a_system_says_which_fields_to_review_again(browser: Chromium, shop_inventory) -> None:
    """A re-scan's notices (a column gone, evidence against an acceptance) reach the panel."""
    import yaml

    from catalog.graph.build import load_graph

    path = shop_inventory / "systems.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    [email] = [f for f in data["systems"][0]["fields"] if f["column"] == "email"][:1]
    scanned = {"at": "2026-12-05T10:00:00+00:00", "database": "sqlite:///shop.db"}
    email["gone"] = scanned | {"reason": "the scan found no column email in table customers"}
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    graph = load_graph(shop_inventory)
    for base in _serve(create_app(store=EmbeddedStore(graph))):
        open_map(browser, base, "#focus=shop-db")
        panel = browser.wait_for(
            "document.getElementById('panel').textContent.includes('To review again')"
            " && document.getElementById('panel').textContent"
        )
        assert (
            f"To review again: gone: {email['table']}.email "
            "(the scan found no column email in table customers)"
        ) in panel
