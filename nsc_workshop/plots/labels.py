"""Which actors are named on a map, and where their names go so that no two overlap.

One rule for every drawing of the actor map (the browser's SVG, the projector,
the report's figure): names are placed in order of :func:`label_order` — the
focused actors first (the selection and its neighbours, or the highlighted),
then by influence, then by the number of ties, then by name — each at the
first of a few spots around its actor (right, left, below, above, then the
diagonals) where its box meets no name already placed and stays inside the
drawing. A name that finds no such spot is not drawn (it shows on hover, tap
or zoom). The browser (``widgets/network_view.js``) runs the same placement on
the boxes it measures; the figure runs :func:`place_labels` on the boxes
matplotlib measures.

Pure functions: no drawing, no I/O.

>>> boxes = place_labels(
...     [LabelRequest("a", 0, 0, 5, 40, 10), LabelRequest("b", 2, 0, 5, 40, 10), LabelRequest("c", 200, 0, 5, 40, 10)]
... )
>>> sorted(boxes)
['a', 'b', 'c']
>>> any(overlaps(boxes[p].box, boxes[q].box) for p, q in [("a", "b"), ("a", "c"), ("b", "c")])
False
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "GROUP_SPOTS",
    "SPOTS",
    "Box",
    "LabelRequest",
    "Placement",
    "convex_hull",
    "label_order",
    "neighbourhood",
    "overlaps",
    "padded_hull",
    "place_labels",
]

Box = tuple[float, float, float, float]
"""``(left, bottom, right, top)`` with ``left <= right`` and ``bottom <= top`` (any y direction)."""

SPOTS: tuple[tuple[str, float, float], ...] = (
    ("right", 1.0, 0.0),
    ("left", -1.0, 0.0),
    ("below", 0.0, -1.0),
    ("above", 0.0, 1.0),
    ("below-right", 0.7, -0.7),
    ("below-left", -0.7, -0.7),
    ("above-right", 0.7, 0.7),
    ("above-left", -0.7, 0.7),
)
"""The spots tried around an actor, in order: name, and the direction (x, y) from the actor's centre.

"below" is towards smaller y: in a drawing whose y grows downwards (SVG) pass ``y_down=True``
to :func:`place_labels`, which turns the directions so that "below" is below on screen.
"""

GROUP_SPOTS: tuple[tuple[str, float, float], ...] = (
    ("above", 0.0, 1.0),
    ("below", 0.0, -1.0),
    ("above-right", 0.7, 0.7),
    ("above-left", -0.7, 0.7),
    ("right", 1.0, 0.0),
    ("left", -1.0, 0.0),
    ("below-right", 0.7, -0.7),
    ("below-left", -0.7, -0.7),
)
"""The spots tried for a group's name around its region: above it first."""


@dataclass(frozen=True)
class LabelRequest:
    """A name to place: its ``key``, the centre and radius of what it names, the name's width and height.

    ``ry`` is the vertical radius when it differs (a group's region is wider than high).
    """

    key: str
    x: float
    y: float
    r: float
    width: float
    height: float
    ry: float | None = None


@dataclass(frozen=True)
class Placement:
    """Where a name went: the spot's name and the box it covers."""

    spot: str
    box: Box


def overlaps(a: Box, b: Box, margin: float = 0.0) -> bool:
    """Whether two boxes overlap (``margin`` grows them: a gap of less than it counts as overlapping)."""
    return min(a[2], b[2]) - max(a[0], b[0]) > -margin and min(a[3], b[3]) - max(a[1], b[1]) > -margin


def _box_at(request: LabelRequest, dx: float, dy: float, gap: float) -> Box:
    """The name's box at direction ``(dx, dy)`` from the actor: beside, above or below its rim."""
    w, h = request.width, request.height
    left = _start(request.x, request.r + gap, dx, w)
    bottom = _start(request.y, (request.r if request.ry is None else request.ry) + gap, dy, h)
    return (left, bottom, left + w, bottom + h)


def _start(center: float, reach: float, direction: float, size: float) -> float:
    """Where a box of ``size`` starts on one axis: past the rim (``reach``) in ``direction``, or centred on 0."""
    if direction > 0:
        return center + reach * direction
    if direction < 0:
        return center + reach * direction - size
    return center - size / 2


class _Grid:
    """Boxes in buckets of a coarse grid, for quick overlap tests."""

    def __init__(self, cell: float) -> None:
        self.cell = max(cell, 1e-6)
        self.buckets: dict[tuple[int, int], list[Box]] = {}

    def _cells(self, box: Box, margin: float) -> Iterable[tuple[int, int]]:
        c = self.cell
        for i in range(math.floor((box[0] - margin) / c), math.floor((box[2] + margin) / c) + 1):
            for j in range(math.floor((box[1] - margin) / c), math.floor((box[3] + margin) / c) + 1):
                yield i, j

    def add(self, box: Box) -> None:
        for cell in self._cells(box, 0.0):
            self.buckets.setdefault(cell, []).append(box)

    def hits(self, box: Box, margin: float) -> int:
        seen: set[Box] = set()
        for cell in self._cells(box, margin):
            for other in self.buckets.get(cell, ()):
                if other not in seen and overlaps(box, other, margin):
                    seen.add(other)
        return len(seen)


