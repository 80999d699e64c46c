"""Shared fixtures, each defined once here from the factories of :mod:`nsc_workshop.testing`
(whose store fixtures ``nsc_store`` and ``nsc_store_url`` the root conftest.py registers)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from nsc_workshop.cli import main
from nsc_workshop.model import Workshop
from nsc_workshop.session import open_session
from nsc_workshop.store import Store
from nsc_workshop.testing import (
    CHROMIUM_ARGS,
    chromium_path,
    cli_invoker,
    cli_runner,
    new_workshop,
    only_loopback,
    sample_workshop,
)


@pytest.fixture(name="sample_workshop")
def sample_workshop_fixture() -> Workshop:
    """The kit's sample workshop (Varnholm), a fresh copy for each test."""
    return sample_workshop()


@pytest.fixture
def wid(nsc_store: Store) -> str:
    """An empty English workshop ("Hate online", Varnholm, Norway) in the test's store."""
    return new_workshop(nsc_store)


@pytest.fixture
def ana(nsc_store: Store, wid: str) -> Any:
    """A session on :func:`wid` for the participant ``ana``."""
    return open_session(nsc_store, wid, participant="ana")


@pytest.fixture
def runner() -> Any:
    """click's runner for the ``nsc-workshop`` command."""
    return cli_runner()


@pytest.fixture
def run(nsc_store_url: str) -> Callable[..., Any]:
    """``run(*args, db=<the test's store>)``: the ``nsc-workshop`` command on the test's store."""
    return cli_invoker(main, nsc_store_url)


CHROMIUM = chromium_path()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the session, shared by the browser and the hub tests.

    One Playwright a process: a second ``sync_playwright()`` beside a running one refuses to start.
    Without Chromium the tests are skipped, unless ``NSC_REQUIRE_BROWSER=1`` (``make test``, CI).
    """
    required = os.environ.get("NSC_REQUIRE_BROWSER") == "1"
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        if required:
            pytest.fail(f"Chromium is required (NSC_REQUIRE_BROWSER=1) but {CHROMIUM} is missing")
        pytest.skip(f"no Chromium at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if required:
            pytest.fail("playwright is required (NSC_REQUIRE_BROWSER=1) but not installed")
        pytest.skip("playwright is not installed")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_context(browser: Any) -> Iterator[Callable[..., Any]]:
    """``new_context(timeout_ms=60_000, width=1280, height=900)``: a fresh browser context (no cookies) that may
    only talk to loopback (:func:`nsc_workshop.testing.only_loopback`). Every context made is closed after the test.
    """
    made: list[Any] = []

    def make(timeout_ms: int = 60_000, width: int = 1280, height: int = 900) -> Any:
        context = browser.new_context(viewport={"width": width, "height": height})
        context.route("**/*", only_loopback)
        context.set_default_timeout(timeout_ms)
        made.append(context)
        return context

    yield make
    for context in made:
        context.close()
