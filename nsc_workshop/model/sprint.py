"""The innovation sprint: agenda, ideas, sketches, decisions, prototype, test,
theory of change, indicators and action plan."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from nsc_workshop.model._types import Date, DateTime, Entity, EntityId, IdMap, Line, Model, Text
from nsc_workshop.model.votes import Score

__all__ = [
    "Action",
    "AgendaItem",
    "Attachment",
    "Finding",
    "Idea",
    "Indicator",
    "PrototypeRole",
    "Sketch",
    "Sprint",
    "StoryboardStep",
    "TestPlan",
    "Timer",
    "TocElement",
]

Phase = Literal["map", "sketch", "decide", "prototype", "test", "follow_up", "break", "other"]


class AgendaItem(Entity):
    """A timed block of the sprint agenda; start times are computed from the order."""

    title: Line
    phase: Phase = "other"
    day: Annotated[int, Field(ge=1, le=5)] = 1
    order: float = 0.0
    duration_min: Annotated[int, Field(ge=0, le=600)] = 30
    notes: Text = ""


class Timer(Model):
    """The facilitator's countdown for an agenda item.

    Running: ``started_at`` is the epoch second when it (re)started and
    ``remaining_s`` what was left then. Paused: ``started_at`` is None.
    """

    item: EntityId | None = None
    started_at: float | None = None
    remaining_s: float = 0.0

    def remaining(self, now: float) -> float:
        """Seconds left at ``now`` (epoch seconds); negative once it has run over.

        >>> Timer(item="ag_1", started_at=1000.0, remaining_s=300.0).remaining(1100.0)
        200.0
        >>> Timer(item="ag_1", remaining_s=300.0).remaining(5000.0)  # paused
        300.0
        """
        if self.started_at is None:
            return float(self.remaining_s)
        return float(self.remaining_s) - (now - self.started_at)


class Idea(Entity):
    """An idea note, a Crazy 8s frame or a lightning demo.

    A ``private`` idea is hidden from other participants until ``revealed``.
    """

    text: Text
    kind: Literal["note", "crazy8", "lightning_demo"] = "note"
    author: Line | None = None
    private: bool = False
    revealed: bool = False
    theme: Line = ""
    link: Annotated[str, Field(max_length=2000, pattern=r"^https?://\S+$")] | None = None


class Attachment(Entity):
    """An uploaded file (the photo of a paper sketch); the bytes are kept by the store."""

    filename: Line
    media_type: Literal["image/png", "image/jpeg", "image/gif", "image/webp"]
    size: Annotated[int, Field(ge=0)]
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


class Sketch(Entity):
    """A solution sketch (three panels, a title, anonymous until the art museum)."""

    title: Line
    author: Line | None = None
    description: Text = ""
    panels: list[Text] = Field(default_factory=list)
    attachment: EntityId | None = None


class StoryboardStep(Entity):
    text: Text
    order: float = 0.0
    sketch: EntityId | None = None


class PrototypeRole(Entity):
    """A prototype role (maker, stitcher, writer, asset collector, interviewer)
    and who takes it: a role or a handle, never required to be a name."""

    role: Literal["maker", "stitcher", "writer", "asset_collector", "interviewer", "other"]
    who: Line = ""
    notes: Text = ""


class TestPlan(Model):
    """Whom the prototype is tested with, what is assumed and what is asked."""

    target_group: Text = ""
    assumptions: list[Text] = Field(default_factory=list)
    questions: list[Text] = Field(default_factory=list)
    interviews_planned: Annotated[int, Field(ge=0, le=100)] = 5


class Finding(Entity):
    """What an interview showed; ``pattern`` marks what the team saw across interviews."""

    text: Text
    interview: Annotated[int, Field(ge=0, le=100)] = 0
    valence: Literal["positive", "negative", "neutral"] = "neutral"
    pattern: bool = False


TocLevel = Literal[
    "input",
    "activity",
    "output",
    "outcome_short",
    "outcome_medium",
    "outcome_long",
    "impact",
    "assumption",
]


class TocElement(Entity):
    """An element of the theory of change (inputs → activities → outputs →
    outcomes → impact, with assumptions)."""

    level: TocLevel
    text: Text
    order: float = 0.0


class Indicator(Entity):
    """How an outcome is measured."""

    name: Line
    baseline: Line = ""
    target: Line = ""
    data_source: Line = ""
    outcome: EntityId | None = None


class Action(Entity):
    """A row of the action plan; ``lead`` is a role, not a person's name."""

    action: Text
    objective: Text = ""
    lead: Line = ""
    timescale: Line = ""
    budget: Line = ""
    outcome: Text = ""
    review_date: Date | None = None
    order: float = 0.0


class Sprint(Model):
    """The design sprint and the public-sector steps after it."""

    template: Literal["1-day", "2-day", "3-day", "custom"] | None = None
    start: DateTime | None = None
    agenda: IdMap[AgendaItem] = Field(default_factory=dict)
    timer: Timer = Field(default_factory=Timer)
    chosen_hmw: EntityId | None = None
    ideas: IdMap[Idea] = Field(default_factory=dict)
    sketches: IdMap[Sketch] = Field(default_factory=dict)
    attachments: IdMap[Attachment] = Field(default_factory=dict)
    scores: IdMap[Score] = Field(default_factory=dict)
    chosen_concept: EntityId | None = None
    decision_rationale: Text = ""
    storyboard: IdMap[StoryboardStep] = Field(default_factory=dict)
    prototype_description: Text = ""
    prototype_roles: IdMap[PrototypeRole] = Field(default_factory=dict)
    test_plan: TestPlan = Field(default_factory=TestPlan)
    findings: IdMap[Finding] = Field(default_factory=dict)
    toc: IdMap[TocElement] = Field(default_factory=dict)
    indicators: IdMap[Indicator] = Field(default_factory=dict)
    actions: IdMap[Action] = Field(default_factory=dict)
