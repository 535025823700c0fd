"""The query engine: the one place the CLI and the API ask questions of the catalogue.

It resolves what a user typed (an id or a name, any case, straight or curly quotes) to an
entry, asks the store for a view sufficient for the query, and computes the answer from it.
"""

from __future__ import annotations

from typing import Any, TypeVar

from rapidfuzz import fuzz, process

from catalog.errors import Ambiguous, BadRequest, NotFound
from catalog.graph.view import GraphView
from catalog.loading.policy import fold_key
from catalog.model.kinds import Label
from catalog.queries.catalog import EVERYTHING
from catalog.queries.query import REQUIRED, Entry, Query
from catalog.stores.base import NameEntry, Store

R = TypeVar("R")

LABEL_WORDS = {
    Label.DataCategory: "data category",
    Label.Recipient: "recipient",
    Label.Regime: "regime",
    Label.ProcessingActivity: "processing activity",
    Label.CollectionPoint: "collection point",
    Label.Purpose: "purpose",
}


class _NameIndex:
    """Entries by id, folded id and folded name, for resolving what users type in O(1)."""

    def __init__(self, names: list[NameEntry]) -> None:
        self.source = names
        self.by_id = {e.id: e for e in names}
        self.by_key: dict[tuple[str, str], list[NameEntry]] = {}
        for e in names:
            for field in ("id", "name"):
                self.by_key.setdefault((field, fold_key(getattr(e, field))), []).append(e)


class QueryEngine:
    """Asks the store's graph any declared question (a `Query`); the CLI and the API both ask
    through one engine. Answers are not kept here: the API keeps rendered answers by ETag."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._index: _NameIndex | None = None

    # -- resolution ----------------------------------------------------------------------------

    def name_index(self) -> _NameIndex:
        """Ids and names, indexed; rebuilt when the store's list of names changes (a sync)."""
        names = self.store.names()
        if self._index is None or self._index.source is not names:
            self._index = _NameIndex(names)
        return self._index

    def resolve(self, text: str, labels: tuple[str, ...] | None = None) -> str:
        """The id of the entry `text` names, by id or by name; NotFound with suggestions."""
        index = self.name_index()
        names = index.source

        def allowed(e: NameEntry) -> bool:
            return labels is None or e.label in labels

        cleaned = text.strip()
        exact = index.by_id.get(cleaned)
        if exact is not None and allowed(exact):
            return exact.id
        key = fold_key(cleaned)
        for field in ("id", "name"):
            hits = [e for e in index.by_key.get((field, key), []) if allowed(e)]
            if len(hits) == 1:
                return hits[0].id
            if len(hits) > 1:
                raise Ambiguous(text, [(e.id, e.name) for e in hits])
        what = " or ".join(LABEL_WORDS.get(x, x) for x in labels) if labels else "entry"
        raise NotFound(what, text, _suggest(key, [e for e in names if allowed(e)]))

    def category_id(self, text: str) -> str:
        return self.resolve(text, (Label.DataCategory,))

    # -- questions -------------------------------------------------------------------------------

    def ask(self, query: Query[R], **given: Any) -> R:
        """The answer to `query`, its arguments given by name: entries by id or name."""
        unknown = set(given) - {p.name for p in query.params}
        if unknown:
            raise TypeError(f"{query.name} takes no argument {', '.join(sorted(unknown))}")
        args: dict[str, Any] = {}
        for param in query.params:
            value = given.get(param.name, getattr(param, "default", REQUIRED))
            if value is REQUIRED:
                raise BadRequest(f"{query.name} needs {param.name}")
            if isinstance(param, Entry):
                value = self.resolve(value, param.kinds or None)
            elif param.check is not None:
                value = param.check(value)
            args[param.name] = value
        view = self.store.view(query, args)
        return query.answer(view, *args.values())

    def snapshot(self) -> GraphView:
        """The whole graph, for exports, the compliance checks and the data map."""
        return self.ask(EVERYTHING)


def _suggest(key: str, candidates: list[NameEntry], limit: int = 5) -> list[tuple[str, str]]:
    if not key or not candidates:
        return []
    choices = {i: fold_key(e.name) for i, e in enumerate(candidates)}
    id_choices = {i: e.id for i, e in enumerate(candidates)}
    scored: dict[int, float] = {}
    for pool in (choices, id_choices):
        for _, score, i in process.extract(
            key, pool, scorer=fuzz.WRatio, limit=limit * 2, score_cutoff=60
        ):
            scored[i] = max(scored.get(i, 0), score)
    best = sorted(scored, key=lambda i: (-scored[i], candidates[i].name))[:limit]
    return [(candidates[i].id, candidates[i].name) for i in best]