def place_labels(
    requests: Sequence[LabelRequest],
    *,
    bounds: Box | None = None,
    obstacles: Sequence[tuple[float, float, float]] = (),
    taken: Sequence[Box] = (),
    margin: float = 2.0,
    gap: float = 3.0,
    max_covered: int = 1,
    y_down: bool = False,
    spots: Sequence[tuple[str, float, float]] = SPOTS,
    must: int = 0,
) -> dict[str, Placement]:
    """Place names in the given order (most important first) so that no two overlap.

    Parameters
    ----------
    requests
        The names, most important first (see :func:`label_order`).
    bounds
        Every box stays inside it (None: anywhere).
    obstacles
        Actors as ``(x, y, r)``: a spot covering fewer of them is preferred, and a
        name covering more than ``max_covered`` is not drawn. A name never counts
        its own actor.
    taken
        Boxes already used (group names, a legend): names keep clear of them.
    margin
        The least gap between two names.
    gap
        Between an actor's rim and its name.
    y_down
        The drawing's y grows downwards: "below" means larger y.
    spots
        The spots tried, in order (default :data:`SPOTS`; :data:`GROUP_SPOTS` for a group's name).
    must
        The first ``must`` names are drawn however many actors they cover (the
        fewest they can), as long as they meet no other name: the most
        important actors are always named when there is any room.

    Returns
    -------
    dict
        ``{key: Placement}`` for the names placed; the missing ones are not drawn.
    """
    if not requests:
        return {}
    size = max(max(r.width for r in requests), max(r.height for r in requests) * 3.0, 1.0)
    names = _Grid(size)
    for box in taken:
        names.add(box)
    nodes = _Grid(size)
    node_boxes: list[tuple[Box, tuple[float, float, float]]] = []
    for x, y, r in obstacles:
        box = (x - r, y - r, x + r, y + r)
        node_boxes.append((box, (x, y, r)))
        nodes.add(box)
    flip = -1.0 if y_down else 1.0
    placed: dict[str, Placement] = {}
    for rank, request in enumerate(requests):
        best: tuple[int, str, Box] | None = None
        own = (request.x - request.r, request.y - request.r, request.x + request.r, request.y + request.r)
        # a name that must be drawn may stand a little farther out when its actor is hemmed in
        reaches = (gap, gap + 0.75 * request.height, gap + 1.5 * request.height) if rank < must else (gap,)
        for reach in reaches:
            for spot, dx, dy in spots:
                box = _box_at(request, dx, dy * flip, reach)
                if bounds is not None and (
                    box[0] < bounds[0] or box[1] < bounds[1] or box[2] > bounds[2] or box[3] > bounds[3]
                ):
                    continue
                if names.hits(box, margin):
                    continue
                covered = nodes.hits(box, 0.0) - (1 if overlaps(box, own) else 0) if node_boxes else 0
                if best is None or covered < best[0]:
                    best = (covered, spot, box)
                if covered == 0:
                    break
            if best is not None and best[0] == 0:
                break
        if best is None or (best[0] > max_covered and rank >= must):
            continue
        placed[request.key] = Placement(best[1], best[2])
        names.add(best[2])
    return placed


def neighbourhood(graph: Any, actor: str | None) -> set[str]:
    """The actor and every actor tied to it (either direction); empty when ``actor`` is not on the map."""
    if not actor or actor not in graph:
        return set()
    found = {actor}
    if graph.is_directed():
        found.update(graph.successors(actor))
        found.update(graph.predecessors(actor))
    else:
        found.update(graph.neighbors(actor))
    return found


def label_order(
    graph: Any,
    shown: Iterable[str],
    *,
    focus: Collection[str] = (),
    influence: Mapping[str, float | None] | None = None,
) -> list[str]:
    """The actors in the order their names are placed: ``focus`` first, then influence, ties, name.

    ``influence`` overrides the graph's ``influence`` attribute (e.g. a degree
    when influence is not assessed). Actors without an influence come after
    those with one.
    """

    def key(node: str) -> tuple[int, float, int, str, str]:
        data = graph.nodes[node]
        value = influence.get(node) if influence is not None else data.get("influence")
        try:
            number = float(value) if value is not None and not isinstance(value, bool) else None
        except (TypeError, ValueError):
            number = None
        if number is not None and not math.isfinite(number):
            number = None
        return (
            0 if node in focus else 1,
            -(number if number is not None else -1.0),
            -int(graph.degree(node)),
            str(data.get("name") or node).casefold(),
            str(node),
        )

    return sorted(shown, key=key)


def convex_hull(points: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """The convex hull of the points, counter-clockwise (Andrew's monotone chain); fewer than 3 points as given.

    >>> convex_hull([(0, 0), (1, 0), (1, 1), (0, 1), (0.5, 0.5)])
    [(0, 0), (1, 0), (1, 1), (0, 1)]
    """
    pts = sorted(set(points))
    if len(pts) < 3:
        return list(pts)

    def cross(o: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[tuple[float, float]] = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list[tuple[float, float]] = []
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def padded_hull(points: Sequence[tuple[float, float]], pad: float, steps: int = 16) -> list[tuple[float, float]]:
    """The convex hull grown by ``pad`` all round, with rounded corners (a polygon; a disc for one point).

    >>> hull = padded_hull([(0.0, 0.0)], 1.0, steps=4)
    >>> [(round(x, 6), round(y, 6)) for x, y in hull]
    [(-1.0, 0.0), (-0.0, -1.0), (1.0, 0.0), (0.0, 1.0)]
    """
    ring = [(pad * math.cos(2 * math.pi * k / steps), pad * math.sin(2 * math.pi * k / steps)) for k in range(steps)]
    grown = [(x + dx, y + dy) for x, y in convex_hull(points) for dx, dy in ring]
    return convex_hull(grown)
