"""Add an actor or a tie in one line, above the map, without leaving it."""

from __future__ import annotations

import ipywidgets as widgets

from nsc_workshop.datasets import tie_types as tie_type_rows
from nsc_workshop.i18n import t
from nsc_workshop.model import Actor, Tie
from nsc_workshop.session import WorkshopSession
from nsc_workshop.widgets._html import message_html
from nsc_workshop.widgets._panel import Panel
from nsc_workshop.widgets.actor_table import sector_options

__all__ = ["QuickAdd"]


class QuickAdd(Panel):
    """Name + sector → Add actor; from + to + type → Add tie. Clicking the map fills from, then to."""

    def __init__(self, session: WorkshopSession) -> None:
        self.name = widgets.Text(placeholder=t("quick.name"), layout=widgets.Layout(width="18em"))
        self.sector = widgets.Dropdown(options=sector_options(), layout=widgets.Layout(width="14em"))
        self.add_actor_button = widgets.Button(description=t("actor.add"), button_style="primary", icon="plus")
        self.source = widgets.Dropdown(layout=widgets.Layout(width="16em"))
        self.target = widgets.Dropdown(layout=widgets.Layout(width="16em"))
        self.type = widgets.Dropdown(
            options=[(str(row["label"]), str(row["id"])) for row in tie_type_rows()],
            value="collaborates",
            layout=widgets.Layout(width="14em"),
        )
        self.add_tie_button = widgets.Button(description=t("tie.add"), icon="link")
        self.add_actor_button.on_click(lambda _: self.add_actor())
        self.add_tie_button.on_click(lambda _: self.add_tie())
        actor_row = widgets.HBox([self.name, self.sector, self.add_actor_button])
        tie_row = widgets.HBox([self.source, widgets.Label("→"), self.target, self.type, self.add_tie_button])
        super().__init__(session, [actor_row, tie_row])
        self.children = (*self.children, self.message)
        self.add_class("nsc-quick-add")
        self.refresh()

    def refresh(self) -> None:
        super().refresh()
        actors = sorted(self.session.workshop.actors.values(), key=lambda a: a.name.lower())
        options = [("–", "")] + [(a.name, a.id) for a in actors]
        for control in (self.source, self.target):
            if list(control.options) != options:
                current = control.value
                control.options = options
                control.value = current if current in self.session.workshop.actors else ""

    def select(self, actor_id: str) -> None:
        """A click on the map: fill 'from' first, then 'to'."""
        if not self.source.value or self.target.value:
            self.source.value, self.target.value = actor_id, ""
        elif actor_id != self.source.value:
            self.target.value = actor_id

    def add_actor(self) -> Actor | None:
        actor = self.run("", self.session.add_actor, self.name.value, sector=self.sector.value)
        if isinstance(actor, Actor):
            self.message.value = message_html("ok", t("actor.added", name=actor.name))
            self.name.value = ""
            return actor
        return None

    def add_tie(self) -> Tie | None:
        if not self.source.value or not self.target.value:
            self.message.value = message_html("info", t("quick.choose_two"))
            return None
        tie = self.run("", self.session.add_tie, self.source.value, self.target.value, type=self.type.value)
        if isinstance(tie, Tie):
            names = {a.id: a.name for a in self.session.workshop.actors.values()}
            self.message.value = message_html(
                "ok", t("tie.added", source=names[tie.source], target=names[tie.target], type=self.type.label)
            )
            return tie
        return None
