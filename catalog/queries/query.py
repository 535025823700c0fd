"""A question, declared once: its answer function, its arguments, and its Neo4j scope.

The engine asks any `Query` the same way: it binds the arguments (an `Entry` argument resolves
what a person typed to the id of an entry of the kinds it names; a `Value` is checked), asks the
store for a view sufficient for the query (the embedded store hands over the whole graph; the
Neo4j store runs the query's `scope` and fetches that subgraph), and calls
`answer(view, *arguments)` in the order declared. A query cannot be declared without a scope, so
a question Neo4j could not answer fails at import, not on the server.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from catalog.stores.neo4j import scopes
from catalog.stores.neo4j.scopes import Scope

R = TypeVar("R")

REQUIRED: Any = object()


@dataclass(frozen=True)
class Entry:
    """An argument that names an entry: an id or a name, resolved to an id of one of `kinds`
    (any kind when empty)."""

    name: str
    kinds: tuple[str, ...] = ()


@dataclass(frozen=True)
class Value:
    """A plain argument; `check` validates it (raising BadRequest) and returns the value used."""

    name: str
    check: Callable[[Any], Any] | None = None
    default: Any = REQUIRED


Param = Entry | Value


@dataclass(frozen=True)
class Query(Generic[R]):
    name: str
    answer: Callable[..., R]
    scope: Scope
    params: tuple[Param, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.scope, Scope):
            raise TypeError(f"query {self.name!r} needs a Neo4j Scope, not {self.scope!r}")


def everything(view: Any) -> Any:
    return view


# Exports, the compliance checks and the whole-graph diagrams read everything datamap holds.
EVERYTHING = Query("everything", everything, scopes.EVERYTHING)

# Lineage's depth, bounded where it is declared: the CLI and the API name these in their
# signatures, before the lineage module (and its result models) is needed.
MAX_DEPTH = 5
DEFAULT_DEPTH = 2
