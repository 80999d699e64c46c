"""The projector page on a room's screen, in Chromium, at 1920×1080 and 1280×720: every mode the facilitator
can choose fills the screen, with nothing of a web page around it (no language links, save status, tabs or
notes), every text at 28 px or more on the big screen, the timer's digits 120 px or taller, nothing cut off by
the window and no scroll bar. A screenshot of each mode at each size goes to ``screenshots("projector")``."""

from __future__ import annotations

import os

import pytest

from nsc_workshop import open_store
from nsc_workshop.datasets import SAMPLE_WORKSHOP_ID, load_sample
from nsc_workshop.serve import VoilaServer
from nsc_workshop.summaries.sprint import visible_ideas
from nsc_workshop.widgets.app_frame import PROJECTOR_VIEWS

SIZES = ((1920, 1080), (1280, 720))
MIN_TEXT_PX = 28.0
MIN_DIGITS_PX = 120.0

# Every visible text node: its element's computed font size and whether its box leaves the window.
MEASURE = r"""() => {
  const out = {texts: [], outside: [], scroll: [], digits: null, contrast: []};
  const channels = (css) => (css.match(/[\d.]+/g) || []).map(Number);
  const luminance = (rgb) => {
    const [r, g, b] = rgb.slice(0, 3).map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const background = (el) => {  // the nearest box with an opaque background
    for (let e = el; e; e = e.parentElement) {
      const c = channels(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c;
    }
    return [255, 255, 255];
  };
  const W = window.innerWidth, H = window.innerHeight;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    const el = node.parentElement;
    if (!text || !el || el.closest('script,style,noscript,title')) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const boxes = [...range.getClientRects()].filter(r => r.width > 0 && r.height > 0);
    if (!boxes.length) continue;
    const onScreen = boxes.filter(r => r.right > 0 && r.bottom > 0 && r.left < W && r.top < H);
    if (!onScreen.length) continue;  // behind the screen (the page under it) or scrolled away: not seen
    // covered by the screen: what is drawn at the text's middle is not this text's element
    const r = onScreen[0];
    const x = Math.min(W - 1, Math.max(0, r.left + r.width / 2));
    const y = Math.min(H - 1, Math.max(0, r.top + r.height / 2));
    const top = document.elementFromPoint(x, y);
    if (!top || !(top === el || el.contains(top) || top.contains(el))) continue;
    // in an SVG (the map) the size drawn is the font size times the picture's scale
    const ctm = el instanceof SVGElement ? el.getScreenCTM() : null;
    const scale = ctm ? Math.hypot(ctm.a, ctm.b) : 1;
    const px = parseFloat(style.fontSize) * scale;  // an SVG's scale leaves rounding noise: 27.98 is 28
    out.texts.push({text: text.slice(0, 60), px: ctm ? Math.round(px * 10) / 10 : px});
    if (!ctm) {  // WCAG contrast of the text on its background (the map's SVG names are the map's own)
      const [a, b] = [luminance(channels(style.color)), luminance(background(el))];
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      if (ratio < 4.5) out.contrast.push(`${text.slice(0, 40)} ${ratio.toFixed(2)}`);
    }
    for (const b of onScreen) {
      if (b.left < -1 || b.top < -1 || b.right > W + 1 || b.bottom > H + 1) {
        out.outside.push(text.slice(0, 60));
        break;
      }
    }
  }
  const root = document.scrollingElement;
  if (root.scrollHeight > H + 1 || root.scrollWidth > W + 1) {
    if (getComputedStyle(document.body).overflow !== 'hidden') out.scroll.push('page');
  }
  for (const el of document.querySelectorAll('.nsc-screen *')) {
    const s = getComputedStyle(el);
    if ((s.overflowY === 'auto' || s.overflowY === 'scroll') && el.scrollHeight > el.clientHeight + 1)
      out.scroll.push(el.className);
  }
  const big = document.querySelector('.nsc-screen-bigtimer');
  if (big) {
    const ctx = document.createElement('canvas').getContext('2d');
    const s = getComputedStyle(big);
    ctx.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
    const m = ctx.measureText(big.textContent);
    out.digits = {text: big.textContent, height: m.actualBoundingBoxAscent + m.actualBoundingBoxDescent,
                  px: parseFloat(s.fontSize)};
  }
  return out;
}"""

