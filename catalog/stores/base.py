"""What a graph store offers the query engine."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from catalog.graph.view import GraphView


@dataclass(frozen=True)
class NameEntry:
    id: str
    name: str
    label: str


class Store(Protocol):
    """A store hands the engine a view holding at least what one query's answer reads."""

    name: str
    immutable: bool  # True when the graph never changes while the store is open

    def view(self, query: str, params: Mapping[str, Any]) -> GraphView:
        """A graph view sufficient to answer `query` with `params`."""
        ...

    def names(self) -> list[NameEntry]:
        """Every entry's id, name and kind, for resolving what a user types."""
        ...

    def fingerprint(self) -> str:
        """Changes whenever the graph the answers come from changes (for ETags)."""
        ...

    def info(self) -> dict[str, Any]:
        """Store name, inventory fingerprint, policy and counts, for health and version."""
        ...

    def close(self) -> None: ...
