"""The actor map as a network figure (Net-Map: actors, typed and signed ties, influence)."""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any, get_args

import numpy as np

from nsc_workshop.i18n import t
from nsc_workshop.plots._common import (
    SALIENCE_CLASSES,
    as_graph,
    bad_option,
    color_legend,
    empty_message,
    figure_legend,
    finite,
    footnote,
    salience_class,
    salience_labels,
    sector_entries,
    sign_of,
    subtitle,
    text,
    title_for,
    titled_figure,
    wrap,
)
from nsc_workshop.plots.layout import KINDS, SALIENCE_BANDS, file_layout_preferred
from nsc_workshop.plots.layout import layout as compute_layout
from nsc_workshop.plots.palette import (
    NO_VALUE_COLOR,
    SIGN_STYLES,
    STANCE_COLORS,
    category_colors,
    tie_dash,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "COLORS",
    "COLOR_BY",
    "FILE_DASH",
    "GROUPS",
    "LABEL_CANDIDATES",
    "LABEL_MUST",
    "NO_FILE_COLOR",
    "SIZE_BY",
    "file_colors_offered",
    "groups_of",
    "network_map",
    "opening_drawing",
    "relative",
    "safe_color",
]

COLOR_BY: tuple[str | None, ...] = ("sector", "group", "stance", "level", "kind", "salience", None)
SIZE_BY: tuple[str | None, ...] = ("influence", "interest", "degree", None)
GROUPS: tuple[str | None, ...] = ("sector", "community", None)
LABEL_MUST = 10
"""The most important names (after the highlighted) drawn even over other actors, when they fit among the names."""
LABEL_CANDIDATES = 150
"""At most this many names are tried (in :func:`~nsc_workshop.plots.labels.label_order`); the rest are never named."""

_SIGN_NAMES = {1: "positive", 0: "neutral", -1: "negative"}

COLORS: tuple[str, ...] = ("sectors", "file")
"""How the map is coloured: by ``color_by`` (sector by default), or ``"file"``: colours, sizes and shapes
of another tool (an imported map's ``color``, ``size``, ``shape`` of actors, ``color``, ``width``, ``style``
of ties)."""
NO_FILE_COLOR = "#BBBBBB"
"""An actor the file gave no colour, drawn as in the file: a neutral grey."""
FILE_DASH: dict[str, list[float]] = {"solid": [], "dashed": [6.0, 3.0], "dotted": [1.5, 2.0]}
"""A tie's ``style`` as a dash pattern (lengths for a line 1 unit wide, as :mod:`~nsc_workshop.plots.palette`)."""
_HEX = re.compile(r"#[0-9a-fA-F]{6}")
_MARKERS = {
    "ellipse": "o",
    "box": "s",
    "round_box": "s",
    "diamond": "D",
    "triangle": "^",
    "hexagon": "h",
    "octagon": "8",
    "star": "*",
    "text": ".",
}


def safe_color(value: Any) -> str | None:
    """``value`` if it is a colour ``#rrggbb`` (lower case), else None: nothing else reaches a style.

    >>> safe_color("#1A2b3C"), safe_color("red; background:url(x)"), safe_color(None)
    ('#1a2b3c', None, None)
    """
    if isinstance(value, str) and _HEX.fullmatch(value):
        return value.lower()
    return None


def file_colors_offered(graph: Any) -> bool:
    """Whether the map can be coloured as in the file: some actor or tie has a colour."""
    graph = as_graph(graph)
    return any(safe_color(d.get("color")) for _, d in graph.nodes(data=True)) or any(
        safe_color(d.get("color")) for *_, d in graph.edges(data=True)
    )


def opening_drawing(graph: Any) -> tuple[str, str]:
    """How a map opens, as ``(layout, colors)``: as its file drew it when most actors have a position
    (:func:`~nsc_workshop.plots.layout.file_layout_preferred`), in the file's colours if it has any; else the
    network layout in the sectors' colours."""
    graph = as_graph(graph)
    if file_layout_preferred(graph):
        return "file", "file" if file_colors_offered(graph) else "sectors"
    return "force", "sectors"


def relative(values: Sequence[Any], lo: float, hi: float, *, fit: bool = False) -> list[float | None]:
    """Each positive number in proportion to the largest, which becomes ``hi`` (none below ``lo``); others None.

    A file's sizes and widths are in its own tool's units; only their ratios
    mean something, so an actor twice as large in the file is drawn twice as
    large (down to ``lo``, so that none vanishes). ``fit``: numbers are kept as
    they are when the largest is at most ``hi`` (a line width of 2 in the file
    is 2 on the map), else shrunk in proportion.

    >>> relative([10.0, 20.0, None, 15.0], 5.0, 21.0)
    [10.5, 21.0, None, 15.75]
    >>> relative([1.0, 100.0], 5.0, 21.0)
    [5.0, 21.0]
    >>> relative([1.0, 2.0], 0.8, 4.0, fit=True), relative([1.0, 20.0], 0.8, 4.0, fit=True)
    ([1.0, 2.0], [0.8, 4.0])
    """
    numbers = [finite(v) for v in values]
    present = [v for v in numbers if v is not None and v > 0]
    if not present:
        return [None] * len(numbers)
    high = max(present)
    scale = min(1.0, hi / high) if fit else hi / high
    return [None if v is None or v <= 0 else max(lo, v * scale) for v in numbers]


