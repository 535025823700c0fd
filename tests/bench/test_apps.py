"""The labelled corpus of real application schemas (bench/schemas/): the size, spread and
provenance the held-out benchmark rests on, labels in the published vocabulary, and databases
built from it the way the benchmark builds them."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bench.apps import CORE_FAMILIES, build_sqlite, core_family, load
from catalog.model.vocabulary import fideslang_keys

_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def apps():  # type: ignore[no-untyped-def]
    return load(vocabulary=fideslang_keys("data_category"))


def test_the_corpus_is_large_and_spread_over_domains(apps) -> None:  # type: ignore[no-untyped-def]
    assert len(apps) >= 40
    assert len({a.domain for a in apps}) >= 8
    columns = sum(len(a.columns) for a in apps)
    assert columns >= 10_000
    personal = [c for a in apps for c in a.columns if c.personal]
    # hard negatives on purpose: a large share of columns is not personal
    assert 0.3 < len(personal) / columns < 0.7
    assert {core_family(c.fideslang) for c in personal} >= set(CORE_FAMILIES)
    assert {c.subject for c in personal} >= {"customer", "patient", "employee", "user", "contact"}


def test_every_schema_names_its_source(apps) -> None:  # type: ignore[no-untyped-def]
    for app in apps:
        src = app.source
        assert re.fullmatch(r"[0-9a-f]{40}", str(src["commit"])), app.name
        assert src["paths"] and src["licence"] and "/" in src["repository"], app.name


def test_a_bad_label_is_refused_with_its_line(tmp_path: Path) -> None:
    folder = tmp_path / "x"
    folder.mkdir()
    (folder / "source.yaml").write_text(
        "app: x\ndomain: crm\nrepository: a/b\ncommit: '" + "0" * 40 + "'\npaths: [s.sql]\n"
        "licence: MIT\n",
        encoding="utf-8",
    )
    (folder / "columns.csv").write_text(
        "table,column,type,personal,fideslang,subject,join_key,special,values\n"
        "people,email,text,yes,user.contact.emial,contact,no,no,\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=r"columns.csv:2: 'user.contact.emial' is not"):
        load(tmp_path, vocabulary=fideslang_keys("data_category"))


def test_a_built_database_has_rows_in_some_tables_and_none_in_others(apps, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = next(a for a in apps if a.name == "nosh")
    labels = build_sqlite(app, tmp_path / "nosh.db", rows=20)
    assert len(labels) == len(app.columns)
    db = sqlite3.connect(tmp_path / "nosh.db")
    counts = {t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in app.tables()}
    assert 0 < sum(1 for n in counts.values() if n) < len(counts)
    # a hard negative's hint makes values of its kind: drug codes in a drug list
    ndc = [c for c in app.columns if c.values == "ndc" and counts[c.table]]
    if ndc:
        c = ndc[0]
        values = [v for (v,) in db.execute(f'SELECT "{c.column}" FROM "{c.table}"')]
        assert all(re.fullmatch(r"\d{5}-\d{3}-\d{2}", v) for v in values)


def test_the_shipped_schema_words_are_the_corpus_and_lexicons_words(apps) -> None:  # type: ignore[no-untyped-def]
    # written by `python -m bench.train`; a lexicon edited without it would split names with
    # yesterday's words
    from importlib import resources

    from bench.train import schema_words
    from catalog.scanning.segment import WORDS_FILE

    shipped = resources.files("catalog.scanning").joinpath(WORDS_FILE).read_text(encoding="utf-8")
    assert schema_words(apps) == shipped


_DUMP_ROWS = """
import sqlite3, sys
from pathlib import Path
from bench.apps import build_sqlite, load
app = next(a for a in load() if a.name == sys.argv[1])
build_sqlite(app, Path(sys.argv[2]))
db = sqlite3.connect(sys.argv[2])
for (t,) in db.execute("select name from sqlite_master where type='table' order by name"):
    print(t, list(db.execute(f'select * from "{t}"')))
"""


def test_a_built_database_is_the_same_in_every_run(tmp_path: Path) -> None:
    # Held-out figures are compared across sessions: the rows may not depend on the hash
    # seed (a locale's list built from a set) or on today's date (ages, recent times).
    # Attendize has addresses, dates of birth and timestamps.
    dumps = []
    for seed in ("0", "1"):
        out = subprocess.run(
            [sys.executable, "-c", _DUMP_ROWS, "attendize", str(tmp_path / f"{seed}.db")],
            env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(_ROOT)},
            capture_output=True,
            text=True,
            check=True,
        )
        dumps.append(out.stdout)
    assert dumps[0] == dumps[1]
