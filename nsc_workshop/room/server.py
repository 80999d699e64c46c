"""The kit's server: Voilà's own, with the room beside it (one process, one port).

``python -m nsc_workshop.room.server NOTEBOOKS [Voilà options]`` is what
:class:`nsc_workshop.serve.VoilaServer` starts. It is Voilà's standalone
server, extended with:

- **the room** (:mod:`.handlers`): the participants' page and its API over the
  store, for the one workshop named in ``NSC_ROOM_WORKSHOP``;
- **who may reach the apps**: served to the room (``NSC_LAN=1``), the apps, the
  kernels and every Jupyter endpoint answer only to the facilitator's key (all
  of them) and the projector's key (the projector page only), given once in a
  link and then kept in a signed cookie. A participant's cookie opens none of
  them. On loopback (the facilitator's own computer) everything is open, as
  before;
- **logs without secrets**: no key, code, token or cookie is written to a log;
- **a base URL** (Voilà's ``--base_url``): the apps and the room under a prefix, as a JupyterHub
  serves them (``/user/<name>/``); ``/`` on a laptop. Under a hub (:mod:`.hub`), who is staff is
  asked of the hub instead of a key.

Why Voilà's own server and not jupyter_server with extensions: a
``jupyter server`` brings its contents, kernels and terminals APIs, which would
let whoever holds the facilitator's link run code on the facilitator's laptop
from the room's network. Voilà's server only renders the apps' notebooks and
passes widget messages to their kernels.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import sys
import time
from typing import Any

import tornado.web
from jupyter_server.auth.identity import IdentityProvider, User
from tornado.ioloop import IOLoop
from voila.app import Voila

from nsc_workshop.registry import HOME_NOTEBOOK, PROJECTOR_NOTEBOOK, ROOM_WORKSHOP_ENV
from nsc_workshop.room.devices import Devices
from nsc_workshop.room.engine import RoomEngine
from nsc_workshop.room.files import RoomKeys
from nsc_workshop.room.handlers import RoomContext, room_handlers, staff_role
from nsc_workshop.room.hub import HubStaff, room_links, under_hub
from nsc_workshop.room.scrub import install_scrubbing, scrub
from nsc_workshop.store import open_store

__all__ = [
    "LAN_ENV",
    "NONCE_ENV",
    "PROJECTOR_NOTEBOOK",
    "ROOM_DIR_ENV",
    "ROOM_WORKSHOP_ENV",
    "RoomVoila",
    "main",
    "scrub",
    "voila_options",
]

LAN_ENV = "NSC_LAN"
ROOM_DIR_ENV = "NSC_ROOM_DIR"
NONCE_ENV = "NSC_SERVER_NONCE"
LINKS_ENV = "NSC_ROOM_LINKS"
ROOM_URL_ENV = "NSC_ROOM_URL"

CULL_IDLE_SECONDS = 1800
"""A kernel no page is connected to, quiet this long, is shut down (its page reloads from the store)."""


def voila_options(*, preheat: bool = False, pool_size: int = 1) -> list[str]:
    """The server's fixed options, on a laptop and under a hub: sources stripped, no file served, kernels culled.

    >>> "--strip_sources=True" in voila_options(), "--preheat_kernel=True" in voila_options(preheat=True)
    (True, True)
    """
    args = [
        "--no-browser",
        "--Voila.port_retries=0",
        "--show_tracebacks=False",
        "--strip_sources=True",
        "--template=nsc",  # Voilà's lab template, with its icons served by the kit (no CDN)
        "--VoilaConfiguration.file_denylist",  # /voila/files/ serves nothing at all
        ".*",
    ]
    args += [  # a kernel whose page is gone without a word (see widgets/presence.py) is shut down
        f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE_SECONDS}",
        "--MappingKernelManager.cull_interval=120",
        "--MappingKernelManager.cull_connected=False",
    ]
    if preheat:
        args += ["--preheat_kernel=True", f"--pool_size={max(1, pool_size)}"]
    return args


_PROJECTOR_PATHS = re.compile(
    r"^/(voila/render/" + re.escape(PROJECTOR_NOTEBOOK) + r"|api/kernels/[^/]+(/channels)?|voila/query/[^/]+"
    r"|voila/api/shutdown/[^/]+)$"
)
"""What the projector's key opens: its page, and its own kernel's connections."""


def _log_request(handler: tornado.web.RequestHandler) -> None:
    """One line a request, without its query string (where links carry keys)."""
    status = handler.get_status()
    level = logging.INFO if status < 400 else logging.WARNING
    path = _below_base(handler.request.path)
    if status < 400 and path.startswith(("/room/api/", "/voila/static/", "/room/static/")):
        level = logging.DEBUG  # the room's pages ask often: keep the log readable
    took = 1000.0 * handler.request.request_time()
    logging.getLogger("nsc_workshop.server").log(
        level, "%d %s %s %.0f ms", status, handler.request.method, scrub(handler.request.path), took
    )


_base = ["/"]
"""The server's base URL (``/``, or ``/user/<name>/`` under a hub), set when it starts."""


