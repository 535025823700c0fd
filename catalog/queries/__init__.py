"""The questions datamap answers. Each answer function reads a GraphView and returns a result
model; each question is declared once, beside its answer, as a `Query` (query.py) that names
the answer, its arguments and its Neo4j scope. The engine (engine.py) asks any of them.

Names are imported from their modules when first read (PEP 562): a command asking one question
loads that question's module, not every answer and result model datamap has (`datamap
who-receives --json` imports no pydantic at all). No module here is named like a name it
exports: importing a submodule sets the package attribute of its name.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

# Where each name lives (catalog.queries.<module>).
_HOME = {
    "CATEGORY": "catalog",
    "LIST": "catalog",
    "RECIPIENT": "catalog",
    "SHOW": "catalog",
    "show": "catalog",
    "DATA_MAP": "datamap",
    "data_map": "datamap",
    "ccpa_disclosure": "disclosures",
    "provenance": "disclosures",
    "CHECK": "flows",
    "ERASURE": "flows",
    "RECIPIENT_CATEGORIES": "flows",
    "TRANSFERS": "flows",
    "WHAT_IS_SOLD": "flows",
    "check": "flows",
    "erasure_recipients": "flows",
    "recipient_categories": "flows",
    "transfers": "flows",
    "what_is_sold": "flows",
    "LINEAGE": "tracing",
    "lineage": "tracing",
    "DEFAULT_DEPTH": "query",
    "EVERYTHING": "query",
    "MAX_DEPTH": "query",
    "Entry": "query",
    "Query": "query",
    "Value": "query",
    "WHO_RECEIVES": "receives",
    "who_receives": "receives",
    "ROPA": "records",
    "ropa": "records",
    "WHERE": "systems",
    "locations": "systems",
}
# The modules declaring questions, in the order QUERIES lists them.
_DECLARING = ("catalog", "query", "receives", "flows", "tracing", "records", "systems", "datamap")


def __getattr__(name: str) -> Any:
    if name == "QUERIES":
        # Every question declared beside its answer: the parity and declaration tests run
        # through all of them, so a new one is covered without being listed.
        from catalog.queries.query import Query

        found = tuple(
            value
            for module in _DECLARING
            for value in vars(import_module(f"catalog.queries.{module}")).values()
            if isinstance(value, Query)
        )
        globals()["QUERIES"] = found
        return found
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"catalog.queries.{home}"), name)
    globals()[name] = value
    return value


__all__ = sorted([*_HOME, "QUERIES"])
