"""The compiled inventory: the validated, built graph kept between runs, so that a question on
an unchanged inventory skips parsing, validation and building.

The snapshot is keyed by the bytes of every file in the inventory folder, the size limit,
datamap's version and code, and the Python that wrote it: any edit, another datamap, another
limit or another Python misses it. It is the compact graph (graph/compact.py) written with
`marshal`, Python's own format for plain values: dicts, lists, tuples, strings and numbers,
with an object written once however often it is referred to, so that the relationships that
share data still share it when read. Unlike pickle, marshal names no class and runs no code
when read. Reading it makes the dicts directly, several times faster than rebuilding them from
JSON.

What is read is served as answers, so the cache is trusted only as far as it is the user's own:
a folder (created 0700) or snapshot that another user owns or can write to is not used (said
once on stderr), a symbolic link is never followed, the checks are made on the opened folder and
file (no swap between check and read), and a snapshot over MAX_SNAPSHOT_BYTES is not read.
A snapshot is written whole to a temporary file and renamed, so a reader sees an old snapshot or
a new one, never half of one; one that cannot be restored (corrupt, truncated, another layout,
containers of the wrong type) is ignored, rebuilt and written over. `datamap validate` and
`datamap sync` always validate in full.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import hashlib
import marshal
import os
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from catalog import __version__
from catalog.graph.compact import Graph
from catalog.model.memory import collector_paused
from catalog.model.text import entry_keys, printable

FORMAT = 5
# What a snapshot file starts with, before the SHA-256 of the rest.
MAGIC = b"datamap-snapshot\0"
_DIGEST = hashlib.sha256().digest_size

T = TypeVar("T")
# Snapshots kept in the cache folder: the most recently used.
KEEP = 8
# A larger file in the cache folder is not read: a size-L inventory's snapshot is ~70 MB, and
# what unmarshalling a file costs in memory grows with its size.
MAX_SNAPSHOT_BYTES = 512 * 1024 * 1024


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
            with path.open("rb") as f:  # in pieces: a large file is hashed in bounded memory
                while chunk := f.read(1 << 20):
                    h.update(chunk)
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
    """The snapshot's bytes: MAGIC, the SHA-256 of the rest, then the graph in marshal."""
    g = c.graph
    body = marshal.dumps(
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
    return MAGIC + hashlib.sha256(body).digest() + body


def restore(snapshot: bytes) -> Compiled:
    """The graph as written: nodes, targets and sources already in answer order, relationships
    with equal data sharing one dict as they did when written (answers never change the graph).
    ValueError for anything but what `dump` wrote, whole: the digest is checked before a byte is
    unmarshalled, so a damaged file never reaches marshal (see `_check` for one made to match)."""
    head = len(MAGIC) + _DIGEST
    if snapshot[: len(MAGIC)] != MAGIC:
        raise ValueError("not a snapshot of this format")
    body = memoryview(snapshot)[head:]
    if hashlib.sha256(body).digest() != snapshot[len(MAGIC) : head]:
        raise ValueError("a damaged snapshot: its digest does not match")
    data = marshal.loads(body)
    if type(data) is not tuple or len(data) != 8 or data[:2] != (FORMAT, __version__):
        raise ValueError("a snapshot of another format or version")
    _, _, meta, nodes, out, into, edges, keys = data
    _check(meta, nodes, out, into, edges, keys)
    return Compiled(Graph(meta, nodes, out, into, edges), keys)


def _check(meta: Any, nodes: Any, out: Any, into: Any, edges: Any, keys: Any) -> None:
    """The frame of what `dump` writes. The digest already vouches for the rest of a file datamap
    wrote; one made otherwise (with a digest to match) fails in `Graph` or in what the caller
    makes of it, which `cached` takes as a failed restore too."""
    if not all(type(x) is dict for x in (meta, nodes, out, into, keys)) or type(edges) is not int:
        raise ValueError("a snapshot of another layout")
    if not all(type(meta.get(k, "")) is str for k in ("fingerprint", "policy_id", "policy_title")):
        raise ValueError("a snapshot with a malformed header")


def cached_graph(root: Path, max_file_bytes: int, cache_dir: Path | None) -> Compiled:
    """The inventory's compiled graph (see `cached`)."""
    return cached(root, max_file_bytes, cache_dir, lambda compiled: compiled)


def cached(
    root: Path, max_file_bytes: int, cache_dir: Path | None, make: Callable[[Compiled], T]
) -> T:
    """What `make` makes of the inventory's graph: from the snapshot when one matches, else
    validated and built (raising InventoryInvalid as ever) and kept for next time.

    A snapshot is used only if `make` succeeds on it (the store it becomes reads every node):
    anything that fails in restoring it or making something of it means it is rebuilt and
    written over, never an error of the run. A cache folder that cannot be used (not writable,
    not the user's own, writable by others) is no error either: the answer is the same, only
    slower next time."""
    folder = _open_folder(cache_dir) if cache_dir is not None else None
    try:
        name = f"inventory-{inventory_key(root, max_file_bytes)[:32]}.marshal"
        if folder is not None:
            found = _read(folder, name, cache_dir)
            if found is not None:
                try:
                    return make(found)
                except Exception:  # a snapshot whose contents are not what dump wrote
                    pass
        with collector_paused():
            g = Graph.from_networkx(_build(root, max_file_bytes))
            compiled = Compiled(g, name_keys(g))
            if folder is not None:
                _write(folder, name, compiled)
        gc.freeze()  # as a restored graph is (see _read)
        return make(compiled)
    finally:
        if folder is not None:
            os.close(folder)


def _open_folder(path: Path) -> int | None:
    """The cache folder, opened (created 0700 if missing): every file in it is then opened
    relative to this descriptor, so the folder checked is the folder used. None, after saying
    so once, for a folder another user owns or can write to (a snapshot planted there would be
    served as answers); None, silently, for one that cannot be made or opened."""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        unfit = _unfit(os.fstat(fd), folder=True)
    except OSError:
        unfit = "cannot be checked"
    if unfit:
        os.close(fd)
        _say_once(f"not using the cache folder {path}: {unfit}; answering without it")
        return None
    return fd


def _unfit(info: os.stat_result, *, folder: bool = False) -> str | None:
    """Why a cache folder or snapshot is not to be trusted, or None."""
    if folder and not stat.S_ISDIR(info.st_mode):
        return "not a folder"
    if not folder and not stat.S_ISREG(info.st_mode):
        return "not a regular file"
    if info.st_uid != os.geteuid():
        return f"owned by uid {info.st_uid}, not by this user ({os.geteuid()})"
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        mode = stat.S_IMODE(info.st_mode)
        fix = f"chmod go-w {'the folder' if folder else 'it'}"
        return f"writable by other users (mode {mode:04o}; {fix})"
    if not folder and info.st_size > MAX_SNAPSHOT_BYTES:
        return f"{info.st_size:,} bytes, over the {MAX_SNAPSHOT_BYTES:,} a snapshot may be"
    return None


_said: list[str] = []


def _say_once(message: str) -> None:
    """One line on stderr, the first time only: a process that opens the store again (the
    API's reloads) does not repeat it."""
    if not _said:
        _said.append(message)
        sys.stderr.write(f"datamap: {printable(message)}\n")


def _write(folder: int, name: str, compiled: Compiled) -> None:
    """Written whole to a new file readable by the user alone, then renamed into place (over
    whatever was there: a damaged snapshot, a planted one, a symbolic link)."""
    with contextlib.suppress(OSError, TypeError, ValueError):
        body = dump(compiled)
        if len(body) > MAX_SNAPSHOT_BYTES:
            return  # it would not be read back
        tmp = f".inventory-{os.urandom(8).hex()}.tmp"
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
        fd = os.open(tmp, flags, 0o600, dir_fd=folder)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(body)
            os.replace(tmp, name, src_dir_fd=folder, dst_dir_fd=folder)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp, dir_fd=folder)
        _prune(folder)


