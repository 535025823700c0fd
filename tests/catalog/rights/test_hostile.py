"""Names and values written to break a script: a table whose name holds a line break, a quote
and SQL, a column named like an injection, a subject key holding a quote and a percent sign.
The printed script must do the plan and nothing else, in SQLite and in PostgreSQL (whose
driver's placeholders would double a `%` in a value written into a statement)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import (
    Column,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    insert,
)

from catalog.dev.postgres import Postgres
from tests.catalog.rights.conftest import App

NOTES = 'notes\n-- x"; DROP TABLE people; --'
BODY = "body'); DROP TABLE people; --"
SUBJECT = "o'brien%100@example.com"

metadata = MetaData()
people = Table(
    "people",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("email", String(100), nullable=False),
    Column("full_name", String(100)),
)
notes = Table(
    NOTES,
    metadata,
    Column("id", Integer, primary_key=True),
    Column("person_id", ForeignKey("people.id"), nullable=False),
    Column(BODY, Text),
)


@pytest.fixture(params=["sqlite", "postgresql"])
def hostile(request: pytest.FixtureRequest, tmp_path: Path, inventory_dir: Path, cli) -> App:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'hostile.db'}"
    else:
        postgres: Postgres = request.getfixturevalue("postgres")
        url = postgres.create_database(f"rights_hostile_{tmp_path.name[-20:].lower()}")
    engine = create_engine(url)
    metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(
            insert(people),
            [
                {"id": 1, "email": SUBJECT, "full_name": "Pat O'Brien"},
                {"id": 2, "email": "o'brien%1000@example.com", "full_name": "Bo Berg"},
            ],
        )
        conn.execute(
            insert(notes),
            [
                {"id": 1, "person_id": 1, BODY: "mine"},
                {"id": 2, "person_id": 2, BODY: "theirs"},
            ],
        )
    engine.dispose()
    inventory = tmp_path / "inventory"
    shutil.copytree(inventory_dir, inventory, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    scanned = cli("--inventory", str(inventory), "scan", url, "--write", "--system", "odd")
    assert scanned.code == 0, scanned.err
    return App("hostile", inventory, "odd", url)


def test_a_hostile_schema_gets_the_plan_and_nothing_else(cli, hostile: App) -> None:
    result = cli(
        *hostile.args("--subject-key", f"people.email={SUBJECT}", "--request", "erasure", "--sql")
    )
    assert result.code == 0, result.err
    # each step's comment is one line, whatever the names in it
    assert len([line for line in result.out.splitlines() if line.startswith("-- step")]) == 2
    hostile.run_script(result.out)  # as a DBA runs it: the whole script
    assert hostile.query("SELECT id FROM people") == [(2,)]
    assert hostile.query(f'SELECT id FROM "{NOTES.replace(chr(34), chr(34) * 2)}"') == [(2,)]
    assert hostile.broken_keys() == []
