"""The problem-framing app in Chromium: every step on a new workshop, then a reload."""

from __future__ import annotations

from nsc_workshop import open_store
from nsc_workshop.testing import widgets_synced

SCRIPT = "<script>window.__owned = 1</script>"


def _tab(page, name):
    page.get_by_role("tab", name=name).click()


def _add(scope, placeholder, text, button):
    scope.get_by_placeholder(placeholder).fill(text)
    widgets_synced(scope.page)  # the text reaches the kernel before the click
    scope.get_by_role("button", name=button).click()


def test_every_step_then_reload(served, page, no_traceback):
    store = open_store(served.db_url)
    wid = store.create_workshop("Framing in the browser", "Kettilsby", "Sweden")
    page.goto(served.url_for("01_problem_framing.ipynb", workshop=wid))
    page.locator(".nsc-problem-framing").wait_for()

    # 1 what worries us, and the wickedness check
    step = page.locator(".nsc-step-wickedness")
    step.locator("textarea").fill("Threats in group chats after the incident")
    step.locator("textarea").press("Tab")  # saved when the box is left
    first_row = step.locator(".nsc-wickedness .widget-toggle-buttons").first
    first_row.get_by_role("button", name="2", exact=True).click()
    step.get_by_text("2 of 2 points").wait_for()

    # 2 the iceberg, with HTML typed into a note
    _tab(page, "2 Iceberg")
    step = page.locator(".nsc-step-iceberg")
    events = step.locator(".nsc-iceberg-events")
    events.get_by_role("textbox").fill(SCRIPT)
    widgets_synced(page)
    events.get_by_role("button", name="Add").click()
    events.get_by_text(SCRIPT).wait_for()

    # 3 the problem tree
    _tab(page, "3 Problem tree")
    step = page.locator(".nsc-step-tree")
    _add(step, "What is it? One short statement", "Online hate among young people", "Add to the tree")
    step.locator("[data-node]").first.wait_for()
    _add(step, "What is it? One short statement", "Lack of trusted adults online", "Add to the tree")
    step.locator("[data-node]", has_text="Lack of trusted adults online").wait_for()

    # 4 five whys, sent to the tree
    _tab(page, "4 Five whys")
    step = page.locator(".nsc-step-whys")
    _add(step, "A symptom everyone recognises", "Threats at night", "Start a chain")
    _add(step, "Why 1? The answer", "No adult is online then", "Add the answer")
    step.get_by_text("No adult is online then").wait_for()
    step.get_by_role("button", name="Send the last answer to the tree").click()
    step.get_by_text("Sent to the problem tree").wait_for()

    # 5 point of view
    _tab(page, "5 Point of view")
    step = page.locator(".nsc-step-pov")
    step.get_by_placeholder("e.g. Young people in Sørhavn").fill("Young people in Kettilsby")
    step.get_by_placeholder("e.g. an adult they trust online in the evening").fill("someone to turn to")
    step.get_by_placeholder("e.g. threats arrive when services are closed").fill("threats come at night")
    widgets_synced(page)
    step.get_by_role("button", name="Add this framing").click()
    step.get_by_role("button", name="Go on with this one").click()
    step.get_by_text("Chosen framing").wait_for()

    # 6 how might we, with a dot
    _tab(page, "6 How might we")
    step = page.locator(".nsc-step-hmw")
    _add(step, "How might we ...?", "How might we be there at night?", "Add note")
    step.locator("[data-hmw]").first.wait_for()
    step.get_by_role("button", name="Give a dot").or_(step.locator("button[title='Give a dot']")).first.click()
    step.locator(".nsc-dots", has_text="1").wait_for()

    # 7 goal, questions, tags
    _tab(page, "7 Goal & questions")
    step = page.locator(".nsc-step-goal")
    step.locator("textarea").fill("In two years young people feel safe online")
    step.locator("textarea").press("Tab")
    _add(step, "Can we ...?", "Can we reach young people at night?", "Add question")
    step.get_by_text("Can we reach young people at night?").wait_for()
    step.get_by_role("checkbox", name="Ensure safe digital cities").check()
    widgets_synced(page)  # the kernel has stored the tag

    # everything was stored as it happened
    workshop = store.load(wid)
    framing = workshop.framing
    assert framing.problem_statement == "Threats in group chats after the incident"
    assert framing.wickedness["no_definitive_formulation"].score == 2
    assert SCRIPT in {n.text for n in framing.iceberg_notes.values()}
    tree = {n.text for n in framing.problem_nodes.values()}
    assert tree >= {"Online hate among young people", "No adult is online then"}
    assert framing.selected_pov is not None
    assert sum(v.weight for v in workshop.votes.values()) == 1
    assert framing.long_term_goal == "In two years young people feel safe online"
    assert workshop.meta.blueprint_areas == ["digital"]

    # after a reload, the summary shows it all, and HTML stays text
    page.reload()
    page.locator(".nsc-problem-framing").wait_for()
    _tab(page, "8 Summary")
    summary = page.locator(".nsc-framing-summary")
    summary.wait_for()
    text = summary.inner_text()
    for expected in (
        "Threats in group chats after the incident",
        SCRIPT,
        "Online hate among young people",
        "No adult is online then",
        "Young people in Kettilsby needs someone to turn to because threats come at night",
        "How might we be there at night? (1 dot)",  # plural forms: one dot
        "In two years young people feel safe online",
        "Can we reach young people at night?",
        "Ensure safe digital cities",
    ):
        assert expected in text, expected
    assert page.evaluate("() => window.__owned") is None  # the script never ran
    _tab(page, "2 Iceberg")
    page.locator(".nsc-iceberg-events").get_by_text(SCRIPT).wait_for()
    no_traceback(page)
