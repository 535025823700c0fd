"""The scanner on applications it was not written for: leave-one-application-out precision,
recall and F2 per family and per domain, beside a column-name regex baseline.

Each application of `bench/schemas/` is built as a SQLite database (bench/apps.py) and scanned
by `datamap scan`'s own code. Whatever the scanner learns from the corpus (the word weights of
`catalog/scanning/lexicon.json`) is learned again for each application from the others alone,
so the figure for an application is one made without it: "held out" means that.

Figures (a column is one decision):
- core: the nine families of issue 27 (contact, name, financial, location, government id,
  health, credentials, online id, demographic). Precision: of the columns the scanner files
  under a core family, the share labelled personal with a core family. Recall: of the columns
  labelled with a core family, the share the scanner calls personal. Family right: of those
  found, the share filed under the labelled family.
- every personal column: the same for personal or not, whatever the family (join keys,
  behaviour, free text too).
- per family: precision and recall of the family itself, and F2 (recall weighted twice: a
  missed column is worse than a false alarm, because a scan is believed).
"""

from __future__ import annotations

import re
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.apps import CORE_FAMILIES, App, Labelled, build_sqlite, core_family

# (personal, fideslang key, subject or None) per (table, column)
Prediction = dict[tuple[str, str], tuple[bool, str | None, str | None]]


def f_beta(p: float | None, r: float | None, beta: float = 2.0) -> float | None:
    if p is None or r is None or (p == 0 and r == 0):
        return None if p is None or r is None else 0.0
    b2 = beta * beta
    return round((1 + b2) * p * r / (b2 * p + r), 3)


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 3) if den else None


@dataclass
class Tally:
    """Counts for one slice (all, a domain, an application)."""

    core_tp: int = 0  # filed under a core family and labelled core
    core_fp: int = 0  # filed under a core family, labelled otherwise
    core_fn: int = 0  # labelled core, not called personal
    core_right: int = 0  # of core_tp... labelled core and called personal: family right
    core_found: int = 0
    any_tp: int = 0
    any_fp: int = 0
    any_fn: int = 0
    fam_tp: Counter[str] = field(default_factory=Counter)
    fam_fp: Counter[str] = field(default_factory=Counter)
    fam_fn: Counter[str] = field(default_factory=Counter)
    subject_right: int = 0
    subject_asked: int = 0

    def add(self, label: Labelled, got: tuple[bool, str | None, str | None]) -> None:
        personal, key, subject = got
        truth = label.family
        said = core_family(key) if personal else None
        truth_core = truth if truth in CORE_FAMILIES else None
        said_core = said if said in CORE_FAMILIES else None
        if said_core:
            if truth_core:
                self.core_tp += 1
            else:
                self.core_fp += 1
        if truth_core:
            if personal:
                self.core_found += 1
                self.core_right += said_core == truth_core
            else:
                self.core_fn += 1
        if personal and label.personal:
            self.any_tp += 1
        elif personal:
            self.any_fp += 1
        elif label.personal:
            self.any_fn += 1
        if said_core == truth_core:
            if said_core:
                self.fam_tp[said_core] += 1
        else:
            if said_core:
                self.fam_fp[said_core] += 1
            if truth_core:
                self.fam_fn[truth_core] += 1
        if subject is not None and label.personal:
            self.subject_asked += 1
            self.subject_right += subject == label.subject

    def figures(self) -> dict[str, Any]:
        core_p = _ratio(self.core_tp, self.core_tp + self.core_fp)
        core_r = _ratio(self.core_found, self.core_found + self.core_fn)
        any_p = _ratio(self.any_tp, self.any_tp + self.any_fp)
        any_r = _ratio(self.any_tp, self.any_tp + self.any_fn)
        fams = {}
        for fam in CORE_FAMILIES:
            tp, fp, fn = self.fam_tp[fam], self.fam_fp[fam], self.fam_fn[fam]
            p, r = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
            fams[fam] = {"precision": p, "recall": r, "f2": f_beta(p, r), "columns": tp + fn}
        return {
            "core": {
                "precision": core_p,
                "recall": core_r,
                "f2": f_beta(core_p, core_r),
                "family_right": _ratio(self.core_right, self.core_found),
                "columns": self.core_found + self.core_fn,
            },
            "personal": {
                "precision": any_p,
                "recall": any_r,
                "f2": f_beta(any_p, any_r),
                "columns": self.any_tp + self.any_fn,
            },
            "families": fams,
            "subject": {
                "right": _ratio(self.subject_right, self.subject_asked),
                "asked": self.subject_asked,
            },
        }


