"""The sprint as plain data: templates, schedule, decision, summary and the action plan files."""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import json
from typing import get_args

import openpyxl
import pytest

from nsc_workshop.model import Workshop
from nsc_workshop.model.sprint import Phase
from nsc_workshop.summaries import sprint_summary
from nsc_workshop.summaries.sprint import (
    ACTION_PLAN_COLUMNS,
    action_plan_rows,
    decision,
    quadrant,
    schedule,
    sprint_templates,
    visible_ideas,
    write_action_plan,
)
from nsc_workshop.testing import make_workshop

PHASE_ORDER = ["map", "sketch", "decide", "prototype", "test", "follow_up"]


# -- templates ------------------------------------------------------------------------


def test_templates_are_compressed_design_sprints_with_the_follow_up():
    templates = sprint_templates()
    assert list(templates) == ["1-day", "2-day", "3-day"]
    for tid, template in templates.items():
        items = template["items"]
        assert template["days"] == int(tid[0]) == max(i["day"] for i in items)
        assert [i["day"] for i in items] == sorted(i["day"] for i in items)
        assert all(i["phase"] in get_args(Phase) for i in items)
        assert all(i["title"] and isinstance(i["note"], str) and i["duration_min"] > 0 for i in items)
        work = [PHASE_ORDER.index(i["phase"]) for i in items if i["phase"] in PHASE_ORDER]
        assert work == sorted(work), tid  # map, sketch, decide, prototype, test, then the follow-up
        assert set(work) == set(range(len(PHASE_ORDER))), tid
        for day in range(1, template["days"] + 1):
            minutes = sum(i["duration_min"] for i in items if i["day"] == day)
            assert 6 * 60 <= minutes <= 7.5 * 60, (tid, day, minutes)
            assert any(i["phase"] == "break" for i in items if i["day"] == day)
        assert template["total_min"] == sum(i["duration_min"] for i in items)
    assert templates["1-day"]["total_min"] == 7 * 60


def test_template_texts_are_translated_through_the_catalog(monkeypatch):
    from nsc_workshop import i18n

    english = dict(i18n.catalog("en"))
    english["dataset.sprint_templates.1-day.0.title"] = "Velkommen"
    english["dataset.sprint_templates.1-day.label"] = "Éndagssprint"
    monkeypatch.setattr(i18n, "catalog", lambda language: english)
    template = sprint_templates()["1-day"]
    assert template["label"] == "Éndagssprint"
    assert template["items"][0]["title"] == "Velkommen"
    assert template["items"][1]["title"] == "Long-term goal and sprint questions"  # the file's English


def test_labels_of_every_value_are_in_the_catalog():
    from nsc_workshop.i18n import catalog
    from nsc_workshop.model.sprint import PrototypeRole, TocLevel
    from nsc_workshop.model.votes import Criterion
    from nsc_workshop.summaries.sprint import QUADRANTS

    messages = catalog("en")
    roles = get_args(PrototypeRole.model_fields["role"].annotation)
    for prefix, values in (
        ("sprint.phase", get_args(Phase)),
        ("sprint.criterion", get_args(Criterion)),
        ("sprint.quadrant", QUADRANTS),
        ("sprint.prototype_role", roles),
        ("sprint.toc_level", get_args(TocLevel)),
        ("sprint.action_plan.column", ACTION_PLAN_COLUMNS),
    ):
        assert values
        for value in values:
            assert f"{prefix}.{value}" in messages


# -- schedule ----------------------------------------------------------------------------


def _agenda_workshop(start: str | None) -> Workshop:
    items = [
        {"id": "a1", "title": "Welcome", "day": 1, "order": 1, "duration_min": 20},
        {"id": "a2", "title": "Map", "day": 1, "order": 2, "duration_min": 70},
        {"id": "b1", "title": "Decide", "day": 2, "order": 4, "duration_min": 45},
        {"id": "a3", "title": "Lunch", "day": 1, "order": 3, "duration_min": 45, "phase": "break"},
        {"id": "b2", "title": "Test", "day": 2, "order": 5, "duration_min": 600},
    ]
    sprint = {"agenda": items, **({"start": start} if start else {})}
    return Workshop.model_validate(
        {"id": "agenda", "meta": {"title": "Agenda", "city": "Saltmo", "country": "Norway"}, "sprint": sprint},
        context={"bundle": True},
    )


