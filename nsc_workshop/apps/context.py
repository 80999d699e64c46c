"""What an app learns from its URL: which workshop, which role, which language.

Voilà passes the page's query string to the kernel in ``QUERY_STRING``, so a
facilitator can hand out a link such as
``.../02_actor_mapping.ipynb?workshop=sample-varnholm&role=participant&name=table-3``.

**Roles and the keys.** Served on loopback only (``nsc-workshop serve``), the
machine is the facilitator's: a link opens as facilitator unless it says
``role=participant`` (or ``role=projector``). Served to a room (``serve
--lan``), participants use the room's page, not the apps: the server lets only
the facilitator's key (``NSC_FACILITATOR_KEY``) and the projector's key
(``NSC_PROJECTOR_KEY``) reach an app at all, and the kernel checks again. A
link opens as ``facilitator`` (or any role it asks for) only with the
facilitator's key; as ``projector`` — read only, on the room's workshop
(``NSC_ROOM_WORKSHOP``) only — with the projector's key, whatever role it
asks for. Any other link is a ``participant`` link with no way in
(:attr:`AppContext.refused_role` says which role it asked for). Keys are
compared in constant time. The session enforces the role in the kernel
(``open_session(store, ..., role=...)``), so this is what decides what a page can do.

**Preheated kernels.** With ``voila --preheat_kernel=True`` a kernel runs the
notebook *before* anyone asks for the page, and learns the request (its query
string) only when one arrives, through :func:`voila.utils.wait_for_request`.
:meth:`AppContext.from_environment` waits there, after :func:`warm_up` has done
the request-independent work (imports, the store's engine, the catalogs, the
first matplotlib drawing), so the same notebooks work preheated and cold.
"""

from __future__ import annotations

import hmac
import os
import secrets
import threading
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

from nsc_workshop.model._types import WORKSHOP_ID_RE
from nsc_workshop.registry import FACILITATOR_KEY_ENV, PROJECTOR_KEY_ENV, ROLES, ROOM_WORKSHOP_ENV, Role
from nsc_workshop.session import open_session
from nsc_workshop.store import Store, _to_url, open_store

__all__ = ["FACILITATOR_KEY_ENV", "ROLES", "AppContext", "open_app_session", "wait_for_request", "warm_up"]

LAN_ENV = "NSC_LAN"


PREHEAT_ENV = "VOILA_PREHEAT"
MAX_KEY_LENGTH = 256
"""Longer ``key=`` values are refused without comparing them."""

_PRIVILEGED: tuple[Role, ...] = ("facilitator", "projector")


def key_matches(given: str | None, expected: str | None) -> bool:
    """Whether the link's key is the run's key, compared in constant time.

    >>> key_matches("s3cret", "s3cret"), key_matches("s3cre", "s3cret"), key_matches(None, "s3cret")
    (True, False, False)
    >>> key_matches("", ""), key_matches("ключ", "s3cret")
    (False, False)
    """
    if not given or not expected or len(given) > MAX_KEY_LENGTH:
        return False
    return hmac.compare_digest(given.encode("utf-8", "surrogatepass"), expected.encode("utf-8", "surrogatepass"))


@dataclass(frozen=True)
class AppContext:
    """The workshop id, role, participant handle and language an app was opened with.

    >>> AppContext.from_query("workshop=sample-varnholm&role=participant&name=table-3")
    AppContext(workshop_id='sample-varnholm', role='participant', participant='table-3', language=None)
    >>> AppContext.from_query("workshop=../../etc&role=admin").workshop_id is None
    True

    With a facilitator key configured, only the right ``key=`` gives the facilitator's role:

    >>> AppContext.from_query("role=facilitator", facilitator_key="k3y").role
    'participant'
    >>> AppContext.from_query("role=facilitator&key=k3y", facilitator_key="k3y").role
    'facilitator'

    The projector's key gives the projector's view of the room's workshop, never more:

    >>> c = AppContext.from_query("workshop=w-2&role=facilitator&key=p", facilitator_key="k3y", projector_key="p",
    ...                           room_workshop="w-1")
    >>> c.role, c.workshop_id
    ('projector', 'w-1')
    """

    workshop_id: str | None = None
    role: Role = "facilitator"
    participant: str | None = None
    language: str | None = None
    refused_role: Role | None = field(default=None, repr=False, compare=False)
    """The role the link asked for when its key did not allow it (an app may say so)."""
    lan: bool = field(default=False, repr=False, compare=False)
    """Served to the room: a participant has no app to open (they use the room's page)."""

    @classmethod
    def from_query(
        cls,
        query: str,
        facilitator_key: str | None = None,
        projector_key: str | None = None,
        room_workshop: str | None = None,
    ) -> AppContext:
        """Parse a query string; ``facilitator_key`` is the facilitator's key (``None`` or empty: loopback, no key).

        ``projector_key`` opens the projector's view of ``room_workshop`` only.
        """
        values = parse_qs(query.lstrip("?"), keep_blank_values=False)

        def first(name: str) -> str | None:
            found = values.get(name)
            return found[0].strip() if found and found[0].strip() else None

        workshop = first("workshop")
        if workshop is not None and not WORKSHOP_ID_RE.match(workshop):
            workshop = None
        asked = first("role")
        requested: Role | None = next((r for r in ROLES if r == asked), None)
        refused: Role | None = None
        if not facilitator_key:
            role: Role = requested or "facilitator"
        elif key_matches(first("key"), facilitator_key):
            role = requested or "facilitator"
        elif key_matches(first("key"), projector_key) and room_workshop:
            role, workshop = "projector", room_workshop
        else:
            role = "participant"
            refused = requested if requested in _PRIVILEGED else None
        name = first("name")
        if name is not None:
            name = "".join(ch for ch in name if ch.isprintable())[:60] or None
        language = first("lang")
        return cls(workshop, role, name, language, refused, bool(facilitator_key))

    @classmethod
    def from_environment(cls) -> AppContext:
        """The context of the running Voilà kernel (empty outside Voilà).

        In a preheated kernel this first warms up, then waits until a page is
        asked for (see the module's notes).
        """
        if os.environ.get(PREHEAT_ENV, "False") == "True":
            warm_up()
            wait_for_request()
        return cls.from_query(
            os.environ.get("QUERY_STRING", ""),
            os.environ.get(FACILITATOR_KEY_ENV) or None,
            os.environ.get(PROJECTOR_KEY_ENV) or None,
            os.environ.get(ROOM_WORKSHOP_ENV) or None,
        )

    def handle(self) -> str:
        """Who the page acts as: the link's ``name``, else a guest handle new for this page (or the role's name).

        Participants without a name get ``guest-`` and five random digits, so
        two of them share their dots and their undo only by a 1-in-100,000 chance.
        """
        if self.participant:
            return self.participant
        if self.role == "participant":
            from nsc_workshop.widgets.app_frame import GUEST_PREFIX

            return f"{GUEST_PREFIX}{secrets.randbelow(100_000):05d}"
        return self.role

    @property
    def is_facilitator(self) -> bool:
        return self.role == "facilitator"

    def store(self) -> Store:
        """The store the server was started on (``NSC_WORKSHOP_DB``); the one :func:`warm_up` opened, if any."""
        warmed = _warm.get("store")
        if isinstance(warmed, Store) and warmed.url == _to_url(None):
            return warmed
        return open_store()


