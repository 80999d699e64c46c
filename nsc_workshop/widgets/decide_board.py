"""Decide: dot votes on ideas and sketches within the budget, the decider's supervote, the chosen concept."""

from __future__ import annotations

import ipywidgets as widgets

from nsc_workshop.i18n import t
from nsc_workshop.session import WorkshopSession
from nsc_workshop.summaries.sprint import decision, visible_ideas
from nsc_workshop.widgets._html import bars_html, esc
from nsc_workshop.widgets._panel import Panel
from nsc_workshop.widgets.vote_row import VoteRow

__all__ = ["DecideBoard"]

ROUND = "ideas"


class DecideBoard(Panel):
    """A row per idea or sketch: − / + dots; then the supervote and the choice with its rationale."""

    def __init__(self, session: WorkshopSession, role: str = "facilitator") -> None:
        self.role = role
        self.voter = widgets.Combobox(
            description=t("hmw.voting_as"), value=session.participant or "", ensure_option=False,
            layout=widgets.Layout(width="24em"), disabled=role != "facilitator",
        )  # fmt: skip
        self.voter.observe(lambda _c: self.refresh(), names="value")
        self.budget = widgets.HTML()
        self.rows = widgets.VBox()
        self.super_target = widgets.Dropdown(description=t("decide.supervote_on"), layout=widgets.Layout(width="44em"))
        self.super_button = widgets.Button(description=t("decide.supervote"), icon="star", button_style="warning")
        self.super_button.on_click(lambda _: self.supervote())
        self.concept = widgets.Dropdown(description=t("decide.concept"), layout=widgets.Layout(width="44em"))
        self.rationale = widgets.Textarea(placeholder=t("decide.rationale"), layout=widgets.Layout(width="44em"))
        self.choose_button = widgets.Button(description=t("decide.choose"), button_style="success", icon="check")
        self.choose_button.on_click(lambda _: self.choose())
        self.chart = widgets.HTML()
        self.chart.add_class("nsc-vote-results")
        self.chosen = widgets.HTML()
        decider = widgets.VBox(
            [widgets.HBox([self.super_target, self.super_button]), self.concept, self.rationale, self.choose_button]
        )
        decider.layout.display = "" if role == "facilitator" else "none"
        super().__init__(session, [widgets.HBox([self.voter, self.budget]), self.rows, decider])
        self.children = (*self.children, self.message, self.chosen, self.chart)
        self.add_class("nsc-decide")
        self.refresh()

    @property
    def who(self) -> str | None:
        return self.voter.value.strip() or self.session.participant

    def _targets(self) -> list[tuple[str, str]]:
        workshop = self.session.workshop
        sketches = [(s.id, f"✎ {s.title}") for s in workshop.sprint.sketches.values()]
        ideas = [(i.id, i.text) for i in visible_ideas(workshop, self.session.participant, self.role)]
        return sketches + ideas

    def refresh(self) -> None:
        super().refresh()
        workshop = self.session.workshop
        result = decision(workshop, ROUND)
        dots = {row["id"]: row["dots"] for row in result["tally"]}
        supers = {row["id"]: len(row["by"]) for row in result["supervotes"]}
        budget = workshop.settings.vote_budgets.get(ROUND)
        mine = self.session.dots(ROUND, self.who)
        used = sum(mine.values())
        self.budget.value = f"<span class='nsc-budget'>{esc(t('hmw.budget', used=used, budget=budget))}</span>"
        targets = self._targets()
        rows = []
        for tid, label in targets:
            row = self.reuse("targets", tid, None, lambda tid=tid: VoteRow(tid, self.vote, self.unvote))
            row.show(label + " ★" * supers.get(tid, 0), dots.get(tid, 0), mine.get(tid, 0))
            rows.append(row)
        self.forget_others("targets", [tid for tid, _ in targets])
        self.rows.children = rows
        options = [("–", "")] + [(label, tid) for tid, label in targets]
        for control in (self.super_target, self.concept):
            if list(control.options) != options:
                control.options = options
        self.concept.value = workshop.sprint.chosen_concept or "" if workshop.sprint.chosen_concept in {
            v for _, v in options} else ""  # fmt: skip
        chosen = result["chosen_concept"]
        self.chosen.value = (
            f"<p class='nsc-chosen-concept'><strong>{esc(t('decide.chosen'))}</strong> {esc(chosen['label'])}<br>"
            f"{esc(result['rationale'])}</p>"
            if chosen
            else ""
        )
        bars = [(r["label"], r["dots"]) for r in result["tally"]]
        self.chart.value = bars_html(bars, title=t("decide.results"), empty=t("plot.votes.none"))

    def vote(self, target: str) -> bool:
        self.run("", self.session.vote, target, round=ROUND, participant=self.who)
        return self.ok

    def unvote(self, target: str) -> bool:
        self.run("", self.session.take_back_dot, target, ROUND, self.who)
        return self.ok

    def supervote(self) -> bool:
        if not self.super_target.value:
            return False
        self.run("", self.session.supervote, self.super_target.value)
        return self.ok

    def choose(self) -> bool:
        self.run("", self.session.choose_concept, self.concept.value or None, self.rationale.value)
        return self.ok
