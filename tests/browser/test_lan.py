"""Served to the room (``serve --lan``): the token keeps strangers out, the key keeps participants participants."""

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
    """Voilà on every interface, behind a new token, with a new facilitator key (reached here on loopback)."""
    db = tmp_path_factory.mktemp("room") / "workshops.db"
    url = f"sqlite:///{db}"
    store = open_store(url)
    store.import_workshop(load_sample())
    store.close()
    with VoilaServer.for_room(url, quiet=os.environ.get("NSC_VOILA_LOGS") != "1") as server:
        yield server


@pytest.fixture
def context(new_context):
    """A fresh browser context: no cookie from an earlier page."""
    return new_context(90_000)


def _link(room: VoilaServer, notebook: str, **query: str) -> str:
    return f"{room.base_url}/voila/render/{notebook}?{urlencode(query)}"


def test_a_request_without_the_token_is_refused(room, context):
    page = context.new_page()
    response = page.goto(_link(room, SPRINT, workshop=SAMPLE_WORKSHOP_ID, role="participant"))
    assert response is not None
    assert "/login" in page.url  # jupyter_server's login page asks for the token
    page.wait_for_timeout(1500)
    assert page.locator(".nsc-innovation-sprint").count() == 0
    assert page.locator(".jupyter-widgets").count() == 0  # no kernel, no app
    wrong = page.goto(_link(room, SPRINT, workshop=SAMPLE_WORKSHOP_ID, token="not-the-token"))
    assert wrong is not None and "/login" in page.url
    assert page.locator(".nsc-innovation-sprint").count() == 0


def test_a_participant_link_cannot_open_the_facilitator_controls(room, context, no_traceback):
    page = context.new_page()
    for edited in (
        room.participant_url(SPRINT, SAMPLE_WORKSHOP_ID, name="ana").replace("role=participant", "role=facilitator"),
        room.participant_url(SPRINT, SAMPLE_WORKSHOP_ID).replace("role=participant", "role=facilitator&key=guessed"),
        _link(
            room,
            SPRINT,
            workshop=SAMPLE_WORKSHOP_ID,
            role="facilitator",
            key=room.facilitator_key[:-2],
            token=room.token,
        ),
    ):
        page.goto(edited)
        page.locator(".nsc-innovation-sprint").wait_for()
        no_traceback(page)
        assert page.locator(".nsc-room-controls").count() == 0  # not hidden: never sent
        assert "you are facilitating" not in page.inner_text("h2 + p")
        page.get_by_role("tab", name="Ideas", exact=True).click()
        page.locator(".nsc-sprint-step-ideas").wait_for()
        assert not page.get_by_role("button", name="Reveal private ideas").is_visible()


def test_the_facilitator_link_opens_the_controls(room, context, no_traceback):
    page = context.new_page()
    page.goto(room.facilitator_url(SPRINT, SAMPLE_WORKSHOP_ID))
    page.locator(".nsc-innovation-sprint").wait_for()
    no_traceback(page)
    page.locator(".nsc-room-controls").wait_for()
    assert "you are facilitating" in page.inner_text("h2 + p")


def test_the_home_page_and_the_projector_are_for_the_facilitator(room, context, no_traceback):
    page = context.new_page()
    page.goto(room.url_for("00_home.ipynb"))  # the token, no key: what a participant could type
    page.locator(".nsc-home-gate").wait_for()
    assert page.locator(".nsc-workshop-list").count() == 0
    page.goto(room.url_for("10_projector.ipynb", workshop=SAMPLE_WORKSHOP_ID, role="projector"))
    page.locator(".nsc-projector-gate").wait_for()
    page.goto(room.home_url)
    page.locator(".nsc-workshop-list").wait_for()
    no_traceback(page)
    assert "Online hate and polarisation" in page.inner_text(".nsc-workshop-list")
    page.get_by_role("link", name="Innovation sprint").click()  # the facilitator's own links keep the key
    page.locator(".nsc-room-controls").wait_for()
