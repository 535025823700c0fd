"""Run-together words in schema names, split: `mailingcity` is "mailing city", `membername`
"member name", `datelastlogin` "date last login".

Legacy schemas write many names as one lower-case word, so a name rule anchored on whole words
("name", "phone", "tax id") and the learned weights of those words see nothing. A word is split
only when it is not itself a known word, every piece is a known word and one piece is a telling
one (a word of the lexicons: name, phone, tax, drug...): splitting `network` into "net work" or
`identity` into "id entity" would tell the classifier nothing true.

`schema_words.txt` ships the known words: every word of a column or table name in at least four
applications of the labelled corpus (so no one application's naming decides a split, not even
in the leave-one-application-out benchmark), and the telling words of the lexicons.
`python -m bench.train` writes it.
"""

from __future__ import annotations

import functools
from importlib import resources

from catalog.model.text import singular

WORDS_FILE = "schema_words.txt"
_LONGEST_PIECE = 20
_MOST_PIECES = 4
_SHORTEST_SPLIT = 6  # shorter run-together words are abbreviations more often than compounds
# Two-letter pieces are allowed last only: `contactid`, `customerno`; `identity` is no "id".
_SHORT_LAST = frozenset({"id", "no"})
# Pieces that are English suffixes as often as words: `shipper` is no "ship per",
# `ownership` no "owner ship".
_SUFFIXES = frozenset("per ship ness ment ing able ion age ful less ant ent ward wise".split())


@functools.cache
def _lists() -> tuple[frozenset[str], frozenset[str]]:
    """The known words and, of them, the telling ones."""
    known: set[str] = set()
    telling: set[str] = set()
    text = resources.files("catalog.scanning").joinpath(WORDS_FILE).read_text(encoding="utf-8")
    for line in text.splitlines():
        word, _, kind = line.partition(" ")
        if not word or word.startswith("#"):
            continue
        known.add(word)
        if kind == "telling":
            telling.add(word)
    return frozenset(known), frozenset(telling)


def _is(word: str, words: frozenset[str]) -> bool:
    return word in words or singular(word) in words


@functools.lru_cache(maxsize=8192)  # a schema repeats its names
def split_run_together(word: str) -> tuple[str, ...]:
    """The known words `word` is written of, or `word` alone when it is known itself, cannot be
    read as known words, or reads as none that tells anything."""
    if len(word) < _SHORTEST_SPLIT or not word.isalpha():
        return (word,)
    known, telling = _lists()
    if _is(word, known):
        return (word,)
    pieces = _fewest_pieces(word, known)
    if (
        pieces is None
        or not 1 < len(pieces) <= _MOST_PIECES
        or not any(_is(p, telling) for p in pieces)
    ):
        return (word,)
    return pieces


def _fewest_pieces(word: str, known: frozenset[str]) -> tuple[str, ...] | None:
    """The fewest known words `word` is written of."""

    @functools.cache
    def best(start: int) -> tuple[str, ...] | None:
        if start == len(word):
            return ()
        found: tuple[str, ...] | None = None
        for end in range(min(len(word), start + _LONGEST_PIECE), start + 1, -1):
            piece = word[start:end]
            if len(piece) == 2 and not (piece in _SHORT_LAST and end == len(word)):
                continue
            if _is(piece, _SUFFIXES) or not _is(piece, known):
                continue
            rest = best(end)
            if rest is not None and (found is None or len(rest) + 1 < len(found)):
                found = (piece, *rest)
        return found

    return best(0)
