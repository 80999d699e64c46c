"""Store benchmarks: opening a long workshop, and appending events by one and by many writers.

``store.open``   Open a workshop of 10,000 events, cold (no snapshot) and from a snapshot.
``store.append`` Events appended per second by one writer and by 20 writers at once,
                 against raw ``sqlite3`` inserts of the same rows measured in the same run.
"""

from __future__ import annotations

import multiprocessing as mp
import random
import shutil
import sqlite3
import time
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

from harness import Benchmark, Config, Report, median, percentile, time_runs

from nsc_workshop import NscWorkshopError, open_store
from nsc_workshop.events import fold
from nsc_workshop.model import Workshop
from nsc_workshop.model.vocab import WICKEDNESS_CHARACTERISTICS
from nsc_workshop.session import WorkshopSession
from nsc_workshop.store import SNAPSHOT_EVERY, Store
from nsc_workshop.testing import make_actor, make_idea, make_tie

__all__ = ["BENCHMARKS", "build_workshop"]

LOAD_TARGET_S = 0.2
"""The issue's target: a 10,000-event workshop opens in under 0.2 s from a snapshot."""

SIZES = {
    False: {"events": 10_000, "solo": 500, "writers": 20, "per_writer": 50},
    True: {"events": 2_000, "solo": 100, "writers": 5, "per_writer": 20},
}
PARTICIPANTS = 30
APPEND_ROUNDS = 3  # rounds of the one-writer figures
MANY_ROUNDS = 3  # rounds of the many-writer figures (1 with --quick)
VOTE_BUDGET = 100  # per participant and round, the model's maximum

# -- a realistic long workshop -------------------------------------------------

# What participants do, by phase of the workshop (fraction of the events reached):
# framing first, then actor mapping, then the sprint, with a little of everything.
_PHASES: list[tuple[float, dict[str, int]]] = [
    (
        0.3,
        {
            "iceberg_add": 14, "iceberg_update": 3, "hmw_add": 20, "hmw_update": 5, "problem_node_add": 8,
            "wickedness": 2, "framing_text": 4, "vote_hmw": 22, "unvote": 1, "idea_add": 3, "actor_add": 4,
            "undo": 1,
        },
    ),
    (
        0.6,
        {
            "actor_add": 18, "actor_update": 30, "actor_remove": 1, "tie_add": 28, "tie_update": 6,
            "tie_remove": 6, "framing_text": 2, "hmw_add": 2, "undo": 1,
        },
    ),
    (
        1.0,
        {
            "idea_add": 28, "idea_update": 5, "vote_idea": 34, "score_add": 6, "unvote": 2, "framing_text": 2,
            "actor_update": 5, "tie_add": 4, "undo": 1,
        },
    ),
]  # fmt: skip
_FACILITATOR_OPS = {"framing_text", "wickedness"}
_TOPICS = ["online hate", "school fights", "rumours after the flood", "youth gangs", "conspiracy groups",
           "harassment of local politicians", "tension at the station", "polarised parents' groups"]  # fmt: skip
_LAYERS = ["events", "patterns", "structures", "mental_models"]


def _key(rng: random.Random, items: dict[str, Any]) -> str | None:
    return rng.choice(list(items)) if items else None


