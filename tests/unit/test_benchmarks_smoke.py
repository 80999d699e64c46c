"""Smoke test of the benchmarks: ``benchmarks/run.py --quick`` runs and writes its figures.

Not a timing test: it only checks that the run succeeds and every figure is there and positive.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

EXPECTED = {
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
}


@pytest.mark.slow
@pytest.mark.timeout(400)
def test_quick_run_writes_every_figure(tmp_path: Path) -> None:
    out = tmp_path / "figures.json"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--json", str(out)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=390,  # the browser benchmarks start Voilà servers and load pages: about 2.5 minutes on 2 cores
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-4000:]
    assert "Traceback" not in proc.stderr
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["environment"]["quick"] is True
    for bench, keys in EXPECTED.items():
        got = figures["benchmarks"][bench]
        for key in keys:
            assert isinstance(got[key], int | float), (bench, key, got.get(key))
            assert got[key] > 0, (bench, key, got[key])
    appended = figures["benchmarks"]["store.append"]
    assert appended["many_ideas_present"] == appended["many_writers"] * appended["many_per_writer"]
    assert appended["many_head"] == appended["many_ideas_present"] + 1
    assert figures["benchmarks"]["store.open"]["build_events"] == 2_000


def test_runner_lists_the_store_benchmarks() -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--list"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert "store.open" in proc.stdout
    assert "store.append" in proc.stdout
