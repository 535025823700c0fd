"""Everyday phrasings (phrasings.yaml, written from the policy before the resolver was tuned)
resolve as a person reading the policy would: a unique best answer, the candidates, or "not
held", and never a confident answer that is wrong."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from catalog.errors import Ambiguous, NotFound
from catalog.queries.engine import QueryEngine

PHRASINGS = Path(__file__).with_name("phrasings.yaml")
AMBIGUOUS = "ambiguous"
NOT_HELD = "not_held"
SHARE_EXPECTED = 0.95


@dataclass(frozen=True)
class Phrasing:
    text: str
    kinds: tuple[str, ...] | None
    expect: frozenset[str]  # entry ids, or {"ambiguous"} or {"not_held"}


def load() -> list[Phrasing]:
    rows = yaml.safe_load(PHRASINGS.read_text(encoding="utf-8"))
    found: list[Phrasing] = []
    for row in rows:
        expect = row["expect"]
        kinds = row.get("kinds")
        found.append(
            Phrasing(
                row["text"],
                tuple(kinds) if kinds else None,
                frozenset(expect if isinstance(expect, list) else [expect]),
            )
        )
    return found


def outcome(engine: QueryEngine, p: Phrasing) -> str:
    """The entry id the engine answers, or "ambiguous" or "not_held"."""
    try:
        return engine.resolve(p.text, p.kinds)
    except Ambiguous:
        return AMBIGUOUS
    except NotFound:
        return NOT_HELD


def silently_wrong(p: Phrasing, got: str) -> bool:
    """A confident id where another id, the candidates or "not held" is the honest answer."""
    return got not in (AMBIGUOUS, NOT_HELD) and got not in p.expect


def test_the_phrasings_are_well_formed(engine: QueryEngine) -> None:
    known = {e.id for e in engine.name_index().source}
    phrasings = load()
    assert len(phrasings) >= 80
    for p in phrasings:
        assert p.expect, p
        ids = p.expect - {AMBIGUOUS, NOT_HELD}
        assert ids <= known, f"{p.text!r} expects an entry the inventory lacks: {ids - known}"
        assert not ids or len(ids) == len(p.expect), f"{p.text!r} mixes ids and outcomes"


def test_everyday_phrasings_resolve_as_a_person_would(engine: QueryEngine) -> None:
    phrasings = load()
    results = [(p, outcome(engine, p)) for p in phrasings]
    wrong = [
        (p.text, p.kinds, sorted(p.expect), got) for p, got in results if silently_wrong(p, got)
    ]
    missed = [(p.text, p.kinds, sorted(p.expect), got) for p, got in results if got not in p.expect]
    share = 1 - len(missed) / len(results)
    report = "\n".join(f"  {t!r} {k or ''}: expected {e}, got {g}" for t, k, e, g in missed)
    print(f"\n{len(results) - len(missed)}/{len(results)} phrasings as expected ({share:.1%})")
    assert not wrong, f"silently wrong: {wrong}"
    assert share >= SHARE_EXPECTED, f"{share:.1%} as expected; the others:\n{report}"


@pytest.mark.parametrize(
    ("text", "kinds", "never"),
    [
        # nothing of health is held: "data" alone must not make ad-network visit data a suggestion
        ("health data", ("DataCategory",), {"ad-network-visit-data"}),
        # "shopping" is not a typo of "shipping"
        ("shopping basket", ("DataCategory",), {"postal-addresses", "physical-address"}),
    ],
)
def test_not_held_suggests_nothing_it_does_not_share(
    engine: QueryEngine, text: str, kinds: tuple[str, ...], never: set[str]
) -> None:
    with pytest.raises(NotFound) as err:
        engine.resolve(text, kinds)
    assert not {sid for sid, _ in err.value.suggestions} & never


def test_a_disclosure_gives_way_only_to_an_entry_it_joins(engine: QueryEngine) -> None:
    # "SMS marketing → Mobile phone carriers" matches too: the recipient it is to is meant
    assert engine.resolve("mobile carriers") == "mobile-carriers"
    # a disclosure joining neither of the other matches stays a candidate
    with pytest.raises(Ambiguous) as err:
        engine.resolve("email marketing")
    ids = {i for i, _ in err.value.matches}
    assert {"direct-marketing--marketing-service-providers", "gdpr-consent-withdrawal-links"} <= ids


def test_an_everyday_word_is_not_read_as_a_vocabulary_key(engine: QueryEngine) -> None:
    # one purpose carries the fideslang key "marketing"; the word names a dozen entries
    with pytest.raises(Ambiguous):
        engine.resolve("marketing")


def test_words_far_apart_in_a_long_name_name_nothing(engine: QueryEngine) -> None:
    # "Information gathered through cookies and similar tracking technologies (such as mobile
    # device identifiers)" holds both words, seven apart: the cookie IDs are meant
    assert engine.resolve("cookie identifiers", ("DataCategory",)) == "unique-cookie-ids"
