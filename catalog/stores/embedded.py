"""The embedded store: the whole graph in process, built from the inventory at start."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from catalog.graph.compact import Graph
from catalog.graph.snapshot import cached
from catalog.graph.view import GraphView, as_graph
from catalog.model.kinds import Label
from catalog.model.memory import collector_paused
from catalog.stores.base import Asked, NameEntry


class EmbeddedStore:
    name = "embedded"
    immutable = True  # the graph is built once, at start: answers can be kept

    def __init__(self, graph: Any, keys: dict[str, tuple[str, ...]] | None = None) -> None:
        """`graph`: the compact graph, or a networkx graph just built (made compact here)."""
        self.graph: Graph = as_graph(graph)
        graph = self.graph
        keys = keys or {}
        self._view = GraphView(graph)
        with collector_paused():
            self._names = self._name_entries(graph, keys)

    @staticmethod
    def _name_entries(graph: Graph, keys: dict[str, tuple[str, ...]]) -> list[NameEntry]:
        return [
            NameEntry(
                nid,
                data.get("name", nid),
                data["label"],
                tuple(data.get("aliases") or ()),
                tuple(data[k] for k in ("fideslang", "dpv") if data.get(k)),
                next(iter(graph.out(nid, "PART_OF")), None),
                keys.get(nid, ()),
                tuple(s["quote"] for s in sources),
                tuple(s["section"] for s in sources),
                (
                    tuple(sorted({*graph.out(nid, "TO"), *graph.into(nid, "DISCLOSES")}))
                    if data["label"] == Label.Disclosure
                    else ()
                ),
            )
            for nid, data in graph.nodes.items()
            for sources in (data.get("sources") or (),)
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

        # made inside `cached`: a snapshot the store cannot be made from is rebuilt, not an error
        limit = max_file_bytes or DEFAULT_MAX_FILE_BYTES
        return cached(root, limit, cache_dir, lambda compiled: cls(compiled.graph, compiled.keys))

    def view(self, query: Asked, args: Mapping[str, Any]) -> GraphView:
        return self._view

    def names(self) -> list[NameEntry]:
        return self._names

    def forget_names(self) -> bool:
        return False  # the graph never changes

    def fingerprint(self) -> str:
        return self.graph.meta.get("fingerprint", "")

    def info(self) -> dict[str, Any]:
        g = self.graph
        return {
            "store": self.name,
            "fingerprint": g.meta.get("fingerprint", ""),
            "policy": {
                "id": g.meta.get("policy_id", ""),
                "title": g.meta.get("policy_title", ""),
                "last_updated": g.meta.get("policy_last_updated", ""),
            },
            "nodes": g.number_of_nodes(),
            "relationships": g.number_of_edges(),
            "labels": dict(sorted(Counter(d["label"] for d in g.nodes.values()).items())),
        }

    def close(self) -> None:
        return None
