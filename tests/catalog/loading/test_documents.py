"""Reading YAML safely, with the line of every field."""

from __future__ import annotations

from pathlib import Path

from catalog.loading.documents import RawDocument, read_document
from catalog.model.problems import Problem


def write(tmp_path: Path, text: str | bytes, name: str = "x.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_lines_are_recorded_for_every_field(tmp_path: Path) -> None:
    doc = read_document(
        write(
            tmp_path,
            "a:\n  - id: one\n    name: One\n  - id: two\n    sources:\n      - quote: q\n",
        )
    )
    assert isinstance(doc, RawDocument)
    assert doc.line(("a", 0, "name")) == 3
    assert doc.line(("a", 1, "sources", 0, "quote")) == 6
    assert doc.line(("a", 1, "missing", 3)) == 4  # falls back to the nearest existing parent


def test_anchors_and_aliases_are_refused(tmp_path: Path) -> None:
    bomb = 'a: &a ["lol","lol"]\nb: &b [*a,*a,*a,*a]\nc: [*b,*b,*b,*b]\n'
    problem = read_document(write(tmp_path, bomb))
    assert isinstance(problem, Problem)
    assert problem.line == 1
    assert "anchors" in problem.message


def test_an_alias_without_anchor_is_refused(tmp_path: Path) -> None:
    problem = read_document(write(tmp_path, "a: 1\nb: *a\n"))
    assert isinstance(problem, Problem)
    assert problem.line == 2


def test_duplicate_keys_are_refused(tmp_path: Path) -> None:
    problem = read_document(write(tmp_path, "a:\n  id: x\n  id: y\n"))
    assert isinstance(problem, Problem)
    assert problem.line == 3
    assert problem.field == "a.id"
    assert "twice" in problem.message


def test_binary_and_non_utf8_files_are_refused(tmp_path: Path) -> None:
    problem = read_document(write(tmp_path, b"a: 1\nb: \x00\x01\x02\n"))
    assert isinstance(problem, Problem) and problem.line == 2 and "binary" in problem.message
    problem = read_document(write(tmp_path, b"a: 1\n\nb: caf\xe9\n", "latin1.yaml"))
    assert isinstance(problem, Problem) and problem.line == 3 and "UTF-8" in problem.message


def test_oversized_files_are_refused_before_parsing(tmp_path: Path) -> None:
    path = write(tmp_path, "a: " + "x" * 2000 + "\n")
    problem = read_document(path, max_bytes=1000)
    assert isinstance(problem, Problem)
    assert "limit is 1,000 bytes" in problem.message


def test_syntax_errors_name_their_line(tmp_path: Path) -> None:
    problem = read_document(write(tmp_path, "a:\n  - id: x\n  name: [unclosed\n"))
    assert isinstance(problem, Problem)
    assert problem.line is not None and problem.line >= 3
    assert problem.message.startswith("invalid YAML")
