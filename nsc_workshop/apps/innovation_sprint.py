"""The innovation-sprint app: a city-sized design sprint, from the challenge to an action plan."""

from __future__ import annotations

import ipywidgets as widgets

from nsc_workshop.apps.context import open_app_session
from nsc_workshop.i18n import t
from nsc_workshop.session import WorkshopSession
from nsc_workshop.store import Store
from nsc_workshop.widgets._panel import Panel
from nsc_workshop.widgets.action_plan import ActionPlan
from nsc_workshop.widgets.agenda_timer import AgendaTimer
from nsc_workshop.widgets.app_frame import AppFrame, Step
from nsc_workshop.widgets.challenge_view import ChallengeView
from nsc_workshop.widgets.decide_board import DecideBoard
from nsc_workshop.widgets.heat_map import HeatMap
from nsc_workshop.widgets.idea_board import IdeaBoard
from nsc_workshop.widgets.prototype_plan import PrototypePlan
from nsc_workshop.widgets.score_board import ScoreBoard
from nsc_workshop.widgets.sketch_board import SketchBoard
from nsc_workshop.widgets.sprint_summary_view import SprintSummaryView
from nsc_workshop.widgets.step_header import StepHeader
from nsc_workshop.widgets.storyboard_editor import StoryboardEditor
from nsc_workshop.widgets.test_board import TestBoard
from nsc_workshop.widgets.toc_board import TocBoard

__all__ = ["InnovationSprintApp", "innovation_sprint_app"]


class InnovationSprintApp(AppFrame):
    """The agenda and its timer first, then a tab per sprint step; facilitators also get the controls."""

    def __init__(self, store: Store, session: WorkshopSession, role: str = "facilitator") -> None:
        self.store = store
        self.role = role
        self.agenda = AgendaTimer(session, role)
        self.challenge = ChallengeView(session, role)
        self.ideas = IdeaBoard(session, role)
        self.sketches = SketchBoard(session)
        self.decide = DecideBoard(session, role)
        self.heat_map = HeatMap(session)
        self.scores = ScoreBoard(session, role)
        self.storyboard = StoryboardEditor(session)
        self.prototype = PrototypePlan(session)
        self.test = TestBoard(session)
        self.toc = TocBoard(session)
        self.actions = ActionPlan(session)
        self.summary = SprintSummaryView(session)

        def body(key: str, *parts: widgets.Widget) -> widgets.VBox:
            box = widgets.VBox([StepHeader(f"sprint.step.{key}"), *parts])
            box.add_class(f"nsc-sprint-step-{key}")
            return box

        def heading(key: str) -> widgets.HTML:
            return widgets.HTML(f"<h4 style='margin:.8em 0 .2em'>{t(key)}</h4>")

        steps: list[tuple[str, widgets.Widget, list[Panel]]] = [
            ("agenda", body("agenda", self.agenda), [self.agenda]),
            ("challenge", body("challenge", self.challenge), [self.challenge]),
            ("ideas", body("ideas", self.ideas), [self.ideas]),
            ("sketches", body("sketches", self.sketches), [self.sketches]),
            ("decide", body("decide", self.decide, heading("sprint.decide.heat"), self.heat_map,
                            heading("sprint.decide.scores"), self.scores), [self.decide, self.heat_map, self.scores]),
            ("storyboard", body("storyboard", self.storyboard), [self.storyboard]),
            ("test", body("test", self.prototype, self.test), [self.prototype, self.test]),
            ("toc", body("toc", self.toc), [self.toc]),
            ("actions", body("actions", self.actions), [self.actions]),
            ("summary", body("summary", self.summary), [self.summary]),
        ]  # fmt: skip
        super().__init__(
            session,
            t("app.innovation_sprint"),
            [Step(t(f"sprint.tab.{key}"), widget, panels) for key, widget, panels in steps],
        )
        self.add_class("nsc-innovation-sprint")


def innovation_sprint_app(store: Store | None = None, workshop_id: str | None = None) -> widgets.Widget:
    """The innovation-sprint app on the workshop named in the URL (the sample workshop when none is)."""
    opened = open_app_session(store, workshop_id)
    if isinstance(opened, widgets.Widget):
        return opened
    store, session, context = opened
    return InnovationSprintApp(store, session, context.role)
