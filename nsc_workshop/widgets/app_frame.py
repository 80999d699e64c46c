"""The frame every app shares: the workshop's name, undo, the save status, the room controls, one tab per step.

It also keeps the page live: a task on the kernel's event loop pulls the
events others appended every :data:`POLL_SECONDS`, so each open page follows
the room within about a second. Panels redraw from the stored workshop; the
boxes people type into are never rebuilt by a redraw, so nobody loses what
they are typing.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import ipywidgets as widgets

from nsc_workshop.errors import NscWorkshopError
from nsc_workshop.events import Event
from nsc_workshop.i18n import t
from nsc_workshop.session import WorkshopSession
from nsc_workshop.summaries.sprint import timer_state
from nsc_workshop.widgets._follow import POLL_SECONDS, FollowsRoom
from nsc_workshop.widgets._html import error_html, esc, kit_header_html, message_html
from nsc_workshop.widgets._panel import Panel, kernel_loop
from nsc_workshop.widgets.facilitator_notes import FacilitatorNotes
from nsc_workshop.widgets.language_picker import LanguagePicker, page_title
from nsc_workshop.widgets.presence import Presence
from nsc_workshop.widgets.projector_screen import MODES as SCREEN_MODES
from nsc_workshop.widgets.report_button import ReportButton
from nsc_workshop.widgets.room_people import RoomPeople
from nsc_workshop.widgets.shared_timer import SharedTimer

__all__ = ["GUEST_PREFIX", "POLL_SECONDS", "PROJECTOR_VIEWS", "AppFrame", "Step"]

log = logging.getLogger(__name__)

GUEST_PREFIX = "guest-"
"""The start of the handle a participant gets when their link has no ``name=``."""

SHOWN_FALLBACK_SECONDS = 4.0
"""The first tab's charts are drawn when the page first pings, or after this long, whichever comes first."""


PROJECTOR_VIEWS = SCREEN_MODES
"""What the facilitator can put on the room's screen (``10_projector.ipynb``)."""


@dataclass
class Step:
    """A tab: its key and label, and how to build what it shows (built the first time it is opened).

    ``build`` returns the tab's body and the panels in it (which redraw only
    while the tab is shown).
    """

    key: str
    label: str
    build: Callable[[], tuple[widgets.Widget, list[Panel]]]
    body: widgets.Widget | None = None
    panels: list[Panel] = field(default_factory=list)

    def ensure_built(self) -> widgets.Widget:
        if self.body is None:
            self.body, self.panels = self.build()
        return self.body


