"""Session commands, undo, refresh and history at a past time, on a real SQLite file."""

from __future__ import annotations

import pytest

from nsc_workshop import (
    InvalidCommand,
    InvalidInput,
    ItemNotFound,
    NothingToUndo,
)
from nsc_workshop.model import integrity_problems

pytestmark = pytest.mark.both_backends  # the store on SQLite and on a real PostgreSQL server


def test_commands_are_saved_as_they_happen(nsc_store, wid, ana):
    police = ana.add_actor("Varnholm police district", sector="police", influence=8)
    school = ana.add_actor("Nordbyen upper secondary", sector="schools")
    tie = ana.add_tie(police.id, school.id, type="conflicts", weight=3)
    idea = ana.add_idea("Youth-led podcast on online hate")
    # A fresh load from the database sees every change.
    stored = nsc_store.load(wid)
    assert stored == ana.workshop
    assert stored.actors[police.id].influence == 8
    assert stored.ties[tie.id].sign == -1  # the sign comes from the tie type
    assert stored.ties[tie.id].directed is False
    assert stored.sprint.ideas[idea.id].author == "ana"
    assert [e.type for e in nsc_store.history(wid)] == [
        "workshop.created",
        "actor.added",
        "actor.added",
        "tie.added",
        "idea.added",
    ]


def test_update_and_remove(nsc_store, wid, ana):
    a = ana.add_actor("Youth club", sector="youth_work")
    b = ana.add_actor("Mosque council", sector="faith_communities")
    c = ana.add_actor("Library", sector="sports_culture")
    ana.add_tie(a.id, b.id)
    ana.add_tie(b.id, a.id, type="shares_information")
    ana.add_tie(b.id, c.id)
    ana.update_actor(a.id, influence=4, notes="Runs the Friday club")
    assert nsc_store.load(wid).actors[a.id].notes == "Runs the Friday club"
    ana.remove_actor(b.id)  # its three ties go with it
    stored = nsc_store.load(wid)
    assert set(stored.actors) == {a.id, c.id}
    assert stored.ties == {}
    assert integrity_problems(stored) == []


def test_unchanged_update_appends_nothing(nsc_store, wid, ana):
    a = ana.add_actor("Youth club", sector="youth_work")
    head = nsc_store.head(wid)
    ana.update_actor(a.id, sector="youth_work")
    assert nsc_store.head(wid) == head


def test_bad_commands_are_refused_and_nothing_is_written(nsc_store, wid, ana):
    a = ana.add_actor("Youth club")
    head = nsc_store.head(wid)
    with pytest.raises(InvalidCommand, match="actor 'act_missing'"):
        ana.add_tie(a.id, "act_missing")
    with pytest.raises(InvalidInput) as err:
        ana.add_actor("Police", influence=11)
    assert any(p.where == "actor.influence" for p in err.value.problems)
    with pytest.raises(InvalidInput) as err:
        ana.update_actor(a.id, colour="red")
    assert "actor.colour" in str(err.value)
    with pytest.raises(InvalidInput):
        ana.add_tie(a.id, a.id)  # a tie joins two different actors
    with pytest.raises(ItemNotFound):
        ana.remove_actor("act_missing")
    with pytest.raises(InvalidInput):
        ana.update_meta(title="<script>alert(1)</script>")
    assert nsc_store.head(wid) == head


def test_participant_text_is_kept_as_typed(nsc_store, wid, ana):
    text = "<script>alert('x')</script> & <b>bold</b>"
    idea = ana.add_idea(text)
    actor = ana.add_actor("<img src=x onerror=alert(1)>")
    stored = nsc_store.load(wid)
    assert stored.sprint.ideas[idea.id].text == text
    assert stored.actors[actor.id].name == "<img src=x onerror=alert(1)>"


def test_undo_add_update_remove(nsc_store, wid, ana):
    a = ana.add_actor("Youth club", influence=2)
    b = ana.add_actor("School")
    tie = ana.add_tie(a.id, b.id)
    ana.update_actor(a.id, influence=9)
    ana.undo()
    assert ana.workshop.actors[a.id].influence == 2
    ana.remove_actor(a.id)
    assert tie.id not in ana.workshop.ties
    ana.undo()  # the actor comes back with its tie
    assert ana.workshop.actors[a.id].influence == 2
    assert ana.workshop.ties[tie.id] == tie
    ana.undo()  # undoes add_tie (the update was already undone)
    assert tie.id not in ana.workshop.ties
    assert nsc_store.load(wid) == ana.workshop


def test_undo_is_per_participant_and_keeps_others_changes(nsc_store, wid, ana):
    bob = nsc_store.session(wid, participant="bob")
    a = ana.add_actor("Youth club", influence=2, interest=3)
    ana.update_actor(a.id, influence=5, interest=5)
    bob.refresh()
    bob.update_actor(a.id, interest=8)  # bob changes one of the fields ana set
    bob_idea = bob.add_idea("Open sports night")
    ana.refresh()
    ana.undo()
    stored = nsc_store.load(wid)
    assert stored.actors[a.id].influence == 2  # ana's change reverted
    assert stored.actors[a.id].interest == 8  # bob's later change kept
    assert bob_idea.id in stored.sprint.ideas  # bob's command untouched


