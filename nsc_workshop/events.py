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

from nsc_workshop.i18n import t
from nsc_workshop.model import COLLECTIONS, SECTIONS, Collection, Entity, Model, Workshop
from nsc_workshop.model.collections import COLLECTION_FIELDS

__all__ = ["Event", "apply", "describe", "fold"]

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


def fold(state: Workshop | None, events: Iterable[Event]) -> Workshop | None:
    """The state after ``events``, starting from ``state`` (which is not changed).

    An event that does not apply (an update to an item someone removed in the
    meantime, for instance) is skipped and logged: a log is never unreadable.
    """
    draft = _Draft(state)
    for event in events:
        try:
            _apply_one(draft, event)
        except (KeyError, ValueError, TypeError) as exc:
            log.warning("event %s (%s) skipped: %s", event.version, event.type, exc)
    return draft.ws


def apply(state: Workshop | None, event: Event) -> Workshop:
    """The state after one event. Pure: ``state`` is not changed."""
    result = fold(state, [event])
    if result is None:
        raise ValueError("the first event of a workshop must create or import it")
    return result


def _label(item: Mapping[str, Any]) -> str:
    for key in ("name", "title", "text", "handle", "action", "symptom", "group", "label", "type"):
        value = item.get(key)
        if isinstance(value, str) and value:
            return value if len(value) <= 60 else value[:57] + "..."
    return str(item.get("id", ""))


def describe(event: Event) -> str:
    """One line saying what an event did, in the current language."""
    kind, action = event.kind, event.action
    data = event.data
    if event.type in ("workshop.created", "workshop.imported"):
        return t(f"event.{event.type}")
    if event.type == "batch.undone":
        return t("event.batch.undone")
    if kind in SECTIONS:
        return t("event.section.updated", section=t(f"section.{kind}"), fields=", ".join(data.get("changes", {})))
    what = t(f"kind.{kind}", default=kind)
    if action == "updated":
        return t("event.item.updated", kind=what, id=data.get("id", ""), fields=", ".join(data.get("changes", {})))
    item = data.get("item", {})
    return t(f"event.item.{action}", kind=what, label=_label(item))
