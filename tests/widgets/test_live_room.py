"""Several pages on one workshop: they follow each other, the facilitator leads, locks and projects."""

from __future__ import annotations

import json

from nsc_workshop.apps.innovation_sprint import InnovationSprintApp
from nsc_workshop.apps.problem_framing import ProblemFramingApp
from nsc_workshop.apps.projector import projector_app
from nsc_workshop.widgets.app_frame import AppFrame
from nsc_workshop.widgets.projector_view import ProjectorScreen


def test_pages_follow_each_other_and_keep_what_is_typed(nsc_store):
    wid = nsc_store.create_workshop("Live", "Varnholm", "Norway")
    host = InnovationSprintApp(nsc_store, nsc_store.session(wid, "facilitator"), "facilitator")
    ana = InnovationSprintApp(nsc_store, nsc_store.session(wid, "ana", role="participant"), "participant")
    ben = InnovationSprintApp(nsc_store, nsc_store.session(wid, "ben", role="participant"), "participant")
    for page in (host, ana, ben):
        page.show_step("ideas")
    ben.ideas.text.value = "Half-typed idea"  # ben is typing while others write
    ana.ideas.text.value = "Night-time chat"
    ana.ideas.add()
    assert host.poll_once() == 1
    assert ben.poll_once() == 1
    for page in (host, ben):
        assert "Night-time chat" in repr([getattr(w, "value", "") for w in _walk(page.ideas.list)])
    assert ben.ideas.text.value == "Half-typed idea"
    rows_before = list(host.ideas.list.children)
    ben.ideas.text.value = "Second idea"
    ben.ideas.add()
    host.poll_once()
    assert set(rows_before) <= set(host.ideas.list.children)  # unchanged rows are kept, not rebuilt


def test_participants_have_no_facilitator_controls(nsc_store):
    wid = nsc_store.create_workshop("Roles", "Varnholm", "Norway")
    ana = InnovationSprintApp(nsc_store, nsc_store.session(wid, "ana", role="participant"), "participant")
    host = InnovationSprintApp(nsc_store, nsc_store.session(wid, "facilitator"), "facilitator")
    assert ana.controls is None and host.controls is not None
    labels = {getattr(w, "description", "") for w in _walk(ana)}
    assert "Pause input" not in labels and "Lead: bring everyone to my tab" not in labels


def test_the_facilitator_leads_locks_and_projects(nsc_store):
    wid = nsc_store.create_workshop("Leading", "Varnholm", "Norway")
    host = InnovationSprintApp(nsc_store, nsc_store.session(wid, "facilitator"), "facilitator")
    ana = InnovationSprintApp(nsc_store, nsc_store.session(wid, "ana", role="participant"), "participant")
    host.lead.value = True
    host.show_step("decide")
    ana.poll_once()
    assert ana.steps[ana.tabs.selected_index].key == "decide"  # moved with the facilitator
    host.lock.value = True
    ana.poll_once()
    assert "paused input" in ana.banner.value
    ana.show_step("ideas")
    ana.ideas.text.value = "Typed while locked"
    assert ana.ideas.add() is None
    assert ana.ideas.text.value == "Typed while locked"  # kept for when input resumes
    host.lock.value = False
    ana.poll_once()
    assert ana.ideas.add() is not None
    framing = ProblemFramingApp(nsc_store, nsc_store.session(wid, "ben", role="participant"))
    host.show_step("ideas")
    framing.poll_once()
    assert "moved on to the innovation sprint" in framing.banner.value
    screen = projector_app(nsc_store, wid)
    assert isinstance(screen, ProjectorScreen) and not isinstance(screen, AppFrame)  # no page around the screen
    host.projector.value = "ideas"
    screen.poll_once()
    view = screen.view
    assert view.showing == "ideas"
    assert "Typed while locked" in [card["text"] for card in view.stage.screen["cards"]]
    host.projector.value = "idea_votes"
    screen.poll_once()
    assert view.showing == "idea_votes" and view.stage.screen["bars"] == []  # no dots given yet
    screen.stop_polling()


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def test_tabs_keep_their_titles_when_built(nsc_store):
    wid = nsc_store.create_workshop("Titles", "Varnholm", "Norway")
    page = InnovationSprintApp(nsc_store, nsc_store.session(wid, "facilitator"), "facilitator")
    titles = list(page.tabs.titles)
    page.show_step("summary")
    assert list(page.tabs.titles) == titles
    assert titles[2] == "Ideas"


