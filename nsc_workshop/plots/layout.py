"""Stable positions for the actor map.

:func:`layout` places every actor in the unit square ``[0, 1] x [0, 1]``
(``y`` grows upwards, as in matplotlib; a canvas whose ``y`` grows downwards
draws at ``1 - y``). Four kinds:

``"force"``
    Fruchterman-Reingold (igraph's C implementation), ties pulling their
    actors together, negative ties pulling less. Actors with stored ``x``/``y``
    (placed by hand) stay where they were put.
``"sectors"``
    One cluster per sector, the clusters on a circle in the order of
    ``datasets/sectors.json`` (related sectors side by side), a force layout
    inside each cluster.
``"salience"``
    Concentric rings by Mitchell, Agle & Wood's class: definitive stakeholders
    (power, legitimacy and urgency) in the centre, then expectant (two
    attributes), latent (one), and non-stakeholders outside. Inside a ring,
    actors are ordered by sector, clockwise from the top.
``"file"``
    As another tool drew the map: the actors' stored ``x``/``y`` (kept by an
    import from Kumu, PRSM, Gephi or yEd) scaled together into the square,
    keeping the aspect ratio; actors without a position placed by the force
    layout around the placed ones, which stay where the file put them. Offered
    (:func:`file_layout_offered`) when at least half of the actors have a
    position; a map most of whose actors have one opens with it
    (:func:`file_layout_preferred`). Without any position it is the force
    layout.

**Which way y grows in a file.** Stored coordinates are a peer tool's own
numbers, kept as they are by the readers (ours never flip them), and a file
does not say which way its ``y`` grows: Kumu, PRSM (vis-network) and yEd use
screen coordinates (``y`` grows downwards), Gephi's GEXF ``viz:position``
grows upwards. We draw stored ``y`` as screen coordinates, downwards, the
convention of the tools most facilitators come from; a map from Gephi shows
upside down (its shape and neighbourhoods are the same). The force layout's
fixed actors follow the same rule, so switching between the two never flips
the map.

**Stability.** Given ``previous`` positions (the last ones shown), actors
already placed keep their place exactly, actors gone from the graph are
dropped, and new actors are put next to the actors they are tied to (or in an
empty spot when they have no placed partner), then nudged by a few force
steps that move only them. A small change never reshuffles the map; ask for a
fresh layout (no ``previous``) to tidy it. In the salience layout an actor
whose class changed moves to its new ring.

:class:`LayoutCache` keeps the last positions per workshop and layout kind.

>>> from nsc_workshop.testing import make_workshop
>>> from nsc_workshop.graph import to_networkx
>>> g = to_networkx(make_workshop(actors=12, ties=16))
>>> pos = layout(g, "force", seed=1)
>>> all(0 <= x <= 1 and 0 <= y <= 1 for x, y in pos.values())
True
>>> pos == layout(g, "force", seed=1)
True
"""

from __future__ import annotations

import contextlib
import math
import threading
from collections import OrderedDict
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from nsc_workshop.plots._common import (
    SALIENCE_CLASSES,
    as_graph,
    bad_option,
    finite,
    salience_class,
    sector_order,
    sector_sort_key,
)

if TYPE_CHECKING:
    import networkx as nx
    from numpy.typing import NDArray

    Array = NDArray[np.float64]

__all__ = [
    "FILE_OFFER_SHARE",
    "FILE_START_SHARE",
    "KINDS",
    "SALIENCE_BANDS",
    "LayoutCache",
    "LayoutKind",
    "Position",
    "file_layout_offered",
    "file_layout_preferred",
    "layout",
    "placed_share",
]

Position = tuple[float, float]
LayoutKind = Literal["force", "sectors", "salience", "file"]
KINDS: tuple[str, ...] = ("force", "sectors", "salience", "file")

FILE_OFFER_SHARE = 0.5
"""The ``"file"`` layout is offered when at least this share of the actors have a stored position."""
FILE_START_SHARE = 0.8
"""A map opens in the ``"file"`` layout when at least this share of its actors have a stored position."""

SALIENCE_BANDS: dict[str, tuple[float, float]] = {
    "definitive": (0.0, 0.17),
    "expectant": (0.29, 0.53),
    "latent": (0.64, 0.84),
    "non_stakeholder": (0.94, 1.0),
}
"""Each salience class's band, as fractions of the outer radius (0.5 in the unit square, centred)."""

_GRID_FROM = 300  # igraph's grid variant of Fruchterman-Reingold from this many actors on (faster)


