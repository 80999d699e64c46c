"""The workshop report in Chromium at 1366×768: every figure loads, none is stretched; a screenshot of each section.

The page is the report as written by ``nsc-workshop report`` (one self-contained
HTML file, figures inline as SVG), opened with ``set_content`` (nothing is
fetched: the context may only talk to loopback). Screenshots go to
``screenshots("report")``: the whole page and each section, in English and Swedish.
"""

from __future__ import annotations

import pytest

from nsc_workshop.datasets import load_sample
from nsc_workshop.report import SECTIONS, workshop_report_html

FIGURES = 12

_IMAGES = """() => Array.from(document.images).map(img => {
  const box = img.getBoundingClientRect();
  return {alt: img.alt, complete: img.complete, naturalWidth: img.naturalWidth, naturalHeight: img.naturalHeight,
          width: box.width, height: box.height, svg: img.src.startsWith("data:image/svg+xml;base64,")};
})"""


@pytest.mark.parametrize("language", ["en", "sv"])
def test_the_report_pages_load_every_figure_at_its_size(new_context, screenshots, language):
    html = workshop_report_html(load_sample(), language=language)
    context = new_context(width=1366, height=768)
    page = context.new_page()
    page.set_content(html, wait_until="load")
    page.wait_for_function("Array.from(document.images).every(img => img.complete)")
    images = page.evaluate(_IMAGES)
    ratio = page.evaluate("window.devicePixelRatio")
    assert len(images) == FIGURES
    for image in images:
        assert image["svg"], image["alt"]
        assert image["naturalWidth"] > 0 and image["naturalHeight"] > 0, f"{image['alt']} did not load"
        assert image["width"] <= image["naturalWidth"] * ratio + 1, f"{image['alt']} is stretched wider than drawn"
        drawn = image["naturalWidth"] / image["naturalHeight"]
        shown = image["width"] / image["height"]
        assert abs(shown - drawn) / drawn < 0.02, f"{image['alt']} lost its proportions: {shown:.3f} vs {drawn:.3f}"
        assert image["width"] >= 600, f"{image['alt']} is too small to read ({image['width']:.0f} px)"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 1366, "the report scrolls sideways"

    folder = screenshots("report")
    page.screenshot(path=str(folder / f"report-{language}-full.png"), full_page=True)
    cover = page.locator("section").first
    cover.screenshot(path=str(folder / f"report-{language}-00-cover.png"))
    for number, key in enumerate(SECTIONS, start=1):
        section = page.locator(f"section#{key}")
        assert section.count() == 1, key
        section.screenshot(path=str(folder / f"report-{language}-{number:02d}-{key}.png"))
    for number, figure in enumerate(page.locator("figure").all(), start=1):
        key = (figure.get_attribute("class") or "").split("figure-")[-1].split()[0]
        figure.screenshot(path=str(folder / f"report-{language}-figure-{number:02d}-{key}.png"))
