"""Who-receives is built as the JSON it is sent as. That JSON must be exactly what its model
says: every field, in the model's order, nothing more; the model read back from it writes the
same bytes. Checked for every category of Stefere, of Stefere with a scanned shop (systems,
fields and flows), and of a generated inventory."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from catalog.dev.synthetic import generate
from catalog.graph.build import load_graph
from catalog.graph.pieces import prepare
from catalog.graph.view import GraphView
from catalog.model.kinds import Label
from catalog.model.plain import Plain
from catalog.model.results import WhoReceives
from catalog.queries.receives import who_receives


def same_bytes_as_the_model(view: GraphView) -> int:
    checked = 0
    for cid in view.of_label(Label.DataCategory):
        answer = who_receives(view, cid)
        assert isinstance(answer, Plain)
        sent = orjson.dumps(answer.data)
        assert sent == WhoReceives.model_validate(answer.data).model_dump_json().encode(), cid
        checked += 1
    return checked


def test_every_stefere_answer_is_its_model_byte_for_byte(graph) -> None:
    assert same_bytes_as_the_model(GraphView(graph)) > 50


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> GraphView:
    root: Path = tmp_path_factory.mktemp("synthetic") / "S"
    generate("S", root, seed=3)
    return GraphView(load_graph(root))


def test_every_generated_answer_is_its_model_byte_for_byte(synthetic) -> None:
    assert same_bytes_as_the_model(synthetic) == 60


def test_the_model_reads_like_the_answer(graph) -> None:
    view = GraphView(graph)
    answer = who_receives(view, "payment-information")
    recipients = [r.id for r in answer.recipients]  # read through the model
    assert recipients == [r["id"] for r in answer.data["recipients"]]
    assert "payment-service-providers" in recipients


def test_answers_with_systems_and_flows_are_their_model_byte_for_byte(shop_inventory) -> None:
    view = GraphView(load_graph(shop_inventory))
    assert same_bytes_as_the_model(view) > 50
    payment = who_receives(view, "payment-information").data
    assert payment["held_in"] and payment["system_flows"]  # the systems side is in the bytes


def test_answer_pieces_made_before_change_no_answer(tmp_path) -> None:
    """A server makes every piece at start (prepare); a CLI makes them as answers need them.
    Both must send the same bytes, and answering must not change a kept piece."""
    generate("S", tmp_path, seed=5)
    built = load_graph(tmp_path)
    lazy, prepared = GraphView(built), GraphView(built)
    assert lazy.g is not prepared.g  # each view its own compact graph, its own pieces
    prepare(prepared)
    disclosures = prepared.of_label(Label.Disclosure)
    assert set(prepared.g.pieces["disclosure"]) == set(disclosures)
    assert set(prepared.g.pieces["recipient"]) == set(prepared.of_label(Label.Recipient))
    for cid in lazy.of_label(Label.DataCategory):
        first = orjson.dumps(who_receives(lazy, cid).data)
        assert orjson.dumps(who_receives(prepared, cid).data) == first, cid
        assert orjson.dumps(who_receives(prepared, cid).data) == first, cid  # asked again
    assert all(p["categories"] is None for p in prepared.g.pieces["disclosure"].values())
