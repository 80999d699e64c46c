"""The room's screen without a browser: what each mode shows, what it never shows, and that it follows the room."""

from __future__ import annotations

import json

import ipywidgets as widgets

from nsc_workshop.apps.projector import projector_app
from nsc_workshop.datasets import SAMPLE_WORKSHOP_ID, load_sample
from nsc_workshop.i18n import use_language
from nsc_workshop.widgets.app_frame import PROJECTOR_VIEWS
from nsc_workshop.widgets.network_view import NetworkView
from nsc_workshop.widgets.projector_screen import MAX_ITEMS, MODES, screen_data
from nsc_workshop.widgets.projector_view import MAP_LABEL_PX, ProjectorScreen


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def test_every_mode_the_facilitator_can_choose_is_drawn(sample_workshop):
    assert set(PROJECTOR_VIEWS) <= set(MODES)
    assert {"timer", "notes", "ideas", "idea_votes", "hmw_votes", "map", "decision"} <= set(PROJECTOR_VIEWS)
    for mode in PROJECTOR_VIEWS:
        screen = screen_data(sample_workshop, mode)
        assert screen["mode"] == mode
        assert screen["heading"] and not screen["heading"].startswith("screen.")
        assert screen["doc_title"] == f"Projector — {sample_workshop.meta.title}"
    assert screen_data(sample_workshop, None)["mode"] == "timer"  # "Timer only"
    assert screen_data(sample_workshop, "no-such-mode")["mode"] == "timer"


def test_the_timer_is_never_a_blank_screen(sample_workshop):
    idle = screen_data(sample_workshop, "timer")
    assert not idle["timer"]["active"]
    assert idle["title"] == sample_workshop.meta.title and idle["idle"] == "No timer running"
    assert idle["next"] == "Next: Welcome, ground rules and why we are here · 20 min"  # the agenda's first item


def test_a_running_timer_and_the_next_agenda_item(nsc_store):
    wid = nsc_store.import_workshop(load_sample())
    session = nsc_store.session(wid, "facilitator")
    first, second = list(session.workshop.sprint.agenda)[:2]
    session.start_timer(first, now=1000.0)
    screen = screen_data(session.workshop, "timer")
    timer = screen["timer"]
    assert timer["active"] and timer["running"] and timer["started_at"] == 1000.0
    assert timer["item_title"] == "Welcome, ground rules and why we are here" and timer["remaining_s"] == 1200.0
    assert screen["next"].startswith(f"Next: {session.workshop.sprint.agenda[second].title} · ")
    session.pause_timer(now=1060.0)
    paused = screen_data(session.workshop, "ideas")["timer"]
    assert paused["active"] and not paused["running"] and paused["remaining_s"] == 1140.0  # shown in the header


def test_notes_and_iceberg_walls(sample_workshop):
    notes = screen_data(sample_workshop, "notes")
    assert notes["total"] == len(sample_workshop.framing.hmw_notes) == len(notes["cards"])
    assert {c["text"] for c in notes["cards"]} == {n.text for n in sample_workshop.framing.hmw_notes.values()}
    assert all(c["tag"] and c["color"].startswith("#") for c in notes["cards"])
    assert notes["count"] == "14 notes" and notes["more"]["3"] == "and 3 more" and notes["more"]["1"] == "and 1 more"
    iceberg = screen_data(sample_workshop, "iceberg")
    assert [c["heading"] for c in iceberg["columns"]] == ["Events", "Patterns", "Structures", "Mental models"]
    assert sum(c["total"] for c in iceberg["columns"]) == iceberg["total"] == len(sample_workshop.framing.iceberg_notes)


