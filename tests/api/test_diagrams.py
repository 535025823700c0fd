"""/diagrams serves SVG."""

from __future__ import annotations

import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"


def node_titles(svg: bytes) -> set[str]:
    root = ET.fromstring(svg)
    return {g.find(f"{SVG}title").text for g in root.iter(f"{SVG}g") if g.get("class") == "node"}


def test_svg_diagrams(client, expect_problem) -> None:
    response = client.get("/diagrams/map")
    assert response.status_code == 200 and response.headers["content-type"] == "image/svg+xml"
    assert "online-purchases|data" in node_titles(response.content)
    assert response.headers["etag"]
    by_name = client.get("/diagrams/category", params={"category": "Payment information"})
    assert by_name.status_code == 200 and "your-payment-information" in node_titles(by_name.content)
    missing = expect_problem(client.get("/diagrams/recipient"), 422)
    assert missing["errors"][0]["loc"] == ["query", "recipient"]
    expect_problem(client.get("/diagrams/recipient", params={"recipient": "nobody at all"}), 404)
    expect_problem(client.get("/diagrams/chart"), 422)
