"""Step 1 of framing: how wicked is the problem? Ten characteristics, each scored 0-2 with a note."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from nsc_workshop.datasets import wickedness_characteristics
from nsc_workshop.i18n import current_language, t
from nsc_workshop.plots.wickedness import wickedness_chart
from nsc_workshop.session import WorkshopSession
from nsc_workshop.widgets._html import esc
from nsc_workshop.widgets._panel import Panel

__all__ = ["WickednessCheck"]


class WickednessCheck(Panel):
    """One row per characteristic: its prompt, 0 / 1 / 2, a note; the scores as a chart."""

    def __init__(self, session: WorkshopSession) -> None:
        self.scores: dict[str, widgets.ToggleButtons] = {}
        self.notes: dict[str, widgets.Text] = {}
        rows = []
        for row in wickedness_characteristics():
            cid = str(row["id"])
            score = widgets.ToggleButtons(
                options=[("–", None), ("0", 0), ("1", 1), ("2", 2)],
                value=None,
                style={"button_width": "3em"},
                tooltips=[t("wickedness.unscored"), t("wickedness.0"), t("wickedness.1"), t("wickedness.2")],
            )
            note = widgets.Text(
                placeholder=t("wickedness.note"), continuous_update=False, layout=widgets.Layout(width="28em")
            )
            score.observe(lambda change, c=cid: self._scored(c, change["new"]), names="value")
            note.observe(lambda change, c=cid: self._noted(c, change["new"]), names="value")
            self.scores[cid], self.notes[cid] = score, note
            label = widgets.HTML(
                f"<div style='width:26em'><strong>{esc(row['label'])}</strong><br>"
                f"<span style='color:#555;font-size:90%'>{esc(row['prompt'])}</span></div>"
            )
            rows.append(widgets.HBox([label, score, note], layout=widgets.Layout(align_items="center")))
        self.total = widgets.HTML()
        self.chart = widgets.Image(format="png")
        super().__init__(session, [*rows, self.total])
        self.children = (*self.children, self.message, self.chart)
        self.add_class("nsc-wickedness")
        self.refresh()

    def refresh(self) -> None:
        super().refresh()
        stored = self.session.workshop.framing.wickedness
        with self.syncing():
            for cid, control in self.scores.items():
                item = stored.get(cid)
                control.value = item.score if item else None
                self.notes[cid].value = item.note if item else ""
        scored = [s.score for s in stored.values()]
        total = t("wickedness.total", total=sum(scored), maximum=2 * len(scored), scored=len(scored))
        self.total.value = f"<p><strong>{esc(total)}</strong></p>"
        workshop = self.session.workshop
        self.picture(self.chart, (workshop.meta, stored, current_language()), lambda: wickedness_chart(workshop))

    def _scored(self, cid: str, value: Any) -> None:
        if self.syncing or value is None:
            return
        self.run("", self.session.framing.score_wickedness, cid, value, self.notes[cid].value)

    def _noted(self, cid: str, text: str) -> None:
        if self.syncing:
            return
        score = self.scores[cid].value
        if score is None:
            if text.strip():
                self.message.value = f"<p style='color:#b35806'>{esc(t('wickedness.score_first'))}</p>"
            return
        self.run("", self.session.framing.score_wickedness, cid, score, text)
