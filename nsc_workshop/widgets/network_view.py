"""The interactive actor map: positions and styles computed here, drawn as SVG in the browser.

Only the scene (positions, colours, labels) travels to the browser, so an
added actor shows up without redrawing a picture. Names are set as text there,
never as HTML.
"""

from __future__ import annotations

import collections
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
from nsc_workshop.plots.layout import LayoutCache
from nsc_workshop.plots.palette import category_colors, sign_style, tie_dash
from nsc_workshop.session import WorkshopSession
from nsc_workshop.widgets._html import esc
from nsc_workshop.widgets._panel import Panel

__all__ = ["LABEL_LIMIT", "NetworkPanel", "NetworkView", "scene_data"]

LABEL_LIMIT = 150
"""Above this many actors, only the most influential are labelled (the rest on hover)."""


class NetworkView(anywidget.AnyWidget):  # type: ignore[misc]
    """The SVG map in the browser. Set :attr:`scene` (see :func:`scene_data`); read :attr:`selected`."""

    _esm = Path(__file__).with_name("network_view.js")
    scene = traitlets.Dict().tag(sync=True)
    selected = traitlets.Unicode("").tag(sync=True)
    height = traitlets.Int(560).tag(sync=True)
    empty_text = traitlets.Unicode("").tag(sync=True)
    label_px = traitlets.Int(13).tag(sync=True)
    """Font size of the labels in CSS pixels (a room screen sets ~28: fewer labels, none overlapping)."""


