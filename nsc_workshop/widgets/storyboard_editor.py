"""The storyboard: 5 to 15 steps a user goes through with the prototype, drawn as a strip."""

from __future__ import annotations

import ipywidgets as widgets

from nsc_workshop.i18n import current_language, t
from nsc_workshop.model import StoryboardStep, in_order
from nsc_workshop.plots import storyboard_strip
from nsc_workshop.session import WorkshopSession
from nsc_workshop.widgets._html import esc
from nsc_workshop.widgets._panel import Panel

__all__ = ["StoryboardEditor"]


class StoryboardEditor(Panel):
    def __init__(self, session: WorkshopSession) -> None:
        self.text = widgets.Text(placeholder=t("storyboard.placeholder"), layout=widgets.Layout(width="44em"))
        self.sketch = widgets.Dropdown(description=t("storyboard.sketch"), layout=widgets.Layout(width="30em"))
        self.add_button = widgets.Button(description=t("storyboard.add"), button_style="primary", icon="plus")
        self.add_button.on_click(lambda _: self.add())
        self.steps = widgets.VBox()
        self.strip = widgets.Image(format="png")
        self.count = widgets.HTML()
        super().__init__(session, [widgets.HBox([self.text, self.add_button]), self.sketch, self.count])
        self.children = (*self.children, self.message, self.steps, self.strip)
        self.add_class("nsc-storyboard")
        self.refresh()

    def ordered(self) -> list[StoryboardStep]:
        return in_order(self.session.workshop.sprint.storyboard.values())

    def refresh(self) -> None:
        super().refresh()
        sketches = self.session.workshop.sprint.sketches
        options = [("–", "")] + [(s.title, s.id) for s in sketches.values()]
        if list(self.sketch.options) != options:
            self.sketch.options = options
        steps = self.ordered()
        self.count.value = f"<p>{esc(t('storyboard.count', count=len(steps)))}</p>"
        self.steps.children = [self._row(n, step, steps) for n, step in enumerate(steps, start=1)]
        workshop = self.session.workshop
        self.picture(
            self.strip,
            (workshop.meta, workshop.sprint.storyboard, workshop.sprint.sketches, current_language()),
            lambda: storyboard_strip(workshop),
        )

    def _row(self, number: int, step: StoryboardStep, steps: list[StoryboardStep]) -> widgets.Widget:
        sketch = self.session.workshop.sprint.sketches.get(step.sketch or "")
        extra = f" <span style='color:#777'>({esc(sketch.title)})</span>" if sketch else ""
        text = widgets.HTML(
            f"<div style='width:40em' data-step='{esc(step.id)}'>{number}. {esc(step.text)}{extra}</div>"
        )
        up = widgets.Button(
            icon="arrow-up", tooltip=t("agenda.up"), disabled=number == 1, layout=widgets.Layout(width="2.5em")
        )
        up.on_click(
            lambda _b, sid=step.id, before=steps[max(0, number - 2)].id: self.run(
                "", self.session.sprint.move_storyboard_step, sid, before
            )
        )
        remove = widgets.Button(icon="trash", tooltip=t("storyboard.remove"), layout=widgets.Layout(width="2.5em"))
        remove.on_click(lambda _b, sid=step.id: self.run("", self.session.remove, "storyboard_step", sid))
        return widgets.HBox([text, up, remove], layout=widgets.Layout(align_items="center"))

    def add(self) -> StoryboardStep | None:
        if not self.text.value.strip():
            return None
        step = self.run("", self.session.sprint.add_storyboard_step, self.text.value.strip(), self.sketch.value or None)
        if isinstance(step, StoryboardStep):
            self.text.value = ""
            return step
        return None
