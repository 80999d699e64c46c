"""The network map: one marker per actor, ties styled by sign and type, filters, labels, legends."""

from __future__ import annotations

import time

import numpy as np
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from nsc_workshop.datasets import sectors
from nsc_workshop.graph import to_networkx
from nsc_workshop.plots import layout, network_map
from nsc_workshop.plots.network import COLOR_BY, SIZE_BY
from nsc_workshop.plots.palette import SECTOR_COLORS, SIGN_STYLES

from .conftest import by_gid, one_by_gid, texts

SECTOR_LABELS = {row["id"]: row["label"] for row in sectors()}


def _segments(fig, sign_name):
    found = by_gid(fig, f"ties-{sign_name}")
    return [seg for collection in found for seg in collection.get_segments()]


def _heads(fig, sign_name):
    found = by_gid(fig, f"arrows-{sign_name}")
    return sum(len(c.get_paths()) for c in found)


def _legend_texts(fig):
    return [t.get_text() for legend in fig.legends for t in legend.get_texts()]


def test_the_sample_map_has_every_actor_and_tie(sample_graph):
    fig = network_map(sample_graph)
    assert isinstance(fig, Figure)
    assert fig.get_suptitle() == "Actor map: Online hate and polarisation among young people"
    assert len(one_by_gid(fig, "actors").get_offsets()) == 59
    counts = {name: len(_segments(fig, name)) for name in ("positive", "neutral", "negative")}
    assert counts == {
        "positive": sum(1 for *_, d in sample_graph.edges(data=True) if d["sign"] > 0),
        "neutral": sum(1 for *_, d in sample_graph.edges(data=True) if d["sign"] == 0),
        "negative": 18,
    }
    directed = {
        name: sum(1 for *_, d in sample_graph.edges(data=True) if d["directed"] and d["sign"] == sign)
        for name, sign in (("positive", 1), ("neutral", 0), ("negative", -1))
    }
    assert {name: _heads(fig, name) for name in directed} == directed


def test_negative_ties_are_drawn_dashed_in_their_own_colour(sample_graph):
    fig = network_map(sample_graph)
    negative = one_by_gid(fig, "ties-negative")
    positive = one_by_gid(fig, "ties-positive")
    assert {to_hex(c).upper() for c in negative.get_colors()} == {SIGN_STYLES[-1]["color"]}
    assert {to_hex(c).upper() for c in positive.get_colors()} == {SIGN_STYLES[1]["color"]}
    assert all(dashes is not None and len(dashes) > 0 for _offset, dashes in negative.get_linestyles())
    solid = [dashes for _offset, dashes in positive.get_linestyles() if dashes is None]
    assert solid  # "collaborates" ties are solid
    assert np.mean(negative.get_linewidths()) > np.mean(positive.get_linewidths())


def test_actors_are_coloured_by_sector_and_sized_by_influence(sample_graph):
    fig = network_map(sample_graph)
    actors = one_by_gid(fig, "actors")
    nodes = list(sample_graph.nodes)
    colors = [to_hex(c).upper() for c in actors.get_facecolors()]
    for node, color in zip(nodes, colors, strict=True):
        assert color == SECTOR_COLORS[sample_graph.nodes[node]["sector"]]
    sizes = actors.get_sizes()
    influence = [sample_graph.nodes[n]["influence"] for n in nodes]
    assert sizes[int(np.argmax(influence))] == sizes.max()
    assert sizes[int(np.argmin(influence))] == sizes.min()


def test_not_assessed_influence_is_drawn_smallest(bare_workshop):
    fig = network_map(bare_workshop)
    sizes = dict(zip(["a1", "a2", "a3", "a4"], one_by_gid(fig, "actors").get_sizes(), strict=True))
    assert sizes["a1"] < sizes["a4"] < sizes["a2"]  # unknown < influence 0 < influence 4


