"""The kit's server under a JupyterHub: who may reach the apps is asked of the hub, not of a key.

A JupyterHub (see ``deploy/``) starts one server a signed-in user:
``python -m nsc_workshop.room.hub``, which is :class:`~nsc_workshop.room.server.RoomVoila` (Voilà's
standalone server with the room: no contents, terminals or kernels API) at the prefix the hub gives it
(``JUPYTERHUB_SERVICE_PREFIX``, e.g. ``/user/ana/``), listening where ``JUPYTERHUB_SERVICE_URL`` says.
The hub's proxy sends ``/user/ana/...`` to it.

**Who is staff.** With ``JUPYTERHUB_API_TOKEN`` in the environment the facilitator's key is not used:
the apps, their kernels, the home page and the room's host page answer only to a browser signed in to
the hub (OAuth with the hub, :class:`jupyterhub.services.auth.HubOAuth`) as the server's **owner**,
whose city group on the hub is still the server's (``NSC_CITY``, set by the hub when it started the
server), or as a hub admin when the hub allows admins in (``JUPYTERHUB_ADMIN_ACCESS``). Anyone else who
reaches the apps is sent to the hub's sign-in (and, signed in as someone else, refused).

**Rooms.** A workshop's room is held by a server of its own, one of the facilitator's *named servers*
(:func:`room_server_name`, e.g. ``/user/ana/room-1a2b3c4d5e/``), which the kit's home page starts with
"Open the room" (:func:`room_opening_url`): the hub checks the workshop is the city's and sets
``NSC_ROOM_WORKSHOP``. The facilitator's default server (``/user/ana/``) holds the apps and no room.

**Participants** have no hub account: they reach the room only (``/user/ana/room-.../room/<code>``),
which answers to its code and its own cookie, scoped to the room's path.
"""

from __future__ import annotations

import hashlib
import hmac
import html
import json
import logging
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

import tornado.web

from nsc_workshop.access import CITY_ENV, NO_CITY, Principal
from nsc_workshop.errors import NotPermitted

__all__ = [
    "HUB_TOKEN_ENV",
    "HubStaff",
    "main",
    "room_opening_url",
    "room_server_name",
    "server_arguments",
    "under_hub",
]

log = logging.getLogger(__name__)

HUB_TOKEN_ENV = "JUPYTERHUB_API_TOKEN"


def under_hub(environ: Mapping[str, str] = os.environ) -> bool:
    """Whether this server was started by a JupyterHub (it then asks the hub who is staff).

    >>> under_hub({}), under_hub({"JUPYTERHUB_API_TOKEN": "x"})
    (False, True)
    """
    return bool(environ.get(HUB_TOKEN_ENV))