def network_map(
    graph_or_workshop: Any,
    *,
    layout: str = "auto",
    positions: Mapping[str, Sequence[float]] | None = None,
    colors: str = "auto",
    color_by: str | None = "sector",
    size_by: str | None = "influence",
    sectors: Collection[str] | None = None,
    tie_types: Collection[str] | None = None,
    signs: Collection[int] | None = None,
    labels: bool = True,
    highlight: Collection[str] | None = None,
    groups: str | None = "auto",
    title: str | None = None,
    seed: int = 0,
) -> Figure:
    """The actor map: actors coloured by sector and sized by influence, ties styled by type and sign.

    Parameters
    ----------
    graph_or_workshop
        The actor map (:func:`nsc_workshop.graph.to_networkx`) or a workshop.
    layout
        ``"force"``, ``"sectors"``, ``"salience"`` or ``"file"`` (:func:`~nsc_workshop.plots.layout.layout`),
        used when ``positions`` is not given. The salience layout draws its rings; the
        file layout keeps the file's aspect ratio (its ``y`` growing downwards, as on a
        screen). ``"auto"`` (default): ``"file"`` when most actors have a stored position
        (:func:`~nsc_workshop.plots.layout.file_layout_preferred`: an imported map opens as
        it was drawn), else ``"force"``.
    positions
        ``{actor id: (x, y)}`` in ``[0, 1]``, such as a :class:`~nsc_workshop.plots.layout.LayoutCache`'s;
        actors missing from it are placed around the others.
    colors
        ``"sectors"``: actors coloured by ``color_by`` and sized by ``size_by``, ties by
        sign and type. ``"file"``: as another tool drew them (:data:`COLORS`): actors
        filled with their ``color`` (grey without one), drawn in their ``shape``,
        sized by their ``size`` relative to each other (else by ``size_by``); ties in
        their ``color``, ``width`` (relative) and ``style``, else as usual.
        ``"auto"`` (default): ``"file"`` when the layout is and some actor or tie has a colour.
    color_by
        ``"sector"`` (default), ``"group"`` (sector group), ``"stance"``, ``"level"``,
        ``"kind"``, ``"salience"`` or None (one colour).
    size_by
        ``"influence"`` (the Net-Map tower; default), ``"interest"``, ``"degree"`` or
        None. Actors whose value is not assessed are drawn small.
    sectors, tie_types, signs
        Show only actors of these sectors (``""`` is "no sector") and ties of
        these types and signs (+1, 0, -1). A tie shows when both its actors do.
        Positions are computed on the whole map, so filtering never moves an actor.
    labels
        Name the actors, no two names overlapping: the highlighted first, then
        by influence and number of ties (:mod:`nsc_workshop.plots.labels`); a
        name with no room left is not drawn, and a note says how many are.
    highlight
        Actor ids to outline (and named first).
    groups
        Draw each ``"sector"``'s or ``"community"``'s actors on a soft region
        named at its edge, or None. ``"auto"``: sectors in the sectors layout.
    title
        The figure's title (default: "Actor map" and the workshop's title).
    seed
        Seed of the layout.

    Returns
    -------
    matplotlib.figure.Figure
        An A4 landscape figure. Its artists carry ids (``get_gid()``):
        ``"actors"`` (one marker per actor shown), ``"highlight"``,
        ``"ties-positive"``, ``"ties-neutral"``, ``"ties-negative"`` (one
        line per tie) and ``"arrows-..."`` (one head per directed tie).

    Examples
    --------
    >>> from nsc_workshop.datasets import load_sample
    >>> fig = network_map(load_sample(), signs={-1})
    >>> actors = next(c for c in fig.axes[0].collections if c.get_gid() == "actors")
    >>> len(actors.get_offsets())
    59
    >>> negative = next(c for c in fig.axes[0].collections if c.get_gid() == "ties-negative")
    >>> len(negative.get_segments())
    18
    """
    graph = as_graph(graph_or_workshop)
    if layout == "auto":
        layout = "file" if positions is None and file_layout_preferred(graph) else "force"
    if layout not in KINDS:
        raise bad_option("layout", layout, (*KINDS, "auto"))
    if colors == "auto":
        colors = "file" if layout == "file" and file_colors_offered(graph) else "sectors"
    if colors not in COLORS:
        raise bad_option("colors", colors, (*COLORS, "auto"))
    as_drawn = colors == "file"
    if color_by not in COLOR_BY:
        raise bad_option("color_by", color_by, COLOR_BY)
    if size_by not in SIZE_BY:
        raise bad_option("size_by", size_by, SIZE_BY)
    if groups == "auto":
        groups = "sector" if layout == "sectors" else None
    if groups not in GROUPS:
        raise bad_option("groups", groups, GROUPS)

    fig = titled_figure(title_for(graph, t("plot.network.title"), title))
    ax = fig.add_axes((0.015, 0.06, 0.70, 0.84))
    ax.set_axis_off()

    all_nodes = list(graph.nodes)
    if positions is None:
        pos = compute_layout(graph, layout, seed=seed)
    elif any(node not in positions for node in all_nodes):
        pos = compute_layout(graph, layout, previous=positions, seed=seed)
    else:
        pos = {node: (float(positions[node][0]), float(positions[node][1])) for node in all_nodes}

    wanted_sectors = None if sectors is None else {str(s) for s in sectors}
    shown = [
        node
        for node in all_nodes
        if wanted_sectors is None or str(graph.nodes[node].get("sector") or "") in wanted_sectors
    ]
    visible = set(shown)
    wanted_types = None if tie_types is None else {str(x) for x in tie_types}
    wanted_signs = None if signs is None else {sign_of(s) for s in signs}
    ties = [
        (u, v, key, data)
        for u, v, key, data in graph.edges(keys=True, data=True)
        if u in visible
        and v in visible
        and u != v
        and (wanted_types is None or str(data.get("type") or "") in wanted_types)
        and (wanted_signs is None or sign_of(data.get("sign", 1)) in wanted_signs)
    ]
    total_ties = graph.number_of_edges()
    negative = sum(1 for *_, d in ties if sign_of(d.get("sign", 1)) < 0)
    summary = t("plot.network.summary", actors=len(shown), ties=len(ties), negative=negative)
    if len(shown) < len(all_nodes) or len(ties) < total_ties:
        summary += "  ·  " + t("plot.network.filtered", total_actors=len(all_nodes), total_ties=total_ties)
    subtitle(fig, summary)

    if not shown:
        empty_message(ax, t("plot.empty") if not all_nodes else t("plot.network.all_filtered"))
        return fig

    # draw in points: 1 data unit = 1 pt, so sizes, arrows and label boxes need no conversion
    box = ax.get_position()
    width_pt = box.width * fig.get_figwidth() * 72.0
    height_pt = box.height * fig.get_figheight() * 72.0
    ax.set_xlim(0.0, width_pt)
    ax.set_ylim(0.0, height_pt)
    n = len(shown)
    node_scale = float(np.clip(math.sqrt(80.0 / n), 0.35, 1.0))
    diameters = _diameters(graph, shown, size_by, node_scale)
    if as_drawn and any(finite(graph.nodes[node].get("size")) for node in shown):
        diameters = _file_diameters(graph, shown, diameters, node_scale)
        size_by = None  # the legend says: sizes as in the file
    pad = 6.0 + float(diameters.max()) / 2.0 + 0.03 * min(width_pt, height_pt)
    if layout == "force":
        frame = (pad, pad, width_pt - 2 * pad, height_pt - 2 * pad)
    elif layout == "file":  # the file's aspect ratio, as large as the box allows
        frame = _fitted_frame([pos[node] for node in all_nodes], width_pt, height_pt, pad)
    else:  # rings and clusters keep their shape
        side = min(width_pt, height_pt) - 2 * pad
        frame = ((width_pt - side) / 2, (height_pt - side) / 2, side, side)
    to_pt = {
        node: (frame[0] + float(pos[node][0]) * frame[2], frame[1] + float(pos[node][1]) * frame[3]) for node in shown
    }
    if layout == "salience":
        _salience_guides(ax, frame)
    xy = np.array([to_pt[node] for node in shown], dtype=float)
    radii = {node: diameters[i] / 2.0 + 1.0 for i, node in enumerate(shown)}

    fills, legend_entries, legend_title = _colors(graph, shown, color_by)
    if as_drawn:
        fills = [safe_color(graph.nodes[node].get("color")) or NO_FILE_COLOR for node in shown]
        legend_entries, legend_title = [], ""
    taken: list[tuple[float, float, float, float]] = []
    if groups is not None:
        taken = _draw_groups(ax, graph, shown, to_pt, radii, groups, (0.0, 0.0, width_pt, height_pt))

    _draw_ties(ax, ties, to_pt, radii, node_scale, as_drawn=as_drawn)

    actors = ax.scatter(
        xy[:, 0],
        xy[:, 1],
        s=diameters**2,
        c=fills,
        edgecolors="#333333",
        linewidths=0.6 * node_scale + 0.2,
        zorder=3,
        gid="actors",
    )
    if as_drawn:
        _set_shapes(actors, [str(graph.nodes[node].get("shape") or "ellipse") for node in shown])
    marked = [i for i, node in enumerate(shown) if highlight is not None and node in highlight]
    if marked:
        ax.scatter(
            xy[marked, 0],
            xy[marked, 1],
            s=(diameters[marked] + 8.0) ** 2,
            facecolors="none",
            edgecolors="#000000",
            linewidths=2.2,
            zorder=4,
            gid="highlight",
        )

    notes: list[str] = []
    if labels:
        notes += _draw_labels(ax, graph, shown, xy, diameters, set(highlight or ()), taken)
    _legends(fig, ties, legend_entries, legend_title, size_by, bool(marked), as_drawn=as_drawn)
    if notes:
        footnote(fig, "  ·  ".join(notes), 0.015, 0.025)
    return fig


