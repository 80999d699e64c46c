"""The storyboard as a strip of numbered panels."""

from __future__ import annotations

from typing import TYPE_CHECKING

from nsc_workshop.i18n import t
from nsc_workshop.model import Workshop, in_order
from nsc_workshop.plots._common import empty_message, subtitle, text, titled_figure, wrap
from nsc_workshop.summaries.sprint import MAX_STORYBOARD_STEPS, MIN_STORYBOARD_STEPS

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["storyboard_strip"]

_PER_ROW = 5


def storyboard_strip(workshop: Workshop, *, title: str | None = None) -> Figure:
    """The storyboard's steps in order as numbered panels, five to a row (up to three rows).

    Each panel shows its number, the step's text and, below, the sketch it
    comes from. A storyboard has 5-15 steps; the subtitle says when it has
    fewer. Steps past the fifteenth (possible only in imported data) are
    counted, not drawn.

    Returns
    -------
    matplotlib.figure.Figure
        An A4 landscape figure; each panel's text has the id ``"step:<id>"``.

    Examples
    --------
    >>> from nsc_workshop.datasets import load_sample
    >>> fig = storyboard_strip(load_sample())
    >>> len([x for x in fig.axes[0].texts if str(x.get_gid()).startswith("step:")])
    8
    """
    from matplotlib.patches import FancyBboxPatch

    fig = titled_figure(title or t("plot.storyboard.title", title=workshop.meta.title))
    sprint = workshop.sprint
    steps = in_order(sprint.storyboard.values())
    note = t("plot.storyboard.subtitle", count=len(steps))
    if 0 < len(steps) < MIN_STORYBOARD_STEPS:
        note += "  ·  " + t("plot.storyboard.too_few", minimum=MIN_STORYBOARD_STEPS)
    subtitle(fig, note)
    ax = fig.add_axes((0.015, 0.03, 0.97, 0.86))
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    if not steps:
        empty_message(ax, t("plot.storyboard.none"))
        return fig
    shown = steps[:MAX_STORYBOARD_STEPS]
    rows = (len(shown) + _PER_ROW - 1) // _PER_ROW
    per_row = min(_PER_ROW, len(shown))
    gap_x, gap_y = 0.022, 0.045
    width = (1 - gap_x * (per_row - 1)) / per_row
    height = min(0.6, (1 - gap_y * (rows - 1)) / rows)
    lines = 10 if rows == 1 else 8 if rows == 2 else 5
    fontsize = 11.0 if rows == 1 else 10.0 if rows == 2 else 8.5
    chars = int(width * 11.3 * 72 / (0.56 * fontsize)) - 3
    for i, step in enumerate(shown):
        row, col = divmod(i, _PER_ROW)
        x = col * (width + gap_x)
        y = 1 - (row + 1) * height - row * gap_y
        ax.add_patch(
            FancyBboxPatch(
                (x, y),
                width,
                height,
                boxstyle="round,pad=0,rounding_size=0.012",
                facecolor="#FFFFFF",
                edgecolor="#333333",
                linewidth=0.9,
                gid=f"panel:{step.id}",
                clip_on=False,
            )
        )
        text(
            ax,
            x + 0.012,
            y + height - 0.014,
            str(i + 1),
            ha="left",
            va="top",
            fontsize=fontsize + 3,
            fontweight="bold",
            color="white",
            bbox={"boxstyle": "circle,pad=0.25", "facecolor": "#0072B2", "edgecolor": "none"},
        )
        text(
            ax,
            x + width / 2,
            y + height * 0.55,
            wrap(step.text, chars, lines),
            ha="center",
            va="center",
            fontsize=fontsize,
            linespacing=1.2,
            gid=f"step:{step.id}",
        )
        sketch = sprint.sketches.get(step.sketch) if step.sketch else None
        if sketch is not None:
            text(
                ax,
                x + width / 2,
                y + 0.012,
                wrap(t("plot.storyboard.from_sketch", sketch=sketch.title), chars + 4, 2),
                ha="center",
                va="bottom",
                fontsize=fontsize - 1.5,
                style="italic",
                color="#444444",
            )
        if col < per_row - 1 and i < len(shown) - 1:
            ax.annotate(
                "",
                xy=(x + width + gap_x * 0.9, y + height / 2),
                xytext=(x + width + gap_x * 0.1, y + height / 2),
                arrowprops={"arrowstyle": "-|>", "color": "#555555", "linewidth": 1.0},
            )
    if len(steps) > len(shown):
        text(ax, 1, 0, t("plot.more", count=len(steps) - len(shown)), ha="right", va="bottom", fontsize=8)
    return fig