def layout(
    graph: Any,
    kind: str = "force",
    *,
    previous: Mapping[str, Sequence[float]] | None = None,
    seed: int = 0,
    use_stored: bool | None = None,
) -> dict[str, Position]:
    """Positions of the actors, normalised to ``[0, 1]``.

    Parameters
    ----------
    graph
        The actor map (:func:`nsc_workshop.graph.to_networkx`) or a workshop.
    kind
        ``"force"``, ``"sectors"``, ``"salience"`` or ``"file"`` (see the module's notes).
    previous
        Positions shown before (``{actor id: (x, y)}`` in ``[0, 1]``). Actors
        in it keep their place (in the salience layout, unless their class
        changed), the others are placed around them; actors no longer in the
        graph are ignored.
    seed
        Seed of the randomness: the same graph, ``previous`` and seed give
        the same positions.
    use_stored
        Keep actors with stored ``x``/``y`` (placed by a facilitator) fixed
        there. By default only in the force layout: in the sectors and
        salience layouts the position itself carries the meaning (the file
        layout always keeps them). Stored ``y`` grows downwards (screen
        coordinates, see the module's notes). Stored coordinates all inside
        ``[0, 1]`` are used as they are (``y`` flipped); others (pixels from
        PRSM or Kumu) are scaled together into ``[0, 1]``.

    Returns
    -------
    dict
        ``{actor id: (x, y)}`` with plain floats in ``[0, 1]``.

    Examples
    --------
    >>> from nsc_workshop.testing import make_workshop
    >>> from nsc_workshop.graph import to_networkx
    >>> g = to_networkx(make_workshop(actors=20, ties=30))
    >>> before = layout(g)
    >>> g.add_node("newcomer", name="Newcomer", sector="schools")
    >>> _ = g.add_edge("newcomer", "act_00003", key="t1", sign=1, weight=1.0, directed=True, type="advises")
    >>> after = layout(g, previous=before)
    >>> all(after[a] == before[a] for a in before)
    True
    >>> sorted(set(after) - set(before))
    ['newcomer']
    """
    graph = as_graph(graph)
    if kind not in KINDS:
        raise bad_option("kind", kind, KINDS)
    nodes = list(graph.nodes)
    n = len(nodes)
    if n == 0:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    edges, weights = _edges(graph, index)
    adj: list[list[tuple[int, float]]] = [[] for _ in range(n)]
    for (a, b), w in zip(edges, weights, strict=True):
        adj[a].append((b, w))
        adj[b].append((a, w))
    anchors = _previous(previous, index)
    if kind == "file":
        anchors.update(_from_file(graph, nodes))
    else:
        if use_stored is None:
            use_stored = kind == "force"
        if use_stored:
            anchors.update(_stored(graph, nodes))
    if kind in ("force", "file"):
        # a file's map: its unplaced actors laid out together past a few (one at a time is slow among thousands)
        P = _force(n, edges, weights, adj, anchors, seed, one_by_one=30 if kind == "file" else None)
    elif kind == "sectors":
        order = sector_order()
        key = sector_sort_key(order)
        groups = [str(graph.nodes[node].get("sector") or "") for node in nodes]
        P = _sectors(n, edges, weights, adj, anchors, groups, key, seed)
    else:
        classes = [salience_class(graph.nodes[node]) for node in nodes]
        order = sector_order()
        key = sector_sort_key(order)
        sort_keys = [
            (key(str(graph.nodes[node].get("sector") or "")), str(graph.nodes[node].get("name") or ""), str(node))
            for node in nodes
        ]
        P = _salience(n, adj, anchors, classes, sort_keys, seed)
    P = np.clip(P, 0.0, 1.0)
    return {node: (float(P[i, 0]), float(P[i, 1])) for i, node in enumerate(nodes)}


# -- input -----------------------------------------------------------------------------------


def _edges(graph: nx.MultiDiGraph, index: dict[str, int]) -> tuple[list[tuple[int, int]], list[float]]:
    """Ties as undirected pairs with a summed pull: weight 0.2-5 each, a third for negative ties."""
    pull: dict[tuple[int, int], float] = {}
    for source, target, data in graph.edges(data=True):
        a, b = index[source], index[target]
        if a == b:
            continue
        weight = finite(data.get("weight"))
        weight = 1.0 if weight is None else min(max(weight, 0.2), 5.0)
        sign = finite(data.get("sign"))
        if sign is not None and sign < 0:
            weight /= 3.0
        pair = (min(a, b), max(a, b))
        pull[pair] = pull.get(pair, 0.0) + weight
    edges = list(pull)
    return edges, [min(pull[pair], 6.0) for pair in edges]


