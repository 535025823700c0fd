"""A real SQLite file and a real PostgreSQL server (`postgres`, from tests/catalog/conftest.py),
each holding the example shop."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog.dev.postgres import Postgres
from catalog.dev.shop import create_shop


@pytest.fixture(scope="session")
def shop_sqlite(tmp_path_factory: pytest.TempPathFactory) -> str:
    return create_shop(str(tmp_path_factory.mktemp("shop") / "shop.db"))


@pytest.fixture(scope="session")
def shop_postgres(postgres: Postgres) -> str:
    return create_shop(postgres.create_database("shop"))


def sqlite_path(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


@pytest.fixture
def inventory_root(tmp_path: Path, inventory_dir: Path) -> Path:
    """A copy of the shipped inventory that a scan may write its systems.yaml into."""
    import shutil

    root = tmp_path / "inventory"
    shutil.copytree(inventory_dir, root, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    return root
