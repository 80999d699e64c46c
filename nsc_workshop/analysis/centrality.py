"""Centrality of actors and the shape of the whole map.

Path-based measures (betweenness, closeness, reach, average path length) and
PageRank use the non-negative ties, collapsed to one relationship per pair of
actors; by default they follow ties both ways (``directed=False``), see
:mod:`nsc_workshop.analysis` for why. Degrees count every tie.

Betweenness, closeness and the average path length cost a breadth-first search
from every actor. Up to :data:`EXACT_LIMIT` actors they are exact (igraph);
past it they are estimated from a seeded random sample of ``samples`` source
actors, with the half-path weighting of Geisberger, Sanders & Schultes (2008)
that keeps the estimate unbiased and its error measurable (see
``nsc_workshop.analysis._sampling``). Each estimate comes with a stated error:
a :data:`CONFIDENCE` margin from the spread of the per-source contributions —
``betweenness_error`` and ``closeness_error`` per actor, their maximum and
median in :func:`map_metrics`.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from nsc_workshop.analysis._igraph import FloatArray, Prepared, prepare, seeded_igraph
from nsc_workshop.analysis._sampling import estimate_paths

__all__ = [
    "CONFIDENCE",
    "DEFAULT_SAMPLES",
    "EXACT_LIMIT",
    "actor_metrics",
    "map_metrics",
]

EXACT_LIMIT = 1500
"""Largest map (in actors) whose betweenness, closeness and path lengths are exact.

