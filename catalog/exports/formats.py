"""What an export is: a kind, the formats it is written in, and the writer of each.

A `Document` is one file per format, rendered from one computed value (a record, the CCPA
table, the JSON-LD, the provenance facts). A `Folder` writes several files (the CNIL sheets,
the regulator pack). `negotiate` picks a format by an HTTP Accept header, by q-value.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from catalog.errors import BadRequest
from catalog.queries.engine import QueryEngine

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Options:
    """What an export may be asked for besides its format."""

    regime: str = "gdpr"
    progress: Progress | None = None
    # The pack's front page lists the top findings; the review layer computes them, so the
    # caller (the CLI) passes the function in: exports and review never import each other.
    findings: Callable[[QueryEngine], list[dict[str, str]]] | None = None


@dataclass(frozen=True)
class Format:
    name: str  # as given to -f, and the file suffix
    media_type: str
    label: str  # as the pack's index names it
    render: Callable[[Any], str | bytes] | None = None  # a Folder's formats render nothing


@dataclass(frozen=True)
class Document:
    kind: str
    summary: str
    compute: Callable[[QueryEngine, Options], Any]
    formats: tuple[Format, ...]

    def format(self, name: str) -> Format:
        return _format(self.kind, self.formats, name)

    def render(self, value: Any, fmt: str) -> str | bytes:
        render = self.format(fmt).render
        assert render is not None
        return render(value)

    def write(self, engine: QueryEngine, output: Path, fmt: str, options: Options) -> str:
        data = for_file(self.render(self.compute(engine, options), fmt), fmt)
        output.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            output.write_bytes(data)
        else:
            output.write_text(data, encoding="utf-8")
        return f"wrote {output}"


@dataclass(frozen=True)
class Folder:
    kind: str
    summary: str
    formats: tuple[Format, ...]
    # (engine, folder or file, format name, options) -> what was written, for the user
    writer: Callable[[QueryEngine, Path, str, Options], str] = field(repr=False)

    def format(self, name: str) -> Format:
        return _format(self.kind, self.formats, name)

    def write(self, engine: QueryEngine, output: Path, fmt: str, options: Options) -> str:
        return self.writer(engine, output, self.format(fmt).name, options)


Export = Document | Folder

# Excel on Windows reads a CSV without a byte-order mark as the local code page, and garbles
# § and curly quotes: files get the mark (a stream to stdout does not).
UTF8_BOM = "\ufeff"


def for_file(data: str | bytes, fmt: str) -> str | bytes:
    """What is written to a file for `fmt`: a CSV with the UTF-8 byte-order mark."""
    if fmt == "csv" and isinstance(data, str) and not data.startswith(UTF8_BOM):
        return UTF8_BOM + data
    return data


def _format(kind: str, formats: Sequence[Format], name: str) -> Format:
    for f in formats:
        if f.name == name:
            return f
    raise BadRequest(f"{kind} is written as {', '.join(f.name for f in formats)}, not {name!r}")


def choose_format(export: Export, output: Path, given: str | None) -> str:
    """The format `-f` names, else the one `-o`'s suffix names, else the export's first."""
    if given:
        return export.format(given.lower()).name
    suffix = output.suffix.lstrip(".").lower()
    names = [f.name for f in export.formats]
    if suffix in names:
        return suffix
    if suffix and isinstance(export, Document):  # a file named for a format it will not hold
        raise BadRequest(
            f"{export.kind} is written as {', '.join(names)}, not {suffix!r} "
            f"(from the name {output.name}; -f chooses the format)"
        )
    return names[0]


# -- content negotiation ------------------------------------------------------------------------


def _ranges(accept: str) -> list[tuple[str, str, float]]:
    """The media ranges of an Accept header with their q-values (RFC 9110 §12.5.1)."""
    out = []
    for part in accept.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        if "/" not in media:
            continue
        kind, _, sub = media.lower().partition("/")
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        out.append((kind, sub, q))
    return out


def negotiate(accept: str | None, offered: Sequence[str]) -> str | None:
    """The offered media type the header prefers (highest q, then the order offered); the
    first offered when there is no header; None when the header accepts none of them."""
    if not accept or not accept.strip():
        return offered[0] if offered else None
    ranges = _ranges(accept)
    best: tuple[float, int] | None = None
    choice = None
    for rank, media in enumerate(offered):
        kind, _, sub = media.lower().partition("/")
        # The most specific range that matches decides this type's q.
        matched = [
            (3 if (k, s) == (kind, sub) else 2 if k == kind and s == "*" else 1, q)
            for k, s, q in ranges
            if (k == kind and s in (sub, "*")) or (k, s) == ("*", "*")
        ]
        if not matched:
            continue
        q = max(matched)[1]
        if q > 0 and (best is None or (q, -rank) > best):
            best, choice = (q, -rank), media
    return choice
