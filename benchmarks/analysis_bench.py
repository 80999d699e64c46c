"""Benchmarks of the actor-map analysis: the full insight report at 200, 1,000 and 10,000 actors.

The baseline, measured in the same run, is the same metrics called naively in
networkx on the same graph (exact betweenness and closeness, constraint and
effective size, PageRank, Louvain, bridges, average path length), as a
script without our library would do it.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import textwrap
import time
from typing import Any

from harness import Benchmark, Config, Report, median, time_runs

from nsc_workshop import to_networkx
from nsc_workshop.analysis import insights
from nsc_workshop.datasets import sectors
from nsc_workshop.model import Workshop

__all__ = ["BENCHMARKS", "random_workshop"]

TIE_TYPES = [("collaborates", 1, False), ("shares_information", 1, True), ("funds", 1, True),
             ("reports_to", 0, True), ("conflicts", -1, False), ("distrusts", -1, True)]  # fmt: skip
NAIVE_TIMEOUT = 120.0


def random_workshop(actors: int, ties_per_actor: int = 5, seed: int = 1) -> Workshop:
    """A synthetic map: ``actors`` invented organisations, ``ties_per_actor × actors`` ties."""
    rng = random.Random(seed)
    sector_ids = [row["id"] for row in sectors()]
    actor_rows = [
        {
            "id": f"a{i}",
            "name": f"Organisation {i}",
            "sector": rng.choice(sector_ids),
            "influence": rng.randint(0, 10),
            "interest": rng.randint(0, 10),
            "power": rng.random() < 0.4,
            "legitimacy": rng.random() < 0.6,
            "urgency": rng.random() < 0.3,
        }
        for i in range(actors)
    ]
    tie_rows = []
    for i in range(actors * ties_per_actor):
        a, b = rng.sample(range(actors), 2)
        kind, sign, directed = TIE_TYPES[0 if rng.random() < 0.5 else rng.randrange(len(TIE_TYPES))]
        tie_rows.append(
            {"id": f"t{i}", "source": f"a{a}", "target": f"a{b}", "type": kind, "sign": sign, "directed": directed,
             "weight": float(rng.randint(1, 5))}
        )  # fmt: skip
    return Workshop.model_validate(
        {"id": f"bench-{actors}", "meta": {"title": f"Bench {actors}", "city": "Varnholm", "country": "Norway"},
         "actors": actor_rows, "ties": tie_rows}
    )  # fmt: skip


NAIVE = textwrap.dedent(
    """
    import json, sys, time
    import networkx as nx
    from nsc_workshop import to_networkx
    sys.path.insert(0, sys.argv[3])
    from analysis_bench import random_workshop
    workshop = random_workshop(int(sys.argv[1]), seed=int(sys.argv[2]))
    graph = to_networkx(workshop)
    start = time.perf_counter()
    simple = nx.Graph()
    simple.add_nodes_from(graph)
    simple.add_edges_from((u, v) for u, v, d in graph.edges(data=True) if d["sign"] >= 0)
    directed = nx.DiGraph(simple.to_directed())
    nx.degree_centrality(simple)
    nx.betweenness_centrality(simple)
    nx.closeness_centrality(simple)
    nx.pagerank(directed)
    nx.constraint(simple)
    nx.effective_size(simple)
    nx.community.louvain_communities(simple, seed=0)
    list(nx.bridges(simple))
    largest = simple.subgraph(max(nx.connected_components(simple), key=len))
    nx.average_shortest_path_length(largest)
    print(json.dumps({"seconds": time.perf_counter() - start}))
    """
)


def _naive_seconds(actors: int, seed: int, timeout: float) -> float | None:
    """The naive networkx run in a child process (so that a slow one can be cut off)."""
    from pathlib import Path

    here = str(Path(__file__).resolve().parent)
    try:
        done = subprocess.run(
            [sys.executable, "-c", NAIVE, str(actors), str(seed), here],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=True,
        )
    except subprocess.TimeoutExpired:
        return None
    seconds: float = json.loads(done.stdout.strip().splitlines()[-1])["seconds"]
    return seconds


def bench_insights(config: Config, report: Report) -> None:
    sizes = [200, 500] if config.quick else [200, 1_000, 10_000]
    for actors in sizes:
        workshop = random_workshop(actors)
        report.heading(f"{actors:,} actors, {len(workshop.ties):,} ties (5 per actor), seeded random map")
        runs = config.runs if actors <= 1_000 else max(1, min(config.runs, 3))
        result: dict[str, Any] = {}

        def run(workshop: Workshop = workshop, result: dict[str, Any] = result) -> None:
            result["report"] = insights(workshop)

        times = time_runs(run, runs)
        ours = median(times)
        found = result["report"]
        note = f"median of {runs}; min {min(times) * 1000:,.0f} ms; {len(found.findings)} findings"
        if actors == 1_000:
            note += "; target ≤ 0.3 s: " + ("PASS" if ours <= 0.3 else "MISS")
        report.add(f"insights_{actors}", "nsc_workshop.insights (full report)", ours, "s", note)
        graph_start = time.perf_counter()
        to_networkx(workshop)
        report.add(f"graph_{actors}", "  of which to_networkx", time.perf_counter() - graph_start, "s")
        estimated = bool(found.map.get("estimated"))
        if estimated:
            report.add(
                f"estimated_{actors}",
                "  betweenness estimated",
                f"from {found.map.get('samples')} sources, ± {found.map.get('betweenness_error', 0):.4f}",
            )
        timeout = NAIVE_TIMEOUT if not config.quick else 60.0
        naive = _naive_seconds(actors, 1, timeout)
        if naive is None:
            report.add(f"naive_{actors}", "naive networkx, same metrics", f"> {timeout:.0f} s (stopped)")
        else:
            report.add(f"naive_{actors}", "naive networkx, same metrics", naive, "s", "one run, exact")
            report.add(f"ratio_{actors}", "ratio naive / ours", naive / ours, "x")


BENCHMARKS: list[Benchmark] = [
    Benchmark("analysis.insights", "The full insight report at 200, 1,000 and 10,000 actors", bench_insights),
]
