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
import multiprocessing
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


BENCHMARKS: list[Benchmark] = [
    Benchmark("room.load", "Participants joining and writing in one room, beside the Voilà page", bench_room_load),
]
