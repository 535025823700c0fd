"""Fixtures shared by every test area: the shipped inventory, its graph, an engine over it, a
way to break a copy of the inventory, and a CLI runner that captures what a user would see."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from catalog.build import build_graph
from catalog.engine import QueryEngine
from catalog.settings import SHIPPED_INVENTORY
from catalog.stores.embedded import EmbeddedStore
from catalog.validation import Inventory, load_inventory
from catalog.view import GraphView

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def inventory_dir() -> Path:
    return SHIPPED_INVENTORY


@pytest.fixture(scope="session")
def inventory(inventory_dir: Path) -> Inventory:
    return load_inventory(inventory_dir)


@pytest.fixture(scope="session")
def graph(inventory: Inventory):
    return build_graph(inventory)


@pytest.fixture(scope="session")
def view(graph) -> GraphView:
    return GraphView(graph)


@pytest.fixture(scope="session")
def engine(graph, inventory: Inventory) -> QueryEngine:
    return QueryEngine(EmbeddedStore(graph, inventory))


@pytest.fixture
def broken_inventory(tmp_path: Path, inventory_dir: Path) -> Callable[..., Path]:
    """Copy the shipped inventory and replace `old` with `new` in one of its files."""

    def make(file: str, old: str, new: str, *, count: int = 1) -> Path:
        root = tmp_path / "inventory"
        if not root.exists():
            shutil.copytree(
                inventory_dir, root, ignore=shutil.ignore_patterns("__pycache__", "*.py")
            )
        path = root / file
        text = path.read_text(encoding="utf-8")
        assert old in text, f"test setup: {old!r} not in {file}"
        path.write_text(text.replace(old, new, count), encoding="utf-8")
        return root

    return make


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run `datamap ARGS` in process and return its exit code, stdout and stderr."""
    from catalog.cli import run

    def invoke(*args: str) -> CliResult:
        code = run(list(args))
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return invoke
