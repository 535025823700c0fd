"""Read inventory YAML files into plain data, remembering the line of every field.

The loader is the first line of defence against hostile files: it refuses anchors and aliases
(no alias bombs), duplicate keys, non-UTF-8 or binary content and oversized files, and reports
each problem with the file and line it is on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import Problem

YAML_SUFFIXES = (".yaml", ".yml")
DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 64

PathKey = tuple[str | int, ...]


@dataclass
class RawDocument:
    """One YAML file as Python data, with the line (1-based) of every path inside it."""

    file: Path
    data: Any
    lines: dict[PathKey, int] = field(default_factory=dict)

    def line(self, path: PathKey) -> int | None:
        """Line of the deepest part of `path` that exists in the file."""
        for cut in range(len(path), -1, -1):
            found = self.lines.get(path[:cut])
            if found is not None:
                return found
        return None


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses anchors and aliases outright: an inventory never needs them."""

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:  # type: ignore[override]
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise yaml.MarkedYAMLError(
                problem="YAML aliases (*name) are not allowed in an inventory",
                problem_mark=event.start_mark,
            )
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise yaml.MarkedYAMLError(
                problem=f"YAML anchors (&{anchor}) are not allowed in an inventory",
                problem_mark=event.start_mark,
            )
        return super().compose_node(parent, index)


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
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        message = " ".join(x for x in (exc.context, exc.problem) if x) or str(exc)
        return Problem(path, line, None, f"invalid YAML: {message}")
    except yaml.YAMLError as exc:
        return Problem(path, None, None, f"invalid YAML: {exc}")
    doc = RawDocument(file=path, data=None)
    if node is None:
        doc.data = {}
        return doc
    try:
        doc.data = _to_python(node, (), doc.lines, 0)
    except _NodeError as exc:
        return Problem(path, exc.line, exc.where, exc.message)
    return doc


class _NodeError(Exception):
    def __init__(self, line: int, where: str | None, message: str) -> None:
        super().__init__(message)
        self.line, self.where, self.message = line, where, message


def _to_python(node: Node, path: PathKey, lines: dict[PathKey, int], depth: int) -> Any:
    lines[path] = node.start_mark.line + 1
    if depth > MAX_DEPTH:
        raise _NodeError(node.start_mark.line + 1, _dotted(path), "nesting is too deep")
    if isinstance(node, ScalarNode):
        return _Constructor.scalar(node)
    if isinstance(node, SequenceNode):
        return [_to_python(item, (*path, i), lines, depth + 1) for i, item in enumerate(node.value)]
    if isinstance(node, MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = _Constructor.scalar(key_node)
            if not isinstance(key, str):
                key = str(key)
            if key in result:
                raise _NodeError(
                    key_node.start_mark.line + 1,
                    _dotted((*path, key)),
                    f"key {key!r} appears twice in the same mapping",
                )
            result[key] = _to_python(value_node, (*path, key), lines, depth + 1)
            lines[(*path, key)] = key_node.start_mark.line + 1
        return result
    raise _NodeError(node.start_mark.line + 1, _dotted(path), "unsupported YAML node")


class _Constructor:
    _safe = yaml.SafeLoader("")

    @classmethod
    def scalar(cls, node: ScalarNode) -> Any:
        return cls._safe.construct_object(node, deep=True)


def _dotted(path: PathKey) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def dotted(path: PathKey) -> str:
    return _dotted(path)


def inventory_files(root: Path) -> list[Path]:
    return sorted(p for p in root.iterdir() if p.is_file() and p.suffix in YAML_SUFFIXES)
