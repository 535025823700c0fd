"""A scan written into the inventory as suggestions; a person's decisions survive re-scans."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import yaml

from catalog.model.results import ScanField, ScanReport
from catalog.scanning.systems_file import (
    dump_systems,
    find_system,
    merge_scan,
    put_system,
    read_systems,
)
from tests.catalog.scanning.conftest import sqlite_path


def fields_of(root: Path, system: str = "shop-db") -> dict[str, dict]:
    data = yaml.safe_load((root / "systems.yaml").read_text(encoding="utf-8"))
    [found] = [s for s in data["systems"] if s["id"] == system]
    return {f"{f['table']}.{f['column']}": f for f in found["fields"]}


def test_write_review_and_rescan(
    cli, shop_sqlite: str, inventory_root: Path, tmp_path: Path
) -> None:
    inv = ("--inventory", str(inventory_root))
    first = cli(
        *inv, "scan", shop_sqlite, "--write", "--system", "shop-db", "--name", "Shop", "--json"
    )
    assert first.code == 0, first.err
    changes = json.loads(first.out)["changes"]
    assert changes["created"] and changes["suggested"] == json.loads(first.out)["scan"]["personal"]
    fields = fields_of(inventory_root)
    email = fields["customers.email"]
    assert (email["status"], email["category"], email["fideslang"]) == (
        "suggested",
        "email-addresses",
        "user.contact.email",
    )
    assert email["scan"]["database"] == shop_sqlite and email["scan"]["evidence"]
    assert "products.code" not in fields  # only personal columns are suggested
    # the inventory still validates, with the system in it
    assert cli(*inv, "validate").code == 0

    assert cli(*inv, "review", "shop-db", "customers.email", "--accept", "--by", "A. DPO").code == 0
    assert (
        cli(
            *inv, "review", "shop-db", "orders.ip_address", "--reject", "--note", "hashed at rest"
        ).code
        == 0
    )
    # change the database: e-mails replaced by hashes, a column added, two dropped
    changed = tmp_path / "shop2.db"
    shutil.copy(sqlite_path(shop_sqlite), changed)
    with sqlite3.connect(changed) as db:
        db.executescript(
            "UPDATE customers SET email = lower(hex(randomblob(16)));"
            "ALTER TABLE customers ADD COLUMN ssn TEXT;"
            "ALTER TABLE orders DROP COLUMN ip_address;"
            "ALTER TABLE reviews DROP COLUMN display_name;"
        )
    again = cli(*inv, "scan", f"sqlite:///{changed}", "--write", "--system", "shop-db", "--json")
    assert again.code == 0, again.err
    report = json.loads(again.out)["changes"]
    assert [c["field"] for c in report["new"]] == ["customers.ssn"]
    gone = {c["field"] for c in report["dropped"] if c["detail"].startswith("column gone")}
    assert gone == {"orders.ip_address", "reviews.display_name"}
    # a suggestion the scan no longer makes is withdrawn and said so (the learned evidence reads
    # a column beside its neighbours: two fewer can tip an unreviewed one), never a decision
    for c in report["dropped"]:
        if c["field"] not in gone:
            assert c["detail"] == "no longer found personal; suggestion removed", c
    assert [c["field"] for c in report["no_longer_matching"]] == ["customers.email"]
    assert report["decisions_kept"] == 2
    fields = fields_of(inventory_root)
    assert fields["customers.email"]["status"] == "accepted"
    assert fields["customers.email"]["declared"]["by"] == "A. DPO"
    assert fields["orders.ip_address"]["status"] == "rejected"  # the decision outlives the column
    assert fields["orders.ip_address"]["note"] == "hashed at rest"
    assert "reviews.display_name" not in fields  # a suggestion whose column is gone
    assert fields["customers.ssn"]["status"] == "suggested"


def test_a_write_that_would_break_the_inventory_changes_nothing(
    cli, shop_sqlite: str, inventory_root: Path
) -> None:
    inv = ("--inventory", str(inventory_root))
    assert cli(*inv, "scan", shop_sqlite, "--write", "--system", "shop-db").code == 0
    before = (inventory_root / "systems.yaml").read_bytes()
    bad = cli(*inv, "review", "shop-db", "customers.email", "--accept", "--category", "nosuch")
    assert bad.code == 2 and "nosuch" in bad.err
    assert (inventory_root / "systems.yaml").read_bytes() == before
    # an edit by hand that points at nothing: the next scan refuses to write over it, keeping it
    text = before.decode().replace("category: email-addresses", "category: e-mail-adresses", 1)
    (inventory_root / "systems.yaml").write_text(text, encoding="utf-8")
    result = cli(*inv, "scan", shop_sqlite, "--write", "--system", "shop-db")
    assert result.code == 1
    assert "systems.yaml" in result.err and "unknown DataCategory 'e-mail-adresses'" in result.err
    assert (inventory_root / "systems.yaml").read_text(encoding="utf-8") == text


def test_write_needs_a_system_id(cli, shop_sqlite: str, inventory_root: Path) -> None:
    inv = ("--inventory", str(inventory_root))
    assert cli(*inv, "scan", shop_sqlite, "--write").code == 2
    assert cli(*inv, "scan", shop_sqlite, "--write", "--system", "Shop DB").code == 2
    assert not (inventory_root / "systems.yaml").exists()


# -- whom each field is about -----------------------------------------------------------------


def _report(*fields: tuple[str, str, str, str | None, str | None]) -> ScanReport:
    """A scan's report: (table, column, fideslang, category, subject) per personal column."""
    return ScanReport(
        database="sqlite:///hr.db",
        dialect="sqlite",
        scanned_at="2026-12-01T10:00:00+00:00",
        sample_limit=200,
        tables=len({f[0] for f in fields}),
        columns=len(fields),
        personal=len(fields),
        seconds=0.1,
        fields=[
            ScanField(
                table=table,
                column=column,
                data_type="text",
                personal=True,
                fideslang=key,
                category=category,
                confidence=0.9,
                subject=subject,
                evidence=[{"kind": "name", "rule": column, "detail": f"the name says {column}"}],
            )
            for table, column, key, category, subject in fields
        ],
    )


