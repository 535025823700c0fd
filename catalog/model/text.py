"""Text helpers every report shares (records, findings, change logs)."""

from __future__ import annotations

import re

_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u2012": "-",  # figure dash
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\ufe63": "-",
        "\uff0d": "-",
        "\u00a0": " ",
        "\u202f": " ",
        "\u00ad": None,  # soft hyphen: invisible, never typed on purpose
        "\u200b": None,  # zero-width space
        "\u2060": None,  # word joiner
        "\ufeff": None,  # a byte-order mark, pasted with the text after it
    }
)
_WS = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Fold the differences a quote is allowed to have from the policy: whitespace and quotes."""
    return _WS.sub(" ", text.translate(_FOLD)).strip()


def fold_key(text: str) -> str:
    """Case-insensitive form used to match names typed by a user against names in the graph."""
    return normalize(text).casefold()


def fold(text: str) -> str:
    """`fold_key` without the spacing made even: for text read word by word."""
    return text.translate(_FOLD).casefold()


# Words a person puts before a name that the name does not need ("your phone number").
_LEADING = frozenset({"your", "the", "a", "an", "our", "my"})
_SEPARATORS = re.compile(r"[-_/.,;:()\[\]\"']+")


def singular(word: str) -> str:
    """An English plural's singular, for matching names (addresses, categories, boxes)."""
    if len(word) <= 3:
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def name_key(text: str) -> str:
    """How a person's words and an entry's name are compared: case, typographic quotes,
    hyphens, underscores and punctuation, a leading "your" or "the", and plurals folded."""
    words = _SEPARATORS.sub(" ", fold_key(text)).split()
    while len(words) > 1 and words[0] in _LEADING:
        words = words[1:]
    return " ".join(singular(w) for w in words)


def entry_keys(nid: str, name: str, aliases: tuple[str, ...] | list[str] = ()) -> tuple[str, ...]:
    """What the name index files an entry under, computed once (and kept in the compiled
    inventory): its id and name folded, then the word keys of id, name and each alias."""
    return (fold_key(nid), fold_key(name), *(name_key(t) for t in (nid, name, *aliases)))


def md_cell(text: object) -> str:
    """Text safe inside a Markdown table cell, or a heading or line of prose: a name renders as
    the characters it holds, never as HTML (`<script>`), a link (`[x](javascript:…)`), a cell
    break or a new line."""
    # a "](" closing a link's text escaped: no link then, while "[general]" stays as it reads
    return " ".join(str(text).translate(_MD).replace("](", "\\](").splitlines())


# `<`, `>` and `&` as entities (what every Markdown dialect reads as text); `\` and `|` backslashed
_MD = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\\": "\\\\", "|": "\\|"})


# C0 and C1 control characters, DEL, the Unicode line and paragraph separators, and the
# bidirectional formatting characters: printed raw, a name holding one could end a line and forge
# the next, send the terminal a command (ESC, CSI), or show its text in another order (U+202E).
CONTROL = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def printable(text: object, *, keep: str = "", drop: bool = False) -> str:
    """`text` with every control character escaped (`\\n` as `\\x0a`), safe on one line; those
    in `keep` stay as they are (a terminal's `\\n`), and with `drop` the others are removed
    instead of escaped (where the text is already laid out and must not grow)."""
    s = str(text)
    if CONTROL.search(s) is None:
        return s

    def shown(m: re.Match[str]) -> str:
        ch = m.group()
        if ch in keep:
            return ch
        if drop:
            return ""
        return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"

    return CONTROL.sub(shown, s)
