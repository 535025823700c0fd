"""`datamap scan --targets FILE --jobs N`: many databases in one run, one result each. A target
that fails is reported on a line of its own and the others are scanned all the same; the run
exits 1 at the end. Passwords come from the environment and never reach the output."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from tests.catalog.scanning.conftest import sqlite_path

SECRET = "pa55-w0rd-from-env"


@pytest.fixture
def targets_file(tmp_path: Path, shop_sqlite: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two good SQLite databases (one under a path with spaces, listed without an id), a path
    that holds no database, and a PostgreSQL server nobody listens for, its password from the
    environment."""
    second = tmp_path / "second copy" / "shop two.db"
    second.parent.mkdir()
    shutil.copy(sqlite_path(shop_sqlite), second)
    monkeypatch.setenv("SHOP_PG_PASSWORD", SECRET)
    listing = tmp_path / "targets.txt"
    listing.write_text(
        "# the shop's databases\n"
        f"shop {shop_sqlite}\n"
        "\n"
        f"sqlite:///{second}\n"
        f"gone sqlite:///{tmp_path / 'nothing-here.db'}\n"
        "crm postgresql+psycopg://reader:${SHOP_PG_PASSWORD}@127.0.0.1:1/crm\n",
        encoding="utf-8",
    )
    return listing


def test_each_target_has_its_result_and_a_failure_stops_no_other(cli, targets_file: Path) -> None:
    result = cli("scan", "--targets", str(targets_file), "--jobs", "2")
    assert result.code == 1
    out_lines = result.out.splitlines()
    assert any(
        line.startswith("shop (sqlite:///") and "13 table(s), 92 column(s)" in line
        for line in out_lines
    )
    assert any(
        "shop two.db: 13 table(s), 92 column(s)" in line and "hold personal data" in line
        for line in out_lines
    )
    errors = [line for line in result.err.splitlines() if line.startswith("error: ")]
    assert errors[:2] == [
        f"error: gone: no SQLite database at {targets_file.parent / 'nothing-here.db'}",
        next(e for e in errors if e.startswith("error: crm: cannot connect to ")),
    ]
    assert "postgresql+psycopg://127.0.0.1:1/crm" in errors[1]
    assert errors[-1] == "error: 2 of 4 target(s) failed"
    assert SECRET not in result.out + result.err and "reader" not in result.err
    assert "Traceback" not in result.err


def test_json_has_one_entry_per_target_in_the_file_s_order(cli, targets_file: Path) -> None:
    result = cli("scan", "--targets", str(targets_file), "--jobs", "2", "--json")
    assert result.code == 1
    data = json.loads(result.out)
    assert list(data) == ["targets"]
    entries = data["targets"]
    assert [e["id"] for e in entries] == ["shop", None, "gone", "crm"]
    assert all(set(e) == {"id", "url", "ok", "error", "report"} for e in entries)
    assert [e["ok"] for e in entries] == [True, True, False, False]
    for good in entries[:2]:
        assert good["error"] is None
        assert good["report"]["tables"] == 13 and good["report"]["personal"] > 30
        fields = {(f["table"], f["column"]): f for f in good["report"]["fields"]}
        assert fields[("customers", "email")]["fideslang"] == "user.contact.email"
        assert fields[("customers", "email")]["category"] == "email-addresses"
    for bad in entries[2:]:
        assert bad["report"] is None and bad["error"] and "\n" not in bad["error"]
    assert entries[3]["url"] == "postgresql+psycopg://127.0.0.1:1/crm"
    assert SECRET not in result.out and "reader" not in result.out


def test_one_job_gives_the_same_results_as_two(cli, targets_file: Path) -> None:
    def reports(jobs: str) -> list[object]:
        data = json.loads(cli("scan", "--targets", str(targets_file), "-j", jobs, "--json").out)
        return [
            (e["id"], e["ok"], e["error"], e["report"] and e["report"]["fields"])
            for e in data["targets"]
        ]

    assert reports("1") == reports("2")


def test_an_unset_variable_is_that_target_s_error(cli, tmp_path: Path, shop_sqlite: str) -> None:
    listing = tmp_path / "targets.txt"
    listing.write_text(
        f"shop {shop_sqlite}\ncrm postgresql://reader:${{NOT_SET_ANYWHERE_27}}@db/crm\n"
    )
    result = cli("scan", "--targets", str(listing), "--json")
    assert result.code == 1
    entries = json.loads(result.out)["targets"]
    assert entries[0]["ok"] and entries[0]["report"]["tables"] == 13
    assert entries[1]["error"] == "line 2: ${NOT_SET_ANYWHERE_27} not set"


