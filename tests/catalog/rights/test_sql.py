"""An access request: the SELECTs the plan prints return exactly the person's rows, and the
export (the one output holding values) holds them; in SQLite and PostgreSQL."""

from __future__ import annotations

import json
import re
from typing import Any

from tests.catalog.rights.conftest import App, theirs


def statements(script: str) -> list[tuple[str, str]]:
    """(the comment before it, the statement) for each statement of a script."""
    out, said, lines = [], "", []
    for line in script.splitlines():
        if line.startswith("--"):
            said = line
            continue
        lines.append(line)
        if line.endswith(";"):
            out.append((said, "\n".join(lines).rstrip(";")))
            lines = []
    return out


def the_customer(shop: App) -> tuple[int, str]:
    (cid, email), *_ = shop.query(
        "SELECT c.id, c.email FROM customers c JOIN orders o ON o.customer_id = c.id "
        "GROUP BY c.id, c.email ORDER BY count(*) DESC, c.id LIMIT 1"
    )
    return cid, email


def test_the_selects_return_exactly_the_person_s_rows(cli, shop: App) -> None:
    cid, email = the_customer(shop)
    mine = theirs(shop, cid)
    result = cli(*shop.args("--subject-key", f"email={email}", "--request", "access", "--sql"))
    assert result.code == 0, result.err
    everything = shop.keyed()
    found: dict[str, set[tuple[Any, ...]]] = {}
    for said, sql in statements(result.out):
        if not sql.startswith("SELECT"):
            assert sql in ("BEGIN", "COMMIT", "SET TRANSACTION READ ONLY"), sql
            continue
        table = re.search(r"row\(s\) of (\w+):", said)
        assert table is not None, said
        if "mention the person" in said:  # another person's rows: only the mentioning columns
            assert shop.raw(sql) == []  # no one else holds this customer's e-mail here
            continue
        rows = set(shop.raw(sql))
        counted = re.search(r"select (\d+) row", said)
        assert counted is not None and len(rows) == int(counted.group(1))
        found.setdefault(table.group(1), set()).update(rows)
    for table, keys in mine.items():
        expected = {everything[table][k] for k in keys}
        assert {tuple(r) for r in found.get(table, set())} == expected, table
    assert set(found) - set(mine) <= {"newsletter_signups"}  # searched by e-mail: nothing there


def test_the_export_holds_the_person_s_rows_and_says_where_it_stopped(cli, shop: App) -> None:
    cid, email = the_customer(shop)
    mine = theirs(shop, cid)
    result = cli(
        *shop.args("--subject-key", f"customers.email={email}", "--request", "access", "--export")
    )
    assert result.code == 0, result.err
    export = json.loads(result.out)
    assert export["request"] == "access" and export["seeds"][0]["rows"] == 1
    tables: dict[str, Any] = {}
    for t in export["tables"]:  # a table's own rows come before other people's that mention them
        tables.setdefault(t["table"], t)
    for table, keys in mine.items():
        pk = shop.primary_key(table)
        got = {tuple(r[c] for c in pk) for r in tables[table]["rows"]}
        assert got == keys and tables[table]["count"] == len(keys), table
        assert not tables[table]["truncated"]
    (customer,) = tables["customers"]["rows"]
    assert customer["email"] == email and customer["id"] == cid

    capped = cli(
        *shop.args(
            "--subject-key",
            f"customers.email={email}",
            "--request",
            "access",
            "--export",
            "--limit",
            "1",
        )
    )
    export = json.loads(capped.out)
    (orders,) = [t for t in export["tables"] if t["table"] == "orders"]
    assert orders["count"] == 1 and orders["truncated"] is (len(mine["orders"]) > 1)
    assert export["limit"] == 1
