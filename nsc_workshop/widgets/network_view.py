"""The interactive actor map: positions and styles computed here, drawn as SVG in the browser.

Only the scene (positions, colours, labels) travels to the browser, so an
added actor shows up without redrawing a picture. Names are set as text there,
never as HTML.
"""

from __future__ import annotations

import collections
import math
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import Any

import anywidget
import ipywidgets as widgets
import networkx as nx
import traitlets

from nsc_workshop.datasets import sectors as sector_rows
from nsc_workshop.datasets import tie_types as tie_type_rows
from nsc_workshop.graph import to_networkx
from nsc_workshop.i18n import t
from nsc_workshop.model.actors import SHAPES
from nsc_workshop.plots.labels import label_order
from nsc_workshop.plots.layout import LayoutCache, file_layout_offered
from nsc_workshop.plots.network import (
    FILE_DASH,
    LABEL_MUST,
    NO_FILE_COLOR,
    file_colors_offered,
    groups_of,
    opening_drawing,
    relative,
    safe_color,
)
from nsc_workshop.plots.palette import category_colors, sign_style, tie_dash
from nsc_workshop.session import WorkshopSession
from nsc_workshop.widgets._html import esc
from nsc_workshop.widgets._panel import Panel

__all__ = ["GROUP_CHOICES", "NetworkPanel", "NetworkView", "legend_html", "scene_data"]

GROUP_CHOICES = ("none", "sector", "community")
"""What the shaded regions behind the actors show: nothing, each sector, or each community."""

MAP_HEIGHT = "max(420px, calc(100vh - 150px))"
"""The map's height on the map tab: the window's, less room for its controls (scrolled to, it fills the screen)."""


class NetworkView(anywidget.AnyWidget):
    """The SVG map in the browser. Set :attr:`scene` (see :func:`scene_data`); read :attr:`selected`.

    Names are placed in the browser by the rule of :mod:`nsc_workshop.plots.labels`
    (measured boxes, by priority, none overlapping); clicking an actor focuses it
    (its ties and neighbours stay, the rest fades); the wheel, a pinch or the
    buttons zoom, dragging pans, and a button shows the map full screen.
    """

    _esm = Path(__file__).with_name("network_view.js")
    scene = traitlets.Dict().tag(sync=True)
    selected = traitlets.Unicode("").tag(sync=True)
    height = traitlets.Int(560).tag(sync=True)
    """The map's height in pixels, unless :attr:`fill` is set."""
    fill = traitlets.Unicode("").tag(sync=True)
    """A CSS height for the map (e.g. :data:`MAP_HEIGHT`); empty: :attr:`height`."""
    empty_text = traitlets.Unicode("").tag(sync=True)
    label_px = traitlets.Int(13).tag(sync=True)
    """Font size of the labels in CSS pixels (a room screen sets ~28: fewer labels, none overlapping)."""
    texts = traitlets.Dict().tag(sync=True)
    """The buttons' words in the page's language (:func:`view_texts`)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("texts", view_texts())
        super().__init__(**kwargs)


def view_texts() -> dict[str, str]:
    """The map's button titles in the current language."""
    return {key: t(f"mapview.{key}") for key in ("zoom_in", "zoom_out", "reset", "fullscreen", "exit_fullscreen")}


