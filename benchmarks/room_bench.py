"""The room at a room's scale: many participants joining and writing at once, beside the Voilà page they had before.

``room.load``: N simulated participants (HTTP + WebSocket clients speaking the
room's protocol, not browsers: :class:`nsc_workshop.room.client.RoomClient`)
join one room at once; then each writes 10 How-might-we notes (a note every
0.2-1 s, as fast as anyone types one) and gives 3 dots. Measured:

- **join**: from the join request to the device's whole view received (the
  page is usable);
- **visible to the facilitator**: from a note's send to the moment a
  facilitator's session (in a process of its own, pulling every
  ``POLL_SECONDS`` as the facilitator's app does) has it;
- **saved**: from send to the device's ack;
- **server memory**: the server process's resident memory before the joins and
  after everything (the room needs no kernel: there is nothing else);
- **stored**: notes and dots in the store afterwards, lost and duplicated.

The baseline, in the same run: the Voilà participant page every participant
opened before the room (``03_innovation_sprint.ipynb?role=participant``): M
pages asked for at once, each answered once its kernel has run the app
(Voilà renders the page whole), and the memory of the server and its kernels.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import multiprocessing
import os
import random
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import psutil
from harness import Benchmark, Config, Report, median, percentile

from nsc_workshop import open_store
from nsc_workshop.datasets import SAMPLE_WORKSHOP_ID, load_sample
from nsc_workshop.room.client import RoomClient
from nsc_workshop.serve import VoilaServer
from nsc_workshop.testing import CHROMIUM_ARGS, chromium_path
from nsc_workshop.widgets.app_frame import POLL_SECONDS

__all__ = ["BENCHMARKS"]

NOTES_EACH = 10
DOTS_EACH = 3
MIB = 1024 * 1024


def _rss(pid: int, children: bool = False) -> int:
    root = psutil.Process(pid)
    procs = [root, *(root.children(recursive=True) if children else [])]
    total = 0
    for proc in procs:
        with contextlib.suppress(psutil.Error):  # a kernel that just exited
            total += proc.memory_info().rss
    return total


def _facilitator(url: str, workshop: str, ready: Any, stop: Any, seen: Any) -> None:
    """In a process of its own: the facilitator's session, pulling as the facilitator's app does."""
    store = open_store(url)
    session = store.session(workshop, participant="facilitator")
    known = set(session.workshop.framing.hmw_notes)
    ready.set()
    out: dict[str, float] = {}
    while not stop.is_set():
        time.sleep(POLL_SECONDS)
        session.refresh()
        now = time.time()
        for note in session.workshop.framing.hmw_notes.values():
            if note.id not in known:
                known.add(note.id)
                out[note.text] = now
    seen.update(out)


async def _participant(link: str, i: int, rng: random.Random, sent: dict[str, float], joins: list[float],
                       acks: list[float], failures: list[str], start: asyncio.Event) -> RoomClient:  # fmt: skip
    client = RoomClient(link)
    began = time.perf_counter()
    await client.join(f"P{i:03d}")
    await client.connect(timeout=120)
    joins.append(time.perf_counter() - began)
    await start.wait()
    for n in range(NOTES_EACH):
        await asyncio.sleep(rng.uniform(0.2, 1.0))
        text = f"P{i:03d} note {n}"
        sent[text] = time.time()
        t0 = time.perf_counter()
        ack = await client.op("hmw.add", text=text, timeout=120)
        acks.append(time.perf_counter() - t0)
        if not ack.get("ok"):
            failures.append(str(ack.get("error")))
    notes = [k for k, v in client.items.items() if v.get("k") == "hmw"]
    for target in rng.sample(notes, DOTS_EACH):
        ack = await client.op("dot.add", target=target, timeout=120)
        if not ack.get("ok"):
            failures.append(str(ack.get("error")))
    return client


def _room_load(config: Config, report: Report, people: int) -> None:
    url = f"sqlite:///{config.workdir / 'room.db'}"
    store = open_store(url)
    store.import_workshop(load_sample(), replace=True)
    host = store.session(SAMPLE_WORKSHOP_ID, participant="facilitator")
    host.update_settings(vote_budgets={"hmw": DOTS_EACH, "ideas": 3})
    notes_before = len(store.load(SAMPLE_WORKSHOP_ID).framing.hmw_notes)
    votes_before = len(store.load(SAMPLE_WORKSHOP_ID).votes)
    ctx = multiprocessing.get_context("spawn")
    manager = ctx.Manager()
    ready, stop, seen = manager.Event(), manager.Event(), manager.dict()
    with VoilaServer.for_room(url, workshop=SAMPLE_WORKSHOP_ID, quiet=True) as server:
        link = server.participant_url()
        assert server.process is not None
        with urllib.request.urlopen(f"{server.base_url}/room/api/strings", timeout=30):
            pass  # the server has imported what a join needs
        rss_before = _rss(server.process.pid)
        facilitator = ctx.Process(target=_facilitator, args=(url, SAMPLE_WORKSHOP_ID, ready, stop, seen))
        facilitator.start()
        ready.wait(60)
        sent: dict[str, float] = {}
        joins: list[float] = []
        acks: list[float] = []
        failures: list[str] = []

        async def room() -> tuple[float, float, list[RoomClient]]:
            rng = random.Random(7)
            start = asyncio.Event()
            tasks = [
                asyncio.ensure_future(
                    _participant(link, i, random.Random(rng.random()), sent, joins, acks, failures, start)
                )
                for i in range(people)
            ]
            began = time.perf_counter()
            while len(joins) < people and not any(t.done() for t in tasks):
                await asyncio.sleep(0.05)
            all_joined = time.perf_counter() - began
            rss_joined = _rss(server.process.pid)  # type: ignore[union-attr]
            start.set()
            clients = await asyncio.gather(*tasks)
            return all_joined, rss_joined, clients

        all_joined, rss_joined, clients = asyncio.run(room())
        time.sleep(POLL_SECONDS * 3)  # the facilitator's last pull
        stop.set()
        facilitator.join(60)
        rss_after = _rss(server.process.pid)
        visible = [seen[text] - at for text, at in sent.items() if text in seen]
        received = min(sum(1 for i in c.items.values() if i.get("k") == "hmw") for c in clients)
    workshop = store.load(SAMPLE_WORKSHOP_ID)
    texts = [n.text for n in workshop.framing.hmw_notes.values()][notes_before:]
    ours = [t for t in texts if t.startswith("P") and " note " in t]
    dots = len(workshop.votes) - votes_before
    report.heading(f"{people} participants join one room at once, then each writes {NOTES_EACH} notes and gives "
                   f"{DOTS_EACH} dots")  # fmt: skip
    report.add("participants", "participants", people)
    report.add("join_median_s", "join: median", median(joins), "s", "join request → whole view received")
    report.add("join_p95_s", "join: p95", percentile(joins, 95), "s", "target ≤ 1 s")
    report.add("join_max_s", "join: slowest", max(joins), "s")
    report.add("all_joined_s", "all joined after", all_joined, "s")
    report.add("saved_median_s", "saved (ack): median", median(acks), "s")
    report.add("saved_p95_s", "saved (ack): p95", percentile(acks, 95), "s")
    report.add("visible_median_s", "visible to the facilitator: median", median(visible), "s",
               f"facilitator's session pulls every {POLL_SECONDS} s")  # fmt: skip
    report.add("visible_p95_s", "visible to the facilitator: p95", percentile(visible, 95), "s", "target ≤ 0.5 s")
    report.add("visible_max_s", "visible to the facilitator: slowest", max(visible), "s")
    report.add("server_rss_before_mib", "server memory before the joins", rss_before / MIB, "MiB")
    report.add("server_rss_joined_mib", "server memory, everyone joined", rss_joined / MIB, "MiB")
    report.add("server_rss_after_mib", "server memory, after everything", rss_after / MIB, "MiB")
    per = (max(rss_joined, rss_after) - rss_before) / people / MIB
    report.add("server_mib_per_participant", "server memory per participant", per, "MiB", "target ≤ 2 MiB")
    report.add("notes_sent", "notes sent", len(sent))
    report.add("notes_stored", "notes stored", len(ours), note="expected: participants × 10")
    report.add("notes_duplicated", "notes stored twice", len(ours) - len(set(ours)))
    report.add("notes_lost", "notes lost", len(set(sent) - set(ours)))
    report.add("dots_stored", "dots stored", dots, note="expected: participants × 3")
    report.add("refused", "contributions refused", len(failures))
    report.add("fewest_notes_on_a_page", "notes on the page that shows fewest", received,
               note="every page shows every note (+ the sample's)")  # fmt: skip
    if failures:
        report.add("refused_first", "first refusal", failures[0])


def _voila_baseline(config: Config, report: Report, pages: int) -> None:
    url = f"sqlite:///{config.workdir / 'voila.db'}"
    open_store(url).import_workshop(load_sample(), replace=True)
    with VoilaServer(url, preheat=True, pool_size=1, quiet=True) as server:
        assert server.process is not None
        link = server.url_for("03_innovation_sprint.ipynb", workshop=SAMPLE_WORKSHOP_ID, role="participant")
        deadline = time.monotonic() + 120
        while len([p for p in psutil.Process(server.process.pid).children(recursive=True)
                   if "ipykernel" in " ".join(p.cmdline())]) < 1 and time.monotonic() < deadline:  # fmt: skip
            time.sleep(0.2)
        time.sleep(3)  # the pool's kernel has run the app up to the request
        rss_before = _rss(server.process.pid, children=True)

        def open_page(i: int) -> float:
            began = time.perf_counter()
            with urllib.request.urlopen(f"{link}&name=p{i}", timeout=600) as answer:
                answer.read()
            return time.perf_counter() - began

        with ThreadPoolExecutor(pages) as pool:
            answered = list(pool.map(open_page, range(pages)))
        rss_after = _rss(server.process.pid, children=True)
        kernels = len([p for p in psutil.Process(server.process.pid).children(recursive=True)
                       if "ipykernel" in " ".join(p.cmdline())])  # fmt: skip
    report.heading(f"Baseline: the Voilà participant page, {pages} asked for at once (preheated, as serve runs it)")
    report.add("voila_pages", "pages", pages)
    report.add("voila_answered_median_s", "page answered: median", median(answered), "s")
    report.add("voila_answered_p95_s", "page answered: p95", percentile(answered, 95), "s")
    report.add("voila_answered_max_s", "page answered: slowest", max(answered), "s")
    report.add("voila_kernels", "kernels afterwards", kernels)
    report.add("voila_mib_per_page", "server + kernels memory per page", (rss_after - rss_before) / pages / MIB, "MiB")


def bench_room_load(config: Config, report: Report) -> None:
    people = 20 if config.quick else 100
    pages = 1 if config.quick else 8
    _voila_baseline(config, report, pages)
    _room_load(config, report, people)
    figures = report.as_dict()
    report.heading("The room beside the Voilà page")
    report.add("join_speedup", "page answered (Voilà, median) / join (room, median)",
               figures["voila_answered_median_s"] / figures["join_median_s"], "x")  # fmt: skip
    report.add("memory_ratio", "memory per page (Voilà) / per participant (room)",
               figures["voila_mib_per_page"] / max(figures["server_mib_per_participant"], 0.001), "x")  # fmt: skip


CHROMIUM = chromium_path()
ARGS = CHROMIUM_ARGS
PHONE = {"width": 390, "height": 844}

# Installed in the page before its own scripts: notes (ms since the navigation started) the first moment
# an element of `selector` is laid out, visible and enabled: the person can use it.
READY = """(selector) => {
  const state = window.__nscReady = {at: null};
  const usable = (el) => el && !el.disabled && el.getBoundingClientRect().width > 0
    && el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true});
  const check = () => {
    if (state.at === null && [...document.querySelectorAll(selector)].some(usable)) state.at = performance.now();
  };
  new MutationObserver(check).observe(document, {subtree: true, childList: true, attributes: true});
  const timer = setInterval(() => { check(); if (state.at !== null) clearInterval(timer); }, 20);
}"""


def _open_all(browser: Any, url: str, selector: str, count: int, contexts: list[Any] | None = None) -> list[float]:
    """``count`` phone pages navigate at once; seconds from each navigation's start to a usable ``selector``."""
    contexts = contexts or [browser.new_context(viewport=PHONE) for _ in range(count)]
    pages = []
    for context in contexts:
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("http://127.0.0.1",
                      "ws://127.0.0.1")) else route.abort())  # fmt: skip
        page = context.new_page()
        page.set_default_timeout(int(os.environ.get("NSC_BENCH_TIMEOUT_MS", "600000")))
        page.add_init_script(script=f"({READY})({json.dumps(selector)})")
        pages.append(page)
    for page in pages:  # every navigation starts before any page is waited for
        page.goto(url, wait_until="commit")
    times = []
    for page in pages:
        page.wait_for_function("() => window.__nscReady && window.__nscReady.at !== null")
        times.append(page.evaluate("() => window.__nscReady.at") / 1000)
    return times


