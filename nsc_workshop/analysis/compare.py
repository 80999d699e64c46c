"""Compare two actor maps: two workshops, or one workshop at two moments.

Actors are matched by id; actors left unmatched are then matched by name
(case-insensitive, spaces trimmed and collapsed), so two workshops that typed
the same organisation get it matched. Ties are matched by their two actors
(ordered for a directed tie, unordered for an undirected one) and their type;
parallel ties count one by one.

The state of a workshop at a moment comes from the store::

    before = store.load(workshop_id, at=start_of_session)
    after = store.load(workshop_id)
    compare_maps(before, after)
"""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from nsc_workshop.analysis.centrality import actor_metrics, map_metrics

__all__ = ["COMPARE_METRICS", "MapComparison", "compare_maps"]

COMPARE_METRICS = ("betweenness", "degree", "closeness", "pagerank")
"""The metrics offered for comparing two maps (keys of :func:`~nsc_workshop.analysis.actor_metrics`)."""


@dataclass
class MapComparison:
    """What changed between two maps.

    Actor ids in ``actors_added``, ``rose`` and ``fell`` are those of the
    *after* map; ``actors_removed`` those of the *before* map; ``matched`` maps
    before ids to after ids. ``rose`` and ``fell`` list ``(actor, before,
    after, delta)`` of ``metric`` for the actors in both maps whose value
    changed most. ``names`` gives every actor id of both maps its name.
    """

    metric: str
    actors_added: list[str] = field(default_factory=list)
    actors_removed: list[str] = field(default_factory=list)
    matched: dict[str, str] = field(default_factory=dict)
    ties_added: list[str] = field(default_factory=list)
    ties_removed: list[str] = field(default_factory=list)
    rose: list[tuple[str, float, float, float]] = field(default_factory=list)
    fell: list[tuple[str, float, float, float]] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    map_before: dict[str, Any] = field(default_factory=dict)
    map_after: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        data = asdict(self)
        data["rose"] = [list(row) for row in self.rose]
        data["fell"] = [list(row) for row in self.fell]
        return data

    def _repr_html_(self) -> str:
        from nsc_workshop.i18n import t

        def names(ids: list[str]) -> str:
            return html.escape(", ".join(self.names.get(i, i) for i in ids)) or "&ndash;"

        def moves(rows: list[tuple[str, float, float, float]]) -> str:
            return (
                ", ".join(f"{html.escape(self.names.get(a, a))} ({b:.3f} &rarr; {c:.3f})" for a, b, c, _d in rows)
                or "&ndash;"
            )

        rows = [
            (t("insight.compare.actors_added"), names(self.actors_added)),
            (t("insight.compare.actors_removed"), names(self.actors_removed)),
            (t("insight.compare.ties_added"), str(len(self.ties_added))),
            (t("insight.compare.ties_removed"), str(len(self.ties_removed))),
            (t("insight.compare.rose", metric=self.metric), moves(self.rose)),
            (t("insight.compare.fell", metric=self.metric), moves(self.fell)),
        ]
        body = "".join(f"<tr><th style='text-align:left'>{html.escape(k)}</th><td>{v}</td></tr>" for k, v in rows)
        return f"<table class='nsc-map-comparison'>{body}</table>"


def _graph(value: Any) -> Any:
    from nsc_workshop.model import Workshop

    if isinstance(value, Workshop):
        from nsc_workshop.graph import to_networkx

        return to_networkx(value)
    return value


def _normal(name: Any) -> str:
    return " ".join(str(name or "").split()).casefold()


