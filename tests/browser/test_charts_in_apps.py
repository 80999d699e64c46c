"""Charts in the actor-mapping app at 1366×768: the loading sign first, then the chart at its drawn size.

Each chart tab shows the loading sign (an SVG placeholder) or the chart, never
an empty box; once drawn, the chart is a PNG no wider than it was drawn, with
its proportions kept (a flex column used to stretch the grid wide and blurry).
Screenshots go to ``screenshots("charts")``.
"""

from __future__ import annotations

import pytest

from nsc_workshop.datasets import SAMPLE_WORKSHOP_ID

_CHART = """(selector) => {
  const img = document.querySelector(selector);
  if (!img) return null;
  const box = img.getBoundingClientRect();
  return {naturalWidth: img.naturalWidth, naturalHeight: img.naturalHeight, width: box.width, height: box.height,
          ratio: window.devicePixelRatio, classes: img.className};
}"""


@pytest.mark.parametrize(
    ("tab", "selector", "name"),
    [
        ("Influence", ".nsc-influence img.nsc-chart", "influence-towers"),
        ("Power & interest", ".nsc-grid-view img.nsc-chart", "power-interest-grid"),
        ("Sectors", ".nsc-sector-view img.nsc-chart", "sector-matrix"),
    ],
)
def test_a_chart_tab_shows_the_chart_at_its_drawn_size(
    served, new_context, screenshots, no_traceback, tab, selector, name
):
    page = new_context(width=1366, height=768).new_page()
    page.goto(served.url_for("02_actor_mapping.ipynb", workshop=SAMPLE_WORKSHOP_ID))
    page.locator(".nsc-network-view[data-actors]").wait_for()
    page.get_by_role("tab", name=tab).click()
    page.locator(selector).wait_for(state="visible")  # the loading sign or the chart: never an empty box
    page.wait_for_function(
        "(s) => { const img = document.querySelector(s); return img && img.complete && img.naturalWidth > 600; }",
        arg=selector,
    )  # the chart (the loading sign is 420 px wide)
    chart = page.evaluate(_CHART, selector)
    assert chart["naturalWidth"] == 1052 and chart["naturalHeight"] == 744  # A4 landscape at 90 dpi
    assert chart["width"] <= chart["naturalWidth"] * chart["ratio"] + 1, "stretched wider than drawn"
    shown, drawn = chart["width"] / chart["height"], chart["naturalWidth"] / chart["naturalHeight"]
    assert abs(shown - drawn) / drawn < 0.02, f"proportions lost: {shown:.3f} vs {drawn:.3f}"
    assert chart["width"] >= 600, f"too small to read: {chart['width']:.0f} px"
    page.locator(selector).scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots("charts") / f"actor-mapping-{name}-1366.png"))
    no_traceback(page)
