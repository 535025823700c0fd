"""The held-out figures in seconds, for work on the scanner's verdict (catalog/scanning/verdict.py):

    python -m bench.folds build           # features and a lexicon per held-out application
    python -m bench.folds                 # core and personal figures, held out, from them
    python -m bench.folds --family health # and the columns of one family filed wrong

`build` reads every labelled application as `python -m bench.scan` does (bench/apps.py, the
scanner's own reading: `verdict.read`) and learns one lexicon per application from the others
alone (`bench.train.fit`), in two processes: about six minutes. It keeps them under
`bench/.data/folds/` with a fingerprint of what they were made from (the name rules, the value
recognisers, the features, the training and the corpus). The figures are then `verdict.decide`
over the kept features, each application with the lexicon learned without it: a change to how
the verdict weighs (its thresholds, which key it names) is measured in seconds without a
rebuild; a change to what makes the features asks for one, and the command says so.

The figures are those of `python -m bench.scan`'s held-out section for the scanner (core and
every personal column; whom a column is about is not worked out here, it needs the table's
other verdicts). That command stays the record: it scans each application's database with the
scanner as shipped.
"""

from __future__ import annotations

import argparse
import hashlib
import pickle
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from multiprocessing import Pool
from pathlib import Path
from typing import Any

from bench.apps import CORE_FAMILIES, App, Labelled, core_family, load
from bench.heldout import Tally
from bench.train import Example, examples, fit

ROOT = Path(__file__).resolve().parent
CACHE = ROOT / ".data" / "folds"
# What the kept features and lexicons are made from: a change to any of these asks for a rebuild.
MADE_FROM = (
    *(
        ROOT.parent / "catalog" / "scanning" / name
        for name in (
            "classify.py",
            "features.py",
            "recognisers.py",
            "rules.py",
            "segment.py",
            "valuewords.py",
            "schema_words.txt",
        )
    ),
    ROOT / "apps.py",
    ROOT / "train.py",
)


def fingerprint() -> str:
    digest = hashlib.sha256()
    files = [*MADE_FROM, *sorted((ROOT / "schemas").rglob("*"))]
    for path in files:
        if path.is_file():
            name = path.relative_to(ROOT.parent) if path.is_relative_to(ROOT.parent) else path
            digest.update(str(name).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _read(app: App) -> tuple[str, list[Example]]:
    return app.name, examples(app)


def _fold(job: tuple[str, list[Example]]) -> tuple[str, dict[str, Any]]:
    name, train = job
    return name, fit(train)


def build(apps: list[App], processes: int = 2, say: Callable[[str], None] = print) -> Path:
    """Read every application and learn a lexicon without each; keep both."""
    with Pool(processes) as pool:
        read = dict(pool.map(_read, apps))
    say(f"features of {len(read)} applications read")
    jobs = [(a, [e for b, es in read.items() if b != a for e in es]) for a in read]
    with Pool(processes) as pool:
        lexicons = dict(pool.map(_fold, jobs))
    say(f"{len(lexicons)} lexicons learned, each without one application")
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / "folds.pickle"
    with path.open("wb") as out:
        pickle.dump({"fingerprint": fingerprint(), "examples": read, "lexicons": lexicons}, out)
    return path


def kept() -> dict[str, Any]:
    """What `build` kept, or SystemExit when it is missing or made from other sources."""
    path = CACHE / "folds.pickle"
    if not path.is_file():
        raise SystemExit("no folds kept yet: python -m bench.folds build")
    with path.open("rb") as f:
        data: dict[str, Any] = pickle.load(f)  # (our own file, made by `build`)
    if data.get("fingerprint") != fingerprint():
        raise SystemExit(
            "the kept folds were made from other rules, features or labels: "
            "python -m bench.folds build"
        )
    return data


def figures(
    data: dict[str, Any], apps: Iterable[App], family: str | None = None
) -> tuple[dict[str, Any], list[str]]:
    """The held-out figures of `verdict.decide` over the kept features, and the columns of
    `family` (a core family) it files wrong."""
    from catalog.scanning.learned import from_data
    from catalog.scanning.verdict import decide

    tally = Tally()
    wrong: list[str] = []
    for app in apps:
        lex = from_data(data["lexicons"][app.name])
        labels: dict[tuple[str, str], Labelled] = {(c.table, c.column): c for c in app.columns}
        for e in data["examples"][app.name]:
            personal, _, key, _, _ = decide(
                lex,
                list(e.features),
                e.rule_personal,
                e.rule_key,
                e.refused,
                e.rule_confidence,
            )
            label = labels[(e.table, e.column)]
            tally.add(label, (personal, key, None))
            truth = core_family(label.fideslang) if label.personal else None
            if family and truth == family and (not personal or core_family(key) != truth):
                said = key if personal else "not personal"
                wrong.append(f"{app.name}: {e.table}.{e.column} ({label.fideslang}) -> {said}")
    return tally.figures(), wrong


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.folds", description=__doc__)
    parser.add_argument("what", nargs="?", choices=("build", "figures"), default="figures")
    parser.add_argument("--family", choices=sorted(CORE_FAMILIES))
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args(argv)
    apps = load()
    if args.what == "build":
        sys.stdout.write(f"kept in {build(apps, args.processes)}\n")
        return 0
    figs, wrong = figures(kept(), apps, args.family)
    core, personal = figs["core"], figs["personal"]
    sys.stdout.write(
        f"core families: precision {core['precision']}, recall {core['recall']}, "
        f"family right {core['family_right']}\n"
        f"every personal column: precision {personal['precision']}, "
        f"recall {personal['recall']}\n"
    )
    for fam, v in figs["families"].items():
        sys.stdout.write(f"  {fam}: precision {v['precision']}, recall {v['recall']}\n")
    if args.family:
        said = Counter(line.rsplit(" -> ", 1)[1] for line in wrong)
        sys.stdout.write(f"{len(wrong)} {args.family} columns filed wrong: {dict(said)}\n")
        sys.stdout.write("".join(f"  {line}\n" for line in wrong))
    return 0


if __name__ == "__main__":
    sys.exit(main())
