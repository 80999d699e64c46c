"""The room's HTTP and WebSocket endpoints, served by the kit's Voilà server (same process, same port).

Participants never reach a notebook, a kernel or any Jupyter endpoint: they
reach these, which know one workshop only (the room's) and answer from the
room's engine. Who a device is comes from its signed cookie, issued when it
joined; nothing in a request names who it is.

``/room``                     the join page (type the room code)
``/room/<code>``              the room's page (the participants' link and QR code)
``/room/static/...``          the page's own HTML, CSS, JavaScript and icons (nothing from outside)
``/room/api/room?code=``      what the join page shows: the workshop's title and place, the sectors
``/room/api/join``            POST ``{code, name, sector}``: issues the handle and the cookie
``/room/api/strings?lang=``   the page's words in a language
``/room/api/op``              POST one contribution (also a photo, multipart); the socket is the usual way
``/room/api/image/<id>``      a sketch's photo, if the device may see the sketch
``/room/ws``                  the live connection: the device's view, then what changes; contributions and acks
``/room/host``, ``/room/api/host/...``  the facilitator's: who is in the room, remove a device, the links

Every path is below the server's base URL (:attr:`RoomContext.base`): ``/`` on a laptop,
``/user/<name>/`` under a JupyterHub, where the room's cookie is scoped to ``/user/<name>/room``.
"""

from __future__ import annotations

import asyncio
import functools
import hmac
import html
import json
import logging
import mimetypes
import re
import time
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import tornado.web
import tornado.websocket

from nsc_workshop.datasets import sectors, tie_types, wickedness_characteristics
from nsc_workshop.errors import InvalidInput, NscWorkshopError
from nsc_workshop.i18n import available_languages, catalog, t, use_language
from nsc_workshop.images import MAX_UPLOAD_BYTES
from nsc_workshop.room.devices import HANDLE_MAX, Device
from nsc_workshop.room.engine import RoomEngine
from nsc_workshop.room.files import RoomKeys, format_code, normalise_code
from nsc_workshop.room.ops import parse_op
from nsc_workshop.room.views import ACTIVITIES, item_for

__all__ = ["COOKIE", "RoomContext", "room_handlers"]

log = logging.getLogger(__name__)

COOKIE = "nsc_room"
STAFF_COOKIE = "nsc_staff"
COOKIE_DAYS = 7
"""A device stays in its room this long (a workshop may run over several days)."""
MESSAGE_MAX = 64 * 1024
WRONG_CODES_MAX = 20
WRONG_CODES_WINDOW = 600.0
LANGUAGE_NAMES = {"en": "English", "sv": "Svenska", "da": "Dansk", "nb": "Norsk (bokmål)", "fi": "Suomi"}

