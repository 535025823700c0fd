"""A scan written into the inventory as suggestions; a person's decisions survive re-scans."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import yaml

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
    assert {c["field"] for c in report["dropped"]} == {"orders.ip_address", "reviews.display_name"}
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
