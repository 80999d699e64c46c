"""Step 7 of framing: the long-term goal, the sprint questions, and the tags (Blueprint areas, prevention level)."""

from __future__ import annotations

import ipywidgets as widgets

from nsc_workshop.datasets import blueprint_areas
from nsc_workshop.i18n import t
from nsc_workshop.model import SprintQuestion, in_order
from nsc_workshop.session import WorkshopSession
from nsc_workshop.widgets._html import esc, message_html
from nsc_workshop.widgets._panel import Panel

__all__ = ["GoalAndQuestions"]

LEVELS = ("primary", "secondary", "tertiary")


class GoalAndQuestions(Panel):
    """The goal (saved when the box is left), "Can we...?" questions, and tags as checkboxes."""

    def __init__(self, session: WorkshopSession) -> None:
        self.goal = widgets.Textarea(
            placeholder=t("goal.placeholder"),
            continuous_update=False,
            layout=widgets.Layout(width="48em", height="5em"),
        )
        self.goal.observe(self._goal_changed, names="value")
        self.question = widgets.Text(placeholder=t("questions.placeholder"), layout=widgets.Layout(width="40em"))
        self.add_button = widgets.Button(description=t("questions.add"), icon="plus")
        self.add_button.on_click(lambda _: self.add_question())
        self.questions = widgets.VBox()
        self.areas = {
            str(row["id"]): widgets.Checkbox(description=str(row["label"]), indent=False) for row in blueprint_areas()
        }
        self.levels = {
            level: widgets.Checkbox(description=t(f"framing.prevention.{level}"), indent=False) for level in LEVELS
        }
        for box in [*self.areas.values(), *self.levels.values()]:
            box.observe(lambda _c: self._tags_changed(), names="value")
        super().__init__(
            session,
            [
                widgets.HTML(f"<h4>{esc(t('goal.title'))}</h4>"),
                self.goal,
                widgets.HTML(f"<h4>{esc(t('questions.title'))}</h4>"),
                self.questions,
                widgets.HBox([self.question, self.add_button]),
                widgets.HTML(f"<h4>{esc(t('tags.areas'))}</h4>"),
                widgets.VBox(list(self.areas.values())),
                widgets.HTML(f"<h4>{esc(t('tags.levels'))}</h4>"),
                widgets.VBox(list(self.levels.values())),
            ],
        )
        self.children = (*self.children, self.message)
        self.add_class("nsc-goal-questions")
        self.refresh()

    def refresh(self) -> None:
        super().refresh()
        workshop = self.session.workshop
        with self.syncing():
            self.goal.value = workshop.framing.long_term_goal
            for area, box in self.areas.items():
                box.value = area in workshop.meta.blueprint_areas
            for level, box in self.levels.items():
                box.value = level in workshop.meta.prevention_levels
        questions = in_order(workshop.framing.sprint_questions.values())
        self.questions.children = [self._row(q) for q in questions]

    def _row(self, question: SprintQuestion) -> widgets.Widget:
        text = widgets.HTML(f"<span data-question='{esc(question.id)}'>{esc(question.text)}</span>")
        remove = widgets.Button(icon="trash", tooltip=t("questions.remove"), layout=widgets.Layout(width="2.5em"))
        remove.on_click(lambda _b, qid=question.id: self.run("", self.session.remove, "sprint_question", qid))
        return widgets.HBox([remove, text], layout=widgets.Layout(align_items="center"))

    def _goal_changed(self, change: dict[str, str]) -> None:
        if not self.syncing:
            self.run(t("goal.saved"), self.session.framing.set_long_term_goal, change["new"])

    def _tags_changed(self) -> None:
        if self.syncing:
            return
        areas = [a for a, box in self.areas.items() if box.value]
        levels = [level for level, box in self.levels.items() if box.value]
        self.run("", self.session.framing.set_tags, blueprint_areas=areas, prevention_levels=levels)

    def add_question(self) -> SprintQuestion | None:
        text = self.question.value.strip()
        if not text:
            return None
        question = self.run("", self.session.framing.add_sprint_question, text)
        if isinstance(question, SprintQuestion):
            self.question.value = ""
            prefix = t("questions.prefix").lower()
            if not (text.lower().startswith(prefix) and text.endswith("?")):
                self.message.value = message_html("info", t("questions.phrase_hint"))
            return question
        return None
