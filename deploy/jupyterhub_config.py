# ruff: noqa: F821  (`c`, the configuration, is given by JupyterHub when it reads this file)
"""The nsc-workshop hub: JupyterHub with one kit server a user, each city's on its own database.

    NSC_DEPLOYMENT=/etc/nsc-hub/deployment.toml .venv/bin/jupyterhub -f deploy/jupyterhub_config.py

The deployment file (written by ``deploy/setup_postgres.py``, TOML, ``0600``) says:

- ``public_url``: where people open the hub (``https://workshops.example.org``); ``bind_url`` where the
  proxy listens (default: the public URL), ``hub_bind_url`` and ``proxy_api_url`` the hub's and the
  proxy's own loopback addresses;
- ``state_dir``: the hub's folder (its SQLite database, cookie secret, the users' homes and rooms);
- ``library_url``: the library's database; ``[cities.<slug>]``: each city's ``name`` and ``db_url`` (its
  own role on its own database);
- ``authenticator``: ``trial`` (the users and passwords of ``[trial.users.<name>]``, with their groups)
  or ``oidc`` (the alliance's sign-in, ``[oidc]``: see the facilitator guide, "Hosting for many cities");
- ``admin_users``, ``admin_access`` (whether hub admins may open a facilitator's apps; default no);
- ``rooms_per_user``: how many rooms a facilitator may have open at once (default 3; each is a server).

Groups on the hub: ``city:<slug>`` (exactly one for a facilitator), ``facilitator``, ``secretariat``.
When a user's server starts, :func:`pre_spawn_hook` gives it its city's database and nothing else.
A facilitator's default server holds the apps; each open room is a named server of theirs, started by the
kit's home page ("Open the room") for one workshop of their city.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import os
import sys
import tomllib
from pathlib import Path
from typing import Any

from tornado import web

from nsc_workshop.access import CITY_NAME_ENV, Principal, Scope
from nsc_workshop.errors import NotPermitted
from nsc_workshop.i18n import t
from nsc_workshop.room.hub import room_server_name
from nsc_workshop.room.scrub import install_scrubbing
from nsc_workshop.store import Store, open_store

DEPLOYMENT_ENV = "NSC_DEPLOYMENT"

install_scrubbing([])  # the hub logs paths: a participant's link to a room not yet started carries its code
deployment: dict[str, Any] = tomllib.loads(Path(os.environ[DEPLOYMENT_ENV]).read_text("utf-8"))
state = Path(deployment.get("state_dir", "/var/lib/nsc-hub"))
state.mkdir(parents=True, exist_ok=True, mode=0o700)
cities: dict[str, dict[str, str]] = deployment.get("cities", {})

# -- the hub, the proxy and where they keep their state -------------------------------------------------------
c.JupyterHub.public_url = deployment.get("public_url", "")
c.JupyterHub.bind_url = deployment.get("bind_url") or deployment.get("public_url", "http://127.0.0.1:8000")
c.JupyterHub.hub_bind_url = deployment.get("hub_bind_url", "http://127.0.0.1:8081")
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(state / "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True  # the hub stopped stops the users' servers (and the proxy)
c.JupyterHub.cleanup_proxy = True
c.JupyterHub.redirect_to_server = True
c.JupyterHub.shutdown_on_logout = False
c.JupyterHub.template_vars = {"announcement_login": "Nordic Safe Cities · nsc-workshop"}
# The proxy: JupyterHub's own configurable-http-proxy (npm's), which `make hub`/`make test` install into
# .venv/node (scripts/install-proxy.sh); else the one on the PATH (`npm install -g configurable-http-proxy`).
# It streams Voila's pages and passes the kernels' WebSockets on as they are (binary frames, subprotocols).
_proxy = Path(sys.executable).parents[1] / "node" / "node_modules" / ".bin" / "configurable-http-proxy"
c.ConfigurableHTTPProxy.command = [str(_proxy) if _proxy.exists() else "configurable-http-proxy"]
c.ConfigurableHTTPProxy.api_url = deployment.get("proxy_api_url", "http://127.0.0.1:8001")
c.ConfigurableHTTPProxy.pid_file = str(state / "proxy.pid")
c.ConfigurableHTTPProxy.debug = False

# -- who signs in --------------------------------------------------------------------------------------------
c.Authenticator.admin_users = set(deployment.get("admin_users", []))
c.Authenticator.manage_groups = True  # the sign-in says who is in which city: the hub's groups follow it
c.Authenticator.enable_auth_state = False

if deployment.get("authenticator", "oidc") == "trial":
    from jupyterhub.auth import Authenticator

    class TrialAuthenticator(Authenticator):  # type: ignore[misc]
        """The trial's users, passwords and groups, from the deployment file (for a trial only)."""

        def check_allowed(self, username: str, authentication: Any = None) -> bool:
            return username in deployment.get("trial", {}).get("users", {})

        any_allow_config = True  # check_allowed above: the trial's users only

        async def authenticate(self, handler: Any, data: dict[str, str]) -> dict[str, Any] | None:
            users = deployment.get("trial", {}).get("users", {})
            name = str(data.get("username", ""))
            given = hashlib.sha256(str(data.get("password", "")).encode()).digest()
            known = users.get(name)
            expected = hashlib.sha256(str(known["password"]).encode()).digest() if known else os.urandom(32)
            if not hmac.compare_digest(given, expected) or not known:
                return None
            return {"name": name, "groups": list(known.get("groups", []))}

    c.JupyterHub.authenticator_class = TrialAuthenticator
