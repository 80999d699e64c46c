"""Browser benchmarks: the actor-mapping app driven in Chromium.

The baseline, measured in the same run on the same server, is a bare Voilà
notebook with one button that changes a label: the round trip every widget
click costs, whatever the app does.
"""

from __future__ import annotations

import shutil
import statistics

import nbformat
from analysis_bench import random_workshop
from harness import Benchmark, Config, Report, percentile

from nsc_workshop import open_store
from nsc_workshop.datasets import notebooks_dir
from nsc_workshop.serve import VoilaServer
from nsc_workshop.testing import CHROMIUM_ARGS, chromium_path, only_loopback

__all__ = ["BENCHMARKS"]

CHROMIUM = chromium_path()
ARGS = CHROMIUM_ARGS

BARE = """import ipywidgets as widgets
button = widgets.Button(description="Click")
label = widgets.Label("0")
label.add_class("bare-label")
button.add_class("bare-button")
def clicked(_):
    label.value = str(int(label.value) + 1)
button.on_click(clicked)
widgets.VBox([button, label])"""

# Click, then wait (in the page) until the map shows one more actor.
ADD_AND_WAIT = """async () => {
  const view = document.querySelector('.nsc-network-view');
  const before = Number(view.dataset.actors);
  const button = [...document.querySelectorAll('.nsc-quick-add button')].find(b => b.textContent.includes('Add actor'));
  const start = performance.now();
  const done = new Promise(resolve => {
    const watch = new MutationObserver(() => {
      if (Number(view.dataset.actors) > before) { watch.disconnect(); resolve(performance.now() - start); }
    });
    watch.observe(view, {attributes: true});
  });
  button.click();
  return await done;
}"""

CLICK_BARE = """async () => {
  const label = document.querySelector('.bare-label');
  const before = label.textContent;
  const button = document.querySelector('.bare-button');
  const start = performance.now();
  const done = new Promise(resolve => {
    const watch = new MutationObserver(() => {
      if (label.textContent !== before) { watch.disconnect(); resolve(performance.now() - start); }
    });
    watch.observe(label, {subtree: true, childList: true, characterData: true});
  });
  button.click();
  return await done;
}"""


def bench_add_actor(config: Config, report: Report) -> None:
    from playwright.sync_api import sync_playwright

    actors = 200
    clicks = 8 if config.quick else 25
    folder = config.workdir / "notebooks"
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(notebooks_dir() / "02_actor_mapping.ipynb", folder)
    bare = nbformat.v4.new_notebook()
    bare.cells = [nbformat.v4.new_code_cell(BARE)]
    nbformat.write(bare, folder / "bare.ipynb")
    url = f"sqlite:///{config.workdir / 'bench.db'}"
    store = open_store(url)
    workshop = random_workshop(actors, seed=3)
    store.import_workshop(workshop)
    store.close()

    with VoilaServer(url, notebooks=folder, quiet=True) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.route("**/*", only_loopback)
        page.set_default_timeout(120_000)

        page.goto(server.url_for("bare.ipynb"))
        page.locator(".bare-button").wait_for()
        page.evaluate(CLICK_BARE)  # warm up
        bare_times = [page.evaluate(CLICK_BARE) for _ in range(clicks)]

        page.goto(server.url_for("02_actor_mapping.ipynb", workshop=workshop.id))
        page.locator(f".nsc-network-view[data-actors='{actors}']").wait_for()
        name = page.locator(".nsc-quick-add input[type=text]").first
        app_times = []
        for i in range(clicks + 1):
            name.fill(f"Benchmark organisation {i}")
            page.wait_for_timeout(150)  # the name reaches the kernel before the click is timed
            elapsed = page.evaluate(ADD_AND_WAIT)
            if i:  # the first add warms caches
                app_times.append(elapsed)
            page.wait_for_timeout(300)  # let the insights and the other views finish
        final = int(page.locator(".nsc-network-view").get_attribute("data-actors") or 0)
        browser.close()

    bare_median = statistics.median(bare_times)
    app_median = statistics.median(app_times)
    report.heading(f"Chromium, Voilà; {clicks} clicks each after a warm-up")
    report.add(
        "bare_click_ms", "bare notebook: click → label changed", bare_median, "ms",
        f"median; p90 {percentile(bare_times, 90):.0f} ms",
    )  # fmt: skip
    report.add(
        "add_actor_ms", f"actor map ({actors} actors): Add → map shows it", app_median, "ms",
        f"median; p90 {percentile(app_times, 90):.0f} ms; max {max(app_times):.0f} ms; target ≤ 150 ms: "
        + ("PASS" if app_median <= 150 else "MISS"),
    )  # fmt: skip
    report.add("add_ratio", "ratio actor map / bare round trip", app_median / bare_median, "x")
    report.add("actors_after", "actors on the map afterwards", final, "", f"expected {actors + clicks + 1}")


BENCHMARKS: list[Benchmark] = [
    Benchmark("browser.add_actor", "Add an actor on a 200-actor map until the view has updated", bench_add_actor),
]
