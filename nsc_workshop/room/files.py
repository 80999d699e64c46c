"""The room's own files: its secrets and who joined, kept beside the store, readable by its owner only.

A room must survive a restart of ``nsc-workshop serve --lan``: the same links,
the same QR code, the phones reconnecting as themselves. So its secrets
(the room codes, the facilitator's and the projector's keys, the key that signs
the devices' cookies) and its register of devices are kept in a folder beside
the store (``nsc-rooms/`` next to a SQLite file; for a database server, a folder
in the user's data folder named after the server), created ``0700``, its files
``0600``, each written whole or not at all.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> keys = RoomKeys.load(folder)
>>> keys == RoomKeys.load(folder)   # the same after a restart
True
>>> len(keys.code_for("demo")) == CODE_DIGITS, keys.code_for("demo") == RoomKeys.load(folder).code_for("demo")
(True, True)
>>> oct((folder / SECRETS_FILE).stat().st_mode & 0o777)
'0o600'
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from platformdirs import user_data_path

from nsc_workshop._db import sqlite_file
from nsc_workshop._files import write_atomic
from nsc_workshop.errors import StoreError

__all__ = [
    "CODE_DIGITS",
    "SECRETS_FILE",
    "RoomKeys",
    "format_code",
    "normalise_code",
    "room_folder",
    "write_private",
]

SECRETS_FILE = "secrets.json"
CODE_DIGITS = 12
"""A room code is 12 digits (40 bits; wrong guesses are slowed down): typed on a phone's number pad in a few seconds."""


def room_folder(db_url: str) -> Path:
    """Where a store's rooms keep their files: ``nsc-rooms/`` beside a SQLite file, else in the user's data folder."""
    database = sqlite_file(db_url)
    if database is not None:
        return database.parent / "nsc-rooms"
    digest = hashlib.sha256(db_url.encode()).hexdigest()[:16]
    return user_data_path("nsc-workshop", appauthor=False) / "rooms" / digest


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically and durably, readable by the owner only (``0600``, folder ``0700``)."""
    try:
        write_atomic(path, data, private=True)
    except OSError as exc:
        raise StoreError("error.room.file", path=str(path), detail=exc.strerror or str(exc)) from None


def read_json(path: Path) -> Any:
    """A room file's content, or None when it does not exist yet (a damaged file is an error, never overwritten)."""
    try:
        return json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise StoreError("error.room.file", path=str(path), detail=str(exc)) from None


def new_code() -> str:
    return "".join(secrets.choice("0123456789") for _ in range(CODE_DIGITS))


def normalise_code(text: str) -> str:
    """A code as typed (spaces, dashes) to its digits; '' when it cannot be one.

    >>> normalise_code(" 4817-2290 5531 "), normalise_code("48172290553"), normalise_code("abc")
    ('481722905531', '', '')
    """
    digits = "".join(ch for ch in text if ch not in " -\u00a0\t")
    return digits if len(digits) == CODE_DIGITS and digits.isascii() and digits.isdigit() else ""


def format_code(code: str) -> str:
    """A code as it is printed and shown: groups of four.

    >>> format_code("481722905531")
    '4817 2290 5531'
    """
    return " ".join(code[i : i + 4] for i in range(0, len(code), 4))


def _secret() -> str:
    return secrets.token_urlsafe(24)


@dataclass
class RoomKeys:
    """The secrets of a store's rooms: one code per workshop, the two keys, the cookie-signing key.

    - ``codes``: the room code of each workshop that has a room; the
      participants' link and QR code carry it, and it admits that workshop only.
    - ``facilitator_key``: opens the facilitator's apps (never in another link).
    - ``projector_key``: opens the projector page of the room's workshop, read only.
    - ``cookie_secret``: signs the devices' and the staff's cookies.
    """

    folder: Path
    facilitator_key: str = field(default_factory=_secret)
    projector_key: str = field(default_factory=_secret)
    cookie_secret: str = field(default_factory=lambda: secrets.token_hex(32))
    codes: dict[str, str] = field(default_factory=dict)
    created: float = field(default_factory=time.time)

    @classmethod
    def load(cls, folder: Path, *, renew: bool = False) -> RoomKeys:
        """The secrets kept in ``folder``, made (and kept) the first time; ``renew`` makes new ones."""
        data = None if renew else read_json(folder / SECRETS_FILE)
        if isinstance(data, dict):
            try:
                keys = cls(
                    folder,
                    str(data["facilitator_key"]),
                    str(data["projector_key"]),
                    str(data["cookie_secret"]),
                    {str(k): str(v) for k, v in dict(data.get("codes", {})).items()},
                    float(data.get("created", 0)),
                )
            except (KeyError, TypeError, ValueError) as exc:
                raise StoreError("error.room.file", path=str(folder / SECRETS_FILE), detail=str(exc)) from None
            os.chmod(folder / SECRETS_FILE, 0o600)
            return keys
        keys = cls(folder)
        keys.save()
        return keys

    def save(self) -> None:
        data = {
            "facilitator_key": self.facilitator_key,
            "projector_key": self.projector_key,
            "cookie_secret": self.cookie_secret,
            "codes": self.codes,
            "created": self.created,
        }
        write_private(self.folder / SECRETS_FILE, json.dumps(data, indent=2).encode())

    def code_for(self, workshop_id: str) -> str:
        """The room code of a workshop (made and kept the first time it is asked for)."""
        code = self.codes.get(workshop_id)
        if code is None:
            taken = set(self.codes.values())
            code = new_code()
            while code in taken:
                code = new_code()
            self.codes[workshop_id] = code
            self.save()
        return code

    def workshop_of(self, code: str) -> str | None:
        """The workshop a room code admits to (compared in constant time), or None."""
        found = None
        for workshop_id, known in self.codes.items():
            if secrets.compare_digest(code.encode(), known.encode()):
                found = workshop_id
        return found

    def devices_file(self, workshop_id: str) -> Path:
        """Where the register of a room's devices is kept."""
        digest = hashlib.sha256(workshop_id.encode()).hexdigest()[:16]
        return self.folder / f"devices-{digest}.json"
