"""Decide, the straw poll: dot votes on ideas and sketches within the budget, in a compact list, most dots first.

The supervote and the choice are on their own sub-step (:mod:`.decision_board`),
the charts on theirs (:mod:`.decide_charts`).
"""

from __future__ import annotations

from functools import partial

import ipywidgets as widgets

from nsc_workshop.i18n import t
from nsc_workshop.session import WorkshopSession
from nsc_workshop.summaries.sprint import decision, visible_ideas
from nsc_workshop.widgets._html import esc, message_html
from nsc_workshop.widgets._panel import Panel
from nsc_workshop.widgets.vote_row import VoteRow

__all__ = ["COLUMNS_FROM", "ROUND", "DecideBoard", "vote_targets"]

ROUND = "ideas"
COLUMNS_FROM = 9
"""From this many items on, the list is shown in two columns (so 33 items fit on one screen)."""


def vote_targets(session: WorkshopSession, role: str) -> list[tuple[str, str]]:
    """``(id, label)`` of what may be voted on: the sketches (✎), then the ideas this person may see."""
    workshop = session.workshop
    sketches = [(s.id, f"✎ {s.title}") for s in workshop.sprint.sketches.values()]
    ideas = [(i.id, i.text) for i in visible_ideas(workshop, session.participant, role)]
    return sketches + ideas


class DecideBoard(Panel):
    """A compact row per idea or sketch (rank, text, − / +, dots), most dots first.

    The order is set when the list is opened, when an item comes or goes, or on
    "Most dots first": a vote moves no row under anyone's finger, it only
    changes its count.
    """

    def __init__(self, session: WorkshopSession, role: str = "facilitator") -> None:
        self.role = role
        self.voter = widgets.Combobox(
            description=t("hmw.voting_as"), value=session.participant or "", ensure_option=False,
            layout=widgets.Layout(width="22em"), disabled=role != "facilitator",
        )  # fmt: skip
        self.voter.observe(lambda _c: self.refresh(), names="value")
        self.round = widgets.HTML(f"<strong class='nsc-vote-round'>{esc(t('controls.decide.round'))}</strong>")
        self.budget = widgets.HTML()
        self.sort_button = widgets.Button(
            description=t("controls.decide.sort"), icon="sort-amount-desc", layout=widgets.Layout(width="auto")
        )
        self.sort_button.on_click(lambda _b: self.resort())
        self.rows = widgets.GridBox(layout=widgets.Layout(grid_gap="0 1.5em", width="100%"))
        self.rows.add_class("nsc-vote-list")
        self._order: list[str] = []
        self._resort = True
        self.empty = widgets.HTML(f"<p class='nsc-empty'>{esc(t('controls.decide.nothing'))}</p>")
        head = widgets.HBox(
            [self.round, self.voter, self.budget, self.sort_button],
            layout=widgets.Layout(align_items="center", flex_flow="row wrap", grid_gap="0 1.2em"),
        )
        super().__init__(session, [head, self.rows])
        self.children = (*self.children, self.message)
        self.add_class("nsc-decide")
        self.refresh()

    @property
    def who(self) -> str | None:
        return self.voter.value.strip() or self.session.participant

    def _targets(self) -> list[tuple[str, str]]:
        return vote_targets(self.session, self.role)

    def show(self) -> None:
        self._resort = self._stale = True  # opened: the order is made again
        super().show()

    def resort(self) -> None:
        """Put the items with most dots first now."""
        self._resort = True
        self.refresh()

    def _budget(self) -> int | None:
        return self.session.workshop.settings.vote_budgets.get(ROUND)

    def refresh(self) -> None:
        super().refresh()
        workshop = self.session.workshop
        result = decision(workshop, ROUND)
        dots = {row["id"]: row["dots"] for row in result["tally"]}
        supers = {row["id"]: len(row["by"]) for row in result["supervotes"]}
        budget = self._budget()
        mine = self.session.dots(ROUND, self.who)
        used = sum(mine.values())
        text = (
            t("controls.decide.budget", used=used, count=budget)
            if budget is not None
            else t("controls.decide.given", count=used)
        )
        self.budget.value = f"<span class='nsc-budget'>{esc(text)}</span>"
        targets = self._targets()
        labels = dict(targets)
        ids = [tid for tid, _ in targets]
        if self._resort or set(ids) != set(self._order):
            position = {tid: i for i, tid in enumerate(ids)}
            self._order = sorted(ids, key=lambda tid: (-dots.get(tid, 0), position[tid]))
            self._resort = False
        rows = []
        for rank, tid in enumerate(self._order, start=1):
            row = self.reuse("targets", tid, None, partial(VoteRow, tid, self.vote, self.unvote, width_em=None))
            row.show(labels[tid] + " ★" * supers.get(tid, 0), dots.get(tid, 0), mine.get(tid, 0), rank=rank)
            rows.append(row)
        self.forget_others("targets", ids)
        shown = rows or [self.empty]
        if list(self.rows.children) != shown:
            self.rows.children = shown
        two = len(rows) >= COLUMNS_FROM
        columns = "repeat(2, minmax(0, 1fr))" if two else "minmax(0, 1fr)"
        layout = self.rows.layout
        if layout.grid_template_columns != columns:
            layout.grid_template_columns = columns
        per_column = -(-len(rows) // 2) if two else max(len(rows), 1)
        template = f"repeat({per_column}, auto)"
        if layout.grid_template_rows != template:  # top half on the left, the rest on the right
            layout.grid_template_rows, layout.grid_auto_flow = template, "column"

    def vote(self, target: str) -> bool:
        budget = self._budget()
        if budget is not None and sum(self.session.dots(ROUND, self.who).values()) >= budget:
            self.message.value = message_html("info", t("controls.decide.budget_used", count=budget))
            self.ok = False
            return False
        self.run("", self.session.vote, target, round=ROUND, participant=self.who)
        return self.ok

    def unvote(self, target: str) -> bool:
        self.run("", self.session.take_back_dot, target, ROUND, self.who)
        return self.ok
