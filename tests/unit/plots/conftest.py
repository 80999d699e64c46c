"""Fixtures of the plot tests: maps of every awkward shape, and helpers to find artists by id."""

from __future__ import annotations

import networkx as nx
import pytest

from nsc_workshop.graph import to_networkx
from nsc_workshop.model import Workshop
from nsc_workshop.testing import make_workshop

ODD_NAMES = ["$ROOT", "a$b$", "<script>x</script>", "Tom & Jerry"]


def by_gid(fig, gid):
    """The artists of the figure's first axes whose id is ``gid``."""
    return [a for a in fig.axes[0].get_children() if a.get_gid() == gid]


def one_by_gid(fig, gid):
    found = by_gid(fig, gid)
    assert len(found) == 1, f"expected one artist {gid!r}, found {len(found)}"
    return found[0]


def texts(fig):
    from matplotlib.text import Text

    return [a for a in fig.findobj(Text) if a.get_text()]


@pytest.fixture
def empty_workshop() -> Workshop:
    return make_workshop(actors=0, ties=0)


@pytest.fixture
def one_actor() -> Workshop:
    return make_workshop(actors=1, ties=0)


@pytest.fixture
def bare_workshop() -> Workshop:
    """Actors with nothing but a name (no sector, influence, interest or salience), and a few ties."""
    return Workshop.model_validate(
        {
            "id": "bare",
            "meta": {"title": "Bare map", "city": "Saltmo", "country": "Norway"},
            "actors": [
                {"id": "a1", "name": "First"},
                {"id": "a2", "name": "Second", "influence": 4},
                {"id": "a3", "name": "Third", "interest": 7, "sector": "a custom sector"},
                {"id": "a4", "name": "Fourth", "influence": 0, "interest": 0, "power": True},
            ],
            "ties": [
                {"id": "t1", "source": "a1", "target": "a2"},
                {"id": "t2", "source": "a2", "target": "a1", "type": "distrusts", "sign": -1},
                {"id": "t3", "source": "a1", "target": "a2", "type": "conflicts", "sign": -1, "directed": False},
                {"id": "t4", "source": "a3", "target": "a4", "type": "my own type", "sign": 0},
            ],
        }
    )


@pytest.fixture
def odd_graph() -> nx.MultiDiGraph:
    """Names that a careless renderer would read as mathtext or markup (as from an import)."""
    g = nx.MultiDiGraph(workshop_id="odd", title="$T$ & <b>co</b>")
    g.add_node("n1", name=ODD_NAMES[0], sector="$ector$", influence=8, interest=6, power=True, legitimacy=True)
    g.add_node("n2", name=ODD_NAMES[1], sector="police", influence=5, interest=2)
    g.add_node("n3", name=ODD_NAMES[2], sector="schools", influence=2, interest=9, urgency=True)
    g.add_node("n4", name=ODD_NAMES[3], sector="", influence=None, interest=None)
    g.add_edge("n1", "n2", key="t1", type="collaborates", sign=1, weight=2.0, directed=False)
    g.add_edge("n3", "n1", key="t2", type="distrusts", sign=-1, weight=1.0, directed=True)
    return g


@pytest.fixture(scope="session")
def big_graph() -> nx.MultiDiGraph:
    return to_networkx(make_workshop(actors=1000, ties=2200, seed=5))
