"""The problem-framing app: from "what worries us" to a shared framing and the sprint's questions."""

from __future__ import annotations

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


class ProblemFramingApp(AppFrame):
    """One tab per step, each headed by the facilitator's prompt and a countdown."""

    def __init__(self, store: Store, session: WorkshopSession) -> None:
        self.store = store
        self.problem = ProblemStatement(session)
        self.wickedness = WickednessCheck(session)
        self.iceberg = IcebergBoard(session)
        self.tree = ProblemTreeEditor(session)
        self.whys = WhyChains(session)
        self.pov = PovBoard(session)
        self.hmw = HmwBoard(session)
        self.goal = GoalAndQuestions(session)
        self.summary = FramingSummaryView(session)
        bodies: dict[str, list[Panel]] = {
            "wickedness": [self.problem, self.wickedness],
            "iceberg": [self.iceberg],
            "tree": [self.tree],
            "whys": [self.whys],
            "pov": [self.pov],
            "hmw": [self.hmw],
            "goal": [self.goal],
            "summary": [self.summary],
        }
        steps = []
        for key, minutes in STEPS:
            panels = bodies[key]
            body = widgets.VBox([StepHeader(f"framing.step.{key}", minutes), *panels])
            body.add_class(f"nsc-step-{key}")
            steps.append(Step(t(f"framing.tab.{key}"), body, panels))
        super().__init__(session, t("app.problem_framing.title"), steps)
        self.add_class("nsc-problem-framing")


def problem_framing_app(store: Store | None = None, workshop_id: str | None = None) -> widgets.Widget:
    """The problem-framing app on the workshop named in the URL (the sample workshop when none is)."""
    opened = open_app_session(store, workshop_id)
    if isinstance(opened, widgets.Widget):
        return opened
    store, session, _context = opened
    return ProblemFramingApp(store, session)
