"""A question, declared once: its answer function and its arguments.

The engine asks any `Query` the same way: it binds the arguments (an `Entry` argument resolves
what a person typed to the id of an entry of the kinds it names; a `Value` is checked), asks the
store for a view sufficient for the question (the embedded store hands over the whole graph; the
Neo4j store looks up the question's scope by its name in `catalog/stores/neo4j/scopes.py` and
fetches that subgraph), and calls `answer(view, *arguments)` in the order declared. A question
speaks no store's dialect: each store knows what it needs for it, and the declaration tests fail
on a question a store cannot answer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from catalog.graph.view import GraphView

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
    name: str  # how the stores know it: the Neo4j store's scope is keyed by it
    answer: Callable[..., R]
    params: tuple[Param, ...] = ()


def everything(view: GraphView) -> GraphView:
    return view


# Exports, the compliance checks and the whole-graph diagrams read everything datamap holds.
EVERYTHING = Query("everything", everything)

# Lineage's depth, bounded where it is declared: the CLI and the API name these in their
# signatures, before the lineage module (and its result models) is needed.
MAX_DEPTH = 5
DEFAULT_DEPTH = 2
