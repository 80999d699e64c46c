"""Charts in the apps: a loading sign at once, the chart at its drawn size, never stretched; text-safe SVG."""

from __future__ import annotations

import ipywidgets as widgets
import pytest

from nsc_workshop.datasets import SAMPLE_WORKSHOP_ID, load_sample
from nsc_workshop.i18n import use_language
from nsc_workshop.plots import power_interest_grid
from nsc_workshop.widgets import _panel
from nsc_workshop.widgets._panel import Panel, loading_svg
from nsc_workshop.widgets.grid_view import GridView

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def session(nsc_store):
    nsc_store.import_workshop(load_sample())
    return nsc_store.session(SAMPLE_WORKSHOP_ID, "facilitator")


class _Chart(Panel):
    def __init__(self, session, draw):
        self.image = widgets.Image(format="png")
        self.draw = draw
        super().__init__(session, [self.image])

    def refresh(self):
        super().refresh()
        self.picture(self.image, self.session.workshop.actors, self.draw)


def test_the_loading_sign_is_sent_before_the_kernel_draws(session):
    seen: list[tuple[str, bytes]] = []
    chart = _Chart(session, lambda: (seen.append(("drawing", b"")), power_interest_grid(session.workshop))[1])
    chart.image.observe(lambda change: seen.append((chart.image.format, bytes(change["new"])[:8])), names="value")
    chart.refresh()
    assert [kind for kind, _ in seen] == ["svg+xml", "drawing", "png"]
    assert seen[0][1] == loading_svg()[:8] and seen[2][1] == PNG
    chart.refresh()  # nothing changed: no loading sign, no drawing
    assert len(seen) == 3


def test_a_page_being_opened_shows_the_loading_sign_until_its_charts_are_drawn(session):
    Panel.deferred = waiting = []
    try:
        view = GridView(session)
    finally:
        Panel.deferred = None
    sign = bytes(view.image.value)
    assert view.image.format == "svg+xml" and sign == loading_svg()
    text = sign.decode("utf-8")
    assert "Drawing the chart…" in text
    assert "animation:nsc-show .15s linear .3s forwards" in text  # visible only after 0.3 s
    assert "<script" not in text
    for job in waiting:
        job()
    assert view.image.format == "png" and bytes(view.image.value).startswith(PNG)


def test_the_loading_sign_speaks_the_pages_language():
    with use_language("sv"):
        assert "Diagrammet ritas…".encode() in loading_svg()
    with use_language("fi"):
        assert "Kaaviota piirretään…".encode() in loading_svg()


def test_charts_are_shown_at_their_drawn_size_never_stretched(session):
    view = GridView(session)
    layout = view.image.layout
    assert (layout.max_width, layout.height, layout.align_self, layout.object_fit) == (
        "100%",
        "auto",
        "flex-start",
        "contain",
    )
    assert "nsc-chart" in view.image._dom_classes
    png = bytes(view.image.value)
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (1052, 744)  # A4 landscape at 90 dpi, not trimmed
    own = _Chart(session, lambda: power_interest_grid(session.workshop))
    own.image.layout.max_width = "49%"  # a view's own layout is kept
    own.refresh()
    assert own.image.layout.max_width == "49%" and own.image.layout.height == "auto"


def test_svg_charts_keep_participants_text_as_escaped_text(session, monkeypatch):
    monkeypatch.setattr(_panel, "CHART_FORMAT", "svg")
    actor = next(iter(session.workshop.actors))
    session.update_actor(actor, name="<script>alert(1)</script> & co")
    view = GridView(session)
    data = bytes(view.image.value).decode("utf-8")
    assert view.image.format == "svg+xml" and "<svg" in data
    assert "<script" not in data and "&lt;script&gt;alert(1)" in data  # wrapped on two lines: its start