def test_the_ideas_wall_shows_revealed_ideas_only(sample_workshop):
    hidden = [i for i in sample_workshop.sprint.ideas.values() if i.private and not i.revealed]
    assert hidden
    screen = screen_data(sample_workshop, "ideas")
    shown = json.dumps(screen, ensure_ascii=False)
    for idea in hidden:
        assert idea.text not in shown
    assert screen["hidden"] == len(hidden) and screen["note"] == "1 private idea not yet revealed"
    assert screen["total"] == len(sample_workshop.sprint.ideas) - len(hidden)
    assert len(screen["cards"]) == min(MAX_ITEMS, screen["total"])
    assert screen["more"][str(screen["total"] - 1)] == f"and {screen['total'] - 1} more"  # the browser shows 1+


def test_votes_are_ranked_bars_with_counts(sample_workshop):
    ideas = screen_data(sample_workshop, "idea_votes")
    bars = ideas["bars"]
    assert bars[0] == {"label": "Digital first-aiders with a back-up line", "count": 8, "share": 1.0}
    assert [b["count"] for b in bars] == sorted((b["count"] for b in bars), reverse=True)
    assert all(b["count"] > 0 for b in bars) and ideas["count"] == f"{sum(b['count'] for b in bars)} dots"
    hidden = {i.text for i in sample_workshop.sprint.ideas.values() if i.private and not i.revealed}
    assert not hidden & {b["label"] for b in bars}
    hmw = screen_data(sample_workshop, "hmw_votes")
    assert hmw["bars"][0]["label"] == sample_workshop.framing.hmw_notes["hmw_01"].text and hmw["bars"][0]["count"] == 7
    assert "(hmw)" not in json.dumps(hmw)  # no round id on screen


def test_decision_map_wickedness_framing_and_join(sample_workshop, monkeypatch):
    decision = screen_data(sample_workshop, "decision")
    assert decision["chosen"] == "Digital first-aiders with a back-up line" and decision["rationale"]
    assert decision["chosen_dots"] == "8 dots"
    assert decision["supervotes"] == ["Digital first-aiders with a back-up line"]
    undecided = sample_workshop.model_copy(
        update={"sprint": sample_workshop.sprint.model_copy(update={"chosen_concept": None})}
    )
    leading = screen_data(undecided, "decision")
    assert leading["chosen"] == "" and leading["leading"][0] == "Digital first-aiders with a back-up line · 8 dots"
    secret = next(i for i in sample_workshop.sprint.ideas.values() if i.private and not i.revealed)
    chose_secret = sample_workshop.model_copy(
        update={"sprint": sample_workshop.sprint.model_copy(update={"chosen_concept": secret.id})}
    )
    assert secret.text not in json.dumps(screen_data(chose_secret, "decision"), ensure_ascii=False)
    legend = screen_data(sample_workshop, "map")
    assert legend["count"] == f"{len(sample_workshop.actors)} actors · {len(sample_workshop.ties)} ties"
    assert "online_platforms" not in json.dumps(legend)  # sector names, never their ids
    wicked = screen_data(sample_workshop, "wickedness")
    assert len(wicked["bars"]) == 10 and wicked["count"] == "16 of 20"
    assert {b["count"] for b in wicked["bars"]} <= {"not at all", "partly", "clearly"}
    framing = screen_data(sample_workshop, "framing")
    headings = [b["heading"] for b in framing["blocks"]]
    assert headings == ["Point of view", "Our question", "Long-term goal", "Sprint questions"]
    monkeypatch.delenv("NSC_ROOM_LINKS", raising=False)
    assert screen_data(sample_workshop, "join")["qr"] == ""
    links = {"participant": "http://10.0.0.5:8866/room/481722905531", "join": "http://10.0.0.5:8866/room"}
    monkeypatch.setenv("NSC_ROOM_LINKS", json.dumps(links))
    join = screen_data(sample_workshop, "join")
    assert join["code"] == "4817 2290 5531" and join["address"] == "http://10.0.0.5:8866/room"
    assert join["qr"].startswith("data:image/svg+xml;base64,")  # drawn here: nothing fetched


