"""Burt's structural holes against networkx, Gould & Fernandez roles by hand, bridges."""

from __future__ import annotations

import math
import random

import networkx as nx
import pytest

from nsc_workshop.analysis import ROLES, bridges, brokerage_roles, burt


def _path(groups: tuple[str, str, str], *, directed: bool = True):
    g = nx.MultiDiGraph()
    for node, group in zip("abc", groups, strict=True):
        g.add_node(node, sector=group)
    g.add_edge("a", "b", key="t1", id="t1", sign=1, weight=1.0, directed=directed)
    g.add_edge("b", "c", key="t2", id="t2", sign=1, weight=1.0, directed=directed)
    return g


@pytest.mark.parametrize(
    ("groups", "role"),
    [
        (("x", "x", "x"), "coordinator"),  # all three in one group
        (("y", "x", "x"), "gatekeeper"),  # b and c share a group, a outside
        (("x", "x", "y"), "representative"),  # a and b share a group, c outside
        (("x", "y", "x"), "consultant"),  # a and c share a group, b outside
        (("x", "y", "z"), "liaison"),  # all three differ
    ],
)
def test_each_gould_fernandez_role_on_a_path(groups, role):
    roles = brokerage_roles(_path(groups))
    assert roles["b"] == {r: int(r == role) for r in ROLES}
    assert sum(roles["a"].values()) == sum(roles["c"].values()) == 0


def test_undirected_ties_broker_both_ways():
    roles = brokerage_roles(_path(("x", "y", "z"), directed=False))
    assert roles["b"]["liaison"] == 2  # a -> b -> c and c -> b -> a
    # Gatekeeper one way is representative the other way.
    roles = brokerage_roles(_path(("y", "x", "x"), directed=False))
    assert (roles["b"]["gatekeeper"], roles["b"]["representative"]) == (1, 1)


def test_no_brokerage_when_a_reaches_c_directly_or_by_conflict_only():
    g = _path(("x", "y", "z"))
    g.add_edge("a", "c", key="t3", id="t3", sign=1, weight=1.0, directed=True)
    assert brokerage_roles(g)["b"]["liaison"] == 0
    g = _path(("x", "y", "z"))
    g.add_edge("c", "a", key="t3", id="t3", sign=1, weight=1.0, directed=True)  # only c -> a: a -> c is open
    assert brokerage_roles(g)["b"]["liaison"] == 1
    g = _path(("x", "y", "z"))
    g.edges["b", "c", "t2"]["sign"] = -1
    assert brokerage_roles(g)["b"]["liaison"] == 0


def test_actors_without_a_group_are_not_counted():
    assert sum(brokerage_roles(_path(("x", "", "z")))["b"].values()) == 0
    assert sum(brokerage_roles(_path(("", "y", "z")))["b"].values()) == 0


def test_roles_match_a_brute_force_count():
    rng = random.Random(11)
    g = nx.MultiDiGraph()
    for i in range(50):
        g.add_node(f"n{i}", sector=rng.choice(["a", "b", "c", ""]))
    for j in range(180):
        u, v = rng.sample(range(50), 2)
        g.add_edge(f"n{u}", f"n{v}", key=f"t{j}", id=f"t{j}", sign=rng.choice([1, 0, -1]), weight=1.0,
                   directed=rng.random() < 0.6)  # fmt: skip
    flow = nx.DiGraph()
    flow.add_nodes_from(g)
    for u, v, d in g.edges(data=True):
        if d["sign"] >= 0:
            flow.add_edge(u, v)
            if not d["directed"]:
                flow.add_edge(v, u)
    group = nx.get_node_attributes(g, "sector")
    expected = {v: dict.fromkeys(ROLES, 0) for v in g}
    for b in flow:
        for a in flow.predecessors(b):
            for c in flow.successors(b):
                if a == c or flow.has_edge(a, c) or not (group[a] and group[b] and group[c]):
                    continue
                ga, gb, gc = group[a], group[b], group[c]
                if ga == gb == gc:
                    role = "coordinator"
                elif gb == gc:
                    role = "gatekeeper"
                elif ga == gb:
                    role = "representative"
                elif ga == gc:
                    role = "consultant"
                else:
                    role = "liaison"
                expected[b][role] += 1
    assert brokerage_roles(g) == expected


