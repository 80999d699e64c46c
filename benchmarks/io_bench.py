"""Benchmarks of map files: a large GraphML and GEXF imported, and the peer-file corpus as a table.

``io.large``: a 10,000-node, 30,000-edge map (1,000 / 3,000 with ``--quick``)
written by networkx's GraphML and GEXF writers, as a Gephi, igraph or networkx
user sends it (labels, a sector, a weight, positions and colours on every
node), then imported with :func:`nsc_workshop.io.read_map`. The baseline,
measured in the same run on the same files, is networkx's own reader (which
builds a graph and checks nothing). The import before issue 17 took about
3.5 s for the 10,000-node GraphML on this kind of machine.

``io.corpus``: every file of ``tests/data/io/corpus`` (written from the peer
tools' documentation): imported actors and ties, adaptations (warnings),
round-trip losses through every format (the quick run skips the round trips),
import time; one line per file, the table of the issue's closing note.
"""

from __future__ import annotations

import random
from pathlib import Path

import networkx as nx
from harness import Benchmark, Config, Report, median, time_runs

from nsc_workshop.errors import Problem
from nsc_workshop.io import read_map
from nsc_workshop.io.corpus import check_corpus

__all__ = ["BENCHMARKS", "peer_graph"]

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "data" / "io" / "corpus"
SECTORS = ["Police", "Municipality", "Youth work", "Schools", "Civil society", "Housing", "Health", "Faith"]
COLOURS = ["#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7", "#999999"]


def peer_graph(nodes: int, edges: int, seed: int = 7) -> nx.DiGraph:
    """A map as another tool writes it: labelled, sectored, weighted, placed and coloured (invented names)."""
    rng = random.Random(seed)
    graph = nx.DiGraph()
    for i in range(nodes):
        sector = rng.randrange(len(SECTORS))
        colour = COLOURS[sector]
        graph.add_node(
            f"n{i}",
            label=f"{SECTORS[sector]} unit {i}",
            sector=SECTORS[sector],
            x=rng.uniform(-500, 500),
            y=rng.uniform(-500, 500),
            size=rng.uniform(5, 30),
            r=int(colour[1:3], 16),
            g=int(colour[3:5], 16),
            b=int(colour[5:7], 16),
        )
    while graph.number_of_edges() < edges:
        a, b = rng.randrange(nodes), rng.randrange(nodes)
        if a != b:
            graph.add_edge(f"n{a}", f"n{b}", weight=float(rng.randint(1, 5)))
    return graph


def _gexf_graph(graph: nx.DiGraph) -> nx.DiGraph:
    """The same graph with GEXF's ``viz`` drawing instead of plain attributes."""
    out = nx.DiGraph()
    for node, data in graph.nodes(data=True):
        out.add_node(
            node,
            label=data["label"],
            sector=data["sector"],
            viz={
                "position": {"x": data["x"], "y": data["y"], "z": 0.0},
                "size": data["size"],
                "color": {"r": data["r"], "g": data["g"], "b": data["b"], "a": 1.0},
            },
        )
    out.add_edges_from(graph.edges(data=True))
    return out


def large(config: Config, report: Report) -> None:
    nodes, edges = (1_000, 3_000) if config.quick else (10_000, 30_000)
    runs = 1 if config.quick else config.runs
    graph = peer_graph(nodes, edges)
    graphml = config.workdir / "large.graphml"
    gexf = config.workdir / "large.gexf"
    nx.write_graphml(graph, graphml)
    nx.write_gexf(_gexf_graph(graph), gexf)
    report.add("nodes", "nodes", nodes)
    report.add("edges", "edges", edges)
    for name, path, reader in (("graphml", graphml, nx.read_graphml), ("gexf", gexf, nx.read_gexf)):
        warnings: list[Problem] = []
        workshop = read_map(path, warnings=warnings)
        ours = median(time_runs(lambda path=path: read_map(path), runs))
        theirs = median(time_runs(lambda path=path, reader=reader: reader(path), runs))
        report.heading(f"{name.upper()} ({path.stat().st_size / 1e6:.1f} MB)")
        report.add(f"{name}_import_s", "read_map (median)", ours, "s")
        report.add(f"{name}_networkx_s", "networkx's reader, same file", theirs, "s", "builds a graph, checks nothing")
        report.add(f"{name}_over_networkx", "read_map ÷ networkx", ours / theirs, "x")
        report.add(f"{name}_actors", "actors imported", len(workshop.actors))
        report.add(f"{name}_ties", "ties imported", len(workshop.ties))
        coloured = sum(1 for a in workshop.actors.values() if a.color and a.x is not None and a.size)
        report.add(f"{name}_drawn", "actors with colour, size and position", coloured)
        report.add(f"{name}_warnings", "adaptations", len(warnings))


def corpus(config: Config, report: Report) -> None:
    results = check_corpus(CORPUS, formats=[] if config.quick else None)
    report.add("files", "files in the corpus", len(results))
    report.add("imported", "imported as expected", sum(1 for r in results if not r.mismatches))
    report.add("warnings", "adaptations, all files", sum(len(r.warnings) for r in results))
    report.add(
        "losses", "round-trip losses, all files and formats", sum(len(v) for r in results for v in r.losses.values())
    )
    report.add("import_median_s", "import time, median file", median([r.seconds for r in results] or [0.0]), "s")
    report.heading("fixture → format, imported, warnings, round-trip losses")
    for r in results:
        lost = sum(len(v) for v in r.losses.values())
        verdict = "as expected" if not r.mismatches else f"{len(r.mismatches)} differ from the expected file"
        line = f"{r.format}: {r.actors} actors, {r.ties} ties, {len(r.warnings)} warnings, {lost} lost; {verdict}"
        report.add(f"file_{r.name}", r.name, line)


BENCHMARKS = [
    Benchmark("io.large", "a 10,000-node map from a peer tool imported (GraphML, GEXF)", large),
    Benchmark("io.corpus", "the peer-file corpus: imported, adapted, round-tripped", corpus),
]
