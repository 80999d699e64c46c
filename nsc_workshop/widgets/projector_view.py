"""The room's screen: what the facilitator chose to show (``settings.projector``), large, following the room live.

:class:`ProjectorView` turns the stored workshop into :func:`screen_data`'s
dict and hands it to :class:`ProjectorStage`, which fills the window; the actor
map is the map tab's own :class:`NetworkView`, placed over the screen with
larger labels. :class:`ProjectorScreen` is the whole page: no language links,
no save status, no tabs, no buttons, only the view, pulling the room's changes
every :data:`POLL_SECONDS` on the kernel's loop (as the apps' frame does).
"""

from __future__ import annotations

import asyncio
import logging

import ipywidgets as widgets

from nsc_workshop.graph import to_networkx
from nsc_workshop.i18n import t
from nsc_workshop.plots.layout import LayoutCache
from nsc_workshop.plots.network import opening_drawing
from nsc_workshop.session import WorkshopSession
from nsc_workshop.widgets._follow import POLL_SECONDS, FollowsRoom
from nsc_workshop.widgets._panel import Panel
from nsc_workshop.widgets.network_view import NetworkView, scene_data
from nsc_workshop.widgets.presence import Presence
from nsc_workshop.widgets.projector_screen import screen_data
from nsc_workshop.widgets.projector_stage import ProjectorStage

__all__ = ["MAP_LABEL_PX", "POLL_SECONDS", "ProjectorScreen", "ProjectorView"]

log = logging.getLogger(__name__)

MAP_LABEL_PX = 30
"""The map's labels on the room's screen, in CSS pixels (fewer labels, none overlapping, read from 8 m)."""


class ProjectorView(Panel):
    """The mode the facilitator picked, drawn by :class:`ProjectorStage`; the map's :class:`NetworkView` in map mode."""

    def __init__(self, session: WorkshopSession, cache: LayoutCache | None = None) -> None:
        self.stage = ProjectorStage()
        self.map: NetworkView | None = None
        self.map_box = widgets.Box(layout=widgets.Layout(display="none"))
        self.map_box.add_class("nsc-projector-map")
        self.cache = cache or LayoutCache()
        super().__init__(session, [self.stage, self.map_box])
        self.add_class("nsc-projector")
        self.showing = ""
        self.refresh()

    def refresh(self) -> None:
        super().refresh()
        workshop = self.session.workshop
        screen = screen_data(workshop, workshop.settings.projector)
        self.showing = str(screen["mode"])
        self.stage.show(screen)
        if self.showing == "map":
            self._draw_map()
            self.map_box.layout.display = ""
        else:
            self.map_box.layout.display = "none"

    def _draw_map(self) -> None:
        workshop = self.session.workshop
        if self.map is None:
            self.map = NetworkView(empty_text=t("map.empty"), label_px=MAP_LABEL_PX, height=900)
            self.map_box.children = (self.map,)
        graph = to_networkx(workshop)
        kind, colors = opening_drawing(graph)  # an imported map as its own tool drew it, as the map tab opens it
        positions = self.cache.positions(graph, kind, workshop_id=workshop.id)
        self.map.scene = scene_data(graph, positions, kind=kind, colors=colors, version=self.session.version)


class ProjectorScreen(FollowsRoom, widgets.VBox):
    """The projector's page: the view alone, following the room (see the module's notes)."""

    def __init__(self, session: WorkshopSession) -> None:
        self.session = session
        self.presence = Presence()
        self.presence.on_back(self.poll_once)
        self.view = ProjectorView(session)
        super().__init__([self.presence, self.view])
        self.add_class("nsc-projector-screen")
        self._poller: asyncio.Task[None] | None = None
        self.start_polling()
