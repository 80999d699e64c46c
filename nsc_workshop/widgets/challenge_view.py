"""The sprint's challenge: the chosen How-might-we note, the long-term goal and the sprint questions."""

from __future__ import annotations

import ipywidgets as widgets

from nsc_workshop.i18n import t
from nsc_workshop.model import in_order
from nsc_workshop.session import WorkshopSession
from nsc_workshop.summaries.framing import pov_statement
from nsc_workshop.summaries.votes import vote_tally
from nsc_workshop.widgets._html import esc
from nsc_workshop.widgets._panel import Panel

__all__ = ["ChallengeView"]


class ChallengeView(Panel):
    """The facilitator picks the HMW note (most dots first); everyone sees the challenge taken from the framing."""

    def __init__(self, session: WorkshopSession, role: str = "facilitator") -> None:
        self.hmw = widgets.Dropdown(description=t("challenge.hmw"), layout=widgets.Layout(width="60em"))
        self.hmw.observe(self._chosen, names="value")
        self.hmw.layout.display = "" if role == "facilitator" else "none"
        self.page = widgets.HTML()
        super().__init__(session, [self.hmw, self.page])
        self.children = (*self.children, self.message)
        self.add_class("nsc-challenge")
        self.refresh()

    def refresh(self) -> None:
        super().refresh()
        workshop = self.session.workshop
        framing = workshop.framing
        dots = vote_tally(workshop, "hmw").by_item
        notes = sorted(framing.hmw_notes.values(), key=lambda n: (-dots.get(n.id, 0), n.text.lower()))
        options = [("–", "")] + [(f"{n.text} ({dots.get(n.id, 0)})", n.id) for n in notes]
        with self.syncing():
            if list(self.hmw.options) != options:
                self.hmw.options = options
            self.hmw.value = workshop.sprint.chosen_hmw or ""
        chosen = framing.hmw_notes.get(workshop.sprint.chosen_hmw or "")
        pov = framing.povs.get(framing.selected_pov or "")
        questions = in_order(framing.sprint_questions.values())
        parts = [
            f"<h4>{esc(t('challenge.hmw'))}</h4><p class='nsc-chosen-hmw'>"
            f"<strong>{esc(chosen.text) if chosen else esc(t('challenge.none'))}</strong></p>",
            f"<h4>{esc(t('summary.goal'))}</h4><p>{esc(framing.long_term_goal) or '–'}</p>",
            f"<h4>{esc(t('summary.questions'))}</h4><ul>"
            + "".join(f"<li>{esc(q.text)}</li>" for q in questions)
            + "</ul>",
        ]
        if pov is not None:
            parts.append(
                f"<h4>{esc(t('summary.pov'))}</h4><p>{esc(pov_statement(pov.group, pov.need, pov.insight))}</p>"
            )
        self.page.value = "".join(parts)

    def _chosen(self, change: dict[str, str]) -> None:
        if not self.syncing:
            self.run("", self.session.sprint.choose_hmw, change["new"] or None)
