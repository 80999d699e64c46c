"""Sectors (or any grouping attribute) and where the map is thin: gaps, isolated and peripheral actors.

Sectors are the values of an actor attribute (``sector`` by default). Rows and
columns follow the order of the kit's sector list
(:func:`nsc_workshop.datasets.sectors`), then other values alphabetically.
Actors without a value are left out of sector tables.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Any

import numpy as np

from nsc_workshop.analysis._igraph import FloatArray, Prepared, prepare

__all__ = ["isolated", "peripheral", "sector_gaps", "sector_matrix"]

ALL_SIGNS = (1, 0, -1)


def _order(labels: Iterable[str]) -> list[str]:
    from nsc_workshop.datasets import sectors

    rank = {row["id"]: i for i, row in enumerate(sectors())}
    return sorted(labels, key=lambda label: (rank.get(label, len(rank)), label))


def _matrix(prep: Prepared, attribute: str, signs: tuple[int, ...]) -> tuple[list[str], FloatArray, FloatArray]:
    """``(sectors, ties, ends)``: sectors present in map order, the symmetric tie-count
    matrix (a tie within a sector counted once on the diagonal) and tie ends per sector."""

    def compute() -> tuple[list[str], FloatArray, FloatArray]:
        labels, group = prep.groups(attribute)
        ordered = _order(labels)
        position = np.asarray([ordered.index(label) for label in labels], dtype=np.int64)
        size = len(ordered)
        mask = np.isin(prep.sign, np.asarray(signs, dtype=np.int64))
        ga, gb = group[prep.src[mask]], group[prep.dst[mask]]
        known = (ga >= 0) & (gb >= 0)
        a, b = position[ga[known]], position[gb[known]]
        matrix = np.zeros((size, size))
        np.add.at(matrix, (a, b), 1)
        np.add.at(matrix, (b[a != b], a[a != b]), 1)
        ends = np.bincount(np.concatenate((a, b)), minlength=size).astype(np.float64)
        return ordered, matrix, ends

    return prep.cached(("sector_matrix", attribute, tuple(sorted(signs))), compute)


def sector_matrix(
    graph: Any, attribute: str = "sector", *, signs: tuple[int, ...] = ALL_SIGNS
) -> dict[str, dict[str, int]]:
    """Tie counts between sectors: symmetric, every sector in the map as a row and a column.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The actor map (see :func:`nsc_workshop.graph.to_networkx`).
    attribute : str
        The actor attribute that names the sector.
    signs : tuple of int
        Count ties of these signs (by default all; ``(-1,)`` counts conflict ties).

    Returns
    -------
    dict
        ``matrix[a][b]`` is the number of ties between actors of sectors ``a``
        and ``b`` (parallel ties counted; a tie within a sector counts once on
        the diagonal).

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from([("a", {"sector": "police"}), ("b", {"sector": "schools"}), ("c", {"sector": "police"})])
    >>> _ = g.add_edge("a", "b", key="t1", id="t1", sign=1, weight=1.0, directed=True)
    >>> _ = g.add_edge("a", "c", key="t2", id="t2", sign=-1, weight=1.0, directed=False)
    >>> sector_matrix(g)
    {'police': {'police': 1, 'schools': 1}, 'schools': {'police': 1, 'schools': 0}}
    """
    ordered, matrix, _ends = _matrix(prepare(graph), attribute, tuple(signs))
    return {a: {b: int(matrix[i, j]) for j, b in enumerate(ordered)} for i, a in enumerate(ordered)}


def sector_gaps(
    graph: Any,
    attribute: str = "sector",
    *,
    sectors: Iterable[str] | None = None,
    signs: tuple[int, ...] = ALL_SIGNS,
) -> list[tuple[str, str]]:
    """Pairs of sectors present in the map with no tie between them, most telling first.

    A gap is more telling when both sectors are well tied elsewhere: pairs are
    ranked by the number of ties expected between them if the ties were spread
    at random (``ends(a) * ends(b) / (2 * ties)``, the configuration model of
    modularity), then in sector order.

    Parameters
    ----------
    sectors : iterable of str, optional
        Only pairs among these sectors (those absent from the map are ignored).
    signs : tuple of int
        A tie of these signs closes a gap (by default any tie).

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from([("a", {"sector": "police"}), ("b", {"sector": "schools"}), ("c", {"sector": "youth_work"})])
    >>> _ = g.add_edge("a", "b", key="t1", id="t1", sign=1, weight=1.0, directed=True)
    >>> sector_gaps(g)
    [('police', 'youth_work'), ('schools', 'youth_work')]
    """
    return [(a, b) for a, b, _expected in _gaps(prepare(graph), attribute, tuple(signs), sectors)]


def _gaps(
    prep: Prepared, attribute: str, signs: tuple[int, ...], sectors: Iterable[str] | None = None
) -> list[tuple[str, str, float]]:
    """``(a, b, expected ties)`` for each gap, most telling first."""
    ordered, matrix, ends = _matrix(prep, attribute, signs)
    wanted = None if sectors is None else set(sectors)
    total = ends.sum() / 2
    found = []
    for i, j in itertools.combinations(range(len(ordered)), 2):
        if matrix[i, j] > 0:
            continue
        if wanted is not None and not (ordered[i] in wanted and ordered[j] in wanted):
            continue
        expected = float(ends[i] * ends[j] / (2 * total)) if total else 0.0
        found.append((ordered[i], ordered[j], expected, i, j))
    found.sort(key=lambda gap: (-gap[2], gap[3], gap[4]))
    return [(a, b, expected) for a, b, expected, _i, _j in found]


def isolated(graph: Any, *, signs: tuple[int, ...] = ALL_SIGNS) -> list[str]:
    """Actors with no tie (of the given signs), in map order.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from(["a", "b", "c", "d"])
    >>> _ = g.add_edge("a", "b", key="t1", id="t1", sign=1, weight=1.0, directed=True)
    >>> _ = g.add_edge("a", "c", key="t2", id="t2", sign=-1, weight=1.0, directed=True)
    >>> isolated(g), isolated(g, signs=(1, 0))
    (['d'], ['c', 'd'])
    """
    prep = prepare(graph)
    mask = np.isin(prep.sign, np.asarray(signs, dtype=np.int64))
    ties = np.bincount(np.concatenate((prep.src[mask], prep.dst[mask])), minlength=prep.n)
    return [prep.nodes[i] for i in np.flatnonzero(ties == 0)]


def peripheral(graph: Any, *, max_degree: int = 1) -> list[str]:
    """Actors tied to at least one and at most ``max_degree`` other actors, in map order.

    Counts distinct actors tied by a tie of any sign (two ties to the same
    actor count once).

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> for i, (u, v) in enumerate([("a", "b"), ("a", "c"), ("c", "a"), ("a", "d")]):
    ...     _ = g.add_edge(u, v, key=f"t{i}", id=f"t{i}", sign=1, weight=1.0, directed=True)
    >>> peripheral(g)
    ['b', 'c', 'd']
    """
    prep = prepare(graph)
    count = prep.neighbour_count
    return [prep.nodes[i] for i in np.flatnonzero((count >= 1) & (count <= max_degree))]
