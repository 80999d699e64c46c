"""The projector page: the room's shared screen, read only, with nothing of a page around it."""

from __future__ import annotations

import ipywidgets as widgets

from nsc_workshop.apps.context import AppContext
from nsc_workshop.errors import NscWorkshopError
from nsc_workshop.i18n import set_language, t
from nsc_workshop.session import open_session
from nsc_workshop.store import Store
from nsc_workshop.widgets._html import error_html, esc
from nsc_workshop.widgets.projector_view import ProjectorScreen

__all__ = ["projector_app"]


def projector_app(store: Store | None = None, workshop_id: str | None = None) -> widgets.Widget:
    """What the facilitator puts on the room's screen (``settings.projector``), live, with nothing to change.

    The language is the link's ``lang``, else the workshop's.
    """
    context = AppContext.from_environment()
    store = store or context.store()
    wid = workshop_id or context.workshop_id
    if context.role == "participant":  # served to a room, only the facilitator's projector link (with the key)
        return widgets.HTML(f"<p class='nsc-projector-gate'>{esc(t('projector.facilitator_only'))}</p>")
    if wid is None:
        return widgets.HTML(f"<p>{esc(t('projector.no_workshop'))}</p>")
    try:
        session = open_session(store, wid, participant=None, role="projector")
    except NscWorkshopError as exc:
        return widgets.HTML(error_html(exc))
    set_language(context.language or session.workshop.meta.language)
    return ProjectorScreen(session)
