"""Field types shared by the domain model: texts, ids and id-keyed collections."""

from __future__ import annotations

import base64
import datetime as dt
import re
import secrets
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Annotated, Any, Protocol, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    PlainSerializer,
    StringConstraints,
    ValidationInfo,
)
from pydantic_core import PydanticCustomError

__all__ = [
    "Date",
    "DateTime",
    "Entity",
    "EntityId",
    "IdMap",
    "Line",
    "Model",
    "Name",
    "Text",
    "WorkshopId",
    "in_order",
    "new_id",
]

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_LINE_BREAK = re.compile(r"[\r\n\u2028\u2029]")
_TRAVERSAL = re.compile(r"(^|[\\/])\.\.([\\/]|$)")

TEXT_MAX = 10_000
LINE_MAX = 300


def _no_control(value: str) -> str:
    if _CONTROL.search(value):
        raise PydanticCustomError("control_character", "must not contain control characters or broken characters")
    return value


def _iso_date(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError("date_format", "must be a date written YYYY-MM-DD") from None
    if isinstance(value, dt.datetime):
        raise PydanticCustomError("date_type", "must be a date without a time")
    return value


def _iso_datetime(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise PydanticCustomError(
                "datetime_format", "must be a date and time such as 2026-05-04T09:30:00"
            ) from None
    return value


def _not_bool(value: Any) -> Any:
    if isinstance(value, bool):
        raise PydanticCustomError("int_type", "must be a whole number, not true or false")
    return value


def _single_line(value: str) -> str:
    if _LINE_BREAK.search(value):
        raise PydanticCustomError("line_break", "must be a single line")
    return value


def _safe_name(value: str) -> str:
    if "<" in value or ">" in value:
        raise PydanticCustomError("unsafe_name", "must not contain '<' or '>' (names are used in links and file names)")
    if _TRAVERSAL.search(value):
        raise PydanticCustomError("unsafe_name", "must not contain '../' (names are used in links and file names)")
    return value


Date = Annotated[dt.date, BeforeValidator(_iso_date, json_schema_input_type=dt.date)]
"""A calendar date; in a bundle, a string ``YYYY-MM-DD``."""

DateTime = Annotated[dt.datetime, BeforeValidator(_iso_datetime, json_schema_input_type=dt.datetime)]
"""A moment; in a bundle, an ISO 8601 string."""

Text = Annotated[str, StringConstraints(max_length=TEXT_MAX), AfterValidator(_no_control)]
"""Free text typed by a participant (a note, a description): any characters but
control characters, up to 10,000. It is always shown as text, never as HTML."""

Line = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=LINE_MAX),
    AfterValidator(_no_control),
    AfterValidator(_single_line),
]
"""A single line of text (a label, a role, a sector)."""

Name = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=LINE_MAX),
    AfterValidator(_no_control),
    AfterValidator(_single_line),
]
"""A required single line (an actor's name)."""

SafeName = Annotated[Name, AfterValidator(_safe_name)]
"""A workshop title, city or country: also used in links and file names, so
'<', '>' and '../' are refused."""

EntityId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")]
"""Id of an item inside a workshop (an actor, a tie, an idea...)."""

WorkshopId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")]
"""Id of a workshop: lower-case letters, digits and dashes, safe in a URL and a file name."""

WORKSHOP_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")

_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
_FROM_BASE32 = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", _ALPHABET)


def new_id(prefix: str) -> str:
    """A new random id such as ``act_4k2m9q7x`` (40 random bits)."""
    # 40 random bits, 5 per letter: one call to the system's random source, then C code (an import makes thousands)
    return prefix + "_" + base64.b32encode(secrets.token_bytes(5)).decode("ascii").translate(_FROM_BASE32)


class Model(BaseModel):
    """Base of every model: unknown fields refused, values immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=False, allow_inf_nan=False)


class Entity(Model):
    """An item of a workshop collection, with an id unique in its workshop."""

    id: EntityId


E = TypeVar("E", bound=Entity)


class _Ordered(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def order(self) -> float: ...


OrderedItem = TypeVar("OrderedItem", bound=_Ordered)


def in_order(items: Iterable[OrderedItem]) -> list[OrderedItem]:
    """Items that carry an ``order`` (notes, questions, storyboard, theory of change, actions...), in that order.

    Ties (two items given the same place at once) go by id, so every page shows the same order.
    """
    return sorted(items, key=lambda item: (item.order, item.id))


def next_order(items: Iterable[Any]) -> float:
    """The ``order`` of an item added after ``items`` (one more than the largest; 1.0 for the first).

    >>> next_order([]), next_order([type("Item", (), {"order": 2.5})()])
    (1.0, 3.5)
    """
    return max((float(getattr(item, "order", 0.0)) for item in items), default=0.0) + 1.0


def _list_to_map(value: Any, info: ValidationInfo) -> Any:
    """Bundles hold collections as lists; the model keeps them keyed by id."""
    if isinstance(value, Mapping) and not (info.context or {}).get("bundle"):
        return value
    if not isinstance(value, list | tuple):
        raise PydanticCustomError("list_type", "Input should be a list")
    out: dict[str, Any] = {}
    first: dict[str, int] = {}
    for index, item in enumerate(value):
        item_id = item.id if isinstance(item, Entity) else item.get("id") if isinstance(item, Mapping) else None
        key = item_id if isinstance(item_id, str) else f"#{index}"
        if key in out:
            raise PydanticCustomError(
                "duplicate_id",
                "duplicate id '{id}' at position {index} (first at position {first})",
                {"id": key, "index": index, "first": first[key]},
            )
        out[key] = item
        first[key] = index
    return out


def _check_keys(value: dict[str, Entity]) -> dict[str, Entity]:
    for key, item in value.items():
        if key != item.id:
            raise PydanticCustomError("id_mismatch", "item '{id}' is filed under '{key}'", {"id": item.id, "key": key})
    return value


def _map_to_list(value: Mapping[str, Entity]) -> list[Entity]:
    return list(value.values())


if TYPE_CHECKING:
    IdMap = dict[str, E]
else:

    class IdMap:
        """``IdMap[Actor]``: a dict of items keyed by id, a list in JSON.

        A duplicate id in the list is refused with its position.
        """

        def __class_getitem__(cls, model: type[Entity]) -> Any:
            return Annotated[
                dict[str, model],
                BeforeValidator(_list_to_map, json_schema_input_type=list[model]),
                AfterValidator(_check_keys),
                PlainSerializer(_map_to_list, return_type=list[model]),
            ]
