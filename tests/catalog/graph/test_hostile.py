"""A hostile compiled-inventory cache: a snapshot planted by another user, a symbolic link to
/dev/zero, an oversized or malformed snapshot. None is served or read without bound; each is
ignored (said once on stderr where someone else's hand is suspected) and answers come from the
inventory, and a snapshot that fails to restore is rebuilt and written over, never exit 70."""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import shutil
import stat
import time
from pathlib import Path

import pytest

from catalog import __version__
from catalog.graph import snapshot
from catalog.graph.build import load_graph
from catalog.graph.view import as_graph

LIMIT = 64 * 1024 * 1024
QUESTION = ("who-receives", "payment information", "--json")


@pytest.fixture
def root(tmp_path: Path, inventory_dir: Path) -> Path:
    copy = tmp_path / "inventory"
    shutil.copytree(inventory_dir, copy, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    return copy


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The cache folder the CLI uses (0700, the user's own), and a fresh process's say-once."""
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("DATAMAP_CACHE_DIR", str(folder))
    monkeypatch.setattr(snapshot, "_said", [])
    return folder


def key_path(root: Path, cache: Path) -> Path:
    return cache / f"inventory-{snapshot.inventory_key(root, LIMIT)[:32]}.marshal"


def planted(root: Path) -> bytes:
    """A well-formed snapshot of `root` whose answer says what the inventory does not."""
    g = as_graph(load_graph(root))
    g.nodes["payment-information"]["description"] = "PLANTED"
    return snapshot.dump(snapshot.Compiled(g, snapshot.name_keys(g)))


def answer(cli, root: Path) -> dict:
    result = cli("--inventory", str(root), *QUESTION)
    assert result.code == 0, result.err
    return json.loads(result.out)


@pytest.fixture
def truth(cli, root: Path, monkeypatch: pytest.MonkeyPatch) -> dict:
    """The answer built from the inventory, no cache at all."""
    with monkeypatch.context() as m:
        m.setenv("DATAMAP_CACHE_DIR", "")
        return answer(cli, root)


def test_a_planted_snapshot_is_served_from_a_trusted_folder(cli, root, cache, truth) -> None:
    """The attack the other tests refuse: in a folder only the user can write, a snapshot is
    believed (it is the cache's point), so planting one where others can write must be refused."""
    key_path(root, cache).write_bytes(planted(root))
    assert (
        answer(cli, root)["category"]["description"]
        == "PLANTED"
        != truth["category"]["description"]
    )


def test_a_folder_others_can_write_is_not_used(cli, root, cache, truth) -> None:
    cache.chmod(0o777)
    target = key_path(root, cache)
    target.write_bytes(planted(root))
    result = cli("--inventory", str(root), *QUESTION)
    assert result.code == 0 and json.loads(result.out) == truth  # from the inventory
    assert result.err.splitlines() == [
        f"datamap: not using the cache folder {cache}: writable by other users (mode 0777; "
        "chmod go-w the folder); answering without it"
    ]
    again = cli("--inventory", str(root), *QUESTION)
    assert json.loads(again.out) == truth and again.err == ""  # said once
    assert target.read_bytes() == planted(root)  # nothing written into that folder either
    assert sorted(p.name for p in cache.iterdir()) == [target.name]


def test_a_folder_another_user_owns_is_not_used(cli, root, cache, truth) -> None:
    key_path(root, cache).write_bytes(planted(root))
    os.chown(cache, 65534, 65534)
    result = cli("--inventory", str(root), *QUESTION)
    assert json.loads(result.out) == truth
    assert "not using the cache folder" in result.err and "owned by uid 65534" in result.err


def test_a_snapshot_another_user_owns_is_refused_and_replaced(cli, root, cache, truth) -> None:
    target = key_path(root, cache)
    target.write_bytes(planted(root))
    os.chown(target, 65534, 65534)
    result = cli("--inventory", str(root), *QUESTION)
    assert json.loads(result.out) == truth
    assert result.err.splitlines() == [
        f"datamap: not using the snapshot {target}: owned by uid 65534, not by this user "
        f"({os.geteuid()}); rebuilt"
    ]
    info = target.stat()
    assert info.st_uid == os.geteuid() and stat.S_IMODE(info.st_mode) == 0o600
    assert answer(cli, root) == truth  # and the rebuilt one is used


def test_a_snapshot_others_can_write_is_refused(cli, root, cache, truth) -> None:
    target = key_path(root, cache)
    target.write_bytes(planted(root))
    target.chmod(0o666)
    result = cli("--inventory", str(root), *QUESTION)
    assert json.loads(result.out) == truth
    assert "writable by other users (mode 0666" in result.err


def test_a_link_to_dev_zero_is_not_followed(root: Path, cache: Path, capsys) -> None:
    target = key_path(root, cache)
    target.symlink_to("/dev/zero")
    start = time.perf_counter()
    compiled = snapshot.cached_graph(root, LIMIT, cache)
    assert time.perf_counter() - start < 30  # a build of the inventory, not a read of /dev/zero
    assert compiled.graph.number_of_nodes() == as_graph(load_graph(root)).number_of_nodes()
    assert not target.is_symlink() and target.stat().st_size > 1000  # rebuilt in its place
    assert capsys.readouterr().err == (
        f"datamap: the snapshot {target} is a symbolic link; not followed, rebuilt\n"
    )


def test_an_oversized_snapshot_is_not_read(root: Path, cache: Path, capsys) -> None:
    target = key_path(root, cache)
    with target.open("wb") as f:  # sparse: nothing on disk, 8 GiB if read
        f.truncate(8 * 1024**3)
    start = time.perf_counter()
    snapshot.cached_graph(root, LIMIT, cache)
    assert time.perf_counter() - start < 30
    assert "8,589,934,592 bytes, over the 536,870,912" in capsys.readouterr().err
    assert target.stat().st_size < snapshot.MAX_SNAPSHOT_BYTES  # rebuilt


def test_a_new_cache_folder_is_the_user_s_alone(root: Path, tmp_path: Path) -> None:
    folder = tmp_path / "fresh" / "datamap"
    snapshot.cached_graph(root, LIMIT, folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    [made] = folder.iterdir()
    assert stat.S_IMODE(made.stat().st_mode) == 0o600


def _forged(payload: object) -> bytes:
    """A file with the snapshot's header and a digest that matches: only its contents wrong."""
    body = marshal.dumps(payload)
    return snapshot.MAGIC + hashlib.sha256(body).digest() + body


def _frame(nodes: object, out: object = None) -> tuple[object, ...]:
    return (snapshot.FORMAT, __version__, {}, nodes, out if out is not None else {}, {}, 0, {})


@pytest.mark.parametrize(
    "content",
    [
        marshal.dumps(_frame({"x": 1})),  # the issue's: marshal of a valid-looking frame
        _forged(_frame({"x": 1})),  # node data that is not a mapping: fails in Graph
        _forged(_frame({"x": {"name": "X"}})),  # no label: fails as the store indexes names
        _forged(_frame({"x": {"label": "Category"}}, {"x": "PART_OF"})),  # a relationship
        _forged(_frame({"x": {"label": "Category", "aliases": 5}})),
        _forged((snapshot.FORMAT, __version__, [], {}, {}, {}, 0, {})),
        b"\x00" * 100,
    ],
    ids=["raw-marshal", "node-not-a-dict", "no-label", "adjacency", "aliases", "meta", "zeros"],
)
def test_a_snapshot_that_does_not_restore_is_rebuilt(cli, root, cache, truth, content) -> None:
    target = key_path(root, cache)
    target.write_bytes(content)
    first = cli("--inventory", str(root), *QUESTION)
    assert first.code == 0, first.err
    assert json.loads(first.out) == truth
    assert target.read_bytes() != content  # written over
    snapshot.restore(target.read_bytes())  # with one that restores
    second = cli("--inventory", str(root), *QUESTION)
    assert second.code == 0 and second.out == first.out
