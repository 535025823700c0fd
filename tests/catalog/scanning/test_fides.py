"""Fides manifests in and out: a round trip keeps every field's category."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml


def _fields(root: Path) -> dict[tuple[str, str, str], dict]:
    data = yaml.safe_load((root / "systems.yaml").read_text(encoding="utf-8"))
    return {
        (s["id"], f["table"], f["column"]): f for s in data["systems"] for f in s.get("fields", [])
    }


def test_a_round_trip_keeps_every_field_s_category(
    cli, shop_inventory: Path, tmp_path: Path, inventory_dir: Path
) -> None:
    out = tmp_path / "fides"
    result = cli("--inventory", str(shop_inventory), "export", "fides", "-o", str(out))
    assert result.code == 0, result.err
    datasets = yaml.safe_load((out / "datamap-datasets.yml").read_text(encoding="utf-8"))
    [shop] = [d for d in datasets["dataset"] if d["fides_key"] == "shop_db"]
    customers = next(c for c in shop["collections"] if c["name"] == "customers")
    email = next(f for f in customers["fields"] if f["name"] == "email")
    assert email == {
        "name": "email",
        "data_categories": ["user.contact.email"],
        "fides_meta": {"data_type": "string"},
    }
    systems = yaml.safe_load((out / "datamap-systems.yml").read_text(encoding="utf-8"))
    [shop_system] = [s for s in systems["system"] if s["fides_key"] == "shop_db"]
    assert shop_system["egress"] == [
        {
            "fides_key": "payment_service_providers",
            "type": "system",
            "data_categories": ["user.payment"],
        }
    ]

    fresh = tmp_path / "fresh"
    shutil.copytree(inventory_dir, fresh, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    imported = cli("--inventory", str(fresh), "import", "fides", str(out), "--json")
    assert imported.code == 0, imported.err
    assert set(json.loads(imported.out)["systems"]) == {"shop-db", "crm"}
    before = {k: f for k, f in _fields(shop_inventory).items() if f["status"] != "rejected"}
    after = _fields(fresh)
    assert set(after) == set(before)
    for key, f in before.items():
        assert after[key]["fideslang"] == (f.get("fideslang") or after[key]["fideslang"]), key
        assert after[key]["category"] == f["category"], key
        assert after[key]["status"] == "accepted"
        assert after[key]["declared"]["document"] == "datamap-datasets.yml"
    assert cli("--inventory", str(fresh), "validate").code == 0
    where = json.loads(cli("--inventory", str(fresh), "where", "payment information", "--json").out)
    assert [(f["source"]["id"], f["target"]["id"]) for f in where["flows"]] == [
        ("shop-db", "payment-service-providers")
    ]


def test_an_import_reports_what_it_cannot_place(cli, tmp_path: Path, inventory_dir: Path) -> None:
    manifests = tmp_path / "fides"
    manifests.mkdir()
    (manifests / "app.yml").write_text(
        yaml.safe_dump(
            {
                "dataset": [
                    {
                        "fides_key": "app_db",
                        "collections": [
                            {
                                "name": "users",
                                "fields": [
                                    {"name": "email", "data_categories": ["user.contact.email"]},
                                    {"name": "notes"},  # unlabelled in Fides: nothing claimed
                                    {"name": "tier", "data_categories": ["custom.loyalty"]},
                                    {
                                        "name": "address",
                                        "fields": [
                                            {
                                                "name": "zip",
                                                "data_categories": [
                                                    "user.contact.address.postal_code"
                                                ],
                                            }
                                        ],
                                    },
                                ],
                            }
                        ],
                    }
                ],
                "system": [
                    {
                        "fides_key": "app",
                        "egress": [
                            {"fides_key": "nowhere", "type": "system", "data_categories": ["user"]}
                        ],
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    root = tmp_path / "inv"
    shutil.copytree(inventory_dir, root, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    result = cli("--inventory", str(root), "import", "fides", str(manifests))
    assert result.code == 0, result.err
    assert "'custom.loyalty' is not a published fideslang key" in result.err
    assert "nowhere, which the inventory does not know" in result.err
    fields = _fields(root)
    assert set(fields) == {
        ("app-db", "users", "email"),
        ("app-db", "users", "tier"),
        ("app-db", "users", "address.zip"),
    }
    assert fields[("app-db", "users", "address.zip")]["category"] == "postal-addresses"
    assert "category" not in fields[("app-db", "users", "tier")]


def test_a_broken_manifest_is_one_clear_line(cli, tmp_path: Path, inventory_dir: Path) -> None:
    manifests = tmp_path / "fides"
    manifests.mkdir()
    (manifests / "bad.yml").write_text("dataset:\n  - collections: []\n", encoding="utf-8")
    root = tmp_path / "inv"
    shutil.copytree(inventory_dir, root, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    result = cli("--inventory", str(root), "import", "fides", str(manifests))
    assert result.code == 1
    assert "bad.yml: dataset.0.fides_key: Field required" in result.err
    assert not (root / "systems.yaml").exists()
