"""What the figures share: the graph from a workshop, plain text, labels, sectors and salience."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal

from nsc_workshop.errors import InvalidOption
from nsc_workshop.i18n import t

if TYPE_CHECKING:
    import networkx as nx
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.legend import Legend
    from matplotlib.text import Text

__all__ = [
    "A4_LANDSCAPE",
    "KEY_LIMIT",
    "OTHER_COLOR",
    "SALIENCE_CLASSES",
    "as_graph",
    "bad_option",
    "color_legend",
    "figure_legend",
    "footnote",
    "name_actors",
    "new_figure",
    "place_labels",
    "plain_legend",
    "salience_class",
    "salience_labels",
    "sector_entries",
    "sector_key",
    "sector_label",
    "sector_order",
    "shorten",
    "subtitle",
    "text",
    "title_for",
    "titled_figure",
    "wrap",
]

A4_LANDSCAPE = (11.69, 8.27)
"""Inches: every figure prints on one A4 page."""

SALIENCE_CLASSES: tuple[str, ...] = ("definitive", "expectant", "latent", "non_stakeholder")
"""Mitchell, Agle & Wood's classes, from the most salient (three attributes) to none."""


def as_graph(graph_or_workshop: Any) -> nx.MultiDiGraph:
    """The actor map as a graph, from a graph or a :class:`~nsc_workshop.model.Workshop`."""
    from nsc_workshop.model import Workshop

    if isinstance(graph_or_workshop, Workshop):
        from nsc_workshop.graph import to_networkx

        return to_networkx(graph_or_workshop)
    return graph_or_workshop


def new_figure(figsize: tuple[float, float] = A4_LANDSCAPE) -> Figure:
    """A figure with its own Agg canvas (no pyplot, no global state)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize, dpi=100)
    FigureCanvasAgg(fig)
    return fig


def titled_figure(title: str) -> Figure:
    """An A4 landscape figure (:func:`new_figure`) with ``title`` at its top left."""
    fig = new_figure(A4_LANDSCAPE)
    fig.suptitle(title, x=0.015, y=0.975, ha="left", fontsize=15, fontweight="bold", parse_math=False)
    return fig


def text(where: Axes | Figure, x: float, y: float, s: str, **kwargs: Any) -> Text:
    """Text drawn literally: ``$`` is never mathtext, TeX is never used."""
    return where.text(x, y, s, parse_math=False, usetex=False, **kwargs)


def plain_legend(legend: Legend | None) -> Legend | None:
    """Make a legend's texts literal (a sector named ``$x$`` stays ``$x$``)."""
    if legend is not None:
        for item in [*legend.get_texts(), legend.get_title()]:
            item.set_parse_math(False)
            item.set_usetex(False)
    return legend


def figure_legend(
    fig: Figure,
    handles: Sequence[Artist],
    *,
    title: str,
    anchor: tuple[float, float],
    loc: Literal["upper left", "lower left"] = "upper left",
    fontsize: float = 7.5,
    **options: Any,
) -> Legend | None:
    """A legend beside the plot: no frame, title and entries aligned left, texts literal."""
    return plain_legend(
        fig.legend(
            handles=handles,
            loc=loc,
            bbox_to_anchor=anchor,
            frameon=False,
            fontsize=fontsize,
            title=title,
            title_fontsize=9,
            alignment="left",
            **options,
        )
    )


def color_legend(
    fig: Figure,
    entries: Sequence[tuple[str, str]],
    *,
    title: str,
    x: float,
    marker: str = "o",
    edgecolor: str = "#333333",
    one_column: int,
    wrap_widths: tuple[int, int],
    fontsize: float = 7.5,
    columnspacing: float = 0.8,
    labelspacing: float = 0.4,
) -> None:
    """The legend of the colours (``(label, colour)`` entries), top right of the figure from ``x``.

    Above ``one_column`` entries it has two columns; the labels are wrapped on
    two lines of ``wrap_widths`` characters (in one column, in two).
    """
    from matplotlib.lines import Line2D

    many = len(entries) > one_column
    handles = [
        Line2D(
            [],
            [],
            marker=marker,
            linestyle="",
            markerfacecolor=color,
            markeredgecolor=edgecolor,
            markeredgewidth=0.6,
            markersize=7,
            label=wrap(label, wrap_widths[1] if many else wrap_widths[0], 2),
        )
        for label, color in entries
    ]
    figure_legend(
        fig,
        handles,
        title=title,
        anchor=(x, 0.93),
        fontsize=fontsize,
        ncols=2 if many else 1,
        handletextpad=0.3,
        columnspacing=columnspacing,
        labelspacing=labelspacing,
    )


def subtitle(fig: Figure, s: str, x: float = 0.015) -> Text:
    """A grey line under the title (what is shown, counts)."""
    return text(fig, x, 0.925, s, fontsize=9, color="#444444", ha="left", va="baseline")


