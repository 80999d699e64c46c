"""Events: every change to a workshop is one event; ``apply(state, event)`` is pure.

A workshop's state is its events folded from nothing. The event types are:

``workshop.created``  ``{"id", "meta", "settings"?}``
``workshop.imported`` ``{"workshop"}``: a whole workshop from a bundle
``<section>.updated`` ``{"changes", "before"}`` for ``meta``, ``settings``,
                      ``framing`` and ``sprint`` (their plain fields)
``<kind>.added``      ``{"item"}`` for every collection kind (``actor``, ``tie``,
                      ``idea``, ``vote``...; see :data:`~nsc_workshop.model.COLLECTIONS`)
``<kind>.updated``    ``{"id", "changes", "before"}``
``<kind>.removed``    ``{"item"}``: the whole item, so the change can be undone
``batch.undone``      ``{"batch"}``: marks a command as undone (changes nothing)

Events carry what they replaced (``before``, the removed ``item``) so that a
compensating event can always be computed. Payloads are plain JSON values.

>>> from nsc_workshop.events import Event, apply, fold
>>> ws = apply(None, Event("workshop.created", {"id": "demo", "meta": {"title": "Demo",
...     "city": "Varnholm", "country": "Norway"}}))
>>> ws2 = apply(ws, Event("actor.added", {"item": {"id": "a1", "name": "Youth club"}}))
>>> len(ws.actors), len(ws2.actors)
(0, 1)
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from nsc_workshop.errors import EventNotApplicable
from nsc_workshop.model import COLLECTIONS, SECTIONS, Collection, Entity, Model, Workshop
from nsc_workshop.model.collections import COLLECTION_FIELDS

__all__ = ["Event", "Skipped", "apply", "fold"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Event:
    """One change. ``version``, ``ts``, ``participant`` and ``batch`` are set by the store.

    ``version`` counts the workshop's events from 1; ``ts`` is the commit time
    in epoch seconds (never decreasing within a workshop); events appended by
    one command share a ``batch``; an undo's events name the batch they undo
    in ``undoes``.
    """

    type: str
    data: Mapping[str, Any] = field(default_factory=dict)
    version: int = 0
    ts: float = 0.0
    participant: str | None = None
    batch: str = ""
    undoes: str | None = None

    @property
    def time(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(self.ts, tz=dt.UTC)

    @property
    def kind(self) -> str:
        return self.type.rpartition(".")[0]

    @property
    def action(self) -> str:
        return self.type.rpartition(".")[2]


class _Draft:
    """A workshop being folded: collections are copied once, then changed in place."""

    def __init__(self, workshop: Workshop | None) -> None:
        self.ws = workshop
        self._owned: dict[int, dict[str, Entity]] = {}

    def require(self) -> Workshop:
        if self.ws is None:
            raise ValueError("the first event of a workshop must create or import it")
        return self.ws

    def replace(self, section: str | None, name: str, value: Any) -> None:
        ws = self.require()
        if section is None:
            self.ws = ws.model_copy(update={name: value})
        else:
            part = getattr(ws, section).model_copy(update={name: value})
            self.ws = ws.model_copy(update={section: part})

    def items(self, spec: Collection) -> dict[str, Entity]:
        ws = self.require()
        owner = getattr(ws, spec.section) if spec.section else ws
        current: dict[str, Entity] = getattr(owner, spec.field)
        if id(current) not in self._owned:
            current = dict(current)
            self._owned[id(current)] = current
            self.replace(spec.section, spec.field, current)
        return current

    def reset(self, workshop: Workshop) -> None:
        self.ws = workshop
        self._owned.clear()


def _merged(item: Model, changes: Mapping[str, Any], exclude: frozenset[str] = frozenset()) -> Model:
    data = item.model_dump(mode="json", exclude=set(exclude))
    data.update(changes)
    return type(item).model_validate(data)


def _apply_one(draft: _Draft, event: Event) -> None:
    kind, _, action = event.type.rpartition(".")
    data = event.data
    if event.type == "workshop.created":
        draft.reset(
            Workshop.model_validate({"id": data["id"], "meta": data["meta"], "settings": data.get("settings", {})})
        )
    elif event.type == "workshop.imported":
        draft.reset(Workshop.model_validate(data["workshop"]))
    elif event.type == "batch.undone":
        pass
    elif kind in SECTIONS and action == "updated":
        ws = draft.require()
        current = getattr(ws, kind)
        collections = COLLECTION_FIELDS.get(kind, frozenset())
        if collections & set(data["changes"]):
            raise ValueError(f"{kind}.updated cannot replace a collection")
        checked = _merged(current, data["changes"], exclude=collections)
        updates = {name: getattr(checked, name) for name in data["changes"]}
        draft.ws = ws.model_copy(update={kind: current.model_copy(update=updates)})
    elif kind in COLLECTIONS:
        spec = COLLECTIONS[kind]
        if action == "added":
            item = spec.model.model_validate(data["item"])
            items = draft.items(spec)
            if item.id in items:
                raise ValueError(f"{kind} {item.id!r} already exists")
            items[item.id] = item
        elif action == "updated":
            items = draft.items(spec)
            old = items[data["id"]]
            new = _merged(old, data["changes"])
            assert isinstance(new, Entity)
            items[old.id] = new
        elif action == "removed":
            items = draft.items(spec)
            del items[data["item"]["id"]]
        else:
            raise ValueError(f"unknown event type {event.type!r}")
    else:
        raise ValueError(f"unknown event type {event.type!r}")


@dataclass(frozen=True)
class Skipped:
    """An event a repairing :func:`fold` left out, and why."""

    event: Event
    reason: str


def fold(
    state: Workshop | None,
    events: Iterable[Event],
    *,
    repair: bool = False,
    skipped: list[Skipped] | None = None,
) -> Workshop | None:
    """The state after ``events``, starting from ``state`` (which is not changed).

    An event that does not apply to the state before it (an update to an item that is not
    there, a second item under one id...) raises :class:`~nsc_workshop.errors.EventNotApplicable`
    naming it: a log the store wrote never holds one, so one is a damaged log or a bug, and
    is not hidden. Only when asked, with ``repair=True``, is such an event skipped, logged and
    added to ``skipped``, so that a damaged workshop opens again and says what it left out
    (:meth:`nsc_workshop.store.Store.repair`).

    >>> ws = apply(None, Event("workshop.created", {"id": "demo", "meta": {"title": "Demo", "city": "Varnholm",
    ...     "country": "Norway"}}))
    >>> ghost = Event("actor.updated", {"id": "gone", "changes": {"influence": 3}, "before": {}}, version=7)
    >>> fold(ws, [ghost])
    Traceback (most recent call last):
    ...
    nsc_workshop.errors.EventNotApplicable: Event 7 (actor.updated) does not apply to the workshop as it stood: ...
    >>> left_out: list[Skipped] = []
    >>> fold(ws, [ghost], repair=True, skipped=left_out) == ws, [s.event.version for s in left_out]
    (True, [7])
    """
    draft = _Draft(state)
    for event in events:
        try:
            _apply_one(draft, event)
        except (KeyError, ValueError, TypeError) as exc:
            reason = _reason(exc)
            if not repair:
                raise EventNotApplicable(version=event.version, type=event.type, detail=reason) from exc
            log.warning("event %s (%s) skipped: %s", event.version, event.type, reason)
            if skipped is not None:
                skipped.append(Skipped(event, reason))
    return draft.ws


def _reason(exc: BaseException) -> str:
    """What went wrong, in a line: a missing key is named as the item that is not there."""
    if isinstance(exc, KeyError):
        return f"no item {exc.args[0]!r}" if exc.args else "a missing item"
    if isinstance(exc, ValidationError):
        text = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or '-'}: {e['msg']}" for e in exc.errors()[:5])
    else:
        text = " ".join(str(exc).split())
    return text if len(text) <= 300 else text[:297] + "..."


def apply(state: Workshop | None, event: Event) -> Workshop:
    """The state after one event. Pure: ``state`` is not changed."""
    result = fold(state, [event])
    if result is None:
        raise ValueError("the first event of a workshop must create or import it")
    return result