def bench_room_phones(config: Config, report: Report) -> None:
    """Phone-sized pages in Chromium, all at once: the room's beside the Voilà participant page."""
    from playwright.sync_api import sync_playwright

    phones = 6 if config.quick else 20
    voila_pages = 1 if config.quick else 4
    url = f"sqlite:///{config.workdir / 'phones.db'}"
    store = open_store(url)
    store.import_workshop(load_sample(), replace=True)
    store.session(SAMPLE_WORKSHOP_ID, participant="facilitator").update_settings(current_step="framing:hmw")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            with VoilaServer(url, preheat=True, pool_size=1, quiet=True) as server:
                assert server.process is not None
                _wait_for_pool(server.process.pid)
                link = server.url_for("01_problem_framing.ipynb", workshop=SAMPLE_WORKSHOP_ID, role="participant")
                voila = _open_all(browser, link, ".nsc-step-hmw input[type=text]", voila_pages)  # the led step
            with VoilaServer.for_room(url, workshop=SAMPLE_WORKSHOP_ID, quiet=True) as server:
                contexts = [browser.new_context(viewport=PHONE) for _ in range(phones)]
                first = _open_all(browser, server.participant_url(), "#nsc-join-name", phones, contexts)
                joined = []
                for context in contexts:  # each person joins (one after another: a tap each)
                    page = context.pages[0]
                    began = time.perf_counter()
                    page.get_by_role("button", name="Join").click()
                    page.locator("#nsc-hmw-text").wait_for()
                    joined.append(time.perf_counter() - began)
                for context in contexts:
                    context.pages[0].close()
                back = _open_all(browser, server.participant_url(), "#nsc-hmw-text", phones, contexts)
                for context in contexts:
                    context.close()
        finally:
            browser.close()
    report.heading(f"Baseline: the Voilà participant page (problem framing), {voila_pages} opened at once")
    report.add("voila_first_input_median_s", "navigation → first usable input: median", median(voila), "s")
    report.add("voila_first_input_max_s", "navigation → first usable input: slowest", max(voila), "s")
    report.heading(f"The room: {phones} phone-sized pages (390×844) opened at once")
    report.add("phones", "pages", phones)
    report.add("first_input_median_s", "navigation → the join form usable: median", median(first), "s",
               "target ≤ 1.5 s")  # fmt: skip
    report.add("first_input_max_s", "navigation → the join form usable: slowest", max(first), "s")
    report.add("join_tap_median_s", "tap on Join → the note's box usable: median", median(joined), "s")
    report.add("back_input_median_s", "a joined phone opens the link again → the note's box: median", median(back),
               "s", "all at once, the led step's box")  # fmt: skip
    report.add("back_input_max_s", "a joined phone opens the link again → the note's box: slowest", max(back), "s")
    report.add("first_input_speedup", "Voilà page (median) / room page (median)", median(voila) / median(first), "x")


def _wait_for_pool(pid: int) -> None:
    """Until a preheated server's pool kernel has run the app up to the request (as a room's server would be)."""
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        kernels = [p for p in psutil.Process(pid).children(recursive=True) if "ipykernel" in " ".join(p.cmdline())]
        if kernels and sum(p.cpu_percent(0.5) for p in kernels) < 5:
            return
        time.sleep(0.5)


BENCHMARKS: list[Benchmark] = [
    Benchmark("room.load", "Participants joining and writing in one room, beside the Voilà page", bench_room_load),
    Benchmark(
        "room.phones", "Phone pages opened at once in Chromium: the room beside the Voilà page", bench_room_phones
    ),
]
