"""The graph answers read holds what the builder built, with each neighbour list in answer
order, so that answers need not sort what they read."""

from __future__ import annotations

from catalog.graph.compact import Graph, Ranking, answer_key
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


def test_a_ranking_of_the_whole_graph_orders_a_view_of_part_of_it() -> None:
    whole = Ranking([("c", "gamma"), ("b", "Beta"), ("a", "alpha"), ("z", "zeta")])
    nodes = [("b", {"name": "Beta", "label": "X"}), ("a", {"name": "alpha", "label": "X"})]
    edges = [("b", "a", "R", {}), ("a", "z", "R", {})]  # z: in the whole graph, not the view
    part = Graph.of({}, nodes, edges, plain=True, ranking=whole)
    assert list(part.nodes) == ["a", "b"]
    assert GraphView(part).sort(["b", "a"]) == ["a", "b"]
    assert part.refs["b"] == {"id": "b", "name": "Beta"}
    assert GraphView(part).out("a", "R") == [] and part.number_of_edges() == 1
    # a ranking missing a node of the view (another graph's) is not used
    other = Ranking([("a", "zz"), ("c", "gamma")])
    alone = Graph.of({}, nodes, [], plain=True, ranking=other)
    assert list(alone.nodes) == ["a", "b"] and alone.rank == {"a": 0, "b": 1}
