"""Layouts: normalised, deterministic, and stable when the map changes a little."""

from __future__ import annotations

import math
import statistics
import time

import numpy as np
import pytest

from nsc_workshop.graph import to_networkx
from nsc_workshop.plots import LayoutCache, layout
from nsc_workshop.plots._common import salience_class
from nsc_workshop.plots.layout import KINDS, SALIENCE_BANDS
from nsc_workshop.testing import make_workshop

STEP = 0.02  # "moves very little"


def _map(actors=200, ties=450, seed=11):
    return to_networkx(make_workshop(actors=actors, ties=ties, seed=seed))


def _add_actor(graph, partners, node="newcomer", **data):
    graph.add_node(node, name="Newcomer", sector=data.pop("sector", "schools"), **data)
    graph.add_edge(node, partners[0], key=f"{node}-1", type="collaborates", sign=1, weight=2.0, directed=False)
    graph.add_edge(partners[1], node, key=f"{node}-2", type="refers", sign=1, weight=1.0, directed=True)


def _distance(a, b):
    return math.hypot(a[0] - b[0], a[1] - b[1])


@pytest.mark.parametrize("kind", KINDS)
def test_positions_are_normalised_plain_floats(kind, sample_graph):
    pos = layout(sample_graph, kind)
    assert set(pos) == set(sample_graph.nodes)
    for x, y in pos.values():
        assert type(x) is float and type(y) is float
        assert 0.0 <= x <= 1.0 and 0.0 <= y <= 1.0


@pytest.mark.parametrize("kind", KINDS)
def test_same_seed_same_positions(kind, sample_graph):
    assert layout(sample_graph, kind, seed=4) == layout(sample_graph, kind, seed=4)


def test_another_seed_another_force_layout(sample_graph):
    assert layout(sample_graph, "force", seed=1) != layout(sample_graph, "force", seed=2)


def test_force_layout_spreads_actors_and_keeps_partners_close(sample_graph):
    pos = layout(sample_graph, "force")
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    assert min(xs) == 0.0 and max(xs) == 1.0 and min(ys) == 0.0 and max(ys) == 1.0  # fills the square
    tied = statistics.mean(_distance(pos[u], pos[v]) for u, v in sample_graph.edges())
    nodes = list(pos)
    anyone = statistics.mean(_distance(pos[a], pos[b]) for i, a in enumerate(nodes) for b in nodes[i + 1 :])
    assert tied < 0.6 * anyone


@pytest.mark.parametrize("kind", KINDS)
def test_adding_an_actor_moves_no_one_else(kind):
    graph = _map()
    before = layout(graph, kind)
    partners = list(graph.nodes)[10], list(graph.nodes)[20]
    _add_actor(graph, partners, power=True, legitimacy=True)
    after = layout(graph, kind, previous=before)
    moved = max(_distance(before[a], after[a]) for a in before)
    assert moved < STEP
    assert 0.0 <= after["newcomer"][0] <= 1.0 and 0.0 <= after["newcomer"][1] <= 1.0
    nearest = min(_distance(after["newcomer"], after[a]) for a in before)
    assert nearest > 0.002  # not on top of anyone


def _to_segment(p, a, b):
    ab = np.subtract(b, a)
    t = float(np.clip(np.dot(np.subtract(p, a), ab) / max(float(np.dot(ab, ab)), 1e-12), 0.0, 1.0))
    return _distance(p, np.add(a, t * ab))


