"""The kind of an item of data the vocabulary does not name, learned from labelled notices.

A list of data in a policy names many things no hand-written vocabulary foresees ("playtime",
"registration channel", "emails we send to individuals"). `kind_of` reads such an item's words
and says which top-level fideslang kind it is (`user.behavior`, `user.content`, ...), or nothing
when it is unsure. The weights (`typer.json`) are a logistic regression over the item's words,
learned by `python -m bench.train_typer` from the development keys in `bench/policies/`,
keeping only words seen in at least two notices, so no one notice's wording stands for a rule.
Nothing is computed at run time beyond a sum of weights per kind.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from functools import cache
from pathlib import Path

from catalog.scanning.learned import Linear

TYPER = Path(__file__).with_name("typer.json")
THRESHOLD = 0.6  # below this the item is left untyped (0.89 of kinds right, held out by notice)

# Words that say nothing about the kind of an item.
_FILLER = frozenset("your the a an of and or you to in on about with for we our".split())


def features(name: str) -> list[str]:
    """Words, word pairs, the head (last) and first word, and five-letter stems."""
    words = [w for w in re.findall(r"[a-z]+", name.lower()) if w not in _FILLER]
    out = [f"w={w}" for w in words]
    out += [f"b={a}_{b}" for a, b in itertools.pairwise(words)]
    if words:
        out += [f"h={words[-1]}", f"f={words[0]}"]
    out += [f"p={w[:5]}" for w in words if len(w) > 4]
    return list(dict.fromkeys(out))


@cache
def _model() -> Linear | None:
    if not TYPER.is_file():
        return None
    data = json.loads(TYPER.read_text(encoding="utf-8"))
    return Linear(dict(data["bias"]), {f: dict(w) for f, w in data["weights"].items()})


def ranked(model: Linear | None, name: str) -> list[tuple[str, float]]:
    """Every kind with its probability under `model`, most likely first; none when no word
    of the item carries a weight."""
    feats = features(name)
    if model is None or not any(f in model.weights for f in feats):
        return []
    raw = model.scores(feats)
    top = max(raw.values())
    exp = {k: math.exp(v - top) for k, v in raw.items()}
    total = sum(exp.values())
    return sorted(((k, v / total) for k, v in exp.items()), key=lambda kv: -kv[1])


def kind_of(name: str) -> str | None:
    """The fideslang kind of the item, when the weights are sure enough of one."""
    ranked_kinds = ranked(_model(), name)
    if ranked_kinds and ranked_kinds[0][1] >= THRESHOLD:
        return ranked_kinds[0][0]
    return None
