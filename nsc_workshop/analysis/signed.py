"""Conflict and distrust: negative ties, structural balance and polarised camps.

These functions look at the *signed projection* of the map: one relationship per
pair of actors joined by a tie of sign +1 or -1 (neutral ties, sign 0, such as
``reports_to``, are left out), whatever the ties' directions. When a pair has
both kinds of tie (``advises`` and ``distrusts``, say) the relationship is
negative: in polarisation work a relationship carrying distrust is a fault line
even where the two also cooperate. :func:`balance` reports how many pairs are
so ambivalent.
"""

from __future__ import annotations

import heapq
import random
from collections import deque
from typing import Any

import igraph as ig
import numpy as np

from nsc_workshop.analysis._igraph import FloatArray, IntArray, Prepared, prepare

__all__ = ["balance", "camps", "frustration", "signed_ties"]

_POWER_ITERATIONS = 300
_RESTART_LIMIT = 300
"""Components up to this many actors also get greedy restarts in :func:`camps`."""


def signed_ties(graph: Any) -> list[str]:
    """Ids of the negative ties (conflict, distrust), in map order.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("a", "b", key="t1", id="t1", sign=1, weight=1.0, directed=True)
    >>> _ = g.add_edge("a", "c", key="t2", id="t2", sign=-1, weight=1.0, directed=False)
    >>> signed_ties(g)
    ['t2']
    """
    prep = prepare(graph)
    return [prep.tie_ids[i] for i in np.flatnonzero(prep.sign < 0)]


def balance(graph: Any, *, examples: int = 5) -> dict[str, Any]:
    """Structural balance (Heider; Cartwright & Harary 1956) of the closed triads.

    A triad of three actors all tied to each other in the signed projection is
    balanced when the product of its three signs is positive (+++: friends;
    +--: two friends sharing an adversary) and unbalanced otherwise (++-: a
    friend's friend is an adversary; ---: three mutual adversaries).

    Returns
    -------
    dict
        ``pairs`` (relationships in the signed projection), ``negative_pairs``,
        ``ambivalent_pairs`` (pairs with both a +1 and a -1 tie, counted
        negative), ``triads`` (closed triads), ``negative_triads`` (those with
        at least one negative relationship), ``balanced``, ``unbalanced``,
        ``unbalanced_share`` (of all triads), ``unbalanced_share_negative`` (of
        the triads with a negative relationship) and ``unbalanced_examples``
        (up to ``examples`` unbalanced triads, as lists of actor ids).

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> for i, (u, v, s) in enumerate([("a", "b", 1), ("b", "c", 1), ("a", "c", -1)]):
    ...     _ = g.add_edge(u, v, key=f"t{i}", id=f"t{i}", sign=s, weight=1.0, directed=False)
    >>> b = balance(g)
    >>> b["triads"], b["unbalanced"], b["unbalanced_share"], b["unbalanced_examples"]
    (1, 1, 1.0, [['a', 'b', 'c']])
    """
    prep = prepare(graph)
    result = dict(_balance(prep))
    result["unbalanced_examples"] = [
        [prep.nodes[i] for i in triad] for triad in result["unbalanced_examples"][:examples]
    ]
    return result


def _balance(prep: Prepared) -> dict[str, Any]:
    def compute() -> dict[str, Any]:
        lo, hi, sign, ambivalent = prep.signed
        n = max(prep.n, 1)
        g = ig.Graph(n=prep.n, edges=np.column_stack((lo, hi)).tolist(), directed=False)
        triangles = np.asarray(g.list_triangles(), dtype=np.int64).reshape(-1, 3)
        codes = lo * n + hi
        if len(triangles):
            t = np.sort(triangles, axis=1)
            a, b, c = t[:, 0], t[:, 1], t[:, 2]
            s_ab = sign[np.searchsorted(codes, a * n + b)]
            s_bc = sign[np.searchsorted(codes, b * n + c)]
            s_ac = sign[np.searchsorted(codes, a * n + c)]
            product = s_ab * s_bc * s_ac
            negative = (s_ab < 0) | (s_bc < 0) | (s_ac < 0)
            unbalanced_rows = t[product < 0]
            order = np.lexsort((unbalanced_rows[:, 2], unbalanced_rows[:, 1], unbalanced_rows[:, 0]))
            examples = [row.tolist() for row in unbalanced_rows[order][:50]]
        else:
            product = np.zeros(0, dtype=np.int64)
            negative = np.zeros(0, dtype=np.bool_)
            examples = []
        triads = len(triangles)
        unbalanced = int(np.count_nonzero(product < 0))
        negative_triads = int(np.count_nonzero(negative))
        return {
            "pairs": len(codes),
            "negative_pairs": int(np.count_nonzero(sign < 0)),
            "ambivalent_pairs": ambivalent,
            "triads": triads,
            "negative_triads": negative_triads,
            "balanced": triads - unbalanced,
            "unbalanced": unbalanced,
            "unbalanced_share": unbalanced / triads if triads else 0.0,
            "unbalanced_share_negative": unbalanced / negative_triads if negative_triads else 0.0,
            "unbalanced_examples": examples,
        }

    return prep.cached(("balance",), compute)


