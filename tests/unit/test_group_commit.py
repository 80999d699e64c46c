"""Group commits and idempotent commands (what the room writes with), on SQLite and a real PostgreSQL server."""

from __future__ import annotations

import sqlite3

import pytest

from nsc_workshop import InvalidCommand, open_store
from nsc_workshop.store import DB_SCHEMA
from nsc_workshop.summaries.history import describe_undone

pytestmark = pytest.mark.both_backends


def key(n: int) -> str:
    return f"{n:032x}"


def test_a_group_is_one_transaction_of_separate_batches(nsc_store, wid):
    sessions = [nsc_store.session(wid, participant=f"p{i}", role="participant") for i in range(3)]
    commands = [s.prepare(lambda s, i=i: s.add_hmw(f"How might we {i}?"), key=key(i)) for i, s in enumerate(sessions)]
    head = nsc_store.head(wid)
    group = nsc_store.append_group(wid, sessions[0].workshop, sessions[0].version, commands)
    assert [len(r.appended) for r in group.results] == [1, 1, 1]
    assert group.version == head + 3 == nsc_store.head(wid)
    batches = {r.appended[0].batch for r in group.results}
    assert batches == {key(0), key(1), key(2)}
    authors = sorted(n.author for n in nsc_store.load(wid).framing.hmw_notes.values())
    assert authors == ["p0", "p1", "p2"]
    for i, s in enumerate(sessions):  # each can undo its own, and only its own
        assert describe_undone(s.undo()) == f"Removed How-might-we note: How might we {i}?"
    assert nsc_store.load(wid).framing.hmw_notes == {}


def test_a_key_is_applied_once_even_across_groups(nsc_store, wid):
    s = nsc_store.session(wid, participant="ana", role="participant")
    note = s.prepare(lambda s: s.add_hmw("How might we listen?"), key=key(7))
    dot_free = s.prepare(lambda s: s.add_iceberg_note("events", "A fight at school"), key=key(8))
    first = nsc_store.append_group(wid, s.workshop, s.version, [note, note, dot_free])
    assert [(len(r.appended), r.duplicate) for r in first.results] == [(1, False), (1, True), (1, False)]
    assert first.results[1].appended == first.results[0].appended  # the duplicate says what the first did
    again = nsc_store.append_group(wid, s.workshop, s.version, [note])  # a resend after a restart
    assert again.results[0].duplicate
    assert again.results[0].appended[0].data == first.results[0].appended[0].data
    assert len(nsc_store.load(wid).framing.hmw_notes) == 1
    assert nsc_store.head(wid) == first.version


def test_a_refused_command_does_not_stop_the_others(nsc_store, wid):
    host = nsc_store.session(wid, participant="facilitator")
    host.update_settings(locked=True)
    ana = nsc_store.session(wid, participant="ana", role="participant")
    commands = [
        ana.prepare(lambda s: s.add_hmw("How might we?"), key=key(1)),  # paused: refused
        host.prepare(lambda s: s.add_hmw("The facilitator's note"), key=key(2)),
    ]
    group = nsc_store.append_group(wid, host.workshop, host.version, commands)
    assert isinstance(group.results[0].error, InvalidCommand)
    assert group.results[0].appended == [] and len(group.results[1].appended) == 1
    texts = [n.text for n in nsc_store.load(wid).framing.hmw_notes.values()]
    assert texts == ["The facilitator's note"]


def test_a_malformed_key_is_refused_before_anything_is_written(nsc_store, wid):
    s = nsc_store.session(wid, participant="ana", role="participant")
    with pytest.raises(InvalidCommand):
        nsc_store.append_group(wid, s.workshop, s.version, [s.prepare(lambda s: s.add_hmw("x"), key="../../etc")])
    assert nsc_store.load(wid).framing.hmw_notes == {}


def test_the_role_is_recorded_with_every_event(nsc_store, wid):
    nsc_store.session(wid, participant="ana", role="participant").add_hmw("How might we?")
    nsc_store.session(wid, participant="facilitator").update_settings(locked=True)
    roles = nsc_store.batches(wid, "ana", roles=("participant",))
    assert len(roles) == 1
    assert nsc_store.batches(wid, "facilitator", roles=("participant",)) == []


def test_a_store_written_by_the_previous_kit_is_brought_up_to_date(tmp_path):
    path = tmp_path / "old.db"
    store = open_store(f"sqlite:///{path}")
    wid = store.create_workshop("Old", "Varnholm", "Norway")
    store.session(wid, participant="ana", role="participant").add_hmw("Written before roles were kept")
    store.close()
    with sqlite3.connect(path) as conn:  # what schema 2 looked like: no role, no batch index, no owner
        conn.execute("DROP INDEX ix_nsc_events_batch")
        conn.execute("ALTER TABLE nsc_events DROP COLUMN role")
        conn.execute("DROP INDEX ix_nsc_workshops_owner")
        conn.execute("ALTER TABLE nsc_workshops DROP COLUMN owner")
        conn.execute("UPDATE nsc_info SET value = '2' WHERE key = 'schema'")
    store = open_store(f"sqlite:///{path}")
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT value FROM nsc_info WHERE key = 'schema'").fetchone() == (str(DB_SCHEMA),)
        indexes = {row[1] for row in conn.execute("PRAGMA index_list(nsc_events)")}
        assert "ix_nsc_events_batch" in indexes
        columns = {row[1] for row in conn.execute("PRAGMA table_info(nsc_workshops)")}
        assert "owner" in columns
    assert [w.id for w in store.list_workshops()] == [wid]
    ana = store.session(wid, participant="ana", role="participant")
    assert not ana.can_undo()  # an old command of unknown role: the facilitator's to undo
    host = store.session(wid, participant="ana", role="facilitator")
    assert host.can_undo()
    ana.add_hmw("A new note")
    assert ana.can_undo()
