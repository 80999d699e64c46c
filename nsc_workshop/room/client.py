"""A participant's device without a browser: the room's HTTP and WebSocket protocol from Python.

Used by the tests and the benchmarks to be thirty (or a hundred) phones at once,
and open to anyone who wants to script a room. It speaks exactly what the page
speaks: join with the code, keep the cookie, open the socket, send
contributions with ids of its own, read what the server sends.

>>> RoomClient("http://127.0.0.1:8866/room/481722905531").code
'481722905531'
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import secrets
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest
from tornado.websocket import WebSocketClientConnection, WebSocketClosedError, websocket_connect

__all__ = ["RoomClient", "RoomRefused"]


class RoomRefused(Exception):
    """The server answered a join with an error (its status and body)."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(f"{status}: {body.get('error')}")
        self.status, self.body = status, body


class RoomClient:
    """One device: ``await join(name)``, ``await connect()``, ``await op(name, **args)``.

    ``frames`` keeps every message the server sent it.

    ``view`` is the device's state as the page would hold it (items by id,
    dots, heat, hidden count, room), updated from ``hello`` and ``patch``.

    The link is the participants' own, on a laptop or under a hub's prefix::

        >>> client = RoomClient("https://hub.example.org/user/kari/room/123412341234")
        >>> client.base, client.code
        ('https://hub.example.org/user/kari', '123412341234')
        >>> RoomClient("http://192.168.1.23:8866/room/123412341234").base
        'http://192.168.1.23:8866'
    """

    def __init__(self, link: str, *, lang: str = "en") -> None:
        parts = urlsplit(link)
        path = parts.path.rstrip("/")
        prefix = path[: path.rfind("/room/")] if "/room/" in path else ""  # under a hub: /user/<facilitator>
        self.base = f"{parts.scheme}://{parts.netloc}{prefix}"
        self.code = path.rsplit("/", 1)[-1]
        self.lang = lang
        self.cookie: str | None = None
        self.handle: str | None = None
        self.frames: list[str] = []
        self.acks: dict[str, dict[str, Any]] = {}
        self.items: dict[str, dict[str, Any]] = {}
        self.dots: dict[str, dict[str, int]] = {}
        self.heat: dict[str, list[list[float]]] = {}
        self.hidden = 0
        self.room: dict[str, Any] = {}
        self.removed = False
        self.seen_at: dict[str, float] = {}
        """When each item id was first seen (``time.time()``): latencies in benchmarks."""
        self._ws: WebSocketClientConnection | None = None
        self._reader: asyncio.Task[None] | None = None
        self._changed = asyncio.Event()
        self._http = AsyncHTTPClient(force_instance=True, max_clients=64)  # tornado's shared client queues past 10

    async def join(self, name: str | None = None, sector: str = "") -> str:
        """Join the room with ``name`` (None: a generated handle); returns the handle issued."""
        body = json.dumps({"code": self.code, "name": name, "sector": sector})
        request = HTTPRequest(f"{self.base}/room/api/join?lang={self.lang}", method="POST", body=body,
                              headers={"Content-Type": "application/json"}, request_timeout=60)  # fmt: skip
        try:
            response = await self._http.fetch(request)
        except HTTPClientError as exc:
            raw = exc.response.body if exc.response is not None else b"{}"
            raise RoomRefused(exc.code, json.loads(raw or b"{}")) from None
        self.cookie = response.headers["Set-Cookie"].split(";")[0]
        self.handle = str(json.loads(response.body)["handle"])
        return self.handle

    async def connect(self, timeout: float = 30.0) -> None:
        """Open the live connection and wait for the device's whole view."""
        assert self.cookie, "join first"
        url = self.base.replace("http", "ws", 1) + f"/room/ws?lang={self.lang}"
        request = HTTPRequest(url, headers={"Cookie": self.cookie}, request_timeout=timeout)
        self._ws = await websocket_connect(request)
        hello = asyncio.get_running_loop().create_future()
        self._reader = asyncio.ensure_future(self._read(self._ws, hello))
        await asyncio.wait_for(hello, timeout)

    async def _read(self, ws: WebSocketClientConnection, hello: asyncio.Future[None]) -> None:
        while True:
            message = await ws.read_message()
            if message is None:
                if not hello.done():  # closed before the view: not joined (4401) or removed (4403)
                    hello.set_exception(RoomRefused(ws.close_code or 0, {"error": ws.close_reason}))
                break
            text = message if isinstance(message, str) else message.decode()
            self.frames.append(text)
            self._take(json.loads(text))
            if not hello.done() and self.room:
                hello.set_result(None)
            self._changed.set()
        self._changed.set()

    def _take(self, data: dict[str, Any]) -> None:
        kind = data.get("t")
        now = time.time()
        if kind == "hello":
            self.items = {i["id"]: i for i in data["items"]}
            self.dots, self.heat, self.hidden, self.room = data["dots"], data["heat"], data["hidden"], data["room"]
            for item_id in self.items:
                self.seen_at.setdefault(item_id, now)
        elif kind == "patch":
            for item in data["items"]:
                self.items[item["id"]] = item
                self.seen_at.setdefault(item["id"], now)
            for gone in data["gone"]:
                self.items.pop(gone, None)
            self.dots.update(data["dots"])
            self.heat.update(data["heat"])
            if data.get("hidden") is not None:
                self.hidden = data["hidden"]
        elif kind == "room":
            self.room = data["room"]
        elif kind == "ack" and data.get("id"):
            self.acks[str(data["id"])] = data
        elif kind == "removed":
            self.removed = True

    async def send(self, op: str, op_id: str | None = None, **args: Any) -> str:
        """Send one contribution over the socket (not waiting); returns its id."""
        assert self._ws is not None, "connect first"
        op_id = op_id or secrets.token_hex(8)
        self.acks.pop(op_id, None)  # a resend waits for its own answer
        await self._ws.write_message(json.dumps({"t": "op", "op": op, "id": op_id, "args": args}))
        return op_id

    async def op(self, op: str, op_id: str | None = None, timeout: float = 30.0, **args: Any) -> dict[str, Any]:
        """Send one contribution and wait for its ack."""
        sent = await self.send(op, op_id, **args)
        ack: dict[str, Any] = await self.wait_for(lambda: self.acks.get(sent), timeout)
        return ack

    async def post_op(self, op: str, op_id: str | None = None, photo: bytes | None = None, **args: Any) -> Any:
        """Send one contribution over HTTP (with a photo: multipart, as the page uploads one)."""
        op_id = op_id or secrets.token_hex(8)
        message = json.dumps({"op": op, "id": op_id, "args": args})
        headers = {"Cookie": self.cookie or ""}
        if photo is None:
            headers["Content-Type"] = "application/json"
            body = message.encode()
        else:
            boundary = secrets.token_hex(12)
            headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
            headers["X-NSC-Room"] = "1"
            body = (
                (
                    f'--{boundary}\r\nContent-Disposition: form-data; name="message"\r\n\r\n{message}\r\n'
                    f'--{boundary}\r\nContent-Disposition: form-data; name="photo"; filename="sketch.jpg"\r\n'
                    "Content-Type: image/jpeg\r\n\r\n"
                ).encode()
                + photo
                + f"\r\n--{boundary}--\r\n".encode()
            )
        request = HTTPRequest(f"{self.base}/room/api/op?lang={self.lang}", method="POST", body=body, headers=headers,
                              request_timeout=60)  # fmt: skip
        response = await self._http.fetch(request, raise_error=False)
        return json.loads(response.body or b"{}")

    async def get(self, path: str) -> tuple[int, bytes]:
        """A GET with this device's cookie: ``(status, body)``."""
        request = HTTPRequest(self.base + path, headers={"Cookie": self.cookie or ""}, follow_redirects=False)
        response = await self._http.fetch(request, raise_error=False)
        return response.code, response.body or b""

    async def wait_for(self, condition: Callable[[], Any], timeout: float = 30.0) -> Any:
        """Wait until ``condition()`` is true (checked after every message); returns its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = condition()
            if value:
                return value
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("the condition was not met in time")
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), left)

    @property
    def connected(self) -> bool:
        return self._ws is not None and self._reader is not None and not self._reader.done()

    async def close(self) -> None:
        if self._ws is not None:
            self._ws.close()
        if self._reader is not None:
            try:
                await asyncio.wait_for(self._reader, 5)
            except (TimeoutError, WebSocketClosedError, asyncio.CancelledError):
                self._reader.cancel()
        self._ws = None
