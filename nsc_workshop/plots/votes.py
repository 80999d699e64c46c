"""Dot-vote results as a bar chart: the most voted, and what is left out said on the chart."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING

from nsc_workshop.i18n import t
from nsc_workshop.plots._common import empty_message, shorten, subtitle, text, titled_figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["TOP", "vote_chart", "wrap_words"]

TOP = 15
"""Bars drawn by default: the items with the most dots; the chart counts the rest."""


def wrap_words(label: str, width: int, lines: int) -> str:
    """``label`` on at most ``lines`` lines of about ``width`` characters, broken between words.

    A word is cut only when it is longer than a whole line; a label longer
    than ``lines`` lines ends with "…" after its last whole word.
    """
    words = " ".join(str(label).split())
    parts = textwrap.wrap(words, width=width, break_long_words=False, break_on_hyphens=True) or [""]
    parts = [shorten(part, width) for part in parts]  # one word longer than a line
    if len(parts) <= lines:
        return "\n".join(parts)
    last = parts[lines - 1]
    cut = last if len(last) <= width - 2 else last[: width - 2].rsplit(" ", 1)[0]
    return "\n".join([*parts[: lines - 1], cut.rstrip(" ,.;:") + " …"])


def vote_chart(results: Sequence[tuple[str, int]], *, title: str | None = None, top: int = TOP) -> Figure:
    """The ``top`` items by dots, highest first: ``results`` is ``[(text, dots), ...]``.

    Items with no dots are not drawn. When some items are left out, the chart
    says so under its title: how many are shown of how many, and how many
    dots the others have ("12 of 40 shown; 28 more with 0–1 dots"), in a
    text with the id ``"rest"``. Labels are wrapped between words on up to
    three lines.

    >>> fig = vote_chart([("How might we help bystanders?", 5), ("How might we reach parents?", 2)])
    >>> [round(p.get_width()) for p in fig.axes[0].patches]
    [5, 2]
    >>> fig = vote_chart([(f"Note {i}", 40 - i) for i in range(40)], top=12)
    >>> [x.get_text() for x in fig.texts if x.get_gid() == "rest"]
    ['12 of 40 shown; 28 more with 1–28 dots']
    """
    fig = titled_figure(title or t("plot.votes.title"))
    ordered = sorted(results, key=lambda item: -item[1])  # stable: ties keep the order given
    shown = [(label, dots) for label, dots in ordered if dots > 0][: max(top, 0)]
    rest = ordered[len(shown) :]
    if rest and shown:
        low, high = min(d for _, d in rest), max(d for _, d in rest)
        note = (
            t("charts.votes.rest_range", count=len(rest), shown=len(shown), total=len(ordered), low=low, high=high)
            if low != high
            else t("charts.votes.rest_same", count=low, shown=len(shown), total=len(ordered), rest=len(rest))
        )
        said = subtitle(fig, note)
        said.set(gid="rest", fontsize=10.5, color="#222222")
    ax = fig.add_axes((0.4, 0.08, 0.54, 0.8))
    if not shown:
        ax.set_axis_off()
        empty_message(ax, t("plot.votes.none"))
        return fig
    k = len(shown)
    ys = list(range(k))
    ax.barh(ys, [d for _, d in shown], color="#0072B2", height=0.62)
    ax.set_ylim(max(k, 8) - 0.4, -0.6)  # the most voted on top; a few bars keep their height
    fontsize = 9.5 if k <= 12 else 8.5
    width, lines = (58, 3) if k <= 12 else (64, 2)
    ax.set_yticks(ys, labels=[wrap_words(label, width, lines) for label, _ in shown], fontsize=fontsize)
    for label in ax.get_yticklabels():
        label.set_parse_math(False)
    for y, (_, dots) in zip(ys, shown, strict=True):
        text(ax, dots + 0.05, y, str(dots), va="center", fontsize=fontsize)
    ax.set_xlabel(t("plot.votes.dots"))
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return fig