# -- nodes ------------------------------------------------------------------------------------


def _diameters(graph: Any, shown: list[str], size_by: str | None, node_scale: float) -> np.ndarray[Any, Any]:
    """Marker diameters in points: 7 to 27 for a value 0 to 10, 4.5 when not assessed."""
    if size_by is None:
        return np.full(len(shown), 10.0 * node_scale)
    values: list[float | None]
    if size_by == "degree":
        degree = [float(graph.degree(node)) for node in shown]
        top = max(degree) or 1.0
        values = [10.0 * d / top for d in degree]
    else:
        values = [finite(graph.nodes[node].get(size_by)) for node in shown]
    out = [4.5 if v is None else 7.0 + 2.0 * min(max(v, 0.0), 10.0) for v in values]
    return np.array(out) * node_scale


def _file_diameters(
    graph: Any, shown: list[str], usual: np.ndarray[Any, Any], node_scale: float
) -> np.ndarray[Any, Any]:
    """The file's sizes in proportion, the largest 22 points (scaled as the usual sizes), none below 7."""
    sizes = relative([graph.nodes[node].get("size") for node in shown], 7.0 * node_scale, 22.0 * node_scale)
    if all(v is None for v in sizes):
        return usual
    return np.array([7.0 * node_scale if v is None else v for v in sizes])


