"""Decide in sub-steps, influence as a list, headed ties, Compare, in Chromium at 1366×768, in English and Swedish.

Each screen is saved to ``screenshots("controls")`` to be looked at; the page's
height is measured on each of Decide's sub-steps (it was ~6,000 px as one page).
"""

from __future__ import annotations

from typing import Any

import pytest

from nsc_workshop.datasets import SAMPLE_WORKSHOP_ID
from nsc_workshop.testing import page_settled

WIDTH, HEIGHT = 1366, 768
HEIGHT_LIMIT = 2 * HEIGHT
"""No sub-step of Decide may be longer than two screens (the straw poll of 29 items in two columns fits ~1.5)."""
CLOCKS = ".nsc-shared-timer, .nsc-countdown"
"""Running clocks repaint themselves: a page has settled when nothing else changes."""

WORDS = {
    "en": {"decide": "Decide", "steps": ("Dot vote", "Heat map", "Scores", "Results", "Supervote & decision"),
           "influence": "Influence", "ties": "Ties", "compare": "Compare", "unscored": "Not yet scored",
           "another": "Another workshop", "none": "no other workshop", "heads": ("From", "To", "Sign")},
    "sv": {"decide": "Besluta", "steps": ("Prickröstning", "Värmekarta", "Poäng", "Resultat", "Superröst och beslut"),
           "influence": "Inflytande", "ties": "Kopplingar", "compare": "Jämför", "unscored": "Inte bedömd ännu",
           "another": "En annan workshop", "none": "ingen annan workshop", "heads": ("Från", "Till", "Tecken")},
}  # fmt: skip


def _height(page: Any) -> int:
    """The height one scrolls through: from the top of the page to the bottom of the app (Voilà scrolls inside)."""
    return int(
        page.evaluate(
            "() => { const app = document.querySelector('.nsc-innovation-sprint').getBoundingClientRect();"
            " return app.bottom + (document.scrollingElement.scrollTop || 0); }"
        )
    )


def _open(page: Any, served: Any, notebook: str, lang: str) -> None:
    page.goto(served.url_for(notebook, workshop=SAMPLE_WORKSHOP_ID, lang=lang))


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_decide_in_sub_steps_each_a_screen(served, new_context, screenshots, no_traceback, lang):
    words = WORDS[lang]
    page = new_context(timeout_ms=180_000, width=WIDTH, height=HEIGHT).new_page()  # a loaded machine
    _open(page, served, "03_innovation_sprint.ipynb", lang)
    page.locator(".nsc-innovation-sprint").wait_for()
    page.get_by_role("tab", name=words["decide"], exact=True).click()
    step = page.locator(".nsc-sprint-step-decide")
    buttons = step.locator(".nsc-decide-steps button")
    buttons.first.wait_for()
    labels = [text.strip() for text in buttons.all_inner_texts()]
    assert [label.split(". ", 1)[1] for label in labels][:1] == [words["steps"][0]]
    heights = {}
    for number, label in enumerate(labels, start=1):
        buttons.nth(number - 1).click()
        shown = (".nsc-decide", ".nsc-heat-map img", ".nsc-scores", ".nsc-decide-charts img", ".nsc-decision")
        step.locator(shown[number - 1]).first.wait_for(state="visible")
        if number == 4:
            page.wait_for_function(
                "() => [...document.querySelectorAll('.nsc-decide-charts img')].every(i => i.naturalWidth > 0)"
            )
        page_settled(page, ignore=CLOCKS)  # the layout settles
        heights[label] = _height(page)
        page.screenshot(path=screenshots("controls") / f"sprint-decide-{number}-{lang}.png")
    print(f"Decide sub-steps [{lang}], page height in px at {WIDTH}×{HEIGHT}: {heights}")
    assert all(h <= HEIGHT_LIMIT for h in heights.values()), heights
    rows = step.locator(".nsc-vote-row")
    buttons.first.click()
    step.locator(".nsc-decide").wait_for(state="visible")
    dots = [int(d.split()[-1]) for d in step.locator(".nsc-decide .nsc-dots").all_inner_texts()]
    assert rows.count() == 29 and dots[0] == max(dots)  # the sample's 29 items, most dots first
    no_traceback(page)


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_influence_list_headed_ties_and_compare(served, new_context, screenshots, no_traceback, lang):
    words = WORDS[lang]
    page = new_context(timeout_ms=180_000, width=WIDTH, height=HEIGHT).new_page()  # a loaded machine
    _open(page, served, "02_actor_mapping.ipynb", lang)
    page.get_by_role("tab", name=words["influence"], exact=True).wait_for()

    page.get_by_role("tab", name=words["influence"], exact=True).click()
    influence = page.locator(".nsc-influence")
    influence.locator(".nsc-influence-row").first.wait_for(state="visible")
    assert influence.locator(".nsc-influence-row").count() == 59  # every actor, no paging slider
    assert influence.locator(".widget-slider").count() == 0
    page.screenshot(path=screenshots("controls") / f"mapping-influence-{lang}.png")
    row = influence.locator(".nsc-influence-row").first
    row.locator(".nsc-tower-buttons button", has_text="7").click()
    row.locator(".nsc-influence-state[data-scored='yes']").wait_for()
    row.get_by_role("button", name={"en": "Clear", "sv": "Rensa"}[lang]).click()
    row.locator(".nsc-influence-state[data-scored='no']", has_text=words["unscored"]).wait_for()

    page.get_by_role("tab", name=words["ties"], exact=True).click()
    ties = page.locator(".nsc-tie-editor")
    table = ties.locator("table.nsc-ties")
    table.wait_for(state="visible")
    heads = table.locator("thead th").all_inner_texts()
    assert [h for h in heads if h in words["heads"]] == list(words["heads"])
    page.screenshot(path=screenshots("controls") / f"mapping-ties-{lang}.png")

    page.get_by_role("tab", name=words["compare"], exact=True).click()
    compare = page.locator(".nsc-compare-view")
    compare.get_by_role("button", name=words["another"]).click()
    compare.locator(".nsc-no-other", has_text=words["none"]).wait_for(state="visible")  # says so: no empty list
    page.screenshot(path=screenshots("controls") / f"mapping-compare-{lang}.png")
    no_traceback(page)