def test_the_facilitator_makes_contributions_anonymous(nsc_store):
    wid = nsc_store.create_workshop("Anonymous", "Varnholm", "Norway")
    host = InnovationSprintApp(nsc_store, nsc_store.session(wid, "facilitator"), "facilitator")
    ana = InnovationSprintApp(nsc_store, nsc_store.session(wid, "ana", role="participant"), "participant")
    ana.show_step("ideas")
    ana.ideas.text.value = "Named idea"
    named = ana.ideas.add()
    host.anonymous.value = True
    ana.poll_once()
    assert "anonymous" in ana.banner.value
    ana.ideas.text.value = "Unnamed idea"
    unnamed = ana.ideas.add()
    workshop = nsc_store.load(wid)
    assert workshop.sprint.ideas[named.id].author == "ana"
    stored = workshop.sprint.ideas[unnamed.id].author
    assert stored is not None and stored.startswith("anon-") and "ana" not in stored  # no name, still an owner
    host.show_step("ideas")
    host.poll_once()

    def texts(widget):  # every text the facilitator's idea list shows
        yield str(getattr(widget, "value", ""))
        for child in getattr(widget, "children", ()):
            yield from texts(child)

    shown = " ".join(texts(host.ideas.list))
    assert "Unnamed idea" in shown and "anon-" not in shown
    (logged,) = [e for e in nsc_store.history(wid) if unnamed.id in repr(e.data)]
    assert logged.participant not in (None, "ana")  # a pseudonym in the log, for ana's undo
    host.anonymous.value = False
    ana.poll_once()
    assert "anonymous" not in ana.banner.value


def test_the_timer_runs_on_every_page_of_every_app(nsc_store):
    wid = nsc_store.create_workshop("Timer", "Varnholm", "Norway")
    host = InnovationSprintApp(nsc_store, nsc_store.session(wid, "facilitator"), "facilitator")
    framing = ProblemFramingApp(nsc_store, nsc_store.session(wid, "ana", role="participant"))
    sprint = InnovationSprintApp(nsc_store, nsc_store.session(wid, "ben", role="participant"), "participant")
    sprint.show_step("ideas")
    assert framing.timer.layout.display == "none"  # no timer yet
    item = host.session.add_agenda_item("Crazy 8s", phase="sketch", duration_min=8)
    host.session.start_timer(item.id)
    for page in (framing, sprint):
        page.poll_once()
        assert page.timer.layout.display == ""
        assert page.timer.state["item_title"] == "Crazy 8s" and page.timer.state["started_at"] is not None
        assert page.timer.state["remaining_s"] == 8 * 60
    sprint.show_step("agenda")  # the agenda shows its own timer: not twice
    assert sprint.timer.layout.display == "none"
    host.session.pause_timer()
    framing.poll_once()
    assert framing.timer.state["started_at"] is None and 0 < framing.timer.state["remaining_s"] <= 8 * 60


