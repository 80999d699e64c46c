"""The kit on a real JupyterHub: each city sees only its own workshops; participants join a room without an account.

The tests run in order on one hub (see conftest.py): the Varnholm facilitator creates a workshop and opens
its room; the Östervik facilitator cannot reach it; the secretariat sees the library and no workshop; a
participant with no account joins the Varnholm room through the hub's proxy.
"""

from __future__ import annotations

import json
import re
from typing import Any

import sqlalchemy as sa

from nsc_workshop import open_store
from nsc_workshop.room.hub import room_server_name
from nsc_workshop.testing import wait_until

from .conftest import assert_connection_refused

VARNHOLM, OSTERVIK, SECRETARIAT = "varnholm-facilitator", "ostervik-facilitator", "secretariat"
TITLE = "Hate speech in the harbour district"
SPRINT = "03_innovation_sprint.ipynb"
FACILITATOR = {"timeout_ms": 120_000, "width": 1366, "height": 768}
"""A facilitator's laptop; the hub's pages may take a while to start a server on a busy machine."""
shared: dict[str, Any] = {}
"""What a test leaves for the next ones (they run in this order on one hub)."""


def sign_in(context: Any, hub: Any, user: str) -> Any:
    """Sign in to the hub as ``user``; returns the page, at the user's home page (their server started)."""
    page = context.new_page()
    page.goto(f"{hub.url}/hub/login")
    page.fill("#username_input", user)
    page.fill("#password_input", hub.passwords[user])
    page.click("#login_submit")
    page.wait_for_url(re.compile(rf"/user/{user}/voila/render/00_home\.ipynb"), timeout=180_000)
    page.locator(".nsc-home, .nsc-home-gate").first.wait_for(timeout=120_000)
    return page


def _body(page: Any) -> str:
    return str(page.inner_text("body"))


def test_the_varnholm_facilitator_creates_a_workshop_and_opens_an_app(hub, new_context, shots):
    page = sign_in(new_context(**FACILITATOR), hub, VARNHOLM)
    page.get_by_text("New workshop", exact=True).wait_for()
    assert "Your city's workshops (Varnholm)" in _body(page)
    shots(page, "01-varnholm-home")
    page.get_by_text("New workshop", exact=True).click()
    form = page.locator(".nsc-new-workshop")
    form.locator("input[type=text]").nth(0).fill(TITLE)
    form.locator("input[type=text]").nth(1).fill("Varnholm")
    form.locator("input[type=text]").nth(2).fill("Norway")
    form.get_by_role("button", name="Create workshop").click()
    page.get_by_text("Created the workshop").wait_for()
    store = open_store(hub.cities["varnholm"]["db_url"])  # the city's own role, on the city's own database
    try:
        workshop = wait_until(lambda: [w for w in store.list_workshops() if w.title == TITLE], timeout=30)[0]
    finally:
        store.close()
    shared["workshop"] = workshop.id
    page.reload()
    row = page.locator(f"tr[data-workshop='{workshop.id}']")
    row.get_by_role("link", name="Innovation sprint").click()
    page.locator(".nsc-innovation-sprint").wait_for()
    assert f"/user/{VARNHOLM}/voila/render/{SPRINT}" in page.url
    assert TITLE in _body(page)
    shots(page, "02-varnholm-sprint")
    shared["app_link"] = page.url


def test_a_city_role_reaches_only_its_own_database(hub):
    ostervik = sa.make_url(hub.cities["ostervik"]["db_url"]).database  # Varnholm's login on Östervik's database
    assert_connection_refused(hub.cities["varnholm"]["db_url"], str(ostervik))


def test_the_ostervik_facilitator_cannot_list_or_open_it(hub, new_context, shots):
    wid = shared["workshop"]
    page = sign_in(new_context(**FACILITATOR), hub, OSTERVIK)
    page.get_by_text("New workshop", exact=True).wait_for()
    assert TITLE not in _body(page)
    assert page.locator(f"tr[data-workshop='{wid}']").count() == 0
    shots(page, "03-ostervik-home")
    answer = page.goto(shared["app_link"])  # the Varnholm facilitator's link: another user's server
    assert answer is not None and answer.status == 403
    assert TITLE not in _body(page)
    shots(page, "04-ostervik-on-varnholm-link")
    page.goto(f"{hub.url}/user/{OSTERVIK}/voila/render/{SPRINT}?workshop={wid}")  # the id, on their own server
    page.locator(".nsc-error, .jupyter-widgets").first.wait_for()
    assert TITLE not in _body(page)
    assert page.locator(".nsc-innovation-sprint").count() == 0
    shots(page, "05-ostervik-by-id")
    room = room_server_name(wid)  # a room of their own for Varnholm's workshop, by editing the link: refused
    page.goto(f"{hub.url}/hub/spawn/{OSTERVIK}/{room}?opt-workshop={wid}&next=/user/{OSTERVIK}/{room}/room/host")
    # a quick refusal is the hub's error page; a slower one its progress page (which says it twice)
    page.get_by_text("is not one of Östervik's").first.wait_for(timeout=60_000)
    assert TITLE not in _body(page)
    shots(page, "05b-ostervik-room-refused")


