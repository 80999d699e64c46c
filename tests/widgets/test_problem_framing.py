"""The problem-framing steps without a browser: fill in, click, check the stored workshop."""

from __future__ import annotations

import re

import pytest

from nsc_workshop import InvalidCommand
from nsc_workshop.apps.problem_framing import ProblemFramingApp
from nsc_workshop.datasets import SAMPLE_WORKSHOP_ID, load_sample
from nsc_workshop.summaries import framing_summary, vote_tally
from nsc_workshop.widgets.framing_summary_view import FramingSummaryView
from nsc_workshop.widgets.goal_questions import GoalAndQuestions
from nsc_workshop.widgets.hmw_board import HmwBoard
from nsc_workshop.widgets.iceberg_board import IcebergBoard
from nsc_workshop.widgets.pov_board import PovBoard
from nsc_workshop.widgets.problem_statement import ProblemStatement
from nsc_workshop.widgets.problem_tree_editor import ProblemTreeEditor
from nsc_workshop.widgets.why_chains import WhyChains
from nsc_workshop.widgets.wickedness_check import WickednessCheck

SCRIPT = "<script>alert('x')</script>"


@pytest.fixture
def fresh(nsc_store):
    wid = nsc_store.create_workshop("Framing", "Varnholm", "Norway")
    return nsc_store.session(wid, participant="facilitator")


def stored(session):
    return session.store.load(session.workshop_id)


def test_problem_statement_and_wickedness(fresh):
    statement = ProblemStatement(fresh)
    statement.text.value = "Threats in group chats after the incident"
    check = WickednessCheck(fresh)
    check.scores["no_stopping_rule"].value = 2
    check.notes["no_stopping_rule"].value = "It never ends"
    check.scores["one_shot"].value = 1
    framing = stored(fresh).framing
    assert framing.problem_statement == "Threats in group chats after the incident"
    assert framing.wickedness["no_stopping_rule"].score == 2
    assert framing.wickedness["no_stopping_rule"].note == "It never ends"
    assert framing.wickedness["one_shot"].score == 1
    assert "3 of 4 points" in check.total.value
    check.notes["good_or_bad"].value = "a note without a score"
    assert "good_or_bad" not in stored(fresh).framing.wickedness
    assert "Choose a score first" in check.message.value
    assert check.chart.value[:4] == b"\x89PNG"


def test_iceberg_notes_on_every_layer(fresh):
    board = IcebergBoard(fresh)
    for layer in ("events", "patterns", "structures", "mental_models"):
        board.inputs[layer].value = f"A note about {layer}"
        board.add(layer)
    board.inputs["events"].value = SCRIPT
    board.add("events")
    notes = stored(fresh).framing.iceberg_notes.values()
    assert {n.layer for n in notes} == {"events", "patterns", "structures", "mental_models"}
    assert SCRIPT in {n.text for n in notes}
    html = "".join(row.children[1].value for row in board.lists["events"].children)
    assert SCRIPT not in html and "&lt;script&gt;" in html
    removed = next(n for n in notes if n.text == "A note about patterns")
    board.lists["patterns"].children[0].children[0].click()
    assert removed.id not in stored(fresh).framing.iceberg_notes


def test_problem_tree_several_levels_and_objectives(fresh):
    tree = ProblemTreeEditor(fresh)
    tree.text.value = "Online hate among young people"
    tree.add()
    assert tree.kind.value == "cause"  # one focal problem; then causes
    tree.text.value = "Lack of trusted adults online"
    cause = tree.add()
    tree.text.value = "Services close at four"
    tree.parent.value = cause.id
    deeper = tree.add()
    tree.kind.value = "effect"
    tree.text.value = "Young people withdraw from school life"
    effect = tree.add()
    nodes = stored(fresh).framing.problem_nodes
    assert nodes[deeper.id].parent == cause.id
    assert nodes[effect.id].kind == "effect"
    row = next(r for r in tree.rows.children if cause.id in r.children[0].value)
    objective = row.children[1]
    assert objective.placeholder == "Trusted adults online in place"  # proposed from the negative
    row.children[2].click()  # take the proposal
    assert stored(fresh).framing.problem_nodes[cause.id].objective == "Trusted adults online in place"
    tree.kind.value = "cause"
    assert effect.id not in {v for _, v in tree.parent.options}  # a cause cannot hang from an effect
    with pytest.raises(InvalidCommand):
        fresh.add_problem_node("cause", "x", parent=effect.id)
    row.children[3].click()  # remove the cause: its sub-cause goes with it
    nodes = stored(fresh).framing.problem_nodes
    assert cause.id not in nodes and deeper.id not in nodes


def test_five_whys_to_the_tree(fresh):
    fresh.add_problem_node("focal", "Online hate among young people")
    whys = WhyChains(fresh)
    whys.symptom.value = "Threats in group chats"
    chain = whys.add_chain()
    for answer in ["Rumours spread", "Nobody corrects them", "No adult is online in the evening"]:
        whys.answers[chain.id].value = answer
        whys.answer(chain.id)
    assert stored(fresh).framing.why_chains[chain.id].whys[-1] == "No adult is online in the evening"
    whys.send(chain.id)
    causes = [n.text for n in stored(fresh).framing.problem_nodes.values() if n.kind == "cause"]
    assert causes == ["No adult is online in the evening"]


def test_points_of_view_side_by_side(fresh):
    board = PovBoard(fresh)
    for group in ("Young people in Sørhavn", "Parents"):
        board.group.value, board.need.value, board.insight.value = group, "someone to turn to", "threats come at night"
        board.add()
    assert len(board.cards.children) == 2
    board.cards.children[1].children[1].children[0].click()  # choose the second
    framing = stored(fresh).framing
    assert framing.selected_pov == list(framing.povs)[1]
    assert len(framing.povs) == 2  # the other framing is kept
    assert "Chosen framing" in board.cards.children[1].children[0].value


