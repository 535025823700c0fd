"""How the resolver compares a person's words with an entry's, beyond its exact names: plurals
and endings ("recorded calls" meets "Call recordings"), words for the same thing ("payment
processors" meets "Payment service providers", "ad" meets "advertising"), and pasted text.

An entry's text becomes a sequence of tokens; what a person types becomes slots, each the
tokens one typed word may stand for. The tables are of English and of privacy notices in
general, never of one inventory: words particular to one go in its entries' `aliases:`.
"""

from __future__ import annotations

import itertools
import re

from catalog.model.text import fold, fold_key, singular

# Tokens no typed word folds to (a word has no NUL): a class of words, not a word.
PARTY = "\0party"  # a kind of organisation: "company", "vendor", "provider" ...
GENERIC = "\0data"  # "data", "information", "details": what every data category is

# Words that say nothing of which entry is meant: "date of birth" must not suggest everything
# "of" something.
FILLER = frozenset(
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

# What a notice calls the organisations it discloses to varies with no change of meaning:
# "shipping companies" are the "Shipping providers", "payment processors" the "Payment service
# providers". Among the names of recipients (and of the sources and disclosures naming them)
# these words are one; elsewhere ("our Services") they keep their own sense.
PARTY_WORDS = frozenset(
    {
        "agency",
        "company",
        "contractor",
        "entity",
        "firm",
        "gateway",
        "organisation",
        "organization",
        "partner",
        "platform",
        "processor",
        "provider",
        "service",
        "supplier",
        "vendor",
    }
)

# "payment data", "payment details" and "payment information" ask for the same thing.
GENERIC_WORDS = frozenset({"data", "detail", "info", "information", "particular"})

# A typed word that also stands for another (singular forms, both ways where both are typed).
SAME_WORD: dict[str, tuple[str, ...]] = {
    "ad": ("advertising",),
    "advert": ("advertising",),
    "advertiser": ("advertising",),
    "courier": ("shipping",),
    "delivery": ("shipping",),
    "geolocation": ("location",),
    "id": ("identifier",),
    "identifier": ("id",),
    "phone": ("telephone",),
    "photo": ("picture",),
    "photograph": ("picture",),
    "pic": ("picture",),
    "prospective": ("potential",),
    "tel": ("telephone", "phone"),
    "telephone": ("phone",),
}

# Phrases a person types for what notices name otherwise, read as that name as well.
SAME_PHRASE: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("police",), ("law", "enforcement")),
    (("government",), ("public", "authority")),
    (("regulator",), ("authority",)),
    (("tracking", "pixel"), ("tracking", "image")),
    (("pixel",), ("tracking", "image")),
    (("web", "beacon"), ("tracking", "image")),
    (("clear", "gif"), ("tracking", "image")),
)

