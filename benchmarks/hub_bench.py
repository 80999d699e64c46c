"""Many cities on one hub: each city's facilitator runs a room, thirty participants in each, all at once.

``hub.cities``: the trial hub of ``deploy/trial.py`` (JupyterHub, its proxy, one PostgreSQL database and
login role per city) with C cities. Each city's facilitator signs in to the hub and opens the room of a
workshop of their city (the room's own server, as "Open the room" on the home page does); then P simulated
participants a city (HTTP + WebSocket clients speaking the room's protocol,
:class:`nsc_workshop.room.client.RoomClient`, without hub accounts) join every room at once through the
hub's proxy and each writes 10 How-might-we notes (a note every 0.2-1 s). Measured:

- **join**: from the join request to the device's whole view received, through the proxy;
- **saved**: from a note's send to its ack (the city's server has appended it to the city's database);
- **memory**: the hub, the proxy and every city's server, before the joins and after everything;
- **stored**: in each city's database, through that city's own role: notes stored, lost and duplicated, and
  no note in another city's workshop.

The baseline, in the same run: one room served as on a laptop (``VoilaServer.for_room`` on SQLite, no hub)
with P participants, the same client and the same notes: what the hub's proxy and shared server cost.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import re
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import psutil
import requests
from harness import Benchmark, Config, Report, median, percentile

from nsc_workshop import open_store
from nsc_workshop.access import Scope
from nsc_workshop.room.client import RoomClient
from nsc_workshop.room.files import RoomKeys
from nsc_workshop.room.hub import room_server_name
from nsc_workshop.serve import VoilaServer
from nsc_workshop.testing import postgres_server, wait_until

__all__ = ["BENCHMARKS"]

NOTES_EACH = 10
MIB = 1024 * 1024
DEPLOY = Path(__file__).resolve().parents[1] / "deploy"


def _rss_tree(pid: int) -> int:
    root = psutil.Process(pid)
    total = 0
    for proc in [root, *root.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):
            total += proc.memory_info().rss
    return total


def _start_server(hub_url: str, user: str, password: str, workshop: str) -> None:
    """Sign in to the hub as ``user`` (its login form) and open ``workshop``'s room: its server (the REST API)."""
    web = requests.Session()
    login = web.get(f"{hub_url}/hub/login", timeout=60)
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', login.text)
    form = {"username": user, "password": password, **({"_xsrf": xsrf.group(1)} if xsrf else {})}
    answer = web.post(f"{hub_url}/hub/login?next=%2Fhub%2Fhome", data=form, timeout=60, allow_redirects=False)
    if answer.status_code != 302:
        raise RuntimeError(f"{user} could not sign in: {answer.status_code}")
    headers = {"X-XSRFToken": web.cookies.get("_xsrf", path="/hub/") or ""}
    name = room_server_name(workshop)
    started = web.post(f"{hub_url}/hub/api/users/{user}/servers/{name}", json={"workshop": workshop},
                       headers=headers, timeout=300)  # fmt: skip
    if started.status_code not in (201, 202):
        raise RuntimeError(f"{user}'s server did not start: {started.status_code} {started.text[:200]}")

    def ready() -> bool:
        model = web.get(f"{hub_url}/hub/api/users/{user}", headers=headers, timeout=60).json()
        server = model.get("servers", {}).get(name, {})
        return bool(server.get("ready"))

    wait_until(ready, timeout=300, interval=0.5, message=f"{user}'s server never became ready")


async def _participant(link: str, name: str, rng: random.Random, joins: list[float], acks: list[float],
                       failures: list[str], start: asyncio.Event) -> list[str]:  # fmt: skip
    client = RoomClient(link)
    began = time.perf_counter()
    await client.join(name)
    await client.connect(timeout=300)
    joins.append(time.perf_counter() - began)
    await start.wait()
    sent = []
    for n in range(NOTES_EACH):
        await asyncio.sleep(rng.uniform(0.2, 1.0))
        text = f"{name} note {n}"
        t0 = time.perf_counter()
        ack = await client.op("hmw.add", text=text, timeout=300)
        acks.append(time.perf_counter() - t0)
        if ack.get("ok"):
            sent.append(text)
        else:
            failures.append(str(ack.get("error")))
    return sent


