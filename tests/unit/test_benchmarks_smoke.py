"""Smoke test of the benchmarks: ``benchmarks/run.py --quick`` runs each benchmark and writes its figures.

Not a timing test: it only checks that the run succeeds and every figure is there and positive.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]

LIBRARY_SEARCHES = ("word", "words", "three_words", "prefix", "prefix_words", "word_area", "word_city",
                    "words_status", "word_dates", "filters_only", "newest")  # fmt: skip
LIBRARY_KEYS = [
    "records",
    "load_s",
    "load_records_per_s",
    "actors",
    "ties",
    "ideas",
    "db_bytes",
    "count_s",
    "records_s",
    *(f"search_{key}_s" for key in LIBRARY_SEARCHES),
    "search_median_s",
    "search_p90_s",
    "search_worst_median_s",
    "search_worst_over_count",
    "similar_median_s",
    "similar_over_count",
    "coverage_city_s",
    "coverage_year_s",
    "recurring_actors_s",
    "idea_themes_s",
    "merge_suggestions_s",
    "alliance_map_s",
    "alliance_nodes",
    "alliance_edges",
    "recurring_actors_over_records",
    "idea_themes_over_records",
    "merge_suggestions_over_records",
    "alliance_map_over_records",
    "coverage_city_over_count",
]
"""The figures of ``library.sqlite`` and ``library.postgresql`` (the same keys on each backend)."""

HUB_KEYS = [
    "cities",
    "participants",
    "servers_started_s",
    "join_median_s",
    "join_p95_s",
    "saved_median_s",
    "saved_p95_s",
    "hub_rss_after_mib",
    "laptop_join_p95_s",
    "laptop_saved_p95_s",
    "join_over_laptop",
]
"""The figures of ``hub.cities``: ten cities on one hub (three with --quick), beside a laptop's room."""

EXPECTED = {
    "room.load": [
        "participants",
        "join_median_s",
        "join_p95_s",
        "saved_p95_s",
        "visible_p95_s",
        "server_rss_before_mib",
        "notes_sent",
        "notes_stored",
        "dots_stored",
        "voila_answered_median_s",
        "voila_mib_per_page",
        "join_speedup",
    ],
    "store.open": [
        "build_events",
        "build_events_per_s",
        "state_actors",
        "state_ties",
        "state_ideas",
        "state_votes",
        "cold_median_s",
        "cold_min_s",
        "cold_events_folded",
        "snapshot_median_s",
        "snapshot_min_s",
        "cold_over_snapshot",
        "prev_snapshot_median_s",
        "at_half_median_s",
        "parse_snapshot_s",
        "fold_events_s",
    ],
    "store.append": [
        "one_events_per_s",
        "raw_one_events_per_s",
        "raw_stmts_one_events_per_s",
        "one_raw_over_session",
        "many_wall_s",
        "many_events_per_s",
        "many_ideas_present",
        "many_per_writer",
        "raw_many_events_per_s",
        "many_raw_over_session",
    ],
    "report.html": ["old_png150_s", "svg_first_s", "svg_again_s", "old_over_first", "page_bytes", "cli_s"],
    "library.sqlite": LIBRARY_KEYS,
    "library.postgresql": LIBRARY_KEYS,
    "hub.cities": HUB_KEYS,
    "library.matching": [
        "threshold",
        "precision",
        "recall",
        "f1",
        "precision_minus5",
        "recall_minus5",
        "f1_minus5",
        "precision_plus5",
        "recall_plus5",
        "f1_plus5",
        "cluster_2000_s",
        "clusters_2000",
        "pairs_2000_s",
        "pairs_2000",
        "naive_pairs_2000_s",
        "naive_over_pairs_2000",
    ],
}


BENCHMARKS = (
    "store.open", "store.append", "analysis.insights", "browser.add_actor", "interaction.first_input",
    "interaction.live_latency", "room.load", "room.phones", "library.sqlite", "library.postgresql",
    "library.matching", "report.html", "io.large", "io.corpus", "hub.cities",
)  # fmt: skip
"""Every benchmark of ``benchmarks/run.py --list``, each smoke-tested in a run of its own (one run of all of
them takes ~8 minutes on 2 cores, more than a test should; each alone stays well inside the test timeout)."""


def _numbers(figures: dict[str, Any]) -> dict[str, float]:
    return {k: v for k, v in figures.items() if isinstance(v, int | float) and not isinstance(v, bool)}


@pytest.mark.slow
@pytest.mark.timeout(420)  # the slowest (interaction.first_input: two servers, a refilling kernel pool) takes ~150 s
@pytest.mark.parametrize("name", BENCHMARKS)
def test_quick_run_writes_every_figure(name: str, tmp_path: Path) -> None:
    out = tmp_path / "figures.json"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--only", name, "--json", str(out)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=400,  # inside the test's own timeout, so a hung run fails with its output
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-4000:]
    assert "Traceback" not in proc.stderr
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["environment"]["quick"] is True
    assert list(figures["benchmarks"]) == [name]  # --only ran this one, nothing else
    got = figures["benchmarks"][name]
    if name == "library.postgresql" and "skipped" in got:  # no PostgreSQL here: a note instead of figures
        assert os.environ.get("NSC_REQUIRE_POSTGRES") != "1", got["skipped"]
        return
    numbers = _numbers(got)
    assert numbers.get("elapsed_s", 0) > 0 and len(numbers) > 1, got  # it measured something
    for key in EXPECTED.get(name, ()):
        assert isinstance(got[key], int | float), (name, key, got.get(key))
        assert got[key] > 0, (name, key, got[key])
    if name == "store.append":
        assert got["many_ideas_present"] == got["many_writers"] * got["many_per_writer"]
        assert got["many_head"] == got["many_ideas_present"] + 1
    elif name == "store.open":
        assert got["build_events"] == 2_000
    elif name == "library.sqlite":
        assert got["records"] == 200
    elif name == "hub.cities":  # every city's notes in its own database, none lost, none in another city's
        assert got["notes_stored"] == got["participants"] * 10
        assert got["notes_lost"] == got["notes_in_another_city"] == got["refused"] == 0
    elif name == "room.load":
        assert got["notes_stored"] == got["notes_sent"] == got["participants"] * 10
        assert got["notes_lost"] == got["notes_duplicated"] == got["refused"] == 0
        assert got["dots_stored"] == got["participants"] * 3


def test_runner_lists_every_benchmark() -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--list"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    listed = [line.split()[0] for line in proc.stdout.splitlines() if line.strip()]
    assert listed == list(BENCHMARKS)  # the smoke test above runs every benchmark there is
