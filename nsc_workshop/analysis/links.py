"""Missing links: pairs of actors not yet tied whom a tie would help.

Candidates are pairs at two steps: actors not tied to each other (by any tie)
who share at least one contact through non-negative ties, so someone can
introduce them. Each candidate is valued by what the tie would do:

- close a *sector gap* (their sectors have no tie at all): +2;
- *bridge two communities* (:func:`~nsc_workshop.analysis.communities`): +1;

plus ``shared / (shared + 1)`` for the number of shared contacts, which orders
candidates of equal value by how easily they can be introduced (it stays
below 1, so value comes first); then the more telling gap first (see
:func:`~nsc_workshop.analysis.sector_gaps`). Suggestions are spread out: at most one per
sector gap, two per pair of communities and two per actor.

The candidates come from a vectorised enumeration of two-step paths (no
all-pairs work); contacts with more than :data:`HUB_LIMIT` ties are not used
as go-betweens (everyone knows them, so they say little about a pair).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from nsc_workshop.analysis._igraph import IntArray, Prepared, prepare

__all__ = ["HUB_LIMIT", "Suggestion", "missing_links"]

HUB_LIMIT = 500
"""Contacts with more ties than this are not used to propose pairs."""

_PAIRS_AT_ONCE = 4_000_000

REASON_SECTOR_GAP = "insight.link.sector_gap"
REASON_BRIDGE = "insight.link.bridge"
REASON_SHARED = "insight.link.shared"


@dataclass(frozen=True)
class Suggestion:
    """A tie worth proposing between ``source`` and ``target`` (actor ids).

    ``reason`` is a message key (``insight.link.sector_gap``,
    ``insight.link.bridge`` or ``insight.link.shared``) and ``figures`` the
    figures behind it: ``shared`` (number of shared contacts), ``via`` (up to
    three of them, actor ids), ``communities`` (the two communities the tie
    would bridge, or None), ``sectors`` (the two sectors, when the tie closes a
    gap between them, or None).
    """

    source: str
    target: str
    score: float
    reason: str
    figures: dict[str, Any] = field(default_factory=dict)


def missing_links(graph: Any, *, limit: int = 10, attribute: str = "sector", seed: int = 0) -> list[Suggestion]:
    """The ``limit`` most useful ties not yet in the map, best first.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The actor map (see :func:`nsc_workshop.graph.to_networkx`).
    limit : int
        How many suggestions at most.
    attribute : str
        The actor attribute naming the sector, for sector gaps.
    seed : int
        Seed of the community detection.

    Examples
    --------
    Two triangles joined through ``hub``; ``a`` and ``d`` are in different
    sectors and communities and both know ``hub``:

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> sectors = {"a": "police", "b": "police", "c": "police", "d": "youth", "e": "youth", "f": "youth"}
    >>> g.add_nodes_from((k, {"sector": v}) for k, v in sectors.items())
    >>> g.add_node("hub", sector="municipality")
    >>> pairs = [("a", "b"), ("b", "c"), ("a", "c"), ("d", "e"), ("e", "f"), ("d", "f"), ("a", "hub"), ("hub", "d")]
    >>> for i, (u, v) in enumerate(pairs):
    ...     _ = g.add_edge(u, v, key=f"t{i}", id=f"t{i}", sign=1, weight=1.0, directed=False)
    >>> best = missing_links(g, limit=1)[0]
    >>> best.source, best.target, best.reason, best.figures["via"]
    ('a', 'd', 'insight.link.sector_gap', ['hub'])
    """
    from nsc_workshop.analysis.communities import _membership
    from nsc_workshop.analysis.sectors import ALL_SIGNS, _gaps

    prep = prepare(graph)
    membership = _membership(prep, seed)
    gaps = [(a, b) for a, b, _ in _gaps(prep, attribute, ALL_SIGNS)]
    return _missing_links(prep, limit, attribute, membership, gaps)


def _two_step_pairs(prep: Prepared) -> tuple[IntArray, IntArray]:
    """``(codes, shared)``: untied pairs ``u < v`` (as ``u * n + v``) with shared contacts, and how many."""
    n = prep.n
    indptr, indices = prep.und_csr
    degree = np.diff(indptr)
    middles = np.flatnonzero((degree >= 2) & (degree <= HUB_LIMIT))
    found: list[IntArray] = []
    start = 0
    while start < len(middles):
        cum = np.cumsum(degree[middles[start:]] ** 2)
        stop = start + max(1, int(np.searchsorted(cum, _PAIRS_AT_ONCE, side="right")))
        chunk = middles[start:stop]
        start = stop
        d = degree[chunk]
        w = np.repeat(chunk, d * d)
        offset = np.arange(len(w)) - np.repeat(np.cumsum(d * d) - d * d, d * d)
        dw = degree[w]
        u = indices[indptr[w] + offset // dw]
        v = indices[indptr[w] + offset % dw]
        keep = u < v
        found.append(u[keep] * n + v[keep])
    if not found:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    codes, shared = np.unique(np.concatenate(found), return_counts=True)
    untied = ~prep.is_tied(codes // n, codes % n)
    return codes[untied], shared[untied].astype(np.int64)


def _missing_links(
    prep: Prepared, limit: int, attribute: str, membership: IntArray, gaps: list[tuple[str, str]]
) -> list[Suggestion]:
    if limit <= 0 or prep.n < 3:
        return []
    n = prep.n
    codes, shared = _two_step_pairs(prep)
    if len(codes) == 0:
        return []
    u, v = codes // n, codes % n
    labels, group = prep.groups(attribute)
    position = {label: i for i, label in enumerate(labels)}
    # Rank of each gap (most telling first); the last row/column (index -1: no sector) is never a gap.
    gap_rank = np.full((len(labels) + 1, len(labels) + 1), len(gaps), dtype=np.int64)
    for rank, (first, second) in enumerate(gaps):
        gap_rank[position[first], position[second]] = gap_rank[position[second], position[first]] = rank
    gu, gv = group[u], group[v]
    pair_gap = gap_rank[gu, gv]
    closes_gap = pair_gap < len(gaps)
    bridges = membership[u] != membership[v]
    score = 2.0 * closes_gap + 1.0 * bridges + shared / (shared + 1.0)

    keep = min(len(score), max(200, 50 * limit))
    top = np.argpartition(-score, keep - 1)[:keep] if keep < len(score) else np.arange(len(score))
    top = top[np.lexsort((v[top], u[top], pair_gap[top], -score[top]))]

    indptr, indices = prep.und_csr
    chosen: list[Suggestion] = []
    per_actor: dict[int, int] = {}
    per_gap: set[tuple[int, int]] = set()
    per_communities: dict[tuple[int, int], int] = {}
    for i in top:
        a, b = int(u[i]), int(v[i])
        if per_actor.get(a, 0) >= 2 or per_actor.get(b, 0) >= 2:
            continue
        ca, cb = int(membership[a]), int(membership[b])
        pair_c = (min(ca, cb), max(ca, cb))
        gap_key = (min(int(gu[i]), int(gv[i])), max(int(gu[i]), int(gv[i])))
        if closes_gap[i] and gap_key in per_gap:
            continue
        if bridges[i] and per_communities.get(pair_c, 0) >= 2:
            continue
        if closes_gap[i]:
            per_gap.add(gap_key)
            reason = REASON_SECTOR_GAP
        elif bridges[i]:
            reason = REASON_BRIDGE
        else:
            reason = REASON_SHARED
        if bridges[i]:
            per_communities[pair_c] = per_communities.get(pair_c, 0) + 1
        per_actor[a] = per_actor.get(a, 0) + 1
        per_actor[b] = per_actor.get(b, 0) + 1
        via = np.intersect1d(indices[indptr[a] : indptr[a + 1]], indices[indptr[b] : indptr[b + 1]])
        chosen.append(
            Suggestion(
                source=prep.nodes[a],
                target=prep.nodes[b],
                score=round(float(score[i]), 6),
                reason=reason,
                figures={
                    "shared": int(shared[i]),
                    "via": [prep.nodes[x] for x in via[:3]],
                    "communities": [ca, cb] if bridges[i] else None,
                    "sectors": [labels[int(gu[i])], labels[int(gv[i])]] if closes_gap[i] else None,
                },
            )
        )
        if len(chosen) >= limit:
            break
    return chosen
