"""The facilitator's Report button: a click builds the report and offers it as a download; participants have none."""

from __future__ import annotations

import base64
import re

from nsc_workshop.apps.problem_framing import ProblemFramingApp
from nsc_workshop.datasets import SAMPLE_WORKSHOP_ID, load_sample
from nsc_workshop.widgets.report_button import ReportButton


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def _download(link_html: str) -> tuple[str, bytes]:
    match = re.search(r"download='([^']+)' href='data:text/html;base64,([^']+)'", link_html)
    assert match, link_html[:300]
    return match.group(1), base64.b64decode(match.group(2))


def test_a_click_offers_the_report_of_the_current_workshop(nsc_store):
    nsc_store.import_workshop(load_sample())
    session = nsc_store.session(SAMPLE_WORKSHOP_ID, "facilitator")
    session.set_problem_statement("A statement typed just now <b>in the room</b>")
    button = ReportButton(session)
    assert button.link.value == ""
    button.button.click()
    name, data = _download(button.link.value)
    assert name == f"{SAMPLE_WORKSHOP_ID}-report.html"
    page = data.decode("utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "Online hate and polarisation among young people" in page
    assert "A statement typed just now &lt;b&gt;in the room&lt;/b&gt;" in page  # the session's current state
    assert page.count("<img") == 12
    assert "ready" in button.status.value and not button.button.disabled


def test_the_frame_shows_the_button_to_the_facilitator_only(nsc_store):
    nsc_store.import_workshop(load_sample())
    host = ProblemFramingApp(nsc_store, nsc_store.session(SAMPLE_WORKSHOP_ID, "facilitator"))
    ana = ProblemFramingApp(nsc_store, nsc_store.session(SAMPLE_WORKSHOP_ID, "ana", role="participant"))
    assert isinstance(host.report, ReportButton)
    assert host.report in list(_walk(host))
    assert ana.report is None
    assert not any(isinstance(w, ReportButton) for w in _walk(ana))
    assert "Report" not in {getattr(w, "description", "") for w in _walk(ana)}


def test_in_a_kernel_the_report_is_built_on_a_worker_and_the_page_stays_live(nsc_store, monkeypatch):
    """The click returns at once; progress and the link are posted back to the kernel's loop."""
    import asyncio
    import threading

    from nsc_workshop.widgets import report_button

    nsc_store.import_workshop(load_sample())
    session = nsc_store.session(SAMPLE_WORKSHOP_ID, "facilitator")
    loop = asyncio.new_event_loop()
    monkeypatch.setattr(report_button, "kernel_loop", lambda: loop)
    gate = threading.Event()
    real = report_button.workshop_report_html

    def held(workshop, **kwargs):
        assert gate.wait(30)
        return real(workshop, **kwargs)

    monkeypatch.setattr(report_button, "workshop_report_html", held)
    seen: list[str] = []
    button = ReportButton(session)
    button.status.observe(lambda change: seen.append(change["new"]), names="value")
    try:
        button.click()  # returns while the report is still being built
        assert button.worker is not None and button.worker.is_alive()
        assert button.button.disabled and button.link.value == "" and "Preparing" in button.status.value
        button.click()  # a second click meanwhile starts nothing
        gate.set()

        async def until_ready() -> None:
            while not button.link.value:
                await asyncio.sleep(0.02)

        # the kernel's loop runs in a thread of its own: another test of this process may have left a loop
        # marked as running in the main thread, where run_until_complete would refuse to start
        failed: list[BaseException] = []

        def kernel() -> None:
            try:
                loop.run_until_complete(asyncio.wait_for(until_ready(), 120))
            except BaseException as exc:  # reported in the test's thread
                failed.append(exc)

        runner = threading.Thread(target=kernel)
        runner.start()
        runner.join(150)
        assert not runner.is_alive() and not failed, failed
    finally:
        gate.set()
        loop.close()
    name, data = _download(button.link.value)
    assert name == f"{SAMPLE_WORKSHOP_ID}-report.html" and data.decode("utf-8").count("<img") == 12
    assert any("figures: 12 of 12" in value for value in seen)  # progress, in the page's thread
    assert "ready" in button.status.value and not button.button.disabled
