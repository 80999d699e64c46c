"""Negative ties, structural balance and polarised camps."""

from __future__ import annotations

import pytest

from nsc_workshop.analysis import balance, camps, frustration, signed_ties


@pytest.mark.parametrize(
    ("signs", "balanced"),
    [
        ((1, 1, 1), True),  # three friends
        ((1, 1, -1), False),  # a friend's friend is an adversary
        ((1, -1, -1), True),  # two friends share an adversary
        ((-1, -1, -1), False),  # three mutual adversaries
    ],
)
def test_balance_of_hand_made_triads(make_ties, signs, balanced):
    s1, s2, s3 = signs
    result = balance(make_ties([("a", "b", s1), ("b", "c", s2), ("a", "c", s3)]))
    assert result["triads"] == 1
    assert result["unbalanced"] == int(not balanced)
    assert result["balanced"] == int(balanced)
    assert result["negative_triads"] == int(-1 in signs)
    assert result["unbalanced_share"] == float(not balanced)
    assert result["unbalanced_examples"] == ([] if balanced else [["a", "b", "c"]])


def test_parallel_ties_of_different_signs_count_as_negative(make_ties):
    g = make_ties([("a", "b", 1), ("a", "b", -1, True), ("b", "c", 1), ("a", "c", 1)])
    result = balance(g)
    assert result["ambivalent_pairs"] == 1
    assert result["negative_pairs"] == 1
    assert result["unbalanced"] == 1  # (-) (+) (+)


def test_neutral_ties_are_left_out_of_balance(make_ties):
    result = balance(make_ties([("a", "b", 1), ("b", "c", -1), ("a", "c", 0)]))
    assert (result["pairs"], result["triads"]) == (2, 0)
    assert result["unbalanced_share"] == 0.0


def test_signed_ties_lists_negative_tie_ids(sample_graph):
    negative = signed_ties(sample_graph)
    assert len(negative) == 18
    assert all(sample_graph.edges[u, v, k]["sign"] == -1 for u, v, k in sample_graph.edges(keys=True) if k in negative)


def test_two_clear_camps(make_ties):
    # Two cliques of friends; every tie between them is hostile but one.
    left, right = ["l1", "l2", "l3", "l4"], ["r1", "r2", "r3"]
    ties = [(a, b, 1) for i, a in enumerate(left) for b in left[i + 1 :]]
    ties += [(a, b, 1) for i, a in enumerate(right) for b in right[i + 1 :]]
    ties += [("l1", "r1", -1), ("l2", "r2", -1), ("l3", "r3", -1), ("l4", "r1", -1), ("l4", "r3", 1)]
    g = make_ties(ties)
    g.add_node("bystander")
    found = camps(g, seed=1)
    assert found == [left, right]
    assert frustration(g, found) == 1  # the one friendly tie across
    assert camps(g, seed=2) == found


def test_no_camps_without_conflict(make_ties):
    assert camps(make_ties([("a", "b", 1), ("b", "c", 1)])) == []
    assert balance(make_ties([("a", "b", 1)]))["negative_pairs"] == 0


def test_sample_camps_split_off_the_opponents(sample_graph):
    found = camps(sample_graph)
    assert len(found) == 2
    small = set(found[1])
    assert {"act_patriots", "act_uncensored_page"} <= small
    assert "act_prevention_coordinator" in found[0]
    assert all(sample_graph.nodes[a]["stance"] == "opposes" for a in small)
    assert frustration(sample_graph, found) < frustration(sample_graph, [found[0] + found[1]])
    assert camps(sample_graph) == camps(sample_graph, seed=0)
