"""Net-Map step 4: score each actor's influence (the height of its tower), checked before it is recorded."""

from __future__ import annotations

import ipywidgets as widgets

from nsc_workshop.graph import graph_inputs, to_networkx
from nsc_workshop.i18n import current_language, t
from nsc_workshop.plots import influence_towers
from nsc_workshop.session import WorkshopSession
from nsc_workshop.widgets._html import esc
from nsc_workshop.widgets._panel import Panel, figure_png

__all__ = ["InfluenceScoring", "figure_png"]  # figure_png: where it was first defined

PAGE = 20


class InfluenceScoring(Panel):
    """One slider per actor (0-10, or unknown), a page at a time, and the influence towers."""

    def __init__(self, session: WorkshopSession) -> None:
        self.page = widgets.IntSlider(value=1, min=1, max=1, description=t("influence.page"))
        self.rows = widgets.VBox()
        self.towers = widgets.Image(format="png")
        self.sliders: dict[str, widgets.IntSlider] = {}
        self.unknown: dict[str, widgets.Checkbox] = {}
        self.page.observe(lambda _c: self._render_rows(), names="value")
        intro = widgets.HTML(f"<p>{esc(t('influence.prompt'))}</p>")
        super().__init__(session, [intro, self.page, self.rows])
        self.children = (*self.children, self.message, self.towers)
        self.add_class("nsc-influence")
        self.refresh()

    def refresh(self) -> None:
        super().refresh()
        count = len(self.session.workshop.actors)
        self.page.max = max(1, -(-count // PAGE))
        self._render_rows()
        workshop = self.session.workshop
        inputs = (*graph_inputs(workshop), current_language())
        self.picture(self.towers, inputs, lambda: influence_towers(to_networkx(workshop)))

    def _render_rows(self) -> None:
        actors = sorted(self.session.workshop.actors.values(), key=lambda a: a.name.lower())
        start = (self.page.value - 1) * PAGE
        rows = []
        self.sliders, self.unknown = {}, {}
        for actor in actors[start : start + PAGE]:
            slider = widgets.IntSlider(
                value=actor.influence or 0,
                min=0,
                max=10,
                continuous_update=False,
                disabled=actor.influence is None,
                layout=widgets.Layout(width="24em"),
            )
            unknown = widgets.Checkbox(value=actor.influence is None, description=t("influence.unknown"), indent=False)
            slider.observe(lambda change, a=actor.id: self._scored(a, change["new"]), names="value")
            unknown.observe(lambda change, a=actor.id: self._unknown(a, change["new"]), names="value")
            self.sliders[actor.id], self.unknown[actor.id] = slider, unknown
            label = widgets.Label(actor.name, layout=widgets.Layout(width="22em"))
            rows.append(widgets.HBox([label, slider, unknown]))
        self.rows.children = rows

    def _scored(self, actor_id: str, value: int) -> None:
        self.run("", self.session.update_actor, actor_id, influence=value)

    def _unknown(self, actor_id: str, unknown: bool) -> None:
        slider = self.sliders[actor_id]
        slider.disabled = unknown
        self.run("", self.session.update_actor, actor_id, influence=None if unknown else slider.value)
