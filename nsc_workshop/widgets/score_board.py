"""Decide, scores: impact and effort (the 2×2), desirability, feasibility, viability — 1 to 5.

The charts these scores make are on the next sub-step (:mod:`.decide_charts`).
"""

from __future__ import annotations

import ipywidgets as widgets

from nsc_workshop.i18n import t
from nsc_workshop.session import WorkshopSession
from nsc_workshop.summaries.sprint import visible_ideas
from nsc_workshop.widgets._html import esc
from nsc_workshop.widgets._panel import Panel

__all__ = ["CRITERIA", "ScoreBoard"]

CRITERIA = ("impact", "effort", "desirability", "feasibility", "viability")


class ScoreBoard(Panel):
    """Pick an idea or sketch, move the five sliders, save."""

    def __init__(self, session: WorkshopSession, role: str = "facilitator") -> None:
        self.role = role
        self.target = widgets.Dropdown(description=t("scores.target"), layout=widgets.Layout(width="44em"))
        self.sliders = {
            c: widgets.IntSlider(
                value=3, min=1, max=5, description=t(f"scores.{c}"), style={"description_width": "9em"}
            )
            for c in CRITERIA
        }
        self.as_group = widgets.Checkbox(
            description=t("scores.as_group"), indent=False, value=role == "facilitator",
            layout=widgets.Layout(width="auto"),
        )  # fmt: skip
        self.save_button = widgets.Button(
            description=t("scores.save"), button_style="primary", icon="check", layout=widgets.Layout(width="auto")
        )
        self.save_button.on_click(lambda _: self.save())
        self.target.observe(lambda _c: self._load(), names="value")
        self.scored = widgets.HTML()
        super().__init__(
            session, [self.target, *self.sliders.values(), widgets.HBox([self.as_group, self.save_button])]
        )
        self.children = (*self.children, self.message, self.scored)
        self.add_class("nsc-scores")
        self.refresh()

    def refresh(self) -> None:
        super().refresh()
        workshop = self.session.workshop
        options = [(f"✎ {s.title}", s.id) for s in workshop.sprint.sketches.values()] + [
            (i.text, i.id) for i in visible_ideas(workshop, self.session.participant, self.role)
        ]
        if list(self.target.options) != options:
            current = self.target.value
            self.target.options = options
            self.target.value = current if current in {v for _, v in options} else (options[0][1] if options else None)
        scored = {s.target for s in workshop.sprint.scores.values()}
        done = sum(1 for _label, value in options if value in scored)
        self.scored.value = (
            f"<p class='nsc-scored' style='color:#555'>"
            f"{esc(t('controls.scores.scored', scored=done, count=len(options)))}</p>"
        )

    def _load(self) -> None:
        scores = self.session.workshop.sprint.scores.values()
        for criterion, slider in self.sliders.items():
            mine = [s.value for s in scores if s.target == self.target.value and s.criterion == criterion
                    and s.participant == (None if self.as_group.value else self.session.participant)]  # fmt: skip
            slider.value = mine[-1] if mine else 3

    def save(self) -> bool:
        if not self.target.value:
            return False
        score = self.session.sprint.score
        for criterion, slider in self.sliders.items():
            self.run("", score, self.target.value, criterion, slider.value, as_group=self.as_group.value)
            if not self.ok:
                return False
        return True
