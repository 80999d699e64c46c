"""Communities (Louvain refined by Leiden), grouping by attribute, modularity."""

from __future__ import annotations

import random
from collections import Counter

import networkx as nx
import pytest

from nsc_workshop.analysis import communities, group_by, modularity


@pytest.mark.parametrize("seed", range(6))
def test_karate_club_modularity(make_map, seed):
    club = make_map(nx.karate_club_graph())
    found = communities(club, seed=seed)
    # Best known modularity of Zachary's karate club (unweighted, 78 ties): 0.4198
    # (Brandes et al. 2008, "On modularity clustering"; Louvain's usual result is about 0.42).
    assert modularity(club, found) == pytest.approx(0.4198, abs=5e-4)
    assert len(set(found.values())) == 4


def test_karate_club_two_factions(make_map):
    graph = nx.karate_club_graph()
    club = make_map(graph)
    faction = {str(v): graph.nodes[v]["club"] for v in graph}
    # The split observed by Zachary (1977): modularity 0.3582 unweighted, as networkx computes it.
    split = {actor: int(side == "Mr. Hi") for actor, side in faction.items()}
    expected = nx.community.modularity(
        graph, [{v for v in graph if graph.nodes[v]["club"] == side} for side in ("Mr. Hi", "Officer")], weight=None
    )
    assert modularity(club, split) == pytest.approx(expected)
    assert expected == pytest.approx(0.3582, abs=1e-4)
    # Each community found lies (almost) within one faction: the communities nest in the split.
    found = communities(club)
    majority = 0
    for c in set(found.values()):
        members = [a for a in found if found[a] == c]
        majority += Counter(faction[a] for a in members).most_common(1)[0][1]
    assert majority >= 32  # of 34 members


def test_communities_are_deterministic_and_numbered_by_size(make_map):
    graph = nx.connected_caveman_graph(5, 6)
    first = communities(make_map(graph), seed=3)
    assert first == communities(make_map(graph), seed=3)
    sizes = Counter(first.values())
    assert [sizes[c] for c in sorted(sizes)] == sorted(sizes.values(), reverse=True)
    # Each cave is one community.
    for cave in range(5):
        assert len({first[str(cave * 6 + i)] for i in range(6)}) == 1


def test_isolated_actor_is_its_own_community_and_conflict_ties_do_not_join(make_ties):
    g = make_ties([("a", "b", 1), ("b", "c", 1), ("a", "c", 1), ("d", "e", 1), ("e", "f", 1), ("d", "f", 1)])
    for u, v in [("a", "d"), ("b", "e"), ("c", "f")]:
        g.add_edge(u, v, key=f"x{u}", id=f"x{u}", sign=-1, weight=5.0, directed=False)
    g.add_node("loner")
    found = communities(g)
    assert found["a"] == found["b"] == found["c"] != found["d"] == found["e"] == found["f"]
    assert found["loner"] not in {found["a"], found["d"]}


def test_modularity_matches_networkx_on_a_weighted_partition(make_map):
    rng = random.Random(4)
    graph = nx.gnm_random_graph(40, 100, seed=4)
    for u, v in graph.edges:
        graph.edges[u, v]["weight"] = rng.randint(1, 5)
    m = make_map(graph, weight="weight")
    groups = [set(range(0, 15)), set(range(15, 30)), set(range(30, 40))]
    expected = nx.community.modularity(graph, groups, weight="weight")
    assert modularity(m, [[str(v) for v in g] for g in groups]) == pytest.approx(expected)
    assert modularity(m, [[str(v) for v in g] for g in groups], weighted=False) == pytest.approx(
        nx.community.modularity(graph, groups, weight=None)
    )


def test_group_by_sector(sample_graph):
    groups = group_by(sample_graph)
    assert groups["police"] == ["act_police_district", "act_police_prevention", "act_police_online_patrol"]
    assert sum(len(members) for members in groups.values()) == sample_graph.number_of_nodes()
    assert set(group_by(sample_graph, "stance")) >= {"supports", "opposes", "neutral"}
