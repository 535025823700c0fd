"""Learn the drafter's two learned readings from the development keys (`bench/policies/`):

    python -m bench.train_draft            # writes catalog/drafting/learned.json
    python -m bench.train_draft --report   # and prints how they fare, one notice left out at a time

Only development keys teach (not those `held_out: true`, and not one still being labelled,
without a source.yaml). Two logistic regressions (scikit-learn, at training time only):

- items: every collected fact of a key is one example, its name and the top-level fideslang
  kind of its key (`user.behavior.browsing_history` → `user.behavior`: the kind is what the
  words of an unknown item support, and the scorer credits an ancestor);
- sentences: every sentence of a notice that names data the drafter's vocabulary knows is one
  example, labelled by whether the key holds a collected fact in it.

Only features seen in at least `MIN_POLICIES` notices keep a weight.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from bench.draft import BENCH_KEYS, POLICIES, PolicyText, facts, read_key
from bench.train import _weights
from catalog.drafting.learned import (
    KIND_THRESHOLD,
    LEARNED,
    SENTENCE_THRESHOLD,
    item_features,
    ranked,
    sentence_features,
)

MIN_POLICIES = {"item": 2, "sentence": 3}  # a feature must occur in this many notices
C = {"item": 3.0, "sentence": 1.0}  # inverse regularisation, chosen by the --report figures


@dataclass(frozen=True)
class Example:
    policy: str
    text: str
    label: str


def _development(names: Sequence[str]) -> list[str]:
    # (a key without a source.yaml is still being labelled)
    return [n for n in names or BENCH_KEYS if (POLICIES / n / "source.yaml").is_file()]


def item_examples(names: Sequence[str] = ()) -> list[Example]:
    out: list[Example] = []
    for policy in _development(names):
        for fact in read_key(POLICIES / policy / "key.yaml").get("collected") or []:
            keys = fact.get("fideslang")
            key = keys[0] if isinstance(keys, list) and keys else keys
            if not isinstance(key, str) or key.count(".") < 1 or not fact.get("name"):
                continue
            out.append(Example(policy, str(fact["name"]), ".".join(key.split(".")[:2])))
    return out


def sentence_examples(names: Sequence[str] = ()) -> list[Example]:
    from catalog.drafting.extract import data_spans

    out: list[Example] = []
    for policy in _development(names):
        text = PolicyText.read(POLICIES / policy / "policy.md")
        key = read_key(POLICIES / policy / "key.yaml")
        stated = set().union(*(f.sentences for f in facts(key, text)["collected"]))
        for i in range(len(text.spans)):
            sentence = text.sentence(i)
            if data_spans(sentence, weak_ok=False):
                out.append(Example(policy, sentence, "states" if i in stated else "not"))
    return out


_FEATURES: dict[str, Callable[[str], list[str]]] = {
    "item": item_features,
    "sentence": sentence_features,
}


def fit(model: str, train: Sequence[Example]) -> dict[str, Any]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    features = _FEATURES[model]
    seen: dict[str, set[str]] = {}
    for e in train:
        for f in features(e.text):
            seen.setdefault(f, set()).add(e.policy)
    kept = {f for f, policies in seen.items() if len(policies) >= MIN_POLICIES[model]}
    vec = DictVectorizer()
    x = vec.fit_transform([{f: 1 for f in features(e.text) if f in kept} for e in train])
    lr = LogisticRegression(C=C[model], max_iter=3000)
    lr.fit(x, [e.label for e in train])
    return _weights(lr, list(vec.get_feature_names_out()), list(lr.classes_))


def fit_all(items: Sequence[Example], sentences: Sequence[Example]) -> dict[str, Any]:
    return {
        "format": 1,
        "policies": len({e.policy for e in items}),
        "item": fit("item", items),
        "sentence": fit("sentence", sentences),
    }


def report(items: Sequence[Example], sentences: Sequence[Example]) -> str:
    """How each reading fares on a notice whose key did not teach it."""
    from catalog.scanning.learned import Linear

    typed = right = said = said_right = stated = 0
    policies = sorted({e.policy for e in items})
    for policy in policies:
        item = fit("item", [e for e in items if e.policy != policy])
        model = Linear(item["bias"], item["weights"])
        for e in (e for e in items if e.policy == policy):
            kinds = ranked(model, item_features(e.text))
            if kinds and kinds[0][1] >= KIND_THRESHOLD:
                typed += 1
                right += kinds[0][0] == e.label
        sent = fit("sentence", [e for e in sentences if e.policy != policy])
        model = Linear(sent["bias"], sent["weights"])
        for e in (e for e in sentences if e.policy == policy):
            stated += e.label == "states"
            found = ranked(model, sentence_features(e.text))
            if found and found[0][1] >= SENTENCE_THRESHOLD:
                said += 1
                said_right += e.label == "states"
    return (
        f"one notice left out at a time, {len(policies)} notices:\n"
        f"  items: {typed} of {len(items)} typed ({typed / max(len(items), 1):.2f}), "
        f"{right / max(typed, 1):.2f} of them right\n"
        f"  sentences naming known data: {said} of {len(sentences)} said to state it, "
        f"{said_right / max(said, 1):.2f} of them rightly ({said_right} of {stated} that do)\n"
    )


@cache
def _all_examples() -> tuple[list[Example], list[Example]]:
    return item_examples(), sentence_examples()


@contextlib.contextmanager
def taught_without(policy: str) -> Iterator[None]:
    """The drafter's learned readings as taught by every development key but `policy`'s, in
    this process, for the span of the block: a development key's figures then do not flatter
    the readings with what its own labels taught them."""
    from catalog.drafting import learned
    from catalog.scanning.learned import Linear

    items, sentences = _all_examples()
    data = fit_all(
        [e for e in items if e.policy != policy], [e for e in sentences if e.policy != policy]
    )
    models = {name: Linear(data[name]["bias"], data[name]["weights"]) for name in _FEATURES}
    shipped = learned._models
    learned._models = lambda: models  # type: ignore[assignment]
    learned.kind_of.cache_clear()
    try:
        yield
    finally:
        learned._models = shipped  # type: ignore[assignment]
        learned.kind_of.cache_clear()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.train_draft", description=__doc__)
    parser.add_argument("-o", "--output", type=Path, default=LEARNED)
    parser.add_argument("--report", action="store_true")
    args = parser.parse_args(argv)
    items, sentences = item_examples(), sentence_examples()
    data = fit_all(items, sentences)
    args.output.write_text(json.dumps(data, sort_keys=True, separators=(",", ":")) + "\n")
    sys.stdout.write(
        f"learned from {data['policies']} notices, {len(items)} items and {len(sentences)} "
        f"sentences; wrote {args.output}\n"
    )
    if args.report:
        sys.stdout.write(report(items, sentences))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
