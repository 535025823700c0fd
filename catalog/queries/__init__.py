"""The questions datamap answers. Each answer function reads a GraphView and returns a result
model; each question is declared once, beside its answer, as a `Query` (query.py) that names
the answer, its arguments and its Neo4j scope. The engine (engine.py) asks any of them."""

from catalog.queries import catalog as _catalog
from catalog.queries import datamap as _datamap
from catalog.queries import flows as _flows
from catalog.queries import lineage as _lineage
from catalog.queries import records as _records
from catalog.queries import systems as _systems
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
from catalog.queries.datamap import DATA_MAP, data_map
from catalog.queries.disclosures import ccpa_disclosure, provenance
from catalog.queries.flows import (
    CHECK,
    ERASURE,
    RECIPIENT_CATEGORIES,
    TRANSFERS,
    WHAT_IS_SOLD,
    WHO_RECEIVES,
    check,
    erasure_recipients,
    recipient_categories,
    transfers,
    what_is_sold,
    who_receives,
)
from catalog.queries.lineage import DEFAULT_DEPTH, LINEAGE, MAX_DEPTH, lineage
from catalog.queries.query import Entry, Query, Value
from catalog.queries.records import ROPA, ropa
from catalog.queries.systems import WHERE, locations

# Every question declared beside its answer, in the order of those modules: the parity and
# declaration tests run through all of them, so a new one is covered without being listed.
QUERIES: tuple[Query, ...] = tuple(
    value
    for module in (_catalog, _flows, _lineage, _records, _systems, _datamap)
    for value in vars(module).values()
    if isinstance(value, Query)
)

__all__ = [
    "CATEGORY",
    "CHECK",
    "DATA_MAP",
    "DEFAULT_DEPTH",
    "ERASURE",
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
    "WHERE",
    "WHO_RECEIVES",
    "Entry",
    "Query",
    "Value",
    "ccpa_disclosure",
    "check",
    "data_map",
    "erasure_recipients",
    "lineage",
    "list_items",
    "locations",
    "provenance",
    "recipient_categories",
    "ropa",
    "show",
    "transfers",
    "what_is_sold",
    "who_receives",
]
