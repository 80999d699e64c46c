"""Session commands of the innovation-sprint app, one per kind of change.

Thin, named wrappers over the session's generic commands. Each is one event,
or one all-or-nothing command (:meth:`~nsc_workshop.session.WorkshopSession.change_many`)
whose changes are decided from the latest state under the store's lock, so
two facilitators' tabs never leave the sprint half-changed and one undo
reverts the whole command.

The timer is a plain field of the sprint (``sprint.timer``, a
:class:`~nsc_workshop.model.Timer`): running, ``started_at`` is the epoch
second it (re)started and ``remaining_s`` what was left then; paused,
``started_at`` is None and ``remaining_s`` what is left. Timer commands take
``now`` (epoch seconds) for tests; by default the current time.

An action's ``lead`` is a role ("youth work coordinator"), never a person's
name: the kit does not check this (a name cannot be told from a role), the
action-plan view says so next to the field.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from nsc_workshop.commands._core import CommandNamespace
from nsc_workshop.commands._roles import facilitator_only
from nsc_workshop.errors import InvalidCommand, ItemNotFound
from nsc_workshop.i18n import t
from nsc_workshop.model import (
    Action,
    AgendaItem,
    Finding,
    Idea,
    Indicator,
    Participant,
    PrototypeRole,
    Score,
    Sketch,
    StoryboardStep,
    TocElement,
    Vote,
    next_order,
    select_votes,
)

if TYPE_CHECKING:
    from nsc_workshop.model import Workshop

__all__ = ["SprintCommands"]

Change = tuple[Any, ...]
_OUTCOME_LEVELS = ("outcome_short", "outcome_medium", "outcome_long")
_MAX_STORYBOARD = 15


def _sorted_ids(items: Iterable[Any], key: Callable[[Any], Any]) -> list[tuple[str, float]]:
    return [(item.id, float(item.order)) for item in sorted(items, key=key)]


def _placement(sequence: Sequence[tuple[str, float]], index: int) -> dict[str, float] | float:
    """The order that puts a new or moved item at ``index`` of ``sequence`` (``(id, order)`` in order).

    Usually one number (between its neighbours); when there is no room left
    between them, ``{id: order}`` renumbering the whole sequence 1, 2, 3...
    with the slot at ``index`` given the key ``""``.
    """
    if not sequence:
        return 1.0
    if index <= 0:
        return sequence[0][1] - 1.0
    if index >= len(sequence):
        return sequence[-1][1] + 1.0
    low, high = sequence[index - 1][1], sequence[index][1]
    if high - low > 1e-6:
        return (low + high) / 2
    ids = [item_id for item_id, _ in sequence]
    ids.insert(index, "")
    return {item_id: float(n) for n, item_id in enumerate(ids, start=1)}


def _placed(
    kind: str, sequence: Sequence[tuple[str, float]], index: int, moving: str | None
) -> tuple[float, list[Change]]:
    """The order for the item at ``index`` and the updates renumbering the others if needed."""
    where = _placement(sequence, index)
    if isinstance(where, float):
        return where, []
    current = dict(sequence)
    updates: list[Change] = [
        ("update", kind, item_id, {"order": order})
        for item_id, order in where.items()
        if item_id and item_id != moving and current.get(item_id) != order
    ]
    return where[""], updates


def _agenda_key(item: AgendaItem) -> tuple[int, float, str]:
    return (item.day, item.order, item.id)


def _order_key(item: Any) -> tuple[float, str]:
    return (item.order, item.id)


class SprintCommands(CommandNamespace):
    """Innovation-sprint commands, over a session (``session.sprint``).

    >>> from nsc_workshop import open_session, open_store
    >>> from nsc_workshop.summaries.sprint import timer_state
    >>> store = open_store("sqlite://")
    >>> wid = store.create_workshop("Safe city sprint", "Varnholm", "Norway")
    >>> s = open_session(store, wid, participant="facilitator")
    >>> agenda = s.apply_template("1-day")
    >>> agenda[0].title, agenda[0].duration_min
    ('Welcome, ground rules and the challenge', 15)
    >>> s.start_timer(agenda[0].id, now=1000.0)
    >>> timer_state(s.workshop, now=1060.0)["display"]
    '14:00'
    >>> from nsc_workshop.summaries.history import describe_undone
    >>> describe_undone(s.undo())
    'Changed sprint: timer'
    >>> describe_undone(s.undo())[:50]  # the whole template in one undo
    'Changed sprint: template; Removed agenda item: ...'
    >>> len(s.workshop.sprint.agenda)
    0
    """

    # -- people ----------------------------------------------------------------

    @facilitator_only
    def add_participant(self, handle: str, role: str = "participant", sector: str = "") -> Participant:
        """Someone taking part, by handle (need not be a real name) and role.

        Roles: ``facilitator``, ``participant``, ``decider`` (gives the
        supervote), ``note_taker``, ``observer``. A handle already taken
        (ignoring case) is refused.
        """

        def plan(state: Workshop) -> list[Change]:
            wanted = handle.strip().casefold()
            if any(p.handle.casefold() == wanted for p in state.participants.values()):
                raise InvalidCommand("error.sprint.participant_exists", handle=handle.strip())
            return [("add", "participant", {"handle": handle, "role": role, "sector": sector})]

        (item,) = self._session.change_many(plan)
        assert isinstance(item, Participant)
        return item

    # -- agenda ----------------------------------------------------------------

    @facilitator_only
    def apply_template(self, template: str, start: dt.datetime | str | None = None) -> list[AgendaItem]:
        """Replace the agenda with a template's (``1-day``, ``2-day``, ``3-day``), in one undoable command.

        The current items are removed, the template's added in order, and
        ``sprint.template`` set (``sprint.start`` too when ``start`` is given;
        otherwise it is kept). A timer on a removed item is reset.
        """
        from nsc_workshop.datasets import sprint_templates

        templates = sprint_templates()
        chosen = templates.get(template)
        if chosen is None:
            raise InvalidCommand("error.sprint.template_unknown", template=template, choices=", ".join(templates))

        def plan(state: Workshop) -> list[Change]:
            changes: list[Change] = [("remove", "agenda_item", item_id) for item_id in state.sprint.agenda]
            for order, item in enumerate(chosen["items"], start=1):
                fields = {
                    "title": item["title"],
                    "phase": item["phase"],
                    "day": item["day"],
                    "duration_min": item["duration_min"],
                    "notes": item["note"],
                    "order": float(order),
                }
                changes.append(("add", "agenda_item", fields))
            section: dict[str, Any] = {"template": template}
            if start is not None:
                section["start"] = start
            if state.sprint.timer.item is not None:
                section["timer"] = {"item": None, "started_at": None, "remaining_s": 0.0}
            changes.append(("section", "sprint", section))
            return changes

        items = self._session.change_many(plan)
        return [item for item in items if isinstance(item, AgendaItem)]

    @facilitator_only
    def add_agenda_item(
        self,
        title: str,
        phase: str = "other",
        day: int = 1,
        duration_min: int = 30,
        notes: str = "",
        before: str | None = None,
    ) -> AgendaItem:
        """A timed block at the end of its day, or just before the item ``before`` (on that item's day)."""

        def plan(state: Workshop) -> list[Change]:
            agenda = state.sprint.agenda
            target_day = day
            if before is not None:
                if before not in agenda:
                    raise ItemNotFound(kind=t("kind.agenda_item"), id=before)
                target_day = agenda[before].day
            sequence = _sorted_ids(agenda.values(), _agenda_key)
            index = self._agenda_index(state, sequence, target_day, before)
            order, updates = _placed("agenda_item", sequence, index, None)
            fields = {"title": title, "phase": phase, "day": target_day, "duration_min": duration_min}
            return [*updates, ("add", "agenda_item", {**fields, "notes": notes, "order": order})]

        items = self._session.change_many(plan)
        item = items[-1]
        assert isinstance(item, AgendaItem)
        return item

    @facilitator_only
    def update_agenda_item(self, /, item_id: str, **changes: Any) -> AgendaItem:
        """Change an item's title, phase, duration or notes; a new ``day`` (without an
        ``order``) also moves it to the end of that day, in the same command."""

        def plan(state: Workshop) -> list[Change]:
            agenda = state.sprint.agenda
            current = agenda.get(item_id)
            new_day = changes.get("day")
            if current is None or new_day is None or new_day == current.day or "order" in changes:
                return [("update", "agenda_item", item_id, changes)]
            if not isinstance(new_day, int) or isinstance(new_day, bool):
                return [("update", "agenda_item", item_id, changes)]  # refused with the model's message
            sequence = _sorted_ids((a for a in agenda.values() if a.id != item_id), _agenda_key)
            index = self._agenda_index(state, sequence, new_day, None)
            order, updates = _placed("agenda_item", sequence, index, item_id)
            return [*updates, ("update", "agenda_item", item_id, {**changes, "order": order})]

        item = self._session.change_many(plan)[-1]
        assert isinstance(item, AgendaItem)
        return item

    @staticmethod
    def _agenda_index(state: Workshop, sequence: Sequence[tuple[str, float]], day: int, before: str | None) -> int:
        ids = [item_id for item_id, _ in sequence]
        if before is not None:
            return ids.index(before)
        agenda = state.sprint.agenda
        return sum(1 for item_id in ids if agenda[item_id].day <= day)

    @facilitator_only
    def move_agenda_item(self, item: str, before: str | None = None, *, day: int | None = None) -> AgendaItem:
        """Move an item just before ``before`` (onto that item's day), or to the end of ``day``
        (its own day by default)."""

        def plan(state: Workshop) -> list[Change]:
            agenda = state.sprint.agenda
            for item_id in (item, before):
                if item_id is not None and item_id not in agenda:
                    raise ItemNotFound(kind=t("kind.agenda_item"), id=item_id)
            if before == item:
                return []
            target_day = agenda[before].day if before is not None else (day or agenda[item].day)
            sequence = _sorted_ids((a for a in agenda.values() if a.id != item), _agenda_key)
            index = self._agenda_index(state, sequence, target_day, before)
            order, updates = _placed("agenda_item", sequence, index, item)
            return [*updates, ("update", "agenda_item", item, {"order": order, "day": target_day})]

        self._session.change_many(plan)
        moved = self.workshop.sprint.agenda[item]
        return moved

    # -- timer -----------------------------------------------------------------

    def _set_timer(self, decide: Callable[[Workshop, float], dict[str, Any] | None], now: float | None) -> None:
        moment = time.time() if now is None else float(now)

        def plan(state: Workshop) -> list[Change]:
            timer = decide(state, moment)
            return [] if timer is None else [("section", "sprint", {"timer": timer})]

        self._session.change_many(plan)

    @facilitator_only
    def start_timer(self, item: str | None = None, minutes: float | None = None, *, now: float | None = None) -> None:
        """Start (or resume) the countdown.

        With ``minutes``, from that many minutes. Otherwise, on the timer's own
        item, it resumes where it was paused; on another item it starts from
        that item's planned duration. ``item`` defaults to the timer's item.
        """
        if minutes is not None and not 0 < minutes <= 600:
            raise InvalidCommand("error.sprint.timer_minutes", minutes=minutes)

        def decide(state: Workshop, moment: float) -> dict[str, Any] | None:
            current = state.sprint.timer
            agenda = state.sprint.agenda
            target = item if item is not None else current.item
            if target is not None and target not in agenda:
                raise ItemNotFound(kind=t("kind.agenda_item"), id=target)
            running = current.started_at is not None
            if minutes is not None:
                remaining = float(minutes) * 60
            elif target == current.item and (running or current.remaining_s != 0):
                if running:
                    return None  # already counting down
                remaining = current.remaining(moment)
            elif target is not None:
                remaining = float(agenda[target].duration_min * 60)
            else:
                raise InvalidCommand("error.sprint.timer_nothing")
            return {"item": target, "started_at": moment, "remaining_s": remaining}

        self._set_timer(decide, now)

    @facilitator_only
    def pause_timer(self, *, now: float | None = None) -> None:
        """Stop the countdown, keeping what is left (nothing happens when it is not running)."""

        def decide(state: Workshop, moment: float) -> dict[str, Any] | None:
            current = state.sprint.timer
            if current.started_at is None:
                return None
            return {"item": current.item, "started_at": None, "remaining_s": current.remaining(moment)}

        self._set_timer(decide, now)

    @facilitator_only
    def extend_timer(self, minutes: float, *, now: float | None = None) -> None:
        """Give ``minutes`` more (negative: fewer). A timer that has run over gets ``minutes`` from now."""
        if not minutes or abs(minutes) > 600:
            raise InvalidCommand("error.sprint.timer_minutes", minutes=minutes)

        def decide(state: Workshop, moment: float) -> dict[str, Any] | None:
            current = state.sprint.timer
            left = current.remaining(moment)
            if minutes > 0:
                left = max(left, 0.0)
            remaining = left + float(minutes) * 60
            started = moment if current.started_at is not None else None
            return {"item": current.item, "started_at": started, "remaining_s": remaining}

        self._set_timer(decide, now)

    @facilitator_only
    def reset_timer(self, *, now: float | None = None) -> None:
        """Stop the countdown and set it back to its item's planned duration (0 without an item)."""

        def decide(state: Workshop, moment: float) -> dict[str, Any] | None:
            current = state.sprint.timer
            item = state.sprint.agenda.get(current.item) if current.item else None
            return {
                "item": item.id if item else None,
                "started_at": None,
                "remaining_s": float(item.duration_min * 60) if item else 0.0,
            }

        self._set_timer(decide, now)

    # -- map -------------------------------------------------------------------

    @facilitator_only
    def choose_hmw(self, hmw_id: str | None) -> None:
        """The HMW note the sprint works on (None clears the choice)."""
        self._session.update_section("sprint", chosen_hmw=hmw_id)

    # -- ideas -------------------------------------------------------------------

    def add_lightning_demo(self, /, title_or_text: str, link: str | None, **fields: Any) -> Idea:
        """A lightning demo: what someone else already does, with a link (``http(s)://``) or None."""
        item = self._session.add("idea", text=title_or_text, kind="lightning_demo", link=link, **fields)
        assert isinstance(item, Idea)
        return item

    def add_crazy8(self, /, text: str, **fields: Any) -> Idea:
        """One frame of a Crazy 8s round (pass ``private=True`` during the private writing)."""
        item = self._session.add("idea", text=text, kind="crazy8", **fields)
        assert isinstance(item, Idea)
        return item

    def set_theme(self, idea_id: str, theme: str) -> Idea:
        """Put an idea in a theme (an empty theme takes it out)."""
        item = self._session.update("idea", idea_id, theme=theme)
        assert isinstance(item, Idea)
        return item

    @facilitator_only
    def reveal_ideas(self, author: str | None = None) -> list[Idea]:
        """Reveal every private idea, or one author's, in one command; returns the ideas revealed."""

        def plan(state: Workshop) -> list[Change]:
            return [
                ("update", "idea", idea.id, {"revealed": True})
                for idea in state.sprint.ideas.values()
                if idea.private and not idea.revealed and (author is None or idea.author == author)
            ]

        return [item for item in self._session.change_many(plan) if isinstance(item, Idea)]

    # -- sketches ----------------------------------------------------------------

    def add_sketch(self, /, title: str, panels: Iterable[str] = (), description: str = "", **fields: Any) -> Sketch:
        """A solution sketch: a title, its panels (usually three) and a description."""
        item = self._session.add("sketch", title=title, panels=list(panels), description=description, **fields)
        assert isinstance(item, Sketch)
        return item

    def update_sketch(self, /, sketch_id: str, **changes: Any) -> Sketch:
        if "panels" in changes:
            changes["panels"] = list(changes["panels"])
        item = self._session.update("sketch", sketch_id, **changes)
        assert isinstance(item, Sketch)
        return item

    # -- decide ------------------------------------------------------------------

    def supervote(self, target: str, rationale: str | None = None, *, round: str | None = None) -> Vote:  # noqa: A002
        """The decider's supervote on an idea or sketch, with the decision's rationale if given.

        Only a participant with the role ``decider`` may give it (the
        participants list, by this session's handle), once per round. The vote
        keeps the decider's handle even in an anonymous workshop: a supervote
        is the decider's by definition.
        """
        handle = self._session.participant

        def plan(state: Workshop) -> list[Change]:
            person = next((p for p in state.participants.values() if p.handle == handle), None)
            if handle is None or person is None or person.role != "decider":
                raise InvalidCommand("error.sprint.supervote_decider_only", handle=handle or "—")
            found = state.find(target, ("hmw", "idea", "sketch"))
            if found is None:
                raise ItemNotFound(kind=t("kind.vote_target"), id=target)
            rnd = round or ("hmw" if found[0] == "hmw" else "ideas")
            if select_votes(state.votes.values(), round=rnd, kind="supervote", participant=handle):
                raise InvalidCommand("error.vote.supervote_used", round=rnd)
            changes: list[Change] = [
                ("add", "vote", {"target": target, "round": rnd, "kind": "supervote", "participant": handle})
            ]
            if rationale is not None:
                changes.append(("section", "sprint", {"decision_rationale": rationale}))
            return changes

        vote = self._session.change_many(plan)[0]
        assert isinstance(vote, Vote)
        return vote

    def heatmap_vote(self, sketch: str, x: float, y: float) -> Vote:
        """A heat-map sticker on part of a sketch (``x``, ``y`` in 0-1 from the top left); no budget."""
        if sketch not in self.workshop.sprint.sketches:
            self._session.refresh()
            if sketch not in self.workshop.sprint.sketches:
                raise ItemNotFound(kind=t("kind.sketch"), id=sketch)
        return self._session.vote(sketch, kind="heatmap", x=x, y=y)

    def score(self, target: str, criterion: str, value: int, *, as_group: bool = False) -> Score:
        """Score an idea or sketch 1-5 on ``impact``, ``effort``, ``desirability``, ``feasibility``
        or ``viability``.

        One score per participant per target per criterion: scoring again
        changes it. ``as_group`` records the group's agreed score (no
        participant); so does every score in an anonymous workshop.
        """

        def plan(state: Workshop) -> list[Change]:
            who = None if as_group or state.settings.anonymous else self._session.participant
            existing = next(
                (
                    s
                    for s in state.sprint.scores.values()
                    if s.target == target and s.criterion == criterion and s.participant == who
                ),
                None,
            )
            if existing is not None:
                return [("update", "score", existing.id, {"value": value})]
            return [("add", "score", {"target": target, "criterion": criterion, "value": value, "participant": who})]

        (item,) = self._session.change_many(plan)
        assert isinstance(item, Score)
        return item

    @facilitator_only
    def choose_concept(self, target: str | None, rationale: str | None = None) -> None:
        """The idea or sketch the team goes on with, and why (``rationale`` None keeps the one written)."""
        changes: dict[str, Any] = {"chosen_concept": target}
        if rationale is not None:
            changes["decision_rationale"] = rationale
        self._session.update_section("sprint", **changes)

    # -- storyboard ----------------------------------------------------------------

    def add_storyboard_step(self, text: str, sketch: str | None = None, before: str | None = None) -> StoryboardStep:
        """The next step of the storyboard (5-15 steps; a 16th is refused), or one before ``before``."""

        def plan(state: Workshop) -> list[Change]:
            steps = state.sprint.storyboard
            if len(steps) >= _MAX_STORYBOARD:
                raise InvalidCommand("error.sprint.storyboard_full", maximum=_MAX_STORYBOARD)
            sequence = _sorted_ids(steps.values(), _order_key)
            index = len(sequence)
            if before is not None:
                if before not in steps:
                    raise ItemNotFound(kind=t("kind.storyboard_step"), id=before)
                index = [sid for sid, _ in sequence].index(before)
            order, updates = _placed("storyboard_step", sequence, index, None)
            return [*updates, ("add", "storyboard_step", {"text": text, "sketch": sketch, "order": order})]

        item = self._session.change_many(plan)[-1]
        assert isinstance(item, StoryboardStep)
        return item

    def move_storyboard_step(self, step: str, before: str | None = None) -> StoryboardStep:
        """Move a step just before ``before``, or to the end."""

        def plan(state: Workshop) -> list[Change]:
            steps = state.sprint.storyboard
            for step_id in (step, before):
                if step_id is not None and step_id not in steps:
                    raise ItemNotFound(kind=t("kind.storyboard_step"), id=step_id)
            if before == step:
                return []
            sequence = _sorted_ids((s for s in steps.values() if s.id != step), _order_key)
            index = len(sequence) if before is None else [sid for sid, _ in sequence].index(before)
            order, updates = _placed("storyboard_step", sequence, index, step)
            return [*updates, ("update", "storyboard_step", step, {"order": order})]

        self._session.change_many(plan)
        return self.workshop.sprint.storyboard[step]

    # -- prototype and test --------------------------------------------------------

    def set_prototype_description(self, text: str) -> None:
        """What the prototype is (a mock-up, a script, a leaflet...)."""
        self._session.update_section("sprint", prototype_description=text)

    def add_prototype_role(self, role: str, who: str = "", notes: str = "") -> PrototypeRole:
        """A prototype role (``maker``, ``stitcher``, ``writer``, ``asset_collector``,
        ``interviewer``, ``other``) and who takes it (a handle or a role)."""
        item = self._session.add("prototype_role", role=role, who=who, notes=notes)
        assert isinstance(item, PrototypeRole)
        return item

    def set_test_plan(
        self,
        target_group: str | None = None,
        assumptions: Iterable[str] | None = None,
        questions: Iterable[str] | None = None,
        interviews_planned: int | None = None,
    ) -> None:
        """Change the parts of the test plan given (None keeps a part as it is)."""
        given: dict[str, Any] = {}
        if target_group is not None:
            given["target_group"] = target_group
        if assumptions is not None:
            given["assumptions"] = list(assumptions)
        if questions is not None:
            given["questions"] = list(questions)
        if interviews_planned is not None:
            given["interviews_planned"] = interviews_planned

        def plan(state: Workshop) -> list[Change]:
            if not given:
                return []
            merged = {**state.sprint.test_plan.model_dump(mode="json"), **given}
            return [("section", "sprint", {"test_plan": merged})]

        self._session.change_many(plan)

    def add_finding(self, text: str, interview: int, valence: str = "neutral", pattern: bool = False) -> Finding:
        """What an interview showed: ``positive``, ``negative`` or ``neutral``."""
        item = self._session.add("finding", text=text, interview=interview, valence=valence, pattern=pattern)
        assert isinstance(item, Finding)
        return item

    def mark_pattern(self, finding_id: str, pattern: bool = True) -> Finding:
        """Mark a finding as a pattern seen across interviews (or unmark it)."""
        item = self._session.update("finding", finding_id, pattern=pattern)
        assert isinstance(item, Finding)
        return item

    # -- after the sprint ------------------------------------------------------------

    def add_toc_element(self, level: str, text: str) -> TocElement:
        """An element of the theory of change: ``input``, ``activity``, ``output``,
        ``outcome_short``, ``outcome_medium``, ``outcome_long``, ``impact`` or ``assumption``."""

        def plan(state: Workshop) -> list[Change]:
            order = next_order(state.sprint.toc.values())
            return [("add", "toc", {"level": level, "text": text, "order": order})]

        (item,) = self._session.change_many(plan)
        assert isinstance(item, TocElement)
        return item

    @staticmethod
    def _check_outcome(state: Workshop, outcome: str | None) -> None:
        if outcome is None:
            return
        element = state.sprint.toc.get(outcome)
        if element is None:
            raise ItemNotFound(kind=t("kind.toc"), id=outcome)
        if element.level not in _OUTCOME_LEVELS:
            raise InvalidCommand(
                "error.sprint.indicator_outcome", level=t(f"sprint.toc_level.{element.level}"), text=element.text
            )

    def add_indicator(
        self,
        name: str,
        baseline: str = "",
        target: str = "",
        data_source: str = "",
        outcome: str | None = None,
    ) -> Indicator:
        """How an outcome is measured; ``outcome`` must be a short-, medium- or long-term outcome."""

        def plan(state: Workshop) -> list[Change]:
            self._check_outcome(state, outcome)
            fields = {"name": name, "baseline": baseline, "target": target, "data_source": data_source}
            return [("add", "indicator", {**fields, "outcome": outcome})]

        (item,) = self._session.change_many(plan)
        assert isinstance(item, Indicator)
        return item

    def update_indicator(self, /, indicator_id: str, **changes: Any) -> Indicator:
        """Change an indicator (its ``outcome`` checked as in :meth:`add_indicator`)."""

        def plan(state: Workshop) -> list[Change]:
            if "outcome" in changes:
                self._check_outcome(state, changes["outcome"])
            return [("update", "indicator", indicator_id, changes)]

        (item,) = self._session.change_many(plan)
        assert isinstance(item, Indicator)
        return item

    def add_action(
        self,
        action: str,
        lead: str,
        timescale: str = "",
        budget: str = "",
        outcome: str = "",
        review_date: dt.date | str | None = None,
        objective: str = "",
    ) -> Action:
        """A row of the action plan. ``lead`` is a role ("youth work coordinator"), not a person's name."""

        def plan(state: Workshop) -> list[Change]:
            order = next_order(state.sprint.actions.values())
            fields = {"action": action, "objective": objective, "lead": lead, "timescale": timescale}
            more = {"budget": budget, "outcome": outcome, "review_date": review_date, "order": order}
            return [("add", "action", {**fields, **more})]

        (item,) = self._session.change_many(plan)
        assert isinstance(item, Action)
        return item
