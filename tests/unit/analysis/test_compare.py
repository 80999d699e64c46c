"""Comparing two maps: two workshops, or one workshop at two moments."""

from __future__ import annotations

import json
import time

import networkx as nx
import pytest

from nsc_workshop.analysis import MapComparison, compare_maps
from nsc_workshop.graph import to_networkx
from nsc_workshop.model import Tie

REMOVED = ["act_police_district", "act_gaming_cafe"]
NEW_TIES = [
    ("act_police_prevention", "act_outreach_team", "collaborates"),
    ("act_youth_council", "act_police_prevention", "shares_information"),
    ("act_platform_trust_safety", "act_police_online_patrol", "collaborates"),
]


def _modified(workshop):
    """The sample without two actors (and their ties) and with three new ties."""
    actors = {k: v for k, v in workshop.actors.items() if k not in REMOVED}
    ties = {k: v for k, v in workshop.ties.items() if v.source not in REMOVED and v.target not in REMOVED}
    for i, (source, target, kind) in enumerate(NEW_TIES):
        ties[f"tie_new_{i}"] = Tie(id=f"tie_new_{i}", source=source, target=target, type=kind, directed=False)
    return workshop.model_copy(update={"actors": actors, "ties": ties})


def test_sample_against_a_modified_copy(sample_workshop):
    after = _modified(sample_workshop)
    diff = compare_maps(sample_workshop, after)
    assert isinstance(diff, MapComparison)
    assert diff.actors_removed == REMOVED
    assert diff.actors_added == []
    assert sorted(diff.ties_added) == ["tie_new_0", "tie_new_1", "tie_new_2"]
    lost = [k for k, v in sample_workshop.ties.items() if v.source in REMOVED or v.target in REMOVED]
    assert sorted(diff.ties_removed) == sorted(lost)
    assert len(diff.matched) == len(sample_workshop.actors) - 2
    # The police prevention unit now links the police with youth work and the platform.
    risers = [row[0] for row in diff.rose]
    assert "act_police_prevention" in risers
    for _actor, before, after_value, delta in diff.rose + diff.fell:
        assert delta == pytest.approx(after_value - before)
    assert all(row[3] > 0 for row in diff.rose) and all(row[3] < 0 for row in diff.fell)
    assert len(diff.rose) <= 5 and len(diff.fell) <= 5
    assert diff.map_before["actors"] - diff.map_after["actors"] == 2
    json.dumps(diff.to_dict())


def test_graphs_and_workshops_compare_alike(sample_workshop):
    after = _modified(sample_workshop)
    a = compare_maps(sample_workshop, after, metric="degree", top=3)
    b = compare_maps(to_networkx(sample_workshop), to_networkx(after), metric="degree", top=3)
    assert a.to_dict() == b.to_dict()
    assert a.metric == "degree"
    with pytest.raises(ValueError, match="unknown metric"):
        compare_maps(sample_workshop, after, metric="fame")


def test_two_workshops_matched_by_name(make_ties):
    before = make_ties([("a", "b", 1), ("b", "c", 1)], nodes={"a": {"name": "Youth Club"}, "b": {"name": "Police"},
                                                          "c": {"name": "School"}})  # fmt: skip
    after = make_ties([("x", "y", 1), ("y", "z", 1), ("z", "w", 1)], nodes={"x": {"name": "  youth   club "},
                      "y": {"name": "POLICE"}, "z": {"name": "School"}, "w": {"name": "Library"}})  # fmt: skip
    diff = compare_maps(before, after)
    assert diff.matched == {"a": "x", "b": "y", "c": "z"}
    assert diff.actors_added == ["w"] and diff.actors_removed == []
    assert diff.ties_added == ["t2"] and diff.ties_removed == []
    assert diff.rose == [("z", 0.0, pytest.approx(2 / 3), pytest.approx(2 / 3))]
    assert diff.names["w"] == "Library"


def test_tie_matching_uses_type_direction_and_multiplicity(make_ties):
    before = make_ties([("a", "b", 1, False), ("a", "b", 1, False)])
    after = make_ties([("b", "a", 1, False)])  # an undirected tie read the other way round
    diff = compare_maps(before, after)
    assert diff.ties_added == [] and diff.ties_removed == ["t1"]
    changed = nx.MultiDiGraph(after)
    changed.edges["b", "a", "t0"]["type"] = "funds"
    diff = compare_maps(before, changed)
    assert diff.ties_added == ["t0"] and diff.ties_removed == ["t0", "t1"]


def test_one_workshop_at_two_moments(nsc_store, sample_workshop):
    wid = nsc_store.import_workshop(sample_workshop)
    start = time.time()
    time.sleep(0.01)  # the clock moves on: the events below are stamped after ``start``
    session = nsc_store.session(wid, participant="facilitator")
    club = session.add_actor("Kettilsby chess club", sector="sports_culture")
    session.add_tie(club.id, "act_library", "collaborates")
    diff = compare_maps(nsc_store.load(wid, at=start), nsc_store.load(wid))
    assert diff.actors_added == [club.id]
    assert len(diff.ties_added) == 1 and diff.ties_removed == []
    assert "Kettilsby chess club" in diff._repr_html_()
