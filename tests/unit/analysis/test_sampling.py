"""Estimated betweenness, closeness and path length past EXACT_LIMIT: accuracy, stated error, determinism."""

from __future__ import annotations

import igraph as ig
import networkx as nx
import numpy as np
import pytest

from nsc_workshop.analysis import DEFAULT_SAMPLES, EXACT_LIMIT, actor_metrics, insights, map_metrics
from nsc_workshop.analysis._sampling import step_dependencies


@pytest.mark.parametrize("directed", [False, True])
def test_half_path_dependencies_over_all_sources_are_exact(directed):
    graph = nx.gnm_random_graph(150, 400, seed=7, directed=directed)
    g = ig.Graph(n=150, edges=list(graph.edges()), directed=directed)
    edges = np.asarray(g.get_edgelist())
    if directed:
        heads, tails = edges[:, 0], edges[:, 1]
    else:
        heads, tails = np.r_[edges[:, 0], edges[:, 1]], np.r_[edges[:, 1], edges[:, 0]]
    total = step_dependencies(150, heads, tails, np.asarray(g.distances(mode="out"), dtype=float)).sum(axis=0)
    if directed:
        back = np.asarray(g.distances(mode="in"), dtype=float)
        total += step_dependencies(150, tails, heads, back).sum(axis=0)
    np.testing.assert_allclose(total, g.betweenness(directed=directed), atol=1e-9)


@pytest.mark.parametrize("seed", [0, 1])
def test_sampled_values_lie_within_the_stated_error(make_map, seed):
    graph = make_map(nx.gnm_random_graph(2000, 6000, seed=seed))
    assert graph.number_of_nodes() > EXACT_LIMIT
    exact = actor_metrics(graph, exact_limit=10**6)
    sampled = actor_metrics(graph, seed=seed)
    summary = map_metrics(graph, seed=seed)
    assert summary["estimated"] is True
    assert summary["samples"] == DEFAULT_SAMPLES
    assert summary["confidence"] == 0.99
    assert 0 < summary["betweenness_error_median"] <= summary["betweenness_error"]
    for key in ("betweenness", "closeness"):
        true = np.array([exact[a][key] for a in graph])
        estimate = np.array([sampled[a][key] for a in graph])
        error = np.array([sampled[a][f"{key}_error"] for a in graph])
        within = np.abs(estimate - true) <= error + 1e-12
        assert within.mean() >= 0.95, (key, within.mean())
        # The error is informative, not huge: the median margin is a fraction of the largest value.
        assert np.median(error) < 0.25 * true.max()
    exact_length = map_metrics(graph, exact_limit=10**6)["average_path_length"]
    assert abs(summary["average_path_length"] - exact_length) <= summary["average_path_length_error"]


def test_sampling_is_deterministic_for_a_seed(make_map):
    graph = make_map(nx.gnm_random_graph(1600, 4800, seed=3))
    first = actor_metrics(graph, seed=5)
    again = actor_metrics(make_map(nx.gnm_random_graph(1600, 4800, seed=3)), seed=5)
    other = actor_metrics(graph, seed=6)
    assert first == again
    assert first != other


def test_directed_sampling_within_error(make_map):
    graph = make_map(nx.gnm_random_graph(1800, 9000, seed=2, directed=True))
    exact = actor_metrics(graph, directed=True, exact_limit=10**6)
    sampled = actor_metrics(graph, directed=True, exact_limit=100, samples=300, seed=2)
    for key in ("betweenness", "closeness"):
        within = np.mean([abs(sampled[a][key] - exact[a][key]) <= sampled[a][f"{key}_error"] + 1e-12 for a in graph])
        assert within >= 0.95, (key, within)


def test_small_maps_are_exact_and_samples_beyond_the_map_are_exact(make_map):
    graph = make_map(nx.gnm_random_graph(300, 900, seed=1))
    assert map_metrics(graph)["estimated"] is False
    forced = map_metrics(graph, exact_limit=10, samples=1000)
    assert forced["estimated"] is False and forced["samples"] == 300


def test_the_report_says_when_figures_are_estimated(make_map):
    graph = make_map(nx.gnm_random_graph(400, 1200, seed=4))
    report = insights(graph, exact_limit=100, samples=64)
    note = report.finding("insight.estimated")
    assert note is not None
    assert "estimated from 64 of 400 actors, ± 0.0" in note.text
    assert note.figures["samples"] == 64
    assert report.map["estimated"] is True
    assert "±" in report.finding("insight.holders").text
    assert insights(graph).finding("insight.estimated") is None