def test_schedule_times_add_up_on_a_relative_clock():
    rows = schedule(_agenda_workshop(None))
    assert [r["id"] for r in rows] == ["a1", "a2", "a3", "b1", "b2"]
    assert [(r["start"], r["end"]) for r in rows] == [
        ("09:00", "09:20"),
        ("09:20", "10:30"),
        ("10:30", "11:15"),
        ("09:00", "09:45"),
        ("09:45", "19:45"),
    ]
    for day in (1, 2):
        day_rows = [r for r in rows if r["day"] == day]
        assert all(a["end_min"] == b["start_min"] for a, b in itertools.pairwise(day_rows))
        assert {r["day_total_min"] for r in day_rows} == {sum(r["duration_min"] for r in day_rows)}
        assert day_rows[-1]["end"] == day_rows[0]["day_end"]
    assert rows[0]["starts_at"] is None


def test_schedule_follows_the_sprint_start_day_by_day():
    rows = schedule(_agenda_workshop("2026-05-04T08:30:00+02:00"))
    assert rows[0]["starts_at"] == "2026-05-04T08:30:00+02:00"
    assert rows[2]["ends_at"] == "2026-05-04T10:45:00+02:00"
    assert rows[3]["starts_at"] == "2026-05-05T08:30:00+02:00"  # day 2 starts at the same time of day
    assert (rows[3]["start"], rows[4]["end"]) == ("08:30", "19:15")


# -- decision on a small sprint counted by hand ------------------------------------------------


@pytest.fixture(scope="module")
def small() -> Workshop:
    data = {
        "id": "small",
        "meta": {"title": "Small sprint", "city": "Saltmo", "country": "Norway"},
        "participants": [
            {"id": "p1", "handle": "ana"},
            {"id": "p2", "handle": "bo"},
            {"id": "p3", "handle": "cy"},
            {"id": "p4", "handle": "dir", "role": "decider"},
        ],
        "framing": {"hmw_notes": [{"id": "h1", "text": "How might we...?"}]},
        "sprint": {
            "ideas": [
                {"id": "i1", "text": "Dialogue nights", "author": "cy"},
                {"id": "i2", "text": "Secret idea", "author": "bo", "private": True},
            ],
            "sketches": [{"id": "s1", "title": "First-aiders"}, {"id": "s2", "title": "Fast facts"}],
            "scores": [
                {"id": "c1", "target": "s1", "criterion": "impact", "value": 5, "participant": "ana"},
                {"id": "c2", "target": "s1", "criterion": "impact", "value": 3, "participant": "bo"},
                {"id": "c3", "target": "s1", "criterion": "effort", "value": 2, "participant": "ana"},
                {"id": "c4", "target": "s1", "criterion": "effort", "value": 4, "participant": "bo"},
                {"id": "c5", "target": "s2", "criterion": "impact", "value": 2, "participant": "ana"},
                {"id": "c6", "target": "s2", "criterion": "effort", "value": 1, "participant": "ana"},
                {"id": "c7", "target": "i1", "criterion": "impact", "value": 2, "participant": "cy"},
                {"id": "c8", "target": "i1", "criterion": "effort", "value": 5, "participant": "cy"},
                {"id": "c9", "target": "s2", "criterion": "desirability", "value": 4, "participant": "ana"},
                {"id": "c10", "target": "s2", "criterion": "desirability", "value": 3, "participant": "bo"},
                {"id": "c11", "target": "s2", "criterion": "viability", "value": 2, "participant": "bo"},
            ],
            "chosen_concept": "s2",
            "decision_rationale": "The decider's call",
        },
        "votes": [
            {"id": "v1", "target": "s1", "participant": "ana", "weight": 2},
            {"id": "v2", "target": "s2", "participant": "ana"},
            {"id": "v3", "target": "s1", "participant": "bo"},
            {"id": "v4", "target": "i1", "participant": "cy"},
            {"id": "v5", "target": "s2", "participant": "dir", "kind": "supervote"},
            {"id": "v6", "target": "s1", "participant": "bo", "kind": "heatmap", "x": 0.25, "y": 0.5},
            {"id": "v7", "target": "s1", "participant": "cy", "kind": "heatmap", "x": 0.75, "y": 0.1},
            {"id": "v8", "target": "h1", "participant": "ana", "round": "hmw"},
        ],
    }
    return Workshop.model_validate(data, context={"bundle": True})


