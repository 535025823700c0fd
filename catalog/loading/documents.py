"""Read inventory YAML files into plain data, remembering the line of every field.

The loader is the first line of defence against hostile files: it refuses anchors and aliases
(no alias bombs), duplicate keys, non-UTF-8 or binary content and oversized files, and reports
each problem with the file and line it is on.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from catalog.model.problems import Problem
from catalog.settings import DEFAULT_MAX_FILE_BYTES

YAML_SUFFIXES = (".yaml", ".yml")
MAX_DEPTH = 64

PathKey = tuple[str | int, ...]


@dataclass
class RawDocument:
    """One YAML file as Python data. The line (1-based) of any path inside it is worked out
    when first asked for (by a problem report), so a valid inventory never pays for it."""

    file: Path
    data: Any
    text: str = ""
    _lines: dict[PathKey, int] | None = field(default=None, repr=False)

    @property
    def lines(self) -> dict[PathKey, int]:
        if self._lines is None:
            self._lines = _line_map(self.text) if self.text else {}
        return self._lines

    def line(self, path: PathKey) -> int | None:
        """Line of the deepest part of `path` that exists in the file."""
        lines = self.lines
        for cut in range(len(path), -1, -1):
            found = lines.get(path[:cut])
            if found is not None:
                return found
        return None


# libyaml's parser and composer where PyYAML has them (the wheels do); the pure-Python
# loader composes the same nodes, more slowly. libyaml also caps nesting (1,000 levels), so
# composing a hostile file cannot exhaust the stack before the walk below refuses it.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_constructor = yaml.SafeLoader("")
_STR = "tag:yaml.org,2002:str"
_SAFE_TAGS = frozenset(
    f"tag:yaml.org,2002:{t}"
    for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map", "binary")
)
# A node's start mark points at its properties: an optional tag, then the anchor.
_ANCHOR = re.compile(r"(?:![^\s]*\s+)?&([^\s,\[\]{}]+)")


class _YamlProblem(Exception):
    def __init__(self, line: int, where: str | None, message: str) -> None:
        super().__init__(message)
        self.line, self.where, self.message = line, where, message


def read_document(path: Path, max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> RawDocument | Problem:
    size = path.stat().st_size
    if size > max_bytes:
        return Problem(
            path, None, None, f"file is {size:,} bytes; the limit is {max_bytes:,} bytes"
        )
    blob = path.read_bytes()
    if b"\x00" in blob:
        line = blob[: blob.index(b"\x00")].count(b"\n") + 1
        return Problem(path, line, None, "file holds binary content (a NUL byte), not YAML text")
    try:
        text = blob.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = blob[: exc.start].count(b"\n") + 1
        return Problem(path, line, None, f"file is not UTF-8 text (byte 0x{blob[exc.start]:02x})")
    try:
        data = _Walk(text).document()
    except _YamlProblem as exc:
        return Problem(path, exc.line, exc.where, exc.message)
    except yaml.MarkedYAMLError as exc:
        deep = _too_deep(text)
        if deep is not None:  # what the reader met first, as a streaming reader would
            return Problem(path, deep, None, "nesting is too deep")
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        message = " ".join(x for x in (exc.context, exc.problem) if x) or str(exc)
        return Problem(path, line, None, f"invalid YAML: {message}")
    except yaml.YAMLError as exc:
        return Problem(path, None, None, f"invalid YAML: {exc}")
    return RawDocument(file=path, data={} if data is None else data, text=text)


class _Walk:
    """One walk over the composed nodes: plain data (mappings with string keys, lists and
    scalars), refusing what an inventory never needs (anchors and aliases, tags beyond YAML's
    plain types, duplicate keys, deep nesting). With `lines`, it also records the line of
    every path; that is asked for only when a problem is reported (RawDocument.lines), so a
    valid inventory does not hold a second copy of all its paths."""

    def __init__(self, text: str, lines: dict[PathKey, int] | None = None) -> None:
        self.text = text
        self.lines = lines
        self.seen: set[int] = set()

    def document(self) -> Any:
        root = yaml.compose(self.text, Loader=_Loader)
        return None if root is None else self.value(root, (), 0)

    def check(self, node: yaml.Node) -> int:
        """Refuse an anchor or an unsafe tag on `node`; its line."""
        mark = node.start_mark
        line = mark.line + 1
        # Only a node whose properties start with a tag or an anchor can carry one.
        anchor = (
            _ANCHOR.match(self.text, mark.index)
            if self.text[mark.index : mark.index + 1] in ("&", "!")
            else None
        )
        if anchor:
            raise _YamlProblem(
                line,
                None,
                f"invalid YAML: YAML anchors (&{anchor.group(1)}) are not allowed in an inventory",
            )
        if node.tag not in _SAFE_TAGS:
            raise _YamlProblem(line, None, f"invalid YAML: the tag {node.tag} is not allowed")
        return line

    def value(self, node: yaml.Node, path: PathKey, depth: int) -> Any:
        line = self.check(node)
        if self.lines is not None:
            self.lines.setdefault(path, line)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, path)
        if id(node) in self.seen:  # composed twice: an alias, whatever the anchor looked like
            raise _YamlProblem(line, None, "invalid YAML: YAML aliases are not allowed")
        self.seen.add(id(node))
        if depth >= MAX_DEPTH:
            raise _YamlProblem(line, None, "nesting is too deep")
        if isinstance(node, yaml.SequenceNode):
            return [self.value(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_line = self.check(key_node)
            if not isinstance(key_node, yaml.ScalarNode):
                raise _YamlProblem(key_line, _dotted(path), "keys must be plain values")
            raw = self.scalar(key_node, path)
            key = raw if isinstance(raw, str) else str(raw)
            if key in out:
                raise _YamlProblem(
                    key_line,
                    _dotted((*path, key)),
                    f"key {key!r} appears twice in the same mapping",
                )
            if self.lines is not None:
                self.lines[(*path, key)] = key_line
            out[key] = self.value(value_node, (*path, key), depth + 1)
        return out

    def scalar(self, node: yaml.ScalarNode, path: PathKey) -> Any:
        if node.tag == _STR:
            return node.value
        try:
            return _constructor.construct_object(node, deep=True)
        # PyYAML's constructors raise whatever they meet (ValueError for 2023-02-30, an
        # AttributeError for `!!timestamp x`): each is this scalar's problem, not a crash.
        except Exception as exc:
            kind = node.tag.rsplit(":", 1)[-1]
            raise _YamlProblem(
                node.start_mark.line + 1,
                _dotted(path) or None,
                f"{node.value[:40]!r} is not a valid {kind}: {str(exc).split(';')[0]}",
            ) from None


def _too_deep(text: str) -> int | None:
    """The line where nesting passes MAX_DEPTH before the parser's first error, if it does."""
    depth = 0
    with contextlib.suppress(yaml.YAMLError):
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark.line + 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    return None


def _line_map(text: str) -> dict[PathKey, int]:
    """The line of every path in the document (a mapping entry's line is its key's)."""
    lines: dict[PathKey, int] = {}
    with contextlib.suppress(_YamlProblem, yaml.YAMLError):  # the lines up to a problem stay
        _Walk(text, lines).document()
    return lines


def _dotted(path: PathKey) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def dotted(path: PathKey) -> str:
    return _dotted(path)


def inventory_files(root: Path) -> list[Path]:
    return sorted(p for p in root.iterdir() if p.is_file() and p.suffix in YAML_SUFFIXES)