def test_a_page_away_stops_pulling_and_catches_up_when_back(nsc_store):
    import asyncio
    import threading
    import time

    from nsc_workshop.widgets import app_frame
    from nsc_workshop.widgets.presence import AWAY_SECONDS

    wid = nsc_store.create_workshop("Away", "Varnholm", "Norway")
    ana = nsc_store.session(wid, "ana", role="participant")

    async def scenario() -> tuple[int, int, int]:
        page = InnovationSprintApp(nsc_store, nsc_store.session(wid, "ben", role="participant"), "participant")
        page.show_step("ideas")
        assert page._poller is not None  # following the room on the running loop
        ana.add_idea("While ben looks")
        deadline = time.monotonic() + 30
        while page.session.version < 2 and time.monotonic() < deadline:  # the page's poller pulls it
            await asyncio.sleep(app_frame.POLL_SECONDS / 4)
        seen_here = page.session.version
        page.presence.last_seen -= AWAY_SECONDS + 1  # the phone went to sleep
        ana.add_idea("While ben is away")
        await asyncio.sleep(app_frame.POLL_SECONDS * 3)  # the behaviour: three polling periods pass, nothing pulled
        seen_away = page.session.version
        page.presence.ping()  # back: catches up at once
        seen_back = page.session.version
        page.stop_polling()
        return seen_here, seen_away, seen_back

    results = []  # on a thread of its own: the browser tests' Playwright may hold this thread's loop
    runner = threading.Thread(target=lambda: results.append(asyncio.run(scenario())))
    runner.start()
    runner.join(timeout=60)
    here, away, back = results[0]
    assert here == 2 and away == 2 and back == 3


def _panel_loading() -> bytes:
    from nsc_workshop.widgets._panel import loading_svg

    return loading_svg()


def test_a_page_being_opened_draws_its_charts_once_it_shows(nsc_store):
    from nsc_workshop.widgets._panel import Panel
    from nsc_workshop.widgets.presence import Presence
    from nsc_workshop.widgets.wickedness_check import WickednessCheck

    wid = nsc_store.create_workshop("Charts", "Varnholm", "Norway")
    session = nsc_store.session(wid, "ana")
    Panel.deferred = waiting = []
    try:
        check = WickednessCheck(session)
        check.refresh()  # a second refresh before the page shows: still one drawing waiting
    finally:
        Panel.deferred = None
    assert bytes(check.chart.value) == _panel_loading() and len(waiting) == 1  # the loading sign meanwhile
    presence = Presence()
    presence.on_shown(lambda: [job() for job in waiting])
    presence.ping()  # the page shows in the browser
    assert bytes(check.chart.value).startswith(b"\x89PNG")
    drawn = check.chart.value
    check.refresh()  # nothing changed: not drawn again
    assert check.chart.value is drawn
    session.score_wickedness("no_definitive_formulation", 2, "")
    assert check.chart.value != drawn  # drawn at once outside a page being opened
    later = []
    presence.on_shown(lambda: later.append("at once"))  # already shown
    assert later == ["at once"]


def test_a_live_page_redraws_a_chart_at_most_once_a_second_with_the_newest_scores(nsc_store, monkeypatch):
    """Ten scores within a second: the chart is drawn once more, after the rest of the page, from the last state."""
    import asyncio
    import threading
    import time

    from nsc_workshop.datasets import wickedness_characteristics
    from nsc_workshop.plots import wickedness_chart
    from nsc_workshop.widgets import _panel
    from nsc_workshop.widgets.wickedness_check import WickednessCheck

    characteristics = [row["id"] for row in wickedness_characteristics()]
    wid = nsc_store.create_workshop("Charts", "Varnholm", "Norway")
    session = nsc_store.session(wid, "ana")
    start = time.monotonic()
    check = WickednessCheck(session)  # drawn at once: a first drawing never waits
    first = bytes(check.chart.value)
    drawings = []
    check.chart.observe(lambda change: drawings.append(time.monotonic()), names="value")
    loop = asyncio.new_event_loop()  # the kernel's loop, which runs between the page's messages
    monkeypatch.setattr(_panel, "kernel_loop", lambda: loop)
    scored = []

    def scenario():
        for n, characteristic in enumerate(characteristics[:5]):
            session.score_wickedness(characteristic, n % 3, "")  # refreshes the panel: texts now, chart later
            scored.append((time.monotonic(), bytes(check.chart.value) == first))
        # the behaviour is timed: the redraw comes a second after the first drawing, and none after it
        loop.run_until_complete(asyncio.sleep(_panel.REDRAW_SECONDS + 0.5))
        check.hide()
        session.score_wickedness(characteristics[5], 2, "")
        loop.run_until_complete(asyncio.sleep(_panel.REDRAW_SECONDS + 0.5))  # hidden: no drawing in that time

    failed = []
    runner = threading.Thread(target=lambda: _catching(scenario, failed))  # Playwright may hold this thread's loop
    runner.start()
    runner.join(timeout=60)
    loop.close()
    assert not failed, failed
    assert [same for _, same in scored] == [True] * 5  # no score waited for a drawing
    assert len(drawings) == 1  # five changes, one drawing...
    assert drawings[0] - start >= _panel.REDRAW_SECONDS - 0.01  # ...a second after the first drawing
    monkeypatch.setattr(_panel, "kernel_loop", lambda: None)
    check.show()  # hidden while the sixth score came: drawn when shown again, at once
    assert len(drawings) == 2
    expected = _panel.figure_png(wickedness_chart(session.workshop))
    assert bytes(check.chart.value) == expected  # the newest state: all six scores


