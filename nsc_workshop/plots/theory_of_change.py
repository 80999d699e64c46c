"""The theory of change (logic model) drawn: inputs → activities → outputs → outcomes → impact."""

from __future__ import annotations

from typing import TYPE_CHECKING

from nsc_workshop.i18n import t
from nsc_workshop.model import Indicator, TocElement, Workshop, in_order
from nsc_workshop.plots._common import empty_message, shorten, text, titled_figure, wrap
from nsc_workshop.summaries.sprint import TOC_COLUMNS

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["LEVEL_FILLS", "theory_of_change_figure"]

LEVEL_FILLS: dict[str, str] = {
    "input": "#DDDDDD",
    "activity": "#BBDDF2",
    "output": "#99DDFF",
    "outcome_short": "#D9F0D3",
    "outcome_medium": "#ACD39E",
    "outcome_long": "#7FBF7B",
    "impact": "#EEDD88",
}
"""Box colour of each level: greys and blues for the work, greens deepening for outcomes, yellow for impact."""

_PER_COLUMN = 8
_TOP, _BOTTOM = 0.90, 0.30  # the boxes' band (axes fraction); assumptions below it
_AXES = (0.01, 0.02, 0.98, 0.89)
_AXES_WIDTH_IN = 11.69 * _AXES[2]
_AXES_HEIGHT_IN = 8.27 * _AXES[3]
_GAP_PT = 9.0


def _indicator_text(indicator: Indicator, width: int, lines: int) -> str:
    detail = " → ".join(part for part in (indicator.baseline, indicator.target) if part)
    return wrap(f"◆ {indicator.name}" + (f": {detail}" if detail else ""), width, lines)


def _frac(points: float) -> float:
    """Points as a fraction of the axes' height."""
    return points / (_AXES_HEIGHT_IN * 72)


def _layout(
    columns: dict[str, list[TocElement]], indicators: dict[str, list[Indicator]], col_width: float
) -> tuple[float, dict[str, list[tuple[str, list[str]]]]]:
    """The largest font size (and the wrapped texts) at which every column fits in the band."""
    band_pt = (_TOP - _BOTTOM) * _AXES_HEIGHT_IN * 72
    plan: dict[str, list[tuple[str, list[str]]]] = {}
    fontsize = 8.5
    for fontsize, box_lines, ind_lines in ((8.5, 7, 7), (7.5, 6, 5), (6.5, 5, 3), (6.0, 4, 2)):
        chars = max(10, int(col_width * _AXES_WIDTH_IN * 72 / (0.55 * fontsize)) - 2)
        line = fontsize * 1.22
        fits = True
        plan = {}
        for level, elements in columns.items():
            used = 0.0
            rows: list[tuple[str, list[str]]] = []
            for element in elements[:_PER_COLUMN]:
                body = wrap(element.text, chars, box_lines)
                small = int(chars * fontsize / (fontsize - 1))
                notes = [_indicator_text(i, small, ind_lines) for i in indicators.get(element.id, [])[:3]]
                used += (body.count("\n") + 1) * line + fontsize * 0.8 + _GAP_PT
                used += sum((n.count("\n") + 1) * (line - 1) for n in notes) + (3 if notes else 0)
                rows.append((body, notes))
            plan[level] = rows
            fits = fits and used <= band_pt
        if fits:
            break
    return fontsize, plan


def _column(
    ax: Axes,
    x: float,
    level: str,
    elements: list[TocElement],
    rows: list[tuple[str, list[str]]],
    indicators: dict[str, list[Indicator]],
    fontsize: float,
) -> None:
    """One level's boxes, top to bottom, each outcome followed by its indicators."""
    text(ax, x, 0.972, wrap(t(f"plot.toc.level.{level}"), 14, 2), ha="center", va="center", fontsize=9.5,
         fontweight="bold", linespacing=1.05, gid=f"column:{level}")  # fmt: skip
    if not elements:
        text(ax, x, (_TOP + _BOTTOM) / 2, "–", ha="center", va="center", fontsize=12, color="#888888")
        return
    line = fontsize * 1.22
    top = _TOP
    for element, (body, notes) in zip(elements, rows, strict=False):
        text(
            ax,
            x,
            top,
            body,
            ha="center",
            va="top",
            fontsize=fontsize,
            linespacing=1.1,
            bbox={"boxstyle": "round,pad=0.4", "facecolor": LEVEL_FILLS[level], "edgecolor": "#333333",
                  "linewidth": 0.6},
            gid=f"toc:{element.id}",
            zorder=2,
        )  # fmt: skip
        top -= _frac((body.count("\n") + 1) * line + fontsize * 0.8 + 3)
        for indicator, note in zip(indicators.get(element.id, []), notes, strict=False):
            text(ax, x, top, note, ha="center", va="top", fontsize=fontsize - 1, style="italic", color="#222222",
                 linespacing=1.05, gid=f"indicator:{indicator.id}", zorder=2)  # fmt: skip
            top -= _frac((note.count("\n") + 1) * (line - 1))
        extra = len(indicators.get(element.id, [])) - len(notes)
        if extra > 0:
            text(ax, x, top, t("plot.more", count=extra), ha="center", va="top", fontsize=fontsize - 1,
                 color="#444444")  # fmt: skip
            top -= _frac(line)
        top -= _frac(_GAP_PT)
    if len(elements) > _PER_COLUMN:
        text(ax, x, _BOTTOM - 0.005, t("plot.more", count=len(elements) - _PER_COLUMN), ha="center", va="top",
             fontsize=7.5, color="#444444")  # fmt: skip


