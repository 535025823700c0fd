"""The query engine: the one place the CLI and the API ask questions of the catalogue.

It resolves what a user typed (an id or a name, any case, straight or curly quotes) to an
entry, asks the store for a view sufficient for the query, and computes the answer from it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

from catalog.errors import Ambiguous, BadRequest, NotFound, StaleNames
from catalog.graph.pieces import prepare as prepare_pieces
from catalog.graph.view import GraphView
from catalog.model.kinds import Label
from catalog.model.memory import collector_paused
from catalog.model.text import entry_keys, fold_key, name_key
from catalog.queries.query import EVERYTHING, REQUIRED, Entry, Query
from catalog.queries.words import (
    GENERIC,
    GENERIC_WORDS,
    Reader,
    Slot,
    readings,
    term_words,
    words,
)
from catalog.stores.base import NameEntry, Store

R = TypeVar("R")

LABEL_WORDS: dict[str, str] = {
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
    "e-mail" meets "email"), and by the fideslang keys and DPV terms they carry. The words
    they are compared by beyond those (`_Words`) are read on the first name that misses."""

    def __init__(self, names: list[NameEntry]) -> None:
        self.source = names
        self.by_id = {e.id: e for e in names}
        self.by_key: dict[tuple[str, str], list[NameEntry]] = {}
        self.by_words: dict[str, list[NameEntry]] = {}
        self.by_term: dict[str, list[NameEntry]] = {}
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
            for term in e.terms:
                # a key as written ("user.contact.email", "pd:EmailAddress"); a bare one is an
                # everyday word ("marketing"), among the words below
                if "." in term or ":" in term:
                    self.by_term.setdefault(term.casefold(), []).append(e)
        self._words: _Words | None = None

    def words(self) -> _Words:
        # Made once per graph, and only when a name misses: most questions name an entry
        # exactly, and a large inventory's quotes take a while to read (a race builds it twice).
        if self._words is None:
            with collector_paused():
                self._words = _Words(self.source)
        return self._words


# Entries that are a relationship between others: a name matching one and an entry it joins
# ("Shipping providers" and "Purchases → Shipping providers") means the entry.
_RELATIONSHIPS = frozenset({Label.Disclosure})
# Entries naming organisations, among whose names "company", "vendor" and "provider" are one.
_PARTIES = frozenset({Label.Recipient, Label.Source, Label.Disclosure, Label.Organisation})
# A text (a name, a quote or a bullet of one) of at most this many words is a name the entry
# goes by ("payment processing"); a longer one is a sentence, where words count only together,
# at most _NEAR others between them: "cookie identifiers" is not "Information gathered through
# cookies and similar tracking technologies (such as mobile device identifiers)".
_SHORT = 6
_NEAR = 2
_BULLET = "\u2022"


class _Family:
    """One kind of text entries are known by (their names, their short quotes ...), each as
    its tokens (queries/words.py): a set, or for a sentence the sequence; with the texts each
    token is in."""

    def __init__(self) -> None:
        self.texts: list[frozenset[str] | tuple[str, ...]] = []
        self.owners: list[NameEntry] = []
        self.postings: defaultdict[str, list[int]] = defaultdict(list)

    def add(self, toks: tuple[str, ...], e: NameEntry) -> None:
        if not toks:
            return
        i = len(self.texts)
        found = frozenset(toks)
        self.texts.append(found if len(found) <= _SHORT else toks)
        self.owners.append(e)
        postings = self.postings
        for t in found:
            postings[t].append(i)

    def _holding(self, slot: Slot) -> set[int]:
        found: set[int] = set()
        for alternative in slot:
            found.update(self.postings.get(alternative, ()))
        return found

    def within(self, slots: tuple[Slot, ...]) -> list[int]:
        """The texts holding every typed word (a sentence, near each other); "data" asks
        nothing of a data category's."""
        needed = [s for s in slots if s != _GENERIC_SLOT]
        generic = len(needed) < len(slots)
        if not needed:
            needed, generic = list(slots), False
        found: set[int] | None = None
        for s in sorted(needed, key=lambda s: sum(len(self.postings.get(a, ())) for a in s)):
            held = self._holding(s)
            found = held if found is None else found & held
            if not found:
                return []
        assert found is not None
        texts = self.texts
        return [
            i
            for i in sorted(found)
            if (not generic or GENERIC in texts[i] or self.owners[i].label == Label.DataCategory)
            and (isinstance(text := texts[i], frozenset) or _near(text, needed))
        ]

    def equal(self, slots: tuple[Slot, ...]) -> list[int]:
        """The texts holding every typed word and nothing else."""
        typed = frozenset().union(*slots)
        return [i for i in self.within(slots) if typed.issuperset(self.texts[i])]


