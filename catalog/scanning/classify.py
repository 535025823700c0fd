"""Classify a table's columns: personal or not, which fideslang category, how sure, and why.

Evidence comes from three places, and every conclusion lists the pieces it rests on:
- the column's name, read by the rules of `rules.py` (anchored at the head noun, whole words);
- its declared type (a boolean cannot hold an e-mail address; a timestamp is not a login);
- its sampled values, tested by the recognisers of `recognisers.py` (match counts only).
The table gives context: `name` is a person's only in a table about people (or beside their
e-mail and phone), `state` is an address part only beside the address's other parts.

A value recogniser strong enough to stand alone (e-mail, card numbers that pass Luhn, IBANs,
IPs, password hashes, ...) classifies a column whatever its name, above its match rate; the weak
ones (bare digits, dates, capitalised words) only confirm or contradict a name rule.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from catalog.model.text import singular
from catalog.scanning.recognisers import RECOGNISERS, Sample, counts
from catalog.scanning.rules import (
    ADDRESS_PARTS,
    ADDRESS_PREFIX,
    BANK_TABLES,
    CARD_TABLES,
    OBJECT_TABLES,
    PERSON_PREFIX,
    PERSON_TABLES,
    RULES,
    TRANSPARENT_TAIL,
    Needs,
    Rule,
)
from catalog.scanning.segment import split_run_together

MIN_CONFIDENCE = 0.5  # below it a column is reported, not called personal
_CONFIRMS_AT = 0.5  # a confirming recogniser at this rate or more supports the name
_CONTRADICTS_BELOW = 0.1  # and below this, on enough samples, speaks against it
_ENOUGH = 10  # samples before a rate is trusted to contradict a name

# Words that never make a value test meaningful: a `version` of 1.2.3.4 is not an IP.
_NOT_DATA = frozenset(
    "version ver release build revision example sample test template pattern format regex "
    "mask placeholder schema checksum hash_algorithm mime content_type encoding".split()
)

# Run-together words as schema authors write them; split before rules are read.
_COMPOUNDS = {
    "firstname": "first name",
    "lastname": "last name",
    "middlename": "middle name",
    "fullname": "full name",
    "givenname": "given name",
    "familyname": "family name",
    "surname": "surname",
    "nickname": "nick name",
    "username": "user name",
    "userid": "user id",
    "customerid": "customer id",
    "displayname": "display name",
    "emailaddress": "email address",
    "phonenumber": "phone number",
    "mobilephone": "mobile phone",
    "homephone": "home phone",
    "workphone": "work phone",
    "cellphone": "cell phone",
    "zipcode": "zip code",
    "postalcode": "postal code",
    "postcode": "post code",
    "birthdate": "birth date",
    "dateofbirth": "date of birth",
    "birthday": "birthday",
    "ipaddress": "ip address",
    "ipaddr": "ip addr",
    "macaddress": "mac address",
    "streetaddress": "street address",
    "creditcard": "credit card",
    "cardnumber": "card number",
    "passwordhash": "password hash",
    "useragent": "user agent",
    "deviceid": "device id",
    "countrycode": "country code",
    "shipname": "ship name",
    "shipaddress": "ship address",
    "shipcity": "ship city",
    "shipregion": "ship region",
    "shippostalcode": "ship postal code",
    "shipcountry": "ship country",
    "billingaddress": "billing address",
    "billingcity": "billing city",
    "billingstate": "billing state",
    "billingcountry": "billing country",
    "billingpostalcode": "billing postal code",
    "contactname": "contact name",
    "companyname": "company name",
    "homepage": "home page",
    "jobtitle": "job title",
    "hiredate": "hire date",
    "addressline": "address line",
    "housenumber": "house number",
    "lineitem": "line item",
    "alternatename": "alternate name",
    "lastip": "last ip",
    "taxid": "tax id",
    "expmonth": "exp month",
    "expyear": "exp year",
    "nationalid": "national id",
}
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_SPLIT = re.compile(r"[^A-Za-z0-9]+|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])")


def words(name: str) -> list[str]:
    """A column or table name as lower-case words: camelCase, snake_case, kebab and spaces
    split, digits apart, known run-together words split (`FirstName`, `zipcode`)."""
    return list(_words(name))


@functools.lru_cache(maxsize=8192)  # a schema repeats its names (id, name, created_at)
def _words(name: str) -> tuple[str, ...]:
    return tuple(
        word
        for w in plain_words(name)
        for piece in split_run_together(w)
        for word in _COMPOUNDS.get(piece, piece).split()
    )


def plain_words(name: str) -> tuple[str, ...]:
    """`words` without the run-together words a vocabulary splits (`segment.py`)."""
    out: list[str] = []
    for part in _SPLIT.split(_CAMEL.sub(" ", name.strip())):
        for w in part.lower().split():
            out.extend(_COMPOUNDS.get(w, w).split())
    return tuple(out)


# Heads that say nothing of what a table is about: `customer_entity` is about customers.
_VAGUE_HEADS = frozenset(
    "entity entities record records info data detail details master main table tbl base "
    "list view history log".split()
)


def table_words(name: str) -> set[str]:
    """What a table is about, read from its head noun (the last word: `user_groups` is about
    groups, `customer_addresses` about addresses), or the whole name (`auth_user`)."""
    ws = [singular(w) for w in words(name)]
    while len(ws) > 1 and ws[-1] in _VAGUE_HEADS:
        ws = ws[:-1]
    if not ws:
        return set()
    last_two = {"_".join(ws[-2:])} if len(ws) > 1 else set()
    return {ws[-1], "_".join(ws)} | last_two


@dataclass
class Column:
    name: str
    type_class: str
    data_type: str
    values: list[str] = field(default_factory=list)  # sampled, as text; never reported
    sampled_rows: int = 0
    tested: dict[str, tuple[int, int]] = field(default_factory=dict, repr=False)
    # (schema, table, column) a declared foreign key points this column at; evidence of the
    # schema's structure for the classifier (set by the scan, not read by the rules yet)
    references: tuple[str | None, str, str] | None = None
    # the recognisers' view of `values` (see `_rates`), made on first use
    samples: tuple[list[str], Sample, Sample] | None = field(
        default=None, repr=False, compare=False
    )


@dataclass
class Classification:
    column: str
    data_type: str
    personal: bool
    fideslang: str | None
    confidence: float
    evidence: list[dict[str, Any]]
    subject: str | None = None  # whom the column is about, where the learned evidence says


@dataclass
class _Named:
    rule: Rule
    prefix: tuple[str, ...]
    phrase: str


def _match(name: str) -> _Named | None:
    return _match_name(name, id(RULES))


@functools.lru_cache(maxsize=8192)  # a schema repeats its names; RULES is read as it is now
def _match_name(name: str, rules: int) -> _Named | None:
    ws = words(name)
    found = _match_words(ws)
    # phone_home, username_lower, address2, family_name2: read without the last word
    while found is None and len(ws) > 1 and (ws[-1].isdigit() or ws[-1] in TRANSPARENT_TAIL):
        ws = ws[:-1]
        found = _match_words(ws)
    return found


def _match_words(ws: list[str]) -> _Named | None:
    if not ws:
        return None
    joined = "_".join(ws)
    for rule in RULES:
        m = rule.pattern.search(joined)
        if m is None:
            continue
        prefix = tuple(w for w in joined[: m.start()].split("_") if w)
        if rule.veto_prefix and (
            rule.veto_prefix & set(prefix)
            or rule.veto_prefix & {"_".join(prefix[i : i + 2]) for i in range(len(prefix) - 1)}
        ):
            return None  # e.g. product_name, country_of_origin: the prefix says whose it is
        return _Named(rule, prefix, " ".join(ws[len(prefix) :]))
    return None


# Values a recogniser tests, at most: a rate over 100 values decides every threshold used here,
# and the expensive recognisers (telephone numbers) stay cheap on a large sample.
MAX_TESTED = 100


def _rates(col: Column, names: Iterable[str]) -> dict[str, tuple[int, int]]:
    """Matches and values tested per recogniser. A recogniser with no match in its first twenty
    values stops there: its rate cannot reach any threshold that matters."""
    names = tuple(names)
    tested = col.tested
    todo = [n for n in names if n not in tested]  # asked once alone, once for a name
    if todo:
        # `counts` gives the number of values `test` accepts, without testing every value
        head, rest = _samples(col)
        found = counts(todo, head)
        n = len(head.values) + len(rest.values)
        more = todo if n <= 20 else [name for name in todo if found[name]]
        later = counts(more, rest) if more else {}
        for name in todo:
            if name in later:
                tested[name] = (found[name] + later[name], n)
            else:  # no match in the first twenty: the rate cannot reach a threshold
                tested[name] = (0, len(head.values))
    return {name: tested[name] for name in names}


def _samples(col: Column) -> tuple[Sample, Sample]:
    """The first twenty values tested and the others, kept with the column while its values
    stay."""
    kept = col.samples
    if kept is None or kept[0] is not col.values:
        values = col.values[:MAX_TESTED]
        kept = col.samples = (col.values, Sample(values[:20]), Sample(values[20:]))
    return kept[1], kept[2]


def values_said(evidence: Iterable[dict[str, Any]]) -> list[str]:
    """The value evidence of a classification in words: "120/120 values look like email"."""
    return [
        f"{e['matched']}/{e['sampled']} values look like {e['recogniser'].replace('_', ' ')}"
        for e in evidence
        if e.get("kind") == "values" and "recogniser" in e
    ]


def _values_evidence(name: str, hits: int, n: int) -> dict[str, Any]:
    return {
        "kind": "values",
        "recogniser": name,
        "matched": hits,
        "sampled": n,
        "rate": round(hits / n, 3) if n else 0.0,
    }


_TEXTUAL_TYPES = {"text", "other"}
# What stays a person's data even in a table about things (an API user's credentials); the
# rest (an organisation's e-mail, telephone, address, tax id) is the thing's, unless the
# column's words name a person (contact_email, owner_phone: `PERSON_PREFIX`).
_KEPT_IN_OBJECT_TABLES = (
    "user.authorization",
    "user.financial",
    "user.payment",
    "user.name",  # only names whose words say they are a person's (contact_name, first_name)
)
_STANDALONE = tuple(n for n, r in RECOGNISERS.items() if r.alone_at is not None)
# Distinct values a recogniser needs to classify a column alone: a handful of given names may
# be a list of roles or of products ("Grace", "Florence"); a column of many is people's.
_ALONE_DISTINCT = {"known_name": 8}


# A column of e-mail addresses or names whose values are mostly a role's or an organisation's
# (support@, noreply@; "Billing", "Acme Corp") holds no person's data, whatever its name says.
_OF_NO_PERSON = (
    ("user.contact.email", "role_mailbox", "the addresses are mailboxes of roles, not people's"),
    ("user.name", "organisation", "the values name organisations or teams, not people"),
)
_OF_NO_PERSON_AT = 0.8


def _of_no_person(col: Column, key: str) -> dict[str, Any] | None:
    """Context evidence that a column named or looking like `key` is about no person."""
    if not col.values:
        return None
    for prefix, recogniser, why in _OF_NO_PERSON:
        if key.startswith(prefix):
            hits, total = _rates(col, (recogniser,))[recogniser]
            if total >= 3 and hits / total >= _OF_NO_PERSON_AT:
                return {
                    "kind": "context",
                    "detail": f"{why} ({hits}/{total} values)",
                    "supports": False,
                }
    return None


def classify_table(table: str, columns: Sequence[Column]) -> list[Classification]:
    """Every column of one table as the name rules and value recognisers read it (the scan
    then weighs this with the learned evidence: `verdict.py`)."""
    tw = table_words(table)
    person_table = bool(tw & PERSON_TABLES)
    object_table = bool(tw & OBJECT_TABLES) and not person_table
    named = {c.name: _match(c.name) for c in columns}

    # Context from the other columns: a table holding e-mail or phone numbers is about people;
    # address parts sharing a prefix make an address.
    strong_personal = {
        c.name
        for c in columns
        if (n := named[c.name]) is not None
        and n.rule.needs is Needs.NOTHING
        and n.rule.name
        in {"email", "phone", "first_name", "last_name", "birth_date", "national_id", "person_name"}
    }
    address_parts: dict[tuple[str, ...], set[str]] = {}
    for c in columns:
        n = named[c.name]
        if n is not None and n.rule.name in ADDRESS_PARTS:
            address_parts.setdefault(n.prefix, set()).add(c.name)

    # A routing number, an IBAN or a sort code beside a bare account says it is a bank's.
    banking = frozenset(
        c.name
        for c in columns
        if (n := named[c.name]) is not None and n.rule.name == "bank_account"
    )

    results = []
    for col in columns:
        results.append(
            _classify(
                col,
                named[col.name],
                tw,
                person_table,
                object_table,
                strong_personal,
                address_parts,
                banking,
            )
        )
    return results


def _bank_context(
    col: Column, n: _Named, tw: set[str], banking: frozenset[str]
) -> tuple[bool, str]:
    """Whether a bare account is a bank's: in a table of bank details (by its name `tw`, a
    `dd_` prefix, or a routing number or IBAN beside it, `banking`), with values that are
    account numbers (the rule's confirming recognisers)."""
    beside = banking - {col.name}
    if tw & BANK_TABLES:
        said = "the table holds bank details"
    elif "dd" in n.prefix or n.phrase.startswith("dd "):
        said = "the prefix 'dd' is a direct debit's"
    elif beside:
        said = f"beside {', '.join(sorted(beside)[:3])}"
    else:
        return False, "nothing says the account is a bank's"
    if col.values:
        best = _best_confirm(col, n.rule.confirm)
        if best is None or best[1] / best[2] < _CONFIRMS_AT:
            return False, f"{said}, but the values are no bank account numbers"
    return True, said


def _best_confirm(col: Column, names: tuple[str, ...]) -> tuple[str, int, int] | None:
    """The confirming recogniser the most of whose tested values pass, with its matches and
    values tested (None without values or a recogniser that tested any)."""
    if not names or not col.values:
        return None
    return max(
        ((name, h, t) for name, (h, t) in _rates(col, names).items() if t),
        key=lambda x: x[1] / x[2],
        default=None,
    )


def _person_context(
    col: Column,
    n: _Named,
    person_table: bool,
    object_table: bool,
    strong_personal: set[str],
) -> tuple[bool, str]:
    prefix = set(n.prefix) | {"_".join(n.prefix)}
    if prefix & set(PERSON_PREFIX.split()):
        return True, f"the prefix '{' '.join(n.prefix)}' names a person"
    if object_table:
        return False, "the table is about things, not people"
    if person_table:
        return True, "the table is about people"
    others = strong_personal - {col.name}
    if others:
        return True, f"the table also holds {', '.join(sorted(others)[:3])}"
    return False, "nothing in the table says it is about people"


def _address_context(
    col: Column,
    n: _Named,
    person_table: bool,
    object_table: bool,
    address_parts: dict[tuple[str, ...], set[str]],
) -> tuple[bool, str]:
    prefix = set(n.prefix)
    if object_table and not prefix & ADDRESS_PREFIX:
        return False, "the table is about things, so its address is not a person's"
    if prefix & ADDRESS_PREFIX:
        return True, f"the prefix '{' '.join(n.prefix)}' names an address"
    siblings = address_parts.get(n.prefix, set()) - {col.name}
    if siblings:
        return True, f"beside {', '.join(sorted(siblings)[:3])} in the same table"
    return False, "no other part of an address beside it"


def _classify(
    col: Column,
    n: _Named | None,
    tw: set[str],
    person_table: bool,
    object_table: bool,
    strong_personal: set[str],
    address_parts: dict[tuple[str, ...], set[str]],
    banking: frozenset[str] = frozenset(),
) -> Classification:
    evidence: list[dict[str, Any]] = []
    suppressed: str | None = None
    textual = col.type_class in _TEXTUAL_TYPES
    col_words = set(words(col.name))

    def result(personal: bool, key: str | None, confidence: float) -> Classification:
        confidence = round(min(max(confidence, 0.0), 0.99), 2)
        if personal and confidence < MIN_CONFIDENCE:
            personal = False
        return Classification(
            col.name, col.data_type, personal, key if personal else None, confidence, evidence
        )

    # What the values alone say (text-like columns only; the name may forbid it).
    standalone: tuple[str, int, int] | None = None
    if textual and col.values and not col_words & _NOT_DATA:
        rates = _rates(col, _STANDALONE)
        best = None
        for name, (hits, total) in rates.items():
            threshold = RECOGNISERS[name].alone_at or 1.0
            if (
                total >= 3
                and hits / total >= threshold
                and (best is None or hits > best[1])
                and len(set(col.values[:MAX_TESTED])) >= _ALONE_DISTINCT.get(name, 0)
            ):
                best = (name, hits, total)
        standalone = best

    if n is not None:
        rule = n.rule
        name_ev = {
            "kind": "name",
            "rule": rule.name,
            "matched": n.phrase,
            "detail": f"the column name ends in '{n.phrase}'",
        }
        if col.type_class not in rule.types:
            evidence.append(
                name_ev
                | {
                    "detail": f"'{n.phrase}' in the name, but a {col.type_class} column cannot hold it"
                }
            )
            n = None
        else:
            ok, why = True, ""
            if rule.needs is Needs.PERSON:
                ok, why = _person_context(col, n, person_table, object_table, strong_personal)
            elif rule.needs is Needs.ADDRESS:
                ok, why = _address_context(col, n, person_table, object_table, address_parts)
            elif rule.needs is Needs.BANK:
                ok, why = _bank_context(col, n, tw, banking)
            elif rule.needs is Needs.CARD:
                ok = bool(tw & CARD_TABLES)
                why = "the table holds payment cards" if ok else "not a table of payment cards"
            elif (
                object_table
                and not rule.fideslang.startswith(_KEPT_IN_OBJECT_TABLES)
                and not set(n.prefix) & (ADDRESS_PREFIX | set(PERSON_PREFIX.split()))
            ):
                # a product's gender, a store's address, an airport's coordinates
                ok, why = False, "the table is about things, not people"
            evidence.append(name_ev)
            if why:
                evidence.append({"kind": "context", "detail": why, "supports": ok})
            if not ok:
                suppressed = rule.fideslang
                n = None

    if n is not None and (said := _of_no_person(col, n.rule.fideslang)) is not None:
        evidence.append(said)  # support@, "Acme Corp": the name says what, the values whose
        suppressed = n.rule.fideslang
        n = None

    if n is not None:
        rule = n.rule
        confidence = rule.strength
        best_confirm = _best_confirm(col, rule.confirm)
        if best_confirm is not None:
            name, hits, total = best_confirm
            evidence.append(_values_evidence(name, hits, total))
            rate = hits / total
            if rate >= _CONFIRMS_AT:
                confidence = max(confidence, 0.8) + (0.99 - max(confidence, 0.8)) * rate
            elif total >= _ENOUGH and rate < _CONTRADICTS_BELOW:
                if (
                    standalone is not None
                    and RECOGNISERS[standalone[0]].fideslang != rule.fideslang
                ):
                    name2, h2, t2 = standalone
                    evidence.append(_values_evidence(name2, h2, t2))
                    return result(True, RECOGNISERS[name2].fideslang, 0.6 + 0.35 * h2 / t2)
                confidence *= 0.6
                evidence.append(
                    {
                        "kind": "values",
                        "detail": "the values do not look like it",
                        "supports": False,
                    }
                )
        elif standalone is not None and RECOGNISERS[standalone[0]].fideslang != rule.fideslang:
            # The name names one thing and the values plainly are another: trust the values.
            name2, h2, t2 = standalone
            evidence.append(_values_evidence(name2, h2, t2))
            return result(True, RECOGNISERS[name2].fideslang, 0.6 + 0.35 * h2 / t2)
        if not col.values and col.sampled_rows == 0:
            evidence.append({"kind": "values", "detail": "no rows to sample; the name alone"})
        return result(True, rule.fideslang, confidence)

    # Values of the very kind the context just set aside (a server's IP addresses) stay aside.
    if (
        standalone is not None
        and RECOGNISERS[standalone[0]].fideslang != suppressed
        and _of_no_person(col, RECOGNISERS[standalone[0]].fideslang) is None
    ):
        name, hits, total = standalone
        evidence.append(_values_evidence(name, hits, total))
        return result(True, RECOGNISERS[name].fideslang, 0.6 + 0.35 * hits / total)
    return result(False, None, 0.0 if not evidence else 0.1)


FAMILIES: tuple[tuple[str, str], ...] = (
    ("user.contact.email", "email"),
    ("user.contact.phone_number", "phone"),
    ("user.contact.fax_number", "phone"),
    ("user.contact.address", "address"),
    ("user.name", "name"),
    ("user.financial.credit_card", "payment card"),
    ("user.payment", "payment card"),
    ("user.financial.bank_account", "bank account"),
    ("user.device.ip_address", "ip address"),
    ("user.device", "device"),
    ("user.demographic.date_of_birth", "date of birth"),
    ("user.demographic.gender", "gender"),
    ("user.authorization", "credentials"),
    ("user.account.username", "username"),
    ("user.government_id", "government id"),
    ("user.location.precise", "precise location"),
)


def family(key: str | None) -> str | None:
    """The family a fideslang key belongs to, as the benchmark reports precision and recall."""
    if key is None:
        return None
    for prefix, name in FAMILIES:
        if key == prefix or key.startswith(prefix + "."):
            return name
    return "other"
