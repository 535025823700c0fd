"""No input makes the loader raise: random YAML scalars, keys and structures, and random text,
through what `datamap validate` runs, give a clean problem report (file, line, field) or a
valid inventory, never an exception."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog.cli import run
from catalog.loading.documents import RawDocument, read_document
from catalog.loading.validation import check_inventory
from catalog.model.problems import Problem

# Plain scalars YAML resolves to something other than a string, or reads as syntax.
TRICKY = [
    "2023-02-30",
    "2023-13-01 25:61:61",
    "9" * 5000,
    "-" + "9" * 4400,
    "1e1000",
    "-.inf",
    ".nan",
    "0x" + "f" * 40,
    "0o777",
    "0b102",
    "1_000",
    "~",
    "null",
    "yes",
    "<<",
    "!!binary ===",
    "!!timestamp x",
    "!!int x",
    "!!float x",
    "!!python/name:os.system",
    "!local x",
    "@x",
    "`x",
    "&a x",
    "*a",
    "? x",
    "- x",
    "{",
    "]",
    "'",
    '"',
    "%YAML 1.1",
    "---",
    "...",
    "|",
    ">",
    "#",
    "é",
    "\u2028",
    "\ufeff",
    "\t",
    "",
]

scalars = st.one_of(st.sampled_from(TRICKY), st.text(max_size=20))
structures = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(scalars, inner, max_size=4)
    ),
    max_leaves=12,
)


def flow(value: object) -> str:
    """The structure as YAML flow text, scalars written raw (unquoted) as the strategy made
    them, so that each reaches the parser as it is."""
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{flow(k)}: {flow(v)}" for k, v in value.items()) + "}"
    return str(value)


@pytest.fixture(scope="module")
def copy(inventory_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz") / "inventory"
    shutil.copytree(inventory_dir, root, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    return root


FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FUZZ
@given(structure=structures, top=st.booleans())
def test_random_structures_never_raise(copy: Path, structure: object, top: bool) -> None:
    text = flow(structure) if top else f"subjects:\n  - id: x\n    name: {flow(structure)}\n"
    (copy / "subjects.yaml").write_text(text + "\n", encoding="utf-8")
    inventory, problems = check_inventory(copy)
    assert (inventory is None) == bool(problems)
    for problem in problems:
        assert problem.file is None or problem.file.name.endswith(".yaml")
        assert problem.message and "Traceback" not in problem.render()


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=200))
def test_random_text_is_data_or_one_problem(tmp_path_factory, text: str) -> None:
    path = tmp_path_factory.getbasetemp() / "random.yaml"
    path.write_text(text, encoding="utf-8")
    found = read_document(path)
    assert isinstance(found, RawDocument | Problem)
    if isinstance(found, Problem):
        assert found.message


def test_the_command_reports_a_bad_scalar_with_its_line(copy: Path, capsys) -> None:
    (copy / "subjects.yaml").write_text(
        "subjects:\n  - id: x\n    last_seen: 2023-02-30\n", encoding="utf-8"
    )
    code = run(["--inventory", str(copy), "validate"])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert "subjects.yaml:3: subjects[0].last_seen: '2023-02-30' is not a valid timestamp" in err
