"""The actor-mapping app: who is involved, how they are tied, and what that means."""

from __future__ import annotations

from functools import cached_property
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
from nsc_workshop.widgets.network_view import MAP_HEIGHT, NetworkPanel
from nsc_workshop.widgets.quick_add import QuickAdd
from nsc_workshop.widgets.sector_view import SectorView
from nsc_workshop.widgets.tie_editor import TieEditor

__all__ = ["ActorMappingApp", "actor_mapping_app"]


class ActorMappingApp(AppFrame):
    """The map across the page with quick add above and the insights below, then a tab per Net-Map step and view.

    Each panel is made the first time its tab opens (or it is otherwise needed),
    so the page is usable as soon as the map is drawn.
    """

    def __init__(self, store: Store, session: WorkshopSession) -> None:
        self.store = store
        self._session = session

        def only(panel: str) -> Any:
            return lambda: (getattr(self, panel), [getattr(self, panel)])

        steps = [
            Step("map", t("mapping.tab.map"), self._map_tab),
            Step("actors", t("mapping.tab.actors"), only("actors")),
            Step("ties", t("mapping.tab.ties"), only("ties")),
            Step("influence", t("mapping.tab.influence"), only("influence")),
            Step("grid", t("mapping.tab.grid"), only("grid")),
            Step("sectors", t("mapping.tab.sectors"), only("sectors")),
            Step("compare", t("mapping.tab.compare"), only("compare")),
            Step("files", t("mapping.tab.files"), only("files")),
        ]
        super().__init__(session, t("app.actor_mapping"), steps, app="mapping")
        self.add_class("nsc-actor-mapping")

    def _map_tab(self) -> tuple[widgets.Widget, list[Any]]:
        # the map across the page's full width, as tall as the window allows; the insights below it
        # (the page is the only thing that scrolls)
        self.network.layout = widgets.Layout(width="100%", min_width="0")
        self.network.view.fill = MAP_HEIGHT
        self.insights.layout = widgets.Layout(width="100%", margin="1em 0 0 0")
        self.network.view.observe(self._actor_clicked, names="selected")
        body = widgets.VBox([self.quick, self.network, self.insights], layout=widgets.Layout(width="100%"))
        body.add_class("nsc-map-tab")
        return body, [self.quick, self.network, self.insights]

    @cached_property
    def network(self) -> NetworkPanel:
        return NetworkPanel(self._session)

    @cached_property
    def insights(self) -> InsightsPanel:
        return InsightsPanel(self._session)

    @cached_property
    def quick(self) -> QuickAdd:
        return QuickAdd(self._session)

    @cached_property
    def actors(self) -> ActorTable:
        return ActorTable(self._session)

    @cached_property
    def ties(self) -> TieEditor:
        return TieEditor(self._session)

    @cached_property
    def influence(self) -> InfluenceScoring:
        return InfluenceScoring(self._session)

    @cached_property
    def grid(self) -> GridView:
        return GridView(self._session)

    @cached_property
    def sectors(self) -> SectorView:
        return SectorView(self._session)

    @cached_property
    def compare(self) -> CompareView:
        return CompareView(self.store, self._session)

    @cached_property
    def files(self) -> MapFiles:
        return MapFiles(self._session)

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
