"""Ten participants and a facilitator in Chromium: every idea and vote reaches the facilitator's page, live."""

from __future__ import annotations

import time
from collections import Counter

from nsc_workshop import open_store

PARTICIPANTS = 10
IDEAS_EACH = 5


def test_ten_participants_and_a_facilitator(served, new_context, no_traceback):
    store = open_store(served.db_url)
    wid = store.create_workshop("Live room", "Kettilsby", "Sweden")
    context = new_context(120_000, width=1200)

    def open_page(role, name):
        page = context.new_page()
        page.goto(served.url_for("03_innovation_sprint.ipynb", workshop=wid, role=role, name=name))
        page.locator(".nsc-innovation-sprint").wait_for()
        page.get_by_role("tab", name="Ideas", exact=True).click()
        page.locator(".nsc-sprint-step-ideas").wait_for()
        return page

    host = open_page("facilitator", "facilitator")
    people = [open_page("participant", f"p{i:02d}") for i in range(PARTICIPANTS)]

    # everyone writes at once: five rounds, one idea per participant per round
    for round_ in range(IDEAS_EACH):
        for i, page in enumerate(people):
            step = page.locator(".nsc-sprint-step-ideas")
            step.get_by_placeholder("One idea per note").fill(f"p{i:02d} idea {round_}")
            step.get_by_role("button", name="Add idea").click()
    for i, page in enumerate(people):  # each page shows its own five ideas: they are saved
        page.locator(".nsc-sprint-step-ideas .nsc-idea", has_text=f"p{i:02d} idea {IDEAS_EACH - 1}").wait_for()
    saved = time.monotonic()
    host.wait_for_function(
        f"() => document.querySelectorAll('.nsc-sprint-step-ideas .nsc-idea').length === {PARTICIPANTS * IDEAS_EACH}",
        timeout=10_000,
    )
    ideas_seen = time.monotonic() - saved

    # everyone opens the vote, then each participant gives one dot to the idea of the next participant
    for page in [host, *people]:
        page.get_by_role("tab", name="Decide", exact=True).click()
        page.locator(".nsc-vote-row", has_text="p00 idea 0").wait_for()
    for i, page in enumerate(people):
        row = page.locator(".nsc-vote-row", has_text=f"p{(i + 1) % PARTICIPANTS:02d} idea 0")
        row.locator("button[title='Give a dot']").click()
    for page in people:  # each page shows its own dot as given: the vote is saved
        page.locator(".nsc-budget", has_text="1 of 3").wait_for()
    voted = time.monotonic()
    host.wait_for_function(
        "() => [...document.querySelectorAll('.nsc-decide .nsc-dots')]"
        f".filter(e => e.textContent.trim().endsWith(' 1')).length === {PARTICIPANTS}",
        timeout=10_000,
    )
    votes_seen = time.monotonic() - voted

    assert ideas_seen <= 2.0, f"the facilitator page showed all ideas after {ideas_seen:.2f} s"
    assert votes_seen <= 2.0, f"the facilitator page showed all votes after {votes_seen:.2f} s"
    workshop = store.load(wid)
    texts = [idea.text for idea in workshop.sprint.ideas.values()]
    assert len(texts) == len(set(texts)) == PARTICIPANTS * IDEAS_EACH  # nothing lost, nothing twice
    assert Counter(idea.author for idea in workshop.sprint.ideas.values()) == {
        f"p{i:02d}": IDEAS_EACH for i in range(PARTICIPANTS)
    }
    assert sorted(v.participant for v in workshop.votes.values()) == [f"p{i:02d}" for i in range(PARTICIPANTS)]
    for page in [host, *people]:
        no_traceback(page)
