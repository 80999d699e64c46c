"""Every tab of every app in Chromium at 1366×768, in all five languages: no text cut off, no raw id on screen.

One page load per app and language; every tab (and every tab inside it) is
clicked and, once the page has settled, the page is searched for

- a button, tab, label, dropdown or toggle whose text does not fit (its text
  is wider than its box, or an ellipsis is active on it);
- a raw id of the kit's datasets or of a vote round on screen (``online_platforms``,
  ``(hmw)``, ``Language en``, ``input/activity``).

A screenshot of every tab is saved in ``screenshots("apps")``.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from nsc_workshop.datasets import SAMPLE_WORKSHOP_ID, blueprint_areas, load_sample, sectors, tie_types
from nsc_workshop.i18n import available_languages
from nsc_workshop.library.publish import record_id_of
from nsc_workshop.model.vocab import WICKEDNESS_CHARACTERISTICS
from nsc_workshop.serve import VoilaServer

WIDTH, HEIGHT = 1366, 768

APPS: list[tuple[str, str, str]] = [
    ("home", "00_home.ipynb", ".nsc-home"),
    ("framing", "01_problem_framing.ipynb", ".nsc-problem-framing"),
    ("mapping", "02_actor_mapping.ipynb", ".nsc-actor-mapping"),
    ("sprint", "03_innovation_sprint.ipynb", ".nsc-innovation-sprint"),
    ("library", "04_secretariat_library.ipynb", ".nsc-library-app"),
]
"""(name, notebook, the class its page carries once built)."""

LANGUAGES = available_languages()

ALLOWED: set[tuple[str, str]] = set()
"""Findings left in files this test's author does not own, as ``(app, text)``: each one named in the report.

