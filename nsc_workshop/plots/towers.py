"""Net-Map influence towers on their side: one bar of chips per actor, the highest first, readable at 60 actors."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from nsc_workshop.errors import InvalidOption
from nsc_workshop.i18n import t
from nsc_workshop.plots._common import (
    KEY_LIMIT,
    OTHER_COLOR,
    as_graph,
    empty_message,
    figure_legend,
    finite,
    name_list,
    sector_key,
    shorten,
    subtitle,
    text,
    title_for,
    titled_figure,
    wrap,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["KEY_LIMIT", "OTHER_COLOR", "TOP", "influence_towers"]

TOP = 25
"""Towers drawn by default: the highest; the rest are named beside them ("and 35 more: …")."""
_OTHER = "\x00other"
_NAME_WIDTH = 38
_LEFT, _RIGHT_EDGE, _SIDE = 0.255, 0.625, 0.655


def influence_towers(
    graph_or_workshop: Any,
    *,
    top: int | None = None,
    title: str | None = None,
) -> Figure:
    """Influence towers as in Net-Map, on their side: one bar of chips per actor, highest first.

    Each actor with an influence score (0-10) gets a bar of that many chips,
    coloured by sector, its name on the left (never rotated) and its score at
    the end. The ``top`` highest are drawn (:data:`TOP` by default); the rest
    are named with their scores beside the bars, and the chart says how many
    are shown of how many. The key lists only the sectors drawn, at most
    :data:`KEY_LIMIT` entries (the least frequent grouped as "other sectors",
    in grey). Actors whose influence is not assessed yet are listed apart.

    Parameters
    ----------
    graph_or_workshop
        The actor map (:func:`nsc_workshop.graph.to_networkx`) or a workshop.
    top
        How many towers to draw (default :data:`TOP`).
    title
        The figure's title (default: "Influence towers" and the workshop's title).

    Returns
    -------
    matplotlib.figure.Figure
        An A4 landscape figure. The towers are the bars of a container with
        the label ``"towers"`` (``fig.axes[0].containers``), their names texts
        with the ids ``"name:<actor id>"``; the chips' dividing lines are a
        collection with the id ``"chips"``; the towers not drawn are named in
        the text with the id ``"more"``.

    Examples
    --------
    >>> from nsc_workshop.datasets import load_sample
    >>> fig = influence_towers(load_sample(), top=10)
    >>> len(fig.axes[0].containers[0])
    10
    >>> [round(bar.get_width()) for bar in fig.axes[0].containers[0]][:3]
    [9, 9, 8]
    """
    graph = as_graph(graph_or_workshop)
    if top is not None and top < 0:
        raise InvalidOption("plot.towers.bad_top", top=top)
    limit = TOP if top is None else top
    fig = titled_figure(title_for(graph, t("plot.towers.title"), title))
    ax = fig.add_axes((_LEFT, 0.07, _RIGHT_EDGE - _LEFT, 0.82))
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.set_xlim(0, 10.6)
    ax.set_xticks(range(11))
    ax.tick_params(labelsize=9, length=3)
    ax.set_xlabel(t("plot.towers.y"), fontsize=10, parse_math=False)

    known: list[tuple[str, float, dict[str, Any]]] = []
    unknown: list[str] = []
    for node, data in graph.nodes(data=True):
        influence = finite(data.get("influence"))
        if influence is None:
            unknown.append(str(data.get("name") or node))
        else:
            known.append((node, min(max(influence, 0.0), 10.0), data))
    known.sort(key=lambda item: (-item[1], str(item[2].get("name") or item[0]).casefold(), item[0]))
    total = len(known)
    shown, rest = known[:limit], known[limit:]

    if not shown:
        ax.set_yticks([])
        ax.set_ylim(-0.5, 0.5)
        if not known:
            empty_message(ax, t("plot.empty") if graph.number_of_nodes() == 0 else t("plot.towers.none_scored"))
    else:
        _towers(fig, ax, shown)
    if rest:
        subtitle(fig, t("charts.towers.shown", count=total, shown=len(shown)), _LEFT)
    top_of_side = 0.89 - 0.027 * (min(_key_size(shown), KEY_LIMIT) + 1) - 0.03 if shown else 0.89
    if rest:
        top_of_side = _more(fig, rest, top_of_side, room=top_of_side - (0.3 if unknown else 0.04))
    if unknown:
        heading = wrap(t("plot.towers.unknown", count=len(unknown)), 44, 3)
        rows = max(3, min(12, int((top_of_side - 0.05) / 0.022) - heading.count("\n") - 1))
        names = name_list(sorted(unknown, key=str.casefold), rows, 44)
        _side_text(fig, top_of_side, heading + "\n" + names, gid="unknown", color="#333333")
    return fig


def _key_size(shown: list[tuple[str, float, dict[str, Any]]]) -> int:
    return len({str(data.get("sector") or "") for *_, data in shown})


def _side_text(fig: Figure, top: float, body: str, *, gid: str, color: str = "#222222") -> None:
    """A block of text in the column right of the towers, from ``top`` down."""
    text(fig, _SIDE, top, body, fontsize=8, color=color, ha="left", va="top", linespacing=1.3, gid=gid)


def _more(fig: Figure, rest: list[tuple[str, float, dict[str, Any]]], top: float, room: float) -> float:
    """Name the towers not drawn, with their scores, in the side column; returns where the column goes on."""
    low, high = rest[-1][1], rest[0][1]
    heading = wrap(
        t("charts.towers.more", count=len(rest), low=f"{low:g}", high=f"{high:g}")
        if low != high
        else t("charts.towers.more_same", count=len(rest), score=f"{low:g}"),
        52,
        3,
    )
    line = 0.0215
    rows = max(2, int(room / line) - heading.count("\n") - 1)
    two_columns = len(rest) > rows
    width = 25 if two_columns else 40
    entries = [f"{shorten(str(data.get('name') or node), width)} ({value:g})" for node, value, data in rest]
    capacity = 2 * rows if two_columns else rows
    if len(entries) > capacity:
        entries = [*entries[: capacity - 1], t("plot.more", count=len(entries) - capacity + 1)]
    columns = [entries[:rows], entries[rows:]]
    _side_text(fig, top, heading, gid="more_heading")
    body_top = top - line * (heading.count("\n") + 1) - 0.006
    for k, column in enumerate(columns):
        if column:
            text(
                fig,
                _SIDE + 0.172 * k,
                body_top,
                "\n".join(column),
                fontsize=8,
                color="#222222",
                ha="left",
                va="top",
                linespacing=1.3,
                gid="more" if k == 0 else "more:2",
            )
    used = line * (heading.count("\n") + 1 + max(len(c) for c in columns))
    return top - used - 0.035


def _key(shown: list[tuple[str, float, dict[str, Any]]]) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Each drawn tower's sector → colour (the least frequent as "other"), and the key's entries."""
    return sector_key([str(data.get("sector") or "") for *_, data in shown], KEY_LIMIT)


