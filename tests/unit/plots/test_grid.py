"""The power/interest grid: every scored actor placed, four quadrants, the unscored listed."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.colors import to_hex

from nsc_workshop.plots import power_interest_grid
from nsc_workshop.plots._common import salience_class
from nsc_workshop.plots.grid import LABEL_TOP, SALIENCE_MARKERS
from nsc_workshop.plots.palette import SECTOR_COLORS

from .conftest import by_gid, texts

QUADRANT_CAPTIONS = {
    "manage_closely": "Manage closely",
    "keep_satisfied": "Keep satisfied",
    "keep_informed": "Keep informed",
    "monitor": "Monitor",
}


def _points(fig):
    return {
        str(c.get_gid()).removeprefix("actors:"): c
        for c in fig.axes[0].collections
        if str(c.get_gid()).startswith("actors:")
    }


def _offsets(fig):
    found = [c.get_offsets() for c in _points(fig).values()]
    return np.vstack(found) if found else np.zeros((0, 2))


def test_every_scored_actor_is_a_point_shaped_by_salience(sample_graph):
    fig = power_interest_grid(sample_graph)
    assert fig.get_suptitle() == "Power/interest grid: Online hate and polarisation among young people"
    points = _points(fig)
    assert sum(len(c.get_offsets()) for c in points.values()) == 59
    for name, collection in points.items():
        expected = sum(1 for _, d in sample_graph.nodes(data=True) if salience_class(d) == name)
        assert len(collection.get_offsets()) == expected
    assert set(points) == {"definitive", "expectant", "latent", "non_stakeholder"}
    assert len({id(c.get_paths()[0]) for c in points.values()}) == len(SALIENCE_MARKERS)


def test_points_sit_at_their_scores(sample_graph):
    fig = power_interest_grid(sample_graph)
    offsets = _offsets(fig)
    scores = sorted((d["interest"], d["influence"]) for _, d in sample_graph.nodes(data=True))
    nearest = sorted((round(x), round(y)) for x, y in offsets)
    assert nearest == scores
    assert np.abs(offsets - np.round(offsets)).max() <= 0.41  # shared scores spread a little, never a full step


def test_points_are_coloured_by_sector(sample_graph):
    """The seven most frequent sectors in their colours, the rest in the grey of "N other sectors" (a key of eight)."""
    import collections

    from nsc_workshop.plots._common import KEY_LIMIT, OTHER_COLOR

    fig = power_interest_grid(sample_graph)
    colors = {to_hex(c).upper() for coll in _points(fig).values() for c in coll.get_facecolors()}
    placed = [d["sector"] for _, d in sample_graph.nodes(data=True)]
    counts = collections.Counter(placed)
    assert len(counts) > KEY_LIMIT  # the sample has more sectors than a room can tell apart
    frequent = sorted(counts, key=lambda s: -counts[s])[: KEY_LIMIT - 1]
    assert {SECTOR_COLORS[s] for s in frequent} <= colors
    assert colors <= {SECTOR_COLORS[s] for s in counts} | {OTHER_COLOR}
    assert len(colors) == KEY_LIMIT and OTHER_COLOR in colors
    key = [x.get_text() for legend in fig.legends for x in legend.get_texts()]
    assert any("other sectors" in x for x in key)


def test_the_four_quadrants_are_labelled(sample_graph):
    fig = power_interest_grid(sample_graph)
    captions = {str(t.get_gid()).removeprefix("quadrant:"): t.get_text() for t in fig.axes[0].texts}
    for name, caption in QUADRANT_CAPTIONS.items():
        assert caption in captions[name]
    assert "high power, low interest" in captions["keep_satisfied"]


def test_the_threshold_moves_the_dividing_lines(sample_graph):
    for threshold in (5, 7):
        fig = power_interest_grid(sample_graph, threshold=threshold)
        xs = {tuple(line.get_xdata()) for line in fig.axes[0].lines}
        assert (threshold - 0.5, threshold - 0.5) in xs


def test_every_actor_is_named_or_numbered_in_the_key(sample_graph):
    fig = power_interest_grid(sample_graph)
    labels = [t for t in texts(fig) if str(t.get_gid()).startswith("label:")]
    assert len(labels) == 59
    numbered = [t.get_text() for t in labels if t.get_text().isdigit()]
    key = "\n".join(t.get_text() for t in texts(fig) if t.get_gid() is None)
    for number in numbered:
        assert f"\n{number} " in "\n" + key


def test_actors_without_scores_are_listed_beside_the_grid(bare_workshop):
    fig = power_interest_grid(bare_workshop)
    assert len(_offsets(fig)) == 1  # only "Fourth" has both scores
    note = " ".join(" ".join(t.get_text().split()) for t in texts(fig))
    assert "3 actors without an influence or interest score" in note
    for name in ("First", "Second", "Third"):
        assert name in note


def test_empty_map_and_one_actor(empty_workshop, one_actor):
    fig = power_interest_grid(empty_workshop)
    assert fig.get_suptitle().startswith("Power/interest grid")
    assert len(_offsets(fig)) == 0
    assert any("no actors" in t.get_text() for t in texts(fig))
    assert len([t for t in fig.axes[0].texts if str(t.get_gid()).startswith("quadrant:")]) == 4
    assert len(_offsets(power_interest_grid(one_actor))) == 1


def test_a_thousand_actors_name_only_the_most_influential(big_graph):
    fig = power_interest_grid(big_graph)
    scored = sum(1 for _, d in big_graph.nodes(data=True) if d["influence"] is not None)
    assert len(_offsets(fig)) == scored
    labels = [t for t in texts(fig) if str(t.get_gid()).startswith("label:")]
    assert len(labels) == LABEL_TOP
    assert any(f"{LABEL_TOP} most influential" in t.get_text() for t in texts(fig))


@pytest.mark.parametrize("threshold", [0, 10, 5.5])
def test_any_threshold_draws(sample_graph, threshold):
    assert len(_offsets(power_interest_grid(sample_graph, threshold=threshold))) == 59
    assert by_gid(power_interest_grid(sample_graph, threshold=threshold), "quadrant:monitor")
