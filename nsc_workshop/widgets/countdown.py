"""A countdown the facilitator starts, pauses and resets; it runs in the browser."""

from __future__ import annotations

from pathlib import Path

import anywidget
import traitlets

from nsc_workshop.i18n import t

__all__ = ["Countdown"]


class Countdown(anywidget.AnyWidget):
    """``Countdown(minutes=10)``: mm:ss with Start/Pause and Reset; orange in the last minute, red at zero."""

    _esm = Path(__file__).with_name("countdown.js")
    seconds = traitlets.Int(600).tag(sync=True)
    start_label = traitlets.Unicode().tag(sync=True)
    pause_label = traitlets.Unicode().tag(sync=True)
    reset_label = traitlets.Unicode().tag(sync=True)

    def __init__(self, minutes: float = 10, **kwargs: object) -> None:
        super().__init__(
            seconds=int(minutes * 60),
            start_label=t("timer.start"),
            pause_label=t("timer.pause"),
            reset_label=t("timer.reset"),
            **kwargs,
        )