def test_a_newcomer_lands_near_its_partners_in_the_force_layout():
    graph = _map()
    before = layout(graph, "force")
    a = list(graph.nodes)[10]
    b = next(iter(graph.successors(a)), None) or next(iter(graph.predecessors(a)))
    _add_actor(graph, (a, b))  # two partners tied to each other
    after = layout(graph, "force", previous=before)
    new = after["newcomer"]
    to_partners = max(_distance(new, after[a]), _distance(new, after[b]))
    others = sorted(_distance(new, after[x]) for x in before)
    assert to_partners <= others[len(others) // 10]  # nearer than nine tenths of the map


def test_a_newcomer_between_distant_partners_lands_between_them():
    graph = _map()
    before = layout(graph, "force")
    a, b = list(graph.nodes)[10], list(graph.nodes)[20]
    _add_actor(graph, (a, b))
    new = layout(graph, "force", previous=before)["newcomer"]
    assert _to_segment(new, before[a], before[b]) < 0.1


def test_a_newcomer_joins_its_sector_in_the_sectors_layout():
    graph = _map()
    before = layout(graph, "sectors")
    _add_actor(graph, (list(graph.nodes)[10], list(graph.nodes)[20]), sector="police")
    after = layout(graph, "sectors", previous=before)
    police = [after[n] for n, d in graph.nodes(data=True) if d["sector"] == "police" and n != "newcomer"]
    centre = np.mean(police, axis=0)
    others = [after[n] for n, d in graph.nodes(data=True) if d["sector"] != "police"]
    other_centre_distances = sorted(
        _distance(after["newcomer"], np.mean([after[n] for n, d in graph.nodes(data=True) if d["sector"] == s], axis=0))
        for s in {d["sector"] for _, d in graph.nodes(data=True)}
        if s != "police"
    )
    assert _distance(after["newcomer"], centre) < other_centre_distances[0]
    assert others


def test_an_isolated_newcomer_gets_an_empty_spot():
    graph = _map()
    before = layout(graph, "force")
    graph.add_node("loner", name="Loner", sector="business")
    after = layout(graph, "force", previous=before)
    spacing = statistics.median(min(_distance(p, q) for b, q in before.items() if b != a) for a, p in before.items())
    assert min(_distance(after["loner"], p) for p in before.values()) > spacing


@pytest.mark.parametrize("kind", KINDS)
def test_removing_an_actor_leaves_the_others_in_place(kind):
    graph = _map()
    before = layout(graph, kind)
    gone = list(graph.nodes)[7]
    graph.remove_node(gone)
    after = layout(graph, kind, previous=before)
    assert gone not in after
    assert after == {node: before[node] for node in graph.nodes}


def test_previous_positions_of_unknown_actors_are_ignored(sample_graph):
    before = layout(sample_graph, "force")
    stale = dict(before, ghost=(0.5, 0.5), broken=("x", None))
    assert layout(sample_graph, "force", previous=stale) == before


def test_many_newcomers_are_placed_around_the_kept_actors():
    graph = _map(actors=120, ties=260)
    kept = list(graph.nodes)[:30]
    first = layout(graph.subgraph(kept).copy(), "force")
    after = layout(graph, "force", previous=first)
    assert all(after[n] == first[n] for n in kept)
    assert all(0.0 <= x <= 1.0 and 0.0 <= y <= 1.0 for x, y in after.values())
    assert len({(round(x, 4), round(y, 4)) for x, y in after.values()}) == len(after)


def test_stored_positions_are_fixed_in_the_force_layout(sample_graph):
    nodes = list(sample_graph.nodes)
    sample_graph.nodes[nodes[0]].update(x=0.1, y=0.9)
    sample_graph.nodes[nodes[1]].update(x=0.8, y=0.2)
    pos = layout(sample_graph, "force")  # stored y grows downwards (screen coordinates)
    assert pos[nodes[0]] == pytest.approx((0.1, 0.1))
    assert pos[nodes[1]] == pytest.approx((0.8, 0.8))
    previous = dict.fromkeys(nodes, (0.5, 0.5))
    assert layout(sample_graph, "force", previous=previous)[nodes[0]] == pytest.approx((0.1, 0.1))
    assert layout(sample_graph, "force", use_stored=False)[nodes[0]] != pytest.approx((0.1, 0.1))


def test_stored_pixel_positions_are_scaled_together(sample_graph):
    nodes = list(sample_graph.nodes)
    for node, (x, y) in zip(nodes[:3], [(100, 400), (500, 400), (300, 0)], strict=True):
        sample_graph.nodes[node].update(x=x, y=y)
    pos = layout(sample_graph, "force")
    a, b, c = (pos[n] for n in nodes[:3])
    assert a[1] == pytest.approx(b[1])
    assert a[0] < c[0] < b[0] and c[1] > a[1]  # y = 0 is the top of the file's picture
    assert _distance(a, b) == pytest.approx(_distance(c, ((a[0] + b[0]) / 2, a[1])))  # aspect kept


def test_sectors_layout_groups_each_sector():
    graph = _map(actors=150, ties=300)
    pos = layout(graph, "sectors")
    sector = {n: d["sector"] for n, d in graph.nodes(data=True)}
    nodes = list(pos)
    same, different = [], []
    for i, a in enumerate(nodes):
        for b in nodes[i + 1 :]:
            (same if sector[a] == sector[b] else different).append(_distance(pos[a], pos[b]))
    assert statistics.mean(same) < 0.5 * statistics.mean(different)


def test_salience_layout_rings_by_class(sample_graph):
    pos = layout(sample_graph, "salience")
    radius: dict[str, list[float]] = {}
    for node, data in sample_graph.nodes(data=True):
        r = 2 * _distance(pos[node], (0.5, 0.5))
        cls = salience_class(data)
        radius.setdefault(cls, []).append(r)
        lo, hi = SALIENCE_BANDS[cls]
        assert lo - 1e-9 <= r <= hi + 1e-9, (node, cls, r)
    assert max(radius["definitive"]) < min(radius["latent"])
    assert statistics.mean(radius["definitive"]) < statistics.mean(radius["expectant"])
    assert statistics.mean(radius["expectant"]) < statistics.mean(radius["latent"])


def test_an_actor_whose_class_changed_moves_to_its_new_ring(sample_graph):
    before = layout(sample_graph, "salience")
    node = next(n for n, d in sample_graph.nodes(data=True) if salience_class(d) == "latent")
    sample_graph.nodes[node].update(power=True, legitimacy=True, urgency=True)
    after = layout(sample_graph, "salience", previous=before)
    assert 2 * _distance(after[node], (0.5, 0.5)) <= SALIENCE_BANDS["definitive"][1] + 1e-9
    assert all(after[n] == before[n] for n in before if n != node)


@pytest.mark.parametrize("kind", KINDS)
def test_tiny_maps(kind, empty_workshop, one_actor, bare_workshop):
    assert layout(empty_workshop, kind) == {}
    (only,) = layout(one_actor, kind).values()
    assert 0.0 <= only[0] <= 1.0
    pos = layout(bare_workshop, kind)
    assert len(pos) == 4
    assert len(set(pos.values())) == 4


def test_unknown_kind_is_refused(sample_graph):
    with pytest.raises(ValueError, match="spring"):
        layout(sample_graph, "spring")


def test_layout_cache_keeps_the_map_still():
    cache = LayoutCache()
    graph = _map(actors=60, ties=120)
    first = cache.positions(graph, "force")
    _add_actor(graph, (list(graph.nodes)[1], list(graph.nodes)[2]))
    second = cache.positions(graph, "force")
    assert all(second[n] == first[n] for n in first)
    assert cache.get("test-11", "force") == second
    assert cache.get("test-11", "sectors") is None
    sectors = cache.positions(graph, "sectors")
    assert sectors != second
    assert cache.positions(graph, "force", workshop_id="elsewhere") == layout(graph, "force")
    fresh = cache.positions(graph, "force", fresh=True)
    assert fresh == layout(graph, "force")
    cache.forget("test-11")
    assert cache.get("test-11", "force") is None
    assert cache.get("elsewhere", "force") is not None
    cache.forget()
    assert cache.get("elsewhere", "force") is None


def test_layout_cache_forgets_the_least_recently_used():
    cache = LayoutCache(maxsize=2)
    graph = _map(actors=5, ties=4)
    for wid in ("a", "b", "c"):
        cache.positions(graph, "salience", workshop_id=wid)
    assert cache.get("a", "salience") is None
    assert cache.get("c", "salience") is not None


@pytest.mark.slow
def test_layout_speed(capsys):
    """Prints the timings (no assertion on them: machines differ)."""
    graph = _map(actors=200, ties=450)
    base = layout(graph, "force")
    _add_actor(graph, (list(graph.nodes)[3], list(graph.nodes)[4]))
    incremental = []
    for _ in range(5):
        start = time.perf_counter()
        layout(graph, "force", previous=base)
        incremental.append(time.perf_counter() - start)
    big = _map(actors=1000, ties=2200)
    layout(big, "force")  # warm up
    full = []
    for kind in KINDS:
        start = time.perf_counter()
        layout(big, kind)
        full.append((kind, time.perf_counter() - start))
    with capsys.disabled():
        print(f"\nlayout: one actor added to 200 (force): median {1000 * statistics.median(incremental):.1f} ms")
        for kind, seconds in full:
            print(f"layout: full {kind} layout of 1,000 actors: {1000 * seconds:.0f} ms")


def test_an_actor_added_before_its_ties_moves_beside_them_when_tied():
    """Quick add makes the actor first and its tie a moment later: it must not stay where the untied one was put."""
    cache = LayoutCache()
    graph = _map(actors=60, ties=120)
    first = cache.positions(graph, "force")
    graph.add_node("newcomer", name="Newcomer", sector="schools")
    alone = cache.positions(graph, "force")["newcomer"]
    xs = [p[0] for p in first.values()]
    ys = [p[1] for p in first.values()]
    middle = (statistics.mean(xs), statistics.mean(ys))
    corners = [(0.0, 0.0), (0.0, 1.0), (1.0, 0.0), (1.0, 1.0)]
    assert _distance(alone, middle) < min(_distance(alone, c) for c in corners)  # in sight, not in a far corner
    partner = list(graph.nodes)[7]
    graph.add_edge("newcomer", partner, key="t-new", sign=1, weight=1.0, directed=True, type="advises")
    tied = cache.positions(graph, "force")
    assert all(tied[n] == first[n] for n in first)  # no one else moved
    others = sorted(_distance(tied["newcomer"], tied[x]) for x in first)
    assert _distance(tied["newcomer"], tied[partner]) <= others[len(others) // 10]
    again = cache.positions(graph, "force")
    assert again["newcomer"] == tied["newcomer"]  # and then it stays