def test_vote_results_are_html_bars_with_every_label_escaped():
    import re

    from nsc_workshop.widgets._html import bars_html

    html = bars_html(
        [("<script>alert(1)</script>", 6), ("Night walks & talks", 3), ("Unvoted", 0)], title="Results", empty="None"
    )
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    widths = [float(w) for w in re.findall(r"nsc-bar' style='width:([\d.]+)%", html)]
    assert widths == [100.0, 50.0]  # scaled to the most, the unvoted left out
    assert re.findall(r"nsc-bar-value'>(\d+)<", html) == ["6", "3"]
    assert "None" in bars_html([("Unvoted", 0)], title="Results", empty="None")
    many = bars_html([(f"Idea {i}", 20 - i) for i in range(20)], title="Results", empty="None", top=12)
    assert many.count("nsc-bar-row") == 12


def _catching(job, failed):
    try:
        job()
    except Exception as exc:
        failed.append(exc)


def test_a_vote_updates_the_rows_in_place_on_every_page(nsc_store):
    """Another participant's dot changes one count on the facilitator's page: no row is rebuilt."""
    from nsc_workshop.widgets.decide_board import DecideBoard

    wid = nsc_store.create_workshop("Votes", "Varnholm", "Norway")
    host = nsc_store.session(wid, "facilitator")
    ideas = [host.add_idea(f"Idea {i}") for i in range(5)]
    board = DecideBoard(host)
    rows = list(board.rows.children)
    texts = [row.text for row in rows]
    ana = nsc_store.session(wid, "ana", role="participant")
    ana.vote(ideas[0].id, round="ideas")
    ana.vote(ideas[0].id, round="ideas")
    host.refresh()
    assert list(board.rows.children) == rows and [row.text for row in rows] == texts  # the same widgets
    counts = [row.count.value for row in rows]
    assert counts[0].endswith("●● 2</span>") and all(c.endswith(" 0</span>") for c in counts[1:])
    assert rows[0].minus.disabled  # the facilitator has no dot there to take back...
    board.voter.value = "ana"
    assert not rows[0].minus.disabled  # ...ana has
    from nsc_workshop.widgets.decide_charts import DecideCharts  # the results: Decide's own sub-step

    chart = DecideCharts(host).votes
    assert "Idea 0" in chart.value and "nsc-bar-value'>2<" in chart.value


def test_the_projector_shows_how_to_join_the_room(monkeypatch):
    from nsc_workshop.datasets import load_sample
    from nsc_workshop.widgets.projector_screen import screen_data

    monkeypatch.delenv("NSC_ROOM_LINKS", raising=False)
    assert "no room" in screen_data(load_sample(), "join")["empty"]
    links = {"participant": "http://10.0.0.5:8866/room/481722905531", "join": "http://10.0.0.5:8866/room"}
    monkeypatch.setenv("NSC_ROOM_LINKS", json.dumps(links))
    shown = screen_data(load_sample(), "join")
    assert shown["code"] == "4817 2290 5531" and shown["address"] == "http://10.0.0.5:8866/room"
    assert shown["qr"].startswith("data:image/svg+xml;base64,")  # the QR code, drawn here: nothing fetched
