"""Events: apply is pure; fold is strict (an event that does not apply is an error naming it); repair says so."""

from __future__ import annotations

import pytest

from nsc_workshop.errors import EventNotApplicable, NscWorkshopError
from nsc_workshop.events import Event, Skipped, apply, fold
from nsc_workshop.summaries.history import describe, describe_undone

CREATED = Event("workshop.created", {"id": "w1", "meta": {"title": "T", "city": "Varnholm", "country": "Norway"}})
YOUTH = Event("actor.added", {"item": {"id": "a1", "name": "Youth club"}})


def test_apply_is_pure():
    ws = apply(None, CREATED)
    before = ws.model_dump()
    after = apply(ws, Event("actor.added", {"item": {"id": "a1", "name": "Youth club"}}))
    after = apply(after, Event("actor.updated", {"id": "a1", "changes": {"influence": 4}, "before": {}}))
    assert ws.model_dump() == before  # the earlier state is untouched
    assert ws.actors == {}
    assert after.actors["a1"].influence == 4


def test_fold_equals_repeated_apply():
    events = [CREATED] + [Event("actor.added", {"item": {"id": f"a{i}", "name": f"Actor {i}"}}) for i in range(20)]
    events.append(Event("actor.removed", {"item": {"id": "a3", "name": "Actor 3"}}))
    events.append(Event("meta.updated", {"changes": {"title": "New title"}, "before": {"title": "T"}}))
    state = None
    for event in events:
        state = apply(state, event)
    assert fold(None, events) == state
    assert state.meta.title == "New title"
    assert "a3" not in state.actors


@pytest.mark.parametrize(
    ("event", "reason"),
    [
        (Event("actor.updated", {"id": "gone", "changes": {"influence": 3}, "before": {}}, version=7), "gone"),
        (Event("actor.removed", {"item": {"id": "gone", "name": "Nobody"}}, version=7), "gone"),
        (Event("actor.added", {"item": {"id": "a1", "name": "Youth club again"}}, version=7), "already exists"),
        (Event("actor.added", {"item": {"id": "a2", "name": ""}}, version=7), "name"),
        (Event("meta.updated", {"changes": {"actors": {}}, "before": {}}, version=7), "actors: Extra inputs"),
        (Event("framing.updated", {"changes": {"povs": {}}, "before": {}}, version=7), "collection"),
        (Event("thing.exploded", {}, version=7), "unknown event type"),
    ],
)
def test_an_event_that_does_not_apply_is_an_error_naming_it(event, reason):
    ws = apply(apply(None, CREATED), YOUTH)
    with pytest.raises(EventNotApplicable) as caught:
        fold(ws, [Event("actor.updated", {"id": "a1", "changes": {"influence": 2}, "before": {}}), event])
    error = caught.value
    assert isinstance(error, NscWorkshopError)  # the apps and the CLI show it as a message
    assert error.params["version"] == 7 and error.params["type"] == event.type
    assert reason in error.params["detail"]
    assert "7" in str(error) and event.type in str(error)
    assert ws.actors["a1"].influence != 2  # the state given is never changed


def test_repair_skips_only_what_does_not_apply_and_says_so(caplog):
    ghost = Event("actor.updated", {"id": "gone", "changes": {"influence": 3}, "before": {}}, version=3)
    twice = Event("actor.added", {"item": {"id": "a1", "name": "Youth club"}}, version=4)
    later = Event("actor.updated", {"id": "a1", "changes": {"influence": 5}, "before": {}}, version=5)
    skipped: list[Skipped] = []
    ws = fold(None, [CREATED, YOUTH, ghost, twice, later], repair=True, skipped=skipped)
    assert ws is not None and ws.actors["a1"].influence == 5  # the events around the bad ones still apply
    assert [(s.event.version, s.event.type) for s in skipped] == [(3, "actor.updated"), (4, "actor.added")]
    assert "gone" in skipped[0].reason and "already exists" in skipped[1].reason
    assert sum("skipped" in r.getMessage() for r in caplog.records) == 2  # and the log says it too


def test_the_first_event_must_create_the_workshop():
    with pytest.raises(EventNotApplicable, match=r"actor\.added"):
        apply(None, YOUTH)


def test_describe_is_plain_language():
    assert describe(Event("actor.added", {"item": {"id": "a1", "name": "Youth club"}})) == "Added actor: Youth club"
    assert describe(Event("meta.updated", {"changes": {"title": "x"}})) == "Changed workshop details: title"


def test_an_undo_is_said_in_one_line():
    removed = Event("actor.removed", {"item": {"id": "a1", "name": "Youth club"}})
    undone = Event("batch.undone", {"batch": "b1"})
    assert describe_undone([removed, undone]) == "Removed actor: Youth club"
    assert describe_undone([undone]) == describe_undone([])
    assert describe_undone([]) != ""
