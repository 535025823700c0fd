"""The learned evidence: word weights from the labelled corpus, read as plain sums.

`lexicon.json` holds three linear models over the features of `features.py`: whether a
column is personal, which fideslang key it holds when it is, and whom it is about. Each is a
bias and a weight per feature (per class for the last two); a column's score is the sum of its
features' weights, squashed. Nothing is downloaded or computed at run time beyond those sums,
and the features that weighed most are reported as the evidence ("the words 'blood pressure'
and a patient id beside it").

The weights are made by `python -m bench.train` from `bench/schemas/`, keeping only features
seen in at least three applications, so no one application's table or column names a rule.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from pathlib import Path
from typing import Any

LEXICON = Path(__file__).with_name("lexicon.json")


@dataclass(frozen=True)
class Linear:
    bias: dict[str, float]
    weights: dict[str, dict[str, float]]  # feature -> class -> weight

    def scores(self, features: Iterable[str]) -> dict[str, float]:
        out = dict(self.bias)
        for f in features:
            for cls, w in self.weights.get(f, {}).items():
                out[cls] = out.get(cls, 0.0) + w
        return out

    def score(self, features: Iterable[str], cls: str) -> float:
        """`scores(features).get(cls, 0.0)`: the same sum, in the same order, of one class."""
        weights = self.of_class(cls)
        total = self.bias.get(cls, 0.0)
        for f in features:
            w = weights.get(f)
            if w is not None:
                total += w
        return total

    def of_class(self, cls: str) -> dict[str, float]:
        """Feature -> weight toward `cls`, for the features that weigh on it."""
        found = self._of_class.get(cls)
        if found is None:
            found = self._of_class[cls] = {f: w[cls] for f, w in self.weights.items() if cls in w}
        return found

    @cached_property
    def _of_class(self) -> dict[str, dict[str, float]]:
        return {}

    def best(self, features: Iterable[str]) -> tuple[str, float]:
        """The most likely class and its probability (a softmax of the sums); ("", 0.0) for a
        model without classes."""
        probs = self.probabilities(features)
        if not probs:
            return "", 0.0
        cls = max(probs, key=lambda c: probs[c])
        return cls, probs[cls]

    def probabilities(self, features: Iterable[str]) -> dict[str, float]:
        """Each class's probability: a softmax of the sums."""
        scores = self.scores(features)
        if not scores:
            return {}
        top = max(scores.values())
        exp = {c: math.exp(s - top) for c, s in scores.items()}
        total = sum(exp.values())
        return {c: e / total for c, e in exp.items()}

    def top(self, features: Iterable[str], cls: str, n: int = 3) -> list[tuple[str, float]]:
        """The features that pushed hardest toward `cls`."""
        # (in the features' own order: evidence reads the same on every run)
        weights = self.of_class(cls)
        pushes = [(f, w) for f in dict.fromkeys(features) if (w := weights.get(f, 0.0)) > 0]
        return sorted(pushes, key=lambda p: -p[1])[:n]


@dataclass(frozen=True)
class Lexicon:
    personal: Linear  # one class, "personal": a logistic score
    key: Linear  # fideslang keys: a softmax
    subject: Linear  # customer, patient, employee, user, contact
    threshold: float
    applications: int

    @cached_property
    def weighed(self) -> frozenset[str]:
        """The features that carry a weight in any of the models: the others change no sum."""
        return frozenset(f for m in (self.personal, self.key, self.subject) for f in m.weights)

    @cached_property
    def derived(self) -> dict[str, Any]:
        """What the modules that read these weights work out from them, kept with them (a
        fold's lexicon has its own)."""
        return {}

    @cached_property
    def recognisers(self) -> frozenset[str]:
        """The value recognisers whose rates carry a weight in any of the models."""
        return frozenset(
            f.split(":")[1]
            for model in (self.personal, self.key, self.subject)
            for f in model.weights
            if f.startswith("val:")
        )

    def p_personal(self, features: Iterable[str]) -> float:
        return sigmoid(self.personal.score(features, "personal"))

    def best(self, model: Linear, features: Iterable[str]) -> tuple[str, float]:
        return model.best(features)


def sigmoid(x: float) -> float:
    """A logistic score as a probability (clamped: a sum of many weights stays finite)."""
    return 1.0 / (1.0 + math.exp(-max(min(x, 40.0), -40.0)))


def _linear(data: dict[str, Any]) -> Linear:
    return Linear(dict(data["bias"]), {f: dict(w) for f, w in data["weights"].items()})


def from_data(data: dict[str, Any]) -> Lexicon:
    return Lexicon(
        _linear(data["personal"]),
        _linear(data["key"]),
        _linear(data["subject"]),
        float(data["threshold"]),
        int(data["applications"]),
    )


_override: list[Lexicon | None] = []


@cache
def _shipped() -> Lexicon | None:
    if not LEXICON.is_file():
        return None
    return from_data(json.loads(LEXICON.read_text(encoding="utf-8")))


def lexicon() -> Lexicon | None:
    """The lexicon in force: the shipped one, or one a benchmark fold put in its place."""
    if _override:
        return _override[-1]
    return _shipped()


@contextmanager
def using(lex: Lexicon | None) -> Iterator[None]:
    """Classify with another lexicon meanwhile (a leave-one-application-out fold)."""
    _override.append(lex)
    try:
        yield
    finally:
        _override.pop()


@lru_cache(maxsize=16_384)  # a scan's evidence names the same few hundred features
def describe(feature: str) -> str:
    """A feature in words, for the evidence a person reads."""
    kind, _, what = feature.partition(":")
    what = what.replace("_", " ")
    return {
        "w": f"the word '{what}'",
        "head": f"a name ending in '{what}'",
        "head2": f"a name ending in '{what}'",
        "first": f"a name starting with '{what}'",
        "c": f"the letters '{what.strip('<>')}'",
        "t": f"a table named with '{what}'",
        "thead": f"a table of {what}",
        "tref": f"a column pointing at a {what} in the table",
        "ref": f"a name pointing at a {what}" if what else "a name pointing at someone",
        "rule": f"the name rules' reading {what}",
        "rulefam": f"the name rules' reading {what}",
        "named": f"the name rule '{what}'",
        "val": f"values that look like {what.replace(':', ' (')})",
        "sib": f"{what} data beside it",
        "type": f"a {what} column",
        "type×head": f"a {what.replace('|', ' column ending in ')}",
        "pos": "the table's first column",
        "lex": f"a {what} word in the name",
        "tlex": f"a {what} word in the table's name",
    }.get(kind, feature)
