"""Fixtures for the rule tests: the rule catalogue, and an editable copy of Stefere's graph on
which one rule at a time is judged, so each rule has a graph that fails it and one that passes."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import networkx as nx
import pytest

from catalog.graph.view import GraphView
from catalog.review.compliance import Finding, LoadedRule, load_rules, run_checks

AS_OF = dt.date(2026, 11, 24)
CITE = [{"section": "Privacy Policy", "quote": "a sentence for the test"}]


class Graph:
    """A copy of a graph with the edits a test needs, and the rules to judge it by."""

    def __init__(self, g: nx.MultiDiGraph, rules: dict[str, LoadedRule]) -> None:
        self.g = g
        self.rules = rules

    # -- edits --------------------------------------------------------------------------------

    def node(self, nid: str, label: str, **props: Any) -> Graph:
        props.setdefault("name", nid)
        props.setdefault("sources", list(CITE))
        self.g.add_node(nid, id=nid, label=label, **props)
        return self

    def edge(self, src: str, dst: str, rel: str, **data: Any) -> Graph:
        assert src in self.g and dst in self.g, f"test setup: {src} or {dst} missing"
        data.setdefault("sources", list(CITE))
        self.g.add_edge(src, dst, key=rel, type=rel, **data)
        return self

    def drop(self, src: str | None, dst: str | None, rel: str) -> Graph:
        doomed = [
            (u, v, k)
            for u, v, k in self.g.edges(keys=True)
            if k == rel and src in (None, u) and dst in (None, v)
        ]
        assert doomed, f"test setup: no {src}-[{rel}]->{dst} to drop"
        self.g.remove_edges_from(doomed)
        return self

    def set(self, nid: str, **props: Any) -> Graph:
        assert nid in self.g, f"test setup: no node {nid}"
        self.g.nodes[nid].update(props)
        return self

    def unset(self, nid: str, *keys: str) -> Graph:
        for key in keys:
            self.g.nodes[nid].pop(key, None)
        return self

    # -- judging ------------------------------------------------------------------------------

    def judge(self, rule_id: str, as_of: dt.date = AS_OF) -> Any:
        return run_checks(GraphView(self.g), [self.rules[rule_id]], as_of=as_of)

    def findings(self, rule_id: str, as_of: dt.date = AS_OF) -> list[Finding]:
        return self.judge(rule_id, as_of).findings

    def status(self, rule_id: str, as_of: dt.date = AS_OF) -> str:
        return self.judge(rule_id, as_of).rules[0].status

    def subjects(self, rule_id: str, as_of: dt.date = AS_OF) -> set[str]:
        return {
            f.id.split(":", 1)[1] if ":" in f.id else f.id for f in self.findings(rule_id, as_of)
        }


@pytest.fixture(scope="session")
def rules() -> dict[str, LoadedRule]:
    return {r.rule.id: r for r in load_rules()}


@pytest.fixture
def blank(rules) -> Graph:
    """An empty graph to build a small case in."""
    return Graph(nx.MultiDiGraph(), rules)


@pytest.fixture
def stefere(graph, rules) -> Graph:
    """A fresh, editable copy of Stefere's graph."""
    return Graph(copy.deepcopy(graph), rules)
