"""Internal: the actor map as arrays and igraph graphs, built once per networkx graph.

:func:`prepare` reads a graph in the shape of :func:`nsc_workshop.graph.to_networkx`
once into numpy arrays (one row per tie) and builds, on demand, the projections the
algorithms share:

``flow_und``
    igraph undirected simple graph of the non-negative ties (sign >= 0): one edge
    per pair of actors, whatever the number and direction of the ties between
    them; edge attributes ``weight`` (sum of the ties' weights) and ``ties``
    (their number).
``flow_dir``
    igraph directed simple graph of the same ties: a directed tie is one arc, an
    undirected tie two arcs (it goes both ways); parallel arcs collapsed the same way.
``signed``
    the non-zero-sign undirected projection used by :mod:`.signed`: one pair per
    pair of actors joined by a +1 or -1 tie; a pair with any -1 tie is negative
    (see :mod:`nsc_workshop.analysis` for why).

The result is cached per graph object (weakly: the cache never keeps a graph
alive) and revalidated by the graph's node and edge counts. Treat graphs given to
the analysis functions as read-only, or call :func:`clear_cache` after changing
one in place. Results computed from a prepared graph are memoised in
``Prepared.memo`` under a key naming the function and its parameters.

Graphs of other shapes are read leniently, so networkx's classic graphs can be
analysed directly: a missing ``sign`` is +1, a missing ``weight`` 1, a missing
``directed`` follows ``graph.is_directed()``, a missing ``id`` is the edge key or
``"source->target"``. Self-loops are ignored.
"""

from __future__ import annotations

import contextlib
import random
import threading
import weakref
from collections.abc import Callable, Iterator
from functools import cached_property
from typing import Any, TypeVar

import igraph as ig
import numpy as np
import numpy.typing as npt

__all__ = ["FloatArray", "IntArray", "Prepared", "clear_cache", "prepare", "seeded_igraph"]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

T = TypeVar("T")


