"""Problem framing: from a wicked problem to a shared framing and sprint questions."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from nsc_workshop.model._types import Entity, EntityId, IdMap, Line, Model, Text
from nsc_workshop.model.vocab import IcebergLayer, ProblemNodeKind, WickednessCharacteristic

__all__ = [
    "Framing",
    "HmwNote",
    "IcebergNote",
    "PointOfView",
    "ProblemNode",
    "SprintQuestion",
    "WhyChain",
    "WickednessScore",
]


class WickednessScore(Entity):
    """How strongly the problem shows one of Rittel & Webber's ten characteristics.

    The id is the characteristic's id; ``score`` is 0 (not at all), 1 (partly)
    or 2 (clearly).
    """

    id: WickednessCharacteristic
    score: Annotated[int, Field(ge=0, le=2)]
    note: Text = ""


class IcebergNote(Entity):
    """A note on one layer of the iceberg: events, patterns, structures, mental models."""

    layer: IcebergLayer
    text: Text
    author: Line | None = None
    order: float = 0.0


class ProblemNode(Entity):
    """A node of the problem tree: the focal problem, a cause (root) or an effect (branch).

    Causes hang below their ``parent`` (the focal problem or a deeper cause),
    effects above theirs. ``objective`` is the node restated as an objective
    for the objective tree (empty: not written yet).
    """

    kind: ProblemNodeKind
    text: Text
    parent: EntityId | None = None
    objective: Text = ""
    order: float = 0.0


class WhyChain(Entity):
    """A 5-whys chain from a symptom, through successive answers, to a root cause."""

    symptom: Text
    whys: list[Text] = Field(default_factory=list)
    author: Line | None = None


class PointOfView(Entity):
    """A point-of-view statement: "[group] needs [need] because [insight]"."""

    group: Text
    need: Text
    insight: Text
    author: Line | None = None
    note: Text = ""


class HmwNote(Entity):
    """A "How might we...?" note: one idea per note, clustered, then dot-voted."""

    text: Text
    author: Line | None = None
    cluster: Line = ""


class SprintQuestion(Entity):
    """A sprint question, phrased "Can we...?"."""

    text: Text
    order: float = 0.0


class Framing(Model):
    """The shared framing of the workshop's problem."""

    problem_statement: Text = ""
    wickedness: IdMap[WickednessScore] = Field(default_factory=dict)
    iceberg_notes: IdMap[IcebergNote] = Field(default_factory=dict)
    problem_nodes: IdMap[ProblemNode] = Field(default_factory=dict)
    why_chains: IdMap[WhyChain] = Field(default_factory=dict)
    povs: IdMap[PointOfView] = Field(default_factory=dict)
    selected_pov: EntityId | None = None
    hmw_notes: IdMap[HmwNote] = Field(default_factory=dict)
    long_term_goal: Text = ""
    sprint_questions: IdMap[SprintQuestion] = Field(default_factory=dict)
