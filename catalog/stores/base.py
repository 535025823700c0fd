"""What a graph store offers the query engine."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from catalog.graph.view import GraphView


@dataclass(frozen=True)
class NameEntry:
    """What resolving a typed name needs of an entry."""

    id: str
    name: str
    label: str
    aliases: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()  # fideslang key and DPV term, for data categories
    parent: str | None = None  # the category it is grouped under
    keys: tuple[str, ...] = ()  # model.text.entry_keys, when computed ahead (a snapshot)
    quotes: tuple[str, ...] = ()  # the policy's words it cites: words it is known by
    sections: tuple[str, ...] = ()  # the sections those are in
    about: tuple[str, ...] = ()  # for a disclosure, whom to and by which activity (sorted)


class Asked(Protocol):
    """A question as a store sees it (catalog.queries.Query): its name. What a store needs to
    answer it (the Neo4j store's Cypher) the store keeps, keyed by that name."""

    @property
    def name(self) -> str: ...


class Store(Protocol):
    """A store hands the engine a view holding at least what one question's answer reads."""

    name: str
    immutable: bool  # True when the graph never changes while the store is open

    def view(self, query: Asked, args: Mapping[str, Any]) -> GraphView:
        """A graph view sufficient to answer `query` with `args`."""
        ...

    def names(self) -> list[NameEntry]:
        """Every entry's id, name and kind, for resolving what a user types."""
        ...

    def forget_names(self) -> bool:
        """Read the names again next time if the graph has changed since; True if it has."""
        ...

    def fingerprint(self) -> str:
        """Changes whenever the graph the answers come from changes (for ETags)."""
        ...

    def info(self) -> dict[str, Any]:
        """Store name, inventory fingerprint, policy and counts, for health and version."""
        ...

    def close(self) -> None: ...
