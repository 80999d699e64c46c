"""Missing-link suggestions."""

from __future__ import annotations

import networkx as nx

from nsc_workshop.analysis import Suggestion, missing_links
from nsc_workshop.analysis._igraph import prepare
from nsc_workshop.analysis.links import _two_step_pairs


def _two_teams(make_ties):
    """Police and youth teams, each a tight triangle, both tied to the coordinator; no police-youth tie."""
    sectors = {"p1": "police", "p2": "police", "p3": "police", "y1": "youth_work", "y2": "youth_work",
               "y3": "youth_work", "coord": "prevention_coordination"}  # fmt: skip
    ties = [("p1", "p2", 1), ("p2", "p3", 1), ("p1", "p3", 1), ("y1", "y2", 1), ("y2", "y3", 1), ("y1", "y3", 1),
            ("p1", "coord", 1), ("coord", "y1", 1), ("p2", "coord", 1)]  # fmt: skip
    return make_ties(ties, nodes={k: {"sector": v} for k, v in sectors.items()})


def test_obvious_missing_link_closes_the_sector_gap(make_ties):
    best = missing_links(_two_teams(make_ties), limit=3)
    assert isinstance(best[0], Suggestion)
    assert {best[0].source, best[0].target} in ({"p1", "y1"}, {"p2", "y1"})
    assert best[0].reason == "insight.link.sector_gap"
    assert best[0].figures["sectors"] == ["police", "youth_work"]
    assert best[0].figures["via"] == ["coord"]
    assert best[0].figures["shared"] == 1
    # One suggestion per sector gap: the second closes no gap again.
    assert all(s.reason != "insight.link.sector_gap" or s.figures["sectors"] != ["police", "youth_work"]
               for s in best[1:])  # fmt: skip
    assert [s.score for s in best] == sorted((s.score for s in best), reverse=True)


def test_more_shared_contacts_rank_higher(make_ties):
    g = make_ties([("a", "x", 1), ("b", "x", 1), ("a", "y", 1), ("b", "y", 1), ("c", "x", 1), ("d", "y", 1)])
    best = missing_links(g, limit=10)
    assert {best[0].source, best[0].target} == {"a", "b"}
    assert best[0].figures["shared"] == 2
    assert best[0].reason in {"insight.link.shared", "insight.link.bridge"}


def test_tied_pairs_are_never_suggested(make_ties, sample_graph):
    g = make_ties([("a", "x", 1), ("b", "x", 1), ("a", "b", -1)])
    assert missing_links(g) == []  # a and b are already tied, if only by distrust
    pairs = {frozenset((u, v)) for u, v in sample_graph.edges()}
    suggestions = missing_links(sample_graph, limit=20)
    assert suggestions
    assert all(frozenset((s.source, s.target)) not in pairs for s in suggestions)


def test_sample_suggests_police_and_youth_work(sample_graph):
    suggestions = missing_links(sample_graph, limit=10)
    gaps = [s.figures["sectors"] for s in suggestions if s.reason == "insight.link.sector_gap"]
    assert ["police", "youth_work"] in gaps
    actors = [s.source for s in suggestions] + [s.target for s in suggestions]
    assert max(actors.count(a) for a in actors) <= 2


def test_candidates_are_exactly_the_untied_two_step_pairs(make_map):
    graph = nx.gnm_random_graph(80, 200, seed=9)
    prep = prepare(make_map(graph))
    codes, shared = _two_step_pairs(prep)
    n = prep.n
    found = {(prep.nodes[c // n], prep.nodes[c % n]): int(s) for c, s in zip(codes, shared, strict=True)}
    expected = {}
    for u in graph:
        for v in graph:
            if u < v and not graph.has_edge(u, v):
                common = len(set(graph[u]) & set(graph[v]))
                if common:
                    a, b = sorted((str(u), str(v)), key=prep.index.__getitem__)
                    expected[(a, b)] = common
    assert found == expected


def test_no_suggestions_on_tiny_or_empty_maps(make_ties):
    assert missing_links(nx.MultiDiGraph()) == []
    assert missing_links(make_ties([("a", "b", 1)])) == []
    assert missing_links(make_ties([("a", "b", 1), ("b", "c", 1)]), limit=0) == []