def test_one_timer_per_screen_and_its_label_apart(served, new_context, screenshots, no_traceback):
    from nsc_workshop import open_store

    store = open_store(served.db_url)
    store.session(SAMPLE_WORKSHOP_ID, participant="facilitator").start_timer(minutes=20)
    try:
        page = new_context(timeout_ms=180_000, width=WIDTH, height=HEIGHT).new_page()
        _open(page, served, "03_innovation_sprint.ipynb", "en")
        page.locator(".nsc-shared-timer[data-running='yes']:visible").first.wait_for()
        page_settled(page, ignore=CLOCKS)  # everything the page shows is there: then count
        assert page.locator(".nsc-shared-timer:visible").count() == 1  # the agenda's own, not the frame's too
        pause = page.get_by_role("button", name="Pause the timer")
        lock = page.get_by_role("button", name="Lock the room")
        assert pause.is_visible() and lock.is_visible()
        assert page.get_by_role("button", name="Pause", exact=True).count() == 0  # no two "Pause" buttons
        page.screenshot(path=screenshots("controls") / "sprint-agenda-one-timer-en.png")

        framing = new_context(timeout_ms=180_000, width=WIDTH, height=HEIGHT).new_page()
        _open(framing, served, "01_problem_framing.ipynb", "en")
        framing.locator(".nsc-shared-timer[data-running='yes']:visible").first.wait_for()
        page_settled(framing, ignore=CLOCKS)  # everything the page shows is there: then count
        assert framing.locator(".nsc-countdown:visible").count() == 0  # the room's timer hides the step's own
        framing.screenshot(path=screenshots("controls") / "framing-room-timer-en.png")
        store.session(SAMPLE_WORKSHOP_ID, participant="facilitator").reset_timer()
        countdown = framing.locator(".nsc-countdown:visible").first
        countdown.wait_for()  # the room's timer stopped: the step's countdown is back
        page_settled(framing, ignore=CLOCKS)  # everything the page shows is there: then count
        assert framing.locator(".nsc-shared-timer:visible").count() == 0
        label = framing.locator(".nsc-step-header span", has_text="Suggested:").first
        gap = countdown.bounding_box()["x"] - (label.bounding_box()["x"] + label.bounding_box()["width"])
        assert gap >= 8, gap  # "Suggested: 20 min" and "20:00" apart, never "20 min20:00"
        framing.screenshot(path=screenshots("controls") / "framing-step-timer-en.png")
        no_traceback(page)
        no_traceback(framing)
    finally:
        store.session(SAMPLE_WORKSHOP_ID, participant="facilitator").reset_timer()
        store.close()