_warm: dict[str, Any] = {}
_request_lock = threading.Lock()
_request_received = False


def warm_up() -> None:
    """Do what every app needs before it knows its request: imports, the store, the catalogs, a first drawing.

    Cheap to call again (it does its work once per process). Errors are left
    for the app to report once it has a page to show them on.
    """
    if _warm.get("done"):
        return
    _warm["done"] = True
    try:
        import io

        import ipywidgets  # noqa: F401

        import nsc_workshop.apps  # noqa: F401  (every app, its widgets, igraph, networkx, anywidget)
        from nsc_workshop.i18n import catalog, current_language
        from nsc_workshop.plots._common import new_figure, text

        catalog(current_language())
        figure = new_figure((2, 1))  # fonts and the Agg renderer, as the apps' plots use them
        axes = figure.add_subplot()
        text(axes, 0.1, 0.5, "warm up")
        axes.plot([0, 1], [0, 1])
        figure.savefig(io.BytesIO(), format="png")
        store = open_store()
        store.list_workshops()  # connects, checks the schema
        _warm["store"] = store
    except Exception:  # the app reports a broken store once it has a page to show it on
        pass


def wait_for_request() -> None:
    """In a preheated kernel, wait for the page's request and take its query string (once per kernel).

    Voilà hands a preheated kernel to exactly one request, so the first answer
    is the only one. ``VOILA_REQUEST_URL`` is dropped: Voilà fills it when it
    starts the kernel, with the address of the *previous* request of the pool.
    """
    global _request_received
    with _request_lock:
        if _request_received or os.environ.get(PREHEAT_ENV, "False") != "True":
            return
        from voila.utils import wait_for_request as voila_wait

        os.environ.pop("QUERY_STRING", None)  # nothing inherited can pass for the request's
        voila_wait()
        os.environ.pop("VOILA_REQUEST_URL", None)
        _request_received = True


def open_app_session(store: Store | None = None, workshop_id: str | None = None) -> Any:
    """``(store, session, context)`` for an app opened on the workshop in its URL, or a widget saying why not.

    Served to the room, a link without a key opens nothing (participants use
    the room's page). With no workshop named, the room's workshop is opened;
    on loopback without a room, the sample workshop (loaded once); on a hub, none (a city's
    account chooses one of its own on the home page). The
    language is the link's ``lang``, else the workshop's.
    """
    import ipywidgets as widgets

    from nsc_workshop.datasets import SAMPLE_WORKSHOP_ID, load_sample
    from nsc_workshop.errors import NscWorkshopError
    from nsc_workshop.i18n import set_language, t
    from nsc_workshop.widgets._html import error_html, esc

    context = AppContext.from_environment()
    if context.lan and context.role == "participant":  # never reached through the server: a second lock
        return widgets.HTML(f"<p class='nsc-room-gate'>{esc(t('room.apps_gate'))}</p>")
    store = store or context.store()
    wid = workshop_id or context.workshop_id or os.environ.get(ROOM_WORKSHOP_ENV) or None
    try:
        if wid is None and not store.scope.everything:  # a hosted city's account: its own workshops only
            return widgets.HTML(
                f"<p>{esc(t('app.choose_workshop'))}</p><p><a href='00_home.ipynb'>{esc(t('app.back_home'))}</a></p>"
            )
        if wid is None:
            wid = SAMPLE_WORKSHOP_ID
            if not store.exists(wid):
                store.import_workshop(load_sample())
        session = open_session(store, wid, participant=context.handle(), role=context.role)
    except NscWorkshopError as exc:
        return widgets.HTML(error_html(exc) + f"<p><a href='00_home.ipynb'>{esc(t('app.back_home'))}</a></p>")
    set_language(context.language or session.workshop.meta.language)
    return store, session, context
