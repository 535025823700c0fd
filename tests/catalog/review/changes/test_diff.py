"""`datamap diff`: the change log between two inventories, folders or git revisions, with the
material changes a record of processing must flag."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from catalog.review.changes import diff_inventories


def _activity(data: dict[str, Any], aid: str) -> dict[str, Any]:
    return next(a for a in data["activities"] if a["id"] == aid)


def add_third_country(data: dict[str, Any]) -> None:
    transfer = copy.deepcopy(next(t for t in data["transfers"] if t["id"] == "eea-to-us"))
    transfer.update(id="eea-to-prc", name="EEA to the PRC", to="prc")
    data["transfers"].append(transfer)


def sell_to_shipping_providers(data: dict[str, Any]) -> None:
    for d in _activity(data, "online-purchases")["disclosures"]:
        if d["recipient"] == "shipping-providers":
            d["sale"] = {"quote": "Shipping providers", "inferred": "a test of a new sale"}


def send_payment_data_to_social_media(data: dict[str, Any]) -> None:
    _activity(data, "online-purchases")["disclosures"].append(
        {
            "recipient": "social-media-platforms",
            "categories": [{"ref": "your-payment-information"}],
            "quote": "Your payment information",
        }
    )


def drop_a_legal_basis(data: dict[str, Any]) -> None:
    bases = _activity(data, "online-purchases")["legal_bases"]
    bases[:] = [b for b in bases if b["ref"] != "gdpr-legitimate-interests"]


def add_sensitive_category(data: dict[str, Any]) -> None:
    data["categories"].append(
        {
            "id": "voice-recordings-biometric",
            "name": "Voiceprints",
            "kind": "category",
            "parent": "personal-information",
            "ccpa": ["E"],
            "fideslang": "user.biometric",
            "dpv": "pd:Biometric",
            "sensitive": {
                "regime": "ccpa",
                "quote": "Recordings of your calls",
                "inferred": "a test",
            },
            "sources": [
                {
                    "section": "When You Contact Our Diamond and Jewelry Consultants",
                    "quote": "Recordings of your calls",
                }
            ],
        }
    )


def test_the_same_inventory_has_no_changes(inventory_copy) -> None:
    a, b = inventory_copy("a"), inventory_copy("b")
    report = diff_inventories(str(a), str(b), a)
    assert report.summary.model_dump() == {"added": 0, "removed": 0, "changed": 0, "material": 0}
    assert report.old.fingerprint == report.new.fingerprint


def test_material_changes_are_marked(inventory_copy, edit_yaml) -> None:
    old, new = inventory_copy("old"), inventory_copy("new")
    edit_yaml(new, "transfers.yaml", add_third_country)
    edit_yaml(new, "activities.yaml", sell_to_shipping_providers)
    edit_yaml(new, "activities.yaml", send_payment_data_to_social_media)
    edit_yaml(new, "activities.yaml", drop_a_legal_basis)
    edit_yaml(new, "categories.yaml", add_sensitive_category)
    report = diff_inventories(str(old), str(new), old)

    reasons = {(reason, c.id) for c in report.material for reason in c.material}
    assert ("a new third country: People's Republic of China", "eea-to-prc") in reasons
    assert ("a new sale", "sale|shipping-providers|your-payment-information") in reasons
    assert ("a new sensitive category", "voice-recordings-biometric") in reasons
    assert (
        "a new recipient of sensitive data",
        "social-media-platforms|payment-information|sensitive",
    ) in reasons
    sections = {s.name: s for s in report.sections}
    removed = [c for c in sections["legal_basis_links"].changes if c.change == "removed"]
    assert [c.id for c in removed] == ["online-purchases|gdpr-legitimate-interests"]
    assert not removed[0].material
    # a new sale cites the sentence it rests on
    sale = next(c for c in report.material if c.id == "sale|shipping-providers|full-name")
    assert sale.sources[0].quote == "Shipping providers"
    assert report.summary.material == len(report.material)


def test_changed_entries_say_what_changed(inventory_copy, edit_yaml) -> None:
    old, new = inventory_copy("old"), inventory_copy("new")

    def rename(data: dict[str, Any]) -> None:
        r = next(r for r in data["recipients"] if r["id"] == "shipping-providers")
        r["name"] = "Couriers"

    edit_yaml(new, "recipients.yaml", rename)
    report = diff_inventories(str(old), str(new), old)
    [change] = next(s for s in report.sections if s.name == "recipients").changes
    assert change.change == "changed" and change.id == "shipping-providers"
    assert [(f.field, f.old, f.new) for f in change.fields] == [
        ("name", "Shipping providers", "Couriers")
    ]
    assert not report.material


def test_git_revisions(repo: Path, edit_yaml, commit, cli) -> None:
    edit_yaml(repo / "inventory", "transfers.yaml", add_third_country)
    commit(repo, "transfer to the PRC")
    result = cli("--inventory", str(repo / "inventory"), "diff", "HEAD~1", "HEAD", "--json")
    assert result.code == 0, result.err
    body = json.loads(result.out)
    assert body["old"]["revision"] == "HEAD~1" and len(body["old"]["commit"]) == 40
    assert body["summary"]["material"] == 1
    assert body["material"][0]["material"] == ["a new third country: People's Republic of China"]
    # the working tree by default, and Markdown on request
    result = cli("--inventory", str(repo / "inventory"), "diff", "HEAD~1", "--format", "md")
    assert "## Material changes" in result.out and "a new third country" in result.out
    assert "| added | EEA to the PRC (`eea-to-prc`)" in result.out


def test_material_changes_can_fail_ci(repo: Path, edit_yaml, cli) -> None:
    edit_yaml(repo / "inventory", "activities.yaml", sell_to_shipping_providers)
    inv = str(repo / "inventory")
    assert cli("--inventory", inv, "diff", "HEAD").code == 0
    assert cli("--inventory", inv, "diff", "HEAD", "--fail-on-material").code == 1


def test_a_broken_revision_is_named_by_revision_and_file(repo: Path, commit, cli) -> None:
    path = repo / "inventory" / "recipients.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("role: service_provider", "role: vendor", 1),
        encoding="utf-8",
    )
    commit(repo, "break a role")
    result = cli("--inventory", str(repo / "inventory"), "diff", "HEAD~1", "HEAD")
    assert result.code == 1
    assert "HEAD:inventory/recipients.yaml:" in result.err and "role" in result.err
    assert "Traceback" not in result.err


def test_unknown_revisions_and_non_repositories_are_clear(repo: Path, inventory_copy, cli) -> None:
    result = cli("--inventory", str(repo / "inventory"), "diff", "no-such-tag")
    assert result.code == 2 and "no folder or git revision 'no-such-tag'" in result.err
    result = cli("--inventory", str(repo / "inventory"), "diff", "--", "--upload-pack=evil")
    assert result.code == 2 and "is not a git revision name" in result.err
    loose = inventory_copy("loose")
    result = cli("--inventory", str(loose), "diff", "HEAD~1")
    assert result.code == 2 and "not in a git repository" in result.err


def test_an_old_revision_with_a_term_since_corrected_is_still_compared(inventory_copy) -> None:
    old, new = inventory_copy("old"), inventory_copy("new")
    path = old / "categories.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("pd:BrowsingBehaviour", "pd:BrowsingBehavior"), encoding="utf-8")
    report = diff_inventories(str(old), str(new), new)
    changes = {c.id: c for s in report.sections if s.name == "categories" for c in s.changes}
    assert [(f.field, f.old, f.new) for f in changes["internet-activity"].fields] == [
        ("dpv", "pd:BrowsingBehavior", "pd:BrowsingBehaviour")
    ]
