"""Colours and line styles of the actor map, as plain data.

The same colours and dash patterns are used by the matplotlib figures and by the
browser map, so everything here is plain data: hex colour strings and dash
patterns as lists of numbers (on, off, on, off... lengths for a line 1 unit
wide; matplotlib scales them with the line width, a canvas or SVG multiplies
them by its ``lineWidth``/``stroke-width``). An empty list is a solid line.
:func:`style_sheet` gathers all of it in one JSON-ready dict.

Colours are colour-blind safe: Okabe & Ito's eight colours for a vocabulary of
at most eight values (stance, level, kind of actor), and for the 25 sectors a
fixed table drawn from Okabe-Ito and Paul Tol's *muted* and *light* sets. A
sector's colour never depends on what else is in the map, so an actor keeps
its colour when others are added, filtered or removed. Related sectors (the
same ``group`` in ``datasets/sectors.json``) share a hue family: the
municipality's sectors are blues, education oranges, youth pinks and so on.
No palette makes 25 colours tell apart at a glance, so the figures also label
actors and list sectors in a legend.

Signs are the one thing colour *and* dash always show, so a map printed in
grey still tells conflict apart: positive ties solid and dark, neutral ties
dotted grey, negative ties dashed in red and a little wider.

>>> category_colors(["police", "schools"])
{'police': '#000000', 'schools': '#E69F00'}
>>> sign_style(-1)["dash"]
[6.0, 3.0]
>>> tie_dash("reports_to", 0)
[1.5, 2.0]
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence
from typing import Any, TypedDict

from nsc_workshop.plots._common import sign_of

__all__ = [
    "CUSTOM_COLORS",
    "NO_VALUE_COLOR",
    "OKABE_ITO",
    "SECTOR_COLORS",
    "SIGN_STYLES",
    "STANCE_COLORS",
    "TIE_TYPE_STYLES",
    "TOL_LIGHT",
    "TOL_MUTED",
    "SignStyle",
    "TieTypeStyle",
    "category_colors",
    "sign_style",
    "style_sheet",
    "tie_dash",
]

OKABE_ITO: tuple[str, ...] = (
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#F0E442",  # yellow
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#000000",  # black
)
"""Okabe & Ito's colour-blind safe palette (black last)."""

TOL_MUTED: tuple[str, ...] = (
    "#CC6677", "#332288", "#DDCC77", "#117733", "#88CCEE", "#882255", "#44AA99", "#999933", "#AA4499",
)  # fmt: skip
"""Paul Tol's muted qualitative set (without its pale grey for missing data)."""

TOL_LIGHT: tuple[str, ...] = (
    "#77AADD", "#EE8866", "#EEDD88", "#FFAABB", "#99DDFF", "#44BB99", "#BBCC33", "#AAAA00",
)  # fmt: skip
"""Paul Tol's light qualitative set (without its pale grey)."""

CUSTOM_COLORS: tuple[str, ...] = (
    "#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377",
    "#0077BB", "#EE7733", "#009988", "#CC3311", "#33BBEE",
)  # fmt: skip
"""Paul Tol's bright and vibrant sets (less the sectors' colours), for values outside the vocabulary."""

NO_VALUE_COLOR = "#BBBBBB"
"""An actor without a sector (or without the attribute coloured by)."""

SECTOR_COLORS: dict[str, str] = {
    # municipality: blues
    "municipal_leadership": "#0072B2",
    "municipal_departments": "#56B4E9",
    "prevention_coordination": "#332288",
    # public safety: black and reds
    "police": "#000000",
    "emergency_services": "#D55E00",
    "correctional_services": "#882255",
    # education: oranges
    "schools": "#E69F00",
    "higher_education": "#EE8866",
    # youth: pinks and purples
    "youth_work": "#CC79A7",
    "young_people": "#AA4499",
    # welfare: blue-greens
    "social_services": "#009E73",
    "health": "#44BB99",
    # neighbourhood
    "housing": "#DDCC77",
    # community: greens and olives (families in pink, the fourth community hue)
    "civil_society": "#117733",
    "faith_communities": "#999933",
    "sports_culture": "#BBCC33",
    "families": "#FFAABB",
    # private
    "business": "#F0E442",
    # media: roses
    "local_media": "#CC6677",
    "online_platforms": "#EE3377",
    # knowledge
    "researchers": "#88CCEE",
    # state: teal and light blue
    "national_authorities": "#44AA99",
    "regional_authorities": "#77AADD",
    # networks
    "nordic_european_networks": "#99DDFF",
    "other": "#DDDDDD",
}
"""The fixed colour of every sector in ``datasets/sectors.json``."""

