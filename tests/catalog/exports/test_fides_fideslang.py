"""Every Fides export loads with fideslang's own models (fideslang 3.1.4, in the venv
`make setup-test` makes: its pydantic is older than datamap's), keeps everything it says through
them (nothing written is a key fideslang's models drop), and names only keys of fideslang's
default taxonomy. Checked for a scanned and reviewed inventory and for each of Fides' and
fideslang's demo and sample manifests taken through datamap."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[3]
FIDESLANG = ROOT / ".venv" / "fideslang" / "bin" / "python"
CHECK = Path(__file__).with_name("fideslang_check.py")
CORPUS = ROOT / "tests" / "catalog" / "scanning" / "fixtures" / "fides"


def fideslang_check(folder: Path) -> dict[str, Any]:
    # A missing fideslang fails the test, never skips it: `make setup-test` installs it.
    if not FIDESLANG.exists():
        pytest.fail(
            f"fideslang's venv is missing ({FIDESLANG}): run `make setup-test` (or make "
            ".venv/fideslang/.installed)"
        )
    done = subprocess.run(
        [str(FIDESLANG), str(CHECK), str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def export(cli, root: Path, out: Path) -> Path:
    result = cli("--inventory", str(root), "export", "fides", "-o", str(out))
    assert result.code == 0, result.err
    return out


def assert_loads_whole(report: dict[str, Any], datasets: int, systems: int) -> None:
    assert report["errors"] == []
    assert report["dropped"] == []
    assert report["unknown"] == []
    kinds = [k.split()[0] for k in report["loaded"]]
    assert (kinds.count("dataset"), kinds.count("system")) == (datasets, systems)


def test_a_reviewed_scan_loads_in_fideslang(cli, shop_inventory: Path, tmp_path: Path) -> None:
    out = export(cli, shop_inventory, tmp_path / "fides")
    assert_loads_whole(fideslang_check(out), datasets=2, systems=2)


@pytest.mark.parametrize("corpus", sorted(p.name for p in CORPUS.iterdir() if p.is_dir()))
def test_each_demo_manifest_taken_through_datamap_loads_in_fideslang(
    corpus: str, cli, tmp_path: Path, inventory_dir: Path
) -> None:
    root = tmp_path / "inventory"
    shutil.copytree(inventory_dir, root, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    imported = cli("--inventory", str(root), "import", "fides", str(CORPUS / corpus))
    assert imported.code == 0, imported.err
    before = fideslang_check(CORPUS / corpus)
    assert before["errors"] == []  # the originals load too: the comparison is a fair one
    kinds = [k.split()[0] for k in before["loaded"]]
    report = fideslang_check(export(cli, root, tmp_path / "fides"))
    assert_loads_whole(report, kinds.count("dataset"), kinds.count("system"))
    assert set(report["loaded"]) == set(before["loaded"])


def test_the_check_finds_what_fideslang_drops_or_does_not_know(tmp_path: Path) -> None:
    """The check itself: a key fideslang's FidesMeta does not know, an old key."""
    (tmp_path / "odd.yml").write_text(
        "dataset:\n- fides_key: app\n  collections:\n  - name: t\n    fields:\n"
        "    - name: a\n      data_categories: [user.contact.state]\n"
        "      fides_meta: {data_type: string, status: suggested}\n",
        encoding="utf-8",
    )
    report = fideslang_check(tmp_path)
    assert report["dropped"] == ["odd.yml: dataset app.collections[t].fields[a].fides_meta.status"]
    assert report["unknown"] == ["odd.yml: dataset app: data_category user.contact.state"]


