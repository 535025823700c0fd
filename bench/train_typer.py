"""Learn the drafter's item typer from the development keys (`bench/policies/*/key.yaml`):

    python -m bench.train_typer            # writes catalog/drafting/typer.json
    python -m bench.train_typer --report   # and prints its accuracy, one notice left out at a time

Every collected fact of every development key (not those `held_out: true`, and not one being
labelled, without a source.yaml) is one example: the item's name and the top-level fideslang
kind of its key (`user.behavior.browsing_history` → `user.behavior`: the scorer credits an
ancestor, and the kind is what the words of an unknown item support). A logistic regression
(scikit-learn, at training time only) learns the kind from the words of `typer.features`; only
features seen in at least `MIN_POLICIES` notices keep a weight.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.draft import BENCH_KEYS, POLICIES, read_key
from bench.train import _weights
from catalog.drafting.typer import THRESHOLD, TYPER, features

MIN_POLICIES = 2  # a feature must occur in this many notices to carry a weight
C = 3.0  # inverse regularisation strength, chosen by the --report figures


@dataclass(frozen=True)
class Example:
    policy: str
    name: str
    kind: str


def examples(names: Sequence[str] = ()) -> list[Example]:
    out: list[Example] = []
    for policy in names or BENCH_KEYS:
        if not (POLICIES / policy / "source.yaml").is_file():
            continue  # a key still being labelled
        for fact in read_key(POLICIES / policy / "key.yaml").get("collected") or []:
            keys = fact.get("fideslang")
            key = keys[0] if isinstance(keys, list) and keys else keys
            if not isinstance(key, str) or key.count(".") < 1 or not fact.get("name"):
                continue
            out.append(Example(policy, str(fact["name"]), ".".join(key.split(".")[:2])))
    return out


def fit(train: Sequence[Example]) -> dict[str, Any]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    seen: dict[str, set[str]] = {}
    for e in train:
        for f in features(e.name):
            seen.setdefault(f, set()).add(e.policy)
    kept = {f for f, policies in seen.items() if len(policies) >= MIN_POLICIES}
    vec = DictVectorizer()
    x = vec.fit_transform([{f: 1 for f in features(e.name) if f in kept} for e in train])
    model = LogisticRegression(C=C, max_iter=3000)
    model.fit(x, [e.kind for e in train])
    data = _weights(model, list(vec.get_feature_names_out()), list(model.classes_))
    return {"format": 1, "policies": len({e.policy for e in train}), **data}


def report(all_examples: Sequence[Example]) -> str:
    """Kinds right among the items typed, each notice typed by weights learned without it."""
    from catalog.drafting import typer
    from catalog.scanning.learned import Linear

    typed = right = 0
    policies = sorted({e.policy for e in all_examples})
    for policy in policies:
        data = fit([e for e in all_examples if e.policy != policy])
        model = Linear(data["bias"], data["weights"])
        for e in all_examples:
            if e.policy != policy:
                continue
            ranked = typer.ranked(model, e.name)
            if ranked and ranked[0][1] >= THRESHOLD:
                typed += 1
                right += ranked[0][0] == e.kind
    total = len(all_examples)
    return (
        f"one notice left out at a time, {len(policies)} notices, {total} items: "
        f"{typed} typed ({typed / total:.2f}), {right / max(typed, 1):.2f} of them right\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.train_typer", description=__doc__)
    parser.add_argument("-o", "--output", type=Path, default=TYPER)
    parser.add_argument("--report", action="store_true")
    args = parser.parse_args(argv)
    train = examples()
    data = fit(train)
    args.output.write_text(json.dumps(data, sort_keys=True, separators=(",", ":")) + "\n")
    sys.stdout.write(
        f"learned from {data['policies']} notices, {len(train)} items: "
        f"{len(data['weights'])} features carry a weight; wrote {args.output}\n"
    )
    if args.report:
        sys.stdout.write(report(train))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
