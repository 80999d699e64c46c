"""The sprint on one page: challenge, decision, storyboard, prototype and test, theory of change, action plan."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from nsc_workshop.i18n import t
from nsc_workshop.session import WorkshopSession
from nsc_workshop.summaries.sprint import sprint_summary
from nsc_workshop.widgets._html import esc
from nsc_workshop.widgets._panel import Panel
from nsc_workshop.widgets.framing_summary_view import _list

__all__ = ["SprintSummaryView", "sprint_summary_html"]


def sprint_summary_html(s: dict[str, Any]) -> str:
    """The summary as one printable page; every text escaped. Unrevealed private ideas are never in it."""
    parts = [f"<h3>{esc(t('sprintsum.heading', title=s['title']))}</h3>"]

    def section(key: str, body: str) -> None:
        parts.append(f"<section class='nsc-sprint-{esc(key)}'><h4>{esc(t(f'sprintsum.{key}'))}</h4>{body}</section>")

    challenge = s["challenge"]
    section(
        "challenge",
        f"<p><strong>{esc(challenge['hmw']) or '–'}</strong></p><p>{esc(challenge['long_term_goal'])}</p>"
        + _list(challenge["sprint_questions"]),
    )
    ideas = "".join(
        f"<p><strong>{esc(group['theme'])}</strong></p>" + _list([i["text"] for i in group["ideas"]])
        for group in s["ideas"]["by_theme"]
    )
    section("ideas", ideas or "<p>–</p>")
    decision = s["decision"]
    chosen = decision["chosen_concept"]
    top = [t("summary.hmw_row", text=row["label"], count=row["dots"]) for row in decision["tally"][:5]]
    section(
        "decision",
        (f"<p><strong>{esc(chosen['label'])}</strong></p><p>{esc(decision['rationale'])}</p>" if chosen else "")
        + _list(top),
    )
    section("storyboard", "<ol>" + "".join(f"<li>{esc(step['text'])}</li>" for step in s["storyboard"]) + "</ol>")
    roles = [f"{r['role_label']}: {r['who']}" for r in s["prototype"]["roles"]]
    section("prototype", f"<p>{esc(s['prototype']['description']) or '–'}</p>" + _list(roles))
    plan = s["test_plan"]
    section(
        "test",
        f"<p>{esc(plan['target_group'])}</p>"
        + _list(plan["assumptions"])
        + _list(plan["questions"])
        + "".join(
            f"<p><strong>{esc(t('test.interview_n', n=group['interview']))}</strong></p>"
            + _list([f["text"] for f in group["findings"]])
            for group in s["findings"]["by_interview"]
        )
        + f"<p><strong>{esc(t('test.patterns'))}</strong></p>"
        + _list(s["findings"]["patterns"]),
    )
    toc = "".join(
        f"<p><strong>{esc(t(f'toc.{level}'))}</strong></p>{_list(texts)}"
        for level, texts in s["theory_of_change"].items()
        if texts
    )
    section("toc", toc or "<p>–</p>")
    section(
        "indicators",
        _list([f"{i['name']}: {i['baseline']} → {i['target']} ({i['data_source']})" for i in s["indicators"]]),
    )
    section(
        "actions",
        _list([f"{a['action']} — {a['lead']}, {a['timescale']}, {a['review_date']}" for a in s["action_plan"]]),
    )
    return f"<div class='nsc-sprint-summary' style='max-width:60em'>{''.join(parts)}</div>"


class SprintSummaryView(Panel):
    def __init__(self, session: WorkshopSession) -> None:
        self.page = widgets.HTML()
        super().__init__(session, [self.page])
        self.add_class("nsc-sprint-summary-view")
        self.summary: dict[str, Any] = {}
        self.refresh()

    def refresh(self) -> None:
        super().refresh()
        self.summary = sprint_summary(self.session.workshop)
        self.page.value = sprint_summary_html(self.summary)
