"""WorkshopSession: one person's (or one app's) open workshop.

Each command checks the change against the latest state, appends its events
in one transaction (autosave) and updates :attr:`WorkshopSession.workshop`.
:meth:`~WorkshopSession.refresh` pulls the events others appended;
:meth:`~WorkshopSession.undo` appends the compensating events of this
participant's last command; :meth:`~WorkshopSession.at` gives the workshop as it
was at a past moment.

>>> from nsc_workshop import open_session, open_store
>>> store = open_store("sqlite://")
>>> wid = store.create_workshop("Hate online", "Varnholm", "Norway")
>>> s = open_session(store, wid, participant="ana")
>>> police = s.add_actor("Varnholm police district", sector="police")
>>> school = s.add_actor("Nordbyen upper secondary", sector="schools")
>>> tie = s.add_tie(police.id, school.id, type="shares_information")
>>> len(s.workshop.ties)
1
>>> from nsc_workshop.summaries.history import describe_undone
>>> describe_undone(s.undo())
'Removed tie: shares_information'
>>> len(s.workshop.ties)
0
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import ValidationError

from nsc_workshop._validation import problems_from
from nsc_workshop.commands import AttachmentCommands, FramingCommands, SprintCommands
from nsc_workshop.commands._core import alias
from nsc_workshop.commands._roles import facilitator_only
from nsc_workshop.errors import InvalidCommand, InvalidInput, ItemNotFound, NothingToUndo, NscWorkshopError, Problem
from nsc_workshop.events import Event, fold
from nsc_workshop.i18n import t
from nsc_workshop.model import (
    COLLECTIONS,
    SECTIONS,
    Actor,
    Entity,
    Idea,
    Tie,
    Vote,
    Workshop,
    is_owner,
    new_id,
    pseudonym,
    select_votes,
)
from nsc_workshop.model.collections import COLLECTION_FIELDS, SECTION_REFS, references_to
from nsc_workshop.registry import ROLES, Role

if TYPE_CHECKING:
    from nsc_workshop.store import BlobData, Command, Store

__all__ = ["UNDOABLE_ROLES", "WorkshopSession", "open_session", "pseudonym"]

log = logging.getLogger(__name__)

E = TypeVar("E", bound=Entity)
Listener = Callable[[Sequence[Event]], None]
Change = tuple[Any, ...]
"""One change of :meth:`WorkshopSession.change_many`: ``("add", kind, fields)``, ``("update", ...)``..."""


UNDOABLE_ROLES: dict[str, tuple[str | None, ...]] = {
    "facilitator": ("facilitator", "participant", None),
    "participant": ("participant",),
    "projector": (),
}
"""Whose commands a role may undo, by the role they were given in (None: a log written before roles were kept).