def test_the_legend_names_the_sectors_shown(sample_graph):
    fig = network_map(sample_graph)
    shown = _legend_texts(fig)
    for sector in {d["sector"] for _, d in sample_graph.nodes(data=True)}:
        label = SECTOR_LABELS[sector]
        assert any(text.replace("\n", " ") == label for text in shown), label
    assert any("is in conflict with" in text for text in shown)


def test_sector_filter_removes_the_other_actors_and_their_ties(sample_graph):
    wanted = {"police", "schools", "youth_work"}
    fig = network_map(sample_graph, sectors=wanted)
    kept = [n for n, d in sample_graph.nodes(data=True) if d["sector"] in wanted]
    assert len(one_by_gid(fig, "actors").get_offsets()) == len(kept)
    ties = [1 for u, v in sample_graph.edges() if u in kept and v in kept]
    total = sum(len(_segments(fig, name)) for name in ("positive", "neutral", "negative"))
    assert total == len(ties)
    legend = " ".join(_legend_texts(fig))
    assert "Police" in legend and "Health" not in legend
    labelled = {a.get_gid() for a in texts(fig) if str(a.get_gid()).startswith("label:")}
    assert labelled == {f"label:{n}" for n in kept}


def test_tie_type_and_sign_filters_keep_the_actors(sample_graph):
    fig = network_map(sample_graph, tie_types={"conflicts"})
    assert len(one_by_gid(fig, "actors").get_offsets()) == 59
    assert len(_segments(fig, "negative")) == 8
    assert _segments(fig, "positive") == []
    fig = network_map(sample_graph, signs={1, 0})
    assert _segments(fig, "negative") == []
    assert len(_segments(fig, "positive")) + len(_segments(fig, "neutral")) == 132 - 18


def test_filtering_never_moves_an_actor(sample_graph):
    everything = one_by_gid(network_map(sample_graph), "actors").get_offsets()
    police = [i for i, (_, d) in enumerate(sample_graph.nodes(data=True)) if d["sector"] == "police"]
    filtered = one_by_gid(network_map(sample_graph, sectors={"police"}), "actors").get_offsets()
    assert np.allclose(filtered, everything[police])


