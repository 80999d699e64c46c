"""Blueprint coverage across the library: how many records cover each area, by city, country or year."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from nsc_workshop.errors import InvalidOption
from nsc_workshop.i18n import t
from nsc_workshop.plots._common import (
    count_colorbar,
    empty_message,
    label_cells,
    shorten,
    subtitle,
    text,
    titled_figure,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["coverage_chart"]

_EMPTY_COLOR = "#C9676B"


def _area_labels() -> dict[str, str]:
    from nsc_workshop.datasets import labels

    return labels("blueprint_areas")


def coverage_chart(coverage: Mapping[str, Mapping[str, int]], *, title: str | None = None) -> Figure:
    """Records per Blueprint area and row (city, country or year) as a heat map; empty cells hatched.

    Parameters
    ----------
    coverage
        ``{row: {area: number of records}}``, as
        :func:`nsc_workshop.library.aggregate.coverage` returns it. Columns are
        the six Blueprint areas in their order, then any other key found.
    title
        The figure's title (default: "Blueprint coverage").

    Returns
    -------
    matplotlib.figure.Figure
        An A4 landscape figure: darker cells for more records, the counts
        written in, and every area a row does not cover hatched (a collection
        with the id ``"gaps"``, one patch per empty cell).

    Examples
    --------
    >>> fig = coverage_chart({"Saltmo": {"youth": 2, "digital": 1}, "Brimnes": {"youth": 1}})
    >>> gaps = next(c for c in fig.axes[0].collections if c.get_gid() == "gaps")
    >>> len(gaps.get_paths())  # 12 cells, 3 of them covered
    9
    """
    from nsc_workshop.model.vocab import BLUEPRINT_AREAS

    rows = [str(r) for r in coverage]
    extra = sorted({str(a) for counts in coverage.values() for a in counts} - set(BLUEPRINT_AREAS))
    areas = [*BLUEPRINT_AREAS, *extra]
    counts = np.zeros((len(rows), len(areas)), dtype=int)
    for i, row in enumerate(coverage.values()):
        for j, area in enumerate(areas):
            value = row.get(area, 0)
            if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 0:
                raise InvalidOption("library.app.chart.bad_count", row=rows[i], area=area, value=repr(value))
            counts[i, j] = int(value)
    fig = titled_figure(title if title is not None else t("library.app.chart.title"))
    ax = fig.add_axes((0.2, 0.05, 0.6, 0.62))
    if not rows:
        ax.set_axis_off()
        empty_message(ax, t("library.app.chart.empty"))
        return fig
    _draw(fig, ax, rows, areas, counts)
    return fig


def _draw(fig: Figure, ax: Any, rows: list[str], areas: list[str], counts: np.ndarray[Any, Any]) -> None:
    from matplotlib.collections import PatchCollection
    from matplotlib.patches import Patch, Rectangle

    from nsc_workshop.plots._common import plain_legend

    n, m = counts.shape
    top = int(counts.max()) if counts.size else 0
    image = ax.imshow(
        np.ma.masked_where(counts == 0, counts),
        cmap="Blues",
        vmin=0,
        vmax=max(top, 1),
        interpolation="nearest",
        aspect="auto",
        zorder=1,
    )
    gaps = [Rectangle((j - 0.5, i - 0.5), 1, 1) for i in range(n) for j in range(m) if counts[i, j] == 0]
    hatched = PatchCollection(
        gaps, facecolor="white", edgecolor=_EMPTY_COLOR, hatch="///", linewidth=0.0, zorder=2, gid="gaps"
    )
    hatched.set_hatch_linewidth(0.7)
    ax.add_collection(hatched)
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ax.spines.values():
        side.set_visible(False)
    labels = _area_labels()
    fontsize = 8 if n <= 20 else (6.5 if n <= 40 else 5)
    for i, row in enumerate(rows):
        text(ax, -0.6, i, shorten(row, 30), ha="right", va="center", fontsize=fontsize, gid=f"row:{row}")
    for j, area in enumerate(areas):
        text(
            ax,
            j,
            -0.6,
            shorten(labels.get(area, area), 34),
            ha="left",
            va="bottom",
            rotation=30,
            rotation_mode="anchor",
            fontsize=8,
            gid=f"column:{area}",
        )
    if n * m <= 600:
        label_cells(ax, counts, fontsize=fontsize, show=lambda _i, _j, value: value > 0)
    ax.set_xlim(-0.5, m - 0.5)
    ax.set_ylim(n - 0.5, -0.5)
    count_colorbar(fig, image, left=0.84, label=t("library.app.chart.colorbar"))
    plain_legend(
        fig.legend(
            handles=[Patch(facecolor="white", edgecolor=_EMPTY_COLOR, hatch="///", label=t("library.app.chart.gap"))],
            loc="upper left",
            bbox_to_anchor=(0.01, 0.91),
            frameon=False,
            fontsize=8.5,
        )
    )
    subtitle(fig, t("library.app.chart.summary", rows=n, records=int(counts.sum()), gaps=len(gaps)))
