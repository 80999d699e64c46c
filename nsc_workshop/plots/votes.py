"""Dot-vote results as a bar chart."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from nsc_workshop.i18n import t
from nsc_workshop.plots._common import empty_message, text, titled_figure, wrap

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["vote_chart"]


def vote_chart(results: Sequence[tuple[str, int]], *, title: str | None = None, top: int = 12) -> Figure:
    """The ``top`` items by dots, highest first: ``results`` is ``[(text, dots), ...]``.

    >>> fig = vote_chart([("How might we help bystanders?", 5), ("How might we reach parents?", 2)])
    >>> [round(p.get_width()) for p in fig.axes[0].patches]
    [5, 2]
    """
    fig = titled_figure(title or t("plot.votes.title"))
    ax = fig.add_axes((0.42, 0.08, 0.52, 0.8))
    shown = [(label, dots) for label, dots in results if dots > 0][:top]
    if not shown:
        ax.set_axis_off()
        empty_message(ax, t("plot.votes.none"))
        return fig
    ys = list(range(len(shown)))[::-1]
    ax.barh(ys, [d for _, d in shown], color="#0072B2", height=0.6)
    ax.set_yticks(ys, labels=[wrap(label, 60, 2) for label, _ in shown], fontsize=9)
    for label in ax.get_yticklabels():
        label.set_parse_math(False)
    for y, (_, dots) in zip(ys, shown, strict=True):
        text(ax, dots + 0.05, y, str(dots), va="center", fontsize=9)
    ax.set_xlabel(t("plot.votes.dots"))
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return fig
