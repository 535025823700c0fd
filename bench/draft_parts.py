"""What each part of the drafter contributes: the drafting benchmark with one part turned off
at a time, pooled over the development keys and Stefere.

    python -m bench.draft_parts        (writes bench/results/draft-parts.md)

A part is turned off by replacing the function or pattern that is that part with one that does
nothing, in this process only; the drafter's code is not changed. Each key's notice is drafted
with the learned readings taught without that key (`bench.draft.taught_without`).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from bench.draft import BENCH_KEYS, DEVELOPMENT, ListScore, load, score, taught_without
from catalog.drafting import draft_path
from catalog.drafting import extract as ex
from catalog.drafting import reading as rd

OUT = Path(__file__).resolve().parent / "results" / "draft-parts.md"
LISTS = (("collected", "data"), ("recipients", "recipients"), ("flows", "flows"),
         ("sold_or_shared", "sales and shares"))  # fmt: skip
NEVER = re.compile(r"(?!)")


@contextlib.contextmanager
def _off(obj: Any, name: str, value: Any) -> Iterator[None]:
    old = getattr(obj, name)
    setattr(obj, name, value)
    try:
        yield
    finally:
        setattr(obj, name, old)


PARTS: list[tuple[str, Callable[[], contextlib.AbstractContextManager[None]]]] = [
    ("everything", contextlib.nullcontext),
    ("no lead-in sentences (list items read alone)", lambda: _off(ex, "lead_mode", lambda _l: None)),
    ("no 'we' verb for a list's lead-in", lambda: _off(ex, "_WE_VERB", NEVER)),
    ("no item labels ('Contact Data:')", lambda: _off(ex, "_LABEL", NEVER)),
    ("no shared head nouns ('identity and contact data')", lambda: _off(ex, "_shared_head", lambda *_: [])),
    ("no bold-line headings", lambda: _off(rd, "_MD_BOLD_LINE", NEVER)),
    ("no companies named as examples", lambda: _off(ex, "companies_after_lead", lambda *_: [])),
    ("no negation", lambda: _off(ex, "negated_before", lambda *_a, **_k: False)),
    ("no tables of processors read by their header",
     lambda: _off(ex, "table_columns", lambda _r, need_data=True: None)),
    ("no learned item reading (unknown items typed by head noun only)",
     lambda: _off(ex, "kind_of", lambda _n: None)),
    ("no learned sentence reading", lambda: _off(ex, "states_data", lambda _t: False)),
]  # fmt: skip


def pooled(names: tuple[str, ...]) -> dict[str, ListScore]:
    totals: dict[str, ListScore] = {k: ListScore(0, 0, 0) for k, _ in LISTS}
    for name in names:
        run = load(name)
        with taught_without(name):
            result = score(draft_path(run.path, run.company).to_json(), run.key, run.text)
        for k, _ in LISTS:
            totals[k] = totals[k] + result.lists[k]
    return totals


def _cell(s: ListScore) -> str:
    p, r = s.precision, s.recall
    return f"{p:.2f} / {r:.2f}" if p is not None and r is not None else "–"


def main() -> None:
    rows = []
    for label, part in PARTS:
        with part():
            keys, dev = pooled(BENCH_KEYS), pooled((DEVELOPMENT,))
        rows.append((label, keys, dev))
        print(label, {k: _cell(keys[k]) for k, _ in LISTS})
    lines = [
        "# What each part of the drafter contributes",
        "",
        "`python -m bench.draft_parts`: the drafting benchmark (bench/draft.py, matching by "
        "place, P / R counted by the issue's rule) with one part turned off at a time. P / R "
        "pooled over the development keys of bench/policies/ (" + ", ".join(BENCH_KEYS) + "), "
        "then Stefere; each notice drafted with the learned readings taught without its key. "
        "Development figures, not held out (the held-out measurements are in draft-heldout.md).",
        "",
        "| turned off | "
        + " | ".join(f"{t} P / R" for _, t in LISTS)
        + " | Stefere: "
        + " | ".join(t for _, t in LISTS)
        + " |",
        "|---|" + "---|" * (2 * len(LISTS)),
    ]
    for label, keys, dev in rows:
        lines.append(
            f"| {label} | "
            + " | ".join(_cell(keys[k]) for k, _ in LISTS)
            + " | "
            + " | ".join(_cell(dev[k]) for k, _ in LISTS)
            + " |"
        )
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"written {OUT}")


if __name__ == "__main__":
    main()