class _Workload:
    """Plays a long workshop: a facilitator and many participants, each with their own session."""

    def __init__(self, store: Store, wid: str, seed: int) -> None:
        self.rng = random.Random(seed)
        self.facilitator = store.session(wid, participant="facilitator")
        self.people = [store.session(wid, participant=f"participant-{i:02d}") for i in range(PARTICIPANTS)]
        self.done: Counter[str] = Counter()
        self.refused: Counter[str] = Counter()

    def setup(self) -> None:
        f = self.facilitator
        f.update_settings(vote_budgets={"hmw": VOTE_BUDGET, "ideas": VOTE_BUDGET})
        f.update_section("framing", problem_statement="Young people in the east of the city are drawn into hate.")
        f.add("participant", id="p-facilitator", handle="facilitator", role="facilitator")
        for i, s in enumerate(self.people):
            f.add("participant", id=f"p-{i:02d}", handle=s.participant, role="decider" if i == 0 else "participant")
        f.add("problem_node", id="pn-focal", kind="focal", text="Polarisation among young people")

    def step(self, fraction: float, remaining: int) -> None:
        """One command, chosen by the phase of the workshop; refused commands are counted."""
        if remaining < 8:  # finish on single-event commands, to land exactly on the target
            op = "idea_add"
        else:
            weights = next(w for until, w in _PHASES if fraction < until)
            op = self.rng.choices(list(weights), list(weights.values()))[0]
        session = self.facilitator if op in _FACILITATOR_OPS else self.rng.choice(self.people)
        try:
            getattr(self, f"_{op}")(session)
        except NscWorkshopError:
            self.refused[op] += 1
        else:
            self.done[op] += 1

    # The commands. Each picks its targets from the session's (possibly stale) view,
    # as an app would; a target someone else removed meanwhile is refused.

    def _actor_add(self, s: WorkshopSession) -> None:
        s.add("actor", **make_actor(self.rng).model_dump(exclude={"id"}))

    def _actor_update(self, s: WorkshopSession) -> None:
        actor = _key(self.rng, s.workshop.actors)
        if actor is None:
            raise NscWorkshopError("no actor")
        rng = self.rng
        change = rng.choice(
            [
                {"x": rng.random(), "y": rng.random()},  # dragged on the map: the most common change
                {"x": rng.random(), "y": rng.random()},
                {"influence": rng.randint(0, 10)},
                {"interest": rng.randint(0, 10)},
                {"stance": rng.choice(["supports", "neutral", "opposes", "unknown"])},
                {"notes": f"Met them at the {rng.choice(_TOPICS)} meeting; follow up in week {rng.randint(1, 52)}."},
            ]
        )
        s.update("actor", actor, **change)

    def _actor_remove(self, s: WorkshopSession) -> None:
        actor = _key(self.rng, s.workshop.actors)
        if actor is None or len(s.workshop.actors) < 20:
            raise NscWorkshopError("keep the map")
        s.remove("actor", actor)

    def _tie_add(self, s: WorkshopSession) -> None:
        actors = list(s.workshop.actors)
        if len(actors) < 2:
            raise NscWorkshopError("no actors")
        a, b = self.rng.sample(actors, 2)
        tie = make_tie(a, b, self.rng)
        s.add_tie(a, b, type=tie.type, weight=tie.weight)

    def _tie_update(self, s: WorkshopSession) -> None:
        tie = _key(self.rng, s.workshop.ties)
        if tie is None:
            raise NscWorkshopError("no tie")
        s.update("tie", tie, weight=float(self.rng.randint(1, 5)), notes="Checked with the group.")

    def _tie_remove(self, s: WorkshopSession) -> None:
        tie = _key(self.rng, s.workshop.ties)
        if tie is None:
            raise NscWorkshopError("no tie")
        s.remove("tie", tie)

    def _iceberg_add(self, s: WorkshopSession) -> None:
        layer = self.rng.choice(_LAYERS)
        s.add("iceberg_note", layer=layer, text=f"{layer}: {self.rng.choice(_TOPICS)} ({self.rng.randint(1, 999)})")

    def _iceberg_update(self, s: WorkshopSession) -> None:
        note = _key(self.rng, s.workshop.framing.iceberg_notes)
        if note is None:
            raise NscWorkshopError("no note")
        s.update("iceberg_note", note, text=f"Reworded: {self.rng.choice(_TOPICS)}", order=self.rng.random())

    def _hmw_add(self, s: WorkshopSession) -> None:
        s.add("hmw", text=f"How might we make {self.rng.choice(_TOPICS)} less likely? ({self.rng.randint(1, 999)})")

    def _hmw_update(self, s: WorkshopSession) -> None:
        note = _key(self.rng, s.workshop.framing.hmw_notes)
        if note is None:
            raise NscWorkshopError("no note")
        s.update("hmw", note, cluster=self.rng.choice(["schools", "online", "neighbourhood", "trust", "media"]))

    def _problem_node_add(self, s: WorkshopSession) -> None:
        parent = _key(self.rng, s.workshop.framing.problem_nodes)
        kind = self.rng.choice(["cause", "cause", "effect"])
        s.add("problem_node", kind=kind, text=f"{kind}: {self.rng.choice(_TOPICS)}", parent=parent)

    def _wickedness(self, s: WorkshopSession) -> None:
        s.upsert("wickedness", self.rng.choice(WICKEDNESS_CHARACTERISTICS), score=self.rng.randint(0, 2))

    def _framing_text(self, s: WorkshopSession) -> None:
        topic = self.rng.choice(_TOPICS)
        words = " ".join(self.rng.choice(_TOPICS) for _ in range(self.rng.randint(10, 40)))
        if self.rng.random() < 0.6:
            s.update_section("framing", problem_statement=f"The problem, as we now see it: {topic}. {words}.")
        else:
            s.update_section("framing", long_term_goal=f"In two years, {topic} no longer divides the city. {words}.")

    def _idea_add(self, s: WorkshopSession) -> None:
        s.add_idea(make_idea(self.rng).text, kind=self.rng.choice(["note", "note", "crazy8"]))

    def _idea_update(self, s: WorkshopSession) -> None:
        idea = _key(self.rng, s.workshop.sprint.ideas)
        if idea is None:
            raise NscWorkshopError("no idea")
        s.update("idea", idea, theme=self.rng.choice(["schools", "online", "sport", "parents", "police"]))

    def _vote_hmw(self, s: WorkshopSession) -> None:
        note = _key(self.rng, s.workshop.framing.hmw_notes)
        if note is None:
            raise NscWorkshopError("nothing to vote on")
        s.vote(note)

    def _vote_idea(self, s: WorkshopSession) -> None:
        idea = _key(self.rng, s.workshop.sprint.ideas)
        if idea is None:
            raise NscWorkshopError("nothing to vote on")
        s.vote(idea)

    def _unvote(self, s: WorkshopSession) -> None:
        mine = [v.id for v in s.workshop.votes.values() if v.participant == s.participant]
        if not mine:
            raise NscWorkshopError("no vote")
        s.unvote(self.rng.choice(mine))

    def _score_add(self, s: WorkshopSession) -> None:
        idea = _key(self.rng, s.workshop.sprint.ideas)
        if idea is None:
            raise NscWorkshopError("nothing to score")
        criterion = self.rng.choice(["impact", "effort", "desirability", "feasibility", "viability"])
        s.add("score", target=idea, criterion=criterion, value=self.rng.randint(1, 5))

    def _undo(self, s: WorkshopSession) -> None:
        s.undo()


