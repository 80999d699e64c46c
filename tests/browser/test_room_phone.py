"""The room on a phone, in Chromium: every state fits a 390×844 screen with 44 px targets, in two languages;
and what a room does to a page (fast typing, double taps, a dropped network, the server killed) loses nothing.

Screenshots of every state are saved for review in ``.ci/out/screenshots/room`` (or ``$NSC_SCREENSHOTS/room``),
the folder the CI run keeps.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from nsc_workshop import open_store
from nsc_workshop.datasets import SAMPLE_WORKSHOP_ID, load_sample
from nsc_workshop.room.proxy import Relay
from nsc_workshop.serve import VoilaServer
from nsc_workshop.store import Store

PHONE = {"width": 390, "height": 844}
SMALL = {"width": 360, "height": 640}
ACTIVITIES = ("wickedness", "iceberg", "hmw", "actors", "ties", "influence", "ideas", "sketches", "decide", "test")

# Every visible tap target and field: its size, font size, and what it is (for the message).
MEASURE = """() => {
  const out = {overflow: document.documentElement.scrollWidth - window.innerWidth, small: [], tiny_text: []};
  const visible = (el) => el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true});
  const name = (el) => (el.tagName + '.' + el.className + ' '
    + (el.getAttribute('aria-label') || el.textContent || el.name || '')).trim().slice(0, 80);
  const fields = ['INPUT', 'SELECT', 'TEXTAREA'];
  const boxes = ['checkbox', 'radio', 'file'];
  for (const el of document.querySelectorAll('button, a[href], input, select, textarea, [role=button]')) {
    if (el.type === 'hidden') continue;
    let target = el;  // a checkbox's (or a photo input's) tap target is its label
    if (el.tagName === 'INPUT' && boxes.includes(el.type)) {
      target = el.closest('label') || document.querySelector(`label[for="${el.id}"]`) || el;
    }
    if (!visible(target)) continue;
    const box = target.getBoundingClientRect();
    if (box.width < 43.5 || box.height < 43.5) {
      out.small.push(name(target) + ` ${box.width.toFixed(0)}x${box.height.toFixed(0)}`);
    }
    if (fields.includes(el.tagName) && !boxes.includes(el.type)) {
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < 16) out.tiny_text.push(name(el) + ` ${size}px`);
    }
    const named = el.getAttribute("aria-label") || el.getAttribute("aria-labelledby")
      || (el.labels && el.labels.length);
    if (fields.includes(el.tagName) && !named) out.tiny_text.push('no label: ' + name(el));
  }
  return out;
}"""


@pytest.fixture(scope="module")
def screens(screenshots: Callable[[str], Path]) -> Path:
    folder = screenshots("room")
    print(f"\nroom screenshots: {folder}")
    return folder


def _store(folder: Path) -> tuple[str, Store]:
    url = f"sqlite:///{folder / 'city.db'}"
    store = open_store(url)
    if not store.exists(SAMPLE_WORKSHOP_ID):
        store.import_workshop(load_sample())
    return url, store


@pytest.fixture(scope="module")
def sample_room(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[VoilaServer, Store]]:
    """The sample workshop's room (real content in every activity), served as ``serve --lan`` serves it."""
    url, store = _store(tmp_path_factory.mktemp("phone"))
    server = VoilaServer.for_room(url, workshop=SAMPLE_WORKSHOP_ID, quiet=os.environ.get("NSC_VOILA_LOGS") != "1")
    with server:
        yield server, store
    store.close()


NEXT_FRAME = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"
"""Resolves once the browser has drawn a frame after the call (two frames: the next one starts after it)."""


def check(page: Any, screens: Path, name: str) -> None:
    """No sideways scrolling, 44×44 targets, 16 px fields with labels; a screenshot for review."""
    page.evaluate(NEXT_FRAME)  # the last render is laid out
    page.screenshot(path=str(screens / f"{name}.png"), full_page=True)
    found = page.evaluate(MEASURE)
    assert found["overflow"] <= 0, f"{name}: the page scrolls sideways by {found['overflow']} px"
    assert not found["small"], f"{name}: tap targets under 44×44: {found['small']}"
    assert not found["tiny_text"], f"{name}: {found['tiny_text']}"


