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
from yaml.nodes import ScalarNode

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


# libyaml's parser where PyYAML has it (the wheels do): events come from C, and only the data
# is built in Python. The pure-Python parser gives the same events, more slowly.
_Parser: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_resolver = yaml.resolver.Resolver()
_constructor = yaml.SafeLoader("")
_SAFE_TAGS = frozenset(
    f"tag:yaml.org,2002:{t}"
    for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map", "binary")
)


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
        data = _build(text)
    except _YamlProblem as exc:
        return Problem(path, exc.line, exc.where, exc.message)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        message = " ".join(x for x in (exc.context, exc.problem) if x) or str(exc)
        return Problem(path, line, None, f"invalid YAML: {message}")
    except yaml.YAMLError as exc:
        return Problem(path, None, None, f"invalid YAML: {exc}")
    return RawDocument(file=path, data={} if data is None else data, text=text)


def _events(text: str) -> Any:
    """The parser's events, refusing what an inventory never needs: anchors, aliases, tags
    beyond YAML's plain types, and more than one document."""
    documents = 0
    for event in yaml.parse(text, Loader=_Parser):
        kind = type(event)
        if kind is yaml.AliasEvent:
            raise _YamlProblem(
                event.start_mark.line + 1,
                None,
                "invalid YAML: YAML aliases (*name) are not allowed in an inventory",
            )
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise _YamlProblem(
                event.start_mark.line + 1,
                None,
                f"invalid YAML: YAML anchors (&{anchor}) are not allowed in an inventory",
            )
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!" and tag not in _SAFE_TAGS:
            raise _YamlProblem(
                event.start_mark.line + 1, None, f"invalid YAML: the tag {tag} is not allowed"
            )
        if kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _YamlProblem(
                    event.start_mark.line + 1, None, "invalid YAML: one document per file"
                )
        yield event


def _scalar(event: yaml.ScalarEvent) -> Any:
    if event.tag is None or event.tag == "!":
        if event.style or event.tag == "!":  # quoted or block scalars are strings
            return event.value
        tag = _resolver.resolve(ScalarNode, event.value, (True, False))
    else:
        tag = event.tag
    if tag == "tag:yaml.org,2002:str":
        return event.value
    node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
    return _constructor.construct_object(node, deep=True)


def _build(text: str) -> Any:
    """The document as Python data: mappings with string keys, lists and scalars."""
    root: Any = None
    # Each frame: [container, pending key (mappings), path] - the path only for messages.
    stack: list[list[Any]] = []

    def place(value: Any, event: Any) -> None:
        nonlocal root
        if not stack:
            root = value
            return
        frame = stack[-1]
        container = frame[0]
        if type(container) is list:
            container.append(value)
            return
        if frame[1] is _NO_KEY:
            if isinstance(value, dict | list):
                raise _YamlProblem(
                    event.start_mark.line + 1, _dotted(frame[2]), "keys must be plain values"
                )
            key = value if isinstance(value, str) else str(value)
            if key in container:
                raise _YamlProblem(
                    event.start_mark.line + 1,
                    _dotted((*frame[2], key)),
                    f"key {key!r} appears twice in the same mapping",
                )
            frame[1] = key
            return
        container[frame[1]] = value
        frame[1] = _NO_KEY

    def path_of(frame: list[Any]) -> PathKey:
        container = frame[0]
        key = len(container) if type(container) is list else frame[1]
        return (*frame[2], key)

    for event in _events(text):
        kind = type(event)
        if kind is yaml.ScalarEvent:
            place(_scalar(event), event)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if len(stack) >= MAX_DEPTH:
                raise _YamlProblem(event.start_mark.line + 1, None, "nesting is too deep")
            path = path_of(stack[-1]) if stack else ()
            container: Any = {} if kind is yaml.MappingStartEvent else []
            place(container, event)
            stack.append([container, _NO_KEY, path])
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            stack.pop()
    return root


_NO_KEY = object()


def _line_map(text: str) -> dict[PathKey, int]:
    """The line of every path in the document: a second pass, only when a line is asked for.
    A mapping entry's line is its key's."""
    lines: dict[PathKey, int] = {}
    stack: list[list[Any]] = []  # [is mapping, path, next index or pending key, expecting key]
    try:
        events = list(_events(text))
    except (_YamlProblem, yaml.YAMLError):
        return lines
    for event in events:
        kind = type(event)
        line = event.start_mark.line + 1
        if kind in (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent):
            if not stack:
                path: PathKey = ()
            else:
                frame = stack[-1]
                if frame[0]:  # mapping
                    if frame[3]:
                        frame[2] = event.value if kind is yaml.ScalarEvent else None
                        frame[3] = False
                        if frame[2] is not None:
                            lines[(*frame[1], str(frame[2]))] = line
                        continue
                    path = (*frame[1], str(frame[2]))
                    frame[3] = True
                else:
                    path = (*frame[1], frame[2])
                    frame[2] += 1
            lines.setdefault(path, line)
            if kind is not yaml.ScalarEvent:
                stack.append([kind is yaml.MappingStartEvent, path, 0, True])
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            stack.pop()
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
