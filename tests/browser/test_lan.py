"""Served to the room (``serve --lan``): the apps open for the facilitator's key, the projector page for the
projector's key, and nothing of them for anyone else (participants have the room)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from urllib.parse import urlencode

import pytest

from nsc_workshop import open_store
from nsc_workshop.datasets import SAMPLE_WORKSHOP_ID, load_sample
from nsc_workshop.serve import VoilaServer

SPRINT = "03_innovation_sprint.ipynb"


@pytest.fixture(scope="module")
def room(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VoilaServer]:
    """The server on every interface with the sample workshop's room (reached here on loopback)."""
    db = tmp_path_factory.mktemp("room") / "workshops.db"
    url = f"sqlite:///{db}"
    store = open_store(url)
    store.import_workshop(load_sample())
    store.close()
    server = VoilaServer.for_room(url, workshop=SAMPLE_WORKSHOP_ID, quiet=os.environ.get("NSC_VOILA_LOGS") != "1")
    with server:
        yield server


@pytest.fixture
def context(new_context):
    """A fresh browser context: no cookie from an earlier page."""
    return new_context(90_000)


def _link(room: VoilaServer, notebook: str, **query: str) -> str:
    return f"{room.base_url}/voila/render/{notebook}?{urlencode(query)}"


def test_an_app_without_the_key_is_the_way_to_the_room(room, context):
    page = context.new_page()
    page.goto(room.participant_url())  # a participant who joined the room...
    page.goto(_link(room, SPRINT, workshop=SAMPLE_WORKSHOP_ID, role="facilitator"))  # ...then edits a link
    assert "/room/staff-only" in page.url
    assert page.locator(".jupyter-widgets").count() == 0  # no kernel, no app
    page.get_by_role("link", name="Join the room").wait_for()
    for query in ({"key": "guessed"}, {"key": (room.facilitator_key or "")[:-2]}, {"token": "x"}):
        page.goto(_link(room, SPRINT, workshop=SAMPLE_WORKSHOP_ID, role="facilitator", **query))
        assert "/room/staff-only" in page.url
    page.goto(f"{room.base_url}/voila/tree")
    assert "/room/staff-only" in page.url


def test_the_facilitator_link_opens_the_controls_and_the_home_page(room, context, no_traceback):
    page = context.new_page()
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(room.facilitator_url(SPRINT, SAMPLE_WORKSHOP_ID))
    page.locator(".nsc-innovation-sprint").wait_for()
    page.wait_for_function("() => document.fonts.status === 'loaded'")
    assert any(url.endswith("/fontawesome/webfonts/fa-solid-900.woff2") for url in asked)  # the icons, from the kit
    outside = [url for url in asked if not url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:"))]
    assert outside == []  # nothing is asked of a server outside the venue (Voilà's own template asks a CDN)
    no_traceback(page)
    page.locator(".nsc-room-controls").wait_for()
    assert "you are facilitating" in page.inner_text(".nsc-kit-workshop")  # the kit's header: workshop, place, role
    page.goto(room.home_url)
    page.locator(".nsc-workshop-list").wait_for()
    no_traceback(page)
    assert "Online hate and polarisation" in page.inner_text(".nsc-workshop-list")
    page.get_by_role("link", name="Innovation sprint").click()  # the facilitator's own links keep the key
    page.locator(".nsc-room-controls").wait_for()


def test_the_projector_link_opens_the_projector_page_only(room, context, no_traceback):
    page = context.new_page()
    page.goto(room.projector_url())
    page.locator(".nsc-projector").wait_for()
    no_traceback(page)
    assert page.locator(".nsc-room-controls").count() == 0
    page.goto(_link(room, SPRINT, workshop=SAMPLE_WORKSHOP_ID, role="facilitator"))  # with the projector's cookie
    assert "/room/staff-only" in page.url
    page.goto(_link(room, "00_home.ipynb", key=room.projector_key or ""))
    assert "/room/staff-only" in page.url