def test_decision_numbers_equal_a_hand_count(small):
    d = decision(small)
    assert [(r["id"], r["dots"], r["voters"]) for r in d["tally"]] == [("s1", 3, 2), ("i1", 1, 1), ("s2", 1, 1)]
    assert d["supervotes"] == [{"id": "s2", "label": "Fast facts", "by": ["dir"]}]
    assert d["heatmap"] == {"s1": [[0.25, 0.5], [0.75, 0.1]]}
    assert d["scores"]["s1"] == {"impact": {"mean": 4.0, "n": 2}, "effort": {"mean": 3.0, "n": 2}}
    assert d["scores"]["s2"]["desirability"] == {"mean": 3.5, "n": 2}
    assert d["quadrants"] == {"s1": "major_project", "s2": "fill_in", "i1": "thankless"}
    assert d["dfv"] == {"s2": {"desirability": 3.5, "feasibility": None, "viability": 2.0}}
    assert d["chosen_concept"] == {"id": "s2", "kind": "sketch", "label": "Fast facts"}
    assert d["rationale"] == "The decider's call"
    rows = {r["id"]: r for r in d["targets"]}
    assert list(rows) == ["s1", "i1", "s2"]
    assert (rows["s1"]["heat"], rows["s1"]["scorers"], rows["s2"]["supervotes"], rows["s2"]["chosen"]) == (
        2,
        2,
        1,
        True,
    )
    assert "h1" not in rows  # the HMW round is the framing's


def test_quadrants_split_at_three():
    assert quadrant(3, 2.99) == "quick_win"
    assert quadrant(2.99, 3) == "thankless"
    assert quadrant(2.5, 2.5) == "fill_in"
    assert quadrant(None, 2) is None


def test_private_ideas_stay_out_of_the_summary(small):
    summary = sprint_summary(small)
    texts = [i["text"] for theme in summary["ideas"]["by_theme"] for i in theme["ideas"]]
    assert texts == ["Dialogue nights"]
    assert summary["ideas"]["hidden"] == 1
    assert [i.text for i in visible_ideas(small, "bo")] == ["Dialogue nights", "Secret idea"]


# -- the summary --------------------------------------------------------------------------


def test_the_sample_summary_is_complete_and_json_ready(sample):
    summary = sprint_summary(sample)
    json.dumps(summary)
    for key in ("challenge", "agenda", "ideas", "sketches", "decision", "storyboard", "prototype", "test_plan"):
        assert summary[key], key
    for key in ("findings", "theory_of_change", "indicators", "action_plan"):
        assert summary[key], key
    challenge = summary["challenge"]
    assert challenge["hmw"] and challenge["long_term_goal"] and len(challenge["sprint_questions"]) == 4
    assert summary["ideas"]["count"] == 25 and summary["ideas"]["hidden"] == 1
    assert len(summary["ideas"]["by_theme"]) > 1 and all(t["ideas"] for t in summary["ideas"]["by_theme"])
    decision_part = summary["decision"]
    for key in ("tally", "supervotes", "heatmap", "scores", "quadrants", "dfv", "targets", "chosen_concept"):
        assert decision_part[key], key
    assert decision_part["rationale"]
    assert summary["storyboard_complete"] is True
    assert summary["prototype"]["description"] and len(summary["prototype"]["roles"]) == 6
    assert summary["test_plan"]["questions"] and summary["test_plan"]["assumptions"]
    assert [g["interview"] for g in summary["findings"]["by_interview"]] == [1, 2, 3, 4, 5]
    assert summary["findings"]["patterns"]
    assert all(summary["theory_of_change"][level] for level in summary["theory_of_change"])
    assert all(i["outcome_text"] and i["outcome_level"].startswith("outcome") for i in summary["indicators"])


def test_an_empty_sprint_summarises_without_errors():
    summary = sprint_summary(make_workshop(actors=0, ties=0))
    json.dumps(summary)
    assert summary["agenda"] == [] and summary["decision"]["targets"] == []
    assert summary["decision"]["chosen_concept"] is None and summary["action_plan"] == []


# -- the action plan files -----------------------------------------------------------------

NORDIC = "Ungdomsarbeidar på Sørhavn – Åse, Ærø, Øyvind, Märta, Jyväskylä"


