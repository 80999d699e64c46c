"""The room's engine: one workshop, its devices, their contributions, and what each page is told.

It runs in the server's event loop (tornado's asyncio loop) and does all its
database work on one thread of its own, so a slow disk never stalls a page:

- **Contributions** from the pages are queued and written in *group commits*
  (:meth:`Store.append_group`): whatever arrived while the last write was on
  disk goes in the next transaction, each contribution checked on its own
  against the latest state, each its own batch (its own undo). Every
  contribution carries an idempotency key made from the device and the page's
  id for it, so a resend (a double tap, a reconnect, a restart) is applied once.
- **Following the workshop**: what the facilitator's apps (other processes)
  append is pulled every :data:`POLL_SECONDS`.
- **Telling the pages**: after each write or pull, every connected device is
  sent what changed *as that device may see it* (:mod:`.views`); a device
  whose page connects gets its whole view.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from nsc_workshop.errors import InvalidCommand, NscWorkshopError, StoreError
from nsc_workshop.events import Event
from nsc_workshop.i18n import t, use_language
from nsc_workshop.model import Workshop
from nsc_workshop.room.devices import Device, Devices
from nsc_workshop.room.ops import Op, added_item, command_of, op_key
from nsc_workshop.room.views import changes_of, device_view, patch_for, room_header, timer_view
from nsc_workshop.session import WorkshopSession
from nsc_workshop.store import Command, Store

__all__ = ["POLL_SECONDS", "Ack", "Connection", "RoomEngine"]

log = logging.getLogger(__name__)

POLL_SECONDS = 0.25
"""How often the room looks for what the facilitator's apps appended."""

GROUP_MAX = 200
"""At most this many contributions in one transaction."""


class Connection(Protocol):
    """A page's live connection (a WebSocket): the engine only sends it text."""

    def send(self, message: str) -> None: ...

    def close_removed(self) -> None: ...


@dataclass
class Ack:
    """The answer to one contribution: saved (with the item it added), or why not."""

    op: str
    ok: bool
    item: str | None = None
    duplicate: bool = False
    error: str | None = None
    field: str | None = None
    paused: bool = False
    retry: bool = False

    def message(self) -> dict[str, Any]:
        out: dict[str, Any] = {"t": "ack", "id": self.op, "ok": self.ok}
        if self.ok:
            out["item"] = self.item
            if self.duplicate:
                out["dup"] = True
        else:
            out.update(error=self.error, field=self.field, paused=self.paused, retry=self.retry)
        return out


@dataclass
class _Pending:
    """A contribution waiting for the next group commit: a device's operation, or a command of the room itself."""

    device: Device | None
    op: Op | None
    photo: bytes | None
    future: asyncio.Future[Ack]
    lang: str
    command: Command | None = None
    ack: Ack | None = None
    room_command: Callable[[WorkshopSession], object] | None = None

    @property
    def op_id(self) -> str:
        return self.op.id if self.op is not None else ""


@dataclass
class _Online:
    device: Device
    connections: set[Any] = field(default_factory=set)
    last_seen: float = 0.0


