"""Fixtures for change tracking: editable copies of the inventory, and a git repository holding
one across two commits."""

from __future__ import annotations

import copy
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml


@pytest.fixture
def inventory_copy(tmp_path: Path, inventory_dir: Path) -> Callable[[str], Path]:
    """A copy of the shipped inventory under tmp_path/NAME."""

    def make(name: str) -> Path:
        root = tmp_path / name
        shutil.copytree(inventory_dir, root, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
        return root

    return make


@pytest.fixture
def edit_yaml() -> Callable[[Path, str, Callable[[Any], None]], None]:
    """Load one inventory file, let the test change its data, and write it back."""

    def edit(root: Path, file: str, change: Callable[[Any], None]) -> None:
        path = root / file
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data)
        # deepcopy: the dumper would write shared objects as anchors, which inventories refuse
        path.write_text(
            yaml.safe_dump(copy.deepcopy(data), allow_unicode=True, sort_keys=False, width=4096),
            encoding="utf-8",
        )

    return edit


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t.invalid", *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


@pytest.fixture
def repo(tmp_path: Path, inventory_dir: Path) -> Path:
    """A git repository with the inventory at `inventory/`, committed once."""
    root = tmp_path / "repo"
    shutil.copytree(
        inventory_dir, root / "inventory", ignore=shutil.ignore_patterns("__pycache__", "*.py")
    )
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "first record")
    return root


@pytest.fixture
def commit() -> Callable[[Path, str], str]:
    def make(repo: Path, message: str) -> str:
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", message)
        return git(repo, "rev-parse", "HEAD")

    return make
