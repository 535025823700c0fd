"""How a person's rows are found: along declared keys both ways, and where no key is declared,
by an identifier of the seed's kind or a column named as a key, marked inferred."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Column, ForeignKey, Integer, MetaData, String, Table, create_engine, insert

from catalog.rights.database import connected, reflect, target
from catalog.rights.from_inventory import PersonalField
from catalog.rights.reach import Reached, SeedSpec, keys_of, nodes_of, reach

metadata = MetaData()
Table(
    "countries", metadata, Column("code", String(2), primary_key=True), Column("label", String(40))
)
Table(
    "customers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("email", String(100)),
    Column("name", String(100)),
    Column("country", ForeignKey("countries.code")),
)
Table("agents", metadata, Column("id", Integer, primary_key=True), Column("name", String(100)))
Table(
    "calls",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("customer_id", ForeignKey("customers.id"), nullable=False),
    Column("agent_id", ForeignKey("agents.id")),
    Column("notes", String(200)),
)
Table(
    "cases",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("opened_by", ForeignKey("customers.id")),
    Column("handled_by", ForeignKey("customers.id")),
)
# a key nobody declared: the column's name says it
Table(
    "notes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("customer_id", Integer),
    Column("body", String(200)),
)
Table(
    "newsletter", metadata, Column("id", Integer, primary_key=True), Column("address", String(100))
)
Table("leads", metadata, Column("id", Integer, primary_key=True), Column("phone", String(30)))

DECLARED = [
    ("customers", "email", "user.contact.email"),
    ("customers", "name", "user.name"),
    ("agents", "name", "user.name"),
    ("calls", "notes", "user.content.private"),
    ("cases", "opened_by", "user.unique_id"),
    ("cases", "handled_by", "user.unique_id"),
    ("notes", "body", "user.content.private"),
    ("newsletter", "address", "user.contact.email"),
    ("leads", "phone", "user.contact.phone_number"),
]


@pytest.fixture
def found(tmp_path: Path) -> Reached:
    url = f"sqlite:///{tmp_path / 'small.db'}"
    engine = create_engine(url)
    metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(insert(metadata.tables["customers"]), [{"id": 1, "email": "a@example.com"}])
    engine.dispose()
    fields = [PersonalField(None, t, c, k, None, "customer", "accepted") for t, c, k in DECLARED]
    with connected(target(url, None)) as conn:
        schema = reflect(conn, {None})
    nodes, notes = nodes_of(schema, fields)
    assert notes == []
    seed = SeedSpec((None, "customers"), "email", "a@example.com", "email")
    return reach(nodes, keys_of(schema, nodes), [seed])


def kinds(found: Reached, table: str) -> list[str]:
    return [r.kind for r in found.own.get((None, table), []) + found.links.get((None, table), [])]


def test_rows_pointing_at_the_person_are_theirs_unless_they_belong_to_someone_else(found) -> None:
    assert kinds(found, "calls") == ["child"]  # NOT NULL: a call is the customer's
    # two nullable keys to people: each row is someone's, and mentions the other
    assert kinds(found, "cases") == ["link", "link"]


def test_what_the_person_points_at_is_theirs_only_when_it_names_no_one(found) -> None:
    assert kinds(found, "countries") == []  # a lookup
    assert kinds(found, "agents") == []  # another person
    assert "name" in found.passed[(None, "agents")]


def test_where_no_key_says_so_the_reach_is_inferred_and_says_why(found) -> None:
    (note,) = found.own[(None, "notes")]
    assert note.kind == "child" and note.inferred and "customer_id" in note.inferred
    (letter,) = found.own[(None, "newsletter")]
    assert letter.kind == "identity" and letter.identity == "email"
    assert "newsletter.address" in (letter.inferred or "")
    # a telephone number is not the kind of identifier the seed is
    assert (None, "leads") not in found.own and (None, "leads") not in found.links