CSP = (
    "default-src 'self'; img-src 'self' blob: data:; style-src 'self'; script-src 'self'; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)
"""Everything the room's pages use comes from the server itself; nothing inline, nothing from outside."""

STRING_PREFIXES = ("room.page.", "room.error.", "ideas.kind.", "iceberg.", "sprint.valence.")


@dataclass
class RoomContext:
    """What the room's handlers share: the engine, the secrets, the room's code and id."""

    engine: RoomEngine
    keys: RoomKeys
    code: str
    room_id: str
    lan: bool
    nonce: str
    links: dict[str, str] = field(default_factory=dict)
    wrong_codes: dict[str, deque[float]] = field(default_factory=lambda: defaultdict(deque))
    base: str = "/"
    """Where the server is served: ``/``, or ``/user/<name>/`` under a JupyterHub (always ends with ``/``)."""
    staff: Callable[[tornado.web.RequestHandler], Awaitable[str | None]] | None = None
    """Who is staff, when not decided by the keys (under a JupyterHub: asked of the hub)."""

    async def staff_role(self, handler: tornado.web.RequestHandler) -> str | None:
        """``facilitator`` or ``projector`` for a request of the facilitator's (or the projector's), else None."""
        if self.staff is not None:
            return await self.staff(handler)
        return staff_role(handler, self.keys, self.lan)

    def too_many_wrong_codes(self, ip: str) -> bool:
        now = time.monotonic()
        attempts = self.wrong_codes[ip]
        while attempts and attempts[0] < now - WRONG_CODES_WINDOW:
            attempts.popleft()
        return len(attempts) >= WRONG_CODES_MAX

    def wrong_code(self, ip: str) -> None:
        self.wrong_codes[ip].append(time.monotonic())

    def code_matches(self, given: str) -> bool:
        code = normalise_code(given)
        return bool(code) and hmac.compare_digest(code.encode(), self.code.encode())


@functools.cache
def _static(name: str) -> bytes:
    return (resources.files("nsc_workshop.room") / "static" / name).read_bytes()


PAGES = {
    "room": {"title": "Workshop room", "script": "room.js", "main": "room", "classes": "nsc-room"},
    "host": {"title": "Who is in the room", "script": "host.js", "main": "host", "classes": "nsc-room nsc-host"},
}
"""The two pages of the room, made from ``page.html``: the participants' and the facilitator's."""


@functools.cache
def page_html(kind: str, base: str = "/") -> bytes:
    """One of :data:`PAGES` as HTML: the same shell, its own script (and ``common.js`` before it), at ``base``.

    >>> b'href="/user/ana/room/static/room.css"' in page_html("room", "/user/ana/")
    True
    """
    return _static("page.html").decode().format_map({**PAGES[kind], "base": html.escape(base)}).encode()


class _Base(tornado.web.RequestHandler):
    """Common to the room's endpoints: no caching of answers, strict headers, JSON errors."""

    room: RoomContext

    def initialize(self, room: RoomContext) -> None:
        self.room = room

    def set_default_headers(self) -> None:
        self.set_header("Cache-Control", "no-store")
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Referrer-Policy", "no-referrer")
        self.set_header("X-Frame-Options", "DENY")
        self.set_header("Content-Security-Policy", CSP)

    def lang(self) -> str:
        asked = self.get_argument("lang", "") or ""
        return asked if asked in available_languages() else self.room.engine.language

    def json(self, data: Any, status: int = 200) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps(data, ensure_ascii=False))

    def fail(self, status: int, error: str, fld: str | None = None) -> None:
        self.json({"ok": False, "error": error, "field": fld}, status)

    def device(self) -> Device | None:
        """The device this request comes from: its signed cookie, for this room, not removed."""
        raw = self.get_signed_cookie(COOKIE, max_age_days=COOKIE_DAYS)
        return device_of(self.room, raw)

    def removed(self) -> bool:
        """Whether this request's cookie is of a device the facilitator removed from the room."""
        raw = self.get_signed_cookie(COOKIE, max_age_days=COOKIE_DAYS)
        try:
            data = json.loads(raw) if raw else None
        except ValueError:
            return False
        return isinstance(data, dict) and self.room.engine.devices.was_removed(str(data.get("d", "")))

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps({"ok": False, "error": self._reason}))

    def check_json_post(self) -> bool:
        """A JSON POST from the room's own page (a cross-site form cannot send one without asking first)."""
        kind = self.request.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if kind != "application/json" or not _same_origin(self):
            self.fail(403, t("room.error.bad_message", lang=self.lang()))
            return False
        if len(self.request.body) > MESSAGE_MAX:
            self.fail(413, t("room.error.bad_message", lang=self.lang()))
            return False
        return True


def _same_origin(handler: tornado.web.RequestHandler) -> bool:
    origin = handler.request.headers.get("Origin")
    if not origin:
        return True  # not a browser's cross-site request (those always say where they come from)
    host = handler.request.headers.get("Host", "")
    return origin.split("://", 1)[-1] == host


def device_of(room: RoomContext, raw: bytes | None) -> Device | None:
    if not raw:
        return None
    try:
        data = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(data, dict) or data.get("r") != room.room_id:
        return None
    return room.engine.devices.get(str(data.get("d", "")))


def _set_device_cookie(handler: tornado.web.RequestHandler, room: RoomContext, device: Device) -> None:
    value = json.dumps({"r": room.room_id, "d": device.id})
    handler.set_signed_cookie(COOKIE, value, expires_days=COOKIE_DAYS, httponly=True, samesite="Strict",
                              path=room.base + "room")  # fmt: skip


class PageHandler(_Base):
    """The room's page (one HTML file; the code, if any, is read by the page from its own address)."""

    def get(self, code: str = "") -> None:
        if code and not normalise_code(code):
            raise tornado.web.HTTPError(404)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(page_html("room", self.room.base))


