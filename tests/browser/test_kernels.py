"""The apps' kernels: a closed page's kernel is shut down; a server killed mid-session loses nothing shown as saved."""

from __future__ import annotations

import contextlib
import os
import signal
from collections import Counter

import psutil

from nsc_workshop import open_store
from nsc_workshop.events import fold
from nsc_workshop.model.collections import integrity_problems
from nsc_workshop.serve import VoilaServer, free_port, port_in_use
from nsc_workshop.testing import wait_until

PEOPLE = 3
ROUNDS = 4


def _server_processes(server: VoilaServer) -> list[int]:
    """Voilà and every kernel it started (its child processes, in sessions of their own)."""
    assert server.process is not None
    voila = psutil.Process(server.process.pid)
    kernels = []
    for child in voila.children(recursive=True):
        with contextlib.suppress(psutil.NoSuchProcess):  # a kernel shutting down right now
            if "ipykernel" in " ".join(child.cmdline()):
                kernels.append(child.pid)
    return [voila.pid, *kernels]


def _running(pid: int) -> bool:
    """Whether a process runs (a zombie waiting for its parent to reap it does not)."""
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def test_sigkill_in_a_live_session_loses_nothing_shown_as_saved(tmp_path, new_context, no_traceback):
    url = f"sqlite:///{tmp_path / 'live.db'}"
    store = open_store(url)
    wid = store.create_workshop("Crash", "Kettilsby", "Sweden")
    port = free_port()
    server = VoilaServer(url, port=port, quiet=os.environ.get("NSC_VOILA_LOGS") != "1").start()
    context = new_context(90_000, width=1200)
    try:
        pages = []
        for i in range(PEOPLE):
            page = context.new_page()
            page.goto(server.url_for("03_innovation_sprint.ipynb", workshop=wid, role="participant", name=f"p{i}"))
            page.get_by_role("tab", name="Ideas", exact=True).click()
            page.locator(".nsc-sprint-step-ideas").wait_for()
            pages.append(page)

        shown_saved: list[str] = []
        for round_ in range(ROUNDS):
            for i, page in enumerate(pages):
                text = f"p{i} idea {round_}"
                step = page.locator(".nsc-sprint-step-ideas")
                step.get_by_placeholder("One idea per note").fill(text)
                step.get_by_role("button", name="Add idea").click()
                step.locator(".nsc-idea", has_text=text).wait_for()
                page.get_by_text("All changes saved").wait_for()
                shown_saved.append(text)
        for i, page in enumerate(pages):  # more clicks in flight when the server dies
            step = page.locator(".nsc-sprint-step-ideas")
            step.get_by_placeholder("One idea per note").fill(f"p{i} in flight")
            step.get_by_role("button", name="Add idea").click()

        victims = _server_processes(server)
        assert len(victims) >= PEOPLE + 1  # Voilà and a kernel for each page
        for pid in victims:
            os.kill(pid, signal.SIGKILL)
        assert server.process is not None
        server.process.wait(timeout=30)
        assert server.process.returncode == -signal.SIGKILL
        server.process = None
        wait_until(
            lambda: not port_in_use(port) and not any(_running(pid) for pid in victims),
            timeout=30,
            message=lambda: f"the killed server still holds port {port} or a kernel runs on",
        )

        restarted = VoilaServer(url, port=port, quiet=True).start()
        try:
            for i, page in enumerate(pages):
                page.reload()
                page.get_by_role("tab", name="Ideas", exact=True).click()
                step = page.locator(".nsc-sprint-step-ideas")
                for round_ in range(ROUNDS):
                    step.locator(".nsc-idea", has_text=f"p{i} idea {round_}").wait_for()
                no_traceback(page)
            # the room goes on: a new idea after the restart reaches the others
            step = pages[0].locator(".nsc-sprint-step-ideas")
            step.get_by_placeholder("One idea per note").fill("after the restart")
            step.get_by_role("button", name="Add idea").click()
            pages[1].locator(".nsc-sprint-step-ideas .nsc-idea", has_text="after the restart").wait_for()
        finally:
            restarted.stop()

        workshop = open_store(url).load(wid)
        texts = Counter(idea.text for idea in workshop.sprint.ideas.values())
        assert all(texts[text] == 1 for text in shown_saved)  # every idea shown as saved, once
        assert max(texts.values()) == 1  # nothing twice (an idea in flight is there once or not at all)
        history = open_store(url).history(wid)
        assert integrity_problems(workshop) == []
        assert fold(None, history) == workshop
        assert [e.version for e in history] == list(range(1, len(history) + 1))
    finally:
        server.stop()


def test_closing_a_page_shuts_its_kernel_down(served, new_context, no_traceback):
    context = new_context(90_000, width=1200)
    before = set(_server_processes(served))
    page = context.new_page()
    page.goto(served.url_for("01_problem_framing.ipynb", role="participant", name="closer"))
    page.locator(".nsc-problem-framing").wait_for()
    no_traceback(page)
    opened = set(_server_processes(served)) - before
    assert len(opened) == 1  # the page's own kernel
    page.wait_for_function("() => /\\b_xsrf=/.test(document.cookie)")
    page.close(run_before_unload=True)
    wait_until(
        lambda: not opened & set(_server_processes(served)), timeout=30, message="the closed page's kernel still runs"
    )
