"""The workshop report of the sample workshop: today's path beside the old one, measured in the same run.

- **old path** (the baseline, still callable): every figure drawn again and
  embedded as a PNG at 150 dpi (the CLI's) and at 110 dpi (the Report
  button's), ``fmt="png"`` with the figure cache emptied before each run;
- **today, first report** of a state of the workshop: SVG figures, each drawn
  once (the cache emptied before each run, imports warm: the button's case,
  and the CLI's after its imports); **target ≤ 2 s**, PASS/MISS;
- **today, first report in two forked processes** (``workers=2``, an option of
  ``write_report``; not the default: it was slower on the shared machine);
- **today, again**: the same state again (a second click, or the PDF after the
  HTML): every figure from the cache;
- **the CLI** end to end in a fresh process (``nsc-workshop report … --out
  report.html`` on a SQLite store holding the sample: imports, load, report,
  file), once.

CPU seconds of this process are printed beside each wall-clock figure: the
machine is shared, and CPU time moves less with what else runs.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

from harness import Benchmark, Config, Report, median

__all__ = ["BENCHMARKS"]

TARGET_S = 2.0


def _timed(fn: Callable[[], Any], runs: int, before: Callable[[], Any] | None = None) -> tuple[float, float, Any]:
    """Median wall and CPU seconds of ``runs`` calls of ``fn`` (``before`` runs untimed before each), and a result."""
    import gc

    walls, cpus, result = [], [], None
    for _ in range(runs):
        if before is not None:
            before()
        gc.collect()
        wall, cpu = time.perf_counter(), time.process_time()
        result = fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return median(walls), median(cpus), result


def bench_report(config: Config, report: Report) -> None:
    from nsc_workshop import open_store
    from nsc_workshop.datasets import SAMPLE_WORKSHOP_ID, load_sample
    from nsc_workshop.report import workshop_report_html
    from nsc_workshop.report._html import clear_figure_cache

    workshop = load_sample()
    runs = 1 if config.quick else max(1, min(config.runs, 3))
    if not config.quick:
        workshop_report_html(workshop, language="en", fmt="svg")  # imports and fonts warm, not timed
    report.heading(f"The sample workshop ({len(workshop.actors)} actors, 12 figures), English; median of {runs}")

    old_wall, old_cpu, old_page = _timed(
        lambda: workshop_report_html(workshop, language="en", fmt="png", dpi=150), runs, clear_figure_cache
    )
    report.add("old_png150_s", "old path: PNG at 150 dpi, all drawn", old_wall, "s", f"CPU {old_cpu:.2f} s")
    if not config.quick:
        button_wall, button_cpu, _ = _timed(
            lambda: workshop_report_html(workshop, language="en", fmt="png", dpi=110), runs, clear_figure_cache
        )
        report.add("old_png110_s", "old button: PNG at 110 dpi, all drawn", button_wall, "s", f"CPU {button_cpu:.2f} s")

    new_wall, new_cpu, new_page = _timed(
        lambda: workshop_report_html(workshop, language="en"), runs, clear_figure_cache
    )
    verdict = "PASS" if new_wall <= TARGET_S else "MISS"
    report.add(
        "svg_first_s",
        "today: first report of this state (SVG)",
        new_wall,
        "s",
        f"CPU {new_cpu:.2f} s; target ≤ {TARGET_S:.0f} s: {verdict}",
    )
    from nsc_workshop.report._html import default_workers

    workers = default_workers()
    if workers > 1:
        forked_wall, _, _ = _timed(
            lambda: workshop_report_html(workshop, language="en", workers=workers), runs, clear_figure_cache
        )
        verdict = "PASS" if forked_wall <= TARGET_S else "MISS"
        report.add(
            "svg_forked_s",
            f"today: first report, {workers} forked processes",
            forked_wall,
            "s",
            f"target ≤ {TARGET_S:.0f} s: {verdict}",
        )
    again_wall, again_cpu, _ = _timed(lambda: workshop_report_html(workshop, language="en"), max(runs, 3))
    report.add("svg_again_s", "today: the same state again (cached)", again_wall, "s", f"CPU {again_cpu:.3f} s")
    report.add("old_over_first", "ratio old / today (first report)", old_wall / new_wall, "x")
    report.add("old_over_again", "ratio old / today (again)", old_wall / max(again_wall, 1e-6), "x")
    report.add("old_page_bytes", "page size, old (PNG)", len(old_page.encode("utf-8")), "bytes")
    report.add("page_bytes", "page size, today (SVG)", len(new_page.encode("utf-8")), "bytes")

    url = f"sqlite:///{config.workdir / 'report-bench.sqlite'}"
    store = open_store(url)
    if SAMPLE_WORKSHOP_ID not in {row.id for row in store.list_workshops()}:
        store.import_workshop(load_sample())
    store.close()
    out = config.workdir / "report.html"
    command = [sys.executable, "-c", "from nsc_workshop.cli import main; main()"]
    args = ["report", SAMPLE_WORKSHOP_ID, "--out", str(out), "--lang", "en", "--db", url]
    start = time.perf_counter()
    done = subprocess.run([*command, *args], capture_output=True, text=True, timeout=300, check=False)
    cli = time.perf_counter() - start
    if done.returncode == 0:
        report.add("cli_s", "the CLI end to end (fresh process)", cli, "s", "imports, load, report, file; one run")
    else:
        report.add("cli_failed", "the CLI failed", (done.stderr or done.stdout).strip()[-200:])


BENCHMARKS: list[Benchmark] = [
    Benchmark("report.html", "The workshop report of the sample: old PNG path vs SVG drawn once", bench_report),
]
