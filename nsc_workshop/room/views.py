"""What a device in the room may see, decided here, on the server, before anything is sent.

A participant's page is built from plain JSON the server sends. Every value in
it comes from one of the projections below, which copy the few fields a page
shows and nothing else:

- a **private idea** not yet revealed reaches its author's device only: its
  text, its id and its existence (no count by person, no chart label, no dot);
  the others learn only how many ideas are still private in all;
- **votes** never leave as votes: every device gets each item's total of dots
  and the stickers of a heat map (positions only), and its own dots;
- **names**: the author of a note is shown by name unless the workshop is
  anonymous (then no name at all; a device still knows which items are its own,
  ``mine``); sketches never carry their author (anonymous until the art museum);
- **the facilitator's controls**, keys, notes, other workshops: never sent.

The module is pure: it reads a :class:`~nsc_workshop.model.Workshop` and a
device's handle and returns dicts; the room's engine sends them.

>>> from nsc_workshop.datasets import load_sample
>>> sample = load_sample()
>>> view = device_view(sample, "Ana")
>>> sorted(view)
['dots', 'heat', 'hidden', 'items', 'room', 'timer']
>>> hidden = [i for i in sample.sprint.ideas.values() if i.private and not i.revealed]
>>> any(item["id"] == hidden[0].id for item in view["items"]), view["hidden"]
(False, 1)
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from nsc_workshop.events import Event
from nsc_workshop.model import ANON_PREFIX, Entity, Workshop, is_owner, select_votes
from nsc_workshop.model.actors import Actor, Tie
from nsc_workshop.model.framing import HmwNote, IcebergNote, WickednessScore
from nsc_workshop.model.sprint import Finding, Idea, Sketch
from nsc_workshop.summaries.sprint import timer_state

__all__ = [
    "ACTIVITIES",
    "ROOM_KINDS",
    "STEP_ACTIVITY",
    "Change",
    "Patch",
    "activity_of",
    "changes_of",
    "device_view",
    "patch_for",
    "round_of",
]

ROOM_KINDS = ("iceberg_note", "hmw", "wickedness", "actor", "tie", "idea", "sketch", "finding")
"""The collections a participant's page shows (and nothing else of the workshop)."""

ACTIVITIES: dict[str, tuple[str, ...]] = {
    "framing": ("wickedness", "iceberg", "hmw"),
    "mapping": ("actors", "ties", "influence"),
    "sprint": ("ideas", "sketches", "decide", "test"),
}
"""What a participant does in the room, by app, in the order of a workshop."""

STEP_ACTIVITY: dict[str, str] = {
    "framing:wickedness": "wickedness",
    "framing:iceberg": "iceberg",
    "framing:hmw": "hmw",
    "mapping:map": "actors",
    "mapping:actors": "actors",
    "mapping:ties": "ties",
    "mapping:influence": "influence",
    "sprint:ideas": "ideas",
    "sprint:sketches": "sketches",
    "sprint:decide": "decide",
    "sprint:test": "test",
}
"""The room's activity for a step the facilitator leads (other steps: the room watches the screen)."""

_ROUND = {"hmw": "hmw", "idea": "ideas", "sketch": "ideas"}


def round_of(kind: str) -> str:
    """The vote round of dots on an item of ``kind`` (the HMW notes' own, the sprint's ``ideas``)."""
    return _ROUND[kind]


def activity_of(step: str | None) -> str | None:
    """The room's activity for ``settings.current_step`` (``"framing:hmw"`` → ``"hmw"``), else None.

    >>> activity_of("sprint:ideas"), activity_of("framing:tree"), activity_of(None)
    ('ideas', None, None)
    """
    return STEP_ACTIVITY.get(step or "")


def _by(workshop: Workshop, author: str | None) -> str | None:
    """The author's name as others may see it: none when anonymous, never a pseudonym."""
    if author is None or workshop.settings.anonymous or author.startswith(ANON_PREFIX):
        return None
    return author