def build_workshop(store: Store, events: int, seed: int = 7) -> tuple[str, dict[str, Any]]:
    """Create a workshop of exactly ``events`` events through the session API.

    Returns its id and figures about the build (time, commands done and refused).
    """
    start = time.perf_counter()
    wid = store.create_workshop("Long workshop", "Varnholm", "Norway", workshop_id="bench-long")
    play = _Workload(store, wid, seed)
    play.setup()
    version = play.facilitator.version
    while version < events:
        play.step(version / events, events - version)
        version = max(version, *(s.version for s in (play.facilitator, *play.people)))
    elapsed = time.perf_counter() - start
    return wid, {
        "seconds": elapsed,
        "events": store.head(wid),
        "commands": sum(play.done.values()) + 4 + PARTICIPANTS,
        "refused": sum(play.refused.values()),
        "done": dict(play.done),
    }


# -- store.open ----------------------------------------------------------------


def _checkpoint(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def _scalar(path: Path, sql: str, *params: Any) -> Any:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchone()[0]
    finally:
        conn.close()


def bench_open(config: Config, report: Report) -> None:
    size = SIZES[config.quick]["events"]
    runs = config.runs
    snap_db = config.workdir / "open-snapshots.db"
    cold_db = config.workdir / "open-cold.db"

    store = open_store(snap_db)
    wid, built = build_workshop(store, size)
    store.close()
    _checkpoint(snap_db)

    report.heading(f"Build: a long workshop through the session API ({PARTICIPANTS} participants + facilitator)")
    report.add("build_events", "events appended", built["events"])
    report.add(
        "build_commands", "commands run (refused: see note)", built["commands"], note=f"{built['refused']} refused"
    )
    report.add("build_s", "build time", built["seconds"], "s")
    report.add(
        "build_events_per_s",
        "append rate while building",
        built["events"] / built["seconds"],
        "events/s",
        "side figure: stale sessions pull others' events",
    )
    mix = ", ".join(f"{k} {v}" for k, v in sorted(built["done"].items(), key=lambda kv: -kv[1]))
    report.add("build_mix", "command mix", mix)

    # The cold copy: same events, no snapshot (edited with sqlite3; the store never does this).
    shutil.copyfile(snap_db, cold_db)
    conn = sqlite3.connect(cold_db)
    with conn:
        conn.execute("DELETE FROM nsc_snapshots")
        conn.execute("UPDATE nsc_workshops SET snapshot_version = 0")
    conn.close()
    _checkpoint(cold_db)

    head = _scalar(snap_db, "SELECT head FROM nsc_workshops WHERE id = ?", wid)
    snap_version = _scalar(snap_db, "SELECT max(version) FROM nsc_snapshots WHERE workshop_id = ?", wid)
    snapshots = _scalar(snap_db, "SELECT count(*) FROM nsc_snapshots WHERE workshop_id = ?", wid)
    snap_text = _scalar(
        snap_db, "SELECT state FROM nsc_snapshots WHERE workshop_id = ? AND version = ?", wid, snap_version
    )

    state = open_store(snap_db)
    try:
        ws = state.load(wid)
    finally:
        state.close()
    report.heading("State")
    report.add("state_actors", "actors", len(ws.actors))
    report.add("state_ties", "ties", len(ws.ties))
    report.add("state_ideas", "ideas", len(ws.sprint.ideas))
    report.add("state_votes", "votes", len(ws.votes))
    report.add("state_hmw", "HMW notes", len(ws.framing.hmw_notes))
    report.add("state_iceberg", "iceberg notes", len(ws.framing.iceberg_notes))
    report.add("state_scores", "scores", len(ws.sprint.scores))
    report.add("snapshot_bytes", "snapshot JSON size", len(snap_text.encode()), "bytes")
    report.add("db_bytes", "database file size", snap_db.stat().st_size, "bytes")
    report.add("snapshots", "snapshots in the log", snapshots, note=f"one every {SNAPSHOT_EVERY} events")

    # (a) cold: every run on a fresh copy of the snapshot-less file, because a load
    # that folds >= SNAPSHOT_EVERY events writes a snapshot (that write is timed).
    run_db = config.workdir / "open-cold-run.db"
    opened: list[Store] = []

    def cold_setup() -> None:
        shutil.copyfile(cold_db, run_db)
        opened.append(open_store(run_db))

    def cold_teardown() -> None:
        opened.pop().close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{run_db}{suffix}").unlink(missing_ok=True)

    cold = time_runs(lambda: opened[-1].load(wid), runs, cold_setup, cold_teardown)

    # (b) from the snapshot: the normal path.
    def snap_setup() -> None:
        opened.append(open_store(snap_db))

    def snap_teardown() -> None:
        opened.pop().close()

    warm = time_runs(lambda: opened[-1].load(wid), runs, snap_setup, snap_teardown)

    # (b') from the snapshot before the latest, so the tail is about SNAPSHOT_EVERY events (the
    # worst case); such a load writes a fresh snapshot, so each run gets a fresh copy, as for (a).
    prev_db = config.workdir / "open-prev-snapshot.db"
    shutil.copyfile(snap_db, prev_db)
    conn = sqlite3.connect(prev_db)
    with conn:
        conn.execute("DELETE FROM nsc_snapshots WHERE version = ?", (snap_version,))
        conn.execute("UPDATE nsc_workshops SET snapshot_version = (SELECT max(version) FROM nsc_snapshots)")
    conn.close()
    _checkpoint(prev_db)
    prev_version = _scalar(prev_db, "SELECT max(version) FROM nsc_snapshots WHERE workshop_id = ?", wid)

    def prev_setup() -> None:
        shutil.copyfile(prev_db, run_db)
        opened.append(open_store(run_db))

    worst = time_runs(lambda: opened[-1].load(wid), runs, prev_setup, cold_teardown)

    # store.load(wid, at=halfway): halfway in time between the first and the last event;
    # the latest snapshot before that moment, then the events up to it.
    first_ts = _scalar(snap_db, "SELECT min(ts) FROM nsc_events WHERE workshop_id = ?", wid)
    last_ts = _scalar(snap_db, "SELECT max(ts) FROM nsc_events WHERE workshop_id = ?", wid)
    half_ts = (first_ts + last_ts) / 2
    half_snap = _scalar(
        snap_db, "SELECT coalesce(max(version), 0) FROM nsc_snapshots WHERE workshop_id = ? AND ts <= ?", wid, half_ts
    )
    half_last = _scalar(snap_db, "SELECT max(version) FROM nsc_events WHERE workshop_id = ? AND ts <= ?", wid, half_ts)
    at_half = time_runs(lambda: opened[-1].load(wid, at=half_ts), runs, snap_setup, snap_teardown)

    report.heading(f"store.load(wid): median / min of {runs} runs")
    report.add("cold_median_s", "(a) cold, no snapshot: median", median(cold), "s", "includes the snapshot it writes")
    report.add("cold_min_s", "(a) cold, no snapshot: min", min(cold), "s")
    report.add("cold_events_folded", "(a) events folded", head)
    report.add("snapshot_median_s", "(b) from snapshot: median", median(warm), "s", _target(median(warm)))
    report.add("snapshot_min_s", "(b) from snapshot: min", min(warm), "s")
    report.add("snapshot_events_folded", "(b) events folded after the snapshot", head - snap_version)
    report.add("cold_over_snapshot", "ratio cold / snapshot (medians)", median(cold) / median(warm), "x")
    report.add(
        "prev_snapshot_median_s",
        "(b') snapshot + long tail: median",
        median(worst),
        "s",
        f"{_target(median(worst))}; includes the snapshot it writes",
    )
    report.add("prev_snapshot_min_s", "(b') snapshot + long tail: min", min(worst), "s")
    report.add("prev_snapshot_events_folded", "(b') events folded after the snapshot", head - prev_version)
    report.add("at_half_median_s", f"load(at=halfway in time, ≈ event {half_last:,}): median", median(at_half), "s")
    report.add("at_half_min_s", "load(at=halfway): min", min(at_half), "s")
    report.add(
        "at_half_events_folded",
        "load(at=halfway): events folded",
        half_last - half_snap,
        note=f"snapshot {half_snap} → event {half_last}",
    )

    # Where the time goes: the steps of a load, each timed on its own.
    parse = time_runs(lambda: Workshop.model_validate_json(snap_text), runs)
    dump = time_runs(lambda: ws.model_dump_json(), runs)
    store = open_store(snap_db)
    try:
        read_all = time_runs(lambda: store.history(wid), runs)
        events = store.history(wid)
    finally:
        store.close()
    fold_all = time_runs(lambda: fold(None, events), runs)
    count = len(events)
    report.heading("Components (each timed alone, median)")
    report.add("parse_snapshot_s", "parse the snapshot (Workshop.model_validate_json)", median(parse), "s")
    report.add("dump_snapshot_s", "serialise a snapshot (model_dump_json)", median(dump), "s")
    report.add("read_events_s", f"read + decode all {count:,} events (store.history)", median(read_all), "s")
    report.add("fold_events_s", f"fold all {count:,} events from nothing", median(fold_all), "s")
    report.add("fold_us_per_event", "fold, per event", median(fold_all) / count * 1e6, "µs")


def _target(seconds: float) -> str:
    verdict = "PASS" if seconds < LOAD_TARGET_S else "MISS"
    return f"target < {LOAD_TARGET_S:g} s: {verdict}"


# -- store.append --------------------------------------------------------------

_PRAGMAS = ("PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON", "PRAGMA busy_timeout=60000")
_EVENT_COLUMNS = "workshop_id, version, ts, type, data, participant, batch, undoes, schema"


def _raw_connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=60, isolation_level=None)
    for pragma in _PRAGMAS:
        conn.execute(pragma)
    return conn


