"""Step 8 of framing: the whole framing on one page."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from nsc_workshop.i18n import t
from nsc_workshop.session import WorkshopSession
from nsc_workshop.summaries.framing import framing_summary
from nsc_workshop.widgets._html import esc
from nsc_workshop.widgets._panel import Panel

__all__ = ["FramingSummaryView", "summary_html"]


def _list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ul>" if items else "<p>–</p>"


def summary_html(summary: dict[str, Any]) -> str:
    """The summary as one printable page; every text escaped."""
    s = summary
    parts = [f"<h3>{esc(t('summary.heading', title=s['title']))}</h3>"]

    def section(key: str, body: str) -> None:
        parts.append(f"<section class='nsc-summary-{esc(key)}'><h4>{esc(t(f'summary.{key}'))}</h4>{body}</section>")

    section("problem", f"<p>{esc(s['problem_statement']) or '–'}</p>")
    wick = s["wickedness"]
    top = [f"{row['label']} ({row['score']})" for row in wick["scores"] if row["score"] == 2]
    section(
        "wickedness",
        f"<p>{esc(t('wickedness.total', total=wick['total'], maximum=wick['maximum'], scored=wick['scored']))}</p>"
        + _list(top),
    )
    iceberg = "".join(
        f"<p><strong>{esc(t(f'iceberg.{layer}'))}</strong></p>{_list(notes)}" for layer, notes in s["iceberg"].items()
    )
    section("iceberg", iceberg)
    section(
        "tree",
        f"<p><strong>{esc(t('tree.kind.focal'))}:</strong> {esc(s['focal_problem']) or '–'}</p>"
        f"<p><strong>{esc(t('summary.causes'))}</strong></p>{_list([c['problem'] for c in s['causes']])}"
        f"<p><strong>{esc(t('summary.effects'))}</strong></p>{_list([e['problem'] for e in s['effects']])}"
        f"<p><strong>{esc(t('summary.objectives'))}</strong></p>"
        f"{_list([row['objective'] for row in s['objective_tree'] if row['kind'] != 'effect'])}",
    )
    section("roots", _list([c["root_cause"] for c in s["why_chains"] if c["root_cause"]]))
    section(
        "pov",
        f"<p><strong>{esc(s['point_of_view']) or '–'}</strong></p>"
        + (
            f"<p>{esc(t('summary.alternatives'))}</p>{_list(s['alternative_framings'])}"
            if s["alternative_framings"]
            else ""
        ),
    )
    section("hmw", _list([t("summary.hmw_row", text=h["text"], count=h["votes"]) for h in s["hmw_top"]]))
    section("goal", f"<p>{esc(s['long_term_goal']) or '–'}</p>")
    section("questions", _list(s["sprint_questions"]))
    section("tags", _list(s["blueprint_areas"] + s["prevention_levels"]))
    return f"<div class='nsc-framing-summary' style='max-width:60em'>{''.join(parts)}</div>"


class FramingSummaryView(Panel):
    """Redrawn from the stored framing whenever it is shown."""

    def __init__(self, session: WorkshopSession) -> None:
        self.page = widgets.HTML()
        super().__init__(session, [self.page])
        self.add_class("nsc-framing-summary-view")
        self.summary: dict[str, Any] = {}
        self.refresh()

    def refresh(self) -> None:
        super().refresh()
        self.summary = framing_summary(self.session.workshop)
        self.page.value = summary_html(self.summary)