def test_undo_survives_a_reload_and_runs_out(nsc_store, wid, ana):
    ana.add_actor("Youth club")
    again = nsc_store.session(wid, participant="ana")  # e.g. after a page reload
    again.undo()
    assert again.workshop.actors == {}
    with pytest.raises(NothingToUndo):
        again.undo()  # creating the workshop cannot be undone
    with pytest.raises(NothingToUndo):
        nsc_store.session(wid, participant="carl").undo()


def test_the_same_command_is_not_undone_twice_from_two_tabs(nsc_store, wid):
    tab1 = nsc_store.session(wid, participant="ana")
    tab1.add_actor("One")
    tab1.add_actor("Two")
    tab2 = nsc_store.session(wid, participant="ana")
    batch = tab1._last_undoable()
    assert tab2._last_undoable() == batch
    tab1.undo()  # undoes "Two"
    tab2.undo()  # must undo "One", not "Two" again
    names = {a.name for a in nsc_store.load(wid).actors.values()}
    assert names == set()


def test_refresh_pulls_others_events_and_notifies(nsc_store, wid, ana):
    bob = nsc_store.session(wid, participant="bob")
    seen = []
    bob.subscribe(lambda events: seen.extend(e.type for e in events))
    ana.add_actor("Youth club")
    ana.add_idea("Podcast")
    pulled = bob.refresh()
    assert [e.type for e in pulled] == ["actor.added", "idea.added"]
    assert seen == ["actor.added", "idea.added"]
    assert bob.workshop == ana.workshop
    assert bob.refresh() == []


def test_commands_are_checked_against_the_latest_state(nsc_store, wid, ana):
    a = ana.add_actor("Youth club")
    b = ana.add_actor("School")
    bob = nsc_store.session(wid, participant="bob")
    ana.remove_actor(b.id)
    head = nsc_store.head(wid)
    with pytest.raises(InvalidCommand):
        bob.add_tie(a.id, b.id)  # bob's view is stale; the store knows b is gone
    assert nsc_store.head(wid) == head
    # A command that is still valid goes through and brings bob up to date.
    bob.add_idea("Podcast")
    assert b.id not in bob.workshop.actors
    assert bob.workshop == nsc_store.load(wid)


def test_votes_respect_the_budget_and_one_supervote(nsc_store, wid, ana):
    ideas = [ana.add_idea(f"Idea {i}") for i in range(5)]
    for idea in ideas[:3]:
        ana.vote(idea.id)
    with pytest.raises(InvalidCommand, match="3 of your 3 votes"):
        ana.vote(ideas[3].id)
    ana.vote(ideas[4].id, kind="supervote")
    with pytest.raises(InvalidCommand):
        ana.vote(ideas[3].id, kind="supervote")
    bob = nsc_store.session(wid, participant="bob")
    bob.vote(ideas[0].id, weight=3)
    stored = nsc_store.load(wid)
    assert sum(v.weight for v in stored.votes.values() if v.kind == "dot") == 6
    ana.remove_idea(ideas[0].id)  # its votes go with it
    assert all(v.target != ideas[0].id for v in nsc_store.load(wid).votes.values())


def test_sections_and_generic_collections(nsc_store, wid, ana):
    pov = ana.add(
        "pov", group="Young people in Nordbyen", need="safe places to talk", insight="online hate follows them"
    )
    ana.update_section("framing", selected_pov=pov.id, long_term_goal="Young people feel safe online")
    ana.upsert("wickedness", "no_stopping_rule", score=2, note="It never ends")
    ana.upsert("wickedness", "no_stopping_rule", score=1)
    with pytest.raises(InvalidCommand):
        ana.update_section("framing", selected_pov="pov_missing")
    with pytest.raises(InvalidInput):
        ana.update_section("framing", hmw_notes=[])  # collections change item by item
    ana.remove("pov", pov.id)  # the selection is cleared with it
    stored = nsc_store.load(wid)
    assert stored.framing.selected_pov is None
    assert stored.framing.long_term_goal == "Young people feel safe online"
    assert stored.framing.wickedness["no_stopping_rule"].score == 1
    ana.undo()  # the pov and its selection come back
    assert ana.workshop.framing.selected_pov == pov.id


def test_anonymous_workshops_store_no_name_but_keep_the_owner(nsc_store, wid, ana):
    ana.update_settings(anonymous=True)
    idea = ana.add_idea("Anonymous idea")
    stored = nsc_store.load(wid).sprint.ideas[idea.id].author
    assert stored is not None and stored.startswith("anon-") and "ana" not in stored
    bo = nsc_store.session(wid, participant="bo", role="participant")
    with pytest.raises(InvalidCommand, match="someone else"):
        bo.remove_idea(idea.id)  # anonymous to others, still ana's
    ana_as_participant = nsc_store.session(wid, participant="ana", role="participant")
    ana_as_participant.remove_idea(idea.id)
    assert idea.id not in nsc_store.load(wid).sprint.ideas