def camps(graph: Any, *, seed: int = 0) -> list[list[str]]:
    """Polarised camps: actors split in two so that few relationships go against the split.

    Looks at each connected part of the signed projection that holds a
    negative relationship (usually one part) and splits its actors into two
    camps minimising *frustration*: the positive relationships between the
    camps plus the negative ones within a camp (the line index of balance;
    Harary 1959, Aref & Wilson 2018). Exact minimisation is NP-hard; the split
    starts from the sign of the eigenvector of the smallest eigenvalue of the
    signed Laplacian (Kunegis et al. 2010; power iteration from a seeded
    start), and on parts of up to 300 actors also from eight seeded greedy
    colourings (a breadth-first walk putting friends together and adversaries
    apart); each start is improved by moving single actors while that lowers
    the frustration, and the best split is kept.

    Returns
    -------
    list of lists of str
        Two camps per split part (the larger first), parts by decreasing size;
        actor ids in map order. Empty when there is no negative relationship or
        no split beats keeping everyone together.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> ties = [("a", "b", 1), ("b", "c", 1), ("a", "c", 1), ("d", "e", 1), ("c", "d", -1), ("a", "e", -1)]
    >>> for i, (u, v, s) in enumerate(ties):
    ...     _ = g.add_edge(u, v, key=f"t{i}", id=f"t{i}", sign=s, weight=1.0, directed=False)
    >>> camps(g)
    [['a', 'b', 'c'], ['d', 'e']]
    """
    prep = prepare(graph)
    return [[prep.nodes[i] for i in camp] for camp in _camps(prep, seed)]


def frustration(graph: Any, split: list[list[str]]) -> int:
    """Relationships of the signed projection that go against a split into camps.

    A positive relationship between two camps, or a negative one within a camp,
    counts one. Relationships with an actor in no camp are ignored.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> for i, (u, v, s) in enumerate([("a", "b", 1), ("b", "c", -1), ("a", "c", -1)]):
    ...     _ = g.add_edge(u, v, key=f"t{i}", id=f"t{i}", sign=s, weight=1.0, directed=False)
    >>> frustration(g, [["a", "b"], ["c"]]), frustration(g, [["a"], ["b", "c"]])
    (0, 2)
    """
    prep = prepare(graph)
    side = np.full(prep.n, -1, dtype=np.int64)
    for number, members in enumerate(split):
        for node in members:
            side[prep.index[node]] = number
    return _frustration(prep, side)


def _frustration(prep: Prepared, side: IntArray) -> int:
    lo, hi, sign, _ = prep.signed
    known = (side[lo] >= 0) & (side[hi] >= 0)
    same = side[lo] == side[hi]
    return int(np.count_nonzero(known & (((sign > 0) & ~same) | ((sign < 0) & same))))


def _camps(prep: Prepared, seed: int) -> list[list[int]]:
    return prep.cached(("camps", seed), lambda: _find_camps(prep, seed))


def _find_camps(prep: Prepared, seed: int) -> list[list[int]]:
    lo, hi, sign, _ = prep.signed
    n = prep.n
    if not np.any(sign < 0):
        return []
    g = ig.Graph(n=n, edges=np.column_stack((lo, hi)).tolist(), directed=False)
    membership = np.asarray(g.connected_components().membership, dtype=np.int64)
    holding = np.unique(membership[lo[sign < 0]])
    parts = [np.flatnonzero(membership == c) for c in holding]
    parts.sort(key=lambda part: (-len(part), int(part[0])))
    neighbours: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    for a, b, s in zip(lo.tolist(), hi.tolist(), sign.tolist(), strict=True):
        neighbours[a].append((b, s))
        neighbours[b].append((a, s))
    rng = random.Random(seed)
    found: list[list[int]] = []
    for part in parts:
        side = _split(part, lo, hi, sign, neighbours, rng)
        one = [int(i) for i in part if side[i] == 0]
        two = [int(i) for i in part if side[i] == 1]
        if one and two:
            found.extend(sorted((one, two), key=lambda camp: (-len(camp), camp[0])))
    return found


