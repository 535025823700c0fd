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

Only features seen in at least `MIN_POLICIES` notices keep a weight. The examples and the
fitting live in bench/draft.py beside the keys they read (`bench.draft.fit_all`), which also
drafts each development key with the readings taught without it (`taught_without`).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from bench.draft import Example, fit, fit_all, item_examples, sentence_examples
from catalog.drafting.learned import LEARNED, kind_by, states_by


def report(items: Sequence[Example], sentences: Sequence[Example]) -> str:
    """How each reading fares on a notice whose key did not teach it."""
    from catalog.scanning.learned import Linear

    typed = right = said = said_right = stated = 0
    policies = sorted({e.policy for e in items})
    for policy in policies:
        item = fit("item", [e for e in items if e.policy != policy])
        model = Linear(item["bias"], item["weights"])
        for e in (e for e in items if e.policy == policy):
            kind = kind_by(model, e.text)
            if kind is not None:
                typed += 1
                right += kind == e.label
        sent = fit("sentence", [e for e in sentences if e.policy != policy])
        model = Linear(sent["bias"], sent["weights"])
        for e in (e for e in sentences if e.policy == policy):
            stated += e.label == "states"
            if states_by(model, e.text):
                said += 1
                said_right += e.label == "states"
    return (
        f"one notice left out at a time, {len(policies)} notices:\n"
        f"  items: {typed} of {len(items)} typed ({typed / max(len(items), 1):.2f}), "
        f"{right / max(typed, 1):.2f} of them right\n"
        f"  sentences naming known data: {said} of {len(sentences)} said to state it, "
        f"{said_right / max(said, 1):.2f} of them rightly ({said_right} of {stated} that do)\n"
    )


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
