"""Brokerage: structural holes (Burt), brokerage roles (Gould & Fernandez) and bridges.

All three look at the non-negative ties. Burt's measures and bridges take them
both ways, one relationship per pair of actors; brokerage roles follow their
direction (an undirected tie goes both ways).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from nsc_workshop.analysis._igraph import IntArray, Prepared, prepare

__all__ = ["ROLES", "bridges", "brokerage_roles", "burt"]

ROLES = ("coordinator", "gatekeeper", "representative", "consultant", "liaison")
"""Gould & Fernandez's five brokerage roles, in their usual order."""

_PATHS_AT_ONCE = 4_000_000
"""Most two-step paths examined at once (bounds memory on maps with hubs)."""


def burt(graph: Any, *, weighted: bool = False) -> dict[str, dict[str, float]]:
    """Burt's (1992) structural-hole measures of each actor.

    Computed on the non-negative ties taken both ways, one relationship per
    pair of actors, as networkx's ``effective_size`` and ``constraint`` define
    them on that graph.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The actor map (see :func:`nsc_workshop.graph.to_networkx`).
    weighted : bool
        Weigh each relationship by the sum of its ties' weights (networkx's
        ``weight="weight"``). By default every relationship counts the same.

    Returns
    -------
    dict
        For each actor: ``effective_size`` (contacts minus their redundancy:
        how many non-redundant contacts the actor has), ``efficiency``
        (effective size per contact) and ``constraint`` (0-1 and above: how
        much the actor's contacts are tied to each other; low constraint means
        the actor spans structural holes). All three are NaN for an actor with
        no non-negative tie, as in networkx.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> for i, (u, v) in enumerate([("hub", "a"), ("hub", "b"), ("hub", "c"), ("a", "b")]):
    ...     _ = g.add_edge(u, v, key=f"t{i}", id=f"t{i}", sign=1, weight=1.0, directed=False)
    >>> b = burt(g)["hub"]
    >>> round(b["effective_size"], 3), round(b["efficiency"], 3), round(b["constraint"], 3)
    (2.333, 0.778, 0.611)
    """
    prep = prepare(graph)
    return dict(zip(prep.nodes, _burt(prep, weighted), strict=True))


def _burt(prep: Prepared, weighted: bool = False) -> list[dict[str, float]]:
    return prep.cached(("burt", weighted), lambda: _compute_burt(prep, weighted))


def _compute_burt(prep: Prepared, weighted: bool) -> list[dict[str, float]]:
    g = prep.flow_und
    n = prep.n
    if n == 0:
        return []
    degree = np.asarray(g.degree(), dtype=np.float64)
    constraint = np.asarray(g.constraint(weights="weight" if weighted else None), dtype=np.float64)
    if weighted:
        effective = np.asarray(_weighted_effective_size(prep), dtype=np.float64)
    else:
        # Borgatti's (1997) simplification for unweighted undirected ties:
        # size minus 2 * (ties among the contacts) / size = k - C * (k - 1).
        clustering = np.asarray(g.transitivity_local_undirected(mode="zero"), dtype=np.float64)
        effective = degree - clustering * (degree - 1)
    out = []
    for i in range(n):
        k = degree[i]
        if k == 0:
            out.append({"effective_size": math.nan, "efficiency": math.nan, "constraint": math.nan})
        else:
            out.append(
                {
                    "effective_size": float(effective[i]),
                    "efficiency": float(effective[i] / k),
                    "constraint": float(constraint[i]),
                }
            )
    return out


def _weighted_effective_size(prep: Prepared) -> list[float]:
    """Burt's general effective size with mutual weights (networkx's formula)."""
    g = prep.flow_und
    adj: list[dict[int, float]] = [{} for _ in range(prep.n)]
    for (u, v), w in zip(g.get_edgelist(), g.es["weight"], strict=True):
        adj[u][v] = w
        adj[v][u] = w
    total = [sum(nbrs.values()) for nbrs in adj]
    largest = [max(nbrs.values(), default=0.0) for nbrs in adj]
    sizes = []
    for u in range(prep.n):
        size = 0.0
        for v in adj[u]:
            redundancy = 0.0
            for w, uw in adj[u].items():
                vw = adj[v].get(w)
                if vw is not None:
                    redundancy += (uw / total[u]) * (vw / largest[v])
            size += 1 - redundancy
        sizes.append(size if adj[u] else math.nan)
    return sizes