def _joint_unit(points: dict[int, tuple[float, float]]) -> dict[int, Array]:
    """Points as they are if all lie in the unit square, else scaled together into it."""
    if not points:
        return {}
    arr = np.array(list(points.values()), dtype=float)
    inside = arr.min() >= -1e-9 and arr.max() <= 1 + 1e-9
    scaled = np.clip(arr, 0.0, 1.0) if inside else _normalise(arr)
    return {i: scaled[k] for k, i in enumerate(points)}


def _previous(previous: Mapping[str, Sequence[float]] | None, index: dict[str, int]) -> dict[int, Array]:
    if not previous:
        return {}
    kept: dict[int, tuple[float, float]] = {}
    for node, xy in previous.items():
        if node not in index:
            continue
        try:
            x, y = finite(xy[0]), finite(xy[1])
        except (TypeError, IndexError, KeyError):
            continue
        if x is not None and y is not None:
            kept[index[node]] = (x, y)
    return _joint_unit(kept)


def _file_points(graph: nx.MultiDiGraph, nodes: list[str]) -> dict[int, tuple[float, float]]:
    """Stored positions, ``y`` turned to grow upwards (a file's ``y`` grows downwards, as on a screen)."""
    kept: dict[int, tuple[float, float]] = {}
    for i, node in enumerate(nodes):
        data = graph.nodes[node]
        x, y = finite(data.get("x")), finite(data.get("y"))
        if x is not None and y is not None:
            kept[i] = (x, -y)
    return kept


def _stored(graph: nx.MultiDiGraph, nodes: list[str]) -> dict[int, Array]:
    kept = _file_points(graph, nodes)
    if kept and all(0.0 <= x <= 1.0 and -1.0 <= y <= 0.0 for x, y in kept.values()):
        kept = {i: (x, 1.0 + y) for i, (x, y) in kept.items()}  # in the unit square: 1 - y
    return _joint_unit(kept)


def _from_file(graph: nx.MultiDiGraph, nodes: list[str]) -> dict[int, Array]:
    """The file's positions scaled together into the unit square, the aspect ratio kept."""
    kept = _file_points(graph, nodes)
    if not kept:
        return {}
    scaled = _normalise(np.array(list(kept.values()), dtype=float))
    return {i: scaled[k] for k, i in enumerate(kept)}


def placed_share(graph: Any) -> float:
    """The share of the actors with a stored position (``x`` and ``y``), 0 for an empty map."""
    graph = as_graph(graph)
    n = int(graph.number_of_nodes())
    if n == 0:
        return 0.0
    placed: int = sum(
        1
        for _, data in graph.nodes(data=True)
        if finite(data.get("x")) is not None and finite(data.get("y")) is not None
    )
    return placed / n


def file_layout_offered(graph: Any) -> bool:
    """Whether the ``"file"`` layout is offered: at least :data:`FILE_OFFER_SHARE` of the actors have a position.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from([("a", {"x": 10.0, "y": 5.0}), ("b", {}), ("c", {"x": 0.0, "y": 0.0})])
    >>> file_layout_offered(g), file_layout_preferred(g)
    (True, False)
    """
    return placed_share(graph) >= FILE_OFFER_SHARE


def file_layout_preferred(graph: Any) -> bool:
    """Whether a newly opened map starts in the ``"file"`` layout: :data:`FILE_START_SHARE` of the actors placed."""
    return placed_share(graph) >= FILE_START_SHARE


def _normalise(P: Array, *, keep_aspect: bool = True) -> Array:
    """Scale into the unit square, keeping the aspect ratio (the shorter side centred) or filling it."""
    P = np.asarray(P, dtype=float)
    if len(P) == 0:
        return P.reshape(0, 2)
    lo = P.min(axis=0)
    extent = P.max(axis=0) - lo
    span = float(extent.max())
    if span <= 1e-12:
        return np.full_like(P, 0.5)
    if not keep_aspect:
        flat = extent <= 1e-9 * span
        out: Array = np.where(flat, 0.5, (P - lo) / np.where(flat, 1.0, extent))
        return out
    out = (P - lo) / span + (1.0 - extent / span) / 2.0
    return out


@contextlib.contextmanager
def _igraph_rng(seed: int) -> Iterator[None]:
    """igraph's random numbers from ``random.Random(seed)`` for the duration (then the default again)."""
    import random

    import igraph

    igraph.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        igraph.set_random_number_generator(random)


def _fruchterman_reingold(
    n: int,
    edges: list[tuple[int, int]],
    weights: list[float],
    init: Array,
    seed: int,
    *,
    niter: int = 500,
    bounds: tuple[Array, Array, Array, Array] | None = None,
) -> Array:
    import igraph

    g = igraph.Graph(n=n, edges=edges)
    kwargs: dict[str, Any] = {}
    if bounds is not None:
        kwargs.update(
            minx=bounds[0].tolist(), maxx=bounds[1].tolist(), miny=bounds[2].tolist(), maxy=bounds[3].tolist()
        )
    with _igraph_rng(seed):
        coords = g.layout_fruchterman_reingold(
            weights=weights if edges else None,
            niter=niter,
            seed=init.tolist(),
            grid=n >= _GRID_FROM,
            **kwargs,
        )
    return np.array(coords.coords, dtype=float).reshape(n, 2)


