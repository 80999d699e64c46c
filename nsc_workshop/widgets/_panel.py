"""The base of the views over a session: refresh on change, but only while shown."""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as widgets

from nsc_workshop.errors import NscWorkshopError
from nsc_workshop.events import Event
from nsc_workshop.session import WorkshopSession
from nsc_workshop.widgets._html import error_html, message_html

__all__ = ["Panel"]


class Panel(widgets.VBox):
    """A view of a workshop session.

    A panel follows its session: after every change (own or pulled) it
    redraws, or, when it is not on screen, only marks itself stale and catches
    up when :meth:`show` is called, so a change costs only the views people can
    see. Panels redraw in the order they were made.
    """

    def __init__(self, session: WorkshopSession, children: Sequence[widgets.Widget] = (), **kwargs: object) -> None:
        super().__init__(list(children), **kwargs)
        self.session = session
        self.message = widgets.HTML()
        self.shown = True
        self._stale = True
        self.ok = True
        self.unsubscribe = session.subscribe(self.changed)

    def changed(self, events: Sequence[Event]) -> None:
        if self.shown:
            self.refresh()
        else:
            self._stale = True

    def show(self) -> None:
        self.shown = True
        if self._stale:
            self.refresh()

    def hide(self) -> None:
        self.shown = False

    def refresh(self) -> None:
        """Redraw from ``self.session.workshop``; subclasses extend this."""
        self._stale = False

    def run(self, action: str, command: object, *args: object, **kwargs: object) -> object | None:
        """Run a session command; show its error (naming the field) instead of raising.

        Returns the command's result (None when it failed); :attr:`ok` says whether it succeeded.
        """
        try:
            result = command(*args, **kwargs)  # type: ignore[operator]
        except NscWorkshopError as exc:
            self.message.value = error_html(exc)
            self.ok = False
            return None
        self.message.value = message_html("ok", action) if action else ""
        self.ok = True
        return result
