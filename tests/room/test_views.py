"""What each device may see, decided on the server (pure functions over a workshop), and the room's own files."""

from __future__ import annotations

import json
import stat

import pytest

from nsc_workshop import InvalidInput, open_store
from nsc_workshop.datasets import load_sample
from nsc_workshop.room.devices import Devices, HandleTaken
from nsc_workshop.room.files import RoomKeys
from nsc_workshop.room.views import changes_of, device_view, patch_for


@pytest.fixture
def store():
    store = open_store("sqlite://")
    store.create_workshop("Online hate", "Varnholm", "Norway", workshop_id="w")
    yield store
    store.close()


def everything(view: object) -> str:
    return json.dumps(view, ensure_ascii=False)


def test_a_private_idea_reaches_its_author_only_until_it_is_revealed(store):
    ana = store.session("w", participant="Ana", role="participant")
    bo = store.session("w", participant="Bo", role="participant")
    secret = ana.add_idea("Ana's secret plan", private=True)
    bo.add_idea("Bo's idea")
    assert "Ana's secret plan" not in everything(device_view(store.load("w"), "Bo"))
    assert secret.id not in everything(device_view(store.load("w"), "Bo"))  # not even its id
    assert device_view(store.load("w"), "Bo")["hidden"] == 1
    mine = next(i for i in device_view(store.load("w"), "Ana")["items"] if i["id"] == secret.id)
    assert mine["private"] and mine["mine"] and mine["text"] == "Ana's secret plan"
    before = store.load("w")
    events = store.session("w", participant="facilitator").reveal_ideas()
    after = store.load("w")
    patch = patch_for(before, after, changes_of(store.history("w")[-len(events) :]), "Bo")
    assert [i["text"] for i in patch.items] == ["Ana's secret plan"] and patch.hidden == 0


def test_a_change_to_something_a_device_cannot_see_is_not_mentioned_to_it(store):
    ana = store.session("w", participant="Ana", role="participant")
    before = store.load("w")
    secret = ana.add_idea("Hidden", private=True)
    after = store.load("w")
    change = changes_of(store.history("w")[-1:])
    for_bo = patch_for(before, after, change, "Bo")
    assert not for_bo.items and not for_bo.gone and for_bo.hidden == 1
    assert secret.id not in everything(for_bo.__dict__)
    ana.remove_idea(secret.id)
    removed = patch_for(after, store.load("w"), changes_of(store.history("w")[-1:]), "Bo")
    assert secret.id not in everything(removed.__dict__) and removed.hidden == 0
    for_ana = patch_for(after, store.load("w"), changes_of(store.history("w")[-1:]), "Ana")
    assert for_ana.gone == [secret.id]


def test_votes_leave_as_totals_and_the_device_own(store):
    ana = store.session("w", participant="Ana", role="participant")
    bo = store.session("w", participant="Bo", role="participant")
    note = ana.add_hmw("How might we listen?")
    ana.vote(note.id)
    bo.vote(note.id)
    bo.vote(note.id)
    view = device_view(store.load("w"), "Bo")
    assert view["dots"][note.id] == {"n": 3, "mine": 2}
    text = everything(view)
    assert '"participant"' not in text and "vote" not in text


def test_anonymous_rooms_show_no_names_not_even_earlier_ones(store):
    ana = store.session("w", participant="Ana", role="participant")
    ana.add_hmw("Before")
    store.session("w", participant="facilitator").update_settings(anonymous=True)
    ana.add_hmw("During")
    view = device_view(store.load("w"), "Bo")
    assert [i["by"] for i in view["items"]] == [None, None] and "Ana" not in everything(view)
    assert [i["mine"] for i in device_view(store.load("w"), "Ana")["items"]] == [True, True]
    assert changes_of(store.history("w")[-2:-1]).full  # switching anonymity re-sends every page's view


def test_sketches_never_carry_their_author(store):
    store.session("w", participant="Ana", role="participant").add_sketch("Mentor app")
    (sketch,) = device_view(store.load("w"), "Bo")["items"]
    assert "by" not in sketch and sketch["mine"] is False and "Ana" not in everything(sketch)


def test_the_sample_workshop_view_holds_only_the_rooms_material():
    sample = load_sample()
    view = device_view(sample, "Guest 1")
    kinds = {i["k"] for i in view["items"]}
    assert kinds <= {"iceberg_note", "hmw", "wickedness", "actor", "tie", "idea", "sketch", "finding"}
    text = everything(view)
    for kept_back in (sample.publication.outcomes or "\0", *(a.notes for a in sample.actors.values() if a.notes)):
        assert kept_back not in text  # notes, goals, publication details never reach a phone


def test_room_files_are_private_and_survive_a_restart(tmp_path):
    keys = RoomKeys.load(tmp_path / "rooms")
    code = keys.code_for("w")
    devices = Devices(keys.devices_file("w"))
    ana = devices.join("Ana", sector="police")
    assert stat.S_IMODE(keys.devices_file("w").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "rooms").stat().st_mode) == 0o700
    again = Devices(keys.devices_file("w"))
    assert again.get(ana.id) == ana and RoomKeys.load(tmp_path / "rooms").code_for("w") == code
    assert again.remove(ana.id) is not None and again.get(ana.id) is None
    with pytest.raises(HandleTaken):
        again.join("ANA")  # a removed device's name is never given again
    with pytest.raises(HandleTaken):
        again.join("Bo", taken=lambda: ["bo"])  # nor a name already in the workshop's log
    with pytest.raises(InvalidInput):
        again.join("x" * 41)
    (tmp_path / "rooms" / "secrets.json").write_text("{broken")
    with pytest.raises(Exception, match="cannot be used"):
        RoomKeys.load(tmp_path / "rooms")  # a damaged file is an error, never silently replaced
