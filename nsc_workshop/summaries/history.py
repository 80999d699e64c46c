"""A workshop's events said in plain language, for the history, the CLI and the undo message.

Events are data (:mod:`nsc_workshop.events`); saying what one did is a view of it, in the
current language, so it lives here, above the log, not in it.

>>> from nsc_workshop.events import Event
>>> describe(Event("actor.added", {"item": {"id": "a1", "name": "Youth club"}}))
'Added actor: Youth club'
>>> describe_undone([Event("tie.removed", {"item": {"id": "t1", "type": "shares_information"}})])
'Removed tie: shares_information'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from nsc_workshop.events import Event
from nsc_workshop.i18n import t
from nsc_workshop.model import SECTIONS

__all__ = ["describe", "describe_undone"]


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


def describe_undone(events: Iterable[Event]) -> str:
    """What an undo did (the events :meth:`~nsc_workshop.session.WorkshopSession.undo` returns), in one line."""
    said = [describe(e) for e in events if e.type != "batch.undone"]
    return "; ".join(said) if said else t("undo.nothing_left")
