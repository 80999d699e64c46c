"""The problem-framing app: from "what worries us" to a shared framing and the sprint's questions."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from nsc_workshop.apps.context import open_app_session
from nsc_workshop.i18n import t
from nsc_workshop.session import WorkshopSession
from nsc_workshop.store import Store
from nsc_workshop.widgets._lazy import LazyPanels, lazy
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


class ProblemFramingApp(LazyPanels, AppFrame):
    """One tab per step, each headed by the facilitator's prompt and a countdown; built when first opened."""

    # The panels, by the step (tab) that shows them, in order; each made when its step first opens.
    problem = lazy("wickedness", lambda app: ProblemStatement(app.session))
    wickedness = lazy("wickedness", lambda app: WickednessCheck(app.session))
    iceberg = lazy("iceberg", lambda app: IcebergBoard(app.session))
    tree = lazy("tree", lambda app: ProblemTreeEditor(app.session))
    whys = lazy("whys", lambda app: WhyChains(app.session))
    pov = lazy("pov", lambda app: PovBoard(app.session))
    hmw = lazy("hmw", lambda app: HmwBoard(app.session))
    goal = lazy("goal", lambda app: GoalAndQuestions(app.session))
    summary = lazy("summary", lambda app: FramingSummaryView(app.session))

    def __init__(self, store: Store, session: WorkshopSession) -> None:
        self.store = store

        def build(key: str, minutes: int) -> Callable[[], tuple[widgets.Widget, list[Panel]]]:
            def make() -> tuple[widgets.Widget, list[Panel]]:
                panels = self.panels_of(key)
                body = widgets.VBox([StepHeader(f"framing.step.{key}", minutes), *panels])
                body.add_class(f"nsc-step-{key}")
                return body, panels

            return make

        steps = [Step(key, t(f"framing.tab.{key}"), build(key, minutes)) for key, minutes in STEPS]
        super().__init__(session, t("app.problem_framing.title"), steps, app="framing")
        self.add_class("nsc-problem-framing")

    def panels_of(self, key: str) -> list[Panel]:
        """The panels of a step, made on first use."""
        return self.panels_in(key)


def problem_framing_app(store: Store | None = None, workshop_id: str | None = None) -> widgets.Widget:
    """The problem-framing app on the workshop named in the URL (the sample workshop when none is)."""
    opened = open_app_session(store, workshop_id)
    if isinstance(opened, widgets.Widget):
        return opened
    store, session, _context = opened
    return ProblemFramingApp(store, session)
