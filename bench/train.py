"""Learn the scanner's word weights from the labelled corpus (`bench/schemas/`):

    python -m bench.train            # writes catalog/scanning/lexicon.json

Each application is built as a SQLite database with synthetic rows (bench/apps.py) and read by
the scanner's own code; every column's features (catalog/scanning/features.py) and its labels
make one example. Three logistic regressions (scikit-learn, at training time only) learn:
personal or not; the fideslang key of a personal column (keys with few examples backed off to
their parent); whom it is about. Only features seen in at least `MIN_APPS` applications are
kept, so no weight stands for one application's naming. The benchmark (`python -m bench.scan`)
trains the same way once per application, without it, to measure it held out.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.apps import App, build_sqlite, load

MIN_APPS = 3  # a feature must occur in this many applications to carry a weight
# A word of names must occur in this many applications to split a run-together word: one more
# than MIN_APPS, so that without any one application (held out) it still occurs in MIN_APPS.
WORD_APPS = MIN_APPS + 1
MIN_KEY = 25  # a fideslang key with fewer examples is learned as its parent
THRESHOLD = 0.45  # personal at this score or more (F2 weighs a miss twice a false alarm)
C = 0.5  # inverse regularisation strength (kept modest: the corpus is small for its features)


@dataclass(frozen=True)
class Example:
    app: str
    table: str
    column: str
    features: tuple[str, ...]
    personal: bool
    key: str | None
    subject: str
    rule_personal: bool = False
    rule_key: str | None = None
    # what else the verdict weighs of the rules' reading (bench/folds.py decides from these)
    refused: str | None = None
    rule_confidence: float = 0.0


def examples(app: App, rows: int = 40) -> list[Example]:
    """Every labelled column of the application, as the scanner reads it."""
    from sqlalchemy import inspect

    from catalog.scanning.database import open_engine, read_table
    from catalog.scanning.verdict import read, set_aside

    out: list[Example] = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{app.name}.db"
        labels = build_sqlite(app, path, rows)
        engine, _ = open_engine(f"sqlite:///{path}")
        with engine.connect() as conn:
            inspector = inspect(conn)
            for table in inspector.get_table_names():
                columns = read_table(conn, inspector, None, table, rows)
                ruled, feats_all = read(table, columns)  # every recogniser's rate
                for col, feats, rc in zip(columns, feats_all, ruled, strict=True):
                    label = labels[(table, col.name)]
                    out.append(
                        Example(
                            app.name,
                            table,
                            col.name,
                            tuple(feats),
                            label.personal,
                            label.fideslang,
                            label.subject,
                            rc.personal,
                            rc.fideslang,
                            set_aside(rc),
                            rc.confidence,
                        )
                    )
        engine.dispose()
    return out


def _backoff(keys: Iterable[str]) -> dict[str, str]:
    """Each key to the class it is learned as: itself, or its nearest ancestor with enough
    examples (user.contact.address.street → user.contact.address)."""
    counts = Counter(keys)
    total: Counter[str] = Counter()
    for k, n in counts.items():
        parts = k.split(".")
        for i in range(2, len(parts) + 1):
            total[".".join(parts[:i])] += n
    out = {}
    for k in counts:
        parts = k.split(".")
        while len(parts) > 2 and total[".".join(parts)] < MIN_KEY:
            parts = parts[:-1]
        out[k] = ".".join(parts)
    return out


def _weights(model: Any, names: Sequence[str], classes: Sequence[str]) -> dict[str, Any]:
    coef = model.coef_
    bias = model.intercept_
    if len(classes) == 2 and coef.shape[0] == 1:  # a binary model: one row for the second class
        rows = {classes[1]: coef[0]}
        biases = {classes[1]: float(bias[0])}
    else:
        rows = {cls: coef[i] for i, cls in enumerate(classes)}
        biases = {cls: float(bias[i]) for i, cls in enumerate(classes)}
    weights: dict[str, dict[str, float]] = {}
    for j, name in enumerate(names):
        kept = {cls: round(float(row[j]), 3) for cls, row in rows.items() if abs(row[j]) >= 0.02}
        if kept:
            weights[name] = kept
    return {"bias": {k: round(v, 3) for k, v in biases.items()}, "weights": weights}


def fit(train: Sequence[Example]) -> dict[str, Any]:
    """The lexicon's data, learned from `train` alone."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    seen: dict[str, set[str]] = {}
    for e in train:
        for f in e.features:
            seen.setdefault(f, set()).add(e.app)
    kept = {f for f, apps in seen.items() if len(apps) >= MIN_APPS}

    def rows(items: Sequence[Example]) -> list[dict[str, int]]:
        return [{f: 1 for f in e.features if f in kept} for e in items]

    vec = DictVectorizer()
    x = vec.fit_transform(rows(train))
    names = list(vec.get_feature_names_out())
    personal = LogisticRegression(C=C, max_iter=2000)
    personal.fit(x, [1 if e.personal else 0 for e in train])
    positives = [e for e in train if e.personal and e.key]
    backoff = _backoff(e.key for e in positives if e.key)
    xp = vec.transform(rows(positives))
    key_model = LogisticRegression(C=C, max_iter=1000)
    key_model.fit(xp, [backoff[e.key] for e in positives if e.key])
    with_subject = [e for e in positives if e.subject != "none"]
    subject_model = LogisticRegression(C=C, max_iter=1000)
    subject_model.fit(vec.transform(rows(with_subject)), [e.subject for e in with_subject])
    return {
        "format": 1,
        "applications": len({e.app for e in train}),
        "min_apps": MIN_APPS,
        "threshold": THRESHOLD,
        "personal": _weights(personal, names, ["not", "personal"]),
        "key": _weights(key_model, names, list(key_model.classes_)),
        "subject": _weights(subject_model, names, list(subject_model.classes_)),
    }


