"""What a sync stores beside each disclosure reads back as exactly the pieces answers use."""

from __future__ import annotations

import orjson

from catalog.graph.compact import Graph
from catalog.graph.pieces import prepare, stored_pieces, unstored
from catalog.graph.view import GraphView
from catalog.model.kinds import Rel


def test_a_stored_disclosure_reads_back_as_its_pieces_field_for_field(graph) -> None:
    view = GraphView(Graph.from_networkx(graph))
    stored = stored_pieces(view)
    prepared = GraphView(Graph.from_networkx(graph))
    prepare(prepared)
    kept = prepared.g.pieces
    assert set(stored) == set(kept["disclosure"]) and stored
    for did, entry in stored.items():
        categories, entries = unstored(orjson.loads(orjson.dumps(entry)))
        of = prepared.g.out(did, Rel.OF)
        assert categories == [(c, e.get("inferred")) for c, e in of.items()]
        rid = kept["disclosure"][did]["recipient"]["id"]
        expected = [["disclosure", did, kept["disclosure"][did]]]
        if rid:
            expected.append(["recipient", rid, kept["recipient"][rid]])
        assert entries == expected
        for (_, _, piece), (_, _, want) in zip(entries, expected, strict=True):
            assert list(piece) == list(want)  # the answer's field order, for its JSON


def test_what_is_stored_leaves_out_what_reading_restores(graph) -> None:
    view = GraphView(Graph.from_networkx(graph))
    stored = stored_pieces(view)
    full = view.g.pieces
    for did, entry in stored.items():
        own = entry["pieces"][0][2]
        assert "id" not in own and "categories" not in own
        assert len(orjson.dumps(own)) < len(orjson.dumps(full["disclosure"][did]))
    # an inferred category keeps its reason
    inferred = [
        (did, c, e["inferred"])
        for did in stored
        for c, e in view.g.out(did, Rel.OF).items()
        if e.get("inferred")
    ]
    assert inferred  # Stefere's inventory infers some
    for did, c, why in inferred:
        assert stored[did]["inferred"][c] == why