class StaticHandler(tornado.web.RequestHandler):
    """The page's own files, from the package (never a CDN)."""

    def set_default_headers(self) -> None:
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Cache-Control", "no-cache")
        self.set_header("Content-Security-Policy", CSP)

    def get(self, name: str) -> None:
        if "/" in name or name.startswith(".") or name.endswith(".html"):
            raise tornado.web.HTTPError(404)  # pages are served by their own handlers (the host's behind the key)
        try:
            data = _static(name)
        except (FileNotFoundError, IsADirectoryError):
            raise tornado.web.HTTPError(404) from None
        kind = {"js": "text/javascript", "css": "text/css", "svg": "image/svg+xml"}.get(name.rpartition(".")[2])
        self.set_header("Content-Type", (kind or mimetypes.guess_type(name)[0] or "application/octet-stream")
                        + ("; charset=utf-8" if kind in ("text/javascript", "text/css") else ""))  # fmt: skip
        self.finish(data)


class RoomInfoHandler(_Base):
    """What a page learns before joining: is this code the room's, its title and place; and whether it joined."""

    def get(self) -> None:
        ip = self.request.remote_ip or ""
        if self.room.too_many_wrong_codes(ip):
            self.fail(429, t("room.error.too_many_codes", lang=self.lang()))
            return
        device = self.device()
        code = self.get_argument("code", "")
        if device is None and self.removed():
            self.json({"ok": False, "known": False, "removed": True})
            return
        if device is None and not self.room.code_matches(code):
            if code:
                self.room.wrong_code(ip)
            self.json({"ok": False, "known": False, "removed": False}, 404 if code else 200)
            return
        workshop = self.room.engine.state
        self.json(
            {
                "ok": True,
                "known": True,
                "joined": device is not None,
                "handle": device.handle if device else None,
                "title": workshop.meta.title,
                "city": workshop.meta.city,
                "language": workshop.meta.language,
                "anonymous": workshop.settings.anonymous,
                "code": format_code(self.room.code),
            }
        )


class JoinHandler(_Base):
    """Join the room: the code, a chosen name (or none) and a sector; answers with the handle issued."""

    async def post(self) -> None:
        if not self.check_json_post():
            return
        ip = self.request.remote_ip or ""
        lang = self.lang()
        if self.room.too_many_wrong_codes(ip):
            self.fail(429, t("room.error.too_many_codes", lang=lang))
            return
        try:
            body = json.loads(self.request.body or b"{}")
        except ValueError:
            self.fail(400, t("room.error.bad_message", lang=lang))
            return
        if not isinstance(body, dict):
            self.fail(400, t("room.error.bad_message", lang=lang))
            return
        existing = self.device()
        if existing is not None:  # a second tap on Join, or a reload: the same device, the same handle
            self.json({"ok": True, "handle": existing.handle})
            return
        if self.removed():  # the facilitator removed this device: a reload does not bring it back
            self.json({"ok": False, "error": t("room.error.removed", lang=lang), "removed": True}, 403)
            return
        if not self.room.code_matches(str(body.get("code", ""))):
            self.room.wrong_code(ip)
            self.fail(403, t("room.error.wrong_code", lang=lang), "code")
            return
        name = body.get("name")
        sector = body.get("sector", "")
        if not isinstance(name, str | type(None)) or not isinstance(sector, str):
            self.fail(400, t("room.error.bad_message", lang=lang))
            return
        if sector and sector not in {str(s["id"]) for s in sectors()}:
            sector = ""
        try:
            with use_language(lang):
                device = await self.room.engine.join(name, sector)
        except InvalidInput as exc:
            with use_language(lang):
                problem = exc.problems[0] if exc.problems else None
                self.json({"ok": False, "error": problem.message if problem else exc.message, "field": "name",
                           "suggestion": exc.params.get("suggestion")}, 409)  # fmt: skip
            return
        except NscWorkshopError as exc:
            self.fail(503, exc.message)
            return
        _set_device_cookie(self, self.room, device)
        self.json({"ok": True, "handle": device.handle})


@functools.cache
def page_strings(lang: str) -> dict[str, Any]:
    """Everything the page writes, in one language: its words, and the names of sectors, tie types, layers..."""
    with use_language(lang):
        words = {k: v for k, v in catalog("en").items() if k.startswith(STRING_PREFIXES)}
        words = {k: catalog(lang).get(k, v) for k, v in words.items()}
        return {
            "lang": lang,
            "languages": [[code, LANGUAGE_NAMES.get(code, code)] for code in available_languages()],
            "words": words,
            "sectors": [[str(s["id"]), str(s["label"]), str(s.get("group", ""))] for s in sectors()],
            "tie_types": [[str(s["id"]), str(s["label"])] for s in tie_types()],
            "characteristics": [
                [str(c["id"]), str(c["label"]), str(c.get("prompt", ""))] for c in wickedness_characteristics()
            ],
            "activities": ACTIVITIES,
            "handle_max": HANDLE_MAX,
            "upload_max": MAX_UPLOAD_BYTES,
        }


