"""Benchmarks of the secretariat library: loading, search, similar cases and the aggregates across cities.

``library.sqlite``      1,000 synthetic published workshops (200 with ``--quick``) in a SQLite file.
``library.postgresql``  The same on a throwaway PostgreSQL server (skipped, with a note, when none can be started).

Each loads the records with ``publish_many``, then times a fixed set of
searches, similar cases for a few records, the aggregates (``coverage`` by
city and by year, ``recurring_actors``, ``idea_themes``, ``merge_suggestions``)
and the alliance-wide map. The baselines, measured in the same run on the same
database, are a plain ``count(*)`` (``library.count()``: one round trip) and
reading every record whole (``library.records()``: every row's JSON parsed).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import time
from collections.abc import Callable, Iterator
from typing import Any

import sqlalchemy as sa
from harness import Benchmark, Config, Report, median, percentile, time_runs

from nsc_workshop.library import matching
from nsc_workshop.library.aggregate import alliance_map, coverage, idea_themes, merge_suggestions, recurring_actors
from nsc_workshop.library.db import Library, open_library
from nsc_workshop.testing import (
    POSTGRES_ENV,
    postgres_server,
    synthetic_records,
    temporary_postgres_database,
)

__all__ = ["BENCHMARKS", "QUERIES"]

SIZES = {False: 1_000, True: 200}
"""Records loaded: full size and with ``--quick``."""
TARGET_S = 1.0
"""The target: every search (its median) and every aggregate within a second."""
SIMILAR_OF = ("rec-00000", "rec-00001", "rec-00002", "rec-00003", "rec-00004")

QUERIES: list[tuple[str, str, str, dict[str, Any]]] = [
    ("word", "one word", "extremism", {}),
    ("words", "two words", "online hate", {}),
    ("three_words", "three words", "hate speech gaming", {}),
    ("prefix", "a prefix", "polic", {}),
    ("prefix_words", "a prefix and a word", "radical young", {}),
    ("word_area", "a word + Blueprint area", "hate", {"area": "digital"}),
    ("word_city", "a word + city", "school", {"city": "Varnholm"}),
    ("words_status", "two words + status", "media literacy", {"status": "piloted"}),
    ("word_dates", "a word + date range", "dialogue", {"since": "2023-01-01", "until": "2024-12-31"}),
    ("filters_only", "no words: area, status, since", "", {"area": "youth", "status": ["tested", "piloted"],
                                                           "since": "2023-01-01"}),
    ("newest", "no words, no filters (newest first)", "", {}),
]  # fmt: skip
"""The searches timed: key, label, query, filters."""


def _clear_caches() -> None:
    """Start each aggregate run cold: the matcher keeps name analyses in caches between calls."""
    clear: Callable[[], None] | None = getattr(matching, "_clear_caches", None)
    if clear is not None:
        clear()


def _verdict(seconds: float) -> str:
    return f"target ≤ {TARGET_S:g} s: " + ("PASS" if seconds <= TARGET_S else "MISS")


def _span(values: list[int]) -> str:
    low, high = min(values), max(values)
    return f"{low}" if low == high else f"{low}-{high}"


def _db_bytes(library: Library, url: str) -> int:
    if library.backend == "postgresql":
        with library.engine.connect() as conn:
            return int(conn.execute(sa.text("SELECT pg_database_size(current_database())")).scalar() or 0)
    path = url.removeprefix("sqlite:///")
    return sum(os.path.getsize(p) for p in (path, f"{path}-wal") if os.path.exists(p))


def _measure(config: Config, report: Report, url: str, backend: str) -> None:
    start = time.perf_counter()
    records = synthetic_records(SIZES[config.quick])
    made_s = time.perf_counter() - start
    library = open_library(url)
    try:
        _measure_library(config, report, library, url, records, made_s, backend)
    finally:
        library.close()


def _measure_library(
    config: Config, report: Report, library: Library, url: str, records: list[Any], made_s: float, backend: str
) -> None:
    runs = config.runs
    size = len(records)

    # -- load ------------------------------------------------------------------------
    start = time.perf_counter()
    library.publish_many(records)
    load_s = time.perf_counter() - start
    records.clear()  # not needed any more: fewer objects for each timed run's garbage collection
    report.heading(f"Load: {size:,} synthetic published workshops, publish_many in one transaction ({backend})")
    report.add("records", "records in the library", library.count())
    report.add("load_s", "publish_many", load_s, "s", f"one run; making the records took {made_s * 1000:,.0f} ms")
    report.add("load_records_per_s", "load rate", size / load_s, "records/s")
    actors, ties, ideas = len(library.actor_rows()), len(library.tie_rows()), len(library.idea_rows())
    report.add("actors", "actors (all records)", actors)
    report.add("ties", "ties (all records)", ties)
    report.add("ideas", "ideas (all records)", ideas)
    report.add("db_bytes", "database size", _db_bytes(library, url), "bytes")

    # -- baselines ---------------------------------------------------------------------
    count_s = median(time_runs(library.count, runs))
    records_s = median(time_runs(library.records, runs))
    report.heading(f"Baselines (median of {runs})")
    report.add("count_s", "library.count(): SELECT count(*)", count_s, "s")
    report.add("records_s", "library.records(): every record's JSON parsed", records_s, "s")

    # -- search --------------------------------------------------------------------------
    report.heading(f"Search ({len(QUERIES)} queries, limit 50, median of {runs}; p90 of the runs beside it)")
    medians: dict[str, float] = {}
    for key, label, query, filters in QUERIES:
        found: dict[str, int] = {}

        def search(query: str = query, filters: dict[str, Any] = filters, found: dict[str, int] = found) -> None:
            found["hits"] = len(library.search(query, **filters))

        times = time_runs(search, runs)
        medians[key] = median(times)
        shown = f"{query!r}" + "".join(f", {k}={v}" for k, v in filters.items())
        note = f"p90 {percentile(times, 90) * 1000:,.1f} ms; {found['hits']} hits; {shown}"
        report.add(f"search_{key}_s", label, medians[key], "s", note)
    worst = max(medians, key=lambda k: medians[k])
    values = list(medians.values())
    report.add("search_median_s", "median of the queries' medians", median(values), "s")
    report.add("search_p90_s", "p90 of the queries' medians", percentile(values, 90), "s")
    report.add(
        "search_worst_median_s",
        "slowest query (its median)",
        medians[worst],
        "s",
        f"{worst}; {_verdict(medians[worst])}",
    )
    report.add("search_worst_over_count", "ratio slowest search / count(*)", medians[worst] / count_s, "x")

    # -- similar cases ----------------------------------------------------------------------
    similar_medians = []
    found_similar: list[int] = []
    for rid in SIMILAR_OF:
        times = time_runs(lambda rid=rid: found_similar.append(len(library.similar(rid))), runs)
        similar_medians.append(median(times))
    report.heading(f"Similar cases: library.similar(...) for {len(SIMILAR_OF)} records (median of {runs} each)")
    report.add(
        "similar_median_s",
        "median over the records",
        median(similar_medians),
        "s",
        f"slowest record {max(similar_medians) * 1000:,.1f} ms; {_span(found_similar)} cases each",
    )
    report.add("similar_over_count", "ratio similar / count(*)", median(similar_medians) / count_s, "x")

    # -- aggregates -------------------------------------------------------------------------
    report.heading(f"Across cities (median of {runs}, the matcher's caches cleared before each run)")
    aggregates: list[tuple[str, str, Callable[[], Any], str]] = [
        ("coverage_city", "coverage(by='city')", lambda: coverage(library, "city"), "rows"),
        ("coverage_year", "coverage(by='year')", lambda: coverage(library, "year"), "rows"),
        ("recurring_actors", "recurring_actors", lambda: recurring_actors(library), "organisations"),
        ("idea_themes", "idea_themes", lambda: idea_themes(library), "themes"),
        ("merge_suggestions", "merge_suggestions", lambda: merge_suggestions(library), "suggestions"),
    ]
    aggregate_s: dict[str, float] = {}
    for key, label, fn, what in aggregates:
        result: dict[str, int] = {}

        def run(fn: Callable[[], Any] = fn, result: dict[str, int] = result) -> None:
            result["n"] = len(fn())

        aggregate_s[key] = median(time_runs(run, runs, setup=_clear_caches))
        note = f"{result['n']:,} {what}; {_verdict(aggregate_s[key])}"
        report.add(f"{key}_s", label, aggregate_s[key], "s", note)

    built: dict[str, Any] = {}

    def build() -> None:
        built["map"] = alliance_map(library)

    alliance_times = time_runs(build, runs, setup=_clear_caches)
    alliance_s = median(alliance_times)
    graph = built["map"].graph
    report.heading(f"The alliance-wide map: alliance_map (median of {runs}, caches cleared before each run)")
    report.add("alliance_map_s", "alliance_map", alliance_s, "s", f"min {min(alliance_times) * 1000:,.0f} ms")
    report.add("alliance_nodes", "organisations (nodes)", graph.number_of_nodes(), note=f"from {actors:,} actors")
    report.add("alliance_edges", "edges (one per kind of tie)", graph.number_of_edges(), note=f"from {ties:,} ties")

    report.heading("Ratios against reading every record (library.records())")
    for key in ("recurring_actors", "idea_themes", "merge_suggestions"):
        report.add(f"{key}_over_records", f"{key} / records()", aggregate_s[key] / records_s, "x")
    report.add("alliance_map_over_records", "alliance_map / records()", alliance_s / records_s, "x")
    report.add(
        "coverage_city_over_count", "coverage(by='city') / count(*)", aggregate_s["coverage_city"] / count_s, "x"
    )


def bench_sqlite(config: Config, report: Report) -> None:
    path = config.workdir / "library.db"
    for suffix in ("", "-wal", "-shm"):
        (config.workdir / f"library.db{suffix}").unlink(missing_ok=True)
    _measure(config, report, f"sqlite:///{path}", "SQLite file")


@contextlib.contextmanager
def _postgres() -> Iterator[str]:
    """A PostgreSQL server: ``$NSC_TEST_POSTGRES_URL`` if set, else a throwaway one started here."""
    given = os.environ.get(POSTGRES_ENV)
    if given:
        yield given
        return
    with postgres_server() as url:
        yield url


def bench_postgresql(config: Config, report: Report) -> None:
    with contextlib.ExitStack() as stack:
        start = time.perf_counter()
        try:
            server = stack.enter_context(_postgres())
            url = stack.enter_context(temporary_postgres_database(server))
        except (FileNotFoundError, KeyError, subprocess.CalledProcessError, sa.exc.OperationalError) as exc:
            detail = " ".join(str(exc).split())[:200]
            report.add("skipped", "PostgreSQL", f"skipped, no server could be started or reached: {detail}")
            return
        started_s = time.perf_counter() - start
        report.add("server_start_s", "server and database ready", started_s, "s", "not part of any figure below")
        _measure(config, report, url, "PostgreSQL")


BENCHMARKS: list[Benchmark] = [
    Benchmark("library.sqlite", "The secretariat library on SQLite: load, search, aggregates", bench_sqlite),
    Benchmark("library.postgresql", "The same on PostgreSQL (a throwaway server)", bench_postgresql),
]
