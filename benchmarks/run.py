"""Run the benchmarks and print their figures (no asserts: figures and ratios to read).

    .venv/bin/python benchmarks/run.py                 # everything, full size
    .venv/bin/python benchmarks/run.py --quick         # smaller sizes, a smoke test (~8 min on 2 cores)
    .venv/bin/python benchmarks/run.py --only store.open --json figures.json
    .venv/bin/python benchmarks/run.py --list

A benchmark module lists its benchmarks in ``BENCHMARKS``; add its name to
:data:`MODULES` to run it here.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import platform
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # the benchmark modules sit next to this file
    sys.path.insert(0, str(HERE))

from harness import Benchmark, Config, Report, render  # noqa: E402

MODULES = [
    "store_bench",
    "analysis_bench",
    "browser_bench",
    "interaction_bench",
    "room_bench",
    "library_bench",
    "matching_bench",
    "report_bench",
    "io_bench",
    "hub_bench",
]
"""The benchmark modules, in the order they run."""


def all_benchmarks() -> list[Benchmark]:
    found: list[Benchmark] = []
    for name in MODULES:
        found.extend(importlib.import_module(name).BENCHMARKS)
    return found


def _selected(benchmarks: list[Benchmark], only: list[str] | None) -> list[Benchmark]:
    """``--only`` takes a full name (``store.open``) or a prefix (``store``)."""
    if not only:
        return benchmarks
    chosen = [b for b in benchmarks if any(b.name == o or b.name.startswith(o.rstrip(".") + ".") for o in only)]
    if not chosen:
        names = ", ".join(b.name for b in benchmarks)
        raise SystemExit(f"no benchmark matches {', '.join(only)}; known: {names}")
    return chosen


def _environment(quick: bool) -> dict[str, Any]:
    import pydantic
    import sqlalchemy

    import nsc_workshop

    return {
        "started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "quick": quick,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "sqlite": sqlite3.sqlite_version,
        "sqlalchemy": sqlalchemy.__version__,
        "pydantic": pydantic.__version__,
        "nsc_workshop": nsc_workshop.__version__,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke test")
    parser.add_argument(
        "--only", action="append", metavar="NAME", help="run only this benchmark (or prefix); repeatable"
    )
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the figures to this JSON file")
    parser.add_argument("--runs", type=int, help="repetitions of each timed load (default 7, quick 3)")
    parser.add_argument("--workdir", type=Path, help="keep the databases here instead of a temporary folder")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    args = parser.parse_args(argv)

    benchmarks = all_benchmarks()
    if args.list:
        for b in benchmarks:
            print(f"{b.name:<16} {b.title}")
        return 0
    chosen = _selected(benchmarks, args.only)
    runs = args.runs or (3 if args.quick else 7)
    env = _environment(args.quick)
    print(
        f"nsc-workshop benchmarks{' (quick)' if args.quick else ''}: Python {env['python']}, SQLite {env['sqlite']},"
        f" SQLAlchemy {env['sqlalchemy']}, pydantic {env['pydantic']}, {env['cpus']} CPUs, {env['platform']}\n"
    )

    out: dict[str, Any] = {"environment": env, "benchmarks": {}}
    with tempfile.TemporaryDirectory(prefix="nsc-bench-") as tmp:
        for bench in chosen:
            workdir = (args.workdir or Path(tmp)) / bench.name
            workdir.mkdir(parents=True, exist_ok=True)
            report = Report()
            start = time.perf_counter()
            bench.run(Config(quick=args.quick, workdir=workdir, runs=runs), report)
            elapsed = time.perf_counter() - start
            print(render(bench.name, bench.title, report, elapsed), end="\n\n", flush=True)
            out["benchmarks"][bench.name] = {**report.as_dict(), "elapsed_s": elapsed}
    if args.json:
        args.json.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
