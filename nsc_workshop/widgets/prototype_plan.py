"""Prototype: what is built, and who takes which role (maker, stitcher, writer, asset collector, interviewer)."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from nsc_workshop.i18n import t
from nsc_workshop.session import WorkshopSession
from nsc_workshop.widgets._html import esc
from nsc_workshop.widgets._panel import Panel

__all__ = ["ROLES", "PrototypePlan"]

ROLES = ("maker", "stitcher", "writer", "asset_collector", "interviewer", "other")


class PrototypePlan(Panel):
    def __init__(self, session: WorkshopSession) -> None:
        self.description = widgets.Textarea(
            placeholder=t("prototype.placeholder"), continuous_update=False,
            layout=widgets.Layout(width="48em", height="5em"),
        )  # fmt: skip
        self.description.observe(self._described, names="value")
        self.role = widgets.Dropdown(options=[(t(f"sprint.prototype_role.{r}"), r) for r in ROLES])
        self.who = widgets.Text(placeholder=t("prototype.who"), layout=widgets.Layout(width="20em"))
        self.add_button = widgets.Button(description=t("prototype.add_role"), icon="plus")
        self.add_button.on_click(lambda _: self.add_role())
        self.roles = widgets.VBox()
        super().__init__(session, [self.description, widgets.HBox([self.role, self.who, self.add_button])])
        self.children = (*self.children, self.message, self.roles)
        self.add_class("nsc-prototype")
        self.refresh()

    def refresh(self) -> None:
        super().refresh()
        sprint = self.session.workshop.sprint
        with self.syncing():
            self.description.value = sprint.prototype_description
        rows = []
        for role in sprint.prototype_roles.values():
            label = widgets.HTML(
                f"<span data-role='{esc(role.id)}'><strong>{esc(t(f'sprint.prototype_role.{role.role}'))}</strong>: "
                f"{esc(role.who) or '–'}</span>"
            )
            remove = widgets.Button(icon="trash", layout=widgets.Layout(width="2.5em"))
            remove.on_click(lambda _b, rid=role.id: self.run("", self.session.remove, "prototype_role", rid))
            rows.append(widgets.HBox([remove, label], layout=widgets.Layout(align_items="center")))
        self.roles.children = rows

    def _described(self, change: dict[str, Any]) -> None:
        if not self.syncing:
            self.run(t("goal.saved"), self.session.sprint.set_prototype_description, change["new"])

    def add_role(self) -> None:
        self.run("", self.session.sprint.add_prototype_role, self.role.value, self.who.value.strip())
        if self.ok:
            self.who.value = ""