def _write(root: Path, report: ScanReport) -> None:
    path, data = read_systems(root)
    merged, _ = merge_scan(find_system(data, "hr"), report, "hr", "HR")
    put_system(data, merged)
    dump_systems(path, data)


def test_whom_each_field_is_about_is_written_reviewed_and_kept(cli, inventory_root: Path) -> None:
    inv = ("--inventory", str(inventory_root))
    _write(
        inventory_root,
        _report(
            ("staff", "email", "user.contact.email", "email-addresses", "employee"),
            (
                "staff",
                "ssn",
                "user.government_id.national_identification_number",
                "personal-information",
                "employee",
            ),
            ("patients", "name", "user.name", "names", "patient"),
            ("patients", "phone", "user.contact.phone_number", "phone-numbers", None),
        ),
    )
    fields = fields_of(inventory_root, "hr")
    assert fields["staff.email"]["subject"] == "employee"
    assert fields["patients.name"]["subject"] == "patient"
    assert "subject" not in fields["patients.phone"]  # the scan could not tell
    assert cli(*inv, "validate").code == 0

    # a reviewer says whom a field is about, or that it is nobody of the five
    done = cli(*inv, "review", "hr", "staff.email", "--accept", "--subject", "customer")
    assert done.code == 0, done.err
    assert cli(*inv, "review", "hr", "patients.name", "--reject", "--subject", "none").code == 0
    assert cli(*inv, "review", "hr", "patients.phone", "--accept").code == 0
    fields = fields_of(inventory_root, "hr")
    assert fields["staff.email"]["subject"] == "customer"
    assert fields["patients.name"]["subject"] is None
    listed = cli(*inv, "review", "hr", "--json")
    assert {f["column"]: f.get("subject") for f in json.loads(listed.out)["fields"]}["email"] == (
        "customer"
    )

    # a re-scan reads them all differently: decisions stand, suggestions follow the scan, and a
    # decision that said nothing of whom takes the scan's reading
    _write(
        inventory_root,
        _report(
            ("staff", "email", "user.contact.email", "email-addresses", "employee"),
            (
                "staff",
                "ssn",
                "user.government_id.national_identification_number",
                "personal-information",
                "user",
            ),
            ("patients", "name", "user.name", "names", "patient"),
            ("patients", "phone", "user.contact.phone_number", "phone-numbers", "patient"),
        ),
    )
    fields = fields_of(inventory_root, "hr")
    assert fields["staff.email"]["subject"] == "customer"  # accepted with its subject: kept
    assert fields["patients.name"]["subject"] is None  # rejected, "nobody of these": kept
    assert fields["staff.ssn"]["subject"] == "user"  # a suggestion: the new scan's
    assert fields["patients.phone"]["subject"] == "patient"  # decided, no subject said
    assert cli(*inv, "validate").code == 0

    # whom it is about reaches the answers
    where = json.loads(cli(*inv, "where", "e-mail addresses", "--json").out)
    [email] = where["locations"]
    assert (email["field"], email["subject"]) == ("staff.email", "customer")
    assert where["subjects"] == [{"subject": "customer", "fields": 1}]
    assert "about customers (1)" in where["summary"]
    text = cli(*inv, "where", "personal information")
    assert text.code == 0 and "About users: 1 field(s)" in text.out
    assert "CCPA §1798.140(ae)(1)(A)" in text.out  # the SSN is sensitive personal information


def test_a_subject_the_inventory_does_not_know_is_refused(cli, inventory_root: Path) -> None:
    _write(inventory_root, _report(("staff", "email", "user.contact.email", None, "employee")))
    path = inventory_root / "systems.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("subject: employee", "subject: staff"),
        encoding="utf-8",
    )
    result = cli("--inventory", str(inventory_root), "validate")
    assert result.code == 1 and "subject" in result.err and "employee" in result.err


def test_the_scan_report_says_whom_and_what_is_special() -> None:
    from rich.console import Console

    from catalog.cli.scanning import render_scan

    console = Console(record=True, width=220)
    render_scan(
        console,
        _report(
            ("patients", "diagnosis", "user.health_and_medical", None, "patient"),
            ("patients", "email", "user.contact.email", "email-addresses", "patient"),
            ("staff", "ssn", "user.government_id.national_identification_number", None, "employee"),
        ),
    )
    out = console.export_text()
    assert "About: patients (2), employees (1)." in out
    assert "Special categories: 2 column(s) (CCPA sensitive, GDPR Art. 9)." in out
    [diagnosis] = [line for line in out.splitlines() if "patients.diagnosis" in line]
    assert "special: CCPA sensitive, GDPR Art. 9" in diagnosis and "patient" in diagnosis
    [email] = [line for line in out.splitlines() if "patients.email" in line]
    assert "special" not in email
