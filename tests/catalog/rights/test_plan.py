"""An erasure planned, run and checked the way a DPO and a DBA would: plan one person's erasure,
run the `--sql` script against the database, and look at the rows. Which rows are the person's
is worked out here from each application's schema, not taken from the plan; the plan is held to
what it says (every step's count, every column's action) and to the database's keys.

Run on the example shop and on a help desk the planner was not written against, each in
SQLite and in a real PostgreSQL server."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from catalog.rights.model import RightsPlan
from tests.catalog.rights.conftest import App, app_for, theirs
from tests.catalog.rights.helpdesk import SHARED_PROFILE


def policy_text() -> str:
    from catalog.settings import SHIPPED_INVENTORY

    return " ".join((SHIPPED_INVENTORY / "stefere-privacy-policy.txt").read_text().split())


def plan(cli, app: App, *args: str) -> dict[str, Any]:
    result = cli(*app.args(*args, "--json"))
    assert result.code == 0, result.err
    body = json.loads(result.out)
    RightsPlan.model_validate(body)  # the documented shape, and nothing else
    assert set(body) == {"request", "system", "seeds", "steps", "unreachable", "notify"}
    return body


def erase(cli, app: App, key: str) -> tuple[dict[str, Any], str]:
    body = plan(cli, app, "--subject-key", key, "--request", "erasure")
    result = cli(*app.args("--subject-key", key, "--request", "erasure", "--sql"))
    assert result.code == 0, result.err
    return body, result.out


def steps_of(body: dict[str, Any], table: str) -> list[dict[str, Any]]:
    return [s for s in body["steps"] if s["table"] == table]


def others_untouched(
    before: dict[str, dict[tuple[Any, ...], tuple[Any, ...]]],
    after: dict[str, dict[tuple[Any, ...], tuple[Any, ...]]],
    mine: dict[str, set[tuple[Any, ...]]],
) -> None:
    """Every row not the person's is as it was, value for value, and no row appeared."""
    for table, rows in before.items():
        theirs_before = {k: v for k, v in rows.items() if k not in mine.get(table, set())}
        theirs_after = {k: v for k, v in after[table].items() if k not in mine.get(table, set())}
        assert theirs_after == theirs_before, f"{table}: rows that are not the person's changed"


def column_actions_hold(
    app: App,
    body: dict[str, Any],
    before: dict[str, Any],
    after: dict[str, Any],
    rows: dict[str, set[Any]],
) -> None:
    """In the rows the test knows a step touches, each column is as the step says: kept
    columns as they were, NULL ones NULL, pseudonymised ones replaced by a placeholder."""
    for step in body["steps"]:
        table = step["table"]
        if table not in rows or not step.get("columns"):
            continue
        names = app.columns(table)
        for pk in rows[table]:
            old, new = before[table][pk], after[table].get(pk)
            assert new is not None, f"{table} {pk}: the plan keeps the row, but it is gone"
            for c in step["columns"]:
                i = names.index(c["column"])
                if c["action"] == "keep":
                    assert new[i] == old[i], f"{table}.{c['column']} was to be kept"
                elif c["action"] == "null":
                    assert new[i] is None, f"{table}.{c['column']} was to be NULL"
                else:
                    assert new[i] != old[i] and str(new[i]).startswith("erased"), (
                        f"{table}.{c['column']} was to be replaced"
                    )


def nowhere(app: App, text: str) -> None:
    """The text is in no row of any table (without regard to case)."""
    for table, rows in app.rows().items():
        for r in rows:
            assert text.lower() not in repr(r).lower(), f"{text!r} is still in {table}: {r}"