def test_a_participant_cannot_change_what_has_no_owner(nsc_store, wid, ana):
    note = ana.add("hmw", text="How might we?", author=None)  # the facilitator's, or written by an older kit
    bo = nsc_store.session(wid, participant="bo", role="participant")
    with pytest.raises(InvalidCommand, match="someone else"):
        bo.remove("hmw", note.id)


def test_undo_never_reaches_past_the_role(nsc_store, wid, ana):
    """A participant who calls themselves "facilitator" cannot undo the facilitator's decision."""
    host = nsc_store.session(wid, participant="facilitator", role="facilitator")
    host.update_settings(locked=False, anonymous=False, projector="timer")
    impostor = nsc_store.session(wid, participant="facilitator", role="participant")
    assert not impostor.can_undo()
    with pytest.raises(NothingToUndo):
        impostor.undo()
    assert nsc_store.load(wid).settings.projector == "timer"
    note = impostor.add_hmw("How might we listen?")
    assert impostor.can_undo()
    impostor.undo()  # its own participant command, and nothing else
    assert note.id not in nsc_store.load(wid).framing.hmw_notes
    assert nsc_store.load(wid).settings.projector == "timer"
    host.undo()  # the facilitator undoes its own
    assert nsc_store.load(wid).settings.projector is None


def test_add_many_is_all_or_nothing(nsc_store, wid, ana):
    items = [
        ("actor", {"id": "act_a", "name": "Youth club"}),
        ("actor", {"id": "act_b", "name": "School"}),
        ("tie", {"source": "act_a", "target": "act_b", "type": "collaborates"}),
    ]
    added = ana.add_many(items)
    assert [type(x).__name__ for x in added] == ["Actor", "Actor", "Tie"]
    assert len(nsc_store.load(wid).ties) == 1
    head = nsc_store.head(wid)
    with pytest.raises(InvalidCommand) as err:
        ana.add_many([("actor", {"id": "act_c", "name": "Library"}), ("tie", {"source": "act_c", "target": "act_x"})])
    assert err.value.problems[0].where == "item 2 (tie)"
    assert nsc_store.head(wid) == head  # nothing half-imported
    ana.undo()  # one undo removes the whole batch
    assert nsc_store.load(wid).actors == {}


def test_anonymous_votes_keep_budgets_without_names(nsc_store, wid, ana):
    ana.update_settings(anonymous=True)
    ideas = [ana.add_idea(f"Idea {i}") for i in range(4)]
    for idea in ideas[:3]:
        ana.vote(idea.id)
    with pytest.raises(InvalidCommand):
        ana.vote(ideas[3].id)  # the budget still counts per person
    voters = {v.participant for v in nsc_store.load(wid).votes.values()}
    assert len(voters) == 1
    (stored_as,) = voters
    assert stored_as.startswith("anon-") and "ana" not in stored_as
    assert ana.voter() == stored_as
    bob = nsc_store.session(wid, participant="bob")
    bob.vote(ideas[3].id)  # someone else has their own budget
    assert bob.voter() != stored_as


def test_roles_limit_what_a_session_may_change(nsc_store, wid, ana):
    ana.update_settings(vote_budgets={"ideas": 5})
    mine = nsc_store.session(wid, participant="ben", role="participant")
    ana_idea = ana.add_idea("Ana's idea")
    ben_idea = mine.add_idea("Ben's idea")
    with pytest.raises(InvalidCommand, match="Only the facilitator"):
        mine.update_settings(locked=True)
    with pytest.raises(InvalidCommand, match="Only the facilitator"):
        mine.reveal_ideas()
    with pytest.raises(InvalidCommand, match="someone else"):
        mine.remove_idea(ana_idea.id)
    with pytest.raises(InvalidCommand, match="as yourself"):
        mine.vote(ana_idea.id, participant="carl")
    mine.vote(ana_idea.id)
    mine.update_idea(ben_idea.id, text="Ben's better idea")
    ana.update_settings(locked=True)  # the facilitator pauses input
    with pytest.raises(InvalidCommand, match="paused"):
        mine.add_idea("While locked")
    ana.add_idea("The facilitator still can")
    projector = nsc_store.session(wid, role="projector")
    with pytest.raises(InvalidCommand, match="projector"):
        projector.add_idea("Nothing")
    with pytest.raises(InvalidCommand):
        nsc_store.session(wid, role="admin")


def test_anonymous_changes_keep_no_name_in_the_log(nsc_store, wid, ana):
    ana.update_settings(anonymous=True)
    ana.add_idea("Said without a name")
    last = nsc_store.history(wid)[-1]
    assert last.participant.startswith("anon-")
    ana.undo()  # undo still finds this person's last change
    assert nsc_store.load(wid).sprint.ideas == {}