def join(page: Any, link: str, name: str | None) -> None:
    page.goto(link)
    page.locator("form.nsc-join").wait_for()
    if name:
        page.locator("#nsc-join-name").fill(name)
    page.locator("form.nsc-join button[type=submit]").click()
    page.locator(".nsc-status[data-state=online]").wait_for()


def show(page: Any, activity: str) -> Any:
    page.locator("select.nsc-activity-picker").select_option(activity)
    section = page.locator(f"section.nsc-activity[data-activity={activity}]")
    section.wait_for()
    return section


def test_every_state_of_the_room_fits_a_phone(sample_room, new_context, screens, no_traceback):
    server, store = sample_room
    host = store.session(SAMPLE_WORKSHOP_ID, participant="facilitator")
    page = new_context(60_000, **PHONE).new_page()
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.on("websocket", lambda socket: asked.append(socket.url))
    page.goto(server.join_url())
    page.locator("form.nsc-join").wait_for()
    check(page, screens, "01-code")
    page.locator("#nsc-join-code").fill("0000 0000 0000")
    page.locator("form.nsc-join button[type=submit]").click()
    page.get_by_text("There is no room with this code").wait_for()
    check(page, screens, "02-wrong-code")
    page.goto(server.participant_url())
    page.locator("#nsc-join-name").wait_for()
    check(page, screens, "03-join")
    join(page, server.participant_url(), "Ana")
    other = new_context(60_000, **PHONE).new_page()
    other.goto(server.participant_url())
    other.locator("#nsc-join-name").fill("ana")
    other.locator("form.nsc-join button[type=submit]").click()
    other.locator("button.nsc-suggestion").wait_for()
    check(other, screens, "04-name-taken")
    for n, activity in enumerate(ACTIVITIES, start=5):
        show(page, activity)
        check(page, screens, f"{n:02d}-{activity}")
    section = show(page, "hmw")
    section.locator("#nsc-hmw-text").fill("How might we <script>alert(1)</script> listen?")
    section.get_by_role("button", name="Add question").click()
    section.locator("li.nsc-item[data-kind=hmw]", has_text="<script>alert(1)</script>").wait_for()
    host.update_settings(locked=True)
    page.locator(".nsc-paused").wait_for()
    check(page, screens, "15-paused")
    host.update_settings(locked=False, current_step="framing:tree")
    page.locator(".nsc-led").wait_for()
    check(page, screens, "16-watch-the-screen")
    host.update_settings(current_step="sprint:ideas")
    page.locator("section.nsc-activity[data-activity=ideas]").wait_for()
    item = next(iter(host.workshop.sprint.agenda))
    host.start_timer(item)
    page.locator(".nsc-timer").wait_for()
    check(page, screens, "17-led-ideas-with-timer")
    sv = new_context(60_000, **SMALL).new_page()
    join(sv, server.participant_url() + "?lang=sv", "Björn")
    assert "Anslut" not in sv.inner_text("body")  # joined: the join button is gone
    show(sv, "ideas")
    check(sv, screens, "18-ideas-in-swedish-360")
    assert sv.locator("html").get_attribute("lang") == "sv"
    for lang in ("da", "nb", "fi"):  # the longest words of the five languages, at the smallest screen
        other_language = new_context(60_000, **SMALL).new_page()
        other_language.goto(server.participant_url() + f"?lang={lang}")
        other_language.locator("#nsc-join-name").wait_for()
        assert other_language.locator("html").get_attribute("lang") == lang
        check(other_language, screens, f"18-join-{lang}-360")
        join(other_language, server.participant_url() + f"?lang={lang}", f"Guest in {lang}")
        for activity in ("hmw", "sketches", "test"):
            show(other_language, activity)
            check(other_language, screens, f"18-{activity}-{lang}-360")
        other_language.close()
    people = new_context(60_000, width=1366, height=768).new_page()
    people.goto(server.host_url())
    people.locator("li.nsc-person", has_text="Björn").wait_for()
    check(people, screens, "19-host-laptop")
    phone_host = new_context(60_000, **PHONE).new_page()
    phone_host.goto(server.host_url())
    phone_host.locator("li.nsc-person", has_text="Ana").wait_for()
    check(phone_host, screens, "20-host-phone")
    row = phone_host.locator("li.nsc-person", has_text="Ana")
    row.locator("button.nsc-host-remove").click()
    row.locator(".nsc-host-confirm").click()
    page.locator(".nsc-removed").wait_for()
    check(page, screens, "21-removed")
    outside = [url for url in asked if not url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:"))]
    assert outside == [] and any("/room/ws" in url for url in asked)  # everything from the kit's own server
    host.pause_timer()
    host.update_settings(current_step=None)
    for each in (page, other, sv, people):
        no_traceback(each)


@pytest.fixture
def restartable(tmp_path: Path) -> Iterator[dict[str, Any]]:
    """A room whose server the test may kill and start again, reached through a relay that can drop connections."""
    url, store = _store(tmp_path)
    quiet = os.environ.get("NSC_VOILA_LOGS") != "1"
    state: dict[str, Any] = {"store": store}
    state["server"] = VoilaServer.for_room(url, workshop=SAMPLE_WORKSHOP_ID, quiet=quiet).start()

    def restart() -> None:
        port = state["server"].port
        state["server"] = VoilaServer.for_room(url, workshop=SAMPLE_WORKSHOP_ID, port=port, quiet=quiet).start()

    state["restart"] = restart
    with Relay(state["server"].port) as relay:
        state["relay"] = relay
        state["link"] = f"http://127.0.0.1:{relay.port}/room/{state['server'].code}"
        yield state
    state["server"].stop()
    store.close()


def _add(section: Any, text: str, delay: float = 20) -> None:
    box = section.locator("#nsc-hmw-text")
    box.click()
    box.press_sequentially(text, delay=delay)
    section.get_by_role("button", name="Add question").click()


def _offline_within(page: Any, seconds: float) -> float:
    began = time.monotonic()
    page.locator(".nsc-offline").wait_for(timeout=int(seconds * 1000) + 1000)
    took = time.monotonic() - began
    assert took <= seconds, f"the page said the connection was lost after {took:.1f} s"
    return took


def test_no_note_is_lost_garbled_or_saved_twice(restartable, new_context, screens):
    store: Store = restartable["store"]
    relay: Relay = restartable["relay"]
    context = new_context(60_000, **PHONE)
    page = context.new_page()
    join(page, restartable["link"], "Fast typist")
    section = show(page, "hmw")
    expected: list[str] = []

    # typing at 20 ms a key and tapping Add at once, eight times in a row
    for n in range(8):
        text = f"How might we keep note {n} whole, typed fast?"
        _add(section, text)
        expected.append(text)
    # a double tap on Add
    box = section.locator("#nsc-hmw-text")
    box.fill("A note tapped twice")
    section.get_by_role("button", name="Add question").dblclick()
    expected.append("A note tapped twice")
    # the network goes silent just as a note is sent: the page says so, keeps it, sends it once
    _add(section, "Sent as the Wi-Fi died", delay=5)
    relay.stall()
    expected.append("Sent as the Wi-Fi died")
    silent = _offline_within(page, 2.0)
    _add(section, "Written while offline", delay=5)
    expected.append("Written while offline")
    section.locator("li.nsc-pending", has_text="Written while offline").wait_for()
    check(page, screens, "22-offline-with-waiting-notes")
    relay.resume()
    relay.cut()  # the old connection is gone; the page reconnects by itself
    page.locator(".nsc-status[data-state=online]").wait_for()
    # the server killed (-9) and started again: the page reconnects by itself and sends what waited
    server = restartable["server"]
    server.process.send_signal(signal.SIGKILL)
    server.process.wait(10)
    server.process = None
    dropped = _offline_within(page, 2.0)
    for text in ("Written while the server was down", "And one more"):
        _add(section, text, delay=5)
        expected.append(text)
    page.close()  # and the phone closes the page meanwhile (a browser has no page to show while the server is down)
    restartable["restart"]()
    page = context.new_page()  # opened again once the server is back: what waited was kept on the device
    page.goto(restartable["link"])
    section = show(page, "hmw")
    page.locator(".nsc-status[data-state=online]").wait_for(timeout=30_000)
    page.wait_for_function("() => document.querySelectorAll('li.nsc-pending').length === 0", timeout=30_000)
    print(f"offline shown {silent:.2f} s after the network went silent, {dropped:.2f} s after the server died")

    stored = [n.text for n in store.load(SAMPLE_WORKSHOP_ID).framing.hmw_notes.values() if n.author == "Fast typist"]
    assert sorted(stored) == sorted(expected)  # nothing lost, nothing twice, nothing garbled
    for text in expected:
        assert section.locator("li.nsc-item[data-kind=hmw]", has_text=text).count() == 1
