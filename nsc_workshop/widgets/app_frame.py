"""The frame every app shares: the workshop's name, undo, a save status, and one tab per step."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import ipywidgets as widgets

from nsc_workshop.errors import NscWorkshopError
from nsc_workshop.events import Event
from nsc_workshop.i18n import t
from nsc_workshop.session import WorkshopSession
from nsc_workshop.widgets._html import error_html, esc, message_html
from nsc_workshop.widgets._panel import Panel

__all__ = ["AppFrame", "Step"]


@dataclass
class Step:
    """A tab: its label, what it shows, and the panels that redraw only while it is shown."""

    label: str
    body: widgets.Widget
    panels: list[Panel] = field(default_factory=list)


class AppFrame(widgets.VBox):
    """Header (app and workshop), an undo button, the save status, and the steps as tabs."""

    def __init__(self, session: WorkshopSession, app_title: str, steps: Sequence[Step]) -> None:
        self.session = session
        self.steps = list(steps)
        workshop = session.workshop
        self.status = widgets.HTML()
        self.undo_button = widgets.Button(
            description=t("app.undo"), icon="undo", layout=widgets.Layout(width="auto", min_width="14em")
        )
        self.undo_button.on_click(lambda _: self.undo())
        header = widgets.HTML(
            f"<h2 style='margin-bottom:0'>{esc(app_title)}: {esc(workshop.meta.title)}</h2>"
            f"<p style='margin-top:.2em;color:#555'>{esc(workshop.meta.city)}, {esc(workshop.meta.country)}</p>"
        )
        self.tabs = widgets.Tab(children=[step.body for step in self.steps], titles=[s.label for s in self.steps])
        self.tabs.observe(lambda change: self._show(change["new"]), names="selected_index")
        super().__init__([header, widgets.HBox([self.undo_button, self.status]), self.tabs])
        self._show(0)
        session.subscribe(self.changed)

    def panels(self) -> list[Panel]:
        return [panel for step in self.steps for panel in step.panels]

    def _show(self, index: int | None) -> None:
        for position, step in enumerate(self.steps):
            for panel in step.panels:
                if position == index:
                    panel.show()
                else:
                    panel.hide()

    def changed(self, events: Sequence[Event]) -> None:
        """After every saved change (the panels, subscribed first, have redrawn): say it is saved."""
        self.status.value = message_html("info", t("app.saved", version=self.session.version))

    def undo(self) -> None:
        try:
            what = self.session.undo()
        except NscWorkshopError as exc:
            self.status.value = error_html(exc)
            return
        self.status.value = message_html("ok", t("app.undone", what=what))
