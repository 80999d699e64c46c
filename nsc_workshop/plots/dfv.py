"""Desirability, feasibility and viability of the sprint's scored ideas and sketches."""

from __future__ import annotations

from typing import TYPE_CHECKING

from nsc_workshop.i18n import t
from nsc_workshop.model import Workshop
from nsc_workshop.plots._common import empty_message, figure_legend, subtitle, text, titled_figure, wrap
from nsc_workshop.summaries.sprint import decision

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["DFV_STYLES", "dfv_chart"]

DFV_STYLES: dict[str, dict[str, str]] = {
    "desirability": {"color": "#CC79A7", "hatch": ""},
    "feasibility": {"color": "#56B4E9", "hatch": "///"},
    "viability": {"color": "#E69F00", "hatch": "..."},
}
"""Colour (Okabe-Ito) and hatching (tells apart in grey) of each criterion."""

_TOP = 12


def dfv_chart(workshop: Workshop, *, title: str | None = None, top: int = _TOP) -> Figure:
    """Grouped horizontal bars: the mean desirability, feasibility and viability (1-5) of each item.

    Items are ordered by the mean of their three means, highest first, at
    most ``top`` of them; a criterion not scored shows no bar and "–". The
    chosen concept is marked with a star.

    Returns
    -------
    matplotlib.figure.Figure
        An A4 landscape figure; the bars of each criterion are patches with
        the id ``"bar:<criterion>:<item id>"``.

    Examples
    --------
    >>> from nsc_workshop.datasets import load_sample
    >>> fig = dfv_chart(load_sample())
    >>> len([p for p in fig.axes[0].patches if str(p.get_gid()).startswith("bar:")])
    18
    """
    fig = titled_figure(title or t("plot.dfv.title", title=workshop.meta.title))
    result = decision(workshop)
    criteria = tuple(DFV_STYLES)
    rows = [row for row in result["targets"] if any(row[c] is not None for c in criteria)]

    def overall(row: dict[str, object]) -> float:
        values = [float(v) for c in criteria if isinstance(v := row[c], int | float)]
        return sum(values) / len(values)

    rows.sort(key=lambda r: (-overall(r), r["label"].casefold()))
    shown = rows[:top]
    subtitle(fig, t("plot.dfv.subtitle", count=len(rows), shown=len(shown)))
    ax = fig.add_axes((0.36, 0.08, 0.6, 0.78))
    if not shown:
        ax.set_axis_off()
        empty_message(ax, t("plot.dfv.none"))
        return fig
    height = 0.26
    centres = list(range(len(shown)))[::-1]
    for k, criterion in enumerate(criteria):
        style = DFV_STYLES[criterion]
        offset = (1 - k) * height
        for y, row in zip(centres, shown, strict=True):
            value = row[criterion]
            if value is None:
                text(ax, 0.05, y + offset, "–", va="center", fontsize=8, color="#555555")
                continue
            bar = ax.barh(
                y + offset,
                value,
                height=height * 0.92,
                color=style["color"],
                hatch=style["hatch"],
                edgecolor="#333333",
                linewidth=0.5,
            )[0]
            bar.set_gid(f"bar:{criterion}:{row['id']}")
            text(ax, value + 0.05, y + offset, f"{value:g}", va="center", fontsize=7.5, color="#222222")
    labels = [wrap(row["label"], 48, 2) + (" ★" if row["chosen"] else "") for row in shown]
    ax.set_yticks(centres, labels=labels, fontsize=8.5)
    for tick in ax.yaxis.get_major_ticks():  # both labels of each tick, the hidden right one too
        tick.label1.set_parse_math(False)
        tick.label2.set_parse_math(False)
    ax.set_xlim(0, 5.4)
    ax.set_ylim(-0.6, len(shown) - 0.4)
    ax.set_xticks(range(0, 6))
    ax.set_xlabel(t("plot.dfv.x"), fontsize=9)
    ax.grid(axis="x", color="#dddddd")
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    from matplotlib.patches import Patch

    handles = [
        Patch(
            facecolor=DFV_STYLES[c]["color"],
            hatch=DFV_STYLES[c]["hatch"],
            edgecolor="#333333",
            label=t(f"sprint.criterion.{c}"),
        )
        for c in criteria
    ]
    figure_legend(fig, handles, title="", anchor=(0.355, 0.92), ncols=3, fontsize=8.5)
    return fig
