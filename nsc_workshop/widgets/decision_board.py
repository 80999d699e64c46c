"""Decide, the decision: the decider's supervote, the concept the team goes on with, and why."""

from __future__ import annotations

import ipywidgets as widgets

from nsc_workshop.i18n import t
from nsc_workshop.session import WorkshopSession
from nsc_workshop.summaries.sprint import decision
from nsc_workshop.widgets._html import esc
from nsc_workshop.widgets._panel import Panel
from nsc_workshop.widgets.decide_board import ROUND, vote_targets

__all__ = ["DecisionBoard"]

_WIDE = widgets.Layout(width="44em")
_STYLE = {"description_width": "11em"}


class DecisionBoard(Panel):
    """The options ranked by dots ("… (3 dots)"); the supervote; the choice and its rationale.

    Everyone sees the chosen concept; only the facilitator's page has the controls.
    """

    def __init__(self, session: WorkshopSession, role: str = "facilitator") -> None:
        self.role = role
        self.super_target = widgets.Dropdown(description=t("decide.supervote_on"), style=_STYLE, layout=_WIDE)
        self.super_button = widgets.Button(
            description=t("decide.supervote"), icon="star", button_style="warning", layout=widgets.Layout(width="auto")
        )
        self.super_button.on_click(lambda _: self.supervote())
        self.supervotes = widgets.HTML()
        self.concept = widgets.Dropdown(description=t("decide.concept"), style=_STYLE, layout=_WIDE)
        self.rationale = widgets.Textarea(
            placeholder=t("decide.rationale"), layout=widgets.Layout(width="44em", height="5em")
        )
        self.choose_button = widgets.Button(
            description=t("decide.choose"),
            button_style="success",
            icon="check",
            layout=widgets.Layout(width="auto", align_self="flex-start"),
        )
        self.choose_button.on_click(lambda _: self.choose())
        self.chosen = widgets.HTML()
        decider = widgets.VBox(
            [
                widgets.HTML(f"<h4 style='margin:.4em 0'>{esc(t('controls.decide.supervote_head'))}</h4>"),
                widgets.HBox([self.super_target, self.super_button], layout=widgets.Layout(align_items="center")),
                self.supervotes,
                widgets.HTML(f"<h4 style='margin:.8em 0 .4em'>{esc(t('controls.decide.choice_head'))}</h4>"),
                self.concept,
                self.rationale,
                self.choose_button,
            ]
        )
        decider.layout.display = "" if role == "facilitator" else "none"
        super().__init__(session, [self.chosen, decider])
        self.children = (*self.children, self.message)
        self.add_class("nsc-decision")
        self.refresh()

    def refresh(self) -> None:
        super().refresh()
        workshop = self.session.workshop
        result = decision(workshop, ROUND)
        dots = {row["id"]: row["dots"] for row in result["tally"]}
        targets = vote_targets(self.session, self.role)
        position = {tid: i for i, (tid, _l) in enumerate(targets)}
        ranked = sorted(targets, key=lambda item: (-dots.get(item[0], 0), position[item[0]]))
        options = [("–", "")] + [
            (f"{label} ({t('controls.dots', count=dots.get(tid, 0))})", tid) for tid, label in ranked
        ]
        for control in (self.super_target, self.concept):
            if list(control.options) != options:
                current = control.value
                control.options = options
                control.value = current if current in {v for _, v in options} else ""
        chosen_id = workshop.sprint.chosen_concept
        if chosen_id in position and self.concept.value != chosen_id:
            self.concept.value = chosen_id
        labels = dict(targets)
        given = [
            t("controls.decide.supervote_by", item=labels.get(row["id"], row["label"]), by=", ".join(row["by"] or "–"))
            for row in result["supervotes"]
        ]
        self.supervotes.value = (
            "<ul class='nsc-supervotes'>" + "".join(f"<li>★ {esc(g)}</li>" for g in given) + "</ul>"
            if given
            else f"<p class='nsc-empty' style='color:#555'>{esc(t('controls.decide.no_supervote'))}</p>"
        )
        chosen = result["chosen_concept"]
        self.chosen.value = (
            f"<p class='nsc-chosen-concept' style='font-size:1.15em'><strong>{esc(t('decide.chosen'))}</strong> "
            f"{esc(chosen['label'])}<br>{esc(result['rationale'])}</p>"
            if chosen
            else f"<p class='nsc-empty' style='color:#555'>{esc(t('controls.decide.not_chosen'))}</p>"
        )

    def supervote(self) -> bool:
        if not self.super_target.value:
            return False
        self.run("", self.session.sprint.supervote, self.super_target.value)
        return self.ok

    def choose(self) -> bool:
        self.run("", self.session.sprint.choose_concept, self.concept.value or None, self.rationale.value)
        return self.ok
