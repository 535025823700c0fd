"""The one reader of YAML files datamap did not write itself: inventory files, systems.yaml,
Fides manifests, drafts. Any of them may be hostile, so each is refused, with its file and line,
when it is

- larger than the caller's limit: judged by the size of the opened file before a byte is read,
  and never more than the limit (plus one byte) read whatever the file claims; anything but a
  regular file (a device, a pipe, a folder) is refused before it is read;
- binary (a NUL byte) or not UTF-8;
- using anchors or aliases: each is refused as the parser meets it, before anything is expanded,
  so an alias bomb costs the few bytes it is written in;
- tagged with anything beyond YAML's plain types (nothing is ever constructed from a tag);
- nested deeper than `max_depth` or holding more than `max_nodes` keys and values, counted as
  they are parsed: what a file can take in memory is bounded by the limits, not its content;
- holding a duplicate key, or a key that is not a plain value.

The data is built straight from libyaml's events rather than from a composed node tree: no
node objects are made (composing the tree alone costs more than reading the file this way),
and every limit above is checked before the next event is read.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path
from typing import Any

import yaml

from catalog.errors import DatamapError

# Deeper than any inventory, manifest or draft needs (they nest five or six levels), shallow
# enough that a recursive reader of the data can never run out of stack.
MAX_DEPTH = 64
# Keys and values in one file: ten times the largest file of a generated size-L inventory
# (105,000 in collection_points.yaml), and few enough that the data built stays within a few
# hundred MB whatever the file holds.
MAX_NODES = 1_000_000

PathKey = tuple[str | int, ...]

# libyaml's parser where PyYAML has it (the wheels do); the pure-Python one gives the same events.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_C = _Loader is not yaml.SafeLoader
_constructor = yaml.SafeLoader("")
_TAG = "tag:yaml.org,2002:"
_STR, _SEQ, _MAP = _TAG + "str", _TAG + "seq", _TAG + "map"
# The scalar types a plain YAML file may hold, each with the function that makes its value.
_SCALARS = {
    _TAG + t: _constructor.yaml_constructors[_TAG + t]
    for t in ("int", "float", "bool", "null", "timestamp", "binary")
}
_PLAIN_TAGS = (None, "!")  # no tag, or the non-specific one: resolved as YAML 1.1 says
_IMPLICIT: dict[str | None, list[tuple[str, Any]]] = _Loader.yaml_implicit_resolvers


class YamlRefused(DatamapError):
    """A YAML file that is not read: `reason`, at `line` (1-based) of `file`, under `field`."""

    exit_code = 1
    http_status = 422

    def __init__(self, file: Path, line: int | None, field: str | None, reason: str) -> None:
        where = f"{file}:{line}" if line is not None else str(file)
        super().__init__(f"{where}: {field}: {reason}" if field else f"{where}: {reason}")
        self.file, self.line, self.field, self.reason = file, line, field, reason


def read_text(path: Path, max_bytes: int, *, follow_symlinks: bool = True) -> str:
    """The file's text, refused when it is not a regular file, larger than `max_bytes`, binary
    or not UTF-8. The checks are made on the opened file (no swap between check and read)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    if not follow_symlinks:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        # O_NONBLOCK: opening a named pipe returns at once instead of waiting for a writer.
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP and not follow_symlinks:
            raise YamlRefused(path, None, None, "a symbolic link; not followed") from None
        raise YamlRefused(path, None, None, f"cannot be read: {exc.strerror}") from None
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(f.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise YamlRefused(path, None, None, "not a regular file; not read")
        if info.st_size > max_bytes:
            raise YamlRefused(
                path,
                None,
                None,
                f"file is {info.st_size:,} bytes; the limit is {max_bytes:,} bytes",
            )
        # what it holds and a byte more, to see it grow (then the rest, up to the limit)
        blob = f.read(info.st_size + 1)
        if len(blob) > info.st_size:
            blob += f.read(max_bytes + 1 - len(blob))
    if len(blob) > max_bytes:  # it grew past the limit since it was measured
        raise YamlRefused(
            path, None, None, f"file is over {max_bytes:,} bytes; the limit is {max_bytes:,} bytes"
        )
    if b"\x00" in blob:
        line = blob[: blob.index(b"\x00")].count(b"\n") + 1
        raise YamlRefused(path, line, None, "file holds binary content (a NUL byte), not YAML text")
    try:
        return blob.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = blob[: exc.start].count(b"\n") + 1
        raise YamlRefused(
            path, line, None, f"file is not UTF-8 text (byte 0x{blob[exc.start]:02x})"
        ) from None


def parse(
    text: str,
    file: Path,
    *,
    what: str = "datamap's files",
    max_depth: int = MAX_DEPTH,
    max_nodes: int = MAX_NODES,
    lines: dict[PathKey, int] | None = None,
) -> Any:
    """The YAML document in `text` as plain data (dicts with string keys, lists, scalars), None
    for an empty one. `what` names the kind of file in messages ("an inventory"). With `lines`,
    the line of every path is recorded there, up to the first problem."""
    return _Events(text, file, what, max_depth, max_nodes, lines).document()


def read_yaml(
    path: Path,
    max_bytes: int,
    *,
    what: str = "datamap's files",
    follow_symlinks: bool = True,
    max_depth: int = MAX_DEPTH,
    max_nodes: int = MAX_NODES,
) -> Any:
    """`read_text`, then `parse`: the file's data, or YamlRefused saying why not."""
    text = read_text(path, max_bytes, follow_symlinks=follow_symlinks)
    return parse(text, path, what=what, max_depth=max_depth, max_nodes=max_nodes)


def dotted(path: PathKey) -> str:
    """A path as a person reads it: `subjects[0].name`."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class _Events:
    """One pass over the parser's events, building the data and refusing what no file of
    datamap's needs."""

    def __init__(
        self,
        text: str,
        file: Path,
        what: str,
        max_depth: int,
        max_nodes: int,
        lines: dict[PathKey, int] | None,
    ) -> None:
        self.text, self.file, self.what = text, file, what
        self.max_depth, self.max_nodes, self.lines = max_depth, max_nodes, lines
        self.nodes = 0
        self.next: Any = None  # the parser's get_event, while a document is read

    def refuse(self, event: Any, reason: str, path: PathKey | None = None) -> YamlRefused:
        field = (dotted(path) or None) if path else None
        return YamlRefused(self.file, event.start_mark.line + 1, field, reason)

    def document(self) -> Any:
        parser = _Loader(self.text)
        self.next = parser.get_event
        try:
            self.next()  # the stream's start
            if parser.check_event(yaml.StreamEndEvent):
                return None
            self.next()  # the document's start
            data = self.value(self.next(), (), 0)
            self.next()  # the document's end
            if not parser.check_event(yaml.StreamEndEvent):
                raise self.refuse(
                    self.next(),
                    "invalid YAML: expected a single document in the stream, but found another",
                )
            return data
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            message = " ".join(x for x in (exc.context, exc.problem) if x) or str(exc)
            raise YamlRefused(
                self.file, mark.line + 1 if mark else None, None, f"invalid YAML: {message}"
            ) from None
        except yaml.reader.ReaderError as exc:  # a character YAML does not allow
            # libyaml counts the position in bytes of UTF-8, PyYAML's own reader in characters
            if _C:
                line = self.text.encode()[: exc.position].count(b"\n") + 1
            else:
                line = self.text[: exc.position].count("\n") + 1
            raise YamlRefused(
                self.file,
                line,
                None,
                f"invalid YAML: character #x{exc.character:04x} is not allowed ({exc.reason})",
            ) from None
        except yaml.YAMLError as exc:
            raise YamlRefused(self.file, None, None, f"invalid YAML: {exc}") from None
        finally:
            with contextlib.suppress(Exception):
                parser.dispose()

    def node(self, event: Any) -> int:
        """Count `event` as a node and refuse an alias or anchor on it; its line."""
        self.nodes += 1
        if self.nodes > self.max_nodes:
            raise self.refuse(
                event,
                f"the file holds more than {self.max_nodes:,} keys and values; that is the limit",
            )
        kind = type(event)
        if kind is yaml.AliasEvent:
            raise self.refuse(event, f"invalid YAML: YAML aliases are not allowed in {self.what}")
        if event.anchor is not None:
            raise self.refuse(
                event,
                f"invalid YAML: YAML anchors (&{event.anchor}) are not allowed in {self.what}",
            )
        line: int = event.start_mark.line + 1
        return line

    def value(self, event: Any, path: PathKey, depth: int) -> Any:
        line = self.node(event)
        if self.lines is not None:
            self.lines.setdefault(path, line)
        kind = type(event)
        if kind is yaml.ScalarEvent:
            return self.scalar(event, path)
        if depth >= self.max_depth:
            raise self.refuse(event, "nesting is too deep")
        tag = event.tag
        if kind is yaml.SequenceStartEvent:
            if tag not in _PLAIN_TAGS and tag != _SEQ:
                raise self.refuse(event, f"invalid YAML: the tag {tag} is not allowed")
            items: list[Any] = []
            while type(item := self.next()) is not yaml.SequenceEndEvent:
                items.append(self.value(item, (*path, len(items)), depth + 1))
            return items
        if tag not in _PLAIN_TAGS and tag != _MAP:
            raise self.refuse(event, f"invalid YAML: the tag {tag} is not allowed")
        out: dict[str, Any] = {}
        while type(key_event := self.next()) is not yaml.MappingEndEvent:
            key_line = self.node(key_event)
            if type(key_event) is not yaml.ScalarEvent:
                raise self.refuse(key_event, "keys must be plain values", path)
            raw = self.scalar(key_event, path)
            key = raw if isinstance(raw, str) else str(raw)
            if key in out:
                raise self.refuse(
                    key_event, f"key {key!r} appears twice in the same mapping", (*path, key)
                )
            if self.lines is not None:
                self.lines[(*path, key)] = key_line
            out[key] = self.value(self.next(), (*path, key), depth + 1)
        return out

    def scalar(self, event: Any, path: PathKey) -> Any:
        tag, value = event.tag, event.value
        if tag in _PLAIN_TAGS:
            tag = _STR
            if event.implicit[0]:  # a plain scalar: its type is read from its text
                for candidate, pattern in _IMPLICIT.get(value[:1], ()):
                    if pattern.match(value):
                        tag = candidate
                        break
        if tag == _STR:
            return value
        make = _SCALARS.get(tag)
        if make is None:
            raise self.refuse(event, f"invalid YAML: the tag {tag} is not allowed")
        node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
        try:
            return make(_constructor, node)
        # PyYAML's constructors raise whatever they meet (ValueError for 2023-02-30, an
        # AttributeError for `!!timestamp x`): each is this scalar's problem, not a crash.
        except Exception as exc:
            kind = tag.rsplit(":", 1)[-1]
            raise self.refuse(
                event,
                f"{value[:40]!r} is not a valid {kind}: {str(exc).split(';')[0]}",
                path,
            ) from None
