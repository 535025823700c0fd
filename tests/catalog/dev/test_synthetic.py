"""The synthetic inventory generator: deterministic for a seed, valid, and the size it says."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog.dev.synthetic import SIZES, generate
from catalog.graph.build import build_graph
from catalog.loading.validation import load_inventory


def test_same_seed_same_inventory_and_it_validates(tmp_path: Path) -> None:
    counts = generate("S", tmp_path / "a", seed=3)
    generate("S", tmp_path / "b", seed=3)
    generate("S", tmp_path / "c", seed=4)
    files = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert files == sorted(p.name for p in (tmp_path / "b").iterdir())
    assert all(
        (tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files
    )
    assert any(
        (tmp_path / "a" / f).read_bytes() != (tmp_path / "c" / f).read_bytes() for f in files
    )
    graph = build_graph(load_inventory(tmp_path / "a"))
    labels = [d["label"] for _, d in graph.nodes(data=True)]
    assert labels.count("DataCategory") == counts["categories"] == SIZES["S"].categories
    assert labels.count("Recipient") == SIZES["S"].recipients
    assert labels.count("ProcessingActivity") == SIZES["S"].activities
    assert (
        graph.number_of_edges() > 10 * SIZES["S"].activities
    )  # relationships scale with activities


def test_it_will_not_write_over_a_folder(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_text("keep: me\n")
    with pytest.raises(FileExistsError):
        generate("S", tmp_path)