def theory_of_change_figure(workshop: Workshop, *, title: str | None = None) -> Figure:
    """Columns inputs → activities → outputs → short-, medium-, long-term outcomes → impact.

    Each element is a box with its text wrapped; each indicator (◆ name,
    baseline → target) sits under the outcome it measures; arrows lead from
    column to column; the assumptions are listed below. Indicators without an
    outcome are listed with the assumptions.

    Returns
    -------
    matplotlib.figure.Figure
        An A4 landscape figure; boxes are texts with the ids ``"toc:<id>"``,
        indicators ``"indicator:<id>"``, column heads ``"column:<level>"``.

    Examples
    --------
    >>> from nsc_workshop.datasets import load_sample
    >>> sample = load_sample()
    >>> fig = theory_of_change_figure(sample)
    >>> boxes = [x for x in fig.axes[0].texts if str(x.get_gid()).startswith("toc:")]
    >>> len(boxes) == sum(1 for e in sample.sprint.toc.values() if e.level != "assumption")
    True
    """
    fig = titled_figure(title or t("plot.toc.title", title=workshop.meta.title))
    ax = fig.add_axes(_AXES)
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    sprint = workshop.sprint
    if not sprint.toc and not sprint.indicators:
        empty_message(ax, t("plot.toc.none"))
        return fig
    by_level: dict[str, list[TocElement]] = {level: [] for level in (*TOC_COLUMNS, "assumption")}
    for element in in_order(sprint.toc.values()):
        by_level[element.level].append(element)
    indicators: dict[str, list[Indicator]] = {}
    loose: list[Indicator] = []
    for indicator in sprint.indicators.values():
        target = sprint.toc.get(indicator.outcome) if indicator.outcome else None
        if target is not None and target.level in TOC_COLUMNS:
            indicators.setdefault(target.id, []).append(indicator)
        else:
            loose.append(indicator)
    columns = len(TOC_COLUMNS)
    col_width = 1.0 / columns
    fontsize, plan = _layout({level: by_level[level] for level in TOC_COLUMNS}, indicators, col_width * 0.9)
    for j, level in enumerate(TOC_COLUMNS):
        _column(ax, (j + 0.5) * col_width, level, by_level[level], plan[level], indicators, fontsize)
    for j in range(columns - 1):
        x0 = (j + 1) * col_width - col_width * 0.06
        ax.annotate(
            "",
            xy=(x0 + col_width * 0.12, 0.972),
            xytext=(x0, 0.972),
            arrowprops={"arrowstyle": "-|>", "color": "#333333", "linewidth": 1.2},
            gid=f"arrow:{j}",
        )
    ax.plot([0.01, 0.99], [_BOTTOM - 0.035, _BOTTOM - 0.035], color="#999999", linewidth=0.6)
    lines = [wrap("• " + a.text, 120, 2) for a in by_level["assumption"][:6]]
    if len(by_level["assumption"]) > 6:
        lines.append(t("plot.more", count=len(by_level["assumption"]) - 6))
    text(ax, 0.01, _BOTTOM - 0.05, t("plot.toc.assumptions"), fontsize=9.5, fontweight="bold", va="top",
         gid="assumptions")  # fmt: skip
    body = "\n".join(lines) if lines else t("plot.toc.no_assumptions")
    text(ax, 0.01, _BOTTOM - 0.09, body, fontsize=8, va="top", color="#222222", linespacing=1.3)
    if loose:
        names = ", ".join(shorten(i.name, 40) for i in loose[:6])
        text(ax, 0.01, 0.005, wrap(t("plot.toc.loose_indicators", names=names), 190, 2), fontsize=7.5,
             color="#444444", va="bottom")  # fmt: skip
    return fig
