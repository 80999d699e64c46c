"""The home page in Chromium."""

from __future__ import annotations

from nsc_workshop import open_store
from nsc_workshop.datasets import SAMPLE_WORKSHOP_ID, load_sample


def test_home_page_lists_the_sample_workshop(served, page, no_traceback):
    page.goto(served.home_url)
    row = page.locator(f"tr[data-workshop='{SAMPLE_WORKSHOP_ID}']")
    row.wait_for()
    sample = load_sample()
    assert sample.meta.title in row.inner_text()
    assert sample.meta.city in row.inner_text()
    no_traceback(page)


def test_creating_a_workshop_in_the_browser_survives_a_reload(served, page, no_traceback):
    page.goto(served.home_url)
    page.locator(".nsc-workshops").wait_for()
    page.get_by_text("New workshop", exact=True).click()
    form = page.locator(".nsc-new-workshop")
    form.locator("input[type=text]").nth(0).fill('Trust & "dialogue" after the riot')
    form.locator("input[type=text]").nth(1).fill("Kettilsby")
    form.locator("input[type=text]").nth(2).fill("Sweden")
    form.get_by_role("button", name="Create workshop").click()
    page.get_by_text("Created the workshop").wait_for()
    page.reload()
    page.locator(".nsc-workshops").wait_for()
    assert 'Trust & "dialogue" after the riot' in page.inner_text(".nsc-workshops")
    titles = [w.title for w in open_store(served.db_url).list_workshops()]
    assert 'Trust & "dialogue" after the riot' in titles
    no_traceback(page)