Crowd = tuple[list[float], list[float], list[str], dict[str, list[str]], float]


async def _crowd(links: dict[str, str], people: int) -> Crowd:
    """``people`` participants in each room at once: join times, ack times, refusals, notes acked per room."""
    rng = random.Random(19)
    joins: list[float] = []
    acks: list[float] = []
    failures: list[str] = []
    start = asyncio.Event()
    tasks: dict[str, list[asyncio.Future[list[str]]]] = {}
    for city, link in links.items():
        tasks[city] = [
            asyncio.ensure_future(
                _participant(link, f"{city}-{i:02d}", random.Random(rng.random()), joins, acks, failures, start)
            )
            for i in range(people)
        ]
    everyone = [task for group in tasks.values() for task in group]
    began = time.perf_counter()
    while len(joins) < len(everyone) and not any(t.done() for t in everyone):
        await asyncio.sleep(0.05)
    all_joined = time.perf_counter() - began
    start.set()
    sent = {city: [text for done in await asyncio.gather(*group) for text in done] for city, group in tasks.items()}
    return joins, acks, failures, sent, all_joined


def _laptop(config: Config, report: Report, people: int) -> dict[str, float]:
    """The baseline: one room on a laptop's server (no hub, SQLite), the same crowd."""
    url = f"sqlite:///{config.workdir / 'laptop.db'}"
    store = open_store(url, scope=Scope.laptop())
    wid = store.create_workshop("Laptop room", "Varnholm", "Norway", language="en")
    with VoilaServer.for_room(url, workshop=wid, quiet=True) as server:
        assert server.process is not None
        before = _rss_tree(server.process.pid)
        joins, acks, failures, sent, _all = asyncio.run(_crowd({"laptop": server.participant_url()}, people))
        after = _rss_tree(server.process.pid)
    stored = {n.text for n in store.load(wid).framing.hmw_notes.values()}
    store.close()
    report.heading(f"Baseline: one room on a laptop (no hub), {people} participants")
    figures = {
        "laptop_join_median_s": median(joins),
        "laptop_join_p95_s": percentile(joins, 95),
        "laptop_saved_median_s": median(acks),
        "laptop_saved_p95_s": percentile(acks, 95),
        "laptop_server_mib": after / MIB,
    }
    report.add("laptop_join_median_s", "join: median", figures["laptop_join_median_s"], "s")
    report.add("laptop_join_p95_s", "join: p95", figures["laptop_join_p95_s"], "s")
    report.add("laptop_saved_median_s", "saved (ack): median", figures["laptop_saved_median_s"], "s")
    report.add("laptop_saved_p95_s", "saved (ack): p95", figures["laptop_saved_p95_s"], "s")
    report.add("laptop_server_rss_before_mib", "server memory before the joins", before / MIB, "MiB")
    report.add("laptop_server_mib", "server memory after everything", after / MIB, "MiB")
    report.add("laptop_notes_lost", "notes acked but not stored", len(set(sent["laptop"]) - stored))
    report.add("laptop_refused", "contributions refused", len(failures))
    return figures


