"""The labelled corpus of real application schemas (`bench/schemas/<app>/`), and databases
built from it with synthetic rows, for the scanner's held-out benchmark (`python -m bench.scan`).

Each application folder holds `source.yaml` (repository, commit, paths, licence, domain) and
`columns.csv`: every column of the tables kept, as the schema spells it, labelled by hand with
whether it is personal, its fideslang key, whom it is about, whether it is a join key to a
person and whether it is a special category. The labels are the key; nothing in the scanner
reads them.

Rows are synthetic and deterministic: about half of the tables of each application get rows
(several locales, from Faker), the others stay empty, as in a real database where many tables
are. A value is made from the column's label (a personal column's fideslang key) or, for hard
negatives, from the labeller's `values` hint (a drug code, a company's mailbox); other columns
get plausible values of their declared type. The scanner never sees a label or a hint.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import random
import re
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

SCHEMAS = Path(__file__).resolve().parent / "schemas"
HEADER = [
    "table",
    "column",
    "type",
    "personal",
    "fideslang",
    "subject",
    "join_key",
    "special",
    "values",
]
SUBJECTS = ("customer", "patient", "employee", "user", "contact", "none")
DOMAINS = (
    "clinical",
    "hr",
    "crm",
    "ecommerce",
    "helpdesk",
    "social",
    "education",
    "finance",
    "booking",
    "saas",
    "public-sector",
)
LOCALES = ("en_US", "de_DE", "fr_FR", "es_ES", "pt_BR", "it_IT", "nl_NL", "en_GB", "ja_JP", "pl_PL")

# The families the issue scores, from a fideslang key (the most specific prefix wins).
CORE: tuple[tuple[str, str], ...] = (
    ("user.contact.organization", "other"),
    ("user.contact.url", "other"),
    ("user.contact", "contact"),
    ("user.name", "name"),
    ("user.financial", "financial"),
    ("user.payment", "financial"),
    ("user.location", "location"),
    ("user.government_id", "government id"),
    ("user.health_and_medical", "health"),
    ("user.biometric.health", "health"),
    ("user.authorization", "credentials"),
    ("user.account.username", "online id"),
    ("user.device", "online id"),
    ("user.demographic", "demographic"),
)
CORE_FAMILIES = tuple(dict.fromkeys(f for _, f in CORE if f != "other"))


def core_family(key: str | None) -> str | None:
    """The scored family of a fideslang key; "other" for a personal key outside them."""
    if not key:
        return None
    for prefix, fam in CORE:
        if key == prefix or key.startswith(prefix + "."):
            return fam
    return "other"


@dataclass(frozen=True)
class Labelled:
    table: str
    column: str
    type: str
    personal: bool
    fideslang: str | None
    subject: str
    join_key: bool
    special: bool
    values: str | None

    @property
    def family(self) -> str | None:
        return core_family(self.fideslang) if self.personal else None


@dataclass(frozen=True)
class App:
    name: str
    domain: str
    source: dict[str, Any]
    columns: tuple[Labelled, ...]

    def tables(self) -> dict[str, list[Labelled]]:
        out: dict[str, list[Labelled]] = {}
        for c in self.columns:
            out.setdefault(c.table, []).append(c)
        return out


class CorpusError(ValueError):
    pass


def load(root: Path = SCHEMAS, vocabulary: Iterable[str] | None = None) -> list[App]:
    """Every application folder under `root`, checked: a label that breaks the format is an
    error naming its file and line, not a silent row."""
    keys = set(vocabulary) if vocabulary is not None else None
    apps = []
    for folder in sorted(p for p in root.iterdir() if (p / "source.yaml").is_file()):
        source = yaml.safe_load((folder / "source.yaml").read_text(encoding="utf-8")) or {}
        for field in ("app", "domain", "repository", "commit", "paths", "licence"):
            if not source.get(field):
                raise CorpusError(f"{folder / 'source.yaml'}: {field} is missing")
        if source["domain"] not in DOMAINS:
            raise CorpusError(f"{folder / 'source.yaml'}: unknown domain {source['domain']!r}")
        rows: list[Labelled] = []
        seen: set[tuple[str, str]] = set()
        with (folder / "columns.csv").open(encoding="utf-8", newline="") as f:
            reader = csv.reader(f)
            if next(reader, None) != HEADER:
                raise CorpusError(f"{folder / 'columns.csv'}:1: the header must be {HEADER}")
            for line, raw in enumerate(reader, start=2):
                where = f"{folder / 'columns.csv'}:{line}"
                if len(raw) != len(HEADER):
                    raise CorpusError(f"{where}: {len(raw)} fields, not {len(HEADER)}")
                table, column, type_, personal, key, subject, join, special, values = raw
                if (table, column) in seen:
                    raise CorpusError(f"{where}: {table}.{column} is labelled twice")
                seen.add((table, column))
                if personal not in ("yes", "no") or join not in ("yes", "no"):
                    raise CorpusError(f"{where}: personal and join_key are yes or no")
                if special not in ("yes", "no") or subject not in SUBJECTS:
                    raise CorpusError(f"{where}: special is yes or no; subject one of {SUBJECTS}")
                if (personal == "yes") != bool(key):
                    raise CorpusError(f"{where}: a fideslang key goes with personal=yes only")
                if key and keys is not None and key not in keys:
                    raise CorpusError(f"{where}: {key!r} is not a fideslang data category")
                rows.append(
                    Labelled(
                        table,
                        column,
                        type_,
                        personal == "yes",
                        key or None,
                        subject,
                        join == "yes",
                        special == "yes",
                        values or None,
                    )
                )
        apps.append(App(folder.name, source["domain"], source, tuple(rows)))
    return apps


# -- building a database ---------------------------------------------------------------------

# A declared type's family, the first that fits (a tinyint(1) is a flag, a timestamp no date).
_FAMILIES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), family)
    for pattern, family in (
        (r"\bbool(?:ean)?\b|\bbit\b|tinyint\(1\)", "BOOLEAN"),
        (r"\buuid\b|uniqueidentifier", "UUID"),
        (r"timestamp|datetime", "DATETIME"),
        (r"\bdate\b", "DATE"),
        (r"\btime\b", "TIME"),
        (
            r"\b(?:big|small|tiny|medium)?int(?:eger)?\d*\b|\bserial\b|\bbigserial\b|\bnumber\(\d+\)",
            "INTEGER",
        ),
        (r"decimal|numeric|float|double|real|money|number", "NUMERIC"),
        (r"blob|binary|bytea|image\b", "BLOB"),
    )
)


def sql_type(declared: str) -> str:
    """A declared type as a plain SQL type the scanner reads like the original's family
    (SQLite keeps what it is given; the scanner reads types through SQLAlchemy)."""
    t = declared.lower()
    for pattern, family in _FAMILIES:
        if pattern.search(t):
            return family
    if "json" in t:
        return "JSON"
    if "geometry" in t or "geography" in t or "point" in t:
        return "GEOMETRY"
    m = re.search(r"(?:var)?char\w*\s*\((\d+)\)", t)
    if m:
        return f"VARCHAR({m.group(1)})"
    return "TEXT"


def _seed(*parts: str) -> int:
    return int.from_bytes(hashlib.sha256("|".join(parts).encode()).digest()[:8], "big")


def has_rows(app: str, table: str) -> bool:
    """About half of the tables get rows, chosen by a hash (the same in every run)."""
    return _seed(app, table) % 100 < 55


class Values:
    """Synthetic values per column, from the label or the type. Faker's own lists: the
    scanner's name lists come from other packages, so a name is not found because the
    generator and the recogniser share a list."""

    def __init__(self, seed: int) -> None:
        from faker import Faker

        self.rnd = random.Random(seed)
        self.fakers = [Faker(loc) for loc in LOCALES]
        for i, f in enumerate(self.fakers):
            f.seed_instance(seed + i)
            # Some locales build a list from a set (it_IT's cities), in an order that
            # changes with PYTHONHASHSEED: sorted, the rows are the same in every run.
            for provider in f.providers:
                if isinstance(getattr(provider, "cities", None), list):
                    provider.cities = sorted(provider.cities)

    def faker(self) -> Any:
        return self.rnd.choice(self.fakers)

    def make(self, c: Labelled, sqltype: str, i: int) -> Any:
        hint = c.values
        if hint and hint in _HINTS:
            return _HINTS[hint](self)
        if c.personal and c.fideslang and not c.join_key:
            made = _personal(self, c.fideslang, sqltype)
            if made is not None:
                return made
        return _by_type(self, c, sqltype, i)


# Dates from a fixed day, not today's: the rows are the same whenever the bench runs.
_TODAY = dt.date(2026, 1, 1)


def _birth(f: Any, youngest: int, oldest: int) -> dt.date:
    return f.date_between(
        start_date=_TODAY.replace(year=_TODAY.year - oldest),
        end_date=_TODAY.replace(year=_TODAY.year - youngest),
    )


def _recent(f: Any) -> dt.datetime:
    return f.date_time_between(
        start_date=dt.datetime(_TODAY.year - 6, 1, 1), end_date=dt.datetime(_TODAY.year, 1, 1)
    )


def _ndc(v: Values) -> str:
    r = v.rnd
    return f"{r.randint(10000, 99999)}-{r.randint(100, 999)}-{r.randint(10, 99)}"


def _icd10(v: Values) -> str:
    r = v.rnd
    return f"{r.choice('ABCDEFGHIJKLMNORSTZ')}{r.randint(0, 99):02d}.{r.randint(0, 9)}"


def _hex(v: Values, n: int) -> str:
    return "".join(v.rnd.choice("0123456789abcdef") for _ in range(n))


def _iban(v: Values) -> str:
    return v.faker().iban()


def _npi(v: Values) -> str:
    from stdnum import luhn

    base = f"{v.rnd.choice('12')}{v.rnd.randint(0, 99_999_999):08d}"
    return base + luhn.calc_check_digit("80840" + base)


def _dea(v: Values) -> str:
    r = v.rnd
    d = [r.randint(0, 9) for _ in range(6)]
    check = (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10
    return f"{r.choice('ABFM')}{r.choice('ABCDEFGHJKLMNPRSTW')}{''.join(map(str, d))}{check}"


def _routing(v: Values) -> str:
    from stdnum.us import rtn

    base = f"{v.rnd.randint(1, 12):02d}{v.rnd.randint(0, 999_999):06d}"
    return base + rtn.calc_check_digit(base)


def _personal_text(v: Values) -> str:
    f = v.faker()
    return v.rnd.choice(
        [
            f"Called {f.name()} back about the invoice, reach at {f.phone_number()}.",
            f"{f.sentence()} Contact: {f.email()}",
            f"Spoke with {f.first_name()}; {f.sentence()}",
        ]
    )


_HINTS: dict[str, Callable[[Values], Any]] = {
    "company": lambda v: v.faker().company(),
    "mailbox": lambda v: (
        f"{v.rnd.choice(['support', 'billing', 'info', 'noreply', 'sales', 'helpdesk'])}@{v.faker().domain_name()}"
    ),
    "org_phone": lambda v: v.faker().phone_number(),
    "org_address": lambda v: v.faker().street_address(),
    "product_code": lambda v: f"{v.rnd.choice(['SKU', 'PRD', 'X'])}-{v.rnd.randint(1000, 99999)}",
    "ndc": _ndc,
    "icd10": _icd10,
    "snomed": lambda v: str(v.rnd.randint(100000, 999999999999)),
    "loinc": lambda v: f"{v.rnd.randint(1000, 99999)}-{v.rnd.randint(0, 9)}",
    "year": lambda v: str(v.rnd.randint(1990, 2030)),
    "version": lambda v: f"{v.rnd.randint(1, 9)}.{v.rnd.randint(0, 20)}.{v.rnd.randint(0, 40)}",
    "status": lambda v: v.rnd.choice(["open", "closed", "pending", "active", "draft"]),
    "currency": lambda v: v.faker().currency_code(),
    "money": lambda v: round(v.rnd.uniform(1, 5000), 2),
    "url": lambda v: v.faker().url(),
    "uuid": lambda v: str(v.faker().uuid4()),
    "hash": lambda v: _hex(v, 40),
    "token": lambda v: _hex(v, 32),
    "person_name": lambda v: v.faker().name(),
    "free_text": lambda v: v.faker().sentence(),
    "free_text_personal": _personal_text,
    "username": lambda v: v.faker().user_name(),
    "org_tax_id": lambda v: f"{v.rnd.randint(10, 99)}-{v.rnd.randint(1_000_000, 9_999_999)}",
    "bank_account": _iban,
    "routing_number": _routing,
    "npi": _npi,
    "dea": _dea,
    "ssn": lambda v: v.faker().ssn() if hasattr(v.faker(), "ssn") else "123-45-6789",
    "dob": lambda v: _birth(v.faker(), 1, 95).isoformat(),
    "salary": lambda v: v.rnd.randint(18_000, 180_000),
}


def _personal(v: Values, key: str, sqltype: str) -> Any:
    f = v.faker()
    numeric = sqltype in ("INTEGER", "NUMERIC")
    if sqltype in ("BOOLEAN",):
        return v.rnd.random() < 0.5
    if sqltype in ("DATE", "DATETIME"):
        d = _birth(f, 1, 90) if "birth" in key else _recent(f)
        return d.isoformat() if isinstance(d, dt.date) else d
    table: list[tuple[str, Callable[[], Any]]] = [
        ("user.contact.email", f.email),
        ("user.contact.phone_number", f.phone_number),
        ("user.contact.fax_number", f.phone_number),
        ("user.contact.address.street", f.street_address),
        ("user.contact.address.city", f.city),
        ("user.contact.address.postal_code", f.postcode),
        ("user.contact.address.state", lambda: f.state() if hasattr(f, "state") else f.city()),
        ("user.contact.address.country", f.country),
        ("user.contact.address", lambda: f.address().replace("\n", ", ")),
        ("user.contact.url", f.url),
        ("user.name.first", f.first_name),
        ("user.name.last", f.last_name),
        ("user.name", f.name),
        ("user.financial.bank_account", f.iban),
        ("user.financial.credit_card", f.credit_card_number),
        ("user.financial", lambda: round(v.rnd.uniform(10, 90_000), 2)),
        ("user.payment", f.credit_card_number),
        ("user.government_id", lambda: f.ssn() if hasattr(f, "ssn") else f.bothify("??######")),
        ("user.device.ip_address", f.ipv4),
        ("user.device.cookie_id", lambda: _hex(v, 24)),
        ("user.device", f.user_agent),
        ("user.authorization.password", lambda: "$2y$10$" + _hex(v, 53)),
        ("user.authorization", lambda: _hex(v, 32)),
        ("user.account.username", f.user_name),
        ("user.demographic.date_of_birth", lambda: _birth(f, 0, 115).isoformat()),
        ("user.demographic.gender", lambda: v.rnd.choice(["M", "F", "male", "female", "X"])),
        ("user.demographic.language", f.language_code),
        ("user.demographic", lambda: v.rnd.choice(["single", "married", "divorced", "widowed"])),
        ("user.location", lambda: f"{f.latitude()},{f.longitude()}"),
        ("user.job_title", f.job),
        ("user.workplace", f.company),
        ("user.content", f.paragraph),
        (
            "user.health_and_medical",
            lambda: v.rnd.choice([_icd10(v), f.sentence(), "Hypertension", "Penicillin allergy"]),
        ),
    ]
    for prefix, make in table:
        if key == prefix or key.startswith(prefix + "."):
            value = make()
            if numeric and not isinstance(value, int | float):
                return None  # a number column labelled personal: its type decides
            return value
    return None


def _by_type(v: Values, c: Labelled, sqltype: str, i: int) -> Any:
    r = v.rnd
    if sqltype == "INTEGER":
        return i + 1 if c.column.lower() in ("id", f"{c.table.lower()}_id") else r.randint(1, 5000)
    if sqltype == "NUMERIC":
        return round(r.uniform(0, 1000), 2)
    if sqltype == "BOOLEAN":
        return r.random() < 0.5
    if sqltype == "DATE":
        return (dt.date(2015, 1, 1) + dt.timedelta(days=r.randint(0, 3650))).isoformat()
    if sqltype == "DATETIME":
        return (
            dt.datetime(2015, 1, 1) + dt.timedelta(seconds=r.randint(0, 300_000_000))
        ).isoformat(" ")
    if sqltype == "TIME":
        return f"{r.randint(0, 23):02d}:{r.randint(0, 59):02d}:00"
    if sqltype == "UUID":
        return str(v.faker().uuid4())
    if sqltype in ("BLOB", "GEOMETRY"):
        return None
    if sqltype == "JSON":
        return f'{{"k": {r.randint(0, 99)}}}'
    words = v.faker().words(r.randint(1, 3))
    # Titles of things (a product, a drug, a course) are capitalised as names are: about half of
    # the text columns read so, or a capitalised value would always mean a person.
    if _seed(c.table, c.column) % 2:
        return " ".join(w.capitalize() for w in words)
    return " ".join(words)


def build_sqlite(app: App, path: Path, rows: int = 60) -> dict[tuple[str, str], Labelled]:
    """The application's tables in a new SQLite file, about half of them with `rows` rows;
    {(table, column): label}."""
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    labels: dict[tuple[str, str], Labelled] = {}
    values = Values(_seed(app.name) % 2**31)
    for table, cols in app.tables().items():
        types_ = [sql_type(c.type) for c in cols]
        defs = ", ".join(f'"{c.column}" {t}' for c, t in zip(cols, types_, strict=True))
        db.execute(f'CREATE TABLE "{table}" ({defs})')
        for c in cols:
            labels[(table, c.column)] = c
        if not has_rows(app.name, table):
            continue
        marks = ", ".join("?" for _ in cols)
        batch = [
            tuple(values.make(c, t, i) for c, t in zip(cols, types_, strict=True))
            for i in range(rows)
        ]
        db.executemany(f'INSERT INTO "{table}" VALUES ({marks})', batch)
    db.commit()
    db.close()
    return labels
