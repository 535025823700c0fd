"""The questions datamap answers. Each answer function reads a GraphView and returns a result
model; each question is declared once, beside its answer, as a `Query` (query.py) that names
the answer, its arguments and its Neo4j scope. The engine (engine.py) asks any of them."""

from catalog.queries.catalog import (
    CATEGORY,
    EVERYTHING,
    LIST,
    LIST_LABELS,
    RECIPIENT,
    SHOW,
    list_items,
    show,
)
from catalog.queries.disclosures import ccpa_disclosure, provenance
from catalog.queries.flows import (
    CHECK,
    RECIPIENT_CATEGORIES,
    TRANSFERS,
    WHAT_IS_SOLD,
    WHO_RECEIVES,
    check,
    recipient_categories,
    transfers,
    what_is_sold,
    who_receives,
)
from catalog.queries.lineage import DEFAULT_DEPTH, LINEAGE, MAX_DEPTH, lineage
from catalog.queries.query import Entry, Query, Value
from catalog.queries.records import ROPA, ropa

# Every question, for the parity and dialect tests: what one store answers, the other must too.
QUERIES: tuple[Query, ...] = (
    LIST,
    SHOW,
    CATEGORY,
    RECIPIENT,
    WHO_RECEIVES,
    CHECK,
    RECIPIENT_CATEGORIES,
    WHAT_IS_SOLD,
    TRANSFERS,
    LINEAGE,
    ROPA,
    EVERYTHING,
)

__all__ = [
    "CATEGORY",
    "CHECK",
    "DEFAULT_DEPTH",
    "EVERYTHING",
    "LINEAGE",
    "LIST",
    "LIST_LABELS",
    "MAX_DEPTH",
    "QUERIES",
    "RECIPIENT",
    "RECIPIENT_CATEGORIES",
    "ROPA",
    "SHOW",
    "TRANSFERS",
    "WHAT_IS_SOLD",
    "WHO_RECEIVES",
    "Entry",
    "Query",
    "Value",
    "ccpa_disclosure",
    "check",
    "lineage",
    "list_items",
    "provenance",
    "recipient_categories",
    "ropa",
    "show",
    "transfers",
    "what_is_sold",
    "who_receives",
]
