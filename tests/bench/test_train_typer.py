"""The drafter's item typer is learned from the development keys alone, and no one notice's
wording carries a weight."""

from __future__ import annotations

from bench.draft import HELD_OUT
from bench.train_typer import Example, examples, fit


def test_only_words_seen_in_two_notices_carry_a_weight() -> None:
    train = [
        Example("a", "voice recordings", "user.biometric"),
        Example("b", "voice prints", "user.biometric"),
        Example("a", "purchase history", "user.behavior"),
        Example("b", "purchase records", "user.behavior"),
        Example("a", "zorblax tokens", "user.financial"),
    ]
    data = fit(train)
    assert "w=voice" in data["weights"] and "w=purchase" in data["weights"]
    assert "w=zorblax" not in data["weights"]  # one notice's word


def test_no_held_out_key_teaches_the_typer() -> None:
    taught = {e.policy for e in examples()}
    assert taught and not taught & set(HELD_OUT)
    assert all(e.kind.count(".") == 1 for e in examples())
