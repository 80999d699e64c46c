"""Votes and scores, shared by the framing (HMW notes) and the sprint (ideas, sketches)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from nsc_workshop.model._types import Entity, EntityId, Line

__all__ = ["Score", "Vote"]


class Vote(Entity):
    """A vote by a participant on an item (a HMW note, an idea, a sketch...).

    ``round`` names the vote (``hmw``, ``ideas``...) so that each round has its
    own budget. ``kind`` is a budgeted ``dot``, the decider's ``supervote`` or a
    ``heatmap`` sticker on part of a sketch (``x``, ``y`` in 0-1).
    """

    target: EntityId
    participant: Line | None = None
    round: Line = "ideas"
    kind: Literal["dot", "supervote", "heatmap"] = "dot"
    weight: Annotated[int, Field(ge=1, le=100)] = 1
    x: Annotated[float, Field(ge=0, le=1)] | None = None
    y: Annotated[float, Field(ge=0, le=1)] | None = None


Criterion = Literal["impact", "effort", "desirability", "feasibility", "viability"]


class Score(Entity):
    """A 1-5 score of an item on one criterion, by a participant or the group."""

    target: EntityId
    criterion: Criterion
    value: Annotated[int, Field(ge=1, le=5)]
    participant: Line | None = None
