"""The actor-mapping app in Chromium: add an actor and a tie, see the map and the insights change, reload."""

from __future__ import annotations

from nsc_workshop import open_store
from nsc_workshop.datasets import SAMPLE_WORKSHOP_ID, load_sample
from nsc_workshop.testing import widgets_synced

XSS = "<img src=x onerror=alert(1)>"


def test_add_actor_and_tie_then_reload(served, page, no_traceback):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    sample = load_sample()
    actors, ties = len(sample.actors), len(sample.ties)
    page.goto(served.url_for("02_actor_mapping.ipynb", workshop=SAMPLE_WORKSHOP_ID))
    view = page.locator(".nsc-network-view")
    page.locator(f".nsc-network-view[data-actors='{actors}']").wait_for()
    insights = page.locator(".nsc-insights-panel")
    insights.get_by_text(f"{actors} actors analysed").wait_for()
    assert "Pixelhavn gaming café" in insights.inner_text()  # isolated in the sample

    # add an actor whose name is HTML
    quick = page.locator(".nsc-quick-add")
    quick.locator("input[type=text]").fill(XSS)
    quick.locator("select").first.select_option(label="Online platforms")
    quick.get_by_role("button", name="Add actor").click()
    page.locator(f".nsc-network-view[data-actors='{actors + 1}']").wait_for()
    label = view.locator("text.nsc-actor-label", has_text="<img src=x")
    assert label.text_content() == XSS  # drawn as text
    assert view.locator("img").count() == 0
    insights.get_by_text(f"{actors + 1} actors analysed").wait_for()

    # tie it to the isolated gaming café by clicking both on the map
    store = open_store(served.db_url)
    new_id = next(a.id for a in store.load(SAMPLE_WORKSHOP_ID).actors.values() if a.name == XSS)
    view.locator(f"circle[data-actor='{new_id}']").dispatch_event("click")
    view.locator("circle[data-actor='act_gaming_cafe']").dispatch_event("click")
    widgets_synced(page)  # the clicks reach the kernel and fill from/to
    quick.get_by_role("button", name="Add tie").click()
    page.locator(f".nsc-network-view[data-ties='{ties + 1}']").wait_for()
    tie = store.load(SAMPLE_WORKSHOP_ID).ties
    assert any({t.source, t.target} == {new_id, "act_gaming_cafe"} for t in tie.values())
    # the café is no longer isolated: the insights say so
    page.wait_for_function(
        "() => !document.querySelector('.nsc-finding[data-key=\"insight.isolated\"]')"
        " || !document.querySelector('.nsc-finding[data-key=\"insight.isolated\"]').innerText.includes('Pixelhavn')"
    )

    # everything is still there after a reload
    page.reload()
    page.locator(f".nsc-network-view[data-actors='{actors + 1}'][data-ties='{ties + 1}']").wait_for()
    assert view.locator("text.nsc-actor-label", has_text="<img src=x").text_content() == XSS
    page.get_by_role("tab", name="Actors").click()
    table = page.locator("table.nsc-actors")
    table.wait_for()
    assert XSS in table.inner_text()
    assert table.locator("img").count() == 0
    assert dialogs == []  # no script ran
    no_traceback(page)


def test_every_tab_opens_without_error(served, page, no_traceback):
    page.goto(served.url_for("02_actor_mapping.ipynb", workshop=SAMPLE_WORKSHOP_ID))
    page.locator(".nsc-network-view[data-actors]").wait_for()
    for name, selector in [
        ("Actors", ".nsc-actor-table"),
        ("Ties", ".nsc-tie-editor"),
        ("Influence", ".nsc-influence img"),
        ("Power & interest", ".nsc-grid-view img"),
        ("Sectors", ".nsc-sector-view img"),
        ("Import & export", ".nsc-map-files"),
        ("Compare", ".nsc-compare-view"),
    ]:
        page.get_by_role("tab", name=name).click()
        page.locator(selector).first.wait_for(state="visible")
    page.get_by_role("button", name="Compare").click()
    page.locator("table.nsc-map-comparison").wait_for()
    no_traceback(page)
