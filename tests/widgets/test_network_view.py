"""The actor map's panel without a browser: ranks and groups in the scene, the legend of what is shown, the tab."""

from __future__ import annotations

from nsc_workshop.apps.actor_mapping import ActorMappingApp
from nsc_workshop.graph import to_networkx
from nsc_workshop.i18n import use_language
from nsc_workshop.plots.labels import label_order
from nsc_workshop.widgets.network_view import MAP_HEIGHT, NetworkPanel, NetworkView, legend_html, scene_data


def test_every_actor_carries_its_name_and_its_rank_in_the_shared_order(sample):
    panel = NetworkPanel(sample)
    nodes = panel.view.scene["nodes"]
    graph = to_networkx(sample.workshop)
    assert all(n["label"] for n in nodes)  # the browser decides which fit, by rank
    by_rank = [n["id"] for n in sorted(nodes, key=lambda n: n["rank"])]
    assert by_rank == label_order(graph, graph.nodes)
    assert panel.view.scene["label_must"] > 0
    x0, y0, x1, y1 = panel.view.scene["extent"]
    assert all(x0 <= n["x"] <= x1 and y0 <= n["y"] <= y1 for n in nodes)


def test_the_sectors_layout_shows_its_groups_and_a_choice_of_groups(sample):
    panel = NetworkPanel(sample)
    assert panel.view.scene["groups"] == []
    panel.layout_choice.value = "sectors"
    assert panel.groups_choice.value == "sector"
    groups = panel.view.scene["groups"]
    sectors = {a.sector for a in sample.workshop.actors.values()}
    assert {g["id"] for g in groups} == sectors
    assert "Online platforms" in {g["label"] for g in groups}
    members = sorted(m for g in groups for m in g["members"])
    assert members == sorted(a for a in sample.workshop.actors)
    panel.groups_choice.value = "community"
    assert all(g["label"].startswith("Community ") for g in panel.view.scene["groups"])
    panel.groups_choice.value = "none"
    assert panel.view.scene["groups"] == []
    assert panel.view.scene["keep_aspect"] is True  # clusters keep their shape


def test_the_legend_lists_only_what_is_on_the_map_in_words(sample):
    panel = NetworkPanel(sample)
    legend = panel.legend.value
    assert "Online platforms" in legend and "online_platforms" not in legend
    assert "collaborates with" in legend and "is in conflict with" in legend
    panel.sector_filter.value = ("police", "schools")
    legend = panel.legend.value
    assert "Police" in legend and "Schools" in legend and "Online platforms" not in legend
    panel.sector_filter.value = ()
    panel.sign_filter.value = "negative"
    legend = panel.legend.value
    assert "is in conflict with" in legend and "collaborates with" not in legend
    with use_language("sv"):
        graph = to_networkx(sample.workshop)
        scene = scene_data(graph, dict.fromkeys(graph, (0.5, 0.5)))
        legend = legend_html(scene)
        assert "Digitala plattformar" in legend and "Sektorer" in legend and "online_platforms" not in legend


def test_a_custom_sector_is_shown_as_typed_and_as_text(sample):
    sample.add_actor("<b>Tom & Jerry</b>", sector="<i>garage</i>")
    legend = NetworkPanel(sample).legend.value
    assert "&lt;i&gt;garage&lt;/i&gt;" in legend and "<i>" not in legend


def test_the_room_screen_sets_a_larger_type():
    view = NetworkView()
    assert view.label_px == 13
    assert set(view.texts) == {"zoom_in", "zoom_out", "reset", "fullscreen", "exit_fullscreen"}
    assert NetworkView(label_px=28).label_px == 28


def test_the_map_tab_gives_the_map_the_full_width_and_the_window_height(sample):
    app = ActorMappingApp(sample.store, sample)
    body, _panels = app._map_tab()
    assert app.network in body.children and app.insights in body.children  # the insights below, not beside
    assert app.network.layout.width == "100%"
    assert app.network.view.fill == MAP_HEIGHT
    assert not app.insights.layout.max_height and app.insights.layout.overflow in (None, "")  # no scrollbar of its own
