"""Plain-language findings about the map, each with the figures behind it."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from nsc_workshop.analysis import Insights, insights
from nsc_workshop.i18n import t
from nsc_workshop.session import WorkshopSession
from nsc_workshop.widgets._html import esc
from nsc_workshop.widgets._panel import Panel

__all__ = ["InsightsPanel", "insights_html"]


def _figure(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3g}"
    if isinstance(value, list | tuple):
        return ", ".join(_figure(v) for v in value)
    return str(value)


def insights_html(report: Insights) -> str:
    """The findings as HTML: every name and figure escaped."""
    if not report.findings:
        return f"<p class='nsc-empty'>{esc(t('insights.none'))}</p>"
    items = []
    for finding in report.findings:
        figures = "".join(
            f"<li><span style='color:#555'>{esc(t(f'figure.{k}', default=k.replace('_', ' ')))}:</span> "
            f"{esc(_figure(v))}</li>"
            for k, v in finding.figures.items()
        )
        mark = "⚠ " if finding.severity == "attention" else ""
        items.append(
            f"<li class='nsc-finding' data-key='{esc(finding.key)}' style='margin-bottom:.8em'>"
            f"<strong>{esc(mark + finding.title)}</strong><br>{esc(finding.text)}"
            f"<details><summary style='cursor:pointer;color:#2166ac'>{esc(t('insights.figures'))}</summary>"
            f"<ul style='margin:0'>{figures}</ul></details></li>"
        )
    return f"<ul class='nsc-insights' style='list-style:none;padding-left:0'>{''.join(items)}</ul>"


class InsightsPanel(Panel):
    """Recomputed after each change while shown."""

    def __init__(self, session: WorkshopSession) -> None:
        self.body = widgets.HTML()
        self.status = widgets.HTML()
        title = widgets.HTML(f"<h3 style='margin:0'>{esc(t('insights.title'))}</h3>")
        super().__init__(session, [title, self.status, self.body])
        self.add_class("nsc-insights-panel")
        self.report: Insights | None = None
        self.refresh()

    def refresh(self) -> None:
        super().refresh()
        self.report = insights(self.session.workshop)
        self.body.value = insights_html(self.report)
        self.status.value = (
            f"<p style='color:#555;font-size:85%'>"
            f"{esc(t('insights.status', actors=len(self.report.actors), seconds=f'{self.report.elapsed:.2f}'))}</p>"
        )
