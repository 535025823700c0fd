"""`datamap scan` on real databases: the example shop in SQLite and in a PostgreSQL server the
tests start. The JSON is what an engineer scripts against; no sampled value ever appears."""

from __future__ import annotations

import json
import sqlite3
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
    "subject",
    "evidence",
}
EXPECTED = {
    ("customers", "email"): ("user.contact.email", "email-addresses"),
    ("customers", "phone"): ("user.contact.phone_number", "phone-numbers"),
    ("customers", "first_name"): ("user.name.first", "names"),
    ("customers", "date_of_birth"): ("user.demographic.date_of_birth", "personal-information"),
    ("customers", "password_hash"): ("user.authorization.password", "account-credentials"),
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
    ("customers", "phone_type"),
]
# Facts about a person's record that are personal data (the labelled corpus files them so), but
# not what their name's head word names: a verified flag is no e-mail address, an order's state
# no part of a postal address.
NOT_WHAT_THEY_SAY = {
    ("customers", "email_verified"): "user.contact",
    ("orders", "state"): "user.contact",
}


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
    for where, family in NOT_WHAT_THEY_SAY.items():
        assert not (fields[where]["fideslang"] or "").startswith(family), fields[where]
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
    # when a contact signed up: their behaviour, not an identifier of any core family
    assert (fields[("contacts", "signed_up")]["fideslang"] or "user.behavior").startswith(
        ("user.behavior", "user.account")
    ), fields[("contacts", "signed_up")]
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
    monkeypatch.setenv("COLUMNS", "300")
    result = cli("scan", shop_sqlite)
    assert result.code == 0
    assert "13 table(s), 92 column(s): " in result.out
    assert (
        "customers.email" in result.out
        and f"values: {min(120, MAX_TESTED)}/{min(120, MAX_TESTED)} email" in result.out
    )
    assert "products.code" not in result.out  # not personal: only with --all
    assert "products.code" in cli("scan", shop_sqlite, "--all").out


def test_the_terminal_view_says_why_the_weights_named_a_kind(cli, tmp_path, monkeypatch) -> None:
    # no name rule reads `monthly_income`; the weights call it personal, and what a person is
    # paid is money: the terminal says so, not only --json
    db = tmp_path / "hr.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE employees (id INTEGER PRIMARY KEY, monthly_income REAL)")
        conn.executemany("INSERT INTO employees VALUES (?, ?)", [(i, 2500.5 + i) for i in range(9)])
    monkeypatch.setenv("COLUMNS", "400")
    result = cli("scan", f"sqlite:///{db}")
    assert result.code == 0
    row = next(line for line in result.out.splitlines() if "employees.monthly_income" in line)
    assert "user.financial" in row and "what a person is paid" in row


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


# -- foreign keys ------------------------------------------------------------------------------


def _fk(schema: str | None, table: str, column: str, referred: str, to: str = "id") -> dict:
    return {
        "schema": schema,
        "table": table,
        "columns": [column],
        "referred_schema": schema,
        "referred_table": referred,
        "referred_columns": [to],
    }


def test_the_report_lists_the_foreign_keys(cli, shop_sqlite: str, shop_postgres: str) -> None:
    for url, schema in ((shop_sqlite, None), (shop_postgres, "public")):
        keys = scan_json(cli, url)["foreign_keys"]
        assert _fk(schema, "orders", "customer_id", "customers") in keys
        assert _fk(schema, "order_items", "product_id", "products") in keys
        assert _fk(schema, "payments", "order_id", "orders") in keys
        assert {k["table"] for k in keys} <= {
            f["table"] for f in scan_json(cli, url, "--sample", "0")["fields"]
        }
        only = scan_json(cli, url, "--table", "orders")["foreign_keys"]
        assert only == [_fk(schema, "orders", "customer_id", "customers")]


def test_a_key_without_columns_points_at_the_primary_key(cli, tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "keys.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE people (code TEXT, branch INTEGER, PRIMARY KEY (branch, code))")
        db.execute(
            "CREATE TABLE visits (id INTEGER PRIMARY KEY, b INTEGER, c TEXT, "
            "FOREIGN KEY (b, c) REFERENCES people)"
        )
    keys = scan_json(cli, f"sqlite:///{path}")["foreign_keys"]
    assert keys == [
        {
            "schema": None,
            "table": "visits",
            "columns": ["b", "c"],
            "referred_schema": None,
            "referred_table": "people",
            "referred_columns": ["branch", "code"],
        }
    ]


