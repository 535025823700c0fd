"""The regulator pack holds every file its report links to, and says where each fact comes from."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import zipfile
from pathlib import Path


def links(html: str) -> set[str]:
    return set(re.findall(r'(?:href|src)="([^"#:]+)"', html))


def test_every_link_of_the_report_is_in_the_pack(pack: Path) -> None:
    index = (pack / "index.html").read_text(encoding="utf-8")
    targets = links(index)
    assert len(targets) > 100
    missing = [t for t in targets if not (pack / t).is_file()]
    assert missing == []
    for expected in (
        "records/gdpr-record.xlsx",
        "records/gdpr-record.csv",
        "records/ccpa-disclosures.xlsx",
        "records/pipl-record.md",
        "records/record.jsonld",
        "diagrams/map.svg",
        "diagrams/map.pdf",
        "provenance.html",
        "policy/stefere-privacy-policy.txt",
    ):
        assert expected in targets


def test_activity_sheets_link_back_and_are_complete(pack: Path) -> None:
    sheets = sorted((pack / "activities").glob("*.html"))
    assert len(sheets) == 23
    page = (pack / "activities" / "online-purchases.html").read_text(encoding="utf-8")
    assert '<a href="../index.html">' in page
    assert (
        "Your payment information" in page
        and "Lifetime benefits" in page
        and "GDPR Art. 49(1)(b)" in page
    )


def test_provenance_lists_every_fact_with_a_verbatim_sentence(pack: Path, graph, inventory) -> None:
    rows = list(
        csv.DictReader(io.StringIO((pack / "provenance.csv").read_text(encoding="utf-8-sig")))
    )
    cited_edges = sum(1 for *_, d in graph.edges(data=True) if d.get("sources"))
    assert sum(1 for r in rows if r["Kind"] == "relationship") >= cited_edges
    assert all(inventory.policy.find(r["Policy sentence"]) is not None for r in rows)
    assert any(r["Inferred because"] for r in rows)


def test_the_policy_text_ships_as_the_store_holds_it(pack: Path, inventory) -> None:
    shipped = (pack / "policy" / "stefere-privacy-policy.txt").read_text(encoding="utf-8")
    assert shipped == inventory.policy.raw


def test_manifest_and_zip(exported_pack, pack: Path) -> None:
    manifest = json.loads((pack / "manifest.json").read_text())
    for name, digest in manifest["files"].items():
        assert hashlib.sha256((pack / name).read_bytes()).hexdigest() == digest
    with zipfile.ZipFile(exported_pack.zip) as zf:
        names = {n.removeprefix("pack/") for n in zf.namelist()}
    assert names == {*manifest["files"], "manifest.json"} and "index.html" in names
    assert (pack / "diagrams/map.pdf").read_bytes().startswith(b"%PDF")


def test_cli_export_pack_and_records(exported_pack, cli, tmp_path: Path) -> None:
    assert exported_pack.code == 0 and "open index.html" in exported_pack.err
    assert cli("export", "ropa", "-o", str(tmp_path / "r.xlsx")).code == 0
    assert (tmp_path / "r.xlsx").read_bytes().startswith(b"PK")
    assert cli("export", "ccpa", "-o", str(tmp_path / "c.md")).code == 0
    assert cli("export", "cnil", "-o", str(tmp_path / "sheets")).code == 0
    assert len(list((tmp_path / "sheets").glob("*.html"))) == 23
    bad = cli("export", "ropa", "-o", str(tmp_path / "r.pdf"), "-f", "pdf")
    assert bad.code == 2 and "csv, xlsx, md, json" in bad.err
    assert cli("diagram", "category", "-o", str(tmp_path / "x.svg")).code == 2
    assert cli("diagram", "map", "-f", "png", "-o", str(tmp_path / "m.png")).code == 0


def test_the_pack_opens_on_a_summary(pack: Path) -> None:
    index = (pack / "index.html").read_text(encoding="utf-8")
    summary = index[index.index('<section id="summary">') : index.index("</section>")]
    assert (
        "Stefere, LLC." in summary
        and "Interest based advertising partners: sold and shared" in summary
    )
    assert "EEA to the United States" in summary  # a transfer with its safeguard
    assert "Data protection officer:</strong> not stated in the policy" in summary
    # the top findings, one line a rule, most severe first
    top = summary[summary.index("Top findings") :]
    severities = re.findall(r"<strong>(high|medium|low|info)</strong>", top)
    assert severities and set(severities) <= {"high", "medium"}
    assert severities == sorted(severities, key=["high", "medium"].index)
    assert "gdpr-legal-basis, 3 finding(s)" in top
    assert index.index('id="summary"') < index.index('id="records"')


def test_the_pack_s_map_works_in_a_browser_with_no_server(pack: Path) -> None:
    from catalog.dev.browser import Chromium

    page = pack / "map.html"
    assert "/assets/" not in page.read_text(encoding="utf-8")  # everything inlined
    with Chromium() as browser:
        browser.navigate(page.as_uri())
        browser.wait_for("document.body && document.body.dataset.ready === '1'")
        assert browser.evaluate("document.querySelectorAll('[data-node]').length") > 50
        browser.evaluate(
            "document.querySelector('[data-node=\"payment-information\"]')"
            ".dispatchEvent(new MouseEvent('click', {bubbles: true}))"
        )
        panel = browser.wait_for(
            "document.getElementById('panel').textContent.includes('“Your payment information”')"
            " && document.getElementById('panel').textContent"
        )
        assert "SENSITIVE_UNDER" in panel
        browser.evaluate(
            "document.getElementById('q').value = 'shipping providers';"
            "document.getElementById('search').requestSubmit()"
        )
        browser.wait_for("location.hash.includes('focus=shipping-providers')")
        assert [u for u in browser.requested() if not u.startswith("file:")] == []


def test_csv_files_open_in_excel_with_their_characters(pack: Path, cli, tmp_path: Path) -> None:
    # a UTF-8 byte-order mark, or Excel on Windows garbles § and curly quotes
    for path in sorted(pack.rglob("*.csv")):
        assert path.read_bytes().startswith(b"\xef\xbb\xbf"), path.name
    out = tmp_path / "ropa.csv"
    assert cli("ropa", "--format", "csv", "-o", str(out)).code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert not cli("ropa", "--format", "csv").out.startswith("\ufeff")  # not on a stream


def test_the_policy_text_and_the_appendix_link_both_ways(pack: Path) -> None:
    policy = (pack / "policy.html").read_text(encoding="utf-8")
    appendix = (pack / "provenance.html").read_text(encoding="utf-8")
    marks = set(re.findall(r'<mark id="(q-\d+)"', policy))
    entries = set(re.findall(r'<h2 id="(e-[^"]+)"', appendix))
    assert len(marks) > 150 and len(entries) > 200
    # every fact of the appendix links to a marked sentence of the text ...
    facts = re.findall(r"<li>(.*?)</li>", appendix, flags=re.S)
    to_text = re.findall(r'href="policy.html#(q-\d+)"', appendix)
    assert len(to_text) == len(facts) and set(to_text) <= marks
    # ... and every marked sentence to an entry of the appendix resting on it
    back = re.findall(r'class="facts" href="provenance.html#(e-[^"]+)"', policy)
    assert len(back) == len(marks) and set(back) <= entries
    # in plain words, not the graph's relationship types
    assert (
        "PART_OF" not in appendix
        and "When You Make a Purchase with Us collects Your payment information" in appendix
    )
    assert "Payment information is sensitive under PIPL" in appendix


def test_the_main_diagrams_are_inline_svg_with_their_tooltips(pack: Path) -> None:
    index = (pack / "index.html").read_text(encoding="utf-8")
    figures = index[index.index('id="diagrams"') :]
    assert figures.count("<svg") >= 4 and "<img" not in figures.split("<h3>")[0]
    assert "<title>" in figures  # Graphviz's tooltips, kept inline
    assert "Data map at a glance" in figures


def test_xlsx_cells_are_short_enough_to_read(pack: Path) -> None:
    import openpyxl

    for path in sorted((pack / "records").glob("*.xlsx")):
        wb = openpyxl.load_workbook(path)
        longest = max(
            len(str(c.value)) for ws in wb for row in ws.iter_rows() for c in row if c.value
        )
        assert longest <= 1000, (path.name, longest)
    gdpr = openpyxl.load_workbook(pack / "records" / "gdpr-record.xlsx")
    pointers = [
        c.value
        for row in gdpr["GDPR record"].iter_rows()
        for c in row
        if isinstance(c.value, str) and "sheet 'Details', rows" in c.value
    ]
    assert pointers, "no long list was moved to the details sheet"
    first, last = (int(x) for x in re.search(r"rows (\d+)–(\d+)", pointers[0]).groups())
    details = gdpr["Details"]
    names = {details.cell(row=r, column=2).value for r in range(first, last + 1)}
    assert len(names) == 1 and last - first >= 3  # one entry's list, one item a row


def test_one_citation_count_everywhere(pack: Path, cli) -> None:
    index = (pack / "index.html").read_text(encoding="utf-8")
    appendix = (pack / "provenance.html").read_text(encoding="utf-8")
    said = re.search(r"(\d+) statements resting on (\d+) distinct policy sentences", index)
    assert said is not None
    statements, sentences = said.groups()
    assert f"{statements} statements resting on {sentences} distinct policy sentences" in appendix
    rows = list(
        csv.DictReader(io.StringIO((pack / "provenance.csv").read_text(encoding="utf-8-sig")))
    )
    assert len(rows) == int(statements)
    assert f"of {sentences} distinct policy sentences" in cli("validate").out
