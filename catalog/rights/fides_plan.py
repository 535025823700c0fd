"""The plan as a fideslang `dataset`, so that Fides can run the request.

Only keys fideslang defines are written (checked against fideslang's models in the tests):
- the seed column carries `fides_meta.identity` (its kind: `email`, `phone_number`, or the
  column's name for a key of another kind), and so does a column matched by identity when
  it holds the seed's kind;
- each key column carries `fides_meta.references` to the column it meets, `direction: from`
  where the person's rows are found through the referenced one (an order's `customer_id`,
  from `customers.id`) and `to` where they are found the other way (a customer's
  `address_id`, to the address row the person owns);
- a collection whose rows must go after others' carries `fides_meta.erase_after`, and one
  whose rows are deleted `masking_strategy_override: {strategy: delete}`; in rows that stay,
  a column cleared to NULL has `null_rewrite`, a pseudonymised one `hash` (with its
  `length`), and one kept under a retention rule `read_only: true`, its rule in the
  description;
- in another person's rows that mention the person, only the mentioning columns are listed
  (Fides masks what it is told of: the rest of those rows is not the person's).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import types as sqltypes

from catalog.model.fides_manifest import default_fides_key
from catalog.rights.plan import Planned
from catalog.rights.reach import Reach, TableKey


def _data_type(t: sqltypes.TypeEngine[Any]) -> str:
    if isinstance(t, sqltypes.Boolean):
        return "boolean"
    if isinstance(t, sqltypes.Integer):
        return "integer"
    if isinstance(t, sqltypes.Numeric | sqltypes.Float):
        return "float"
    if isinstance(t, sqltypes.JSON):
        return "object"
    return "string"


def datasets(planned: Planned) -> dict[str, Any]:
    plan, found = planned.plan, planned.found
    key = default_fides_key(plan.system)
    erasure = plan.request == "erasure"
    # (SQLAlchemy's names are a str subclass YAML does not know)
    name = {k: str(n.table.name) for k, n in found.nodes.items()}
    collections: dict[TableKey, dict[str, Any]] = {}
    fields: dict[TableKey, dict[str, dict[str, Any]]] = {}
    seed_kinds = {s.kind for s in found.seeds if s.kind}

    def field(table: TableKey, column: str) -> dict[str, Any]:
        node = found.nodes[table]
        entry = fields.setdefault(table, {}).get(column)
        if entry is None:
            col = node.table.c[column]
            meta: dict[str, Any] = {"data_type": _data_type(col.type)}
            if column in node.pk:
                meta["primary_key"] = True
            length = getattr(col.type, "length", None)
            if isinstance(length, int) and length > 0 and meta["data_type"] == "string":
                meta["length"] = length
            entry = {"name": str(column), "fides_meta": meta}
            f = node.personal.get(column)
            if f is not None and f.fideslang:
                entry["data_categories"] = [f.fideslang]
            fields[table][column] = entry
        return entry

    def refer(
        table: TableKey, column: str, other: TableKey, other_column: str, direction: str
    ) -> None:
        refs = field(table, column)["fides_meta"].setdefault("references", [])
        ref = {"dataset": key, "field": f"{name[other]}.{other_column}", "direction": direction}
        if ref not in refs:
            refs.append(ref)

    def reached(table: TableKey, r: Reach) -> None:
        if r.kind == "seed":
            assert r.column is not None
            field(table, r.column)["fides_meta"]["identity"] = r.identity or r.column
        elif r.kind in ("identity", "link_identity"):
            assert r.column is not None and r.source is not None and r.source_column
            if r.identity in seed_kinds:
                field(table, r.column)["fides_meta"]["identity"] = r.identity
            else:
                refer(table, r.column, r.source, r.source_column, "from")
        elif r.key is not None and r.source is not None:
            k = r.key
            if r.kind == "owned":  # found from the row pointing at it
                for mine, theirs in zip(k.referred, k.columns, strict=True):
                    refer(r.source, theirs, table, mine, "to")
                    field(table, mine)
            else:
                for mine, theirs in zip(k.columns, k.referred, strict=True):
                    refer(table, mine, r.source, theirs, "from")

    for table, reaches in found.own.items():
        node = found.nodes[table]
        for c in [*node.pk, *node.personal]:
            field(table, c)
        for r in reaches:
            reached(table, r)
        collections[table] = {"name": name[table]}
    for table, reaches in found.links.items():
        node = found.nodes[table]
        for c in node.pk:
            field(table, c)
        for r in reaches:
            reached(table, r)
        collections.setdefault(table, {"name": name[table]})
    descriptions: dict[TableKey, list[str]] = {}
    for step in plan.steps:
        table = next(k for k, n in found.nodes.items() if n.shown == step.table)
        descriptions.setdefault(table, []).append(f"{step.action}: {step.reason}")
        if not erasure:
            continue
        for action in step.columns or []:
            if action.column not in found.nodes[table].table.c:
                continue
            meta = field(table, action.column)["fides_meta"]
            if action.action == "null":
                meta["masking_strategy_override"] = {"strategy": "null_rewrite"}
            elif action.action == "pseudonymise":
                meta["masking_strategy_override"] = {
                    "strategy": "hash",
                    "configuration": {"algorithm": "SHA-256"},
                }
            elif action.action == "keep":
                meta["read_only"] = True
                field(table, action.column)["description"] = action.reason
    if erasure:
        for table, decision in planned.decisions.items():
            if decision.fate == "delete":
                _meta(collections[table])["masking_strategy_override"] = {"strategy": "delete"}
        for k in found.keys:
            parent = planned.decisions.get(k.parent)
            if parent is None or parent.fate != "delete" or k.child == k.parent:
                continue
            if k.child in collections and (
                k.child in planned.decisions or (k.child, k) in planned.dissociated
            ):
                after = _meta(collections[k.parent]).setdefault("erase_after", [])
                if f"{key}.{name[k.child]}" not in after:
                    after.append(f"{key}.{name[k.child]}")
    out = []
    for table, collection in sorted(collections.items(), key=lambda x: name[x[0]]):
        if table in descriptions:
            collection["description"] = " | ".join(descriptions[table])
        collection["fields"] = sorted(fields.get(table, {}).values(), key=lambda f: f["name"])
        out.append(collection)
    seeds = ", ".join(f"{s.table}.{s.column}" for s in plan.seeds)
    return {
        "dataset": [
            {
                "fides_key": key,
                "name": planned.system.name,
                "description": f"datamap rights-plan: {plan.request} from {seeds}, "
                f"for Fides to run (references and erase order from {planned.db.shown})",
                "collections": out,
            }
        ]
    }


def _meta(collection: dict[str, Any]) -> dict[str, Any]:
    meta: dict[str, Any] = collection.setdefault("fides_meta", {})
    return meta
