"""From a fideslang key to the inventory's category: the entry carrying the key, or else the
nearest ancestor key's, so that a column of e-mail addresses lands on "E-mail addresses" and a
column of postal codes on "Postal addresses" (which carries `user.contact.address`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from catalog.model.kinds import Label

# A key whose nearest kin is not its parent in the fideslang tree: a payment card is what an
# inventory files under payment information (`user.payment`) before financial data in general.
_KIN = {"user.financial.credit_card": ("user.payment",)}


class Entry(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def terms(self) -> Sequence[str]: ...
    @property
    def parent(self) -> str | None: ...


def _lineage(key: str) -> list[str]:
    keys = [key, *_KIN.get(key, ())]
    while "." in key:
        key = key.rsplit(".", 1)[0]
        keys.append(key)
    return keys


def category_for(key: str | None, entries: Iterable[Entry]) -> str | None:
    """The id of the broadest category carrying `key` (items beneath it inherit the key, so
    the category is what they share), or the nearest ancestor key's; None when nothing does."""
    if key is None:
        return None
    cats = [e for e in entries if e.label == Label.DataCategory]
    by_id = {e.id: e for e in cats}
    for k in _lineage(key):
        carrying = {e.id for e in cats if k in e.terms}
        if not carrying:
            continue
        tops = [i for i in carrying if by_id[i].parent not in carrying]

        def beneath(i: str) -> int:
            return sum(1 for e in cats if e.parent == i)

        def agreement(i: str, k: str = k) -> int:
            # how much of the key the parent carries: an entry filed where the tree expects it
            # (cookie ids under device identifiers) before one filed elsewhere
            parent = by_id.get(by_id[i].parent or "")
            if parent is None:
                return 0
            return max((t.count(".") + 1 for t in parent.terms if k.startswith(t + ".")), default=0)

        return sorted(tops, key=lambda i: (-agreement(i), -beneath(i), i))[0]
    return None
