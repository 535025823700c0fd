"""The plan as a Fides dataset: identity on the seed, references along the database's own
foreign keys (direction as fideslang defines it), the erase order, and what each column
undergoes; read back with fideslang's own models where its venv is there (.venv/fideslang),
and always with a strict reading of the keys fideslang defines."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict
from sqlalchemy import create_engine, inspect

from tests.catalog.rights.conftest import App

FIDESLANG = Path(__file__).resolve().parents[3] / ".venv" / "fideslang" / "bin" / "python"

# fideslang.models: FidesDatasetReference, FidesMeta, CollectionMeta, DatasetField,
# DatasetCollection, Dataset (the keys they define; anything else is refused here)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Reference(_Strict):
    dataset: str
    field: str
    direction: Literal["from", "to"] | None = None


class FieldMasking(_Strict):
    strategy: str
    configuration: dict[str, Any] | None = None


class FieldMeta(_Strict):
    references: list[Reference] | None = None
    identity: str | None = None
    primary_key: bool | None = None
    data_type: Literal["string", "integer", "float", "boolean", "object_id", "object"] | None = None
    length: int | None = None
    read_only: bool | None = None
    masking_strategy_override: FieldMasking | None = None


class Field(_Strict):
    name: str
    description: str | None = None
    data_categories: list[str] | None = None
    fides_meta: FieldMeta | None = None


class CollectionMasking(_Strict):
    strategy: Literal["delete"]


class CollectionMeta(_Strict):
    after: list[str] | None = None
    erase_after: list[str] | None = None
    skip_processing: bool | None = None
    masking_strategy_override: CollectionMasking | None = None


class Collection(_Strict):
    name: str
    description: str | None = None
    fides_meta: CollectionMeta | None = None
    fields: list[Field]


class Dataset(_Strict):
    fides_key: str
    name: str | None = None
    description: str | None = None
    collections: list[Collection]


FIDESLANG_CHECK = """
import json, sys, yaml
from fideslang.models import Dataset

def lost(given, kept, where):
    if isinstance(given, dict):
        if not isinstance(kept, dict):
            return [where]
        return [p for k, v in given.items()
                for p in ([f"{where}.{k}"] if k not in kept else lost(v, kept[k], f"{where}.{k}"))]
    if isinstance(given, list) and given and all(isinstance(x, dict) and "name" in x for x in given):
        by_name = {x["name"]: x for x in kept}
        return [p for x in given for p in lost(x, by_name.get(x["name"]), f"{where}[{x['name']}]")]
    return []

out = []
for d in yaml.safe_load(open(sys.argv[1]))["dataset"]:
    try:
        parsed = Dataset.model_validate(d)
    except Exception as exc:
        out.append(f"refused: {exc}")
        continue
    out += lost(d, parsed.model_dump(mode="json", exclude_unset=True), d["fides_key"])
