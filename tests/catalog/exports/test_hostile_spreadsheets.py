"""Names that a spreadsheet would run as formulas (issue 30, row 3): an inventory whose activity,
recipient, data category and purpose are named `=HYPERLINK(...)`, `+1+1`, `@SUM(A1)` and `-2+3`
is exported as every CSV and XLSX datamap writes (the record, the CCPA table, the PIPL record,
the provenance appendix, the regulator pack, and `GET /ropa`), and each such cell must reach the
spreadsheet as the text the inventory holds: in XLSX a string cell with Excel's quote prefix,
never a formula; in CSV the cell starts with `'` (OWASP's CSV-injection guidance)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from openpyxl.workbook import Workbook

from api.main import create_app
from catalog.cli import run
from catalog.exports.cells import FORMULA_START, csv_text, xlsx_cell
from catalog.exports.documents import XLSX
from catalog.graph.build import build_graph
from catalog.loading.validation import load_inventory
from catalog.settings import Settings
from catalog.stores.embedded import EmbeddedStore

HYPERLINK = '=HYPERLINK("http://x","y")'
# A carriage return inside a name: a CSV reader (Excel's too) ends the row there, and the rest
# of the name would be a row of its own, starting with `=`.
SPLIT = "Marketing\r=1+2"
# file, the line naming an entry, and the hostile name it gets
RENAMED = [
    ("activities.yaml", "    name: Website operation, security and analytics\n", HYPERLINK),
    ("recipients.yaml", "    name: Payment service providers\n", "+1+1"),
    ("categories.yaml", "    name: Personal information\n", "@SUM(A1)"),
    ("purposes.yaml", "    name: To run essential features on the site\n", "-2+3"),
    ("recipients.yaml", "    name: Marketing service providers\n", SPLIT),
]
HOSTILE = [name for _, _, name in RENAMED if name != SPLIT]


@pytest.fixture(scope="module")
def hostile_root(tmp_path_factory: pytest.TempPathFactory, inventory_dir: Path) -> Path:
    root = tmp_path_factory.mktemp("hostile") / "inventory"
    shutil.copytree(inventory_dir, root, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    for file, line, name in RENAMED:
        path = root / file
        text = path.read_text(encoding="utf-8")
        assert line in text, f"test setup: {line!r} not in {file}"
        quoted = json.dumps(name)  # a YAML double-quoted scalar
        path.write_text(text.replace(line, f"    name: {quoted}\n", 1), encoding="utf-8")
    return root


def datamap(*args: str) -> None:
    """`datamap ARGS` in process; it must succeed."""
    err = io.StringIO()
    with redirect_stderr(err), redirect_stdout(io.StringIO()):
        code = run(list(args))
    assert code == 0, err.getvalue()


# -- what a user opening the file would check ---------------------------------------------------


def cells(wb: Workbook) -> list[tuple[str, object, str, bool]]:
    """(where, value, data type, quote prefix) of every filled cell of every sheet."""
    return [
        (f"{ws.title}!{c.coordinate}", c.value, c.data_type, bool(c.quotePrefix))
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.value is not None
    ]


def assert_text_only(data: bytes, exact: list[str]) -> None:
    """No formula anywhere; every cell that starts like one is text with the quote prefix; and
    each of `exact` is a whole cell, as the inventory spells it."""
    found = cells(load_workbook(io.BytesIO(data)))
    assert [c for c in found if c[2] == "f"] == []
    risky = [c for c in found if isinstance(c[1], str) and c[1].startswith(FORMULA_START)]
    assert risky, "test setup: no cell starts like a formula"
    assert [c for c in risky if c[2] != "s" or not c[3]] == []
    values = {c[1] for c in found}
    assert [name for name in exact if name not in values] == []


def assert_csv_prefixed(text: str, exact: list[str]) -> None:
    """Every row as long as the header (no cell broken into rows of its own); no cell starts
    like a formula unless it is quoted as text with `'`; each of `exact` appears as a whole
    cell, so prefixed."""
    rows = csv_rows(text)
    widths = {len(row) for row in rows if row}
    assert len(widths) <= 2  # the CCPA table has statement rows of two cells after its table
    values = [v for row in rows for v in row]
    assert [v for v in values if v.startswith(FORMULA_START)] == []
    assert any(v.startswith("'") and v[1:].startswith(FORMULA_START) for v in values)
    assert [name for name in exact if "'" + name not in values] == []


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def assert_cr_kept_in_its_cell(text: str) -> None:
    """The name with a CR inside is one cell, its break a line break within the cell."""
    rows = csv_rows(text)
    assert len({len(row) for row in rows}) == 1
    assert any("Marketing\n=1+2" in v for row in rows for v in row)


def read_csv(path: Path) -> str:
    """The file as written: no newline translation, so a bare CR stays one."""
    return path.read_bytes().decode("utf-8")


# -- the files the CLI writes ---------------------------------------------------------------------


def test_the_record_as_xlsx_holds_formula_names_as_text(hostile_root: Path, tmp_path: Path) -> None:
    target = tmp_path / "ropa.xlsx"
    datamap("-i", str(hostile_root), "export", "ropa", "--format", "xlsx", "-o", str(target))
    # The "Policy sentences" sheet has each entry's name in a cell of its own.
    assert_text_only(target.read_bytes(), HOSTILE)


@pytest.mark.parametrize(("kind", "exact"), [("ccpa", ["+1+1", "-2+3"]), ("pipl", HOSTILE)])
def test_the_other_workbooks_hold_formula_names_as_text(
    hostile_root: Path, tmp_path: Path, kind: str, exact: list[str]
) -> None:
    target = tmp_path / f"{kind}.xlsx"
    datamap("-i", str(hostile_root), "export", kind, "-o", str(target))
    assert_text_only(target.read_bytes(), exact)


def test_the_record_as_csv_prefixes_formula_names(hostile_root: Path, tmp_path: Path) -> None:
    exported, asked = tmp_path / "export.csv", tmp_path / "ropa.csv"
    datamap("-i", str(hostile_root), "export", "ropa", "-o", str(exported))
    datamap("-i", str(hostile_root), "ropa", "--format", "csv", "-o", str(asked))
    for path in (exported, asked):
        assert_csv_prefixed(read_csv(path), [HYPERLINK])
        assert_cr_kept_in_its_cell(read_csv(path))


@pytest.mark.parametrize("kind", ["ccpa", "provenance"])
def test_the_other_csv_files_prefix_formula_names(
    hostile_root: Path, tmp_path: Path, kind: str
) -> None:
    target = tmp_path / f"{kind}.csv"
    datamap("-i", str(hostile_root), "export", kind, "--format", "csv", "-o", str(target))
    exact = HOSTILE if kind == "provenance" else []  # provenance names each entry alone
    assert_csv_prefixed(read_csv(target), exact)


def test_the_pack_holds_formula_names_as_text(hostile_root: Path, tmp_path: Path) -> None:
    datamap("-i", str(hostile_root), "export", "pack", "-o", str(tmp_path / "pack"))
    workbooks = sorted((tmp_path / "pack").rglob("*.xlsx"))
    tables = sorted((tmp_path / "pack").rglob("*.csv"))
    assert workbooks and tables
    for path in workbooks:
        assert_text_only(path.read_bytes(), [])
    for path in tables:
        assert_csv_prefixed(read_csv(path), [])


# -- the API ----------------------------------------------------------------------------------


def test_the_api_record_holds_formula_names_as_text(hostile_root: Path) -> None:
    # The app as tests/api's `make_client` builds it, over the hostile inventory.
    store = EmbeddedStore(build_graph(load_inventory(hostile_root)))
    client = TestClient(create_app(Settings(), store=store), raise_server_exceptions=False)
    workbook = client.get("/ropa", headers={"Accept": XLSX})
    assert workbook.status_code == 200 and workbook.headers["content-type"] == XLSX
    assert_text_only(workbook.content, HOSTILE)
    table = client.get("/ropa", headers={"Accept": "text/csv"})
    assert table.status_code == 200 and table.headers["content-type"].startswith("text/csv")
    assert_csv_prefixed(table.text, [HYPERLINK])
    assert_cr_kept_in_its_cell(table.text)


# -- what cannot come from a name (the loader trims it) but can from other text ----------------


def test_tab_and_carriage_return_led_cells_are_text_and_numbers_stay_numbers() -> None:
    row = ["\t=1+2", "\r=cmd|' /C calc'!A0", "-3", "+44", "1.5e3", "-", "plain"]
    (written,) = csv_rows(csv_text([row]))
    assert written == ["'\t=1+2", "'\n=cmd|' /C calc'!A0", "-3", "+44", "1.5e3", "'-", "plain"]
    wb = Workbook()
    for col, value in enumerate([*row, -3, 1.5], 1):
        xlsx_cell(wb.active, 1, col, value)
    buf = io.BytesIO()
    wb.save(buf)
    found = cells(load_workbook(buf))
    assert [(v, t, q) for _, v, t, q in found] == [
        ("\t=1+2", "s", True),
        ("\n=cmd|' /C calc'!A0", "s", True),  # XML reads a CR as a line break
        ("-3", "s", False),  # text that reads as a number: a string cell already
        ("+44", "s", False),
        ("1.5e3", "s", False),
        ("-", "s", True),
        ("plain", "s", False),
        (-3, "n", False),  # a number stays a number
        (1.5, "n", False),
    ]


def test_a_workbook_is_written_whatever_characters_the_names_hold(
    broken_inventory, tmp_path: Path
) -> None:
    # XLSX cannot hold most control characters, and a sheet name cannot hold `/`: either one
    # used to fail the whole export (exit 70, or a 500 from GET /ropa).
    broken_inventory("regimes.yaml", "    name: GDPR\n", "    name: GDPR/UK [EU]\n")
    root = broken_inventory(
        "recipients.yaml",
        "    name: Shipping providers\n",
        '    name: "Shipping\\e[2J providers"\n',
    )
    target = tmp_path / "ropa.xlsx"
    datamap("-i", str(root), "export", "ropa", "-o", str(target))
    wb = load_workbook(target)
    assert wb.sheetnames[0] == "GDPR-UK -EU- record"
    values = {c[1] for c in cells(wb)}
    assert "Shipping\\x1b[2J providers" in values  # shown, escaped, in its own cell
