"""An app opened for a hosted city's account: its own workshops, never another city's, never the sample by default."""

from __future__ import annotations

import html

import pytest

from nsc_workshop import open_store
from nsc_workshop.access import Scope
from nsc_workshop.apps.problem_framing import ProblemFramingApp, problem_framing_app
from nsc_workshop.datasets import SAMPLE_WORKSHOP_ID

pytestmark = pytest.mark.both_backends


def test_an_app_opens_the_city_s_own_workshop_and_nothing_else(nsc_store_url, monkeypatch):
    monkeypatch.delenv("QUERY_STRING", raising=False)
    varnholm = open_store(nsc_store_url, scope=Scope.of_city("varnholm"))
    ostervik = open_store(nsc_store_url, scope=Scope.of_city("ostervik"))
    try:
        wid = varnholm.create_workshop("Hate online", "Varnholm", "Norway", language="en")
        assert isinstance(problem_framing_app(varnholm, wid), ProblemFramingApp)
        refused = problem_framing_app(ostervik, wid)  # the link of another city's workshop
        assert not isinstance(refused, ProblemFramingApp)
        assert f"There is no workshop &#x27;{wid}&#x27;" in refused.value  # as for a workshop that does not exist
        unnamed = problem_framing_app(ostervik)  # no workshop in the link: no sample slipped into the city's store
        assert "Choose one of your city" in unnamed.value and "00_home.ipynb" in unnamed.value
        assert not ostervik.exists(SAMPLE_WORKSHOP_ID) and ostervik.list_workshops() == []
    finally:
        varnholm.close()
        ostervik.close()


def _text(widget) -> str:
    """Every text a page's widgets show, markup left in and entities read (``&#x27;`` is ``'``)."""
    value = getattr(widget, "value", "")
    parts = [html.unescape(value) if isinstance(value, str) else ""]
    parts += [_text(child) for child in getattr(widget, "children", ())]
    return " ".join(parts)


def test_the_home_page_of_a_city_and_of_the_secretariat(nsc_store_url, monkeypatch):
    from nsc_workshop.apps.home import home_app
    from nsc_workshop.widgets import NewWorkshopForm, WorkshopList

    monkeypatch.delenv("QUERY_STRING", raising=False)
    varnholm = open_store(nsc_store_url, scope=Scope.of_city("varnholm"))
    secretariat = open_store(nsc_store_url, scope=Scope.nothing())
    try:
        varnholm.create_workshop("Hate online", "Varnholm", "Norway", language="en")
        city_page = home_app(varnholm)
        assert "Your city's workshops (varnholm)" in _text(city_page)
        (listing,) = [c for c in city_page.children if isinstance(c, WorkshopList)]
        assert [w.title for w in listing.workshops] == ["Hate online"]
        assert "Open the room" not in _text(city_page)  # no hub: a laptop opens a room with `serve --workshop`
        page = home_app(secretariat)
        text = _text(page)
        assert "belongs to no city" in text and "04_secretariat_library.ipynb" in text
        assert not any(isinstance(c, WorkshopList | NewWorkshopForm) for c in page.children)  # nothing to list or make
        assert "Hate online" not in text
    finally:
        varnholm.close()
        secretariat.close()


def test_on_a_hub_each_workshop_opens_its_room_on_a_server_of_its_own(nsc_store_url, monkeypatch):
    from nsc_workshop.apps.home import home_app
    from nsc_workshop.room.hub import room_server_name

    monkeypatch.delenv("QUERY_STRING", raising=False)
    for name, value in {"JUPYTERHUB_API_TOKEN": "t", "JUPYTERHUB_USER": "ana b", "JUPYTERHUB_BASE_URL": "/nsc/",
                        "NSC_CITY_NAME": "Östervik"}.items():  # fmt: skip
        monkeypatch.setenv(name, value)
    ostervik = open_store(nsc_store_url, scope=Scope.of_city("ostervik"))
    try:
        first = ostervik.create_workshop("Hate online", "Östervik", "Sweden", language="en")
        second = ostervik.create_workshop("Rumours after the fire", "Östervik", "Sweden", language="en")
        text = _text(home_app(ostervik))
        assert "Your city's workshops (Östervik)" in text  # the city's name, not its slug
        for wid in (first, second):
            room = room_server_name(wid)
            assert (
                f"href='/nsc/hub/spawn/ana%20b/{room}?opt-workshop={wid}&display_name={wid}"
                f"&next=%2Fnsc%2Fuser%2Fana%2520b%2F{room}%2Froom%2Fhost'" in text
            )
        assert room_server_name(first) != room_server_name(second)
        assert text.count("Open the room") == 2
    finally:
        ostervik.close()
