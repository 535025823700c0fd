"""The regulator pack and the records, exported from an inventory whose names are written as an
attacker would write them, and opened as a reader opens them: the report and its diagrams in a
browser, the offline map, the Markdown records in a Markdown viewer."""

from __future__ import annotations

import io
import json
import re
from contextlib import redirect_stderr, redirect_stdout
from html import unescape
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from catalog.cli import run

SCRIPT_SCHEMES = ("javascript:", "data:", "vbscript:")
# an href in HTML or SVG, plain or xlink:, in either quote style
HREF = re.compile(r"""\s(?:[\w.-]+:)?href\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)


@pytest.fixture(scope="module")
def hostile_pack(hostile_inventory, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hostile-pack") / "pack"
    err = io.StringIO()
    with redirect_stderr(err), redirect_stdout(io.StringIO()):
        code = run(["-i", str(hostile_inventory.path), "export", "pack", "-o", str(out)])
    assert code == 0, err.getvalue()  # a broken HTML label once stopped `dot`: exit 70
    return out


def script_links(page: str) -> list[str]:
    """The links in a page that would run a script, as a browser reads a URL."""
    values = (unescape(a if a is not None else b) for a, b in HREF.findall(page))
    return [
        v for v in values if "".join(ch for ch in v if ch > " ").lower().startswith(SCRIPT_SCHEMES)
    ]


def test_the_pack_is_written_and_no_page_or_drawing_in_it_links_to_a_script(
    hostile_pack: Path, hostile_inventory
) -> None:
    pages = [*hostile_pack.rglob("*.svg"), *hostile_pack.rglob("*.html")]
    assert len(pages) > 50
    for path in pages:
        assert script_links(path.read_text(encoding="utf-8")) == [], path
    index = (hostile_pack / "index.html").read_text(encoding="utf-8")
    overview = (hostile_pack / "diagrams" / "overview.svg").read_text(encoding="utf-8")
    assert "<svg" in index  # the main diagrams, inline
    # the names are drawn as their characters, escaped as text
    shown = "&lt;&lt;TABLE HREF=&quot;javascript:alert(1)&quot;&gt;"
    assert shown in index and shown in overview
    assert "&lt;b&gt;broken&lt;/i&gt;" in overview


def embedded_json(page: str) -> str:
    start = page.index("window.DATAMAP_EMBEDDED = ") + len("window.DATAMAP_EMBEDDED = ")
    return page[start : page.index(";</script>", start)]


def test_the_offline_map_holds_an_alias_written_as_markup(
    hostile_pack: Path, hostile_inventory
) -> None:
    page = (hostile_pack / "map.html").read_text(encoding="utf-8")
    data = embedded_json(page)
    # nothing in the data a browser could read as markup inside the <script> element
    assert "<" not in data and ">" not in data and "&" not in data
    entry = json.loads(data)["entries"]["email-addresses"]
    assert hostile_inventory.alias in json.dumps(entry, ensure_ascii=False)
    assert hostile_inventory.alias not in page


def test_the_offline_map_opens_with_that_alias(hostile_pack: Path) -> None:
    from catalog.dev.browser import Chromium

    with Chromium() as browser:
        browser.navigate((hostile_pack / "map.html").as_uri())
        # before, the page stopped at "Loading the map…"
        browser.wait_for("document.body && document.body.dataset.ready === '1'")
        assert browser.evaluate("document.querySelectorAll('[data-node]').length") > 50
        assert browser.evaluate("document.querySelector('.loading') === null")


def viewed(markdown: str) -> str:
    """The Markdown as a viewer shows it: CommonMark with raw HTML on, and GFM tables."""
    return MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)


def check_markdown_record(markdown: str, hostile) -> None:
    page = viewed(markdown)
    assert "<script" not in page and "<b>" not in page  # no markup of a name's
    assert "<a " not in page  # no link either (the record has none of its own)
    # the names read as their characters
    assert "&lt;script&gt;alert(1)&lt;/script&gt; | [click](https://evil.example) next line" in page
    assert "&lt;b&gt;broken&lt;/i&gt;" in page
    # every row of the two-column tables still has two cells: no name broke one
    for row in re.findall(r"<tr>(.*?)</tr>", page, re.DOTALL):
        assert len(re.findall(r"<t[dh]>", row)) == 2, row


def test_markdown_records_show_names_as_text(hostile_pack: Path, hostile_inventory) -> None:
    check_markdown_record(
        (hostile_pack / "records" / "gdpr-record.md").read_text(encoding="utf-8"), hostile_inventory
    )
    out = io.StringIO()
    with redirect_stdout(out), redirect_stderr(io.StringIO()):
        assert run(["-i", str(hostile_inventory.path), "ropa", "--format", "md"]) == 0
    check_markdown_record(out.getvalue(), hostile_inventory)


def test_activity_sheets_in_markdown_too(hostile_pack: Path) -> None:
    page = viewed(
        (hostile_pack / "activities" / "interest-based-advertising.md").read_text(encoding="utf-8")
    )
    assert "<h1>&lt;b&gt;broken&lt;/i&gt;</h1>" in page
    assert "<b>" not in page and "<a " not in page


def test_an_inline_svg_never_carries_a_script_link() -> None:
    # the report inlines the drawings: a link Graphviz wrote, whatever its source, is dropped
    from catalog.exports.pack import inline_svg

    svg = (
        '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" '
        'xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="javascript:alert(1)">'
        "<text>x</text></a></svg>"
    )
    inlined = str(inline_svg(svg))
    assert (
        inlined.startswith("<svg") and script_links(inlined) == [] and "<text>x</text>" in inlined
    )
