"""The query engine: the one place the CLI and the API ask questions of the catalogue.

It resolves what a user typed (an id or a name, any case, straight or curly quotes) to an
entry, asks the store for a view sufficient for the query, and computes the answer from it.
"""

from __future__ import annotations

from typing import Any, TypeVar

from catalog.errors import Ambiguous, BadRequest, NotFound, StaleNames
from catalog.graph.pieces import prepare as prepare_pieces
from catalog.graph.view import GraphView
from catalog.model.kinds import Label
from catalog.model.memory import collector_paused
from catalog.model.text import entry_keys, fold_key, name_key
from catalog.queries.query import EVERYTHING, REQUIRED, Entry, Query
from catalog.stores.base import NameEntry, Store

R = TypeVar("R")

LABEL_WORDS = {
    Label.DataCategory: "data category",
    Label.DataSubject: "data subject",
    Label.Recipient: "recipient",
    Label.Regime: "regime",
    Label.ProcessingActivity: "processing activity",
    Label.CollectionPoint: "collection point",
    Label.Purpose: "purpose",
}


class _NameIndex:
    """Entries by id, by their folded ids, names and aliases (also run together, so that
    "e-mail" meets "email"), and by the fideslang keys and DPV terms they carry."""

    def __init__(self, names: list[NameEntry]) -> None:
        self.source = names
        self.by_id = {e.id: e for e in names}
        self.by_key: dict[tuple[str, str], list[NameEntry]] = {}
        self.by_words: dict[str, list[NameEntry]] = {}
        self.by_term: dict[str, list[NameEntry]] = {}
        self.keys: list[tuple[frozenset[str], NameEntry]] = []
        for e in names:
            folded_id, folded_name, *word_keys = e.keys or entry_keys(e.id, e.name, e.aliases)
            self.by_key.setdefault(("id", folded_id), []).append(e)
            self.by_key.setdefault(("name", folded_name), []).append(e)
            seen: set[str] = set()
            for key in word_keys:
                for variant in (key, key.replace(" ", "")):
                    if variant not in seen:
                        seen.add(variant)
                        self.by_words.setdefault(variant, []).append(e)
                self.keys.append((frozenset(key.split()), e))
            for term in e.terms:
                self.by_term.setdefault(term.casefold(), []).append(e)


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
            with collector_paused():  # hundreds of thousands of lists, none of them garbage
                self._index = _NameIndex(names)
        return self._index

    def prepare(self) -> None:
        """Ready before anyone waits (a server's start): the name index built and, for a store
        whose graph never changes, every answer piece made (queries/common.py)."""
        self.name_index()
        if self.store.immutable:
            with collector_paused():
                prepare_pieces(self.store.view(EVERYTHING, {}))

    def resolve(self, text: str, labels: tuple[str, ...] | None = None) -> str:
        """The id of the entry `text` names, as a person would type it: an id or a name in any
        case and spelling of quotes, hyphens and plurals, an alias, a fideslang key or DPV term,
        or a unique part of a name. Where a category and items beneath it all match, the
        category. Several other matches: Ambiguous, listing them. None: NotFound."""
        index = self.name_index()
        names = index.source

        def allowed(e: NameEntry) -> bool:
            return labels is None or e.label in labels

        cleaned = text.strip()
        exact = index.by_id.get(cleaned)
        if exact is not None and allowed(exact):
            return exact.id
        key = fold_key(cleaned)
        words = name_key(cleaned)
        query = frozenset(words.split())
        for hits in (
            index.by_key.get(("id", key), []),
            index.by_key.get(("name", key), []),
            index.by_words.get(words, []) + index.by_words.get(words.replace(" ", ""), []),
            index.by_term.get(cleaned.casefold(), []),
            [e for kept, e in index.keys if query and query <= kept],  # a unique part of a name
        ):
            found = _one(text, [e for e in dict.fromkeys(hits) if allowed(e)], index)
            if found is not None:
                return found
        what = " or ".join(LABEL_WORDS.get(x, x) for x in labels) if labels else "entry"
        suggestions = _suggest(key, [e for e in names if allowed(e)])
        listing = _LISTING.get(labels[0]) if labels and len(labels) == 1 else None
        raise NotFound(what, text, suggestions, listing)

    def category_id(self, text: str) -> str:
        return self.resolve(text, (Label.DataCategory,))

    # -- questions -------------------------------------------------------------------------------

    def ask(self, query: Query[R], **given: Any) -> R:
        """The answer to `query`, its arguments given by name: entries by id or name."""
        try:
            return self._ask(query, given)
        except StaleNames:  # the names were resolved against a graph a sync has replaced
            return self._ask(query, given)
        except (NotFound, Ambiguous):
            # A store that changes keeps its names until an answer shows another graph: a name
            # a sync has just added is looked up once more against fresh ones.
            if self.store.immutable or not self.store.forget_names():
                raise
            return self._ask(query, given)

    def _ask(self, query: Query[R], given: dict[str, Any]) -> R:
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


