"""What a participant can do from the room: a fixed list of operations, each one session command.

A page sends ``{"op": name, "id": its own id for this contribution, "args": {...}}``.
The arguments are checked here (types, lengths, known values); the command
itself is then checked by the session against the latest state, as any other
(the pause, ownership, budgets, private ideas). Nothing a page sends names who
it is: the command runs on a session of the device's issued handle, as a
participant. There is no operation for the facilitator's work.

>>> parse_op({"op": "hmw.add", "id": "c1", "args": {"text": "How might we listen?"}}).args
{'text': 'How might we listen?'}
>>> parse_op({"op": "settings.update", "id": "c1", "args": {}})
Traceback (most recent call last):
...
nsc_workshop.errors.InvalidInput: ...
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, ValidationError

from nsc_workshop._validation import problems_from
from nsc_workshop.datasets import sectors, tie_types, wickedness_characteristics
from nsc_workshop.errors import InvalidInput, ItemNotFound, Problem
from nsc_workshop.i18n import t
from nsc_workshop.model import Workshop
from nsc_workshop.model._types import LINE_MAX, Line, Name, Text
from nsc_workshop.model.vocab import IcebergLayer
from nsc_workshop.room.views import round_of
from nsc_workshop.session import WorkshopSession

__all__ = ["OPS", "OP_ID_RE", "Op", "command_of", "op_key", "parse_op"]

OP_ID_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
"""A page's own id for a contribution (made on the device; the same id sent twice is one contribution)."""

NoteText = Annotated[Text, Field(min_length=1, max_length=2000)]
ItemId = Annotated[str, Field(pattern=r"^[A-Za-z0-9_.:-]{1,64}$")]


