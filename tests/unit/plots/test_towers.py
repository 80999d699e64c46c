"""Influence towers: one tower per scored actor, highest first, the unscored apart."""

from __future__ import annotations

import pytest
from matplotlib.colors import to_hex

from nsc_workshop.plots import influence_towers
from nsc_workshop.plots.palette import SECTOR_COLORS
from nsc_workshop.plots.towers import LISTED, NAME_LIMIT

from .conftest import by_gid, texts


def _bars(fig):
    containers = [c for c in fig.axes[0].containers if c.get_label() == "towers"]
    return list(containers[0]) if containers else []


def test_one_tower_per_scored_actor_highest_first(sample_graph):
    fig = influence_towers(sample_graph)
    assert fig.get_suptitle() == "Influence towers: Online hate and polarisation among young people"
    bars = _bars(fig)
    scored = [d for _, d in sample_graph.nodes(data=True) if d["influence"] is not None]
    assert len(bars) == len(scored)
    heights = [bar.get_height() for bar in bars]
    assert heights == sorted((d["influence"] for d in scored), reverse=True)
    first = max(scored, key=lambda d: (d["influence"], -ord(d["name"][0])))
    assert to_hex(bars[0].get_facecolor()).upper() == SECTOR_COLORS[first["sector"]]


def test_towers_are_stacks_of_chips(sample_graph):
    fig = influence_towers(sample_graph)
    (chips,) = by_gid(fig, "chips")
    scored = [d["influence"] for _, d in sample_graph.nodes(data=True) if d["influence"]]
    assert len(chips.get_segments()) == sum(v - 1 for v in scored)


def test_names_stand_under_the_towers(sample_graph):
    fig = influence_towers(sample_graph)
    names = [t for t in texts(fig) if str(t.get_gid()).startswith("name:")]
    assert len(names) == 59
    assert all(t.get_rotation() == 60 for t in names)
    bars = _bars(fig)
    assert [round(t.get_position()[0]) for t in names] == [round(b.get_x() + b.get_width() / 2) for b in bars]


def test_top_keeps_the_highest(sample_graph):
    fig = influence_towers(sample_graph, top=5)
    assert [round(b.get_height()) for b in _bars(fig)] == [9, 9, 8, 8, 7]
    assert any("The 5 highest of 59 towers" in t.get_text() for t in texts(fig))
    with pytest.raises(ValueError, match="top"):
        influence_towers(sample_graph, top=-1)


def test_unscored_actors_are_shown_apart(bare_workshop):
    fig = influence_towers(bare_workshop)
    assert len(_bars(fig)) == 2  # Second (4) and Fourth (0)
    assert [b.get_height() for b in _bars(fig)] == [4, 0]
    (note,) = [t for t in texts(fig) if t.get_gid() == "unknown"]
    assert "not scored yet (2 actors)" in note.get_text()
    assert "First" in note.get_text() and "Third" in note.get_text()


def test_empty_map_and_one_actor(empty_workshop, one_actor):
    fig = influence_towers(empty_workshop)
    assert fig.get_suptitle().startswith("Influence towers")
    assert _bars(fig) == []
    assert any("no actors" in t.get_text() for t in texts(fig))
    assert len(_bars(influence_towers(one_actor))) == 1


def test_a_thousand_towers_list_the_highest_by_name(big_graph):
    fig = influence_towers(big_graph)
    scored = sum(1 for _, d in big_graph.nodes(data=True) if d["influence"] is not None)
    assert scored > NAME_LIMIT
    assert len(_bars(fig)) == scored
    assert not [t for t in texts(fig) if str(t.get_gid()).startswith("name:")]
    (listed,) = [t for t in texts(fig) if t.get_gid() == "highest"]
    assert listed.get_text().count("\n") == LISTED
