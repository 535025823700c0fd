"""Query answers. Each function reads a GraphView and returns a results model."""

from catalog.queries.catalog import LIST_LABELS, list_items, show
from catalog.queries.disclosures import ccpa_disclosure, provenance
from catalog.queries.flows import check, recipient_categories, transfers, what_is_sold, who_receives
from catalog.queries.lineage import DEFAULT_DEPTH, MAX_DEPTH, lineage
from catalog.queries.records import ropa

__all__ = [
    "DEFAULT_DEPTH",
    "LIST_LABELS",
    "MAX_DEPTH",
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
