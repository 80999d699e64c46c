"""The actor map drawn as another tool drew it: the "file" layout, colours, sizes, shapes and line styles.

The synthetic workshop is a ring of twelve actors (invented names) placed in a
Kumu-like picture (pixels, ``y`` growing downwards), four sectors of three,
each sector one colour, plus two actors the file did not place.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from nsc_workshop.graph import to_networkx
from nsc_workshop.i18n import t, use_language
from nsc_workshop.model import Workshop
from nsc_workshop.plots.layout import (
    LayoutCache,
    file_layout_offered,
    file_layout_preferred,
    layout,
    placed_share,
)
from nsc_workshop.plots.network import NO_FILE_COLOR, network_map, relative, safe_color
from nsc_workshop.widgets.network_view import legend_html, scene_data

from .conftest import one_by_gid

RING_SECTORS = [
    ("police", "#d62728"),
    ("schools", "#1f77b4"),
    ("youth_work", "#2ca02c"),
    ("civil_society", "#9467bd"),
]
RING_NAMES = [
    "Varnholm police district", "Sørhavn patrol", "Kaia community officers",
    "Varnholm upper school", "Sørhavn primary", "Kaia adult education",
    "Kaia youth house", "Varnholm street team", "Sørhavn youth council",
    "Varnholm mosque council", "Sørhavn sports club", "Kaia parents' network",
]  # fmt: skip
SHAPES = ["ellipse", "box", "diamond", "triangle", "hexagon", "star"]


def ring_workshop(*, unplaced: int = 2, width: float = 800.0, height: float = 400.0) -> Workshop:
    """Twelve actors on an ellipse (``width`` x ``height`` pixels, centre (500, 300), y down), ``unplaced`` more."""
    actors = []
    for i, name in enumerate(RING_NAMES):
        sector, color = RING_SECTORS[i // 3]
        angle = -math.pi / 2 + 2 * math.pi * i / len(RING_NAMES)  # the first at the top, then clockwise
        actors.append(
            {
                "id": f"ring_{i:02d}",
                "name": name,
                "sector": sector,
                "influence": 5,
                "x": 500.0 + width / 2 * math.cos(angle),
                "y": 300.0 + height / 2 * math.sin(angle),
                "color": color,
                "size": 10.0 + 5.0 * (i % 3),
                "shape": SHAPES[i % len(SHAPES)],
            }
        )
    for k in range(unplaced):
        actors.append({"id": f"loose_{k}", "name": f"Sørhavn newcomer {k + 1}", "sector": "other"})
    ties = [
        {
            "id": f"ring_tie_{i:02d}",
            "source": f"ring_{i:02d}",
            "target": f"ring_{(i + 1) % 12:02d}",
            "color": RING_SECTORS[i // 3][1],
            "width": 1.0 + (i % 4),
            "style": ["solid", "dashed", "dotted"][i % 3],
        }
        for i in range(12)
    ]
    ties += [
        {"id": f"loose_tie_{k}", "source": f"loose_{k}", "target": f"ring_{3 * k % 12:02d}", "type": "informs"}
        for k in range(unplaced)
    ]
    meta = {"title": "Ring from Kumu", "city": "Varnholm", "country": "Norway"}
    return Workshop.model_validate({"id": "ring-map", "meta": meta, "actors": actors, "ties": ties})


@pytest.fixture
def ring():
    return to_networkx(ring_workshop())


# -- layout -------------------------------------------------------------------------------------


def test_file_layout_keeps_the_file_picture_y_growing_downwards(ring):
    pos = layout(ring, "file")
    top, right, bottom, left = (pos[f"ring_{i:02d}"] for i in (0, 3, 6, 9))
    # y = 100 in the file (the top of its picture) is the top of the map (layouts grow upwards)
    assert top[1] > right[1] > bottom[1]
    assert right[0] > top[0] > left[0]
    assert top[0] == pytest.approx(bottom[0]) and right[1] == pytest.approx(left[1])
    assert all(0.0 <= x <= 1.0 and 0.0 <= y <= 1.0 for x, y in pos.values())


def test_file_layout_is_normalised_keeping_the_aspect_ratio(ring):
    pos = layout(ring, "file")
    ring_xy = np.array([pos[f"ring_{i:02d}"] for i in range(12)])
    lo, hi = ring_xy.min(axis=0), ring_xy.max(axis=0)
    assert hi[0] - lo[0] == pytest.approx(1.0)  # the longer side fills the square
    assert (hi[1] - lo[1]) / (hi[0] - lo[0]) == pytest.approx(400.0 / 800.0)  # the file's aspect ratio
    assert (lo[1] + hi[1]) / 2 == pytest.approx(0.5)  # the shorter side centred
    # the same picture at another scale and offset is the same layout
    scaled = to_networkx(ring_workshop(width=80.0, height=40.0))
    for node in scaled:
        scaled.nodes[node]["x"] = None if scaled.nodes[node].get("x") is None else scaled.nodes[node]["x"] * 3 - 7000
        scaled.nodes[node]["y"] = None if scaled.nodes[node].get("y") is None else scaled.nodes[node]["y"] * 3 + 50
    again = layout(scaled, "file")
    assert all(again[f"ring_{i:02d}"] == pytest.approx(pos[f"ring_{i:02d}"], abs=1e-9) for i in range(12))


def test_unplaced_actors_are_put_beside_their_ties_and_the_rest_unchanged(ring):
    pos = layout(ring, "file")
    placed = layout(ring.subgraph([f"ring_{i:02d}" for i in range(12)]).copy(), "file")
    assert all(pos[node] == pytest.approx(placed[node]) for node in placed)  # the file's actors where it put them
    ring_xy = np.array([pos[f"ring_{i:02d}"] for i in range(12)])
    spacing = min(float(np.linalg.norm(ring_xy[i] - ring_xy[j])) for i in range(12) for j in range(12) if i != j)
    for k in range(2):
        mine = np.array(pos[f"loose_{k}"])
        partner = np.array(pos[f"ring_{3 * k:02d}"])
        others = [float(np.linalg.norm(mine - p)) for p in ring_xy]
        assert min(others) > 0.3 * spacing  # not on top of an actor
        assert float(np.linalg.norm(mine - partner)) < 0.5  # near the actor it is tied to
    # stable: the same layout again, and through the cache
    assert layout(ring, "file") == pos
    cache = LayoutCache()
    first = cache.positions(ring, "file", workshop_id="ring")
    assert cache.positions(ring, "file", workshop_id="ring") == first


def test_many_unplaced_actors_are_laid_out_together_around_the_placed_ones():
    from nsc_workshop.testing import make_workshop

    graph = to_networkx(make_workshop(actors=300, ties=450, seed=4))
    nodes = list(graph)
    for i, node in enumerate(nodes[:180]):  # 60 % placed on a 3:1 grid, y down
        graph.nodes[node].update(x=30.0 * (i % 30), y=60.0 * (i // 30))
    placed = layout(graph.subgraph(nodes[:180]).copy(), "file")
    pos = layout(graph, "file")
    assert all(pos[node] == pytest.approx(placed[node]) for node in placed)
    assert all(0.0 <= x <= 1.0 and 0.0 <= y <= 1.0 for x, y in pos.values())
    loose = {(round(pos[n][0], 3), round(pos[n][1], 3)) for n in nodes[180:]}
    assert len(loose) == 120  # none stacked on another


def test_the_offer_rule():
    ring = to_networkx(ring_workshop(unplaced=2))
    assert placed_share(ring) == pytest.approx(12 / 14)
    assert file_layout_offered(ring) and file_layout_preferred(ring)
    half = to_networkx(ring_workshop(unplaced=12))
    assert file_layout_offered(half) and not file_layout_preferred(half)  # exactly half: offered, not the start
    fewer = to_networkx(ring_workshop(unplaced=13))
    assert not file_layout_offered(fewer)
    only_x = to_networkx(ring_workshop(unplaced=0))
    for node in list(only_x)[:7]:
        only_x.nodes[node]["y"] = None  # an x without a y is no position
    assert not file_layout_offered(only_x)
    meta = {"title": "Empty", "city": "Saltmo", "country": "Norway"}
    empty = to_networkx(Workshop.model_validate({"id": "e", "meta": meta}))
    assert not file_layout_offered(empty) and layout(empty, "file") == {}


def test_force_layout_keeps_the_same_picture_the_same_way_up(ring):
    file_pos = layout(ring, "file")
    force_pos = layout(ring, "force")
    assert force_pos["ring_00"][1] > force_pos["ring_06"][1]  # the file's top actor stays above its bottom one
    assert file_pos["ring_00"][1] > file_pos["ring_06"][1]


# -- the browser's scene and legend -------------------------------------------------------------


def test_scene_as_in_the_file_carries_colours_shapes_sizes_and_line_styles(ring):
    pos = layout(ring, "file")
    usual = scene_data(ring, pos, kind="file")
    assert usual["colors"] == "sectors" and all("shape" not in n for n in usual["nodes"])
    scene = scene_data(ring, pos, kind="file", colors="file")
    nodes = {n["id"]: n for n in scene["nodes"]}
    assert nodes["ring_00"]["color"] == "#d62728" and nodes["ring_11"]["color"] == "#9467bd"
    assert nodes["loose_0"]["color"] == NO_FILE_COLOR and not nodes["loose_0"]["file_color"]
    assert nodes["ring_01"]["shape"] == "box" and nodes["ring_05"]["shape"] == "star"
    assert nodes["loose_0"]["shape"] == "ellipse"
    # sizes relative: 10, 15, 20 in the file, drawn in the same proportions
    assert nodes["ring_00"]["r"] < nodes["ring_01"]["r"] < nodes["ring_02"]["r"]
    assert nodes["ring_02"]["r"] / nodes["ring_00"]["r"] == pytest.approx(2.0, rel=0.02)
    assert scene["keep_aspect"] and scene["kind"] == "file"
    # the screen's y grows downwards: the file's top actor has the smallest y
    assert nodes["ring_00"]["y"] < nodes["ring_03"]["y"] < nodes["ring_06"]["y"]
    edges = {e["id"]: e for e in scene["edges"]}
    assert edges["ring_tie_00"]["color"] == "#d62728" and edges["ring_tie_00"]["dash"] == []
    assert edges["ring_tie_01"]["dash"] == [6.0, 3.0] and edges["ring_tie_02"]["dash"] == [1.5, 2.0]
    assert edges["ring_tie_00"]["width"] < edges["ring_tie_03"]["width"]  # widths 1 and 4 in the file
    assert edges["ring_tie_03"]["width"] <= 4.5
    assert not edges["loose_tie_0"]["from_file"] and edges["loose_tie_0"]["color"] != "#d62728"


def test_only_checked_colours_reach_the_scene(ring):
    assert safe_color("#ABCDEF") == "#abcdef"
    for bad in ("red", "#abc", "#abcdef; fill:url(x)", "url(javascript:1)", 12, None):
        assert safe_color(bad) is None
    ring.nodes["ring_00"]["color"] = "red;stroke:url(#x)"  # past the model, straight into the graph
    ring.edges["ring_00", "ring_01", "ring_tie_00"]["color"] = "</style>"
    scene = scene_data(ring, layout(ring, "file"), colors="file")
    assert next(n for n in scene["nodes"] if n["id"] == "ring_00")["color"] == NO_FILE_COLOR
    assert next(e for e in scene["edges"] if e["id"] == "ring_tie_00")["color"].startswith("#")
    assert "red" not in str(scene) and "</style>" not in str(scene)


def test_relative_sizes():
    assert relative([2.0, 4.0, 3.0], 0.0, 10.0) == [5.0, 10.0, 7.5]
    assert relative([4.0, 4.0], 1.0, 3.0) == [3.0, 3.0]
    assert relative([None, "x", -1.0], 1.0, 2.0) == [None, None, None]


def test_legend_says_as_in_the_file():
    graph = to_networkx(ring_workshop())
    scene = scene_data(graph, layout(graph, "file"), kind="file", colors="file")
    with use_language("sv"):
        html = legend_html(scene)
        assert t("mapfile.legend.as_in_file") in html
        assert "som i filen" in html and "grå" in html
    html = legend_html(scene)
    assert "as in the file" in html and "Size and shape" in html
    assert "Police" not in html  # no sector swatches: the colours are the file's


# -- the report's figure ------------------------------------------------------------------------


def test_figure_as_in_the_file(ring):
    fig = network_map(ring, layout="file", colors="file", labels=False)
    actors = one_by_gid(fig, "actors")
    faces = actors.get_facecolors()
    offsets = actors.get_offsets()
    index = {node: i for i, node in enumerate(ring.nodes)}
    red = np.array([0xD6, 0x27, 0x28]) / 255
    assert np.allclose(faces[index["ring_00"]][:3], red, atol=0.01)
    assert offsets[index["ring_00"]][1] > offsets[index["ring_06"]][1]  # top of the file, top of the page
    assert len({len(p.vertices) for p in actors.get_paths()}) > 2  # shapes, not all circles
    ties = one_by_gid(fig, "ties-positive")
    assert any(np.allclose(c[:3], red, atol=0.01) for c in ties.get_colors())
    # the file's aspect ratio: the ring is twice as wide as tall on the page too
    ring_pts = offsets[[index[f"ring_{i:02d}"] for i in range(12)]]
    extent = ring_pts.max(axis=0) - ring_pts.min(axis=0)
    assert extent[0] / extent[1] == pytest.approx(2.0, rel=0.02)


def test_figure_opens_as_drawn_by_default(ring):
    fig = network_map(ring, labels=False)  # most actors placed, colours given: as in the file
    faces = one_by_gid(fig, "actors").get_facecolors()
    assert any(np.allclose(f[:3], np.array([0xD6, 0x27, 0x28]) / 255, atol=0.01) for f in faces)

    def notes(figure):
        return " ".join(txt.get_text() for txt in figure.texts).replace("\n", " ")

    assert t("mapfile.plot.note") in notes(fig)
    assert t("mapfile.legend.ties") in notes(fig)  # the ring's ties in the file's colours: no type's line for them
    sectors = network_map(ring, layout="file", colors="sectors", labels=False)
    assert t("mapfile.plot.note") not in notes(sectors)
    with pytest.raises(ValueError, match="colors"):
        network_map(ring, colors="rainbow")


# -- the map's panel ----------------------------------------------------------------------------


def _panel(nsc_store, workshop):
    from nsc_workshop.widgets.network_view import NetworkPanel

    nsc_store.import_workshop(workshop)
    session = nsc_store.session(workshop.id, participant="table-1")
    return session, NetworkPanel(session)


def test_an_imported_map_opens_as_drawn_and_can_switch(nsc_store):
    session, panel = _panel(nsc_store, ring_workshop())
    assert panel.layout_choice.value == "file" and panel.colors_choice.value == "file"
    assert ("As in the file", "file") in panel.layout_choice.options
    assert panel.colors_choice.layout.display != "none"
    scene = panel.view.scene
    assert scene["kind"] == "file" and scene["colors"] == "file"
    assert next(n for n in scene["nodes"] if n["id"] == "ring_00")["color"] == "#d62728"
    panel.colors_choice.value = "sectors"
    assert panel.view.scene["colors"] == "sectors"
    assert all("shape" not in n for n in panel.view.scene["nodes"])
    panel.layout_choice.value = "force"
    assert panel.view.scene["kind"] == "force"
    panel.layout_choice.value = "file"
    assert panel.view.scene["kind"] == "file"
    # actors added until fewer than half are placed: the file layout is no longer offered
    for k in range(12):
        session.add_actor(f"Kaia volunteer {k + 1}")
    panel.refresh()
    assert "file" not in [value for _, value in panel.layout_choice.options]
    assert panel.layout_choice.value == "force" and panel.view.scene["kind"] == "force"


def test_a_map_without_positions_or_colours_offers_neither(nsc_store):
    ring = ring_workshop(unplaced=0)
    plain = ring.model_copy(
        update={
            "actors": {k: a.model_copy(update={"x": None, "y": None, "color": None}) for k, a in ring.actors.items()},
            "ties": {k: tie.model_copy(update={"color": None}) for k, tie in ring.ties.items()},
        }
    )
    _, panel = _panel(nsc_store, plain)
    assert panel.layout_choice.value == "force"
    assert "file" not in [value for _, value in panel.layout_choice.options]
    assert panel.colors_choice.layout.display == "none" and panel.colors_choice.value == "sectors"


def test_half_placed_map_offers_the_file_layout_but_opens_as_a_network(nsc_store):
    _, panel = _panel(nsc_store, ring_workshop(unplaced=12))
    assert panel.layout_choice.value == "force" and panel.colors_choice.value == "sectors"
    assert "file" in [value for _, value in panel.layout_choice.options]
    panel.layout_choice.value = "file"
    nodes = {n["id"]: n for n in panel.view.scene["nodes"]}
    assert nodes["ring_00"]["y"] < nodes["ring_06"]["y"] and nodes["ring_09"]["x"] < nodes["ring_03"]["x"]