def _near(seq: Sequence[str], slots: list[Slot]) -> bool:
    """Every slot met within a stretch of `seq` at most _NEAR words longer than the slots."""
    if len(slots) < 2:
        return True
    span = len(slots) + _NEAR
    for j, t in enumerate(seq):
        if any(t in s for s in slots):
            stretch = seq[j : j + span]
            if all(any(u in s for u in stretch) for s in slots):
                return True
    return False


_GENERIC_SLOT = frozenset({GENERIC})


class _Words:
    """What an entry is known by beyond its exact names, as tokens: its id, name and aliases;
    the policy's own words for it (a quote that is a whole bullet, a phrase of a longer one);
    its vocabulary terms; the section it is cited under. And each name's words as typed, for
    suggestions."""

    def __init__(self, names: list[NameEntry]) -> None:
        self.names = _Family()  # names and aliases
        self.ids = _Family()  # ids that say more than the name
        self.quotes = _Family()  # short quotes and bullets
        self.phrases = _Family()  # longer quotes
        self.terms = _Family()
        self.sections = _Family()
        self.quote_keys: dict[str, list[NameEntry]] = {}
        self.vocabulary: defaultdict[str, list[int]] = defaultdict(list)
        reader = Reader()
        # sections and terms are shared by many entries: each read once
        shared: dict[tuple[str, bool], tuple[str, ...]] = {}

        def read_shared(text: str, party: bool) -> tuple[str, ...]:
            found = shared.get((text, party))
            if found is None:
                found = shared[(text, party)] = reader.tokens(text, party)
            return found

        for n, e in enumerate(names):
            party = e.label in _PARTIES
            said: set[str] = set()
            kept: list[frozenset[str]] = []
            for text in (e.name, *e.aliases):
                words, toks = reader.read(text, party)
                said.update(w for w in words if len(w) > 1)
                kept.append(frozenset(toks))
                self.names.add(toks, e)
            words, toks = reader.read(e.id, party)
            said.update(w for w in words if len(w) > 1)
            if not any(k.issuperset(toks) for k in kept):  # an id is mostly its name's words
                self.ids.add(toks, e)
            for w in said:
                self.vocabulary[w].append(n)
            for quote in e.quotes:
                for piece in quote.split(_BULLET) if _BULLET in quote else (quote,):
                    toks = reader.tokens(piece, party)
                    if not toks or piece.rstrip().endswith(":"):
                        continue  # "Third Parties: • …": a list's lead-in names no entry
                    if len(set(toks)) <= _SHORT:
                        self.quotes.add(toks, e)
                        key = name_key(piece)
                        for variant in dict.fromkeys((key, key.replace(" ", ""))):
                            self.quote_keys.setdefault(variant, []).append(e)
                    else:
                        self.phrases.add(toks, e)
            for term in e.terms:
                self.terms.add(read_shared(term_words(term), party), e)
            for section in dict.fromkeys(s.rsplit(">", 1)[-1] for s in e.sections):
                self.sections.add(read_shared(section, party), e)

    def tiers(self, readings: list[tuple[Slot, ...]]) -> Iterator[list[NameEntry]]:
        """Entries the typed words name, strongest first: every word of a name and no other;
        every word of a name; of an id; of a short quote; of a vocabulary term; two or more
        together in a longer quote; the section an entry is cited under."""
        for family, match, least in (
            (self.names, _Family.equal, 1),
            (self.names, _Family.within, 1),
            (self.ids, _Family.within, 1),  # datamap's words, not the policy's
            (self.quotes, _Family.within, 1),
            (self.terms, _Family.within, 1),
            (self.phrases, _Family.within, 2),  # one word inside a sentence says too little
            (self.sections, _Family.within, 1),
        ):
            found: dict[str, NameEntry] = {}
            for slots in readings:
                if len(slots) >= least:
                    for i in match(family, slots):
                        e = family.owners[i]
                        found.setdefault(e.id, e)
            yield list(found.values())


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
        case and spelling of quotes, hyphens and spaces, an alias, a fideslang key or DPV term;
        else, by the words a person uses (queries/words.py: plurals and endings, words for the
        same thing), a name's words, a quote of the policy the entry cites, its terms, the
        section it is cited under, strongest first. Where a category and items beneath it all
        match, the category; an entry over a disclosure that names it. Several other matches:
        Ambiguous, listing them. None: NotFound, with suggestions."""
        index = self.name_index()

        def allowed(e: NameEntry) -> bool:
            return labels is None or e.label in labels

        def one(hits: Iterable[NameEntry]) -> str | None:
            return _one(text, [e for e in dict.fromkeys(hits) if allowed(e)], index)

        cleaned = text.strip()
        exact = index.by_id.get(cleaned)
        if exact is not None and allowed(exact):
            return exact.id
        key = fold_key(cleaned)
        typed_key = name_key(cleaned)
        for hits in (
            index.by_key.get(("id", key), []),
            index.by_key.get(("name", key), []),
            index.by_words.get(typed_key, []) + index.by_words.get(typed_key.replace(" ", ""), []),
            index.by_term.get(cleaned.casefold(), []),
        ):
            found = one(hits)
            if found is not None:
                return found
        known = index.words()
        found = one(
            known.quote_keys.get(typed_key, [])
            + known.quote_keys.get(typed_key.replace(" ", ""), [])
        )
        if found is not None:
            return found
        typed = readings(cleaned)
        if typed:
            for hits in known.tiers(typed):
                found = one(hits)
                if found is not None:
                    return found
        what = " or ".join(LABEL_WORDS.get(x, x) for x in labels) if labels else "entry"
        suggestions = _suggest(key, allowed, index)
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
_LISTING: dict[str, str] = {
    Label.DataCategory: "categories",
    Label.Recipient: "recipients",
    Label.Purpose: "purposes",
    Label.ProcessingActivity: "activities",
    Label.CollectionPoint: "contexts",
}


def _one(text: str, hits: list[NameEntry], index: _NameIndex) -> str | None:
    """The one entry `hits` names: the only one, or the category every other lies beneath;
    not a disclosure beside the recipient or activity it joins."""
    if not hits:
        return None
    named = {e.id for e in hits}
    hits = [e for e in hits if not (e.label in _RELATIONSHIPS and named.intersection(e.about))]
    if len(hits) == 1:
        return hits[0].id
    ids = {e.id for e in hits}
    # the category, if any, is the first hit or one of the categories above it
    for candidate in (hits[0].id, *_above(hits[0], index)):
        if candidate in ids and all(
            e.id == candidate or candidate in _above(e, index) for e in hits
        ):
            return candidate
    # a category listed stands for its items; in an order of their own, not the store's, so
    # that both stores list them alike
    hits = _topmost(hits, index)
    ordered = sorted(hits, key=lambda e: (fold_key(e.name), e.id))
    raise Ambiguous(text, [(e.id, e.name) for e in ordered])


def _above(entry: NameEntry, index: _NameIndex) -> list[str]:
    """The categories `entry` lies beneath, nearest first."""
    found: list[str] = []
    parent = entry.parent
    while parent is not None and parent not in found:
        found.append(parent)
        above = index.by_id.get(parent)
        parent = above.parent if above is not None else None
    return found


def _topmost(entries: list[NameEntry], index: _NameIndex) -> list[NameEntry]:
    """`entries` without those beneath another of them."""
    ids = {e.id for e in entries}
    return [e for e in entries if not ids.intersection(_above(e, index))]


# A typed word meets a name's word the same or as its start ("info" for "information"); as a
# typo of it ("paymnt") it counts half: "shopping basket" is not "shipping address".
_TYPO_WEIGHT = 0.5
_PREFIX_FROM = 4


def _meetings(typed: str, vocabulary: dict[str, list[int]]) -> dict[int, float]:
    """Entries (by position) with a word `typed` meets, and how well."""
    met: dict[int, float] = {}
    # a transposition ("emial") is one typo; a short word has none ("date" is not "data")
    typos = 0 if len(typed) < 5 else 1 if len(typed) < 7 else 2
    if typos:
        from rapidfuzz import process  # only when a name missed: not on every question
        from rapidfuzz.distance import OSA

        for word, _, _ in process.extract(
            typed, vocabulary.keys(), scorer=OSA.distance, score_cutoff=typos, limit=None
        ):
            for n in vocabulary[word]:
                met[n] = _TYPO_WEIGHT
    close = [w for w in vocabulary if w.startswith(typed)] if len(typed) >= _PREFIX_FROM else []
    for word in (typed, *close):
        for n in vocabulary.get(word, ()):
            met[n] = 1.0
    return met


def _suggest(
    key: str, allowed: Callable[[NameEntry], bool], index: _NameIndex, limit: int = 5
) -> list[tuple[str, str]]:
    """Entries sharing the most typed content words (at least half; typos and abbreviations
    allowed), closest first, a category standing for the items beneath it; none rather than
    noise when nothing shares them. "data" or "information" beside other words shares nothing:
    every data category is data."""
    typed = [w for w in words(key) if len(w) > 1]
    specific = [w for w in typed if w not in GENERIC_WORDS]
    typed = specific or typed
    if not typed:
        return []
    names = index.source
    score: dict[int, float] = {}
    for word in dict.fromkeys(typed):
        for n, weight in _meetings(word, index.words().vocabulary).items():
            score[n] = score.get(n, 0.0) + weight
    kept = {n: s for n, s in score.items() if s * 2 >= len(typed) and allowed(names[n])}
    if not kept:
        return []
    from rapidfuzz import fuzz  # only when a name missed: not on every question

    best = max(kept.values())
    scored = sorted(
        (
            -max(fuzz.ratio(key, fold_key(names[n].name)), fuzz.ratio(key, names[n].id)),
            names[n].name,
            names[n].id,
            n,
        )
        for n, s in kept.items()
        if s == best
    )
    chosen = _topmost([names[n] for *_, n in scored], index)
    return [(e.id, e.name) for e in chosen[:limit]]
