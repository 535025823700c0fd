"""`datamap rights-plan` as a person meets it: bad input is one line and a non-zero exit
(never a traceback, never a password), a key naming nobody is nothing to do, and the readable
answer fits a 100-column terminal."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest


def shop_db(shop_inventory: Path) -> Path:
    return shop_inventory.parent / "shop.db"  # where the fixture built it


def plan(cli, shop_inventory: Path, *args: str):
    return cli("--inventory", str(shop_inventory), "rights-plan", *args)


def test_bad_input_is_one_line_and_a_non_zero_exit(
    cli, shop_inventory: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = sqlite3.connect(shop_db(shop_inventory))
    ((shared, n),) = db.execute(
        "SELECT first_name, count(*) FROM customers GROUP BY first_name "
        "HAVING count(*) > 1 ORDER BY count(*) DESC, first_name LIMIT 1"
    ).fetchall()
    db.close()
    monkeypatch.setenv("RIGHTS_TEST_SECRET", "hunter2-from-env")
    erase = ("--request", "erasure")
    cases = {
        "several people": (
            ("--system", "shop-db", "--subject-key", f"customers.first_name={shared}", *erase),
            f"matches {n} rows of customers",
        ),
        "never scanned": (
            ("--system", "crm", "--subject-key", "contacts.email=a@b.c", *erase),
            "was never scanned",
        ),
        "no such system": (
            ("--system", "billing", "--subject-key", "email=a@b.c", *erase),
            "no system 'billing'",
        ),
        "no such column": (
            ("--system", "shop-db", "--subject-key", "customers.mail=a@b.c", *erase),
            "no column 'mail' in customers",
        ),
        "no such table": (
            ("--system", "shop-db", "--subject-key", "clients.email=a@b.c", *erase),
            "no table 'clients'",
        ),
        "a column of several tables": (
            ("--system", "shop-db", "--subject-key", "customer_id=3", *erase),
            "is in several tables",
        ),
        "no value": (
            ("--system", "shop-db", "--subject-key", "customers.email", *erase),
            "is not COLUMN=VALUE",
        ),
        "not the column's type": (
            ("--system", "shop-db", "--subject-key", "customers.id=three", *erase),
            "holds integers",
        ),
        "no such request": (
            ("--system", "shop-db", "--subject-key", "customers.id=3", "--request", "delete"),
            "delete",
        ),
        "a server that does not answer": (
            (
                "--system",
                "shop-db",
                "--subject-key",
                "customers.id=3",
                *erase,
                "--database",
                "postgresql://reader:s3cret-pw@127.0.0.1:1/shop",
            ),
            "cannot connect to postgresql://127.0.0.1:1/shop",
        ),
        "a password from the environment": (
            (
                "--system",
                "shop-db",
                "--subject-key",
                "customers.id=3",
                *erase,
                "--database",
                "postgresql://reader:${RIGHTS_TEST_SECRET}@127.0.0.1:1/shop",
            ),
            "cannot connect",
        ),
        "an unset variable": (
            (
                "--system",
                "shop-db",
                "--subject-key",
                "customers.id=3",
                *erase,
                "--database",
                "postgresql://reader:${RIGHTS_TEST_UNSET_42}@127.0.0.1:1/shop",
            ),
            "${RIGHTS_TEST_UNSET_42}, not set",
        ),
        "no such file": (
            (
                "--system",
                "shop-db",
                "--subject-key",
                "customers.id=3",
                *erase,
                "--database",
                f"sqlite:///{shop_inventory.parent / 'gone.db'}",
            ),
            "no SQLite database",
        ),
        "an export of an erasure": (
            ("--system", "shop-db", "--subject-key", "customers.id=3", *erase, "--export"),
            "--export prints an access request's data",
        ),
        "two outputs": (
            ("--system", "shop-db", "--subject-key", "customers.id=3", *erase, "--json", "--sql"),
            "choose one output",
        ),
    }
    for name, (args, said) in cases.items():
        result = plan(cli, shop_inventory, *args)
        assert result.code != 0, name
        lines = [x for x in result.err.splitlines() if not x.startswith("note:")]
        assert said in result.err, f"{name}: {result.err}"
        assert "Traceback" not in result.err and result.out == "", name
        if name != "no such request":  # (typer's own usage message for a bad choice)
            assert len(lines) == 1, f"{name}: {result.err}"
        for secret in ("s3cret-pw", "hunter2-from-env"):
            assert secret not in result.err + result.out, name


def test_a_key_naming_nobody_is_nothing_to_do(cli, shop_inventory: Path, tmp_path: Path) -> None:
    args = (
        "--system",
        "shop-db",
        "--subject-key",
        "customers.email=nobody@example.invalid",
        "--request",
        "erasure",
    )
    said = plan(cli, shop_inventory, *args)
    assert said.code == 0 and "no rows" in said.out and "nothing to do" in said.out
    body = json.loads(plan(cli, shop_inventory, *args, "--json").out)
    assert body["steps"] == [] and body["seeds"][0]["rows"] == 0
    script = plan(cli, shop_inventory, *args, "--sql")
    assert script.code == 0 and "DELETE" not in script.out and "nothing to do" in script.out
    fides = plan(cli, shop_inventory, *args, "--fides", str(tmp_path / "fides"))
    assert fides.code == 0 and "no rows" in fides.err and not list(tmp_path.glob("fides/*"))


def test_the_answer_fits_a_100_column_terminal(
    cli, shop_inventory: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    db = sqlite3.connect(shop_db(shop_inventory))
    ((email,),) = db.execute(
        "SELECT c.email FROM customers c JOIN orders o ON o.customer_id = c.id "
        "GROUP BY c.email ORDER BY count(*) DESC, c.email LIMIT 1"
    ).fetchall()
    db.close()
    result = plan(
        cli,
        shop_inventory,
        "--system",
        "shop-db",
        "--subject-key",
        f"email={email}",
        "--request",
        "erasure",
    )
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert max(len(x) for x in lines) <= 100
    assert lines[0].startswith(f"Erasure plan for customers.email = '{email}'")
    for heading in (
        "Kept under retention rules",
        "Columns cleared in rows that stay",
        "Tell of the erasure",
    ):
        assert heading in result.out
    assert "Nothing has been changed" in result.out


def test_whom_to_tell_is_the_erasure_notify_answer(cli, shop_inventory: Path) -> None:
    db = sqlite3.connect(shop_db(shop_inventory))
    ((email,),) = db.execute("SELECT email FROM customers ORDER BY id LIMIT 1").fetchall()
    db.close()
    result = plan(
        cli,
        shop_inventory,
        "--system",
        "shop-db",
        "--subject-key",
        f"email={email}",
        "--request",
        "erasure",
        "--json",
    )
    notify = json.loads(result.out)["notify"]
    answer = json.loads(
        cli("--inventory", str(shop_inventory), "erasure-notify", "customers", "--json").out
    )
    told = {r["recipient"]["id"]: r for r in answer["recipients"]}
    assert notify and {n["id"] for n in notify} <= set(told)
    for n in notify:
        assert n["general_only"] == told[n["id"]]["general_only"]
    # named for customers and receiving what the shop holds of them: the payment processors
    assert "payment-service-providers" in {n["id"] for n in notify if not n["general_only"]}


def test_a_regime_keeps_only_its_own_rules(cli, shop_inventory: Path) -> None:
    db = sqlite3.connect(shop_db(shop_inventory))
    ((email,),) = db.execute(
        "SELECT c.email FROM customers c JOIN orders o ON o.customer_id = c.id "
        "ORDER BY c.id LIMIT 1"
    ).fetchall()
    db.close()
    args = ("--system", "shop-db", "--subject-key", f"email={email}", "--request", "erasure")
    body = json.loads(plan(cli, shop_inventory, *args, "--regime", "PIPL", "--json").out)
    rules = {r["id"] for s in body["steps"] for r in s.get("retention") or []}
    assert rules == {"pipl-minimum-period"}
    wrong = plan(cli, shop_inventory, *args, "--regime", "hipaa")
    assert wrong.code == 2 and "no regime 'hipaa'" in wrong.err
