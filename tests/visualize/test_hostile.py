"""Names written as an attacker would write them, drawn: Graphviz must read every one as text.

A string written `<...>` is, to Graphviz, an HTML-like label, which can carry a link
(`HREF="javascript:..."`) that runs on a click in whatever origin shows the SVG; a broken one
stops `dot`. Each diagram kind is drawn from an inventory holding such names, and opened as a
browser would: the names are text on the page, and nothing in it is a link."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import graphviz
import pytest

from catalog.graph.build import build_graph
from catalog.graph.view import GraphView
from catalog.loading.validation import load_inventory
from visualize import diagrams
from visualize.style import Diagram

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def hostile_view(hostile_inventory) -> GraphView:
    return GraphView(build_graph(load_inventory(hostile_inventory.path)))


# Each kind, drawn where a hostile name is a whole node or cluster label (the policy title, in
# every diagram's title, is one line among others): what the reader should see there.
KINDS = {
    "map": ("html_link", "broken_html"),  # a recipient; an activity's lane
    "overview": ("html_link", "broken_html"),  # a category, a recipient, a country
    "category": ("html_link",),  # the recipient unique cookie ids are sold to
    "recipient": ("broken_html",),  # the activity that sells to it
    "transfers": ("html_link",),  # the United States
    "sold": ("html_link",),  # the recipient
}


def drawn(view: GraphView, kind: str) -> graphviz.Digraph:
    if kind == "category":
        return diagrams.category(view, "unique-cookie-ids")
    if kind == "recipient":
        return diagrams.recipient(view, "interest-based-advertising-partners")
    return {
        "map": diagrams.data_map,
        "overview": diagrams.overview,
        "transfers": diagrams.transfers,
        "sold": diagrams.sold,
    }[kind](view)


def links(svg: bytes) -> list[str]:
    """Every link target in the SVG (href, xlink:href): what a click would open."""
    root = ET.fromstring(svg)
    return [v for el in root.iter() for k, v in el.attrib.items() if k.rsplit("}", 1)[-1] == "href"]


def text_of(svg: bytes) -> str:
    """The text a reader sees in the drawing, its wrapped lines joined by a space."""
    return " ".join(" ".join(t.text or "" for t in ET.fromstring(svg).iter(f"{SVG}text")).split())


def test_every_kind_of_diagram_is_drawn() -> None:
    assert set(KINDS) == set(diagrams.KINDS)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_name_written_as_an_html_label_is_drawn_as_its_characters(
    hostile_view: GraphView, hostile_inventory, kind: str
) -> None:
    svg = diagrams.render(drawn(hostile_view, kind), "svg")  # a broken label would stop `dot`
    shown = text_of(svg)
    title = f"{hostile_inventory.html_link}, last updated"
    assert title in shown  # in the title, the markup's characters
    for name in KINDS[kind]:
        markup = getattr(hostile_inventory, name)
        # and in a node or lane labelled with the name alone, where Graphviz would read markup
        assert shown.replace(title, "").count(markup) >= 1, (kind, name)
    assert links(svg) == []


def test_a_category_s_own_diagram(hostile_view: GraphView, hostile_inventory) -> None:
    svg = diagrams.render(diagrams.category(hostile_view, "names"), "svg")
    assert f"Lineage of {hostile_inventory.html_link}" in text_of(svg)
    assert links(svg) == []


def test_any_attribute_of_any_diagram_is_text() -> None:
    # what a diagram added later would do: a comment, a cluster, a tooltip, an edge label, a URL
    markup = '<<TABLE HREF="javascript:alert(1)"><TR><TD>x</TD></TR></TABLE>>'
    g = Diagram("new", comment='a comment\n"injected" [label=<<B>bold</B>>]')
    g.attr(label=markup)
    with g.subgraph(name="cluster_new") as c:
        c.attr(label=markup, tooltip=markup)
        c.node(markup, label=markup, xlabel=markup, tooltip=markup)
    g.edge(markup, "b", label=markup, tooltip=markup, URL="javascript:alert(2)")
    g.node("c\\N", label="one \\N \\l two")
    svg = diagrams.render(g, "svg")
    assert text_of(svg).count(markup) >= 4
    assert "one \\N \\l two" in text_of(svg)  # Graphviz's own escapes, as typed
    assert "injected" not in svg.decode() and links(svg) == []


def test_a_script_link_graphviz_writes_is_dropped() -> None:
    # Defence in depth: a plain Digraph (no Diagram) with a live HTML label and URLs
    g = graphviz.Digraph("raw")
    g.node("a", label='<<TABLE HREF="javascript:alert(1)"><TR><TD>x</TD></TR></TABLE>>')
    g.node("b", URL="data:text/html,<script>alert(1)</script>")
    g.node("c", href=" VBScript:msgbox(1)")
    g.node("d", URL="https://example.org/kept")
    svg = diagrams.render(g, "svg")
    assert links(svg) == ["https://example.org/kept"]
    assert b"javascript:" not in svg and b"data:text" not in svg and b"msgbox" not in svg


@pytest.mark.parametrize(
    "link",
    [
        'xlink:href="javascript:alert(1)"',
        "href='JavaScript:alert(1)'",
        'xlink:href="&#106;ava&#x09;script:alert(1)"',  # what a browser decodes to javascript:
        'href=" \tdata:image/svg+xml,x"',
    ],
)
def test_hidden_script_links_are_dropped(link: str) -> None:
    svg = f'<svg xmlns="http://www.w3.org/2000/svg"><a {link}><text>x</text></a></svg>'
    cleaned = diagrams.safe_svg(svg)
    assert links(cleaned.encode()) == [] and "<text>x</text>" in cleaned
