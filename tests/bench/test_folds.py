"""bench/folds.py: the held-out figures from kept features are the scanner's own, and kept
folds made from other rules are refused rather than read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bench import folds, heldout
from bench.apps import App, load
from catalog.scanning.learned import from_data, using

# four small applications of four domains: each fold learns from the other three
_APPS = ("easyappointments", "krayin-crm", "umami", "wordpress")
Kept = tuple[list[App], dict[str, Any]]


@pytest.fixture(scope="module")
def kept(tmp_path_factory: pytest.TempPathFactory) -> Kept:
    apps = [a for a in load() if a.name in _APPS]
    cache = tmp_path_factory.mktemp("folds")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(folds, "CACHE", cache)
        folds.build(apps, processes=2, say=lambda _: None)
        data = folds.kept()
    return apps, data


def test_the_figures_are_those_of_the_scanner_scanning_each_database(kept: Kept) -> None:
    apps, data = kept
    fast, _ = folds.figures(data, apps)
    # the scanner as shipped, each application's database scanned with the lexicon learned
    # without it (the held-out benchmark's own path)
    lexicons = {name: from_data(d) for name, d in data["lexicons"].items()}
    scanned = heldout.evaluate(
        apps, lambda a: heldout.scanner(a, 40, lambda app: using(lexicons[app.name]))
    )
    slow = scanned.overall.figures()
    assert fast["core"] == slow["core"]
    assert fast["personal"] == slow["personal"]
    assert fast["families"] == slow["families"]
    assert fast["core"]["columns"] > 50 and fast["core"]["recall"] is not None


def test_the_columns_of_a_family_filed_wrong_are_listed(kept: Kept) -> None:
    apps, data = kept
    figs, wrong = folds.figures(data, apps, family="contact")
    contact = figs["families"]["contact"]
    missed = contact["columns"] - round((contact["recall"] or 0) * contact["columns"])
    assert len(wrong) >= missed  # every contact column not found or filed elsewhere
    assert all(" -> " in line and line.split(":")[0] in _APPS for line in wrong)


def test_folds_made_from_other_rules_are_refused(
    kept: Kept, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(folds, "CACHE", tmp_path)
    with pytest.raises(SystemExit, match=r"python -m bench\.folds build"):
        folds.kept()  # nothing kept
    rules = tmp_path / "rules.py"
    rules.write_text("# the rules as they were\n", encoding="utf-8")
    monkeypatch.setattr(folds, "MADE_FROM", (rules,))
    folds.build(kept[0], processes=2, say=lambda _: None)
    assert folds.kept()["lexicons"]
    rules.write_text("# a rule changed since\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="other rules"):
        folds.kept()
