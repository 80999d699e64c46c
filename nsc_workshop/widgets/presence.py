"""Whether anyone still has the page open: its kernel stops pulling changes nobody would see.

The page pings every :data:`PING_SECONDS`; a page not heard from for
:data:`AWAY_SECONDS` is *away* (closed without Voilà noticing, or a phone
asleep). Browsers slow the timers of hidden tabs to about one a minute, so
``AWAY_SECONDS`` is longer than that. When the page pings again it is back,
and :class:`~nsc_workshop.widgets.app_frame.AppFrame` catches up at once.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import anywidget
import traitlets

__all__ = ["AWAY_SECONDS", "PING_SECONDS", "Presence"]

PING_SECONDS = 10.0
AWAY_SECONDS = 150.0


class Presence(anywidget.AnyWidget):
    """An invisible widget: :attr:`last_seen` (monotonic seconds) moves at every ping from the page."""

    _esm = Path(__file__).with_name("presence.js")
    every_ms = traitlets.Int(int(PING_SECONDS * 1000)).tag(sync=True)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.last_seen = time.monotonic()
        self._on_back: list[Callable[[], Any]] = []
        self._on_shown: list[Callable[[], Any]] | None = []
        self.on_msg(self._message)

    def on_shown(self, callback: Callable[[], Any]) -> None:
        """Call ``callback`` at the first ping: the page shows in the browser."""
        if self._on_shown is None:
            callback()
        else:
            self._on_shown.append(callback)

    def away(self, now: float | None = None) -> bool:
        """Whether the page has not pinged for :data:`AWAY_SECONDS`."""
        return ((time.monotonic() if now is None else now) - self.last_seen) > AWAY_SECONDS

    def on_back(self, callback: Callable[[], Any]) -> None:
        """Call ``callback`` when a page that was away pings again."""
        self._on_back.append(callback)

    def ping(self, now: float | None = None) -> None:
        """What a ping from the page does (tests call this as the browser would)."""
        was_away = self.away(now)
        self.last_seen = time.monotonic() if now is None else now
        shown, self._on_shown = self._on_shown, None
        for callback in shown or ():
            callback()
        if was_away:
            for callback in self._on_back:
                callback()

    def _message(self, _widget: Any, content: dict[str, Any], _buffers: Any) -> None:
        if isinstance(content, dict) and content.get("alive"):
            self.ping()