def test_a_shop_customer_is_erased_and_no_one_else_is_touched(cli, shop: App) -> None:
    # the customer with the most orders: orders, payments and lines are what the notice's
    # bookkeeping rule keeps
    (cid, email, first, last), *_ = shop.query(
        "SELECT c.id, c.email, c.first_name, c.last_name FROM customers c "
        "JOIN orders o ON o.customer_id = c.id GROUP BY c.id, c.email, c.first_name, c.last_name "
        "ORDER BY count(*) DESC, c.id LIMIT 1"
    )
    before = shop.keyed()
    mine = theirs(shop, cid)
    orders = mine["orders"]
    body, script = erase(cli, shop, f"customers.email={email.upper()}")  # typed in any case

    assert body["seeds"] == [
        {
            "table": "customers",
            "column": "email",
            "value": email.upper(),
            "rows": 1,
            "identity": "email",
        }
    ]
    # what the plan says it does, table by table, with the counts the test finds
    gone = (
        "customers",
        "addresses",
        "call_recordings",
        "reviews",
        "wishlists",
        "appointments",
        "web_sessions",
        "referrals",
    )
    for table in gone:
        (step,) = [s for s in steps_of(body, table) if s["action"] == "delete"]
        assert step["rows"] == len(mine[table]), table
        assert step["via"] and step["reason"]
    (kept,) = steps_of(body, "orders")
    assert kept["action"] == "pseudonymise" and kept["rows"] == len(orders)
    by_column = {c["column"]: c for c in kept["columns"]}
    assert by_column["total"]["action"] == "keep"
    assert by_column["customer_id"]["action"] == "null"
    assert by_column["shipping_name"]["action"] == "pseudonymise"
    text = policy_text()
    for rule in by_column["total"]["retention"]:
        assert " ".join(rule["quote"].split()) in text  # the policy's own sentence
    assert {r["id"] for r in kept["retention"]} >= {"gdpr-compelling-purposes"}
    assert [s["action"] for s in steps_of(body, "payments")] == ["keep"]
    # children first: nothing is deleted before what points at it
    order = {(s["table"], s["action"]): s["order"] for s in body["steps"]}
    assert order[("orders", "pseudonymise")] < order[("customers", "delete")]
    assert order[("addresses", "delete")] < order[("customers", "delete")]

    shop.run_script(script)
    after = shop.keyed()

    assert shop.broken_keys() == []
    for table in gone:
        assert not mine[table] & set(after[table]), f"{table}: the customer's rows are still there"
    assert {k: after["payments"][k] for k in mine["payments"]} == {
        k: before["payments"][k] for k in mine["payments"]
    }
    assert {k: after["order_items"][k] for k in mine["order_items"]} == {
        k: before["order_items"][k] for k in mine["order_items"]
    }
    column_actions_hold(shop, body, before, after, {"orders": orders})
    others_untouched(before, after, mine)
    nowhere(shop, email)
    names = shop.columns("orders")
    for pk in orders:
        assert f"{first} {last}" not in str(after["orders"][pk][names.index("shipping_name")])


