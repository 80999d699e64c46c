"""Actors and the ties between them (the actor-mapping app's material)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, StrictBool, StrictFloat, StrictInt, StrictStr, model_validator

from nsc_workshop.model._types import Entity, EntityId, Line, Name, Text, _not_bool
from nsc_workshop.model.vocab import ActorKind, Level, Stance

__all__ = ["Actor", "AttributeValue", "Tie"]

AttributeValue = StrictStr | StrictBool | StrictInt | StrictFloat | None
"""A custom attribute's value (kept from Kumu, PRSM or Gephi columns)."""

Score10 = Annotated[int, Field(ge=0, le=10)]


class Actor(Entity):
    """Someone involved in the problem: an organisation, a unit, a group or a role.

    ``influence`` is the height of the Net-Map influence tower (0-10);
    ``interest`` how much the problem matters to the actor (0-10);
    ``power``, ``legitimacy`` and ``urgency`` are Mitchell, Agle & Wood's three
    attributes of salience (``None`` when not assessed).
    """

    name: Name
    kind: ActorKind = "organisation"
    sector: Line = ""
    level: Level | None = None
    influence: Score10 | None = None
    interest: Score10 | None = None
    power: bool | None = None
    legitimacy: bool | None = None
    urgency: bool | None = None
    stance: Stance | None = None
    goals: Text = ""
    notes: Text = ""
    tags: list[Line] = Field(default_factory=list)
    attributes: dict[Line, AttributeValue] = Field(default_factory=dict)
    x: float | None = None
    y: float | None = None


class Tie(Entity):
    """A tie from ``source`` to ``target`` (actor ids).

    ``type`` is a tie type id (``collaborates``, ``conflicts``...; see
    ``datasets/tie_types.json``) or a custom one. ``sign`` is +1 (cooperative),
    -1 (conflict, distrust) or 0 (neutral, such as ``reports_to``). ``weight``
    is the tie's strength, 1 (weak) to 5 (strong) by convention.
    """

    source: EntityId
    target: EntityId
    type: Line = "collaborates"
    directed: bool = True
    weight: Annotated[float, Field(gt=0, le=100)] = 1.0
    sign: Annotated[Literal[-1, 0, 1], BeforeValidator(_not_bool)] = 1
    label: Line = ""
    notes: Text = ""
    attributes: dict[Line, AttributeValue] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _not_a_loop(self) -> Tie:
        if self.source == self.target:
            raise ValueError("a tie must join two different actors")
        return self