@pytest.mark.parametrize("name", ["florentine", "karate"])
def test_burt_matches_networkx_on_classic_networks(make_map, name):
    graph = nx.florentine_families_graph() if name == "florentine" else nx.karate_club_graph()
    found = burt(make_map(graph))
    effective = nx.effective_size(graph)
    constraint = nx.constraint(graph)
    for node in graph:
        row = found[str(node)]
        assert row["effective_size"] == pytest.approx(effective[node], abs=1e-12)
        assert row["constraint"] == pytest.approx(constraint[node], abs=1e-12)
        assert row["efficiency"] == pytest.approx(effective[node] / graph.degree(node))
    # Burt's measures of the Medici (networkx): effective size 5.667 of 6 contacts, constraint 0.210.
    if name == "florentine":
        assert found["Medici"]["effective_size"] == pytest.approx(5.667, abs=1e-3)
        assert found["Medici"]["constraint"] == pytest.approx(0.210, abs=1e-3)


def test_weighted_burt_matches_networkx(make_map):
    rng = random.Random(5)
    graph = nx.gnm_random_graph(40, 110, seed=5)
    for u, v in graph.edges:
        graph.edges[u, v]["weight"] = rng.randint(1, 5)
    found = burt(make_map(graph, weight="weight"), weighted=True)
    # networkx's scipy fast path for weighted effective size (taken when nodes=None and
    # scipy is installed) disagrees with its own formula and with a hand count (e.g. node 0:
    # 3.625 vs 3.575); passing the nodes selects networkx's reference formula.
    effective = nx.effective_size(graph, weight="weight", nodes=list(graph))
    constraint = nx.constraint(graph, weight="weight")
    for node in graph:
        if graph.degree(node) == 0:
            continue
        assert found[str(node)]["effective_size"] == pytest.approx(effective[node], abs=1e-9)
        assert found[str(node)]["constraint"] == pytest.approx(constraint[node], abs=1e-9)


def test_burt_of_isolated_actor_is_nan_and_parallel_ties_collapse(make_ties):
    g = make_ties([("hub", "a", 1), ("hub", "a", 1), ("hub", "b", 1), ("hub", "c", -1)])
    g.add_node("loner")
    found = burt(g)
    assert all(math.isnan(found["loner"][k]) for k in ("effective_size", "efficiency", "constraint"))
    assert found["hub"]["effective_size"] == 2.0  # a and b; the conflict tie to c does not count
    assert found["hub"]["constraint"] == pytest.approx(0.5)


def test_bridges_on_a_barbell(make_map):
    # Two 5-cliques joined by a path of two actors: the three path ties are bridges.
    graph = make_map(nx.barbell_graph(5, 2))
    found = bridges(graph)
    ends = sorted(tuple(sorted((u, v), key=int)) for u, v, k in graph.edges(keys=True) if k in found)
    assert ends == [("4", "5"), ("5", "6"), ("6", "7")]
    assert ends == [tuple(str(x) for x in e) for e in sorted(nx.bridges(nx.barbell_graph(5, 2)))]
    assert bridges(make_map(nx.barbell_graph(5, 0))) == ["t10"]  # the tie 4-5 between the two cliques


def test_parallel_or_conflict_ties_and_bridges(make_ties):
    g = make_ties([("a", "b", 1), ("b", "c", 1), ("a", "c", 1), ("c", "d", 1), ("c", "d", 0), ("d", "e", 1)])
    assert bridges(g) == ["t5"]  # c-d is held by two ties
    g = make_ties([("a", "b", 1), ("b", "c", 1), ("a", "c", 1), ("c", "d", 1), ("a", "d", -1)])
    assert bridges(g) == ["t3"]  # a conflict tie is no alternative route
