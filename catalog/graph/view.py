"""Read access to a catalogue graph, the only thing query answers are allowed to touch.

The embedded store hands queries a view of the whole graph; the Neo4j store hands them a view
of the subgraph its Cypher selected. Answers are computed by the same code either way, so the
two stores agree by construction wherever the selected subgraph holds what the answer reads.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from typing import Any

from catalog.graph.compact import Graph
from catalog.model.kinds import Rel


def as_graph(g: Any) -> Graph:
    """The compact graph of `g`: itself, or made from a networkx graph (a freshly built one)."""
    return g if isinstance(g, Graph) else Graph.from_networkx(g)


class GraphView:
    def __init__(self, g: Any) -> None:
        self.g: Graph = as_graph(g)

    # -- nodes -------------------------------------------------------------------------------------

    def has(self, node_id: str) -> bool:
        return node_id in self.g.nodes

    def node(self, node_id: str) -> dict[str, Any]:
        return self.g.nodes[node_id]

    def label(self, node_id: str) -> str:
        return self.g.nodes[node_id]["label"]

    def name(self, node_id: str) -> str:
        return self.g.nodes[node_id].get("name", node_id)

    def ids(self) -> list[str]:
        """Every node, in answer order."""
        return list(self.g.nodes)

    def of_label(self, label: str) -> list[str]:
        return list(self.g.of_label(label))

    def sort(self, ids: Iterable[str]) -> list[str]:
        """Stable answer order: by name, then id."""
        return sorted(set(ids), key=self.g.rank.__getitem__)

    @property
    def meta(self) -> dict[str, Any]:
        return dict(self.g.meta)

    # -- edges -------------------------------------------------------------------------------------

    def out(self, node_id: str, rel: str) -> list[str]:
        return list(self.g.out(node_id, rel))

    def into(self, node_id: str, rel: str) -> list[str]:
        return list(self.g.into(node_id, rel))

    def edge(self, src: str, dst: str, rel: str) -> dict[str, Any]:
        return self.g.out(src, rel)[dst]

    def link(self, src: str, dst: str, rel: str) -> dict[str, Any] | None:
        """The data of the edge, or None when there is no such edge."""
        return self.g.out(src, rel).get(dst)

    def out_edges(self, node_id: str) -> list[tuple[str, str, str, dict[str, Any]]]:
        """The relationships from a node: (source, target, type, data)."""
        return list(self.g.out_edges(node_id))

    def edges_of(self, node_id: str) -> list[tuple[str, str, str, dict[str, Any]]]:
        """Every edge touching a node: (source, target, type, data)."""
        return [*self.g.out_edges(node_id), *self.g.in_edges(node_id)]

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
