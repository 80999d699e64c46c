"""The innovation-sprint app: a city-sized design sprint, from the challenge to an action plan."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from nsc_workshop.apps.context import open_app_session
from nsc_workshop.i18n import t
from nsc_workshop.session import WorkshopSession
from nsc_workshop.store import Store
from nsc_workshop.widgets._lazy import LazyPanels, lazy
from nsc_workshop.widgets._panel import Panel
from nsc_workshop.widgets.action_plan import ActionPlan
from nsc_workshop.widgets.agenda_timer import AgendaTimer
from nsc_workshop.widgets.app_frame import AppFrame, Step
from nsc_workshop.widgets.challenge_view import ChallengeView
from nsc_workshop.widgets.decide_board import DecideBoard
from nsc_workshop.widgets.decide_charts import DecideCharts
from nsc_workshop.widgets.decision_board import DecisionBoard
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

__all__ = ["DECIDE_STEPS", "STEPS", "InnovationSprintApp", "innovation_sprint_app"]

STEPS = ("agenda", "challenge", "ideas", "sketches", "decide", "storyboard", "test", "toc", "actions", "summary")


class InnovationSprintApp(LazyPanels, AppFrame):
    """The agenda and its timer first, then a tab per sprint step, each built when first opened.

    A participant's page shows the participant view; the facilitator's controls
    (timer, templates, reveal, supervote on behalf...) exist only on the facilitator's page.
    """

    # What each step shows, in order, each made when its step first opens (or when reached); a heading, if
    # any, above it. Decide's sub-steps, in order, each a screen of its own.
    agenda = lazy("agenda", lambda app: AgendaTimer(app.session, app.role))
    challenge = lazy("challenge", lambda app: ChallengeView(app.session, app.role))
    ideas = lazy("ideas", lambda app: IdeaBoard(app.session, app.role))
    sketches = lazy("sketches", lambda app: SketchBoard(app.session))
    decide = lazy("decide", lambda app: DecideBoard(app.session, app.role), "controls.decide.step.vote")  # the vote
    heat_map = lazy("decide", lambda app: HeatMap(app.session), "sprint.decide.heat")
    scores = lazy("decide", lambda app: ScoreBoard(app.session, app.role), "sprint.decide.scores")
    charts = lazy("decide", lambda app: DecideCharts(app.session), "controls.decide.step.charts")
    decision = lazy("decide", lambda app: DecisionBoard(app.session, app.role), "controls.decide.step.decision")
    storyboard = lazy("storyboard", lambda app: StoryboardEditor(app.session))
    prototype = lazy("test", lambda app: PrototypePlan(app.session))
    test = lazy("test", lambda app: TestBoard(app.session))
    toc = lazy("toc", lambda app: TocBoard(app.session))
    actions = lazy("actions", lambda app: ActionPlan(app.session))
    summary = lazy("summary", lambda app: SprintSummaryView(app.session))

    def __init__(self, store: Store, session: WorkshopSession, role: str | None = None) -> None:
        self.store = store
        self.role = role or session.role
        self._decide_panels: list[Panel] = []
        self.decide_steps: widgets.ToggleButtons | None = None

        def build(key: str) -> Callable[[], tuple[widgets.Widget, list[Panel]]]:
            def make() -> tuple[widgets.Widget, list[Panel]]:
                if key == "decide":
                    return self._build_decide()
                parts: list[widgets.Widget] = [StepHeader(f"sprint.step.{key}")]
                panels: list[Panel] = []
                for declared in self.declared(key):
                    if declared.heading:
                        parts.append(widgets.HTML(f"<h4 style='margin:.8em 0 .2em'>{t(declared.heading)}</h4>"))
                    panel = self.panel(declared.name)
                    parts.append(panel)
                    panels.append(panel)
                body = widgets.VBox(parts)
                body.add_class(f"nsc-sprint-step-{key}")
                return body, panels

            return make

        steps = [Step(key, t(f"sprint.tab.{key}"), build(key)) for key in STEPS]
        super().__init__(session, t("app.innovation_sprint"), steps, app="sprint")
        self.add_class("nsc-innovation-sprint")

    def _build_decide(self) -> tuple[widgets.Widget, list[Panel]]:
        """Decide as sub-steps: a row of numbered buttons, one sub-step's screen, a "Next" button."""
        parts = self.declared("decide")
        self.decide_steps = widgets.ToggleButtons(
            options=[(f"{n}. {t(part.heading or part.name)}", part.name) for n, part in enumerate(parts, start=1)],
            value=DECIDE_STEPS[0],
            style={"button_width": "auto"},
        )
        self.decide_steps.add_class("nsc-decide-steps")
        self._decide_stack = widgets.Stack(children=[], selected_index=None)
        self._decide_next = widgets.Button(
            icon="arrow-right", button_style="primary", layout=widgets.Layout(width="auto", align_self="flex-start")
        )
        self._decide_next.add_class("nsc-decide-next")
        self._decide_next.on_click(lambda _b: self._next_decide_step())
        self.decide_steps.observe(lambda change: self.show_decide_step(change["new"]), names="value")
        body = widgets.VBox(
            [StepHeader("sprint.step.decide"), self.decide_steps, self._decide_stack, self._decide_next]
        )
        body.add_class("nsc-sprint-step-decide")
        self._decide_panels = []
        self.show_decide_step(DECIDE_STEPS[0])
        return body, self._decide_panels

    def show_decide_step(self, name: str) -> Panel:
        """Show one of Decide's sub-steps (``"heat_map"``, ``"decide"``, ``"scores"``, ``"charts"``, ``"decision"``).

        Only the sub-step on screen is in the step's panels, so only it redraws as the room changes.
        """
        if self.decide_steps is None:  # the Decide tab is not built yet
            self.show_step("decide")
        assert self.decide_steps is not None
        if self.decide_steps.value != name:
            self.decide_steps.value = name  # comes back here through the observer
            shown: Panel = self.panel(name)
            return shown
        panel: Panel = self.panel(name)
        children = list(self._decide_stack.children)
        if panel not in children:
            children.append(panel)
            self._decide_stack.children = children
        self._decide_stack.selected_index = children.index(panel)
        for other in self._decide_panels:
            if other is not panel:
                other.hide()
        self._decide_panels[:] = [panel]  # the Step's own list: the frame shows and hides what is in it
        decide_shown = self.steps[self.tabs.selected_index or 0].key == "decide"
        if decide_shown:
            panel.show()
        else:
            panel.hide()
        position = DECIDE_STEPS.index(name)
        if position + 1 < len(DECIDE_STEPS):
            following = self.declared("decide")[position + 1]
            self._decide_next.description = t("controls.decide.next", step=t(following.heading or following.name))
            self._decide_next.layout.display = ""
        else:
            self._decide_next.layout.display = "none"
        return panel

    def _next_decide_step(self) -> None:
        if self.decide_steps is not None:
            position = DECIDE_STEPS.index(self.decide_steps.value)
            self.show_decide_step(DECIDE_STEPS[min(position + 1, len(DECIDE_STEPS) - 1)])

    def panel_made(self, name: str, panel: Any) -> None:
        if name in DECIDE_STEPS and panel not in self._decide_panels:
            panel.hide()  # made before it is opened: it catches up when its sub-step is shown


DECIDE_STEPS = tuple(declared.name for declared in InnovationSprintApp.declared("decide"))
"""Decide's sub-steps, in order: one at a time on screen, and only the one shown redraws."""


def innovation_sprint_app(store: Store | None = None, workshop_id: str | None = None) -> widgets.Widget:
    """The innovation-sprint app on the workshop named in the URL (the sample workshop when none is)."""
    opened = open_app_session(store, workshop_id)
    if isinstance(opened, widgets.Widget):
        return opened
    store, session, context = opened
    return InnovationSprintApp(store, session, context.role)
