"""Ties: add one between two actors (typed, directed or not, weighted, signed), remove one, list them."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from nsc_workshop.datasets import tie_type
from nsc_workshop.datasets import tie_types as tie_type_rows
from nsc_workshop.i18n import t
from nsc_workshop.model import Tie
from nsc_workshop.session import WorkshopSession
from nsc_workshop.widgets._html import esc, message_html
from nsc_workshop.widgets._panel import Panel

__all__ = ["TieEditor"]

_STYLE = {"description_width": "9em"}
_WIDE = widgets.Layout(width="34em")


class TieEditor(Panel):
    """Add a tie, remove a tie, and see the ties of one actor or of the whole map."""

    def __init__(self, session: WorkshopSession) -> None:
        self.source = widgets.Dropdown(description=t("tie.field.source"), style=_STYLE, layout=_WIDE)
        self.target = widgets.Dropdown(description=t("tie.field.target"), style=_STYLE, layout=_WIDE)
        self.type = widgets.Dropdown(
            options=[(str(row["label"]), str(row["id"])) for row in tie_type_rows()],
            value="collaborates",
            description=t("tie.field.type"),
            style=_STYLE,
        )
        self.directed = widgets.Checkbox(description=t("tie.field.directed"), indent=False)
        self.weight = widgets.IntSlider(value=3, min=1, max=5, description=t("tie.field.weight"), style=_STYLE)
        self.sign = widgets.ToggleButtons(
            options=[("+", 1), ("0", 0), ("−", -1)],
            tooltips=[t(f"controls.tie.sign.{s}") for s in (1, 0, -1)],
            description=t("tie.field.sign"),
            style={**_STYLE, "button_width": "3em"},
        )
        self.notes = widgets.Text(description=t("tie.field.notes"), style=_STYLE, layout=_WIDE)
        self.add_button = widgets.Button(
            description=t("tie.add"),
            button_style="primary",
            icon="plus",
            layout=widgets.Layout(width="auto", align_self="flex-start"),
        )
        self.existing = widgets.Dropdown(description=t("tie.remove_which"), style=_STYLE, layout=_WIDE)
        self.remove_button = widgets.Button(
            description=t("tie.remove"), button_style="danger", icon="trash", layout=widgets.Layout(width="auto")
        )
        self.table = widgets.HTML()
        self.type.observe(self._type_chosen, names="value")
        self.source.observe(lambda _c: self._source_chosen(), names="value")
        self.add_button.on_click(lambda _: self.add())
        self.remove_button.on_click(lambda _: self.remove())
        self._type_chosen({"new": self.type.value})
        form = widgets.VBox(
            [self.source, self.target, self.type, widgets.HBox([self.sign, self.directed]), self.weight, self.notes,
             self.add_button]
        )  # fmt: skip
        super().__init__(session, [form, widgets.HBox([self.existing, self.remove_button])])
        self.children = (*self.children, self.message, self.table)
        self.add_class("nsc-tie-editor")
        self.refresh()

    def _type_chosen(self, change: dict[str, Any]) -> None:
        known = tie_type(change["new"])
        if known is not None:
            self.sign.value = known["sign"]
            self.directed.value = known["directed"]

    def refresh(self) -> None:
        super().refresh()
        workshop = self.session.workshop
        actors = sorted(workshop.actors.values(), key=lambda a: a.name.lower())
        options = [(a.name, a.id) for a in actors]
        if list(self.source.options) != options:
            current = self.source.value
            self.source.options = options
            self.source.value = current if current in workshop.actors else (options[0][1] if options else None)
        targets = [(t("controls.tie.choose_target"), ""), *options]  # "To" starts empty: never the same as "From"
        if list(self.target.options) != targets:
            current = self.target.value
            self.target.options = targets
            self.target.value = current if current in workshop.actors and current != self.source.value else ""
        names = {a.id: a.name for a in actors}
        ties = [
            (f"{names.get(tie.source, tie.source)} → {names.get(tie.target, tie.target)} ({self._type_label(tie)})",
             tie.id)
            for tie in workshop.ties.values()
        ]  # fmt: skip
        ties.sort(key=lambda item: item[0].lower())
        if list(self.existing.options) != ties:
            current = self.existing.value
            self.existing.options = ties
            self.existing.value = current if current in {v for _l, v in ties} else (ties[0][1] if ties else None)
        self.add_button.disabled = len(actors) < 2
        self.remove_button.disabled = not ties
        self._render_table()

    def _source_chosen(self) -> None:
        if self.target.value and self.target.value == self.source.value:
            self.target.value = ""  # a tie joins two different actors
        self._render_table()

    @staticmethod
    def _type_label(tie: Tie) -> str:
        known = tie_type(tie.type)
        return str(known["label"]) if known else tie.type

    def _render_table(self) -> None:
        workshop = self.session.workshop
        names = {a.id: a.name for a in workshop.actors.values()}
        focus = self.source.value
        ties = [tie for tie in workshop.ties.values() if focus in (tie.source, tie.target)] if focus else []
        if not ties:
            self.table.value = f"<p class='nsc-empty'>{esc(t('tie.none_for', name=names.get(focus or '', '')))}</p>"
            return
        ties.sort(key=lambda tie: (names.get(tie.source, "").lower(), names.get(tie.target, "").lower()))
        cell = "style='padding:3px 10px;text-align:left'"
        head = "".join(
            f"<th scope='col' {cell}>{esc(t(key))}</th>"
            for key in (
                "tie.field.source",
                "controls.tie.col.direction",
                "tie.field.target",
                "tie.field.type",
                "tie.field.sign",
                "tie.field.weight",
                "tie.field.notes",
            )
        )
        rows = "".join(
            f"<tr data-tie='{esc(tie.id)}'><td {cell}>{esc(names.get(tie.source, tie.source))}</td>"
            f"<td {cell}>{esc(t('controls.tie.one_way' if tie.directed else 'controls.tie.both_ways'))}</td>"
            f"<td {cell}>{esc(names.get(tie.target, tie.target))}</td>"
            f"<td {cell}>{esc(self._type_label(tie))}</td>"
            f"<td {cell}>{esc(t(f'controls.tie.sign.{(tie.sign > 0) - (tie.sign < 0)}'))}</td>"
            f"<td {cell}>{esc(f'{tie.weight:g}')}</td>"
            f"<td {cell}>{esc(tie.notes)}</td></tr>"
            for tie in ties
        )
        title = esc(t("tie.of", name=names.get(focus or "", "")))
        count = esc(t("controls.tie.count", count=len(ties)))
        self.table.value = (
            f"<h4 style='margin:.8em 0 .3em'>{title} <small style='color:#555'>({count})</small></h4>"
            f"<table class='nsc-ties'><thead><tr style='border-bottom:1px solid #999'>{head}</tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )

    def add(self) -> Tie | None:
        if not self.source.value or not self.target.value:
            self.message.value = message_html("info", t("controls.tie.choose_both"))
            return None
        if self.source.value == self.target.value:
            self.message.value = message_html("error", t("controls.tie.same_actor"))
            return None
        tie = self.run(
            "",
            self.session.add_tie,
            self.source.value,
            self.target.value,
            type=self.type.value,
            directed=self.directed.value,
            weight=float(self.weight.value),
            sign=self.sign.value,
            notes=self.notes.value,
        )
        if isinstance(tie, Tie):
            self.notes.value = ""
            names = {a.id: a.name for a in self.session.workshop.actors.values()}
            self.message.value = message_html(
                "ok", t("tie.added", source=names[tie.source], target=names[tie.target], type=self._type_label(tie))
            )
            return tie
        return None

    def remove(self) -> bool:
        tie_id = self.existing.value
        if not tie_id:
            return False
        self.run(t("tie.removed"), self.session.remove_tie, tie_id)
        return self.ok
