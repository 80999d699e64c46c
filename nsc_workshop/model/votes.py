"""Votes and scores, shared by the framing (HMW notes) and the sprint (ideas, sketches)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any, Literal

from pydantic import Field

from nsc_workshop.model._types import Entity, EntityId, Line

__all__ = ["ANY", "Score", "Vote", "select_votes"]

ANY: Any = object()
"""For :func:`select_votes`: any value (``participant=None`` means the anonymous votes)."""


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


def select_votes(
    votes: Iterable[Vote],
    *,
    round: str | None = None,  # noqa: A002
    kind: str | None = None,
    participant: str | None = ANY,
    target: str | None = None,
    targets: Iterable[str] | None = None,
) -> list[Vote]:
    """The votes of a round, of a kind, by a participant, on a target or on any of ``targets``, in their order.

    Every filter left out keeps every vote; ``participant=None`` keeps the
    votes given without a name.

    >>> votes = [Vote(id="v1", target="i1", participant="ana"), Vote(id="v2", target="i2", kind="supervote")]
    >>> [v.id for v in select_votes(votes, kind="dot", participant="ana")]
    ['v1']
    >>> [v.id for v in select_votes(votes, targets={"i2"})]
    ['v2']
    """
    wanted = None if targets is None else set(targets)
    return [
        vote
        for vote in votes
        if (round is None or vote.round == round)
        and (kind is None or vote.kind == kind)
        and (participant is ANY or vote.participant == participant)
        and (target is None or vote.target == target)
        and (wanted is None or vote.target in wanted)
    ]


Criterion = Literal["impact", "effort", "desirability", "feasibility", "viability"]


class Score(Entity):
    """A 1-5 score of an item on one criterion, by a participant or the group."""

    target: EntityId
    criterion: Criterion
    value: Annotated[int, Field(ge=1, le=5)]
    participant: Line | None = None
