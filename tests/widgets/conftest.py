"""Fixtures of the widget tests: the sample workshop in the test's store (from :mod:`nsc_workshop.testing`)."""

from __future__ import annotations

from typing import Any

import pytest

from nsc_workshop.store import Store
from nsc_workshop.testing import sample_session


@pytest.fixture
def sample(nsc_store: Store) -> Any:
    """A session of ``table-1`` on the sample workshop, imported into the test's store."""
    return sample_session(nsc_store)


@pytest.fixture
def sample_store(nsc_store: Store) -> Store:
    """The test's store, holding the sample workshop."""
    sample_session(nsc_store)
    return nsc_store