def _raw_insert(conn: sqlite3.Connection, rows: list[tuple[Any, ...]]) -> list[float]:
    """Insert ``rows`` into nsc_events, one transaction per row; returns each row's latency."""
    sql = f"INSERT INTO nsc_events ({_EVENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
    latencies = []
    for row in rows:
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(sql, row)
        conn.execute("COMMIT")
        latencies.append(time.perf_counter() - start)
    return latencies


def _raw_store_statements(conn: sqlite3.Connection, rows: list[tuple[Any, ...]]) -> None:
    """The statements the store runs per command (lock, read head, insert, move head), without the Python layer."""
    insert = f"INSERT INTO nsc_events ({_EVENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
    for row in rows:
        conn.execute("BEGIN IMMEDIATE")
        head, head_ts, _snap = conn.execute(
            "SELECT head, head_ts, snapshot_version FROM nsc_workshops WHERE id = ?", (row[0],)
        ).fetchone()
        ts = max(time.time(), head_ts + 1e-6)
        conn.execute(insert, (row[0], head + 1, ts, *row[3:]))
        conn.execute(
            "UPDATE nsc_workshops SET head = ?, head_ts = ?, updated_at = ?, title = ?, city = ?, country = ?,"
            " language = ?, sensitivity = ?, start_date = ?, end_date = ? WHERE id = ?",
            (head + 1, ts, ts, "Appends", "Varnholm", "Norway", "en", "restricted", None, None, row[0]),
        )
        conn.execute("COMMIT")


def _empty_copy(source: Path, target: Path, wid: str) -> None:
    """A new database with ``source``'s schema and its workshop row, but no events."""
    src = sqlite3.connect(source)
    ddl = [r[0] for r in src.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid")]
    workshop = src.execute("SELECT * FROM nsc_workshops WHERE id = ?", (wid,)).fetchone()
    src.close()
    conn = _raw_connect(target)
    conn.execute("BEGIN")
    for sql in ddl:
        conn.execute(sql)
    conn.execute(f"INSERT INTO nsc_workshops VALUES ({', '.join('?' * len(workshop))})", workshop)
    conn.execute("COMMIT")
    conn.close()


def _rows(path: Path, wid: str) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            f"SELECT {_EVENT_COLUMNS} FROM nsc_events WHERE workshop_id = ? AND type = 'idea.added' ORDER BY version",
            (wid,),
        ).fetchall()
    finally:
        conn.close()


def _writer(
    mode: str, path: str, wid: str, index: int, work: Any, barrier: Any, results: Any
) -> None:  # pragma: no cover - runs in a child process
    """One writer process: get ready, wait for the others, then append as fast as it can."""
    try:
        if mode == "session":
            store = open_store(path)
            session = store.session(wid, participant=f"writer-{index:02d}")
            barrier.wait()
            start = time.monotonic()  # CLOCK_MONOTONIC: comparable between processes on Linux
            latencies = []
            for i in range(work):
                t0 = time.perf_counter()
                session.add_idea(f"Idea {i} from writer {index}")
                latencies.append(time.perf_counter() - t0)
            end = time.monotonic()
            store.close()
        else:
            conn = _raw_connect(Path(path))
            barrier.wait()
            start = time.monotonic()
            latencies = _raw_insert(conn, work)
            end = time.monotonic()
            conn.close()
        results.put(("ok", index, start, end, latencies))
    except BaseException:
        results.put(("error", index, traceback.format_exc()))
        raise


def _run_writers(mode: str, path: Path, wid: str, work: list[Any]) -> tuple[list[float], list[float]]:
    """Start one process per item of ``work``, release them together.

    Returns when each writer finished (seconds after the first one started, sorted)
    and the latency of every command.
    """
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(len(work) + 1, timeout=300)
    results = ctx.Queue()
    procs = [
        ctx.Process(target=_writer, args=(mode, str(path), wid, i, w, barrier, results), daemon=True)
        for i, w in enumerate(work)
    ]
    for p in procs:
        p.start()
    try:
        barrier.wait()
        got = [results.get(timeout=600) for _ in procs]
    finally:
        for p in procs:
            p.join(timeout=60)
    errors = [g for g in got if g[0] == "error"]
    if errors:
        raise RuntimeError(f"writer {errors[0][1]} failed:\n{errors[0][2]}")
    first = min(g[2] for g in got)
    finished = sorted(g[3] - first for g in got)
    return finished, [lat for g in got for lat in g[4]]


def _latencies(report: Report, key: str, label: str, values: list[float]) -> None:
    report.add(
        f"{key}_p50_s",
        f"{label}: latency p50",
        percentile(values, 50),
        "s",
        f"p95 {percentile(values, 95) * 1000:.1f} ms, p99 {percentile(values, 99) * 1000:.1f} ms,"
        f" max {max(values) * 1000:.1f} ms",
    )


