"""Read inventory YAML files into plain data, remembering the line of every field.

The loader is the first line of defence against hostile files: through the one YAML reader
(model/yamlfile.py) it refuses anchors and aliases (no alias bombs), unsafe tags, duplicate keys,
deep nesting, too many values, non-UTF-8 or binary content and oversized files, and reports each
problem with the file and line it is on.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from catalog.model.problems import Problem
from catalog.model.yamlfile import PathKey, YamlRefused, parse, read_text
from catalog.model.yamlfile import dotted as dotted  # the loader's users name paths with it
from catalog.settings import DEFAULT_MAX_FILE_BYTES

YAML_SUFFIXES = (".yaml", ".yml")
WHAT = "an inventory"


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
            self._lines = _line_map(self.file, self.text) if self.text else {}
        return self._lines

    def line(self, path: PathKey) -> int | None:
        """Line of the deepest part of `path` that exists in the file."""
        lines = self.lines
        for cut in range(len(path), -1, -1):
            found = lines.get(path[:cut])
            if found is not None:
                return found
        return None


def read_document(path: Path, max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> RawDocument | Problem:
    try:
        text = read_text(path, max_bytes)
        data = parse(text, path, what=WHAT)
    except YamlRefused as exc:
        return Problem(path, exc.line, exc.field, exc.reason)
    return RawDocument(file=path, data={} if data is None else data, text=text)


def _line_map(file: Path, text: str) -> dict[PathKey, int]:
    """The line of every path in the document (a mapping entry's line is its key's)."""
    lines: dict[PathKey, int] = {}
    with contextlib.suppress(YamlRefused):  # the lines up to a problem stay
        parse(text, file, what=WHAT, lines=lines)
    return lines


def inventory_files(root: Path) -> list[Path]:
    return sorted(p for p in root.iterdir() if p.is_file() and p.suffix in YAML_SUFFIXES)
