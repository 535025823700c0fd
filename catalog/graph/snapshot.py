"""The compiled inventory: the validated, built graph kept between runs, so that a question on
an unchanged inventory skips parsing, validation and building.

The snapshot is keyed by the bytes of every file in the inventory folder, the size limit and
datamap's version: any edit, a new datamap, or another limit misses it. It is plain JSON, read and
written with orjson (a snapshot is data, never code: nothing in the cache folder can run when read), written whole to a
temporary file and renamed, so a reader sees an old snapshot or a new one, never half of one. A
snapshot that cannot be read (corrupt, truncated, from another layout) is ignored and rebuilt.
`datamap validate` and `datamap sync` always validate in full.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import orjson

from catalog import __version__
from catalog.graph.compact import Graph
from catalog.model.text import entry_keys

FORMAT = 3


@cache
def code_digest() -> str:
    """A digest of the code that turns an inventory into a graph (the model, the loader, the
    builder, the shipped vocabularies): a checkout that changes any of it, under the same
    version number, does not read an old snapshot."""
    h = hashlib.sha256()
    package = Path(__file__).resolve().parents[1]
    for part in ("model", "loading", "graph"):
        for path in sorted((package / part).rglob("*")):
            if path.is_file() and path.suffix in (".py", ".csv", ".yaml"):
                h.update(path.relative_to(package).as_posix().encode() + b"\0")
                h.update(path.read_bytes())
    return h.hexdigest()


def inventory_key(root: Path, max_file_bytes: int) -> str:
    """A digest of every file the inventory could read, with the settings, version and code
    that shape what is built from them."""
    h = hashlib.sha256(f"{FORMAT}|{__version__}|{code_digest()}|{max_file_bytes}".encode())
    base = root.resolve()
    for path in sorted(base.rglob("*")):
        rel = path.relative_to(base)
        if any(part.startswith(".") or part == "__pycache__" for part in rel.parts):
            continue
        if path.is_file():
            h.update(str(rel).encode() + b"\0")
            h.update(path.read_bytes())
            h.update(b"\0")
    return h.hexdigest()


@dataclass
class Compiled:
    """The graph, and what the name index files each entry under (see model.text.entry_keys)."""

    graph: Graph
    keys: dict[str, tuple[str, ...]] = field(default_factory=dict)


def name_keys(g: Graph) -> dict[str, tuple[str, ...]]:
    return {
        n: entry_keys(n, d.get("name", n), tuple(d.get("aliases") or ()))
        for n, d in g.nodes.items()
    }


class _Citations:
    """Citations written once. The same sentence is cited by many nodes and edges (a large
    inventory's graph repeats each hundreds of times): the snapshot keeps a table, each list of
    sources becomes `{"$c": [indexes]}`, and the restored graph shares one dict per sentence,
    as the built graph does (memory stays what a full load takes, not several times it).
    Sources sit at known places only: a list of citations under a key, or under `sources` in a
    statement (a dict, or a list of them)."""

    def __init__(self) -> None:
        self.table: list[dict[str, str]] = []
        self.index: dict[tuple[str, str], int] = {}

    def ref(self, cites: list[dict[str, str]]) -> dict[str, list[int]]:
        out = []
        for c in cites:
            key = (c["section"], c["quote"])
            if key not in self.index:
                self.index[key] = len(self.table)
                self.table.append(c)
            out.append(self.index[key])
        return {"$c": out}

    def pack(self, d: dict[str, Any]) -> dict[str, Any]:
        out = {}
        for k, v in d.items():
            if type(v) is list and v and type(v[0]) is dict:
                if len(v[0]) == 2 and "quote" in v[0] and "section" in v[0]:
                    v = self.ref(v)
                elif "sources" in v[0]:
                    v = [self._statement(x) for x in v]
            elif type(v) is dict and type(v.get("sources")) is list:
                v = self._statement(v)
            out[k] = v
        return out

    def _statement(self, x: Any) -> Any:
        if type(x) is dict and type(x.get("sources")) is list:
            return {**x, "sources": self.ref(x["sources"])}
        return x


def _unpack(d: dict[str, Any], table: list[dict[str, str]]) -> dict[str, Any]:
    for k, v in d.items():
        if type(v) is dict:
            if "$c" in v and len(v) == 1:
                d[k] = [table[i] for i in v["$c"]]
            elif type(v.get("sources")) is dict:
                v["sources"] = [table[i] for i in v["sources"]["$c"]]
        elif type(v) is list and v and type(v[0]) is dict:
            for x in v:
                if type(x) is dict and type(x.get("sources")) is dict:
                    x["sources"] = [table[i] for i in x["sources"]["$c"]]
    return d


def dump(c: Compiled) -> dict[str, Any]:
    """Nodes in answer order, each relationship as indexes into them, and each distinct
    relationship data written once (a large graph's million relationships carry a few thousand
    distinct ones: the same citation, the same flags)."""
    g = c.graph
    cites = _Citations()
    index = {n: i for i, n in enumerate(g.nodes)}
    nodes = [[n, cites.pack(d)] for n, d in g.nodes.items()]
    data: list[dict[str, Any]] = []
    seen: dict[bytes, int] = {}
    out = []
    for u, rels in g.adjacency().items():
        for rel, targets in rels.items():
            refs = []
            for d in targets.values():
                packed = cites.pack(d)
                key = orjson.dumps(packed, option=orjson.OPT_SORT_KEYS)
                if key not in seen:
                    seen[key] = len(data)
                    data.append(packed)
                refs.append(seen[key])
            out.append([index[u], rel, [index[v] for v in targets], refs])
    return {
        "format": FORMAT,
        "version": __version__,
        "graph": g.meta,
        "citations": cites.table,
        "nodes": nodes,
        "data": data,
        "out": out,
        "edges": g.number_of_edges(),
        "keys": c.keys,
    }


def restore(data: dict[str, Any]) -> Compiled:
    """The graph as it was written, without sorting or checking again: the nodes come in answer
    order and each node's relationships in answer order, so the lists fill in order. Relationships
    with equal data share one dict (answers never change the graph)."""
    if data.get("format") != FORMAT or data.get("version") != __version__:
        raise ValueError("a snapshot of another format or version")
    table = data["citations"]
    ids = [n for n, _ in data["nodes"]]
    nodes = {n: _unpack(d, table) for n, d in data["nodes"]}
    shared = [_unpack(d, table) for d in data["data"]]
    out: dict[str, dict[str, dict[str, Any]]] = {}
    into: dict[str, dict[str, list[str]]] = {}
    for u_at, rel, targets, refs in data["out"]:
        u = ids[u_at]
        mine = out.get(u)
        if mine is None:
            mine = out[u] = {}
        mine[rel] = {ids[v]: shared[d] for v, d in zip(targets, refs, strict=True)}
        for v in targets:
            sources = into.setdefault(ids[v], {}).setdefault(rel, [])
            sources.append(u)
    graph = Graph(data["graph"], nodes, out, into, data["edges"])
    return Compiled(graph, {n: tuple(k) for n, k in data["keys"].items()})


def cached_graph(root: Path, max_file_bytes: int, cache_dir: Path | None) -> Compiled:
    """The inventory's graph: from the snapshot when one matches, else validated and built
    (raising InventoryInvalid as ever) and kept for next time. A cache folder that cannot be
    written is no error: the answer is the same, only slower next time."""
    if cache_dir is None:
        return Compiled(Graph.from_networkx(_build(root, max_file_bytes)))
    key = inventory_key(root, max_file_bytes)
    path = cache_dir / f"inventory-{key[:32]}.json"
    with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
        return restore(orjson.loads(path.read_bytes()))
    g = Graph.from_networkx(_build(root, max_file_bytes))
    compiled = Compiled(g, name_keys(g))
    with contextlib.suppress(OSError, TypeError, ValueError):
        cache_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache_dir, prefix=".inventory-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(orjson.dumps(dump(compiled)))
            Path(tmp).replace(path)
        finally:
            Path(tmp).unlink(missing_ok=True)
    return compiled


def _build(root: Path, max_file_bytes: int) -> Any:
    # The loader and its models are imported only when the snapshot misses.
    from catalog.graph.build import load_graph

    return load_graph(root, max_file_bytes=max_file_bytes)