class HubStaff:
    """Who may reach this server's apps and the room's host page, asked of the hub (see the module's notes)."""

    def __init__(self, environ: Mapping[str, str] = os.environ) -> None:
        from jupyterhub.services.auth import HubOAuth

        self.auth = HubOAuth(api_token=environ[HUB_TOKEN_ENV], cache_max_age=60)
        self.owner = environ.get("JUPYTERHUB_USER", "")
        self.city = environ.get(CITY_ENV, NO_CITY) or NO_CITY
        self.admins = environ.get("JUPYTERHUB_ADMIN_ACCESS") == "1"
        self.base = environ.get("JUPYTERHUB_SERVICE_PREFIX", "/")

    def allows(self, model: Mapping[str, Any]) -> bool:
        """Whether the hub's user ``model`` may reach the apps: the owner in the server's city, or an allowed admin.

        The owner's city groups are read from the hub at each check (cached a minute): a facilitator moved
        to another city since the server started is refused until the server is restarted (with the new
        city's database).
        """
        if model.get("kind", "user") != "user" or not self.auth.check_scopes(self.auth.access_scopes, model):
            return False
        if model.get("name") == self.owner:
            groups = model.get("groups")
            try:
                principal = Principal.from_groups(self.owner, groups if isinstance(groups, list) else [])
            except NotPermitted:
                principal = None
            if principal is None or (principal.scope.city or NO_CITY) != self.city:
                log.warning("the owner's groups on the hub no longer give this server's city: refused")
                return False
            return True
        return self.admins and bool(model.get("admin"))

    async def role(self, handler: tornado.web.RequestHandler) -> str | None:
        """``facilitator`` for a request from a browser the hub signed in as someone :meth:`allows`, else None.

        For a request it refuses, tornado's redirect to the sign-in goes to the hub's OAuth (with a state
        cookie), so the owner signs in and comes back to the page they asked for.
        """
        known: str | bool | None = getattr(handler, "_nsc_hub_role", False)
        if known is not False:
            return known  # type: ignore[return-value]
        given = handler.request.headers.get("Authorization", "")
        if given.startswith("token ") and hmac.compare_digest(given[6:].strip().encode(), self.auth.api_token.encode()):
            return "facilitator"  # this server's own token: its apps' kernels, asking the room on loopback
        self._login_through_hub(handler)
        try:
            model = await self.auth.get_user(handler, sync=False)
        except tornado.web.HTTPError:
            model = None
        role = "facilitator" if model and self.allows(model) else None
        if model and role is None:  # signed in, but not allowed here: a page that says why, no loop through the hub

            def refuse(*_args: Any, **_kwargs: Any) -> None:
                handler.set_status(403)
                handler.set_header("Content-Type", "text/html; charset=utf-8")
                handler.set_header("Cache-Control", "no-store")
                handler.finish(refused_page(os.environ.get("JUPYTERHUB_BASE_URL") or "/"))
                raise tornado.web.Finish

            handler.redirect = refuse  # type: ignore[method-assign]
        handler._nsc_hub_role = role  # type: ignore[attr-defined]
        return role

    def _login_through_hub(self, handler: tornado.web.RequestHandler) -> None:
        """Tornado's ``@authenticated`` sends a stranger to the hub's OAuth, which brings them back here."""
        from tornado.httputil import url_concat

        auth = self.auth

        def login_url() -> str:
            params: dict[str, str] = {}
            verifier = None
            if auth.pkce_enabled:
                verifier, challenge, method = auth.generate_pkce_code_challenge()
                params.update(code_challenge=challenge, code_challenge_method=method)
            params["state"] = auth.set_state_cookie(handler, next_url=handler.request.uri, code_verifier=verifier)
            return str(url_concat(auth.login_url, params))

        handler.get_login_url = login_url  # type: ignore[method-assign]

    def handlers(self) -> list[tuple[str, type[tornado.web.RequestHandler], dict[str, Any]]]:
        """The OAuth callback the hub sends a signed-in browser back to (``<prefix>oauth_callback``)."""
        from jupyterhub.services.auth import HubOAuthCallbackHandler

        class OAuthCallback(HubOAuthCallbackHandler):  # type: ignore[misc]
            def initialize(self, hub_auth: Any) -> None:
                self.hub_auth = hub_auth

        return [(self.base + "oauth_callback", OAuthCallback, {"hub_auth": self.auth})]


def refused_page(hub_base: str = "/") -> str:
    """The page a signed-in account that may not use this server meets: why, and the way back, in every language.

    >>> page = refused_page("/")
    >>> "This page is not open to this account" in page and "href='/hub/home'" in page and 'lang="fi"' in page
    True
    """
    from nsc_workshop.i18n import available_languages, t

    home = html.escape(f"{hub_base.rstrip('/')}/hub/home", quote=True)
    sections = "".join(
        f'<section lang="{lang}"><h1>{html.escape(t("hub.refused.not_yours.title", lang=lang))}</h1>'
        f"<p>{html.escape(t('hub.refused.not_yours.text', lang=lang))}</p>"
        f"<p><a href='{home}'>{html.escape(t('hub.home_link', lang=lang))}</a></p></section>"
        for lang in available_languages()
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1"><title>403 · nsc-workshop</title>'
        "<style>body{font-family:system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;"
        "color:#1b2430;line-height:1.5}h1{font-size:1.3rem}section+section{border-top:1px solid #d5dbe3}"
        "a{color:#1f5fa8;font-weight:600}</style></head>"
        f"<body><main>{sections}</main></body></html>"
    )


def server_arguments(environ: Mapping[str, str] = os.environ) -> list[str]:
    """Where the hub wants the server: ``--Voila.ip``, ``--port`` and ``--base_url``, from its environment.

    >>> server_arguments({"JUPYTERHUB_SERVICE_URL": "http://127.0.0.1:41234/user/ana/",
    ...                   "JUPYTERHUB_SERVICE_PREFIX": "/user/ana/"})
    ['--Voila.ip=127.0.0.1', '--port=41234', '--base_url=/user/ana/']
    """
    bind = urlsplit(environ.get("JUPYTERHUB_SERVICE_URL", "http://127.0.0.1:8888/"))
    prefix = environ.get("JUPYTERHUB_SERVICE_PREFIX") or bind.path or "/"
    return [f"--Voila.ip={bind.hostname or '127.0.0.1'}", f"--port={bind.port or 8888}", f"--base_url={prefix}"]


