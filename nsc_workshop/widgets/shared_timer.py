"""The sprint's countdown as everyone sees it (the facilitator's controls are elsewhere)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import anywidget
import traitlets

__all__ = ["SharedTimer"]


class SharedTimer(anywidget.AnyWidget):
    """Shows the stored timer: ``state`` holds ``item_title``, ``started_at`` (epoch s or None),
    ``remaining_s`` and ``server_now`` (to correct for the browser's clock)."""

    _esm = Path(__file__).with_name("shared_timer.js")
    state = traitlets.Dict().tag(sync=True)

    def show(self, item_title: str, started_at: float | None, remaining_s: float) -> None:
        state: dict[str, Any] = {
            "item_title": item_title,
            "started_at": started_at,
            "remaining_s": remaining_s,
            "server_now": time.time(),
        }
        self.state = state
