"""How fast the scanner reads a large database, against a bare read of the same schema and
samples with the plain driver (sqlite3, psycopg): the scan should cost at most 3× the reading.

    python -m bench.scanspeed [--tables 2000] [--rows 100] [--no-postgres] [--repeat 3]

The database is synthetic and deterministic: `tables` tables of 13 columns and `rows` rows
each, of fifteen kinds as applications have them, each kind once per module (`crm000_customers`,
`shop001_orders`...): customers, staff, tickets, orders and their items, invoices, payments,
shipments, products, categories, price history, stock movements, settings, sessions and an audit
log: integer ids and references, names, e-mail addresses, telephone numbers, dates and
timestamps, amounts, codes and statuses, free text, IP addresses, tokens, and a sparse column or
two (mostly NULL, as `deleted_at` is). Telephone numbers are 1 column in 100 and e-mail
addresses 2 (0.7 and 1.5 in the labelled corpus of bench/schemas): the values that cost a scan
most are not rarer than in real applications. The bare read is what any tool must do to see the same values: list the
tables, read each table's columns (one PRAGMA per table on SQLite, one catalogue query for
every table on PostgreSQL), and `SELECT <columns> ... LIMIT rows` per table, fetching every row.
The scan is `scan_database(url, sample=rows)` with the lexicon that ships, in the same process
(imports done). Each side is timed `repeat` times; the best of each is compared.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent
GOAL = 3.0  # the scan at most this many times the bare read
COLUMNS = 13

_FIRST = (
    "Ada Alan Grace Linus Margaret Ken Barbara Dennis Frances Edsger Radia Tim Hedy Claude "
    "Sophie Lukas Chloé José María Giulia Yuki Amara Kwame Priya Ingrid Mateo".split()
)
_LAST = (
    "Lovelace Turing Hopper Torvalds Hamilton Thompson Liskov Ritchie Allen Dijkstra Perlman "
    "Lee Lamarr Shannon Müller Dubois García Rossi Tanaka Okafor Mensah Sharma Larsen".split()
)
_WORDS = (
    "the order arrived late and the box was damaged please call back about the refund "
    "customer asked to change delivery address invoice attached see previous ticket "
    "payment failed twice card declined follow up next week escalated to billing team"
).split()
_CITIES = "London Paris Berlin Madrid Rome Lisbon Dublin Oslo Vienna Prague Warsaw".split()
_STATUSES = "new open pending paid shipped cancelled closed refunded".split()
_CURRENCIES = "EUR USD GBP CHF JPY".split()

Gen = Callable[[random.Random, int], Any]


def _name(r: random.Random, _: int) -> str:
    return f"{r.choice(_FIRST)} {r.choice(_LAST)}"


def _email(r: random.Random, i: int) -> str:
    return f"{r.choice(_FIRST).lower()}.{r.choice(_LAST).lower()}{i}@example.{r.choice(['com', 'org', 'net'])}"


def _phone(r: random.Random, _: int) -> str:
    return f"+44 20 7{r.randint(100, 999)} {r.randint(1000, 9999)}"


def _date(r: random.Random, _: int) -> dt.date:
    return dt.date(2015, 1, 1) + dt.timedelta(days=r.randint(0, 3000))


def _birth(r: random.Random, _: int) -> dt.date:
    return dt.date(1950, 1, 1) + dt.timedelta(days=r.randint(0, 18000))


def _stamp(r: random.Random, _: int) -> dt.datetime:
    return dt.datetime(2020, 1, 1) + dt.timedelta(seconds=r.randint(0, 10**8))


def _amount(r: random.Random, _: int) -> str:
    return f"{r.randint(1, 99999) / 100:.2f}"


def _text(r: random.Random, _: int) -> str:
    return " ".join(r.choice(_WORDS) for _ in range(r.randint(4, 18))).capitalize() + "."


def _title(r: random.Random, _: int) -> str:
    return " ".join(r.choice(_WORDS) for _ in range(r.randint(2, 8))).capitalize()


def _code(prefix: str) -> Gen:
    return lambda r, i: f"{prefix}-{2015 + i % 10}-{r.randint(0, 99999):05d}"


def _choice(items: list[str]) -> Gen:
    return lambda r, _: r.choice(items)


def _int(top: int) -> Gen:
    return lambda r, _: r.randint(1, top)


def _sparse(gen: Gen) -> Gen:
    """Mostly NULL: a column such as `deleted_at` or `middle_name`."""
    return lambda r, i: gen(r, i) if r.random() < 0.1 else None


def _ip(r: random.Random, _: int) -> str:
    return f"{r.randint(1, 223)}.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}"


def _postcode(r: random.Random, _: int) -> str:
    return f"{r.randint(10000, 99999)}"


def _flag(r: random.Random, _: int) -> bool:
    return r.random() < 0.5


def _id(_: random.Random, i: int) -> int:
    return i + 1


# (name, SQL type, values) × 13 per kind; the SQL types are spelled alike in SQLite and PostgreSQL.
INT, TEXT, VC, DATE, TS, NUM, BOOL = (
    "INTEGER",
    "TEXT",
    "VARCHAR(120)",
    "DATE",
    "TIMESTAMP",
    "NUMERIC(12,2)",
    "BOOLEAN",
)
Spec = tuple[str, str, Gen]
KINDS: dict[str, list[Spec]] = {
    "customers": [
        ("id", INT, _id),
        ("first_name", VC, lambda r, i: r.choice(_FIRST)),
        ("last_name", VC, lambda r, i: r.choice(_LAST)),
        ("middle_name", VC, _sparse(lambda r, i: r.choice(_FIRST))),
        ("email", VC, _email),
        ("phone", VC, _phone),
        ("date_of_birth", DATE, _birth),
        ("city", VC, _choice(_CITIES)),
        ("postal_code", VC, _postcode),
        ("marketing_opt_in", BOOL, _flag),
        ("notes", TEXT, _text),
        ("created_at", TS, _stamp),
        ("deleted_at", TS, _sparse(_stamp)),
    ],
    "orders": [
        ("id", INT, _id),
        ("customer_id", INT, _int(5000)),
        ("order_number", VC, _code("ORD")),
        ("status", VC, _choice(_STATUSES)),
        ("total_amount", NUM, _amount),
        ("currency", VC, _choice(_CURRENCIES)),
        ("ship_name", VC, _name),
        ("ship_city", VC, _choice(_CITIES)),
        ("ship_postal_code", VC, _postcode),
        ("ip_address", VC, _ip),
        ("comment", TEXT, _text),
        ("ordered_at", TS, _stamp),
        ("shipped_on", DATE, _date),
    ],
    "invoices": [
        ("id", INT, _id),
        ("order_id", INT, _int(9000)),
        ("invoice_no", VC, _code("INV")),
        ("issued_on", DATE, _date),
        ("due_on", DATE, _date),
        ("net_amount", NUM, _amount),
        ("tax_amount", NUM, _amount),
        ("gross_amount", NUM, _amount),
        ("currency", VC, _choice(_CURRENCIES)),
        ("billing_email", VC, _email),
        ("paid", BOOL, _flag),
        ("memo", TEXT, _sparse(_text)),
        ("updated_at", TS, _stamp),
    ],
    "tickets": [
        ("id", INT, _id),
        ("requester_id", INT, _int(5000)),
        ("assignee_id", INT, _int(50)),
        ("subject", VC, _title),
        ("body", TEXT, _text),
        ("priority", VC, _choice(["low", "normal", "high", "urgent"])),
        ("status", VC, _choice(_STATUSES)),
        ("channel", VC, _choice(["email", "web", "phone", "chat"])),
        ("requester_email", VC, _email),
        ("ticket_ref", VC, _code("TCK")),
        ("opened_at", TS, _stamp),
        ("closed_at", TS, _sparse(_stamp)),
        ("satisfaction", INT, _int(5)),
    ],
    "products": [
        ("id", INT, _id),
        ("sku", VC, _code("SKU")),
        ("name", VC, lambda r, i: f"{r.choice(_WORDS).title()} {r.choice(_WORDS)}"),
        ("description", TEXT, _text),
        ("price", NUM, _amount),
        ("currency", VC, _choice(_CURRENCIES)),
        ("stock", INT, _int(500)),
        ("weight_kg", NUM, _amount),
        ("category_code", VC, _code("CAT")),
        ("active", BOOL, _flag),
        ("version", INT, _int(9)),
        ("created_at", TS, _stamp),
        ("discontinued_on", DATE, _sparse(_date)),
    ],
    "employees": [
        ("id", INT, _id),
        ("employee_no", VC, _code("EMP")),
        ("full_name", VC, _name),
        ("work_email", VC, _email),
        ("mobile", VC, _phone),
        ("hire_date", DATE, _date),
        ("birth_date", DATE, _birth),
        ("job_title", VC, _choice(["Engineer", "Analyst", "Manager", "Clerk"])),
        ("salary", NUM, _amount),
        ("department_id", INT, _int(40)),
        ("manager_id", INT, _int(300)),
        ("home_city", VC, _choice(_CITIES)),
        ("terminated_on", DATE, _sparse(_date)),
    ],
    "audit_log": [
        ("id", INT, _id),
        ("user_id", INT, _int(5000)),
        ("action", VC, _choice(["login", "logout", "update", "delete", "export"])),
        ("entity", VC, _choice(["order", "invoice", "customer", "ticket"])),
        ("entity_id", INT, _int(90000)),
        ("ip_address", VC, _ip),
        ("user_agent", VC, lambda r, i: "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"),
        ("old_value", TEXT, _sparse(_text)),
        ("new_value", TEXT, _text),
        ("request_id", VC, lambda r, i: f"{r.getrandbits(128):032x}"),
        ("success", BOOL, _flag),
        ("duration_ms", INT, _int(3000)),
        ("logged_at", TS, _stamp),
    ],
    "payments": [
        ("id", INT, _id),
        ("invoice_id", INT, _int(9000)),
        ("customer_id", INT, _int(5000)),
        ("amount", NUM, _amount),
        ("currency", VC, _choice(_CURRENCIES)),
        ("method", VC, _choice(["card", "transfer", "paypal"])),
        ("card_brand", VC, _choice(["visa", "mastercard", "amex"])),
        ("card_last4", VC, lambda r, i: f"{r.randint(0, 9999):04d}"),
        ("payment_token", VC, lambda r, i: f"pm_{r.getrandbits(64):016x}"),
        ("reference", VC, _code("PAY")),
        ("status", VC, _choice(_STATUSES)),
        ("paid_at", TS, _stamp),
        ("refunded_at", TS, _sparse(_stamp)),
    ],
    "order_items": [
        ("id", INT, _id),
        ("order_id", INT, _int(9000)),
        ("product_id", INT, _int(800)),
        ("line_no", INT, _int(12)),
        ("sku", VC, _code("SKU")),
        ("description", VC, _title),
        ("quantity", INT, _int(20)),
        ("unit_price", NUM, _amount),
        ("discount", NUM, _amount),
        ("tax_rate", NUM, lambda r, i: r.choice(["0.00", "7.00", "19.00", "20.00"])),
        ("line_total", NUM, _amount),
        ("created_at", TS, _stamp),
        ("updated_at", TS, _stamp),
    ],
    "stock_movements": [
        ("id", INT, _id),
        ("product_id", INT, _int(800)),
        ("warehouse_id", INT, _int(9)),
        ("movement_type", VC, _choice(["in", "out", "transfer", "adjust"])),
        ("quantity", INT, _int(500)),
        ("batch_code", VC, _code("LOT")),
        ("bin_location", VC, lambda r, i: f"{r.choice('ABCDEF')}-{r.randint(1, 40):02d}"),
        ("unit_cost", NUM, _amount),
        ("reason", TEXT, _sparse(_text)),
        ("moved_on", DATE, _date),
        ("moved_at", TS, _stamp),
        ("approved", BOOL, _flag),
        ("version", INT, _int(9)),
    ],
    "settings": [
        ("id", INT, _id),
        ("scope", VC, _choice(["global", "store", "website"])),
        ("scope_id", INT, _int(20)),
        ("path", VC, lambda r, i: f"{r.choice(_WORDS)}/{r.choice(_WORDS)}/{r.choice(_WORDS)}"),
        ("value", TEXT, lambda r, i: r.choice(["1", "0", "EUR", "en_GB", "Europe/London", "25"])),
        ("type", VC, _choice(["string", "int", "bool", "json"])),
        ("is_encrypted", BOOL, _flag),
        ("description", TEXT, _text),
        ("group_code", VC, _code("CFG")),
        ("sort_order", INT, _int(100)),
        ("visible", BOOL, _flag),
        ("created_at", TS, _stamp),
        ("updated_at", TS, _stamp),
    ],
    "shipments": [
        ("id", INT, _id),
        ("order_id", INT, _int(9000)),
        ("carrier", VC, _choice(["DHL", "UPS", "FedEx", "Royal Mail"])),
        ("tracking_number", VC, lambda r, i: f"1Z{r.getrandbits(48):012X}"),
        ("service_level", VC, _choice(["standard", "express", "overnight"])),
        ("weight_kg", NUM, _amount),
        ("packages", INT, _int(4)),
        ("shipped_at", TS, _stamp),
        ("delivered_at", TS, _sparse(_stamp)),
        ("status", VC, _choice(_STATUSES)),
        ("cost", NUM, _amount),
        ("notes", TEXT, _sparse(_text)),
        ("warehouse_id", INT, _int(9)),
    ],
    "categories": [
        ("id", INT, _id),
        ("parent_id", INT, _int(50)),
        ("code", VC, _code("CAT")),
        ("name", VC, lambda r, i: r.choice(_WORDS).title()),
        ("slug", VC, lambda r, i: f"{r.choice(_WORDS)}-{r.choice(_WORDS)}"),
        ("description", TEXT, _text),
        ("position", INT, _int(100)),
        ("level", INT, _int(5)),
        ("path", VC, lambda r, i: f"1/{r.randint(2, 50)}/{r.randint(51, 400)}"),
        ("is_active", BOOL, _flag),
        ("image", VC, lambda r, i: f"cat_{r.randint(1, 999)}.jpg"),
        ("created_at", TS, _stamp),
        ("updated_at", TS, _stamp),
    ],
    "price_history": [
        ("id", INT, _id),
        ("product_id", INT, _int(800)),
        ("price_list", VC, _choice(["retail", "wholesale", "staff"])),
        ("old_price", NUM, _amount),
        ("new_price", NUM, _amount),
        ("currency", VC, _choice(_CURRENCIES)),
        ("valid_from", DATE, _date),
        ("valid_to", DATE, _sparse(_date)),
        ("changed_by", INT, _int(50)),
        ("reason_code", VC, _code("PRC")),
        ("approved", BOOL, _flag),
        ("changed_at", TS, _stamp),
        ("batch", INT, _int(300)),
    ],
    "sessions": [
        ("id", INT, _id),
        ("user_id", INT, _int(5000)),
        ("token_hash", VC, lambda r, i: f"{r.getrandbits(256):064x}"),
        ("ip_address", VC, _ip),
        ("user_agent", VC, lambda r, i: "Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36"),
        ("started_at", TS, _stamp),
        ("last_seen_at", TS, _stamp),
        ("expires_at", TS, _stamp),
        ("pages", INT, _int(80)),
        ("country", VC, _choice(["GB", "FR", "DE", "ES", "IT"])),
        ("device", VC, _choice(["desktop", "mobile", "tablet"])),
        ("revoked", BOOL, _flag),
        ("data", TEXT, lambda r, i: f'{{"cart": {r.randint(0, 9)}}}'),
    ],
}


def kind_of(index: int) -> str:
    return list(KINDS)[index % len(KINDS)]


_MODULES = ("crm", "shop", "erp", "hr", "ops", "web", "fin", "wms")


def table_names(tables: int) -> list[str]:
    """Each kind once per module, as a large application names its tables (`shop012_orders`)."""
    n = len(KINDS)
    return [f"{_MODULES[(i // n) % len(_MODULES)]}{i // n:03d}_{kind_of(i)}" for i in range(tables)]


def _rows(kind: str, index: int, rows: int) -> list[tuple[Any, ...]]:
    r = random.Random(index)
    return [tuple(gen(r, i) for _, _, gen in KINDS[kind]) for i in range(rows)]


def _ddl(name: str, kind: str) -> str:
    cols = ", ".join(
        f'"{c}" {t}' + (" PRIMARY KEY" if c == "id" else "") for c, t, _ in KINDS[kind]
    )
    return f'CREATE TABLE "{name}" ({cols})'


def build_sqlite(path: Path, tables: int = 2000, rows: int = 100) -> str:
    """The synthetic database as an SQLite file; its URL."""
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    for i, name in enumerate(table_names(tables)):
        kind = kind_of(i)
        db.execute(_ddl(name, kind))
        marks = ", ".join("?" for _ in range(COLUMNS))
        db.executemany(f'INSERT INTO "{name}" VALUES ({marks})', _rows(kind, i, rows))
    db.commit()
    db.close()
    return f"sqlite:///{path}"


def _driver_url(url: str) -> str:
    """A psycopg connection string from the SQLAlchemy URL."""
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def build_postgres(url: str, tables: int = 2000, rows: int = 100) -> str:
    import psycopg

    with psycopg.connect(_driver_url(url), autocommit=True) as con:
        for i, name in enumerate(table_names(tables)):
            kind = kind_of(i)
            con.execute(_ddl(name, kind))
            cols = ", ".join(f'"{c}"' for c, _, _ in KINDS[kind])
            with con.cursor().copy(f'COPY "{name}" ({cols}) FROM STDIN') as copy:
                for row in _rows(kind, i, rows):
                    copy.write_row(row)
        con.execute("ANALYZE")
    return url


def bare_sqlite(url: str, rows: int) -> int:
    """List the tables, read each one's columns, read `rows` rows of each: values read."""
    path = url.removeprefix("sqlite:///")
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    seen = 0
    try:
        names = [
            n
            for (n,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        for name in names:
            quoted = name.replace('"', '""')
            cols = [r[1] for r in db.execute(f'PRAGMA table_info("{quoted}")')]
            listed = ", ".join('"' + c.replace('"', '""') + '"' for c in cols)
            got = db.execute(f'SELECT {listed} FROM "{quoted}" LIMIT {int(rows)}').fetchall()
            seen += len(got) * len(cols)
    finally:
        db.close()
    return seen


def bare_postgres(url: str, rows: int) -> int:
    """The same with psycopg: one catalogue query for every table's columns, then a SELECT
    per table."""
    import psycopg
    from psycopg import sql

    seen = 0
    with psycopg.connect(_driver_url(url)) as con:
        found = con.execute(
            "SELECT c.table_schema, c.table_name, c.column_name "
            "FROM information_schema.columns c JOIN information_schema.tables t "
            "ON t.table_schema = c.table_schema AND t.table_name = c.table_name "
            "WHERE t.table_type = 'BASE TABLE' "
            "AND c.table_schema NOT IN ('pg_catalog', 'information_schema') "
            "ORDER BY c.table_schema, c.table_name, c.ordinal_position"
        ).fetchall()
        by_table: dict[tuple[str, str], list[str]] = {}
        for schema, table, column in found:
            by_table.setdefault((schema, table), []).append(column)
        for (schema, table), cols in by_table.items():
            query = sql.SQL("SELECT {} FROM {}.{} LIMIT {}").format(
                sql.SQL(", ").join(sql.Identifier(c) for c in cols),
                sql.Identifier(schema),
                sql.Identifier(table),
                sql.Literal(rows),
            )
            got = con.execute(query).fetchall()
            seen += len(got) * len(cols)
    return seen


def _best(run: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, last = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        last = run()
        times.append(time.perf_counter() - started)
    return min(times), last


def measure(url: str, rows: int = 100, repeat: int = 3, jobs: int = 1) -> dict[str, Any]:
    """The scan against the bare read of the same database; best of `repeat` each. With
    `jobs` above 1, the scan with that many processes (`--jobs`) too, against the same bare
    read (one process: what a plain script does)."""
    from catalog.scanning.database import scan_database

    bare = bare_sqlite if url.startswith("sqlite") else bare_postgres
    bare_s, values = _best(lambda: bare(url, rows), repeat)
    scan_s, report = _best(lambda: scan_database(url, sample=rows), repeat)
    out = {
        "tables": report.tables,
        "columns": report.columns,
        "personal": report.personal,
        "values_read": values,
        "bare_seconds": round(bare_s, 3),
        "scan_seconds": round(scan_s, 3),
        "ratio": round(scan_s / bare_s, 2),
        "columns_per_second": round(report.columns / scan_s),
    }
    if jobs > 1:
        jobs_s, again = _best(lambda: scan_database(url, sample=rows, jobs=jobs), repeat)
        if again.fields != report.fields:  # the same report, or the figure means nothing
            raise AssertionError(f"--jobs {jobs} gave another report than one process")
        out |= {
            "jobs": jobs,
            "jobs_seconds": round(jobs_s, 3),
            "jobs_ratio": round(jobs_s / bare_s, 2),
        }
    return out


def run(
    tables: int = 2000,
    rows: int = 100,
    repeat: int = 3,
    postgres: bool = True,
    jobs: int | None = None,
) -> dict[str, Any]:
    """Build the database in SQLite (and PostgreSQL), measure both; `jobs` processes as
    well (the machine's cores unless told)."""
    jobs = jobs if jobs is not None else (os.cpu_count() or 1)
    out: dict[str, Any] = {"tables": tables, "columns_per_table": COLUMNS, "rows": rows}
    with tempfile.TemporaryDirectory() as tmp:
        url = build_sqlite(Path(tmp) / "speed.db", tables, rows)
        out["sqlite"] = measure(url, rows, repeat, jobs)
    if postgres:
        from catalog.dev.postgres import start_postgres

        pg = start_postgres()
        try:
            pg_url = build_postgres(pg.create_database("speed"), tables, rows)
            out["postgresql"] = measure(pg_url, rows, repeat, jobs)
        finally:
            pg.stop()
    return out


def lines(result: dict[str, Any]) -> list[str]:
    """The figures as a Markdown table, for bench/results/scan.md."""
    out = [
        f"Throughput: {result['tables']} tables × {result['columns_per_table']} columns × "
        f"{result['rows']} rows (synthetic, bench/scanspeed.py), {result['rows']} values "
        "sampled per column; best of the runs.",
        "",
        "| engine | processes | bare read (s) | scan (s) | scan ÷ bare | goal | columns/s |",
        "|---|---|---|---|---|---|---|",
    ]
    for engine in ("sqlite", "postgresql"):
        if engine in result:
            r = result[engine]
            out.append(
                f"| {engine} | 1 | {r['bare_seconds']} | {r['scan_seconds']} | {r['ratio']}× "
                f"| ≤ {GOAL}× | {r['columns_per_second']} |"
            )
            if "jobs" in r:
                out.append(
                    f"| {engine} | {r['jobs']} (`--jobs {r['jobs']}`) | {r['bare_seconds']} "
                    f"| {r['jobs_seconds']} | {r['jobs_ratio']}× | ≤ {GOAL}× "
                    f"| {round(r['columns'] / r['jobs_seconds'])} |"
                )
    if any("jobs" in result.get(e, {}) for e in ("sqlite", "postgresql")):
        out += [
            "",
            "The bare read is one process, as a plain script reads; with `--jobs` the scan "
            "reads and classifies in that many processes, each on its own connection (the "
            "report checked equal to one process's).",
        ]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.scanspeed", description=__doc__)
    parser.add_argument("--tables", type=int, default=2000)
    parser.add_argument("--rows", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument(
        "--jobs", type=int, default=None, help="processes for the --jobs figure (default: cores)"
    )
    parser.add_argument("--json", action="store_true", help="Print the figures as JSON.")
    args = parser.parse_args(argv)
    result = run(args.tables, args.rows, args.repeat, postgres=not args.no_postgres, jobs=args.jobs)
    if args.json:
        sys.stdout.write(json.dumps(result, indent=2) + "\n")
    else:
        sys.stdout.write("\n".join(lines(result)) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
