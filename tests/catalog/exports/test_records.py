"""Records as a regulator opens them: the XLSX in openpyxl, the CSV and Markdown as text."""

from __future__ import annotations

import csv
import io

import openpyxl

from catalog import queries
from catalog.exports import tables
from catalog.exports.record_tables import GDPR_COLUMNS
from catalog.exports.xlsx import ccpa_xlsx, ropa_xlsx

ICO_HEADINGS = [
    "Business function",
    "Purpose of processing",
    "Name and contact details of joint controller (if applicable)",
    "Categories of individuals",
    "Categories of personal data",
    "Categories of recipients",
    "Link to contract with processor",
]


def header_row(ws) -> int:
    for row in ws.iter_rows(min_col=1, max_col=1):
        if row[0].value == "Processing activity":
            return row[0].row
    raise AssertionError("no header row")


def test_gdpr_record_xlsx(engine) -> None:
    wb = openpyxl.load_workbook(io.BytesIO(ropa_xlsx(engine.ask(queries.ROPA, regime="gdpr"))))
    ws = wb["GDPR record"]
    assert ws["A1"].value == "Record of processing activities: GDPR"
    block = {ws.cell(row=r, column=1).value: ws.cell(row=r, column=2).value for r in range(2, 9)}
    assert block["Controller"].startswith("Stefere, LLC.")
    assert block["Representative"].startswith("Stefere LLC (named as EEA representative)")
    assert block["Data protection officer"] == "Not stated in the policy"
    head = header_row(ws)
    headings = [c.value for c in ws[head]]
    assert headings[1 : 1 + len(ICO_HEADINGS)] == ICO_HEADINGS
    assert headings[1:-1] == [t for t, _ in GDPR_COLUMNS]
    assert ws.freeze_panes == f"B{head + 1}"
    assert ws.cell(row=head + 1, column=3).alignment.wrap_text
    rows = [r for r in ws.iter_rows(min_row=head + 1, values_only=True) if r[0]]
    assert len(rows) == 23
    purchases = next(r for r in rows if r[0].startswith("Purchases"))
    cells = dict(zip(headings, purchases, strict=True))
    assert "Payment service providers" in cells["Categories of recipients"]
    assert "GDPR Art. 49(1)(b)" in cells[headings[9]]
    sentences = wb["Policy sentences"]
    quotes = {r[5] for r in sentences.iter_rows(min_row=2, values_only=True)}
    assert "Payment service providers" in quotes


def test_ccpa_disclosure_table(engine) -> None:
    d = queries.ccpa_disclosure(engine.snapshot())
    assert [r.letter for r in d.rows] == ["A", "B", "D", "F", "G", "H", "K"]
    rows = list(csv.reader(io.StringIO(tables.ccpa_csv(d))))
    assert rows[0][0] == "Category of personal information (§1798.140(v)(1))"
    by_letter = {r[0][:3]: r for r in rows[1:8]}
    assert "Interest based advertising partners" in by_letter["(A)"][4]
    assert "Interest based advertising partners" in by_letter["(F)"][4]
    # Payment information is sensitive under PIPL; the California section never says so.
    assert "Your payment information" in by_letter["(B)"][1]
    assert {r[6] for r in by_letter.values()} == {"Not stated in the policy"}
    assert by_letter["(G)"][4] == "Not stated in the policy"
    statements = {r[0]: r[1] for r in rows[9:] if r}
    minors = next(v for k, v in statements.items() if k.startswith("Minors (CCPA, under 16"))
    assert (
        minors
        == "We do not knowingly ‘sell’ personal information about consumers under the age of 16."
    )
    assert "Do Not Sell My Personal Information page" in statements["Opting out of sale or sharing"]
    md = tables.ccpa_markdown(d)
    assert md.startswith("# CCPA disclosures (11 CCR §7011(e))") and "| (K) Inferences" in md
    wb = openpyxl.load_workbook(io.BytesIO(ccpa_xlsx(d)))
    sheet = wb["CCPA disclosures"]
    assert (
        sheet.cell(row=header_row_ccpa(sheet), column=2).value
        == "What the policy says is collected"
    )


def header_row_ccpa(ws) -> int:
    for row in ws.iter_rows(min_col=1, max_col=1):
        if str(row[0].value or "").startswith("Category of personal information"):
            return row[0].row
    raise AssertionError("no header")


def test_pipl_record(engine) -> None:
    wb = openpyxl.load_workbook(io.BytesIO(ropa_xlsx(engine.ask(queries.ROPA, regime="pipl"))))
    ws = wb.active
    head = header_row(ws)
    headings = [c.value for c in ws[head]]
    assert "Sensitive personal information" in headings and "Cross-border transfers" in headings