CHROME = (  # what belongs to the facilitator's page, never to the room's screen
    ".nsc-language-picker",
    ".widget-tab",
    ".lm-TabBar",
    ".nsc-room-controls",
    ".jp-MarkdownOutput",
    "button",
    "input",
    "select",
)


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    """Voilà with a room on the sample workshop (so the join screen has its QR code), and the store behind it."""
    url = f"sqlite:///{tmp_path_factory.mktemp('projector') / 'workshops.db'}"
    store = open_store(url)
    store.import_workshop(load_sample())
    with VoilaServer(url, workshop=SAMPLE_WORKSHOP_ID, quiet=os.environ.get("NSC_VOILA_LOGS") != "1") as server:
        yield server, store
    store.close()


def _show(store, mode: str) -> None:
    store.session(SAMPLE_WORKSHOP_ID, participant=None, role="facilitator").update_settings(projector=mode)


def _check(page, mode: str, scale: float, problems: list[str]) -> dict:
    """Measure the screen; what is wrong goes into ``problems`` (so that one run shows every mode's screenshot).

    ``scale`` turns the window's pixels into 1080p pixels: a 720p projector fills the same wall with the same
    picture, so 19 px there is as tall on the wall as 28 px on a 1080p one (the size that reads from 8 m).
    """
    seen = page.evaluate(MEASURE)
    texts = seen["texts"]
    if not texts:
        problems.append(f"{mode}: a blank screen")
        return {"smallest": 0.0, "digits": seen["digits"]}
    words = " ".join(x["text"] for x in texts)
    for marker in ("saved", "version", "Facilitator note", "English", "Svenska", "Suomi"):
        if marker in words:
            problems.append(f"{mode}: page chrome on the screen: {marker!r} in {words[:300]!r}")
    for selector in CHROME:
        if page.locator(selector).filter(visible=True).count():
            problems.append(f"{mode}: {selector} is visible on the room's screen")
    if seen["outside"]:
        problems.append(f"{mode}: cut off by the window: {seen['outside']}")
    if seen["contrast"]:
        problems.append(f"{mode}: below WCAG AA contrast: {seen['contrast']}")
    if seen["scroll"]:
        problems.append(f"{mode}: a scroll bar: {seen['scroll']}")
    smallest = min(texts, key=lambda x: x["px"])
    if smallest["px"] * scale < MIN_TEXT_PX:
        problems.append(f"{mode}: {smallest['text']!r} at {smallest['px']} px")
    return {"smallest": smallest["px"], "digits": seen["digits"]}


