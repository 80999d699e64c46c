"""What every benchmark module shares: the run's settings, figures, timing and the table.

A benchmark is a function ``run(config, report)`` that measures something and
adds its figures to ``report``; it never asserts. A module of benchmarks lists
its functions in a ``BENCHMARKS`` list of :class:`Benchmark`, and ``run.py``
imports the modules named in its ``MODULES``.
"""

from __future__ import annotations

import gc
import statistics
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["Benchmark", "Config", "Figure", "Report", "median", "percentile", "render", "time_runs"]


@dataclass(frozen=True)
class Config:
    """The settings of one run of the benchmarks.

    ``quick`` asks for smaller sizes (a smoke test); ``workdir`` is a folder
    the benchmark may fill with files (removed after the run unless the user
    chose it); ``runs`` is how many times a timed operation is repeated.
    """

    quick: bool
    workdir: Path
    runs: int


@dataclass(frozen=True)
class Figure:
    """One printed line: a value (``key`` in the JSON), or a heading when ``key`` is empty."""

    key: str
    label: str
    value: Any = None
    unit: str = ""
    note: str = ""


@dataclass
class Report:
    """The figures of one benchmark, in the order they are printed."""

    figures: list[Figure] = field(default_factory=list)

    def add(self, key: str, label: str, value: Any, unit: str = "", note: str = "") -> None:
        self.figures.append(Figure(key, label, value, unit, note))

    def heading(self, label: str) -> None:
        self.figures.append(Figure("", label))

    def as_dict(self) -> dict[str, Any]:
        return {f.key: f.value for f in self.figures if f.key}


@dataclass(frozen=True)
class Benchmark:
    """A named benchmark: ``run(config, report)`` adds figures to ``report``."""

    name: str
    title: str
    run: Callable[[Config, Report], None]


def time_runs(
    fn: Callable[[], Any],
    runs: int,
    setup: Callable[[], Any] | None = None,
    teardown: Callable[[], Any] | None = None,
) -> list[float]:
    """Seconds taken by ``fn()`` in each of ``runs`` runs; ``setup`` and ``teardown`` are not timed.

    The garbage collector stays on (the application runs with it) but collects before each run.
    """
    times = []
    for _ in range(runs):
        if setup is not None:
            setup()
        gc.collect()  # start each run from the same heap, without a pending collection
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
        if teardown is not None:
            teardown()
    return times


def percentile(values: list[float], q: float) -> float:
    """The ``q``-th percentile (0-100) of ``values``, interpolated."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    pos = (len(ordered) - 1) * q / 100
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def median(values: list[float]) -> float:
    return statistics.median(values)


_WIDE = 30


def _format(value: Any, unit: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return value
    if unit == "s":
        return f"{value * 1000:,.1f} ms" if value < 1 else f"{value:,.2f} s"
    if unit == "x":
        return f"{value:,.2f}×"
    if unit == "bytes":
        return f"{value / 1e6:,.2f} MB" if value >= 1e5 else f"{value / 1e3:,.1f} kB"
    if isinstance(value, int):
        return f"{value:,}" + (f" {unit}" if unit else "")
    text = f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.3g}"
    return text + (f" {unit}" if unit else "")


def render(name: str, title: str, report: Report, elapsed: float) -> str:
    """The figures of one benchmark as a plain-text table."""
    rows = [(f.label, _format(f.value, f.unit), f.note) for f in report.figures if f.key]
    width_label = max([len(r[0]) for r in rows] + [6]) + 2
    width_value = max([len(r[1]) for r in rows if len(r[1]) <= _WIDE] + [5])
    lines = [f"{name} — {title}  ({elapsed:.1f} s)", "=" * min(110, len(name) + len(title) + 14)]
    for f in report.figures:
        if not f.key:
            lines.append(f"  {f.label}")
            continue
        label, value, note = f.label, _format(f.value, f.unit), f.note
        if len(value) > _WIDE:  # a long text: on its own lines, wrapped
            lines.append(f"    {label}:")
            lines.extend(textwrap.wrap(value, 100, initial_indent=" " * 6, subsequent_indent=" " * 6))
            continue
        line = f"    {label:<{width_label}}{value:>{width_value}}"
        if note:
            line += f"   {note}"
        lines.append(line.rstrip())
    return "\n".join(lines)