def bench_hub_cities(config: Config, report: Report) -> None:
    cities_count, people = (3, 10) if config.quick else (10, 30)
    sys.path.insert(0, str(DEPLOY))
    import trial as hub_trial  # deploy/trial.py

    baseline = _laptop(config, report, people)
    cities = {f"city{n:02d}": f"City {n:02d}" for n in range(1, cities_count + 1)}
    users = {f"{slug}-facilitator": [f"city:{slug}", "facilitator"] for slug in cities}
    state = Path(tempfile.mkdtemp(prefix="hub-", dir=config.workdir))
    with postgres_server() as admin_url, hub_trial.trial(admin_url, state, users=users, cities=cities) as hub:
        workshops = {}
        for slug in cities:  # each city's workshop, made through the city's own role on its own database
            store = open_store(hub.cities[slug]["db_url"], scope=Scope.of_city(slug))
            workshops[slug] = store.create_workshop(f"Room of {cities[slug]}", cities[slug], "Norway", language="en")
            store.close()
        t0 = time.perf_counter()
        for slug in cities:
            user = f"{slug}-facilitator"
            _start_server(hub.url, user, hub.passwords[user], workshops[slug])
        servers_started = time.perf_counter() - t0
        links = {}
        for slug in cities:
            user = f"{slug}-facilitator"
            room = room_server_name(workshops[slug])
            code = RoomKeys.load(state / "hub" / "rooms" / user / room).code_for(workshops[slug])
            links[slug] = f"{hub.url}/user/{urllib.parse.quote(user)}/{room}/room/{code}"
        assert hub.process is not None
        rss_before = _rss_tree(hub.process.pid)
        joins, acks, failures, sent, all_joined = asyncio.run(_crowd(links, people))
        rss_after = _rss_tree(hub.process.pid)
        stored: dict[str, set[str]] = {}
        for slug in cities:
            store = open_store(hub.cities[slug]["db_url"], scope=Scope.of_city(slug))
            stored[slug] = {n.text for n in store.load(workshops[slug]).framing.hmw_notes.values()}
            store.close()
    lost = sum(len(set(sent[slug]) - stored[slug]) for slug in cities)
    crossed = sum(1 for slug in cities for text in stored[slug] if not text.startswith(f"{slug}-"))
    expected = cities_count * people * NOTES_EACH
    report.heading(f"{cities_count} cities on one hub, {people} participants in each city's room, at once")
    report.add("cities", "cities (one facilitator's server each)", cities_count)
    report.add("participants", "participants, all rooms", cities_count * people)
    report.add("servers_started_s", "the cities' servers started (one after another)", servers_started, "s")
    report.add("join_median_s", "join through the proxy: median", median(joins), "s")
    report.add("join_p95_s", "join through the proxy: p95", percentile(joins, 95), "s")
    report.add("all_joined_s", "everyone joined after", all_joined, "s")
    report.add("saved_median_s", "saved (ack): median", median(acks), "s")
    report.add("saved_p95_s", "saved (ack): p95", percentile(acks, 95), "s")
    report.add("hub_rss_before_mib", "hub + proxy + servers, before the joins", rss_before / MIB, "MiB")
    report.add("hub_rss_after_mib", "hub + proxy + servers, after everything", rss_after / MIB, "MiB")
    report.add("mib_per_city", "memory per city (after / cities)", rss_after / MIB / cities_count, "MiB")
    report.add("notes_stored", "notes stored, all cities", sum(len(s) for s in stored.values()),
               note=f"expected {expected}")  # fmt: skip
    report.add("notes_lost", "notes acked but not stored", lost, note="expected 0")
    report.add("notes_in_another_city", "notes stored in another city's workshop", crossed, note="expected 0")
    report.add("refused", "contributions refused", len(failures))
    report.heading("The hub beside a laptop's room")
    report.add("join_over_laptop", "join p95: hub / laptop", percentile(joins, 95) / baseline["laptop_join_p95_s"], "x")
    report.add("saved_over_laptop", "saved p95: hub / laptop", percentile(acks, 95) / baseline["laptop_saved_p95_s"],
               "x")  # fmt: skip


TITLE = "Many cities on one JupyterHub: a room per city, all at once, beside a laptop's room"
BENCHMARKS: list[Benchmark] = [Benchmark("hub.cities", TITLE, bench_hub_cities)]