def _set_shapes(collection: Any, shapes: list[str]) -> None:
    """One marker path per actor, in its shape (an unknown shape is a circle)."""
    from matplotlib.markers import MarkerStyle

    paths = {}
    for shape in set(shapes):
        marker = MarkerStyle(_MARKERS.get(shape, "o"))
        paths[shape] = marker.get_path().transformed(marker.get_transform())
    collection.set_paths([paths[shape] for shape in shapes])


def _fitted_frame(
    points: Sequence[Sequence[float]], width: float, height: float, pad: float
) -> tuple[float, float, float, float]:
    """The frame (left, bottom, width, height) mapping the unit square so ``points`` fill the box, aspect kept."""
    arr = np.array(points, dtype=float).reshape(-1, 2)
    lo, hi = arr.min(axis=0), arr.max(axis=0)
    extent = np.maximum(hi - lo, 1e-6)
    room = np.array([width - 2 * pad, height - 2 * pad])
    scale = float(min(room / extent))
    if not np.isfinite(scale) or (hi - lo).max() <= 1e-6:
        side = min(room)
        return ((width - side) / 2, (height - side) / 2, side, side)
    middle = (lo + hi) / 2
    left = width / 2 - float(middle[0]) * scale
    bottom = height / 2 - float(middle[1]) * scale
    return (left, bottom, scale, scale)