Empty: every finding is fixed."""


def raw_ids() -> tuple[re.Pattern[str], list[str]]:
    """A pattern for the raw ids a page must not show, and the ids it looks for."""
    from typing import get_args

    from nsc_workshop.model.sprint import TocLevel

    sample = load_sample()
    underscored = {s["id"] for s in sectors()} | {t["id"] for t in tie_types()} | set(WICKEDNESS_CHARACTERISTICS)
    underscored |= {"mental_models", "peer_reviewed", "follow_up", "asset_collector", "note_taker", "lightning_demo"}
    underscored = {i for i in underscored if "_" in i}
    rounds = {vote.round for vote in sample.votes.values()} | set(sample.settings.vote_budgets)
    levels = set(get_args(TocLevel))
    # in brackets: a vote round ("(hmw)"), a sector or a Blueprint area. Not a theory-of-change level: Danish names
    # them with the English term as a gloss ("Ressourcer (input)"), which is a translation, not an id.
    plain = rounds | {s["id"] for s in sectors()} | {a["id"] for a in blueprint_areas()}
    words = "|".join(sorted(map(re.escape, underscored), key=len, reverse=True))
    bracketed = "|".join(sorted(map(re.escape, plain), key=len, reverse=True))
    level_pairs = "|".join(sorted(map(re.escape, levels), key=len, reverse=True))
    codes = "|".join(LANGUAGES)
    pattern = re.compile(
        rf"(?<![\w-])(?:{words})(?![\w-])"  # online_platforms
        rf"|\((?:{bracketed})\)"  # (hmw)
        rf"|\b(?:{level_pairs})/(?:{level_pairs})\b"  # input/activity
        rf"|\b(?:Language|Språk|Sprog|Kieli|Sprák)\s+(?:{codes})\b"  # Language en
    )
    return pattern, sorted(underscored | plain | levels)


@pytest.fixture(scope="module")
def served_all(tmp_path_factory: pytest.TempPathFactory, library_server: Callable[..., Any]) -> Iterator[VoilaServer]:
    """Voilà on a store with the sample workshop and a library holding its record and five others."""
    # preheated kernels: the next page of a notebook finds one with the kit imported (the walk opens 25 pages)
    with library_server(tmp_path_factory.mktemp("every-tab"), 5, preheat=True) as (server, _library_url):
        yield server


SETTLED = """
async (quietMs) => {
  // every shown tab has drawn something, then the page has settled: no change to the DOM for quietMs
  const drawn = () => [...document.querySelectorAll('.widget-tab-contents')]
    .filter((box) => box.offsetParent !== null)
    .every((box) => [...box.children].some((panel) => panel.offsetParent !== null
      && (panel.innerText.trim() || panel.querySelector('img, canvas, svg'))));
  // and every picture in them has loaded (a chart is drawn on the kernel after its tab opens), for up to 60 s
  const pictures = () => [...document.querySelectorAll('.widget-tab-contents img')]
    .filter((img) => img.offsetParent !== null)
    .every((img) => img.complete && img.naturalWidth > 0);
  const until = Date.now() + 60000;
  while (!(drawn() && pictures()) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
  await new Promise((resolve) => {
    let timer = setTimeout(done, quietMs);
    const observer = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(done, quietMs); });
    observer.observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true});
    function done() { observer.disconnect(); resolve(true); }
  });
  return true;
}
"""

FIND_CLIPPED = """
() => {
  const visible = (el) => {
    if (!el.isConnected) return false;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    for (let e = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden') return false;
    }
    return true;
  };
  const canvas = document.createElement('canvas').getContext('2d');
  const textWidth = (el, text) => {
    const s = getComputedStyle(el);
    canvas.font = `${s.fontStyle} ${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
    return canvas.measureText(text).width;
  };
  const found = [];
  const selector = 'button, .lm-TabBar-tab, .lm-TabBar-tabLabel, label, .widget-label, .widget-label-basic, '
    + '.widget-toggle-button, .jupyter-button, .widget-inline-hbox .widget-label, summary, th, .p-TabBar-tabLabel';
  for (const el of document.querySelectorAll(selector)) {
    if (!visible(el)) continue;
    const text = (el.innerText || '').trim();
    if (!text) continue;
    let clipped = el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible';
    if (!clipped) {
      for (const e of [el, ...el.querySelectorAll('*')]) {
        const s = getComputedStyle(e);
        if (s.textOverflow === 'ellipsis' && e.scrollWidth > e.clientWidth + 1) { clipped = true; break; }
      }
    }
    if (clipped) found.push(text.slice(0, 80));
  }
  for (const el of document.querySelectorAll('select')) {
    if (!visible(el) || el.multiple || el.selectedIndex < 0) continue;
    const text = el.options[el.selectedIndex].text.trim();
    const s = getComputedStyle(el);
    const room = el.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
    if (text && textWidth(el, text) > room + 1) found.push('[select] ' + text.slice(0, 80));
  }
  return found;
}
"""

VISIBLE_TEXT = "() => document.body.innerText"


TAB_BARS = """
() => {
  const out = [];
  const bars = [...document.querySelectorAll('.lm-TabBar')].filter((b) => b.offsetParent !== null);
  bars.forEach((bar, b) => {
    bar.querySelectorAll('.lm-TabBar-tab').forEach((tab, i) => out.push([b, i, tab.innerText.trim()]));
  });
  return out;
}
"""


def _settle(page: Any) -> None:
    page.evaluate(SETTLED, 400)


def _check(page: Any, app: str, lang: str, where: str, pattern: re.Pattern[str], findings: list[str]) -> None:
    for text in page.evaluate(FIND_CLIPPED):
        if (app, text) not in ALLOWED:
            findings.append(f"{app} [{lang}] {where}: cut off: {text!r}")
    for match in pattern.finditer(page.evaluate(VISIBLE_TEXT)):
        if (app, match.group(0)) not in ALLOWED:
            findings.append(f"{app} [{lang}] {where}: raw id on screen: {match.group(0)!r}")


def _slug(text: str) -> str:
    return re.sub(r"[^\w]+", "-", text, flags=re.UNICODE).strip("-").lower()[:40]


WALKS = [pytest.param(app, lang, id=f"{app[0]}-{lang}") for app in APPS for lang in LANGUAGES]
"""One page per app and language; an app's five languages one after the other (each finds a preheated kernel)."""


@pytest.mark.parametrize(("app", "lang"), WALKS)
def test_every_tab_fits_and_shows_no_raw_id(served_all, new_context, screenshots, no_traceback, app, lang):
    name, notebook, ready = app
    pattern, _ = raw_ids()
    folder = screenshots("apps")
    findings: list[str] = []
    started = time.monotonic()
    page = new_context(timeout_ms=180_000, width=WIDTH, height=HEIGHT).new_page()
    query = {"lang": lang} if name == "home" else {"workshop": SAMPLE_WORKSHOP_ID, "lang": lang}
    if name == "library":  # the sample's record open on the Record tab
        query = {"lang": lang, "record": record_id_of(load_sample())}
    page.goto(served_all.url_for(notebook, **query))
    page.locator(ready).wait_for()
    _settle(page)
    no_traceback(page)
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.title().endswith("· NSC Workshop"), page.title()
    _check(page, name, lang, "first tab", pattern, findings)
    page.screenshot(path=str(folder / f"{name}-{lang}-00.png"))
    seen: set[tuple[int, str]] = set()
    shot = 0
    while True:  # each tab bar's tabs; a tab opened can show a tab bar of its own, walked before the next tab
        bars = page.evaluate(TAB_BARS)  # [[bar, tab, text], ...] of the visible tabs, in page order
        todo = [(bar, tab, text) for bar, tab, text in bars if (bar, text) not in seen]
        if not todo:
            break
        deepest = max(bar for bar, _, _ in todo)  # the tabs inside a tab come after its bar's
        bar, index, title = next(item for item in todo if item[0] == deepest)
        seen.add((bar, title))
        tab = page.locator(".lm-TabBar:visible").nth(bar).locator(".lm-TabBar-tab").nth(index)
        if "lm-mod-current" not in (tab.get_attribute("class") or ""):
            tab.click()
            _settle(page)
        no_traceback(page)
        _check(page, name, lang, f"tab {title!r}", pattern, findings)
        shot += 1
        page.screenshot(path=str(folder / f"{name}-{lang}-{shot:02d}-{_slug(title)}.png"))
    print(f"{name} [{lang}]: {shot} tabs in {time.monotonic() - started:.1f} s")
    assert not findings, "\n".join(findings)
