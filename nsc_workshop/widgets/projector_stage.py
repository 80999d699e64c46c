"""The room's screen in the browser: one widget that fills the window and draws :func:`screen_data`'s dict.

Sizes follow the screen (``--nsc-u`` is 1 % of the width of a 16:9 picture
that fits the window), so a 1920×1080 and a 1280×720 screen show the same
picture: body text 1.6u (31 px at 1920 wide), the timer 14u. Cards and bars
that do not fit are hidden from the end and named ("and 4 more"). Texts are set
as text, never as HTML. The widget also names the browser tab and hides the
page's own margins and scroll bars.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import anywidget
import traitlets

__all__ = ["ProjectorStage"]


class ProjectorStage(anywidget.AnyWidget):
    """Set :attr:`screen` (see :func:`nsc_workshop.widgets.projector_screen.screen_data`)."""

    _esm = Path(__file__).with_name("projector_stage.js")
    _css = Path(__file__).with_name("projector_stage.css")
    screen = traitlets.Dict().tag(sync=True)

    def show(self, screen: dict[str, Any]) -> None:
        """Draw ``screen`` (only when it differs from what is shown, the clock of the timer aside)."""
        if _without_clock(screen) != _without_clock(self.screen):
            self.screen = screen


def _without_clock(screen: dict[str, Any]) -> dict[str, Any]:
    timer = dict(screen.get("timer") or {})
    timer.pop("server_now", None)
    return {**screen, "timer": timer}
