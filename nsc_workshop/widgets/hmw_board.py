"""Step 6 of framing: "How might we...?" notes — one per note, clustered, then dot-voted within a budget."""

from __future__ import annotations

from functools import partial

import ipywidgets as widgets

from nsc_workshop.i18n import t
from nsc_workshop.model import HmwNote
from nsc_workshop.session import WorkshopSession
from nsc_workshop.summaries.votes import vote_tally
from nsc_workshop.widgets._html import bars_html, esc, message_html
from nsc_workshop.widgets._panel import Panel
from nsc_workshop.widgets.vote_row import VoteRow

__all__ = ["HmwBoard"]

ROUND = "hmw"


class HmwBoard(Panel):
    """Write notes, put them in clusters, give dots (the facilitator may record paper dots for a participant)."""

    def __init__(self, session: WorkshopSession) -> None:
        self.text = widgets.Text(placeholder=t("hmw.placeholder"), layout=widgets.Layout(width="40em"))
        self.add_button = widgets.Button(description=t("hmw.add"), button_style="primary", icon="plus")
        self.add_button.on_click(lambda _: self.add())
        self.voter = widgets.Combobox(
            description=t("hmw.voting_as"), value=session.participant or "", ensure_option=False,
            layout=widgets.Layout(width="24em"),
        )  # fmt: skip
        self.voter.observe(lambda _c: self.refresh(), names="value")
        self.budget = widgets.HTML()
        self.notes = widgets.VBox()
        self.chart = widgets.HTML()
        self.chart.add_class("nsc-vote-results")
        super().__init__(session, [widgets.HBox([self.text, self.add_button]), widgets.HBox([self.voter, self.budget])])
        self.children = (*self.children, self.message, self.notes, self.chart)
        self.add_class("nsc-hmw")
        self.refresh()

    @property
    def who(self) -> str | None:
        return self.voter.value.strip() or self.session.participant

    def refresh(self) -> None:
        super().refresh()
        workshop = self.session.workshop
        tally = vote_tally(workshop, ROUND)
        budget = workshop.settings.vote_budgets.get(ROUND)
        used = tally.used.get(self.session.voter(self.who), 0)
        self.budget.value = (
            f"<span class='nsc-budget'>{esc(t('hmw.budget', used=used, budget=budget))}</span>" if budget else ""
        )
        voters = sorted(
            {v.participant for v in workshop.votes.values() if v.participant}
            | {p.handle for p in workshop.participants.values()}
        )
        self.voter.options = voters
        clusters = sorted({n.cluster for n in workshop.framing.hmw_notes.values() if n.cluster})
        groups: dict[str, list[HmwNote]] = {}
        for note in workshop.framing.hmw_notes.values():
            groups.setdefault(note.cluster, []).append(note)
        mine = self._mine()
        children: list[widgets.Widget] = []
        shown: list[str] = []
        for cluster in sorted(groups, key=lambda c: (c == "", c.lower())):
            heading = f"cluster:{cluster}"
            title = cluster or t("framing.hmw.unclustered")
            children.append(self.reuse("notes", heading, title, partial(_heading, title)))
            shown.append(heading)
            for n in groups[cluster]:
                row = self.reuse("notes", n.id, (n, tuple(clusters)), partial(self._row, n, clusters))
                row.show(n.text, tally.by_item.get(n.id, 0), mine.get(n.id, 0))
                children.append(row)
                shown.append(n.id)
        self.forget_others("notes", shown)
        self.notes.children = children
        ranked = [
            (workshop.framing.hmw_notes[h].text, dots) for h, dots in tally.ranked() if h in workshop.framing.hmw_notes
        ]
        self.chart.value = bars_html(ranked, title=t("hmw.results"), empty=t("plot.votes.none"))

    def _mine(self) -> dict[str, int]:
        return self.session.dots(ROUND, self.who)

    def _row(self, note: HmwNote, clusters: list[str]) -> VoteRow:
        cluster = widgets.Combobox(
            value=note.cluster, options=clusters, placeholder=t("hmw.cluster"), ensure_option=False,
            continuous_update=False, layout=widgets.Layout(width="14em"),
        )  # fmt: skip
        cluster.observe(
            lambda change, nid=note.id: self.run("", self.session.framing.cluster_hmw, nid, change["new"].strip()),
            names="value",
        )
        remove = widgets.Button(icon="trash", tooltip=t("hmw.remove"), layout=widgets.Layout(width="2.5em"))
        remove.on_click(lambda _b, nid=note.id: self.run("", self.session.remove, "hmw", nid))
        return VoteRow(note.id, self.vote, self.unvote, attr="hmw", width_em=32, extra=[cluster, remove])

    def add(self) -> HmwNote | None:
        text = self.text.value.strip()
        if not text:
            return None
        note = self.run("", self.session.framing.add_hmw, text)
        if isinstance(note, HmwNote):
            self.text.value = ""
            if not text.lower().startswith(t("hmw.prefix").lower()):
                self.message.value = message_html("info", t("hmw.phrase_hint"))
            return note
        return None

    def vote(self, hmw_id: str) -> bool:
        self.run("", self.session.vote, hmw_id, round=ROUND, participant=self.who)
        return self.ok

    def unvote(self, hmw_id: str) -> bool:
        self.run("", self.session.take_back_dot, hmw_id, ROUND, self.who)
        return self.ok


def _heading(title: str) -> widgets.HTML:
    """A group's heading above its rows."""
    return widgets.HTML(f"<h4 style='margin:.6em 0 .2em'>{esc(title)}</h4>")
