"""Mendelow's power/interest grid of the actors."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np

from nsc_workshop.i18n import t
from nsc_workshop.plots._common import (
    SALIENCE_CLASSES,
    as_graph,
    color_legend,
    empty_message,
    figure_legend,
    finite,
    footnote,
    name_actors,
    salience_class,
    salience_labels,
    sector_key,
    shorten,
    text,
    title_for,
    titled_figure,
    wrap,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["LABEL_LIMIT", "LABEL_TOP", "QUADRANTS", "SALIENCE_MARKERS", "power_interest_grid"]

SALIENCE_MARKERS: dict[str, str] = {"definitive": "*", "expectant": "D", "latent": "^", "non_stakeholder": "o"}
"""Marker of each salience class (shapes tell apart in grey too)."""
_MARKER_AREA = {"definitive": 230.0, "expectant": 62.0, "latent": 90.0, "non_stakeholder": 75.0}

QUADRANTS: tuple[str, ...] = ("manage_closely", "keep_satisfied", "keep_informed", "monitor")
"""High power and interest; high power, low interest; low power, high interest; both low."""

LABEL_LIMIT = 80
"""Above this many actors on the grid, only the :data:`LABEL_TOP` most influential are named."""
LABEL_TOP = 30


def power_interest_grid(
    graph_or_workshop: Any,
    *,
    threshold: float = 5,
    title: str | None = None,
    labels: bool = True,
) -> Figure:
    """Mendelow's grid: influence (as power) up, interest across, four strategies.

    Each actor with both an influence and an interest score (0-10) is a point
    coloured by sector, shaped by its Mitchell-Agle-Wood salience class (a
    star for definitive, a diamond for expectant, a triangle for latent, a
    circle otherwise) and named. Actors sharing a score sit in a small ring
    around it. A score at or above ``threshold`` is high; the dividing lines
    are drawn half a step below it, so no actor sits on a line. Actors with an
    unknown score are listed beside the grid.

    Parameters
    ----------
    graph_or_workshop
        The actor map (:func:`nsc_workshop.graph.to_networkx`) or a workshop.
    threshold
        The lowest high score (default 5).
    title
        The figure's title (default: "Power/interest grid" and the workshop's title).
    labels
        Name the actors (above :data:`LABEL_LIMIT`, only the :data:`LABEL_TOP`
        most influential).

    Returns
    -------
    matplotlib.figure.Figure
        An A4 landscape figure. The points are collections with the ids
        ``"actors:<salience class>"``; the quadrant captions are texts with
        the ids ``"quadrant:<name>"``.

    Examples
    --------
    >>> from nsc_workshop.datasets import load_sample
    >>> fig = power_interest_grid(load_sample())
    >>> sum(len(c.get_offsets()) for c in fig.axes[0].collections if str(c.get_gid()).startswith("actors"))
    59
    >>> sorted(str(x.get_gid()) for x in fig.axes[0].texts if str(x.get_gid()).startswith("quadrant"))
    ['quadrant:keep_informed', 'quadrant:keep_satisfied', 'quadrant:manage_closely', 'quadrant:monitor']
    """
    graph = as_graph(graph_or_workshop)
    fig = titled_figure(title_for(graph, t("plot.grid.title"), title))
    ax = fig.add_axes((0.07, 0.08, 0.58, 0.83))
    low, high = -0.6, 10.6
    ax.set_xlim(low, high)
    ax.set_ylim(-1.5, 11.7)
    ax.set_xticks(range(11))
    ax.set_yticks(range(11))
    ax.tick_params(labelsize=8, length=3)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.spines["left"].set_bounds(0, 10)
    ax.spines["bottom"].set_bounds(0, 10)
    ax.set_xlabel(t("plot.grid.x", threshold=_number(threshold)), fontsize=10, parse_math=False)
    ax.set_ylabel(t("plot.grid.y", threshold=_number(threshold)), fontsize=10, parse_math=False)
    _quadrants(ax, threshold, low, high)

    placed: list[tuple[str, float, float, dict[str, Any]]] = []
    missing: list[str] = []
    for node, data in graph.nodes(data=True):
        influence = finite(data.get("influence"))
        interest = finite(data.get("interest"))
        name = str(data.get("name") or node)
        if influence is None or interest is None:
            missing.append(name)
        else:
            placed.append((node, min(max(interest, 0.0), 10.0), min(max(influence, 0.0), 10.0), data))

    if not placed:
        empty_message(ax, t("plot.empty") if graph.number_of_nodes() == 0 else t("plot.grid.none_placed"))
    xy = _spread([(x, y) for _, x, y, _ in placed])
    sectors = [str(data.get("sector") or "") for *_, data in placed]
    palette, key = sector_key(sectors)  # at most eight colours: the rest share the grey of "other sectors"
    classes = [salience_class(data) for *_, data in placed]
    for name in SALIENCE_CLASSES:
        members = [i for i, c in enumerate(classes) if c == name]
        if not members:
            continue
        ax.scatter(
            xy[members, 0],
            xy[members, 1],
            s=_MARKER_AREA[name],
            marker=SALIENCE_MARKERS[name],
            c=[palette[sectors[i]] for i in members],
            edgecolors="#222222",
            linewidths=0.6,
            zorder=3,
            gid=f"actors:{name}",
        )

    note = ""
    key_lines: list[str] = []
    if labels and placed:
        order = sorted(
            range(len(placed)), key=lambda i: (-placed[i][2], -placed[i][1], str(placed[i][3].get("name") or ""))
        )
        if len(order) > LABEL_LIMIT:
            order = order[:LABEL_TOP]
            note = t("plot.labels_limited", shown=len(order), total=len(placed))
        names = [" ".join(str(placed[i][3].get("name") or placed[i][0]).split()) for i in order]
        artists, replaced = name_actors(
            ax,
            xy,
            order,
            [node for node, *_ in placed],
            [wrap(name, 20, 2) for name in names],
            [7.0 if classes[i] != "definitive" else 9.0 for i in order],
            fontsize=6.5,
            fallback=[str(k + 1) for k in range(len(order))],
        )
        for k, artist in enumerate(artists):
            if k in replaced:
                artist.set_fontweight("bold")
                key_lines.append(f"{k + 1}  {names[k]}")
    if note:
        footnote(fig, note, 0.07, 0.015)
    _legends(fig, key, classes)
    bottom = 0.04
    if missing:
        rows = min(len(missing), 8)
        heading = wrap(t("plot.grid.unplaced", count=len(missing)), 64, 2)
        top = bottom + 0.0185 * (rows + heading.count("\n") + 1)
        text(fig, 0.69, top, heading, fontsize=7, color="#333333", ha="left", va="top", gid="unplaced")
        _columns(fig, sorted(missing), 0.69, top - 0.0185 * (heading.count("\n") + 1), rows, fontsize=7)
        bottom = top + 0.03
    if key_lines:
        rows = max(1, min(len(key_lines), int((0.44 - bottom) / 0.0165)))
        text(fig, 0.69, 0.44, t("plot.grid.key"), fontsize=7, color="#333333", ha="left", va="top", gid="key")
        _columns(fig, key_lines, 0.69, 0.44 - 0.02, rows, fontsize=6.5)
    return fig


def _columns(fig: Figure, lines: list[str], x: float, top: float, rows: int, *, fontsize: float) -> None:
    """Lines in up to two columns of ``rows`` lines from ``(x, top)`` (then "...and N more")."""
    limit = 2 * rows
    shown = [shorten(line, 34) for line in lines[:limit]]
    if len(lines) > limit:
        shown[-1] = t("plot.more", count=len(lines) - limit + 1)
    for column, start in enumerate(range(0, len(shown), rows)):
        text(
            fig,
            x + 0.155 * column,
            top,
            "\n".join(shown[start : start + rows]),
            fontsize=fontsize,
            color="#222222",
            ha="left",
            va="top",
            linespacing=1.25,
        )


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _quadrants(ax: Any, threshold: float, low: float, high: float) -> None:
    from matplotlib.patches import Rectangle

    cut = threshold - 0.5
    cut = min(max(cut, low), high)
    shades = {
        "manage_closely": ((cut, cut), high - cut, high - cut, "#E9E9E9"),
        "keep_satisfied": ((low, cut), cut - low, high - cut, "#F4F4F4"),
        "keep_informed": ((cut, low), high - cut, cut - low, "#F4F4F4"),
        "monitor": ((low, low), cut - low, cut - low, "#FCFCFC"),
    }
    for corner, width, height, color in shades.values():
        ax.add_patch(Rectangle(corner, width, height, facecolor=color, edgecolor="none", zorder=0))
    ax.plot([cut, cut], [low, high], color="#888888", lw=1.0, ls=(0, (5, 3)), zorder=1)
    ax.plot([low, high], [cut, cut], color="#888888", lw=1.0, ls=(0, (5, 3)), zorder=1)
    captions = {
        "manage_closely": (t("plot.grid.manage_closely"), t("plot.grid.manage_closely.help")),
        "keep_satisfied": (t("plot.grid.keep_satisfied"), t("plot.grid.keep_satisfied.help")),
        "keep_informed": (t("plot.grid.keep_informed"), t("plot.grid.keep_informed.help")),
        "monitor": (t("plot.grid.monitor"), t("plot.grid.monitor.help")),
    }
    spots = {
        "manage_closely": (high, 11.65, "right", "top"),
        "keep_satisfied": (low, 11.65, "left", "top"),
        "keep_informed": (high, -1.45, "right", "bottom"),
        "monitor": (low, -1.45, "left", "bottom"),
    }
    for name, (x, y, ha, va) in spots.items():
        caption, help_text = captions[name]
        text(
            ax,
            x,
            y,
            f"{caption}\n{help_text}" if va == "top" else f"{help_text}\n{caption}",
            ha=ha,
            va=va,
            fontsize=10,
            color="#333333",
            fontweight="bold",
            linespacing=1.3,
            zorder=2,
            gid=f"quadrant:{name}",
        )


def _spread(points: list[tuple[float, float]]) -> np.ndarray[Any, Any]:
    """Points sharing a score spread on a small ring (or disc) around it, in a fixed order."""
    out = np.array(points, dtype=float).reshape(-1, 2)
    same: dict[tuple[float, float], list[int]] = {}
    for i, point in enumerate(points):
        same.setdefault(point, []).append(i)
    for (x, y), members in same.items():
        k = len(members)
        if k == 1:
            continue
        for j, i in enumerate(members):
            if k <= 6:
                r, angle = 0.28, math.pi / 2 + 2 * math.pi * j / k
            else:
                r = 0.4 * math.sqrt((j + 0.5) / k)
                angle = j * math.pi * (3 - math.sqrt(5))
            out[i] = (x + r * math.cos(angle), y + r * math.sin(angle))
    return out


def _legends(fig: Figure, key: list[tuple[str, str]], classes: list[str]) -> None:
    from matplotlib.lines import Line2D

    if key:
        color_legend(
            fig,
            key,
            title=t("plot.legend.sector"),
            x=0.69,
            one_column=14,
            wrap_widths=(30, 19),
        )
    present = [c for c in SALIENCE_CLASSES if c in classes]
    if present:
        names = salience_labels()
        handles = [
            Line2D(
                [],
                [],
                marker=SALIENCE_MARKERS[c],
                linestyle="",
                markerfacecolor="#BBBBBB",
                markeredgecolor="#222222",
                markersize=11 if c == "definitive" else 7,
                label=names[c],
            )
            for c in present
        ]
        figure_legend(
            fig,
            handles,
            title=t("plot.legend.salience"),
            anchor=(0.69, 0.57),
            ncols=2,
            columnspacing=1.0,
            labelspacing=0.6,
        )