def test_the_classifier_sees_what_each_column_points_at(
    shop_sqlite: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from catalog.scanning import database

    seen: dict[tuple[str, str], object] = {}
    classify = database.classify

    def spy(table: str, columns: list) -> list:
        for c in columns:
            seen[(table, c.name)] = c.references
        return classify(table, columns)

    monkeypatch.setattr(database, "classify", spy)
    database.scan_database(shop_sqlite, sample=10)
    assert seen[("orders", "customer_id")] == (None, "customers", "id")
    assert seen[("order_items", "order_id")] == (None, "orders", "id")
    assert seen[("orders", "id")] is None and seen[("customers", "email")] is None


# -- the fast scan reads what the plain one reads ------------------------------------------------
#
# The scan reads through the driver, counts a recogniser's matches without testing every value
# and reads telephone numbers and dates without phonenumbers or strptime where it can: the
# report must be the one the plain way gives (SQLAlchemy's inspector and SELECT, every value
# tested by phonenumbers and strptime).


def _plain_read(conn, inspector, schema, name, sample, **_):  # type: ignore[no-untyped-def]
    from sqlalchemy import column, select, table

    from catalog.scanning.classify import Column
    from catalog.scanning.database import _as_text, _declared_types, _type_name, type_class
    from catalog.scanning.rules import BINARY, GEO

    cols = inspector.get_columns(name, schema=schema)
    declared = _declared_types(conn, name, cols)
    columns = [
        Column(
            c["name"],
            type_class(c["type"], declared.get(c["name"])),
            declared.get(c["name"]) or _type_name(c["type"]),
        )
        for c in cols
    ]
    readable = [c for c in columns if c.type_class not in (BINARY, GEO)]
    if sample == 0 or not readable:
        return columns
    source = table(name, schema=schema)
    rows = conn.execute(
        select(*[column(c.name) for c in readable]).select_from(source).limit(sample)
    ).fetchall()
    for i, c in enumerate(readable):
        c.sampled_rows = len(rows)
        c.values = [t for r in rows if (t := _as_text(r[i])) is not None]
    for c in readable:
        if len(rows) == sample and len(c.values) < sample // 4:
            q = select(column(c.name)).select_from(source).where(column(c.name).is_not(None))
            c.values = [
                t for (v,) in conn.execute(q.limit(sample)) if (t := _as_text(v)) is not None
            ]
    return columns


def _plain_person_name(v: str) -> bool:
    import re

    from catalog.scanning.valuewords import is_organisation

    words = v.split()
    return (
        1 <= len(words) <= 4
        and len(v) <= 60
        and all(re.fullmatch(r"[^\W\d_][^\W\d_'’.-]*(?:[-'’][^\W\d_]+)*\.?", w) for w in words)
        and all(w[0].isupper() for w in words)
        and not is_organisation(v)
    )


def _the_plain_way(monkeypatch: pytest.MonkeyPatch) -> None:
    import dataclasses
    import re

    from catalog.scanning import classify, database, recognisers

    monkeypatch.setattr(database, "read_table", _plain_read)
    monkeypatch.setattr(recognisers, "_international", lambda text: None)
    monkeypatch.setattr(recognisers, "_national_for", lambda text, region: None)
    monkeypatch.setattr(recognisers, "_US_LENGTHS_ONLY", False)
    monkeypatch.setattr(recognisers, "_DE_ANY_LENGTH", False)
    monkeypatch.setattr(recognisers, "_ISO_DATE", re.compile(r"(?!)"))
    monkeypatch.setattr(recognisers, "_DATE_LIKE", re.compile(r"(?s).*"))
    monkeypatch.setattr(recognisers, "_PLAIN_IPV4", re.compile(r"(?!)"))
    monkeypatch.setattr(database._Catalogue, "_sqlite_bulk", lambda self, names: None)
    plain = dict(recognisers.RECOGNISERS)
    plain["person_name"] = dataclasses.replace(plain["person_name"], test=_plain_person_name)
    monkeypatch.setattr(recognisers, "RECOGNISERS", plain)

    def every_value(names, sample):  # type: ignore[no-untyped-def]
        return {n: sum(1 for v in sample.values if plain[n].test(v)) for n in names}

    monkeypatch.setattr(classify, "counts", every_value)


def _report(url: str) -> dict:
    from catalog.scanning.database import scan_database

    data = scan_database(url, sample=100).to_json()
    del data["scanned_at"], data["seconds"]
    return data


@pytest.fixture(scope="module")
def corpus_databases(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """An application of the labelled corpus with its synthetic rows, and a slice of the speed
    benchmark's database (integers, decimals, dates, timestamps, names, phones, free text)."""
    from bench.apps import build_sqlite, load
    from bench.scanspeed import build_sqlite as build_speed

    folder = tmp_path_factory.mktemp("corpus")
    apps = {a.name: a for a in load()}
    urls = []
    for name in ("wordpress", "easyappointments"):
        build_sqlite(apps[name], folder / f"{name}.db", rows=60)
        urls.append(f"sqlite:///{folder / name}.db")
    urls.append(build_speed(folder / "speed.db", tables=60, rows=100))
    return urls


def test_the_fast_scan_gives_the_plain_scan_s_report(
    shop_sqlite: str,
    shop_postgres: str,
    corpus_databases: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    urls = [shop_sqlite, shop_postgres, *corpus_databases]
    fast = [_report(u) for u in urls]
    with monkeypatch.context() as m:
        _the_plain_way(m)
        plain = [_report(u) for u in urls]
    for url, a, b in zip(urls, fast, plain, strict=True):
        assert a["fields"], url
        assert a == b, url


def test_the_same_data_reads_the_same_in_sqlite_and_postgresql(
    cli, shop_sqlite: str, shop_postgres: str
) -> None:
    """One shop in two databases: every column classified alike (PostgreSQL writes an amount of
    numeric(10, 2) as 12345.50, SQLite as 12345.5: neither is a telephone number)."""
    read = {}
    for url in (shop_sqlite, shop_postgres):
        report = scan_json(cli, url)
        read[url] = {
            (f["table"], f["column"]): (f["personal"], f["fideslang"]) for f in report["fields"]
        }
    assert read[shop_sqlite] == read[shop_postgres]
    personal, key = read[shop_postgres][("orders", "total")]
    # an order's total is the customer's (filed as a purchase or, when the learned weights
    # are not sure of the family, as `user`), and no telephone number in either database
    assert personal and key in {"user", "user.behavior.purchase_history"}
