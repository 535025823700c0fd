"""From what a scan finds to the inventory's category: login names and credentials land on
categories of their own, not on social media usernames or "personal information" at large."""

from __future__ import annotations

from catalog.graph.view import GraphView
from catalog.queries.engine import QueryEngine
from catalog.scanning.classify import Column, classify_table
from catalog.scanning.mapping import category_for


def _column(name: str, values: list[str]) -> Column:
    return Column(name, "text", "text", values, len(values))


def test_an_application_s_logins_land_on_account_categories(
    engine: QueryEngine, view: GraphView
) -> None:
    entries = engine.name_index().source
    columns = [
        _column("username", ["ada", "grace_h", "linus"] * 10),
        _column("password", ["pbkdf2_sha256$600000$abc$def"] * 30),
        _column("email", ["ada@example.com"] * 30),
    ]
    found = {c.column: c.fideslang for c in classify_table("accounts", columns)}
    assert category_for(found["username"], entries) == "account-usernames"
    assert category_for(found["password"], entries) == "account-credentials"
    assert category_for(found["email"], entries) == "email-addresses"
    # the keys themselves, as a manifest or a reviewer gives them
    assert category_for("user.authorization.credentials", entries) == "account-credentials"
    assert category_for("user.account.settings", entries) == "account-information"
    # the policy names the log-on, not the credentials: both are datamap's reading, marked
    for cid in ("account-usernames", "account-credentials"):
        node = view.node(cid)
        assert node["inferred"].startswith("Logging on to an account takes")
        assert view.out(cid, "PART_OF") == ["account-information"]
