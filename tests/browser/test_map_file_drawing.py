"""An imported map drawn as its tool drew it, in Chromium: positions, colours, shapes and line styles of the file.

The workshop is a ring of twelve actors (invented names) placed in a Kumu-like
picture (pixels, y growing downwards), four sectors of three, each sector one
colour, and two actors the file did not place. Each view is saved in
``screenshots("map")`` (English and Swedish, 1366×768).
"""

from __future__ import annotations

import math
import re

import pytest

from nsc_workshop import open_store
from nsc_workshop.model import Workshop

RING = "ring-from-kumu"
SECTORS = [("police", "#d62728"), ("schools", "#1f77b4"), ("youth_work", "#2ca02c"), ("civil_society", "#9467bd")]
NAMES = [
    "Varnholm police district", "Sørhavn patrol", "Kaia community officers",
    "Varnholm upper school", "Sørhavn primary", "Kaia adult education",
    "Kaia youth house", "Varnholm street team", "Sørhavn youth council",
    "Varnholm mosque council", "Sørhavn sports club", "Kaia parents' network",
]  # fmt: skip
SHAPES = ["ellipse", "box", "diamond", "triangle", "hexagon", "star"]


def ring_workshop() -> Workshop:
    actors = []
    for i, name in enumerate(NAMES):
        angle = -math.pi / 2 + 2 * math.pi * i / len(NAMES)  # the first at the top of the file's picture, clockwise
        actors.append(
            {
                "id": f"ring_{i:02d}",
                "name": name,
                "sector": SECTORS[i // 3][0],
                "influence": 5,
                "x": 500.0 + 400.0 * math.cos(angle),
                "y": 300.0 + 200.0 * math.sin(angle),
                "color": SECTORS[i // 3][1],
                "size": 10.0 + 5.0 * (i % 3),
                "shape": SHAPES[i % len(SHAPES)],
            }
        )
    actors += [{"id": f"loose_{k}", "name": f"Sørhavn newcomer {k + 1}", "sector": "other"} for k in range(2)]
    ties = [
        {
            "id": f"ring_tie_{i:02d}",
            "source": f"ring_{i:02d}",
            "target": f"ring_{(i + 1) % 12:02d}",
            "color": SECTORS[i // 3][1],
            "width": 1.0 + (i % 4),
            "style": ["solid", "dashed", "dotted"][i % 3],
        }
        for i in range(12)
    ]
    ties += [
        {"id": f"loose_tie_{k}", "source": f"loose_{k}", "target": f"ring_{6 * k:02d}", "type": "informs"}
        for k in range(2)
    ]
    meta = {"title": "Ring from Kumu", "city": "Varnholm", "country": "Norway"}
    return Workshop.model_validate({"id": RING, "meta": meta, "actors": actors, "ties": ties})


# each actor as drawn: its centre on the page, its fill, element and shape; each tie's stroke and dashes
DRAWN = """
(root) => {
  const actors = {};
  for (const a of root.querySelectorAll(".nsc-actor")) {
    const b = a.getBoundingClientRect();
    actors[a.dataset.actor] = { x: (b.left + b.right) / 2, y: (b.top + b.bottom) / 2, fill: a.getAttribute("fill"),
      tag: a.tagName, shape: a.dataset.shape || "ellipse" };
  }
  const ties = {};
  for (const p of root.querySelectorAll("path.nsc-tie"))
    ties[p.dataset.tie] = { stroke: p.getAttribute("stroke"), dash: p.getAttribute("stroke-dasharray") || "",
      width: Number(p.getAttribute("stroke-width")) };
  const shown = [...root.querySelectorAll("text.nsc-actor-label")]
    .filter((t) => t.getAttribute("visibility") !== "hidden");
  const boxes = shown.map((t) => t.getBoundingClientRect());
  let overlaps = 0;
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      if (Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0
          && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0) overlaps++;
    }
  return { actors, ties, labels: shown.length, overlaps };
}
"""


@pytest.fixture(scope="module")
def ring(served):
    store = open_store(served.db_url)
    store.import_workshop(ring_workshop())
    store.close()
    return ring_workshop()


def _open(new_context, served, lang=None):
    page = new_context(width=1366, height=768).new_page()
    query = {"workshop": RING}
    if lang:
        query["lang"] = lang
    page.goto(served.url_for("02_actor_mapping.ipynb", **query))
    view = page.locator(".nsc-network-view[data-actors='14']")
    view.wait_for()
    page.wait_for_function("() => document.querySelector('.nsc-network-view').dataset.labels !== undefined")
    return page, view


def _shot(page, path):
    """The map whole, its bottom at the window's (the controls above it scrolled partly out of sight)."""
    page.evaluate("() => document.querySelector('.nsc-network-view svg.nsc-map-canvas').scrollIntoView({block: 'end'})")
    page.screenshot(path=str(path))


def _wait_fill(page, actor, color):
    page.wait_for_function(
        f"() => (document.querySelector(\".nsc-network-view .nsc-actor[data-actor='{actor}']\") || {{}})"
        f".getAttribute && document.querySelector(\".nsc-network-view .nsc-actor[data-actor='{actor}']\")"
        f".getAttribute('fill') === '{color}'"
    )


def _assert_as_in_the_file(drawn, workshop):
    actors = drawn["actors"]
    ring = [a for a in workshop.actors.values() if a.x is not None]
    # where the file put them: every pair in the same order across and down (the file's y grows downwards)
    for a in ring:
        for b in ring:
            if a.x - b.x > 30:
                assert actors[a.id]["x"] > actors[b.id]["x"], (a.name, b.name)
            if a.y - b.y > 30:
                assert actors[a.id]["y"] > actors[b.id]["y"], (a.name, b.name)
    # the file's aspect ratio: the ring is twice as wide as it is tall
    xs = [actors[a.id]["x"] for a in ring]
    ys = [actors[a.id]["y"] for a in ring]
    assert (max(xs) - min(xs)) / (max(ys) - min(ys)) == pytest.approx(2.0, rel=0.05)
    # filled with their colours, in their shapes; the two the file left alone grey, as circles
    for a in ring:
        assert actors[a.id]["fill"] == a.color
        assert actors[a.id]["shape"] == (a.shape or "ellipse")
    assert actors["loose_0"]["fill"].lower() == "#bbbbbb" and actors["loose_0"]["tag"] == "circle"
    assert actors["ring_05"]["tag"] == "path"  # a star
    # the ties in their colours and line styles
    ties = drawn["ties"]
    assert ties["ring_tie_00"]["stroke"] == "#d62728" and ties["ring_tie_00"]["dash"] == ""
    assert ties["ring_tie_01"]["dash"] == "6 3" and ties["ring_tie_02"]["dash"] == "1.5 2"
    assert ties["ring_tie_03"]["width"] > ties["ring_tie_00"]["width"]
    # the unplaced actors beside the ring, inside the map
    assert drawn["overlaps"] == 0


def test_an_imported_map_is_drawn_as_in_the_file(served, ring, new_context, screenshots, no_traceback):
    folder = screenshots("map")
    page, view = _open(new_context, served)
    panel = page.locator(".nsc-network-panel")
    # most actors placed: the map opens as the file drew it
    _wait_fill(page, "ring_00", "#d62728")
    drawn = view.evaluate(DRAWN)
    _assert_as_in_the_file(drawn, ring)
    legend = panel.locator(".nsc-legend").inner_text()
    assert "as in the file" in legend and "grey: no colour in the file" in legend, legend
    _shot(page, folder / "map-as-in-the-file-en.png")
    # colours by sector: the same places, the sectors' colours, circles
    panel.locator(".nsc-map-colors").get_by_role("button", name="Sectors").click()
    page.wait_for_function(
        "() => document.querySelector(\".nsc-network-view .nsc-actor[data-actor='ring_05']\").tagName === 'circle'"
    )
    by_sector = view.evaluate(DRAWN)
    assert by_sector["actors"]["ring_00"]["fill"] != "#d62728"
    assert by_sector["actors"]["ring_00"]["x"] == pytest.approx(drawn["actors"]["ring_00"]["x"], abs=1)
    _shot(page, folder / "map-as-in-the-file-sector-colours-en.png")
    # the network layout, then back to the file's: the file's picture again
    panel.locator(".nsc-map-layout").get_by_role("button", name="Network").click()
    page.wait_for_function(
        "() => !document.querySelector('.nsc-network-panel .nsc-legend').innerText.includes('y axis')"
    )
    panel.locator(".nsc-map-layout").get_by_role("button", name="As in the file").click()
    page.wait_for_function(
        "() => document.querySelector('.nsc-network-panel .nsc-legend').innerText.includes('y axis')"
    )
    panel.locator(".nsc-map-colors").get_by_role("button", name="As in the file").click()
    _wait_fill(page, "ring_00", "#d62728")
    page.wait_for_function(
        "() => document.querySelector(\".nsc-network-view .nsc-actor[data-actor='ring_05']\").tagName === 'path'"
    )
    again = view.evaluate(DRAWN)
    _assert_as_in_the_file(again, ring)
    no_traceback(page)
    print(
        f"\nmap as in the file: {len(drawn['actors'])} actors, labels {drawn['labels']}, overlaps {drawn['overlaps']}"
    )


def test_an_imported_map_as_in_the_file_in_swedish(served, ring, new_context, screenshots, no_traceback):
    folder = screenshots("map")
    page, view = _open(new_context, served, lang="sv")
    panel = page.locator(".nsc-network-panel")
    _wait_fill(page, "ring_00", "#d62728")
    _assert_as_in_the_file(view.evaluate(DRAWN), ring)
    assert panel.locator(".nsc-map-layout").get_by_role("button", name="Som i filen").count() == 1
    legend = panel.locator(".nsc-legend").inner_text()
    assert "som i filen" in legend and "grå" in legend, legend
    _shot(page, folder / "map-as-in-the-file-sv.png")
    no_traceback(page)


def _kumu_file(folder):
    """A Kumu spreadsheet as a Kumu user leaves it: words in a column of ours, a repeated label, an element
    only Connections names, a loop, and a name that is HTML."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Elements"
    for row in (
        ["Label", "Influence", "Color"],
        ["Varnholm police", "High", "#d62728"],
        ["Kaia youth house", "4", "#2ca02c"],
        ["varnholm police", "2", None],
        ["<b>Sørhavn</b> tenants", None, None],
    ):
        book["Elements"].append(row)
    links = book.create_sheet("Connections")
    for row in (
        ["From", "To"],
        ["Varnholm police", "Kaia youth house"],
        ["Kaia youth house", "Kaia youth house"],
        ["<b>Sørhavn</b> tenants", "Varnholm mosque council"],
    ):
        links.append(row)
    path = folder / "kumu map.xlsx"
    book.save(path)
    return path


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_an_import_lists_what_it_adapted(served, new_context, screenshots, no_traceback, tmp_path, lang):
    from nsc_workshop.i18n import t

    store = open_store(served.db_url)
    wid = store.create_workshop(f"Imported map {lang}", "Varnholm", "Norway")
    store.close()
    page = new_context(width=1366, height=768).new_page()
    page.goto(served.url_for("02_actor_mapping.ipynb", workshop=wid, lang=lang))
    page.locator(".nsc-network-view").wait_for()
    page.get_by_role("tab", name=t("mapping.tab.files", lang=lang)).click()
    panel = page.locator(".nsc-map-files")
    panel.wait_for()
    with page.expect_file_chooser() as chooser:  # the upload button opens the system's file dialog
        panel.get_by_role("button", name=t("files.choose", lang=lang)).click()
    chooser.value.set_files(str(_kumu_file(tmp_path)))
    panel.get_by_role("button", name=t("files.import", lang=lang)).click()
    adapted = panel.locator(".nsc-import-adapted")
    adapted.wait_for()
    said = panel.inner_text()
    assert t("io.report.added", lang=lang, actors=t("io.report.actors", lang=lang, count=4),
             ties=t("io.report.ties", lang=lang, count=2), title=f"Imported map {lang}") in said  # fmt: skip
    assert t("io.warn.summary", lang=lang, count=4) in said
    for sheet, row in (("Elements", 4), ("Connections", 3), ("Connections", 4)):  # "row" in the page's language
        assert re.search(rf"{sheet} \w+ {row}", said), (sheet, row)
    assert "Influence" in said and "High" in said
    assert panel.locator("b").count() == 0  # a name that is HTML is shown as text
    assert "<b>Sørhavn</b> tenants" in open_store(served.db_url).load(wid).actors.__repr__()
    adapted.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots("map") / f"import-adapted-{lang}.png"))
    no_traceback(page)
