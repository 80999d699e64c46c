"""How long the insights report takes on random maps (prints figures; asserts nothing about speed).

Run alone with ``pytest tests/unit/analysis/test_timing.py -s`` or
``python tests/unit/analysis/test_timing.py``. The speed goals live in benchmarks/.
"""

from __future__ import annotations

import time

import pytest

from nsc_workshop.analysis import insights
from nsc_workshop.graph import to_networkx
from nsc_workshop.testing import make_workshop

SIZES = (200, 1_000, 10_000)
TIES_PER_ACTOR = 5


def measure(actors: int, seed: int = 1) -> dict[str, float]:
    """Seconds to convert and analyse a random map of ``actors`` actors with 5 ties each."""
    workshop = make_workshop(actors=actors, ties=TIES_PER_ACTOR * actors, seed=seed)
    started = time.perf_counter()
    graph = to_networkx(workshop)
    converted = time.perf_counter() - started
    report = insights(graph, seed=seed)
    return {
        "actors": actors,
        "ties": graph.number_of_edges(),
        "to_networkx_s": converted,
        "insights_s": report.elapsed,
        "estimated": report.map["estimated"],
    }


def _line(row: dict[str, float]) -> str:
    return (
        f"insights() at {row['actors']:>6,} actors / {row['ties']:>6,} ties: {row['insights_s']:.3f} s"
        f" (to_networkx {row['to_networkx_s']:.3f} s{', estimated' if row['estimated'] else ''})"
    )


@pytest.mark.slow
def test_print_insights_timings(capsys):
    insights(to_networkx(make_workshop(actors=20, ties=40)))  # imports and first-call costs
    rows = [measure(n) for n in SIZES]
    with capsys.disabled():
        print()
        for row in rows:
            print(_line(row))
    assert [row["actors"] for row in rows] == list(SIZES)


if __name__ == "__main__":
    insights(to_networkx(make_workshop(actors=20, ties=40)))
    for n in SIZES:
        print(_line(measure(n)))