def test_parallel_ties_are_curved_apart(bare_workshop):
    fig = network_map(bare_workshop)
    lines = _segments(fig, "positive") + _segments(fig, "negative")
    between = [line for line in lines if len(line) > 2]  # curves are polylines
    assert len(between) >= 2  # three ties join a1 and a2: two bend, one may stay straight
    midpoints = {tuple(np.round(line[len(line) // 2], 1)) for line in lines[:3]}
    assert len(midpoints) == 3


def test_highlighted_actors_are_outlined_and_named_in_bold(sample_graph):
    marked = list(sample_graph.nodes)[:3]
    fig = network_map(sample_graph, highlight=marked)
    assert len(one_by_gid(fig, "highlight").get_offsets()) == 3
    bold = {a.get_gid() for a in texts(fig) if a.get_fontweight() == "bold" and str(a.get_gid()).startswith("label")}
    assert bold == {f"label:{n}" for n in marked}
    assert by_gid(network_map(sample_graph), "highlight") == []


def test_labels_are_the_names_and_can_be_turned_off(sample_graph):
    fig = network_map(sample_graph)
    labels = [a for a in texts(fig) if str(a.get_gid()).startswith("label:")]
    assert 30 <= len(labels) < 59  # as many as fit without overlapping (see test_labels.py)
    assert any(f"{len(labels)} of 59 actors" in a.get_text() for a in texts(fig))  # the note says so
    for artist in labels:
        node = artist.get_gid().removeprefix("label:")
        assert artist.get_text().replace("\n", " ").rstrip(" …")[:15] == sample_graph.nodes[node]["name"][:15]
    assert not [a for a in texts(network_map(sample_graph, labels=False)) if str(a.get_gid()).startswith("label:")]


def test_given_positions_are_used(sample_graph):
    positions = layout(sample_graph, "salience")
    fig = network_map(sample_graph, positions=positions, layout="salience")
    offsets = one_by_gid(fig, "actors").get_offsets()
    nodes = list(sample_graph.nodes)
    xs = [positions[n][0] for n in nodes]
    assert list(np.argsort(offsets[:, 0])) == list(np.argsort(xs))


def test_missing_positions_are_filled_in_around_the_given_ones(sample_graph):
    positions = layout(sample_graph, "force")
    missing = next(iter(sample_graph.nodes))
    del positions[missing]
    fig = network_map(sample_graph, positions=positions)
    assert len(one_by_gid(fig, "actors").get_offsets()) == 59


@pytest.mark.parametrize("layout_kind", ["force", "sectors", "salience"])
@pytest.mark.parametrize("color_by", COLOR_BY)
def test_every_layout_and_colouring(sample_graph, layout_kind, color_by):
    fig = network_map(sample_graph, layout=layout_kind, color_by=color_by)
    assert len(one_by_gid(fig, "actors").get_offsets()) == 59
    if color_by is not None:
        assert fig.legends[0].get_title().get_text()
    if layout_kind == "salience":
        rings = [t.get_text() for t in fig.axes[0].texts]
        assert "Definitive (all three)" in rings and "Latent (one)" in rings


@pytest.mark.parametrize("size_by", SIZE_BY)
def test_every_sizing(sample_graph, size_by):
    sizes = one_by_gid(network_map(sample_graph, size_by=size_by), "actors").get_sizes()
    assert len(sizes) == 59
    assert (len(set(sizes)) == 1) == (size_by is None)


def test_bad_options_are_refused(sample_graph):
    for kwargs in ({"layout": "spring"}, {"color_by": "mood"}, {"size_by": "height"}):
        with pytest.raises(ValueError, match="choose one of"):
            network_map(sample_graph, **kwargs)


def test_empty_map_one_actor_and_missing_values(empty_workshop, one_actor, bare_workshop):
    fig = network_map(empty_workshop)
    assert fig.get_suptitle().startswith("Actor map")
    assert any("no actors" in t.get_text() for t in texts(fig))
    assert by_gid(fig, "actors") == []
    assert len(one_by_gid(network_map(one_actor), "actors").get_offsets()) == 1
    fig = network_map(bare_workshop)
    assert len(one_by_gid(fig, "actors").get_offsets()) == 4
    legend = " ".join(_legend_texts(fig))
    assert "No sector" in legend and "a custom sector" in legend and "my own type (neutral)" in legend


def test_a_filter_that_matches_nothing_says_so(sample_graph):
    fig = network_map(sample_graph, sectors={"nothing here"})
    assert any("No actor matches" in t.get_text() for t in texts(fig))


def test_a_thousand_actors_render_fast_with_few_names(big_graph, capsys):
    positions = layout(big_graph, "force")
    start = time.perf_counter()
    fig = network_map(big_graph, positions=positions)
    build = time.perf_counter() - start
    assert len(one_by_gid(fig, "actors").get_offsets()) == 1000
    labels = [a for a in texts(fig) if str(a.get_gid()).startswith("label:")]
    assert 10 <= len(labels) < 200
    assert any(f"{len(labels)} of 1000 actors" in t.get_text() for t in texts(fig))
    top = sorted(big_graph.nodes(data=True), key=lambda item: -(item[1]["influence"] or -1))[0][0]
    assert f"label:{top}" in {a.get_gid() for a in labels}
    with capsys.disabled():
        print(f"\nnetwork_map: 1,000 actors, 2,200 ties, positions given: built in {1000 * build:.0f} ms")


def test_a_workshop_or_its_graph_draw_the_same(sample):
    from_workshop = one_by_gid(network_map(sample), "actors").get_offsets()
    from_graph = one_by_gid(network_map(to_networkx(sample)), "actors").get_offsets()
    assert np.allclose(from_workshop, from_graph)
