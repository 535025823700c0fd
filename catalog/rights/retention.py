"""Which retention rules keep a field despite an erasure request, and the sentence that says so.

A rule keeps data past a request when its words give a purpose the request does not end: the
bookkeeping a business owes (accounting, tax, billing, invoicing, auditing). "As long as
necessary", "until you ask us to remove it" and "deleted once the purpose is achieved" end
with the request, and a rule that keeps data only "in the event of" a complaint keeps nothing
until there is one. Such a rule keeps:
- the fields of the categories it names, where it names some narrower than everything;
- where it speaks of personal information in general (`applies_to_all`, or the root
  category), the record its purpose needs, and only in a table that is one (it holds a
  transaction's fields: fideslang `user.financial`, `user.payment`,
  `user.behavior.purchase_history`): those fields, and what the record says of the
  transaction rather than of the person (when, in what state: `user.behavior`, or `user`
  where the scan could not say more).
What says who the person is (names, contact details, identifiers, devices, locations,
demographics, content) is still theirs to erase: cleared in the rows that stay.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from catalog.rights.from_inventory import Hierarchy, PersonalField, Rule
from catalog.rights.model import Retention

_PURPOSE = re.compile(r"\b(accounting|bookkeeping|tax|taxes|billing|invoic\w*|audit\w*)\b", re.I)
_CONDITIONAL = re.compile(r"\b(in the event of|if we|prospect of)\b", re.I)
TRANSACTION_KEYS = ("user.financial", "user.payment", "user.behavior.purchase_history")


# What a transaction record says of the transaction itself: kept with it.
_OF_THE_RECORD = ("user.behavior",)


def _under(key: str, prefixes: tuple[str, ...]) -> bool:
    return any(key == k or key.startswith(k + ".") for k in prefixes)


def transaction(field: PersonalField) -> bool:
    return _under(field.fideslang or "", TRANSACTION_KEYS)


def of_the_record(field: PersonalField) -> bool:
    """A field a transaction record keeps under a bookkeeping rule: the transaction's own, or
    one saying when and how it happened (not who made it)."""
    key = field.fideslang or "user"
    return transaction(field) or key == "user" or _under(key, _OF_THE_RECORD)


@dataclass(frozen=True)
class Holding:
    """A rule that holds against an erasure request: the words that make it, and its sentence."""

    rule: Rule
    words: tuple[str, ...]
    section: str
    quote: str


def holding(rules: list[Rule], regime: str | None = None) -> list[Holding]:
    """The rules that keep data past an erasure request (of `regime`'s, and those of none)."""
    out = []
    for rule in rules:
        if regime is not None and rule.regime not in (None, regime):
            continue
        stated = [
            (s, q) for s, q in rule.sources if _PURPOSE.search(q) and not _CONDITIONAL.search(q)
        ]
        said = " ".join(t for t in (rule.name, rule.period, rule.description or "") if t)
        if not stated and not (_PURPOSE.search(said) and not _CONDITIONAL.search(said)):
            continue
        words = {
            m.group(1).lower()
            for t in (said, *(q for _, q in stated))
            for m in _PURPOSE.finditer(t)
        }
        section, quote = stated[0] if stated else (rule.sources[0] if rule.sources else ("", ""))
        out.append(Holding(rule, tuple(sorted(words)), section, quote))
    return out


def keeping(
    field: PersonalField, rules: list[Holding], tree: Hierarchy, *, in_record: bool
) -> list[Retention]:
    """The rules that keep `field`, most specific first; `in_record` says whether its table
    holds a transaction's fields (a general rule keeps only within such a table)."""
    found: list[tuple[int, Retention]] = []
    lineage = tree.lineage(field.category)
    for h in rules:
        rule = h.rule
        named = [c for c in rule.categories if tree.above.get(c)]  # narrower than everything
        everything = rule.applies_to_all or any(not tree.above.get(c) for c in rule.categories)
        words = ", ".join(h.words)
        if any(c in lineage for c in named):
            hit = next(c for c in named if c in lineage)
            why = f"the rule names {hit}, which {field.column} holds, and keeps it for {words}"
            rank = 0
        elif everything and in_record and of_the_record(field):
            why = (
                f"the rule keeps personal information in general for {words}; "
                f"{field.column} ({field.fideslang or 'user'}) is part of the transaction "
                "record that needs"
            )
            rank = 1
        else:
            continue
        found.append(
            (
                rank,
                Retention(
                    id=rule.id,
                    name=rule.name,
                    period=rule.period,
                    regime=rule.regime,
                    section=h.section,
                    quote=h.quote,
                    why=why,
                ),
            )
        )
    found.sort(key=lambda x: (x[0], x[1].id))
    return [r for _, r in found]
