"""Hostile input to `datamap scan`: a file that is not a database, names that are markup or
terminal commands, a name longer than the inventory takes. Each is refused or made harmless,
and none costs the inventory what it already holds."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
import yaml

from catalog.model.results import ScanField, ScanReport, ScanSkipped
from catalog.model.schema import SystemField
from catalog.scanning.systems_file import merge_scan

# Markup that would raise, a screen clear, an OSC 8 hyperlink, a right-to-left override.
HOSTILE = "[/i][bold]x[/bold]\x1b[2J\x1b]8;;http://evil.example/\x1b\\l\x1b]8;;\x1b\\\u202e\x9b1m"
FORBIDDEN = ("\x1b", "\x9b", "\u202e")
MAX_NAME = SystemField.model_fields["column"].metadata[0].max_length
LONG = "email_" + "x" * MAX_NAME  # one character more than a field's name may have, and more


def hostile_db(path: Path) -> str:
    """A table of e-mail and phone columns, some named to hurt: markup and escape sequences, a
    name longer than the inventory takes, and a name that is only spaces."""
    with sqlite3.connect(path) as db:
        db.execute(f'CREATE TABLE "t{HOSTILE}" ("{HOSTILE}_email" TEXT)')
        db.execute(f'CREATE TABLE contacts (email TEXT, phone TEXT, "{LONG}" TEXT, "  " TEXT)')
        db.executemany(
            f'INSERT INTO "t{HOSTILE}" VALUES (?)', [(f"a{i}@example.com",) for i in range(20)]
        )
        db.executemany(
            "INSERT INTO contacts VALUES (?, ?, ?, ?)",
            [
                (f"b{i}@example.com", f"+1 555 010 {1000 + i}", f"c{i}@example.com", f"d{i}@x.org")
                for i in range(20)
            ],
        )
    return f"sqlite:///{path}"


def assert_harmless(text: str) -> None:
    for ch in FORBIDDEN:
        assert ch not in text, f"{ch!r} reached the terminal"


def test_names_that_are_markup_or_escapes_print_as_text(
    cli, tmp_path: Path, inventory_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "400")
    url = hostile_db(tmp_path / "hostile.db")
    result = cli("scan", url, "--all")
    assert result.code == 0, result.err
    assert_harmless(result.out + result.err)
    assert "t[/i][bold]x[/bold][2J" in result.out  # shown as written, not applied

    inv = ("--inventory", str(inventory_root))
    written = cli(*inv, "scan", url, "--write", "--system", "hostile-db")
    assert written.code == 0, written.err
    assert_harmless(written.out + written.err)
    listed = cli(*inv, "review", "hostile-db")
    assert listed.code == 0, listed.err
    assert_harmless(listed.out)
    assert "[/i][bold]x[/bold][2J" in listed.out
    # the JSON keeps the names exact
    report = json.loads(cli("scan", url, "--json").out)
    assert f"{HOSTILE}_email" in {f["column"] for f in report["fields"]}


def test_one_name_too_long_is_left_out_with_a_warning_and_the_rest_written(
    cli, tmp_path: Path, inventory_root: Path
) -> None:
    inv = ("--inventory", str(inventory_root))
    url = hostile_db(tmp_path / "hostile.db")
    result = cli(*inv, "scan", url, "--write", "--system", "hostile-db", "--json")
    assert result.code == 0, result.err
    warnings = [line for line in result.err.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 2, result.err
    assert LONG[:40] in warnings[0] and f"at most {MAX_NAME} characters" in warnings[0]
    assert "'contacts.  '" in warnings[1] and "at least 1 character" in warnings[1]
    skipped = json.loads(result.out)["changes"]["skipped"]
    assert {s["field"] for s in skipped} == {f"contacts.{LONG}", "contacts.  "}
    data = yaml.safe_load((inventory_root / "systems.yaml").read_text(encoding="utf-8"))
    columns = {f["column"] for f in data["systems"][0]["fields"]}
    assert columns == {f"{HOSTILE}_email", "email", "phone"}
    assert cli(*inv, "validate").code == 0


NOT_DATABASES = {
    "text.txt": b"name,email\nAda,ada@example.com\n",
    "image.png": b"\x89PNG\r\n\x1a\n" + bytes(64),
    "empty.db": b"",
    "garbage.db": b"SQLite format 3\x00" + b"\xff" * 4080,  # the header alone is not enough
}


@pytest.mark.parametrize("name", [*NOT_DATABASES, "missing.db"])
def test_a_file_that_is_not_a_database_is_an_error_and_writes_nothing(
    cli, shop_sqlite: str, tmp_path: Path, inventory_root: Path, name: str
) -> None:
    inv = ("--inventory", str(inventory_root))
    assert cli(*inv, "scan", shop_sqlite, "--write", "--system", "shop-db").code == 0
    systems = inventory_root / "systems.yaml"
    before = systems.read_bytes()
    path = tmp_path / name
    if name in NOT_DATABASES:
        path.write_bytes(NOT_DATABASES[name])
    for args in ((), ("--write", "--system", "shop-db")):
        result = cli(*inv, "scan", f"sqlite:///{path}", *args)
        assert result.code == 1, result.out
        [line] = result.err.splitlines()
        assert line.startswith("error: ") and str(path.name) in line
        assert systems.read_bytes() == before
    assert path.exists() == (name in NOT_DATABASES)  # a missing file is not created
    if name in NOT_DATABASES:
        assert path.read_bytes() == NOT_DATABASES[name]


def test_a_database_of_no_tables_writes_nothing(
    cli, shop_sqlite: str, tmp_path: Path, inventory_root: Path
) -> None:
    inv = ("--inventory", str(inventory_root))
    assert cli(*inv, "scan", shop_sqlite, "--write", "--system", "shop-db").code == 0
    before = (inventory_root / "systems.yaml").read_bytes()
    empty = tmp_path / "empty.db"
    with sqlite3.connect(empty) as db:
        db.execute("PRAGMA user_version = 1")  # a real database file, holding no table
    assert cli("scan", f"sqlite:///{empty}").code == 0  # a scan of it says so
    result = cli(*inv, "scan", f"sqlite:///{empty}", "--write", "--system", "shop-db")
    assert result.code == 1 and "found no table" in result.err
    assert (inventory_root / "systems.yaml").read_bytes() == before


def test_a_table_the_scan_could_not_read_keeps_its_fields() -> None:
    old = {
        "id": "shop-db",
        "name": "Shop",
        "kind": "database",
        "fields": [
            {"table": "customers", "column": "email", "status": "accepted"},
            {"table": "customers", "column": "phone", "status": "suggested"},
        ],
    }
    report = ScanReport(
        database="sqlite:///shop.db",
        dialect="sqlite",
        scanned_at="2026-12-01T00:00:00+00:00",
        sample_limit=200,
        tables=2,
        columns=1,
        personal=1,
        seconds=0.1,
        fields=[
            ScanField(
                table="orders",
                column="email",
                data_type="text",
                personal=True,
                fideslang="user.contact.email",
                confidence=0.9,
            )
        ],
        skipped=[ScanSkipped(table="customers", reason="permission denied")],
    )
    merged, changes = merge_scan(old, report, "shop-db")
    kept = {(f["table"], f["column"]): f["status"] for f in merged["fields"]}
    assert kept == {
        ("customers", "email"): "accepted",
        ("customers", "phone"): "suggested",
        ("orders", "email"): "suggested",
    }
    assert not changes.dropped
    assert {c.field for c in changes.unread} == {"customers.email", "customers.phone"}


def test_a_scan_of_one_table_keeps_the_other_tables_fields(
    cli, shop_sqlite: str, inventory_root: Path
) -> None:
    inv = ("--inventory", str(inventory_root))
    assert cli(*inv, "scan", shop_sqlite, "--write", "--system", "shop-db").code == 0
    systems = inventory_root / "systems.yaml"
    before = {
        (f["table"], f["column"])
        for f in yaml.safe_load(systems.read_text(encoding="utf-8"))["systems"][0]["fields"]
    }
    again = cli(
        *inv,
        "scan",
        shop_sqlite,
        "--table",
        "customers",
        "--write",
        "--system",
        "shop-db",
        "--json",
    )
    assert again.code == 0, again.err
    assert not json.loads(again.out)["changes"]["dropped"]
    after = {
        (f["table"], f["column"])
        for f in yaml.safe_load(systems.read_text(encoding="utf-8"))["systems"][0]["fields"]
    }
    assert after == before and {t for t, _ in before} > {"customers"}
