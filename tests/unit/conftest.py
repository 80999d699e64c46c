"""Fixtures of the unit tests: the sample workshop and its graph (from :mod:`nsc_workshop.testing`)."""

from __future__ import annotations

import networkx as nx
import pytest

from nsc_workshop.graph import to_networkx
from nsc_workshop.model import Workshop
from nsc_workshop.testing import sample_workshop


@pytest.fixture
def sample() -> Workshop:
    """The kit's sample workshop, a fresh copy for each test."""
    return sample_workshop()


@pytest.fixture
def sample_graph(sample: Workshop) -> nx.MultiDiGraph:
    """The sample workshop as a graph (:func:`nsc_workshop.graph.to_networkx`)."""
    return to_networkx(sample)