# A manifest using what fideslang 3 offers beyond the demo manifests: every part must come back.
EVERYTHING = {
    "dataset": [
        {
            "fides_key": "warehouse",
            "organization_fides_key": "default_organization",
            "tags": ["tier-1"],
            "name": "Warehouse",
            "description": "The analytics warehouse",
            "data_categories": [],
            "fides_meta": {"after": ["crm_db"], "namespace": {"database_name": "dw"}},
            "collections": [
                {
                    "name": "orders",
                    "description": "One row an order",
                    "data_categories": [],
                    "fides_meta": {
                        "after": ["crm_db.accounts"],
                        "erase_after": ["crm_db.accounts"],
                        "skip_processing": False,
                        "masking_strategy_override": {"strategy": "delete"},
                        "partitioning": {"where_clauses": ["created > '2020-01-01'"]},
                    },
                    "fields": [
                        {
                            "name": "buyer_email",
                            "description": "Who bought",
                            "data_categories": ["user.contact.email"],
                            "fides_meta": {
                                "identity": "email",
                                "data_type": "string",
                                "length": 254,
                                "read_only": False,
                                "masking_strategy_override": {
                                    "strategy": "random_string_rewrite",
                                    "configuration": {"length": 12},
                                },
                            },
                        },
                        {
                            "name": "tenant",
                            "data_categories": ["system.operations"],
                            "fides_meta": {"custom_request_field": "tenant_id", "redact": "name"},
                        },
                    ],
                }
            ],
        }
    ],
    "system": [
        {
            "fides_key": "shop_app",
            "organization_fides_key": "default_organization",
            "tags": ["customer-facing"],
            "name": "Shop app",
            "description": "The web shop",
            "system_type": "Service",
            "administrating_department": "E-commerce",
            "egress": [
                {"fides_key": "warehouse", "type": "dataset", "data_categories": ["user.contact"]},
                {"fides_key": "user", "type": "user"},
            ],
            "ingress": [{"fides_key": "crm", "type": "system"}],
            "privacy_declarations": [
                {
                    "name": "Orders",
                    "data_categories": ["user.contact.email", "user.financial"],
                    "data_use": "essential.service.payment_processing",
                    "data_subjects": ["customer"],
                    "dataset_references": ["warehouse"],
                    "egress": ["warehouse"],
                    "ingress": ["crm"],
                    "features": ["Match and combine data from other data sources"],
                    "flexible_legal_basis_for_processing": False,
                    "legal_basis_for_processing": "Contract",
                    "impact_assessment_location": "https://intranet.example.com/lia",
                    "retention_period": "7 years",
                    "processes_special_category_data": False,
                    "data_shared_with_third_parties": True,
                    "third_parties": "payment processors",
                    "shared_categories": ["user.financial"],
                }
            ],
            "vendor_id": "gvl.42",
            "dataset_references": ["warehouse"],
            "processes_personal_data": True,
            "exempt_from_privacy_regulations": False,
            "uses_profiling": True,
            "legal_basis_for_profiling": ["Explicit consent"],
            "does_international_transfers": True,
            "legal_basis_for_transfers": ["SCCs"],
            "requires_data_protection_assessments": True,
            "dpa_location": "https://intranet.example.com/dpia",
            "privacy_policy": "https://shop.example.com/privacy",
            "legal_name": "Example Shop Ltd",
            "legal_address": "1 High Street, London",
            "responsibility": ["Controller"],
            "dpo": "dpo@example.com",
            "data_security_practices": "ISO 27001",
            "cookie_max_age_seconds": 31536000,
            "uses_cookies": True,
            "cookie_refresh": False,
            "uses_non_cookie_access": False,
            "fidesctl_meta": {"resource_id": "arn:shop", "endpoint_port": "443"},
        }
    ],
}


def test_all_of_fideslang_3_s_dataset_and_system_comes_back_and_loads(
    cli, tmp_path: Path, inventory_dir: Path
) -> None:
    import yaml

    folder = tmp_path / "manifests"
    folder.mkdir()
    (folder / "all.yml").write_text(yaml.safe_dump(EVERYTHING, sort_keys=False), encoding="utf-8")
    assert fideslang_check(folder)["errors"] == []  # a manifest fideslang takes as it is
    root = tmp_path / "inventory"
    shutil.copytree(inventory_dir, root, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    imported = cli("--inventory", str(root), "import", "fides", str(folder), "--json")
    assert imported.code == 0, imported.err
    assert json.loads(imported.out)["notes"] == []  # all of it is kept
    out = export(cli, root, tmp_path / "fides")
    assert_loads_whole(fideslang_check(out), datasets=1, systems=1)
    datasets = yaml.safe_load((out / "datamap-datasets.yml").read_text(encoding="utf-8"))
    systems = yaml.safe_load((out / "datamap-systems.yml").read_text(encoding="utf-8"))
    [dataset], [system] = datasets["dataset"], systems["system"]
    assert dataset.pop("meta").keys() == {"datamap"}
    assert system.pop("meta").keys() == {"datamap"}
    assert dataset == EVERYTHING["dataset"][0]
    assert system == EVERYTHING["system"][0]