STANCE_COLORS: dict[str, str] = {
    "supports": "#009E73",
    "neutral": "#999999",
    "opposes": "#D55E00",
    "unknown": "#DDDDDD",
}
"""Stance towards the workshop's aim: green supports, vermillion opposes."""


class SignStyle(TypedDict):
    """How a tie of one sign is drawn: colour, dash pattern, relative width."""

    color: str
    dash: list[float]
    width: float


class TieTypeStyle(TypedDict):
    """How a tie type is drawn: its dash pattern (within its sign's family)."""

    dash: list[float]


SIGN_STYLES: dict[int, SignStyle] = {
    1: {"color": "#444444", "dash": [], "width": 1.0},
    0: {"color": "#999999", "dash": [1.5, 2.0], "width": 1.0},
    -1: {"color": "#CC3311", "dash": [6.0, 3.0], "width": 1.3},
}
"""Positive ties solid dark grey, neutral dotted grey, negative dashed red and wider."""

TIE_TYPE_STYLES: dict[str, TieTypeStyle] = {
    # positive types: solid or long dashes with short gaps
    "collaborates": {"dash": []},
    "shares_information": {"dash": [9.0, 2.0]},
    "funds": {"dash": [9.0, 2.0, 2.0, 2.0]},
    "refers": {"dash": [9.0, 2.0, 2.0, 2.0, 2.0, 2.0]},
    "advises": {"dash": [4.0, 1.5]},
    # neutral types: dotted
    "reports_to": {"dash": [1.5, 2.0]},
    "influences": {"dash": [1.5, 2.0, 5.0, 2.0]},
    # negative types: dashed with wide gaps
    "conflicts": {"dash": [6.0, 3.0]},
    "distrusts": {"dash": [6.0, 3.0, 1.5, 3.0]},
}
"""Dash pattern of each tie type of ``datasets/tie_types.json``."""

_TYPE_SIGNS: dict[str, int] = {
    "collaborates": 1,
    "shares_information": 1,
    "funds": 1,
    "refers": 1,
    "advises": 1,
    "reports_to": 0,
    "influences": 0,
    "conflicts": -1,
    "distrusts": -1,
}


def sign_style(sign: Any) -> SignStyle:
    """The style of a tie with this sign (+1, 0, -1; anything else by its sign).

    Returns a copy, so callers may change it.

    >>> sign_style(1)["color"], sign_style(0)["dash"]
    ('#444444', [1.5, 2.0])
    """
    style = SIGN_STYLES[sign_of(sign)]
    return {"color": style["color"], "dash": list(style["dash"]), "width": style["width"]}


def tie_dash(tie_type: str, sign: Any) -> list[float]:
    """The dash pattern of a tie: its type's pattern, unless its sign differs from the type's.

    A tie whose sign is not the usual one of its type (a ``collaborates`` tie
    marked negative) and a tie of a custom type get the pattern of their sign,
    so a negative tie always looks negative.

    >>> tie_dash("funds", 1)
    [9.0, 2.0, 2.0, 2.0]
    >>> tie_dash("funds", -1) == sign_style(-1)["dash"]
    True
    >>> tie_dash("mentors", 1)
    []
    """
    sign = sign_of(sign)
    if tie_type in TIE_TYPE_STYLES and _TYPE_SIGNS.get(tie_type) == sign:
        return list(TIE_TYPE_STYLES[tie_type]["dash"])
    return list(SIGN_STYLES[sign]["dash"])


