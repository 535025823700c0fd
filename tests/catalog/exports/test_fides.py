"""A scanned and reviewed inventory, exported to Fides and imported back, keeps every review
state: suggestions stay suggestions (and are not written to Fides as facts), a rejection keeps
its note, a person's category override is what Fides is told and what comes back, a column the
last scan found gone is not written as live and comes back gone."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from catalog.model.schema import ScanRecord, SystemField
from tests.catalog.exports.test_fides_fideslang import assert_loads_whole, fideslang_check

GONE = {"at": "2026-12-01T09:00:00+00:00", "database": "sqlite:///shop.db", "reason": "not found"}
STALE = {
    "at": "2026-12-01T09:00:00+00:00",
    "database": "sqlite:///shop.db",
    "reason": "its values now look like user agents",
}
MOVED = {
    "from": "customers.phone_number",
    "at": "2026-12-01T09:00:00+00:00",
    "evidence": ["same type", "same values"],
}


def systems_yaml(root: Path) -> dict[str, dict[str, Any]]:
    data = yaml.safe_load((root / "systems.yaml").read_text(encoding="utf-8"))
    return {s["id"]: s for s in data["systems"]}


def fields_of(system: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        ".".join(x for x in (f.get("schema"), f["table"], f["column"]) if x): f
        for f in system.get("fields", [])
    }


def fides_fields(out: Path, dataset: str) -> dict[str, dict[str, Any]]:
    data = yaml.safe_load((out / "datamap-datasets.yml").read_text(encoding="utf-8"))
    [ds] = [d for d in data["dataset"] if d["fides_key"] == dataset]
    return {f"{c['name']}.{f['name']}": f for c in ds["collections"] for f in c["fields"]}


@pytest.fixture
def reviewed(cli, shop_inventory: Path) -> Path:
    """The scanned shop, reviewed the ways a person reviews: (from the fixture) one field
    accepted and one rejected; here a category override, a rejection with a note, a subject
    decided, and what re-scans leave (a gone column, one no longer matching, a rename)."""
    inv = ("--inventory", str(shop_inventory))
    for args in (
        # a friend's e-mail is, for this DPO, a referral contact, not a customer's e-mail
        ("referrals.friend_email", "--accept", "--category", "referral-contacts"),
        ("orders.ip_address", "--reject", "--note", "hashed before storage"),
        ("customers.phone", "--accept", "--subject", "customer"),
        ("customers.date_of_birth", "--accept"),
        ("customers.last_name", "--accept"),
    ):
        result = cli(*inv, "review", "shop-db", *args, "--by", "A. DPO")
        assert result.code == 0, result.err
    path = shop_inventory / "systems.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    shop = next(s for s in data["systems"] if s["id"] == "shop-db")
    for f in shop["fields"]:
        key = f"{f['table']}.{f['column']}"
        if key == "customers.date_of_birth":
            f["gone"] = GONE
        elif key == "customers.last_name":
            f["no_longer_matching"] = STALE
        elif key == "customers.phone":
            f["renamed_from"] = MOVED
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    assert cli(*inv, "validate").code == 0
    return shop_inventory


@pytest.fixture
def exported(cli, reviewed: Path, tmp_path: Path) -> Path:
    out = tmp_path / "fides"
    result = cli("--inventory", str(reviewed), "export", "fides", "-o", str(out))
    assert result.code == 0, result.err
    return out


def import_into_copy(cli, inventory_dir: Path, tmp_path: Path, folder: Path) -> Path:
    root = tmp_path / "back"
    shutil.copytree(inventory_dir, root, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    result = cli("--inventory", str(root), "import", "fides", str(folder), "--json")
    assert result.code == 0, result.err
    assert cli("--inventory", str(root), "validate").code == 0
    return root


def test_fides_is_told_only_what_a_person_stands_behind(reviewed: Path, exported: Path) -> None:
    shop = fields_of(systems_yaml(reviewed)["shop-db"])
    written = fides_fields(exported, "shop_db")
    suggested = [k for k, f in shop.items() if f["status"] == "suggested"]
    assert suggested  # the scan's suggestions, not yet reviewed
    for key in suggested:
        assert written[key]["data_categories"] == [], key
    assert written["orders.ip_address"]["data_categories"] == []  # rejected
    assert written["customers.email"]["data_categories"] == ["user.contact.email"]
    # the scan said user.contact.email; the person's category (referral contacts) says
    # user.contact, and Fides is told the person's word
    assert shop["referrals.friend_email"]["fideslang"] == "user.contact.email"
    assert written["referrals.friend_email"]["data_categories"] == ["user.contact"]
    # a column the last scan did not find is no field Fides should query
    assert "customers.date_of_birth" not in written
    # accepted, though the last scan no longer agrees: a decision stands until a person decides
    # again (the doubt travels in the record, see below)
    assert shop["customers.last_name"]["fideslang"]
    assert written["customers.last_name"]["data_categories"] == [
        shop["customers.last_name"]["fideslang"]
    ]


def test_the_reviewed_export_loads_in_fideslang(exported: Path) -> None:
    # the review states ride in meta.datamap: fideslang's models take them, drop nothing
    assert_loads_whole(fideslang_check(exported), datasets=2, systems=2)


def test_every_review_state_comes_back(
    cli, reviewed: Path, exported: Path, inventory_dir: Path, tmp_path: Path
) -> None:
    back = systems_yaml(import_into_copy(cli, inventory_dir, tmp_path, exported))
    before = systems_yaml(reviewed)
    assert set(back) == set(before)
    for sid, system in before.items():
        was, now = fields_of(system), fields_of(back[sid])
        assert set(now) == set(was), sid
        for key, f in was.items():
            # the whole field: status, note, category, subject, scan record, declaration, gone,
            # no longer matching, renamed from; nothing added (fides_meta is datamap's guess).
            # Read as the schema reads it: a time may come back as ...Z for ...+00:00.
            assert SystemField.model_validate(now[key]) == SystemField.model_validate(f), (sid, key)
        for attr in ("kind", "owner", "hosted_in", "supports", "declared", "flows"):
            assert back[sid].get(attr) == system.get(attr), (sid, attr)
        assert ("scanned" in back[sid]) == ("scanned" in system), sid
        if "scanned" in system:
            was_scanned = ScanRecord.model_validate(system["scanned"])
            assert ScanRecord.model_validate(back[sid]["scanned"]) == was_scanned, sid
    shop = fields_of(back["shop-db"])
    assert shop["orders.ip_address"]["note"] == "hashed before storage"
    assert shop["referrals.friend_email"]["category"] == "referral-contacts"
    assert shop["customers.date_of_birth"]["gone"]["reason"] == "not found"


def test_a_field_labelled_in_fides_since_takes_fides_word_and_says_so(
    cli, reviewed: Path, exported: Path, inventory_dir: Path, tmp_path: Path
) -> None:
    was = fields_of(systems_yaml(reviewed)["shop-db"])
    # a suggestion of the scan that a person then confirms in Fides, not in datamap
    key, suggestion = next(
        (k, f) for k, f in was.items() if f["status"] == "suggested" and f.get("fideslang")
    )
    table, column = key.split(".", 1)
    path = exported / "datamap-datasets.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    [shop] = [d for d in data["dataset"] if d["fides_key"] == "shop_db"]
    [collection] = [c for c in shop["collections"] if c["name"] == table]
    [labelled] = [f for f in collection["fields"] if f["name"] == column]
    assert labelled["data_categories"] == []
    labelled["data_categories"] = [suggestion["fideslang"]]
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")

    root = tmp_path / "back"
    shutil.copytree(inventory_dir, root, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    result = cli("--inventory", str(root), "import", "fides", str(exported), "--json")
    assert result.code == 0, result.err
    notes = json.loads(result.out)["notes"]
    now = fields_of(systems_yaml(root)["shop-db"])
    assert now[key]["status"] == "accepted"
    assert now[key]["fideslang"] == suggestion["fideslang"]
    assert now[key]["declared"]["document"] == "datamap-datasets.yml"
    assert now[key]["scan"] == json.loads(json.dumps(now[key]["scan"]))  # kept, as it was
    assert now[key]["subject"] == suggestion["subject"]
    assert now[key]["note"] == (
        f"relabelled in Fides after datamap's export, which had it suggested as "
        f"{suggestion['fideslang']}"
    )
    assert any(n.endswith("Fides' labels taken") and key in n for n in notes), notes
    # every other field is as datamap had it
    assert now["orders.ip_address"]["status"] == "rejected"
    assert now["orders.ip_address"]["note"] == "hashed before storage"


def test_a_key_fideslang_3_does_not_publish_is_kept_but_never_written(
    cli, tmp_path: Path, inventory_dir: Path
) -> None:
    folder = tmp_path / "manifests"
    folder.mkdir()
    # a custom use and subject (Fides' demo taxonomy extends fideslang with these), a key no
    # fideslang ever published, and a use with no published parent at all
    system = {
        "fides_key": "crm_app",
        "name": "CRM app",
        "system_type": "Service",
        "privacy_declarations": [
            {
                "name": "Direct marketing",
                "data_use": "marketing.advertising.third_party.targeted.direct_marketing",
                "data_categories": ["user.contact.email", "user.cookie_id"],
                "data_subjects": ["customer", "potential_customer"],
            },
            {"name": "Loyalty", "data_use": "loyalty_programme", "data_categories": ["user.name"]},
        ],
    }
    (folder / "crm.yml").write_text(yaml.safe_dump({"system": [system]}), encoding="utf-8")
    root = tmp_path / "inventory"
    shutil.copytree(inventory_dir, root, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    result = cli("--inventory", str(root), "import", "fides", str(folder), "--json")
    assert result.code == 0, result.err
    notes = json.loads(result.out)["notes"]
    for key in ("direct_marketing'", "'user.cookie_id'", "'potential_customer'", "'loyalty_"):
        assert any(
            key in n and n.startswith("crm.yml: crm_app: privacy declaration") for n in notes
        )
    facts = systems_yaml(root)["crm-app"]["fides_system"]
    assert {o["key"] for o in facts["outdated"]} == {
        "marketing.advertising.third_party.targeted.direct_marketing",
        "user.cookie_id",
        "potential_customer",
        "loyalty_programme",
    }

    out = tmp_path / "fides"
    exported = cli("--inventory", str(root), "export", "fides", "-o", str(out))
    assert exported.code == 0, exported.err
    said = " ".join(exported.err.split())  # the screen wraps long lines
    assert (
        "data use 'loyalty_programme' is not a fideslang 3 key and has no published parent; declaration not written"
        in said
    )
    assert (
        "data use 'marketing.advertising.third_party.targeted.direct_marketing' is not a "
        "fideslang 3 key; written as its published parent 'marketing.advertising.third_party.targeted'"
    ) in said
    written = yaml.safe_load((out / "datamap-systems.yml").read_text(encoding="utf-8"))
    [crm] = written["system"]
    assert crm["privacy_declarations"] == [
        {
            "name": "Direct marketing",
            "data_categories": ["user.contact.email"],
            "data_use": "marketing.advertising.third_party.targeted",
            "data_subjects": ["customer"],
        }
    ]
