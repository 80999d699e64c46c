"""The problem tree (or its objective tree) drawn: effects above the focal problem, causes below."""

from __future__ import annotations

from typing import TYPE_CHECKING

from nsc_workshop.i18n import t
from nsc_workshop.model import ProblemNode, Workshop
from nsc_workshop.plots._common import empty_message, text, titled_figure, wrap
from nsc_workshop.summaries.framing import propose_objective, tree_order

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["problem_tree_figure"]

_FILL = {"focal": "#F0E442", "cause": "#56B4E9", "effect": "#E69F00"}


def _levels(nodes: dict[str, ProblemNode]) -> dict[str, int]:
    """Each node's level: 0 the focal problem, +1, +2 effects upwards, -1, -2 causes downwards."""
    level: dict[str, int] = {}
    for node, depth in tree_order(nodes):
        level[node.id] = 0 if node.kind == "focal" else depth * (1 if node.kind == "effect" else -1)
    return level


def problem_tree_figure(workshop: Workshop, *, objectives: bool = False, title: str | None = None) -> Figure:
    """Boxes by level, joined to their parents; with ``objectives`` each node shows its objective.

    >>> from nsc_workshop.datasets import load_sample
    >>> sample = load_sample()
    >>> fig = problem_tree_figure(sample)
    >>> len([x for x in fig.axes[0].texts]) == len(sample.framing.problem_nodes)
    True
    """
    key = "plot.tree.objectives" if objectives else "plot.tree.problems"
    fig = titled_figure(title or t(key, title=workshop.meta.title))
    ax = fig.add_axes((0.02, 0.03, 0.96, 0.88))
    ax.set_axis_off()
    nodes = workshop.framing.problem_nodes
    if not nodes:
        empty_message(ax, t("plot.tree.empty"))
        return fig
    level = _levels(nodes)
    rows: dict[int, list[ProblemNode]] = {}
    for node, _depth in tree_order(nodes):
        rows.setdefault(level[node.id], []).append(node)
    top, bottom = max(rows), min(rows)
    span = max(1, top - bottom)
    where: dict[str, tuple[float, float]] = {}
    for lvl, members in rows.items():
        y = 0.5 if top == bottom else (lvl - bottom) / span
        for i, node in enumerate(members):
            where[node.id] = ((i + 0.5) / len(members), y)
    widest = max(len(m) for m in rows.values())
    width = max(12, min(34, int(150 / widest)))
    size = 9 if widest <= 5 else 8 if widest <= 8 else 7
    for node in nodes.values():
        if node.parent in where and node.id in where:
            (x1, y1), (x2, y2) = where[node.id], where[node.parent]
            ax.plot([x1, x2], [y1, y2], color="#777777", linewidth=0.8, zorder=1)
    for node in nodes.values():
        x, y = where[node.id]
        label = (node.objective or propose_objective(node.text)) if objectives else node.text
        text(
            ax,
            x,
            y,
            wrap(label, width, 4),
            ha="center",
            va="center",
            fontsize=size + (1 if node.kind == "focal" else 0),
            fontweight="bold" if node.kind == "focal" else "normal",
            bbox={"boxstyle": "round,pad=0.4", "facecolor": _FILL[node.kind], "edgecolor": "#333333",
                  "linewidth": 0.6, "alpha": 0.9},
            zorder=2,
            gid=f"node:{node.id}",
        )  # fmt: skip
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.08, 1.08)
    text(fig, 0.985, 0.955, t("plot.tree.legend"), ha="right", va="top", fontsize=9, color="#333333")
    return fig
