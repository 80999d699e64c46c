"""The head of a workshop step: its title, the facilitator's prompt, and a countdown of its suggested duration."""

from __future__ import annotations

import ipywidgets as widgets

from nsc_workshop.i18n import t
from nsc_workshop.widgets._html import esc
from nsc_workshop.widgets.countdown import Countdown

__all__ = ["StepHeader"]


class StepHeader(widgets.VBox):
    """``StepHeader("framing.step.iceberg", minutes=20)`` reads ``<key>.title`` and ``<key>.prompt``;
    without ``minutes`` there is no countdown."""

    def __init__(self, key: str, minutes: float | None = None) -> None:
        self.timer = Countdown(minutes or 0)
        title = widgets.HTML(
            f"<h3 style='margin:.2em 0'>{esc(t(f'{key}.title'))}</h3>"
            f"<p class='nsc-prompt' style='margin:.2em 0;max-width:60em'>{esc(t(f'{key}.prompt'))}</p>"
        )
        if minutes is None:  # the sprint's steps run on the agenda's shared timer instead
            super().__init__([title])
        else:
            duration = widgets.HTML(  # the suggested time, then a clear gap before the countdown's digits
                f"<span class='nsc-suggested' style='color:#5f6b7a;margin-right:1em'>"
                f"{esc(t('timer.suggested', minutes=minutes))}</span>",
                layout=widgets.Layout(flex="0 0 auto"),
            )
            super().__init__([title, widgets.HBox([duration, self.timer], layout=widgets.Layout(align_items="center"))])
        self.add_class("nsc-step-header")
