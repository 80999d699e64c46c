"""The innovation-sprint app in Chromium: a 1-day sprint on a new workshop, and private ideas across pages."""

from __future__ import annotations

from nsc_workshop import open_store
from nsc_workshop.testing import widgets_synced


def _tab(page, name):
    page.get_by_role("tab", name=name, exact=True).click()


def _fill(scope, placeholder, text):
    scope.get_by_placeholder(placeholder).fill(text)
    widgets_synced(scope.page)  # the text reaches the kernel before the next click


def test_a_one_day_sprint_then_reload(served, page, no_traceback):
    store = open_store(served.db_url)
    wid = store.create_workshop("Sprint in the browser", "Kettilsby", "Sweden")
    store.session(wid, participant="facilitator").add_hmw("How might we be there for young people at night?")
    page.goto(served.url_for("03_innovation_sprint.ipynb", workshop=wid, role="facilitator", name="facilitator"))
    page.locator(".nsc-innovation-sprint").wait_for()

    step = page.locator(".nsc-sprint-step-agenda")
    step.get_by_text("Templates").click()
    step.get_by_role("button", name="Use this template").click()
    step.locator(".nsc-agenda-table").first.wait_for()
    step.locator("select").first.select_option(index=1)
    widgets_synced(page)  # the chosen item reaches the kernel before Start
    step.get_by_role("button", name="Start").click()
    step.locator(".nsc-shared-timer[data-running='yes']").wait_for()

    _tab(page, "Challenge")
    page.locator(".nsc-shared-timer[data-running='yes']:visible").wait_for()  # above every tab, once
    step = page.locator(".nsc-sprint-step-challenge")
    step.locator("select").select_option(index=1)
    step.locator(".nsc-chosen-hmw", has_text="How might we be there").wait_for()

    _tab(page, "Ideas")
    step = page.locator(".nsc-sprint-step-ideas")
    _fill(step, "One idea per note", "Night-time chat with youth workers")
    step.get_by_role("button", name="Add idea").click()
    step.locator(".nsc-idea", has_text="Night-time chat").wait_for()

    _tab(page, "Sketches")
    step = page.locator(".nsc-sprint-step-sketches")
    _fill(step, "The sketch's title", "Digital first-aiders")
    _fill(step, "Panel 1", "Spot hate")
    step.get_by_role("button", name="Add sketch").click()
    step.locator("[data-sketch]", has_text="Digital first-aiders").wait_for()

    _tab(page, "Decide")  # in sub-steps: the dot vote first, then the heat map...
    step = page.locator(".nsc-sprint-step-decide")
    row = step.locator(".nsc-vote-row", has_text="Digital first-aiders")
    row.locator("button[title='Give a dot']").click()
    step.locator(".nsc-decide .nsc-dots[title='1 dot']", has_text="1").wait_for()
    step.locator(".nsc-decide-steps button", has_text="Heat map").click()
    step.locator(".nsc-heat-map img").click(position={"x": 20, "y": 20})
    page.locator(".nsc-clickable-image[data-stickers='1']").wait_for()
    assert step.locator(".nsc-decide").is_hidden()  # one sub-step on screen at a time

    _tab(page, "Storyboard")
    step = page.locator(".nsc-sprint-step-storyboard")
    for text in ("Hears of it", "Sees hate", "Opens the chat", "Talks to an adult", "Feels safer"):
        _fill(step, "The next step the user takes", text)
        step.get_by_role("button", name="Add step").click()
        step.locator("[data-step]", has_text=text).wait_for()

    _tab(page, "Prototype & test")
    step = page.locator(".nsc-sprint-step-test")
    _fill(step, "What did we see or hear?", "Would use it anonymously")
    step.get_by_role("button", name="Add finding").click()
    step.locator("[data-finding]", has_text="Would use it anonymously").wait_for()

    _tab(page, "Theory of change")
    step = page.locator(".nsc-sprint-step-toc")
    _fill(step, "What is it?", "Youth workers online at night")
    step.get_by_role("button", name="Add").first.click()  # the first "Add" is the element's
    step.locator(".nsc-toc-table", has_text="Youth workers online at night").wait_for()

    _tab(page, "Action plan")
    step = page.locator(".nsc-sprint-step-actions")
    step.get_by_role("textbox", name="Action", exact=True).fill("Pilot night chat for 8 weeks")
    step.get_by_role("textbox", name="Lead").fill("Head of youth services")
    widgets_synced(page)
    step.get_by_role("button", name="Add action").click()
    step.locator("table.nsc-actions", has_text="Pilot night chat").wait_for()
    step.get_by_role("button", name="Excel file").click()
    step.locator("a.nsc-download").wait_for()

    workshop = store.load(wid)
    sprint = workshop.sprint
    assert sprint.template == "1-day" and sprint.timer.started_at is not None
    assert sprint.chosen_hmw is not None
    assert len(sprint.storyboard) == 5 and len(sprint.actions) == 1

    page.reload()
    page.locator(".nsc-innovation-sprint").wait_for()
    page.locator(".nsc-shared-timer[data-running='yes']:visible").wait_for()  # the timer runs on after a reload
    _tab(page, "Summary")
    summary = page.locator(".nsc-sprint-summary")
    summary.wait_for()
    text = summary.inner_text()
    for expected in (
        "How might we be there for young people at night?",
        "Night-time chat with youth workers",
        "Digital first-aiders",
        "Talks to an adult",
        "Would use it anonymously",
        "Youth workers online at night",
        "Pilot night chat for 8 weeks",
    ):
        assert expected in text, expected
    no_traceback(page)


def test_private_ideas_reach_a_second_page_only_when_revealed(served, new_context, no_traceback):
    store = open_store(served.db_url)
    wid = store.create_workshop("Private ideas", "Kettilsby", "Sweden")
    pages = {}
    for name, role in (("ana", "participant"), ("ben", "participant"), ("host", "facilitator")):
        page = new_context().new_page()
        page.goto(served.url_for("03_innovation_sprint.ipynb", workshop=wid, role=role, name=name))
        page.locator(".nsc-innovation-sprint").wait_for()
        page.get_by_role("tab", name="Ideas", exact=True).click()
        pages[name] = page
    ana = pages["ana"].locator(".nsc-sprint-step-ideas")
    ana.get_by_placeholder("One idea per note").fill("A secret line for bystanders")
    ana.get_by_role("checkbox", name="Keep private until revealed").check()
    widgets_synced(pages["ana"])  # the box is ticked in the kernel before Add
    ana.get_by_role("button", name="Add idea").click()
    ana.locator(".nsc-idea", has_text="A secret line").wait_for()

    for name in ("ben", "host"):
        pages[name].reload()
        pages[name].locator(".nsc-innovation-sprint").wait_for()
        pages[name].get_by_role("tab", name="Ideas", exact=True).click()
        pages[name].locator(".nsc-sprint-step-ideas").wait_for()
        assert "A secret line" not in pages[name].content()
    host = pages["host"].locator(".nsc-sprint-step-ideas")
    host.locator(".nsc-hidden-count", has_text="1 private note").wait_for()
    host.get_by_role("button", name="Reveal the private notes").click()
    host.locator(".nsc-idea", has_text="A secret line").wait_for()
    pages["ben"].reload()
    pages["ben"].get_by_role("tab", name="Ideas", exact=True).click()
    pages["ben"].locator(".nsc-sprint-step-ideas .nsc-idea", has_text="A secret line").wait_for()
    assert pages["ben"].locator(".nsc-sprint-step-ideas button", has_text="Reveal").is_hidden()
    for page in pages.values():
        no_traceback(page)
        page.context.close()