def _prune(folder: int) -> None:
    """Keep the KEEP most recently used snapshots (one per inventory version: a large one is
    tens of MB) and none of an older layout."""
    with contextlib.suppress(OSError):
        kept: list[tuple[float, str]] = []
        for entry in os.listdir(folder):
            if entry.startswith("inventory-") and entry.endswith(".json"):  # datamap 0.1's
                os.unlink(entry, dir_fd=folder)
            elif entry.startswith("inventory-") and entry.endswith(".marshal"):
                info = os.stat(entry, dir_fd=folder, follow_symlinks=False)
                kept.append((info.st_mtime, entry))
        for _, stale in sorted(kept, reverse=True)[KEEP:]:
            os.unlink(stale, dir_fd=folder)


def _read(folder: int, name: str, shown: Path | None = None) -> Compiled | None:
    """The snapshot `name`, or None when there is none or it is not to be used: a symbolic
    link (never followed), not a regular file, not the user's own, writable by others, over
    MAX_SNAPSHOT_BYTES (all checked on the opened file), or anything that fails to restore.
    None means rebuild, and the rebuilt snapshot is written over it. `shown`: the folder, as
    messages name it.

    The collector is held off meanwhile, and what was read is then moved out of its sight
    (gc.freeze): reading makes millions of containers, none of them garbage, and each few
    hundred allocations would otherwise start a collection that walks them all again, then
    and for as long as the process lives."""
    where = shown / name if shown is not None else name
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
    try:
        fd = os.open(name, flags, dir_fd=folder)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            _say_once(f"the snapshot {where} is a symbolic link; not followed, rebuilt")
        return None
    try:
        with os.fdopen(fd, "rb") as f:
            info = os.fstat(f.fileno())
            unfit = _unfit(info)
            if unfit:
                _say_once(f"not using the snapshot {where}: {unfit}; rebuilt")
                return None
            body = f.read(info.st_size + 1)  # a byte more than it holds, to see it grow
            if len(body) != info.st_size:  # changed while read: being written over
                return None
            with contextlib.suppress(OSError):
                os.utime(f.fileno())  # used: the last to be pruned
        with collector_paused():
            compiled = restore(body)
    # Whatever a damaged snapshot makes marshal or the checks raise (ValueError, EOFError,
    # TypeError, MemoryError on a bogus length...), it is rebuilt, never an error of the run.
    except Exception:
        return None
    gc.freeze()
    return compiled


def _build(root: Path, max_file_bytes: int) -> Any:
    # The loader and its models are imported only when the snapshot misses.
    from catalog.graph.build import load_graph

    return load_graph(root, max_file_bytes=max_file_bytes)
