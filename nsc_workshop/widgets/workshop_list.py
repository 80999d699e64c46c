"""The list of workshops, with links that open each app on a workshop."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from urllib.parse import urlencode

import ipywidgets as widgets

from nsc_workshop.i18n import t
from nsc_workshop.store import Store, WorkshopSummary
from nsc_workshop.widgets._html import esc, local_dates, local_datetime

__all__ = ["WorkshopList"]


class WorkshopList(widgets.VBox):
    """A table of the store's workshops; each row links to the apps given.

    ``apps`` is a list of ``(label, notebook file)``; links are relative, so
    they open the app beside the page that shows the list. ``query`` is added
    to every link (served to a room: the facilitator's role and key, so the
    facilitator's own links open the controls). ``room_link`` gives a workshop's
    "Open the room" address (on a hub: :func:`nsc_workshop.room.hub.room_opening_url`).
    """

    def __init__(
        self,
        store: Store,
        apps: Sequence[tuple[str, str]] = (),
        query: Mapping[str, str] | None = None,
        room_link: Callable[[str], str | None] | None = None,
    ) -> None:
        self.store = store
        self.room_link = room_link
        self.apps = list(apps)
        self.query = dict(query or {})
        self.table = widgets.HTML()
        self.refresh_button = widgets.Button(description=t("home.refresh"), icon="refresh")
        self.refresh_button.on_click(lambda _: self.refresh())
        super().__init__([self.table, self.refresh_button])
        self.add_class("nsc-workshop-list")
        self.workshops: list[WorkshopSummary] = []
        self.refresh()

    def refresh(self) -> None:
        """Read the list again from the store."""
        self.workshops = self.store.list_workshops()
        self.table.value = self._render(self.workshops)

    def _render(self, workshops: Sequence[WorkshopSummary]) -> str:
        if not workshops:
            return f"<p class='nsc-empty'>{esc(t('home.empty'))}</p>"
        head = "".join(
            f"<th>{esc(t(key))}</th>"
            for key in ("workshop.field.title", "workshop.field.city", "workshop.field.dates",
                        "workshop.field.sensitivity", "workshop.field.updated")
        )  # fmt: skip
        if self.apps:
            head += f"<th>{esc(t('home.open'))}</th>"
        rows = []
        for w in workshops:
            dates = local_dates(w.start_date, w.end_date)
            links = "".join(  # the way into the apps: buttons, not a line of text
                f"<a class='nsc-button nsc-app-link' "
                f"href='{esc(notebook)}?{esc(urlencode({'workshop': w.id, **self.query}))}'>{esc(label)}</a>"
                for label, notebook in self.apps
            )
            room = self.room_link(w.id) if self.room_link else None
            if room:
                links += (
                    f"<a class='nsc-button nsc-secondary nsc-room-link' href='{esc(room)}' "
                    f"title='{esc(t('home.open_room_hint'))}'>{esc(t('home.open_room'))}</a>"
                )
            cells = [
                f"<strong>{esc(w.title)}</strong>",
                esc(f"{w.city}, {w.country}"),
                esc(dates),
                esc(t(f"sensitivity.{w.sensitivity}")),
                esc(local_datetime(w.updated_at)),
            ]
            if self.apps:
                cells.append(links)
            tds = "".join(f"<td>{c}</td>" for c in cells)
            rows.append(f"<tr data-workshop='{esc(w.id)}'>{tds}</tr>")
        return f"<table class='nsc-workshops'><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