def test_write_gives_each_target_its_own_system(
    cli, tmp_path: Path, shop_sqlite: str, inventory_root: Path
) -> None:
    listing = tmp_path / "targets.txt"
    listing.write_text(
        f"shop-db {shop_sqlite}\nshop-copy {shop_sqlite}\nlost sqlite:///{tmp_path / 'no.db'}\n"
    )
    result = cli("--inventory", str(inventory_root), "scan", "--targets", str(listing), "--write")
    assert result.code == 1
    assert "error: lost: no SQLite database at" in result.err
    systems = yaml.safe_load((inventory_root / "systems.yaml").read_text())["systems"]
    by_id = {s["id"]: s for s in systems}
    assert {"shop-db", "shop-copy"} <= set(by_id) and "lost" not in by_id
    for system_id in ("shop-db", "shop-copy"):
        fields = {(f["table"], f["column"]) for f in by_id[system_id]["fields"]}
        assert ("customers", "email") in fields


def test_write_needs_an_id_on_every_line(
    cli, tmp_path: Path, shop_sqlite: str, inventory_root: Path
) -> None:
    listing = tmp_path / "targets.txt"
    listing.write_text(f"shop-db {shop_sqlite}\n{shop_sqlite}\n")
    before = sorted(p.name for p in inventory_root.iterdir())
    result = cli("--inventory", str(inventory_root), "scan", "--targets", str(listing), "--write")
    assert result.code == 2
    assert result.err.strip() == (
        f"error: --write needs an id before each URL in {listing} (the system it is written "
        "to); none on line(s) 2"
    )
    assert sorted(p.name for p in inventory_root.iterdir()) == before  # nothing written


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "lists no database"),
        ("# only a comment\n\n", "lists no database"),
        ("a sqlite:///x.db\na sqlite:///y.db\n", ":2: the id 'a' is on line 1 already"),
        ("lonely\n", ":1: 'lonely' has no database URL after it"),
    ],
)
def test_a_bad_targets_file_is_one_line(cli, tmp_path: Path, content: str, message: str) -> None:
    listing = tmp_path / "targets.txt"
    listing.write_text(content)
    result = cli("scan", "--targets", str(listing))
    assert result.code == 2 and result.out == ""
    assert result.err.startswith("error: ") and message in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_targets_and_a_url_or_a_system_do_not_mix(cli, tmp_path: Path, shop_sqlite: str) -> None:
    listing = tmp_path / "targets.txt"
    listing.write_text(f"{shop_sqlite}\n")
    both = cli("scan", shop_sqlite, "--targets", str(listing))
    assert both.code == 2 and "not both" in both.err
    system = cli("scan", "--targets", str(listing), "--write", "--system", "x")
    assert system.code == 2 and "no --system" in system.err
    missing = cli("scan", "--targets", str(tmp_path / "nope.txt"))
    assert missing.code == 2 and f"no targets file {tmp_path / 'nope.txt'}" in missing.err
    nothing = cli("scan")
    assert nothing.code == 2 and "give a database URL to scan, or --targets FILE" in nothing.err
    jobs = cli("scan", "--targets", str(listing), "--jobs", "0")
    assert jobs.code == 2 and "--jobs must be 1 or more" in jobs.err


def test_jobs_scan_that_many_databases_at_once(tmp_path: Path) -> None:
    import threading

    from catalog.errors import ScanFailed
    from catalog.scanning.targets import read_targets, scan_targets

    listing = tmp_path / "targets.txt"
    listing.write_text("a sqlite:///a.db\nb sqlite:///b.db\nc postgresql://u:${PW}@h/db\n")
    both = threading.Barrier(2, timeout=10)  # passed only by two scans running together

    def scan(url: str, **_: object) -> object:
        if url.startswith("postgresql"):
            raise ScanFailed(f"cannot connect to {url}")
        both.wait()
        return None

    results = scan_targets(read_targets(listing, {"PW": SECRET}), jobs=2, scan=scan)
    assert [r.ok for r in results] == [True, True, False]
    # a password the environment put in the URL is kept out of the message
    assert results[2].error == "cannot connect to postgresql://u:***@h/db"