def footnote(fig: Figure, s: str, x: float, y: float) -> Text:
    """A grey note at the bottom of the figure (what is left out)."""
    return text(fig, x, y, s, fontsize=8, color="#444444", ha="left", va="bottom")


def title_for(graph: nx.MultiDiGraph, plot: str, title: str | None) -> str:
    """The figure's title: ``title`` if given, else the plot's name and the workshop's title."""
    if title is not None:
        return title
    workshop = str(graph.graph.get("title") or "").strip()
    return t("plot.title_with_workshop", plot=plot, workshop=workshop) if workshop else plot


def bad_option(option: str, value: Any, choices: Iterable[Any]) -> InvalidOption:
    """The error for a choice a chart does not offer: a :class:`ValueError` the apps show as a message."""
    return InvalidOption(
        "plot.bad_option", option=option, value=repr(value), choices=", ".join(repr(c) for c in choices)
    )


def sector_order() -> dict[str, int]:
    """Each known sector's position in ``datasets/sectors.json``."""
    from nsc_workshop.datasets import sectors

    return {str(row["id"]): i for i, row in enumerate(sectors())}


def sector_sort_key(order: dict[str, int]) -> Any:
    """Sort sectors by their place in the dataset, custom ones after (by name), none last."""

    def key(sector: str) -> tuple[int, int, str]:
        if sector == "":
            return (2, 0, "")
        if sector in order:
            return (0, order[sector], sector)
        return (1, 0, sector.casefold())

    return key


KEY_LIMIT = 8
"""At most this many entries in a sector key: beyond, the least frequent sectors are grouped as "other"."""
OTHER_COLOR = "#BBBBBB"
"""The colour of what a key groups as "other sectors"."""


