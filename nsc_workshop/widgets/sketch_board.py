"""Sketches: solution sketches in three panels, with a photo of the paper sketch when there is one."""

from __future__ import annotations

import ipywidgets as widgets

from nsc_workshop.i18n import t
from nsc_workshop.images import MAX_UPLOAD_BYTES
from nsc_workshop.model import Sketch
from nsc_workshop.session import WorkshopSession
from nsc_workshop.widgets._html import esc, message_html
from nsc_workshop.widgets._panel import Panel

__all__ = ["ACCEPT", "SketchBoard"]

ACCEPT = "image/png,image/jpeg,image/gif,image/webp"
"""Image types only (a phone then sends a photo as JPEG, not HEIC)."""


class SketchBoard(Panel):
    """Write a sketch (title, three panels, a description) and attach a photo of the paper version."""

    def __init__(self, session: WorkshopSession) -> None:
        wide = widgets.Layout(width="44em")
        self.title = widgets.Text(placeholder=t("sketch.title"), layout=wide)
        self.panels = [widgets.Textarea(placeholder=t("sketch.panel", n=i + 1), layout=widgets.Layout(width="14.5em"))
                       for i in range(3)]  # fmt: skip
        self.description = widgets.Text(placeholder=t("sketch.description"), layout=wide)
        self.add_button = widgets.Button(description=t("sketch.add"), button_style="primary", icon="plus")
        self.add_button.on_click(lambda _: self.add())
        self.cards = widgets.VBox()
        self.uploads: dict[str, widgets.FileUpload] = {}
        form = widgets.VBox([self.title, widgets.HBox(self.panels), self.description, self.add_button])
        super().__init__(session, [form])
        self.children = (*self.children, self.message, self.cards)
        self.add_class("nsc-sketches")
        self.refresh()

    def refresh(self) -> None:
        super().refresh()
        self.uploads = {}
        self.cards.children = [self._card(s) for s in self.session.workshop.sprint.sketches.values()]

    def _card(self, sketch: Sketch) -> widgets.Widget:
        panels = "".join(
            f"<td style='vertical-align:top;border:1px solid #ccc;padding:6px;width:12em'>{i}. {esc(p)}</td>"
            for i, p in enumerate(sketch.panels, start=1)
        )
        text = widgets.HTML(
            f"<div data-sketch='{esc(sketch.id)}'><strong>{esc(sketch.title)}</strong>"
            f"<table><tr>{panels}</tr></table><p>{esc(sketch.description)}</p></div>"
        )
        parts: list[widgets.Widget] = [text]
        attachment = self.session.workshop.sprint.attachments.get(sketch.attachment or "")
        if attachment is not None:
            photo = widgets.Image(
                value=self.session.store.get_blob(attachment.sha256),
                format=attachment.media_type.split("/")[1],
                layout=widgets.Layout(max_width="36em"),
            )
            photo.add_class("nsc-sketch-photo")
            parts.append(photo)
        upload = widgets.FileUpload(accept=ACCEPT, multiple=False, description=t("sketch.photo"))
        attach = widgets.Button(description=t("sketch.attach"), icon="camera")
        attach.on_click(lambda _b, sid=sketch.id: self.attach(sid))
        self.uploads[sketch.id] = upload
        parts.append(widgets.HBox([upload, attach]))
        card = widgets.VBox(parts, layout=widgets.Layout(border="1px solid #ddd", padding=".5em", margin=".4em 0"))
        card.add_class("nsc-sketch")
        return card

    def add(self) -> Sketch | None:
        if not self.title.value.strip():
            return None
        panels = [p.value.strip() for p in self.panels if p.value.strip()]
        sketch = self.run("", self.session.sprint.add_sketch, self.title.value.strip(), panels, self.description.value)
        if isinstance(sketch, Sketch):
            self.title.value = self.description.value = ""
            for panel in self.panels:
                panel.value = ""
            return sketch
        return None

    def attach(self, sketch_id: str) -> bool:
        upload = self.uploads.get(sketch_id)
        if upload is None or not upload.value:
            self.message.value = message_html("info", t("sketch.choose_photo"))
            return False
        chosen = upload.value[0]
        upload.value = ()
        if chosen.get("size", 0) > MAX_UPLOAD_BYTES:  # refused before the bytes are even read
            self.message.value = message_html(
                "error",
                t("sketch.too_large", size_mb=round(chosen["size"] / 2**20, 1), limit_mb=MAX_UPLOAD_BYTES // 2**20),
            )
            return False
        self.run(t("sketch.attached"), self.session.attachments.attach_image, str(chosen.get("name", "photo")),
                 bytes(chosen["content"]), sketch=sketch_id)  # fmt: skip
        return self.ok