class StringsHandler(_Base):
    def get(self) -> None:
        self.json(page_strings(self.lang()))


class OpHandler(_Base):
    """One contribution over HTTP: JSON, or multipart with a photo (the socket is the usual way for the rest)."""

    async def post(self) -> None:
        device = self.device()
        lang = self.lang()
        if device is None:
            self.fail(401, t("room.error.not_joined", lang=lang))
            return
        kind = self.request.headers.get("Content-Type", "").split(";")[0].strip().lower()
        photo = None
        if kind == "multipart/form-data":
            if self.request.headers.get("X-NSC-Room") != "1" or not _same_origin(self):
                self.fail(403, t("room.error.bad_message", lang=lang))
                return
            raw = self.get_body_argument("message", "")
            files = self.request.files.get("photo") or []
            photo = files[0].body if files else None
        elif self.check_json_post():
            raw = self.request.body.decode("utf-8", "replace")
        else:
            return
        try:
            op = parse_op(json.loads(raw))
        except (ValueError, InvalidInput):
            self.fail(400, t("room.error.bad_message", lang=lang))
            return
        ack = await self.room.engine.submit(device, op, photo, lang)
        self.json(ack.message())


class ImageHandler(_Base):
    """A sketch's photo, to a device that may see that sketch."""

    async def get(self, attachment_id: str) -> None:
        device = self.device()
        if device is None:
            raise tornado.web.HTTPError(404)
        workshop = self.room.engine.state
        shown = [
            s for s in workshop.sprint.sketches.values()
            if s.attachment == attachment_id and item_for(workshop, "sketch", s, device.handle) is not None
        ]  # fmt: skip
        attachment = workshop.sprint.attachments.get(attachment_id)
        if not shown or attachment is None:
            raise tornado.web.HTTPError(404)
        data = await self.room.engine.image(attachment.sha256)
        self.set_header("Content-Type", attachment.media_type)
        self.set_header("Cache-Control", "private, max-age=86400")
        self.finish(data)


class PingHandler(_Base):
    """Whether the server answering is this run's (the CLI waits for its own, not a leftover)."""

    def get(self) -> None:
        self.json({"ok": True, "server": self.room.nonce})


class RoomSocket(tornado.websocket.WebSocketHandler):
    """A page's live connection: the device's view, what changes, its contributions and their acks."""

    room: RoomContext

    def initialize(self, room: RoomContext) -> None:
        self.room = room
        self.device: Device | None = None
        self.lang = room.engine.language
        self.tasks: set[asyncio.Task[None]] = set()

    def get_compression_options(self) -> dict[str, Any] | None:
        return None

    @property
    def ping_interval(self) -> float | None:
        return 15.0  # a phone gone without a word is noticed (and shown offline to the facilitator)

    @property
    def ping_timeout(self) -> float | None:
        return 15.0

    async def get(self, *args: Any, **kwargs: Any) -> None:
        raw = self.get_signed_cookie(COOKIE, max_age_days=COOKIE_DAYS)
        self.device = device_of(self.room, raw)
        asked = self.get_argument("lang", "")
        if asked in available_languages():
            self.lang = asked
        await super().get(*args, **kwargs)

    def open(self, *args: Any, **kwargs: Any) -> None:
        if self.device is None:  # a page learns why only from a close code (an HTTP status never reaches it)
            self.close(4401, "not joined")
            return
        self.room.engine.connect(self.device, self)

    def on_message(self, message: str | bytes) -> None:
        if self.device is None or len(message) > MESSAGE_MAX:
            return
        try:
            data = json.loads(message)
        except ValueError:
            return
        if not isinstance(data, dict):
            return
        kind = data.get("t")
        self.room.engine.seen(self.device)
        if kind == "ping":
            self.send('{"t":"pong"}')
        elif kind == "lang" and data.get("lang") in available_languages():
            self.lang = str(data["lang"])
        elif kind == "op":
            task = asyncio.ensure_future(self._contribute(data))
            self.tasks.add(task)
            task.add_done_callback(self.tasks.discard)

    async def _contribute(self, data: dict[str, Any]) -> None:
        assert self.device is not None
        try:
            op = parse_op(data)
        except InvalidInput as exc:
            op_id = data.get("id") if isinstance(data.get("id"), str) else None
            with use_language(self.lang):
                self.send(json.dumps({"t": "ack", "id": op_id, "ok": False, "error": t(exc.key)}))
            return
        ack = await self.room.engine.submit(self.device, op, None, self.lang)
        self.send(json.dumps(ack.message(), ensure_ascii=False))

    def send(self, message: str) -> None:
        if self.ws_connection is None or self.ws_connection.is_closing():
            raise tornado.websocket.WebSocketClosedError()
        self.write_message(message)

    def close_removed(self) -> None:
        try:
            self.send('{"t":"removed"}')
        finally:
            self.close(4403, "removed")

    def on_close(self) -> None:
        if self.device is not None:
            self.room.engine.disconnect(self.device, self)