def _label(name: str, limit: int = 28) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def scene_data(
    graph: nx.MultiDiGraph,
    positions: dict[str, tuple[float, float]],
    *,
    sectors: Collection[str] | None = None,
    tie_types: Collection[str] | None = None,
    signs: Collection[int] | None = None,
    version: int = 0,
) -> dict[str, Any]:
    """What the browser draws: nodes and edges with positions and styles, after the filters.

    ``sectors``, ``tie_types`` and ``signs`` keep only those (None keeps all);
    a tie is shown when both its actors are.

    >>> from nsc_workshop.testing import make_workshop
    >>> from nsc_workshop.graph import to_networkx
    >>> g = to_networkx(make_workshop(actors=3, ties=2))
    >>> scene = scene_data(g, {n: (0.5, 0.5) for n in g})
    >>> len(scene["nodes"]), len(scene["edges"])
    (3, 2)
    """
    colors = category_colors(sorted({str(d.get("sector") or "") for _, d in graph.nodes(data=True)}))
    sector_label = {row["id"]: row["label"] for row in sector_rows()}
    type_label = {row["id"]: row["label"] for row in tie_type_rows()}
    shown = [
        (node, data)
        for node, data in graph.nodes(data=True)
        if sectors is None or str(data.get("sector") or "") in sectors
    ]
    labelled: set[str] = {node for node, _ in shown}
    if len(shown) > LABEL_LIMIT:
        ranked = sorted(shown, key=lambda item: -(item[1].get("influence") or 0))
        labelled = {node for node, _ in ranked[:LABEL_LIMIT]}
    nodes = []
    for node, data in shown:
        x, y = positions.get(node, (0.5, 0.5))
        influence = data.get("influence")
        sector = str(data.get("sector") or "")
        name = str(data.get("name") or node)
        title = f"{name}\n{sector_label.get(sector, sector) or t('map.no_sector')}"
        if influence is not None:
            title += "\n" + t("map.influence", value=influence)
        nodes.append(
            {
                "id": node,
                "x": round(float(x), 4),
                "y": round(1.0 - float(y), 4),  # layouts grow upwards, the screen downwards
                "r": 5 + 1.6 * (influence if influence is not None else 1),
                "color": colors.get(sector, "#999999"),
                "label": _label(name) if node in labelled else "",
                "title": title,
            }
        )
    visible = {n["id"] for n in nodes}
    names = {node: str(data.get("name") or node) for node, data in graph.nodes(data=True)}
    edges = []
    pair_count: collections.Counter[frozenset[str]] = collections.Counter()
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
        kind = str(data.get("type") or "")
        edges.append(
            {
                "id": key,
                "source": source,
                "target": target,
                "color": style["color"],
                "width": round(0.8 + 0.5 * float(data.get("weight", 1.0)), 2),
                "dash": tie_dash(kind, sign),
                "directed": bool(data.get("directed", True)),
                "sign": sign,
                # parallel ties bend to alternate sides
                "bend": 0 if index == 0 else (1 + index // 2) * (1 if index % 2 else -1) * 0.6,
                "title": f"{names[source]} → {names[target]}: {type_label.get(kind, kind)}",
            }
        )
    return {"nodes": nodes, "edges": edges, "version": version}


def _options(rows: Iterable[dict[str, Any]], present: set[str]) -> list[tuple[str, str]]:
    known = [(str(row["label"]), str(row["id"])) for row in rows if row["id"] in present]
    custom = sorted(present - {value for _, value in known})
    return known + [(value or t("map.no_sector"), value) for value in custom]


class NetworkPanel(Panel):
    """The map with its layout choice and filters by sector, tie type and sign."""

    def __init__(self, session: WorkshopSession, cache: LayoutCache | None = None) -> None:
        self.cache = cache or LayoutCache()
        self.view = NetworkView(empty_text=t("map.empty"))
        self.layout_choice = widgets.ToggleButtons(
            options=[(t("map.layout.force"), "force"), (t("map.layout.sectors"), "sectors"),
                     (t("map.layout.salience"), "salience")],
            value="force",
            description=t("map.layout"),
            style={"button_width": "9em"},
        )  # fmt: skip
        self.sector_filter = widgets.SelectMultiple(
            description=t("map.filter.sectors"), rows=6, layout=widgets.Layout(width="22em")
        )
        self.type_filter = widgets.SelectMultiple(
            description=t("map.filter.types"), rows=6, layout=widgets.Layout(width="22em")
        )
        self.sign_filter = widgets.ToggleButtons(
            options=[(t("map.sign.all"), "all"), (t("map.sign.positive"), "positive"),
                     (t("map.sign.negative"), "negative")],
            value="all",
            description=t("map.filter.signs"),
            style={"button_width": "7em"},
        )  # fmt: skip
        self.legend = widgets.HTML()
        filters = widgets.Accordion(
            children=[widgets.HBox([self.sector_filter, self.type_filter])], titles=(t("map.filters"),)
        )
        super().__init__(session, [self.layout_choice, self.sign_filter, filters, self.view, self.legend])
        self.add_class("nsc-network-panel")
        for control in (self.layout_choice, self.sector_filter, self.type_filter, self.sign_filter):
            control.observe(lambda _change: self.refresh(), names="value")
        self.refresh()

    def refresh(self) -> None:
        super().refresh()
        workshop = self.session.workshop
        graph = to_networkx(workshop)
        present_sectors = {str(d.get("sector") or "") for _, d in graph.nodes(data=True)}
        present_types = {str(d.get("type") or "") for _, _, d in graph.edges(data=True)}
        self._set_options(self.sector_filter, _options(sector_rows(), present_sectors))
        self._set_options(self.type_filter, _options(tie_type_rows(), present_types))
        kind = self.layout_choice.value
        positions = self.cache.positions(graph, kind, workshop_id=workshop.id)
        signs = {"all": None, "positive": {1, 0}, "negative": {-1}}[self.sign_filter.value]
        self.view.scene = scene_data(
            graph,
            positions,
            sectors=set(self.sector_filter.value) or None,
            tie_types=set(self.type_filter.value) or None,
            signs=signs,
            version=self.session.version,
        )
        self.legend.value = self._legend(present_sectors)

    @staticmethod
    def _set_options(control: widgets.SelectMultiple, options: list[tuple[str, str]]) -> None:
        if list(control.options) != options:
            keep = tuple(v for v in control.value if v in {value for _, value in options})
            control.options = options
            control.value = keep

    @staticmethod
    def _legend(present: set[str]) -> str:
        colors = category_colors(sorted(present))
        labels = {row["id"]: row["label"] for row in sector_rows()}
        items = "".join(
            f"<span style='margin-right:1em;white-space:nowrap'><span style='display:inline-block;width:.8em;"
            f"height:.8em;border-radius:50%;background:{esc(colors.get(s, '#999'))};margin-right:.3em'></span>"
            f"{esc(labels.get(s, s) or t('map.no_sector'))}</span>"
            for s in sorted(present, key=lambda s: labels.get(s, s))
        )
        return f"<div class='nsc-legend' style='font-size:90%;line-height:1.8'>{items}</div>"
