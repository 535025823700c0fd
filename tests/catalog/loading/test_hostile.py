"""The hostile-input corpus (tests/catalog/hostile/): each bad inventory is refused with its own
message naming the file, the line and the field, and nothing reaches Neo4j."""

from __future__ import annotations

import os
import shutil
import time
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
import yaml

from catalog.loading.documents import read_document
from catalog.loading.validation import check_inventory
from catalog.model.problems import Problem
from catalog.model.yamlfile import YamlRefused, parse, read_text, read_yaml

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


# -- the one YAML reader (model/yamlfile.py): what the corpus cannot write down ----------------


@pytest.fixture
def copied(tmp_path: Path, inventory_dir: Path) -> Path:
    target = tmp_path / "inventory"
    shutil.copytree(inventory_dir, target, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    return target


def test_an_oversized_file_is_refused_by_its_size_without_being_read(copied: Path, cli) -> None:
    with (copied / "padding.yaml").open("wb") as f:  # sparse: 8 GiB on paper, nothing on disk
        f.truncate(8 * 1024**3)
    start = time.perf_counter()
    result = cli("--inventory", str(copied), "validate")
    assert time.perf_counter() - start < 5  # the whole validation of the rest included
    assert result.code == 1 and "Traceback" not in result.err
    assert "padding.yaml: file is 8,589,934,592 bytes; the limit is 67,108,864 bytes" in result.err
    start = time.perf_counter()
    with pytest.raises(YamlRefused, match="the limit is 67,108,864 bytes"):
        read_text(copied / "padding.yaml", 64 * 1024 * 1024)
    assert time.perf_counter() - start < 1


def test_too_many_values_are_refused_with_their_line(copied: Path) -> None:
    # a million and one values in two megabytes: within the size limit, over the count
    (copied / "subjects.yaml").write_text(
        "subjects:\n  - id: x\n    name: x\n    aliases: [" + "a," * 1_000_000 + "a]\n",
        encoding="utf-8",
    )
    inventory, problems = check_inventory(copied)
    assert inventory is None
    assert [(p.file.name, p.line, p.message) for p in problems] == [
        (
            "subjects.yaml",
            4,
            "the file holds more than 1,000,000 keys and values; that is the limit",
        )
    ]


def test_values_are_counted_as_they_are_parsed(tmp_path: Path) -> None:
    """The refusal comes at the value past the limit, before the rest is parsed or built."""
    text = "[" + "{a: b}, " * 300_000 + "]\n"
    tracemalloc.start()
    try:
        with pytest.raises(YamlRefused, match="more than 1,000 keys and values"):
            parse(text, tmp_path / "x.yaml", max_nodes=1_000)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * 1024 * 1024  # the document's 900,000 values would take ~100 MB


def test_what_is_not_a_regular_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)  # opened for reading, it would wait for a writer for ever
    with pytest.raises(YamlRefused, match=r"pipe\.yaml: not a regular file; not read"):
        read_text(pipe, 1000)
    with pytest.raises(YamlRefused, match="zero: not a regular file; not read"):
        read_text(Path("/dev/zero"), 1000)
    link = tmp_path / "link.yaml"
    link.symlink_to(tmp_path / "real.yaml")
    (tmp_path / "real.yaml").write_text("a: 1\n", encoding="utf-8")
    assert read_yaml(link, 1000) == {"a": 1}  # an inventory may link its own files
    with pytest.raises(YamlRefused, match=r"link\.yaml: a symbolic link; not followed"):
        read_yaml(link, 1000, follow_symlinks=False)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("a: 1\n---\nb: 2\n", 2, "invalid YAML: expected a single document in the stream"),
        ("a: !!set {x}\n", 1, "invalid YAML: the tag tag:yaml.org,2002:set is not allowed"),
        (
            "a: !!python/name:os.system\n",
            1,
            "invalid YAML: the tag tag:yaml.org,2002:python/name:os.system is not allowed",
        ),
        ("<<: {a: 1}\n", 1, "invalid YAML: the tag tag:yaml.org,2002:merge is not allowed"),
        ("a:\n  - &x 1\n", 2, "invalid YAML: YAML anchors (&x) are not allowed in an inventory"),
        ("a: 1\nb: é\x07\n", 2, "invalid YAML: character #x0007 is not allowed"),
    ],
    ids=["two-documents", "set", "python-name", "merge-key", "nested-anchor", "control-char"],
)
def test_each_refusal_names_its_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    problem = read_document(path)
    assert isinstance(problem, Problem)
    assert problem.line == line and problem.message.startswith(message), problem
    assert "\n" not in problem.render()


def test_plain_yaml_reads_as_a_safe_loader_reads_it(tmp_path: Path, inventory_dir: Path) -> None:
    """The reader builds what yaml.safe_load builds, for every file of the shipped inventory
    and each YAML scalar type."""
    path = tmp_path / "types.yaml"
    path.write_text(
        "a: [1, -2, 0x1f, 1.5, .inf, ~, null, yes, false, 2020-01-02, 2020-01-02 10:00:00,\n"
        "    '12', \"x\", !!str 3, ! 4, !!binary aGVsbG8=, '']\nb: |\n  two\n  lines\n",
        encoding="utf-8",
    )
    for file in [path, *sorted(inventory_dir.glob("*.yaml"))]:
        text = file.read_text(encoding="utf-8")
        assert parse(text, file) == yaml.safe_load(text), file
