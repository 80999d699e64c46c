"""The kit's stylesheet: loaded by the Voilà template, its colours from the charts' palette, every text pair AA."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import nsc_workshop
from nsc_workshop.plots.palette import OKABE_ITO

TEMPLATE = Path(nsc_workshop.__file__).parent / "share" / "voila" / "templates" / "nsc"
CSS = (TEMPLATE / "static" / "nsc.css").read_text("utf-8")


def variables() -> dict[str, str]:
    root = CSS[CSS.index(":root") : CSS.index("}", CSS.index(":root"))]
    return {name: value.strip().lower() for name, value in re.findall(r"--(nsc-[\w-]+):\s*([^;]+);", root)}


def luminance(colour: str) -> float:
    value = colour.lstrip("#")
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_template_loads_the_stylesheet_before_the_page_draws():
    template = (TEMPLATE / "index.html.j2").read_text("utf-8")
    assert "voila/templates/nsc/static/nsc.css" in template
    assert template.index("nsc.css") < template.index("endblock notebook_css")  # in the head


@pytest.mark.parametrize(
    ("text", "background"),
    [
        ("text", "surface"),
        ("text", "surface-2"),
        ("muted", "surface"),
        ("muted", "surface-2"),
        ("primary-dark", "surface"),
        ("primary-dark", "primary-soft"),
        ("danger", "surface"),
        ("success", "surface"),
    ],
)
def test_text_colours_pass_wcag_aa(text, background):
    colours = variables()
    assert contrast(colours[f"nsc-{text}"], colours[f"nsc-{background}"]) >= 4.5


@pytest.mark.parametrize("button", ["primary", "success"])
def test_white_on_a_filled_button_passes_wcag_aa(button):
    assert contrast("#ffffff", variables()[f"nsc-{button}"]) >= 4.5


def test_the_colours_are_the_charts_palette():
    colours = variables()
    palette = {c.lower() for c in OKABE_ITO}
    assert colours["nsc-primary"] in palette and colours["nsc-accent"] in palette


def test_type_scale_body_16px_headings_above_a_chart_title():
    sizes = {k: int(v.removesuffix("px")) for k, v in variables().items() if k.startswith("nsc-size-")}
    assert sizes["nsc-size-body"] == 16
    assert sizes["nsc-size-h1"] > sizes["nsc-size-h2"] > sizes["nsc-size-h3"] > 15  # a chart title: ~15 px on screen
