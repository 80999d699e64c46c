"""The innovation-sprint steps without a browser: fill in, click, check the stored workshop."""

from __future__ import annotations

import base64
import csv
import datetime as dt
import io
import re

import openpyxl
import pytest
from PIL import Image

from nsc_workshop import InvalidCommand
from nsc_workshop.apps.innovation_sprint import DECIDE_STEPS, InnovationSprintApp
from nsc_workshop.datasets import SAMPLE_WORKSHOP_ID, load_sample
from nsc_workshop.summaries.sprint import decision
from nsc_workshop.widgets.action_plan import ActionPlan
from nsc_workshop.widgets.agenda_timer import AgendaTimer
from nsc_workshop.widgets.challenge_view import ChallengeView
from nsc_workshop.widgets.decide_board import DecideBoard
from nsc_workshop.widgets.decide_charts import DecideCharts
from nsc_workshop.widgets.decision_board import DecisionBoard
from nsc_workshop.widgets.heat_map import HeatMap
from nsc_workshop.widgets.idea_board import IdeaBoard
from nsc_workshop.widgets.prototype_plan import PrototypePlan
from nsc_workshop.widgets.score_board import ScoreBoard
from nsc_workshop.widgets.sketch_board import SketchBoard
from nsc_workshop.widgets.sprint_summary_view import SprintSummaryView
from nsc_workshop.widgets.storyboard_editor import StoryboardEditor
from nsc_workshop.widgets.test_board import TestBoard
from nsc_workshop.widgets.toc_board import TocBoard


@pytest.fixture
def facilitator(nsc_store, wid):
    return nsc_store.session(wid, participant="facilitator")


def stored(session):
    return session.store.load(session.workshop_id)


def upload(name, data):
    return ({"name": name, "type": "", "size": len(data), "content": memoryview(data),
             "last_modified": dt.datetime.now(dt.UTC)},)  # fmt: skip


