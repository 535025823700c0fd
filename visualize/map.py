"""The data map page: its assets (plain JavaScript, SVG and CSS, in static/map/) served by the
API at /map, or inlined with its data into one file that opens anywhere with no server (the
regulator pack's map.html)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

MAP_ASSETS = Path(__file__).resolve().parent / "static" / "map"


def page() -> Path:
    return MAP_ASSETS / "index.html"


def _script_json(value: Any) -> str:
    # inside <script>, a "</" would end the element: written as "<\/", which JSON reads the same
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def standalone(data: dict[str, Any], entries: dict[str, Any]) -> str:
    """One HTML file holding the page, its script and style, the map and every entry the side
    panel shows: nothing to fetch, from a server or anywhere else."""
    html = page().read_text(encoding="utf-8")
    css = (MAP_ASSETS / "map.css").read_text(encoding="utf-8")
    js = (MAP_ASSETS / "map.js").read_text(encoding="utf-8")
    embedded = _script_json({"map": data, "entries": entries})
    html = html.replace(
        '<link rel="stylesheet" href="/assets/map/map.css">', f"<style>\n{css}</style>"
    )
    html = html.replace('<link rel="icon" href="/assets/swagger-ui/favicon-32x32.png">\n', "")
    return html.replace(
        '<script src="/assets/map/map.js"></script>',
        f"<script>window.DATAMAP_EMBEDDED = {embedded};</script>\n<script>\n{js}</script>",
    )