def _known_sectors() -> list[str]:
    from nsc_workshop.datasets import sectors

    return [str(row["id"]) for row in sectors()]


def category_colors(values: Iterable[Any], *, vocabulary: Sequence[str] | None = None) -> dict[str, str]:
    """A colour (hex) for each distinct value, the same whatever else is in ``values``.

    Parameters
    ----------
    values
        The values to colour (``None`` and ``""`` mean "no value"); values are
        compared as strings.
    vocabulary
        The ordered list of known values. By default the sector ids, which get
        their fixed colours from :data:`SECTOR_COLORS`. A vocabulary of at most
        eight values gets Okabe-Ito's colours by position, a longer one Tol's
        muted then light sets.

    Returns
    -------
    dict
        ``{value: "#RRGGBB"}`` in the order values first appear. A value outside
        the vocabulary (a custom sector) gets a colour from
        :data:`CUSTOM_COLORS` chosen by a hash of its text, so it too keeps its
        colour from map to map (two custom values that would share a colour in
        the same call are told apart).

    Examples
    --------
    >>> colors = category_colors(["youth_work", "police", ""])
    >>> colors["police"] == category_colors(["police"])["police"]
    True
    >>> colors[""]
    '#BBBBBB'
    >>> category_colors(["local", "national"], vocabulary=["neighbourhood", "local", "national"])
    {'local': '#56B4E9', 'national': '#009E73'}
    """
    distinct: list[str] = []
    seen: set[str] = set()
    for value in values:
        text = "" if value is None else str(value)
        if text not in seen:
            seen.add(text)
            distinct.append(text)
    if vocabulary is None:
        known: dict[str, str] = {s: SECTOR_COLORS.get(s, "") for s in _known_sectors()}
        fallback = (*OKABE_ITO, *TOL_MUTED, *TOL_LIGHT)
        known = {s: c or fallback[i % len(fallback)] for i, (s, c) in enumerate(known.items())}
    else:
        palette = OKABE_ITO if len(vocabulary) <= len(OKABE_ITO) else (*TOL_MUTED, *TOL_LIGHT)
        known = {str(v): palette[i % len(palette)] for i, v in enumerate(vocabulary)}
    result: dict[str, str] = {}
    custom: list[str] = []
    for text in distinct:
        if text == "":
            result[text] = NO_VALUE_COLOR
        elif text in known:
            result[text] = known[text]
        else:
            custom.append(text)
    taken = set(result.values())
    for text in sorted(custom):
        start = zlib.crc32(text.encode("utf-8")) % len(CUSTOM_COLORS)
        for step in range(len(CUSTOM_COLORS)):
            color = CUSTOM_COLORS[(start + step) % len(CUSTOM_COLORS)]
            if color not in taken:
                break
        else:
            color = CUSTOM_COLORS[start]
        taken.add(color)
        result[text] = color
    return {text: result[text] for text in distinct}


def style_sheet() -> dict[str, Any]:
    """Every colour and style as JSON-ready data, for a map drawn in a browser.

    Sign keys are strings (``"1"``, ``"0"``, ``"-1"``) as JSON needs.

    >>> import json
    >>> sheet = json.loads(json.dumps(style_sheet()))
    >>> sheet["signs"]["-1"]["color"], sheet["sectors"]["police"]
    ('#CC3311', '#000000')
    """
    return {
        "sectors": category_colors(_known_sectors()),
        "no_value": NO_VALUE_COLOR,
        "custom": list(CUSTOM_COLORS),
        "stance": dict(STANCE_COLORS),
        "okabe_ito": list(OKABE_ITO),
        "signs": {str(sign): sign_style(sign) for sign in SIGN_STYLES},
        "tie_types": {
            name: {"dash": list(style["dash"]), "sign": _TYPE_SIGNS[name]} for name, style in TIE_TYPE_STYLES.items()
        },
    }
