"""Step 2 of framing: the iceberg — events we see, patterns, structures, and the mental models beneath."""

from __future__ import annotations

from functools import partial

import ipywidgets as widgets

from nsc_workshop.i18n import t
from nsc_workshop.model import IcebergNote, in_order
from nsc_workshop.session import WorkshopSession
from nsc_workshop.widgets._html import esc
from nsc_workshop.widgets._panel import Panel

__all__ = ["LAYERS", "IcebergBoard"]

LAYERS = ("events", "patterns", "structures", "mental_models")
_SHADES = {"events": "#deebf7", "patterns": "#c6dbef", "structures": "#9ecae1", "mental_models": "#6baed6"}


class IcebergBoard(Panel):
    """Four layers, top to bottom; each a list of notes with a box to add one."""

    def __init__(self, session: WorkshopSession) -> None:
        self.inputs: dict[str, widgets.Text] = {}
        self.lists: dict[str, widgets.VBox] = {}
        layers = []
        for layer in LAYERS:
            entry = widgets.Text(placeholder=t(f"iceberg.{layer}.placeholder"), layout=widgets.Layout(width="40em"))
            add = widgets.Button(description=t("iceberg.add"), icon="plus")
            add.on_click(lambda _b, layer=layer: self.add(layer))
            self.inputs[layer], self.lists[layer] = entry, widgets.VBox()
            title = widgets.HTML(
                f"<div style='background:{_SHADES[layer]};padding:.3em .6em'><strong>{esc(t(f'iceberg.{layer}'))}"
                f"</strong> <span style='color:#333'>{esc(t(f'iceberg.{layer}.question'))}</span></div>"
            )
            box = widgets.VBox([title, self.lists[layer], widgets.HBox([entry, add])])
            box.add_class(f"nsc-iceberg-{layer}")
            layers.append(box)
        super().__init__(session, layers)
        self.children = (*self.children, self.message)
        self.add_class("nsc-iceberg")
        self.refresh()

    def refresh(self) -> None:
        super().refresh()
        notes = in_order(self.session.workshop.framing.iceberg_notes.values())
        for layer in LAYERS:
            self.lists[layer].children = [
                self.reuse("notes", n.id, n, partial(self._row, n)) for n in notes if n.layer == layer
            ]
        self.forget_others("notes", [n.id for n in notes])

    def _row(self, note: IcebergNote) -> widgets.Widget:
        text = widgets.HTML(f"<span class='nsc-note' data-note='{esc(note.id)}'>{esc(note.text)}</span>")
        remove = widgets.Button(icon="times", tooltip=t("iceberg.remove"), layout=widgets.Layout(width="2.5em"))
        remove.on_click(lambda _b, nid=note.id: self.run("", self.session.remove, "iceberg_note", nid))
        return widgets.HBox([remove, text], layout=widgets.Layout(align_items="center"))

    def add(self, layer: str) -> IcebergNote | None:
        entry = self.inputs[layer]
        if not entry.value.strip():
            return None
        note = self.run("", self.session.framing.add_iceberg_note, layer, entry.value.strip())
        if isinstance(note, IcebergNote):
            entry.value = ""
            return note
        return None
