"""Fides manifests in and out. Fides' and fideslang's own demo and sample manifests
(fixtures/fides/, see its README) are imported and exported back, and each comes back whole:
every dataset, collection and (nested) field with its description, fides_meta and categories,
every system with its privacy declarations, egress and ingress. Keys of an older fideslang are
replaced by their published successor, or kept and reported; nothing is dropped in silence."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from catalog.model.fides_manifest import SUCCESSORS, published, successor

FIXTURES = Path(__file__).parent / "fixtures" / "fides"
CORPORA = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())

# The keys of these manifests that fideslang 3 does not publish, and what replaces each: read
# off fideslang's and Fides' published renames by hand (see catalog/model/fides.py), so that the
# test does not take the importer's table on trust. None: no published successor.
RENAMED: dict[str, str | None] = {
    "user.contact.state": "user.contact.address.state",  # fideslang 1.4
    "improve.system": "functional.service.improve",  # fideslang 2.0
    "advertising": "marketing.advertising",  # fideslang 1.4
    "user.cookie_id": None,  # never a published key; no rename leads from it
}


def current(keys: list[str] | None) -> list[str]:
    """Keys as fideslang 3 says them: each renamed one by its successor, those with none out."""
    out = []
    for key in keys or []:
        now = RENAMED.get(key, key)
        if now is not None and now not in out:
            out.append(now)
    return out


def manifests(folder: Path) -> dict[str, dict[str, dict[str, Any]]]:
    """The datasets and systems of a folder's manifests, by kind and fides_key."""
    out: dict[str, dict[str, dict[str, Any]]] = {"dataset": {}, "system": {}}
    for path in sorted(folder.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for kind, items in out.items():
            for item in data.get(kind) or []:
                items[item["fides_key"]] = item
    return out


def walk(fields: list[dict[str, Any]] | None, prefix: str = "") -> Iterator[tuple[str, dict]]:
    for f in fields or []:
        yield prefix + f["name"], f
        yield from walk(f.get("fields"), prefix + f["name"] + ".")


def fresh_inventory(tmp_path: Path, inventory_dir: Path, name: str) -> Path:
    root = tmp_path / name
    shutil.copytree(inventory_dir, root, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    return root


def import_fides(cli, root: Path, folder: Path) -> list[str]:
    """`datamap import fides FOLDER`, which must succeed: its notes (one line each, as --json
    gives them: the screen wraps long lines)."""
    result = cli("--inventory", str(root), "import", "fides", str(folder), "--json")
    assert result.code == 0, result.err
    assert "Traceback" not in result.err
    return json.loads(result.out)["notes"]


def systems_yaml(root: Path) -> dict[str, dict[str, Any]]:
    data = yaml.safe_load((root / "systems.yaml").read_text(encoding="utf-8"))
    return {s["id"]: s for s in data["systems"]}


@pytest.fixture
def round_trip(
    cli, tmp_path: Path, inventory_dir: Path
) -> Callable[[str], tuple[Path, Path, list[str]]]:
    """Import a corpus into a copy of the inventory and export it: (inventory, export, notes)."""

    def run(corpus: str) -> tuple[Path, Path, list[str]]:
        root = fresh_inventory(tmp_path, inventory_dir, f"inv-{corpus}")
        imported = import_fides(cli, root, FIXTURES / corpus)
        out = tmp_path / f"out-{corpus}"
        exported = cli("--inventory", str(root), "export", "fides", "-o", str(out))
        assert exported.code == 0, exported.err
        return root, out, imported

    return run


@pytest.mark.parametrize("corpus", CORPORA)
def test_each_demo_manifest_comes_back_whole(corpus: str, round_trip) -> None:
    _, out, _ = round_trip(corpus)
    before, after = manifests(FIXTURES / corpus), manifests(out)
    assert set(after["dataset"]) == set(before["dataset"])
    assert set(after["system"]) == set(before["system"])

    for key, ds in before["dataset"].items():
        back = after["dataset"][key]
        for attr in ("name", "description", "organization_fides_key", "fides_meta"):
            assert back.get(attr) == ds.get(attr), (key, attr)
        # `data_categories: []` and none say the same (nothing applies to every collection)
        assert (back.get("data_categories") or []) == current(ds.get("data_categories"))
        collections = {c["name"]: c for c in back["collections"]}
        assert list(collections) == sorted(c["name"] for c in ds["collections"])
        for c in ds["collections"]:
            got = collections[c["name"]]
            for attr in ("description", "fides_meta"):
                assert got.get(attr) == c.get(attr), (key, c["name"], attr)
            assert (got.get("data_categories") or []) == current(c.get("data_categories"))
            fields, was = dict(walk(got["fields"])), dict(walk(c["fields"]))
            assert list(fields) == sorted(was, key=lambda n: n.split(".")), (key, c["name"])
            for name, f in was.items():
                g = fields[name]
                where = (key, c["name"], name)
                assert g.get("description") == f.get("description"), where
                meta = dict(f.get("fides_meta") or {})
                # fideslang's FidesMeta has no data_categories: Fides itself drops the key, and
                # the import reports it (see test_what_is_not_kept_is_reported)
                meta.pop("data_categories", None)
                assert g.get("fides_meta") == (meta or None), where
                assert g["data_categories"] == current(f.get("data_categories")), where
                assert bool(g.get("fields")) == bool(f.get("fields")), where

    for key, system in before["system"].items():
        back = after["system"][key]
        for attr in ("name", "description", "system_type", "administrating_department"):
            assert back.get(attr) == system.get(attr), (key, attr)
        for direction in ("egress", "ingress"):
            assert back.get(direction) == system.get(direction), (key, direction)
        declarations = {d.get("name"): d for d in back["privacy_declarations"]}
        assert len(declarations) == len(system["privacy_declarations"])
        for d in system["privacy_declarations"]:
            got = declarations[d.get("name")]
            assert got == d | {
                "data_categories": current(d["data_categories"]),
                "data_use": current([d["data_use"]])[0],
                "data_subjects": current(d["data_subjects"]),
            }, (key, d.get("name"))


def test_an_old_key_is_replaced_or_kept_and_every_one_is_reported(round_trip) -> None:
    root, out, lines = round_trip("fideslang-demo")
    assert (
        "demo_dataset.yml: demo_users_dataset.users.state: 'user.contact.state' is not a "
        "fideslang 3 data category; its published successor 'user.contact.address.state' is used"
    ) in lines
    assert any(
        line.startswith(
            "demo_system.yml: demo_marketing_system: privacy declaration 'Collect data for "
            "marketing': 'user.cookie_id' is not a fideslang 3 data category and has no published "
            "successor; kept"
        )
        for line in lines
    ), lines
    assert (
        "demo_system.yml: demo_analytics_system: privacy declaration 'Analyze customer "
        "behaviour for improvements.': 'improve.system' is not a fideslang 3 data use; its "
        "published successor 'functional.service.improve' is used"
    ) in lines
    systems = systems_yaml(root)
    [state] = [f for f in systems["demo-users-dataset"]["fields"] if f["column"] == "state"]
    assert state["fideslang"] == "user.contact.address.state"
    assert state["category"] == "postal-addresses"
    assert state["outdated_keys"] == [
        {
            "key": "user.contact.state",
            "kind": "data_category",
            "successor": "user.contact.address.state",
        }
    ]
    marketing = systems["demo-marketing-system"]["fides_system"]
    assert {
        "key": "user.cookie_id",
        "kind": "data_category",
        "where": ("declaration Collect data for marketing"),
    } in marketing["outdated"]
    # kept, but never written to Fides as a fact: the published list is all an export writes
    written = manifests(out)["system"]["demo_marketing_system"]
    assert written["privacy_declarations"][0]["data_categories"] == []


def test_what_is_not_kept_is_reported(round_trip) -> None:
    _, _, notes = round_trip("fides-sample")
    assert (
        "mongo_example_test_dataset.yml: not kept (datamap keeps fideslang 3's datasets and "
        "systems): dataset[mongo_test].collections[customer_details].fields[travel_identifiers]"
        ".fides_meta.data_categories"
    ) in notes


@pytest.mark.parametrize("corpus", CORPORA)
def test_an_import_of_the_export_is_the_first_import(
    corpus: str, round_trip, cli, tmp_path: Path, inventory_dir: Path
) -> None:
    first, out, _ = round_trip(corpus)
    again = fresh_inventory(tmp_path, inventory_dir, "again")
    import_fides(cli, again, out)
    before, after = systems_yaml(first), systems_yaml(again)
    assert set(after) == set(before)
    for sid, system in before.items():
        by_key = {(f["table"], f["column"]): f for f in after[sid].pop("fields", [])}
        assert by_key == {(f["table"], f["column"]): f for f in system.pop("fields", [])}, sid
        assert after[sid] == system, sid


def test_nested_fields_are_kept_as_nested(round_trip) -> None:
    root, out, _ = round_trip("fides-sample")
    mongo = systems_yaml(root)["mongo-test"]
    employer = next(f for f in mongo["fields"] if f["column"] == "workplace_info.employer")
    assert employer["parent"] == "workplace_info"
    assert employer["fides_meta"] == {"data_type": "string"}
    [dataset] = [d for d in manifests(out)["dataset"].values() if d["fides_key"] == "mongo_test"]
    details = next(c for c in dataset["collections"] if c["name"] == "customer_details")
    workplace = next(f for f in details["fields"] if f["name"] == "workplace_info")
    assert [f["name"] for f in workplace["fields"]] == ["direct_reports", "employer", "position"]


def test_an_import_keeps_what_it_cannot_place_and_says_so(
    cli, tmp_path: Path, inventory_dir: Path
) -> None:
    folder = tmp_path / "fides"
    folder.mkdir()
    (folder / "app.yml").write_text(
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
    root = fresh_inventory(tmp_path, inventory_dir, "inv")
    notes = import_fides(cli, root, folder)
    assert (
        "app.yml: app_db.users.tier: 'custom.loyalty' is not a fideslang 3 data category "
        "and has no published successor; kept on the field, with no category"
    ) in notes
    assert (
        "app.yml: app: egress nowhere: not a system or recipient the inventory knows; "
        "kept as a Fides egress, no datamap flow"
    ) in notes
    systems = systems_yaml(root)
    fields = {(f["table"], f["column"]): f for f in systems["app-db"]["fields"]}
    assert set(fields) == {
        ("users", "email"),
        ("users", "notes"),
        ("users", "tier"),
        ("users", "address"),
        ("users", "address.zip"),
    }
    assert fields[("users", "address.zip")]["category"] == "postal-addresses"
    assert fields[("users", "address.zip")]["parent"] == "address"
    assert "category" not in fields[("users", "tier")]
    assert fields[("users", "tier")]["outdated_keys"] == [
        {"key": "custom.loyalty", "kind": "data_category"}
    ]
    assert "category" not in fields[("users", "notes")]  # holds nothing
    assert systems["app"]["fides_system"]["egress"] == [
        {"fides_key": "nowhere", "type": "system", "data_categories": ["user"]}
    ]
    assert "flows" not in systems["app"]
    assert cli("--inventory", str(root), "validate").code == 0


def test_a_broken_manifest_is_one_clear_line(cli, tmp_path: Path, inventory_dir: Path) -> None:
    manifests_dir = tmp_path / "fides"
    manifests_dir.mkdir()
    (manifests_dir / "bad.yml").write_text("dataset:\n  - collections: []\n", encoding="utf-8")
    root = fresh_inventory(tmp_path, inventory_dir, "inv")
    result = cli("--inventory", str(root), "import", "fides", str(manifests_dir))
    assert result.code == 1
    assert "bad.yml: dataset.0.fides_key: Field required" in result.err
    assert not (root / "systems.yaml").exists()


@pytest.mark.parametrize(
    ("item", "message"),
    [
        (
            {"name": "a", "fides_meta": {"length": -3}},
            "collections.0.fields.0.fides_meta.length: Input should be greater than 0",
        ),
        (
            {"name": "a", "fides_meta": {"data_type": "varchar(20)"}},
            "collections.0.fields.0.fides_meta.data_type: String should match pattern",
        ),
        (
            {"name": "a", "fides_meta": {"references": "customer.id"}},
            "collections.0.fields.0.fides_meta.references: Input should be a valid list",
        ),
        (
            {"name": "a", "fides_meta": {"identity": "x" * 301}},
            "collections.0.fields.0.fides_meta.identity: String should have at most 300",
        ),
        (
            {"name": "a", "fides_meta": {"data_type": "string", "return_all_elements": True}},
            "return_all_elements can only be given on an array field",
        ),
        (
            {"name": "a", "fides_meta": {"data_type": "string"}, "fields": [{"name": "b"}]},
            "field 'a' has sub-fields, so its data_type must be object",
        ),
        ({"name": "a", "description": "x" * 4001}, "String should have at most 4000"),
        ({"name": ["a"]}, "collections.0.fields.0.name: Input should be a valid string"),
    ],
    ids=["length", "type", "references", "identity", "all-elements", "nested", "long", "name"],
)
def test_a_bad_field_is_one_clear_line(
    cli, tmp_path: Path, inventory_dir: Path, item: dict, message: str
) -> None:
    folder = tmp_path / "fides"
    folder.mkdir()
    dataset = {"fides_key": "app", "collections": [{"name": "t", "fields": [item]}]}
    (folder / "bad.yml").write_text(yaml.safe_dump({"dataset": [dataset]}), encoding="utf-8")
    root = fresh_inventory(tmp_path, inventory_dir, "inv")
    result = cli("--inventory", str(root), "import", "fides", str(folder))
    assert result.code == 1 and "Traceback" not in result.err
    [line] = result.err.strip().splitlines()
    assert line.startswith(f"error: {folder / 'bad.yml'}: dataset.0.")
    assert message in line
    assert not (root / "systems.yaml").exists()


@pytest.mark.parametrize(
    ("system", "message"),
    [
        ({"fides_key": "s", "privacy_declarations": [{"name": "d"}]}, "data_use: Field required"),
        (
            {
                "fides_key": "s",
                "privacy_declarations": [{"data_use": "essential", "egress": ["crm"]}],
            },
            "names egress 'crm', which the system's own egress does not list",
        ),
        (
            {"fides_key": "s", "egress": [{"fides_key": "user", "type": "system"}]},
            "the 'user' fides_key is required for, and requires, type 'user'",
        ),
        (
            {"fides_key": "s", "egress": [{"fides_key": "crm", "type": "vendor"}]},
            "egress.0.type: Input should be 'system', 'user' or 'dataset'",
        ),
        ({"fides_key": "not a key"}, "system.0.fides_key: String should match pattern"),
    ],
    ids=["no-use", "egress", "user", "type", "key"],
)
def test_a_bad_system_is_one_clear_line(
    cli, tmp_path: Path, inventory_dir: Path, system: dict, message: str
) -> None:
    folder = tmp_path / "fides"
    folder.mkdir()
    (folder / "bad.yml").write_text(yaml.safe_dump({"system": [system]}), encoding="utf-8")
    root = fresh_inventory(tmp_path, inventory_dir, "inv")
    result = cli("--inventory", str(root), "import", "fides", str(folder))
    assert result.code == 1 and "Traceback" not in result.err
    [line] = result.err.strip().splitlines()
    assert message in line, line


def test_a_hostile_datamap_record_is_read_as_fides_says(
    cli, tmp_path: Path, inventory_dir: Path
) -> None:
    folder = tmp_path / "fides"
    folder.mkdir()
    dataset = {
        "fides_key": "app",
        "meta": {"datamap": {"version": 1, "fields": [{"collection": "t", "field": {"x": 1}}]}},
        "collections": [
            {"name": "t", "fields": [{"name": "email", "data_categories": ["user.contact.email"]}]}
        ],
    }
    (folder / "app.yml").write_text(yaml.safe_dump({"dataset": [dataset]}), encoding="utf-8")
    root = fresh_inventory(tmp_path, inventory_dir, "inv")
    [note] = [n for n in import_fides(cli, root, folder) if "meta.datamap" in n]
    assert note.startswith("app.yml: app: meta.datamap.fields.0.field.table: Field required")
    [email] = systems_yaml(root)["app"]["fields"]
    assert (email["status"], email["category"]) == ("accepted", "email-addresses")


def test_the_successor_table_leads_only_to_published_keys() -> None:
    for kind, renames in SUCCESSORS.items():
        for old in renames:
            assert not published(old, kind), (kind, old)  # only keys fideslang 3 dropped
            found = successor(old, kind)
            assert found is None or published(found, kind), (kind, old, found)
    # renames fideslang and Fides published, followed across versions
    assert successor("user.credentials", "data_category") == "user.authorization.credentials"
    assert (
        successor("user.provided.identifiable.credentials.password", "data_category")
        == "user.authorization.password"
    )  # 1.0 -> 1.1 -> 2.0
    assert successor("personalize.profiling", "data_use") == "personalize.content.profiling"
    # a rename whose target was later removed with nothing in its place leads nowhere
    assert successor("user.account.payment.financial_account_number", "data_category") is None


def test_a_key_edited_in_by_hand_is_checked_like_every_key(
    cli, tmp_path: Path, inventory_dir: Path
) -> None:
    """What an import keeps of a Fides system (declarations, flows) and a field's further keys
    are fideslang keys datamap states: one that is not published is a problem with its line."""
    root = fresh_inventory(tmp_path, inventory_dir, "inv-edited")
    import_fides(cli, root, FIXTURES / "fideslang-demo")
    assert cli("--inventory", str(root), "validate").code == 0
    path = root / "systems.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    [system] = [
        s for s in data["systems"] if (s.get("fides_system") or {}).get("privacy_declarations")
    ][:1]
    system["fides_system"]["privacy_declarations"][0]["data_use"] = "advertisng"
    [field] = [f for s in data["systems"] for f in s.get("fields") or [] if f.get("fideslang")][:1]
    field["more_fideslang"] = ["user.contact.emial"]
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    result = cli("--inventory", str(root), "validate")
    assert result.code == 1 and "Traceback" not in result.err
    lines = result.err.splitlines()
    assert any(
        "systems.yaml:" in line
        and "fides_system.privacy_declarations[0].data_use" in line
        and "'advertisng' is not a fideslang data use key" in line
        for line in lines
    ), result.err
    assert any(
        "more_fideslang[0]" in line and "did you mean user.contact.email?" in line for line in lines
    ), result.err
