"""The actor-mapping app: who is involved, how they are tied, and what that means."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from nsc_workshop.apps.context import open_app_session
from nsc_workshop.i18n import t
from nsc_workshop.session import WorkshopSession
from nsc_workshop.store import Store
from nsc_workshop.widgets._lazy import LazyPanels, lazy
from nsc_workshop.widgets._panel import Panel
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


class ActorMappingApp(LazyPanels, AppFrame):
    """The map across the page with quick add above and the insights below, then a tab per Net-Map step and view.

    Each panel is made the first time its tab opens (or it is otherwise needed),
    so the page is usable as soon as the map is drawn.
    """

    # The panels, by the tab that shows them, in order; each made when its tab first opens (or when reached).
    quick = lazy("map", lambda app: QuickAdd(app.session))
    network = lazy("map", lambda app: NetworkPanel(app.session))
    insights = lazy("map", lambda app: InsightsPanel(app.session))
    actors = lazy("actors", lambda app: ActorTable(app.session))
    ties = lazy("ties", lambda app: TieEditor(app.session))
    influence = lazy("influence", lambda app: InfluenceScoring(app.session))
    grid = lazy("grid", lambda app: GridView(app.session))
    sectors = lazy("sectors", lambda app: SectorView(app.session))
    compare = lazy("compare", lambda app: CompareView(app.store, app.session))
    files = lazy("files", lambda app: MapFiles(app.session))

    def __init__(self, store: Store, session: WorkshopSession) -> None:
        self.store = store
        tabs = ("map", "actors", "ties", "influence", "grid", "sectors", "compare", "files")
        steps = [Step(key, t(f"mapping.tab.{key}"), self._builder(key)) for key in tabs]
        super().__init__(session, t("app.actor_mapping"), steps, app="mapping")
        self.add_class("nsc-actor-mapping")

    def _builder(self, key: str) -> Callable[[], tuple[widgets.Widget, list[Panel]]]:
        if key == "map":
            return self._map_tab

        def only() -> tuple[widgets.Widget, list[Panel]]:
            (panel,) = self.panels_in(key)
            return panel, [panel]

        return only

    def _map_tab(self) -> tuple[widgets.Widget, list[Panel]]:
        # the map across the page's full width, as tall as the window allows; the insights below it
        # (the page is the only thing that scrolls)
        self.network.layout = widgets.Layout(width="100%", min_width="0")
        self.network.view.fill = MAP_HEIGHT
        self.insights.layout = widgets.Layout(width="100%", margin="1em 0 0 0")
        self.network.view.observe(self._actor_clicked, names="selected")
        panels: list[Panel] = self.panels_in("map")  # quick add, the map, the insights
        body = widgets.VBox(panels, layout=widgets.Layout(width="100%"))
        body.add_class("nsc-map-tab")
        return body, panels

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
