"""Hostile Fides manifests and a hostile systems.yaml: every one is refused by the one YAML
reader with one line naming the file (and line), quickly, in bounded memory, and nothing is
written to the inventory. Symbolic links in a manifest folder are never followed."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
import yaml

from catalog.scanning.fides_import import MAX_IMPORT_ITEMS, MAX_MANIFEST_BYTES
from catalog.scanning.systems_file import SystemsFileError, read_systems

ALIAS_BOMB = """\
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
dataset:
  - fides_key: bomb
    collections:
      - name: t
        fields: [{name: x, data_categories: *e}]
"""
DEEP = "dataset:\n  - fides_key: deep\n    description: " + "[" * 200 + "]" * 200 + "\n"
# One more key or value than a file may hold (1,000,000), two bytes each.
TOO_MANY = "dataset: [" + "1," * 1_000_000 + "1]\n"


def manifest(fields: int) -> str:
    """A dataset manifest with `fields` labelled fields, written as text (quick to make)."""
    rows = "".join(
        f"          - {{name: c{i}, data_categories: [user.contact.email]}}\n"
        for i in range(fields)
    )
    return (
        "dataset:\n  - fides_key: app_db\n    collections:\n      - name: users\n"
        "        fields:\n" + rows
    )


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(root.iterdir()) if p.is_file()}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    out = tmp_path / "fides"
    out.mkdir()
    return out


def refused(cli, root: Path, folder: Path) -> str:
    """Import `folder`; it must fail with one line on stderr and leave the inventory as it was."""
    before = snapshot(root)
    result = cli("--inventory", str(root), "import", "fides", str(folder))
    assert result.code == 1, result.err
    assert "Traceback" not in result.err
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert snapshot(root) == before  # no systems.yaml, nothing changed
    return lines[0]


def test_an_alias_bomb_is_refused_at_its_first_anchor(cli, inventory_root: Path, folder) -> None:
    (folder / "bomb.yml").write_text(ALIAS_BOMB, encoding="utf-8")
    start = time.perf_counter()
    line = refused(cli, inventory_root, folder)
    assert time.perf_counter() - start < 2
    assert line == (
        f"error: {folder / 'bomb.yml'}:1: invalid YAML: YAML anchors (&a) are not allowed "
        "in a Fides manifest"
    )


def test_an_oversized_manifest_is_refused_without_being_read(
    cli, inventory_root: Path, folder
) -> None:
    big = folder / "big.yml"
    with big.open("wb") as f:  # sparse: 8 GiB on paper, nothing on disk
        f.truncate(8 * 1024**3)
    start = time.perf_counter()
    line = refused(cli, inventory_root, folder)
    assert time.perf_counter() - start < 1
    assert line == (
        f"error: {big}: file is 8,589,934,592 bytes; the limit is {MAX_MANIFEST_BYTES:,} bytes"
    )


def test_deep_nesting_is_refused_with_its_line(cli, inventory_root: Path, folder) -> None:
    (folder / "deep.yml").write_text(DEEP, encoding="utf-8")
    assert refused(cli, inventory_root, folder) == (
        f"error: {folder / 'deep.yml'}:3: nesting is too deep"
    )


def test_too_many_values_are_refused_as_they_are_read(cli, inventory_root: Path, folder) -> None:
    (folder / "many.yml").write_text(TOO_MANY, encoding="utf-8")
    assert refused(cli, inventory_root, folder) == (
        f"error: {folder / 'many.yml'}:1: the file holds more than 1,000,000 keys and values; "
        "that is the limit"
    )


def test_an_import_of_too_many_fields_is_refused(cli, inventory_root: Path, folder) -> None:
    (folder / "huge.yml").write_text(manifest(MAX_IMPORT_ITEMS), encoding="utf-8")
    assert refused(cli, inventory_root, folder) == (
        f"error: {folder}: the manifests hold more than {MAX_IMPORT_ITEMS:,} datasets, systems, "
        "collections and fields, the limit of one import; import them in parts"
    )


def test_an_import_under_the_limits_is_kept(cli, inventory_root: Path, folder) -> None:
    (folder / "app.yml").write_text(manifest(2_000), encoding="utf-8")
    result = cli("--inventory", str(inventory_root), "import", "fides", str(folder), "--json")
    assert result.code == 0, result.err
    data = yaml.safe_load((inventory_root / "systems.yaml").read_text(encoding="utf-8"))
    assert len(data["systems"][0]["fields"]) == 2_000


def test_symbolic_links_in_the_folder_are_not_followed(
    cli, inventory_root: Path, folder, tmp_path: Path
) -> None:
    (folder / "app.yml").write_text(manifest(1), encoding="utf-8")
    (folder / "passwd.yml").symlink_to("/etc/passwd")
    (folder / "zero.yaml").symlink_to("/dev/zero")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "other.yml").write_text(
        manifest(1).replace("app_db", "other_db"), encoding="utf-8"
    )
    (folder / "linked").symlink_to(elsewhere, target_is_directory=True)
    os.mkfifo(folder / "pipe.yml")  # would block a reader that opened it
    start = time.perf_counter()
    result = cli("--inventory", str(inventory_root), "import", "fides", str(folder))
    assert time.perf_counter() - start < 10
    assert result.code == 0, result.err
    assert f"note: {folder / 'passwd.yml'}: a symbolic link, not followed" in result.err
    assert f"note: {folder / 'zero.yaml'}: a symbolic link, not followed" in result.err
    assert f"note: {folder / 'linked'}: a symbolic link to a folder, not followed" in result.err
    assert f"note: {folder / 'pipe.yml'}: not a regular file, not read" in result.err
    data = yaml.safe_load((inventory_root / "systems.yaml").read_text(encoding="utf-8"))
    assert [s["id"] for s in data["systems"]] == ["app-db"]


def test_a_folder_of_links_only_says_what_it_skipped(cli, inventory_root: Path, folder) -> None:
    (folder / "passwd.yml").symlink_to("/etc/passwd")
    line = refused(cli, inventory_root, folder)
    assert line == (
        f"error: no Fides manifests (*.yml, *.yaml) in {folder} "
        f"(1 skipped: {folder / 'passwd.yml'}: a symbolic link, not followed)"
    )


# -- systems.yaml, read by `scan --write`, `review` and `import` --------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (ALIAS_BOMB, ":1: invalid YAML: YAML anchors (&a) are not allowed in an inventory"),
        (DEEP, ":3: nesting is too deep"),
        (TOO_MANY, ":1: the file holds more than 1,000,000 keys and values"),
        ("systems: []\nsystems: []\n", ":2: systems: key 'systems' appears twice"),
    ],
    ids=["alias-bomb", "deep", "too-many", "duplicate-key"],
)
def test_a_hostile_systems_file_is_refused(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "systems.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(SystemsFileError) as caught:
        read_systems(tmp_path)
    assert caught.value.message.startswith(f"{tmp_path / 'systems.yaml'}{message}")
    assert "\n" not in caught.value.message


def test_an_oversized_systems_file_is_refused_without_being_read(tmp_path: Path) -> None:
    with (tmp_path / "systems.yaml").open("wb") as f:
        f.truncate(8 * 1024**3)
    start = time.perf_counter()
    with pytest.raises(SystemsFileError, match=r"file is 8,589,934,592 bytes; the limit is"):
        read_systems(tmp_path)
    assert time.perf_counter() - start < 1


def test_a_hostile_systems_file_stops_a_scan_write(
    cli, inventory_root: Path, shop_sqlite: str
) -> None:
    (inventory_root / "systems.yaml").write_text(ALIAS_BOMB, encoding="utf-8")
    before = snapshot(inventory_root)
    result = cli(
        "--inventory", str(inventory_root), "scan", shop_sqlite, "--write", "--system", "shop-db"
    )
    assert result.code == 1 and "Traceback" not in result.err
    assert "systems.yaml:1: invalid YAML: YAML anchors (&a) are not allowed" in result.err
    assert snapshot(inventory_root) == before
