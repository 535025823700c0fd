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
import math
import re
from functools import cache, lru_cache
from pathlib import Path

from catalog.scanning.learned import Linear

LEARNED = Path(__file__).with_name("learned.json")
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
def _models() -> dict[str, Linear]:
    if not LEARNED.is_file():
        return {}
    data = json.loads(LEARNED.read_text(encoding="utf-8"))
    return {
        name: Linear(
            dict(data[name]["bias"]), {f: dict(w) for f, w in data[name]["weights"].items()}
        )
        for name in ("item", "sentence")
        if name in data
    }


def ranked(model: Linear | None, features: list[str]) -> list[tuple[str, float]]:
    """Every class with its probability under `model`, most likely first; none when no feature
    carries a weight."""
    if model is None or not any(f in model.weights for f in features):
        return []
    raw = model.scores(features)
    if len(raw) == 1:  # a binary model keeps one row, for its second class
        ((cls, score),) = raw.items()
        p = 1.0 / (1.0 + math.exp(-max(min(score, 40.0), -40.0)))
        return [(cls, p)]
    top = max(raw.values())
    exp = {k: math.exp(v - top) for k, v in raw.items()}
    total = sum(exp.values())
    return sorted(((k, v / total) for k, v in exp.items()), key=lambda kv: -kv[1])


@lru_cache(maxsize=4096)
def kind_of(name: str) -> str | None:
    """The fideslang kind of the item, when the weights are sure enough of one."""
    kinds = ranked(_models().get("item"), item_features(name))
    if kinds and kinds[0][1] >= KIND_THRESHOLD:
        return kinds[0][0]
    return None


def states_data(text: str) -> bool:
    """Whether the sentence's words say the data it names is processed."""
    found = ranked(_models().get("sentence"), sentence_features(text))
    return bool(found) and found[0][1] >= SENTENCE_THRESHOLD
