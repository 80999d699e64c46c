"""Actor and map metrics: published values on classic networks, networkx cross-checks, tie conventions."""

from __future__ import annotations

import random

import networkx as nx
import pytest
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

from nsc_workshop.analysis import actor_metrics, map_metrics

# --- Padgett's Florentine families (Padgett & Ansell 1993, marriage ties; the
# --- 15-family network shipped as nx.florentine_families_graph()).


def test_florentine_medici_published_values(make_map):
    m = actor_metrics(make_map(nx.florentine_families_graph()))["Medici"]
    # Degree 6 (Padgett & Ansell 1993: the Medici married into six families);
    # normalised betweenness 0.522 and closeness 0.560 are the textbook values
    # (e.g. Jackson, "Social and Economic Networks", 2008, ch. 2; networkx docs).
    assert m["degree"] == 6
    assert m["betweenness"] == pytest.approx(0.522, abs=5e-4)
    assert m["closeness"] == pytest.approx(0.560, abs=5e-4)


def test_florentine_map_metrics(make_map):
    m = map_metrics(make_map(nx.florentine_families_graph()))
    # 15 families, 20 marriage ties: density 20 / C(15, 2) = 0.190 (Wasserman & Faust 1994).
    assert (m["actors"], m["ties"]) == (15, 20)
    assert m["density"] == pytest.approx(20 / 105)
    assert m["components"] == 1
    assert m["largest_component"] == 15
    assert m["average_path_length"] == pytest.approx(2.4857, abs=1e-4)  # networkx average_shortest_path_length
    assert m["reciprocity"] == 1.0  # every tie is undirected
    assert m["estimated"] is False
    assert m["betweenness_error"] == 0.0


# --- Zachary's karate club (Zachary 1977; nx.karate_club_graph(), 78 ties).


def test_karate_published_values(make_map):
    m = actor_metrics(make_map(nx.karate_club_graph()))
    # Betweenness of the instructor (0) and the administrator (33): 0.4376 and 0.3041
    # (networkx docs, standard textbook values); degrees 16 and 17 (Zachary 1977).
    assert m["0"]["betweenness"] == pytest.approx(0.4376, abs=1e-4)
    assert m["33"]["betweenness"] == pytest.approx(0.3041, abs=1e-4)
    assert (m["0"]["degree"], m["33"]["degree"]) == (16, 17)
    assert m["0"]["closeness"] == pytest.approx(0.5690, abs=1e-4)
    assert m["33"]["closeness"] == pytest.approx(0.5500, abs=1e-4)
    top = sorted(m, key=lambda a: -m[a]["betweenness"])[:2]
    assert top == ["0", "33"]


@pytest.mark.parametrize("name", ["florentine", "karate"])
def test_igraph_results_match_networkx_undirected(make_map, name):
    graph = nx.florentine_families_graph() if name == "florentine" else nx.karate_club_graph()
    nodes = {str(v): v for v in graph}
    m = actor_metrics(make_map(graph))
    betweenness = nx.betweenness_centrality(graph)
    closeness = nx.closeness_centrality(graph)
    pagerank = _pagerank_python(graph, alpha=0.85, tol=1e-10, max_iter=1000, weight=None)
    for actor, node in nodes.items():
        assert m[actor]["betweenness"] == pytest.approx(betweenness[node], abs=1e-12)
        assert m[actor]["closeness"] == pytest.approx(closeness[node], abs=1e-12)
        assert m[actor]["pagerank"] == pytest.approx(pagerank[node], abs=1e-6)
        assert m[actor]["degree"] == graph.degree(node)


def _random_map(seed: int, nodes: int = 60, ties: int = 180) -> tuple[nx.MultiDiGraph, nx.DiGraph]:
    """A random map with mixed signs, directions and parallel ties, and its flow digraph."""
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    g.add_nodes_from(f"a{i}" for i in range(nodes))
    flow = nx.DiGraph()
    flow.add_nodes_from(g)
    for i in range(ties):
        u, v = (f"a{x}" for x in rng.sample(range(nodes), 2))
        sign = rng.choice([1, 1, 1, 0, -1])
        directed = rng.random() < 0.6
        weight = float(rng.randint(1, 5))
        g.add_edge(u, v, key=f"t{i}", id=f"t{i}", sign=sign, weight=weight, directed=directed)
        if sign >= 0:
            for a, b in [(u, v)] if directed else [(u, v), (v, u)]:
                old = flow.get_edge_data(a, b, {"weight": 0.0})["weight"]
                flow.add_edge(a, b, weight=old + weight)
    return g, flow


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_directed_metrics_match_networkx(seed):
    g, flow = _random_map(seed)
    m = actor_metrics(g, directed=True)
    betweenness = nx.betweenness_centrality(flow)
    closeness = nx.closeness_centrality(flow)
    pagerank = _pagerank_python(flow, alpha=0.85, tol=1e-10, max_iter=1000)
    for node in flow:
        assert m[node]["betweenness"] == pytest.approx(betweenness[node], abs=1e-12)
        assert m[node]["closeness"] == pytest.approx(closeness[node], abs=1e-12)
        assert m[node]["pagerank"] == pytest.approx(pagerank[node], abs=1e-6)
    lengths = [d for u, row in nx.all_pairs_shortest_path_length(flow) for v, d in row.items() if u != v]
    assert map_metrics(g, directed=True)["average_path_length"] == pytest.approx(sum(lengths) / len(lengths))