def staff_role(handler: tornado.web.RequestHandler, keys: RoomKeys, lan: bool) -> str | None:
    """``facilitator`` or ``projector`` for a request with that key (link, header or cookie), else None.

    Served on loopback only, the machine is the facilitator's: every request is.
    """
    if not lan:
        return "facilitator"
    given = handler.get_query_argument("key", "") or handler.request.headers.get("X-NSC-Key", "")
    for role, key in (("facilitator", keys.facilitator_key), ("projector", keys.projector_key)):
        if given and len(given) < 256 and hmac.compare_digest(given.encode(), key.encode()):
            handler.set_signed_cookie(STAFF_COOKIE, role, expires_days=1, httponly=True, samesite="Strict")
            return role
    raw = handler.get_signed_cookie(STAFF_COOKIE, max_age_days=1)
    kept = raw.decode() if raw else None
    return kept if kept in ("facilitator", "projector") else None


class HostHandler(_Base):
    """The facilitator's view of the room: who is in it (remove a device), the links and the code."""

    async def prepare(self) -> None:
        if await self.room.staff_role(self) != "facilitator":
            if self.room.staff is not None and not self.path_args and self.request.method == "GET":
                self.redirect(self.get_login_url())  # the page, under a hub: sign in there, come back here
                return
            raise tornado.web.HTTPError(403)

    def get(self, what: str = "") -> None:
        if what == "people":
            self.json({"ok": True, "people": self.room.engine.people(), "code": format_code(self.room.code)})
        elif what == "":
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.finish(page_html("host", self.room.base))
        elif what == "links":
            self.json({"ok": True, **self.room.links, "code": format_code(self.room.code)})
        elif what == "qr.svg" and self.room.links.get("participant"):
            import io

            from nsc_workshop.qr import qr_code

            out = io.BytesIO()
            qr_code(self.room.links["participant"]).save(out, kind="svg", scale=8, border=4, dark="#000", light="#fff")
            self.set_header("Content-Type", "image/svg+xml")
            self.finish(out.getvalue())
        else:
            raise tornado.web.HTTPError(404)

    async def post(self, what: str = "") -> None:
        if what not in ("remove", "decider"):
            raise tornado.web.HTTPError(404)
        if not self.check_json_post():
            return
        try:
            body = json.loads(self.request.body)
            device_id = str(body.get("device", ""))
        except (ValueError, AttributeError):
            self.fail(400, t("room.error.bad_message", lang=self.lang()))
            return
        if what == "remove":
            self.json({"ok": self.room.engine.remove(device_id) is not None})
            return
        try:
            done = await self.room.engine.set_decider(device_id, bool(body.get("on")))
        except NscWorkshopError as exc:
            self.fail(409, t(exc.key, lang=self.lang(), **exc.params))
            return
        self.json({"ok": done})


def room_handlers(room: RoomContext) -> list[tuple[str, type[tornado.web.RequestHandler], dict[str, Any]]]:
    """The room's routes, for the server's tornado application."""
    args = {"room": room}
    at = re.escape(room.base) + "room"
    return [
        (at + r"/?", PageHandler, args),
        (at + r"/([0-9 %-]{12,40})/?", PageHandler, args),
        (at + r"/static/([A-Za-z0-9_.-]+)", StaticHandler, {}),
        (at + r"/api/room", RoomInfoHandler, args),
        (at + r"/api/join", JoinHandler, args),
        (at + r"/api/strings", StringsHandler, args),
        (at + r"/api/op", OpHandler, args),
        (at + r"/api/image/([A-Za-z0-9_.:-]{1,64})", ImageHandler, args),
        (at + r"/api/ping", PingHandler, args),
        (at + r"/ws", RoomSocket, args),
        (at + r"/host/?", HostHandler, args),
        (at + r"/api/host/(people|remove|decider|links|qr\.svg)", HostHandler, args),
    ]
