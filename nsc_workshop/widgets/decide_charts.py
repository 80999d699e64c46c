"""Decide, the results: the dots on each idea and sketch, the impact/effort 2×2 and the DFV scores, on one screen."""

from __future__ import annotations

import ipywidgets as widgets

from nsc_workshop.i18n import current_language, t
from nsc_workshop.plots import dfv_chart, impact_effort_chart
from nsc_workshop.session import WorkshopSession
from nsc_workshop.summaries.sprint import decision
from nsc_workshop.widgets._html import bars_html
from nsc_workshop.widgets._panel import Panel
from nsc_workshop.widgets.decide_board import ROUND

__all__ = ["DecideCharts"]

_CHART = widgets.Layout(width="auto", max_width="100%", object_fit="contain")


class DecideCharts(Panel):
    """The vote results as bars (the same numbers everyone saw), the two score charts beside each other."""

    def __init__(self, session: WorkshopSession) -> None:
        self.votes = widgets.HTML()
        self.votes.add_class("nsc-vote-results")
        self.quadrant = widgets.Image(format="png", layout=_CHART)
        self.dfv = widgets.Image(format="png", layout=_CHART)
        self.quadrant.add_class("nsc-impact-effort")
        self.dfv.add_class("nsc-dfv")
        self.votes.layout = widgets.Layout(width="48%")
        charts = widgets.VBox([self.quadrant, self.dfv], layout=widgets.Layout(width="50%"))
        side_by_side = widgets.HBox(
            [self.votes, charts], layout=widgets.Layout(justify_content="space-between", align_items="flex-start")
        )
        super().__init__(session, [side_by_side])
        self.children = (*self.children, self.message)
        self.add_class("nsc-decide-charts")
        self.refresh()

    def refresh(self) -> None:
        super().refresh()
        workshop = self.session.workshop
        result = decision(workshop, ROUND)
        bars = [(r["label"], r["dots"]) for r in result["tally"]]
        self.votes.value = bars_html(bars, title=t("decide.results"), empty=t("plot.votes.none"))
        sprint = workshop.sprint
        inputs = (
            workshop.meta,
            sprint.sketches,
            sprint.ideas,
            sprint.scores,
            sprint.chosen_concept,
            current_language(),
        )
        self.picture(self.quadrant, inputs, lambda: impact_effort_chart(workshop))
        self.picture(self.dfv, inputs, lambda: dfv_chart(workshop))