def _colors(graph: Any, shown: list[str], color_by: str | None) -> tuple[list[str], list[tuple[str, str]], str]:
    """Each shown actor's colour, the legend's (label, colour) entries and its title."""
    from nsc_workshop.datasets import sectors as sector_rows

    if color_by is None:
        return ["#56B4E9"] * len(shown), [], ""
    if color_by == "sector":
        values = [str(graph.nodes[node].get("sector") or "") for node in shown]
        palette = category_colors(values)
        return [palette[v] for v in values], sector_entries(palette), t("plot.legend.sector")
    rows = sector_rows()
    if color_by == "group":
        group_of = {str(row["id"]): str(row.get("group") or "other") for row in rows}
        vocabulary = list(dict.fromkeys(group_of.values()))
        values = [
            group_of.get(str(graph.nodes[node].get("sector") or ""), "other" if graph.nodes[node].get("sector") else "")
            for node in shown
        ]
        palette = category_colors(values, vocabulary=vocabulary)
        ordered = sorted(palette, key=lambda v: (v == "", vocabulary.index(v) if v in vocabulary else 99))
        entries = [(_group_label(v), palette[v]) for v in ordered]
        return [palette[v] for v in values], entries, t("plot.legend.group")
    if color_by == "salience":
        values = [salience_class(graph.nodes[node]) for node in shown]
        palette = category_colors(values, vocabulary=list(SALIENCE_CLASSES))
        names = salience_labels()
        entries = [(names[v], palette[v]) for v in SALIENCE_CLASSES if v in palette]
        return [palette[v] for v in values], entries, t("plot.legend.salience")
    from nsc_workshop.model.vocab import ActorKind, Level, Stance

    vocab = {"stance": list(get_args(Stance)), "level": list(get_args(Level)), "kind": list(get_args(ActorKind))}[
        color_by
    ]
    values = [str(graph.nodes[node].get(color_by) or "") for node in shown]
    if color_by == "stance":
        palette = {v: STANCE_COLORS.get(v, NO_VALUE_COLOR) if v else NO_VALUE_COLOR for v in values}
    else:
        palette = category_colors(values, vocabulary=vocab)
    ordered = sorted(palette, key=lambda v: (v == "", vocab.index(v) if v in vocab else 99, v))
    entries = [(_value_label(color_by, v), palette[v]) for v in ordered]
    title = {"stance": t("plot.legend.stance"), "level": t("plot.legend.level"), "kind": t("plot.legend.kind")}
    return [palette[v] for v in values], entries, title[color_by]


def _group_label(group: str) -> str:
    if not group:
        return t("plot.no_sector")
    return t(f"plot.group.{group}", default=group.replace("_", " ").capitalize())


def _value_label(attribute: str, value: str) -> str:
    if not value:
        return t("plot.not_set")
    return t(f"plot.{attribute}.{value}", default=value.replace("_", " ").capitalize())


def _draw_labels(
    ax: Axes,
    graph: Any,
    shown: list[str],
    xy: np.ndarray[Any, Any],
    diameters: np.ndarray[Any, Any],
    highlight: set[str],
    taken: Sequence[tuple[float, float, float, float]] = (),
) -> list[str]:
    """Name the actors by priority where there is room (:func:`~nsc_workshop.plots.labels.place_labels`).

    Each name is measured by the figure's renderer (in points, the axes' data
    unit), so the boxes that are kept apart are the boxes drawn.
    """

    from nsc_workshop.plots.labels import LabelRequest, label_order, place_labels

    fig = ax.get_figure(root=True)
    assert fig is not None
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    to_pt = 72.0 / fig.dpi
    index = {node: i for i, node in enumerate(shown)}
    order = label_order(graph, shown, focus=highlight)[:LABEL_CANDIDATES]
    fontsize = 7.0 if len(shown) <= 40 else 6.5
    # a light box behind each name, not a stroked halo: in SVG a halo turns every name into outlines (slow, heavy)
    halo = {"boxstyle": "square,pad=0.08", "facecolor": "white", "edgecolor": "none", "alpha": 0.78}
    scratch = text(ax, 0.0, 0.0, "", fontsize=fontsize, linespacing=1.0, ha="left", va="bottom")
    requests = []
    names: dict[str, str] = {}
    for node in order:
        i = index[node]
        name = wrap(str(graph.nodes[node].get("name") or node), 22, 2)
        names[node] = name
        scratch.set_text(name)
        scratch.set_fontweight("bold" if node in highlight else "normal")
        extent = scratch.get_window_extent(renderer)
        requests.append(
            LabelRequest(
                node,
                float(xy[i, 0]),
                float(xy[i, 1]),
                float(diameters[i]) / 2.0,
                extent.width * to_pt,
                extent.height * to_pt,
            )
        )
    scratch.remove()
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    placed = place_labels(
        requests,
        bounds=(x0, y0, x1, y1),
        obstacles=[(float(xy[i, 0]), float(xy[i, 1]), float(diameters[i]) / 2.0) for i in range(len(shown))],
        taken=taken,
        margin=1.5,
        gap=1.5,
        max_covered=0,
        must=len(highlight) + LABEL_MUST,
    )
    for node in order:
        where = placed.get(node)
        if where is None:
            continue
        artist = text(
            ax,
            where.box[0],
            where.box[1],
            names[node],
            ha="left",
            va="bottom",
            fontsize=fontsize,
            linespacing=1.0,
            color="#111111",
            zorder=5,
            bbox=halo,
            fontweight="bold" if node in highlight else "normal",
        )
        artist.set_gid(f"label:{node}")
    if len(placed) < len(shown):
        return [t("mapview.labels_shown", shown=len(placed), total=len(shown))]
    return []


