"""The graph answers read: read-only, typed neighbour lists in answer order, plain dicts.

The builder makes a networkx MultiDiGraph (sync and the inventory diff walk it); answers read
this instead. Three things make it fast and small where people wait:

- neighbours are kept per node and relationship type, so a hub with a hundred thousand edges
  of other types is not scanned to find the three an answer asks for;
- every neighbour list is in answer order (by name, then id) once, when the graph is made, so
  answers do not sort what they read;
- it is plain dicts and lists of shared strings: no networkx import on the question path, and a
  relationship costs a dict entry and a list slot rather than two dicts of its own.

Nothing here is changed after construction: answers are built from it concurrently and the
embedded store keeps them by the inventory's fingerprint.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from catalog.model.answer_data import RefData

Data = dict[str, Any]


def answer_key(nid: str, data: Data) -> tuple[str, str]:
    """Answer order: by name, case folded, then id."""
    return (data.get("name", nid).casefold(), nid)


class Ranking:
    """A whole graph's answer order, for views of parts of it (a question's view read from
    Neo4j): each node's place, and its reference, made once for every view rather than each
    time. A view may use it only while the graph it was made from is the view's own."""

    __slots__ = ("rank", "refs")

    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        """`names`: each node's id and name (its id when it has none), as answer_key reads them."""
        keyed = sorted((name.casefold(), nid, name) for nid, name in names)
        self.rank = {nid: i for i, (_, nid, _) in enumerate(keyed)}
        self.refs: dict[str, RefData] = {nid: {"id": nid, "name": name} for _, nid, name in keyed}


def _plain(data: Data) -> Data:
    """Enum members (a kind, a relationship type, a role) as the plain strings they stand for,
    as a graph read from Neo4j or a snapshot has them."""
    if any(type(v) is not str and isinstance(v, str) for v in data.values()):
        return {k: str(v) if isinstance(v, str) else v for k, v in data.items()}
    return data


def _shared(data: Data, seen: dict[tuple[Any, ...], Data]) -> Data:
    """One dict for relationships with the same data: a large graph's million relationships
    carry a few hundred thousand distinct ones (the same citations, the same flags). Citations
    are compared by identity (the builder makes one dict per sentence), other values by value;
    data that cannot be compared so is kept as it is."""
    key = tuple((k, tuple(map(id, v)) if type(v) is list else v) for k, v in data.items())
    try:
        found = seen.get(key)
    except TypeError:  # an unhashable value
        return _plain(data)
    if found is None:
        found = seen[key] = _plain(data)
    return found