def _natural_size(n: int) -> float:
    """About the width of a fresh Fruchterman-Reingold layout of ``n`` actors (measured)."""
    return (0.95 if n >= _GRID_FROM else 1.6) * math.sqrt(max(n, 1))


# -- placing new actors among placed ones ------------------------------------------------------


class _Placer:
    """Puts actors one by one near a target, where no placed actor is too close."""

    def __init__(self, n: int, adj: list[list[tuple[int, float]]], anchors: dict[int, Array], seed: int) -> None:
        self.n = n
        self.adj = adj
        self.P: Array = np.full((n, 2), np.nan)
        self.placed = np.zeros(n, dtype=bool)
        for i, p in anchors.items():
            self.P[i] = p
            self.placed[i] = True
        self.rng = np.random.default_rng(seed)
        pts = self.P[self.placed]
        self.spacing = _typical_spacing(pts)
        lengths = [
            float(np.linalg.norm(self.P[a] - self.P[b]))
            for a in range(n)
            if self.placed[a]
            for b, _ in adj[a]
            if b > a and self.placed[b]
        ]
        self.edge_length = float(np.median(lengths)) if len(lengths) >= 3 else 1.5 * self.spacing
        self.edge_length = min(max(self.edge_length, 0.5 * self.spacing), 0.5)
        self.gap = 0.6 * self.spacing
        self.angles = np.linspace(0.0, 2 * math.pi, 24, endpoint=False) + self.rng.uniform(0, math.pi / 12)

    def order(self, free: list[int]) -> Iterator[int]:
        """The free actors, each time the one with the most placed partners (then by position)."""
        count = {i: sum(1 for j, _ in self.adj[i] if self.placed[j]) for i in free}
        left = set(free)
        while left:
            i = max(left, key=lambda k: (count[k], -k))
            left.remove(i)
            yield i
            for j, _ in self.adj[i]:
                if j in left:
                    count[j] += 1

    def partners_mean(self, i: int) -> Array | None:
        placed = [(self.P[j], w) for j, w in self.adj[i] if self.placed[j]]
        if not placed:
            return None
        pts = np.array([p for p, _ in placed])
        ws = np.array([w for _, w in placed])
        out: Array = (pts * ws[:, None]).sum(axis=0) / ws.sum()
        return out

    def clearance(self, C: Array) -> Array:
        pts = self.P[self.placed]
        if len(pts) == 0:
            return np.full(len(C), np.inf)
        d2 = ((C[:, None, :] - pts[None, :, :]) ** 2).sum(axis=2)
        out: Array = np.sqrt(d2.min(axis=1))
        return out

    def around(self, target: Array, radii: Sequence[float]) -> Array:
        rings = [target[None, :]]
        for r in radii:
            rings.append(target + r * np.column_stack([np.cos(self.angles), np.sin(self.angles)]))
        out: Array = np.clip(np.vstack(rings), 0.0, 1.0)
        return out

    def empty_spot(self, C: Array | None = None) -> Array:
        """The candidate (default: a grid over the square) nearest the map's middle with room around it.

        Room is a clearance of at least twice the usual gap between actors;
        where no candidate has that much, the roomiest. Never the far corner
        only because it is the emptiest: an actor without ties yet stays in
        sight, beside the others.
        """
        if C is None:
            ticks = np.linspace(0.0, 1.0, 41)
            C = np.array([(x, y) for x in ticks for y in ticks])
        clear = self.clearance(C)
        pts = self.P[self.placed]
        middle = pts.mean(axis=0) if len(pts) else np.full(2, 0.5)
        centre = np.linalg.norm(C - middle, axis=1)
        roomy = clear >= min(2.0 * self.gap, 0.2)
        if roomy.any():
            best = int(np.argmin(np.where(roomy, centre, np.inf)))
        else:
            best = int(np.argmax(np.minimum(clear, 1.0) - 1e-3 * centre))
        out: Array = C[best]
        return out

    def nearest_free(self, C: Array, target: Array, want: float = 0.0) -> Array:
        """The candidate nearest ``want`` away from ``target`` with room around it."""
        clear = self.clearance(C)
        scale = max(self.edge_length, 1e-6)
        crowding = np.maximum(0.0, 1.0 - clear / max(self.gap, 1e-9))
        score = np.abs(np.linalg.norm(C - target, axis=1) - want) / scale + 3.0 * crowding
        out: Array = C[int(np.argmin(score))]
        return out

    def put(self, i: int, p: Array) -> None:
        self.P[i] = p
        self.placed[i] = True