def room_links(environ: Mapping[str, str], code: str) -> dict[str, str]:
    """The room's links under the hub: the participants' (with the code) and where to type the code.

    >>> room_links({"JUPYTERHUB_PUBLIC_URL": "https://hub.example.org/user/ana/"}, "123412341234")
    {'participant': 'https://hub.example.org/user/ana/room/123412341234', 'join': 'https://hub.example.org/user/ana/room'}
    """
    public = environ.get("JUPYTERHUB_PUBLIC_URL") or environ.get("JUPYTERHUB_SERVICE_PREFIX") or "/"
    public = public if public.endswith("/") else public + "/"
    return {"participant": f"{public}room/{code}", "join": f"{public}room"}


def room_server_name(workshop_id: str) -> str:
    """The name of the facilitator's server that holds a workshop's room on the hub.

    JupyterHub's server names are 1 to 30 lowercase letters, digits and single hyphens, starting with a
    letter; a workshop id may be longer or start with a digit, so the name is a digest of the id (the same
    workshop, the same server: its room code and its devices are kept across restarts).

    >>> room_server_name("varnholm-hate-online-2026-3f2a")
    'room-04c3ca6f9f'
    """
    return "room-" + hashlib.sha256(workshop_id.encode()).hexdigest()[:10]


def room_opening_url(workshop_id: str, environ: Mapping[str, str] = os.environ) -> str | None:
    """On a hub, the address that opens a workshop's room: its server, started when needed, then its host page.

    None off a hub (a laptop opens a room with ``nsc-workshop serve --workshop``).

    >>> room_opening_url("w-1", {"JUPYTERHUB_API_TOKEN": "x", "JUPYTERHUB_USER": "ana", "JUPYTERHUB_BASE_URL": "/"})
    '/hub/spawn/ana/room-0065abd009?opt-workshop=w-1&display_name=w-1&next=%2Fuser%2Fana%2Froom-0065abd009%2Froom%2Fhost'
    """
    user = environ.get("JUPYTERHUB_USER")
    if not under_hub(environ) or not user:
        return None
    base = environ.get("JUPYTERHUB_BASE_URL") or "/"
    base = base if base.endswith("/") else base + "/"
    name, who = room_server_name(workshop_id), quote(user, safe="")
    query = {"opt-workshop": workshop_id, "display_name": workshop_id, "next": f"{base}user/{who}/{name}/room/host"}
    return f"{base}hub/spawn/{who}/{name}?{urlencode(query)}"


def main() -> None:
    """The single-user server of a JupyterHub: the kit's server at the hub's prefix (``NOTEBOOKS`` first)."""
    from nsc_workshop.room import server

    if not under_hub():
        sys.exit("nsc_workshop.room.hub is started by a JupyterHub (no JUPYTERHUB_API_TOKEN)")
    if not os.environ.get(CITY_ENV, "").strip():  # a hub without the kit's spawn hook: never every city's store
        sys.exit(f"nsc_workshop.room.hub needs {CITY_ENV} from the hub's pre_spawn_hook (deploy/jupyterhub_config.py)")
    share = str(Path(__file__).parents[1] / "share")  # the kit's Voilà template
    os.environ["JUPYTER_PATH"] = os.pathsep.join([share, *filter(None, [os.environ.get("JUPYTER_PATH")])])
    for name in ("NSC_LAN", "NSC_FACILITATOR_KEY", "NSC_PROJECTOR_KEY"):
        os.environ.pop(name, None)  # under the hub the hub decides who is staff: no key, no LAN mode
    os.environ.setdefault(server.NONCE_ENV, os.urandom(8).hex())
    args = sys.argv[1:] or [str(_notebooks())]
    sys.argv = [sys.argv[0], *args, *server_arguments(), *server.voila_options()]
    log.debug("hub server: %s", json.dumps(sys.argv[1:]))
    server.main()


def _notebooks() -> Path:
    from nsc_workshop.datasets import notebooks_dir

    return notebooks_dir()


if __name__ == "__main__":
    main()
