"""The actor-mapping app: who is involved, how they are tied, and what that means."""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as widgets

from nsc_workshop.apps.context import AppContext
from nsc_workshop.datasets import SAMPLE_WORKSHOP_ID, load_sample
from nsc_workshop.errors import NothingToUndo, NscWorkshopError
from nsc_workshop.events import Event
from nsc_workshop.i18n import set_language, t
from nsc_workshop.session import WorkshopSession
from nsc_workshop.store import Store
from nsc_workshop.widgets._html import error_html, esc, message_html
from nsc_workshop.widgets._panel import Panel
from nsc_workshop.widgets.actor_table import ActorTable
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


class ActorMappingApp(widgets.VBox):
    """The app's page: a header with undo, the map with quick add and insights, and tabs for the steps."""

    def __init__(self, store: Store, session: WorkshopSession) -> None:
        self.store = store
        self.session = session
        workshop = session.workshop
        self.status = widgets.HTML()
        self.undo_button = widgets.Button(
            description=t("app.undo"), icon="undo", layout=widgets.Layout(width="auto", min_width="14em")
        )
        self.undo_button.on_click(lambda _: self.undo())
        header = widgets.HTML(
            f"<h2 style='margin-bottom:0'>{esc(t('app.actor_mapping'))}: {esc(workshop.meta.title)}</h2>"
            f"<p style='margin-top:.2em;color:#555'>{esc(workshop.meta.city)}, {esc(workshop.meta.country)}</p>"
        )
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
        self.steps: list[tuple[str, widgets.Widget, list[Panel]]] = [
            ("map", map_tab, [self.quick, self.network, self.insights]),
            ("actors", self.actors, [self.actors]),
            ("ties", self.ties, [self.ties]),
            ("influence", self.influence, [self.influence]),
            ("grid", self.grid, [self.grid]),
            ("sectors", self.sectors, [self.sectors]),
            ("compare", self.compare, [self.compare]),
            ("files", self.files, [self.files]),
        ]
        self.tabs = widgets.Tab(
            children=[tab for _, tab, _ in self.steps], titles=[t(f"mapping.tab.{key}") for key, _, _ in self.steps]
        )
        self.tabs.observe(lambda change: self._show(change["new"]), names="selected_index")
        self.network.view.observe(self._actor_clicked, names="selected")
        super().__init__([header, widgets.HBox([self.undo_button, self.status]), self.tabs])
        self.add_class("nsc-actor-mapping")
        self._show(0)
        session.subscribe(self.changed)

    def panels(self) -> list[Panel]:
        return [panel for _, _, panels in self.steps for panel in panels]

    def _show(self, index: int) -> None:
        for position, (_key, _tab, panels) in enumerate(self.steps):
            for panel in panels:
                if position == index:
                    panel.show()
                else:
                    panel.hide()

    def changed(self, events: Sequence[Event]) -> None:
        """After every saved change (the panels, subscribed first, have redrawn): say it is saved."""
        self.status.value = message_html("info", t("app.saved", version=self.session.version))

    def _actor_clicked(self, change: dict[str, object]) -> None:
        actor_id = str(change["new"] or "")
        if actor_id:
            self.quick.select(actor_id)
            self.actors.select(actor_id)

    def undo(self) -> None:
        try:
            what = self.session.undo()
        except NothingToUndo as exc:
            self.status.value = error_html(exc)
            return
        except NscWorkshopError as exc:
            self.status.value = error_html(exc)
            return
        self.status.value = message_html("ok", t("app.undone", what=what))


def actor_mapping_app(store: Store | None = None, workshop_id: str | None = None) -> widgets.Widget:
    """The actor-mapping app on the workshop named in the URL (the sample workshop when none is)."""
    context = AppContext.from_environment()
    store = store or context.store()
    wid = workshop_id or context.workshop_id
    try:
        if wid is None:
            wid = SAMPLE_WORKSHOP_ID
            if not store.exists(wid):
                store.import_workshop(load_sample())
        session = store.session(wid, participant=context.participant or context.role)
    except NscWorkshopError as exc:
        return widgets.HTML(error_html(exc) + f"<p><a href='00_home.ipynb'>{esc(t('app.back_home'))}</a></p>")
    set_language(context.language or session.workshop.meta.language)
    return ActorMappingApp(store, session)
