"""The power/interest grid (Mendelow) with each actor's quadrant and salience class."""

from __future__ import annotations

import collections

import ipywidgets as widgets

from nsc_workshop.analysis import quadrants, salience
from nsc_workshop.graph import graph_inputs, to_networkx
from nsc_workshop.i18n import current_language, t
from nsc_workshop.plots import power_interest_grid
from nsc_workshop.session import WorkshopSession
from nsc_workshop.widgets._html import esc
from nsc_workshop.widgets._panel import Panel

__all__ = ["GridView"]

QUADRANTS = ("manage_closely", "keep_satisfied", "keep_informed", "monitor")


class GridView(Panel):
    """The grid as a picture, and the actors of each quadrant and salience class as text."""

    def __init__(self, session: WorkshopSession) -> None:
        self.image = widgets.Image(format="png")
        self.lists = widgets.HTML()
        super().__init__(session, [self.image, self.lists])
        self.add_class("nsc-grid-view")
        self.refresh()

    def refresh(self) -> None:
        super().refresh()
        workshop = self.session.workshop
        graph = to_networkx(workshop)
        self.picture(self.image, (*graph_inputs(workshop), current_language()), lambda: power_interest_grid(graph))
        names = {node: str(data.get("name") or node) for node, data in graph.nodes(data=True)}
        by_quadrant: dict[str | None, list[str]] = collections.defaultdict(list)
        for actor, quadrant in quadrants(graph).items():
            by_quadrant[quadrant].append(names[actor])
        by_class: dict[str, list[str]] = collections.defaultdict(list)
        for actor, kind in salience(graph).items():
            by_class[kind].append(names[actor])
        parts = []
        for key in (*QUADRANTS, None):
            members = sorted(by_quadrant.get(key, []), key=str.lower)
            if members:
                title = t(f"grid.quadrant.{key}") if key else t("grid.unscored")
                parts.append(f"<p><strong>{esc(title)}</strong> ({len(members)}): {esc(', '.join(members))}</p>")
        for kind in ("definitive", "dominant", "dangerous", "dependent", "dormant", "discretionary", "demanding"):
            members = sorted(by_class.get(kind, []), key=str.lower)
            if members:
                parts.append(
                    f"<p><strong>{esc(t(f'grid.salience.{kind}'))}</strong> ({len(members)}): "
                    f"{esc(', '.join(members))}</p>"
                )
        self.lists.value = "".join(parts) or f"<p class='nsc-empty'>{esc(t('actor.none'))}</p>"
