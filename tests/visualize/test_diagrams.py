"""Diagrams, as a reader opens them: SVGs that hold the nodes and flows they should, in the
colours the legend promises; PNG and PDF that are what they say."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from catalog.errors import BadRequest, NotFound
from visualize import diagrams
from visualize.style import EDGE_STYLES

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: bytes) -> tuple[set[str], dict[str, str]]:
    """Node titles, and each edge's title with its stroke colour."""
    root = ET.fromstring(svg)
    nodes, edges = set(), {}
    for g in root.iter(f"{SVG}g"):
        title = g.find(f"{SVG}title")
        if title is None or title.text is None:
            continue
        if g.get("class") == "node":
            nodes.add(title.text)
        elif g.get("class") == "edge":
            # with a tooltip, Graphviz wraps the drawing in <a>: look below it
            path = next(g.iter(f"{SVG}path"), None)
            edges[title.text] = path.get("stroke") if path is not None else ""
    return nodes, edges


@pytest.fixture(scope="module")
def snapshot(engine):
    return engine.snapshot()


def svg_of(graph) -> tuple[set[str], dict[str, str]]:
    return parse(diagrams.render(graph, "svg"))


def test_the_data_map_has_a_lane_per_activity(snapshot) -> None:
    nodes, edges = svg_of(diagrams.data_map(snapshot))
    assert "online-purchases|data" in nodes and "online-purchases|ctx-purchase" in nodes
    assert {
        "online-purchases|payment-service-providers",
        "online-purchases|shipping-providers",
    } <= nodes
    assert "online-purchases|why->online-purchases|payment-service-providers" in edges
    sale = edges[
        "interest-based-advertising|why->interest-based-advertising|interest-based-advertising-partners"
    ]
    assert sale == EDGE_STYLES["sale"].color
    # general sharing and the transfers have lanes of their own
    assert "general|stefere-entities" in nodes and "general|public-authorities" in nodes
    derogation = edges["transfer|eea->transfer|eea-to-us"]
    assert derogation == EDGE_STYLES["derogation"].color
    assert edges["transfer|prc->transfer|prc-to-us"] == EDGE_STYLES["transfer"].color
    assert "legend" in nodes


def test_lineage_of_payment_information(snapshot) -> None:
    nodes, edges = svg_of(diagrams.category(snapshot, "payment-information"))
    assert {
        "your-payment-information",
        "ctx-purchase",
        "online-purchases",
        "customers",
        "us",
    } <= nodes
    assert "ctx-purchase->your-payment-information" in edges
    assert "your-payment-information->payment-service-providers" in edges
    assert edges["personal-information->us"] in (
        EDGE_STYLES["derogation"].color,
        EDGE_STYLES["transfer"].color,
    )
    # recipients only general statements reach are folded into one node, dashed grey
    assert edges["personal-information->general-recipients|personal-information"] == (
        EDGE_STYLES["general"].color
    )
    assert "personal-information->stefere-entities" not in edges


def test_what_a_recipient_receives(snapshot) -> None:
    nodes, edges = svg_of(diagrams.recipient(snapshot, "interest-based-advertising-partners"))
    assert "interest-based-advertising->interest-based-advertising-partners" in edges
    assert (
        edges["interest-based-advertising->interest-based-advertising-partners"]
        == EDGE_STYLES["sale"].color
    )
    assert "unique-cookie-ids" in nodes


def test_transfers_and_what_is_sold(snapshot) -> None:
    nodes, edges = svg_of(diagrams.transfers(snapshot))
    assert {"eea", "prc", "us", "mechanism-eea-to-us"} <= nodes
    assert edges["eea->mechanism-eea-to-us"] == EDGE_STYLES["derogation"].color
    nodes, edges = svg_of(diagrams.sold(snapshot))
    assert {
        "unique-cookie-ids",
        "interest-based-advertising-partners",
        "do-not-sell-page",
        "minors-ccpa",
    } <= nodes
    assert "do-not-sell-page->interest-based-advertising-partners" in edges
    colours = {
        c for t, c in edges.items() if t == "unique-cookie-ids->interest-based-advertising-partners"
    }
    assert colours  # sale and share are both drawn between the same pair


def test_formats(snapshot) -> None:
    graph = diagrams.transfers(snapshot)
    assert diagrams.render(graph, "png").startswith(b"\x89PNG\r\n\x1a\n")
    assert diagrams.render(graph, "pdf").startswith(b"%PDF")
    assert diagrams.render(graph, "dot").startswith(b"digraph transfers {")
    with pytest.raises(Exception, match="unknown diagram format"):
        diagrams.render(graph, "gif")


def test_build_by_kind_and_name(engine) -> None:
    nodes, _ = parse(
        diagrams.render(diagrams.build(engine, "category", "Recordings of your calls"), "svg")
    )
    assert "recordings-of-calls" in nodes
    with pytest.raises(BadRequest, match="needs the recipient"):
        diagrams.build(engine, "recipient")
    with pytest.raises(NotFound):
        diagrams.build(engine, "category", "pay info")


def test_a_category_diagram_shows_the_systems_beside_the_policy(cli, shop_inventory) -> None:
    result = cli(
        "--inventory",
        str(shop_inventory),
        "diagram",
        "category",
        "payment information",
        "-f",
        "dot",
    )
    assert result.code == 0, result.err
    dot = result.out
    # payment_token, and the stored card's brand, last four digits and expiry month and year
    assert '"shop-db"' in dot and "cylinder" in dot and "held in 5 field(s)" in dot
    assert '"shop-db" -> "payment-service-providers"' in dot and "sends" in dot
    assert "held in or sent by a system" in dot  # the legend says what the dashed line is
    plain = cli("diagram", "category", "payment information", "-f", "dot").out
    assert "cylinder" not in plain  # no systems, no system legend


def test_the_output_name_chooses_the_format(cli, tmp_path) -> None:
    out = tmp_path / "pay.png"
    assert cli("diagram", "category", "payment information", "-o", str(out)).code == 0
    assert out.read_bytes().startswith(b"\x89PNG")
    clash = cli("diagram", "category", "payment information", "-o", str(out), "-f", "svg")
    assert clash.code == 2 and "a .png name" in clash.err


def test_the_overview_is_one_page_with_one_node_per_recipient(cli) -> None:
    dot = cli("diagram", "overview", "-f", "dot").out
    assert 'size="16.5,11.7"' in dot  # A3
    assert dot.count('"shipping-providers" [label=') == 1  # once, not once per lane
    assert '"general-only" [label="13 more recipients, only' in dot
    assert "assembly-providers" not in dot.split('"general-only"')[0]  # folded, not drawn
    assert "Assembly providers" in dot  # named in the folded node's tooltip


def test_a_category_diagram_folds_general_recipients(cli) -> None:
    dot = cli("diagram", "category", "payment information", "-f", "dot").out
    for named in ("payment-service-providers", "shipping-providers", "fraud-security-providers"):
        assert f'"{named}" [label=' in dot
    assert "15 recipients through" in dot
    assert '"assembly-providers"' not in dot