def test_a_help_desk_user_is_erased_on_an_application_it_was_not_written_for(
    cli, helpdesk: App
) -> None:
    before = helpdesk.keyed()
    users, tickets = before["users"], before["tickets"]
    # a user who raised tickets, was assigned others', commented on others' and was invoiced
    uid = next(
        u
        for (u,) in sorted(users)
        if any(t[1] == u for t in tickets.values())
        and any(t[2] == u and t[1] != u for t in tickets.values())
        and any(i[1] == u for i in before["invoices"].values())
        and users[(u,)][4] not in (SHARED_PROFILE[0],)
    )
    email, profile = users[(uid,)][1], users[(uid,)][4]
    raised = {k for k, t in tickets.items() if t[1] == uid}
    assigned = {k for k, t in tickets.items() if t[2] == uid and t[1] != uid}
    comments = {k for k, c in before["comments"].items() if (c[1],) in raised or c[2] == uid}
    invoices = {k for k, i in before["invoices"].items() if i[1] == uid}
    mine: dict[str, set[tuple[Any, ...]]] = {
        "users": {(uid,)},
        "tickets": raised | assigned,
        "comments": comments,
        "attachments": {k for k, a in before["attachments"].items() if (a[1],) in comments},
        "invoices": invoices,
        "profiles": {(profile,)},
        "mailing_list": {k for k, m in before["mailing_list"].items() if m[1].lower() == email},
        "audit_log": {k for k, a in before["audit_log"].items() if a[1] == email},
    }
    assert mine["mailing_list"], "test setup: the user is on the mailing list"
    body, script = erase(cli, helpdesk, f"users.email={email}")

    def one(table: str, action: str, inferred: bool = False) -> dict[str, Any]:
        (step,) = [
            s
            for s in steps_of(body, table)
            if s["action"] == action and bool(s.get("inferred")) == inferred
        ]
        return step

    assert one("tickets", "delete")["rows"] == len(raised)
    linked = one("tickets", "null")
    assert linked["rows"] == len(assigned)
    assert [c["column"] for c in linked["columns"]] == ["assignee_id"]
    assert one("comments", "delete")["rows"] == len(comments)
    assert one("attachments", "delete")["rows"] == len(mine["attachments"])
    assert one("profiles", "delete")["rows"] == 1  # the user's own part, pointed at by them
    for table in ("mailing_list", "audit_log"):  # no key: the e-mail address, inferred
        step = one(table, "delete", inferred=True)
        assert step["rows"] == len(mine[table]) and "email" in step["inferred"]
    kept = one("invoices", "pseudonymise")
    assert kept["rows"] == len(invoices)
    assert {c["column"]: c["action"] for c in kept["columns"]}["amount"] == "keep"
    # an invoice cannot lose its user (NOT NULL): the user's row stays, cleared
    pinned = one("users", "pseudonymise")
    assert "cannot be NULL" in pinned["reason"]
    assert {c["column"]: c["action"] for c in pinned["columns"]}["profile_id"] == "null"
    assert not steps_of(body, "countries")  # a shared lookup: never touched
    assert [u["table"] for u in body["unreachable"]] == ["leads"]

    helpdesk.run_script(script)
    after = helpdesk.keyed()

    assert helpdesk.broken_keys() == []
    for table in ("comments", "attachments", "profiles", "mailing_list", "audit_log"):
        assert not mine[table] & set(after[table]), table
    assert not raised & set(after["tickets"])
    for k in assigned:  # someone else's ticket: only the pointer to the person went
        old, new = before["tickets"][k], after["tickets"][k]
        assert new[2] is None and new[:2] + new[3:] == old[:2] + old[3:]
    column_actions_hold(helpdesk, body, before, after, {"invoices": invoices, "users": {(uid,)}})
    others_untouched(before, after, mine)
    nowhere(helpdesk, email)


def test_a_profile_two_people_share_is_kept(cli, helpdesk_sqlite_app: App) -> None:
    app = helpdesk_sqlite_app
    first, second = SHARED_PROFILE
    before = app.keyed()
    email = before["users"][(first,)][1]
    body, script = erase(cli, app, f"users.email={email}")
    steps = {s["action"]: s for s in steps_of(body, "profiles")}
    assert steps["keep"]["rows"] == 1 and "shared" in steps["keep"]["reason"]
    assert steps.get("delete", {"rows": 0})["rows"] == 0
    app.run_script(script)
    after = app.keyed()
    assert after["profiles"][(first,)] == before["profiles"][(first,)]
    assert after["users"][(second,)] == before["users"][(second,)]
    assert app.broken_keys() == []


def test_a_server_the_scan_recorded_without_credentials_asks_for_them(
    cli, request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = app_for("shop", "postgresql", request, tmp_path)
    monkeypatch.setenv("PGUSER", "datamap_no_such_role")  # libpq's user when the URL names none
    monkeypatch.delenv("DATAMAP_DATABASE", raising=False)
    args = [
        "--inventory",
        str(app.inventory),
        "rights-plan",
        "--system",
        app.system,
        "--subject-key",
        "customers.id=1",
        "--request",
        "erasure",
    ]
    result = cli(*args)
    assert result.code == 1 and "Traceback" not in result.err
    (line,) = result.err.splitlines()
    assert "cannot connect to postgresql+psycopg://127.0.0.1" in line
    assert "give --database URL, or DATAMAP_DATABASE" in line
    monkeypatch.setenv("DATAMAP_DATABASE", app.url)  # the environment's URL, as --database
    assert cli(*args, "--json").code == 0
