"""Stakeholder frames: Mendelow's power/interest grid and Mitchell, Agle & Wood's salience.

The grid reads an actor's ``influence`` (the height of its Net-Map influence
tower, 0-10) as power and its ``interest`` (0-10): a value at or above the
threshold (5 by default, the middle of the scale) is high.

- high influence, high interest: ``manage_closely``;
- high influence, low interest: ``keep_satisfied``;
- low influence, high interest: ``keep_informed``;
- low influence, low interest: ``monitor``.

Salience (Mitchell, Agle & Wood 1997) comes from three yes/no attributes:
power, legitimacy and urgency. One attribute makes a *latent* stakeholder
(power only: ``dormant``; legitimacy only: ``discretionary``; urgency only:
``demanding``), two an *expectant* one (power and legitimacy: ``dominant``;
power and urgency: ``dangerous``; legitimacy and urgency: ``dependent``), all
three a ``definitive`` one, none a ``non_stakeholder``. An attribute not
assessed (None) counts as absent.
"""

from __future__ import annotations

from typing import Any

__all__ = ["QUADRANTS", "SALIENCE_CLASSES", "quadrant", "quadrants", "salience", "salience_class"]

QUADRANTS = ("manage_closely", "keep_satisfied", "keep_informed", "monitor")
"""The four cells of the power/interest grid."""

SALIENCE_CLASSES = (
    "definitive",
    "dominant",
    "dangerous",
    "dependent",
    "dormant",
    "discretionary",
    "demanding",
    "non_stakeholder",
)
"""Mitchell, Agle & Wood's classes, most salient first."""

_SALIENCE = {
    (True, False, False): "dormant",
    (False, True, False): "discretionary",
    (False, False, True): "demanding",
    (True, True, False): "dominant",
    (True, False, True): "dangerous",
    (False, True, True): "dependent",
    (True, True, True): "definitive",
    (False, False, False): "non_stakeholder",
}


def quadrant(influence: float | None, interest: float | None, *, threshold: float = 5) -> str | None:
    """The power/interest quadrant of an actor, or None when either score is unknown.

    A score at or above ``threshold`` is high.

    Examples
    --------
    >>> quadrant(9, 6), quadrant(8, 4), quadrant(2, 9), quadrant(1, 1)
    ('manage_closely', 'keep_satisfied', 'keep_informed', 'monitor')
    >>> quadrant(5, 5), quadrant(4, 5), quadrant(None, 7)
    ('manage_closely', 'keep_informed', None)
    """
    if influence is None or interest is None:
        return None
    high_power = influence >= threshold
    high_interest = interest >= threshold
    if high_power:
        return "manage_closely" if high_interest else "keep_satisfied"
    return "keep_informed" if high_interest else "monitor"


def quadrants(graph: Any, *, threshold: float = 5) -> dict[str, str | None]:
    """The quadrant of every actor (from its ``influence`` and ``interest``), keyed by id.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from([("a", {"influence": 8, "interest": 9}), ("b", {"influence": None, "interest": 3})])
    >>> quadrants(g)
    {'a': 'manage_closely', 'b': None}
    """
    return {
        node: quadrant(data.get("influence"), data.get("interest"), threshold=threshold)
        for node, data in graph.nodes(data=True)
    }


def salience_class(power: bool | None, legitimacy: bool | None, urgency: bool | None) -> str:
    """Mitchell, Agle & Wood's salience class; None counts as absent.

    Examples
    --------
    >>> salience_class(True, True, True), salience_class(True, False, True), salience_class(None, True, None)
    ('definitive', 'dangerous', 'discretionary')
    """
    return _SALIENCE[(bool(power), bool(legitimacy), bool(urgency))]


def salience(graph: Any) -> dict[str, str]:
    """The salience class of every actor (from ``power``, ``legitimacy``, ``urgency``), keyed by id.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from([("a", {"power": True, "legitimacy": True, "urgency": False}), ("b", {})])
    >>> salience(g)
    {'a': 'dominant', 'b': 'non_stakeholder'}
    """
    return {
        node: salience_class(data.get("power"), data.get("legitimacy"), data.get("urgency"))
        for node, data in graph.nodes(data=True)
    }
