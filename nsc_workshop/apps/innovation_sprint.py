"""The innovation-sprint app: a city-sized design sprint, from the challenge to an action plan."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

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

# What each step shows: (attribute, how to make it, heading above it or None).
Maker = Callable[[WorkshopSession, str], Panel]
PANELS: dict[str, list[tuple[str, Maker, str | None]]] = {
    "agenda": [("agenda", lambda s, r: AgendaTimer(s, r), None)],
    "challenge": [("challenge", lambda s, r: ChallengeView(s, r), None)],
    "ideas": [("ideas", lambda s, r: IdeaBoard(s, r), None)],
    "sketches": [("sketches", lambda s, r: SketchBoard(s), None)],
    "decide": [  # the sub-steps, in order, each a screen of its own
        ("decide", lambda s, r: DecideBoard(s, r), "controls.decide.step.vote"),  # the room's "decide": the vote
        ("heat_map", lambda s, r: HeatMap(s), "sprint.decide.heat"),
        ("scores", lambda s, r: ScoreBoard(s, r), "sprint.decide.scores"),
        ("charts", lambda s, r: DecideCharts(s), "controls.decide.step.charts"),
        ("decision", lambda s, r: DecisionBoard(s, r), "controls.decide.step.decision"),
    ],
    "storyboard": [("storyboard", lambda s, r: StoryboardEditor(s), None)],
    "test": [("prototype", lambda s, r: PrototypePlan(s), None), ("test", lambda s, r: TestBoard(s), None)],
    "toc": [("toc", lambda s, r: TocBoard(s), None)],
    "actions": [("actions", lambda s, r: ActionPlan(s), None)],
    "summary": [("summary", lambda s, r: SprintSummaryView(s), None)],
}
_STEP_OF = {name: step for step, parts in PANELS.items() for name, _, _ in parts}
DECIDE_STEPS = tuple(name for name, _, _ in PANELS["decide"])
"""Decide's sub-steps: one at a time on screen, and only the one shown redraws."""


class InnovationSprintApp(AppFrame):
    """The agenda and its timer first, then a tab per sprint step, each built when first opened.

    A participant's page shows the participant view; the facilitator's controls
    (timer, templates, reveal, supervote on behalf...) exist only on the facilitator's page.
    """

    def __init__(self, store: Store, session: WorkshopSession, role: str | None = None) -> None:
        self.store = store
        self.role = role or session.role
        self._session = session
        self._made: dict[str, Panel] = {}
        self._decide_panels: list[Panel] = []
        self.decide_steps: widgets.ToggleButtons | None = None

        def build(key: str) -> Callable[[], tuple[widgets.Widget, list[Panel]]]:
            def make() -> tuple[widgets.Widget, list[Panel]]:
                if key == "decide":
                    return self._build_decide()
                parts: list[widgets.Widget] = [StepHeader(f"sprint.step.{key}")]
                panels = []
                for name, _maker, heading in PANELS[key]:
                    if heading:
                        parts.append(widgets.HTML(f"<h4 style='margin:.8em 0 .2em'>{t(heading)}</h4>"))
                    panel = self.panel(name)
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
        parts = PANELS["decide"]
        self.decide_steps = widgets.ToggleButtons(
            options=[(f"{n}. {t(heading or name)}", name) for n, (name, _m, heading) in enumerate(parts, start=1)],
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
            return self.panel(name)
        panel = self.panel(name)
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
            following = PANELS["decide"][position + 1]
            self._decide_next.description = t("controls.decide.next", step=t(following[2] or following[0]))
            self._decide_next.layout.display = ""
        else:
            self._decide_next.layout.display = "none"
        return panel

    def _next_decide_step(self) -> None:
        if self.decide_steps is not None:
            position = DECIDE_STEPS.index(self.decide_steps.value)
            self.show_decide_step(DECIDE_STEPS[min(position + 1, len(DECIDE_STEPS) - 1)])

    def panel(self, name: str) -> Any:
        """A panel by name (``"ideas"``, ``"decide"``...), made on first use."""
        if name not in self._made:
            maker = next(m for n, m, _ in PANELS[_STEP_OF[name]] if n == name)
            made = self._made[name] = maker(self._session, self.role)
            if name in DECIDE_STEPS and made not in self._decide_panels:
                made.hide()  # made before it is opened: it catches up when its sub-step is shown
        return self._made[name]

    def __getattr__(self, name: str) -> Any:
        if name in _STEP_OF and "_made" in self.__dict__:
            return self.panel(name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")


def innovation_sprint_app(store: Store | None = None, workshop_id: str | None = None) -> widgets.Widget:
    """The innovation-sprint app on the workshop named in the URL (the sample workshop when none is)."""
    opened = open_app_session(store, workshop_id)
    if isinstance(opened, widgets.Widget):
        return opened
    store, session, context = opened
    return InnovationSprintApp(store, session, context.role)
