"""Every Cypher statement datamap can send is valid Neo4j 5, as Neo4j's own front end (its
parser and semantic analysis, from the npm package @neo4j-cypher/language-support, pinned in
dialect/package.json and installed by `make setup-test`) judges it: the integration tests run
on ArcadeDB, which accepts Cypher that Neo4j rejects.

The statements come from their declarations (each question's scope, the store's reads, every
sync statement for every label and relationship type, the schema, the meta and policy writes,
the named queries), and from what the driver was asked during this test session, which must
be among them, so that nothing escapes."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from catalog import queries
from catalog.model.kinds import NODE_KINDS, RELATIONSHIP_TYPES
from catalog.stores.neo4j import named, store, sync
from catalog.stores.neo4j.scopes import scope_of

DIALECT = Path(__file__).resolve().parent / "dialect"
FRONT_END = DIALECT / "node_modules" / "@neo4j-cypher" / "language-support"

# Warnings Neo4j's front end may give that are accepted, each with its reason. (None today.)
ACCEPTED_WARNINGS: dict[str, str] = {}


def declared() -> dict[str, set[str]]:
    """Statement text -> the names of its parameters, for everything datamap can send."""
    found: dict[str, set[str]] = {}

    def add(text: str, params: object) -> None:
        found.setdefault(text, set()).update(params)  # type: ignore[arg-type]

    for query in queries.QUERIES:
        names = [p.name for p in query.params]
        for scope in scope_of(query.name).variants():
            if scope.shaped:  # sent as one query with the metadata, as the store sends it
                family = ["family", "held"] if scope.family else []
                add(scope.shaped_query(store.SHAPED_META), [*names, *family, "derived", "meta_id"])
            else:
                add(scope.query(), names)
    for text, params in (*store.STATEMENTS, *sync.statements()):
        add(text, params)
    for q in named.load_all().values():
        add(q.text, q.params)
    return found


def _node() -> str:
    node = shutil.which("node")
    assert node, "Node.js is needed for the dialect check: apt-get install nodejs"
    assert FRONT_END.is_dir(), f"run `make setup-test` (npm ci in {DIALECT})"
    return node


def _judge(statements: dict[str, set[str]]) -> dict[str, list[dict[str, str]]]:
    """A Node process per core but one (the tests keep that one), each judging a share."""
    node = _node()
    texts = sorted(statements)
    cores = max(1, (os.cpu_count() or 1) - 1)
    labels = [*NODE_KINDS, store.COMMON_LABEL, store.META_LABEL, store.POLICY_LABEL]

    def share(texts: list[str]) -> list[list[dict[str, str]]]:
        payload = {
            "labels": labels,
            "relationshipTypes": list(RELATIONSHIP_TYPES),
            "statements": [{"text": t, "params": sorted(statements[t])} for t in texts],
        }
        done = subprocess.run(
            [node, "lint.mjs"],
            cwd=DIALECT,
            input=json.dumps(payload),
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return json.loads(done.stdout)

    shares = [texts[i::cores] for i in range(cores) if texts[i::cores]]
    with ThreadPoolExecutor(max_workers=len(shares) or 1) as pool:
        results = list(pool.map(share, shares))
    return {
        t: d
        for part, found in zip(shares, results, strict=True)
        for t, d in zip(part, found, strict=True)
    }


# The front end needs about 10 s of CPU for the declared statements: judging starts as this
# module is collected, so that it runs on the other core while the other tests do.
def _declared_and_judged() -> tuple[dict[str, set[str]], dict[str, list[dict[str, str]]]]:
    statements = declared()
    return statements, _judge(statements)


_DECLARED = ThreadPoolExecutor(max_workers=1).submit(_declared_and_judged)
_JUDGED: dict[tuple[str, frozenset[str]], list[dict[str, str]]] = {}


def front_end(statements: dict[str, set[str]]) -> dict[str, list[dict[str, str]]]:
    """Neo4j's diagnostics for each statement (Cypher 5, with semantic analysis), judged with
    exactly the parameters given."""
    if not _JUDGED:
        known, judged = _DECLARED.result()
        _JUDGED.update({(t, frozenset(known[t])): d for t, d in judged.items()})
    todo = {t: p for t, p in statements.items() if (t, frozenset(p)) not in _JUDGED}
    if todo:
        _JUDGED.update({(t, frozenset(todo[t])): d for t, d in _judge(todo).items()})
    return {t: _JUDGED[(t, frozenset(p))] for t, p in statements.items()}


def problems_of(statements: dict[str, set[str]]) -> list[str]:
    out = []
    for text, diagnostics in front_end(statements).items():
        for d in diagnostics:
            if d["severity"] == "warning" and any(w in d["message"] for w in ACCEPTED_WARNINGS):
                continue
            if d["severity"] in ("error", "warning"):
                out.append(f"{d['severity']}: {d['message']}\n    in: {' '.join(text.split())}")
    return out


def test_every_declared_statement_is_valid_neo4j_5() -> None:
    statements = declared()
    assert len(statements) > 150  # scopes, store reads, sync for every label and type, queries
    assert problems_of(statements) == []


def test_the_front_end_finds_what_neo4j_rejects() -> None:
    """The check can fail: Neo4j's implicit-grouping rule, a misspelt label and a missing
    parameter are each reported."""
    found = front_end(
        {
            "MATCH (n:Datamap {id: $id}) OPTIONAL MATCH (n)--(m:Datamap) "
            "RETURN [n.id] + collect(m.id) AS ids": {"id"},
            "MATCH (n:DataCategry) RETURN n.id AS ids": set(),
            "MATCH (n:Datamap {id: $id}) RETURN n.id AS ids": set(),
        }
    )
    messages = [" ".join(d["message"] for d in ds) for ds in found.values()]
    assert any("implicit grouping expressions" in m for m in messages)
    assert any("Label DataCategry is not present" in m for m in messages)
    assert any("Parameter $id is not defined" in m for m in messages)


@pytest.mark.after_integration
def test_what_the_driver_was_asked_is_declared_and_valid(
    shared_synced_store, cypher_log, question_args
) -> None:
    """Runs after the other tests: everything datamap's code sent through the driver during
    them (sync, reads, named queries, the API on Neo4j) was declared, and is valid."""
    from catalog.queries.engine import QueryEngine

    asking = QueryEngine(shared_synced_store)
    for query in queries.QUERIES:  # so that this test, run alone, records every question too
        asking.ask(query, **question_args(query))
    recorded = dict(cypher_log)
    statements = declared()
    undeclared = sorted(" ".join(t.split()) for t in recorded if t not in statements)
    assert undeclared == []
    for text, params in recorded.items():
        # Sent with exactly the parameters it uses and declares (no more, none missing) ...
        assert params <= statements[text], (text, params)
        assert set(re.findall(r"\$(\w+)", text)) <= params, (text, params)
    # ... and valid, as declared.
    assert problems_of({t: statements[t] for t in recorded}) == []
