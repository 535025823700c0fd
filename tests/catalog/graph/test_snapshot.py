"""The compiled inventory: the same graph as a full load, read instead of one while nothing has
changed, and never trusted when it cannot be read."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from catalog.graph import snapshot
from catalog.graph.build import load_graph
from catalog.graph.view import as_graph
from catalog.model.problems import InventoryInvalid

LIMIT = 64 * 1024 * 1024


def same_graph(a, b) -> None:
    """The same nodes, relationships and data, and the same answer order everywhere."""
    a, b = as_graph(a), as_graph(b)
    assert a.meta == b.meta
    assert list(a.nodes.items()) == list(b.nodes.items())
    assert list(a.edges()) == list(b.edges())
    for n in a.nodes:
        assert list(a.in_edges(n)) == list(b.in_edges(n))
    assert a.number_of_edges() == b.number_of_edges()


@pytest.fixture
def root(tmp_path: Path, inventory_dir: Path) -> Path:
    copy = tmp_path / "inventory"
    shutil.copytree(inventory_dir, copy, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    return copy


def test_a_snapshot_restores_the_graph_a_full_load_builds(root: Path, tmp_path: Path) -> None:
    built = load_graph(root)
    compact = as_graph(built)
    compiled = snapshot.Compiled(compact, snapshot.name_keys(compact))
    restored = snapshot.restore(snapshot.dump(compiled))
    same_graph(restored.graph, built)
    assert restored.keys == compiled.keys

    # relationships with the same data share one dict, and still do when read back
    def distinct(g) -> int:
        return len({id(d) for *_, d in g.edges()})

    assert distinct(restored.graph) == distinct(compact) < compact.number_of_edges()


def test_an_unchanged_inventory_is_read_from_its_snapshot(
    root: Path, tmp_path: Path, monkeypatch
) -> None:
    cache = tmp_path / "cache"
    first = snapshot.cached_graph(root, LIMIT, cache)
    assert len(list(cache.glob("inventory-*.marshal"))) == 1

    def no_full_load(*args, **kwargs):
        raise AssertionError("the snapshot should have been used")

    monkeypatch.setattr(snapshot, "_build", no_full_load)
    second = snapshot.cached_graph(root, LIMIT, cache)
    same_graph(second.graph, first.graph)
    # any edit to any file of the folder misses it
    policy = root / "stefere-privacy-policy.txt"
    policy.write_text(policy.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="snapshot should have been used"):
        snapshot.cached_graph(root, LIMIT, cache)


def test_a_corrupt_snapshot_is_ignored_and_rebuilt(root: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    snapshot.cached_graph(root, LIMIT, cache)
    [path] = cache.glob("inventory-*.marshal")
    path.write_bytes(path.read_bytes()[:1000])  # truncated mid-write by something else
    again = snapshot.cached_graph(root, LIMIT, cache)
    same_graph(again.graph, load_graph(root))
    assert len(path.read_bytes()) > 1000  # written whole again


def test_a_broken_inventory_is_never_compiled(root: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    (root / "categories.yaml").write_text("categories: [oops\n", encoding="utf-8")
    with pytest.raises(InventoryInvalid):
        snapshot.cached_graph(root, LIMIT, cache)
    assert list(cache.glob("inventory-*.marshal")) == []


def test_an_unwritable_cache_only_costs_time(root: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    compiled = snapshot.cached_graph(root, LIMIT, blocked / "cache")
    assert compiled.graph.number_of_nodes() > 200


def test_the_cli_answers_the_same_from_a_snapshot(cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("DATAMAP_CACHE_DIR", str(tmp_path / "cache"))
    cold = cli("who-receives", "payment information", "--json")
    warm = cli("who-receives", "payment information", "--json")
    assert cold.code == warm.code == 0 and cold.out == warm.out
    monkeypatch.setenv("DATAMAP_CACHE_DIR", "")
    assert cli("who-receives", "payment information", "--json").out == cold.out


def test_a_change_to_the_code_that_builds_the_graph_misses_the_snapshot(
    root: Path, monkeypatch
) -> None:
    before = snapshot.inventory_key(root, LIMIT)
    monkeypatch.setattr(snapshot, "code_digest", lambda: "another checkout")
    assert snapshot.inventory_key(root, LIMIT) != before


def test_the_cache_keeps_the_most_recently_used_snapshots(
    root: Path, tmp_path: Path, monkeypatch
) -> None:
    import os

    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "inventory-0123.json").write_text("{}", encoding="utf-8")  # an older layout
    for n in range(snapshot.KEEP + 2):
        old = cache / f"inventory-{n:04d}.marshal"
        old.write_bytes(b"x")
        os.utime(old, (1_000_000 + n, 1_000_000 + n))
    snapshot.cached_graph(root, LIMIT, cache)
    left = sorted(p.name for p in cache.iterdir())
    assert len(left) == snapshot.KEEP and not any(n.endswith(".json") for n in left)
    assert "inventory-0000.marshal" not in left and "inventory-0001.marshal" not in left
    assert "inventory-0002.marshal" not in left  # the new one took a place
    [fresh] = [p for p in cache.iterdir() if p.stat().st_size > 1]
    assert fresh.name.startswith("inventory-")
