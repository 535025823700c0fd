"""Two readings learned from labelled notices, where hand-written rules run out.

- `kind_of(item)`: a list of data in a policy names many things no hand-written vocabulary
  foresees ("playtime", "registration channel", "tips"). It reads such an item's words and says
  which top-level fideslang kind it is (`user.behavior`, `user.content`, ...), or nothing when
  it is unsure.
- `states_data(sentence)`: whether a sentence that names data the vocabulary knows, but that no
  rule read as a statement of collection, states that the data is processed ("Your profile is
  displayed to other members", "Our chat assistants answer customers' questions"), from the
  words around the data.

Both are logistic regressions over words, learned by `python -m bench.train_draft` from the
development keys in `bench/policies/` (never a held-out one), keeping only words seen in
several notices, so no one notice's wording stands for a rule. The weights ship in
`learned.json`; nothing is computed at run time beyond a sum of weights.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache, lru_cache
from pathlib import Path

from catalog.scanning.learned import Linear, sigmoid

LEARNED = Path(__file__).with_name("learned.json")
READINGS = ("item", "sentence")  # the two models in learned.json
# Below these an item is left untyped and a sentence unread: measured with each notice left out
# of the training (`python -m bench.train_draft --report`).
KIND_THRESHOLD = 0.6
SENTENCE_THRESHOLD = 0.7

# Words that say nothing about the kind of an item.
_FILLER = frozenset("your the a an of and or you to in on about with for we our".split())
_WORD = re.compile(r"[a-z]+")
# A sentence longer than this is read for its first words only (the weights are per word).
_SENTENCE_CHARS = 2000


def item_features(name: str) -> list[str]:
    """Words, word pairs, the head (last) and first word, and five-letter stems."""
    words = [w for w in _WORD.findall(name.lower()) if w not in _FILLER]
    out = [f"w={w}" for w in words]
    out += [f"b={a}_{b}" for a, b in itertools.pairwise(words)]
    if words:
        out += [f"h={words[-1]}", f"f={words[0]}"]
    out += [f"p={w[:5]}" for w in words if len(w) > 4]
    return list(dict.fromkeys(out))


def sentence_features(text: str) -> list[str]:
    """Words and word pairs."""
    words = _WORD.findall(text[:_SENTENCE_CHARS].lower())
    out = [f"w={w}" for w in words] + [f"b={a}_{b}" for a, b in itertools.pairwise(words)]
    return list(dict.fromkeys(out))


@cache
def _shipped() -> dict[str, Linear]:
    if not LEARNED.is_file():
        return {}
    data = json.loads(LEARNED.read_text(encoding="utf-8"))
    return {
        name: Linear(
            dict(data[name]["bias"]), {f: dict(w) for f, w in data[name]["weights"].items()}
        )
        for name in READINGS
        if name in data
    }


_override: list[dict[str, Linear]] = []


def _models() -> dict[str, Linear]:
    """The readings in force: the shipped ones, or those a benchmark put in their place."""
    return _override[-1] if _override else _shipped()


@contextmanager
def taught_by(models: dict[str, Linear]) -> Iterator[None]:
    """Draft with other weights meanwhile (a development key's figures, read with the readings
    taught without it); as `catalog.scanning.learned.using` does for the scanner."""
    _override.append(models)
    kind_of.cache_clear()
    try:
        yield
    finally:
        _override.pop()
        kind_of.cache_clear()


def kind_by(model: Linear | None, name: str) -> str | None:
    """The item's fideslang kind under `model`, when it is sure enough of one; none when no
    word of the item carries a weight."""
    features = item_features(name)
    if model is None or not any(f in model.weights for f in features):
        return None
    kind, p = model.best(features)
    return kind if p >= KIND_THRESHOLD else None


def states_by(model: Linear | None, text: str) -> bool:
    """Whether, under `model`, the sentence's words say the data it names is processed."""
    features = sentence_features(text)
    if model is None or not any(f in model.weights for f in features):
        return False
    return sigmoid(model.score(features, "states")) >= SENTENCE_THRESHOLD


@lru_cache(maxsize=4096)
def kind_of(name: str) -> str | None:
    """The fideslang kind of the item, when the weights in force are sure enough of one."""
    return kind_by(_models().get("item"), name)


def states_data(text: str) -> bool:
    """Whether the sentence's words say the data it names is processed."""
    return states_by(_models().get("sentence"), text)
