"""The sprint's agenda (templates, start times computed, editable) and its shared countdown."""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as widgets

from nsc_workshop.i18n import t
from nsc_workshop.session import WorkshopSession
from nsc_workshop.summaries.sprint import schedule, sprint_templates, timer_state
from nsc_workshop.widgets._html import esc
from nsc_workshop.widgets._panel import Panel
from nsc_workshop.widgets.date_field import DateField
from nsc_workshop.widgets.shared_timer import SharedTimer

__all__ = ["AgendaTimer"]

PHASES = ("map", "sketch", "decide", "prototype", "test", "follow_up", "break", "other")
_TIMES = [f"{h:02d}:{m:02d}" for h in range(7, 14) for m in (0, 15, 30, 45)]


class AgendaTimer(Panel):
    """Everyone sees the countdown and the schedule; the facilitator also drives the timer and edits the agenda."""

    def __init__(self, session: WorkshopSession, role: str = "facilitator") -> None:
        self.role = role
        self.timer = SharedTimer()
        self.item = widgets.Dropdown(
            description=t("agenda.item"), style={"description_width": "8em"}, layout=widgets.Layout(width="40em")
        )
        auto = {"layout": widgets.Layout(width="auto")}
        self.start_button = widgets.Button(description=t("timer.start"), button_style="primary", icon="play", **auto)
        self.pause_button = widgets.Button(description=t("controls.timer.pause"), icon="pause", **auto)
        self.extend_button = widgets.Button(description=t("agenda.extend"), icon="plus", **auto)
        self.reset_button = widgets.Button(description=t("timer.reset"), icon="undo", **auto)
        self.start_button.on_click(lambda _: self.run("", self.session.sprint.start_timer, self.item.value or None))
        self.pause_button.on_click(lambda _: self.run("", self.session.sprint.pause_timer))
        self.extend_button.on_click(lambda _: self.run("", self.session.sprint.extend_timer, 5))
        self.reset_button.on_click(lambda _: self.run("", self.session.sprint.reset_timer))
        templates = sprint_templates()
        self.template = widgets.Dropdown(
            options=[(str(v.get("label", k)), k) for k, v in templates.items()],
            description=t("agenda.template"),
        )
        self.day_one = DateField(description=t("agenda.first_day"))
        self.start_time = widgets.Dropdown(options=_TIMES, value="09:00", description=t("agenda.starts"))
        self.replace = widgets.Checkbox(description=t("agenda.replace_confirm"), indent=False)
        self.apply_button = widgets.Button(description=t("agenda.apply"), icon="calendar")
        self.apply_button.on_click(lambda _: self.apply_template())
        self.table = widgets.HTML()
        # editing one item
        self.edit_title = widgets.Text(description=t("agenda.title"), layout=widgets.Layout(width="36em"))
        self.edit_phase = widgets.Dropdown(
            options=[(t(f"agenda.phase.{p}"), p) for p in PHASES], description=t("agenda.phase")
        )
        self.edit_minutes = widgets.BoundedIntText(min=0, max=600, description=t("agenda.minutes"))
        self.edit_day = widgets.BoundedIntText(value=1, min=1, max=5, description=t("agenda.day"))
        self.save_button = widgets.Button(description=t("agenda.save"), icon="check")
        self.add_button = widgets.Button(description=t("agenda.add"), icon="plus")
        self.up_button = widgets.Button(icon="arrow-up", tooltip=t("agenda.up"), layout=widgets.Layout(width="3em"))
        self.remove_button = widgets.Button(
            icon="trash", tooltip=t("agenda.remove"), layout=widgets.Layout(width="3em")
        )
        self.save_button.on_click(lambda _: self.save_item())
        self.add_button.on_click(lambda _: self.add_item())
        self.up_button.on_click(lambda _: self.move_up())
        self.remove_button.on_click(lambda _: self.remove_item())
        self.item.observe(lambda _c: self._load_item(), names="value")
        controls = widgets.HBox(
            [self.item, self.start_button, self.pause_button, self.extend_button, self.reset_button],
            layout=widgets.Layout(align_items="center", flex_flow="row wrap"),
        )
        controls.add_class("nsc-timer-controls")
        template_row = widgets.HBox([self.template, self.day_one, self.start_time])
        editor = widgets.VBox(
            [
                widgets.HBox([self.edit_title, self.edit_phase]),
                widgets.HBox([self.edit_minutes, self.edit_day]),
                widgets.HBox([self.save_button, self.add_button, self.up_button, self.remove_button]),
            ]
        )
        facilitator = widgets.VBox(
            [
                controls,
                widgets.Accordion(
                    children=[widgets.VBox([template_row, widgets.HBox([self.replace, self.apply_button])]), editor],
                    titles=(t("agenda.templates"), t("agenda.edit")),
                ),
            ]
        )
        facilitator.layout.display = "" if role == "facilitator" else "none"
        super().__init__(session, [self.timer, facilitator])
        self.children = (*self.children, self.message, self.table)
        self.add_class("nsc-agenda")
        self.refresh()

    def refresh(self) -> None:
        super().refresh()
        workshop = self.session.workshop
        rows = schedule(workshop)
        options = [("–", "")] + [
            (f"{t('agenda.day_n', day=r['day'])} {r['start']} {r['title']}", r["id"]) for r in rows
        ]
        if list(self.item.options) != options:
            current = self.item.value
            self.item.options = options
            self.item.value = current if current in {v for _, v in options} else (workshop.sprint.timer.item or "")
        state = timer_state(workshop)
        self.timer.show(state["title"], state["started_at"], float(state["base_remaining_s"]))
        self._label_buttons()
        self.table.value = self._render(rows, state["item"])

    def _render(self, rows: list[dict[str, Any]], current: str | None) -> str:
        if not rows:
            return f"<p class='nsc-empty'>{esc(t('agenda.empty'))}</p>"
        parts = []
        day = None
        for row in rows:
            if row["day"] != day:
                if day is not None:
                    parts.append("</tbody></table>")
                day = row["day"]
                parts.append(
                    f"<h4 style='margin:.6em 0 .2em'>{esc(t('agenda.day_heading', day=day, end=row['day_end']))}</h4>"
                    "<table class='nsc-agenda-table'><tbody>"
                )
            mark = "font-weight:bold;background:#fff3cd" if row["id"] == current else ""
            parts.append(
                f"<tr data-item='{esc(row['id'])}' style='{mark}'><td style='padding:2px 8px'>{esc(row['start'])}"
                f"–{esc(row['end'])}</td><td style='padding:2px 8px'>{esc(row['title'])}</td>"
                f"<td style='padding:2px 8px;color:#555'>{esc(t('agenda.phase.' + row['phase']))}</td>"
                f"<td style='padding:2px 8px;color:#555'>{esc(t('agenda.min', minutes=row['duration_min']))}</td></tr>"
            )
        parts.append("</tbody></table>")
        return "".join(parts)

    def _label_buttons(self) -> None:
        """ "Resume" on the paused item, "Start" otherwise; "Pause the timer" only while it runs."""
        timer = self.session.workshop.sprint.timer
        running = timer.started_at is not None
        paused = not running and timer.item is not None and timer.remaining_s != 0
        resume = paused and (self.item.value or None) in (None, timer.item)
        self.start_button.description = t("controls.timer.resume") if resume else t("timer.start")
        self.pause_button.disabled = not running

    def _load_item(self) -> None:
        self._label_buttons()
        item = self.session.workshop.sprint.agenda.get(self.item.value or "")
        if item is not None:
            self.edit_title.value, self.edit_phase.value = item.title, item.phase
            self.edit_minutes.value, self.edit_day.value = item.duration_min, item.day

    def apply_template(self) -> None:
        if self.session.workshop.sprint.agenda and not self.replace.value:
            self.message.value = f"<p style='color:#b35806'>{esc(t('agenda.replace_first'))}</p>"
            return
        start = None
        if self.day_one.value is not None:
            hour, minute = (int(x) for x in self.start_time.value.split(":"))
            start = dt.datetime.combine(self.day_one.value, dt.time(hour, minute))
        self.run(t("agenda.applied"), self.session.sprint.apply_template, self.template.value, start)
        self.replace.value = False

    def save_item(self) -> None:
        if self.item.value:
            self.run(
                t("agenda.saved"),
                self.session.sprint.update_agenda_item,
                self.item.value,
                title=self.edit_title.value,
                phase=self.edit_phase.value,
                duration_min=self.edit_minutes.value,
                day=self.edit_day.value,
            )

    def add_item(self) -> None:
        self.run(
            t("agenda.added"),
            self.session.sprint.add_agenda_item,
            self.edit_title.value,
            phase=self.edit_phase.value,
            duration_min=self.edit_minutes.value,
            day=self.edit_day.value,
        )

    def move_up(self) -> None:
        rows = schedule(self.session.workshop)
        ids = [r["id"] for r in rows if r["day"] == self.edit_day.value]
        current = self.item.value
        if current in ids and ids.index(current) > 0:
            self.run("", self.session.sprint.move_agenda_item, current, before=ids[ids.index(current) - 1])

    def remove_item(self) -> None:
        if self.item.value:
            self.run(t("agenda.removed"), self.session.remove, "agenda_item", self.item.value)
