"""The reference datasets and the synthetic sample workshop (datasets/sample_workshop.json)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, get_args

import pytest

from nsc_workshop.bundle import read_bundle
from nsc_workshop.datasets import (
    SAMPLE_WORKSHOP_ID,
    blueprint_areas,
    data_dir,
    sample_bundle_path,
    sectors,
    tie_types,
    wickedness_characteristics,
)
from nsc_workshop.model.sprint import TocLevel
from nsc_workshop.model.vocab import BLUEPRINT_AREAS, WICKEDNESS_CHARACTERISTICS

ROOT = Path(__file__).resolve().parents[2]
BUILD_SCRIPT = ROOT / "scripts" / "build_sample.py"
DATASETS = ("blueprint_areas", "sectors", "tie_types", "wickedness")
TOC_LEVELS = set(get_args(TocLevel))


def _raw(name: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads((data_dir() / f"{name}.json").read_text("utf-8"))
    return rows


def _ids(name: str) -> list[str]:
    return [row["id"] for row in _raw(name)]


# -- reference datasets -----------------------------------------------------


@pytest.mark.parametrize("name", DATASETS)
def test_dataset_rows_have_unique_ids_and_labels(name):
    rows = _raw(name)
    assert rows
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids))
    assert all(row.get("label") and row.get("description") for row in rows)


def test_model_vocabularies_equal_the_dataset_ids():
    assert list(BLUEPRINT_AREAS) == _ids("blueprint_areas")
    assert list(WICKEDNESS_CHARACTERISTICS) == _ids("wickedness")


def test_dataset_accessors_return_every_row():
    assert [a["id"] for a in blueprint_areas()] == _ids("blueprint_areas")
    assert [s["id"] for s in sectors()] == _ids("sectors")
    assert [t["id"] for t in tie_types()] == _ids("tie_types")
    assert [w["id"] for w in wickedness_characteristics()] == _ids("wickedness")
    assert len(blueprint_areas()) == 6
    assert len(wickedness_characteristics()) == 10


def test_tie_type_signs():
    signs = {row["id"]: row["sign"] for row in _raw("tie_types")}
    assert set(signs.values()) <= {-1, 0, 1}
    assert {k for k, v in signs.items() if v < 0} == {"conflicts", "distrusts"}
    assert signs["collaborates"] == 1
    assert signs["reports_to"] == 0


# -- the sample workshop ----------------------------------------------------


def test_sample_loads_and_is_synthetic(sample):
    assert sample.id == SAMPLE_WORKSHOP_ID
    meta = sample.meta
    assert (meta.city, meta.country, meta.language) == ("Varnholm", "Norway", "en")
    assert meta.start_date is not None
    assert meta.end_date is not None
    assert meta.start_date.year == meta.end_date.year == 2026
    assert len(meta.blueprint_areas) >= 3
    assert meta.prevention_levels
    assert meta.sensitivity == "network"
    assert "synthetic" in meta.summary.lower()
    assert meta.tags


def test_sample_file_is_plain_text_without_markup():
    text = Path(str(sample_bundle_path())).read_text("utf-8")
    assert "<" not in text
    assert ">" not in text


def test_sample_actors(sample):
    actors = list(sample.actors.values())
    assert len(actors) >= 40
    names = [a.name for a in actors]
    assert len(names) == len(set(names)), [n for n, c in Counter(names).items() if c > 1]
    sector_ids = set(_ids("sectors"))
    assert {a.sector for a in actors} <= sector_ids
    assert len({a.sector for a in actors}) >= 18  # most sectors are present
    for actor in actors:
        assert actor.level is not None
        assert actor.influence is not None
        assert actor.interest is not None
        assert 0 <= actor.influence <= 10
        assert 0 <= actor.interest <= 10
        assert None not in (actor.power, actor.legitimacy, actor.urgency)
        assert actor.stance is not None
        assert actor.goals
    assert sum(1 for a in actors if a.notes) >= 10
    assert sum(1 for a in actors if a.tags) >= 10
    assert sum(1 for a in actors if a.attributes) >= 5


def test_sample_ties(sample):
    ties = list(sample.ties.values())
    assert len(ties) >= 90
    types = {row["id"]: row for row in _raw("tie_types")}
    for tie in ties:
        assert tie.type in types
        assert tie.sign == types[tie.type]["sign"]
        assert tie.directed == types[tie.type]["directed"]
        assert 1 <= tie.weight <= 5
        assert tie.source in sample.actors
        assert tie.target in sample.actors
    negative = [t for t in ties if t.sign < 0]
    assert len(negative) >= 12
    assert sum(1 for t in ties if t.notes) >= 5
    # at least one pair of actors joined by two ties of different types
    by_pair: dict[frozenset[str], set[str]] = defaultdict(set)
    for tie in ties:
        by_pair[frozenset((tie.source, tie.target))].add(tie.type)
    assert any(len(kinds) >= 2 for kinds in by_pair.values())


def test_sample_has_no_tie_between_police_and_youth_work(sample):
    sector = {a.id: a.sector for a in sample.actors.values()}
    pairs = {frozenset((sector[t.source], sector[t.target])) for t in sample.ties.values()}
    assert frozenset(("police", "youth_work")) not in pairs
    # ...although both sectors are on the map
    assert {"police", "youth_work"} <= set(sector.values())


def test_sample_has_isolated_actors(sample):
    tied = {t.source for t in sample.ties.values()} | {t.target for t in sample.ties.values()}
    assert set(sample.actors) - tied


def test_sample_framing_is_complete(sample):
    framing = sample.framing
    assert framing.problem_statement
    assert set(framing.wickedness) == set(WICKEDNESS_CHARACTERISTICS)
    assert all(0 <= w.score <= 2 and w.note for w in framing.wickedness.values())
    layers = Counter(note.layer for note in framing.iceberg_notes.values())
    assert all(layers[layer] >= 3 for layer in ("events", "patterns", "structures", "mental_models"))

    nodes = framing.problem_nodes
    kinds = Counter(node.kind for node in nodes.values())
    assert kinds["focal"] == 1
    assert kinds["cause"] >= 6
    assert kinds["effect"] >= 4
    assert sum(1 for node in nodes.values() if node.objective) >= 4

    def depth(node_id: str) -> int:
        parent = nodes[node_id].parent
        return 0 if parent is None else 1 + depth(parent)

    cause_depths = {depth(n.id) for n in nodes.values() if n.kind == "cause"}
    assert cause_depths >= {1, 2}  # causes at several levels

    assert len(framing.why_chains) >= 2
    assert all(len(chain.whys) == 5 for chain in framing.why_chains.values())
    assert len(framing.povs) >= 3
    assert framing.selected_pov in framing.povs

    assert len(framing.hmw_notes) >= 12
    assert len({note.cluster for note in framing.hmw_notes.values()}) >= 3
    assert all(note.text.startswith("How might we") for note in framing.hmw_notes.values())
    hmw_votes = [v for v in sample.votes.values() if v.round == "hmw"]
    assert all(v.target in framing.hmw_notes for v in hmw_votes)
    assert len({v.participant for v in hmw_votes}) >= 6

    assert framing.long_term_goal
    assert len(framing.sprint_questions) >= 3
    assert all(q.text.startswith("Can we") and q.text.endswith("?") for q in framing.sprint_questions.values())


def test_sample_sprint(sample):
    sprint = sample.sprint
    assert sprint.template == "2-day"
    assert len(sprint.agenda) >= 10
    assert {item.day for item in sprint.agenda.values()} == {1, 2}
    assert sprint.chosen_hmw in sample.framing.hmw_notes

    ideas = list(sprint.ideas.values())
    assert len(ideas) >= 20
    demos = [i for i in ideas if i.kind == "lightning_demo"]
    assert demos
    assert all(i.link and i.link.startswith("https://") for i in demos)
    assert any(i.kind == "crazy8" for i in ideas)
    assert any(i.private and not i.revealed for i in ideas)
    assert len({i.theme for i in ideas if i.theme}) >= 3

    assert len(sprint.sketches) >= 3
    assert all(sketch.panels for sketch in sprint.sketches.values())

    idea_dots = [v for v in sample.votes.values() if v.round == "ideas" and v.kind == "dot"]
    assert len({v.participant for v in idea_dots}) >= 6
    supervotes = [v for v in sample.votes.values() if v.kind == "supervote"]
    deciders = {p.handle for p in sample.participants.values() if p.role == "decider"}
    assert len(supervotes) == 1
    assert supervotes[0].participant in deciders

    criteria = {s.criterion for s in sprint.scores.values()}
    assert criteria == {"impact", "effort", "desirability", "feasibility", "viability"}
    assert sprint.chosen_concept is not None
    assert sprint.chosen_concept in sprint.sketches or sprint.chosen_concept in sprint.ideas
    assert sprint.decision_rationale
    assert 6 <= len(sprint.storyboard) <= 10
    assert sprint.prototype_description
    assert sprint.prototype_roles
    assert all((sprint.test_plan.target_group, sprint.test_plan.questions, sprint.test_plan.assumptions))

    assert {f.interview for f in sprint.findings.values()} == {1, 2, 3, 4, 5}
    assert any(f.pattern for f in sprint.findings.values())

    assert {e.level for e in sprint.toc.values()} == TOC_LEVELS
    assert len(sprint.indicators) >= 4
    for indicator in sprint.indicators.values():
        assert all((indicator.baseline, indicator.target, indicator.data_source))
        assert indicator.outcome in sprint.toc
        assert sprint.toc[indicator.outcome].level.startswith("outcome")

    assert len(sprint.actions) >= 6
    for action in sprint.actions.values():
        assert all((action.lead, action.timescale, action.budget, action.outcome))
        assert action.review_date is not None


def test_sample_votes_respect_budgets(sample):
    budgets = sample.settings.vote_budgets
    used: Counter[tuple[str | None, str]] = Counter()
    for vote in sample.votes.values():
        if vote.kind == "dot":
            used[(vote.participant, vote.round)] += vote.weight
    assert used
    for (_participant, rnd), weight in used.items():
        assert weight <= budgets[rnd]


def test_sample_people_are_handles(sample):
    handles = {p.handle for p in sample.participants.values()}
    assert len(handles) >= 6
    authored = [
        *sample.framing.iceberg_notes.values(),
        *sample.framing.hmw_notes.values(),
        *sample.framing.povs.values(),
        *sample.sprint.ideas.values(),
        *sample.sprint.sketches.values(),
    ]
    assert {item.author for item in authored} <= handles
    assert {v.participant for v in sample.votes.values()} <= handles
    assert len({item.author for item in authored}) >= 6


def test_rebuilding_gives_the_committed_sample(tmp_path):
    out = tmp_path / "sample.json"
    result = subprocess.run(
        [sys.executable, str(BUILD_SCRIPT), str(out)], capture_output=True, text=True, timeout=240, check=False
    )
    assert result.returncode == 0, result.stderr
    assert read_bundle(out) == read_bundle(Path(str(sample_bundle_path())))