def _typical_spacing(pts: Array) -> float:
    """The median distance from a point to its nearest neighbour (a sample of 400 points at most)."""
    m = len(pts)
    if m < 2:
        return 0.15
    sample = pts if m <= 400 else pts[np.linspace(0, m - 1, 400).astype(int)]
    d2 = ((sample[:, None, :] - pts[None, :, :]) ** 2).sum(axis=2)
    d2[d2 <= 1e-18] = np.inf
    nearest = np.sqrt(d2.min(axis=1))
    nearest = nearest[np.isfinite(nearest)]
    if len(nearest) == 0:
        return 0.15
    return float(min(max(np.median(nearest), 0.01), 0.3))


def _relax(placer: _Placer, moving: list[int], iterations: int = 30) -> None:
    """A few Fruchterman-Reingold steps that move only ``moving`` (the others stay put)."""
    if not moving:
        return
    P = placer.P
    k = placer.edge_length
    F = np.array(moving)
    local = {g: i for i, g in enumerate(moving)}
    src: list[int] = []
    dst: list[int] = []
    wts: list[float] = []
    for g in moving:
        for j, w in placer.adj[g]:
            src.append(local[g])
            dst.append(j)
            wts.append(w)
    src_a, dst_a, w_a = np.array(src, dtype=int), np.array(dst, dtype=int), np.array(wts)
    reach2 = (1.5 * max(placer.spacing, 0.5 * k)) ** 2  # only close actors push: no drift out of a crowd
    for step in range(iterations):
        temperature = 0.1 * k * (1.0 - step / iterations) + 1e-5
        Pf = P[F]
        D = Pf[:, None, :] - P[None, :, :]
        d2 = (D**2).sum(axis=2)
        d2[np.arange(len(F)), F] = np.inf
        d2 = np.maximum(d2, 1e-10)
        push = np.where(d2 < reach2, k * k / d2, 0.0)
        disp = (push[:, :, None] * D).sum(axis=1)
        if len(src_a):
            diff = P[dst_a] - Pf[src_a]
            dist = np.linalg.norm(diff, axis=1)
            pull = diff * (dist / k * w_a)[:, None]
            np.add.at(disp, src_a, pull)
        length = np.linalg.norm(disp, axis=1)
        factor = np.minimum(1.0, temperature / np.maximum(length, 1e-12))
        P[F] = np.clip(Pf + disp * factor[:, None], 0.0, 1.0)


# -- force ------------------------------------------------------------------------------------