class RoomEngine:
    """One room: the workshop ``workshop_id`` in ``store``, the devices in ``devices``."""

    def __init__(self, store: Store, workshop_id: str, devices: Devices, room_id: str) -> None:
        self.store = store
        self.workshop_id = workshop_id
        self.devices = devices
        self.room_id = room_id
        self._executor = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="nsc-room")
        self.state, self.version = store.load_with_version(workshop_id)
        self._handles: set[str] = set()
        self._queue: list[_Pending] = []
        self._wake = asyncio.Event()
        self._online: dict[str, _Online] = {}
        self._tasks: list[asyncio.Task[None]] = []
        self._background: set[asyncio.Future[Ack]] = set()
        self._busy = False
        self.stats = {"groups": 0, "ops": 0}

    # -- lifecycle -------------------------------------------------------------

    async def start(self) -> None:
        """Learn the handles already in the workshop's log, then start writing and following."""
        self._handles = await self._in_thread(self._log_handles)
        loop = asyncio.get_running_loop()
        self._tasks = [loop.create_task(self._writer()), loop.create_task(self._follower())]

    def close(self) -> None:
        """Stop at once (the server's loop has ended): a write under way finishes, nothing more starts."""
        for task in self._tasks:
            task.cancel()
        self._executor.shutdown(wait=True, cancel_futures=True)

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        self._executor.shutdown(wait=True)

    def _log_handles(self) -> set[str]:
        return self.store.participants(self.workshop_id)

    async def _in_thread(self, func: Callable[..., Any], *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self._executor, func, *args)

    @property
    def language(self) -> str:
        return self.state.meta.language

    async def image(self, sha256: str) -> bytes:
        """The stored bytes of an image (read on the engine's thread)."""
        data: bytes = await self._in_thread(self.store.get_blob, sha256)
        return data

    # -- devices ---------------------------------------------------------------

    async def join(self, name: str | None, sector: str) -> Device:
        """Register a device (its handle unique in the room and in the workshop's log).

        The workshop's participants list gains the handle and sector (what the
        report and the library count, never a name), written by the room itself.
        """
        with use_language(self.language):
            device = self.devices.join(name, sector=sector, taken=lambda: self._handles)
        self._handles.add(device.handle)
        listed = asyncio.ensure_future(  # written with the next group commit: the join does not wait for the disk
            self._as_room(lambda s: s.add("participant", handle=device.handle, sector=device.sector))
        )
        self._background.add(listed)
        listed.add_done_callback(self._background.discard)
        return device

    async def set_decider(self, device_id: str, on: bool) -> bool:
        """Make a device's person the decider (the supervote), or not: the participants list says who is."""
        device = self.devices.get(device_id)
        if device is None:
            return False

        def change(s: WorkshopSession) -> object:
            listed = next((p for p in s.workshop.participants.values() if p.handle == device.handle), None)
            role = "decider" if on else "participant"
            if listed is None:
                return s.add("participant", handle=device.handle, sector=device.sector, role=role)
            return s.update("participant", listed.id, role=role)

        ack = await self._as_room(change)
        if not ack.ok:
            raise InvalidCommand("room.error.not_saved")
        return True

    async def _as_room(self, command: Callable[[WorkshopSession], object]) -> Ack:
        """Run a command of the room itself (not of a device), in the next group commit; its ack."""
        return await self._enqueue(_Pending(None, None, None, asyncio.get_running_loop().create_future(),
                                            self.language, room_command=command))  # fmt: skip

    def is_decider(self, handle: str) -> bool:
        return any(p.handle == handle and p.role == "decider" for p in self.state.participants.values())

    def connect(self, device: Device, connection: Any) -> None:
        online = self._online.setdefault(device.id, _Online(device))
        online.connections.add(connection)
        online.last_seen = time.time()
        connection.send(self.hello(device))

    def disconnect(self, device: Device, connection: Any) -> None:
        online = self._online.get(device.id)
        if online is not None:
            online.connections.discard(connection)
            online.last_seen = time.time()

    def seen(self, device: Device) -> None:
        online = self._online.get(device.id)
        if online is not None:
            online.last_seen = time.time()

    def remove(self, device_id: str) -> Device | None:
        """Remove a device from the room: its pages are told and closed, its cookie opens nothing more."""
        removed = self.devices.remove(device_id)
        online = self._online.pop(device_id, None)
        if online is not None:
            for connection in list(online.connections):
                with contextlib.suppress(Exception):
                    connection.close_removed()
        return removed

    def people(self) -> list[dict[str, Any]]:
        """Who joined, for the facilitator: handle, sector, when, connected now or not."""
        now = time.time()
        out = []
        for device in self.devices.all():
            if device.removed:
                continue
            online = self._online.get(device.id)
            out.append(
                {
                    "device": device.id,
                    "handle": device.handle,
                    "sector": device.sector,
                    "joined": device.joined,
                    "online": bool(online and online.connections),
                    "seen": round(now - online.last_seen, 1) if online else None,
                    "decider": self.is_decider(device.handle),
                }
            )
        return out

    # -- what pages are told ---------------------------------------------------

    def hello(self, device: Device) -> str:
        """A page's whole view, sent when it connects."""
        view = device_view(self.state, device.handle)
        me = {"handle": device.handle, "decider": self.is_decider(device.handle)}
        return _dumps({"t": "hello", "v": self.version, "me": me, **view})

    def _tell(self, before: Workshop, after: Workshop, events: list[Event]) -> None:
        change = changes_of(events)
        header = _dumps({"t": "room", "room": room_header(after)}) if change.room and not change.full else None
        timer = _dumps({"t": "timer", "timer": timer_view(after)}) if change.timer and not change.full else None
        for online in list(self._online.values()):
            if not online.connections:
                continue
            device = online.device
            if change.full:
                messages = [self.hello(device)]
            else:
                messages = [m for m in (header, timer) if m]
                patch = patch_for(before, after, change, device.handle)
                if patch:
                    messages.append(
                        _dumps(
                            {
                                "t": "patch",
                                "v": self.version,
                                "items": patch.items,
                                "gone": patch.gone,
                                "dots": patch.dots,
                                "heat": patch.heat,
                                "hidden": patch.hidden,
                            }
                        )
                    )
            for connection in list(online.connections):
                for message in messages:
                    try:
                        connection.send(message)
                    except Exception:  # a page gone mid-send: it gets the whole view when it is back
                        online.connections.discard(connection)
                        break

    def _advance(self, state: Workshop, version: int, events: list[Event]) -> None:
        if version <= self.version or not events:
            return
        before = self.state
        self.state, self.version = state, version
        self._handles.update(e.participant for e in events if e.participant)
        self._tell(before, state, events)

    # -- contributions ---------------------------------------------------------

    async def submit(self, device: Device, op: Op, photo: bytes | None = None, lang: str | None = None) -> Ack:
        """Queue one contribution and wait until it is saved (or refused, in ``lang``)."""
        future: asyncio.Future[Ack] = asyncio.get_running_loop().create_future()
        return await self._enqueue(_Pending(device, op, photo, future, lang or self.language))

    async def _enqueue(self, pending: _Pending) -> Ack:
        self._queue.append(pending)
        self._wake.set()
        return await pending.future

    async def _writer(self) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            while self._queue:
                group, self._queue = self._queue[:GROUP_MAX], self._queue[GROUP_MAX:]
                self._busy = True
                try:
                    await self._write(group)
                finally:
                    self._busy = False

    async def _write(self, group: list[_Pending]) -> None:
        try:
            state, version, pulled, appended = await self._in_thread(self._commit, group)
        except Exception as exc:  # the database could not be written: every page keeps its contribution and resends
            if not isinstance(exc, NscWorkshopError):
                log.exception("the room could not write to the store")
            for pending in group:
                if not pending.future.done():
                    pending.future.set_result(Ack(pending.op_id, False, error=t("room.error.not_saved"), retry=True))
            return
        self.stats["groups"] += 1
        self.stats["ops"] += len(group)
        self._advance(state, version, [*pulled, *appended])
        for pending in group:
            if not pending.future.done():
                assert pending.ack is not None
                pending.future.set_result(pending.ack)

    def _commit(self, group: list[_Pending]) -> tuple[Workshop, int, list[Event], list[Event]]:
        """In the engine's thread: prepare each contribution, write them all in one transaction."""
        ready: list[_Pending] = []
        for pending in group:
            with use_language(pending.lang):
                if pending.room_command is not None:  # the room's own (a participant listed, a decider named)
                    room = WorkshopSession(self.store, self.workshop_id, None, "facilitator",
                                           state=(self.state, self.version))  # fmt: skip
                    try:
                        pending.command = room.prepare(pending.room_command)
                    except Exception as exc:
                        pending.ack = _refused("", exc)
                        continue
                    ready.append(pending)
                    continue
                assert pending.device is not None and pending.op is not None
                session = WorkshopSession(
                    self.store, self.workshop_id, pending.device.handle, "participant", state=(self.state, self.version)
                )
                key = op_key(self.room_id, pending.device.id, pending.op.id)
                try:
                    command = command_of(pending.op, session, pending.photo)
                    pending.command = session.prepare(command, key=key)
                except Exception as exc:  # refused before anything is built: the arguments, the role, the image
                    before = self.store.batch_events(self.workshop_id, key)  # ...unless it was saved before:
                    if before:  # a photo resent without its bytes after a reload, say
                        pending.ack = Ack(pending.op.id, True, added_item(before, self.state), duplicate=True)
                    else:
                        pending.ack = _refused(pending.op.id, exc)
                    continue
            ready.append(pending)
        if not ready:
            return self.state, self.version, [], []
        commands = [p.command for p in ready if p.command is not None]
        result = self.store.append_group(self.workshop_id, self.state, self.version, commands)
        appended: list[Event] = []
        for pending, done in zip(ready, result.results, strict=True):
            with use_language(pending.lang):
                if done.error is not None:
                    pending.ack = _refused(pending.op_id, done.error)
                    continue
            if not done.duplicate:
                appended.extend(done.appended)
            pending.ack = Ack(pending.op_id, True, added_item(done.appended, result.state), done.duplicate)
        return result.state, result.version, result.pulled, appended

    # -- following the facilitator's apps -------------------------------------

    async def _follower(self) -> None:
        while True:
            await asyncio.sleep(POLL_SECONDS)
            if self._busy or self._queue:
                continue  # a write pulls others' events too
            try:
                state, version, events = await self._in_thread(self._pull)
            except Exception:  # the store is briefly unreachable: the pages say nothing new, we look again
                log.warning("the room could not read the store", exc_info=True)
                continue
            self._advance(state, version, events)
            self._tick()

    def _pull(self) -> tuple[Workshop, int, list[Event]]:
        from nsc_workshop.events import fold

        events = self.store.events_after(self.workshop_id, self.version)
        if not events:
            return self.state, self.version, []
        state = fold(self.state, events)
        assert state is not None
        return state, events[-1].version, events

    def _tick(self) -> None:
        """Nothing to do between pulls but keep count of pages that went quiet (see :meth:`people`)."""


def _refused(op_id: str, exc: Exception) -> Ack:
    """Why a contribution was not saved, in the page's language; ``paused`` and ``retry`` tell it to keep it."""
    if isinstance(exc, NscWorkshopError):
        problem = exc.problems[0] if exc.problems else None
        paused = isinstance(exc, InvalidCommand) and exc.key == "error.locked"
        return Ack(op_id, False, error=t(exc.key, **exc.params), field=problem.where if problem else None,
                   paused=paused, retry=isinstance(exc, StoreError))  # fmt: skip
    log.error("a contribution failed", exc_info=exc)
    return Ack(op_id, False, error=t("room.error.not_saved"), retry=True)


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
