"""The problem-framing app: from "what worries us" to a shared framing and the sprint's questions."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from nsc_workshop.apps.context import open_app_session
from nsc_workshop.i18n import t
from nsc_workshop.session import WorkshopSession
from nsc_workshop.store import Store
from nsc_workshop.widgets._panel import Panel
from nsc_workshop.widgets.app_frame import AppFrame, Step
from nsc_workshop.widgets.framing_summary_view import FramingSummaryView
from nsc_workshop.widgets.goal_questions import GoalAndQuestions
from nsc_workshop.widgets.hmw_board import HmwBoard
from nsc_workshop.widgets.iceberg_board import IcebergBoard
from nsc_workshop.widgets.pov_board import PovBoard
from nsc_workshop.widgets.problem_statement import ProblemStatement
from nsc_workshop.widgets.problem_tree_editor import ProblemTreeEditor
from nsc_workshop.widgets.step_header import StepHeader
from nsc_workshop.widgets.why_chains import WhyChains
from nsc_workshop.widgets.wickedness_check import WickednessCheck

__all__ = ["STEPS", "ProblemFramingApp", "problem_framing_app"]

STEPS: list[tuple[str, int]] = [
    ("wickedness", 20),
    ("iceberg", 20),
    ("tree", 30),
    ("whys", 15),
    ("pov", 20),
    ("hmw", 30),
    ("goal", 20),
    ("summary", 10),
]
"""The steps in order, with their suggested duration in minutes (about three hours in all)."""

PANELS: dict[str, list[Callable[[WorkshopSession], Panel]]] = {
    "wickedness": [ProblemStatement, WickednessCheck],
    "iceberg": [IcebergBoard],
    "tree": [ProblemTreeEditor],
    "whys": [WhyChains],
    "pov": [PovBoard],
    "hmw": [HmwBoard],
    "goal": [GoalAndQuestions],
    "summary": [FramingSummaryView],
}


class ProblemFramingApp(AppFrame):
    """One tab per step, each headed by the facilitator's prompt and a countdown; built when first opened."""

    def __init__(self, store: Store, session: WorkshopSession) -> None:
        self.store = store
        self._panels: dict[str, list[Panel]] = {}

        def build(key: str, minutes: int) -> Callable[[], tuple[widgets.Widget, list[Panel]]]:
            def make() -> tuple[widgets.Widget, list[Panel]]:
                panels = self.panels_of(key)
                body = widgets.VBox([StepHeader(f"framing.step.{key}", minutes), *panels])
                body.add_class(f"nsc-step-{key}")
                return body, panels

            return make

        steps = [Step(key, t(f"framing.tab.{key}"), build(key, minutes)) for key, minutes in STEPS]
        self._session = session
        super().__init__(session, t("app.problem_framing.title"), steps, app="framing")
        self.add_class("nsc-problem-framing")

    def panels_of(self, key: str) -> list[Panel]:
        """The panels of a step, made on first use."""
        if key not in self._panels:
            self._panels[key] = [make(self._session) for make in PANELS[key]]
        return self._panels[key]

    @property
    def problem(self) -> ProblemStatement:
        return self.panels_of("wickedness")[0]  # type: ignore[return-value]

    @property
    def wickedness(self) -> WickednessCheck:
        return self.panels_of("wickedness")[1]  # type: ignore[return-value]

    @property
    def iceberg(self) -> IcebergBoard:
        return self.panels_of("iceberg")[0]  # type: ignore[return-value]

    @property
    def tree(self) -> ProblemTreeEditor:
        return self.panels_of("tree")[0]  # type: ignore[return-value]

    @property
    def whys(self) -> WhyChains:
        return self.panels_of("whys")[0]  # type: ignore[return-value]

    @property
    def pov(self) -> PovBoard:
        return self.panels_of("pov")[0]  # type: ignore[return-value]

    @property
    def hmw(self) -> HmwBoard:
        return self.panels_of("hmw")[0]  # type: ignore[return-value]

    @property
    def goal(self) -> GoalAndQuestions:
        return self.panels_of("goal")[0]  # type: ignore[return-value]

    @property
    def summary(self) -> FramingSummaryView:
        return self.panels_of("summary")[0]  # type: ignore[return-value]


def problem_framing_app(store: Store | None = None, workshop_id: str | None = None) -> widgets.Widget:
    """The problem-framing app on the workshop named in the URL (the sample workshop when none is)."""
    opened = open_app_session(store, workshop_id)
    if isinstance(opened, widgets.Widget):
        return opened
    store, session, _context = opened
    return ProblemFramingApp(store, session)