else:  # the alliance's sign-in (OpenID Connect): its groups claim names the city and the roles
    oidc = deployment.get("oidc", {})
    c.JupyterHub.authenticator_class = "generic-oauth"
    c.GenericOAuthenticator.login_service = oidc.get("login_service", "Nordic Safe Cities")  # "Sign in with ..."
    c.GenericOAuthenticator.client_id = oidc.get("client_id", "")
    c.GenericOAuthenticator.client_secret = oidc.get("client_secret", "")
    c.GenericOAuthenticator.oauth_callback_url = deployment.get("public_url", "").rstrip("/") + "/hub/oauth_callback"
    c.GenericOAuthenticator.authorize_url = oidc.get("authorize_url", "")
    c.GenericOAuthenticator.token_url = oidc.get("token_url", "")
    c.GenericOAuthenticator.userdata_url = oidc.get("userdata_url", "")
    c.GenericOAuthenticator.scope = oidc.get("scope", ["openid", "profile", "groups"])
    c.GenericOAuthenticator.username_claim = oidc.get("username_claim", "preferred_username")
    c.GenericOAuthenticator.auth_state_groups_key = oidc.get("groups_key", "oauth_user.groups")
    c.GenericOAuthenticator.allowed_groups = set(oidc.get("allowed_groups", ["facilitator", "secretariat"]))
    c.GenericOAuthenticator.admin_groups = set(oidc.get("admin_groups", []))
    c.GenericOAuthenticator.manage_groups = True  # the hub's groups are the sign-in's, at every sign-in

# -- each user's server: the kit's own server (Voilà's, with the room), at /user/<name>/ --------------------
c.JupyterHub.spawner_class = "simple"  # the trial: every server runs as the hub's OS user (see the guide)
c.Spawner.cmd = [sys.executable, "-m", "nsc_workshop.room.hub"]
c.Spawner.args = []
c.Spawner.default_url = "/"
c.Spawner.http_timeout = 60
c.Spawner.start_timeout = 120
c.SimpleLocalProcessSpawner.home_dir_template = str(state / "home" / "{username}")
# A room is a server of its own (a named server, "room-<digest of the workshop id>"), so a facilitator can
# run the apps and a room, or two rooms, at once; how many rooms at once is capped (each takes ~170 MiB).
c.JupyterHub.allow_named_servers = True
c.JupyterHub.named_server_limit_per_user = int(deployment.get("rooms_per_user", 3))


class Refused(web.HTTPError):  # type: ignore[misc]
    """A spawn refused with a message the user reads on the hub's page (in the hub's language)."""

    def __init__(self, message: str) -> None:
        super().__init__(403, log_message=message)
        self.jupyterhub_message = message


_stores: dict[str, Store] = {}


def _city_has(city: str, workshop: str) -> bool:
    """Whether ``workshop`` is one of ``city``'s, read with the city's own role on its own database."""
    store = _stores.get(city)
    if store is None:
        store = _stores[city] = open_store(cities[city]["db_url"], scope=Scope.of_city(city))
    return store.exists(workshop)


def _option(options: Any, name: str) -> str | None:
    value = options.get(name) if isinstance(options, dict) else None
    if isinstance(value, list):
        value = value[0] if value else None
    return str(value) if value else None


async def pre_spawn_hook(spawner: Any) -> None:
    """Give a user's server its city's database and nothing else, from the user's groups on the hub.

    The groups are read as :meth:`nsc_workshop.access.Principal.from_groups` reads them: a facilitator is
    in exactly one ``city:<slug>`` group; the secretariat may be in none (it gets an empty store and reads
    the library). Anyone else is refused with a message that says why. A named server is a room: it starts
    only for a workshop of the user's city (``?opt-workshop=``), under the name that workshop's room has.
    """
    user = spawner.user
    try:
        principal = Principal.from_groups(user.name, [group.name for group in user.groups])
    except NotPermitted as exc:
        raise Refused(exc.message) from None
    city = principal.scope.city
    if city is not None and city not in cities:
        raise Refused(t("hub.refused.unknown_city", city=city))
    workshop = _option(spawner.user_options, "workshop") if spawner.name else None
    if spawner.name:  # a room's server: for a workshop of the user's city, under that workshop's name
        if not workshop or room_server_name(workshop) != spawner.name:
            raise Refused(t("hub.refused.bad_workshop"))
        if city is None:
            raise Refused(t("hub.refused.no_city_room"))
        if not await asyncio.to_thread(_city_has, city, workshop):  # (an id that is no id: not the city's)
            raise Refused(t("hub.refused.not_the_citys", city=cities[city].get("name", city)))
    env = {
        **principal.env(),  # NSC_USER, NSC_CITY (or "-"), NSC_ROLES: the store and library scope themselves
        "NSC_WORKSHOP_DB": cities[city]["db_url"] if city else "sqlite://",
        "NSC_LIBRARY_DB": deployment.get("library_url", "sqlite://"),
        "NSC_ROOM_DIR": str(state / "rooms" / user.name / (spawner.name or "apps")),
    }
    if city:
        env[CITY_NAME_ENV] = cities[city].get("name", city)
    if workshop:
        env["NSC_ROOM_WORKSHOP"] = workshop
    if deployment.get("admin_access", False):
        env["JUPYTERHUB_ADMIN_ACCESS"] = "1"  # hub admins may open this server's apps (see room/hub.py)
    spawner.environment = {**spawner.environment, **env}


c.Spawner.pre_spawn_hook = pre_spawn_hook
