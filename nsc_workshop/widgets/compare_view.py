"""Compare this map with another workshop's, or with itself at an earlier moment."""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as widgets

from nsc_workshop.analysis import compare_maps
from nsc_workshop.analysis.compare import COMPARE_METRICS
from nsc_workshop.errors import NscWorkshopError
from nsc_workshop.i18n import t
from nsc_workshop.model import Workshop
from nsc_workshop.session import WorkshopSession
from nsc_workshop.store import Store
from nsc_workshop.widgets._html import error_html, esc
from nsc_workshop.widgets._panel import Panel
from nsc_workshop.widgets.library_compare import side_by_side_html

__all__ = ["CompareView", "moments"]

MOMENTS = 60


def moments(session: WorkshopSession, limit: int = MOMENTS) -> list[tuple[str, float]]:
    """Up to ``limit`` moments of the workshop's history, evenly spread, as ``(label, epoch seconds)``.

    Each moment is the end of a command (all of its events), so a map is never
    compared half-way through one.
    """
    history = session.history()
    ends: list[float] = []
    for event, following in zip(history, [*history[1:], None], strict=True):
        if following is None or following.batch != event.batch:
            ends.append(event.ts)
    if len(ends) > limit:
        step = (len(ends) - 1) / (limit - 1)
        ends = [ends[round(i * step)] for i in range(limit)]
    return [(dt.datetime.fromtimestamp(ts).strftime("%Y-%m-%d %H:%M:%S"), ts) for ts in ends]


class CompareView(Panel):
    """Choose what to compare with; see actors and ties added and removed, and who rose or fell."""

    def __init__(self, store: Store, session: WorkshopSession) -> None:
        self.store = store
        self.mode = widgets.ToggleButtons(
            options=[(t("compare.mode.moment"), "moment"), (t("compare.mode.workshop"), "workshop")],
            value="moment",
            style={"button_width": "auto"},
        )
        self.moment = widgets.SelectionSlider(
            options=[("–", 0.0)], description=t("compare.moment"), layout=widgets.Layout(width="40em")
        )
        self.other = widgets.Dropdown(description=t("compare.workshop"), layout=widgets.Layout(width="40em"))
        self.metric = widgets.Dropdown(
            options=[(t(f"compare.metric.{m}"), m) for m in COMPARE_METRICS],
            value="betweenness",
            description=t("compare.metric"),
        )
        self.none_other = widgets.HTML(f"<p class='nsc-empty nsc-no-other'>{esc(t('controls.compare.no_other'))}</p>")
        self.compare_button = widgets.Button(
            description=t("compare.run"),
            button_style="primary",
            icon="exchange",
            layout=widgets.Layout(width="auto", align_self="flex-start"),
        )
        self.result = widgets.HTML()
        self.compare_button.on_click(lambda _: self.compare())
        self.mode.observe(lambda _c: self._show_mode(), names="value")
        super().__init__(
            session, [self.mode, self.moment, self.other, self.none_other, self.metric, self.compare_button]
        )
        self.children = (*self.children, self.message, self.result)
        self.add_class("nsc-compare-view")
        self._show_mode()
        self.refresh()

    def _show_mode(self) -> None:
        workshop_mode = self.mode.value == "workshop"
        empty = not self.other.options
        self.moment.layout.display = "none" if workshop_mode else ""
        self.other.layout.display = "" if workshop_mode and not empty else "none"
        self.none_other.layout.display = "" if workshop_mode and empty else "none"
        self.compare_button.disabled = workshop_mode and empty

    def refresh(self) -> None:
        super().refresh()
        found = moments(self.session)
        options = found or [("–", 0.0)]
        if list(self.moment.options) != options:
            self.moment.options = options
            self.moment.value = options[0][1]
        others = [
            (self._workshop_label(w), w.id) for w in self.store.list_workshops() if w.id != self.session.workshop_id
        ]
        if list(self.other.options) != others:
            current = self.other.value
            self.other.options = others
            self.other.value = current if current in {v for _l, v in others} else (others[0][1] if others else None)
        self._show_mode()

    @staticmethod
    def _workshop_label(summary: Any) -> str:
        """ "Title — City, Country (2026-03-04)": the workshops in the store, as people know them."""
        when = summary.start_date or summary.updated_at.date()
        return f"{summary.title} — {summary.city}, {summary.country} ({when})"

    def before(self) -> Workshop | None:
        """The map to compare with."""
        if self.mode.value == "moment":
            return self.store.load(self.session.workshop_id, at=float(self.moment.value))
        if not self.other.value:
            return None
        return self.store.load(self.other.value)

    def compare(self) -> Any:
        try:
            before = self.before()
        except NscWorkshopError as exc:
            self.message.value = error_html(exc)
            return None
        if before is None:
            self.message.value = ""
            self.result.value = f"<p>{esc(t('compare.choose'))}</p>"
            return None
        comparison = compare_maps(before, self.session.workshop, metric=self.metric.value)
        self.message.value = ""
        here = self.session.workshop.meta
        if self.mode.value == "moment":
            what = t("compare.title.moment", moment=self.moment.label)
            first, second = t("controls.compare.then", moment=self.moment.label), t("controls.compare.now")
        else:  # two workshops are not one map before and after: what is only in one, in the other, in both
            what = t("compare.title.workshop", title=before.meta.title)
            first, second = f"A: {before.meta.title} ({before.meta.city})", f"B: {here.title} ({here.city})"
        self.result.value = f"<h4>{esc(what)}</h4>{side_by_side_html(comparison, first, second)}"
        return comparison
