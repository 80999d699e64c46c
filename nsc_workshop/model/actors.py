"""Actors and the ties between them (the actor-mapping app's material)."""

from __future__ import annotations

import re
from typing import Annotated, Literal, get_args

from pydantic import (
    BeforeValidator,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    StringConstraints,
    model_validator,
)

from nsc_workshop.model._types import Entity, EntityId, Line, Name, Text, _not_bool
from nsc_workshop.model.vocab import ActorKind, Level, Stance

__all__ = ["SHAPES", "TIE_STYLES", "Actor", "AttributeValue", "Color", "Shape", "Tie", "TieStyle"]

AttributeValue = StrictStr | StrictBool | StrictInt | StrictFloat | None
"""A custom attribute's value (kept from Kumu, PRSM or Gephi columns)."""

Score10 = Annotated[int, Field(ge=0, le=10)]


def _hex_color(value: object) -> object:
    if isinstance(value, str):
        text = value.strip().lower()
        if re.fullmatch(r"#?[0-9a-f]{3}", text):
            text = text.lstrip("#")
            return "#" + "".join(c * 2 for c in text)
        if re.fullmatch(r"#?[0-9a-f]{6}", text):
            return "#" + text.lstrip("#")
    return value


Color = Annotated[str, BeforeValidator(_hex_color), StringConstraints(pattern=r"^#[0-9a-f]{6}$")]
"""A colour as ``#rrggbb`` (``#ABC`` and ``abc123`` are read as such), as the peer tools draw it."""

Shape = Literal["ellipse", "box", "round_box", "diamond", "triangle", "hexagon", "octagon", "star", "text"]
"""An actor's drawn shape, in words every peer tool has one of (GEXF's ``disc`` is ``ellipse``...)."""
SHAPES: tuple[str, ...] = get_args(Shape)

TieStyle = Literal["solid", "dashed", "dotted"]
"""How a tie's line is drawn."""
TIE_STYLES: tuple[str, ...] = get_args(TieStyle)


class Actor(Entity):
    """Someone involved in the problem: an organisation, a unit, a group or a role.

    ``influence`` is the height of the Net-Map influence tower (0-10);
    ``interest`` how much the problem matters to the actor (0-10);
    ``power``, ``legitimacy`` and ``urgency`` are Mitchell, Agle & Wood's three
    attributes of salience (``None`` when not assessed). ``x``/``y``,
    ``color``, ``size`` and ``shape`` are how another tool drew the actor (kept
    from Kumu, PRSM, Gephi or yEd; the map can draw with them).
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
    color: Color | None = None
    size: Annotated[float, Field(gt=0, le=1000)] | None = None
    shape: Shape | None = None


class Tie(Entity):
    """A tie from ``source`` to ``target`` (actor ids).

    ``type`` is a tie type id (``collaborates``, ``conflicts``...; see
    ``datasets/tie_types.json``) or a custom one. ``sign`` is +1 (cooperative),
    -1 (conflict, distrust) or 0 (neutral, such as ``reports_to``). ``weight``
    is the tie's strength, 1 (weak) to 5 (strong) by convention. ``color``,
    ``width`` and ``style`` are how another tool drew it.
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
    color: Color | None = None
    width: Annotated[float, Field(gt=0, le=100)] | None = None
    style: TieStyle | None = None

    @model_validator(mode="after")
    def _not_a_loop(self) -> Tie:
        if self.source == self.target:
            raise ValueError("a tie must join two different actors")
        return self
