"""The innovation sprint's session commands, on a real SQLite store."""

from __future__ import annotations

import datetime as dt

import pytest

from nsc_workshop import InvalidCommand, InvalidInput, ItemNotFound
from nsc_workshop.summaries.sprint import (
    hidden_idea_count,
    schedule,
    sprint_templates,
    timer_state,
    visible_ideas,
)

pytestmark = pytest.mark.both_backends  # the store on SQLite and on a real PostgreSQL server


@pytest.fixture
def fac(nsc_store, wid):
    session = nsc_store.session(wid, participant="facilitator")
    session.add_participant("facilitator", role="facilitator")
    session.add_participant("ana", sector="youth_work")
    session.add_participant("bo", sector="police")
    session.add_participant("director", role="decider", sector="municipal_leadership")
    return session


@pytest.fixture
def ana(nsc_store, wid, fac):
    return nsc_store.session(wid, participant="ana")


@pytest.fixture
def bo(nsc_store, wid, fac):
    return nsc_store.session(wid, participant="bo")


@pytest.fixture
def director(nsc_store, wid, fac):
    return nsc_store.session(wid, participant="director")


def _batch_of_last_command(store, wid):
    events = store.history(wid)
    last = events[-1].batch
    return [e for e in events if e.batch == last]


# -- people and agenda -------------------------------------------------------------


def test_participant_handles_are_unique(fac):
    with pytest.raises(InvalidCommand, match="already a participant 'Ana'"):
        fac.add_participant("Ana")
    with pytest.raises(InvalidInput):
        fac.add_participant("eve", role="boss")