def test_hmw_votes_budget_counted_once_and_undo(fresh, nsc_store):
    board = HmwBoard(fresh)
    for text in ("How might we help bystanders?", "How might we reach parents?", "How might we use the library?"):
        board.text.value = text
        board.add()
    notes = list(stored(fresh).framing.hmw_notes)
    board.notes.children[1].children[4].value = "Bystanders"  # cluster a note
    assert stored(fresh).framing.hmw_notes[notes[0]].cluster == "Bystanders"
    board.voter.value = "table-1"
    assert board.vote(notes[0])
    assert board.vote(notes[0])  # two dots on one note are allowed...
    assert not board.vote(notes[1])  # ...but the budget (2) is spent
    assert "2 of your 2 votes" in board.message.value
    board.voter.value = "table-2"  # another participant has their own budget
    assert board.vote(notes[1])
    # a second tab of the same participant shares the same budget (checked in the store)
    other_tab = nsc_store.session(fresh.workshop_id, participant="facilitator")
    with pytest.raises(InvalidCommand):
        other_tab.vote(notes[2], round="hmw", participant="table-1")
    tally = vote_tally(stored(fresh), "hmw")
    assert tally.by_item == {notes[0]: 2, notes[1]: 1}
    assert tally.voters == {notes[0]: 1, notes[1]: 1}
    assert tally.used == {"table-1": 2, "table-2": 1}
    assert board.unvote(notes[1])
    assert vote_tally(stored(fresh), "hmw").by_item == {notes[0]: 2}
    fresh.undo()  # undoes the take-back: the dot returns
    assert vote_tally(stored(fresh), "hmw").by_item == {notes[0]: 2, notes[1]: 1}
    board.refresh()
    bars = re.findall(r"nsc-bar-label'[^>]*>([^<]*)</div>.*?nsc-bar-value'>(\d+)<", board.chart.value)
    assert bars == [("How might we help bystanders?", "2"), ("How might we reach parents?", "1")]  # ranked, no 0s


def test_goal_questions_and_tags(fresh):
    step = GoalAndQuestions(fresh)
    step.goal.value = "In two years young people feel safe online"
    step.question.value = "Can we reach young people in the evening?"
    step.add_question()
    step.question.value = "reach parents"
    step.add_question()
    assert "Can we" in step.message.value  # a hint, the question is kept
    step.areas["digital"].value = True
    step.areas["youth"].value = True
    step.levels["primary"].value = True
    workshop = stored(fresh)
    assert workshop.framing.long_term_goal == "In two years young people feel safe online"
    assert [q.text for q in workshop.framing.sprint_questions.values()] == [
        "Can we reach young people in the evening?",
        "reach parents",
    ]
    assert workshop.meta.blueprint_areas == ["digital", "youth"]
    assert workshop.meta.prevention_levels == ["primary"]


def test_summary_of_the_sample_is_complete(nsc_store):
    nsc_store.import_workshop(load_sample())
    session = nsc_store.session(SAMPLE_WORKSHOP_ID)
    view = FramingSummaryView(session)
    summary = framing_summary(session.workshop)
    assert summary["wickedness"]["scored"] == 10
    assert all(summary["iceberg"][layer] for layer in summary["iceberg"])
    assert summary["focal_problem"] and summary["causes"] and summary["effects"]
    assert summary["point_of_view"] and summary["hmw_top"] and summary["long_term_goal"]
    assert summary["sprint_questions"] and summary["blueprint_areas"]
    for text in (summary["focal_problem"], summary["long_term_goal"], summary["sprint_questions"][0]):
        assert text.replace("'", "&#x27;").replace('"', "&quot;") in view.page.value


def test_the_app_displays_the_sample_framing(nsc_store):
    nsc_store.import_workshop(load_sample())
    session = nsc_store.session(SAMPLE_WORKSHOP_ID, participant="facilitator")
    app = ProblemFramingApp(nsc_store, session)
    sample = session.workshop
    for index in range(len(app.steps)):
        app.tabs.selected_index = index
    assert app.problem.text.value == sample.framing.problem_statement
    assert all(app.wickedness.scores[c].value is not None for c in app.wickedness.scores)
    assert sum(len(box.children) for box in app.iceberg.lists.values()) == len(sample.framing.iceberg_notes)
    assert len(app.tree.rows.children) == len(sample.framing.problem_nodes)
    assert len(app.whys.chains.children) == len(sample.framing.why_chains)
    assert len(app.pov.cards.children) == len(sample.framing.povs)
    assert app.goal.goal.value == sample.framing.long_term_goal
    assert len(app.goal.questions.children) == len(sample.framing.sprint_questions)


def test_html_typed_in_is_text_everywhere(fresh):
    fresh.add_problem_node("focal", SCRIPT)
    fresh.add_pov(SCRIPT, SCRIPT, SCRIPT)
    fresh.add_hmw(SCRIPT)
    fresh.add_why_chain(SCRIPT, [SCRIPT])
    fresh.set_long_term_goal(SCRIPT)
    fresh.add_sprint_question(SCRIPT)
    views = [ProblemTreeEditor(fresh), PovBoard(fresh), HmwBoard(fresh), WhyChains(fresh), FramingSummaryView(fresh)]
    for view in views:
        html = repr([getattr(w, "value", "") for w in _walk(view)])
        assert "<script>" not in html, type(view).__name__
        assert "&lt;script&gt;" in html, type(view).__name__


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)
