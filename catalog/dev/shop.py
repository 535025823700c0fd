"""An example shop database for Stefere, to scan: ILLUSTRATIVE ONLY.

Nothing here is Stefere's: the policy never describes its databases, and the inventory never
cites this one. It is a small, deterministic shop (customers, orders, tokenised payments, call
recordings, reviews, wishlists, newsletter and referral sign-ups, showroom appointments, web
sessions) with a few realistic discrepancies for reconciliation to find:
- customers have a date of birth, which the policy never says is collected;
- web sessions keep precise coordinates, where the policy says "general location";
- a column's name promises one thing and its values hold another (`contact` holds e-mails);
and the traps a classifier must not fall into (a product `code`, an `email_verified` flag, a
`phone_type`, a product's `country_of_origin`, a `version`).

    python -m catalog.dev.shop shop.db               # SQLite
    python -m catalog.dev.shop postgresql://…/shop   # any SQLAlchemy URL the tables fit in
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    create_engine,
    insert,
)

metadata = MetaData()

customers = Table(
    "customers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("first_name", String(80)),
    Column("last_name", String(80)),
    Column("email", String(254), unique=True),
    Column("email_verified", Boolean),
    Column("phone", String(40)),
    Column("phone_type", String(10)),
    Column("date_of_birth", Date),
    Column("password_hash", String(100)),
    Column("marketing_opt_in", Boolean),
    Column("created_at", DateTime),
)
addresses = Table(
    "addresses",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("customer_id", ForeignKey("customers.id")),
    Column("kind", String(10)),
    Column("street", String(200)),
    Column("city", String(80)),
    Column("state", String(40)),
    Column("postal_code", String(12)),
    Column("country", String(2)),
)
products = Table(
    "products",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("sku", String(20)),
    Column("code", String(4)),
    Column("name", String(120)),
    Column("metal", String(20)),
    Column("country_of_origin", String(2)),
    Column("price", Numeric(10, 2)),
    Column("version", String(12)),
)
orders = Table(
    "orders",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("customer_id", ForeignKey("customers.id")),
    Column("status", String(12)),
    Column("state", String(12)),
    Column("total", Numeric(10, 2)),
    Column("currency", String(3)),
    Column("placed_at", DateTime),
    Column("shipping_name", String(160)),
    Column("ship_street", String(200)),
    Column("ship_city", String(80)),
    Column("ship_postal_code", String(12)),
    Column("ship_country", String(2)),
    Column("ip_address", String(45)),
)
order_items = Table(
    "order_items",
    metadata,
    Column("order_id", ForeignKey("orders.id"), primary_key=True),
    Column("product_id", ForeignKey("products.id"), primary_key=True),
    Column("quantity", Integer),
    Column("unit_price", Numeric(10, 2)),
)
payments = Table(
    "payments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("order_id", ForeignKey("orders.id")),
    Column("processor", String(20)),
    Column("payment_token", String(40)),
    Column("card_brand", String(12)),
    Column("card_last4", String(4)),
    Column("card_exp_month", Integer),
    Column("card_exp_year", Integer),
    Column("amount", Numeric(10, 2)),
)
call_recordings = Table(
    "call_recordings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("customer_id", ForeignKey("customers.id")),
    Column("caller_phone", String(40)),
    Column("recorded_at", DateTime),
    Column("duration_seconds", Integer),
    Column("audio_uri", String(200)),
)
reviews = Table(
    "reviews",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("product_id", ForeignKey("products.id")),
    Column("customer_id", ForeignKey("customers.id")),
    Column("rating", Integer),
    Column("body", Text),
    Column("display_name", String(80)),
)
wishlists = Table(
    "wishlists",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("customer_id", ForeignKey("customers.id")),
    Column("product_id", ForeignKey("products.id")),
    Column("added_at", DateTime),
)
newsletter = Table(
    "newsletter_signups",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("contact", String(254)),
    Column("source", String(20)),
    Column("signed_up_at", DateTime),
)
referrals = Table(
    "referrals",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("referrer_id", ForeignKey("customers.id")),
    Column("friend_name", String(160)),
    Column("friend_email", String(254)),
    Column("sent_at", DateTime),
)
appointments = Table(
    "appointments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("customer_id", ForeignKey("customers.id")),
    Column("showroom", String(40)),
    Column("starts_at", DateTime),
    Column("mobile", String(40)),
)
web_sessions = Table(
    "web_sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("visitor_id", String(36)),
    Column("customer_id", ForeignKey("customers.id"), nullable=True),
    Column("ip_address", String(45)),
    Column("user_agent", String(300)),
    Column("latitude", Numeric(9, 6)),
    Column("longitude", Numeric(9, 6)),
    Column("landing_page", String(200)),
    Column("started_at", DateTime),
)

FIRST = (
    "Ada Grace Alan Emma Liam Olivia Noah Sophia Lucas Mia Ethan Chloe Mateo Zoe Hiro Aiko".split()
)
LAST = "Lovelace Hopper Turing Noether Chen Garcia Smith Müller Rossi Dubois Kowalski Tanaka Okafor Silva".split()
CITIES = [
    ("New York", "NY", "10017"),
    ("Los Angeles", "CA", "90012"),
    ("Chicago", "IL", "60601"),
    ("Houston", "TX", "77002"),
    ("Miami", "FL", "33131"),
    ("Seattle", "WA", "98101"),
]
STREETS = (
    "Madison Avenue|Fifth Avenue|Main Street|Oak Lane|Sunset Boulevard|Lake Shore Drive".split("|")
)
AGENTS = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
]
START = dt.datetime(2025, 1, 1, 9, 0, 0)


def _phone(r: random.Random) -> str:
    return (
        f"+1 {r.choice(['212', '310', '312', '713', '305', '206'])} 555 {r.randint(100, 199):04d}"
    )


def rows(customers_n: int = 120, seed: int = 7) -> dict[Table, list[dict[str, Any]]]:
    """The shop's rows, the same every time for the same arguments."""
    r = random.Random(seed)
    out: dict[Table, list[dict[str, Any]]] = {t: [] for t in metadata.sorted_tables}
    for i in range(1, customers_n + 1):
        first, last = r.choice(FIRST), r.choice(LAST)
        out[customers].append(
            {
                "id": i,
                "first_name": first,
                "last_name": last,
                "email": f"{first}.{last}{i}@example.com".lower().replace("ü", "u"),
                "email_verified": r.random() < 0.8,
                "phone": _phone(r),
                "phone_type": r.choice(["mobile", "home", "work"]),
                "date_of_birth": dt.date(r.randint(1950, 2004), r.randint(1, 12), r.randint(1, 28)),
                "password_hash": "$2b$12$"
                + "".join(
                    r.choice("./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
                    for _ in range(53)
                ),
                "marketing_opt_in": r.random() < 0.4,
                "created_at": START + dt.timedelta(hours=i * 7),
            }
        )
        city, state, zipc = r.choice(CITIES)
        for kind in ("billing", "shipping"):
            out[addresses].append(
                {
                    "id": len(out[addresses]) + 1,
                    "customer_id": i,
                    "kind": kind,
                    "street": f"{r.randint(1, 999)} {r.choice(STREETS)}",
                    "city": city,
                    "state": state,
                    "postal_code": zipc,
                    "country": "US",
                }
            )
    for p in range(1, 41):
        out[products].append(
            {
                "id": p,
                "sku": f"ST-{r.randint(1000, 9999)}",
                "code": str(r.randint(100, 9999)),
                "name": f"{r.choice(['Solitaire', 'Halo', 'Eternity', 'Tennis'])} {r.choice(['Ring', 'Bracelet', 'Pendant', 'Earrings'])} {p}",
                "metal": r.choice(["platinum", "18k gold", "silver"]),
                "country_of_origin": r.choice(["IT", "US", "BE", "IN"]),
                "price": Decimal(r.randint(300, 30000)),
                "version": f"{r.randint(1, 3)}.{r.randint(0, 9)}.{r.randint(0, 9)}.{r.randint(0, 99)}",
            }
        )
    for o in range(1, customers_n * 2 + 1):
        c = out[customers][r.randrange(customers_n)]
        ship = next(
            a for a in out[addresses] if a["customer_id"] == c["id"] and a["kind"] == "shipping"
        )
        status = r.choice(["placed", "paid", "shipped", "delivered", "returned"])
        out[orders].append(
            {
                "id": o,
                "customer_id": c["id"],
                "status": status,
                "state": status,
                "total": Decimal(r.randint(300, 30000)),
                "currency": "USD",
                "placed_at": START + dt.timedelta(hours=o * 5),
                "shipping_name": f"{c['first_name']} {c['last_name']}",
                "ship_street": ship["street"],
                "ship_city": ship["city"],
                "ship_postal_code": ship["postal_code"],
                "ship_country": "US",
                "ip_address": f"{r.randint(11, 223)}.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}",
            }
        )
        out[order_items].append(
            {
                "order_id": o,
                "product_id": r.randint(1, 40),
                "quantity": 1,
                "unit_price": Decimal(500),
            }
        )
        out[payments].append(
            {
                "id": o,
                "order_id": o,
                "processor": "stripe",
                "payment_token": "pm_"
                + "".join(
                    r.choice("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789")
                    for _ in range(24)
                ),
                "card_brand": r.choice(["visa", "mastercard", "amex"]),
                "card_last4": f"{r.randint(0, 9999):04d}",
                "card_exp_month": r.randint(1, 12),
                "card_exp_year": r.randint(2026, 2031),
                "amount": Decimal(r.randint(300, 30000)),
            }
        )
    for n in range(1, customers_n // 2 + 1):
        c = out[customers][r.randrange(customers_n)]
        out[call_recordings].append(
            {
                "id": n,
                "customer_id": c["id"],
                "caller_phone": c["phone"],
                "recorded_at": START + dt.timedelta(hours=n * 11),
                "duration_seconds": r.randint(30, 1800),
                "audio_uri": f"s3://stefere-calls/{n:06d}.wav",
            }
        )
        out[reviews].append(
            {
                "id": n,
                "product_id": r.randint(1, 40),
                "customer_id": c["id"],
                "rating": r.randint(1, 5),
                "body": r.choice(
                    ["Beautiful ring.", "Fast delivery, lovely box.", "Smaller than expected."]
                ),
                "display_name": f"{c['first_name']} {c['last_name'][0]}.",
            }
        )
        out[wishlists].append(
            {
                "id": n,
                "customer_id": c["id"],
                "product_id": r.randint(1, 40),
                "added_at": START + dt.timedelta(days=n),
            }
        )
        out[newsletter].append(
            {
                "id": n,
                "contact": f"reader{n}@example.org",
                "source": r.choice(["footer", "popup", "checkout"]),
                "signed_up_at": START + dt.timedelta(days=n),
            }
        )
        out[referrals].append(
            {
                "id": n,
                "referrer_id": c["id"],
                "friend_name": f"{r.choice(FIRST)} {r.choice(LAST)}",
                "friend_email": f"friend{n}@example.net",
                "sent_at": START + dt.timedelta(days=n),
            }
        )
        out[appointments].append(
            {
                "id": n,
                "customer_id": c["id"],
                "showroom": "366 Madison Avenue",
                "starts_at": START + dt.timedelta(days=n, hours=2),
                "mobile": c["phone"],
            }
        )
    for s in range(1, customers_n * 3 + 1):
        out[web_sessions].append(
            {
                "id": s,
                "visitor_id": f"{r.getrandbits(128):032x}"[:8]
                + "-"
                + f"{r.getrandbits(64):016x}"[:4]
                + "-4"
                + f"{r.getrandbits(64):016x}"[:3]
                + "-a"
                + f"{r.getrandbits(64):016x}"[:3]
                + "-"
                + f"{r.getrandbits(64):016x}"[:12],
                "customer_id": r.randint(1, customers_n) if r.random() < 0.4 else None,
                "ip_address": f"{r.randint(11, 223)}.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}",
                "user_agent": r.choice(AGENTS),
                "latitude": Decimal(f"{r.uniform(25, 48):.6f}"),
                "longitude": Decimal(f"{r.uniform(-122, -71):.6f}"),
                "landing_page": r.choice(["/", "/rings", "/bridal", "/sale"]),
                "started_at": START + dt.timedelta(minutes=s * 37),
            }
        )
    return out


def create_shop(url: str, customers_n: int = 120, seed: int = 7) -> str:
    """Create the example shop at `url` (a SQLAlchemy URL, or a path for SQLite), replacing
    any tables of the same names. Returns the URL."""
    if "://" not in url:
        path = Path(url)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    engine = create_engine(url)
    with engine.begin() as conn:
        metadata.drop_all(conn)
        metadata.create_all(conn)
        for t, data in rows(customers_n, seed).items():
            if data:
                conn.execute(insert(t), data)
    engine.dispose()
    return url


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m catalog.dev.shop PATH.db | DATABASE-URL")
    sys.stdout.write(create_shop(sys.argv[1]) + "\n")
