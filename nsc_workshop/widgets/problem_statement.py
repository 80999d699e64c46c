"""What worries us: the problem in the team's own words, saved when the box is left."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from nsc_workshop.i18n import t
from nsc_workshop.session import WorkshopSession
from nsc_workshop.widgets._html import esc
from nsc_workshop.widgets._panel import Panel

__all__ = ["ProblemStatement"]


class ProblemStatement(Panel):
    def __init__(self, session: WorkshopSession) -> None:
        self.text = widgets.Textarea(
            placeholder=t("problem.placeholder"),
            continuous_update=False,
            layout=widgets.Layout(width="60em", height="6em"),
        )
        self.text.observe(self._changed, names="value")
        title = widgets.HTML(f"<h3 style='margin:.2em 0'>{esc(t('framing.step.problem.title'))}</h3>")
        super().__init__(session, [title, self.text])
        self.children = (*self.children, self.message)
        self.add_class("nsc-problem-statement")
        self.refresh()

    def refresh(self) -> None:
        super().refresh()
        with self.syncing():
            self.text.value = self.session.workshop.framing.problem_statement

    def _changed(self, change: dict[str, Any]) -> None:
        if not self.syncing:
            self.run(t("problem.saved"), self.session.framing.set_problem_statement, change["new"])
