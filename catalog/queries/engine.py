"""The query engine: the one place the CLI and the API ask questions of the catalogue.

It resolves what a user typed (an id or a name, any case, straight or curly quotes) to an
entry, asks the store for a view sufficient for the query, and computes the answer from it.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from rapidfuzz import fuzz, process

from catalog import queries
from catalog.errors import Ambiguous, BadRequest, NotFound
from catalog.graph.view import GraphView
from catalog.loading.policy import fold_key
from catalog.model.kinds import Label
from catalog.model.results import (
    Category,
    CheckAnswer,
    Entity,
    Lineage,
    Page,
    RecipientCategories,
    RecipientDetail,
    Ropa,
    Transfers,
    WhatIsSold,
    WhoReceives,
)
from catalog.queries.common import category as category_of
from catalog.queries.common import cites, recipient_summary
from catalog.review.compliance.models import Findings
from catalog.stores.base import NameEntry, Store

T = TypeVar("T")

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
    """Answers questions from a store. Stores whose graph never changes (the embedded one) have
    their answers kept, most recently used first, so a repeated question costs a lookup."""

    CACHE_SIZE = 512

    def __init__(self, store: Store) -> None:
        self.store = store
        self._index: _NameIndex | None = None
        self._answers: OrderedDict[tuple[Any, ...], Any] = OrderedDict()

    def _cached(self, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
        if not getattr(self.store, "immutable", False):
            return compute()
        found = self._answers.get(key)
        if found is not None:
            self._answers.move_to_end(key)
            return found
        answer = compute()
        self._answers[key] = answer
        if len(self._answers) > self.CACHE_SIZE:
            self._answers.popitem(last=False)
        return answer

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

    # -- queries --------------------------------------------------------------------------------

    def list(
        self, what: str, q: str | None = None, limit: int | None = None, offset: int = 0
    ) -> Page:
        if what not in queries.LIST_LABELS:
            raise BadRequest(
                f"cannot list {what!r}; choose one of {', '.join(queries.LIST_LABELS)}"
            )
        items = self._cached(
            ("list", what),
            lambda: queries.list_items(self.store.view("list", {"what": what}), what),
        )
        if q:
            needle = fold_key(q)
            items = [i for i in items if needle in fold_key(i.name) or needle in i.id]
        total = len(items)
        page = items[offset : offset + limit if limit is not None else None]
        return Page[Any](items=page, total=total, limit=limit, offset=offset)

    def show(self, text: str) -> Entity:
        nid = self.resolve(text)
        return self._cached(
            ("show", nid), lambda: queries.show(self.store.view("show", {"id": nid}), nid)
        )

    def who_receives(self, category: str) -> WhoReceives:
        cid = self.category_id(category)
        return self._cached(
            ("who_receives", cid),
            lambda: queries.who_receives(self.store.view("who_receives", {"id": cid}), cid),
        )

    def snapshot(self) -> GraphView:
        """The whole graph, for exports and the data map."""
        return self.store.view("everything", {})

    def category(self, text: str) -> Category:
        cid = self.category_id(text)
        return self._cached(
            ("category", cid), lambda: category_of(self.store.view("category", {"id": cid}), cid)
        )

    def recipient(self, text: str) -> RecipientDetail:
        rid = self.resolve(text, (Label.Recipient,))
        view = self.store.view("recipient", {"id": rid})
        return RecipientDetail(
            **recipient_summary(view, rid).model_dump(),
            sources=cites(view.node(rid).get("sources")),
        )

    def check(self, category: str, recipient: str) -> CheckAnswer:
        cid = self.category_id(category)
        rid = self.resolve(recipient, (Label.Recipient,))
        return self._cached(
            ("check", cid, rid),
            lambda: queries.check(
                self.store.view("check", {"id": cid, "recipient": rid}), cid, rid
            ),
        )

    def recipient_categories(self, recipient: str) -> RecipientCategories:
        rid = self.resolve(recipient, (Label.Recipient,))
        return self._cached(
            ("recipient_categories", rid),
            lambda: queries.recipient_categories(
                self.store.view("recipient_categories", {"id": rid}), rid
            ),
        )

    def what_is_sold(self) -> WhatIsSold:
        return self._cached(
            ("what_is_sold",), lambda: queries.what_is_sold(self.store.view("what_is_sold", {}))
        )

    def transfers(self) -> Transfers:
        return self._cached(
            ("transfers",), lambda: queries.transfers(self.store.view("transfers", {}))
        )

    def lineage(self, category: str, depth: int = queries.DEFAULT_DEPTH) -> Lineage:
        if not 1 <= depth <= queries.MAX_DEPTH:
            raise BadRequest(f"depth must be between 1 and {queries.MAX_DEPTH}, not {depth}")
        cid = self.category_id(category)
        return self._cached(
            ("lineage", cid, depth),
            lambda: queries.lineage(
                self.store.view("lineage", {"id": cid, "depth": depth}), cid, depth
            ),
        )

    def ropa(self, regime: str) -> Ropa:
        rid = self.resolve(regime, (Label.Regime,))
        return self._cached(
            ("ropa", rid), lambda: queries.ropa(self.store.view("ropa", {"regime": rid}), rid)
        )

    def findings(
        self,
        regime: str | None = None,
        as_of: dt.date | None = None,
        rules_file: Path | None = None,
    ) -> Findings:
        """The rule catalogue judged on the whole graph: for one regime, or all when None."""
        from catalog.review.compliance import RULES_FILE, run_checks

        rid = self.resolve(regime, (Label.Regime,)) if regime else None
        return run_checks(
            self.snapshot(),
            rules(rules_file or RULES_FILE),
            regime=rid,
            as_of=as_of or dt.date.today(),
        )


def rules(path: Path) -> list[Any]:
    """The rule catalogue at `path`, read again only when the file changes."""
    try:
        stamp = path.stat().st_mtime_ns
    except OSError as exc:
        raise BadRequest(f"cannot read the rules file {path}: {exc.strerror}") from None
    return _rules(path, stamp)


@lru_cache(maxsize=4)
def _rules(path: Path, stamp: int) -> list[Any]:
    from catalog.review.compliance import load_rules

    return load_rules(path)


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