def compare_maps(
    before: Any,
    after: Any,
    *,
    metric: str = "betweenness",
    top: int = 5,
    directed: bool = False,
    seed: int = 0,
) -> MapComparison:
    """Actors and ties added and removed, and who rose and fell in ``metric``.

    Parameters
    ----------
    before, after : Workshop or networkx.MultiDiGraph
        The two maps.
    metric : str
        A key of :func:`~nsc_workshop.analysis.actor_metrics` (``betweenness``,
        ``degree``, ``pagerank``...).
    top : int
        How many risers and fallers to list.
    directed, seed
        Passed to :func:`~nsc_workshop.analysis.actor_metrics`.

    Examples
    --------
    >>> import networkx as nx
    >>> g1 = nx.MultiDiGraph()
    >>> g1.add_nodes_from([("a", {"name": "Police"}), ("b", {"name": "School"}), ("c", {"name": "Club"})])
    >>> _ = g1.add_edge("a", "b", key="t1", id="t1", type="collaborates", sign=1, weight=1.0, directed=False)
    >>> g2 = nx.MultiDiGraph()
    >>> g2.add_nodes_from([("x", {"name": " police "}), ("b", {"name": "School"}), ("c", {"name": "Club"})])
    >>> _ = g2.add_edge("x", "b", key="u1", id="u1", type="collaborates", sign=1, weight=1.0, directed=False)
    >>> _ = g2.add_edge("b", "c", key="u2", id="u2", type="collaborates", sign=1, weight=1.0, directed=False)
    >>> diff = compare_maps(g1, g2)
    >>> diff.matched["a"], diff.ties_added, diff.ties_removed, diff.rose
    ('x', ['u2'], [], [('b', 0.0, 1.0, 1.0)])
    """
    g1, g2 = _graph(before), _graph(after)
    m1 = actor_metrics(g1, directed=directed, seed=seed)
    m2 = actor_metrics(g2, directed=directed, seed=seed)
    known = next(iter(m1.values()), None) or next(iter(m2.values()), None)
    if known is not None and metric not in known:
        raise ValueError(f"unknown metric {metric!r}; choose one of {', '.join(sorted(known))}")

    names: dict[str, str] = {}
    for g in (g1, g2):
        for node, data in g.nodes(data=True):
            names[node] = str(data.get("name") or node)

    matched = {node: node for node in g1.nodes if node in g2}
    taken = set(matched.values())
    unmatched_after: dict[str, list[str]] = defaultdict(list)
    for node, data in g2.nodes(data=True):
        if node not in taken:
            unmatched_after[_normal(data.get("name"))].append(node)
    for node, data in g1.nodes(data=True):
        if node in matched:
            continue
        candidates = unmatched_after.get(_normal(data.get("name")))
        if candidates and _normal(data.get("name")):
            matched[node] = candidates.pop(0)
    matched_after = set(matched.values())
    removed = [node for node in g1.nodes if node not in matched]
    added = [node for node in g2.nodes if node not in matched_after]

    def key(u: str, v: str, data: dict[str, Any], mapping: dict[str, str] | None, side: str) -> tuple[Any, ...]:
        a = mapping.get(u, f"\0{side}:{u}") if mapping is not None else u
        b = mapping.get(v, f"\0{side}:{v}") if mapping is not None else v
        directed_tie = data.get("directed", True)
        if not directed_tie and b < a:
            a, b = b, a
        return (a, b, bool(directed_tie), data.get("type"))

    def tie_ids(g: Any) -> list[tuple[str, dict[str, Any], str, str]]:
        if g.is_multigraph():
            return [(str(d.get("id", k)), d, u, v) for u, v, k, d in g.edges(keys=True, data=True)]
        return [(str(d.get("id", f"{u}->{v}")), d, u, v) for u, v, d in g.edges(data=True)]

    before_ties: dict[tuple[Any, ...], list[str]] = defaultdict(list)
    for tie_id, data, u, v in tie_ids(g1):
        before_ties[key(u, v, data, matched, "before")].append(tie_id)
    after_counts: Counter[tuple[Any, ...]] = Counter()
    ties_added: list[str] = []
    for tie_id, data, u, v in tie_ids(g2):
        k = key(u, v, data, None, "after")
        after_counts[k] += 1
        if after_counts[k] > len(before_ties.get(k, [])):
            ties_added.append(tie_id)
    ties_removed = [tie_id for k, ids in before_ties.items() for tie_id in ids[after_counts.get(k, 0) :]]
    order = {tie_id: i for i, (tie_id, _d, _u, _v) in enumerate(tie_ids(g1))}
    ties_removed.sort(key=lambda tie_id: order[tie_id])

    changes = []
    for old, new in matched.items():
        b, a = float(m1[old][metric]), float(m2[new][metric])
        if abs(a - b) > 1e-12:
            changes.append((new, b, a, a - b))
    rose = sorted((c for c in changes if c[3] > 0), key=lambda c: (-c[3], c[0]))[:top]
    fell = sorted((c for c in changes if c[3] < 0), key=lambda c: (c[3], c[0]))[:top]
    return MapComparison(
        metric=metric,
        actors_added=added,
        actors_removed=removed,
        matched=matched,
        ties_added=ties_added,
        ties_removed=ties_removed,
        rose=rose,
        fell=fell,
        names=names,
        map_before=map_metrics(g1, directed=directed, seed=seed),
        map_after=map_metrics(g2, directed=directed, seed=seed),
    )
