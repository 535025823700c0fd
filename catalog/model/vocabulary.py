"""The published vocabularies the inventory's classifications must come from: W3C DPV 2.3 (core
`dpv:`, personal data `pd:`, GDPR `eu-gdpr:`) and fideslang's data categories, data uses and
data subjects.
The term lists ship in vocab/, unchanged from their publishers (see vocab/README.md)."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from rapidfuzz import fuzz, process

VOCAB = Path(__file__).resolve().parent / "vocab"

# prefix -> file whose `term` column lists the local names (`EmailAddress` is pd:EmailAddress)
DPV_FILES = {"dpv": "dpv-2.3.csv", "pd": "dpv-pd-2.3.csv", "eu-gdpr": "dpv-eu-gdpr-2.3.csv"}
FIDESLANG_FILES = {
    "data_category": "fideslang-data-categories.csv",
    "data_use": "fideslang-data-uses.csv",
    "data_subject": "fideslang-data-subjects.csv",
}


@cache
def _column(file: str, column: str) -> frozenset[str]:
    with (VOCAB / file).open(encoding="utf-8", newline="") as f:
        return frozenset(row[column] for row in csv.DictReader(f) if row.get(column))


def dpv_terms() -> dict[str, frozenset[str]]:
    return {prefix: _column(file, "term") for prefix, file in DPV_FILES.items()}


def fideslang_keys(kind: str) -> frozenset[str]:
    return _column(FIDESLANG_FILES[kind], "fides_key")


@cache
def fideslang_names() -> dict[str, str]:
    """Each fideslang data category key's published name (`user.contact.email`: Email)."""
    with (VOCAB / FIDESLANG_FILES["data_category"]).open(encoding="utf-8", newline="") as f:
        return {row["fides_key"]: row["name"] for row in csv.DictReader(f) if row.get("name")}


def fideslang_words(key: str) -> str:
    """A key as a person reads it: its published name, the key beside it."""
    name = fideslang_names().get(key)
    return f"{name.lower()} ({key})" if name else key


def dpv_problem(term: str) -> str | None:
    """Why `term` (prefix:LocalName) is not a published DPV 2.3 term, with the closest; None
    when it is one."""
    prefix, sep, local = term.partition(":")
    terms = dpv_terms()
    if not sep or prefix not in terms:
        return f"{term!r} is not a DPV term: use one of the prefixes {', '.join(p + ':' for p in terms)}"
    if local in terms[prefix]:
        return None
    return f"{term!r} is not a term of DPV 2.3{_closest(local, terms[prefix], prefix + ':')}"


def fideslang_problem(key: str, kind: str) -> str | None:
    """Why `key` is not a fideslang key of `kind` (data_category or data_use); None if it is."""
    keys = fideslang_keys(kind)
    if key in keys:
        return None
    words = kind.replace("_", " ")
    return f"{key!r} is not a fideslang {words} key{_closest(key, keys, '')}"


def _closest(value: str, known: frozenset[str], prefix: str) -> str:
    found = process.extractOne(value, sorted(known), scorer=fuzz.ratio, score_cutoff=88)
    return f"; did you mean {prefix}{found[0]}?" if found else ""
