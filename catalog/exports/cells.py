"""Spreadsheet cells that hold text stay text, whatever the inventory's names say.

A spreadsheet evaluates a cell that starts with `=`, `+`, `-` or `@` (and, after a leading tab
or carriage return, what follows): a recipient named `=HYPERLINK("http://evil","click")` would
be a live link in the record a regulator opens. Following OWASP's CSV-injection guidance, every
CSV and XLSX cell the exports write goes through here: in CSV such a cell gets a leading `'`
(which Excel and LibreOffice read as "this is text"), and a carriage return inside a cell is
written as a quoted line break, never as an end of row; in XLSX the cell is stored as a string
with Excel's quote prefix, so it shows as typed and stays text when edited. A plain number
(`-3`, `+44`, `1.5e3`) is a number to any spreadsheet, not a formula, and is left as it is.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

# the CSV side (and the terminal's record, through record_tables.py) needs no openpyxl
if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def formula_like(value: object) -> bool:
    """Whether a spreadsheet would read this text as a formula (or as the start of one)."""
    return (
        isinstance(value, str) and value.startswith(FORMULA_START) and not _NUMBER.fullmatch(value)
    )


def csv_cell(value: object) -> object:
    if not isinstance(value, str):
        return value
    if formula_like(value):
        value = "'" + value
    # The writer quotes a cell holding its line terminator (\n) but not a bare CR, which Excel
    # reads as the end of the row: the rest of the cell would be a row of its own, unprefixed.
    return value.replace("\r\n", "\n").replace("\r", "\n")


def csv_text(rows: Iterable[Sequence[object]]) -> str:
    """Rows as CSV, every cell that could be read as a formula written as text."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    return buf.getvalue()


def _visible(match: re.Match[str]) -> str:
    return f"\\x{ord(match.group()):02x}"


def xlsx_cell(ws: Worksheet, row: int, column: int, value: object) -> Cell:
    """Write one cell: text stays text (openpyxl makes any string that starts with `=` a
    formula), and the control characters XLSX cannot hold are shown escaped rather than
    failing the whole workbook."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub(_visible, value)
    cell = ws.cell(row=row, column=column, value=value)
    if formula_like(value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell
