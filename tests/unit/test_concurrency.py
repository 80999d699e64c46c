"""Many writers at once, and a writer killed mid-stream, on a real SQLite file."""

from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import sys
import textwrap
from collections import Counter

import pytest

from nsc_workshop import open_store
from nsc_workshop.events import fold
from nsc_workshop.model import integrity_problems
from nsc_workshop.testing import wait_until

pytestmark = [pytest.mark.slow, pytest.mark.both_backends]

WRITER = textwrap.dedent(
    """
    import pathlib, sys, time
    from nsc_workshop import open_store
    url, wid, name, count, gate = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), pathlib.Path(sys.argv[5])
    session = open_store(url).session(wid, participant=name)
    (gate.parent / f"{name}.ready").touch()
    while not gate.exists():  # every writer starts at once, when the test opens the gate
        time.sleep(0.005)
    for i in range(count):
        session.add_idea(f"{name} idea {i}")
    """
)


def test_twenty_writers_append_fifty_ideas_each(nsc_store, nsc_store_url, tmp_path):
    wid = nsc_store.create_workshop("Idea storm", "Varnholm", "Norway")
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    gates = tmp_path / "gates"
    gates.mkdir()
    procs = [
        subprocess.Popen([sys.executable, str(script), nsc_store_url, wid, f"w{i:02d}", "50", str(gates / "go")])
        for i in range(20)
    ]
    # every process is up, its session open, before the first write

    def all_ready() -> bool:
        failed = [p.args[4] for p in procs if p.poll() is not None]
        assert not failed, f"writers stopped before the start: {failed}"
        return len(list(gates.glob("*.ready"))) == 20

    wait_until(all_ready, timeout=120, message="not every writer started")
    (gates / "go").touch()
    codes = [p.wait(timeout=240) for p in procs]
    assert codes == [0] * 20
    workshop = open_store(nsc_store_url).load(wid)
    texts = [idea.text for idea in workshop.sprint.ideas.values()]
    assert len(texts) == 1000
    assert len(set(texts)) == 1000  # none duplicated
    assert set(texts) == {f"w{i:02d} idea {j}" for i in range(20) for j in range(50)}  # none lost
    assert Counter(idea.author for idea in workshop.sprint.ideas.values()) == {f"w{i:02d}": 50 for i in range(20)}
    versions = [e.version for e in nsc_store.history(wid)]
    assert versions == list(range(1, 1002))  # gap-free, in order
    # The writers really overlapped: their events interleave in the log.
    authors = [e.participant for e in nsc_store.history(wid)[1:]]
    switches = sum(1 for a, b in itertools.pairwise(authors) if a != b)
    assert switches > 20


STREAM = textwrap.dedent(
    """
    import sys
    from nsc_workshop import open_store
    url, wid = sys.argv[1], sys.argv[2]
    s = open_store(url).session(wid, participant="writer")
    previous = None
    i = 0
    while True:
        actor = s.add_actor(f"Actor {i}", influence=i % 11)
        print(f"actor {actor.id} {s.version}", flush=True)
        if previous is not None:
            tie = s.add_tie(previous, actor.id, type="collaborates")
            print(f"tie {tie.id} {s.version}", flush=True)
        if i % 4 == 3:
            s.remove_actor(previous)
            print(f"removed {previous} {s.version}", flush=True)
            previous = None
        else:
            previous = actor.id
        idea = s.add_idea(f"Idea {i}")
        print(f"idea {idea.id} {s.version}", flush=True)
        i += 1
    """
)


@pytest.mark.parametrize("kill_after", [37, 150])
def test_a_writer_killed_mid_stream_loses_nothing_it_committed(nsc_store, nsc_store_url, tmp_path, kill_after):
    wid = nsc_store.create_workshop("Crash test", "Varnholm", "Norway")
    script = tmp_path / "stream.py"
    script.write_text(STREAM)
    proc = subprocess.Popen(
        [sys.executable, str(script), nsc_store_url, wid], stdout=subprocess.PIPE, text=True, bufsize=1
    )
    reported = []
    assert proc.stdout is not None
    for line in proc.stdout:
        reported.append(line.split())
        if len(reported) >= kill_after:
            break
    os.kill(proc.pid, signal.SIGKILL)  # in the middle of the stream, maybe mid-transaction
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    store = open_store(nsc_store_url)
    workshop = store.load(wid)
    history = store.history(wid)
    removed = {item for kind, item, _ in reported if kind == "removed"}
    ties_removed = {e.data["item"]["id"] for e in history if e.type == "tie.removed"}
    for kind, item, version in reported:  # everything reported as saved is there
        assert int(version) <= history[-1].version
        if kind == "actor" and item not in removed:
            assert item in workshop.actors
        elif kind == "tie":  # unless it went with one of its actors, as asked
            assert item in workshop.ties or item in ties_removed
        elif kind == "idea":
            assert item in workshop.sprint.ideas
        elif kind == "removed":
            assert item not in workshop.actors
    # The state is consistent, equal to folding the log from scratch, and writable.
    assert integrity_problems(workshop) == []
    assert fold(None, history) == workshop
    assert [e.version for e in history] == list(range(1, len(history) + 1))
    session = store.session(wid, participant="after")
    session.add_idea("Written after the crash")
    assert store.head(wid) == history[-1].version + 1
    json.dumps([e.data for e in history])  # every stored payload is readable JSON
