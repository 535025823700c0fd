"""Whom a field is about, and whether a notice's kinds of individuals include that kind.

A scan says of each column whom it is about in five words (customer, patient, employee, user,
contact). A notice names its kinds of individuals in its own words ("Website and app visitors",
"Job applicants", "Friends referred by customers"): a kind covers a field's subject when the
head of its name (or an alias) says one of the words below, or its DPV term is one of them.
The head is the name before what qualifies it ("Friends referred by customers" is about
friends, not customers), and "potential" or "prospective" customers are prospects, not
customers. Nothing here names one company's subjects.
"""

from __future__ import annotations

import re
from typing import Literal, get_args

FieldSubject = Literal["customer", "patient", "employee", "user", "contact"]
FIELD_SUBJECTS: tuple[str, ...] = get_args(FieldSubject)
PLURAL = {
    "customer": "customers",
    "patient": "patients",
    "employee": "employees",
    "user": "users",
    "contact": "contacts",
}

# The words (singular) and phrases a notice uses for each kind of individual.
WORDS: dict[str, tuple[str, ...]] = {
    "customer": ("customer", "client", "buyer", "shopper", "purchaser", "consumer", "guest"),
    "patient": ("patient",),
    "employee": (
        "employee",
        "staff",
        "worker",
        "personnel",
        "colleague",
        "team member",
        "contractor",
    ),
    "user": ("user", "member", "visitor", "account holder"),
    "contact": ("contact", "lead", "prospect", "individual"),
}
# A customer not yet one is a prospect.
_NOT_YET = ("potential", "prospective", "future")
DPV: dict[str, str] = {
    "dpv:Customer": "customer",
    "dpv:Client": "customer",
    "dpv:Patient": "patient",
    "dpv:Employee": "employee",
    "dpv:User": "user",
    "dpv:Visitor": "user",
    "dpv:Member": "user",
}
# Words after which a name only qualifies its head.
_QUALIFIERS = frozenset(
    "who whom whose which that by of for acting with from in at to on under via".split()
)
_WORD = re.compile(r"[a-z]+")


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _head(name: str) -> list[str]:
    words = _WORD.findall(name.casefold())
    for i, w in enumerate(words):
        if w in _QUALIFIERS and i > 0:
            return [_singular(x) for x in words[:i]]
    return [_singular(x) for x in words]


def kinds_named(name: str) -> set[str]:
    """The field subjects a notice's name for a kind of individual speaks of."""
    head = _head(name)
    text = " " + " ".join(head) + " "
    found = set()
    for subject, words in WORDS.items():
        for w in words:
            at = text.find(f" {w} ")
            if at < 0:
                continue
            before = text[:at].split()
            if subject == "customer" and before and before[-1] in _NOT_YET:
                found.add("contact")
            else:
                found.add(subject)
    return found


def kinds_covered(
    name: str, aliases: list[str] | tuple[str, ...] = (), dpv: str | None = None
) -> set[str]:
    """What a notice's kind of individual covers, from its name, its aliases and its DPV term."""
    found = kinds_named(name)
    for alias in aliases:
        found |= kinds_named(alias)
    if dpv in DPV:
        found.add(DPV[dpv])
    return found
