"""`datamap scan` on real databases: the example shop in SQLite and in a PostgreSQL server the
tests start. The JSON is what an engineer scripts against; no sampled value ever appears."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from catalog.dev.shop import rows
from catalog.scanning.classify import MAX_TESTED
from tests.catalog.scanning.conftest import sqlite_path

FIELD_KEYS = {
    "schema",
    "table",
    "column",
    "data_type",
    "personal",
    "fideslang",
    "family",
    "category",
    "confidence",
    "evidence",
}
EXPECTED = {
    ("customers", "email"): ("user.contact.email", "email-addresses"),
    ("customers", "phone"): ("user.contact.phone_number", "phone-numbers"),
    ("customers", "first_name"): ("user.name.first", "names"),
    ("customers", "date_of_birth"): ("user.demographic.date_of_birth", "personal-information"),
    ("customers", "password_hash"): ("user.authorization.password", "personal-information"),
    ("addresses", "postal_code"): ("user.contact.address.postal_code", "postal-addresses"),
    ("orders", "ip_address"): ("user.device.ip_address", "ip-address"),
    ("payments", "payment_token"): ("user.payment", "payment-information"),
    ("newsletter_signups", "contact"): ("user.contact.email", "email-addresses"),
    ("web_sessions", "latitude"): ("user.location.precise", "personal-information"),
    ("web_sessions", "visitor_id"): ("user.device.cookie_id", "unique-cookie-ids"),
    ("call_recordings", "audio_uri"): ("user.content.private", "call-recordings"),
}
TRAPS = [
    ("products", "code"),
    ("products", "sku"),
    ("products", "name"),
    ("products", "country_of_origin"),
    ("products", "version"),
    ("customers", "email_verified"),
    ("customers", "phone_type"),
    ("orders", "state"),
    ("payments", "card_brand"),
]


def scan_json(cli, url: str, *args: str) -> dict:
    result = cli("scan", url, "--json", *args)
    assert result.code == 0, result.err
    return json.loads(result.out)


def by_column(report: dict) -> dict[tuple[str, str], dict]:
    return {(f["table"], f["column"]): f for f in report["fields"]}


def _check_shop(report: dict) -> None:
    assert report["tables"] == 13 and report["sample_limit"] == 200
    fields = by_column(report)
    assert all(set(f) == FIELD_KEYS for f in report["fields"])
    for where, (key, category) in EXPECTED.items():
        f = fields[where]
        assert (f["personal"], f["fideslang"], f["category"]) == (True, key, category), where
        assert 0.5 <= f["confidence"] <= 1 and f["evidence"], where
    for where in TRAPS:
        assert fields[where]["personal"] is False and fields[where]["fideslang"] is None, where
    assert report["personal"] == sum(1 for f in report["fields"] if f["personal"])


def _no_value_leaks(report_text: str) -> None:
    data = rows()
    from catalog.dev.shop import customers, web_sessions

    for c in data[customers][:20]:
        for value in (c["email"], c["phone"], c["password_hash"], c["last_name"] + "1"):
            assert value not in report_text
    for s in data[web_sessions][:20]:
        assert s["ip_address"] not in report_text and s["visitor_id"] not in report_text


def test_scan_sqlite(cli, shop_sqlite: str) -> None:
    path = sqlite_path(shop_sqlite)
    before = (path.stat().st_mtime_ns, sorted(p.name for p in path.parent.iterdir()))
    report = scan_json(cli, shop_sqlite)
    _check_shop(report)
    assert report["dialect"] == "sqlite" and report["fields"][0]["schema"] is None
    email = by_column(report)[("customers", "email")]
    # every value tested (at most MAX_TESTED of the 120 sampled) is an e-mail address
    tested = min(120, MAX_TESTED)
    assert {
        "kind": "values",
        "recogniser": "email",
        "matched": tested,
        "sampled": tested,
        "rate": 1.0,
    } in email["evidence"]
    assert any(e["kind"] == "name" for e in email["evidence"])
    _no_value_leaks(json.dumps(report))
    # read-only: the file and its folder are as they were (no journal, no write)
    assert (path.stat().st_mtime_ns, sorted(p.name for p in path.parent.iterdir())) == before


def test_scan_postgresql(cli, shop_postgres: str) -> None:
    report = scan_json(cli, shop_postgres)
    _check_shop(report)
    assert report["dialect"] == "postgresql"
    assert report["database"].startswith("postgresql+psycopg://127.0.0.1:")
    assert "postgres@" not in report["database"]  # no credentials in a report
    assert {f["schema"] for f in report["fields"]} == {"public"}
    _no_value_leaks(json.dumps(report))


def test_postgresql_types_and_a_second_schema(cli, postgres) -> None:
    url = postgres.create_database("typed")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("CREATE SCHEMA crm"))
        conn.execute(
            text(
                "CREATE TABLE crm.contacts (id uuid PRIMARY KEY, last_seen_ip inet, "
                "profile jsonb, photo bytea, email text, signed_up timestamptz)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO crm.contacts VALUES (gen_random_uuid(), '10.1.2.3', '{}', "
                "'\\x00', 'ada@example.com', now())"
            )
        )
        conn.execute(text("CREATE TABLE public.secrets (token text)"))
        conn.execute(text("REVOKE ALL ON public.secrets FROM PUBLIC"))
    engine.dispose()
    report = scan_json(cli, url, "--schema", "crm")
    fields = by_column(report)
    assert fields[("contacts", "last_seen_ip")]["fideslang"] == "user.device.ip_address"
    assert fields[("contacts", "email")]["fideslang"] == "user.contact.email"
    assert fields[("contacts", "signed_up")]["personal"] is False
    assert {f["schema"] for f in report["fields"]} == {"crm"}
    missing = cli("scan", url, "--schema", "nosuch")
    assert missing.code == 1 and "no schema nosuch" in missing.err


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("sqlite:////nonexistent/shop.db", "no SQLite database at /nonexistent/shop.db"),
        ("not a url", "not a database URL"),
        (
            "postgresql+psycopg://reader:s3cret@127.0.0.1:1/shop",
            "cannot connect to postgresql+psycopg://127.0.0.1:1/shop",
        ),
        ("nosuchdb://x/y", "no driver for nosuchdb"),
    ],
)
def test_a_database_that_cannot_be_read_is_one_clear_line(cli, url: str, message: str) -> None:
    result = cli("scan", url)
    assert result.code == 1
    assert message in result.err and "Traceback" not in result.err
    assert "s3cret" not in result.err
    assert not Path("/nonexistent/shop.db").exists()


def test_the_terminal_view_lists_personal_columns_with_their_reasons(
    cli, shop_sqlite, monkeypatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    result = cli("scan", shop_sqlite)
    assert result.code == 0
    assert "13 table(s), 92 column(s): " in result.out
    assert (
        "customers.email" in result.out
        and f"values: {min(120, MAX_TESTED)}/{min(120, MAX_TESTED)} email" in result.out
    )
    assert "products.code" not in result.out  # not personal: only with --all
    assert "products.code" in cli("scan", shop_sqlite, "--all").out


def test_a_path_with_spaces_hash_and_percent(cli, shop_sqlite: str, tmp_path: Path) -> None:
    odd = tmp_path / "odd dir#1" / "shop 100%.db"
    odd.parent.mkdir()
    odd.write_bytes(sqlite_path(shop_sqlite).read_bytes())
    report = scan_json(cli, f"sqlite:///{odd}")
    assert report["tables"] == 13 and report["personal"] > 30


def test_names_only(cli, shop_sqlite: str) -> None:
    report = scan_json(cli, shop_sqlite, "--sample", "0", "--table", "customers")
    fields = by_column(report)
    assert {t for t, _ in fields} == {"customers"}
    assert fields[("customers", "email")]["fideslang"] == "user.contact.email"
    assert not any(
        e.get("kind") == "values" and "recogniser" in e
        for f in report["fields"]
        for e in f["evidence"]
    )
