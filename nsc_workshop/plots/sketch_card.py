"""A solution sketch drawn from its text: title, panels side by side, description below."""

from __future__ import annotations

from typing import TYPE_CHECKING

from nsc_workshop.i18n import t
from nsc_workshop.model import Sketch
from nsc_workshop.plots._common import new_figure, text, wrap

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["sketch_card"]


def sketch_card(sketch: Sketch) -> Figure:
    """The sketch as a card (for sketches without a photo: the heat map's surface, and the report).

    >>> from nsc_workshop.model import Sketch
    >>> fig = sketch_card(Sketch(id="s1", title="Digital first-aiders", panels=["Spot", "Step in", "Hand over"]))
    >>> len(fig.axes)
    3
    """
    panels = list(sketch.panels) or [sketch.description or t("plot.sketch.empty")]
    fig = new_figure((11.0, 4.6))
    text(fig, 0.02, 0.95, wrap(sketch.title, 90, 1), fontsize=15, fontweight="bold", va="top")
    width = 0.96 / len(panels)
    for i, panel in enumerate(panels):
        ax = fig.add_axes((0.02 + i * width, 0.18, width - 0.015, 0.66))
        ax.set_xticks([])
        ax.set_yticks([])
        for spine in ax.spines.values():
            spine.set_color("#333333")
        text(ax, 0.05, 0.95, str(i + 1), fontsize=11, fontweight="bold", va="top", transform=ax.transAxes)
        text(ax, 0.5, 0.5, wrap(panel, max(14, int(70 / len(panels))), 8), ha="center", va="center", fontsize=11,
             transform=ax.transAxes)  # fmt: skip
    if sketch.description and sketch.panels:
        text(fig, 0.02, 0.08, wrap(sketch.description, 150, 2), fontsize=10, color="#333333", va="center")
    return fig
