"""Shared fixtures, each defined once here from the factories of :mod:`nsc_workshop.testing`
(whose store fixtures ``nsc_store`` and ``nsc_store_url`` the root conftest.py registers)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from nsc_workshop.cli import main
from nsc_workshop.model import Workshop
from nsc_workshop.session import open_session
from nsc_workshop.store import Store
from nsc_workshop.testing import cli_invoker, cli_runner, new_workshop, sample_workshop


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
