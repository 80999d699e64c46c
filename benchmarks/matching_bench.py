"""Benchmarks of the matching of actors across workshops: quality on the labelled set, and speed.

Quality: pairwise precision, recall and F1 of :func:`cluster_actors` on
``datasets/actor_variants.csv`` (invented organisations, spelling variants and
hard negatives) at the default threshold and 5 points either side.

Speed: :func:`cluster_actors` and :func:`candidate_pairs` on 2,000 and 20,000
synthetic mentions (2,000 only with ``--quick``), made with a seeded random from
the labelled spellings: each mention moved to a random city among 24, half of
them given an invented neighbourhood (a local branch: another organisation),
a quarter of them given a typo. The baseline, measured in the same run, scores
every pair of the 2,000 mentions with the same scorer (the names' analysis
done once, as a careful script would).
"""

from __future__ import annotations

import csv
import random
import re
import time

from harness import Benchmark, Config, Report, median, time_runs

from nsc_workshop.datasets import data_dir
from nsc_workshop.library.matching import (
    DEFAULT_THRESHOLD,
    ActorName,
    _all_pairs,
    _clear_caches,
    candidate_pairs,
    cluster_actors,
    pairwise_scores,
)

__all__ = ["BENCHMARKS", "labelled_names", "synthetic_mentions"]

CITIES = ["Stavanger", "Bergen", "Malmö", "Gothenburg", "Aarhus", "Odense", "Tampere", "Turku", "Oslo", "Trondheim",
          "Kristiansand", "Drammen", "Stockholm", "Uppsala", "Helsingborg", "Lund", "Copenhagen", "Aalborg", "Esbjerg",
          "Helsinki", "Espoo", "Vantaa", "Oulu", "Reykjavík"]  # fmt: skip
SYLLABLES = ["Nord", "Sør", "Vest", "Øst", "Kvit", "Sol", "Fjell", "Sjø", "Lind", "Bjørk", "Hav", "Strand", "Dal",
             "Berg", "Holm", "Eng", "Lunds", "Skog", "Ros", "Ek"]  # fmt: skip
ENDINGS = ["vik", "havn", "haug", "ås", "by", "lia", "gård", "torp", "mark", "näs", "sund", "bakken"]
NAIVE_SIZE = 2_000


def labelled_names() -> tuple[list[ActorName], dict[str, str]]:
    """The labelled set: its mentions (keys ``row000``...) and each key's true organisation."""
    path = data_dir() / "actor_variants.csv"
    rows = list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))
    names = [ActorName(f"row{i:03d}", r["name"], r["place"], r["sector"]) for i, r in enumerate(rows)]
    return names, {n.key: r["entity"] for n, r in zip(names, rows, strict=True)}


def _typo(rng: random.Random, name: str) -> str:
    words = [(m.start(), m.end()) for m in re.finditer(r"\w{4,}", name)]
    if not words:
        return name
    start, end = rng.choice(words)
    i = rng.randrange(start + 1, end - 1)
    kind = rng.randrange(4)
    if kind == 0:  # swap two letters
        return name[:i] + name[i + 1] + name[i] + name[i + 2 :]
    if kind == 1:  # drop one
        return name[:i] + name[i + 1 :]
    if kind == 2:  # double one
        return name[:i] + name[i] + name[i:]
    return name[:i] + rng.choice("aeiounrst") + name[i + 1 :]  # change one


def synthetic_mentions(count: int, seed: int = 1) -> list[ActorName]:
    """``count`` invented mentions made from the labelled spellings: random cities, neighbourhoods and typos."""
    rng = random.Random(seed)
    labelled, _ = labelled_names()
    hoods = sorted({a + b for a in SYLLABLES for b in ENDINGS})
    out = []
    for i in range(count):
        base = rng.choice(labelled)
        city = rng.choice(CITIES)
        name = re.sub(re.escape(base.place), city, base.name, flags=re.IGNORECASE) if base.place else base.name
        if rng.random() < 0.5:
            hood = rng.choice(hoods)
            name = f"{hood} {name}" if rng.random() < 0.5 else f"{name}, {hood}"
        if rng.random() < 0.25:
            name = _typo(rng, name)
        out.append(ActorName(f"m{i}", name, city, base.sector))
    return out


