"""The graph answers read holds what the builder built, with each neighbour list in answer
order, so that answers need not sort what they read."""

from __future__ import annotations

from catalog.graph.compact import Graph, answer_key
from catalog.graph.view import GraphView


def test_every_relationship_of_the_built_graph_is_there_with_its_data(graph) -> None:
    g = Graph.from_networkx(graph)
    assert g.number_of_nodes() == graph.number_of_nodes()
    assert g.number_of_edges() == graph.number_of_edges()
    assert sorted((u, v, k) for u, v, k, _ in g.edges()) == sorted(graph.edges(keys=True))
    for u, v, k, d in g.edges():
        assert d == graph.edges[u, v, k]
    assert g.meta == graph.graph


def test_neighbours_come_by_type_in_answer_order(graph) -> None:
    g = Graph.from_networkx(graph)
    view = GraphView(g)
    order = [n for n, _ in sorted(graph.nodes(data=True), key=lambda x: answer_key(*x))]
    assert list(g.nodes) == order
    for node in graph.nodes:
        for rel in {k for _, _, k in graph.out_edges(node, keys=True)}:
            expected = sorted(
                {v for _, v, k in graph.out_edges(node, keys=True) if k == rel},
                key=order.index,
            )
            assert view.out(node, rel) == expected
        for rel in {k for _, _, k in graph.in_edges(node, keys=True)}:
            expected = sorted(
                {u for u, _, k in graph.in_edges(node, keys=True) if k == rel},
                key=order.index,
            )
            assert view.into(node, rel) == expected


def test_a_relationship_to_a_node_outside_is_left_out() -> None:
    g = Graph.of(
        {},
        [("b", {"name": "Beta", "label": "X"}), ("a", {"name": "alpha", "label": "X"})],
        [("b", "a", "R", {}), ("a", "b", "R", {}), ("a", "zzz", "R", {})],
    )
    assert list(g.nodes) == ["a", "b"]  # alpha before Beta: case folded
    assert g.number_of_edges() == 2
    assert GraphView(g).out("a", "R") == ["b"]
    assert GraphView(g).into("a", "R") == ["b"]
    assert GraphView(g).link("a", "zzz", "R") is None


def test_plain_data_makes_the_same_graph_without_looking_for_enum_members(graph) -> None:
    plain = Graph.from_networkx(graph)  # enum members turned into the strings they stand for
    again = Graph.of(plain.meta, plain.nodes.items(), plain.edges(), plain=True)
    assert list(again.nodes) == list(plain.nodes)
    assert list(again.edges()) == list(plain.edges())
    assert all(type(d["label"]) is str for d in again.nodes.values())


def test_an_order_given_is_used_only_when_it_holds_every_node() -> None:
    nodes = [("b", {"name": "Beta", "label": "X"}), ("a", {"name": "alpha", "label": "X"})]
    given = Graph.of({}, nodes, [], plain=True, order=["a", "b"])
    assert list(given.nodes) == ["a", "b"] and given.rank == {"a": 0, "b": 1}
    for wrong in (["a"], ["a", "zzz"], ["a", "a"]):
        assert list(Graph.of({}, nodes, [], plain=True, order=wrong).nodes) == ["a", "b"]
