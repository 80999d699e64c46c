"""The wickedness check as a chart: each of the ten characteristics scored 0-2."""

from __future__ import annotations

from typing import TYPE_CHECKING

from nsc_workshop.datasets import wickedness_characteristics
from nsc_workshop.i18n import t
from nsc_workshop.model import Workshop
from nsc_workshop.plots._common import subtitle, text, titled_figure, wrap

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["wickedness_chart"]

_COLORS = {0: "#cccccc", 1: "#E69F00", 2: "#D55E00"}


def wickedness_chart(workshop: Workshop, *, title: str | None = None) -> Figure:
    """Horizontal bars, one per characteristic (0 not at all, 1 partly, 2 clearly); unscored ones marked.

    >>> from nsc_workshop.datasets import load_sample
    >>> fig = wickedness_chart(load_sample())
    >>> len(fig.axes[0].patches)
    10
    """
    fig = titled_figure(title or t("plot.wickedness.title", title=workshop.meta.title))
    scores = workshop.framing.wickedness
    rows = wickedness_characteristics()
    total = sum(s.score for s in scores.values())
    subtitle(fig, t("plot.wickedness.subtitle", total=total, maximum=2 * len(scores), scored=len(scores)))
    ax = fig.add_axes((0.34, 0.1, 0.6, 0.76))
    labels = [wrap(str(row["label"]), 44, 2) for row in rows]
    ys = list(range(len(rows)))[::-1]
    for y, row in zip(ys, rows, strict=True):
        item = scores.get(str(row["id"]))
        if item is None:
            text(ax, 0.05, y, t("plot.wickedness.unscored"), va="center", fontsize=9, color="#777777", style="italic")
            ax.barh(y, 0, color="#ffffff")
            continue
        ax.barh(y, item.score, color=_COLORS[item.score], edgecolor="#333333", linewidth=0.6, height=0.6)
    ax.set_yticks(ys, labels=labels, fontsize=9)
    for label in ax.get_yticklabels():
        label.set_parse_math(False)
    ax.set_xlim(0, 2.2)
    ax.set_xticks([0, 1, 2], labels=[t("wickedness.0"), t("wickedness.1"), t("wickedness.2")])
    ax.grid(axis="x", color="#dddddd")
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return fig
