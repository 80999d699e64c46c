"""The actor-mapping app: who is involved, how they are tied, and what that means."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from nsc_workshop.apps.context import open_app_session
from nsc_workshop.i18n import t
from nsc_workshop.session import WorkshopSession
from nsc_workshop.store import Store
from nsc_workshop.widgets.actor_table import ActorTable
from nsc_workshop.widgets.app_frame import AppFrame, Step
from nsc_workshop.widgets.compare_view import CompareView
from nsc_workshop.widgets.grid_view import GridView
from nsc_workshop.widgets.influence_scoring import InfluenceScoring
from nsc_workshop.widgets.insights_panel import InsightsPanel
from nsc_workshop.widgets.map_files import MapFiles
from nsc_workshop.widgets.network_view import NetworkPanel
from nsc_workshop.widgets.quick_add import QuickAdd
from nsc_workshop.widgets.sector_view import SectorView
from nsc_workshop.widgets.tie_editor import TieEditor

__all__ = ["ActorMappingApp", "actor_mapping_app"]


class ActorMappingApp(AppFrame):
    """The map with quick add and insights beside it, then a tab per Net-Map step and view."""

    def __init__(self, store: Store, session: WorkshopSession) -> None:
        self.store = store
        self.network = NetworkPanel(session)
        self.insights = InsightsPanel(session)
        self.quick = QuickAdd(session)
        self.actors = ActorTable(session)
        self.ties = TieEditor(session)
        self.influence = InfluenceScoring(session)
        self.grid = GridView(session)
        self.sectors = SectorView(session)
        self.compare = CompareView(store, session)
        self.files = MapFiles(session)
        self.network.layout = widgets.Layout(flex="3 1 0%", min_width="0")
        self.insights.layout = widgets.Layout(flex="2 1 0%", min_width="18em", max_height="900px", overflow="auto")
        map_tab = widgets.VBox([self.quick, widgets.HBox([self.network, self.insights])])
        steps = [
            Step(t("mapping.tab.map"), map_tab, [self.quick, self.network, self.insights]),
            Step(t("mapping.tab.actors"), self.actors, [self.actors]),
            Step(t("mapping.tab.ties"), self.ties, [self.ties]),
            Step(t("mapping.tab.influence"), self.influence, [self.influence]),
            Step(t("mapping.tab.grid"), self.grid, [self.grid]),
            Step(t("mapping.tab.sectors"), self.sectors, [self.sectors]),
            Step(t("mapping.tab.compare"), self.compare, [self.compare]),
            Step(t("mapping.tab.files"), self.files, [self.files]),
        ]
        super().__init__(session, t("app.actor_mapping"), steps)
        self.add_class("nsc-actor-mapping")
        self.network.view.observe(self._actor_clicked, names="selected")

    def _actor_clicked(self, change: dict[str, Any]) -> None:
        actor_id = str(change["new"] or "")
        if actor_id:
            self.quick.select(actor_id)
            self.actors.select(actor_id)


def actor_mapping_app(store: Store | None = None, workshop_id: str | None = None) -> widgets.Widget:
    """The actor-mapping app on the workshop named in the URL (the sample workshop when none is)."""
    opened = open_app_session(store, workshop_id)
    if isinstance(opened, widgets.Widget):
        return opened
    store, session, _context = opened
    return ActorMappingApp(store, session)
