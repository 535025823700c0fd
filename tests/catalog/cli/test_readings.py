"""One rule for readings: wherever an answer rests on datamap's reading rather than the policy's
words (an `inferred` in its JSON), the terminal says so, with the reading's words. These walk
every category, every activity and the sale table, and fail on a reading shown without its mark."""

from __future__ import annotations

import json
import re

import pytest

from catalog import queries
from catalog.model.kinds import Label
from catalog.queries.engine import QueryEngine

_BOX = re.compile(r"[│┃┏┓┗┛┣┫┳┻╋━─┌┐└┘├┤┬┴┼═║╔╗╚╝]")


def flat(text: str) -> str:
    """Terminal text with tables and wrapping taken out, to look for a sentence in it."""
    return " ".join(_BOX.sub(" ", text).split())


@pytest.fixture
def wide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")


def _said(reading: str, out: str) -> bool:
    return " ".join(reading.split())[:60] in out


def test_who_receives_marks_every_reading(cli, engine: QueryEngine, wide) -> None:
    categories = [e.id for e in engine.store.names() if e.label == Label.DataCategory]
    checked = 0
    for cid in categories:
        answer = engine.ask(queries.WHO_RECEIVES, category=cid)
        readings = [r for r in answer.recipients if not r.general_only and r.inferred]
        if not readings:
            continue
        out = flat(cli("who-receives", cid, "--all").out)
        for r in readings:
            checked += 1
            assert "By datamap's reading" in out, (cid, r.id)
            assert _said(r.inferred or "", out), (cid, r.id, r.inferred)
    assert checked >= 20  # the SMS carriers, the CCPA sale, the promotions...


def test_can_share_says_named_by_datamaps_reading(cli, engine: QueryEngine, wide) -> None:
    for category, recipient in (
        ("payment-information", "interest-based-advertising-partners"),
        ("physical-address", "marketing-service-providers"),
        ("mobile-number", "mobile-carriers"),
    ):
        answer = engine.ask(queries.CHECK, category=category, recipient=recipient)
        assert answer.verdict == "named" and answer.inferred, (category, recipient)
        out = flat(cli("can-share", category, recipient).out)
        assert "named by datamap's reading" in out
        assert _said(answer.inferred or "", out)
        data = json.loads(cli("can-share", category, recipient, "--json").out)
        assert data["answer"]["inferred"] == answer.inferred


def test_what_is_sold_marks_readings_and_letters(cli, engine: QueryEngine, wide) -> None:
    sold = engine.ask(queries.WHAT_IS_SOLD)
    out = flat(cli("what-is-sold").out)
    for c in sold.categories:
        links = [m.inferred for d in sold.disclosures for m in d.categories if m.id == c.id]
        if links and all(links):
            assert _said(links[0] or "", out), c.id
        if c.classification_note:
            assert _said(c.classification_note, out), c.id
    assert "Letters A, F by datamap's reading" in out  # "The specific pieces ..."


def test_what_is_sold_quotes_the_sentence_that_sells_each_category(cli, engine, wide) -> None:
    sold = engine.ask(queries.WHAT_IS_SOLD)
    out = flat(cli("what-is-sold").out)
    checked = 0
    for c in sold.categories:
        stating = [
            d for d in sold.disclosures for m in d.categories if m.id == c.id and not m.inferred
        ]
        if not stating:
            continue
        # the row's quote is one of the sentences that sell or share it by name, not the one
        # that only says it is collected
        quotes = {q.quote for d in stating for q in d.sources}
        own = {q.quote for q in c.sources} - quotes
        row = out[out.index(" ".join(c.name.split())) :][:700]
        assert any(_said(q, row) for q in quotes), c.id
        assert not any(_said(q, row[: len(c.name) + 200]) for q in own), c.id
        checked += 1
    assert checked >= 2  # (most of what Stefere sells is sold by datamap's reading)


def test_every_record_marks_its_inferred_entries(cli, engine: QueryEngine, wide) -> None:
    record = engine.ask(queries.ROPA, regime="gdpr")
    total = 0
    for activity in record.activities:
        data = json.loads(cli("ropa", "--activity", activity.id, "--format", "json").out)
        marked = sum(
            1
            for a in data["activities"]
            for value in a.values()
            if isinstance(value, list)
            for item in value
            if isinstance(item, dict) and item.get("inferred")
        )
        out = cli("ropa", "--activity", activity.id).out
        assert out.count("[inferred]") >= marked, activity.id
        total += marked
    assert total >= 20  # legal bases read into activities, categories of promotions...