def bench_matching(config: Config, report: Report) -> None:
    names, truth = labelled_names()
    report.heading(f"Labelled set: {len(names)} mentions of {len(set(truth.values()))} organisations, pairwise")
    report.add("threshold", "default threshold", DEFAULT_THRESHOLD)
    for offset, suffix in ((0, ""), (-5, "_minus5"), (5, "_plus5")):
        threshold = DEFAULT_THRESHOLD + offset
        clusters = cluster_actors(names, threshold=threshold)
        predicted = {key: c.keys[0] for c in clusters for key in c.keys}
        precision, recall, f1 = pairwise_scores(truth, predicted)
        p_note, r_note = f"{len(clusters)} clusters", ""
        if offset == 0:  # the targets of the tests
            p_note += "; target ≥ 0.95: " + ("PASS" if precision >= 0.95 else "MISS")
            r_note = "target ≥ 0.85: " + ("PASS" if recall >= 0.85 else "MISS")
        report.add(f"precision{suffix}", f"precision at {threshold:g}", precision, "", p_note)
        report.add(f"recall{suffix}", f"recall at {threshold:g}", recall, "", r_note)
        report.add(f"f1{suffix}", f"F1 at {threshold:g}", f1)

    sizes = [2_000] if config.quick else [2_000, 20_000]
    for size in sizes:
        mentions = synthetic_mentions(size)
        report.heading(f"{size:,} synthetic mentions (24 cities, invented neighbourhoods, typos), seeded")
        runs = config.runs if size <= 2_000 else max(1, min(config.runs, 3))
        result: dict[str, int] = {}

        def cluster(mentions: list[ActorName] = mentions, result: dict[str, int] = result) -> None:
            result["clusters"] = len(cluster_actors(mentions))

        def pairs(mentions: list[ActorName] = mentions, result: dict[str, int] = result) -> None:
            result["pairs"] = len(candidate_pairs(mentions))

        cluster_times = time_runs(cluster, runs, setup=_clear_caches)
        note = f"median of {runs}"
        if size == 20_000:
            note += "; target < 5 s: " + ("PASS" if median(cluster_times) < 5 else "MISS")
        report.add(f"cluster_{size}_s", "cluster_actors", median(cluster_times), "s", note)
        report.add(f"clusters_{size}", "clusters", result["clusters"])
        pair_times = time_runs(pairs, runs, setup=_clear_caches)
        report.add(f"pairs_{size}_s", "candidate_pairs", median(pair_times), "s", f"median of {runs}")
        report.add(f"pairs_{size}", "pairs of mentions found", result["pairs"])
        if size == NAIVE_SIZE:
            _clear_caches()
            start = time.perf_counter()
            naive = _all_pairs(mentions)
            naive_s = time.perf_counter() - start
            same = {(m.a, m.b, m.score) for m in naive} == {(m.a, m.b, m.score) for m in candidate_pairs(mentions)}
            report.add(
                f"naive_pairs_{size}_s", "every pair scored (same scorer)", naive_s, "s",
                f"one run; {size * (size - 1) // 2:,} pairs; same pairs found: {'yes' if same else 'NO'}",
            )  # fmt: skip
            report.add(
                f"naive_over_pairs_{size}", "ratio every pair / candidate_pairs", naive_s / median(pair_times), "x"
            )


BENCHMARKS: list[Benchmark] = [
    Benchmark(
        "library.matching",
        "Actors across workshops: precision/recall on the labelled set, clustering 2,000 and 20,000 mentions",
        bench_matching,
    ),
]