def _draw_groups(
    ax: Axes,
    graph: Any,
    shown: list[str],
    to_pt: Mapping[str, tuple[float, float]],
    radii: Mapping[str, float],
    groups: str,
    bounds: tuple[float, float, float, float],
) -> list[tuple[float, float, float, float]]:
    """Each group's actors on a soft rounded region, its name beside it; returns the names' boxes."""
    from matplotlib import patheffects
    from matplotlib.patches import Polygon

    from nsc_workshop.plots.labels import GROUP_SPOTS, LabelRequest, padded_hull, place_labels

    members, names, palette = groups_of(graph, shown, groups)
    fig = ax.get_figure(root=True)
    assert fig is not None
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    scale = 72.0 / fig.dpi
    requests = []
    artists = {}
    for key in sorted(members, key=lambda k: -len(members[k])):
        nodes = members[key]
        pad = max(radii[n] for n in nodes) + 6.0
        hull = padded_hull([to_pt[n] for n in nodes], pad)
        ax.add_patch(
            Polygon(
                hull,
                closed=True,
                facecolor=palette[key],
                edgecolor=palette[key],
                alpha=0.13,
                linewidth=0.8,
                zorder=0.5,
                gid=f"group:{key}",
            )
        )
        label = text(
            ax,
            0.0,
            0.0,
            wrap(names[key], 26, 2),
            ha="left",
            va="bottom",
            fontsize=7.5,
            fontweight="bold",
            color="#333333",
            linespacing=1.0,
            zorder=4.6,
            path_effects=[patheffects.withStroke(linewidth=2.5, foreground="white")],
        )
        extent = label.get_window_extent(renderer)
        xs = [p[0] for p in hull]
        ys = [p[1] for p in hull]
        artists[key] = label
        requests.append(
            LabelRequest(
                key,
                (min(xs) + max(xs)) / 2,
                (min(ys) + max(ys)) / 2,
                (max(xs) - min(xs)) / 2,
                extent.width * scale,
                extent.height * scale,
                ry=(max(ys) - min(ys)) / 2,
            )
        )
    obstacles = [(to_pt[n][0], to_pt[n][1], radii[n]) for n in shown]
    placed = place_labels(requests, bounds=bounds, obstacles=obstacles, spots=GROUP_SPOTS, gap=0.0, max_covered=1)
    for key, label in artists.items():
        where = placed.get(key)
        if where is None:
            label.remove()
        else:
            label.set_position((where.box[0], where.box[1]))
            label.set_gid(f"group-label:{key}")
    return [where.box for where in placed.values()]


def groups_of(graph: Any, shown: list[str], groups: str) -> tuple[dict[str, list[str]], dict[str, str], dict[str, str]]:
    """The shown actors by group (sector or community): members, each group's name and colour."""
    from nsc_workshop.datasets import sectors as sector_rows

    if groups == "sector":
        keys = {node: str(graph.nodes[node].get("sector") or "") for node in shown}
        labels = {str(row["id"]): str(row["label"]) for row in sector_rows()}
        palette = category_colors(sorted(set(keys.values())))
        names = {key: labels.get(key, key) or t("plot.no_sector") for key in set(keys.values())}
    else:
        from nsc_workshop.analysis.communities import communities

        found = communities(graph)
        keys = {node: str(found.get(node, -1) + 1) for node in shown}
        palette = category_colors(sorted(set(keys.values()), key=int))
        names = {key: t("mapview.community", number=key) for key in set(keys.values())}
    members: dict[str, list[str]] = {}
    for node in shown:
        members.setdefault(keys[node], []).append(node)
    return members, names, palette


def _salience_guides(ax: Axes, frame: tuple[float, float, float, float]) -> None:
    from matplotlib import patheffects
    from matplotlib.patches import Circle

    names = salience_labels()
    bands = list(SALIENCE_BANDS.items())
    cx, cy = frame[0] + frame[2] / 2, frame[1] + frame[3] / 2
    unit = frame[2] / 2
    for k, (name, (_lo, hi)) in enumerate(bands):
        outer = (hi + bands[k + 1][1][0]) / 2 if k + 1 < len(bands) else hi + 0.03
        ax.add_patch(
            Circle((cx, cy), unit * outer, fill=False, edgecolor="#BBBBBB", linestyle=(0, (4, 3)), lw=0.8, zorder=0)
        )
        text(
            ax,
            cx,
            cy - unit * outer + 2.0,
            names[name],
            ha="center",
            va="bottom",
            fontsize=7.5,
            color="#666666",
            style="italic",
            zorder=4.5,
            path_effects=[patheffects.withStroke(linewidth=2.5, foreground="white")],
        )


# -- ties -------------------------------------------------------------------------------------