@pytest.mark.parametrize("seed", [1, 2])
def test_undirected_metrics_follow_flow_ties_both_ways(seed):
    g, flow = _random_map(seed)
    undirected = flow.to_undirected()
    m = actor_metrics(g)
    betweenness = nx.betweenness_centrality(undirected)
    for node in undirected:
        assert m[node]["betweenness"] == pytest.approx(betweenness[node], abs=1e-12)
        within_two = nx.single_source_shortest_path_length(undirected, node, cutoff=2)
        assert m[node]["reach2"] == pytest.approx((len(within_two) - 1) / (len(undirected) - 1))


def test_parallel_ties_count_in_degree_but_not_in_paths(make_ties):
    single = actor_metrics(make_ties([("a", "b", 1), ("b", "c", 1)]))
    doubled = actor_metrics(make_ties([("a", "b", 1), ("a", "b", 1), ("b", "a", 1, True), ("b", "c", 1)]))
    assert doubled["a"]["degree"] == 3
    assert doubled["a"]["weighted_degree"] == 3.0
    for key in ("betweenness", "closeness", "reach2"):
        assert doubled["b"][key] == single["b"][key]
    assert doubled["b"]["betweenness"] == 1.0


def test_undirected_tie_counts_both_ways(make_ties):
    m = actor_metrics(make_ties([("a", "b", 1, False), ("c", "a", 1, True)]))
    assert (m["a"]["in_degree"], m["a"]["out_degree"]) == (2, 1)
    assert (m["b"]["in_degree"], m["b"]["out_degree"]) == (1, 1)
    assert (m["c"]["in_degree"], m["c"]["out_degree"]) == (0, 1)
    directed = actor_metrics(make_ties([("a", "b", 1, False), ("b", "c", 1, False)]), directed=True)
    assert directed["b"]["betweenness"] == 1.0  # a -> b -> c and c -> b -> a both exist


def test_conflict_ties_are_not_paths_but_count_as_ties(make_ties):
    g = make_ties([("a", "b", 1), ("b", "c", -1), ("a", "c", 0)])
    m = actor_metrics(g)
    assert m["b"]["degree"] == 2
    assert m["b"]["negative_degree"] == 1
    assert m["a"]["betweenness"] == 1.0  # b and c are joined only through a
    assert m["b"]["betweenness"] == 0.0
    summary = map_metrics(g)
    assert summary["negative_ties"] == 1
    assert summary["density"] == pytest.approx(2 / 3)


def test_freeman_centralisation_of_a_star_and_isolates(make_ties):
    star = make_ties([("hub", x, 1) for x in "abcd"])
    m = map_metrics(star)
    assert m["degree_centralisation"] == 1.0  # Freeman (1979): a star is maximally centralised
    assert m["betweenness_centralisation"] == 1.0
    star.add_node("loner")
    m = map_metrics(star)
    assert (m["components"], m["largest_component"], m["isolated"]) == (2, 5, 1)
    assert actor_metrics(star)["loner"]["closeness"] == 0.0


def test_empty_and_tiny_maps():
    empty = nx.MultiDiGraph()
    assert actor_metrics(empty) == {}
    assert map_metrics(empty)["actors"] == 0
    one = nx.MultiDiGraph()
    one.add_node("a")
    assert actor_metrics(one)["a"]["betweenness"] == 0.0
    assert map_metrics(one)["density"] == 0.0


def test_sample_centrality(sample_graph):
    m = actor_metrics(sample_graph)
    ranked = sorted(m, key=lambda a: -m[a]["betweenness"])
    assert ranked[0] == "act_prevention_coordinator"
    assert m["act_gaming_cafe"]["degree"] == 0
    assert m["act_gaming_cafe"]["betweenness"] == 0.0
    assert all(0.0 <= row["reach2"] <= 1.0 for row in m.values())
    assert sum(row["pagerank"] for row in m.values()) == pytest.approx(1.0)