def _split(
    part: IntArray,
    lo: IntArray,
    hi: IntArray,
    sign: IntArray,
    neighbours: list[list[tuple[int, int]]],
    rng: random.Random,
) -> IntArray:
    """The best split found of one connected part: side 0 or 1 per actor (-1 outside)."""
    n = len(neighbours)
    inside = np.zeros(n, dtype=np.bool_)
    inside[part] = True
    keep = inside[lo]
    plo, phi, psign = lo[keep], hi[keep], sign[keep]
    starts = [_spectral(n, part, plo, phi, psign, rng)]
    if len(part) <= _RESTART_LIMIT:
        starts += [_greedy(part, neighbours, rng) for _ in range(8)]
    best: IntArray | None = None
    best_cost = -1
    for start in starts:
        side = _improve(start, part, neighbours)
        same = side[plo] == side[phi]
        cost = int(np.count_nonzero(((psign > 0) & ~same) | ((psign < 0) & same)))
        if best is None or cost < best_cost:
            best, best_cost = side, cost
    assert best is not None
    # Side 0 is the camp of the part's first actor, for a stable numbering.
    if best[part[0]] == 1:
        best = np.where(best >= 0, 1 - best, best)
    return best


def _spectral(n: int, part: IntArray, lo: IntArray, hi: IntArray, sign: IntArray, rng: random.Random) -> IntArray:
    """Signs of the signed Laplacian's lowest eigenvector (power iteration on c*I - L)."""
    weights = sign.astype(np.float64)
    degree = np.bincount(np.concatenate((lo, hi)), minlength=n).astype(np.float64)
    c = 2 * float(degree.max()) + 1
    x: FloatArray = np.zeros(n)
    x[part] = np.asarray([rng.uniform(-1, 1) for _ in range(len(part))])
    for _ in range(_POWER_ITERATIONS):
        adjacency = np.bincount(lo, weights=weights * x[hi], minlength=n) + np.bincount(
            hi, weights=weights * x[lo], minlength=n
        )
        y = (c - degree) * x + adjacency
        norm = float(np.linalg.norm(y))
        if norm == 0:
            break
        y /= norm
        if float(np.abs(y - x).max()) < 1e-9:
            x = y
            break
        x = y
    side = np.full(n, -1, dtype=np.int64)
    side[part] = (x[part] < 0).astype(np.int64)
    return side


def _greedy(part: IntArray, neighbours: list[list[tuple[int, int]]], rng: random.Random) -> IntArray:
    """A breadth-first colouring from a random actor: friends on one's side, adversaries opposite."""
    n = len(neighbours)
    side = np.full(n, -1, dtype=np.int64)
    root = int(part[rng.randrange(len(part))])
    side[root] = 0
    queue = deque([root])
    while queue:
        v = queue.popleft()
        for u, s in neighbours[v]:
            if side[u] < 0:
                side[u] = side[v] if s > 0 else 1 - side[v]
                queue.append(u)
    return side


def _improve(start: IntArray, part: IntArray, neighbours: list[list[tuple[int, int]]]) -> IntArray:
    """Move single actors to the other camp while that lowers the frustration (best move first)."""
    side = start.copy()
    # gain[v]: frustration removed by moving v = (its frustrated relationships) - (its satisfied ones).
    gain = {int(v): _gain(int(v), side, neighbours) for v in part}
    heap = [(-g, v) for v, g in gain.items() if g > 0]
    heapq.heapify(heap)
    while heap:
        negative_gain, v = heapq.heappop(heap)
        if -negative_gain != gain[v] or gain[v] <= 0:
            continue  # stale entry
        side[v] = 1 - side[v]
        gain[v] = -gain[v]
        for u, _s in neighbours[v]:
            gain[u] = _gain(u, side, neighbours)
            if gain[u] > 0:
                heapq.heappush(heap, (-gain[u], u))
    return side


def _gain(v: int, side: IntArray, neighbours: list[list[tuple[int, int]]]) -> int:
    total = 0
    for u, s in neighbours[v]:
        frustrated = (side[u] != side[v]) if s > 0 else (side[u] == side[v])
        total += 1 if frustrated else -1
    return total
