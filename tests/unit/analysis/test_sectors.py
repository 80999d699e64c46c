"""Sector matrix and gaps, isolated and peripheral actors."""

from __future__ import annotations

import itertools

from nsc_workshop.analysis import isolated, peripheral, sector_gaps, sector_matrix


def test_sample_has_no_tie_between_police_and_youth_work(sample_graph):
    gaps = sector_gaps(sample_graph)
    assert ("police", "youth_work") in gaps
    # ...and it is among the most telling gaps: both sectors are well tied elsewhere.
    assert gaps.index(("police", "youth_work")) < 5
    matrix = sector_matrix(sample_graph)
    assert matrix["police"]["youth_work"] == matrix["youth_work"]["police"] == 0
    assert all(matrix[a][b] == 0 for a, b in gaps)
    present = {d["sector"] for _, d in sample_graph.nodes(data=True)}
    assert set(matrix) == present
    assert {s for pair in gaps for s in pair} <= present
    assert len(gaps) == len([1 for a, b in itertools.combinations(sorted(present), 2) if matrix[a][b] == 0])


def test_sector_matrix_is_symmetric_and_counts_every_tie_once(sample_graph):
    matrix = sector_matrix(sample_graph)
    sectors = list(matrix)
    assert all(matrix[a][b] == matrix[b][a] for a in sectors for b in sectors)
    upper = sum(matrix[a][b] for i, a in enumerate(sectors) for b in sectors[i:])
    assert upper == sample_graph.number_of_edges()
    # Rows follow the kit's sector order.
    assert sectors[:3] == ["municipal_leadership", "municipal_departments", "prevention_coordination"]


def test_sector_matrix_by_sign(sample_graph):
    conflict = sector_matrix(sample_graph, signs=(-1,))
    total = sum(conflict[a][b] for i, a in enumerate(conflict) for b in list(conflict)[i:])
    assert total == sum(1 for *_, d in sample_graph.edges(data=True) if d["sign"] < 0)
    assert conflict["civil_society"]["civil_society"] >= 1  # the Patriots against the Together network


def test_gaps_restricted_to_chosen_sectors(sample_graph):
    chosen = ["police", "schools", "youth_work", "social_services", "not_in_the_map"]
    assert sector_gaps(sample_graph, sectors=chosen) == [("police", "youth_work")]


def test_gaps_ranked_by_expected_ties(make_ties):
    nodes = {"p1": "police", "p2": "police", "y1": "youth", "s1": "schools", "h1": "health"}
    g = make_ties(
        [("p1", "p2", 1), ("p1", "s1", 1), ("p2", "s1", 1), ("y1", "s1", 1), ("y1", "s1", 1)],
        nodes={k: {"sector": v} for k, v in nodes.items()},
    )
    # police (4 tie ends) and youth (2) are expected to be tied more than health (0) with anyone.
    assert sector_gaps(g)[0] == ("police", "youth")
    assert ("health", "police") in sector_gaps(g) or ("police", "health") in sector_gaps(g)


def test_isolated_and_peripheral_actors(sample_graph, make_ties):
    assert isolated(sample_graph) == ["act_gaming_cafe", "act_platform_trust_safety"]
    edge = peripheral(sample_graph)
    assert "act_fire_rescue" in edge and "act_gaming_cafe" not in edge
    g = make_ties([("a", "b", 1), ("a", "b", 1), ("a", "c", -1), ("c", "d", 0)])
    g.add_node("e")
    assert isolated(g) == ["e"]
    assert isolated(g, signs=(1,)) == ["c", "d", "e"]
    assert peripheral(g) == ["b", "d"]  # two ties to a single actor count once
    assert peripheral(g, max_degree=2) == ["a", "b", "c", "d"]
