"""Records as Excel workbooks (openpyxl): the contact block above, a frozen header, wrapped
text, one row per activity (or per CCPA category), and a sheet of the policy sentences."""

from __future__ import annotations

import io
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.child import INVALID_TITLE_REGEX
from openpyxl.worksheet.worksheet import Worksheet

from catalog.exports.cells import xlsx_cell
from catalog.exports.record_tables import FIRST_COLUMN, columns_for, header, parties_lines, rows
from catalog.exports.tables import CCPA_COLUMNS, ccpa_rows, ccpa_statements
from catalog.model.results import CcpaDisclosure, Ropa

HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")
TOP_WRAP = Alignment(wrap_text=True, vertical="top")
BOLD = Font(bold=True)


def _block(ws: Worksheet, title: str, lines: Iterable[tuple[str, str]]) -> int:
    """The title and key/value lines above the table; returns the next free row."""
    xlsx_cell(ws, 1, 1, title).font = Font(bold=True, size=14)
    row = 2
    for key, value in lines:
        xlsx_cell(ws, row, 1, key).font = BOLD
        xlsx_cell(ws, row, 2, value).alignment = TOP_WRAP
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=6)
        row += 1
    return row + 1


# A cell longer than this keeps its first items and points to the details sheet, one item a
# row: a 4,000-character cell is unreadable in Excel (and its limit is 32,767).
MAX_CELL = 600
SHOWN_ITEMS = 3
DETAILS = "Details"


def _table(
    ws: Worksheet,
    start: int,
    head: list[str],
    body: list[list[str]],
    widths: dict[int, int] | None = None,
) -> None:
    for col, title in enumerate(head, 1):
        c = xlsx_cell(ws, start, col, title)
        c.font, c.fill, c.alignment = BOLD, HEADER_FILL, TOP_WRAP
        ws.column_dimensions[get_column_letter(col)].width = (widths or {}).get(col, 38)
    for r, values in enumerate(body, start + 1):
        for col, value in enumerate(values, 1):
            if isinstance(value, str) and len(value) > MAX_CELL:
                value = _split(ws, values[0], head[col - 1], value)
            xlsx_cell(ws, r, col, value).alignment = TOP_WRAP
    ws.freeze_panes = ws.cell(row=start + 1, column=2)
    ws.auto_filter.ref = f"A{start}:{get_column_letter(len(head))}{start + len(body)}"


def _split(ws: Worksheet, row_name: str, column: str, value: str) -> str:
    """Move a long list to the details sheet, one item a row; the cell keeps the first items
    and says where the rest are."""
    wb = ws.parent
    if DETAILS not in wb.sheetnames:
        details = wb.create_sheet(DETAILS)
        for col, (title, width) in enumerate(
            (("Record", 30), ("Entry", 34), ("Column", 30), ("Item", 90)), 1
        ):
            c = xlsx_cell(details, 1, col, title)
            c.font, c.fill = BOLD, HEADER_FILL
            details.column_dimensions[get_column_letter(col)].width = width
        details.freeze_panes = "A2"
    details = wb[DETAILS]
    items = value.split("; ")
    first = details.max_row + 1
    for item in items:
        row = details.max_row + 1
        for col, text in enumerate((ws.title, row_name, column, item), 1):
            xlsx_cell(details, row, col, text).alignment = TOP_WRAP
    last = details.max_row
    shown = "; ".join(items[:SHOWN_ITEMS])
    return f"{shown}; … and {len(items) - SHOWN_ITEMS} more: sheet '{DETAILS}', rows {first}–{last}"


def _sheet_title(text: str) -> str:
    """A sheet name Excel accepts: a regime named `EU/UK` must not fail the workbook."""
    return (
        INVALID_TITLE_REGEX.sub("-", ILLEGAL_CHARACTERS_RE.sub("", text))[:31].strip("'")
        or "Record"
    )


def _save(wb: Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def ropa_xlsx(ropa: Ropa) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = _sheet_title(f"{ropa.regime.name} record")
    lines = [
        ("Law", ropa.law),
        (
            "Source",
            f"{ropa.policy.get('title', '')}, last updated {ropa.policy.get('last_updated', '')}",
        ),
        *parties_lines(ropa),
        (
            "Reading the entries",
            "[general]: from a statement the policy makes for personal information in general. [inferred]: datamap's reading where the policy does not say it in so many words. The 'Policy sentences' sheet gives the sentence behind every entry.",
        ),
    ]
    start = _block(ws, f"Record of processing activities: {ropa.regime.name}", lines)
    _table(ws, start, header(ropa.regime.id), rows(ropa), {1: 34})
    ws.row_dimensions[start].height = 60
    _sentences(wb, ropa)
    return _save(wb)


def _sentences(wb: Workbook, ropa: Ropa) -> None:
    ws = wb.create_sheet("Policy sentences")
    body = []
    for a in ropa.activities:
        for c in a.sources:
            body.append([a.name, "Processing activity", a.name, "", c.section, c.quote])
        for title, get in columns_for(ropa.regime.id):
            value = get(a)
            if isinstance(value, str):
                continue
            for item in value:
                for c in item.sources:
                    body.append([a.name, title, item.name, item.inferred or "", c.section, c.quote])
    _table(
        ws,
        1,
        [FIRST_COLUMN, "Field", "Entry", "Inferred because", "Policy section", "Policy sentence"],
        body,
        {1: 30, 2: 30, 3: 34, 4: 40, 5: 40, 6: 80},
    )


def ccpa_xlsx(d: CcpaDisclosure) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "CCPA disclosures"
    start = _block(ws, "CCPA disclosures (11 CCR §7011(e))", ccpa_statements(d))
    _table(ws, start, [t for t, _ in CCPA_COLUMNS], ccpa_rows(d), {1: 30})
    ws.row_dimensions[start].height = 45
    sheet = wb.create_sheet("Policy sentences")
    body = []
    for r in d.rows:
        for title, get in CCPA_COLUMNS:
            value = get(r)
            if isinstance(value, list):
                for item in value:
                    for c in item.sources:
                        body.append(
                            [r.category, title, item.name, item.inferred or "", c.section, c.quote]
                        )
    _table(
        sheet,
        1,
        ["Category", "Field", "Entry", "Inferred because", "Policy section", "Policy sentence"],
        body,
        {6: 80},
    )
    return _save(wb)
