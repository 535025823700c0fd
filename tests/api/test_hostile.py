"""The API over an inventory whose names are written as an attacker would write them: the
diagrams it serves (in its own origin) carry no link, and a name Graphviz cannot read as markup
is no 500; the Markdown record shows names as text."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from fastapi.testclient import TestClient

from catalog.graph.build import build_graph
from catalog.loading.validation import load_inventory
from catalog.stores.embedded import EmbeddedStore


@pytest.fixture
def hostile_client(make_client, hostile_inventory) -> TestClient:
    return make_client(store=EmbeddedStore(build_graph(load_inventory(hostile_inventory.path))))


def links(svg: bytes) -> list[str]:
    root = ET.fromstring(svg)
    return [v for el in root.iter() for k, v in el.attrib.items() if k.rsplit("}", 1)[-1] == "href"]


@pytest.mark.parametrize(
    "path",
    [
        "/diagrams/map",  # a recipient and an activity whose names are a broken HTML label
        "/diagrams/transfers",
        "/diagrams/sold",
        "/diagrams/category?category=unique-cookie-ids",
        "/diagrams/category?category=names",
        "/diagrams/recipient?recipient=interest-based-advertising-partners",
    ],
)
def test_diagrams_draw_markup_as_text_and_link_nowhere(
    hostile_client: TestClient, hostile_inventory, path: str
) -> None:
    response = hostile_client.get(path)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("image/svg+xml")
    assert links(response.content) == []
    text = " ".join(t.text or "" for t in ET.fromstring(response.content).iter())
    assert hostile_inventory.html_link in text


def test_the_markdown_record_writes_names_as_text(
    hostile_client: TestClient, hostile_inventory
) -> None:
    response = hostile_client.get("/ropa", headers={"Accept": "text/markdown"})
    assert response.status_code == 200
    body = response.text
    assert "<script>" not in body and "<b>" not in body
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt; \\| [click\\](https://evil.example) next line"
        in body
    )
