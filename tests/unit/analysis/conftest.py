"""Fixtures for the analysis tests: classic networks in the shape of ``to_networkx``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import networkx as nx
import pytest


def as_map(
    graph: nx.Graph,
    *,
    sign: int = 1,
    directed: bool | None = None,
    weight: str | None = None,
    sectors: dict[Any, str] | None = None,
) -> nx.MultiDiGraph:
    """A classic networkx graph as an actor map: string ids, one tie per edge.

    Ties are undirected unless the graph is directed (or ``directed`` says
    otherwise), signed ``sign``, weighted 1 (or by the edge attribute ``weight``).
    """
    out = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        out.add_node(
            str(node),
            name=str(node),
            sector=(sectors or {}).get(node, ""),
            **{k: v for k, v in data.items() if k not in {"name", "sector"}},
        )
    is_directed = graph.is_directed() if directed is None else directed
    for i, (u, v, data) in enumerate(graph.edges(data=True)):
        out.add_edge(
            str(u),
            str(v),
            key=f"t{i}",
            id=f"t{i}",
            type="collaborates",
            sign=sign,
            weight=float(data.get(weight, 1.0)) if weight else 1.0,
            directed=is_directed,
        )
    return out


def ties(edges: Iterable[tuple[Any, ...]], *, nodes: dict[str, dict[str, Any]] | None = None) -> nx.MultiDiGraph:
    """A map from ``(source, target, sign[, directed[, weight]])`` tuples (undirected, weight 1 by default)."""
    g = nx.MultiDiGraph()
    for node, data in (nodes or {}).items():
        g.add_node(node, name=data.get("name", node), **{k: v for k, v in data.items() if k != "name"})
    for i, edge in enumerate(edges):
        u, v, s = edge[:3]
        directed = edge[3] if len(edge) > 3 else False
        w = edge[4] if len(edge) > 4 else 1.0
        for node in (u, v):
            if node not in g:
                g.add_node(node, name=node)
        g.add_edge(u, v, key=f"t{i}", id=f"t{i}", type="collaborates", sign=s, weight=w, directed=directed)
    return g


@pytest.fixture
def make_map() -> Callable[..., nx.MultiDiGraph]:
    return as_map


@pytest.fixture
def make_ties() -> Callable[..., nx.MultiDiGraph]:
    return ties
