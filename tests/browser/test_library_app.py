"""The secretariat library in Chromium: search, filter, open a record with its similar cases, compare two maps."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from nsc_workshop.datasets import blueprint_areas, load_sample
from nsc_workshop.library import open_library
from nsc_workshop.library.publish import record_id_of
from nsc_workshop.serve import VoilaServer
from nsc_workshop.testing import page_settled

NOTEBOOK = "04_secretariat_library.ipynb"


@pytest.fixture(scope="module")
def served_library(
    tmp_path_factory: pytest.TempPathFactory, library_server: Callable[..., Any]
) -> Iterator[tuple[VoilaServer, str]]:
    """Voilà with ``NSC_LIBRARY_DB`` on a library of 30 synthetic records and the sample workshop's."""
    with library_server(tmp_path_factory.mktemp("served-library"), 30) as served:
        yield served


def _wait_for_hits(page: object, count: int) -> None:
    page.wait_for_function(  # type: ignore[attr-defined]
        "n => document.querySelectorAll('.nsc-library-hit').length === n", arg=count
    )


def test_search_filter_open_similar_and_compare(served_library, page, screenshots, no_traceback):
    server, library_url = served_library
    library = open_library(library_url)
    page.goto(server.url_for(NOTEBOOK))
    page.locator(".nsc-library-count", has_text="31 records").wait_for()

    # words: Enter searches
    query = page.locator(".nsc-library-query input")
    query.fill("hate")
    query.press("Enter")
    expected = library.search("hate", limit=None)
    page.locator(".nsc-library-count", has_text=f"{len(expected)} record").wait_for()
    assert 0 < len(expected) < 31
    _wait_for_hits(page, len(expected))

    # a Blueprint area narrows the list
    area = next(a for a in blueprint_areas() if a["id"] == "digital")
    narrowed = library.search("hate", limit=None, area="digital")
    assert len(narrowed) < len(expected)
    page.locator(".nsc-filter-area select").select_option(label=str(area["label"]))
    page.locator(".nsc-library-count", has_text=f"{len(narrowed)} record").wait_for()
    _wait_for_hits(page, len(narrowed))

    # open the first result: the Record tab shows its title and sections, and the similar cases
    page.locator(".nsc-library-hit").first.get_by_role("button", name="Open").click()
    record = page.locator(".nsc-library-record .nsc-record-title")
    record.wait_for(state="visible")
    assert record.inner_text() == narrowed[0].title
    for section in ("summary", "framing", "actors", "ideas"):
        assert page.locator(f".nsc-record-section[data-section='{section}']").count() == 1
    page.locator(".nsc-similar-case").first.wait_for(state="visible")
    similar = library.similar(narrowed[0].id)
    assert page.locator(".nsc-similar-case").count() == len(similar) > 0
    assert similar[0].record.title in page.locator(".nsc-similar-list").inner_text()

    # compare its map with the most similar case
    page.locator(".nsc-library-record").get_by_role("button", name="Compare maps").click()
    comparison = page.locator(".nsc-library-compare table.nsc-map-comparison")
    comparison.wait_for(state="visible")
    figures = page.locator(".nsc-library-compare table.nsc-key-figures").inner_text()
    assert narrowed[0].title in figures and similar[0].record.title in figures
    said = comparison.inner_text()  # two cities' maps: what is only in one, only in the other, in both
    assert "Only in A: " in said and "Only in B: " in said and "In both" in said
    assert "added" not in said.lower() and "removed" not in said.lower()
    page.set_viewport_size({"width": 1366, "height": 768})
    page.screenshot(path=screenshots("controls") / "library-compare-en.png")
    library.close()
    no_traceback(page)


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_a_link_opens_a_record_at_its_summary_and_map(served_library, new_context, screenshots, no_traceback, lang):
    server, _url = served_library
    page = new_context(width=1366, height=768).new_page()
    page.goto(server.url_for(NOTEBOOK, record=record_id_of(load_sample()), lang=lang))
    title = page.locator(".nsc-library-record .nsc-record-title")
    title.wait_for(state="visible")
    assert title.inner_text() == load_sample().meta.title
    picture = page.locator(".nsc-library-record img.nsc-record-map")
    picture.wait_for(state="visible")
    page.wait_for_function("() => document.querySelector('img.nsc-record-map').naturalWidth > 0")
    page_settled(page)  # the layout settles
    box, summary = picture.bounding_box(), page.locator(".nsc-record-summary").bounding_box()
    assert box["y"] < 768 and summary["y"] < 768  # the first screen: the summary and the map
    assert box["height"] > 250  # a map one can read, beside the summary
    sections = page.locator(".nsc-record-sections .nsc-record-section")
    assert sections.count() >= 10 and not sections.first.is_visible()  # the tables folded until opened
    page.screenshot(path=screenshots("controls") / f"library-record-{lang}.png")
    height = page.evaluate(  # what one scrolls through (Voilà scrolls inside the page)
        "() => document.querySelector('.nsc-library-record').getBoundingClientRect().bottom"
        " + (document.scrollingElement.scrollTop || 0)"
    )
    print(f"library record [{lang}] page height at 1366×768: {height} px (was ~10,500 px)")
    page.locator(
        ".nsc-record-sections .jupyter-widget-Collapse-header, .nsc-record-sections .lm-AccordionPanel-title"
    ).nth(5).click()
    page.locator(".nsc-record-sections .nsc-record-section").nth(5).wait_for(state="visible")
    no_traceback(page)
