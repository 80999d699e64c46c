"""The impact/effort 2×2 of the sprint's scored ideas and sketches."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from nsc_workshop.i18n import t
from nsc_workshop.model import Workshop
from nsc_workshop.plots._common import shorten, subtitle, text, titled_figure, wrap
from nsc_workshop.summaries.sprint import QUADRANT_THRESHOLD, QUADRANTS, decision

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["QUADRANT_STYLES", "impact_effort_chart"]

QUADRANT_STYLES: dict[str, dict[str, str]] = {
    "quick_win": {"color": "#009E73", "marker": "o", "fill": "#E5F5EF"},
    "major_project": {"color": "#0072B2", "marker": "s", "fill": "#E5EFF7"},
    "fill_in": {"color": "#E69F00", "marker": "^", "fill": "#FCF3E0"},
    "thankless": {"color": "#D55E00", "marker": "D", "fill": "#F9EAE0"},
}
"""Colour (Okabe-Ito), marker shape (tells apart in grey) and background tint of each quadrant."""

_LOW, _HIGH = 0.5, 5.5
_KEY_LIMIT = 20


def _spread(points: list[tuple[float, float]], threshold: float) -> list[tuple[float, float]]:
    """Where to draw each point: items sharing a place on a small arc around it, and an item
    exactly on a dividing line just inside the quadrant it belongs to (deterministic)."""
    groups: dict[tuple[float, float], list[int]] = {}
    for i, point in enumerate(points):
        groups.setdefault((round(point[0], 3), round(point[1], 3)), []).append(i)
    out = list(points)
    for (x, y), members in groups.items():
        on_x, on_y = math.isclose(x, threshold), math.isclose(y, threshold)
        n = len(members)
        if n == 1:
            out[members[0]] = (x + (0.12 if on_x else 0.0), y + (0.12 if on_y else 0.0))
            continue
        if on_x and on_y:
            low, high = 0.0, math.pi / 2
        elif on_y:
            low, high = 0.0, math.pi
        elif on_x:
            low, high = -math.pi / 2, math.pi / 2
        else:
            low, high = math.pi / 2, math.pi / 2 + 2 * math.pi
        whole = math.isclose(high - low, 2 * math.pi)
        radius = max(0.15, 0.2 * n / (high - low))
        for k, i in enumerate(members):
            angle = low + (high - low) * ((k / n) if whole else (k + 0.5) / n)
            out[i] = (x + radius * math.cos(angle), y + radius * math.sin(angle))
    return out


def _quadrants(ax: Axes, threshold: float) -> None:
    from matplotlib.patches import Rectangle

    boxes = {
        "quick_win": (_LOW, threshold, threshold - _LOW, _HIGH - threshold),
        "major_project": (threshold, threshold, _HIGH - threshold, _HIGH - threshold),
        "fill_in": (_LOW, _LOW, threshold - _LOW, threshold - _LOW),
        "thankless": (threshold, _LOW, _HIGH - threshold, threshold - _LOW),
    }
    corners = {
        "quick_win": (_LOW + 0.08, _HIGH - 0.08, "left", "top"),
        "major_project": (_HIGH - 0.08, _HIGH - 0.08, "right", "top"),
        "fill_in": (_LOW + 0.08, _LOW + 0.08, "left", "bottom"),
        "thankless": (_HIGH - 0.08, _LOW + 0.08, "right", "bottom"),
    }
    for name, (x, y, w, h) in boxes.items():
        ax.add_patch(Rectangle((x, y), w, h, facecolor=QUADRANT_STYLES[name]["fill"], edgecolor="none", zorder=0))
        cx, cy, ha, va = corners[name]
        text(
            ax,
            cx,
            cy,
            t(f"sprint.quadrant.{name}"),
            ha=ha,
            va=va,
            fontsize=11,
            fontweight="bold",
            color="#333333",
            gid=f"quadrant:{name}",
            zorder=1,
        )
    ax.axvline(threshold, color="#666666", linewidth=1.0, linestyle="--", zorder=1)
    ax.axhline(threshold, color="#666666", linewidth=1.0, linestyle="--", zorder=1)


def impact_effort_chart(workshop: Workshop, *, title: str | None = None) -> Figure:
    """The impact/effort 2×2: each idea or sketch with impact and effort scores at its means.

    Effort runs left to right, impact bottom to top; the quadrants (quick
    wins top left, major projects top right, fill-ins bottom left, thankless
    tasks bottom right) split at :data:`~nsc_workshop.summaries.sprint.QUADRANT_THRESHOLD`
    (a mean of 3 or more is high, so a point on a dashed line belongs above or
    to the right of it). Each point is numbered, coloured and shaped by its
    quadrant; the key beside the grid names it. Items at the same place sit
    on a small ring around it. The chosen concept is ringed in black.

    Returns
    -------
    matplotlib.figure.Figure
        An A4 landscape figure; the points are collections with the ids
        ``"targets:<quadrant>"``, the quadrant captions texts ``"quadrant:<name>"``.

    Examples
    --------
    >>> from nsc_workshop.datasets import load_sample
    >>> fig = impact_effort_chart(load_sample())
    >>> sum(len(c.get_offsets()) for c in fig.axes[0].collections if str(c.get_gid()).startswith("targets"))
    6
    """
    fig = titled_figure(title or t("plot.impact_effort.title", title=workshop.meta.title))
    result = decision(workshop)
    rows = [row for row in result["targets"] if row["quadrant"] is not None]
    rows.sort(key=lambda r: (QUADRANTS.index(r["quadrant"]), -r["impact"], r["effort"], r["label"].casefold()))
    subtitle(fig, t("plot.impact_effort.subtitle", count=len(rows), threshold=f"{QUADRANT_THRESHOLD:g}"))
    ax = fig.add_axes((0.07, 0.09, 0.55, 0.79))
    ax.set_xlim(_LOW, _HIGH)
    ax.set_ylim(_LOW, _HIGH)
    ax.set_xticks(range(1, 6))
    ax.set_yticks(range(1, 6))
    ax.set_xlabel(t("plot.impact_effort.x"), fontsize=10)
    ax.set_ylabel(t("plot.impact_effort.y"), fontsize=10)
    ax.tick_params(labelsize=9)
    _quadrants(ax, QUADRANT_THRESHOLD)
    if not rows:
        text(
            ax,
            0.5,
            0.5,
            t("plot.impact_effort.none"),
            ha="center",
            va="center",
            fontsize=12,
            color="#555555",
            transform=ax.transAxes,
            bbox={"boxstyle": "round,pad=0.5", "facecolor": "white", "edgecolor": "#999999"},
            zorder=5,
        )
        return fig
    xy = _spread([(float(r["effort"]), float(r["impact"])) for r in rows], QUADRANT_THRESHOLD)
    for name in QUADRANTS:
        members = [i for i, r in enumerate(rows) if r["quadrant"] == name]
        if not members:
            continue
        style = QUADRANT_STYLES[name]
        ax.scatter(
            [xy[i][0] for i in members],
            [xy[i][1] for i in members],
            s=260,
            marker=style["marker"],
            c=style["color"],
            edgecolors=["#000000" if rows[i]["chosen"] else "#333333" for i in members],
            linewidths=[2.4 if rows[i]["chosen"] else 0.6 for i in members],
            zorder=3,
            gid=f"targets:{name}",
        )
    for i, (x, y) in enumerate(xy):
        text(ax, x, y, str(i + 1), ha="center", va="center", fontsize=7.5, fontweight="bold", color="white", zorder=4)
    lines = []
    for i, row in enumerate(rows[:_KEY_LIMIT]):
        mark = " ★" if row["chosen"] else ""
        lines.append(f"{i + 1:>2}  {shorten(row['label'], 52)}{mark}")
        lines.append(
            "      " + t("plot.impact_effort.key_scores", impact=f"{row['impact']:g}", effort=f"{row['effort']:g}")
        )
    if len(rows) > _KEY_LIMIT:
        lines.append(t("plot.more", count=len(rows) - _KEY_LIMIT))
    text(fig, 0.66, 0.88, t("plot.impact_effort.key"), fontsize=10, fontweight="bold", va="top", gid="key")
    text(fig, 0.66, 0.85, "\n".join(lines), fontsize=8, va="top", linespacing=1.35, color="#222222", gid="key_lines")
    notes = [t("plot.impact_effort.on_line", threshold=f"{QUADRANT_THRESHOLD:g}")]
    if any(row["chosen"] for row in rows):
        notes.insert(0, t("plot.impact_effort.chosen"))
    body = "\n".join(wrap(note, 62, 3) for note in notes)
    text(fig, 0.66, 0.05, body, fontsize=8, color="#444444", va="bottom", gid="notes")
    return fig
