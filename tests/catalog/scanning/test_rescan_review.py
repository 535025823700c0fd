"""Reviews that survive change: a renamed column keeps its decision, a gone one is marked gone
(and shown so by `where`, findings and the map), and "no longer matching" is stored with what
the scan finds now."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import yaml

from catalog.graph.build import build_graph
from catalog.graph.view import GraphView
from catalog.loading.validation import load_inventory
from catalog.model.results import ScanField, ScanReport
from catalog.queries.datamap import data_map
from catalog.scanning.systems_file import (
    ScanChanges,
    dump_systems,
    find_system,
    merge_scan,
    put_system,
    read_systems,
)
from tests.catalog.scanning.conftest import sqlite_path


def _values(recogniser: str, matched: int, sampled: int = 100) -> dict[str, Any]:
    return {
        "kind": "values",
        "recogniser": recogniser,
        "matched": matched,
        "sampled": sampled,
        "rate": round(matched / sampled, 3),
    }


# the inventory's categories for the keys these scans find (the CLI's scan looks them up)
CATEGORY = {
    "user.contact.phone_number": "phone-numbers",
    "user.contact.fax_number": "phone-numbers",
    "user.contact.email": "email-addresses",
    "user.contact.address.city": "postal-addresses",
}


def _field(
    table: str,
    column: str,
    key: str | None,
    data_type: str = "varchar(40)",
    evidence: list[dict[str, Any]] | None = None,
) -> ScanField:
    return ScanField(
        category=CATEGORY.get(key or ""),
        table=table,
        column=column,
        data_type=data_type,
        personal=key is not None,
        fideslang=key,
        confidence=0.9 if key else 0.1,
        evidence=evidence or [{"kind": "name", "rule": column, "detail": f"'{column}'"}],
    )


def _scan(at: str, *fields: ScanField) -> ScanReport:
    return ScanReport(
        database="sqlite:///crm.db",
        dialect="sqlite",
        scanned_at=at,
        sample_limit=200,
        tables=len({f.table for f in fields}),
        columns=len(fields),
        personal=sum(f.personal for f in fields),
        seconds=0.1,
        fields=list(fields),
    )


def _write(root: Path, report: ScanReport) -> ScanChanges:
    path, data = read_systems(root)
    merged, changes = merge_scan(find_system(data, "crm"), report, "crm", "CRM")
    put_system(data, merged)
    dump_systems(path, data)
    return changes


def _fields(root: Path) -> dict[str, dict[str, Any]]:
    data = yaml.safe_load((root / "systems.yaml").read_text(encoding="utf-8"))
    [crm] = [s for s in data["systems"] if s["id"] == "crm"]
    return {f"{f['table']}.{f['column']}": f for f in crm["fields"]}


PHONE = "user.contact.phone_number"


def test_a_renamed_column_keeps_its_decision_with_the_evidence(cli, inventory_root: Path) -> None:
    inv = ("--inventory", str(inventory_root))
    _write(
        inventory_root,
        _scan(
            "2026-12-01T10:00:00+00:00",
            _field("contacts", "phone", PHONE, evidence=[_values("phone", 98)]),
            _field("contacts", "mail", "user.contact.email", evidence=[_values("email", 100)]),
        ),
    )
    note = ("--note", "the switchboard's numbers")
    assert (
        cli(*inv, "review", "crm", "contacts.phone", "--accept", "--by", "A. DPO", *note).code == 0
    )
    assert (
        cli(*inv, "review", "crm", "contacts.mail", "--reject", "--note", "shared inbox").code == 0
    )

    changes = _write(
        inventory_root,
        _scan(
            "2026-12-05T10:00:00+00:00",
            # renamed, same values; beside it a count whose name is alike but whose type is not
            _field("contacts", "phone_number", PHONE, evidence=[_values("phone", 97)]),
            _field("contacts", "phone_count", None, data_type="integer"),
            # renamed with nothing personal found in it any more: the name and type carry it
            _field("contacts", "mail_address", None, data_type="varchar(254)"),
        ),
    )
    fields = _fields(inventory_root)
    assert "contacts.phone" not in fields and "contacts.mail" not in fields
    phone = fields["contacts.phone_number"]
    assert (phone["status"], phone["note"], phone["declared"]["by"]) == (
        "accepted",
        "the switchboard's numbers",
        "A. DPO",
    )
    assert phone["renamed_from"]["from"] == "contacts.phone"
    evidence = " | ".join(phone["renamed_from"]["evidence"])
    assert "same table contacts" in evidence and "type varchar(40) as before" in evidence
    assert "values: 97/100 look like phone, as before (98/100)" in evidence
    mail = fields["contacts.mail_address"]
    assert (mail["status"], mail["note"], mail["renamed_from"]["from"]) == (
        "rejected",
        "shared inbox",
        "contacts.mail",
    )
    assert "contacts.phone_count" not in fields  # not personal, and not the phone column
    assert {c.field for c in changes.renamed} == {"contacts.phone_number", "contacts.mail_address"}
    assert not [c for c in changes.dropped if c.field in ("contacts.phone", "contacts.mail")]
    assert changes.decisions_kept == 2
    assert cli(*inv, "validate").code == 0
    where = json.loads(cli(*inv, "where", "phone numbers", "--json").out)
    assert [f["field"] for f in where["locations"]] == ["contacts.phone_number"]


def test_two_columns_as_alike_as_each_other_are_not_guessed(inventory_root: Path) -> None:
    _write(
        inventory_root,
        _scan("2026-12-01T10:00:00+00:00", _field("people", "tel", PHONE)),
    )
    path, data = read_systems(inventory_root)
    find_system(data, "crm")["fields"][0]["status"] = "accepted"
    dump_systems(path, data)
    changes = _write(
        inventory_root,
        _scan(
            "2026-12-05T10:00:00+00:00",
            _field("people", "tel_home", PHONE),
            _field("people", "tel_work", PHONE),
        ),
    )
    fields = _fields(inventory_root)
    assert fields["people.tel"]["status"] == "accepted" and fields["people.tel"]["gone"]
    assert fields["people.tel_home"]["status"] == fields["people.tel_work"]["status"] == "suggested"
    [unsure] = [c for c in changes.dropped if c.field == "people.tel"]
    assert "people.tel_home" in unsure.detail and "people.tel_work" in unsure.detail
    assert not changes.renamed


def test_a_gone_column_is_marked_shown_and_comes_back(cli, inventory_root: Path) -> None:
    inv = ("--inventory", str(inventory_root))
    first = _scan(
        "2026-12-01T10:00:00+00:00",
        _field("contacts", "phone", PHONE, evidence=[_values("phone", 98)]),
        _field("contacts", "fax", "user.contact.fax_number"),
        _field("contacts", "city", "user.contact.address.city"),
    )
    _write(inventory_root, first)
    assert cli(*inv, "review", "crm", "contacts.phone", "--accept").code == 0
    changes = _write(
        inventory_root,
        _scan("2026-12-05T10:00:00+00:00", _field("contacts", "city", "user.contact.address.city")),
    )
    fields = _fields(inventory_root)
    assert "contacts.fax" not in fields  # a suggestion whose column is gone is withdrawn
    gone = fields["contacts.phone"]["gone"]
    assert gone["reason"] == "the scan found no column phone in table contacts"
    assert gone["database"] == "sqlite:///crm.db" and gone["at"].startswith("2026-12-05")
    assert fields["contacts.phone"]["status"] == "accepted"  # the decision is kept
    [said] = [c for c in changes.dropped if c.field == "contacts.phone"]
    assert "marked gone" in said.detail
    assert cli(*inv, "validate").code == 0

    # `where`: nothing to search there, listed apart as gone
    where = json.loads(cli(*inv, "where", "phone numbers", "--json").out)
    assert where["locations"] == []
    [listed] = where["gone"]
    assert (listed["field"], listed["status"]) == ("contacts.phone", "accepted")
    assert listed["gone"]["reason"] == gone["reason"]
    assert "1 more gone from their database" in where["summary"]
    text = cli(*inv, "where", "phone numbers")
    assert "gone: CRM: contacts.phone (accepted, held Telephone numbers)" in text.out
    # findings: the rule for it, citing the scan that noticed it
    found = json.loads(cli(*inv, "findings", "--json").out)
    [hit] = [f for f in found["findings"] if f["rule"] == "systems-decision-gone"]
    assert "contacts.phone (accepted): the scan found no column phone" in hit["summary"]
    # the browser map's answer: the system says which of its fields to look at again
    view = GraphView(build_graph(load_inventory(inventory_root)))
    [crm] = [n for n in data_map(view).nodes if n.id == "crm"]
    assert crm.review == [f"gone: contacts.phone ({gone['reason']})"]

    # the column comes back: the decision holds again
    changes = _write(inventory_root, first)
    fields = _fields(inventory_root)
    assert "gone" not in fields["contacts.phone"]
    assert fields["contacts.phone"]["status"] == "accepted"
    assert [c.field for c in changes.returned] == ["contacts.phone"]
    where = json.loads(cli(*inv, "where", "phone numbers", "--json").out)
    held = {f["field"]: f["status"] for f in where["locations"]}
    assert held == {"contacts.phone": "accepted", "contacts.fax": "suggested"}
    assert not where["gone"]


def test_no_longer_matching_is_stored_with_what_the_scan_finds(
    cli, shop_sqlite: str, inventory_root: Path, tmp_path: Path
) -> None:
    inv = ("--inventory", str(inventory_root))
    assert cli(*inv, "scan", shop_sqlite, "--write", "--system", "shop-db").code == 0
    assert cli(*inv, "review", "shop-db", "customers.email", "--accept").code == 0
    changed = tmp_path / "hashed.db"
    shutil.copy(sqlite_path(shop_sqlite), changed)
    with sqlite3.connect(changed) as db:  # e-mails hashed at rest: 64 hex digits each
        db.create_function("sha", 1, lambda s: hashlib.sha256(s.encode()).hexdigest())
        db.execute("UPDATE customers SET email = sha(email)")
    url = f"sqlite:///{changed}"
    assert cli(*inv, "scan", url, "--write", "--system", "shop-db").code == 0
    email = json.loads(cli(*inv, "review", "shop-db", "--json").out)["fields"]
    [email] = [f for f in email if f["column"] == "email" and f["table"] == "customers"]
    reason = email["no_longer_matching"]["reason"]
    assert reason.startswith("accepted as user.contact.email; its values no longer look like it")
    assert "look like email" in reason and "address" not in reason
    assert email["no_longer_matching"]["database"] == url
    where = json.loads(cli(*inv, "where", "e-mail addresses", "--json").out)
    [loc] = [f for f in where["locations"] if f["field"] == "customers.email"]
    assert loc["no_longer_matching"]["reason"] == reason
    found = json.loads(cli(*inv, "findings", "--json").out)
    assert any(
        f["rule"] == "systems-decision-no-longer-matching" and "customers.email" in f["summary"]
        for f in found["findings"]
    )
    # a second scan that still disagrees keeps the date it was first noticed
    first_at = email["no_longer_matching"]["at"]
    assert cli(*inv, "scan", url, "--write", "--system", "shop-db").code == 0
    again = yaml.safe_load((inventory_root / "systems.yaml").read_text(encoding="utf-8"))
    [shop] = again["systems"]
    [email] = [f for f in shop["fields"] if f["column"] == "email" and f["table"] == "customers"]
    assert str(email["no_longer_matching"]["at"]) == str(first_at)
    # a person decides again: the mark goes
    assert (
        cli(*inv, "review", "shop-db", "customers.email", "--reject", "--note", "hashed").code == 0
    )
    listed = json.loads(cli(*inv, "review", "shop-db", "--json").out)["fields"]
    [email] = [f for f in listed if f["column"] == "email" and f["table"] == "customers"]
    assert "no_longer_matching" not in email and email["status"] == "rejected"
