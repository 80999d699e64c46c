"""Net-Map step 4: score each actor's influence (the height of its tower), every actor in one list."""

from __future__ import annotations

from functools import partial
from typing import Any

import ipywidgets as widgets

from nsc_workshop.graph import graph_inputs, to_networkx
from nsc_workshop.i18n import current_language, t
from nsc_workshop.model import Actor
from nsc_workshop.plots import influence_towers
from nsc_workshop.session import WorkshopSession
from nsc_workshop.widgets._html import esc
from nsc_workshop.widgets._panel import Panel, figure_png

__all__ = ["HIGHEST", "ORDERS", "InfluenceScoring", "figure_png"]  # figure_png: where it was first defined

HIGHEST = 10
"""Tower heights go from 0 (no influence) to this."""
ORDERS = ("sector", "name", "score", "unscored")
"""How the list can be ordered: grouped by sector, by name, highest tower first, the not yet scored first."""


def _sector_labels() -> dict[str, str]:
    from nsc_workshop.datasets import sectors

    return {str(row["id"]): str(row["label"]) for row in sectors()}


class InfluenceScoring(Panel):
    """A row per actor: its name and sector, a tower-height button for 0 to 10, and "Not yet scored" or "Clear".

    ``scores[actor id]`` is the row's buttons (value None while not yet scored),
    ``clear[actor id]`` its "Clear" button. A score given elsewhere in the room
    moves the buttons in place; no row is rebuilt and nothing is paged.
    """

    def __init__(self, session: WorkshopSession) -> None:
        self.order = widgets.ToggleButtons(
            options=[(t(f"controls.influence.order.{o}"), o) for o in ORDERS],
            value="sector",
            description=t("controls.influence.order"),
            style={"button_width": "auto", "description_width": "initial"},
        )
        self.order.add_class("nsc-influence-order")
        self.progress = widgets.HTML()
        self.rows = widgets.VBox()
        self.rows.add_class("nsc-influence-list")
        self.towers = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self.scores: dict[str, widgets.ToggleButtons] = {}
        self.clear: dict[str, widgets.Button] = {}
        self._states: dict[str, widgets.HTML] = {}
        self._names: dict[str, widgets.HTML] = {}
        self._headings: dict[str, widgets.HTML] = {}
        self.empty = widgets.HTML(f"<p class='nsc-empty'>{esc(t('controls.influence.none'))}</p>")
        self.order.observe(lambda _c: self._arrange(), names="value")
        intro = widgets.HTML(f"<p>{esc(t('influence.prompt'))}</p>")
        scale = widgets.HTML(f"<p style='color:#555;margin:0'>{esc(t('controls.influence.scale', top=HIGHEST))}</p>")
        super().__init__(session, [intro, widgets.HBox([self.order, self.progress]), scale, self.rows])
        self.children = (*self.children, self.message, self.towers)
        self.add_class("nsc-influence")
        self.refresh()

    # -- rows ------------------------------------------------------------------

    def _row(self, actor: Actor) -> widgets.HBox:
        name = widgets.HTML(layout=widgets.Layout(width="24em"))
        buttons = widgets.ToggleButtons(
            options=[(str(i), i) for i in range(HIGHEST + 1)],
            value=None,
            tooltips=[t("controls.influence.height", count=i) for i in range(HIGHEST + 1)],
            style={"button_width": "2.4em"},
        )
        buttons.add_class("nsc-tower-buttons")
        state = widgets.HTML(layout=widgets.Layout(width="10em"))
        clear = widgets.Button(
            description=t("controls.influence.clear"), icon="times", layout=widgets.Layout(width="auto")
        )
        buttons.observe(lambda change, a=actor.id: self._scored(a, change["new"]), names="value")
        clear.on_click(lambda _b, a=actor.id: self._scored(a, None, clear=True))
        self.scores[actor.id], self.clear[actor.id] = buttons, clear
        self._states[actor.id], self._names[actor.id] = state, name
        row = widgets.HBox([name, buttons, state, clear], layout=widgets.Layout(align_items="center"))
        row.add_class("nsc-influence-row")
        return row

    def _show_row(self, actor: Actor, sectors: dict[str, str]) -> None:
        sector = sectors.get(actor.sector or "", actor.sector or "")
        self._names[actor.id].value = (
            f"<div data-actor='{esc(actor.id)}'><strong>{esc(actor.name)}</strong>"
            + (f"<br><small style='color:#555'>{esc(sector)}</small>" if sector else "")
            + "</div>"
        )
        buttons = self.scores[actor.id]
        if buttons.value != actor.influence:
            with self.syncing():
                buttons.value = actor.influence
        scored = actor.influence is not None
        self._states[actor.id].value = (
            f"<span class='nsc-influence-state' data-scored='yes'>{esc(t('controls.influence.scored'))}</span>"
            if scored
            else "<span class='nsc-influence-state' data-scored='no' style='color:#b35806;font-weight:600'>"
            f"{esc(t('controls.influence.unscored'))}</span>"
        )
        self.clear[actor.id].layout.visibility = "visible" if scored else "hidden"

    def refresh(self) -> None:
        super().refresh()
        workshop = self.session.workshop
        sectors = _sector_labels()
        for actor in workshop.actors.values():
            self.reuse("actors", actor.id, None, partial(self._row, actor))
            self._show_row(actor, sectors)
        self.forget_others("actors", list(workshop.actors))
        for gone in [a for a in self.scores if a not in workshop.actors]:
            for store in (self.scores, self.clear, self._states, self._names):
                store.pop(gone, None)
        done = sum(1 for a in workshop.actors.values() if a.influence is not None)
        self.progress.value = (
            f"<span class='nsc-influence-progress' style='margin-left:1em'>"
            f"{esc(t('controls.influence.progress', scored=done, count=len(workshop.actors)))}</span>"
        )
        self._arrange()
        inputs = (*graph_inputs(workshop), current_language())
        self.picture(self.towers, inputs, lambda: influence_towers(to_networkx(workshop)))

    def _arrange(self) -> None:
        """Put the rows in the chosen order (grouped under sector headings when by sector)."""
        actors = list(self.session.workshop.actors.values())
        rows = self._rows.get("actors", {})
        order = self.order.value
        parts: list[widgets.Widget] = []
        if order == "sector":
            sectors = _sector_labels()
            groups: dict[str, list[Actor]] = {}
            for actor in actors:
                groups.setdefault(actor.sector or "", []).append(actor)

            def place(key: str) -> tuple[bool, str]:  # sectors by name, "no sector" last
                return key == "", sectors.get(key, key).lower()

            for key in sorted(groups, key=place):
                label = sectors.get(key, key) if key else t("controls.influence.no_sector")
                heading = self._headings.get(label)
                if heading is None:
                    heading = self._headings[label] = widgets.HTML(
                        f"<h4 class='nsc-influence-group' style='margin:.7em 0 .1em'>{esc(label)}</h4>"
                    )
                parts.append(heading)
                parts += [rows[a.id][1] for a in sorted(groups[key], key=lambda a: a.name.lower()) if a.id in rows]
        else:
            sort_key: Any = {
                "name": lambda a: a.name.lower(),
                "score": lambda a: (a.influence is None, -(a.influence or 0), a.name.lower()),
                "unscored": lambda a: (a.influence is not None, a.name.lower()),
            }[order]
            parts = [rows[a.id][1] for a in sorted(actors, key=sort_key) if a.id in rows]
        if not actors:
            parts = [self.empty]
        if list(self.rows.children) != parts:
            self.rows.children = parts

    # -- changing --------------------------------------------------------------

    def _scored(self, actor_id: str, value: int | None, *, clear: bool = False) -> None:
        if self.syncing or (value is None and not clear):
            return
        self.run("", self.session.update_actor, actor_id, influence=value)