def test_the_secretariat_sees_the_library_and_no_workshop(hub, new_context, shots):
    page = sign_in(new_context(**FACILITATOR), hub, SECRETARIAT)
    page.locator(".nsc-home").wait_for()
    assert TITLE not in _body(page)
    shots(page, "06-secretariat-home")
    page.goto(f"{hub.url}/user/{SECRETARIAT}/voila/render/04_secretariat_library.ipynb")
    page.locator(".nsc-library-app").wait_for()
    assert TITLE not in _body(page)
    shots(page, "07-secretariat-library")


def test_a_participant_without_an_account_joins_the_room_through_the_proxy(hub, new_context, shots):
    wid = shared["workshop"]
    facilitator = sign_in(new_context(**FACILITATOR), hub, VARNHOLM)
    room = f"/user/{VARNHOLM}/{room_server_name(wid)}"  # the room's own server, beside the apps'
    facilitator.locator(f"tr[data-workshop='{wid}']").get_by_role("link", name="Open the room").click()
    facilitator.wait_for_url(re.compile(rf"{re.escape(room)}/room/host"), timeout=180_000)
    facilitator.locator(".nsc-host-link").wait_for()
    shots(facilitator, "08-facilitator-room-host")
    links = json.loads(facilitator.request.get(f"{hub.url}{room}/room/api/host/links").text())
    link = links["participant"]
    assert link.startswith(f"{hub.url}{room}/room/")
    facilitator.goto(f"{hub.url}/user/{VARNHOLM}/voila/render/00_home.ipynb")  # the apps' server still runs
    facilitator.locator(f"tr[data-workshop='{wid}']").get_by_role("link", name="Open the room").click()
    facilitator.wait_for_url(re.compile(rf"{re.escape(room)}/room/host"), timeout=60_000)  # the same room
    assert json.loads(facilitator.request.get(f"{hub.url}{room}/room/api/host/links").text())["participant"] == link

    context = new_context(**FACILITATOR)
    phone = context.new_page()
    phone.goto(link)
    phone.locator("#nsc-join-name").fill("Ana")
    phone.locator("form.nsc-join button[type=submit]").click()
    phone.locator(".nsc-status[data-state=online]").wait_for()
    phone.locator("select.nsc-activity-picker").select_option("hmw")
    section = phone.locator("section.nsc-activity[data-activity=hmw]")
    section.locator("#nsc-hmw-text").fill("How might we make the harbour feel safe at night?")
    section.get_by_role("button", name="Add question").click()
    section.locator("li.nsc-item[data-kind=hmw]", has_text="feel safe at night").wait_for()
    shots(phone, "09-participant-room")
    store = open_store(hub.cities["varnholm"]["db_url"])
    try:
        wait_until(lambda: "feel safe at night" in store.load(wid).model_dump_json(), timeout=30)
    finally:
        store.close()
    cookie = next(c for c in context.cookies() if c["name"] == "nsc_room")
    assert cookie["path"] == f"{room}/room"  # the room's own cookie, for the room's path only

    phone.goto(f"{hub.url}/user/{VARNHOLM}/voila/render/00_home.ipynb")  # the apps: the hub's sign-in, no app
    assert "/hub/login" in phone.url
    assert phone.locator(".jupyter-widgets").count() == 0
    shots(phone, "10-participant-on-the-apps")
    phone.goto(f"{hub.url}/user/{VARNHOLM}/voila/render/{SPRINT}?workshop={wid}")
    assert "/hub/login" in phone.url
    phone.goto(f"{hub.url}/hub/")
    assert "/hub/login" in phone.url
    answer = phone.request.get(f"{hub.url}{room}/room/api/host/people")
    assert answer.status == 403
    answer = phone.request.get(f"{hub.url}/user/{OSTERVIK}/room/api/room")  # another user's server
    assert answer.status != 200 or not answer.text().startswith("{")

    code = link.rstrip("/").rsplit("/", 1)[1]
    phone.goto(f"{hub.url}/user/{VARNHOLM}/room-0000000000/room/{code}")  # a room not started: the hub answers
    log = wait_until(lambda: (text := hub.log.read_text("utf-8", "replace")) and "room-0000000000" in text and text)
    assert code not in log and "[hidden]" in log  # neither the hub nor the kit's servers wrote the room's code