# Which `datamap list` lists an entry of a kind, for a "not held" hint.
_LISTING = {
    Label.DataCategory: "categories",
    Label.Recipient: "recipients",
    Label.Purpose: "purposes",
    Label.ProcessingActivity: "activities",
    Label.CollectionPoint: "contexts",
}


def _one(text: str, hits: list[NameEntry], index: _NameIndex) -> str | None:
    """The one entry `hits` names: the only one, or the category every other lies beneath."""
    if not hits:
        return None
    if len(hits) == 1:
        return hits[0].id
    for candidate in hits:
        if all(other is candidate or _beneath(other, candidate.id, index) for other in hits):
            return candidate.id
    raise Ambiguous(text, [(e.id, e.name) for e in hits])


def _beneath(entry: NameEntry, ancestor: str, index: _NameIndex) -> bool:
    seen: set[str] = set()
    parent = entry.parent
    while parent is not None and parent not in seen:
        if parent == ancestor:
            return True
        seen.add(parent)
        found = index.by_id.get(parent)
        parent = found.parent if found is not None else None
    return False


# Words that say nothing of which entry is meant: "date of birth" must not suggest everything
# "of" something.
_FILLER = frozenset(
    {
        "of",
        "and",
        "or",
        "the",
        "a",
        "an",
        "to",
        "for",
        "in",
        "on",
        "with",
        "about",
        "by",
        "as",
        "your",
        "our",
        "my",
        "any",
        "other",
        "such",
        "from",
        "at",
        "we",
        "you",
        "that",
        "this",
    }
)


def _content_words(text: str) -> list[str]:
    return [w for w in name_key(text).split() if w not in _FILLER and len(w) > 1]


def _word_meets(typed: str, words: set[str]) -> bool:
    """A typed word meets an entry's word when it is the same, a typo of it ("paymnt"), or
    its start ("info" for "information")."""
    if typed in words:
        return True
    if len(typed) < 4:
        return False
    if any(w.startswith(typed) for w in words):
        return True
    # a transposition ("emial") is one typo; a short word has none ("date" is not "data")
    typos = 0 if len(typed) < 5 else 1 if len(typed) < 7 else 2
    from rapidfuzz.distance import OSA  # only when a name missed: not on every question

    return typos > 0 and any(OSA.distance(typed, w, score_cutoff=typos) <= typos for w in words)


def _suggest(key: str, candidates: list[NameEntry], limit: int = 5) -> list[tuple[str, str]]:
    """Entries sharing the most typed content words (at least half; typos and abbreviations
    allowed), closest first; none rather than noise when nothing shares them."""
    typed = _content_words(key)
    if not typed or not candidates:
        return []
    from rapidfuzz import fuzz  # only when a name missed: not on every question

    scored: list[tuple[float, float, str, NameEntry]] = []
    for e in candidates:
        words = {w for text in (e.id, e.name, *e.aliases) for w in _content_words(text)}
        met = sum(1 for t in typed if _word_meets(t, words))
        if met * 2 < len(typed):
            continue
        closeness = max(fuzz.ratio(key, fold_key(e.name)), fuzz.ratio(key, e.id))
        scored.append((met / len(typed), closeness, e.name, e))
    if not scored:
        return []
    best = max(x[0] for x in scored)
    scored = sorted((x for x in scored if x[0] == best), key=lambda x: (-x[1], x[2]))
    return [(e.id, e.name) for *_, e in scored[:limit]]