# -- the baseline: what a column-name regex finds --------------------------------------------

_BASELINE: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (key, re.compile(pattern, re.I))
    for key, pattern in (
        ("user.contact.email", r"e_?mail"),
        ("user.contact.phone_number", r"phone|mobile|\btel\b|fax"),
        ("user.contact.address", r"address|street|city|zip|postal|postcode"),
        ("user.name", r"(first|last|middle|full|sur|given|family)_?name|^name$"),
        ("user.financial", r"card|iban|bank|account_?(no|number)|salary|income"),
        ("user.location.precise", r"latitude|longitude|\blat\b|\blng\b|\blon\b|geo"),
        ("user.government_id", r"ssn|passport|national_?id|tax_?id|licen[cs]e"),
        ("user.health_and_medical", r"diagnos|allerg|medic|prescri|blood|symptom|disease"),
        ("user.authorization", r"pass(word|wd)|token|secret"),
        ("user.account.username", r"user_?name|login"),
        ("user.device.ip_address", r"(^|_)ip(_|$)|ip_?addr"),
        ("user.demographic", r"birth|dob|gender|\bsex\b|race|ethnic|religion|marital"),
    )
)


def baseline(app: App) -> Prediction:
    out: Prediction = {}
    for c in app.columns:
        name = c.column
        key = next((k for k, pattern in _BASELINE if pattern.search(name)), None)
        out[(c.table, c.column)] = (key is not None, key, None)
    return out


# -- the scanner --------------------------------------------------------------------------------


def scanner(app: App, rows: int, trained_without: Callable[[App], Any] | None = None) -> Prediction:
    """What `datamap scan` says of the application's database (`rows` rows where it has any)."""
    from catalog.scanning.database import scan_database

    context = trained_without(app) if trained_without else nullcontext()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{app.name}.db"
        build_sqlite(app, path, rows)
        with context:
            report = scan_database(f"sqlite:///{path}", sample=rows)
    out: Prediction = {}
    for f in report.fields:
        subject = getattr(f, "subject", None)
        out[(f.table, f.column)] = (f.personal, f.fideslang, subject)
    return out


@dataclass
class Result:
    overall: Tally = field(default_factory=Tally)
    domains: dict[str, Tally] = field(default_factory=dict)
    apps: dict[str, Tally] = field(default_factory=dict)
    mistakes: dict[str, list[str]] = field(default_factory=dict)
    seconds: float = 0.0


def evaluate(apps: Sequence[App], predict: Callable[[App], Prediction]) -> Result:
    result = Result()
    started = time.perf_counter()
    for app in apps:
        got = predict(app)
        tally = result.apps.setdefault(app.name, Tally())
        dom = result.domains.setdefault(app.domain, Tally())
        wrong: list[str] = []
        for c in app.columns:
            g = got.get((c.table, c.column), (False, None, None))
            for t in (result.overall, tally, dom):
                t.add(c, g)
            if g[0] != c.personal or (c.personal and core_family(g[1]) != c.family):
                wrong.append(
                    f"{c.table}.{c.column} ({c.type}): labelled "
                    f"{c.fideslang if c.personal else 'not personal'}, "
                    f"scanned {g[1] if g[0] else 'not personal'}"
                )
        result.mistakes[app.name] = wrong
    result.seconds = round(time.perf_counter() - started, 1)
    return result


def run(
    apps: Sequence[App], rows: int = 40, log: Callable[[str], None] | None = None
) -> dict[str, Any]:
    """Every figure of the held-out benchmark: the scanner with a lexicon learned without each
    application, the scanner's rules alone (no lexicon), and the column-name regex baseline."""
    from bench.train import examples, fit
    from catalog.scanning.learned import from_data, using

    say = log or (lambda _: None)
    cached = {}
    for app in apps:
        cached[app.name] = examples(app, rows)
    say(f"features of {len(apps)} applications read")

    def without(app: App) -> Any:
        say(f"held out: {app.name}")
        train = [e for name, es in cached.items() if name != app.name for e in es]
        return using(from_data(fit(train)))

    out: dict[str, Any] = {"applications": len(apps), "columns": sum(len(a.columns) for a in apps)}
    for name, predict in (
        ("baseline", baseline),
        ("rules", lambda a: scanner(a, rows, lambda _: using(None))),
        ("scanner", lambda a: scanner(a, rows, without)),
    ):
        r = evaluate(apps, predict)
        out[name] = {
            "overall": r.overall.figures(),
            "domains": {d: t.figures() for d, t in sorted(r.domains.items())},
            "apps": {a: t.figures() for a, t in sorted(r.apps.items())},
            "seconds": r.seconds,
        }
        if name == "scanner":  # the first of each application's, to read (all: rerun)
            out["mistakes"] = {a: m[:40] for a, m in r.mistakes.items()}
    return out


