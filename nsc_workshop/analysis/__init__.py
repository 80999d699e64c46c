"""Analysis of the actor map: pure functions over the graph of :func:`nsc_workshop.graph.to_networkx`.

Each family of algorithms has its module (:mod:`.centrality`,
:mod:`.communities`, :mod:`.brokerage`, :mod:`.sectors`, :mod:`.links`,
:mod:`.signed`, :mod:`.stakeholders`, :mod:`.compare`); :func:`insights` runs
them all once and writes findings a facilitator can read out. Functions take
the graph first and return plain dicts, lists or dataclasses; they never draw,
print or write. Randomised steps take a ``seed`` (0 by default): the same map
and seed always give the same result.

>>> from nsc_workshop.datasets import load_sample
>>> from nsc_workshop.graph import to_networkx
>>> g = to_networkx(load_sample())
>>> sorted(actor_metrics(g), key=lambda a: -actor_metrics(g)[a]["betweenness"])[:2]
['act_prevention_coordinator', 'act_police_prevention']
>>> ("police", "youth_work") in sector_gaps(g)
True

Which ties count for what
-------------------------
A map's ties are typed, directed or not, weighted (1-5 by convention) and
signed: +1 cooperative, 0 neutral (``reports_to``, ``influences``), -1
conflict or distrust.

- **Counts** (``degree``, ``in_degree``, ``out_degree``, ``weighted_degree``,
  :func:`sector_matrix`, :func:`isolated`) count every tie of any sign, parallel
  ties included; an undirected tie counts as both in and out. Weighted degree
  sums the ties' weights.
- **Flow** measures (betweenness, closeness, PageRank, reach, path lengths,
  components, density, communities, Burt's measures, brokerage roles, bridges,
  missing links) use the non-negative ties (sign >= 0): conflict does not carry
  information or cooperation. Parallel ties between two actors are collapsed into
  one relationship for these (their weights summed where weights are used), so
  that a pair joined by three ties is no closer than a pair joined by one.
- **Direction.** An undirected tie goes both ways. Path-based measures
  (betweenness, closeness, reach, path lengths) and PageRank follow ties both
  ways by default (``directed=False``): a tie is a relationship through which
  two actors know and can reach each other, and what an arrow means differs by
  tie type (money flows down a ``funds`` arrow, reports up a ``reports_to`` one),
  so following arrows would mix unlike flows. Pass ``directed=True`` to follow
  arrows. Brokerage roles are defined on directed paths and always follow
  arrows; density and reciprocity are reported on the directed relationships.
- **Weights.** Paths count steps, not weights (a strong tie is not shorter);
  PageRank and communities use summed weights; Burt's measures are unweighted
  unless asked.
- **Conflict** (sign -1) is analysed in :mod:`.signed`: the negative ties,
  structural balance of closed triads and polarised camps, on the projection of
  the +1 and -1 ties (one relationship per pair, negative when any tie between
  the two is negative). :func:`insights` reports them beside the flow measures.
- **Sectors** are the values of an actor attribute (``sector`` by default);
  actors without one are left out of sector tables and brokerage roles.

Size and speed
--------------
Heavy metrics run in igraph (C) on a projection built once per graph object
and cached (weakly; revalidated by node and edge counts — treat graphs as
read-only, or call ``nsc_workshop.analysis._igraph.clear_cache``). Up to
:data:`EXACT_LIMIT` actors (1,500) everything is exact; past it, betweenness,
closeness and the average path length are estimated from :data:`DEFAULT_SAMPLES`
sampled source actors with a stated 99 % error per actor (see
:mod:`.centrality`), and the report says so. The full :func:`insights` report
takes about 0.2 s at 1,000 actors with 5,000 ties and about 2 s at 10,000 with
50,000 on a 2-core machine (plus 0.03 s and 0.5 s for ``to_networkx``).
"""

from nsc_workshop.analysis.brokerage import ROLES, bridges, brokerage_roles, burt
from nsc_workshop.analysis.centrality import CONFIDENCE, DEFAULT_SAMPLES, EXACT_LIMIT, actor_metrics, map_metrics
from nsc_workshop.analysis.communities import communities, group_by, modularity
from nsc_workshop.analysis.compare import MapComparison, compare_maps
from nsc_workshop.analysis.insights import Finding, Insights, insights
from nsc_workshop.analysis.links import Suggestion, missing_links
from nsc_workshop.analysis.sectors import isolated, peripheral, sector_gaps, sector_matrix
from nsc_workshop.analysis.signed import balance, camps, frustration, signed_ties
from nsc_workshop.analysis.stakeholders import (
    QUADRANTS,
    SALIENCE_CLASSES,
    quadrant,
    quadrants,
    salience,
    salience_class,
)

__all__ = [
    "CONFIDENCE",
    "DEFAULT_SAMPLES",
    "EXACT_LIMIT",
    "QUADRANTS",
    "ROLES",
    "SALIENCE_CLASSES",
    "Finding",
    "Insights",
    "MapComparison",
    "Suggestion",
    "actor_metrics",
    "balance",
    "bridges",
    "brokerage_roles",
    "burt",
    "camps",
    "communities",
    "compare_maps",
    "frustration",
    "group_by",
    "insights",
    "isolated",
    "map_metrics",
    "missing_links",
    "modularity",
    "peripheral",
    "quadrant",
    "quadrants",
    "salience",
    "salience_class",
    "sector_gaps",
    "sector_matrix",
    "signed_ties",
]