def sector_key(sectors: Sequence[str], limit: int = KEY_LIMIT) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Each sector's colour and a key of at most ``limit`` entries: the most frequent sectors, then "N other sectors".

    A room reads eight colours, not 26: the least frequent sectors share one grey.

    >>> colors, entries = sector_key(["police"] * 3 + ["schools"] * 2 + [f"s{i}" for i in range(9)], limit=4)
    >>> len(entries), entries[-1][1], colors["s8"]
    (4, '#BBBBBB', '#BBBBBB')
    """
    import collections

    from nsc_workshop.plots.palette import category_colors

    palette = category_colors(list(sectors))
    counts = collections.Counter(sectors)
    order = sector_sort_key(sector_order())
    ranked = sorted(counts, key=lambda s: (-counts[s], order(s)))
    kept = set(ranked if len(ranked) <= limit else ranked[: limit - 1])
    colors = {s: palette[s] if s in kept else OTHER_COLOR for s in counts}
    entries = [(sector_label(s), palette[s]) for s in sorted(kept, key=order)]
    others = len(counts) - len(kept)
    if others:
        entries.append((t("charts.key.other_sectors", count=others), OTHER_COLOR))
    return colors, entries


def sector_entries(palette: dict[str, str]) -> list[tuple[str, str]]:
    """The legend's ``(label, colour)`` of each sector of ``palette``, in the dataset's order."""
    from nsc_workshop.datasets import labels

    names = labels("sectors")
    return [(sector_label(s, names), palette[s]) for s in sorted(palette, key=sector_sort_key(sector_order()))]


def sector_label(sector: str, labels: dict[str, str] | None = None) -> str:
    """A sector's translated label (a custom sector's own text; no sector: "No sector")."""
    if not sector:
        return t("plot.no_sector")
    if labels is None:
        from nsc_workshop.datasets import labels as dataset_labels

        labels = dataset_labels("sectors")
    return labels.get(sector, sector)


def salience_class(data: dict[str, Any]) -> str:
    """Mitchell-Agle-Wood class from ``power``, ``legitimacy`` and ``urgency`` (None counts as absent)."""
    count = sum(1 for attribute in ("power", "legitimacy", "urgency") if data.get(attribute) is True)
    return SALIENCE_CLASSES[3 - count]


def salience_labels() -> dict[str, str]:
    return {
        "definitive": t("plot.salience.definitive"),
        "expectant": t("plot.salience.expectant"),
        "latent": t("plot.salience.latent"),
        "non_stakeholder": t("plot.salience.non_stakeholder"),
    }


def shorten(name: str, limit: int) -> str:
    """``name`` cut to ``limit`` characters with an ellipsis."""
    name = " ".join(str(name).split())
    return name if len(name) <= limit else name[: max(1, limit - 1)].rstrip() + "…"


def wrap(name: str, width: int = 22, lines: int = 2) -> str:
    """``name`` wrapped on at most ``lines`` lines of about ``width`` characters."""
    name = " ".join(str(name).split())
    parts = textwrap.wrap(name, width=width, break_long_words=True) or [""]
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = shorten(parts[-1] + " …", width)
    return "\n".join(parts)


def name_list(names: Sequence[str], limit: int = 12, width: int = 34) -> str:
    """A column of names, at most ``limit`` of them, then "...and N more"."""
    shown = [shorten(n, width) for n in names[:limit]]
    if len(names) > limit:
        shown.append(t("plot.more", count=len(names) - limit))
    return "\n".join(shown)


def place_labels(
    ax: Axes,
    points: Sequence[tuple[float, float]],
    labels: Sequence[str],
    radii_pt: Sequence[float],
    *,
    fontsize: float,
    obstacles_pt: float = 0.0,
    fallback: Sequence[str] | None = None,
    **kwargs: Any,
) -> tuple[list[Text], set[int]]:
    """Put each label beside its point where it overlaps no label placed before it.

    Greedy: labels are placed in the order given (put the most important
    first), each at the first of eight spots around its point (below, above,
    right, left, then the corners) that overlaps no earlier label and no other
    point; when none is free, at the least crowded one, or, when ``fallback``
    gives a short stand-in (a number), the stand-in goes there instead. Sizes
    are estimated from the number of characters, so it needs no drawing. The
    axes' limits and position must be final.

    Returns the texts (one per non-empty label, in order) and the positions
    of the labels replaced by their stand-in.
    """
    fig = _root(ax)
    if not points:
        return [], set()
    bbox = ax.get_position()
    width_in = bbox.width * fig.get_figwidth()
    height_in = bbox.height * fig.get_figheight()
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    sx = width_in * 72.0 / (x1 - x0)  # points per data unit
    sy = height_in * 72.0 / (y1 - y0)
    pts = [((x - x0) * sx, (y - y0) * sy) for x, y in points]
    char_w = 0.56 * fontsize
    line_h = 1.2 * fontsize
    placed: list[tuple[float, float, float, float]] = []
    artists = []
    grid: dict[tuple[int, int], list[int]] = {}
    cell = 40.0
    for i, (px, py) in enumerate(pts):
        grid.setdefault((int(px // cell), int(py // cell)), []).append(i)

    def crowding(box: tuple[float, float, float, float], own: int) -> float:
        left, bottom, right, top = box
        cost = 0.0
        for other in placed:
            dx = min(right, other[2]) - max(left, other[0])
            dy = min(top, other[3]) - max(bottom, other[1])
            if dx > 0 and dy > 0:
                cost += dx * dy
        for gx in range(int(left // cell) - 1, int(right // cell) + 2):
            for gy in range(int(bottom // cell) - 1, int(top // cell) + 2):
                for j in grid.get((gx, gy), ()):
                    if j == own:
                        continue
                    qx, qy = pts[j]
                    r = radii_pt[j] + obstacles_pt
                    dx = min(right, qx + r) - max(left, qx - r)
                    dy = min(top, qy + r) - max(bottom, qy - r)
                    if dx > 0 and dy > 0:
                        cost += 0.5 * dx * dy
        if left < 0 or bottom < 0 or right > width_in * 72 or top > height_in * 72:
            cost += 1e6
        return cost

    def best_spot(i: int, label: str) -> tuple[float, tuple[float, float, float, float], tuple[Any, ...]]:
        px, py = pts[i]
        lines = label.split("\n")
        w = max(len(line) for line in lines) * char_w
        h = len(lines) * line_h
        gap = radii_pt[i] + 1.5
        spots = [
            (px, py - gap, "center", "top"),
            (px, py + gap, "center", "bottom"),
            (px + gap, py, "left", "center"),
            (px - gap, py, "right", "center"),
            (px + gap * 0.7, py - gap * 0.7, "left", "top"),
            (px - gap * 0.7, py - gap * 0.7, "right", "top"),
            (px + gap * 0.7, py + gap * 0.7, "left", "bottom"),
            (px - gap * 0.7, py + gap * 0.7, "right", "bottom"),
        ]
        best: tuple[float, tuple[float, float, float, float], tuple[Any, ...]] | None = None
        for spot in spots:
            ax_, ay_, ha, va = spot
            left = ax_ - (w / 2 if ha == "center" else (w if ha == "right" else 0))
            bottom = ay_ - (h / 2 if va == "center" else (h if va == "top" else 0))
            box = (left, bottom, left + w, bottom + h)
            cost = crowding(box, i)
            if best is None or cost < best[0] - 1e-9:
                best = (cost, box, spot)
            if cost == 0:
                break
        assert best is not None
        return best

    replaced: set[int] = set()
    for i, label in enumerate(labels):
        if not label:
            continue
        cost, box, spot = best_spot(i, label)
        if cost > 4.0 and fallback is not None and fallback[i]:
            label = fallback[i]
            cost, box, spot = best_spot(i, label)
            replaced.add(i)
        placed.append(box)
        ax_, ay_, ha, va = spot
        artists.append(
            text(
                ax,
                x0 + ax_ / sx,
                y0 + ay_ / sy,
                label,
                ha=ha,
                va=va,
                fontsize=fontsize,
                linespacing=1.0,
                **kwargs,
            )
        )
    return artists, replaced


def name_actors(
    ax: Axes,
    xy: Any,
    order: Sequence[int],
    ids: Sequence[str],
    labels: Sequence[str],
    radii_pt: Sequence[float],
    *,
    fontsize: float,
    fallback: Sequence[str] | None = None,
) -> tuple[list[Text], set[int]]:
    """Name the actors at ``xy[i]`` for ``i`` in ``order``, the most important first.

    :func:`place_labels` with ``labels``, ``radii_pt`` and ``fallback`` given in
    that order: dark text on a light, half-transparent box (not a stroked
    halo, which an SVG can only draw as outlines: slow, and no longer text),
    each text with the id ``label:<actor id>`` (``ids[i]`` is the id of the
    actor at ``xy[i]``).
    """
    artists, replaced = place_labels(
        ax,
        [(float(xy[i, 0]), float(xy[i, 1])) for i in order],
        labels,
        radii_pt,
        fontsize=fontsize,
        fallback=fallback,
        color="#111111",
        zorder=5,
        bbox={"boxstyle": "square,pad=0.08", "facecolor": "white", "edgecolor": "none", "alpha": 0.78},
    )
    for k, artist in enumerate(artists):
        artist.set_gid(f"label:{ids[order[k]]}")
    return artists, replaced


def _root(ax: Axes) -> Figure:
    fig = ax.get_figure(root=True)
    assert fig is not None
    return fig


def points_per_unit(ax: Axes) -> float:
    """Points per data unit along x (the axes' limits and position must be final)."""
    fig = _root(ax)
    x0, x1 = ax.get_xlim()
    return float(ax.get_position().width * fig.get_figwidth() * 72.0 / (x1 - x0))


def equal_limits(ax: Axes, xs: tuple[float, float], ys: tuple[float, float]) -> None:
    """Limits covering ``xs`` and ``ys`` with one scale on both axes, filling the axes box."""
    fig = _root(ax)
    bbox = ax.get_position()
    box_w = bbox.width * fig.get_figwidth()
    box_h = bbox.height * fig.get_figheight()
    dx = max(xs[1] - xs[0], 1e-9)
    dy = max(ys[1] - ys[0], 1e-9)
    scale = min(box_w / dx, box_h / dy)
    half_w = box_w / scale / 2
    half_h = box_h / scale / 2
    cx = (xs[0] + xs[1]) / 2
    cy = (ys[0] + ys[1]) / 2
    ax.set_xlim(cx - half_w, cx + half_w)
    ax.set_ylim(cy - half_h, cy + half_h)


def empty_message(ax: Axes, message: str | None = None) -> None:
    """A centred message in an axes with nothing to show."""
    text(
        ax,
        0.5,
        0.5,
        message or t("plot.empty"),
        ha="center",
        va="center",
        fontsize=12,
        color="#555555",
        transform=ax.transAxes,
        wrap=True,
    )


def sign_of(value: Any) -> int:
    """A tie's sign as -1, 0 or +1 (missing or unreadable: +1)."""
    number = finite(value)
    if number is None:
        return 1
    return (number > 0) - (number < 0)


def finite(value: Any) -> float | None:
    """``value`` as a finite float, or None."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def label_cells(ax: Axes, counts: Any, *, fontsize: float, show: Callable[[int, int, int], bool]) -> None:
    """Write each cell's count of a heat map in it (white on dark cells), where ``show(i, j, value)``."""
    top = max(int(counts.max()), 1) if counts.size else 1
    rows, columns = counts.shape
    for i in range(rows):
        for j in range(columns):
            value = int(counts[i, j])
            if show(i, j, value):
                text(
                    ax,
                    j,
                    i,
                    str(value),
                    ha="center",
                    va="center",
                    fontsize=fontsize,
                    color="white" if value > 0.55 * top else "#222222",
                    zorder=4,
                )


def count_colorbar(fig: Figure, image: Any, *, left: float, label: str) -> Any:
    """A slim colour bar of whole counts at the figure's lower right, starting at ``left``."""
    from matplotlib.ticker import MaxNLocator

    bar = fig.colorbar(image, cax=fig.add_axes((left, 0.06, 0.014, 0.3)))
    bar.set_label(label, fontsize=9)
    bar.ax.tick_params(labelsize=8)
    bar.ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    return bar