@pytest.fixture
def plan_workshop() -> Workshop:
    actions = [
        {"id": "ap1", "action": NORDIC, "lead": "Ungdomskoordinator (rolle)", "review_date": "2026-09-01",
         "order": 2, "budget": "NOK 5 000", "timescale": "Høst 2026", "objective": "Tryggere chatter"},
        {"id": "ap2", "action": "Kaffe uten uniform", "lead": "Forebyggingskoordinator", "order": 1,
         "outcome": "Felles saksgjennomganger;\n\"sitater\", komma"},
    ]  # fmt: skip
    return Workshop.model_validate(
        {
            "id": "plan",
            "meta": {"title": "Plan", "city": "Varnholm", "country": "Norge"},
            "sprint": {"actions": actions},
        },
        context={"bundle": True},
    )


def _xlsx_rows(path):
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.active
    rows = list(sheet.iter_rows(values_only=True))
    return workbook, sheet, rows


def test_action_plan_xlsx_and_csv_hold_the_same_rows(tmp_path, plan_workshop):
    rows = action_plan_rows(plan_workshop)
    assert [r["action"] for r in rows] == ["Kaffe uten uniform", NORDIC]  # by order
    xlsx = write_action_plan(plan_workshop, tmp_path / "plan.xlsx")
    out_csv = write_action_plan(plan_workshop, tmp_path / "plan.csv", fmt="csv")

    _, sheet, xlsx_rows = _xlsx_rows(xlsx)
    raw = out_csv.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte-order mark, for Excel on Windows
    with out_csv.open(encoding="utf-8-sig", newline="") as f:
        csv_rows = list(csv.reader(f))

    header = ["Action", "Objective", "Timescale", "Lead (a role)", "Budget", "Outcome", "Review date"]
    assert list(xlsx_rows[0]) == header == csv_rows[0]

    def norm(value):
        if isinstance(value, dt.datetime):
            return value.date().isoformat()
        return "" if value is None else str(value)

    expected = [[r[c] for c in ACTION_PLAN_COLUMNS] for r in rows]
    assert [[norm(v) for v in row] for row in xlsx_rows[1:]] == expected == csv_rows[1:]
    assert NORDIC in raw.decode("utf-8-sig")

    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.bold
    assert sheet.column_dimensions["A"].width >= 40
    review = sheet.cell(row=3, column=ACTION_PLAN_COLUMNS.index("review_date") + 1)
    assert review.is_date and review.value == dt.datetime(2026, 9, 1)
    assert sheet.title == "Action plan"


def test_formula_like_text_stays_text(tmp_path):
    ws = Workshop.model_validate(
        {
            "id": "formula",
            "meta": {"title": "Formula", "city": "Saltmo", "country": "Norway"},
            "sprint": {
                "actions": [{"id": "ap1", "action": '=HYPERLINK("http://x")', "lead": "-role", "budget": "- 5"}]
            },
        },
        context={"bundle": True},
    )
    _, sheet, rows = _xlsx_rows(write_action_plan(ws, tmp_path / "f.xlsx"))
    # the same guard in the workbook as in the CSV (a CSV saved from the workbook stays safe), text stored as text
    assert rows[1][0] == '\'=HYPERLINK("http://x")' and sheet["A2"].data_type == "s"
    assert rows[1][3] == "'-role" and rows[1][4] == "'- 5"
    out = write_action_plan(ws, tmp_path / "f.csv", fmt="csv")
    with out.open(encoding="utf-8-sig", newline="") as f:
        row = list(csv.reader(f))[1]
    assert row[0] == '\'=HYPERLINK("http://x")' and row[3] == "'-role" and row[4] == "'- 5"


def test_writing_replaces_the_file_atomically_and_checks_the_format(tmp_path, plan_workshop):
    target = tmp_path / "plan.csv"
    target.write_text("old")
    write_action_plan(plan_workshop, str(target), fmt="csv")
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.csv"]  # no temporary file left
    with pytest.raises(ValueError, match="xlsx or csv"):
        write_action_plan(plan_workshop, tmp_path / "plan.ods", fmt="ods")  # type: ignore[arg-type]


def test_the_sample_action_plan_round_trips(tmp_path, sample):
    rows = action_plan_rows(sample)
    _, _, xlsx_rows = _xlsx_rows(write_action_plan(sample, tmp_path / "sample.xlsx"))
    assert len(xlsx_rows) == len(rows) + 1 == 10
    assert all(r["lead"] for r in rows)