def _cell(v: float | None) -> str:
    return "–" if v is None else f"{v:.2f}"


def markdown(h: dict[str, Any], goals: dict[str, float]) -> list[str]:
    """The held-out figures as docs/scanning.md and bench/results/scan.md print them."""
    s, r, b = (h[k]["overall"] for k in ("scanner", "rules", "baseline"))
    lines = [
        "## Held out: applications the scanner was not trained on",
        "",
        f"{h['applications']} applications, {h['columns']} labelled columns (`bench/schemas/`). "
        "Each application is scanned with word weights learned from the others alone "
        "(leave-one-application-out). The name rules, lexicons and abbreviations name no table "
        "or column of any one application, but the lexicons and abbreviations were written "
        "while reading this corpus's mistakes: the weights are held out, that vocabulary not "
        "wholly. The words that split run-together names are those of names in at least four "
        "applications, so that without the one held out they are in three, as a weighed "
        'feature must be. "Rules" is the scanner without learned weights; "baseline" a column-name '
        "regex. A column the weights call personal without a family sure enough is filed as "
        '`user`: found, but not "family right".',
        "",
        "| figure | scanner | rules alone | baseline | goal |",
        "|---|---|---|---|---|",
    ]
    for label, path, goal in (
        ("core families: precision", ("core", "precision"), goals.get("core_precision")),
        ("core families: recall", ("core", "recall"), goals.get("core_recall")),
        ("core families: F2", ("core", "f2"), None),
        (
            "core families: family right on hits",
            ("core", "family_right"),
            goals.get("family_right"),
        ),
        ("every personal column: precision", ("personal", "precision"), None),
        ("every personal column: recall", ("personal", "recall"), goals.get("personal_recall")),
        ("every personal column: F2", ("personal", "f2"), None),
    ):
        row = [x[path[0]][path[1]] for x in (s, r, b)]
        lines.append(
            f"| {label} | {' | '.join(_cell(v) for v in row)} | {'≥ ' + str(goal) if goal else ''} |"
        )
    subj = s["subject"]
    lines += [
        f"| whom a personal column is about (of {subj['asked']}) | {_cell(subj['right'])} | | | |",
        "",
        "| family | columns | scanner P | R | F2 | rules F2 | baseline F2 |",
        "|---|---|---|---|---|---|---|",
    ]
    for fam, v in s["families"].items():
        lines.append(
            f"| {fam} | {v['columns']} | {_cell(v['precision'])} | {_cell(v['recall'])} | "
            f"{_cell(v['f2'])} | {_cell(r['families'][fam]['f2'])} | "
            f"{_cell(b['families'][fam]['f2'])} |"
        )
    lines += [
        "",
        "| domain | core P | core R | personal P | personal R | rules: core R | baseline: core R |",
        "|---|---|---|---|---|---|---|",
    ]
    for dom, v in h["scanner"]["domains"].items():
        rd, bd = h["rules"]["domains"][dom], h["baseline"]["domains"][dom]
        lines.append(
            f"| {dom} | {_cell(v['core']['precision'])} | {_cell(v['core']['recall'])} | "
            f"{_cell(v['personal']['precision'])} | {_cell(v['personal']['recall'])} | "
            f"{_cell(rd['core']['recall'])} | {_cell(bd['core']['recall'])} |"
        )
    lines += [
        "",
        "| application | columns | core P | core R | personal P | personal R |",
        "|---|---|---|---|---|---|",
    ]
    for app, v in h["scanner"]["apps"].items():
        lines.append(
            f"| {app} | {v['personal']['columns']} | {_cell(v['core']['precision'])} | "
            f"{_cell(v['core']['recall'])} | {_cell(v['personal']['precision'])} | "
            f"{_cell(v['personal']['recall'])} |"
        )
    return lines