A session undoes only its own commands, and never one its role could not have
given: a participant named like the facilitator cannot take back a decision.
"""


class _Prepared(BaseException):  # a signal, not an error: commands must not catch it
    """Raised by :meth:`WorkshopSession._run` while preparing a command (see :meth:`WorkshopSession.prepare`)."""

    def __init__(self, build: Callable[[Workshop], Sequence[Event]], undoes: str | None, blobs: Sequence[Any]) -> None:
        super().__init__()
        self.build, self.undoes, self.blobs = build, undoes, blobs


def _json(model: Any) -> dict[str, Any]:
    data: dict[str, Any] = model.model_dump(mode="json")
    return data


class WorkshopSession:
    """An open workshop: read it, change it, undo, follow others' changes.

    The generic commands (``add``, ``update``, ``remove``, ``vote``, ``undo``...) are the session's own; the named
    commands of each app are in its namespaces: :attr:`framing`, :attr:`sprint` and :attr:`attachments`.
    """

    # framing: deprecated aliases of session.framing.<command>, for one release
    set_problem_statement = alias("framing", FramingCommands.set_problem_statement)
    score_wickedness = alias("framing", FramingCommands.score_wickedness)
    add_iceberg_note = alias("framing", FramingCommands.add_iceberg_note)
    add_problem_node = alias("framing", FramingCommands.add_problem_node)
    add_why_chain = alias("framing", FramingCommands.add_why_chain)
    add_why = alias("framing", FramingCommands.add_why)
    send_why_to_tree = alias("framing", FramingCommands.send_why_to_tree)
    add_pov = alias("framing", FramingCommands.add_pov)
    select_pov = alias("framing", FramingCommands.select_pov)
    add_hmw = alias("framing", FramingCommands.add_hmw)
    cluster_hmw = alias("framing", FramingCommands.cluster_hmw)
    set_long_term_goal = alias("framing", FramingCommands.set_long_term_goal)
    add_sprint_question = alias("framing", FramingCommands.add_sprint_question)
    set_tags = alias("framing", FramingCommands.set_tags)
    # sprint: deprecated aliases of session.sprint.<command>, for one release
    add_participant = alias("sprint", SprintCommands.add_participant)
    apply_template = alias("sprint", SprintCommands.apply_template)
    add_agenda_item = alias("sprint", SprintCommands.add_agenda_item)
    update_agenda_item = alias("sprint", SprintCommands.update_agenda_item)
    move_agenda_item = alias("sprint", SprintCommands.move_agenda_item)
    start_timer = alias("sprint", SprintCommands.start_timer)
    pause_timer = alias("sprint", SprintCommands.pause_timer)
    extend_timer = alias("sprint", SprintCommands.extend_timer)
    reset_timer = alias("sprint", SprintCommands.reset_timer)
    choose_hmw = alias("sprint", SprintCommands.choose_hmw)
    add_lightning_demo = alias("sprint", SprintCommands.add_lightning_demo)
    add_crazy8 = alias("sprint", SprintCommands.add_crazy8)
    set_theme = alias("sprint", SprintCommands.set_theme)
    reveal_ideas = alias("sprint", SprintCommands.reveal_ideas)
    add_sketch = alias("sprint", SprintCommands.add_sketch)
    update_sketch = alias("sprint", SprintCommands.update_sketch)
    supervote = alias("sprint", SprintCommands.supervote)
    heatmap_vote = alias("sprint", SprintCommands.heatmap_vote)
    score = alias("sprint", SprintCommands.score)
    choose_concept = alias("sprint", SprintCommands.choose_concept)
    add_storyboard_step = alias("sprint", SprintCommands.add_storyboard_step)
    move_storyboard_step = alias("sprint", SprintCommands.move_storyboard_step)
    set_prototype_description = alias("sprint", SprintCommands.set_prototype_description)
    add_prototype_role = alias("sprint", SprintCommands.add_prototype_role)
    set_test_plan = alias("sprint", SprintCommands.set_test_plan)
    add_finding = alias("sprint", SprintCommands.add_finding)
    mark_pattern = alias("sprint", SprintCommands.mark_pattern)
    add_toc_element = alias("sprint", SprintCommands.add_toc_element)
    add_indicator = alias("sprint", SprintCommands.add_indicator)
    update_indicator = alias("sprint", SprintCommands.update_indicator)
    add_action = alias("sprint", SprintCommands.add_action)
    # attachments: deprecated aliases of session.attachments.<command>, for one release
    attach_image = alias("attachments", AttachmentCommands.attach_image)
    add_sketch_with_photo = alias("attachments", AttachmentCommands.add_sketch_with_photo)
    image_bytes = alias("attachments", AttachmentCommands.image_bytes)

    def __init__(
        self,
        store: Store,
        workshop_id: str,
        participant: str | None = None,
        role: Role = "facilitator",
        *,
        state: tuple[Workshop, int] | None = None,
    ) -> None:
        """``state`` is the workshop and its version when the caller holds them already (else they are loaded)."""
        if role not in ROLES:
            raise InvalidCommand("error.role.unknown", role=str(role))
        self.store = store
        self.workshop_id = workshop_id
        self.participant = participant
        self.role: Role = role
        self._state, self._version = state if state is not None else store.load_with_version(workshop_id)
        self._listeners: list[Listener] = []
        self._preparing = False
        self.framing = FramingCommands(self)
        """Problem-framing commands: ``session.framing.add_hmw(...)``."""
        self.sprint = SprintCommands(self)
        """Innovation-sprint commands: ``session.sprint.add_idea(...)``."""
        self.attachments = AttachmentCommands(self)
        """Uploaded images: ``session.attachments.attach_image(...)``."""

    # -- state ---------------------------------------------------------------

    @property
    def workshop(self) -> Workshop:
        """The workshop as this session last saw it."""
        return self._state

    @property
    def version(self) -> int:
        """The version of the last event this session has seen."""
        return self._version

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(events)`` after each change, own or pulled; returns an unsubscribe."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _notify(self, events: Sequence[Event]) -> None:
        for listener in list(self._listeners):
            try:
                listener(events)
            except Exception:  # a broken view must not lose the change
                log.exception("a listener of workshop %s failed", self.workshop_id)

    def refresh(self) -> list[Event]:
        """Pull the events others appended since this session last looked."""
        new = self.store.events_after(self.workshop_id, self._version)
        if new:
            state = fold(self._state, new)
            assert state is not None
            self._state, self._version = state, new[-1].version
            self._notify(new)
        return new

    def at(self, when: dt.datetime | float) -> Workshop:
        """The workshop as it was at ``when`` (a datetime or epoch seconds)."""
        return self.store.load(self.workshop_id, at=when)

    def history(self, limit: int | None = None) -> list[Event]:
        """The workshop's events, oldest first."""
        return self.store.history(self.workshop_id, limit=limit)

    def _run(
        self,
        build: Callable[[Workshop], Sequence[Event]],
        undoes: str | None = None,
        *,
        blobs: Sequence[BlobData] = (),
    ) -> list[Event]:
        """Append the events ``build`` makes; ``blobs`` (images the events refer to) go in the same transaction.

        Checked first, against the latest state: a projector changes nothing, and
        while the facilitator has locked input a participant changes nothing either.
        """
        if self.role == "projector":
            raise InvalidCommand("error.role.read_only")

        def guarded(state: Workshop) -> Sequence[Event]:
            if self.role == "participant" and state.settings.locked:
                raise InvalidCommand("error.locked")
            return build(state)

        if self._preparing:
            raise _Prepared(guarded, undoes, blobs)
        result = self.store.append(
            self.workshop_id,
            self._state,
            self._version,
            guarded,
            participant=self.actor,
            role=self.role,
            undoes=undoes,
            blobs=blobs,
        )
        self._state, self._version = result.state, result.version
        if result.pulled or result.appended:
            self._notify([*result.pulled, *result.appended])
        return result.appended

    def prepare(self, command: Callable[[WorkshopSession], object], *, key: str | None = None) -> Command:
        """The store :class:`~nsc_workshop.store.Command` that ``command(self)`` would append, without appending it.

        For group commits (:meth:`Store.append_group`): the room prepares each
        participant's command on a session of its own, then writes many in one
        transaction, each still checked against the latest state when it is
        written. Checks made before a command's events are built (the role, the
        fields, an image) raise here, as the command would.

        >>> from nsc_workshop import open_session, open_store
        >>> store = open_store("sqlite://")
        >>> s = open_session(store, store.create_workshop("Hate online", "Varnholm", "Norway"), participant="ana")
        >>> command = s.prepare(lambda s: s.add_hmw("How might we listen?"), key="0" * 32)
        >>> s.workshop.framing.hmw_notes
        {}
        >>> group = store.append_group(s.workshop_id, s.workshop, s.version, [command, command])
        >>> [(len(r.appended), r.duplicate) for r in group.results]
        [(1, False), (1, True)]
        """
        from nsc_workshop.store import Command

        self._preparing = True
        try:
            command(self)
        except _Prepared as prepared:
            return Command(prepared.build, self.actor, self.role, prepared.undoes, key, tuple(prepared.blobs))
        finally:
            self._preparing = False
        raise InvalidCommand("error.command.nothing")

    def adopt(self, state: Workshop, version: int) -> None:
        """Take a newer state of the workshop, known to the caller (a group commit's), as this session's."""
        if version > self._version:
            self._state, self._version = state, version

    # -- generic commands ----------------------------------------------------

    def _new_item(self, state: Workshop, kind: str, fields: dict[str, Any]) -> Entity:
        spec = COLLECTIONS[kind]
        items = state.collection(kind)
        data = dict(fields)
        if data.get("id") is None:
            data["id"] = new_id(spec.prefix)
            while state.find(data["id"]) is not None:
                data["id"] = new_id(spec.prefix)
        model_fields = spec.model.model_fields
        if "author" in model_fields and "author" not in data:
            data["author"] = self.voter(state=state)  # a pseudonym when anonymous: no name, still an owner
        if "participant" in model_fields and "participant" not in data:
            data["participant"] = self.voter(state=state)
        try:
            item = spec.model.model_validate(data)
        except ValidationError as exc:
            raise InvalidInput(
                "error.item.invalid", kind=t(f"kind.{kind}", default=kind), problems=problems_from(exc, kind)
            ) from None
        if item.id in items or state.find(item.id) is not None:
            raise InvalidCommand("error.item.duplicate", kind=t(f"kind.{kind}", default=kind), id=item.id)
        self._check_refs(state, kind, item)
        return item

    def _check_refs(self, state: Workshop, kind: str, item: Entity) -> None:
        for fld, ref in COLLECTIONS[kind].refs.items():
            target = getattr(item, fld)
            if target is not None and state.find(target, ref.kinds) is None:
                raise InvalidCommand(
                    "error.item.unknown_ref",
                    kind=t(f"kind.{kind}", default=kind),
                    field=fld,
                    target=target,
                    target_kind=t(f"kind.{ref.kinds[0]}", default=ref.kinds[0]),
                )
        if kind == "problem_node":
            nodes = state.framing.problem_nodes
            node_kind, parent_id = getattr(item, "kind", None), getattr(item, "parent", None)
            if node_kind == "focal":
                if parent_id is not None:
                    raise InvalidCommand("error.problem_tree.focal_parent")
                if any(n.kind == "focal" and n.id != item.id for n in nodes.values()):
                    raise InvalidCommand("error.problem_tree.one_focal")
            elif parent_id is None:
                raise InvalidCommand("error.problem_tree.no_focal")
            elif parent_id in nodes and nodes[parent_id].kind not in ("focal", node_kind):
                raise InvalidCommand("error.problem_tree.mixed", kind=t(f"framing.node.{node_kind}"))
            parent, seen = parent_id, {item.id}
            while parent is not None:
                if parent in seen:
                    raise InvalidCommand("error.problem_tree.loop")
                seen.add(parent)
                parent = nodes[parent].parent if parent in nodes else None

    def _check_owner(self, state: Workshop, item: Entity) -> None:
        """A participant changes only what they wrote (their notes, ideas, votes); the facilitator anything.

        Anonymous items keep their author as a pseudonym, so they are owned too;
        an item without an owner (the facilitator's, or written anonymously by
        an older kit) is the facilitator's to change.
        """
        if self.role == "facilitator":
            return
        for owner_field in ("author", "participant"):
            if owner_field in type(item).model_fields and not is_owner(
                getattr(item, owner_field), self.participant, state.id
            ):
                raise InvalidCommand("error.item.not_yours")

    def _updated_item(self, state: Workshop, kind: str, item_id: str, changes: dict[str, Any]) -> tuple[Entity, Entity]:
        items = state.collection(kind)
        old = items.get(item_id)
        if old is None:
            raise ItemNotFound(kind=t(f"kind.{kind}", default=kind), id=item_id)
        self._check_owner(state, old)
        if "id" in changes and changes["id"] != item_id:
            raise InvalidCommand("error.item.id_change")
        unknown = set(changes) - set(COLLECTIONS[kind].model.model_fields)
        if unknown:
            raise InvalidInput(
                "error.item.invalid",
                kind=t(f"kind.{kind}", default=kind),
                problems=[Problem(f"{kind}.{name}", "unknown field") for name in sorted(unknown)],
            )
        try:
            new = type(old).model_validate({**_json(old), **changes})
        except ValidationError as exc:
            raise InvalidInput(
                "error.item.invalid", kind=t(f"kind.{kind}", default=kind), problems=problems_from(exc, kind)
            ) from None
        self._check_refs(state, kind, new)
        return old, new

    @staticmethod
    def _update_event(kind: str, old: Entity, new: Entity) -> Event | None:
        before, after = _json(old), _json(new)
        changed = [k for k in after if after[k] != before.get(k)]
        if not changed:
            return None
        return Event(
            f"{kind}.updated",
            {"id": old.id, "changes": {k: after[k] for k in changed}, "before": {k: before[k] for k in changed}},
        )

    def _removal_events(self, state: Workshop, kind: str, item_id: str) -> list[Event]:
        """The events that remove an item and what depends on it (dependents first)."""
        events: list[Event] = []
        working = state

        def remove(k: str, iid: str) -> None:
            nonlocal working
            item = working.collection(k).get(iid)
            if item is None:
                return
            for ref_kind, ref_item, fld, ref in list(references_to(working, iid)):
                if ref.on_delete == "cascade":
                    remove(ref_kind, ref_item.id)
                else:
                    emit(
                        Event(f"{ref_kind}.updated", {"id": ref_item.id, "changes": {fld: None}, "before": {fld: iid}})
                    )
            for (section, fld), ref in SECTION_REFS.items():
                if k in ref.kinds and getattr(getattr(working, section), fld) == iid:
                    emit(Event(f"{section}.updated", {"changes": {fld: None}, "before": {fld: iid}}))
            emit(Event(f"{k}.removed", {"item": _json(item)}))

        def emit(event: Event) -> None:
            nonlocal working
            events.append(event)
            folded = fold(working, [event])
            assert folded is not None
            working = folded

        remove(kind, item_id)
        return events

    def add(self, kind: str, /, **fields: Any) -> Entity:
        """Add an item of any collection kind (``"actor"``, ``"hmw"``, ``"idea"``...)."""
        self._check_kind(kind)

        def build(state: Workshop) -> list[Event]:
            item = self._new_item(state, kind, fields)
            return [Event(f"{kind}.added", {"item": _json(item)})]

        (event,) = self._run(build)
        return self._state.collection(kind)[event.data["item"]["id"]]

    def add_many(
        self, items: Sequence[tuple[str, dict[str, Any]]], *, where: Sequence[str] | None = None
    ) -> list[Entity]:
        """Add several items in one command: all are saved, or none (and one undo removes them all).

        ``items`` is a list of ``(kind, fields)``; an item may refer to one
        added before it in the list (a tie to a new actor). A problem is
        reported with the item's position, ``item 12 (tie)``, or with
        ``where[i]`` when given (``row 14`` of a pasted sheet).
        """
        for kind, _fields in items:
            self._check_kind(kind)

        def build(state: Workshop) -> list[Event]:
            events: list[Event] = []
            working = state
            for index, (kind, fields) in enumerate(items):
                try:
                    item = self._new_item(working, kind, fields)
                except NscWorkshopError as exc:
                    place = (
                        where[index]
                        if where is not None and index < len(where)
                        else t("error.batch.item", index=index + 1, kind=t(f"kind.{kind}", default=kind))
                    )
                    raise type(exc)(
                        exc.key, problems=[Problem(place, t(exc.key, **exc.params)), *exc.problems], **exc.params
                    ) from None
                event = Event(f"{kind}.added", {"item": _json(item)})
                events.append(event)
                folded = fold(working, [event])
                assert folded is not None
                working = folded
            return events

        appended = self._run(build)
        return [self._state.collection(e.kind)[e.data["item"]["id"]] for e in appended]

    # -- several changes of any kind in one command --------------------------
    # (added for the sprint commands: apply a template, reveal ideas, upsert a
    # score; kept apart from the commands above, which it reuses unchanged)

    def change_many(self, plan: Sequence[Change] | Callable[[Workshop], Sequence[Change]]) -> list[Entity]:
        """Add, change and remove items and plain fields in one command: all saved or none, one undo.

        ``plan`` is a list of changes, or a function that makes the list from
        the latest state (it is called under the store's lock, so a command can
        decide from what is really there: which ideas are still private, whether
        a score exists; it may raise to refuse the command). Each change is one of::

            ("add", kind, fields)
            ("update", kind, item_id, changes)
            ("remove", kind, item_id)        # with what depends on it, as remove()
            ("section", section, changes)    # plain fields, as update_section()

        They are applied in order, each checked like its single command against
        the state the ones before it left. Returns the items added or updated, in
        order, as they are after the command.
        """
        touched: list[tuple[str, str]] = []

        def build(state: Workshop) -> list[Event]:
            touched.clear()
            events: list[Event] = []
            working = state
            for change in plan(state) if callable(plan) else plan:
                op = change[0]
                new: list[Event]
                if op == "add":
                    _, kind, fields = change
                    self._check_kind(kind)
                    item = self._new_item(working, kind, dict(fields))
                    new = [Event(f"{kind}.added", {"item": _json(item)})]
                    touched.append((kind, item.id))
                elif op == "update":
                    _, kind, item_id, fields = change
                    self._check_kind(kind)
                    old, updated = self._updated_item(working, kind, item_id, dict(fields))
                    event = self._update_event(kind, old, updated)
                    new = [event] if event else []
                    touched.append((kind, item_id))
                elif op == "remove":
                    _, kind, item_id = change
                    self._check_kind(kind)
                    if item_id not in working.collection(kind):
                        raise ItemNotFound(kind=t(f"kind.{kind}", default=kind), id=item_id)
                    new = self._removal_events(working, kind, item_id)
                elif op == "section":
                    _, section, fields = change
                    section_event = self._section_event(working, section, dict(fields))
                    new = [section_event] if section_event else []
                else:
                    raise ValueError(f"unknown change {op!r}: use add, update, remove or section")
                if new:
                    events.extend(new)
                    folded = fold(working, new)
                    assert folded is not None
                    working = folded
            return events

        self._run(build)
        return [
            self._state.collection(kind)[item_id]
            for kind, item_id in touched
            if item_id in self._state.collection(kind)
        ]

    @staticmethod
    def _check_section_fields(section: str, changes: dict[str, Any]) -> None:
        """Refuse an unknown section, unknown fields and collections (they change item by item)."""
        if section not in SECTIONS:
            raise InvalidCommand("error.section.unknown", section=section)
        collections = COLLECTION_FIELDS.get(section, frozenset())
        unknown = sorted(set(changes) - set(SECTIONS[section].model_fields) | (set(changes) & collections))
        if unknown:
            raise InvalidInput(
                "error.section.invalid",
                section=t(f"section.{section}"),
                problems=[Problem(f"{section}.{name}", "cannot be set here") for name in unknown],
            )

    @staticmethod
    def _section_event(state: Workshop, section: str, changes: dict[str, Any]) -> Event | None:
        """The ``<section>.updated`` event of ``changes`` (None when nothing changes), checked as update_section."""
        WorkshopSession._check_section_fields(section, changes)
        model = SECTIONS[section]
        collections = COLLECTION_FIELDS.get(section, frozenset())
        before = getattr(state, section).model_dump(mode="json", exclude=set(collections))
        try:
            checked = model.model_validate({**before, **changes})
        except ValidationError as exc:
            raise InvalidInput(
                "error.section.invalid", section=t(f"section.{section}"), problems=problems_from(exc, section)
            ) from None
        after = checked.model_dump(mode="json", include=set(changes))
        for name, value in after.items():
            ref = SECTION_REFS.get((section, name))
            if ref and value is not None and state.find(value, ref.kinds) is None:
                raise InvalidCommand(
                    "error.item.unknown_ref",
                    kind=t(f"section.{section}"),
                    field=name,
                    target=value,
                    target_kind=t(f"kind.{ref.kinds[0]}", default=ref.kinds[0]),
                )
        changed = {k: v for k, v in after.items() if v != before.get(k)}
        if not changed:
            return None
        return Event(f"{section}.updated", {"changes": changed, "before": {k: before[k] for k in changed}})

    def update(self, kind: str, item_id: str, /, **changes: Any) -> Entity:
        """Change fields of an item; unchanged values append nothing."""
        self._check_kind(kind)

        def build(state: Workshop) -> list[Event]:
            old, new = self._updated_item(state, kind, item_id, changes)
            event = self._update_event(kind, old, new)
            return [event] if event else []

        self._run(build)
        return self._state.collection(kind)[item_id]

    def upsert(self, kind: str, item_id: str, /, **fields: Any) -> Entity:
        """Add the item with this id, or change it if it exists."""
        self._check_kind(kind)

        def build(state: Workshop) -> list[Event]:
            if item_id in state.collection(kind):
                old, new = self._updated_item(state, kind, item_id, fields)
                event = self._update_event(kind, old, new)
                return [event] if event else []
            item = self._new_item(state, kind, {**fields, "id": item_id})
            return [Event(f"{kind}.added", {"item": _json(item)})]

        self._run(build)
        return self._state.collection(kind)[item_id]

    def remove(self, kind: str, item_id: str, /) -> None:
        """Remove an item, with what depends on it (an actor's ties, an idea's votes)."""
        self._check_kind(kind)

        def build(state: Workshop) -> list[Event]:
            if item_id not in state.collection(kind):
                raise ItemNotFound(kind=t(f"kind.{kind}", default=kind), id=item_id)
            self._check_owner(state, state.collection(kind)[item_id])
            return self._removal_events(state, kind, item_id)

        self._run(build)

    def update_section(self, section: str, /, **changes: Any) -> None:
        """Change plain fields of ``meta``, ``settings``, ``framing`` or ``sprint``."""
        self._check_section_fields(section, changes)  # before any lock is taken

        def build(state: Workshop) -> list[Event]:
            event = self._section_event(state, section, changes)
            return [event] if event else []

        self._run(build)

    @staticmethod
    def _check_kind(kind: str) -> None:
        if kind not in COLLECTIONS:
            raise InvalidCommand("error.kind.unknown", kind=kind)

    # -- named commands ------------------------------------------------------

    @facilitator_only
    def update_meta(self, **changes: Any) -> None:
        """Change the workshop's title, dates, Blueprint areas, sensitivity..."""
        self.update_section("meta", **changes)

    @facilitator_only
    def update_settings(self, **changes: Any) -> None:
        self.update_section("settings", **changes)

    def add_actor(self, name: str, **fields: Any) -> Actor:
        """Add an actor (an organisation, unit, group or role) to the map."""
        actor = self.add("actor", name=name, **fields)
        assert isinstance(actor, Actor)
        return actor

    def update_actor(self, actor_id: str, **changes: Any) -> Actor:
        actor = self.update("actor", actor_id, **changes)
        assert isinstance(actor, Actor)
        return actor

    def remove_actor(self, actor_id: str) -> None:
        """Remove an actor and its ties."""
        self.remove("actor", actor_id)

    def add_tie(self, source: str, target: str, type: str = "collaborates", **fields: Any) -> Tie:  # noqa: A002
        """Add a tie; its sign and direction default to those of its type."""
        from nsc_workshop.datasets import tie_type

        known = tie_type(type)
        if known is not None:
            fields.setdefault("sign", known["sign"])
            fields.setdefault("directed", known["directed"])
        tie = self.add("tie", source=source, target=target, type=type, **fields)
        assert isinstance(tie, Tie)
        return tie

    def update_tie(self, tie_id: str, **changes: Any) -> Tie:
        tie = self.update("tie", tie_id, **changes)
        assert isinstance(tie, Tie)
        return tie

    def remove_tie(self, tie_id: str) -> None:
        self.remove("tie", tie_id)

    def add_idea(self, text: str, **fields: Any) -> Idea:
        """Add an idea note (by this participant unless the workshop is anonymous)."""
        idea = self.add("idea", text=text, **fields)
        assert isinstance(idea, Idea)
        return idea

    def update_idea(self, idea_id: str, **changes: Any) -> Idea:
        idea = self.update("idea", idea_id, **changes)
        assert isinstance(idea, Idea)
        return idea

    def remove_idea(self, idea_id: str) -> None:
        """Remove an idea and the votes and scores on it."""
        self.remove("idea", idea_id)

    def vote(self, target: str, *, round: str | None = None, kind: str = "dot", weight: int = 1, **fields: Any) -> Vote:  # noqa: A002
        """Vote on a HMW note, an idea or a sketch.

        A ``dot`` vote counts against the participant's budget for the round
        (``settings.vote_budgets``); a participant has one ``supervote`` per round.
        """

        def build(state: Workshop) -> list[Event]:
            found = state.find(target, ("hmw", "idea", "sketch"))
            if found is None:
                raise ItemNotFound(kind=t("kind.vote_target"), id=target)
            if isinstance(found[1], Idea) and found[1].private and not found[1].revealed:
                raise InvalidCommand("error.vote.private")  # nobody else can see it: a dot would tell them of it
            rnd = round or ("hmw" if found[0] == "hmw" else "ideas")
            handle = fields.pop("participant", self.participant)
            if handle != self.participant and self.role != "facilitator":
                raise InvalidCommand("error.vote.not_yours")
            voter = self.voter(handle, state=state)
            fields["participant"] = voter
            mine = select_votes(state.votes.values(), round=rnd, kind=kind, participant=voter)
            if kind == "dot":
                budget = state.settings.vote_budgets.get(rnd)
                used = sum(v.weight for v in mine)
                if budget is not None and used + weight > budget:
                    raise InvalidCommand("error.vote.budget", budget=budget, used=used, round=rnd)
            elif kind == "supervote" and mine:
                raise InvalidCommand("error.vote.supervote_used", round=rnd)
            item = self._new_item(
                state, "vote", {"target": target, "round": rnd, "kind": kind, "weight": weight, **fields}
            )
            return [Event("vote.added", {"item": _json(item)})]

        (event,) = self._run(build)
        return self._state.votes[event.data["item"]["id"]]

    @property
    def actor(self) -> str | None:
        """Who the event log records for this session's changes: the handle, or its pseudonym when anonymous."""
        return self.voter()

    def require_facilitator(self) -> None:
        """Refuse a facilitator's command from a participant's or a projector's session."""
        if self.role != "facilitator":
            raise InvalidCommand("error.role.facilitator_only")

    def voter(self, handle: str | None = None, *, state: Workshop | None = None) -> str | None:
        """How votes and scores of ``handle`` (this session's participant by default) are stored.

        In an anonymous workshop a stable pseudonym (``anon-`` and 10 hex digits,
        the same for the same handle in this workshop) stands in for the handle,
        so that budgets still count per person without keeping the name.
        """
        handle = self.participant if handle is None else handle
        state = state or self._state
        if handle is None or not state.settings.anonymous:
            return handle
        return pseudonym(state.id, handle)

    def dots(self, round: str, handle: str | None = None) -> dict[str, int]:  # noqa: A002
        """The dots ``handle`` (this session's participant by default) has given in a round, per item."""
        voter = self.voter(handle)
        counts: dict[str, int] = {}
        for vote in select_votes(self._state.votes.values(), round=round, kind="dot", participant=voter):
            counts[vote.target] = counts.get(vote.target, 0) + vote.weight
        return counts

    def take_back_dot(self, target: str, round: str, handle: str | None = None) -> None:  # noqa: A002
        """Take back the last dot ``handle`` gave ``target`` in a round."""
        voter = self.voter(handle)
        mine = [
            v.id
            for v in select_votes(self._state.votes.values(), round=round, kind="dot", participant=voter, target=target)
        ]
        if not mine:
            raise NothingToUndo()
        self.unvote(mine[-1])

    def unvote(self, vote_id: str) -> None:
        """Take a vote back."""
        self.remove("vote", vote_id)

    # -- undo ----------------------------------------------------------------

    def _last_undoable(self) -> str | None:
        batches = self.store.batches(self.workshop_id, self.actor, roles=UNDOABLE_ROLES[self.role])
        undone = {u for _, u in batches if u}
        candidates = [b for b, u in batches if u is None and b not in undone]
        return candidates[-1] if candidates else None

    def can_undo(self) -> bool:
        """Whether this participant has a command left to undo."""
        batch = self._last_undoable()
        if batch is None:
            return False
        events = self.store.batch_events(self.workshop_id, batch)
        return not any(e.type.startswith("workshop.") for e in events)

    def undo(self) -> list[Event]:
        """Undo this participant's last command not yet undone; returns the events that undid it.

        :func:`nsc_workshop.summaries.history.describe_undone` says them in a line.

        Changes others made since are kept: an update is reverted only on the
        fields that still hold the value it set.
        """
        batch = self._last_undoable()
        if batch is None:
            raise NothingToUndo()
        original = self.store.batch_events(self.workshop_id, batch)
        if any(e.type.startswith("workshop.") for e in original):
            raise NothingToUndo()

        def build(state: Workshop) -> list[Event]:
            events: list[Event] = []
            working = state
            for event in reversed(original):
                for comp in self._compensate(working, event):
                    events.append(comp)
                    folded = fold(working, [comp])
                    assert folded is not None
                    working = folded
            return [*events, Event("batch.undone", {"batch": batch})]

        appended = self._run(build, undoes=batch)
        return [e for e in appended if e.type != "batch.undone"]

    def _compensate(self, state: Workshop, event: Event) -> list[Event]:
        kind, action = event.kind, event.action
        data = event.data
        if kind in SECTIONS and action == "updated":
            current = _json(getattr(state, kind))
            revert = {k: v for k, v in data["before"].items() if current.get(k) == data["changes"].get(k)}
            if not revert:
                return []
            return [Event(event.type, {"changes": revert, "before": {k: current[k] for k in revert}})]
        if kind not in COLLECTIONS:
            return []
        items = state.collection(kind)
        if action == "added":
            item_id = data["item"]["id"]
            return self._removal_events(state, kind, item_id) if item_id in items else []
        if action == "removed":
            item = data["item"]
            if item["id"] in items:
                return []
            for fld, ref in COLLECTIONS[kind].refs.items():
                target = item.get(fld)
                if target is not None and state.find(target, ref.kinds) is None:
                    return []
            return [Event(f"{kind}.added", {"item": item})]
        if action == "updated":
            old = items.get(data["id"])
            if old is None:
                return []
            current = _json(old)
            revert = {k: v for k, v in data["before"].items() if current.get(k) == data["changes"].get(k)}
            if not revert:
                return []
            return [Event(event.type, {"id": data["id"], "changes": revert, "before": {k: current[k] for k in revert}})]
        return []

    def __repr__(self) -> str:
        return f"WorkshopSession({self.workshop_id!r}, participant={self.participant!r}, version={self._version})"


def open_session(
    store: Store, workshop_id: str, participant: str | None = None, role: str = "facilitator"
) -> WorkshopSession:
    """A session on one workshop of ``store``: commands, undo, refresh, history.

    ``role`` is ``facilitator`` (every command), ``participant`` (no facilitator commands;
    nothing while input is locked) or ``projector`` (read only); another role is refused.

    >>> from nsc_workshop import open_store
    >>> store = open_store("sqlite://")
    >>> s = open_session(store, store.create_workshop("Hate online", "Varnholm", "Norway"), participant="ana")
    >>> s.framing.add_hmw("How might we listen to young people?").text
    'How might we listen to young people?'
    """
    if role not in ROLES:
        raise InvalidCommand("error.role.unknown", role=str(role))
    return WorkshopSession(store, workshop_id, participant, role)