def _draw_ties(
    ax: Axes,
    ties: list[tuple[str, str, Any, dict[str, Any]]],
    pos: Mapping[str, tuple[float, float]],
    radii: Mapping[str, float],
    node_scale: float,
    *,
    as_drawn: bool = False,
) -> None:
    """Ties as one line collection and one arrow-head collection per sign (coordinates in points).

    ``as_drawn``: each tie in its own ``color``, ``width`` (relative) and ``style`` where it has one.
    """
    from matplotlib.collections import LineCollection, PolyCollection

    m = len(ties)
    if m == 0:
        return
    edge_scale = float(np.clip(math.sqrt(200.0 / m), 0.45, 1.0))
    alpha = 0.85 if m < 300 else 0.55
    head_len = 7.0 * max(node_scale, 0.6)
    head_half = 2.6 * max(node_scale, 0.6)
    pairs: dict[tuple[str, str], list[int]] = {}
    for k, (u, v, _key, _data) in enumerate(ties):
        pairs.setdefault((min(u, v), max(u, v)), []).append(k)
    bend = np.zeros(m)
    for members in pairs.values():
        if len(members) > 1:
            for i, k in enumerate(members):
                bend[k] = (i - (len(members) - 1) / 2) * 0.25
    by_sign: dict[int, dict[str, list[Any]]] = {
        s: {"segs": [], "lw": [], "ls": [], "heads": [], "colors": [], "head_colors": []} for s in (1, 0, -1)
    }
    widths = relative([d.get("width") for *_, d in ties], 0.6, 3.6, fit=True) if as_drawn else [None] * m
    for k, (u, v, _key, data) in enumerate(ties):
        sign = sign_of(data.get("sign", 1))
        style = SIGN_STYLES[sign]
        weight = finite(data.get("weight"))
        weight = 1.0 if weight is None else min(max(weight, 1.0), 5.0)
        directed = bool(data.get("directed", True))
        a = np.array(pos[u], dtype=float)
        b = np.array(pos[v], dtype=float)
        line, head = _tie_geometry(a, b, u, v, radii[u], radii[v], bend[k], directed, head_len, head_half)
        dash = tie_dash(str(data.get("type") or ""), sign)
        color = style["color"]
        lw = (0.6 + 0.3 * weight) * edge_scale * style["width"]
        if as_drawn:
            color = safe_color(data.get("color")) or color
            dash = FILE_DASH.get(str(data.get("style") or ""), dash)
            lw = lw if widths[k] is None else float(widths[k] or 0.0) * edge_scale
        group = by_sign[sign]
        group["segs"].append(line)
        group["lw"].append(lw)
        group["ls"].append((0, dash) if dash else "solid")
        group["colors"].append(color)
        if head is not None:
            group["heads"].append(head)
            group["head_colors"].append(color)
    for sign, group in by_sign.items():
        if not group["segs"]:
            continue
        name = _SIGN_NAMES[sign]
        ax.add_collection(
            LineCollection(
                group["segs"],
                colors=group["colors"],
                linewidths=group["lw"],
                linestyles=group["ls"],
                alpha=alpha,
                capstyle="butt",
                zorder=1 + (0.2 if sign < 0 else 0.0),
                clip_on=False,
                gid=f"ties-{name}",
            )
        )
        if group["heads"]:
            ax.add_collection(
                PolyCollection(
                    group["heads"],
                    facecolors=group["head_colors"],
                    edgecolors="none",
                    alpha=min(1.0, alpha + 0.1),
                    zorder=1.5,
                    clip_on=False,
                    gid=f"arrows-{name}",
                )
            )


def _tie_geometry(
    a: np.ndarray[Any, Any],
    b: np.ndarray[Any, Any],
    u: str,
    v: str,
    ra: float,
    rb: float,
    bend: float,
    directed: bool,
    head_len: float,
    head_half: float,
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any] | None]:
    """The tie's polyline (from rim to rim, curved when ``bend``) and its arrow head, if any."""
    length = float(np.linalg.norm(b - a))
    cut_end = rb + (head_len * 0.85 if directed else 0.0)
    if length <= ra + cut_end + 1e-9:
        return np.vstack([a, b]), None
    if bend == 0.0:
        unit = (b - a) / length
        tip = b - unit * rb
        line = np.vstack([a + unit * ra, b - unit * cut_end])
        direction = unit
    else:
        # bend towards the same side for both directions of a pair, so the two never overlap
        lo, hi = (a, b) if u <= v else (b, a)
        normal = np.array([-(hi - lo)[1], (hi - lo)[0]]) / length
        control = (a + b) / 2 + normal * bend * length
        ts = np.linspace(0.0, 1.0, 25)[:, None]
        curve = (1 - ts) ** 2 * a + 2 * (1 - ts) * ts * control + ts**2 * b
        steps = np.linalg.norm(np.diff(curve, axis=0), axis=1)
        along = np.concatenate([[0.0], np.cumsum(steps)])
        total = float(along[-1])
        if total <= ra + cut_end:
            return np.vstack([a, b]), None
        inner = along[(along > ra) & (along < total - cut_end)]
        stops = np.concatenate([[ra], inner, [total - cut_end]])
        line = np.column_stack([np.interp(stops, along, curve[:, 0]), np.interp(stops, along, curve[:, 1])])
        tip = np.array([np.interp(total - rb, along, curve[:, 0]), np.interp(total - rb, along, curve[:, 1])])
        back = np.array(
            [np.interp(total - rb - head_len, along, curve[:, 0]), np.interp(total - rb - head_len, along, curve[:, 1])]
        )
        direction = (tip - back) / max(float(np.linalg.norm(tip - back)), 1e-12)
    if not directed:
        return line, None
    base = tip - direction * head_len
    side = np.array([-direction[1], direction[0]]) * head_half
    return line, np.vstack([tip, base + side, base - side])


