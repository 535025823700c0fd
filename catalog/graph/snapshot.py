"""The compiled inventory: the validated, built graph kept between runs, so that a question on
an unchanged inventory skips parsing, validation and building.

The snapshot is keyed by the bytes of every file in the inventory folder, the size limit,
datamap's version and code, and the Python that wrote it: any edit, another datamap, another
limit or another Python misses it. It is the compact graph (graph/compact.py) written with
`marshal`, Python's own format for plain values: dicts, lists, tuples, strings and numbers,
with an object written once however often it is referred to, so that the relationships that
share data still share it when read. Unlike pickle, marshal names no class and runs no code
when read; it is read only from the user's own cache folder, where datamap writes its files
readable by the user alone. Reading it at size L takes a tenth of a second per hundred thousand
relationships where rebuilding the same dicts from JSON took five times as long.

A snapshot is written whole to a temporary file and renamed, so a reader sees an old snapshot or
a new one, never half of one; one that cannot be read (corrupt, truncated, another layout) is
ignored and rebuilt. `datamap validate` and `datamap sync` always validate in full.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import marshal
import os
import sys
import tempfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from catalog import __version__
from catalog.graph.compact import Graph
from catalog.model.memory import collector_paused
from catalog.model.text import entry_keys

FORMAT = 4
# Snapshots kept in the cache folder: the most recently used.
KEEP = 8


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
    python = f"{sys.implementation.cache_tag}|{marshal.version}"
    h = hashlib.sha256(f"{FORMAT}|{__version__}|{code_digest()}|{max_file_bytes}|{python}".encode())
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


def dump(c: Compiled) -> bytes:
    g = c.graph
    return marshal.dumps(
        (
            FORMAT,
            __version__,
            g.meta,
            g.nodes,
            g.adjacency(),
            g.incoming(),
            g.number_of_edges(),
            c.keys,
        )
    )


def restore(body: bytes) -> Compiled:
    """The graph as written: nodes, targets and sources already in answer order, relationships
    with equal data sharing one dict as they did when written (answers never change the graph)."""
    data = marshal.loads(body)
    if type(data) is not tuple or len(data) != 8 or data[:2] != (FORMAT, __version__):
        raise ValueError("a snapshot of another format or version")
    _, _, meta, nodes, out, into, edges, keys = data
    if not all(type(x) is dict for x in (meta, nodes, out, into, keys)) or type(edges) is not int:
        raise ValueError("a snapshot of another layout")
    return Compiled(Graph(meta, nodes, out, into, edges), keys)


def cached_graph(root: Path, max_file_bytes: int, cache_dir: Path | None) -> Compiled:
    """The inventory's graph: from the snapshot when one matches, else validated and built
    (raising InventoryInvalid as ever) and kept for next time. A cache folder that cannot be
    written is no error: the answer is the same, only slower next time."""
    path = None
    if cache_dir is not None:
        path = cache_dir / f"inventory-{inventory_key(root, max_file_bytes)[:32]}.marshal"
        with contextlib.suppress(OSError, ValueError, KeyError, TypeError, EOFError):
            return _read(path)
    with collector_paused():
        g = Graph.from_networkx(_build(root, max_file_bytes))
        compiled = Compiled(g, name_keys(g))
        if path is not None:
            _write(path, compiled)
    gc.freeze()  # as a restored graph is (see _read)
    return compiled


def _write(path: Path, compiled: Compiled) -> None:
    """Written whole to a temporary file (mkstemp: readable by the user alone), then renamed
    into place."""
    with contextlib.suppress(OSError, TypeError, ValueError):
        body = dump(compiled)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".inventory-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(body)
            Path(tmp).replace(path)
        finally:
            Path(tmp).unlink(missing_ok=True)
        _prune(path.parent)


def _prune(folder: Path) -> None:
    """Keep the KEEP most recently used snapshots (one per inventory version: a large one is
    tens of MB) and none of an older layout."""
    with contextlib.suppress(OSError):
        for old in folder.glob("inventory-*.json"):  # the JSON snapshots of datamap 0.1
            old.unlink(missing_ok=True)
        kept = sorted(
            folder.glob("inventory-*.marshal"), key=lambda p: p.stat().st_mtime, reverse=True
        )
        for stale in kept[KEEP:]:
            stale.unlink(missing_ok=True)


def _read(path: Path) -> Compiled:
    """The snapshot at `path`. The collector is held off meanwhile, and what was read is then
    moved out of its sight (gc.freeze): reading makes millions of containers, none of them
    garbage, and each few hundred allocations would otherwise start a collection that walks
    them all again, then and for as long as the process lives."""
    with collector_paused():
        compiled = restore(path.read_bytes())
    with contextlib.suppress(OSError):
        os.utime(path)  # used: the last to be pruned
    gc.freeze()
    return compiled


def _build(root: Path, max_file_bytes: int) -> Any:
    # The loader and its models are imported only when the snapshot misses.
    from catalog.graph.build import load_graph

    return load_graph(root, max_file_bytes=max_file_bytes)
