"""The action plan: action, objective, lead (a role), timescale, budget, outcome, review date; to Excel or CSV."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Literal

import ipywidgets as widgets

from nsc_workshop.i18n import t
from nsc_workshop.model import Action, in_order
from nsc_workshop.session import WorkshopSession
from nsc_workshop.summaries.sprint import action_plan_rows, write_action_plan
from nsc_workshop.widgets._download import download_link
from nsc_workshop.widgets._html import esc
from nsc_workshop.widgets._panel import Panel
from nsc_workshop.widgets.date_field import DateField

__all__ = ["ActionPlan"]

COLUMNS = ("action", "objective", "lead", "timescale", "budget", "outcome", "review_date")


class ActionPlan(Panel):
    def __init__(self, session: WorkshopSession) -> None:
        style = {"description_width": "9em"}
        wide = widgets.Layout(width="44em")
        self.action = widgets.Text(description=t("plan.action"), style=style, layout=wide)
        self.objective = widgets.Text(description=t("plan.objective"), style=style, layout=wide)
        self.lead = widgets.Text(description=t("plan.lead"), placeholder=t("plan.lead_hint"), style=style, layout=wide)
        self.timescale = widgets.Text(description=t("plan.timescale"), style=style)
        self.budget = widgets.Text(description=t("plan.budget"), style=style)
        self.outcome = widgets.Text(description=t("plan.outcome"), style=style, layout=wide)
        self.review = DateField(description=t("plan.review_date"), style=style)
        self.add_button = widgets.Button(description=t("plan.add"), button_style="primary", icon="plus")
        self.add_button.on_click(lambda _: self.add())
        self.existing = widgets.Dropdown(description=t("plan.which"), style=style, layout=wide)
        self.remove_button = widgets.Button(icon="trash", tooltip=t("plan.remove"), layout=widgets.Layout(width="3em"))
        self.remove_button.on_click(lambda _: self.run("", self.session.remove, "action", self.existing.value)
                                    if self.existing.value else None)  # fmt: skip
        self.xlsx_button = widgets.Button(description=t("plan.export_xlsx"), icon="download")
        self.csv_button = widgets.Button(description=t("plan.export_csv"), icon="download")
        self.xlsx_button.on_click(lambda _: self.export("xlsx"))
        self.csv_button.on_click(lambda _: self.export("csv"))
        self.link = widgets.HTML()
        self.table = widgets.HTML()
        form = widgets.VBox([self.action, self.objective, self.lead, widgets.HBox([self.timescale, self.budget]),
                             self.outcome, self.review, self.add_button])  # fmt: skip
        super().__init__(session, [form, widgets.HBox([self.existing, self.remove_button])])
        self.children = (*self.children, self.message, self.table,
                         widgets.HBox([self.xlsx_button, self.csv_button]), self.link)  # fmt: skip
        self.add_class("nsc-action-plan")
        self.refresh()

    def refresh(self) -> None:
        super().refresh()
        rows = action_plan_rows(self.session.workshop)
        actions = in_order(self.session.workshop.sprint.actions.values())
        self.existing.options = [(a.action, a.id) for a in actions]
        head = "".join(f"<th style='text-align:left;padding:2px 8px'>{esc(t(f'plan.{c}'))}</th>" for c in COLUMNS)
        body = "".join(
            "<tr>" + "".join(f"<td style='padding:2px 8px'>{esc(r.get(c) or '')}</td>" for c in COLUMNS) + "</tr>"
            for r in rows
        )
        self.table.value = (
            f"<table class='nsc-actions'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
            if rows
            else f"<p class='nsc-empty'>{esc(t('plan.none'))}</p>"
        )

    def add(self) -> Action | None:
        action = self.run(
            "", self.session.sprint.add_action, self.action.value, self.lead.value, timescale=self.timescale.value,
            budget=self.budget.value, outcome=self.outcome.value, review_date=self.review.value,
            objective=self.objective.value,
        )  # fmt: skip
        if isinstance(action, Action):
            for control in (self.action, self.objective, self.lead, self.timescale, self.budget, self.outcome):
                control.value = ""
            self.review.value = None
            return action
        return None

    def export(self, fmt: Literal["xlsx", "csv"]) -> str:
        name = f"{self.session.workshop_id}-action-plan.{fmt}"
        with tempfile.TemporaryDirectory(prefix="nsc-plan-") as folder:
            path = write_action_plan(self.session.workshop, Path(folder) / name, fmt)
            self.link.value = download_link(name, path.read_bytes())
        return name
