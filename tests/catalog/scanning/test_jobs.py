"""`datamap scan URL --jobs N`: a database's tables read and classified by N processes, each on
a connection of its own. The report must be the one a single process gives: every field with
its evidence, the tables that could not be read and the foreign keys, in the same order."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest

from catalog.dev.postgres import Postgres
from catalog.scanning.database import scan_database

TABLES = 80  # more than two chunks of tables (`_CHUNK`): every process takes some
ROWS = 30
# A table the PostgreSQL reader may not read (the speed benchmark's third table).
FORBIDDEN = "crm000_invoices"


@pytest.fixture(scope="module")
def many_sqlite(tmp_path_factory: pytest.TempPathFactory) -> str:
    from bench.scanspeed import build_sqlite

    return build_sqlite(tmp_path_factory.mktemp("jobs") / "many.db", TABLES, ROWS)


@pytest.fixture(scope="module")
def many_postgres(postgres: Postgres) -> str:
    """The same tables in PostgreSQL, read by a role that may read every table but one."""
    from bench.scanspeed import build_postgres

    url = build_postgres(postgres.create_database("jobs"), TABLES, ROWS)
    plain = url.replace("postgresql+psycopg://", "postgresql://", 1)
    with psycopg.connect(plain, autocommit=True) as con:
        con.execute("CREATE ROLE jobs_reader LOGIN")
        con.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO jobs_reader")
        con.execute(f'REVOKE SELECT ON "{FORBIDDEN}" FROM jobs_reader')
    return url.replace("://postgres@", "://jobs_reader@", 1)


def _report(url: str, jobs: int) -> dict:
    data = scan_database(url, sample=ROWS, jobs=jobs).to_json()
    del data["scanned_at"], data["seconds"]
    return data


def test_two_processes_give_one_process_s_report_on_sqlite(many_sqlite: str) -> None:
    one, two = _report(many_sqlite, 1), _report(many_sqlite, 2)
    assert two == one
    assert one["tables"] == TABLES and len(one["fields"]) == TABLES * 13
    read = {(f["table"], f["column"]): f["fideslang"] for f in two["fields"]}
    # tables of the first chunk and of the last (taken by whichever process came first)
    assert read[("crm000_customers", "email")] == "user.contact.email"
    assert read[("crm000_customers", "phone")] == "user.contact.phone_number"
    assert read[("web005_customers", "email")] == "user.contact.email"
    assert read[("ops004_employees", "work_email")] == "user.contact.email"


def test_a_table_one_process_cannot_read_is_skipped_and_the_others_read(
    many_postgres: str,
) -> None:
    one, two = _report(many_postgres, 1), _report(many_postgres, 3)
    assert two == one
    assert [(s["table"], "permission denied" in s["reason"]) for s in two["skipped"]] == [
        (FORBIDDEN, True)
    ]
    tables = {f["table"] for f in two["fields"]}
    assert FORBIDDEN not in tables and len(tables) == TABLES - 1
    assert ("crm000_invoices", "billing_email") not in {
        (f["table"], f["column"]) for f in two["fields"]
    }
    emails = {f["table"] for f in two["fields"] if f["column"] == "billing_email"}
    assert emails and all(f["personal"] for f in two["fields"] if f["column"] == "billing_email")


def test_the_cli_takes_jobs_for_one_database(cli, many_sqlite: str, tmp_path: Path) -> None:
    one = cli("scan", many_sqlite, "--json")
    two = cli("scan", many_sqlite, "--json", "--jobs", "2")
    assert one.code == 0 and two.code == 0, two.err
    a, b = json.loads(one.out), json.loads(two.out)
    assert a["fields"] == b["fields"] and a["personal"] == b["personal"] > 0
    refused = cli("scan", many_sqlite, "--jobs", "0")
    assert refused.code == 2 and "--jobs must be 1 or more" in refused.err
    # a file that is not a database fails before any process is started
    junk = tmp_path / "junk.db"
    junk.write_text("not a database")
    failed = cli("scan", f"sqlite:///{junk}", "--jobs", "2")
    assert failed.code == 1 and "is not an SQLite database" in failed.err
