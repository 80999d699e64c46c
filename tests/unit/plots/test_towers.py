"""Influence towers: the highest as bars of chips, names readable, the rest named on the chart, a short key."""

from __future__ import annotations

import pytest
from matplotlib.colors import to_hex

from nsc_workshop.graph import to_networkx
from nsc_workshop.i18n import t, use_language
from nsc_workshop.plots import influence_towers
from nsc_workshop.plots.palette import SECTOR_COLORS
from nsc_workshop.plots.towers import KEY_LIMIT, OTHER_COLOR, TOP
from nsc_workshop.testing import make_workshop

from .conftest import by_gid, texts


def _bars(fig):
    containers = [c for c in fig.axes[0].containers if c.get_label() == "towers"]
    return list(containers[0]) if containers else []


def _names(fig):
    return [x for x in texts(fig) if str(x.get_gid()).startswith("name:")]


def _key(fig):
    (legend,) = fig.legends
    return [x.get_text() for x in legend.get_texts()]


def _scored(graph):
    return [d for _, d in graph.nodes(data=True) if d["influence"] is not None]


def test_the_highest_towers_first(sample_graph):
    fig = influence_towers(sample_graph)
    assert fig.get_suptitle() == "Influence towers: Online hate and polarisation among young people"
    bars = _bars(fig)
    scored = _scored(sample_graph)
    assert len(scored) > TOP and len(bars) == TOP
    assert [bar.get_width() for bar in bars] == sorted((d["influence"] for d in scored), reverse=True)[:TOP]
    first = max(scored, key=lambda d: (d["influence"], -ord(d["name"][0])))
    assert to_hex(bars[0].get_facecolor()).upper() == SECTOR_COLORS[first["sector"]]
    assert bars[0].get_y() < bars[-1].get_y() or fig.axes[0].yaxis_inverted()  # the highest on top


def test_sixty_actors_draw_at_most_top_bars_and_name_the_rest_on_the_chart(sample_graph):
    workshop = make_workshop(actors=60, ties=80, seed=3)
    graph = to_networkx(workshop)
    scored = _scored(graph)
    assert len(scored) == 60
    fig = influence_towers(graph)
    assert len(_bars(fig)) <= TOP
    rest = len(scored) - len(_bars(fig))
    said = [x.get_text() for x in texts(fig)]
    assert any(f"The {TOP} highest of 60 towers are drawn" in s for s in said)
    assert any(s.startswith(f"And {rest} more (influence") for s in said)
    listed = "\n".join(x.get_text() for x in texts(fig) if x.get_gid() in ("more", "more:2"))
    highest_left_out = sorted(scored, key=lambda d: (-d["influence"], d["name"].casefold()))[TOP]
    assert highest_left_out["name"][:20] in listed  # the rest are named, not only counted
    assert len(listed.splitlines()) == rest  # every one of them (there is room for 35)


def test_names_are_horizontal_beside_their_bars(sample_graph):
    fig = influence_towers(sample_graph)
    names = _names(fig)
    assert len(names) == TOP
    assert all(x.get_rotation() == 0 for x in names)
    assert all(x.get_fontsize() >= 7.5 for x in names)
    bars = _bars(fig)
    assert [round(x.get_position()[1]) for x in names] == [round(b.get_y() + b.get_height() / 2) for b in bars]


def test_the_key_lists_only_the_sectors_drawn_at_most_eight(sample_graph):
    fig = influence_towers(sample_graph)
    entries = _key(fig)
    assert len(entries) <= KEY_LIMIT
    assert entries[-1].endswith("other sectors")  # 17 sectors among the 25 highest: the rarest grouped
    grey = [b for b in _bars(fig) if to_hex(b.get_facecolor()).upper() == OTHER_COLOR]
    assert grey and len(grey) < TOP
    few = influence_towers(sample_graph, top=3)
    assert len(_key(few)) == len({to_hex(b.get_facecolor()) for b in _bars(few)})  # only what is drawn
    assert not any("other sectors" in e for e in _key(few))


def test_towers_are_bars_of_chips(sample_graph):
    fig = influence_towers(sample_graph, top=100)
    (chips,) = by_gid(fig, "chips")
    scored = [d["influence"] for d in _scored(sample_graph)]
    assert len(chips.get_segments()) == sum(max(v - 1, 0) for v in scored)
    assert not [x for x in texts(fig) if x.get_gid() == "more"]  # everything drawn: nothing more to say


def test_top_keeps_the_highest(sample_graph):
    fig = influence_towers(sample_graph, top=5)
    assert [round(b.get_width()) for b in _bars(fig)] == [9, 9, 8, 8, 7]
    assert any("The 5 highest of 59 towers" in x.get_text() for x in texts(fig))
    with pytest.raises(ValueError, match="top"):
        influence_towers(sample_graph, top=-1)


def test_unscored_actors_are_shown_apart(bare_workshop):
    fig = influence_towers(bare_workshop)
    assert len(_bars(fig)) == 2  # Second (4) and Fourth (0)
    assert [b.get_width() for b in _bars(fig)] == [4, 0]
    (note,) = [x for x in texts(fig) if x.get_gid() == "unknown"]
    assert "not scored yet (2 actors)" in note.get_text()
    assert "First" in note.get_text() and "Third" in note.get_text()


def test_empty_map_and_one_actor(empty_workshop, one_actor):
    fig = influence_towers(empty_workshop)
    assert fig.get_suptitle().startswith("Influence towers")
    assert _bars(fig) == []
    assert any("no actors" in x.get_text() for x in texts(fig))
    assert len(_bars(influence_towers(one_actor))) == 1


def test_a_thousand_towers_stay_readable(big_graph):
    fig = influence_towers(big_graph)
    scored = len(_scored(big_graph))
    assert len(_bars(fig)) == TOP and len(_names(fig)) == TOP
    listed = "\n".join(x.get_text() for x in texts(fig) if x.get_gid() in ("more", "more:2"))
    assert f"…and {scored - TOP - listed.count(chr(10))} more" in listed  # the list ends with a count
    assert len(_key(fig)) <= KEY_LIMIT


@pytest.mark.parametrize("language", ["sv", "da", "nb", "fi"])
def test_what_is_left_out_is_said_in_each_language(sample_graph, language):
    with use_language(language):
        fig = influence_towers(sample_graph)
        said = t("charts.towers.shown", count=59, shown=TOP)
    assert said in [x.get_text() for x in texts(fig)]
