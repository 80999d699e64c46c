"""What an app learns from its URL: which workshop, which role, which language.

Voilà passes the page's query string to the kernel in ``QUERY_STRING``, so a
facilitator can hand out a link such as
``.../02_actor_mapping.ipynb?workshop=sample-varnholm&role=participant&name=table-3``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import parse_qs

from nsc_workshop.model._types import WORKSHOP_ID_RE
from nsc_workshop.store import Store, open_store

__all__ = ["AppContext", "open_app_session"]

Role = Literal["facilitator", "participant"]


@dataclass(frozen=True)
class AppContext:
    """The workshop id, role, participant handle and language an app was opened with.

    >>> AppContext.from_query("workshop=sample-varnholm&role=participant&name=table-3")
    AppContext(workshop_id='sample-varnholm', role='participant', participant='table-3', language=None)
    >>> AppContext.from_query("workshop=../../etc&role=admin").workshop_id is None
    True
    """

    workshop_id: str | None = None
    role: Role = "facilitator"
    participant: str | None = None
    language: str | None = None

    @classmethod
    def from_query(cls, query: str) -> AppContext:
        values = parse_qs(query.lstrip("?"), keep_blank_values=False)

        def first(name: str) -> str | None:
            found = values.get(name)
            return found[0].strip() if found and found[0].strip() else None

        workshop = first("workshop")
        if workshop is not None and not WORKSHOP_ID_RE.match(workshop):
            workshop = None
        role: Role = "participant" if first("role") == "participant" else "facilitator"
        name = first("name")
        if name is not None:
            name = "".join(ch for ch in name if ch.isprintable())[:60] or None
        language = first("lang")
        return cls(workshop, role, name, language)

    @classmethod
    def from_environment(cls) -> AppContext:
        """The context of the running Voilà kernel (empty outside Voilà)."""
        return cls.from_query(os.environ.get("QUERY_STRING", ""))

    def store(self) -> Store:
        """The store the server was started on (``NSC_WORKSHOP_DB``)."""
        return open_store()


def open_app_session(store: Store | None = None, workshop_id: str | None = None) -> Any:
    """``(store, session, context)`` for an app opened on the workshop in its URL, or a widget saying why not.

    With no workshop named, the sample workshop is opened (loaded once). The
    language is the link's ``lang``, else the workshop's.
    """
    import ipywidgets as widgets

    from nsc_workshop.datasets import SAMPLE_WORKSHOP_ID, load_sample
    from nsc_workshop.errors import NscWorkshopError
    from nsc_workshop.i18n import set_language, t
    from nsc_workshop.widgets._html import error_html, esc

    context = AppContext.from_environment()
    store = store or context.store()
    wid = workshop_id or context.workshop_id
    try:
        if wid is None:
            wid = SAMPLE_WORKSHOP_ID
            if not store.exists(wid):
                store.import_workshop(load_sample())
        session = store.session(wid, participant=context.participant or context.role, role=context.role)
    except NscWorkshopError as exc:
        return widgets.HTML(error_html(exc) + f"<p><a href='00_home.ipynb'>{esc(t('app.back_home'))}</a></p>")
    set_language(context.language or session.workshop.meta.language)
    return store, session, context
