"""Named Cypher queries for the data protection officer, kept as `.cypher` files.

Each file starts with `//` comment lines: the first says what the query answers, and each
`// :param NAME  description` documents a parameter. The same text can be pasted into Neo4j
Browser or cypher-shell (with `:param name => 'value'`). They run in read transactions, and a
query with a write clause is refused before it reaches the server.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from neo4j import ManagedTransaction
from rapidfuzz import process

from catalog.errors import BadRequest, NotFound
from catalog.model.kinds import NODE_KINDS
from catalog.stores.neo4j.store import Neo4jStore

QUERY_DIR = Path(__file__).resolve().parent / "cypher"
_PARAM = re.compile(r"^//\s*:param\s+(\w+)\s+(.*)$")
_WRITE = re.compile(
    r"\b(CREATE|MERGE|DELETE|DETACH|SET|REMOVE|DROP|FOREACH|LOAD\s+CSV)\b|\bCALL\s+(db|dbms|apoc)\.",
    re.IGNORECASE,
)
_STRINGS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")


# A parameter documented as "id of a Recipient, ..." names an entry of that kind: what a
# person types for it is resolved to an id, as for every other question.
_ENTRY_PARAM = re.compile(r"^id of an? (\w+)")


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    params: dict[str, str] = field(default_factory=dict)
    text: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "description": self.description, "params": self.params}

    def kinds(self) -> dict[str, str]:
        """The parameters that name an entry, with the kind of entry they name."""
        found = {name: _ENTRY_PARAM.match(text) for name, text in self.params.items()}
        return {name: m.group(1) for name, m in found.items() if m and m.group(1) in NODE_KINDS}


def parse(name: str, text: str) -> NamedQuery:
    description: list[str] = []
    params: dict[str, str] = {}
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("//"):
            break
        match = _PARAM.match(stripped)
        if match:
            params[match.group(1)] = match.group(2).strip()
        else:
            description.append(stripped.lstrip("/").strip())
    return NamedQuery(name=name, description=" ".join(description), params=params, text=text)


def is_read_only(text: str) -> bool:
    body = "\n".join(line for line in text.splitlines() if not line.strip().startswith("//"))
    return _WRITE.search(_STRINGS.sub("''", body)) is None


def load_all(directory: Path = QUERY_DIR) -> dict[str, NamedQuery]:
    queries = {}
    for path in sorted(directory.glob("*.cypher")):
        query = parse(path.stem, path.read_text(encoding="utf-8"))
        if not is_read_only(query.text):
            raise BadRequest(
                f"named query {path.name} writes to the graph; named queries are read-only"
            )
        queries[query.name] = query
    return queries


def get(name: str, directory: Path = QUERY_DIR) -> NamedQuery:
    queries = load_all(directory)
    if name not in queries:
        close = [
            (m[0], queries[m[0]].description[:60])
            for m in process.extract(name, list(queries), limit=3, score_cutoff=50)
        ]
        raise NotFound("named query", name, close)
    return queries[name]


def bind(query: NamedQuery, given: Mapping[str, str]) -> dict[str, Any]:
    """Check the parameters against the ones the query documents."""
    unknown = sorted(set(given) - set(query.params))
    if unknown:
        raise BadRequest(
            f"{query.name} takes no parameter {', '.join(unknown)}; it takes {_listing(query)}"
        )
    missing = sorted(set(query.params) - set(given))
    if missing:
        raise BadRequest(
            f"{query.name} needs {', '.join('--param ' + m + '=...' for m in missing)} ({_listing(query)})"
        )
    return dict(given)


def _listing(query: NamedQuery) -> str:
    return ", ".join(f"{k}: {v}" for k, v in query.params.items()) or "no parameters"


def plain(value: Any) -> Any:
    """Driver values as JSON: nodes and relationships as their properties, temporal as ISO."""
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if hasattr(value, "items") and hasattr(value, "element_id"):
        return {k: plain(v) for k, v in dict(value.items()).items()}
    return value


# Nested values (lists of quotes) are stored as JSON text in properties named `<prop>__json`;
# a query returns one as a column named `<column>__json` and it is given back as the value it
# holds, under `<column>`, not as a string of JSON to be decoded again.
_JSON_SUFFIX = "__json"


def _decoded(columns: list[str], rows: list[list[Any]]) -> tuple[list[str], list[list[Any]]]:
    marked = [i for i, c in enumerate(columns) if c.endswith(_JSON_SUFFIX)]
    if not marked:
        return columns, rows
    for row in rows:
        for i in marked:
            if isinstance(row[i], str):
                row[i] = json.loads(row[i])
    return [c.removesuffix(_JSON_SUFFIX) for c in columns], rows


@dataclass(frozen=True)
class NamedResult:
    query: str
    params: dict[str, Any]
    columns: list[str]
    rows: list[dict[str, Any]]
    note: str | None = None  # what an empty answer means, in words

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "params": self.params,
            "columns": self.columns,
            "rows": self.rows,
            "note": self.note,
        }


# What the caller resolves a typed name with: (text, kinds) -> id, NotFound otherwise.
Resolve = Callable[[str, tuple[str, ...]], str]


def run(
    store: Neo4jStore,
    query: NamedQuery,
    given: Mapping[str, str],
    resolve: Resolve | None = None,
) -> NamedResult:
    """Run a named query with the parameters given (checked first, and those naming an entry
    resolved to its id by `resolve`) in a read transaction."""
    params = bind(query, given)
    if resolve is not None:
        for name, kind in query.kinds().items():
            params[name] = resolve(params[name], (kind,))

    def work(tx: ManagedTransaction) -> tuple[list[str], list[list[Any]]]:
        result = tx.run(query.text, params)
        return list(result.keys()), [plain(list(record.values())) for record in result]

    columns, rows = store.read(work)
    columns, rows = _decoded(columns, rows)
    note = None
    if not rows:
        asked = ", ".join(f"{k}={v}" for k, v in params.items()) or "no parameters"
        note = f"no rows: the graph holds nothing that answers {query.name} for {asked}"
    return NamedResult(
        query=query.name,
        params=params,
        columns=columns,
        rows=[dict(zip(columns, row, strict=True)) for row in rows],
        note=note,
    )
