"""Decide, heat map: stickers on the parts of a sketch people like (no budget)."""

from __future__ import annotations

import ipywidgets as widgets

from nsc_workshop.i18n import t
from nsc_workshop.model import select_votes
from nsc_workshop.plots.sketch_card import sketch_card
from nsc_workshop.session import WorkshopSession
from nsc_workshop.widgets._panel import Panel, figure_png
from nsc_workshop.widgets.clickable_image import ClickableImage

__all__ = ["HeatMap"]


class HeatMap(Panel):
    """Choose a sketch; click on it to put a sticker there. The photo is used when there is one."""

    def __init__(self, session: WorkshopSession) -> None:
        self.sketch = widgets.Dropdown(description=t("heat.sketch"), layout=widgets.Layout(width="40em"))
        self.image = ClickableImage()
        self._picture: tuple[object, bytes, str] | None = None  # the sketch drawn last, its image and media type
        self.image.on_click(self.sticker)
        self.sketch.observe(lambda _c: self._draw(), names="value")
        super().__init__(session, [self.sketch, self.image])
        self.children = (*self.children, self.message)
        self.add_class("nsc-heat-map")
        self.refresh()

    def refresh(self) -> None:
        super().refresh()
        options = [(s.title, s.id) for s in self.session.workshop.sprint.sketches.values()]
        if list(self.sketch.options) != options:
            current = self.sketch.value
            self.sketch.options = options
            self.sketch.value = current if current in {v for _, v in options} else (options[0][1] if options else None)
        self._draw()

    def _draw(self) -> None:
        sprint = self.session.workshop.sprint
        sketch = sprint.sketches.get(self.sketch.value or "")
        if sketch is None:
            self.image.show(b"", "image/png", [])
            return
        points = [
            (v.x, v.y)
            for v in select_votes(self.session.workshop.votes.values(), kind="heatmap", target=sketch.id)
            if v.x is not None and v.y is not None
        ]
        attachment = sprint.attachments.get(sketch.attachment or "")
        if self._picture is None or self._picture[0] != (sketch, attachment):  # a vote moves only the dots
            media: str
            if attachment is not None:
                data, media = self.session.store.get_blob(attachment.sha256), attachment.media_type
            else:
                data, media = figure_png(sketch_card(sketch)), "image/png"
            self._picture = ((sketch, attachment), data, media)
        _, data, media = self._picture
        self.image.show(data, media, points)

    def sticker(self, x: float, y: float) -> None:
        if self.sketch.value:
            self.run("", self.session.sprint.heatmap_vote, self.sketch.value, x, y)