def test_the_screen_speaks_the_workshop_language(sample_workshop):
    with use_language("sv"):
        screen = screen_data(sample_workshop, "idea_votes")
        assert screen["heading"] == "Röster på idéer" and screen["count"].endswith("prickar")
        assert screen["doc_title"].startswith("Projektor — ")
    with use_language("fi"):
        assert screen_data(sample_workshop, "timer")["idle"] == "Ajastin ei ole käynnissä"


def test_the_projector_page_has_no_chrome_and_follows_the_room(nsc_store):
    wid = nsc_store.import_workshop(load_sample())
    assert wid == SAMPLE_WORKSHOP_ID
    page = projector_app(nsc_store, wid)
    assert isinstance(page, ProjectorScreen)
    kinds = {type(w).__name__ for w in _walk(page)}
    assert not kinds & {"Tab", "Button", "ToggleButton", "Dropdown", "LanguagePicker", "Text", "Textarea"}
    assert not any(isinstance(w, widgets.HTML) and "saved" in w.value for w in _walk(page))
    view = page.view
    assert view.showing == "timer" and view.stage.screen["mode"] == "timer"
    host = nsc_store.session(wid, "facilitator")
    ana = nsc_store.session(wid, "ana", role="participant")
    ana.add_idea("My secret idea", private=True)
    ana.add_idea("A public idea")
    host.update_settings(projector="ideas")
    assert page.poll_once() == 3
    assert view.showing == "ideas"
    shown = json.dumps(view.stage.screen, ensure_ascii=False)
    assert "A public idea" in shown and "My secret idea" not in shown
    assert view.map is None and view.map_box.layout.display == "none"
    host.update_settings(projector="map")
    page.poll_once()
    assert isinstance(view.map, NetworkView) and view.map_box.layout.display == ""
    assert len(view.map.scene["nodes"]) == len(host.workshop.actors)
    if "label_px" in NetworkView.class_trait_names():
        assert view.map.label_px == MAP_LABEL_PX >= 28
    host.update_settings(projector="decision")
    page.poll_once()
    assert view.showing == "decision" and view.map_box.layout.display == "none"
    assert page.poll_once() == 0  # nothing new: nothing redrawn
    page.stop_polling()


def test_a_participant_link_never_opens_the_projector(nsc_store, monkeypatch):
    monkeypatch.setenv("QUERY_STRING", "role=participant")
    monkeypatch.setenv("NSC_FACILITATOR_KEY", "k3y")
    page = projector_app(nsc_store, "whatever")
    assert isinstance(page, widgets.HTML) and "nsc-projector-gate" in page.value


def test_the_map_of_an_imported_drawing_is_shown_as_drawn(nsc_store):
    """A map brought in from Kumu or Gephi with its positions and colours is on the wall as its tool drew it."""
    from nsc_workshop.testing import make_workshop

    ws = make_workshop(actors=6, ties=5, seed=3)
    drawn = {
        key: actor.model_copy(update={"x": float(i * 100), "y": 0.0, "color": "#d55e00", "shape": "box"})
        for i, (key, actor) in enumerate(ws.actors.items())
    }
    wid = nsc_store.import_workshop(ws.model_copy(update={"actors": drawn}))
    page = projector_app(nsc_store, wid)
    nsc_store.session(wid, "facilitator").update_settings(projector="map")
    page.poll_once()
    nodes = {n["id"]: n for n in page.view.map.scene["nodes"]}
    xs = [nodes[key]["x"] for key in drawn]
    assert xs == sorted(xs) and len(set(xs)) == len(xs)  # left to right, as in the file
    assert {n["color"] for n in nodes.values()} == {"#d55e00"} and {n["shape"] for n in nodes.values()} == {"box"}
    legend = page.view.stage.screen["legend"]  # the key says so: not sector colours the map does not use
    assert legend == [{"label": "Colours: as in the file", "color": "#d55e00"}]
    page.stop_polling()
