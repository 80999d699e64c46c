"""The actor map in Chromium: no two names overlap at 60 and 200 actors, focus, groups, full width, one scrollbar.

Each count is printed (``pytest -s`` or the CI log) and each view saved in ``screenshots("map")``.
"""

from __future__ import annotations

import pytest

from nsc_workshop import open_store
from nsc_workshop.datasets import SAMPLE_WORKSHOP_ID, load_sample
from nsc_workshop.testing import make_workshop

BIG = "big-200"

# every drawn name (actors' and groups'): how many pairs of boxes overlap, as the page shows them
COUNT = """
(root) => {
  const shown = (t) => t.textContent && t.getAttribute("visibility") !== "hidden"
    && getComputedStyle(t).visibility !== "hidden" && getComputedStyle(t).display !== "none";
  const texts = [...root.querySelectorAll("text.nsc-actor-label, text.nsc-group-label")].filter(shown);
  const boxes = texts.map((t) => t.getBoundingClientRect());
  let overlaps = 0;
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      if (Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0
          && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0) overlaps++;
    }
  const svg = root.querySelector("svg.nsc-map-canvas").getBoundingClientRect();
  const outside = boxes.filter((b) => b.left < svg.left - 1 || b.right > svg.right + 1
    || b.top < svg.top - 1 || b.bottom > svg.bottom + 1).length;
  return {
    overlaps, outside,
    labels: texts.filter((t) => t.classList.contains("nsc-actor-label")).length,
    groups: texts.filter((t) => t.classList.contains("nsc-group-label")).length,
    actors: root.querySelectorAll("circle.nsc-actor").length,
    inside: [...root.querySelectorAll("circle.nsc-actor")].filter((c) => {
      const b = c.getBoundingClientRect();
      const x = (b.left + b.right) / 2, y = (b.top + b.bottom) / 2;
      return x >= svg.left && x <= svg.right && y >= svg.top && y <= svg.bottom;
    }).length,
    width: svg.width, height: svg.height,
  };
}
"""

SCROLLERS = """
() => {
  const page = document.scrollingElement;
  const found = page.scrollHeight > page.clientHeight + 2 ? ["page"] : [];
  for (const e of document.querySelectorAll("*")) {
    const s = getComputedStyle(e);
    if (e !== page && /(auto|scroll)/.test(s.overflowY) && e.scrollHeight > e.clientHeight + 2 && e.clientHeight > 0)
      found.push(e.className.toString());
  }
  return found;
}
"""


@pytest.fixture(scope="module")
def big(served):
    store = open_store(served.db_url)
    store.import_workshop(make_workshop(actors=200, ties=400, seed=3, workshop_id=BIG))
    store.close()
    return BIG


def _open(new_context, served, workshop, actors, lang=None):
    page = new_context(width=1366, height=768).new_page()
    query = {"workshop": workshop}
    if lang:
        query["lang"] = lang
    page.goto(served.url_for("02_actor_mapping.ipynb", **query))
    view = page.locator(f".nsc-network-view[data-actors='{actors}']")
    view.wait_for()
    page.wait_for_function("() => document.querySelector('.nsc-network-view').dataset.labels !== undefined")
    return page, view


def _count(view):
    return view.evaluate(COUNT)


def _shot(page, path):
    """A screenshot with the map's controls at the top of the window (the map below them fills it)."""
    page.evaluate("() => document.querySelector('.nsc-network-panel').scrollIntoView()")
    page.screenshot(path=str(path))