# Endings cut to meet another form of the word ("recordings", "recorded"), longest first; a
# stem keeps at least four letters ("used" stays "used", "opened" becomes "open"). No "-er":
# a "browser" is not "browsing".
_ENDINGS = ("ations", "ation", "ments", "ment", "ings", "ing", "ions", "ion", "ed")
_MIN_STEM = 4
_DOUBLED = re.compile(r"([b-df-hj-np-tv-z])\1$")
# "e-mail" is "email", "non-personal" one word; a possessive's "'s" is no word of its own.
_JOINED = re.compile(r"\b(non|[a-z])-(?=[a-z])")
_POSSESSIVE = re.compile(r"'s\b")
_WORD = re.compile(r"[a-z0-9]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def _split(folded: str) -> list[str]:
    if "-" in folded:
        folded = _JOINED.sub(_prefix, folded)
    if "'" in folded:
        folded = _POSSESSIVE.sub("", folded)
    return _WORD.findall(folded)


def _prefix(m: re.Match[str]) -> str:
    return m.group(1)


# Plurals too short for `singular`, which leaves three letters alone ("bus", "gas").
_SHORT_PLURALS = {"ads": "ad", "ids": "id"}


def _singular(word: str) -> str:
    return _SHORT_PLURALS.get(word) or singular(word)


def words(text: str) -> list[str]:
    """The words of `text` as compared: folded, singular, without filler."""
    return [_singular(w) for w in _split(fold_key(text)) if w not in FILLER]


def stem(word: str) -> str:
    """One form for a singular word's forms: "tracking", "tracked" and "track" are "track";
    "sharing" and "share" "share"; "personalised", "personalization" are "personaliz";
    "fulfilment", "fulfillment" "fulfil". A misspelling stays one: "shiping" is not
    "shipping", which doubles the "p" of a short word."""
    if len(word) <= _MIN_STEM or word in PARTY_WORDS:
        return word
    verb = False
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
            word, verb = word[: -len(ending)], ending in _VERB_ENDINGS
            break
    if verb:
        if _DOUBLED.search(word) is None and _short(word):
            word += "e"  # "shar(ing)" is "share", as "shipp(ing)" is "ship"
    elif word.endswith("e") and len(word) > _MIN_STEM and not _short(word[:-1]):
        word = word[:-1]
    if word.endswith("y") and len(word) > _MIN_STEM:
        word = word[:-1] + "i"  # "cookie" and "cookies" (singular "cooky") meet
    if word.endswith("is"):
        word = word[:-1] + "z"  # British "-ise" meets "-ize"
    # "shipp(ing)" is "ship", "fulfill" "fulfil"; "bill" (too short to cut) stays
    return _DOUBLED.sub(r"\1", word) if len(word) > _MIN_STEM else word


_VOWELS = frozenset("aeiou")
_VERB_ENDINGS = frozenset({"ings", "ing", "ed"})


def _short(word: str) -> bool:
    """One syllable closed by a single consonant ("ship", "shar"): before "-ing" English
    doubles that consonant or the word ends in "e"."""
    if len(word) < 3 or word[-1] in _VOWELS or word[-1] in "wxy":
        return False
    if word[-2] not in _VOWELS or word[-3] in _VOWELS:
        return False
    return sum(1 for a, b in itertools.pairwise(word) if a in _VOWELS and b not in _VOWELS) == 1


def token(word: str, party: bool) -> str:
    """An entry's (singular) word as compared; `party`: the entry names an organisation."""
    if word in GENERIC_WORDS:
        return GENERIC
    if party and word in PARTY_WORDS:
        return PARTY
    return stem(word)


class Reader:
    """Reads an inventory's texts into `words` and tokens (`token`), each distinct word once: a
    large inventory says the same words many times over."""

    _FILLER_FORM = ("", "", "")

    def __init__(self) -> None:
        # a word as found: its singular, and its token in an entry of either kind ("" for
        # filler)
        self._forms: dict[str, tuple[str, str, str]] = {}

    def _form(self, found: str) -> tuple[str, str, str]:
        if found in FILLER:
            form = self._FILLER_FORM
        else:
            word = _singular(found)
            form = (word, token(word, False), token(word, True))
        self._forms[found] = form
        return form

    def tokens(self, text: str, party: bool) -> tuple[str, ...]:
        """An entry's text as compared, in order; `party`: the entry names an organisation."""
        forms, which, toks = self._forms, 2 if party else 1, []
        for found in _split(fold(text)):
            form = forms.get(found) or self._form(found)
            if form[which]:
                toks.append(form[which])
        return tuple(toks)

    def read(self, text: str, party: bool) -> tuple[list[str], tuple[str, ...]]:
        """`text`'s words (for suggestions) and its tokens."""
        forms, which, said, toks = self._forms, 2 if party else 1, [], []
        for found in _split(fold(text)):
            form = forms.get(found) or self._form(found)
            if form[0]:
                said.append(form[0])
                toks.append(form[which])
        return said, tuple(toks)


def term_words(term: str) -> str:
    """A vocabulary term's last part as words: "user.behavior.purchase_history" is "purchase
    history", "pd:BrowsingBehaviour" is "Browsing Behaviour"."""
    leaf = re.split(r"[.:]", term)[-1]
    return _CAMEL.sub(" ", leaf).replace("_", " ")


Slot = frozenset[str]


def slot(word: str) -> Slot:
    """The tokens one typed word may stand for."""
    if word in GENERIC_WORDS:
        return frozenset({GENERIC})
    found = {stem(word)}
    if word in PARTY_WORDS:
        found.add(PARTY)
    for other in SAME_WORD.get(word, ()):
        found.add(stem(other))
    return frozenset(found)


# Queries this long or shorter are also tried with two neighbouring words run together.
_JOIN_UP_TO = 4


def readings(text: str) -> list[tuple[Slot, ...]]:
    """What a person typed as slots, read as typed and, where it applies, with a phrase for the
    same thing (SAME_PHRASE) or two words run together ("web hosting", "webhosting")."""
    typed = words(text)
    if not typed:
        return []
    variants = [typed]
    for phrase, same in SAME_PHRASE:
        n = len(phrase)
        for i in range(len(typed) - n + 1):
            if tuple(typed[i : i + n]) == phrase:
                variants.append([*typed[:i], *same, *typed[i + n :]])
                break
    if 1 < len(typed) <= _JOIN_UP_TO:
        for i in range(len(typed) - 1):
            variants.append([*typed[:i], typed[i] + typed[i + 1], *typed[i + 2 :]])
    found: list[tuple[Slot, ...]] = []
    for variant in variants:
        slots = tuple(dict.fromkeys(slot(w) for w in variant))
        if slots not in found:
            found.append(slots)
    return found