class _Args(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class IcebergAdd(_Args):
    layer: IcebergLayer
    text: NoteText


class TextAdd(_Args):
    text: NoteText


class WickednessScoreArgs(_Args):
    characteristic: ItemId
    score: Annotated[StrictInt, Field(ge=0, le=2)]


class ActorAdd(_Args):
    name: Annotated[Name, Field(max_length=120)]
    sector: Annotated[Line, Field(max_length=60)] = ""


class TieAdd(_Args):
    source: ItemId
    target: ItemId
    type: ItemId = "collaborates"


class Influence(_Args):
    actor: ItemId
    value: Annotated[StrictInt, Field(ge=0, le=10)] | None


class IdeaAdd(_Args):
    text: NoteText
    kind: Literal["note", "crazy8"] = "note"
    private: StrictBool = False


class SketchAdd(_Args):
    title: Annotated[Name, Field(max_length=LINE_MAX)]


class HeatAdd(_Args):
    sketch: ItemId
    x: Annotated[float, Field(ge=0, le=1)]
    y: Annotated[float, Field(ge=0, le=1)]


class Target(_Args):
    target: ItemId


class FindingAdd(_Args):
    text: NoteText
    interview: Annotated[StrictInt, Field(ge=0, le=100)] = 0
    valence: Literal["positive", "negative", "neutral"] = "neutral"


class Remove(_Args):
    kind: Literal["iceberg_note", "hmw", "idea", "sketch"]
    """Only what has an author: a finding, an actor or a tie is taken back with Undo (the room keeps whose it is)."""
    id: ItemId


class NoArgs(_Args):
    pass


@dataclass(frozen=True)
class Op:
    """A parsed operation: its name, the page's id for it, its checked arguments."""

    name: str
    id: str
    args: dict[str, Any]


def _known(value: str, known: list[dict[str, Any]], field: str) -> str:
    if value and value not in {str(row["id"]) for row in known}:
        raise InvalidInput("room.error.unknown_value", problems=[Problem(field, t("room.error.unknown_value"))])
    return value


def _votable(session: WorkshopSession, target: str) -> str:
    found = session.workshop.find(target, ("hmw", "idea", "sketch"))
    if found is None:
        raise ItemNotFound(kind=t("kind.vote_target"), id=target)
    return round_of(found[0])


Command = Callable[[WorkshopSession], object]
Builder = Callable[[WorkshopSession, Any, bytes | None], Command]


def _photo_required(photo: bytes | None) -> bytes:
    if not photo:
        raise InvalidInput("room.error.photo_missing", problems=[Problem("photo", t("room.error.photo_missing"))])
    return photo


def _sketch_with_photo(title: str, photo: bytes) -> Command:
    return lambda s: s.attachments.add_sketch_with_photo(title, "photo", photo)


def _take_back(session: WorkshopSession, target: str) -> Command:
    rnd = _votable(session, target)
    return lambda s: s.take_back_dot(target, rnd)


def _dot(session: WorkshopSession, target: str) -> Command:
    rnd = _votable(session, target)
    return lambda s: s.vote(target, round=rnd)


OPS: dict[str, tuple[type[_Args], Builder]] = {
    "iceberg.add": (IcebergAdd, lambda _s, a, _p: lambda s: s.framing.add_iceberg_note(a.layer, a.text)),
    "hmw.add": (TextAdd, lambda _s, a, _p: lambda s: s.framing.add_hmw(a.text)),
    "wickedness.score": (
        WickednessScoreArgs,
        lambda _s, a, _p: (
            _known(a.characteristic, wickedness_characteristics(), "characteristic"),
            lambda s: s.framing.score_wickedness(a.characteristic, a.score),
        )[1],
    ),
    "actor.add": (
        ActorAdd,
        lambda _s, a, _p: (_known(a.sector, sectors(), "sector"), lambda s: s.add_actor(a.name, sector=a.sector))[1],
    ),
    "tie.add": (
        TieAdd,
        lambda _s, a, _p: (_known(a.type, tie_types(), "type"), lambda s: s.add_tie(a.source, a.target, a.type))[1],
    ),
    "actor.influence": (Influence, lambda _s, a, _p: lambda s: s.update_actor(a.actor, influence=a.value)),
    "idea.add": (IdeaAdd, lambda _s, a, _p: lambda s: s.add_idea(a.text, kind=a.kind, private=a.private)),
    "sketch.add": (
        SketchAdd,
        lambda _s, a, p: _sketch_with_photo(a.title, _photo_required(p)),
    ),
    "heat.add": (HeatAdd, lambda _s, a, _p: lambda s: s.sprint.heatmap_vote(a.sketch, a.x, a.y)),
    "dot.add": (Target, lambda s, a, _p: _dot(s, a.target)),
    "dot.remove": (Target, lambda s, a, _p: _take_back(s, a.target)),
    "supervote": (Target, lambda _s, a, _p: lambda s: s.sprint.supervote(a.target)),
    "finding.add": (FindingAdd, lambda _s, a, _p: lambda s: s.sprint.add_finding(a.text, a.interview, a.valence)),
    "item.remove": (Remove, lambda _s, a, _p: lambda s: s.remove(a.kind, a.id)),
    "undo": (NoArgs, lambda _s, _a, _p: lambda s: s.undo()),
}
"""Every operation of the room: its arguments and how it becomes a session command."""


def parse_op(message: Any) -> Op:
    """Check an operation's shape (not yet its arguments): a known name and a well-formed id."""
    if not isinstance(message, dict):
        raise InvalidInput("room.error.bad_message")
    name, op_id, args = message.get("op"), message.get("id"), message.get("args", {})
    if not isinstance(op_id, str) or not OP_ID_RE.match(op_id):
        raise InvalidInput("room.error.bad_message", problems=[Problem("id", t("room.error.bad_message"))])
    if name not in OPS:
        raise InvalidInput("room.error.unknown_op", problems=[Problem("op", t("room.error.unknown_op"))])
    if not isinstance(args, dict):
        raise InvalidInput("room.error.bad_message", problems=[Problem("args", t("room.error.bad_message"))])
    return Op(str(name), op_id, args)


def command_of(op: Op, session: WorkshopSession, photo: bytes | None = None) -> Command:
    """The session command an operation stands for, its arguments checked (:class:`InvalidInput` names the field)."""
    model, builder = OPS[op.name]
    try:
        args = model.model_validate(op.args)
    except ValidationError as exc:
        raise InvalidInput("room.error.invalid", problems=problems_from(exc, "")) from None
    return builder(session, args, photo)


def op_key(room: str, device: str, op_id: str) -> str:
    """The store's idempotency key of a device's operation: the same on every resend, another for every device.

    >>> op_key("demo", "dev1", "c1") == op_key("demo", "dev1", "c1") != op_key("demo", "dev2", "c1")
    True
    """
    return hashlib.sha256(f"{room}\x00{device}\x00{op_id}".encode()).hexdigest()[:32]


def added_item(kind_events: list[Any], workshop: Workshop) -> str | None:
    """The id of the first item an operation's events added (the page learns which of the items is its own)."""
    for event in kind_events:
        if event.action == "added" and event.kind != "attachment" and event.kind != "vote":
            item_id = (event.data.get("item") or {}).get("id")
            if item_id:
                return str(item_id)
    return None
