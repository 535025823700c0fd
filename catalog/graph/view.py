"""Read access to a catalogue graph, the only thing query answers are allowed to touch.

The embedded store hands queries a view of the whole graph; the Neo4j store hands them a view
of the subgraph its Cypher selected. Answers are computed by the same code either way, so the
two stores agree by construction wherever the selected subgraph holds what the answer reads.
"""

from __future__ import annotations

from collections import deque
from typing import Any

import networkx as nx

from catalog.model.kinds import Rel


class GraphView:
    def __init__(self, g: nx.MultiDiGraph) -> None:
        self.g = g
        self._by_label: dict[str, list[str]] | None = None
        # Sorted neighbours by (direction, node, relationship type), filled as answers ask: the
        # graph a view holds never changes, and answers ask for the same ones many times.
        self._adjacent: dict[tuple[bool, str, str], list[str]] = {}

    # -- nodes -------------------------------------------------------------------------------------

    def has(self, node_id: str) -> bool:
        return node_id in self.g

    def node(self, node_id: str) -> dict[str, Any]:
        return self.g.nodes[node_id]

    def label(self, node_id: str) -> str:
        return self.g.nodes[node_id]["label"]

    def name(self, node_id: str) -> str:
        return self.g.nodes[node_id].get("name", node_id)

    def of_label(self, label: str) -> list[str]:
        if self._by_label is None:
            index: dict[str, list[str]] = {}
            for nid, data in self.g.nodes(data=True):
                index.setdefault(data["label"], []).append(nid)
            self._by_label = {k: self.sort(v) for k, v in index.items()}
        return list(self._by_label.get(label, []))

    def sort(self, ids: Any) -> list[str]:
        """Stable answer order: by name, then id."""
        nodes = self.g._node
        return sorted(set(ids), key=lambda n: (nodes[n].get("name", n).casefold(), n))

    @property
    def meta(self) -> dict[str, Any]:
        return dict(self.g.graph)

    # -- edges -------------------------------------------------------------------------------------

    # The adjacency dicts are read directly (node -> neighbour -> relationship type -> data):
    # networkx's edge views cost more to build than the lookups themselves.

    def out(self, node_id: str, rel: str) -> list[str]:
        return list(self._neighbours(True, node_id, rel))

    def into(self, node_id: str, rel: str) -> list[str]:
        return list(self._neighbours(False, node_id, rel))

    def _neighbours(self, outward: bool, node_id: str, rel: str) -> list[str]:
        key = (outward, node_id, rel)
        found = self._adjacent.get(key)
        if found is None:
            adjacent = (self.g._succ if outward else self.g._pred).get(node_id) or {}
            found = self.sort([n for n, keys in adjacent.items() if rel in keys])
            self._adjacent[key] = found
        return found

    def edge(self, src: str, dst: str, rel: str) -> dict[str, Any]:
        return self.g.edges[src, dst, rel]

    def link(self, src: str, dst: str, rel: str) -> dict[str, Any] | None:
        """The data of the edge, or None when there is no such edge."""
        return ((self.g._succ.get(src) or {}).get(dst) or {}).get(rel)

    def edges_of(self, node_id: str) -> list[tuple[str, str, str, dict[str, Any]]]:
        """Every edge touching a node: (source, target, type, data)."""
        out = [(u, v, k, d) for u, v, k, d in self.g.out_edges(node_id, keys=True, data=True)]
        out += [(u, v, k, d) for u, v, k, d in self.g.in_edges(node_id, keys=True, data=True)]
        return out

    # -- the category hierarchy -------------------------------------------------------------------

    def ancestors(self, category_id: str) -> list[str]:
        """Categories above, nearest first."""
        out: list[str] = []
        current = self.out(category_id, Rel.PART_OF)
        while current and current[0] not in out:
            out.append(current[0])
            current = self.out(current[0], Rel.PART_OF)
        return out

    def descendants(self, category_id: str) -> list[str]:
        """Categories and items grouped beneath, breadth first."""
        seen: list[str] = []
        queue = deque(self.into(category_id, Rel.PART_OF))
        while queue:
            cid = queue.popleft()
            if cid in seen or cid == category_id:
                continue
            seen.append(cid)
            queue.extend(self.into(cid, Rel.PART_OF))
        return seen