def _towers(fig: Figure, ax: Any, shown: list[tuple[str, float, dict[str, Any]]]) -> None:
    from matplotlib.collections import LineCollection
    from matplotlib.patches import Patch

    k = len(shown)
    ys = np.arange(k, dtype=float)
    widths = np.array([value for _, value, _ in shown])
    colors, entries = _key(shown)
    ax.barh(
        ys,
        widths,
        height=0.72,
        color=[colors[str(data.get("sector") or "")] for *_, data in shown],
        edgecolor="#222222",
        linewidth=0.6,
        label="towers",
        zorder=2,
    )
    chips = [
        [(level, y - 0.36), (level, y + 0.36)]
        for y, width in zip(ys, widths, strict=True)
        for level in range(1, int(np.ceil(width)))
        if level < width
    ]
    if chips:
        ax.add_collection(LineCollection(chips, colors="white", linewidths=1.4, zorder=3, gid="chips"))
    ax.set_ylim(max(k, 12) - 0.4, -0.6)  # the highest on top; a few towers keep their height, at the top
    ax.set_yticks([])
    fontsize = 9.0 if k <= 30 else 7.5
    names_at = ax.get_yaxis_transform()  # x in axes fraction, y in data
    for y, width, (node, _, data) in zip(ys, widths, shown, strict=True):
        text(ax, width + 0.1, y, f"{width:g}", ha="left", va="center", fontsize=fontsize, color="#333333")
        text(
            ax,
            -0.015,
            y,
            shorten(str(data.get("name") or node), _NAME_WIDTH),
            ha="right",
            va="center",
            fontsize=fontsize,
            transform=names_at,
            gid=f"name:{node}",
        )
    handles = [
        Patch(facecolor=color, edgecolor="#222222", linewidth=0.6, label=wrap(label, 40, 1)) for label, color in entries
    ]
    figure_legend(fig, handles, title=t("plot.legend.sector"), anchor=(_SIDE - 0.008, 0.905), fontsize=8.5)