def _public(workshop: Workshop, kind: str, item: Entity) -> dict[str, Any] | None:
    """What every device may see of an item (None: nobody but its author)."""
    if isinstance(item, IcebergNote):
        return {"k": kind, "id": item.id, "layer": item.layer, "text": item.text, "by": _by(workshop, item.author)}
    if isinstance(item, HmwNote):
        return {"k": kind, "id": item.id, "text": item.text, "cluster": item.cluster, "by": _by(workshop, item.author)}
    if isinstance(item, WickednessScore):
        return {"k": kind, "id": item.id, "score": item.score}
    if isinstance(item, Actor):
        return {"k": kind, "id": item.id, "name": item.name, "sector": item.sector, "influence": item.influence}
    if isinstance(item, Tie):
        return {"k": kind, "id": item.id, "source": item.source, "target": item.target, "type": item.type,
                "sign": item.sign}  # fmt: skip
    if isinstance(item, Idea):
        if item.private and not item.revealed:
            return None
        return {"k": kind, "id": item.id, "text": item.text, "kind": item.kind, "theme": item.theme,
                "by": _by(workshop, item.author)}  # fmt: skip
    if isinstance(item, Sketch):
        has_image = item.attachment is not None and item.attachment in workshop.sprint.attachments
        return {"k": kind, "id": item.id, "title": item.title, "image": item.attachment if has_image else None}
    if isinstance(item, Finding):
        return {"k": kind, "id": item.id, "text": item.text, "interview": item.interview, "valence": item.valence}
    return None


def _owned(workshop: Workshop, kind: str, item: Entity, handle: str) -> dict[str, Any] | None:
    """What the author's own device sees of an item the others may not (their private idea)."""
    if isinstance(item, Idea) and item.private and not item.revealed and is_owner(item.author, handle, workshop.id):
        return {"k": kind, "id": item.id, "text": item.text, "kind": item.kind, "theme": item.theme,
                "by": None, "private": True, "mine": True}  # fmt: skip
    return None


def _mine(workshop: Workshop, item: Entity, handle: str) -> bool:
    return is_owner(getattr(item, "author", None), handle, workshop.id)


def item_for(workshop: Workshop, kind: str, item: Entity | None, handle: str) -> dict[str, Any] | None:
    """One item as the device of ``handle`` may see it, or None when it may not."""
    if item is None:
        return None
    shown = _public(workshop, kind, item)
    if shown is None:
        return _owned(workshop, kind, item, handle)
    if "by" in shown or kind == "sketch":
        shown["mine"] = _mine(workshop, item, handle)
    return shown


def _visible_target(workshop: Workshop, target: str) -> bool:
    found = workshop.find(target, ("hmw", "idea", "sketch"))
    return found is not None and _public(workshop, found[0], found[1]) is not None


def _dots(workshop: Workshop, targets: Iterable[str] | None, handle: str) -> dict[str, dict[str, int]]:
    """Each visible target's total of dots in its round, and this device's own: ``{target: {"n", "mine"}}``."""
    wanted = None if targets is None else set(targets)
    totals: defaultdict[str, int] = defaultdict(int)
    mine: defaultdict[str, int] = defaultdict(int)
    for vote in select_votes(workshop.votes.values(), kind="dot", targets=wanted):
        totals[vote.target] += vote.weight
        if is_owner(vote.participant, handle, workshop.id):
            mine[vote.target] += vote.weight
    out = {}
    for target in wanted if wanted is not None else set(totals):
        if _visible_target(workshop, target):
            out[target] = {"n": totals.get(target, 0), "mine": mine.get(target, 0)}
    return out


def _heat(workshop: Workshop, sketches: Iterable[str] | None) -> dict[str, list[list[float]]]:
    """The heat-map stickers on each sketch: positions only, never whose."""
    wanted = None if sketches is None else set(sketches)
    heat: defaultdict[str, list[list[float]]] = defaultdict(list)
    for vote in select_votes(workshop.votes.values(), kind="heatmap", targets=wanted):
        if vote.x is not None and vote.y is not None:
            heat[vote.target].append([round(vote.x, 4), round(vote.y, 4)])
    targets = wanted if wanted is not None else set(heat)
    return {s: heat.get(s, []) for s in targets if s in workshop.sprint.sketches}


def _hidden(workshop: Workshop, handle: str) -> int:
    """How many ideas are still private to others (a total, never by person)."""
    return sum(
        1
        for idea in workshop.sprint.ideas.values()
        if idea.private and not idea.revealed and not is_owner(idea.author, handle, workshop.id)
    )


def room_header(workshop: Workshop) -> dict[str, Any]:
    """The room's state: title, place, language, pause, anonymity, the step led, the vote budgets."""
    settings = workshop.settings
    return {
        "title": workshop.meta.title,
        "city": workshop.meta.city,
        "language": workshop.meta.language,
        "locked": settings.locked,
        "anonymous": settings.anonymous,
        "step": settings.current_step,
        "activity": activity_of(settings.current_step),
        "budgets": {r: settings.vote_budgets.get(r) for r in ("hmw", "ideas")},
    }