Measured on this project's 2-core machines with 5 ties per actor: exact
betweenness and closeness take 0.12 s at 1,000 actors, 0.31 s at 1,500, 0.55 s
at 2,000 and about 19 s at 10,000; the sampled estimate (256 sources) 0.25 s at
1,500, 0.33 s at 2,000 and 1.5 s at 10,000. Below about 1,500 actors sampling
saves nothing, so the values there are exact.
"""

DEFAULT_SAMPLES = 256
"""Source actors sampled past :data:`EXACT_LIMIT` (two from each of 128 strata)."""

CONFIDENCE = 0.99
"""Confidence of the stated error margins."""


def actor_metrics(
    graph: Any,
    *,
    directed: bool = False,
    exact_limit: int = EXACT_LIMIT,
    samples: int = DEFAULT_SAMPLES,
    seed: int = 0,
) -> dict[str, dict[str, float]]:
    """Centrality of each actor, keyed by actor id.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The actor map, as :func:`nsc_workshop.graph.to_networkx` builds it.
    directed : bool
        Follow ties only along their arrows (an undirected tie goes both ways).
        By default paths follow every tie both ways.
    exact_limit : int
        Past this many actors, betweenness and closeness are estimated.
    samples : int
        Source actors sampled when estimating.
    seed : int
        Seed of the sample.

    Returns
    -------
    dict
        For each actor: ``degree`` (ties of any sign, parallel ties counted),
        ``in_degree`` and ``out_degree`` (an undirected tie counts as both),
        ``weighted_degree`` (sum of the weights of its ties), ``negative_degree``
        (its conflict and distrust ties), ``betweenness`` (normalised to 0-1 as
        networkx does), ``closeness`` (Wasserman-Faust, as networkx's
        ``closeness_centrality``), ``pagerank`` (weighted, damping 0.85),
        ``reach2`` (share of the other actors within two steps), and
        ``betweenness_error`` and ``closeness_error`` (0 when exact).

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> for i, (a, b) in enumerate([("a", "b"), ("b", "c"), ("c", "d")]):
    ...     _ = g.add_edge(a, b, key=f"t{i}", id=f"t{i}", sign=1, weight=1.0, directed=False)
    >>> m = actor_metrics(g)
    >>> m["b"]["betweenness"], m["b"]["degree"], round(m["b"]["closeness"], 2)
    (0.666..., 2, 0.75)
    >>> m["a"]["reach2"]
    0.666...
    """
    return _metrics(prepare(graph), directed, exact_limit, samples, seed)[0]


def map_metrics(
    graph: Any,
    *,
    directed: bool = False,
    exact_limit: int = EXACT_LIMIT,
    samples: int = DEFAULT_SAMPLES,
    seed: int = 0,
) -> dict[str, Any]:
    """Figures about the whole map.

    Returns
    -------
    dict
        ``actors``, ``ties`` (all ties), ``negative_ties``, ``density`` (share of
        pairs of actors joined by a non-negative tie; of ordered pairs when
        ``directed``), ``reciprocity`` (share of directed relationships that go
        both ways; an undirected tie does), ``degree_centralisation`` and
        ``betweenness_centralisation`` (Freeman, 0-1), ``components`` (connected
        parts, isolated actors included), ``largest_component``, ``isolated``
        (actors with no tie), ``average_path_length`` (over connected pairs),
        ``directed``, and the sampling: ``estimated``, ``samples`` (source actors
        used; all when exact), ``confidence``, ``betweenness_error`` and
        ``closeness_error`` (largest margin over actors), ``betweenness_error_median``,
        ``closeness_error_median`` and ``average_path_length_error``.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("e")
    >>> for i, (a, b) in enumerate([("a", "b"), ("a", "c"), ("a", "d")]):
    ...     _ = g.add_edge(a, b, key=f"t{i}", id=f"t{i}", sign=1, weight=1.0, directed=False)
    >>> m = map_metrics(g)
    >>> m["components"], m["largest_component"], m["isolated"], m["estimated"]
    (2, 4, 1, False)
    >>> m["betweenness_centralisation"], m["average_path_length"]
    (0.5, 1.5)
    """
    return _metrics(prepare(graph), directed, exact_limit, samples, seed)[1]


def _metrics(
    prep: Prepared, directed: bool, exact_limit: int, samples: int, seed: int
) -> tuple[dict[str, dict[str, float]], dict[str, Any]]:
    key = ("metrics", directed, exact_limit, samples, seed)
    return prep.cached(key, lambda: _compute(prep, directed, exact_limit, samples, seed))


def _compute(
    prep: Prepared, directed: bool, exact_limit: int, samples: int, seed: int
) -> tuple[dict[str, dict[str, float]], dict[str, Any]]:
    n = prep.n
    g = prep.flow_graph(directed)
    paths = _paths(prep, directed, exact_limit, samples, seed)
    betweenness, closeness = paths["betweenness"], paths["closeness"]

    # Degrees: every tie, any sign; an undirected tie is both in and out.
    undirected = ~prep.directed
    out_degree = np.bincount(prep.src, minlength=n) + np.bincount(prep.dst[undirected], minlength=n)
    in_degree = np.bincount(prep.dst, minlength=n) + np.bincount(prep.src[undirected], minlength=n)
    weighted = np.bincount(prep.src, weights=prep.weight, minlength=n) + np.bincount(
        prep.dst, weights=prep.weight, minlength=n
    )
    negative = prep.sign < 0
    negative_degree = np.bincount(prep.src[negative], minlength=n) + np.bincount(prep.dst[negative], minlength=n)

    if n:
        with seeded_igraph(0):  # ARPACK starts from a random vector
            ranks = g.pagerank(directed=directed, weights="weight", damping=0.85, implementation="arpack")
        pagerank = np.asarray(ranks, dtype=np.float64)
        reach = np.asarray(g.neighborhood_size(order=2, mode="out"), dtype=np.float64) - 1
    else:
        pagerank = reach = np.zeros(0)
    reach2 = reach / (n - 1) if n > 1 else np.zeros(n)

    table: dict[str, dict[str, float]] = {}
    for i, node in enumerate(prep.nodes):
        table[node] = {
            "degree": int(prep.tie_degree[i]),
            "in_degree": int(in_degree[i]),
            "out_degree": int(out_degree[i]),
            "weighted_degree": float(weighted[i]),
            "negative_degree": int(negative_degree[i]),
            "betweenness": float(betweenness[i]),
            "betweenness_error": float(paths["betweenness_error"][i]),
            "closeness": float(closeness[i]),
            "closeness_error": float(paths["closeness_error"][i]),
            "pagerank": float(pagerank[i]),
            "reach2": float(reach2[i]),
        }

    _membership, sizes = prep.components
    pairs = g.ecount()
    ordered_pairs = n * (n - 1) if n > 1 else 1
    density = (pairs if directed else 2 * pairs) / ordered_pairs
    neighbours = np.asarray(prep.flow_und.degree(), dtype=np.float64)
    degree_centralisation = float((neighbours.max() - neighbours).sum() / ((n - 1) * (n - 2))) if n > 2 else 0.0
    betweenness_centralisation = float((betweenness.max() - betweenness).sum() / (n - 1)) if n > 2 else 0.0
    reciprocity = float(prep.flow_dir.reciprocity(ignore_loops=True)) if prep.flow_dir.ecount() else 0.0
    summary: dict[str, Any] = {
        "actors": n,
        "ties": prep.m,
        "negative_ties": int(np.count_nonzero(negative)),
        "density": float(density),
        "reciprocity": reciprocity,
        "degree_centralisation": degree_centralisation,
        "betweenness_centralisation": betweenness_centralisation,
        "components": len(sizes),
        "largest_component": int(sizes.max()) if len(sizes) else 0,
        "isolated": int(np.count_nonzero(prep.tie_degree == 0)),
        "average_path_length": paths["average_path_length"],
        "directed": directed,
        "estimated": paths["estimated"],
        "samples": paths["samples"],
        "confidence": CONFIDENCE if paths["estimated"] else 1.0,
        "betweenness_error": _stat(paths["betweenness_error"], np.max),
        "betweenness_error_median": _stat(paths["betweenness_error"], np.median),
        "closeness_error": _stat(paths["closeness_error"], np.max),
        "closeness_error_median": _stat(paths["closeness_error"], np.median),
        "average_path_length_error": paths["average_path_length_error"],
    }
    return table, summary


def _stat(values: FloatArray, func: Any) -> float:
    return float(func(values)) if len(values) else 0.0


def _betweenness_scale(n: int, directed: bool) -> float:
    if n <= 2:
        return 0.0
    return (1.0 if directed else 2.0) / ((n - 1) * (n - 2))


def _paths(prep: Prepared, directed: bool, exact_limit: int, samples: int, seed: int) -> dict[str, Any]:
    """Betweenness, closeness and average path length, exact or estimated."""
    n = prep.n
    k = min(max(int(samples), 2), n)
    if n <= exact_limit or k >= n:
        return _exact_paths(prep, directed)
    return _sampled_paths(prep, directed, k, seed)


def _exact_paths(prep: Prepared, directed: bool) -> dict[str, Any]:
    n = prep.n
    g = prep.flow_graph(directed)
    zeros = np.zeros(n)
    if n == 0:
        return {
            "betweenness": zeros,
            "closeness": zeros,
            "average_path_length": 0.0,
            "betweenness_error": zeros,
            "closeness_error": zeros,
            "average_path_length_error": 0.0,
            "estimated": False,
            "samples": 0,
        }
    betweenness = np.asarray(g.betweenness(directed=directed), dtype=np.float64) * _betweenness_scale(n, directed)
    # igraph's closeness is over the actors each one can be reached from; networkx's
    # (Wasserman & Faust) scales it by the share of actors that can reach it.
    raw = np.asarray(g.closeness(mode="in" if directed else "all"), dtype=np.float64)
    if directed:
        reached = np.asarray(g.neighborhood_size(order=max(n, 1), mode="in"), dtype=np.float64) - 1
    else:
        membership, sizes = prep.components
        reached = sizes[membership].astype(np.float64) - 1
    ok = np.isfinite(raw) & (raw > 0) & (reached > 0)
    safe = np.where(ok, raw, 1.0)
    closeness = np.where(ok, raw * reached / max(n - 1, 1), 0.0)
    distance_sums = np.where(ok, reached / safe, 0.0)
    pairs = float(reached[ok].sum())
    average = float(distance_sums.sum() / pairs) if pairs else 0.0
    return {
        "betweenness": betweenness,
        "closeness": closeness,
        "average_path_length": average,
        "betweenness_error": zeros,
        "closeness_error": zeros,
        "average_path_length_error": 0.0,
        "estimated": False,
        "samples": n,
    }


def _sampled_paths(prep: Prepared, directed: bool, k: int, seed: int) -> dict[str, Any]:
    n = prep.n
    est = estimate_paths(prep.flow_graph(directed), n, directed, k, seed, _betweenness_scale(n, directed))
    return {
        "betweenness": est.betweenness,
        "closeness": est.closeness,
        "average_path_length": est.average_path_length,
        "betweenness_error": est.betweenness_error,
        "closeness_error": est.closeness_error,
        "average_path_length_error": est.average_path_length_error,
        "estimated": True,
        "samples": est.samples,
    }
