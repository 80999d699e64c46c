"""Following the room: a page pulls the changes others appended every :data:`POLL_SECONDS` on the kernel's loop.

The apps' frame and the projector's page both follow the room this way; each
says what an unreachable store means for it (:meth:`FollowsRoom.unreachable`)
and what else to refresh after a pull (:meth:`FollowsRoom.after_poll`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from nsc_workshop.errors import NscWorkshopError
from nsc_workshop.session import WorkshopSession
from nsc_workshop.widgets._panel import kernel_loop
from nsc_workshop.widgets.presence import Presence

__all__ = ["POLL_SECONDS", "FollowsRoom"]

log = logging.getLogger(__name__)

POLL_SECONDS = 0.4
"""How often an open page pulls others' changes."""


class FollowsRoom:
    """Pull the room's changes while the page is shown. Needs ``session``, ``presence`` and ``_poller`` set."""

    session: WorkshopSession
    presence: Presence
    _poller: asyncio.Task[None] | None

    def poll_once(self) -> int:
        """Pull others' changes now; returns how many events came in."""
        try:
            return len(self.session.refresh())
        except NscWorkshopError as exc:  # the store is briefly unreachable: say so, keep polling
            self.unreachable(exc)
        except Exception:  # never let a redraw problem stop the page from following the room
            log.exception("polling workshop %s failed", self.session.workshop_id)
        return 0

    def unreachable(self, exc: NscWorkshopError) -> None:
        """The store could not be reached for one pull (the next one tries again)."""
        log.warning("could not reach the store of %s: %s", self.session.workshop_id, exc)

    def after_poll(self) -> None:
        """Called after each pull while the page is shown."""

    async def _poll(self) -> None:
        while True:
            await asyncio.sleep(POLL_SECONDS)
            if not self.presence.away():  # nobody sees a page that is away: no redraws for it
                self.poll_once()
                self.after_poll()

    def start_polling(self) -> None:
        """Follow the room: pull changes on the kernel's event loop (only where one is running)."""
        with contextlib.suppress(RuntimeError):
            loop = asyncio.get_running_loop()
            if self._poller is None or self._poller.done():
                self._poller = loop.create_task(self._poll())
                return
        between = kernel_loop()  # in a Voilà/Jupyter kernel the loop runs between cells: not "running" here
        if between is not None and (self._poller is None or self._poller.done()):
            self._poller = between.create_task(self._poll())

    def stop_polling(self) -> None:
        if self._poller is not None:
            self._poller.cancel()
            self._poller = None