def _label(name: str, limit: int = 28) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def scene_data(
    graph: nx.MultiDiGraph,
    positions: dict[str, tuple[float, float]],
    *,
    sectors: Collection[str] | None = None,
    tie_types: Collection[str] | None = None,
    signs: Collection[int] | None = None,
    groups: str | None = None,
    kind: str = "force",
    colors: str = "sectors",
    version: int = 0,
) -> dict[str, Any]:
    """What the browser draws: nodes and edges with positions and styles, after the filters.

    ``colors="file"`` draws as another tool did (an imported map): each actor
    filled with its ``color`` (grey without one; only a checked ``#rrggbb``
    reaches the page), in its ``shape`` and sized by its ``size`` relative to
    the others; each tie in its ``color``, ``width`` (relative) and ``style``
    where it has them. ``"sectors"`` (default): by sector, influence, sign and type.

    ``sectors``, ``tie_types`` and ``signs`` keep only those (None keeps all);
    a tie is shown when both its actors are. Each node carries its ``rank`` in
    :func:`~nsc_workshop.plots.labels.label_order` (names are placed in that
    order); ``groups`` (``"sector"`` or ``"community"``) adds the regions to
    shade. ``kind`` is the layout's: rings and clusters keep their shape.

    >>> from nsc_workshop.testing import make_workshop
    >>> from nsc_workshop.graph import to_networkx
    >>> g = to_networkx(make_workshop(actors=3, ties=2))
    >>> scene = scene_data(g, {n: (0.5, 0.5) for n in g})
    >>> len(scene["nodes"]), len(scene["edges"])
    (3, 2)
    """
    palette = category_colors(sorted({str(d.get("sector") or "") for _, d in graph.nodes(data=True)}))
    sector_label = {row["id"]: row["label"] for row in sector_rows()}
    type_label = {row["id"]: row["label"] for row in tie_type_rows()}
    shown = [
        (node, data)
        for node, data in graph.nodes(data=True)
        if sectors is None or str(data.get("sector") or "") in sectors
    ]
    rank = {node: i for i, node in enumerate(label_order(graph, [node for node, _ in shown]))}
    scale = min(1.0, max(0.45, math.sqrt(80.0 / max(len(shown), 1))))  # as the figure: a crowd is drawn smaller
    as_drawn = colors == "file"
    sizes = relative([data.get("size") for _, data in shown], 5.0, 16.0) if as_drawn else [None] * len(shown)
    nodes = []
    for (node, data), size in zip(shown, sizes, strict=True):
        x, y = positions.get(node, (0.5, 0.5))
        influence = data.get("influence")
        sector = str(data.get("sector") or "")
        name = str(data.get("name") or node)
        title = f"{name}\n{sector_label.get(sector, sector) or t('map.no_sector')}"
        if influence is not None:
            title += "\n" + t("map.influence", value=influence)
        item = {
            "id": node,
            "x": round(float(x), 4),
            "y": round(1.0 - float(y), 4),  # layouts grow upwards, the screen downwards
            "r": round(scale * (5 + 1.6 * (influence if influence is not None else 1)), 2),
            "color": palette.get(sector, "#999999"),
            "sector": sector,
            "label": _label(name),
            "rank": rank[node],
            "title": title,
        }
        if as_drawn:
            own = safe_color(data.get("color"))
            item["color"] = own or NO_FILE_COLOR
            item["file_color"] = own is not None
            shape = str(data.get("shape") or "ellipse")
            item["shape"] = shape if shape in SHAPES else "ellipse"
            if any(v is not None for v in sizes):
                item["r"] = round(scale * (size if size is not None else 6.6), 2)
        nodes.append(item)
    visible = {n["id"] for n in nodes}
    names = {node: str(data.get("name") or node) for node, data in graph.nodes(data=True)}
    edges = []
    pair_count: collections.Counter[frozenset[str]] = collections.Counter()
    widths: dict[Any, float | None] = {}
    if as_drawn:
        keyed = list(graph.edges(keys=True, data=True))
        found = relative([d.get("width") for *_, d in keyed], 0.8, 4.5, fit=True)
        widths = {k: w for (_, _, k, _), w in zip(keyed, found, strict=True)}
    for source, target, key, data in graph.edges(keys=True, data=True):
        if source not in visible or target not in visible:
            continue
        if tie_types is not None and data.get("type") not in tie_types:
            continue
        sign = int(data.get("sign", 1))
        if signs is not None and sign not in signs:
            continue
        pair = frozenset((source, target))
        index = pair_count[pair]
        pair_count[pair] += 1
        style = sign_style(sign)
        tie_kind = str(data.get("type") or "")
        color = style["color"]
        width = 0.8 + 0.5 * float(data.get("weight", 1.0))
        dash = tie_dash(tie_kind, sign)
        from_file = False
        if as_drawn:
            own = safe_color(data.get("color"))
            line = data.get("style")
            from_file = own is not None or widths.get(key) is not None or line in FILE_DASH
            color = own or color
            width = widths.get(key) or width
            dash = FILE_DASH.get(str(line or ""), dash)
        edges.append(
            {
                "id": key,
                "source": source,
                "target": target,
                "color": color,
                "width": round(width, 2),
                "dash": dash,
                "from_file": from_file,
                "directed": bool(data.get("directed", True)),
                "sign": sign,
                # parallel ties bend to alternate sides
                "bend": 0 if index == 0 else (1 + index // 2) * (1 if index % 2 else -1) * 0.6,
                "type": tie_kind,
                "title": f"{names[source]} → {names[target]}: {type_label.get(tie_kind, tie_kind)}",
            }
        )
    regions = []
    if groups in ("sector", "community"):
        members, names, group_palette = groups_of(graph, [node for node, _ in shown], groups)
        for key, ids in members.items():
            color = palette.get(key, "#999999") if groups == "sector" else group_palette[key]
            regions.append({"id": key, "label": names[key], "color": color, "members": ids})
    xs = [float(x) for x, _ in positions.values()] or [0.0, 1.0]
    ys = [1.0 - float(y) for _, y in positions.values()] or [0.0, 1.0]
    return {
        "nodes": nodes,
        "edges": edges,
        "groups": regions,
        "extent": [round(min(xs), 4), round(min(ys), 4), round(max(xs), 4), round(max(ys), 4)],
        "keep_aspect": kind != "force",
        "kind": kind,
        "colors": "file" if as_drawn else "sectors",
        "file_sizes": as_drawn and any(v is not None for v in sizes),
        "label_must": LABEL_MUST,
        "version": version,
    }


def _options(rows: Iterable[dict[str, Any]], present: set[str]) -> list[tuple[str, str]]:
    known = [(str(row["label"]), str(row["id"])) for row in rows if row["id"] in present]
    custom = sorted(present - {value for _, value in known})
    return known + [(value or t("map.no_sector"), value) for value in custom]


class NetworkPanel(Panel):
    """The map with its layout, groups and filters by sector, tie type and sign, and a legend of what it shows."""

    def __init__(self, session: WorkshopSession, cache: LayoutCache | None = None) -> None:
        self.cache = cache or LayoutCache()
        self.view = NetworkView(empty_text=t("map.empty"))
        graph = to_networkx(session.workshop)
        layout, colors = opening_drawing(graph)  # an imported map opens as its tool drew it
        self.layout_choice = widgets.ToggleButtons(
            options=_layout_options(file_layout_offered(graph)),
            value=layout,
            description=t("map.layout"),
            style={"button_width": "auto"},
        )
        self.colors_choice = widgets.ToggleButtons(
            options=[(t("mapfile.colors.sectors"), "sectors"), (t("mapfile.colors.file"), "file")],
            value=colors,
            description=t("mapfile.colors"),
            style={"button_width": "auto"},
        )
        self.layout_choice.add_class("nsc-map-layout")
        self.colors_choice.add_class("nsc-map-colors")
        self.colors_choice.layout.display = "" if file_colors_offered(graph) else "none"
        self.groups_choice = widgets.ToggleButtons(
            options=[(t(f"mapview.groups.{key}"), key) for key in GROUP_CHOICES],
            value="none",
            description=t("mapview.groups"),
            style={"button_width": "auto"},
        )
        self.sign_filter = widgets.ToggleButtons(
            options=[(t("map.sign.all"), "all"), (t("map.sign.positive"), "positive"),
                     (t("map.sign.negative"), "negative")],
            value="all",
            description=t("map.filter.signs"),
            style={"button_width": "auto"},
        )  # fmt: skip
        self.sector_filter = widgets.SelectMultiple(
            description=t("map.filter.sectors"), rows=6, layout=widgets.Layout(width="22em")
        )
        self.type_filter = widgets.SelectMultiple(
            description=t("map.filter.types"), rows=6, layout=widgets.Layout(width="22em")
        )
        self.legend = widgets.HTML()
        hint = esc(t("mapview.hint"))
        self.hint = widgets.HTML(f"<div class='nsc-map-hint' style='color:#555;font-size:90%'>{hint}</div>")
        filters = widgets.Accordion(
            children=[widgets.HBox([self.sector_filter, self.type_filter])], titles=(t("map.filters"),)
        )
        filters.selected_index = None
        controls = widgets.HBox(
            [self.layout_choice, self.colors_choice, self.groups_choice, self.sign_filter],
            layout=widgets.Layout(flex_flow="row wrap"),
        )
        for control in controls.children:
            control.layout.margin = "0 1.5em 0.3em 0"
        controls.add_class("nsc-map-controls")
        super().__init__(session, [controls, filters, self.view, self.legend, self.hint])
        self.add_class("nsc-network-panel")
        self.layout_choice.observe(self._on_layout_choice, names="value")
        for control in (self.colors_choice, self.groups_choice, self.sector_filter, self.type_filter, self.sign_filter):
            control.observe(lambda _change: self._refresh_unless_syncing(), names="value")
        self.refresh()

    def _on_layout_choice(self, change: dict[str, Any]) -> None:
        with self.syncing():
            if change["new"] == "sectors" and self.groups_choice.value == "none":
                self.groups_choice.value = "sector"  # the sectors layout shows its clusters
        self.refresh()

    def _refresh_unless_syncing(self) -> None:
        if not self.syncing:
            self.refresh()

    def refresh(self) -> None:
        super().refresh()
        workshop = self.session.workshop
        graph = to_networkx(workshop)
        present_sectors = {str(d.get("sector") or "") for _, d in graph.nodes(data=True)}
        present_types = {str(d.get("type") or "") for _, _, d in graph.edges(data=True)}
        self._set_options(self.sector_filter, _options(sector_rows(), present_sectors))
        self._set_options(self.type_filter, _options(tie_type_rows(), present_types))
        self._offer_file_drawing(graph)
        kind = self.layout_choice.value
        positions = self.cache.positions(graph, kind, workshop_id=workshop.id)
        signs = {"all": None, "positive": {1, 0}, "negative": {-1}}[self.sign_filter.value]
        groups = None if self.groups_choice.value == "none" else self.groups_choice.value
        scene = scene_data(
            graph,
            positions,
            sectors=set(self.sector_filter.value) or None,
            tie_types=set(self.type_filter.value) or None,
            signs=signs,
            groups=groups,
            kind=kind,
            colors=self.colors_choice.value,
            version=self.session.version,
        )
        self.view.scene = scene
        self.legend.value = legend_html(scene, groups)

    def _offer_file_drawing(self, graph: nx.MultiDiGraph) -> None:
        """Offer "as in the file" (layout, colours) only while the map has the positions or colours to draw."""
        options = _layout_options(file_layout_offered(graph))
        colored = file_colors_offered(graph)
        with self.syncing():
            if list(self.layout_choice.options) != options:
                value = self.layout_choice.value
                self.layout_choice.options = options
                self.layout_choice.value = value if value in {v for _, v in options} else "force"
            self.colors_choice.layout.display = "" if colored else "none"
            if not colored:
                self.colors_choice.value = "sectors"

    @staticmethod
    def _set_options(control: widgets.SelectMultiple, options: list[tuple[str, str]]) -> None:
        if list(control.options) != options:
            keep = tuple(v for v in control.value if v in {value for _, value in options})
            control.options = options
            control.value = keep


def _layout_options(with_file: bool) -> list[tuple[str, str]]:
    options = [
        (t("map.layout.force"), "force"),
        (t("map.layout.sectors"), "sectors"),
        (t("map.layout.salience"), "salience"),
    ]
    if with_file:
        options.append((t("mapfile.layout.file"), "file"))
    return options


def _usual_sign(kind: str) -> int | None:
    row = next((row for row in tie_type_rows() if row["id"] == kind), None)
    return None if row is None else int(row["sign"])


def legend_html(scene: dict[str, Any], groups: str | None = None) -> str:
    """The key to what the map shows, and only that: its sectors, its kinds of tie (with their sign), sizes, arrows.

    Every label in the page's language (a sector's or tie type's label, never
    its id); a name typed by hand is shown as it was typed, as text.
    """
    nodes = scene.get("nodes") or []
    edges = scene.get("edges") or []
    if not nodes:
        return ""
    sector_label = {row["id"]: row["label"] for row in sector_rows()}
    type_label = {row["id"]: row["label"] for row in tie_type_rows()}
    type_rank = {row["id"]: i for i, row in enumerate(tie_type_rows())}
    as_drawn = scene.get("colors") == "file"
    sectors: dict[str, str] = {}
    for node in nodes:
        sectors.setdefault(str(node.get("sector") or ""), str(node["color"]))
    if as_drawn:
        sectors = {}
    order = {row["id"]: i for i, row in enumerate(sector_rows())}
    swatches = "".join(
        "<span class='nsc-legend-item' style='margin-right:1em;white-space:nowrap;display:inline-block'>"
        f"<span style='display:inline-block;width:.8em;height:.8em;border-radius:50%;background:{esc(color)};"
        f"margin-right:.3em;vertical-align:-.05em'></span>{esc(sector_label.get(s, s) or t('map.no_sector'))}</span>"
        for s, color in sorted(sectors.items(), key=lambda item: (order.get(item[0], 99), item[0]))
    )
    kinds: dict[tuple[str, int], dict[str, Any]] = {}
    for edge in edges:
        if edge.get("from_file"):
            continue  # drawn as in the file: said in one note below
        kinds.setdefault((str(edge.get("type") or ""), int(edge["sign"])), edge)
    lines = []
    for (kind, sign), edge in sorted(kinds.items(), key=lambda item: (-item[0][1], type_rank.get(item[0][0], 99))):
        label = type_label.get(kind, kind) or t("plot.not_set")
        if _usual_sign(kind) != sign:
            name = {1: "positive", 0: "neutral", -1: "negative"}[max(-1, min(1, sign))]
            label = t("mapview.tie_sign", type=label, sign=t(f"mapview.sign.{name}"))
        dash = " ".join(str(d) for d in edge.get("dash") or [])
        lines.append(
            "<span class='nsc-legend-item' style='margin-right:1em;white-space:nowrap;display:inline-block'>"
            f"<svg width='34' height='10' style='vertical-align:middle;margin-right:.3em' aria-hidden='true'>"
            f"<line x1='1' y1='5' x2='33' y2='5' stroke='{esc(edge['color'])}' stroke-width='2'"
            f" stroke-dasharray='{esc(dash)}'/></svg>{esc(label)}</span>"
        )
    notes = [t("mapview.legend.size")]
    if scene.get("file_sizes"):
        notes = [t("mapfile.legend.size")]
    if any(edge.get("from_file") for edge in edges):
        notes.append(t("mapfile.legend.ties"))
    if scene.get("kind") == "file":
        notes.append(t("mapfile.legend.y_down"))
    if any(edge.get("directed") for edge in edges):
        notes.append(t("mapview.legend.arrow"))
    if groups and scene.get("groups"):
        notes.append(t("mapview.legend.groups", groups=t(f"mapview.groups.{groups}")))
    parts = [
        f"<div><strong>{esc(t('mapview.legend.sectors'))}:</strong> {swatches}</div>",
    ]
    if as_drawn:
        grey = any(not node.get("file_color") for node in nodes)
        said = t("mapfile.legend.as_in_file") + (f" ({t('mapfile.legend.no_color')})" if grey else "")
        parts = [f"<div class='nsc-legend-file'><strong>{esc(t('mapfile.legend.colors'))}:</strong> {esc(said)}</div>"]
    if lines:
        parts.append(f"<div><strong>{esc(t('mapview.legend.ties'))}:</strong> {''.join(lines)}</div>")
    parts.append(f"<div style='color:#555'>{esc(' · '.join(notes))}</div>")
    return f"<div class='nsc-legend' style='font-size:90%;line-height:1.8'>{''.join(parts)}</div>"