class AppFrame(FollowsRoom, widgets.VBox):
    """Header (app and workshop), undo, the save status, the facilitator's room controls, the steps as tabs.

    ``app`` names the app in ``settings.current_step`` (``"sprint:ideas"``), so
    that when the facilitator leads, every participant's page moves with them.
    """

    def __init__(self, session: WorkshopSession, app_title: str, steps: Sequence[Step], *, app: str = "") -> None:
        self.session = session
        self.app = app
        self.steps = list(steps)
        workshop = session.workshop
        self.status = widgets.HTML(layout=widgets.Layout(flex="0 1 auto"))  # beside undo, not pushing the rest away
        self.banner = widgets.HTML()
        self.timer = SharedTimer(layout=widgets.Layout(display="none", margin="0 0 0 1.5em"))
        self.presence = Presence()
        self.presence.on_back(self.poll_once)  # catch up at once
        self._timer_shown: object = None
        self.undo_button = widgets.Button(
            description=t("app.undo"), icon="undo", layout=widgets.Layout(width="auto", min_width="14em")
        )
        self.undo_button.on_click(lambda _: self.undo())
        place = ", ".join(part for part in (workshop.meta.city, workshop.meta.country) if part)
        header = widgets.HTML(kit_header_html(app_title, workshop.meta.title, place + self._who(), home=self._home()))
        header.add_class("nsc-app-header")
        placeholders = [widgets.VBox() for _ in self.steps]
        self.tabs = widgets.Tab(children=placeholders, titles=[s.label for s in self.steps])
        self._built: set[int] = set()
        self.tabs.observe(lambda change: self._show(change["new"]), names="selected_index")
        top = widgets.HBox(
            [self.undo_button, self.status, self.timer, self.presence], layout=widgets.Layout(align_items="center")
        )
        self.languages = LanguagePicker(page_title=page_title(app_title, workshop.meta.title))
        parts: list[widgets.Widget] = [self.languages, header, top, self.banner]
        self.controls: widgets.Widget | None = None
        self.report: ReportButton | None = None
        self.notes: FacilitatorNotes | None = None
        if session.role == "facilitator":  # participants never get these widgets at all
            self.controls = self._room_controls()
            self.notes = FacilitatorNotes(app, self.steps[0].key if self.steps else None)
            parts += [self.controls, self.notes]
        super().__init__([*parts, self.tabs])
        loop = kernel_loop()
        waiting: list[Callable[[], None]] = []
        if loop is not None:  # in a kernel: the first tab's charts are drawn once the page shows
            Panel.deferred = waiting
        try:
            self._show(0)
        finally:
            Panel.deferred = None
        if loop is not None and waiting:
            self.presence.on_shown(lambda: self._draw(waiting))
            loop.call_later(SHOWN_FALLBACK_SECONDS, self._draw, waiting)  # should the first ping be slow
        self._show_settings()
        session.subscribe(self.changed)
        self._poller: asyncio.Task[None] | None = None
        self.start_polling()

    # -- who and what ---------------------------------------------------------

    def _who(self) -> str:
        """Who this page is, as plain text (the header escapes it)."""
        if self.session.role == "facilitator":
            return " · " + t("room.you_facilitate")
        if self.session.participant and self.session.participant.startswith(GUEST_PREFIX):
            return " · " + t("room.guest", name=self.session.participant)
        if self.session.participant:
            return " · " + t("room.you_are", name=self.session.participant)
        return ""

    def _home(self) -> str:
        """The home page's address for the facilitator (the kit's name links there); none for anyone else."""
        if self.session.role != "facilitator":
            return ""
        import os
        from urllib.parse import urlencode

        from nsc_workshop.registry import FACILITATOR_KEY_ENV, HOME_NOTEBOOK

        key = os.environ.get(FACILITATOR_KEY_ENV)
        return HOME_NOTEBOOK + (f"?{urlencode({'key': key})}" if key else "")

    def _room_controls(self) -> widgets.Widget:
        settings = self.session.workshop.settings
        self.lead = widgets.ToggleButton(value=False, description=t("room.lead"), icon="users",
                                         tooltip=t("room.lead_hint"), layout=widgets.Layout(width="auto"))  # fmt: skip
        self.lock = widgets.ToggleButton(value=settings.locked, description=t("room.lock"), icon="lock",
                                         layout=widgets.Layout(width="auto"))  # fmt: skip
        self.anonymous = widgets.ToggleButton(value=settings.anonymous, description=t("room.anonymous"),
                                              icon="user-secret", layout=widgets.Layout(width="auto"))  # fmt: skip
        self.projector = widgets.Dropdown(
            options=[(t("room.projector.none"), "")] + [(t(f"room.projector.{v}"), v) for v in PROJECTOR_VIEWS],
            value=settings.projector or "",
            description=t("room.projector"),
            style={"description_width": "initial"},  # the description in full ("On the screen"), never cut
        )
        self.lead.observe(lambda change: self._lead(change["new"]), names="value")
        self.lock.observe(lambda change: self._set(locked=change["new"]), names="value")
        self.lock.observe(lambda change: self._lock_words(change["new"]), names="value")
        self._lock_words(settings.locked)
        self.anonymous.observe(lambda change: self._set(anonymous=change["new"]), names="value")
        self.projector.observe(lambda change: self._set(projector=change["new"] or None), names="value")
        self.report = ReportButton(self.session)
        self.people = RoomPeople()
        box = widgets.HBox([self.lead, self.lock, self.anonymous, self.projector, self.report, self.people],
                           layout=widgets.Layout(align_items="center", flex_flow="row wrap"))  # fmt: skip
        box.add_class("nsc-room-controls")
        return box

    def _lock_words(self, locked: bool) -> None:
        """The room lock says what a click does: "Lock the room", or "Unlock the room" while it is locked."""
        self.lock.description = t("room.unlock" if locked else "room.lock")
        self.lock.icon = "unlock" if locked else "lock"

    def _set(self, **changes: object) -> None:
        try:
            self.session.update_settings(**changes)
        except NscWorkshopError as exc:
            self.status.value = error_html(exc)

    def _lead(self, on: bool) -> None:
        if on:
            self._set(current_step=self._step_key(self.tabs.selected_index))

    def _step_key(self, index: int | None) -> str:
        return f"{self.app}:{self.steps[index or 0].key}"

    # -- steps ----------------------------------------------------------------

    def panels(self) -> list[Panel]:
        return [panel for step in self.steps for panel in step.panels]

    def step(self, key: str) -> Step:
        return next(s for s in self.steps if s.key == key)

    def _show(self, index: int | None) -> None:
        index = index or 0
        if index not in self._built:
            body = self.steps[index].ensure_built()
            self.tabs.children[index].children = (body,)  # the tab's box is kept: its title stays
            self._built.add(index)
        for position, step in enumerate(self.steps):
            for panel in step.panels:
                if position == index:
                    panel.show()
                else:
                    panel.hide()
        notes: FacilitatorNotes | None = getattr(self, "notes", None)  # None while the frame is being made
        if notes is not None:
            notes.show(self.steps[index].key)
        if self.session.role == "facilitator" and getattr(self, "lead", None) is not None and self.lead.value:
            self._set(current_step=self._step_key(index))
        self._show_timer()

    @staticmethod
    def _draw(waiting: list[Callable[[], None]]) -> None:
        while waiting:
            try:
                waiting.pop(0)()
            except Exception:  # a chart that fails must not stop the others, nor the page
                log.exception("drawing a chart failed")

    def show_step(self, key: str) -> None:
        """Open a step's tab (as a click on it does)."""
        index = next(i for i, s in enumerate(self.steps) if s.key == key)
        self.tabs.selected_index = index
        self._show(index)

    # -- following the room ---------------------------------------------------

    def changed(self, events: Sequence[Event]) -> None:
        """After every saved or pulled change (the panels, subscribed first, have redrawn)."""
        self.status.value = message_html("info", t("app.saved", version=self.session.version))
        if any(e.type == "settings.updated" for e in events):
            self._show_settings()
        self._show_timer()

    def _show_timer(self) -> None:
        """The sprint's countdown above every tab of every app while an agenda item is timed.

        Hidden on a tab that shows the timer already (the sprint's agenda).
        """
        workshop = self.session.workshop
        timer = workshop.sprint.timer
        step = self.steps[self.tabs.selected_index or 0]
        here = any(isinstance(getattr(panel, "timer", None), SharedTimer) for panel in step.panels)
        shared = not (here or (timer.item is None and timer.started_at is None))
        self.timer.layout.display = "" if shared else "none"
        for part in getattr(step.body, "children", ()):  # one timer per screen: the room's hides a step's own
            if getattr(getattr(part, "timer", None), "seconds", 0):
                part.timer.layout.display = "none" if shared else ""
        if timer is self._timer_shown:  # the model is copy-on-write: the same object, the same timer
            return
        state = timer_state(workshop)
        self.timer.show(state["title"], state["started_at"], float(state["base_remaining_s"]))
        self._timer_shown = timer

    def _show_settings(self) -> None:
        settings = self.session.workshop.settings
        notes = []
        if settings.locked:
            notes.append(t("room.locked_banner"))
        if settings.anonymous:
            notes.append(t("room.anonymous_banner"))
        step = settings.current_step
        link = ""
        if step and self.session.role == "participant":  # the projector's screen stays where it is
            app, _, key = step.partition(":")
            if app == self.app and any(s.key == key for s in self.steps):
                if self.steps[self.tabs.selected_index or 0].key != key:
                    self.show_step(key)
            elif app and app != self.app:
                notes.append(t("room.moved", app=t(f"room.app.{app}", default=app)))
                link = self._link_to(app)
        self.banner.value = (
            "<div class='nsc-room-banner' style='background:#fff3cd;padding:.4em .8em;margin:.3em 0'>"
            + "<br>".join(esc(n) for n in notes)
            + (f" <a href='{esc(link)}' class='nsc-room-go'>{esc(t('room.moved_link'))}</a>" if link else "")
            + "</div>"
            if notes
            else ""
        )
        if self.controls is not None:
            for control, value in ((self.lock, settings.locked), (self.anonymous, settings.anonymous)):
                if control.value != value:
                    control.value = value

    def _link_to(self, app: str) -> str:
        """A relative link to another app for this page's person (the room's access cookie is already set)."""
        from urllib.parse import urlencode

        from nsc_workshop.registry import app_named

        try:
            notebook = app_named(app).notebook
        except KeyError:
            return ""
        query = {"workshop": self.session.workshop_id, "role": self.session.role}
        if self.session.participant and self.session.role == "participant":
            query["name"] = self.session.participant
        return f"{notebook}?{urlencode(query)}"

    def unreachable(self, exc: NscWorkshopError) -> None:
        self.status.value = error_html(exc)  # the page says so; the next pull tries again

    def after_poll(self) -> None:
        if self.controls is not None:
            self.people.refresh()

    # -- undo -----------------------------------------------------------------

    def undo(self) -> None:
        try:
            undone = self.session.undo()
        except NscWorkshopError as exc:
            self.status.value = error_html(exc)
            return
        from nsc_workshop.summaries.history import describe_undone

        self.status.value = message_html("ok", t("app.undone", what=describe_undone(undone)))
