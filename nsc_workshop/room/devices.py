"""Who is in a room: one entry per device that joined, with the handle the room issued it.

A device joins with the name its person chooses (unique in the room, whatever
its case or spacing) or none, and is then given one ("Guest 3"). The handle is
what every contribution from that device is recorded under; it is never taken
from a link. A handle is never given twice in a room, not even after its device
was removed, and never one that already wrote in the workshop's log (someone
from an earlier session), so nobody can act as someone else by choosing their
name. The register is kept in the room's folder (see :mod:`.files`).

>>> import tempfile
>>> register = Devices(Path(tempfile.mkdtemp()) / "devices.json")
>>> ana = register.join("  Ana  Berg ", sector="youth_work")
>>> ana.handle, register.get(ana.id) == ana
('Ana Berg', True)
>>> register.join("ana berg")
Traceback (most recent call last):
...
nsc_workshop.errors.HandleTaken: ...
>>> register.join(None).handle
'Guest 1'
"""

from __future__ import annotations

import json
import re
import secrets
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from nsc_workshop.errors import HandleTaken, InvalidInput, Problem
from nsc_workshop.i18n import t
from nsc_workshop.model import ANON_PREFIX
from nsc_workshop.room.files import read_json, write_private

__all__ = ["HANDLE_MAX", "Device", "Devices", "HandleTaken", "clean_handle", "handle_key"]

HANDLE_MAX = 40
RESERVED = ("facilitator", "projector", "participant", "guest", "anonymous", "decider")
"""Handles a device may not take (the kit's roles, or what could pass for them)."""
_SPACES = re.compile(r"\s+")


def clean_handle(text: str) -> str:
    """A chosen name as the room keeps it: normalised, one line, spaces collapsed, printable only.

    >>> clean_handle(" A\u030ase\\n Lund\\u200b "), clean_handle("<b>x</b>")
    ('Åse Lund', '<b>x</b>')
    """
    text = unicodedata.normalize("NFC", text)
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return _SPACES.sub(" ", text).strip()


def handle_key(handle: str) -> str:
    """How two handles are compared: case, accents' composition and spacing ignored."""
    return clean_handle(handle).casefold()


@dataclass(frozen=True)
class Device:
    """A phone, tablet or laptop in the room: its private id (in its cookie only), handle and sector."""

    id: str
    handle: str
    sector: str = ""
    joined: float = 0.0
    removed: bool = False


class Devices:
    """The register of one room's devices, kept in a ``0600`` file; safe to use from several threads."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        data = read_json(path)
        rows = data.get("devices", []) if isinstance(data, dict) else []
        self._devices: dict[str, Device] = {}
        for row in rows:
            device = Device(
                str(row["id"]),
                str(row["handle"]),
                str(row.get("sector", "")),
                float(row.get("joined", 0)),
                bool(row.get("removed", False)),
            )
            self._devices[device.id] = device

    def __len__(self) -> int:
        return sum(1 for d in self._devices.values() if not d.removed)

    def all(self) -> list[Device]:
        """Every device that joined, removed ones included, in the order they joined."""
        return sorted(self._devices.values(), key=lambda d: d.joined)

    def get(self, device_id: str) -> Device | None:
        """The device with this id, if it joined and was not removed."""
        device = self._devices.get(device_id)
        return device if device is not None and not device.removed else None

    def was_removed(self, device_id: str) -> bool:
        device = self._devices.get(device_id)
        return device is not None and device.removed

    def join(self, name: str | None, *, sector: str = "", taken: Callable[[], Iterable[str]] = tuple) -> Device:
        """Register a new device under ``name`` (or a generated handle when it is empty).

        ``taken`` gives further handles already used in the workshop (its log's).
        Raises :class:`HandleTaken` (with a free suggestion) or
        :class:`~nsc_workshop.errors.InvalidInput` for a name that cannot be one.
        """
        chosen = clean_handle(name or "")
        if len(chosen) > HANDLE_MAX:
            raise InvalidInput(
                "room.error.name_long", problems=[Problem("name", t("room.error.name_long", maximum=HANDLE_MAX))]
            )
        with self._lock:
            used = {handle_key(d.handle) for d in self._devices.values()} | {handle_key(h) for h in taken()}
            if chosen:
                key = handle_key(chosen)
                if key in RESERVED or key.startswith((ANON_PREFIX, "guest-")) or key in used:
                    suggestion = next(
                        f"{chosen} {n}" for n in range(2, 10_000) if handle_key(f"{chosen} {n}") not in used
                    )
                    raise HandleTaken(
                        "room.error.name_taken",
                        name=chosen,
                        suggestion=suggestion,
                        problems=[Problem("name", t("room.error.name_taken", name=chosen, suggestion=suggestion))],
                    )
                handle = chosen
            else:
                handle = next(h for n in range(1, 100_000) if handle_key(h := t("room.guest_name", n=n)) not in used)
            device = Device(secrets.token_urlsafe(16), handle, sector[:60], time.time())
            self._devices[device.id] = device
            self._save()
            return device

    def remove(self, device_id: str) -> Device | None:
        """Remove a device from the room (its cookie opens nothing from now on); returns it, or None."""
        with self._lock:
            device = self._devices.get(device_id)
            if device is None or device.removed:
                return None
            removed = Device(device.id, device.handle, device.sector, device.joined, True)
            self._devices[device_id] = removed
            self._save()
            return removed

    def _save(self) -> None:
        data = {"devices": [asdict(d) for d in self._devices.values()]}
        write_private(self.path, json.dumps(data, ensure_ascii=False, indent=1).encode())