def schema_words(apps: Sequence[App]) -> str:
    """`catalog/scanning/schema_words.txt`: the words of table and column names in at least
    `WORD_APPS` applications, and the lexicons' telling words (catalog/scanning/segment.py)."""
    from catalog.scanning.classify import plain_words
    from catalog.scanning.features import ABBREVIATIONS, LEXICONS, PEOPLE
    from catalog.scanning.rules import PERSON_PREFIX

    seen: dict[str, set[str]] = {}
    for app in apps:
        for table, columns in app.tables().items():
            for name in (table, *(c.column for c in columns)):
                for w in plain_words(name):
                    if w.isalpha() and len(w) > 1:
                        seen.setdefault(w, set()).add(app.name)
    telling = {
        w
        for words in (*LEXICONS.values(), PEOPLE, ABBREVIATIONS, PERSON_PREFIX.split())
        for w in words
        if w.isalpha() and len(w) > 2
    }
    known = {w for w, names in seen.items() if len(names) >= WORD_APPS} | telling
    lines = [f"{w} telling" if w in telling else w for w in sorted(known)]
    return (
        "# Words of schema names (python -m bench.train writes this file): each known word, and\n"
        "# whether it tells something of personal data (catalog/scanning/segment.py).\n"
        + "\n".join(lines)
        + "\n"
    )


def main(argv: list[str] | None = None) -> int:
    from catalog.scanning.classify import _words
    from catalog.scanning.learned import LEXICON
    from catalog.scanning.segment import WORDS_FILE, _lists, split_run_together

    parser = argparse.ArgumentParser(prog="python -m bench.train", description=__doc__)
    parser.add_argument("--rows", type=int, default=40)
    parser.add_argument("-o", "--output", type=Path, default=LEXICON)
    args = parser.parse_args(argv)
    apps = load()
    # The words first: the examples' features read names with them.
    words = LEXICON.with_name(WORDS_FILE)
    words.write_text(schema_words(apps), encoding="utf-8")
    for cached in (_lists, split_run_together, _words):
        cached.cache_clear()
    train = [e for app in apps for e in examples(app, args.rows)]
    data = fit(train)
    args.output.write_text(json.dumps(data, sort_keys=True, separators=(",", ":")) + "\n")
    sys.stdout.write(
        f"learned from {len(apps)} applications, {len(train)} columns: "
        f"{len(data['personal']['weights'])} features weigh on personal; wrote {args.output}\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