def _force(
    n: int,
    edges: list[tuple[int, int]],
    weights: list[float],
    adj: list[list[tuple[int, float]]],
    anchors: dict[int, Array],
    seed: int,
    *,
    one_by_one: int | None = None,
) -> Array:
    """Fruchterman-Reingold, or the free actors placed among the ``anchors`` (which stay).

    Up to ``one_by_one`` free actors (default: a fifth of the map, 20 to 200)
    are put one at a time beside their partners; more are laid out together
    by Fruchterman-Reingold with the anchors held in place.
    """
    rng = np.random.default_rng(seed)
    if not anchors:
        return _fresh_force(n, edges, weights, adj, rng, seed)
    free = [i for i in range(n) if i not in anchors]
    if not free:
        P = np.zeros((n, 2))
        for i, p in anchors.items():
            P[i] = p
        return P
    placer = _Placer(n, adj, anchors, seed)
    if len(free) <= (min(max(20, n // 5), 200) if one_by_one is None else one_by_one):
        for i in placer.order(free):
            mean = placer.partners_mean(i)
            if mean is None:
                placer.put(i, placer.empty_spot())
                continue
            partners = sum(1 for j, _ in adj[i] if placer.placed[j])
            want = placer.edge_length if partners == 1 else 0.0
            radii = [placer.edge_length * f for f in (0.35, 0.7, 1.0, 1.4, 2.0, 3.0)]
            placer.put(i, placer.nearest_free(placer.around(mean, radii), mean, want))
        _relax(placer, free)
        return placer.P
    # many newcomers: Fruchterman-Reingold over everyone, the placed ones held by their bounds
    size = _natural_size(n)
    for i in placer.order(free):
        mean = placer.partners_mean(i)
        start = rng.uniform(0.0, 1.0, 2) if mean is None else mean + rng.normal(0.0, 0.03, 2)
        placer.put(i, np.clip(start, 0.0, 1.0))
    init = placer.P * size
    lo_x = np.zeros(n)
    hi_x = np.full(n, size)
    lo_y = np.zeros(n)
    hi_y = np.full(n, size)
    for i, p in anchors.items():
        lo_x[i] = hi_x[i] = p[0] * size
        lo_y[i] = hi_y[i] = p[1] * size
    P = _fruchterman_reingold(n, edges, weights, init, seed, niter=300, bounds=(lo_x, hi_x, lo_y, hi_y)) / size
    for i, p in anchors.items():
        P[i] = p
    return P


def _fresh_force(
    n: int,
    edges: list[tuple[int, int]],
    weights: list[float],
    adj: list[list[tuple[int, float]]],
    rng: np.random.Generator,
    seed: int,
) -> Array:
    """Fruchterman-Reingold over the tied actors; actors without ties in rows beneath them.

    Left to the forces, untied actors drift to the far edges and squeeze the
    rest of the map into a corner; in rows of their own they stay visible
    (an isolated actor is a finding) without wasting the page.
    """
    tied = [i for i in range(n) if adj[i]]
    alone = [i for i in range(n) if not adj[i]]
    P = np.zeros((n, 2))
    if tied:
        local = {g: k for k, g in enumerate(tied)}
        sub = [(local[a], local[b]) for a, b in edges]
        init = rng.uniform(0.0, _natural_size(len(tied)), (len(tied), 2))
        P[tied] = _declutter(_normalise(_fruchterman_reingold(len(tied), sub, weights, init, seed)))
    if alone:
        if tied:
            lo = P[tied].min(axis=0)
            hi = P[tied].max(axis=0)
            step = max(_typical_spacing(P[tied]) * 1.6, 0.04)
        else:
            lo, hi = np.zeros(2), np.ones(2)
            step = 1.0 / max(math.ceil(math.sqrt(len(alone))), 1)
        width = max(float(hi[0] - lo[0]), step)
        per_row = max(int(width / step) + 1, 1)
        top = float(lo[1]) - (1.5 * step if tied else 0.0)
        for k, i in enumerate(alone):
            row, col = divmod(k, per_row)
            in_row = min(per_row, len(alone) - row * per_row)
            left = float(lo[0]) + (width - (in_row - 1) * step) / 2
            P[i] = (left + col * step, top - row * step)
    return _normalise(P, keep_aspect=False)


def _declutter(P: Array, iterations: int = 30) -> Array:
    """Push apart actors closer than a minimum distance (force layouts crowd their hubs).

    The minimum is 0.6 / sqrt(n) of the square's side (capped); each pass moves
    both actors of a too-close pair half the shortfall apart. Maps above 600
    actors are left as they are (quadratic cost, and no names are drawn there).
    """
    n = len(P)
    if n < 3 or n > 600:
        return P
    least = min(0.6 / math.sqrt(n), 0.09)
    P = P.copy()
    for _ in range(iterations):
        D = P[:, None, :] - P[None, :, :]
        dist = np.sqrt((D**2).sum(axis=2))
        np.fill_diagonal(dist, np.inf)
        short = np.maximum(least - dist, 0.0)
        if not short.any():
            break
        push = (short / np.maximum(dist, 1e-9) / 2)[:, :, None] * D
        P += push.sum(axis=1) * 0.5
    return _normalise(P)


# -- sectors ----------------------------------------------------------------------------------


def _unit_disc_layout(members: list[int], edges: list[tuple[int, int]], weights: list[float], seed: int) -> Array:
    """A force layout of one cluster, centred, its farthest actor at distance 1."""
    m = len(members)
    if m == 1:
        return np.zeros((1, 2))
    local = {g: i for i, g in enumerate(members)}
    sub = [(local[a], local[b]) for a, b in edges if a in local and b in local]
    sub_w = [w for (a, b), w in zip(edges, weights, strict=True) if a in local and b in local]
    init = np.random.default_rng(seed).uniform(0.0, _natural_size(m), (m, 2))
    P = _fruchterman_reingold(m, sub, sub_w, init, seed, niter=300)
    P = P - P.mean(axis=0)
    radius = float(np.linalg.norm(P, axis=1).max())
    out: Array = P / radius if radius > 1e-12 else P
    return out


def _sectors(
    n: int,
    edges: list[tuple[int, int]],
    weights: list[float],
    adj: list[list[tuple[int, float]]],
    anchors: dict[int, Array],
    groups: list[str],
    sort_key: Any,
    seed: int,
) -> Array:
    if anchors:
        placer = _Placer(n, adj, anchors, seed)
        free = [i for i in range(n) if i not in anchors]
        radii = [placer.spacing * f for f in (0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0)]
        for i in placer.order(free):
            same = [j for j in range(n) if placer.placed[j] and groups[j] == groups[i]]
            if not same:
                placer.put(i, placer.empty_spot())
                continue
            target = placer.P[same].mean(axis=0)
            partners = placer.partners_mean(i)
            if partners is not None:
                target = 0.8 * target + 0.2 * partners
            placer.put(i, placer.nearest_free(placer.around(target, radii), target))
        return placer.P
    members: dict[str, list[int]] = {}
    for i, group in enumerate(groups):
        members.setdefault(group, []).append(i)
    names = sorted(members, key=sort_key)
    radius = {g: max(math.sqrt(len(members[g])), 0.6) for g in names}
    P = np.zeros((n, 2))
    if len(names) == 1:
        centres = {names[0]: np.zeros(2)}
    else:
        gap = 1.2
        arcs = [2 * radius[g] + gap for g in names]
        total = sum(arcs)
        angles = []
        before = 0.0
        for arc in arcs:
            angles.append(2 * math.pi * (before + arc / 2) / total)
            before += arc
        ring = total / (2 * math.pi)
        for k, g in enumerate(names):
            nxt = (k + 1) % len(names)
            delta = (angles[nxt] - angles[k]) % (2 * math.pi)
            delta = min(delta, 2 * math.pi - delta)
            need = (radius[g] + radius[names[nxt]] + gap) / (2 * math.sin(delta / 2)) if delta > 1e-9 else 0.0
            ring = max(ring, need)
        centres = {
            g: np.array([ring * math.cos(math.pi / 2 - a), ring * math.sin(math.pi / 2 - a)])
            for g, a in zip(names, angles, strict=True)
        }
    for k, g in enumerate(names):
        inner = _unit_disc_layout(members[g], edges, weights, seed + k)
        P[members[g]] = centres[g] + radius[g] * inner
    return _normalise(P)


# -- salience ---------------------------------------------------------------------------------


def _band_slots(band: tuple[float, float], count: int, spacing: float = 0.12) -> Array:
    """``count`` spots in a band (unit radius, centre 0), sorted clockwise from the top."""
    lo, hi = band
    if count == 0:
        return np.zeros((0, 2))
    if lo == 0.0:
        if count == 1:
            return np.zeros((1, 2))
        k = np.arange(count)
        r = hi * np.sqrt((k + 0.5) / count)
        theta = k * math.pi * (3 - math.sqrt(5)) + math.pi / 2
    else:
        rings = 1
        while rings < 6:
            radii = np.linspace(lo, hi, rings) if rings > 1 else np.array([(lo + hi) / 2])
            if float((2 * math.pi * radii / spacing).sum()) >= count:
                break
            rings += 1
        radii = np.linspace(lo, hi, rings) if rings > 1 else np.array([(lo + hi) / 2])
        share = radii / radii.sum()
        counts = np.floor(share * count).astype(int)
        for j in np.argsort(-(share * count - counts))[: count - int(counts.sum())]:
            counts[j] += 1
        r_list: list[float] = []
        t_list: list[float] = []
        for j, (radius, c) in enumerate(zip(radii, counts, strict=True)):
            for q in range(int(c)):
                r_list.append(float(radius))
                t_list.append(math.pi / 2 - 2 * math.pi * (q + j / rings) / max(int(c), 1))
        r = np.array(r_list)
        theta = np.array(t_list)
    clockwise = (math.pi / 2 - theta) % (2 * math.pi)
    order = np.lexsort((r, clockwise))
    out: Array = np.column_stack([r * np.cos(theta), r * np.sin(theta)])[order]
    return out


def _salience(
    n: int,
    adj: list[list[tuple[int, float]]],
    anchors: dict[int, Array],
    classes: list[str],
    sort_keys: list[Any],
    seed: int,
) -> Array:
    def to_square(unit: Array) -> Array:
        out: Array = 0.5 + 0.5 * unit
        return out

    kept: dict[int, Array] = {}
    for i, p in anchors.items():
        lo, hi = SALIENCE_BANDS[classes[i]]
        r = float(np.linalg.norm(p - 0.5)) * 2
        if lo - 0.05 <= r <= hi + 0.05:
            kept[i] = p
    if not kept:
        P = np.zeros((n, 2))
        for name in SALIENCE_CLASSES:
            members = sorted((i for i in range(n) if classes[i] == name), key=lambda i: sort_keys[i])
            slots = _band_slots(SALIENCE_BANDS[name], len(members))
            for i, slot in zip(members, slots, strict=True):
                P[i] = to_square(slot)
        return P
    placer = _Placer(n, adj, kept, seed)
    placer.gap = max(placer.gap, 0.02)
    free = [i for i in range(n) if i not in kept]
    theta = np.linspace(0.0, 2 * math.pi, 180, endpoint=False)
    for i in placer.order(free):
        lo, hi = SALIENCE_BANDS[classes[i]]
        if lo == 0.0:
            unit = np.vstack([np.zeros((1, 2)), _band_slots((0.0, hi), 150)])
        else:
            radii = np.linspace(lo, hi, 3)
            unit = np.vstack([np.column_stack([r * np.cos(theta), r * np.sin(theta)]) for r in radii])
        C = to_square(unit)
        friends = [j for j, _ in adj[i] if placer.placed[j]]
        if not friends:
            friends = [j for j in range(n) if placer.placed[j] and sort_keys[j][0] == sort_keys[i][0]]
        if not friends:
            placer.put(i, placer.empty_spot(C))
            continue
        vectors = placer.P[friends] - 0.5
        angle = math.atan2(float(vectors[:, 1].sum()), float(vectors[:, 0].sum()))
        mid = (lo + hi) / 2
        target = to_square(np.array([mid * math.cos(angle), mid * math.sin(angle)]))
        placer.put(i, placer.nearest_free(C, target))
    return placer.P


# -- cache ------------------------------------------------------------------------------------


def _tied(graph: Any, node: str) -> bool:
    """Whether the actor has a tie to another actor (either direction)."""
    if graph.is_directed():
        return any(other != node for other in graph.successors(node)) or any(
            other != node for other in graph.predecessors(node)
        )
    return any(other != node for other in graph.neighbors(node))


class LayoutCache:
    """The last positions of each workshop's map, per layout kind, so the map stays put.

    Each call to :meth:`positions` lays the graph out with the positions it
    returned last time for the same workshop and kind as ``previous``, and
    remembers the result. An actor placed while it had no ties (added, and its
    first tie drawn a moment later) is placed again beside its ties once it
    has some, instead of staying where an untied actor was put. Thread-safe; holds at most ``maxsize`` maps (the
    least recently used are forgotten).

    Examples
    --------
    >>> from nsc_workshop.testing import make_workshop
    >>> from nsc_workshop.graph import to_networkx
    >>> cache = LayoutCache()
    >>> graph = to_networkx(make_workshop(actors=8, ties=9))
    >>> first = cache.positions(graph, "force")
    >>> graph.add_node("newcomer", name="Newcomer")
    >>> again = cache.positions(graph, "force")
    >>> all(again[a] == first[a] for a in first)
    True
    """

    def __init__(self, *, seed: int = 0, maxsize: int = 64) -> None:
        self.seed = seed
        self.maxsize = maxsize
        self._last: OrderedDict[tuple[str, str], dict[str, Position]] = OrderedDict()
        self._loose: dict[tuple[str, str], set[str]] = {}
        self._lock = threading.Lock()

    def get(self, workshop_id: str, kind: str = "force") -> dict[str, Position] | None:
        """The positions last returned for this workshop and kind (a copy), if any."""
        with self._lock:
            found = self._last.get((workshop_id, kind))
            return None if found is None else dict(found)

    def positions(
        self, graph: Any, kind: str = "force", *, workshop_id: str | None = None, fresh: bool = False
    ) -> dict[str, Position]:
        """Positions for ``graph``, keeping those shown last time (``fresh=True`` lays it out anew).

        ``workshop_id`` defaults to the graph's ``workshop_id`` attribute.
        """
        graph = as_graph(graph)
        if kind not in KINDS:
            raise bad_option("kind", kind, KINDS)
        wid = str(workshop_id if workshop_id is not None else graph.graph.get("workshop_id", ""))
        previous = None if fresh else self.get(wid, kind)
        if previous:
            with self._lock:
                loose = set(self._loose.get((wid, kind), ()))
            for node in loose:
                if node in previous and node in graph and _tied(graph, node):
                    del previous[node]  # placed before it had ties: placed again, beside them
        result = layout(graph, kind, previous=previous, seed=self.seed)
        with self._lock:
            self._last[(wid, kind)] = dict(result)
            self._loose[(wid, kind)] = {node for node in graph if not _tied(graph, node)}
            self._last.move_to_end((wid, kind))
            while len(self._last) > self.maxsize:
                gone, _ = self._last.popitem(last=False)
                self._loose.pop(gone, None)
        return result

    def forget(self, workshop_id: str | None = None) -> None:
        """Forget one workshop's positions (all kinds), or everything."""
        with self._lock:
            if workshop_id is None:
                self._last.clear()
                self._loose.clear()
            else:
                for cached in [k for k in self._last if k[0] == workshop_id]:
                    del self._last[cached]
                    self._loose.pop(cached, None)