def _below_base(path: str) -> str:
    """A request's path as if served at ``/``: ``/user/ana/room/api/x`` is ``/room/api/x`` under ``/user/ana/``."""
    base = _base[0]
    return "/" + path[len(base) :] if base != "/" and path.startswith(base) else path


class StaffIdentityProvider(IdentityProvider):
    """Who may reach Voilà: the facilitator (everything), the projector (its page), nobody else.

    Served on loopback, everyone is the facilitator (it is their computer). Under a JupyterHub, the
    hub says who (:class:`~nsc_workshop.room.hub.HubStaff`): the server's owner, no key.
    """

    keys: RoomKeys | None = None
    lan = False
    hub: HubStaff | None = None

    @property
    def auth_enabled(self) -> bool:
        return True

    @property
    def login_available(self) -> bool:
        return False

    def get_handlers(self) -> list[tuple[str, object]]:
        return []

    def get_user(self, handler: tornado.web.RequestHandler) -> Any:
        if self.hub is not None:
            return self._hub_user(self.hub, handler)
        if not self.lan or self.keys is None:
            return User("facilitator")
        role = staff_role(handler, self.keys, True)
        if role == "projector" and not _PROJECTOR_PATHS.match(_below_base(handler.request.path)):
            return None
        return User(role) if role else None

    async def _hub_user(self, hub: HubStaff, handler: tornado.web.RequestHandler) -> User | None:
        role = await hub.role(handler)
        return User(role) if role else None


class StaffOnlyHandler(tornado.web.RequestHandler):
    """Where a request for the apps without the facilitator's key lands: the way to the room instead."""

    def get(self) -> None:
        self.set_status(403)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        from nsc_workshop.room.handlers import _static

        self.finish(_static("staff-only.html"))


class RootHandler(tornado.web.RequestHandler):
    """``/``: the facilitator's home page for the facilitator, the room's join page for everyone else."""

    def initialize(self, keys: RoomKeys, lan: bool, base: str, hub: HubStaff | None) -> None:
        self.keys, self.lan, self.base, self.hub = keys, lan, base, hub

    def get(self) -> None:
        # under a hub, /user/<name>/ is where the hub sends the owner after signing in: the home page, whose
        # sign-in with the hub decides (participants come with the room's own link, /user/<name>/room/<code>)
        if self.hub is not None or staff_role(self, self.keys, self.lan) == "facilitator":
            self.redirect(self.base + "voila/render/" + HOME_NOTEBOOK)
        else:
            self.redirect(self.base + "room")