def test_a_template_replaces_the_agenda_in_one_undoable_command(nsc_store, wid, fac):
    own = fac.add_agenda_item("Our own opening", phase="other", duration_min=15)
    fac.start_timer(own.id, now=100.0)
    items = fac.apply_template("2-day", start="2026-05-04T09:00:00+02:00")
    template = sprint_templates()["2-day"]
    stored = nsc_store.load(wid)
    assert [a.title for a in sorted(stored.sprint.agenda.values(), key=lambda a: (a.day, a.order))] == [
        i["title"] for i in template["items"]
    ]
    assert [a.id for a in items] == list(stored.sprint.agenda)
    assert own.id not in stored.sprint.agenda
    assert stored.sprint.template == "2-day"
    assert stored.sprint.start == dt.datetime(2026, 5, 4, 9, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert stored.sprint.timer.item is None  # the timer's item is gone, so the timer is reset
    batch = _batch_of_last_command(nsc_store, wid)
    assert {e.type for e in batch} == {"agenda_item.removed", "agenda_item.added", "sprint.updated"}
    assert len(batch) == 1 + len(template["items"]) + 1

    fac.apply_template("1-day")  # replacing again keeps the start
    stored = nsc_store.load(wid)
    assert len(stored.sprint.agenda) == len(sprint_templates()["1-day"]["items"])
    assert stored.sprint.template == "1-day" and stored.sprint.start is not None

    fac.undo()
    assert fac.workshop.sprint.template == "2-day"
    assert len(fac.workshop.sprint.agenda) == len(template["items"])
    fac.undo()
    restored = nsc_store.load(wid)
    assert list(restored.sprint.agenda) == [own.id]
    assert restored.sprint.template is None and restored.sprint.start is None
    assert restored.sprint.timer.item == own.id


def test_an_unknown_template_is_refused(nsc_store, wid, fac):
    head = nsc_store.head(wid)
    with pytest.raises(InvalidCommand, match="1-day, 2-day, 3-day"):
        fac.apply_template("5-day")
    assert nsc_store.head(wid) == head


def test_agenda_items_are_added_and_moved_within_and_across_days(fac):
    a = fac.add_agenda_item("Welcome", day=1, duration_min=20)
    b = fac.add_agenda_item("Map", phase="map", day=1, duration_min=60)
    c = fac.add_agenda_item("Art museum", phase="decide", day=2, duration_min=30)
    d = fac.add_agenda_item("Lightning demos", phase="sketch", day=1, duration_min=45)  # end of day 1, before c

    def titles():
        return [(row["day"], row["title"]) for row in schedule(fac.workshop)]

    assert titles() == [(1, "Welcome"), (1, "Map"), (1, "Lightning demos"), (2, "Art museum")]
    orders = [fac.workshop.sprint.agenda[i].order for i in (a.id, b.id, d.id, c.id)]
    assert orders == sorted(orders)  # ordering by order alone agrees with (day, order)
    fac.move_agenda_item(d.id, before=b.id)
    assert titles() == [(1, "Welcome"), (1, "Lightning demos"), (1, "Map"), (2, "Art museum")]
    fac.move_agenda_item(a.id, day=2)
    assert titles() == [(1, "Lightning demos"), (1, "Map"), (2, "Art museum"), (2, "Welcome")]
    fac.move_agenda_item(a.id, before=c.id)
    assert titles() == [(1, "Lightning demos"), (1, "Map"), (2, "Welcome"), (2, "Art museum")]
    fac.update_agenda_item(c.id, duration_min=40, notes="Silent")
    assert fac.workshop.sprint.agenda[c.id].duration_min == 40
    fac.update_agenda_item(d.id, day=2, title="Demos")  # a new day: to the end of that day
    assert titles() == [(1, "Map"), (2, "Welcome"), (2, "Art museum"), (2, "Demos")]
    with pytest.raises(InvalidInput):
        fac.update_agenda_item(d.id, day=9)
    with pytest.raises(ItemNotFound):
        fac.update_agenda_item("ag_missing", title="?")
    with pytest.raises(ItemNotFound):
        fac.move_agenda_item(c.id, before="ag_missing")


def test_moving_back_and_forth_renumbers_when_the_gap_runs_out(fac):
    first = fac.add_agenda_item("First")
    second = fac.add_agenda_item("Second")
    third = fac.add_agenda_item("Third")
    for _ in range(30):  # halves the gap between First and Second each time
        fac.move_agenda_item(third.id, before=second.id)
        fac.move_agenda_item(second.id, before=third.id)
    order = [row["title"] for row in schedule(fac.workshop)]
    assert order == ["First", "Second", "Third"]
    values = [fac.workshop.sprint.agenda[i].order for i in (first.id, second.id, third.id)]
    assert len(set(values)) == 3


# -- timer --------------------------------------------------------------------


def test_timer_start_pause_resume_extend_and_reset(fac):
    item = fac.add_agenda_item("Crazy 8s", phase="sketch", duration_min=8)
    fac.start_timer(item.id, now=1000.0)
    assert fac.workshop.sprint.timer.model_dump() == {"item": item.id, "started_at": 1000.0, "remaining_s": 480.0}
    state = timer_state(fac.workshop, now=1100.0)
    assert (state["running"], state["remaining_s"], state["overrun"], state["display"]) == (True, 380.0, False, "06:20")
    fac.pause_timer(now=1100.0)
    assert fac.workshop.sprint.timer.model_dump() == {"item": item.id, "started_at": None, "remaining_s": 380.0}
    assert timer_state(fac.workshop, now=9999.0)["remaining_s"] == 380.0  # paused: time stands still
    fac.pause_timer(now=1200.0)  # pausing a paused timer changes nothing
    assert fac.workshop.sprint.timer.remaining_s == 380.0
    fac.start_timer(now=2000.0)  # resumes where it was paused
    assert fac.workshop.sprint.timer.model_dump() == {"item": item.id, "started_at": 2000.0, "remaining_s": 380.0}
    fac.extend_timer(5, now=2080.0)  # 300 left at 2080, plus 5 minutes
    assert fac.workshop.sprint.timer.model_dump() == {"item": item.id, "started_at": 2080.0, "remaining_s": 600.0}
    assert timer_state(fac.workshop, now=2680.0)["remaining_s"] == 0.0
    over = timer_state(fac.workshop, now=2710.0)
    assert (over["overrun"], over["overrun_s"], over["display"]) == (True, 30.0, "-00:30")
    fac.extend_timer(2, now=2710.0)  # over time: two minutes from now, not from -30 s
    assert timer_state(fac.workshop, now=2710.0)["remaining_s"] == 120.0
    fac.extend_timer(-1, now=2710.0)  # a minute less
    assert timer_state(fac.workshop, now=2710.0)["remaining_s"] == 60.0
    fac.reset_timer()
    assert fac.workshop.sprint.timer.model_dump() == {"item": item.id, "started_at": None, "remaining_s": 480.0}
    fac.start_timer(minutes=3, now=5000.0)
    assert timer_state(fac.workshop, now=5060.0)["remaining_s"] == 120.0


def test_starting_a_running_timer_again_changes_nothing(nsc_store, wid, fac):
    item = fac.add_agenda_item("Sketch", duration_min=30)
    fac.start_timer(item.id, now=10.0)
    head = nsc_store.head(wid)
    fac.start_timer(item.id, now=20.0)
    assert nsc_store.head(wid) == head
    other = fac.add_agenda_item("Critique", duration_min=40)
    fac.start_timer(other.id, now=30.0)  # another item starts from its own duration
    assert fac.workshop.sprint.timer.model_dump() == {"item": other.id, "started_at": 30.0, "remaining_s": 2400.0}


def test_bad_timer_commands_are_refused(fac):
    with pytest.raises(InvalidCommand, match="agenda item or a number of minutes"):
        fac.start_timer(now=0.0)
    with pytest.raises(InvalidCommand):
        fac.start_timer(minutes=0, now=0.0)
    with pytest.raises(ItemNotFound):
        fac.start_timer("ag_missing", now=0.0)
    with pytest.raises(InvalidCommand):
        fac.extend_timer(0, now=0.0)


def test_the_timer_uses_the_clock_by_default(fac):
    item = fac.add_agenda_item("Sketch", duration_min=30)
    fac.start_timer(item.id)
    state = timer_state(fac.workshop)
    assert state["running"] and 1790 <= state["remaining_s"] <= 1800


# -- ideas --------------------------------------------------------------------


def test_private_ideas_are_hidden_until_revealed_per_author_and_all(nsc_store, wid, fac, ana, bo):
    public = ana.add_idea("Youth-led podcast")
    ana_private = ana.add_idea("Fund a youth coordinator", private=True)
    ana_crazy = ana.add_crazy8("Sticker pack of calm replies", private=True)
    bo_private = bo.add_idea("Police office hours at the youth club", private=True)
    for session in (fac, ana, bo):
        session.refresh()

    def seen(who, role="participant"):
        return {i.id for i in visible_ideas(fac.workshop, who, role)}

    assert seen("ana") == {public.id, ana_private.id, ana_crazy.id}
    assert seen("bo") == {public.id, bo_private.id}
    assert seen("facilitator", "facilitator") == {public.id}  # the facilitator sees no private text...
    assert hidden_idea_count(fac.workshop, "facilitator") == 3  # ...only how many are hidden

    revealed = fac.reveal_ideas(author="ana")
    assert {i.id for i in revealed} == {ana_private.id, ana_crazy.id}
    assert seen("bo") == {public.id, bo_private.id, ana_private.id, ana_crazy.id}
    assert hidden_idea_count(fac.workshop, "facilitator") == 1

    fac.reveal_ideas()
    assert seen("facilitator", "facilitator") == {public.id, ana_private.id, ana_crazy.id, bo_private.id}
    assert {e.type for e in _batch_of_last_command(nsc_store, wid)} == {"idea.updated"}
    assert fac.reveal_ideas() == []  # nothing left to reveal: nothing written

    fac.undo()  # the last reveal is undone as one command
    assert seen("ana") == {public.id, ana_private.id, ana_crazy.id}
    assert nsc_store.load(wid).sprint.ideas[bo_private.id].revealed is False


def test_lightning_demos_crazy8s_and_themes(ana):
    demo = ana.add_lightning_demo("Peer moderators on gaming servers", "https://example.org/peer-moderators")
    assert (demo.kind, demo.link, demo.author) == ("lightning_demo", "https://example.org/peer-moderators", "ana")
    assert ana.add_lightning_demo("Cook-and-talk nights", None).link is None
    with pytest.raises(InvalidInput):
        ana.add_lightning_demo("A demo", "javascript:alert(1)")
    frame = ana.add_crazy8("Badges for first-aiders")
    assert frame.kind == "crazy8" and not frame.private
    assert ana.set_theme(frame.id, "Peer support").theme == "Peer support"


# -- sketches and decide -------------------------------------------------------------


def test_sketches(ana):
    sketch = ana.add_sketch("Digital first-aiders", panels=("Spot", "Step in", "Hand over"), description="A crew")
    assert sketch.panels == ["Spot", "Step in", "Hand over"] and sketch.author == "ana"
    sketch = ana.update_sketch(sketch.id, panels=("Spot", "Step in"), title="First-aiders")
    assert (sketch.title, sketch.panels) == ("First-aiders", ["Spot", "Step in"])


def test_only_the_decider_gives_the_supervote_once_per_round(nsc_store, wid, fac, ana, director):
    sketch = ana.add_sketch("Digital first-aiders")
    other = ana.add_sketch("Fast facts")
    director.refresh()
    with pytest.raises(InvalidCommand, match="Only the decider") as err:
        ana.supervote(sketch.id)
    assert "'ana' is not a decider" in str(err.value)
    stranger = nsc_store.session(wid, participant="stranger")  # not in the participants list
    with pytest.raises(InvalidCommand, match="Only the decider"):
        stranger.supervote(sketch.id)
    with pytest.raises(InvalidCommand, match="Only the decider"):
        nsc_store.session(wid).supervote(sketch.id)

    vote = director.supervote(sketch.id, rationale="Most dots; answers sprint questions 1 and 2.")
    assert (vote.kind, vote.participant, vote.round, vote.target) == ("supervote", "director", "ideas", sketch.id)
    assert nsc_store.load(wid).sprint.decision_rationale.startswith("Most dots")
    with pytest.raises(InvalidCommand, match="already been given"):
        director.supervote(other.id)
    director.supervote(other.id, round="final")  # another round has its own supervote

    director.undo()
    director.undo()  # the vote and its rationale go together
    stored = nsc_store.load(wid)
    assert [v for v in stored.votes.values() if v.kind == "supervote"] == []
    assert stored.sprint.decision_rationale == ""


def test_the_supervote_keeps_the_deciders_handle_in_an_anonymous_workshop(fac, director):
    fac.update_settings(anonymous=True)
    sketch = fac.add_sketch("Fast facts")
    director.refresh()
    assert director.supervote(sketch.id).participant == "director"
    with pytest.raises(InvalidCommand, match="already been given"):
        director.supervote(sketch.id)


def test_heat_map_votes_do_not_count_against_the_budget(fac, ana):
    sketch = ana.add_sketch("Digital first-aiders")
    idea = ana.add_idea("Dialogue nights")
    for _ in range(3):  # the whole budget of the "ideas" round
        ana.vote(sketch.id)
    for k in range(5):
        vote = ana.heatmap_vote(sketch.id, x=0.1 * k, y=0.5)
        assert (vote.kind, vote.x, vote.y) == ("heatmap", pytest.approx(0.1 * k), 0.5)
    with pytest.raises(InvalidCommand, match="used 3 of your 3 votes"):
        ana.vote(idea.id)
    with pytest.raises(ItemNotFound):
        ana.heatmap_vote(idea.id, x=0.5, y=0.5)  # stickers go on sketches
    with pytest.raises(InvalidInput):
        ana.heatmap_vote(sketch.id, x=1.5, y=0.5)


def test_scores_are_one_per_participant_target_and_criterion(nsc_store, wid, fac, ana, bo):
    sketch = ana.add_sketch("Digital first-aiders")
    first = ana.score(sketch.id, "impact", 3)
    again = ana.score(sketch.id, "impact", 5)
    assert again.id == first.id and again.value == 5
    ana.score(sketch.id, "impact", 5)  # the same value: nothing written
    bo.refresh()
    bo.score(sketch.id, "impact", 2)
    ana.score(sketch.id, "effort", 2)
    group = fac.score(sketch.id, "impact", 4, as_group=True)
    assert group.participant is None
    scores = nsc_store.load(wid).sprint.scores.values()
    assert sorted((s.participant or "", s.criterion, s.value) for s in scores) == [
        ("", "impact", 4),
        ("ana", "effort", 2),
        ("ana", "impact", 5),
        ("bo", "impact", 2),
    ]
    fac.update_settings(anonymous=True)  # no participant is stored: one group score per criterion
    ana.refresh()
    assert ana.score(sketch.id, "impact", 2).id == group.id
    fac.update_settings(anonymous=False)
    ana.refresh()
    with pytest.raises(InvalidInput):
        ana.score(sketch.id, "impact", 6)
    with pytest.raises(InvalidInput):
        ana.score(sketch.id, "beauty", 3)
    with pytest.raises(InvalidCommand):
        ana.score("sk_missing", "impact", 3)


def test_choosing_the_hmw_and_the_concept(nsc_store, wid, fac, ana):
    hmw = fac.add_hmw("How might we help bystanders step in?")
    fac.choose_hmw(hmw.id)
    sketch = ana.add_sketch("Digital first-aiders")
    fac.choose_concept(sketch.id, rationale="The supervote")
    fac.choose_concept(sketch.id)  # None keeps the rationale
    stored = nsc_store.load(wid).sprint
    assert (stored.chosen_hmw, stored.chosen_concept, stored.decision_rationale) == (
        hmw.id,
        sketch.id,
        "The supervote",
    )
    with pytest.raises(InvalidCommand):
        fac.choose_concept("sk_missing")
    with pytest.raises(InvalidCommand):
        fac.choose_hmw("hmw_missing")


# -- storyboard, prototype, test ----------------------------------------------------------


def test_the_storyboard_has_at_most_fifteen_steps(nsc_store, wid, fac):
    sketch = fac.add_sketch("Digital first-aiders")
    steps = [fac.add_storyboard_step(f"Step {n}", sketch=sketch.id if n % 2 else None) for n in range(1, 16)]
    head = nsc_store.head(wid)
    with pytest.raises(InvalidCommand, match="already has 15 steps"):
        fac.add_storyboard_step("Step 16")
    assert nsc_store.head(wid) == head
    fac.move_storyboard_step(steps[-1].id, before=steps[0].id)
    fac.move_storyboard_step(steps[1].id)  # to the end
    texts = [s.text for s in sorted(fac.workshop.sprint.storyboard.values(), key=lambda s: s.order)]
    assert texts[:3] == ["Step 15", "Step 1", "Step 3"] and texts[-1] == "Step 2"
    fac.remove("storyboard_step", steps[5].id)
    inserted = fac.add_storyboard_step("Step between", before=steps[3].id)
    texts = [s.text for s in sorted(fac.workshop.sprint.storyboard.values(), key=lambda s: s.order)]
    assert texts.index("Step between") == texts.index("Step 4") - 1
    assert inserted.sketch is None


def test_prototype_test_plan_and_findings(nsc_store, wid, fac):
    fac.set_prototype_description("A clickable mock-up of the back-up button")
    role = fac.add_prototype_role("interviewer", who="researcher-1")
    assert (role.role, role.who) == ("interviewer", "researcher-1")
    with pytest.raises(InvalidInput):
        fac.add_prototype_role("director")
    fac.set_test_plan(target_group="Students aged 15-18", interviews_planned=5)
    fac.set_test_plan(questions=["Would you step in?"], assumptions=("Peers are trusted",))
    plan = nsc_store.load(wid).sprint.test_plan
    assert plan.model_dump() == {
        "target_group": "Students aged 15-18",
        "assumptions": ["Peers are trusted"],
        "questions": ["Would you step in?"],
        "interviews_planned": 5,
    }
    head = nsc_store.head(wid)
    fac.set_test_plan()
    assert nsc_store.head(wid) == head
    finding = fac.add_finding("Wants a named adult", interview=2, valence="positive")
    assert fac.mark_pattern(finding.id).pattern is True
    assert fac.mark_pattern(finding.id, pattern=False).pattern is False
    with pytest.raises(InvalidInput):
        fac.add_finding("?", interview=1, valence="mixed")


# -- after the sprint ----------------------------------------------------------------


def test_indicators_measure_outcomes(fac):
    activity = fac.add_toc_element("activity", "Train 30 first-aiders")
    outcome = fac.add_toc_element("outcome_short", "Bystanders know where to get back-up")
    assert outcome.order > activity.order
    with pytest.raises(InvalidCommand, match="is an activity"):
        fac.add_indicator("Trained first-aiders", outcome=activity.id)
    with pytest.raises(ItemNotFound):
        fac.add_indicator("Trained first-aiders", outcome="toc_missing")
    indicator = fac.add_indicator("Students who would step in", "31%", "50%", "School survey", outcome=outcome.id)
    assert (indicator.baseline, indicator.target, indicator.outcome) == ("31%", "50%", outcome.id)
    assert fac.add_indicator("Without an outcome yet").outcome is None
    with pytest.raises(InvalidCommand):
        fac.update_indicator(indicator.id, outcome=activity.id)
    assert fac.update_indicator(indicator.id, target="60%").target == "60%"
    with pytest.raises(InvalidInput):
        fac.add_toc_element("vision", "?")


def test_action_plan_rows_in_order(fac):
    first = fac.add_action("Train first-aiders", lead="Youth work coordinator", review_date="2026-09-01")
    second = fac.add_action(
        "Monthly coffee without uniform",
        lead="Prevention coordinator",
        timescale="From April",
        budget="NOK 5,000",
        outcome="Joint case reviews",
        review_date=dt.date(2026, 6, 1),
        objective="Police and youth work know each other",
    )
    assert second.order > first.order
    assert first.review_date == dt.date(2026, 9, 1)
    with pytest.raises(InvalidInput):
        fac.add_action("Bad date", lead="Someone", review_date="next spring")


def test_change_many_is_all_or_nothing(nsc_store, wid, fac):
    head = nsc_store.head(wid)
    with pytest.raises(InvalidInput):
        fac.change_many(
            [
                ("add", "agenda_item", {"title": "Fine"}),
                ("section", "sprint", {"template": "9-day"}),
            ]
        )
    with pytest.raises(ItemNotFound):
        fac.change_many([("add", "agenda_item", {"title": "Fine"}), ("remove", "idea", "idea_missing")])
    assert nsc_store.head(wid) == head
    with pytest.raises(ValueError, match="unknown change"):
        fac.change_many([("rename", "idea", "x")])