def timer_view(workshop: Workshop, now: float | None = None) -> dict[str, Any] | None:
    """The shared timer as a page counts it down itself: None when no agenda item is timed."""
    timer = workshop.sprint.timer
    if timer.item is None and timer.started_at is None and timer.remaining_s <= 0:
        return None
    state = timer_state(workshop, now)
    return {
        "title": state["title"],
        "running": state["running"],
        "remaining": round(float(state["remaining_s"]) - float(state["overrun_s"]), 1),
        "now": round(now if now is not None else time.time(), 3),
    }


def device_view(workshop: Workshop, handle: str, now: float | None = None) -> dict[str, Any]:
    """Everything a device may see of the workshop now (sent when it connects, and after big changes)."""
    items = []
    for kind in ROOM_KINDS:
        for item in workshop.collection(kind).values():
            shown = item_for(workshop, kind, item, handle)
            if shown is not None:
                items.append(shown)
    return {
        "room": room_header(workshop),
        "timer": timer_view(workshop, now),
        "items": items,
        "dots": _dots(workshop, None, handle),
        "heat": _heat(workshop, None),
        "hidden": _hidden(workshop, handle),
    }


@dataclass
class Change:
    """What a run of events changed, as far as the room's pages are concerned."""

    items: dict[str, str] = field(default_factory=dict)
    """Item id → kind, for items of :data:`ROOM_KINDS` added, changed or removed."""
    targets: set[str] = field(default_factory=set)
    """Items whose dots changed."""
    heat: set[str] = field(default_factory=set)
    """Sketches whose heat-map stickers changed."""
    room: bool = False
    timer: bool = False
    full: bool = False
    """Everything may have changed (an import, the names shown or hidden): pages get the whole view again."""
    ideas: bool = False
    """A private idea came or went (the count of hidden ideas may change)."""


def changes_of(events: Sequence[Event]) -> Change:
    """What ``events`` change for the room's pages."""
    change = Change()
    for event in events:
        kind = event.kind
        data = event.data
        if event.type in ("workshop.created", "workshop.imported"):
            change.full = True
        elif kind == "participant":
            change.full = True  # who is the decider may have changed (rare): each page gets its view again
        elif kind in ("settings", "meta"):
            changes = data.get("changes", {})
            change.room = True
            if "anonymous" in changes or "language" in changes:
                change.full = True
        elif kind == "sprint" and "timer" in data.get("changes", {}):
            change.timer = True
        elif kind == "vote":
            item = data.get("item") or {}
            target = item.get("target") or (data.get("before") or {}).get("target")
            if target:
                (change.heat if item.get("kind") == "heatmap" else change.targets).add(str(target))
        elif kind in ROOM_KINDS:  # (a photo comes with its sketch's change of attachment)
            item_id = data.get("id") or (data.get("item") or {}).get("id")
            if item_id:
                change.items[str(item_id)] = kind
            if kind == "idea":
                change.ideas = True
    return change


@dataclass
class Patch:
    """A change as one device sees it: items to show or replace, items to drop, new totals."""

    items: list[dict[str, Any]]
    gone: list[str]
    dots: dict[str, dict[str, int]]
    heat: dict[str, list[list[float]]]
    hidden: int | None

    def __bool__(self) -> bool:
        return bool(self.items or self.gone or self.dots or self.heat or self.hidden is not None)


def patch_for(before: Workshop, after: Workshop, change: Change, handle: str) -> Patch:
    """What the device of ``handle`` must be told of ``change`` (the state went from ``before`` to ``after``).

    An item the device could not see before and cannot see now is not
    mentioned at all, not even by its id.
    """
    items, gone = [], []
    targets = set(change.targets)
    for item_id, kind in change.items.items():
        now = item_for(after, kind, after.collection(kind).get(item_id), handle)
        then = item_for(before, kind, before.collection(kind).get(item_id), handle)
        if now is not None:
            items.append(now)
            if kind in _ROUND and then is None:
                targets.add(item_id)  # an idea revealed: its dots may now be told
        elif then is not None:
            gone.append(item_id)
    hidden = None
    if change.ideas:
        count = _hidden(after, handle)
        hidden = count if count != _hidden(before, handle) else None
    return Patch(items, gone, _dots(after, targets, handle) if targets else {},
                 _heat(after, change.heat) if change.heat else {}, hidden)  # fmt: skip
