"""The drafter's learned readings are taught by the development keys alone, and no one notice's
wording carries a weight."""

from __future__ import annotations

from bench.draft import HELD_OUT, Example, fit, item_examples, sentence_examples


def test_only_words_seen_in_two_notices_carry_a_weight() -> None:
    train = [
        Example("a", "voice recordings", "user.biometric"),
        Example("b", "voice prints", "user.biometric"),
        Example("a", "purchase history", "user.behavior"),
        Example("b", "purchase records", "user.behavior"),
        Example("a", "zorblax tokens", "user.financial"),
    ]
    data = fit("item", train)
    assert "w=voice" in data["weights"] and "w=purchase" in data["weights"]
    assert "w=zorblax" not in data["weights"]  # one notice's word


def test_no_held_out_key_teaches_either_reading() -> None:
    items, sentences = item_examples(), sentence_examples()
    for examples in (items, sentences):
        taught = {e.policy for e in examples}
        assert len(taught) >= 20 and not taught & set(HELD_OUT)
    assert all(e.label.count(".") == 1 for e in items)  # a top-level kind: user.<kind>
    assert {e.label for e in sentences} == {"states", "not"}
