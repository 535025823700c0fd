"""The words the resolver compares: one form for a word's forms, classes of words that mean one
thing, and what a person types read in the ways it may be meant."""

from __future__ import annotations

import pytest

from catalog.queries.words import GENERIC, PARTY, Reader, readings, stem, words


@pytest.mark.parametrize(
    "forms",
    [
        ("recording", "recorded", "record"),
        ("tracking", "tracked", "track"),
        ("sharing", "shared", "share"),
        ("shipping", "shipped", "ship"),
        ("personalised", "personalized", "personalisation", "personalization"),
        ("fulfilment", "fulfillment", "fulfill"),
        ("cookie", "cooky"),  # "cookies", singular
        ("prevention", "prevent"),
    ],
)
def test_the_forms_of_a_word_meet(forms: tuple[str, ...]) -> None:
    assert len({stem(f) for f in forms}) == 1


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("browser", "browsing"),
        ("date", "data"),
        ("shiping", "shipping"),  # a misspelling is suggested, never read as the word it misses
    ],
)
def test_other_words_stay_apart(one: str, other: str) -> None:
    assert stem(one) != stem(other)


def test_pasted_text_reads_as_typed() -> None:
    assert words("Your friend\u2019s e\u2011mail\u00a0addresses") == ["friend", "email", "address"]
    assert words("\ufeffnon-personal IDs") == ["nonpersonal", "id"]


def test_kinds_of_organisation_are_one_among_recipients_only() -> None:
    reader = Reader()
    assert reader.tokens("Payment service providers", party=True) == ("payment", PARTY, PARTY)
    assert PARTY not in reader.tokens("To provide our services", party=False)
    assert reader.tokens("payment information", party=False) == ("payment", GENERIC)


def test_a_query_is_read_as_typed_and_as_what_it_stands_for() -> None:
    (typed, *others) = readings("the police")
    assert typed == (frozenset({stem("police")}),)
    assert (frozenset({"law"}), frozenset({"enforc"})) in others
    assert (frozenset({"webhost"}),) in readings("web hosting")
