"""Net-Map influence towers: a stack of chips per actor."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from nsc_workshop.i18n import t
from nsc_workshop.plots._common import (
    as_graph,
    color_legend,
    empty_message,
    finite,
    name_list,
    sector_entries,
    shorten,
    subtitle,
    text,
    title_for,
    titled_figure,
    wrap,
)
from nsc_workshop.plots.palette import category_colors

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["NAME_LIMIT", "influence_towers"]

NAME_LIMIT = 60
"""Above this many towers none is named underneath; the :data:`LISTED` highest are listed beside them."""
LISTED = 15


def influence_towers(
    graph_or_workshop: Any,
    *,
    top: int | None = None,
    title: str | None = None,
) -> Figure:
    """Influence towers as in Net-Map: one stack of chips per actor, highest first.

    Each actor with an influence score (0-10) gets a tower of that many chips,
    coloured by sector and named underneath; the score stands on top. Actors
    whose influence is not assessed yet are listed beside the towers (to be
    scored, as in Net-Map, before the tower is recorded).

    Parameters
    ----------
    graph_or_workshop
        The actor map (:func:`nsc_workshop.graph.to_networkx`) or a workshop.
    top
        Show only the ``top`` highest towers (default: all).
    title
        The figure's title (default: "Influence towers" and the workshop's title).

    Returns
    -------
    matplotlib.figure.Figure
        An A4 landscape figure. The towers are the bars of a container with
        the label ``"towers"`` (``fig.axes[0].containers``); the chips'
        dividing lines are a collection with the id ``"chips"``.

    Examples
    --------
    >>> from nsc_workshop.datasets import load_sample
    >>> fig = influence_towers(load_sample(), top=10)
    >>> len(fig.axes[0].containers[0])
    10
    >>> [round(bar.get_height()) for bar in fig.axes[0].containers[0]][:3]
    [9, 9, 8]
    """
    graph = as_graph(graph_or_workshop)
    if top is not None and top < 0:
        raise ValueError(t("plot.towers.bad_top", top=top))
    fig = titled_figure(title_for(graph, t("plot.towers.title"), title))
    ax = fig.add_axes((0.06, 0.3, 0.66, 0.6))  # room below for the names
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_ylim(0, 11)
    ax.set_yticks(range(11))
    ax.tick_params(labelsize=8)
    ax.set_ylabel(t("plot.towers.y"), fontsize=10, parse_math=False)

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
    if top is not None:
        known = known[:top]
    if len(known) > NAME_LIMIT:
        ax.set_position((0.06, 0.08, 0.66, 0.82))

    if not known:
        ax.set_xticks([])
        ax.set_xlim(-0.5, 0.5)
        empty_message(ax, t("plot.empty") if graph.number_of_nodes() == 0 else t("plot.towers.none_scored"))
    else:
        _towers(fig, ax, known)
    notes = []
    if len(known) < total:
        notes.append(t("plot.towers.top", shown=len(known), total=total))
    bottom = 0.3
    if len(known) > NAME_LIMIT:
        notes.append(t("plot.towers.names_limited", shown=LISTED))
        lines = [
            f"{k + 1}. {shorten(str(data.get('name') or node), 36)} ({value:g})"
            for k, (node, value, data) in enumerate(known[:LISTED])
        ]
        _side_list(fig, 0.44, t("plot.towers.highest") + "\n" + "\n".join(lines), color="#222222", gid="highest")
        bottom = 0.15
    if notes:
        subtitle(fig, "  ·  ".join(notes), 0.06)
    if unknown:
        heading = wrap(t("plot.towers.unknown", count=len(unknown)), 40, 3)
        names = name_list(sorted(unknown), 12 if bottom > 0.2 else 4, 40)
        _side_list(fig, bottom, heading + "\n" + names, color="#333333", gid="unknown")
    return fig


def _side_list(fig: Figure, top: float, body: str, *, color: str, gid: str) -> None:
    """A list beside the towers, below the legend, from ``top`` down."""
    text(fig, 0.76, top, body, fontsize=7.5, color=color, ha="left", va="top", linespacing=1.3, gid=gid)


def _towers(fig: Figure, ax: Any, known: list[tuple[str, float, dict[str, Any]]]) -> None:
    from matplotlib.collections import LineCollection

    k = len(known)
    xs = np.arange(k, dtype=float)
    heights = np.array([value for _, value, _ in known])
    sectors = [str(data.get("sector") or "") for *_, data in known]
    palette = category_colors(sectors)
    ax.bar(
        xs,
        heights,
        width=0.72,
        color=[palette[s] for s in sectors],
        edgecolor="#222222",
        linewidth=0.6 if k <= 120 else 0.0,
        label="towers",
        zorder=2,
    )
    chips = [
        [(x - 0.36, level), (x + 0.36, level)]
        for x, height in zip(xs, heights, strict=True)
        for level in range(1, int(np.ceil(height)))
        if level < height
    ]
    if chips and k <= 200:
        ax.add_collection(LineCollection(chips, colors="white", linewidths=1.4, zorder=3, gid="chips"))
    ax.set_xlim(-0.7, k - 0.3)
    ax.set_xticks([])
    fontsize = 7.0 if k <= 30 else (6.0 if k <= NAME_LIMIT else 5.5)
    if k <= NAME_LIMIT:
        for x, height in zip(xs, heights, strict=True):
            text(ax, x, height + 0.12, f"{height:g}", ha="center", va="bottom", fontsize=fontsize, color="#333333")
    for x, (node, _, data) in zip(xs, known if k <= NAME_LIMIT else [], strict=False):
        text(
            ax,
            x,
            -0.25,
            shorten(str(data.get("name") or node), 32),
            ha="right",
            va="top",
            rotation=60,
            rotation_mode="anchor",
            fontsize=fontsize,
            gid=f"name:{node}",
        )
    color_legend(
        fig,
        sector_entries(palette),
        title=t("plot.legend.sector"),
        x=0.745,
        marker="s",
        edgecolor="#222222",
        one_column=18,
        wrap_widths=(28, 17),
        fontsize=7,
        columnspacing=0.6,
        labelspacing=0.35,
    )
