"""The store: the event log, snapshots, history at a past time, ids, listing; a damaged log refused, then repaired."""

from __future__ import annotations

import time

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

import nsc_workshop.store as store_module
from nsc_workshop import EventNotApplicable, InvalidInput, WorkshopNotFound
from nsc_workshop.cli import main
from nsc_workshop.events import fold

pytestmark = pytest.mark.both_backends  # the store on SQLite and on a real PostgreSQL server


@pytest.fixture
def wid(nsc_store):
    return nsc_store.create_workshop("Hate online", "Varnholm", "Norway", language="en")


@pytest.fixture
def ana(nsc_store, wid):
    return nsc_store.session(wid, participant="ana")


def test_state_at_a_past_time_equals_the_state_then(nsc_store, wid, ana, monkeypatch):
    monkeypatch.setattr(store_module, "SNAPSHOT_EVERY", 7)  # cross several snapshots
    moments = []
    for i in range(30):
        actor = ana.add_actor(f"Actor {i}", influence=i % 11)
        if i % 3 == 0:
            ana.update_actor(actor.id, interest=5)
        if i % 5 == 4:
            ana.remove_actor(actor.id)
        moments.append((time.time(), ana.workshop))
    for when, expected in moments[::4]:
        assert ana.at(when) == expected


def test_state_before_the_workshop_existed_is_not_found(nsc_store, wid):
    with pytest.raises(WorkshopNotFound):
        nsc_store.load(wid, at=0)


def test_snapshots_give_the_same_state_as_folding_everything(nsc_store, wid, ana, monkeypatch):
    monkeypatch.setattr(store_module, "SNAPSHOT_EVERY", 20)
    for i in range(70):
        ana.add_actor(f"Actor {i}")
    cold = fold(None, nsc_store.history(wid))
    assert nsc_store.load(wid) == cold == ana.workshop
    with nsc_store.engine.connect() as conn:
        snapshots = conn.exec_driver_sql("SELECT version FROM nsc_snapshots ORDER BY version").scalars().all()
    assert snapshots == [20, 40, 60]


def test_workshop_ids_are_checked(nsc_store):
    for bad in ["../etc/passwd", "a/b", "", "UPPER", "x" * 100]:
        with pytest.raises(WorkshopNotFound):
            nsc_store.load(bad)
        with pytest.raises(WorkshopNotFound):
            nsc_store.session(bad)
    with pytest.raises(WorkshopNotFound):
        nsc_store.load("no-such-workshop")


def test_create_workshop_checks_metadata(nsc_store):
    with pytest.raises(InvalidInput) as err:
        nsc_store.create_workshop("Hate online", "Varnholm", "Norway", colour="red")
    assert "meta.colour" in str(err.value)
    with pytest.raises(InvalidInput) as err:
        nsc_store.create_workshop("Hate online", "Varnholm", "Norway", blueprint_areas=["space"])
    assert "meta.blueprint_areas[0]" in str(err.value)
    with pytest.raises(InvalidInput):
        nsc_store.create_workshop("Hate online", "Varnholm", "Norway", start_date="2026-05-02", end_date="2026-05-01")
    assert nsc_store.list_workshops() == []
    wid = nsc_store.create_workshop(
        "Hate online", "Varnholm", "Norway", blueprint_areas=["digital", "youth"], start_date="2026-05-02"
    )
    meta = nsc_store.load(wid).meta
    assert meta.blueprint_areas == ["digital", "youth"]
    assert meta.sensitivity == "restricted"  # private by default
    assert wid.startswith("varnholm-hate-online-")


def test_list_and_delete(nsc_store):
    first = nsc_store.create_workshop("First", "Varnholm", "Norway")
    second = nsc_store.create_workshop("Second", "Kettilsby", "Sweden")
    nsc_store.session(first).add_actor("Youth club")
    listed = nsc_store.list_workshops()
    assert [w.id for w in listed] == [first, second]  # most recently changed first
    assert listed[0].events == 2
    nsc_store.delete_workshop(first)
    assert [w.id for w in nsc_store.list_workshops()] == [second]
    with pytest.raises(WorkshopNotFound):
        nsc_store.load(first)


def _damage(store, wid):
    """Leave in the log an event that no longer applies (an update to an actor that is not there), as a bug or a hand
    edit of the database could; returns its version."""
    ana = store.session(wid, participant="ana")
    club = ana.add_actor("Youth club")
    ana.update_actor(club.id, influence=7)
    ana.add_actor("Police district")
    with store.engine.begin() as conn:
        version = conn.execute(
            sa.text("SELECT version FROM nsc_events WHERE workshop_id = :w AND type = 'actor.updated'"), {"w": wid}
        ).scalar_one()
        conn.execute(
            sa.text("UPDATE nsc_events SET data = replace(data, :old, 'gone') WHERE workshop_id = :w AND version = :v"),
            {"old": club.id, "w": wid, "v": version},
        )
    return version


def test_a_damaged_log_is_not_opened_and_the_error_names_the_event(nsc_store, wid):
    version = _damage(nsc_store, wid)
    for opening in (lambda: nsc_store.load(wid), lambda: nsc_store.session(wid)):
        with pytest.raises(EventNotApplicable) as caught:
            opening()
        message = str(caught.value)
        assert wid in message and f" {version} " in message and "actor.updated" in message and "repair" in message
    assert len(nsc_store.history(wid, limit=100)) == 4  # nothing was written or lost


def test_repair_skips_the_event_keeps_the_log_and_says_what_it_skipped(nsc_store, wid):
    version = _damage(nsc_store, wid)
    skipped = nsc_store.repair(wid)
    assert [(s.event.version, s.event.type) for s in skipped] == [(version, "actor.updated")]
    assert "gone" in skipped[0].reason
    ws = nsc_store.load(wid)
    assert sorted(a.name for a in ws.actors.values()) == ["Police district", "Youth club"]  # the rest applies
    assert all(a.influence != 7 for a in ws.actors.values())  # without the skipped change
    assert len(nsc_store.history(wid, limit=100)) == 4  # the log keeps every event
    nsc_store.session(wid, participant="ana").add_actor("Library")  # and the workshop works again
    assert len(nsc_store.load(wid).actors) == 3
    assert nsc_store.repair(wid) == []  # nothing left to repair


def test_the_cli_repairs_and_says_what_it_skipped(nsc_store, nsc_store_url, wid):
    version = _damage(nsc_store, wid)
    runner = CliRunner()
    history = runner.invoke(main, ["history", wid, "--db", nsc_store_url])
    assert history.exit_code == 0 and "Changed actor" in history.stdout  # the history reads the log, not the state
    refused = runner.invoke(main, ["analyse", wid, "--db", nsc_store_url])
    assert refused.exit_code != 0 and "repair" in refused.output and "Traceback" not in refused.output
    done = runner.invoke(main, ["repair", wid, "--db", nsc_store_url])
    assert done.exit_code == 0, done.output
    assert f"{version} (actor.updated)" in done.stderr and "1 event was skipped" in done.stdout
    again = runner.invoke(main, ["repair", wid, "--db", nsc_store_url])
    assert again.exit_code == 0 and "nothing to repair" in again.stdout
    assert runner.invoke(main, ["analyse", wid, "--db", nsc_store_url]).exit_code == 0
