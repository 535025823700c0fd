"""The scanner's accuracy on the labelled corpus stays above the goals it is reported against
(a floor against regressions; the figures themselves come from `python -m bench.scan`)."""

from __future__ import annotations

from pathlib import Path

from bench.corpus import CORPUS
from bench.scan import PRECISION_GOAL, RECALL_GOAL, build, score
from catalog.scanning.database import scan_database


def test_the_corpus_is_labelled_in_the_families_the_benchmark_scores() -> None:
    from bench.scan import SCORED

    labels = {c.family for _, _, cols in CORPUS for c in cols}
    assert labels - {None, "other"} <= set(SCORED)
    assert len({s for s, _, _ in CORPUS}) >= 15


def test_family_precision_and_recall_on_the_corpus(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'corpus.db'}"
    labels = build(url, rows=40)
    result = score(scan_database(url, sample=40), labels)
    assert result["precision"] >= PRECISION_GOAL, result["mistakes"]
    assert result["recall"] >= RECALL_GOAL, result["mistakes"]
