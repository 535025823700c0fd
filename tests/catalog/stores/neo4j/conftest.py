"""Fixtures for the Neo4j store's tests."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from catalog import queries
from catalog.queries.engine import QueryEngine

# One entry per kind a question can name, so that every declared question can be asked.
SAMPLES = {
    "DataCategory": "payment-information",
    "Recipient": "shipping-providers",
    "Regime": "gdpr",
    "DataSubject": "customers",
    "": "ctx-purchase",
}


def _question_args(query: queries.Query) -> dict[str, str]:
    args = {}
    for param in query.params:
        if isinstance(param, queries.Entry):
            args[param.name] = SAMPLES[param.kinds[0] if param.kinds else ""]
        elif param.name == "what":
            args[param.name] = "categories"
    return args


@pytest.fixture
def question_args() -> Callable[[queries.Query], dict[str, str]]:
    """Arguments that make any declared question answer on the shipped inventory (a new
    question is covered without being listed)."""
    return _question_args


def asker(embedded: QueryEngine, neo4j: QueryEngine) -> Callable[..., dict]:
    """Ask both stores the same question; the answer, once they agree byte for byte."""

    def same(query: queries.Query, **args: str) -> dict:
        a, b = embedded.ask(query, **args).to_json(), neo4j.ask(query, **args).to_json()
        assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True), (query.name, args)
        return a

    return same
