"""A small help desk, for planning on an application the planner was not written against.

Users (agents are users too) raise tickets and are assigned others'; comments belong to
tickets and to their authors; attachments to comments; invoices to users (NOT NULL: an
invoice outlives nothing it points at). A user's profile row (telephone, street) is pointed at
by the user's row; two users of one household share a profile. Countries are a shared lookup.
A mailing list and an audit log hold e-mail addresses with no key to anyone; leads hold
names and telephone numbers of people who are not users.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Column,
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
countries = Table(
    "countries",
    metadata,
    Column("code", String(2), primary_key=True),
    Column("label", String(60), nullable=False),
)
profiles = Table(
    "profiles",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("telephone", String(30)),
    Column("street_address", String(120)),
    Column("city", String(60)),
    Column("bio", Text),
)
users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("email", String(200), nullable=False, unique=True),
    Column("full_name", String(120), nullable=False),
    Column("country_code", ForeignKey("countries.code"), nullable=False),
    Column("profile_id", ForeignKey("profiles.id"), nullable=True),
    Column("signed_up_at", DateTime),
)
tickets = Table(
    "tickets",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("requester_id", ForeignKey("users.id"), nullable=False),
    Column("assignee_id", ForeignKey("users.id"), nullable=True),
    Column("subject", String(200)),
    Column("description", Text),
    Column("opened_at", DateTime),
)
comments = Table(
    "comments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("ticket_id", ForeignKey("tickets.id"), nullable=False),
    Column("author_id", ForeignKey("users.id"), nullable=False),
    Column("body", Text),
    Column("posted_at", DateTime),
)
attachments = Table(
    "attachments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("comment_id", ForeignKey("comments.id"), nullable=False),
    Column("filename", String(120)),
    Column("size_bytes", Integer),
)
invoices = Table(
    "invoices",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", ForeignKey("users.id"), nullable=False),
    Column("billing_name", String(120)),
    Column("billing_email", String(200)),
    Column("card_last4", String(4)),
    Column("amount", Numeric(10, 2)),
    Column("issued_at", DateTime),
)
mailing_list = Table(
    "mailing_list",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("subscriber_email", String(200)),
    Column("subscribed_at", DateTime),
)
audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("actor_email", String(200)),
    Column("action", String(40)),
    Column("at", DateTime),
)
leads = Table(
    "leads",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("first_name", String(60)),
    Column("last_name", String(60)),
    Column("phone", String(30)),
)

FIRST = "Maria Jonas Keiko Omar Priya Lars Amara Diego Ines Felix Nora Tomasz".split()
LAST = "Santos Berg Sato Haddad Iyer Nilsen Obi Ruiz Costa Weber Lund Nowak".split()
STREETS = ["High Street", "Mill Lane", "Station Road"]
START = dt.datetime(2025, 3, 1, 8, 0, 0)
USERS = 12
SHARED_PROFILE = (5, 6)  # users 5 and 6 share profile 5


def _phone(r: random.Random) -> str:
    return f"+44 20 7946 {r.randint(1000, 9999)}"


def rows(seed: int = 11) -> dict[Table, list[dict[str, Any]]]:
    r = random.Random(seed)
    out: dict[Table, list[dict[str, Any]]] = {t: [] for t in metadata.sorted_tables}
    out[countries] = [
        {"code": "GB", "label": "United Kingdom"},
        {"code": "DE", "label": "Germany"},
        {"code": "JP", "label": "Japan"},
    ]
    for i in range(1, USERS + 1):
        if i != SHARED_PROFILE[1]:
            out[profiles].append(
                {
                    "id": i,
                    "telephone": _phone(r),
                    "street_address": f"{r.randint(1, 200)} {r.choice(STREETS)}",
                    "city": r.choice(["London", "Leeds", "Bristol"]),
                    "bio": r.choice(["Likes hiking.", "Support lead.", None]),
                }
            )
        first, last = FIRST[i - 1], LAST[i - 1]
        out[users].append(
            {
                "id": i,
                "email": f"{first}.{last}@helpdesk.example".lower(),
                "full_name": f"{first} {last}",
                "country_code": r.choice(["GB", "DE", "JP"]),
                "profile_id": SHARED_PROFILE[0] if i == SHARED_PROFILE[1] else i,
                "signed_up_at": START + dt.timedelta(days=i),
            }
        )
    comment_id = 0
    for t in range(1, 41):
        requester = r.randint(1, USERS)
        assignee = r.choice([None, *[u for u in range(1, USERS + 1) if u != requester]])
        out[tickets].append(
            {
                "id": t,
                "requester_id": requester,
                "assignee_id": assignee,
                "subject": r.choice(["Cannot log in", "Refund please", "Invoice wrong"]),
                "description": "Please help with my account.",
                "opened_at": START + dt.timedelta(hours=t * 9),
            }
        )
        for _ in range(r.randint(1, 3)):
            comment_id += 1
            out[comments].append(
                {
                    "id": comment_id,
                    "ticket_id": t,
                    "author_id": r.choice([requester, assignee or requester, r.randint(1, USERS)]),
                    "body": r.choice(["Thanks!", "Looking into it.", "Any update?"]),
                    "posted_at": START + dt.timedelta(hours=t * 9 + comment_id),
                }
            )
            if r.random() < 0.4:
                out[attachments].append(
                    {
                        "id": len(out[attachments]) + 1,
                        "comment_id": comment_id,
                        "filename": f"screenshot-{comment_id}.png",
                        "size_bytes": r.randint(1000, 90000),
                    }
                )
    for n in range(1, 25):
        u = out[users][r.randrange(USERS)]
        out[invoices].append(
            {
                "id": n,
                "user_id": u["id"],
                "billing_name": u["full_name"],
                "billing_email": u["email"],
                "card_last4": f"{r.randint(0, 9999):04d}",
                "amount": Decimal(r.randint(1000, 90000)) / 100,
                "issued_at": START + dt.timedelta(days=n * 3),
            }
        )
    for n, u in enumerate(out[users][:8], start=1):
        # as people type their address into a form: not always in the case they signed up with
        address = u["email"].upper() if n % 2 else u["email"]
        out[mailing_list].append(
            {"id": n, "subscriber_email": address, "subscribed_at": START + dt.timedelta(days=n)}
        )
    for n in range(1, 31):
        u = out[users][r.randrange(USERS)]
        out[audit_log].append(
            {
                "id": n,
                "actor_email": u["email"],
                "action": r.choice(["login", "logout", "password_change"]),
                "at": START + dt.timedelta(hours=n),
            }
        )
    for n in range(1, 9):
        out[leads].append(
            {
                "id": n,
                "first_name": r.choice(FIRST),
                "last_name": r.choice(LAST),
                "phone": _phone(r),
            }
        )
    return out


def create_helpdesk(url: str) -> str:
    engine = create_engine(url)
    with engine.begin() as conn:
        metadata.drop_all(conn)
        metadata.create_all(conn)
        for t, data in rows().items():
            if data:
                conn.execute(insert(t), data)
    engine.dispose()
    return url
