"""The hostile-input corpus (tests/catalog/hostile/): each bad inventory is refused with its own
message naming the file, the line and the field, and nothing reaches Neo4j."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from catalog.loading.validation import check_inventory
from catalog.model.problems import Problem

CORPUS = sorted((Path(__file__).parent / "hostile").glob("*.yaml"))


def build(case: dict[str, Any], shipped: Path, target: Path) -> Path:
    """A copy of the shipped inventory with the case's damage done to one file."""
    shutil.copytree(shipped, target, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    path = target / case["file"]
    encoding = case.get("encoding", "utf-8")
    if "generate_bytes" in case:
        line = b"# " + b"x" * 1021 + b"\n"
        with path.open("wb") as out:
            for _ in range(case["generate_bytes"] // len(line) + 1):
                out.write(line)
    elif "content" in case:
        path.write_text(case["content"], encoding=encoding)
    else:
        text = path.read_text(encoding="utf-8")
        if "append" in case:
            path.write_bytes((text + case["append"]).encode("utf-8"))
        else:
            assert case["replace"] in text, (
                f"corpus setup: {case['replace']!r} not in {case['file']}"
            )
            # The rest of the file stays UTF-8; only the new text takes the case's encoding.
            before, after = text.split(case["replace"], 1)
            path.write_bytes(
                before.encode("utf-8") + case["with"].encode(encoding) + after.encode("utf-8")
            )
    return target


def expected_line(path: Path, needle: str, occurrence: int) -> int:
    seen = 0
    for number, line in enumerate(path.read_bytes().decode("utf-8", "replace").splitlines(), 1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"corpus setup: {needle!r} not found in {path}")


@pytest.fixture(params=CORPUS, ids=[p.stem for p in CORPUS])
def hostile(request, tmp_path: Path, inventory_dir: Path) -> tuple[dict[str, Any], Path]:
    case = yaml.safe_load(request.param.read_text(encoding="utf-8"))
    return case, build(case, inventory_dir, tmp_path / "inventory")


def test_each_bad_inventory_is_refused_with_its_own_message(hostile) -> None:
    case, root = hostile
    inventory, problems = check_inventory(root)
    assert inventory is None
    expect = case["expect"]
    mine = [p for p in problems if expect["message"] in p.message]
    assert len(mine) == 1, "\n".join(p.render() for p in problems)
    problem: Problem = mine[0]
    assert problem.file.name == case["file"]
    if "line_of" in expect:
        assert problem.line == expected_line(
            problem.file, expect["line_of"], expect.get("occurrence", 1)
        )
    if "line" in expect:
        assert problem.line == expect["line"]
    if "field" in expect:
        assert problem.field == expect["field"]
    # the damage is reported once, not echoed by every reference to what it broke
    assert len(problems) == 1, "\n".join(p.render() for p in problems)


def test_nothing_reaches_neo4j(hostile, shared_synced_store, bolt_server, cli) -> None:
    from catalog.stores.neo4j.sync import current_state

    case, root = hostile
    before = shared_synced_store.read(current_state), shared_synced_store.meta()
    env = bolt_server.settings()
    result = cli(
        "--inventory", str(root),
        "--neo4j-uri", env.neo4j_uri,
        "--neo4j-user", env.neo4j_user,
        "--neo4j-password", env.neo4j_password.get_secret_value(),
        "--neo4j-database", env.neo4j_database,
        "sync",
    )  # fmt: skip
    assert result.code == 1
    assert case["expect"]["message"] in result.err and "nothing was loaded" in result.err
    assert "Traceback" not in result.err
    assert (shared_synced_store.read(current_state), shared_synced_store.meta()) == before