class Prepared:
    """One graph read into arrays; projections and results built lazily and kept."""

    def __init__(self, graph: Any) -> None:
        nodes: list[Any] = list(graph.nodes)
        self.nodes = nodes
        self.index: dict[Any, int] = {node: i for i, node in enumerate(nodes)}
        self.n = len(nodes)
        self.node_data: list[dict[str, Any]] = [graph.nodes[node] for node in nodes]
        self.memo: dict[tuple[Any, ...], Any] = {}
        self._lock = threading.Lock()

        default_directed = bool(graph.is_directed())
        if graph.is_multigraph():
            edges: Iterator[tuple[Any, Any, Any, dict[str, Any]]] = iter(graph.edges(keys=True, data=True))
        else:
            edges = ((u, v, None, d) for u, v, d in graph.edges(data=True))
        index = self.index
        src: list[int] = []
        dst: list[int] = []
        sign: list[int] = []
        weight: list[float] = []
        directed: list[bool] = []
        ids: list[str] = []
        for u, v, key, data in edges:
            if u == v:
                continue
            src.append(index[u])
            dst.append(index[v])
            s = data.get("sign", 1)
            sign.append(0 if s is None else (1 if s > 0 else (-1 if s < 0 else 0)))
            w = data.get("weight")
            weight.append(1.0 if w is None else float(w))
            d = data.get("directed")
            directed.append(default_directed if d is None else bool(d))
            tie_id = data.get("id")
            ids.append(str(tie_id if tie_id is not None else (key if key is not None else f"{u}->{v}")))
        self.src: IntArray = np.asarray(src, dtype=np.int64)
        self.dst: IntArray = np.asarray(dst, dtype=np.int64)
        self.sign: IntArray = np.asarray(sign, dtype=np.int64)
        self.weight: FloatArray = np.asarray(weight, dtype=np.float64)
        self.directed: BoolArray = np.asarray(directed, dtype=np.bool_)
        self.tie_ids: list[str] = ids
        self.m = len(ids)

    # -- memo -------------------------------------------------------------

    def cached(self, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
        """``compute()`` once per ``key``."""
        with self._lock:
            if key in self.memo:
                found: T = self.memo[key]
                return found
        value = compute()
        with self._lock:
            self.memo.setdefault(key, value)
        return value

    # -- pairs ------------------------------------------------------------

    @cached_property
    def pair_lo(self) -> IntArray:
        """The smaller endpoint index of each tie."""
        return np.minimum(self.src, self.dst)

    @cached_property
    def pair_hi(self) -> IntArray:
        return np.maximum(self.src, self.dst)

    @cached_property
    def pair_codes(self) -> IntArray:
        """Each tie's unordered pair as ``lo * n + hi``."""
        return self.pair_lo * self.n + self.pair_hi

    @cached_property
    def tied_codes(self) -> IntArray:
        """Sorted codes of every pair joined by a tie of any sign."""
        return np.unique(self.pair_codes)

    def is_tied(self, lo: IntArray, hi: IntArray) -> BoolArray:
        """Whether each pair ``(lo, hi)`` (``lo < hi``) has a tie of any sign."""
        return _member(lo * self.n + hi, self.tied_codes)

    @cached_property
    def flow(self) -> BoolArray:
        """Mask of the non-negative ties."""
        return self.sign >= 0

    # -- projections -------------------------------------------------------

    @cached_property
    def flow_und(self) -> ig.Graph:
        codes = self.pair_codes[self.flow]
        uniq, inverse = np.unique(codes, return_inverse=True)
        weights = np.bincount(inverse, weights=self.weight[self.flow], minlength=len(uniq))
        counts = np.bincount(inverse, minlength=len(uniq))
        edges = np.column_stack((uniq // max(self.n, 1), uniq % max(self.n, 1)))
        g = ig.Graph(n=self.n, edges=edges.tolist(), directed=False)
        g.es["weight"] = weights.tolist()
        g.es["ties"] = counts.tolist()
        return g

    @cached_property
    def flow_dir(self) -> ig.Graph:
        mask = self.flow
        both = mask & ~self.directed
        heads = np.concatenate((self.src[mask], self.dst[both]))
        tails = np.concatenate((self.dst[mask], self.src[both]))
        ws = np.concatenate((self.weight[mask], self.weight[both]))
        n = max(self.n, 1)
        uniq, inverse = np.unique(heads * n + tails, return_inverse=True)
        weights = np.bincount(inverse, weights=ws, minlength=len(uniq))
        edges = np.column_stack((uniq // n, uniq % n))
        g = ig.Graph(n=self.n, edges=edges.tolist(), directed=True)
        g.es["weight"] = weights.tolist()
        return g

    def flow_graph(self, directed: bool) -> ig.Graph:
        return self.flow_dir if directed else self.flow_und

    @cached_property
    def und_csr(self) -> tuple[IntArray, IntArray]:
        """``(indptr, indices)``: sorted neighbours of each actor in ``flow_und``."""
        edges = np.asarray(self.flow_und.get_edgelist(), dtype=np.int64).reshape(-1, 2)
        return _csr(self.n, np.concatenate((edges[:, 0], edges[:, 1])), np.concatenate((edges[:, 1], edges[:, 0])))

    @cached_property
    def dir_arcs(self) -> tuple[IntArray, IntArray]:
        """``(heads, tails)`` of the arcs of ``flow_dir``."""
        arcs = np.asarray(self.flow_dir.get_edgelist(), dtype=np.int64).reshape(-1, 2)
        return arcs[:, 0].copy(), arcs[:, 1].copy()

    @cached_property
    def components(self) -> tuple[IntArray, IntArray]:
        """``(membership, sizes)`` of the connected parts of ``flow_und``."""
        parts = self.flow_und.connected_components()
        membership = np.asarray(parts.membership, dtype=np.int64)
        return membership, np.bincount(membership, minlength=len(parts)).astype(np.int64)

    @cached_property
    def signed(self) -> tuple[IntArray, IntArray, IntArray, int]:
        """``(lo, hi, sign, ambivalent)``: the non-zero-sign pairs, negative winning.

        ``ambivalent`` counts pairs with both a +1 and a -1 tie.
        """
        mask = self.sign != 0
        codes = self.pair_codes[mask]
        signs = self.sign[mask]
        uniq, inverse = np.unique(codes, return_inverse=True)
        minimum = np.full(len(uniq), 1, dtype=np.int64)
        np.minimum.at(minimum, inverse, signs)
        maximum = np.full(len(uniq), -1, dtype=np.int64)
        np.maximum.at(maximum, inverse, signs)
        ambivalent = int(np.count_nonzero((minimum < 0) & (maximum > 0)))
        n = max(self.n, 1)
        return uniq // n, uniq % n, minimum, ambivalent

    # -- degrees --------------------------------------------------------------

    @cached_property
    def tie_degree(self) -> IntArray:
        """Ties at each actor, any sign, parallel ties counted."""
        return np.bincount(np.concatenate((self.src, self.dst)), minlength=self.n).astype(np.int64)

    @cached_property
    def neighbour_count(self) -> IntArray:
        """Distinct actors each actor is tied to, by a tie of any sign."""
        n = max(self.n, 1)
        uniq = self.tied_codes
        return np.bincount(np.concatenate((uniq // n, uniq % n)), minlength=self.n).astype(np.int64)

    # -- attributes ----------------------------------------------------------

    def name(self, i: int) -> str:
        value = self.node_data[i].get("name")
        return str(value) if value not in (None, "") else str(self.nodes[i])

    def groups(self, attribute: str) -> tuple[list[str], IntArray]:
        """``(labels, codes)``: each actor's value of ``attribute`` as a code, -1 when missing.

        Labels are the distinct values (as strings) in order of first appearance.
        """

        def compute() -> tuple[list[str], IntArray]:
            labels: dict[str, int] = {}
            codes = np.full(self.n, -1, dtype=np.int64)
            for i, data in enumerate(self.node_data):
                value = data.get(attribute)
                if value is None or value == "":
                    continue
                codes[i] = labels.setdefault(str(value), len(labels))
            return list(labels), codes

        return self.cached(("groups", attribute), compute)


def _member(values: IntArray, sorted_codes: IntArray) -> BoolArray:
    """Whether each value is in ``sorted_codes`` (sorted, unique)."""
    if len(sorted_codes) == 0:
        return np.zeros(len(values), dtype=np.bool_)
    pos = np.searchsorted(sorted_codes, values)
    pos = np.minimum(pos, len(sorted_codes) - 1)
    found: BoolArray = sorted_codes[pos] == values
    return found


def _csr(n: int, heads: IntArray, tails: IntArray) -> tuple[IntArray, IntArray]:
    order = np.lexsort((tails, heads))
    indices = tails[order]
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(heads, minlength=n), out=indptr[1:])
    return indptr, indices.astype(np.int64)


_cache: weakref.WeakKeyDictionary[Any, tuple[tuple[int, int], Prepared]] = weakref.WeakKeyDictionary()
_cache_lock = threading.Lock()


def prepare(graph: Any) -> Prepared:
    """The prepared form of ``graph``, built once per graph object."""
    fingerprint = (graph.number_of_nodes(), graph.number_of_edges())
    with _cache_lock:
        try:
            found = _cache.get(graph)
        except TypeError:  # not weak-referenceable: no caching
            found = None
        if found is not None and found[0] == fingerprint:
            return found[1]
    prepared = Prepared(graph)
    with _cache_lock, contextlib.suppress(TypeError):
        _cache[graph] = (fingerprint, prepared)
    return prepared


def clear_cache(graph: Any | None = None) -> None:
    """Forget the prepared form of ``graph`` (of every graph when None)."""
    with _cache_lock:
        if graph is None:
            _cache.clear()
        else:
            _cache.pop(graph, None)


_rng_lock = threading.RLock()


@contextlib.contextmanager
def seeded_igraph(seed: int) -> Iterator[None]:
    """Run igraph's randomised algorithms with a private generator seeded with ``seed``."""
    with _rng_lock:
        ig.set_random_number_generator(random.Random(seed))
        try:
            yield
        finally:
            ig.set_random_number_generator(random)
