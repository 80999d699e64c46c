"""Who is in the room, in the facilitator's controls: a count, and the way to the room's own page.

The room (the participants' page and its register of devices) lives in the
server, not in this kernel; the count is asked of the server on loopback, with
the facilitator's key, every :data:`REFRESH_SECONDS` while the page is open.
The room's page (``/room/host``) lists each device and removes one.
"""

from __future__ import annotations

import json
import logging
import os
import time
import urllib.request
from urllib.parse import urlencode

import ipywidgets as widgets

from nsc_workshop.i18n import t
from nsc_workshop.registry import FACILITATOR_KEY_ENV
from nsc_workshop.widgets._html import esc

__all__ = ["REFRESH_SECONDS", "RoomPeople"]

log = logging.getLogger(__name__)

REFRESH_SECONDS = 5.0
ROOM_URL_ENV = "NSC_ROOM_URL"
HUB_TOKEN_ENV = "JUPYTERHUB_API_TOKEN"
HUB_PREFIX_ENV = "JUPYTERHUB_SERVICE_PREFIX"


class RoomPeople(widgets.HTML):
    """ "12 in the room · 10 connected · Who is in the room" (nothing when the server has no room)."""

    def __init__(self) -> None:
        super().__init__()
        self.add_class("nsc-room-people")
        self._base = os.environ.get(ROOM_URL_ENV, "")
        self._key = os.environ.get(FACILITATOR_KEY_ENV, "")
        self._last = 0.0
        self.refresh(force=True)

    def people(self) -> list[dict[str, object]] | None:
        """The room's devices as the server lists them, or None when there is no room to ask."""
        if not self._base:
            return None
        headers = {"X-NSC-Key": self._key}
        token = os.environ.get(HUB_TOKEN_ENV)
        if token:  # under a hub: the server answers its own kernels, which hold its token
            headers["Authorization"] = f"token {token}"
        request = urllib.request.Request(f"{self._base}/room/api/host/people", headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=1.5) as answer:
                people = json.loads(answer.read()).get("people", [])
        except (OSError, ValueError):
            return None
        return list(people)

    def refresh(self, force: bool = False) -> None:
        """Ask again (at most every :data:`REFRESH_SECONDS` unless ``force``)."""
        now = time.monotonic()
        if not force and now - self._last < REFRESH_SECONDS:
            return
        self._last = now
        people = self.people()
        if people is None:
            self.value = ""
            return
        online = sum(1 for p in people if p.get("online"))
        prefix = os.environ.get(HUB_PREFIX_ENV, "/")  # under a hub the server lives at /user/<name>/
        link = prefix.rstrip("/") + "/room/host" + (f"?{urlencode({'key': self._key})}" if self._key else "")
        self.value = (
            f"<span class='nsc-room-count'>{esc(t('room.people', count=len(people), online=online))}</span> "
            f"<a href='{esc(link)}' target='_blank' rel='noopener'>{esc(t('room.people.manage'))}</a>"
        )