def test_every_mode_reads_from_the_back_of_the_room(room, new_context, screenshots, no_traceback):
    server, store = room
    session = store.session(SAMPLE_WORKSHOP_ID, participant=None, role="facilitator")
    session.update_settings(projector="timer")
    folder = screenshots("projector")
    pages = {}
    for width, height in SIZES:
        page = new_context(120_000, width=width, height=height).new_page()
        page.goto(server.projector_url())
        page.locator(".nsc-screen[data-mode=timer]").wait_for()
        no_traceback(page)
        assert page.title().startswith("Projector — Online hate")
        pages[(width, height)] = page
    lines: list[str] = []
    problems: list[str] = []
    for mode in ("timer-idle", *PROJECTOR_VIEWS):
        real = "timer" if mode == "timer-idle" else mode
        if mode == "timer":  # the shared timer, running on the first agenda item
            session.start_timer(next(iter(session.workshop.sprint.agenda)))
        _show(store, real)
        for (width, height), page in pages.items():
            page.locator(f".nsc-screen[data-mode={real}]").wait_for()
            if mode == "timer":  # it counts down in the browser, second by second
                shown = page.locator(".nsc-screen-bigtimer").inner_text()
                assert shown == "20:00" or shown.startswith("19:"), shown  # the first item is 20 minutes
                page.wait_for_function(
                    "(was) => document.querySelector('.nsc-screen-bigtimer').textContent !== was", arg=shown
                )
            if mode in ("notes", "ideas"):  # what does not fit is named: "and N more"
                cards = page.locator(".nsc-screen-card").filter(visible=True).count()
                stored = store.load(SAMPLE_WORKSHOP_ID)
                total = len(stored.framing.hmw_notes) if mode == "notes" else len(visible_ideas(stored, None))
                more = page.locator(".nsc-screen-more").inner_text()
                assert cards > 0 and (more == f"and {total - cards} more" if cards < total else more == ""), more
            if mode == "join":  # the QR code, big enough to scan from the back rows
                box = page.locator(".nsc-screen-qr").bounding_box()
                assert box is not None and box["height"] >= 0.4 * height, box
            if mode == "map":
                page.locator(".nsc-projector-map svg circle").first.wait_for()
            page.evaluate("() => document.fonts.ready")
            measured = _check(page, f"{mode} at {width}x{height}", 1920 / width, problems)
            page.screenshot(path=str(folder / f"projector-{mode}-{width}x{height}.png"))
            digits = measured["digits"]
            if mode == "timer" and (digits is None or digits["height"] * (1920 / width) < MIN_DIGITS_PX):
                problems.append(f"timer at {width}x{height}: digits {digits}")
            lines.append(
                f"{mode:12s} {width}x{height}: smallest text {measured['smallest']:.1f} px"
                + (f", timer digits {digits['height']:.0f} px tall ({digits['px']:.0f} px font)" if digits else "")
            )
        if mode == "timer":
            session.pause_timer()
    print("\n" + "\n".join(lines))
    assert problems == []


def test_the_screen_speaks_the_link_language_and_hides_private_ideas(room, new_context, screenshots):
    server, store = room
    session = store.session(SAMPLE_WORKSHOP_ID, participant=None, role="facilitator")
    hidden = next(i for i in session.workshop.sprint.ideas.values() if i.private and not i.revealed)
    _show(store, "idea_votes")
    page = new_context(120_000, width=1920, height=1080).new_page()
    page.goto(server.projector_url() + "&lang=fi")
    page.locator(".nsc-screen[data-mode=idea_votes]").wait_for()
    assert page.locator(".nsc-screen-heading").inner_text() == "Äänet ideoille"
    assert page.title().startswith("Projektori — ")
    problems: list[str] = []
    _check(page, "idea_votes (fi)", 1.0, problems)
    page.screenshot(path=str(screenshots("projector") / "projector-idea_votes-fi-1920x1080.png"))
    _show(store, "ideas")
    page.locator(".nsc-screen[data-mode=ideas]").wait_for()
    assert "paljastamatta" in page.inner_text(".nsc-screen")  # how many are private, said in Finnish
    assert hidden.text not in page.content()
    _check(page, "ideas (fi)", 1.0, problems)
    page.screenshot(path=str(screenshots("projector") / "projector-ideas-fi-1920x1080.png"))
    # a wall of long ideas with long Finnish words still fits the screen, and says how many it leaves out
    ana = store.session(SAMPLE_WORKSHOP_ID, participant="ana", role="participant")
    long = "Nuorisotyöntekijöiden ja poliisin ennaltaehkäisevän työn yhteistyöverkostoa vahvistetaan " * 2
    for i in range(30):
        ana.add_idea(f"{i + 1}. {long}")
    page.locator(".nsc-screen-card", has_text="30. Nuorisotyöntekijöiden").wait_for()
    _check(page, "many long ideas (fi)", 1.0, problems)
    cards = page.locator(".nsc-screen-card").filter(visible=True).count()
    assert page.locator(".nsc-screen-more").inner_text() == f"ja {55 - cards} muuta"
    page.screenshot(path=str(screenshots("projector") / "projector-ideas-long-fi-1920x1080.png"))
    assert problems == []
