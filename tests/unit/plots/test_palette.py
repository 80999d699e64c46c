"""Colours and line styles: stable, distinct, colour-blind safe, plain data."""

from __future__ import annotations

import itertools
import json
import random
import re

from nsc_workshop.datasets import sectors, tie_types
from nsc_workshop.plots.palette import (
    CUSTOM_COLORS,
    NO_VALUE_COLOR,
    OKABE_ITO,
    SECTOR_COLORS,
    SIGN_STYLES,
    TIE_TYPE_STYLES,
    category_colors,
    sign_style,
    style_sheet,
    tie_dash,
)

HEX = re.compile(r"^#[0-9A-F]{6}$")
SECTOR_IDS = [row["id"] for row in sectors()]


def test_every_sector_has_its_own_fixed_colour():
    assert set(SECTOR_COLORS) == set(SECTOR_IDS)
    colors = list(SECTOR_COLORS.values())
    assert len(set(colors)) == len(colors)
    assert NO_VALUE_COLOR not in colors
    assert not set(colors) & set(CUSTOM_COLORS)  # a custom sector never looks like a known one
    assert all(HEX.match(c) for c in [*colors, NO_VALUE_COLOR, *CUSTOM_COLORS, *OKABE_ITO])


def test_a_sector_keeps_its_colour_whatever_else_is_in_the_map():
    first = category_colors(["police", "schools", "youth_work"])
    second = category_colors(["health", "police", "a custom sector", "", "youth_work"])
    assert first["police"] == second["police"] == SECTOR_COLORS["police"]
    assert first["youth_work"] == second["youth_work"]
    alone = category_colors(["a custom sector"])
    with_others = category_colors(["police", "a custom sector", "schools"])
    assert alone["a custom sector"] == with_others["a custom sector"]


def test_colours_are_distinct_for_up_to_eight_categories():
    rng = random.Random(3)
    values = [*SECTOR_IDS, "", "custom one", "custom two", "custom three"]
    for size in range(2, 9):
        for _ in range(40):
            chosen = rng.sample(values, size)
            colors = category_colors(chosen)
            assert len(set(colors.values())) == size, chosen


def test_small_vocabularies_get_okabe_ito_by_position():
    levels = ["neighbourhood", "local", "regional", "national", "nordic", "european", "global"]
    colors = category_colors(["national", "local"], vocabulary=levels)
    assert colors == {"national": OKABE_ITO[3], "local": OKABE_ITO[1]}
    assert category_colors(["x"], vocabulary=[str(i) for i in range(12)])["x"] in CUSTOM_COLORS


def test_values_keep_their_first_order_and_none_is_no_value():
    assert list(category_colors(["schools", None, "police", "schools"])) == ["schools", "", "police"]
    assert category_colors([None])[""] == NO_VALUE_COLOR


def test_sign_styles_tell_signs_apart_in_colour_and_dash():
    positive, neutral, negative = SIGN_STYLES[1], SIGN_STYLES[0], SIGN_STYLES[-1]
    assert positive["dash"] == []  # solid
    assert neutral["dash"] and max(neutral["dash"][::2]) <= 2  # dotted
    assert negative["dash"] and min(negative["dash"][::2]) >= 4  # dashed
    assert negative["color"] not in {positive["color"], neutral["color"]}
    grey = re.compile(r"^#([0-9A-F]{2})\1\1$")
    assert grey.match(neutral["color"])
    assert not grey.match(negative["color"])
    assert negative["width"] > positive["width"]


def test_tie_types_have_dashes_of_their_signs_family():
    signs = {row["id"]: row["sign"] for row in tie_types()}
    assert set(TIE_TYPE_STYLES) == set(signs)
    for kind, sign in signs.items():
        dash = tie_dash(kind, sign)
        assert dash == TIE_TYPE_STYLES[kind]["dash"]
        if sign < 0:
            assert dash[0] >= 4  # starts with a long dash, like the negative sign
    patterns = [tuple(style["dash"]) for style in TIE_TYPE_STYLES.values()]
    assert len(set(patterns)) == len(patterns)


def test_a_tie_against_its_types_sign_or_of_a_custom_type_takes_its_signs_dash():
    assert tie_dash("collaborates", -1) == SIGN_STYLES[-1]["dash"]
    assert tie_dash("my own type", 0) == SIGN_STYLES[0]["dash"]
    assert tie_dash("conflicts", 1) == []
    assert sign_style(-7)["color"] == SIGN_STYLES[-1]["color"]
    assert sign_style(None)["color"] == SIGN_STYLES[1]["color"]


def test_styles_are_copies_callers_may_change():
    style = sign_style(-1)
    style["dash"].append(99.0)
    dash = tie_dash("funds", 1)
    dash.append(99.0)
    assert 99.0 not in SIGN_STYLES[-1]["dash"]
    assert 99.0 not in TIE_TYPE_STYLES["funds"]["dash"]


def test_style_sheet_is_plain_json_for_the_browser():
    sheet = json.loads(json.dumps(style_sheet()))
    assert sheet["sectors"] == SECTOR_COLORS
    assert set(sheet["signs"]) == {"1", "0", "-1"}
    for style in sheet["signs"].values():
        assert HEX.match(style["color"])
        assert all(isinstance(x, (int, float)) for x in style["dash"])
    assert sheet["tie_types"]["conflicts"] == {"dash": [6.0, 3.0], "sign": -1}


def test_okabe_ito_colours_are_all_different():
    assert len(set(OKABE_ITO)) == 8
    assert all(a != b for a, b in itertools.combinations(CUSTOM_COLORS, 2))
