"""The embedded store: the whole graph in process, built from the inventory at start."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from catalog.graph.snapshot import cached_graph
from catalog.graph.view import GraphView
from catalog.stores.base import NameEntry, Scoped


class EmbeddedStore:
    name = "embedded"
    immutable = True  # the graph is built once, at start: answers can be kept

    def __init__(
        self, graph: nx.MultiDiGraph, keys: dict[str, tuple[str, ...]] | None = None
    ) -> None:
        self.graph = graph
        keys = keys or {}
        self._view = GraphView(graph)
        self._names = [
            NameEntry(
                nid,
                data.get("name", nid),
                data["label"],
                tuple(data.get("aliases") or ()),
                tuple(data[k] for k in ("fideslang", "dpv") if data.get(k)),
                next((p for p, rels in graph._succ[nid].items() if "PART_OF" in rels), None),
                keys.get(nid, ()),
            )
            for nid, data in graph.nodes(data=True)
        ]

    @classmethod
    def from_inventory(
        cls,
        root: Path,
        *,
        max_file_bytes: int | None = None,
        cache_dir: Path | None = None,
    ) -> EmbeddedStore:
        """The inventory's store; with `cache_dir`, from its compiled snapshot when the
        inventory has not changed (see graph/snapshot.py)."""
        from catalog.settings import DEFAULT_MAX_FILE_BYTES

        compiled = cached_graph(root, max_file_bytes or DEFAULT_MAX_FILE_BYTES, cache_dir)
        return cls(compiled.graph, compiled.keys)

    def view(self, query: Scoped, args: Mapping[str, Any]) -> GraphView:
        return self._view

    def names(self) -> list[NameEntry]:
        return self._names

    def fingerprint(self) -> str:
        return self.graph.graph.get("fingerprint", "")

    def info(self) -> dict[str, Any]:
        g = self.graph
        return {
            "store": self.name,
            "fingerprint": g.graph.get("fingerprint", ""),
            "policy": {
                "id": g.graph.get("policy_id", ""),
                "title": g.graph.get("policy_title", ""),
                "last_updated": g.graph.get("policy_last_updated", ""),
            },
            "nodes": g.number_of_nodes(),
            "relationships": g.number_of_edges(),
            "labels": dict(sorted(Counter(d["label"] for _, d in g.nodes(data=True)).items())),
        }

    def close(self) -> None:
        return None