def bench_append(config: Config, report: Report) -> None:
    sizes = SIZES[config.quick]
    solo, writers, per_writer = sizes["solo"], sizes["writers"], sizes["per_writer"]

    # (a) one process, one session, add_idea in a loop; (c) the same rows, raw sqlite3, one
    # transaction per row, same pragmas. Fresh files each round; rounds alternate the three.
    rates: dict[str, list[float]] = {"session": [], "raw": [], "stmts": []}
    latencies: list[float] = []
    for r in range(APPEND_ROUNDS):
        one_db = config.workdir / f"append-one-{r}.db"
        store = open_store(one_db)
        wid = store.create_workshop("Appends", "Varnholm", "Norway", workshop_id="bench-appends")
        session = store.session(wid, participant="solo")

        def append_one(session: WorkshopSession = session) -> None:
            for i in range(solo):
                t0 = time.perf_counter()
                session.add_idea(f"Idea {i}")
                latencies.append(time.perf_counter() - t0)

        (seconds,) = time_runs(append_one, 1)
        store.close()
        rates["session"].append(solo / seconds)

        rows = _rows(one_db, wid)
        raw_db = config.workdir / f"append-raw-{r}.db"
        _empty_copy(one_db, raw_db, wid)
        conn = _raw_connect(raw_db)
        (seconds,) = time_runs(lambda conn=conn, rows=rows: _raw_insert(conn, rows), 1)
        conn.close()
        rates["raw"].append(len(rows) / seconds)

        stmts_db = config.workdir / f"append-stmts-{r}.db"
        _empty_copy(one_db, stmts_db, wid)
        conn = _raw_connect(stmts_db)
        (seconds,) = time_runs(lambda conn=conn, rows=rows: _raw_store_statements(conn, rows), 1)
        conn.close()
        rates["stmts"].append(len(rows) / seconds)
    one_rate, raw_rate, stmts_rate = (median(rates[k]) for k in ("session", "raw", "stmts"))

    report.heading(f"One writer: {solo} ideas through WorkshopSession.add_idea (median of {APPEND_ROUNDS} rounds)")
    report.add("one_events", "events appended per round", solo)
    report.add("one_s", "time per round", solo / one_rate, "s")
    report.add("one_events_per_s", "(a) session.add_idea, 1 writer", one_rate, "events/s", _spread(rates["session"]))
    _latencies(report, "one", "(a) per command", latencies)
    report.add(
        "raw_one_events_per_s",
        "(c) raw sqlite3 INSERT, 1 txn/row",
        raw_rate,
        "events/s",
        f"same rows, WAL + synchronous=FULL; {_spread(rates['raw'])}",
    )
    report.add(
        "raw_stmts_one_events_per_s",
        "(c') raw sqlite3, the store's statements",
        stmts_rate,
        "events/s",
        f"BEGIN IMMEDIATE, SELECT head, INSERT, UPDATE head; {_spread(rates['stmts'])}",
    )
    report.add("one_raw_over_session", "ratio raw INSERT / session", raw_rate / one_rate, "x")
    report.add("one_stmts_over_session", "ratio raw statements / session", stmts_rate / one_rate, "x")

    # (b) many processes on the same workshop, released together; (c) the same rows by as
    # many raw sqlite3 writers. Fresh files each round; the round with the median (b) rate is shown.
    rounds: list[dict[str, Any]] = []
    for r in range(1 if config.quick else MANY_ROUNDS):
        many_db = config.workdir / f"append-many-{r}.db"
        store = open_store(many_db)
        wid = store.create_workshop("Appends", "Varnholm", "Norway", workshop_id="bench-appends")
        store.close()
        finished, latencies = _run_writers("session", many_db, wid, [per_writer] * writers)
        store = open_store(many_db)
        try:
            ideas, head = len(store.load(wid).sprint.ideas), store.head(wid)
        finally:
            store.close()

        by_writer: dict[str, list[tuple[Any, ...]]] = {}
        for row in _rows(many_db, wid):
            by_writer.setdefault(row[5], []).append(row)
        raw_db = config.workdir / f"append-raw-many-{r}.db"
        _empty_copy(many_db, raw_db, wid)
        raw_finished, raw_latencies = _run_writers("raw", raw_db, wid, list(by_writer.values()))
        raw_count = _scalar(raw_db, "SELECT count(*) FROM nsc_events")
        rounds.append(
            {
                "finished": finished,
                "latencies": latencies,
                "rate": writers * per_writer / finished[-1],
                "ideas": ideas,
                "head": head,
                "raw_finished": raw_finished,
                "raw_latencies": raw_latencies,
                "raw_rate": raw_count / raw_finished[-1],
            }
        )

    total = writers * per_writer
    ideas_ok = all(x["ideas"] == total for x in rounds)
    heads_ok = all(x["head"] == total + 1 for x in rounds)
    shown = sorted(rounds, key=lambda x: x["rate"])[len(rounds) // 2]
    many_rate = median([x["rate"] for x in rounds])
    raw_many_rate = median([x["raw_rate"] for x in rounds])
    finished, raw_finished = shown["finished"], shown["raw_finished"]

    report.heading(
        f"{writers} writer processes (spawn) x {per_writer} ideas, same workshop, released together"
        f" (median of {len(rounds)} round{'s' * (len(rounds) > 1)})"
    )
    report.add("many_writers", "writers", writers)
    report.add("many_per_writer", "ideas per writer", per_writer)
    report.add("many_wall_s", "(b) wall time, first start → last finish", finished[-1], "s")
    report.add(
        "many_median_finish_s",
        "(b) when the median writer finished",
        median(finished),
        "s",
        f"first {finished[0]:.2f} s, last {finished[-1]:.2f} s",
    )
    report.add(
        "many_events_per_s",
        "(b) session.add_idea, total",
        many_rate,
        "events/s",
        _spread([x["rate"] for x in rounds]),
    )
    _latencies(report, "many", "(b) per command", shown["latencies"])
    report.add(
        "many_ideas_present",
        "ideas present after the run",
        shown["ideas"],
        note=f"expected {total} in every round: {_ok(ideas_ok)}",
    )
    report.add(
        "many_head",
        "head version",
        shown["head"],
        note=f"expected {total + 1} (created + ideas) in every round: {_ok(heads_ok)}",
    )
    report.add("raw_many_wall_s", "(c) raw sqlite3 INSERT: wall time", raw_finished[-1], "s")
    report.add(
        "raw_many_median_finish_s",
        "(c) when the median raw writer finished",
        median(raw_finished),
        "s",
        f"first {raw_finished[0]:.2f} s, last {raw_finished[-1]:.2f} s",
    )
    report.add(
        "raw_many_events_per_s",
        f"(c) raw sqlite3 INSERT, {writers} writers",
        raw_many_rate,
        "events/s",
        _spread([x["raw_rate"] for x in rounds]),
    )
    _latencies(report, "raw_many", "(c) per row", shown["raw_latencies"])
    report.add("many_raw_over_session", "ratio raw / session", raw_many_rate / many_rate, "x")
    report.add("many_over_one", "ratio (b) / (a): many writers vs one", many_rate / one_rate, "x")


def _spread(rates: list[float]) -> str:
    return "rounds " + " / ".join(f"{r:,.0f}" for r in rates)


def _ok(flag: bool) -> str:
    return "OK" if flag else "MISMATCH"


BENCHMARKS: list[Benchmark] = [
    Benchmark("store.open", "Open a workshop of 10,000 events, cold and from a snapshot", bench_open),
    Benchmark("store.append", "Events appended per second by one and by 20 writers", bench_append),
]
