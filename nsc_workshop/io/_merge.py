"""Merging a map file into an existing workshop without duplicating anything (Kumu's rule).

An actor of the file is the workshop's actor with the same name (compared
trimmed and case-insensitively); only actors with new names are added. A tie
of the file is already there when the workshop has a tie with the same id and
ends, or, failing that, a tie with the same ends, type and direction (counted:
two such ties in the file and one in the workshop add one). Existing actors
and ties are left as they are.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from nsc_workshop.errors import Problem
from nsc_workshop.i18n import t
from nsc_workshop.io._base import Adaptation, ImportFormatError, MapData, is_entity_id, label_key
from nsc_workshop.model import Tie, Workshop, new_id

__all__ = ["merge_items"]

_TieKey = tuple[tuple[str, ...], str, bool]


def _key(source: str, target: str, kind: str, directed: bool) -> _TieKey:
    ends = (source, target) if directed else tuple(sorted((source, target)))
    return ends, kind.casefold(), directed


def _tie_key(tie: Tie) -> _TieKey:
    return _key(tie.source, tie.target, tie.type, tie.directed)


def merge_items(state: Workshop, data: MapData, *, strict: bool = False) -> list[tuple[str, dict[str, Any]]]:
    """The ``(kind, fields)`` items to add to ``state`` (for one ``session.add_many``).

    Actors of the file that share a label are one actor (said in ``data.warnings``);
    ``strict`` refuses them instead.
    """
    existing: dict[str, str] = {}
    for actor in state.actors.values():
        existing.setdefault(label_key(actor.name), actor.id)
    seen: dict[str, str] = {}
    problems: list[Problem] = []
    same: dict[str, str] = {}
    for actor in data.actors:
        key = label_key(actor.name)
        if key in seen:
            where = data.where.get(actor.id, actor.name)
            first = data.where.get(seen[key], seen[key])
            if strict:
                problems.append(Problem(where, t("io.problem.merge_duplicate", label=actor.name, other=first)))
            else:
                data.warnings.append(Adaptation(where, t("io.warn.merged_label", value=actor.name, other=first)))
                same[actor.id] = seen[key]
        else:
            seen[key] = actor.id
    if problems:
        raise ImportFormatError(problems=problems)

    planned: set[str] = set()

    def free(candidate: str, prefix: str) -> str:
        value = candidate
        while not is_entity_id(value) or value in planned or state.find(value) is not None:
            value = new_id(prefix)
        planned.add(value)
        return value

    items: list[tuple[str, dict[str, Any]]] = []
    mapping: dict[str, str] = {}
    for actor in data.actors:
        if actor.id in same:
            continue
        match = existing.get(label_key(actor.name))
        if match is not None:
            mapping[actor.id] = match
            continue
        mapping[actor.id] = free(actor.id, "act")
        items.append(("actor", {**actor.model_dump(), "id": mapping[actor.id]}))

    remaining = Counter(_tie_key(tie) for tie in state.ties.values())
    pending: list[tuple[Tie, str, str]] = []
    for actor_id, first in same.items():
        mapping[actor_id] = mapping[first]
    for tie in data.ties:
        source, target = mapping[tie.source], mapping[tie.target]
        if source == target:
            continue
        other = state.ties.get(tie.id) if tie.id in data.file_tie_ids else None
        if other is not None and {other.source, other.target} == {source, target}:
            remaining[_tie_key(other)] -= 1
            continue
        pending.append((tie, source, target))
    for tie, source, target in pending:
        tie_key = _key(source, target, tie.type, tie.directed)
        if remaining[tie_key] > 0:
            remaining[tie_key] -= 1
            continue
        fields = {**tie.model_dump(), "id": free(tie.id, "tie"), "source": source, "target": target}
        items.append(("tie", fields))
    return items