class Graph:
    __slots__ = ("_by_label", "_edges", "_in", "_out", "meta", "nodes", "pieces", "rank", "refs")

    def __init__(
        self,
        meta: Data,
        nodes: dict[str, Data],
        out: dict[str, dict[str, dict[str, Data]]],
        into: dict[str, dict[str, list[str]]],
        edges: int,
        rank: dict[str, int] | None = None,
        refs: dict[str, RefData] | None = None,
    ) -> None:
        """`nodes` in answer order; `out[u][rel]` maps each target to the relationship's data
        and `into[v][rel]` lists the sources, both in answer order (see `Graph.of`); `rank`,
        each node's place in that order (or in a larger graph's), when already counted, and
        `refs` their references, when already made."""
        self.meta = meta
        self.nodes = nodes
        self.rank = rank if rank is not None else {n: i for i, n in enumerate(nodes)}
        # Each node's reference ({"id", "name"}) made once: an answer names most nodes it
        # touches, and shares these rather than making a dict per mention. Never mutated.
        if refs is None:
            refs = {n: {"id": n, "name": d.get("name", n)} for n, d in nodes.items()}
        self.refs: dict[str, RefData] = refs
        self._out = out
        self._in = into
        self._edges = edges
        self._by_label: dict[str, list[str]] | None = None
        # Parts of answers that depend on one node alone, by kind and node id: the queries make
        # each once per graph (see queries/common.py). Never mutated once made.
        self.pieces: dict[str, dict[str, Data]] = {}

    @classmethod
    def of(
        cls,
        meta: Data,
        nodes: Iterable[tuple[str, Data]],
        edges: Iterable[tuple[str, str, str, Data]],
        *,
        plain: bool = False,
        ranking: Ranking | None = None,
    ) -> Graph:
        """From nodes and (source, target, type, data) relationships in any order; a relationship
        whose ends are not both nodes is left out (a fetched subgraph's edge to the outside).
        `plain`: the data is taken as it is, holding no enum members (it was read from Neo4j)
        and small, or shared already (a question's view), so that none is looked for and
        relationships with the same data are not made to share it. `ranking`: the answer order of
        the graph these nodes are part of (a question's view), used if it holds every node."""
        table = dict(nodes) if plain else {n: _plain(d) for n, d in nodes}
        refs = None
        if ranking is not None and table.keys() <= ranking.rank.keys():
            rank = ranking.rank
            order = sorted(table, key=rank.__getitem__)
            refs = ranking.refs
        else:
            # answer_key, inlined: a key function called per node costs more than the sort
            order = [
                n for _, n in sorted([(d.get("name", n).casefold(), n) for n, d in table.items()])
            ]
            rank = {n: i for i, n in enumerate(order)}
        by_source: dict[str, list[tuple[int, str, str, Data]]] = {}
        count = 0
        shared: dict[tuple[Any, ...], Data] = {}
        for u, v, rel, data in edges:
            if u in table and v in table:
                if not plain:
                    data = _shared(data, shared)
                by_source.setdefault(u, []).append((rank[v], v, rel, data))
        out: dict[str, dict[str, dict[str, Data]]] = {}
        into: dict[str, dict[str, list[str]]] = {}
        # sources in answer order: each `into` list is appended in order
        for u in sorted(by_source, key=rank.__getitem__):
            found = by_source[u]
            if len(found) > 1:
                found.sort(key=lambda e: e[0])
            mine: dict[str, dict[str, Data]] = {}
            for _, v, rel, data in found:
                targets = mine.setdefault(rel, {})
                if v not in targets:
                    count += 1
                targets[v] = data
                sources = into.setdefault(v, {}).setdefault(rel, [])
                if not sources or sources[-1] != u:
                    sources.append(u)
            out[u] = mine
        return cls(meta, {n: table[n] for n in order}, out, into, count, rank, refs)

    @classmethod
    def from_networkx(cls, g: Any) -> Graph:
        return cls.of(
            dict(g.graph),
            g.nodes(data=True),
            ((u, v, str(k), d) for u, v, k, d in g.edges(keys=True, data=True)),
        )

    # -- reading ---------------------------------------------------------------------------------

    def __contains__(self, nid: object) -> bool:
        return nid in self.nodes

    def number_of_nodes(self) -> int:
        return len(self.nodes)

    def number_of_edges(self) -> int:
        return self._edges

    def of_label(self, label: str) -> list[str]:
        """The nodes of a kind, in answer order (indexed on first use, for every answer after)."""
        if self._by_label is None:
            index: dict[str, list[str]] = {}
            for nid, data in self.nodes.items():
                index.setdefault(data["label"], []).append(nid)
            self._by_label = index
        return self._by_label.get(label) or []

    def out(self, nid: str, rel: str) -> dict[str, Data]:
        """Targets of `rel` relationships from `nid`, in answer order, with their data."""
        return self._out.get(nid, {}).get(rel) or {}

    def into(self, nid: str, rel: str) -> list[str]:
        """Sources of `rel` relationships into `nid`, in answer order."""
        return self._in.get(nid, {}).get(rel) or []

    def out_edges(self, nid: str) -> Iterator[tuple[str, str, str, Data]]:
        for rel, targets in self._out.get(nid, {}).items():
            for v, data in targets.items():
                yield nid, v, rel, data

    def in_edges(self, nid: str) -> Iterator[tuple[str, str, str, Data]]:
        for rel, sources in self._in.get(nid, {}).items():
            for u in sources:
                yield u, nid, rel, self._out[u][rel][nid]

    def edges(self) -> Iterator[tuple[str, str, str, Data]]:
        for u in self._out:
            yield from self.out_edges(u)

    def adjacency(self) -> dict[str, dict[str, dict[str, Data]]]:
        """The outgoing relationships, for the snapshot to write."""
        return self._out

    def incoming(self) -> dict[str, dict[str, list[str]]]:
        """The sources of each node's incoming relationships, for the snapshot to write."""
        return self._in
