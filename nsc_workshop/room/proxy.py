"""A TCP relay that can drop its connections, the way a room's Wi-Fi does: for tests of the room's page.

A page reaches the server through the relay; :meth:`Relay.cut` closes every
connection at once (a phone that lost the network, then got it back: the
reconnect goes through again), :meth:`Relay.stall` keeps the connections open
but passes nothing (a dead access point: only a heartbeat notices) until
:meth:`Relay.resume`. The relay runs its own event loop in a thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
from types import TracebackType

__all__ = ["Relay"]


class Relay:
    """``127.0.0.1:<port>`` relayed to ``127.0.0.1:<target>``; a context manager."""

    def __init__(self, target: int) -> None:
        self.target = target
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._server: asyncio.base_events.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._flowing = asyncio.Event()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Relay:
        self._thread.start()
        self._ready.wait(10)
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self._call(self._close_all)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._flowing.set()
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        self._server = self._loop.run_until_complete(asyncio.start_server(self._handle, sock=sock))
        self._ready.set()
        self._loop.run_forever()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.target)
        except OSError:
            writer.close()
            return
        self._writers |= {writer, up_writer}

        async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            with contextlib.suppress(OSError, asyncio.CancelledError):
                while True:
                    data = await src.read(65536)
                    if not data:
                        break
                    await self._flowing.wait()
                    dst.write(data)
                    await dst.drain()
            dst.close()

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))
        self._writers -= {writer, up_writer}

    def _call(self, func: object) -> None:
        done = threading.Event()

        def run() -> None:
            func()  # type: ignore[operator]
            done.set()

        self._loop.call_soon_threadsafe(run)
        done.wait(10)

    def _close_all(self) -> None:
        for writer in list(self._writers):
            transport = writer.transport
            with contextlib.suppress(Exception):
                transport.abort()  # a reset, as a lost network gives
        self._writers.clear()

    def cut(self) -> None:
        """Drop every connection now (new ones go through)."""
        self._call(self._close_all)

    def stall(self) -> None:
        """Keep connections open but pass nothing, new or old (a network gone silent)."""
        self._call(self._flowing.clear)

    def resume(self) -> None:
        """Pass data again (connections that survived the stall carry on)."""
        self._call(self._flowing.set)
