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


# Inside <script>, "</script" ends the element, and "<!--" then "<script" put the parser in a
# state where the real end tag no longer ends it (the page stops at "Loading the map…"). Written
# as \u escapes, which JSON and JavaScript read as the same characters, none of them can occur;
# nor U+2028 and U+2029, which older JavaScript reads as line ends. JSON holds these characters
# only inside strings, so replacing them everywhere changes no value.
_SCRIPT_SAFE = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def script_json(value: Any) -> str:
    """`value` as JSON that can sit inside an HTML <script> element whatever its strings hold."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE)


def standalone(data: dict[str, Any], entries: dict[str, Any]) -> str:
    """One HTML file holding the page, its script and style, the map and every entry the side
    panel shows: nothing to fetch, from a server or anywhere else."""
    html = page().read_text(encoding="utf-8")
    css = (MAP_ASSETS / "map.css").read_text(encoding="utf-8")
    js = (MAP_ASSETS / "map.js").read_text(encoding="utf-8")
    embedded = script_json({"map": data, "entries": entries})
    html = html.replace(
        '<link rel="stylesheet" href="/assets/map/map.css">', f"<style>\n{css}</style>"
    )
    html = html.replace('<link rel="icon" href="/assets/swagger-ui/favicon-32x32.png">\n', "")
    return html.replace(
        '<script src="/assets/map/map.js"></script>',
        f"<script>window.DATAMAP_EMBEDDED = {embedded};</script>\n<script>\n{js}</script>",
    )