print(json.dumps(out))
"""


def export(cli, app: App, tmp_path: Path, key: str, request: str = "erasure") -> dict[str, Any]:
    folder = tmp_path / "fides"
    result = cli(*app.args("--subject-key", key, "--request", request, "--fides", str(folder)))
    assert result.code == 0, result.err
    (path,) = folder.glob("*.yml")
    if FIDESLANG.exists():  # fideslang's own models: nothing refused, nothing silently dropped
        check = subprocess.run(
            [str(FIDESLANG), "-c", FIDESLANG_CHECK, str(path)],
            capture_output=True,
            text=True,
            check=True,
        )
        assert json.loads(check.stdout) == []
    (dataset,) = yaml.safe_load(path.read_text(encoding="utf-8"))["dataset"]
    Dataset.model_validate(dataset)
    return dataset


def foreign_keys(app: App) -> set[tuple[str, str, str, str]]:
    """(table, column, referred table, referred column) of every declared key."""
    engine = create_engine(app.url)
    try:
        inspector = inspect(engine)
        return {
            (t, c, fk["referred_table"], r)
            for t in inspector.get_table_names()
            for fk in inspector.get_foreign_keys(t)
            for c, r in zip(fk["constrained_columns"], fk["referred_columns"], strict=True)
        }
    finally:
        engine.dispose()


def fields(dataset: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(c["name"], f["name"]): f for c in dataset["collections"] for f in c["fields"]}


def references_are_foreign_keys(
    app: App, dataset: dict[str, Any]
) -> set[tuple[str, str, str, str]]:
    keys = foreign_keys(app)
    seen = set()
    for (table, column), f in fields(dataset).items():
        for ref in (f.get("fides_meta") or {}).get("references") or []:
            assert ref["dataset"] == dataset["fides_key"]
            other_table, other_column = ref["field"].split(".")
            key = (table, column, other_table, other_column)
            assert key in keys, f"{table}.{column} → {ref['field']} is no foreign key"
            seen.add(key)
    return seen


def test_the_shop_plan_reads_in_fides(cli, shop_sqlite_app: App, tmp_path: Path) -> None:
    (email,) = shop_sqlite_app.query("SELECT email FROM customers ORDER BY id LIMIT 1")[0]
    dataset = export(cli, shop_sqlite_app, tmp_path, f"customers.email={email}")
    by_field = fields(dataset)
    assert by_field[("customers", "email")]["fides_meta"]["identity"] == "email"
    # the person's rows are found from customers.id: each child's key points "from" it
    seen = references_are_foreign_keys(shop_sqlite_app, dataset)
    for table in ("orders", "addresses", "reviews", "wishlists", "web_sessions", "appointments"):
        (ref,) = by_field[(table, "customer_id")]["fides_meta"]["references"]
        assert ref == {"dataset": "shop_db", "field": "customers.id", "direction": "from"}
    assert ("payments", "order_id", "orders", "id") in seen
    assert by_field[("newsletter_signups", "contact")]["fides_meta"]["identity"] == "email"
    collections = {c["name"]: c for c in dataset["collections"]}
    customers = collections["customers"]["fides_meta"]
    assert customers["masking_strategy_override"] == {"strategy": "delete"}
    # erased after every table whose rows point at it
    for name in customers["erase_after"]:
        table = name.split(".", 1)[1]
        assert any(k[0] == table and k[2] == "customers" for k in foreign_keys(shop_sqlite_app))
    assert {"shop_db.orders", "shop_db.addresses"} <= set(customers["erase_after"])
    assert "masking_strategy_override" not in (collections["orders"].get("fides_meta") or {})
    assert by_field[("orders", "total")]["fides_meta"]["read_only"] is True
    assert by_field[("orders", "customer_id")]["fides_meta"]["masking_strategy_override"] == {
        "strategy": "null_rewrite"
    }


def test_an_owned_row_is_referenced_the_other_way(
    cli, helpdesk_sqlite_app: App, tmp_path: Path
) -> None:
    (email,) = helpdesk_sqlite_app.query("SELECT email FROM users WHERE id = 2")[0]
    dataset = export(cli, helpdesk_sqlite_app, tmp_path, f"users.email={email}")
    by_field = fields(dataset)
    references_are_foreign_keys(helpdesk_sqlite_app, dataset)
    # the profile is found from the user's row, which points at it: "to"
    assert by_field[("users", "profile_id")]["fides_meta"]["references"] == [
        {"dataset": "helpdesk", "field": "profiles.id", "direction": "to"}
    ]
    assert (
        by_field[("tickets", "requester_id")]["fides_meta"]["references"][0]["direction"] == "from"
    )
    collections = {c["name"]: c for c in dataset["collections"]}
    assert "helpdesk.users" in collections["profiles"]["fides_meta"]["erase_after"]
    assert "countries" not in collections
    # another person's ticket: only the column pointing at the person is listed
    assert {f["name"] for f in collections["tickets"]["fields"]} >= {"requester_id", "assignee_id"}


def test_an_access_plan_carries_no_masking(cli, shop_sqlite_app: App, tmp_path: Path) -> None:
    (email,) = shop_sqlite_app.query("SELECT email FROM customers ORDER BY id LIMIT 1")[0]
    dataset = export(cli, shop_sqlite_app, tmp_path, f"customers.email={email}", "access")
    text = json.dumps(dataset)
    assert "masking_strategy_override" not in text and "erase_after" not in text
    assert fields(dataset)[("customers", "email")]["fides_meta"]["identity"] == "email"