# -- legends ----------------------------------------------------------------------------------


def _legends(
    fig: Figure,
    ties: list[tuple[str, str, Any, dict[str, Any]]],
    entries: list[tuple[str, str]],
    legend_title: str,
    size_by: str | None,
    highlighted: bool,
    *,
    as_drawn: bool = False,
) -> None:
    from matplotlib.lines import Line2D

    from nsc_workshop.datasets import tie_types as tie_type_rows

    if entries:
        color_legend(
            fig,
            entries,
            title=legend_title,
            x=0.725,
            one_column=16,
            wrap_widths=(28, 19),
            labelspacing=0.45,
        )
    rows = tie_type_rows()
    type_labels = {str(row["id"]): str(row["label"]) for row in rows}
    type_rank = {str(row["id"]): i for i, row in enumerate(rows)}
    combos: dict[tuple[str, int], None] = {}
    drawn_as_in_file = 0
    for *_, data in ties:
        if as_drawn and _tie_from_file(data):
            drawn_as_in_file += 1  # its colour or line is the file's: said in a note, not as a type's line
            continue
        combos[(str(data.get("type") or ""), sign_of(data.get("sign", 1)))] = None
    ordered = sorted(combos, key=lambda c: (-c[1], type_rank.get(c[0], 99), c[0]))
    handles = []
    for kind, sign in ordered:
        style = SIGN_STYLES[sign]
        dash = tie_dash(kind, sign)
        label = type_labels.get(kind, kind) or t("plot.not_set")
        if kind not in type_labels or sign != _usual_sign(kind):
            label = t("plot.tie_with_sign", type=label, sign=_sign_label(sign))
        handles.append(
            Line2D(
                [0, 1],
                [0, 0],
                color=style["color"],
                linewidth=1.4 * style["width"],
                linestyle=(0, dash) if dash else "solid",
                label=wrap(label, 32, 2),
            )
        )
    if handles:
        figure_legend(
            fig,
            handles,
            title=t("plot.legend.ties"),
            anchor=(0.725, 0.1),
            loc="lower left",
            handlelength=3.2,
            labelspacing=0.45,
        )
    notes = []
    if as_drawn:
        notes.append(t("mapfile.plot.note"))
    if drawn_as_in_file:
        notes.append(t("mapfile.legend.ties"))
    if size_by == "influence":
        notes.append(t("plot.legend.size_influence"))
    elif size_by == "interest":
        notes.append(t("plot.legend.size_interest"))
    elif size_by == "degree":
        notes.append(t("plot.legend.size_degree"))
    if any(bool(d.get("directed", True)) for *_, d in ties):
        notes.append(t("plot.legend.arrows"))
    if highlighted:
        notes.append(t("plot.legend.highlight"))
    if notes:
        text(
            fig,
            0.73,
            0.025,
            "\n".join(wrap(note, 48, 3) for note in notes),
            fontsize=7.5,
            color="#444444",
            ha="left",
            va="bottom",
            linespacing=1.25,
        )


def _tie_from_file(data: Mapping[str, Any]) -> bool:
    """Whether a tie drawn as in the file takes its colour, width or line from the file."""
    return (
        safe_color(data.get("color")) is not None
        or finite(data.get("width")) is not None
        or str(data.get("style") or "") in FILE_DASH
    )


def _usual_sign(kind: str) -> int:
    from nsc_workshop.datasets import tie_type

    row = tie_type(kind)
    return 1 if row is None else int(row["sign"])


def _sign_label(sign: int) -> str:
    return {1: t("plot.sign.positive"), 0: t("plot.sign.neutral"), -1: t("plot.sign.negative")}[sign]