def brokerage_roles(graph: Any, attribute: str = "sector") -> dict[str, dict[str, int]]:
    """Gould & Fernandez (1989) brokerage roles of each actor, counted.

    For every path ``a -> b -> c`` along the non-negative ties (an undirected tie
    goes both ways) with ``a != c`` and no tie from ``a`` to ``c``, the broker
    ``b`` plays one role given the groups (values of ``attribute``) of the three:

    - coordinator: all three in one group;
    - gatekeeper: ``b`` and ``c`` share a group, ``a`` outside it;
    - representative: ``a`` and ``b`` share a group, ``c`` outside it;
    - consultant: ``a`` and ``c`` share a group, ``b`` outside it;
    - liaison: all three in different groups.

    Paths through an actor without a value for ``attribute`` are not counted.
    Parallel ties count once. Vectorised over all two-step paths: about 0.1 s
    at 10,000 actors with 5 ties each.

    Returns
    -------
    dict
        For each actor, the count of each role (keys :data:`ROLES`).

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from([("a", {"sector": "police"}), ("b", {"sector": "schools"}), ("c", {"sector": "youth"})])
    >>> _ = g.add_edge("a", "b", key="t1", id="t1", sign=1, weight=1.0, directed=True)
    >>> _ = g.add_edge("b", "c", key="t2", id="t2", sign=1, weight=1.0, directed=True)
    >>> brokerage_roles(g)["b"]
    {'coordinator': 0, 'gatekeeper': 0, 'representative': 0, 'consultant': 0, 'liaison': 1}
    """
    prep = prepare(graph)
    counts = _roles(prep, attribute)
    return {node: dict(zip(ROLES, (int(x) for x in counts[i]), strict=True)) for i, node in enumerate(prep.nodes)}


def _roles(prep: Prepared, attribute: str) -> IntArray:
    return prep.cached(("roles", attribute), lambda: _count_roles(prep, attribute))


def _count_roles(prep: Prepared, attribute: str) -> IntArray:
    n = prep.n
    counts = np.zeros((n, len(ROLES)), dtype=np.int64)
    if n == 0:
        return counts
    _labels, group = prep.groups(attribute)
    heads, tails = prep.dir_arcs
    arc_codes = np.sort(heads * n + tails)
    # In-arcs of each broker (sorted by broker) and out-arcs (sorted by broker).
    by_tail = np.argsort(tails, kind="stable")
    in_from = heads[by_tail]
    in_ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(tails, minlength=n), out=in_ptr[1:])
    by_head = np.argsort(heads, kind="stable")
    out_to = tails[by_head]
    out_ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(heads, minlength=n), out=out_ptr[1:])
    indeg = np.diff(in_ptr)
    outdeg = np.diff(out_ptr)
    paths = indeg * outdeg
    paths[group < 0] = 0

    brokers = np.flatnonzero(paths)
    start = 0
    while start < len(brokers):
        # A chunk of brokers with at most _PATHS_AT_ONCE paths (at least one broker).
        cum = np.cumsum(paths[brokers[start:]])
        stop = start + max(1, int(np.searchsorted(cum, _PATHS_AT_ONCE, side="right")))
        chunk = brokers[start:stop]
        start = stop
        per = paths[chunk]
        b = np.repeat(chunk, per)
        offset = np.arange(len(b)) - np.repeat(np.cumsum(per) - per, per)
        od = outdeg[b]
        a = in_from[in_ptr[b] + offset // od]
        c = out_to[out_ptr[b] + offset % od]
        keep = a != c
        codes = a * n + c
        pos = np.minimum(np.searchsorted(arc_codes, codes), len(arc_codes) - 1)
        keep &= arc_codes[pos] != codes
        ga, gb, gc = group[a], group[b], group[c]
        keep &= (ga >= 0) & (gc >= 0)
        ga, gb, gc, b = ga[keep], gb[keep], gc[keep], b[keep]
        role = np.full(len(b), 4, dtype=np.int64)  # liaison
        role[(ga == gc) & (ga != gb)] = 3  # consultant
        role[(ga == gb) & (gb != gc)] = 2  # representative
        role[(gb == gc) & (ga != gb)] = 1  # gatekeeper
        role[(ga == gb) & (gb == gc)] = 0  # coordinator
        counts += np.bincount(b * len(ROLES) + role, minlength=n * len(ROLES)).reshape(n, len(ROLES))
    return counts


def bridges(graph: Any) -> list[str]:
    """Ties whose removal would cut a connected part of the map in two.

    Looks at the non-negative ties taken both ways. A pair of actors joined by
    two or more such ties has no bridge (removing one tie leaves the other).

    Returns
    -------
    list of str
        Tie ids, in map order.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> pairs = [("a", "b"), ("b", "c"), ("a", "c"), ("c", "d"), ("d", "e"), ("e", "f"), ("d", "f")]
    >>> for i, (u, v) in enumerate(pairs):
    ...     _ = g.add_edge(u, v, key=f"t{i}", id=f"t{i}", sign=1, weight=1.0, directed=False)
    >>> bridges(g)
    ['t3']
    """
    prep = prepare(graph)
    g = prep.flow_und
    if g.ecount() == 0:
        return []
    found = [e for e in g.bridges() if g.es[e]["ties"] == 1]
    if not found:
        return []
    edges = np.asarray(g.get_edgelist(), dtype=np.int64)[found]
    codes = np.sort(edges[:, 0] * prep.n + edges[:, 1])
    flow = np.flatnonzero(prep.flow)
    tie_codes = prep.pair_codes[flow]
    pos = np.minimum(np.searchsorted(codes, tie_codes), len(codes) - 1)
    return [prep.tie_ids[i] for i in flow[codes[pos] == tie_codes]]
