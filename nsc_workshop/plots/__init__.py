"""Figures of the actor map, as matplotlib ``Figure`` objects, and stable positions for any map.

One module per figure, all built with matplotlib's object API (no pyplot, no
global state), on one A4 page, readable in grey, with every text drawn
literally (a name such as ``$ROOT`` is never read as mathematics):

- :func:`network_map` (``network``): the actor map, Net-Map style;
- :func:`power_interest_grid` (``grid``): Mendelow's power/interest grid;
- :func:`influence_towers` (``towers``): Net-Map influence towers;
- :func:`sector_matrix_heatmap` and :func:`sector_matrix_figure`
  (``sector_matrix``): ties between sectors, sector gaps marked;
- :func:`wickedness_chart` (``wickedness``), :func:`problem_tree_figure`
  (``problem_tree``) and :func:`vote_chart` (``votes``): the framing's figures;
- :func:`impact_effort_chart` (``impact_effort``), :func:`dfv_chart` (``dfv``),
  :func:`theory_of_change_figure` (``theory_of_change``) and
  :func:`storyboard_strip` (``storyboard``): the sprint's figures;
- :func:`coverage_chart` (``coverage``): the library's Blueprint coverage by city, country or year.

:func:`layout` and :class:`LayoutCache` (``layout``) give positions that stay
put as the map grows; :mod:`~nsc_workshop.plots.palette` holds the colours and
line styles as plain data, for figures and for the map in the browser. Those
two modules do not import matplotlib; the figure functions are loaded on first use.

>>> from nsc_workshop.datasets import load_sample
>>> fig = network_map(load_sample())
>>> fig.get_suptitle()
'Actor map: Online hate and polarisation among young people'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Imported here, not on first use: importing the submodule ``layout`` binds the
# module to this package's ``layout`` attribute, and this import binds the function over it.
from nsc_workshop.plots.layout import LayoutCache, layout
from nsc_workshop.plots.palette import (
    SIGN_STYLES,
    TIE_TYPE_STYLES,
    category_colors,
    sign_style,
    style_sheet,
    tie_dash,
)

if TYPE_CHECKING:
    from nsc_workshop.plots.coverage import coverage_chart
    from nsc_workshop.plots.dfv import dfv_chart
    from nsc_workshop.plots.grid import power_interest_grid
    from nsc_workshop.plots.impact_effort import impact_effort_chart
    from nsc_workshop.plots.network import network_map
    from nsc_workshop.plots.problem_tree import problem_tree_figure
    from nsc_workshop.plots.sector_matrix import sector_matrix_figure, sector_matrix_heatmap
    from nsc_workshop.plots.storyboard import storyboard_strip
    from nsc_workshop.plots.theory_of_change import theory_of_change_figure
    from nsc_workshop.plots.towers import influence_towers
    from nsc_workshop.plots.votes import vote_chart
    from nsc_workshop.plots.wickedness import wickedness_chart

__all__ = [
    "SIGN_STYLES",
    "TIE_TYPE_STYLES",
    "LayoutCache",
    "category_colors",
    "coverage_chart",
    "dfv_chart",
    "impact_effort_chart",
    "influence_towers",
    "layout",
    "network_map",
    "power_interest_grid",
    "problem_tree_figure",
    "sector_matrix_figure",
    "sector_matrix_heatmap",
    "sign_style",
    "storyboard_strip",
    "style_sheet",
    "theory_of_change_figure",
    "tie_dash",
    "vote_chart",
    "wickedness_chart",
]

_HOME = {
    "network_map": "network",
    "power_interest_grid": "grid",
    "influence_towers": "towers",
    "sector_matrix_heatmap": "sector_matrix",
    "sector_matrix_figure": "sector_matrix",
    "wickedness_chart": "wickedness",
    "problem_tree_figure": "problem_tree",
    "vote_chart": "votes",
    "impact_effort_chart": "impact_effort",
    "dfv_chart": "dfv",
    "theory_of_change_figure": "theory_of_change",
    "storyboard_strip": "storyboard",
    "coverage_chart": "coverage",
}


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