def png_bytes(size=(120, 80)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


def linked(html):
    return base64.b64decode(re.search(r"base64,([^']+)'", html).group(1))


def test_agenda_template_start_times_and_timer(facilitator):
    agenda = AgendaTimer(facilitator)
    agenda.template.value = "1-day"
    agenda.day_one.value = dt.date(2026, 5, 4)
    agenda.start_time.value = "08:30"
    agenda.apply_button.click()
    sprint = stored(facilitator).sprint
    assert sprint.template == "1-day"
    assert len(sprint.agenda) >= 6
    assert "08:30" in agenda.table.value
    first = agenda.item.options[1][1]
    agenda.item.value = first
    agenda.start_button.click()
    assert stored(facilitator).sprint.timer.started_at is not None
    assert agenda.timer.state["started_at"] is not None
    assert agenda.pause_button.description == "Pause the timer" and not agenda.pause_button.disabled
    agenda.pause_button.click()
    paused = stored(facilitator).sprint.timer
    assert paused.started_at is None
    assert agenda.start_button.description == "Resume" and agenda.pause_button.disabled
    agenda.extend_button.click()
    assert stored(facilitator).sprint.timer.remaining_s == pytest.approx(paused.remaining_s + 300, abs=1)
    agenda.apply_button.click()  # applying again asks to confirm the replacement
    assert "Replace" in agenda.message.value
    participant = AgendaTimer(facilitator.store.session(facilitator.workshop_id, participant="ana"), role="participant")
    assert participant.children[1].layout.display == "none"  # no timer controls for participants


def test_one_timer_per_screen(nsc_store):
    from nsc_workshop.apps.problem_framing import ProblemFramingApp

    nsc_store.import_workshop(load_sample())
    session = nsc_store.session(SAMPLE_WORKSHOP_ID, participant="facilitator")
    session.start_timer(minutes=10)
    app = InnovationSprintApp(nsc_store, session)
    assert app.steps[app.tabs.selected_index].key == "agenda"
    assert app.timer.layout.display == "none"  # the agenda shows its own timer: not the frame's too
    app.show_step("challenge")
    assert app.timer.layout.display == ""  # the room's timer above the other steps, once
    framing = ProblemFramingApp(nsc_store, nsc_store.session(SAMPLE_WORKSHOP_ID, participant="facilitator"))
    countdown = framing.step(framing.steps[0].key).body.children[0].timer  # the step's own (its suggested time)
    assert framing.timer.layout.display == "" and countdown.layout.display == "none"  # the room's timer only
    session.reset_timer()
    framing.poll_once()
    assert framing.timer.layout.display == "none" and countdown.layout.display == ""  # then the step's own
    assert app.lock.description == "Lock the room" and app.lock.icon == "lock"
    app.lock.value = True  # the toggle says what a click does next, and the room is locked for everyone
    assert app.lock.description == "Unlock the room" and app.lock.icon == "unlock"
    assert session.workshop.settings.locked
    app.lock.value = False
    assert app.lock.description == "Lock the room" and not app.session.workshop.settings.locked
    pauses = [w for w in _walk(app) if getattr(w, "description", None) in ("Pause", "Pause input")]
    assert pauses == []  # the room lock and the timer's pause are not both "Pause"


def test_challenge_takes_the_framing(nsc_store):
    nsc_store.import_workshop(load_sample())
    session = nsc_store.session(SAMPLE_WORKSHOP_ID, participant="facilitator")
    view = ChallengeView(session)
    hmw = view.hmw.options[2][1]
    view.hmw.value = hmw
    workshop = stored(session)
    assert workshop.sprint.chosen_hmw == hmw
    assert workshop.framing.long_term_goal.replace("'", "&#x27;") in view.page.value


def test_private_ideas_stay_hidden_until_revealed(nsc_store, wid, facilitator):
    ana = nsc_store.session(wid, participant="ana")
    ben = nsc_store.session(wid, participant="ben")
    ana_board = IdeaBoard(ana, role="participant")
    ana_board.text.value = "A secret first-aid line for bystanders"
    ana_board.private.value = True
    ana_board.add()
    ana_board.text.value = "An open idea"
    ana_board.private.value = False
    ana_board.add()
    ben.refresh()  # pull what ana wrote (live updates come with the co-creation work)
    facilitator.refresh()
    ben_board = IdeaBoard(ben, role="participant")
    host = IdeaBoard(facilitator, role="facilitator")
    for board in (ben_board, host):
        text = repr([getattr(w, "value", "") for w in _walk(board)])
        assert "A secret first-aid line" not in text
        assert "An open idea" in text
    assert "1 private note not revealed yet" in host.hidden.value
    assert "A secret first-aid line" in repr([getattr(w, "value", "") for w in _walk(ana_board)])
    host.reveal_button.click()
    ben.refresh()
    assert "A secret first-aid line" in repr([getattr(w, "value", "") for w in _walk(ben_board)])


def test_lightning_demo_and_themes(facilitator):
    board = IdeaBoard(facilitator)
    board.demo_title.value = "Peer moderators in Kettilsby"
    board.demo_link.value = "javascript:alert(1)"
    board.add_demo()
    assert not stored(facilitator).sprint.ideas  # only http(s) links
    assert "link" in board.message.value
    board.demo_link.value = "https://example.org/peer-moderators"
    board.add_demo()
    (idea,) = stored(facilitator).sprint.ideas.values()
    assert (idea.kind, idea.link) == ("lightning_demo", "https://example.org/peer-moderators")
    theme = board.list.children[1].children[1]
    theme.value = "Bystanders"
    assert stored(facilitator).sprint.ideas[idea.id].theme == "Bystanders"


def test_sketch_with_photo_and_refused_uploads(facilitator, nsc_store):
    board = SketchBoard(facilitator)
    board.title.value = "Digital first-aiders"
    board.panels[0].value, board.panels[1].value = "Spot it", "Step in"
    sketch = board.add()
    board.uploads[sketch.id].value = upload("sketch.png", png_bytes())
    assert board.attach(sketch.id)
    workshop = stored(facilitator)
    attachment = workshop.sprint.attachments[workshop.sprint.sketches[sketch.id].attachment]
    assert attachment.media_type == "image/png"
    head = nsc_store.head(facilitator.workshop_id)
    board.uploads[sketch.id].value = upload("notes.png", b"this is not an image at all")
    assert not board.attach(sketch.id)
    assert "not an image" in board.message.value
    big = b"\x89PNG" + b"0" * (11 * 2**20)
    board.uploads[sketch.id].value = upload("huge.png", big)
    assert not board.attach(sketch.id)
    assert "limit is 10 MB" in board.message.value
    assert nsc_store.head(facilitator.workshop_id) == head  # nothing stored
    assert len(stored(facilitator).sprint.attachments) == 1


def test_votes_supervote_and_hand_count(nsc_store, wid, facilitator):
    facilitator.add_participant("dana", role="decider")
    ideas = [facilitator.add_idea(f"Idea {i}") for i in range(4)]
    board = DecideBoard(facilitator)
    decider = DecisionBoard(facilitator)
    board.voter.value = "ana"
    assert board.vote(ideas[0].id)
    assert board.vote(ideas[0].id)
    assert board.vote(ideas[1].id)
    assert "2 of your 3 dots given" not in board.budget.value and "3 of your 3 dots given" in board.budget.value
    assert not board.vote(ideas[2].id)  # budget of 3
    assert "all your 3 dots" in board.message.value and "(ideas)" not in board.message.value
    board.voter.value = "ben"
    assert board.vote(ideas[1].id)
    hand = {ideas[0].id: 2, ideas[1].id: 2}
    assert {row["id"]: row["dots"] for row in decision(stored(facilitator))["tally"]} == hand
    decider.super_target.value = ideas[3].id
    assert not decider.supervote()  # the facilitator is not the decider
    dana = nsc_store.session(wid, participant="dana")
    dana.supervote(ideas[3].id, rationale="Cheapest to test")
    with pytest.raises(InvalidCommand):
        dana.supervote(ideas[2].id)  # one supervote per decider
    facilitator.refresh()
    assert "supervote by dana" in decider.supervotes.value
    assert ("Idea 0 (2 dots)", ideas[0].id) in decider.concept.options  # ranked, with plural forms
    assert ("Idea 3 (0 dots)", ideas[3].id) in decider.concept.options
    decider.concept.value = ideas[3].id
    decider.rationale.value = "The decider's choice"
    decider.choose_button.click()
    assert "Idea 3" in decider.chosen.value
    result = decision(stored(facilitator))
    assert result["chosen_concept"]["id"] == ideas[3].id
    assert result["supervotes"][0]["by"] == ["dana"]
    board.voter.value = "ben"
    assert board.unvote(ideas[1].id)
    facilitator.undo()  # undo the take-back
    assert {row["id"]: row["dots"] for row in decision(stored(facilitator))["tally"]} == hand


def test_many_items_compact_most_dots_first_order_kept_while_voting(facilitator):
    ideas = [facilitator.add_idea(f"Idea {i}") for i in range(33)]
    facilitator.vote(ideas[20].id, round="ideas", participant="ana")
    facilitator.vote(ideas[20].id, round="ideas", participant="ben")
    facilitator.vote(ideas[7].id, round="ideas", participant="ana")
    board = DecideBoard(facilitator)
    order = [row.target for row in board.rows.children]
    assert order[:2] == [ideas[20].id, ideas[7].id] and order[2] == ideas[0].id  # most dots first, then as added
    assert "1." in board.rows.children[0].text.value and "2 dots" in board.rows.children[0].count.value
    assert "1 dot'" in board.rows.children[1].count.value  # "1 dot", not "1 dots"
    layout = board.rows.layout  # 33 items: two columns of 17 rows, the top half on the left
    assert layout.grid_template_columns.startswith("repeat(2") and layout.grid_template_rows == "repeat(17, auto)"
    assert board.vote(ideas[32].id) and board.vote(ideas[32].id)
    assert [row.target for row in board.rows.children] == order  # no row moves under anyone's finger
    board.sort_button.click()
    assert [row.target for row in board.rows.children][:2] == [ideas[20].id, ideas[32].id]


def test_decide_is_in_sub_steps_one_screen_each(nsc_store):
    nsc_store.import_workshop(load_sample())
    session = nsc_store.session(SAMPLE_WORKSHOP_ID, participant="facilitator")
    app = InnovationSprintApp(nsc_store, session)
    app.show_step("decide")
    steps = app.decide_steps
    assert [value for _label, value in steps.options] == list(DECIDE_STEPS)
    assert [label for label, _v in steps.options][:2] == ["1. Dot vote", "2. Heat map"]
    decide = app.step("decide")
    assert decide.panels == [app.decide] and app.decide.shown  # the vote first, as on the room's page
    assert "Next: Heat map" in app._decide_next.description
    app._decide_next.click()
    assert steps.value == "heat_map" and decide.panels == [app.heat_map]
    assert not app.decide.shown and app.heat_map.shown  # only the sub-step on screen redraws
    for name in DECIDE_STEPS:
        steps.value = name
        panel = decide.panels[0]
        assert panel is getattr(app, name) and panel.shown
        assert app._decide_stack.children[app._decide_stack.selected_index] is panel
    assert app._decide_next.layout.display == "none"  # the last sub-step
    session.vote("idea_01", round="ideas", participant="ana")  # a change while on the decision
    assert app.decide._stale and not app.decide.shown
    steps.value = "decide"
    assert "1 dot" in next(r for r in app.decide.rows.children if r.target == "idea_01").count.value
    app.show_step("ideas")
    assert not app.decide.shown and app.step("decide").panels == [app.decide]
    app.lead.value = True
    app.show_step("decide")
    assert stored(session).settings.current_step == "sprint:decide"  # leading the room still works


def test_a_participant_sees_the_choice_not_the_deciders_controls(nsc_store, wid, facilitator):
    idea = facilitator.add_idea("Night chat")
    facilitator.choose_concept(idea.id, "Most dots")
    ana = nsc_store.session(wid, participant="ana")
    board = DecisionBoard(ana, role="participant")
    assert "Night chat" in board.chosen.value and "Most dots" in board.chosen.value
    assert board.children[1].layout.display == "none"  # no supervote or choice controls
    votes = DecideBoard(ana, role="participant")
    assert votes.voter.disabled and votes.who == "ana"
    assert "Dot vote on the ideas and sketches" in votes.round.value  # the round by its label, not "ideas"


def test_heat_map_stickers(facilitator):
    sketch = facilitator.add_sketch("Digital first-aiders", ["Spot", "Step in", "Hand over"])
    heat = HeatMap(facilitator)
    assert heat.image.src.startswith("data:image/png;base64,")  # drawn from the panels
    heat.image.click(0.25, 0.5)
    heat.image.click(0.75, 0.1)
    votes = [v for v in stored(facilitator).votes.values() if v.kind == "heatmap"]
    assert sorted((v.x, v.y) for v in votes) == [(0.25, 0.5), (0.75, 0.1)]
    assert all(v.target == sketch.id for v in votes)
    assert heat.image.points == [[0.25, 0.5], [0.75, 0.1]]


def test_scores_and_charts(facilitator):
    idea = facilitator.add_idea("Youth-led podcast")
    board = ScoreBoard(facilitator)
    assert "0 of 1 idea or sketch scored" in board.scored.value
    board.target.value = idea.id
    board.sliders["impact"].value = 5
    board.sliders["effort"].value = 2
    assert board.save()
    assert board.save()  # saving again changes the scores, it does not add more
    scores = stored(facilitator).sprint.scores.values()
    assert len(scores) == 5
    assert decision(stored(facilitator))["quadrants"][idea.id] == "quick_win"
    assert "1 of 1 idea or sketch scored" in board.scored.value
    charts = DecideCharts(facilitator)  # the charts on their own sub-step
    assert charts.quadrant.value[:4] == b"\x89PNG" and charts.dfv.value[:4] == b"\x89PNG"


def test_storyboard_prototype_test_toc_and_actions(facilitator):
    story = StoryboardEditor(facilitator)
    for step in ("Hears of the line", "Sees hate in a chat", "Opens the app", "Talks to a youth worker", "Feels safer"):
        story.text.value = step
        story.add()
    assert "5 steps" in story.count.value
    last = story.ordered()[-1]
    story.steps.children[-1].children[1].click()  # move the last step up
    assert story.ordered()[-2].id == last.id
    proto = PrototypePlan(facilitator)
    proto.role.value, proto.who.value = "interviewer", "youth worker"
    proto.add_role()
    test = TestBoard(facilitator)
    test.assumptions.value = "Young people will call\nAdults answer at night"
    test.finding.value, test.interview.value, test.valence.value = "Would use it anonymously", 2, "positive"
    test.add_finding()
    test.findings.children[1].children[1].value = True  # mark it as a pattern
    toc = TocBoard(facilitator)
    toc.level.value, toc.text.value = "outcome_short", "Bystanders step in more often"
    toc.add_element()
    toc.ind_name.value, toc.ind_baseline.value, toc.ind_target.value = "Bystander reports", "12", "40"
    toc.ind_outcome.value = toc.ind_outcome.options[1][1]
    toc.add_indicator()
    plan = ActionPlan(facilitator)
    plan.action.value, plan.lead.value = "Train 20 digital first-aiders", "Prevention coordinator"
    plan.timescale.value, plan.review.value = "Autumn 2026", dt.date(2026, 12, 1)
    plan.add()
    sprint = stored(facilitator).sprint
    assert [r.role for r in sprint.prototype_roles.values()] == ["interviewer"]
    assert sprint.test_plan.assumptions == ["Young people will call", "Adults answer at night"]
    (finding,) = sprint.findings.values()
    assert (finding.interview, finding.valence, finding.pattern) == (2, "positive", True)
    (indicator,) = sprint.indicators.values()
    assert sprint.toc[indicator.outcome].level == "outcome_short"
    (action,) = sprint.actions.values()
    assert action.review_date == dt.date(2026, 12, 1)
    name = plan.export("xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(linked(plan.link.value))).active
    assert name.endswith(".xlsx")
    assert "Train 20 digital first-aiders" in [c.value for c in sheet[2]]
    plan.export("csv")
    rows = list(csv.reader(io.StringIO(linked(plan.link.value).decode("utf-8-sig"))))
    assert rows[1][0] == "Train 20 digital first-aiders"


def test_the_app_displays_the_sample_sprint(nsc_store):
    nsc_store.import_workshop(load_sample())
    session = nsc_store.session(SAMPLE_WORKSHOP_ID, participant="facilitator")
    app = InnovationSprintApp(nsc_store, session)
    for index in range(len(app.steps)):
        app.tabs.selected_index = index
    sample = session.workshop
    assert len(app.agenda.item.options) == len(sample.sprint.agenda) + 1
    assert len(app.sketches.cards.children) == len(sample.sprint.sketches)
    assert len(app.storyboard.steps.children) == len(sample.sprint.storyboard)
    assert app.summary.summary["decision"]["chosen_concept"] is not None
    page = app.summary.page.value
    for action in sample.sprint.actions.values():
        assert action.action.replace("'", "&#x27;").replace('"', "&quot;") in page
    private = next(i for i in sample.sprint.ideas.values() if i.private and not i.revealed)
    assert private.text not in page  # an unrevealed idea never reaches the summary


def test_summary_escapes_text(facilitator):
    facilitator.add_action("<script>alert(1)</script>", "coordinator")
    facilitator.add_storyboard_step("<b>bold</b>")
    view = SprintSummaryView(facilitator)
    assert "<script>" not in view.page.value and "&lt;script&gt;" in view.page.value
    assert "<b>bold</b>" not in view.page.value


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)