class RoomVoila(Voila):  # type: ignore[misc]
    """Voilà's server with the room, staff-only apps and scrubbed logs (see the module's notes)."""

    name = "nsc-workshop"

    def init_settings(self) -> dict[str, Any]:
        self.lan = os.environ.get(LAN_ENV) == "1"
        db_url = os.environ.get("NSC_WORKSHOP_DB", "")
        folder = os.environ.get(ROOM_DIR_ENV)
        if not folder:
            from nsc_workshop.room.files import room_folder

            folder = str(room_folder(db_url))
        from pathlib import Path

        self.room_keys = RoomKeys.load(Path(folder))
        self.cookie_secret = hashlib.sha256(("voila:" + self.room_keys.cookie_secret).encode()).digest()
        self.identity_provider_class = StaffIdentityProvider
        StaffIdentityProvider.keys, StaffIdentityProvider.lan = self.room_keys, self.lan
        self.room: RoomContext | None = None
        base = self.base_url if self.base_url.endswith("/") else self.base_url + "/"
        _base[0] = base
        self.hub = HubStaff() if under_hub() else None
        StaffIdentityProvider.hub = self.hub
        if self.hub is not None:  # the apps' kernels ask the room who is in it, on loopback, at the base
            os.environ[ROOM_URL_ENV] = f"http://127.0.0.1:{self.port}{base.rstrip('/')}"
        workshop = os.environ.get(ROOM_WORKSHOP_ENV)
        secrets = [self.room_keys.facilitator_key, self.room_keys.projector_key, self.room_keys.cookie_secret]
        secrets += list(self.room_keys.codes.values())
        install_scrubbing(secrets)
        settings: dict[str, Any] = super().init_settings()
        settings["login_url"] = base + "room/staff-only"
        settings["log_function"] = _log_request
        settings["cookie_secret"] = self.cookie_secret
        if workshop:
            store = open_store(db_url)
            code = self.room_keys.code_for(workshop)
            room_id = hashlib.sha256(f"{workshop}:{code}".encode()).hexdigest()[:16]
            engine = RoomEngine(store, workshop, Devices(self.room_keys.devices_file(workshop)), room_id)
            links = room_links(os.environ, code) if self.hub is not None else {}
            raw_links = os.environ.get(LINKS_ENV)
            if raw_links:
                import json

                links = json.loads(raw_links)
            self.room = RoomContext(engine, self.room_keys, code, room_id, self.lan, os.environ.get(NONCE_ENV, ""),
                                    links, base=base, staff=self.hub.role if self.hub else None)  # fmt: skip
        return settings

    def init_handlers(self) -> list[Any]:
        base = re.escape(_base[0])
        handlers: list[Any] = [
            (base + r"room/staff-only", StaffOnlyHandler),
            (base + r"?", RootHandler, {"keys": self.room_keys, "lan": self.lan, "base": _base[0], "hub": self.hub}),
        ]
        if self.hub is not None:
            handlers += self.hub.handlers()
        if self.room is not None:
            handlers += room_handlers(self.room)
            engine = self.room.engine
            IOLoop.current().add_callback(engine.start)
        else:
            handlers.append((base + r"room/api/ping", _NoRoomPing, {"nonce": os.environ.get(NONCE_ENV, "")}))
            handlers.append((base + r"room(/.*)?", _NoRoom))
        return [*handlers, *super().init_handlers()]

    def stop(self) -> None:
        if self.room is not None:
            self.room.engine.close()
        super().stop()


class _NoRoomPing(tornado.web.RequestHandler):
    def initialize(self, nonce: str) -> None:
        self.nonce = nonce

    def get(self) -> None:
        self.finish({"ok": True, "server": self.nonce, "room": False})


class _NoRoom(tornado.web.RequestHandler):
    def get(self, _rest: str | None = None) -> None:
        raise tornado.web.HTTPError(404)


def main() -> None:
    """Start the server (the command line is Voilà's)."""
    started = time.monotonic()
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl+C: a normal stop, no traceback
        RoomVoila.launch_instance()
    logging.getLogger(__name__).debug("stopped after %.0f s", time.monotonic() - started)
    sys.exit(0)


if __name__ == "__main__":
    main()
