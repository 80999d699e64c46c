"""import_map: a file becomes a new workshop, or is merged into one without duplicates (Kumu's rule)."""

from __future__ import annotations

import pytest

from nsc_workshop.io import ImportFormatError, import_map, write_map
from nsc_workshop.testing import make_workshop


def test_a_file_becomes_a_new_workshop(nsc_store, kumu_xlsx):
    wid = import_map(nsc_store, kumu_xlsx, participant="ana")
    ws = nsc_store.load(wid)
    assert wid.startswith("kumu-map-")
    assert (ws.meta.title, ws.meta.city, ws.meta.country) == ("kumu map", "Unknown", "Unknown")
    assert len(ws.actors) == 4 and len(ws.ties) == 4
    assert nsc_store.history(wid)[0].participant == "ana"
    again = import_map(nsc_store, kumu_xlsx)  # a second import is a second workshop, with its own id
    assert again != wid and len(nsc_store.list_workshops()) == 2


def test_a_bundle_keeps_its_id(nsc_store, sample, tmp_path):
    path = write_map(sample, tmp_path / "w.json", "bundle")
    assert import_map(nsc_store, path) == sample.id
    assert nsc_store.load(sample.id) == sample


def test_importing_the_same_kumu_file_twice_into_a_workshop_adds_nothing_the_second_time(nsc_store, kumu_xlsx):
    wid = nsc_store.create_workshop("Hate online", "Varnholm", "Norway")
    session = nsc_store.session(wid, participant="ana")
    police = session.add_actor("  VARNHOLM Police ", sector="police")  # already there, other case and spaces
    assert import_map(nsc_store, kumu_xlsx, into=wid, participant="ana") == wid
    first = nsc_store.load(wid)
    assert len(first.actors) == 4  # three new actors, the police matched by name
    assert first.actors[police.id].sector == "police"  # existing actors are left as they are
    assert len(first.ties) == 4
    assert {t.source for t in first.ties.values() if t.type == "shares_information"} == {police.id}
    import_map(nsc_store, kumu_xlsx, into=wid, participant="ana")
    second = nsc_store.load(wid)
    assert second.actors == first.actors
    assert second.ties == first.ties


def test_a_merge_is_one_command_that_one_undo_removes(nsc_store, kumu_xlsx):
    wid = nsc_store.create_workshop("Hate online", "Varnholm", "Norway")
    before = len(nsc_store.history(wid))
    import_map(nsc_store, kumu_xlsx, into=wid, participant="ana")
    events = nsc_store.history(wid)[before:]
    assert {e.batch for e in events} == {events[0].batch}  # one command (one transaction)
    assert len(events) == 8
    session = nsc_store.session(wid, participant="ana")
    session.undo()
    assert session.workshop.actors == {} and session.workshop.ties == {}


def test_merging_our_own_export_back_matches_ties_by_id(nsc_store, sample, tmp_path):
    nsc_store.import_workshop(sample)
    for fmt, name in [("gexf", "m.gexf"), ("kumu-json", "k.json"), ("csv", "pair.zip"), ("bundle", "b.json")]:
        path = write_map(sample, tmp_path / name, fmt)
        import_map(nsc_store, path, into=sample.id)
        assert nsc_store.load(sample.id).actors == sample.actors
        assert nsc_store.load(sample.id).ties == sample.ties


def test_a_merge_adds_the_missing_parallel_ties_only(nsc_store, tmp_path):
    base = make_workshop(actors=3, ties=0, workshop_id="base")
    nsc_store.import_workshop(base)
    a, b, _c = (actor.name for actor in base.actors.values())
    session = nsc_store.session("base")
    session.add_tie(session.workshop.actors["act_00000"].id, session.workshop.actors["act_00001"].id, "funds")
    folder = tmp_path / "pair"
    folder.mkdir()
    (folder / "nodes.csv").write_text(f"Id,Label\nx1,{a}\nx2,{b}\nx3,Newcomer\n", "utf-8")
    edges = "Source,Target,Kind\nx1,x2,funds\nx1,x2,funds\nx2,x3,advises\n"
    (folder / "edges.csv").write_text(edges, "utf-8")
    import_map(nsc_store, folder, into="base")
    ws = nsc_store.load("base")
    assert len(ws.actors) == 4
    funds = [t for t in ws.ties.values() if t.type == "funds"]
    assert len(funds) == 2  # two in the file, one already there: one added
    assert len(ws.ties) == 3
    import_map(nsc_store, folder, into="base")
    assert len(nsc_store.load("base").ties) == 3


def test_a_merge_takes_two_actors_of_the_same_name_as_one(nsc_store, tmp_path, xlsx):
    wid = nsc_store.create_workshop("Hate online", "Varnholm", "Norway")
    path = xlsx(
        tmp_path / "ids.xlsx",
        {
            "Elements": [["ID", "Label"], ["p1", "Police"], ["p2", "police"], ["s1", "School"]],
            "Connections": [["From", "To"], ["p2", "s1"]],
        },
    )
    with pytest.raises(ImportFormatError) as caught:
        import_map(nsc_store, path, into=wid, strict=True)
    (problem,) = caught.value.problems
    assert problem.where == "Elements row 3" and "Elements row 2" in problem.message
    assert nsc_store.load(wid).actors == {}
    found = []
    import_map(nsc_store, path, into=wid, warnings=found)  # actors are matched by name when merging: one actor
    state = nsc_store.load(wid)
    assert sorted(a.name for a in state.actors.values()) == ["Police", "School"]
    (tie,) = state.ties.values()
    assert state.actors[tie.source].name == "Police"  # the tie of the second row joins the one actor
    assert [w.where for w in found] == ["Elements row 3"]


def test_a_merge_into_a_missing_workshop(nsc_store, kumu_xlsx):
    from nsc_workshop.errors import WorkshopNotFound

    with pytest.raises(WorkshopNotFound):
        import_map(nsc_store, kumu_xlsx, into="no-such-workshop")
    assert nsc_store.list_workshops() == []


def test_new_ids_avoid_every_id_of_the_workshop(nsc_store, tmp_path):
    """A file's actor id that is already taken in the workshop (by an idea, say) is replaced."""
    ws = make_workshop(actors=2, ties=0, ideas=1, workshop_id="w")
    nsc_store.import_workshop(ws)
    idea_id = next(iter(ws.sprint.ideas))
    folder = tmp_path / "pair"
    folder.mkdir()
    (folder / "nodes.csv").write_text(f"Id,Label\n{idea_id},Someone new\n", "utf-8")
    import_map(nsc_store, folder, into="w")
    added = [a for a in nsc_store.load("w").actors.values() if a.name == "Someone new"]
    assert len(added) == 1 and added[0].id != idea_id
