"""Names on the actor map: by priority, none overlapping, in the report's figure at 60 and 200 actors."""

from __future__ import annotations

import itertools

import pytest

from nsc_workshop.datasets import load_sample
from nsc_workshop.graph import to_networkx
from nsc_workshop.plots import network_map
from nsc_workshop.plots.labels import (
    GROUP_SPOTS,
    LabelRequest,
    convex_hull,
    label_order,
    neighbourhood,
    overlaps,
    padded_hull,
    place_labels,
)
from nsc_workshop.testing import make_workshop

from .conftest import texts


def _drawn_label_boxes(fig):
    """The window extents of every name and group name drawn (after a full draw)."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    found = []
    for artist in texts(fig):
        gid = str(artist.get_gid())
        if artist.get_visible() and (gid.startswith("label:") or gid.startswith("group-label:")):
            found.append((gid, artist.get_window_extent(renderer)))
    return found


def _overlapping(boxes):
    return [
        (a, b)
        for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2)
        if min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0) > 0
        and min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0) > 0
    ]


@pytest.mark.parametrize("layout", ["force", "sectors", "salience"])
@pytest.mark.parametrize("size", [60, 200])
def test_no_two_names_overlap_and_the_most_influential_are_named(size, layout, capsys):
    workshop = load_sample() if size == 60 else make_workshop(actors=200, ties=400, seed=3)
    graph = to_networkx(workshop)
    fig = network_map(workshop, layout=layout)
    boxes = _drawn_label_boxes(fig)
    names = [gid for gid, _ in boxes if gid.startswith("label:")]
    overlapping = _overlapping(boxes)
    with capsys.disabled():
        print(
            f"\nreport map ({layout}): {len(graph)} actors, {len(overlapping)} overlapping names,"
            f" {len(names)}/{len(graph)} named, {len(boxes) - len(names)} group names"
        )
    assert overlapping == []
    assert len(names) >= 25
    top = label_order(graph, graph.nodes)[:5]
    assert {f"label:{node}" for node in top} <= set(names)


def test_highlighted_actors_are_named_first_even_in_a_crowd():
    workshop = make_workshop(actors=200, ties=400, seed=3)
    graph = to_networkx(workshop)
    unimportant = label_order(graph, graph.nodes)[-3:]  # the least influential: never named on their own
    fig = network_map(workshop, highlight=unimportant)
    boxes = _drawn_label_boxes(fig)
    assert {f"label:{node}" for node in unimportant} <= {gid for gid, _ in boxes}
    assert _overlapping(boxes) == []


def test_groups_are_drawn_as_named_regions():
    fig = network_map(load_sample(), layout="force", groups="sector")
    regions = [p for p in fig.axes[0].patches if str(p.get_gid()).startswith("group:")]
    assert len(regions) == len({a.sector for a in load_sample().actors.values()})
    assert _overlapping(_drawn_label_boxes(fig)) == []
    assert not [p for p in network_map(load_sample()).axes[0].patches if str(p.get_gid()).startswith("group:")]
    with pytest.raises(ValueError, match="colour"):
        network_map(load_sample(), groups="colour")


def test_placement_tries_the_other_sides_and_drops_what_does_not_fit():
    a = LabelRequest("a", 0, 0, 5, 40, 10)
    b = LabelRequest("b", 0, 0, 5, 40, 10)  # same spot: goes to the left of it
    placed = place_labels([a, b])
    assert placed["a"].spot == "right" and placed["b"].spot == "left"
    crowd = [LabelRequest(str(k), 0, 0, 5, 40, 10) for k in range(20)]
    placed = place_labels(crowd, bounds=(-100, -100, 100, 100))
    assert 0 < len(placed) < 20
    assert list(placed) == [str(k) for k in range(len(placed))]  # by priority
    assert not any(overlaps(p.box, q.box) for p, q in itertools.combinations(placed.values(), 2))
    # a name never leaves the bounds
    assert place_labels([LabelRequest("edge", 0, 0, 5, 400, 10)], bounds=(-100, -100, 100, 100)) == {}


def test_names_keep_off_other_actors_unless_they_must_be_named():
    obstacles = [(15, 0, 5), (-15, 0, 5), (0, 15, 5), (0, -15, 5), (12, 12, 5), (-12, 12, 5), (12, -12, 5)]
    obstacles.append((-12, -12, 5))
    request = LabelRequest("hemmed", 0, 0, 5, 30, 8)
    assert place_labels([request], obstacles=obstacles, max_covered=0) == {}
    assert "hemmed" in place_labels([request], obstacles=obstacles, max_covered=0, must=1)


def test_y_down_puts_below_below():
    down = place_labels([LabelRequest("a", 0, 0, 5, 40, 10)], spots=GROUP_SPOTS[1:2], y_down=True)
    up = place_labels([LabelRequest("a", 0, 0, 5, 40, 10)], spots=GROUP_SPOTS[1:2])
    assert down["a"].box[1] > 0 > up["a"].box[3]


def test_order_focus_then_influence_then_ties():
    graph = to_networkx(load_sample())
    order = label_order(graph, graph.nodes)
    influence = [graph.nodes[n].get("influence") or -1 for n in order]
    assert influence == sorted(influence, reverse=True)
    last = order[-1]
    assert label_order(graph, graph.nodes, focus=neighbourhood(graph, last))[0] in neighbourhood(graph, last)
    assert neighbourhood(graph, "nobody") == set()
    assert last in neighbourhood(graph, last)


def test_hulls():
    square = [(0.0, 0.0), (2.0, 0.0), (2.0, 2.0), (0.0, 2.0), (1.0, 1.0)]
    assert sorted(convex_hull(square)) == sorted(square[:4])
    grown = padded_hull(square, 1.0)
    xs = [x for x, _ in grown]
    assert min(xs) == pytest.approx(-1.0) and max(xs) == pytest.approx(3.0)
