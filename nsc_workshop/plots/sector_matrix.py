"""A heat map of the ties between sectors, with the sector gaps marked."""

from __future__ import annotations

import math
from collections.abc import Mapping
from numbers import Integral, Real
from typing import TYPE_CHECKING, Any

import numpy as np

from nsc_workshop.errors import InvalidOption
from nsc_workshop.i18n import t
from nsc_workshop.plots._common import (
    as_graph,
    count_colorbar,
    empty_message,
    label_cells,
    plain_legend,
    sector_label,
    sector_order,
    sector_sort_key,
    shorten,
    subtitle,
    text,
    title_for,
    titled_figure,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["sector_matrix_figure", "sector_matrix_heatmap"]

_GAP_COLOR = "#C9676B"


def sector_matrix_heatmap(matrix: Mapping[str, Mapping[str, int]], *, title: str | None = None) -> Figure:
    """Tie counts between sectors as a heat map; pairs of sectors with no tie are hatched.

    Parameters
    ----------
    matrix
        ``{sector: {sector: number of ties}}``, symmetric, as
        ``nsc_workshop.analysis.sector_matrix`` returns it. A missing cell is
        read from its mirror, or as 0. Sector ids are shown with their labels
        (``""`` as "No sector") in the order of ``datasets/sectors.json``.
    title
        The figure's title (default: "Ties between sectors").

    Returns
    -------
    matplotlib.figure.Figure
        An A4 landscape figure: darker cells for more ties, the counts
        written in, the diagonal (ties inside a sector) framed, and every
        empty pair of different sectors (a sector gap) hatched: a collection
        with the id ``"gaps"``, one patch per gap.

    Raises
    ------
    ValueError
        When a count is not a whole number of 0 or more.

    Examples
    --------
    >>> fig = sector_matrix_heatmap({"police": {"police": 2, "schools": 3}, "schools": {"police": 3}, "youth_work": {}})
    >>> gaps = next(c for c in fig.axes[0].collections if c.get_gid() == "gaps")
    >>> len(gaps.get_paths())  # police-youth work and schools-youth work, both ways
    4
    """
    given: dict[tuple[str, str], int] = {}
    for a, row in matrix.items():
        for b, value in row.items():
            given[(str(a), str(b))] = _count(value, str(a), str(b))
    names = sorted({str(k) for k in matrix} | {b for _, b in given}, key=sector_sort_key(sector_order()))
    n = len(names)
    where = {name: i for i, name in enumerate(names)}
    counts = np.zeros((n, n), dtype=int)
    for (a, b), value in given.items():
        counts[where[a], where[b]] = value
        if (b, a) not in given:  # a matrix given as one triangle
            counts[where[b], where[a]] = value

    fig = titled_figure(title if title is not None else t("plot.sector_matrix.title"))
    ax = fig.add_axes((0.22, 0.03, 0.54, 0.68))
    if n == 0:
        ax.set_axis_off()
        empty_message(ax, t("plot.sector_matrix.empty"))
        return fig
    _draw(fig, ax, names, counts)
    return fig


def sector_matrix_figure(graph_or_workshop: Any, *, title: str | None = None) -> Figure:
    """:func:`sector_matrix_heatmap` of a map, with the counts from ``nsc_workshop.analysis.sector_matrix``.

    Raises
    ------
    ImportError
        When this installation has no ``nsc_workshop.analysis.sector_matrix``
        (compute the counts another way and call :func:`sector_matrix_heatmap`).
    """
    import importlib

    try:
        analysis = importlib.import_module("nsc_workshop.analysis")
    except ImportError as error:
        raise ImportError(t("plot.sector_matrix.needs_analysis")) from error
    sector_matrix = getattr(analysis, "sector_matrix", None)
    if sector_matrix is None:
        try:  # a package that does not re-export it yet
            sector_matrix = getattr(importlib.import_module("nsc_workshop.analysis.sectors"), "sector_matrix", None)
        except ImportError:
            sector_matrix = None
    if not callable(sector_matrix):
        raise ImportError(t("plot.sector_matrix.needs_analysis"))
    graph = as_graph(graph_or_workshop)
    return sector_matrix_heatmap(sector_matrix(graph), title=title_for(graph, t("plot.sector_matrix.title"), title))


def _count(value: Any, a: str, b: str) -> int:
    if isinstance(value, bool) or not isinstance(value, Real):
        raise InvalidOption("plot.sector_matrix.bad_count", a=a, b=b, value=repr(value))
    number = float(value)
    if not math.isfinite(number) or number < 0 or (not isinstance(value, Integral) and not number.is_integer()):
        raise InvalidOption("plot.sector_matrix.bad_count", a=a, b=b, value=repr(value))
    return int(number)


def _draw(fig: Figure, ax: Any, names: list[str], counts: np.ndarray[Any, Any]) -> None:
    from matplotlib.collections import PatchCollection
    from matplotlib.patches import Patch, Rectangle

    n = len(names)
    top = int(counts.max()) if counts.size else 0
    shown = np.ma.masked_where(counts == 0, counts)
    image = ax.imshow(
        shown,
        cmap="Blues",
        vmin=0,
        vmax=max(top, 1),
        interpolation="nearest",
        aspect="equal",
        zorder=1,
    )
    gaps = [Rectangle((j - 0.5, i - 0.5), 1, 1) for i in range(n) for j in range(n) if i != j and counts[i, j] == 0]
    hatched = PatchCollection(
        gaps, facecolor="white", edgecolor=_GAP_COLOR, hatch="///", linewidth=0.0, zorder=2, gid="gaps"
    )
    hatched.set_hatch_linewidth(0.7)
    ax.add_collection(hatched)
    ax.add_collection(
        PatchCollection(
            [Rectangle((i - 0.5, i - 0.5), 1, 1) for i in range(n)],
            facecolor="none",
            edgecolor="#333333",
            linewidth=1.0,
            zorder=3,
            gid="diagonal",
        )
    )
    ax.set_xticks(np.arange(n) - 0.5, minor=True)
    ax.set_yticks(np.arange(n) - 0.5, minor=True)
    ax.grid(which="minor", color="white", linewidth=0.8)
    ax.tick_params(which="minor", length=0)
    ax.tick_params(which="major", length=0)
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ax.spines.values():
        side.set_visible(False)
    labels = {name: shorten(sector_label(name), 30) for name in names}
    fontsize = 8 if n <= 15 else (7 if n <= 26 else 5.5)
    for i, name in enumerate(names):
        text(ax, -0.7, i, labels[name], ha="right", va="center", fontsize=fontsize, gid=f"row:{name}")
        text(
            ax,
            i,
            -0.7,
            labels[name],
            ha="left",
            va="bottom",
            rotation=55,
            rotation_mode="anchor",
            fontsize=fontsize,
            gid=f"column:{name}",
        )
    if n <= 30:
        label_cells(ax, counts, fontsize=fontsize, show=lambda i, j, value: value != 0 or i == j)
    ax.set_xlim(-0.5, n - 0.5)
    ax.set_ylim(n - 0.5, -0.5)
    count_colorbar(fig, image, left=0.8, label=t("plot.sector_matrix.colorbar"))
    gap_count = len(gaps) // 2
    pairs = n * (n - 1) // 2
    plain_legend(
        fig.legend(
            handles=[
                Patch(facecolor="white", edgecolor=_GAP_COLOR, hatch="///", label=t("plot.sector_matrix.gap")),
                Patch(facecolor="white", edgecolor="#333333", label=t("plot.sector_matrix.diagonal")),
            ],
            loc="upper left",
            bbox_to_anchor=(0.01, 0.91),
            frameon=False,
            fontsize=8.5,
            handlelength=2.2,
            handleheight=1.4,
        )
    )
    subtitle(fig, t("plot.sector_matrix.summary", sectors=n, gaps=gap_count, pairs=pairs))
