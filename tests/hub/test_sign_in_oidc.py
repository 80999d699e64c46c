"""The alliance's sign-in (OpenID Connect) in front of the hub, as the guide's step 5 sets it up.

A real JupyterHub with ``GenericOAuthenticator`` (``authenticator = "oidc"`` in the deployment file) signs
people in through a small OpenID Connect provider (``oidc_provider.py``); Chromium fills its form. The
``groups`` claim decides, at every sign-in, who is in which city and with which role.

(This hub runs after the trial hub's tests: setting up its cities gives the library's role a new password.)
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from typing import Any

import pytest

from .conftest import _load
from .oidc_provider import Provider, running

FACILITATOR = {"timeout_ms": 120_000, "width": 1366, "height": 768}
PEOPLE = {
    "kari": ["city:kettilsby", "facilitator"],
    "lars": ["city:kettilsby", "city:brekkeby", "facilitator"],  # a mistake in the directory: two cities
    "nils": ["city:kettilsby"],  # in a city's group, but neither facilitator nor secretariat
}


@pytest.fixture(scope="module")
def oidc_hub(nsc_postgres_server: str | None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    if nsc_postgres_server is None:
        pytest.skip("no PostgreSQL server for the hub (install PostgreSQL or set NSC_TEST_POSTGRES_URL)")
    trial = _load("trial")
    provider = Provider("nsc-workshop", secrets.token_urlsafe(24), {name: list(g) for name, g in PEOPLE.items()})
    with running(provider):
        cities = {"kettilsby": "Kettilsby", "brekkeby": "Brekkeby"}
        state = tmp_path_factory.mktemp("oidc-hub")
        with trial.trial(nsc_postgres_server, state, cities=cities, oidc=provider.settings(), timeout=120) as hub:
            hub.provider = provider
            yield hub


def sign_in(context: Any, hub: Any, user: str) -> Any:
    """Open the hub, choose the alliance's sign-in and sign in there as ``user``; the page, where it lands."""
    page = context.new_page()
    page.goto(f"{hub.url}/hub/login")
    page.get_by_role("button", name="Sign in with Nordic Safe Cities").click()
    page.locator("#oidc-user").fill(user)
    page.locator("#oidc-sign-in").click()
    return page


def test_a_facilitator_signs_in_through_the_alliance_s_sign_in_and_reaches_their_city(oidc_hub, new_context, shots):
    page = sign_in(new_context(**FACILITATOR), oidc_hub, "kari")
    page.wait_for_url(re.compile(r"/user/kari/voila/render/00_home\.ipynb"), timeout=180_000)
    page.locator(".nsc-home").wait_for(timeout=120_000)
    page.get_by_text("New workshop", exact=True).wait_for()
    assert "Your city's workshops (Kettilsby)" in page.inner_text("body")  # the groups claim gave the city
    assert oidc_hub.provider.verified >= 1  # the hub exchanged its code with PKCE, as a real provider asks
    shots(page, "oidc-01-kari-home")


def test_an_account_in_two_cities_is_refused_with_a_reason(oidc_hub, new_context, shots):
    page = sign_in(new_context(**FACILITATOR), oidc_hub, "lars")
    page.get_by_text("belongs to several cities").wait_for(timeout=120_000)
    assert "/user/lars/" not in page.url
    shots(page, "oidc-02-lars-two-cities")


def test_an_account_with_no_role_in_the_kit_is_not_let_in(oidc_hub, new_context, shots):
    page = sign_in(new_context(**FACILITATOR), oidc_hub, "nils")
    page.locator("body").get_by_text(re.compile("403|not been added|Forbidden")).first.wait_for(timeout=60_000)
    assert "/user/nils" not in page.url
    shots(page, "oidc-03-nils-no-role")


def test_a_facilitator_moved_to_another_city_no_longer_reaches_the_old_city(oidc_hub, new_context, shots):
    oidc_hub.provider.people["kari"] = ["city:brekkeby", "facilitator"]  # the directory moves kari
    try:
        page = sign_in(new_context(**FACILITATOR), oidc_hub, "kari")
        page.wait_for_url(re.compile(r"/user/kari/"), timeout=180_000)
        page.get_by_text("This page is not open to this account").wait_for(timeout=60_000)
        assert "your account's city has changed" in page.inner_text("body")  # why, and what to do
        assert "Kettilsby" not in page.inner_text("body")  # her server still holds Kettilsby's store: refused
        shots(page, "oidc-04-kari-moved")
    finally:
        oidc_hub.provider.people["kari"] = list(PEOPLE["kari"])