def test_names_never_overlap_at_60_and_200_actors(served, big, new_context, screenshots, no_traceback):
    folder = screenshots("map")
    sample = len(load_sample().actors)
    page, view = _open(new_context, served, SAMPLE_WORKSHOP_ID, sample)
    small = _count(view)
    assert small["actors"] == sample
    _shot(page, folder / "map-60-actors-en.png")
    # the map takes the page's width (not ~600 px beside the insights)
    content = page.evaluate("() => document.querySelector('.nsc-actor-mapping').getBoundingClientRect().width")
    assert small["width"] > 0.9 * content, (small["width"], content)
    assert small["height"] >= 360
    assert len(page.evaluate(SCROLLERS)) == 1  # one scrollbar: the page's (the insights are below the map)
    # the sectors layout: regions with their names, still no overlap
    page.locator(".nsc-network-panel").get_by_role("button", name="By sector").click()
    page.wait_for_function("() => document.querySelectorAll('.nsc-network-view text.nsc-group-label').length > 0")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.nsc-network-view text.nsc-group-label')]"
        ".some((t) => t.getAttribute('visibility') === 'visible')"
    )
    sectors = _count(view)
    _shot(page, folder / "map-60-actors-groups-en.png")
    # conflict ties only: still by priority and none overlapping
    page.locator(".nsc-network-panel").get_by_role("button", name="Conflict").click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.nsc-network-view path.nsc-tie')]"
        ".every((p) => p.classList.contains('nsc-sign-negative'))"
    )
    conflict = _count(view)
    no_traceback(page)
    page.close()

    page, view = _open(new_context, served, BIG, 200)
    large = _count(view)
    _shot(page, folder / "map-200-actors-en.png")
    # zoomed in, more names find room, still none overlapping
    for _ in range(2):
        view.locator("button.nsc-zoom-in").click()
    page.wait_for_function("() => document.querySelector('.nsc-network-view').dataset.zoom === '1.96'")
    zoomed = _count(view)
    _shot(page, folder / "map-200-actors-zoomed-en.png")
    no_traceback(page)
    print(
        f"\nmap overlaps: 60 actors {small['overlaps']} (labels {small['labels']}/{small['actors']}),"
        f" by sector {sectors['overlaps']} (labels {sectors['labels']}, group names {sectors['groups']}),"
        f" conflict {conflict['overlaps']} (labels {conflict['labels']}),"
        f" 200 actors {large['overlaps']} (labels {large['labels']}/{large['actors']}),"
        f" 200 zoomed in {zoomed['overlaps']} (labels {zoomed['labels']})"
    )
    for counted in (small, sectors, conflict, large, zoomed):
        assert counted["overlaps"] == 0, counted
        assert counted["outside"] == 0, counted
    assert small["labels"] >= 25 and large["labels"] >= 25
    assert sectors["groups"] >= 10
    # zoomed in, a larger share of the actors in sight is named
    assert zoomed["labels"] / zoomed["inside"] > large["labels"] / large["inside"], (zoomed, large)


def test_focus_fades_all_but_the_neighbourhood(served, new_context, screenshots, no_traceback):
    folder = screenshots("map")
    sample = load_sample()
    page, view = _open(new_context, served, SAMPLE_WORKSHOP_ID, len(sample.actors))
    actor = "act_police_district"
    neighbours = {actor} | {t.target for t in sample.ties.values() if t.source == actor}
    neighbours |= {t.source for t in sample.ties.values() if t.target == actor}
    view.locator(f"circle[data-actor='{actor}']").click()
    page.wait_for_function(f"() => document.querySelector('.nsc-network-view').dataset.selected === '{actor}'")
    opacity = view.evaluate(
        "(root) => Object.fromEntries([...root.querySelectorAll('circle.nsc-actor')]"
        ".map((c) => [c.dataset.actor, Number(c.getAttribute('opacity'))]))"
    )
    assert all(opacity[a] == 1 for a in neighbours)
    assert all(opacity[a] < 0.3 for a in opacity if a not in neighbours)
    labelled = view.evaluate(
        "(root) => [...root.querySelectorAll('text.nsc-actor-label')]"
        ".filter((t) => t.getAttribute('visibility') === 'visible').map((t) => t.dataset.actor)"
    )
    assert actor in labelled
    assert len(neighbours & set(labelled)) >= min(len(neighbours), 8)  # the neighbourhood is named first
    counted = _count(view)
    assert counted["overlaps"] == 0, counted
    _shot(page, folder / "map-60-actors-focused-en.png")
    # a click on the background clears the focus
    box = view.locator("svg.nsc-map-canvas").bounding_box()
    page.mouse.click(box["x"] + 6, box["y"] + box["height"] - 6)
    page.wait_for_function("() => document.querySelector('.nsc-network-view').dataset.selected === ''")
    assert view.evaluate(
        "(root) => [...root.querySelectorAll('circle.nsc-actor')].every((c) => c.getAttribute('opacity') === '1')"
    )
    no_traceback(page)


def test_the_map_in_swedish(served, big, new_context, screenshots, no_traceback):
    folder = screenshots("map")
    sample = load_sample()
    page, view = _open(new_context, served, SAMPLE_WORKSHOP_ID, len(sample.actors), lang="sv")
    legend = page.locator(".nsc-network-panel .nsc-legend").inner_text()
    assert "Digitala plattformar" in legend and "Polisen" in legend, legend
    assert "online_platforms" not in legend and "_" not in legend
    assert _count(view)["overlaps"] == 0
    _shot(page, folder / "map-60-actors-sv.png")
    view.locator("circle[data-actor='act_police_district']").click()
    page.wait_for_function(
        "() => document.querySelector('.nsc-network-view').dataset.selected === 'act_police_district'"
    )
    _shot(page, folder / "map-60-actors-focused-sv.png")
    page.locator(".nsc-network-panel").get_by_role("button", name="Sektorer").first.click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.nsc-network-view text.nsc-group-label')]"
        ".some((t) => t.getAttribute('visibility') === 'visible')"
    )
    assert _count(view)["overlaps"] == 0
    _shot(page, folder / "map-60-actors-groups-sv.png")
    no_traceback(page)
    page.close()
    page, view = _open(new_context, served, BIG, 200, lang="sv")
    assert _count(view)["overlaps"] == 0
    _shot(page, folder / "map-200-actors-sv.png")
    no_traceback(page)
