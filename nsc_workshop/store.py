"""The store: an append-only event log per workshop, with snapshots. The only SQL.

A SQLite file is the default; any SQLAlchemy URL works (PostgreSQL included).
Each command appends its events in one transaction that first takes the
workshop's row lock (``BEGIN IMMEDIATE`` on SQLite, ``SELECT ... FOR UPDATE``
elsewhere), so a workshop's versions are gap-free, committed in order, and
every command is checked against the latest state before it is written.
Snapshots of the folded state are written every :data:`SNAPSHOT_EVERY` events
so that opening a long workshop reads one snapshot and a short tail.

Images (the photos of paper sketches) are kept once each, content-addressed by
their sha256, in ``nsc_blobs``; ``nsc_blob_refs`` records which workshops have
ever referred to which image. A command that adds an attachment stores its
image in the same transaction as its events, and an attachment may only refer
to a stored image. A workshop keeps every image its history refers to (undo
and the history at a past time show them again); deleting the workshop deletes
the images no other workshop refers to. :meth:`Store.gc_blobs` removes images
stored with :meth:`Store.put_blob` that nothing came to refer to.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import os
import re
import secrets
import time
from collections.abc import Callable, Iterable, Mapping, Sequence, Set
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from platformdirs import user_data_path
from pydantic import ValidationError
from slugify import slugify
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from nsc_workshop._db import Database, database_url, info_table, open_database
from nsc_workshop._validation import problems_from
from nsc_workshop.access import Scope, check_city
from nsc_workshop.errors import (
    BlobNotFound,
    EventNotApplicable,
    InvalidCommand,
    InvalidInput,
    NothingToUndo,
    NotPermitted,
    NscWorkshopError,
    Problem,
    WorkshopExists,
    WorkshopNotFound,
)
from nsc_workshop.events import Event, Skipped, fold
from nsc_workshop.model import Workshop, WorkshopMeta
from nsc_workshop.model._types import WORKSHOP_ID_RE

if TYPE_CHECKING:
    from nsc_workshop.session import WorkshopSession

__all__ = [
    "DB_ENV",
    "SNAPSHOT_EVERY",
    "AppendResult",
    "BlobInfo",
    "Command",
    "CommandResult",
    "GroupResult",
    "Store",
    "WorkshopSummary",
    "default_db_path",
    "open_store",
]

log = logging.getLogger(__name__)

DB_ENV = "NSC_WORKSHOP_DB"
SNAPSHOT_EVERY = 250
STATE_SCHEMA = 1
"""Version of the state stored in snapshots and events; older snapshots are ignored."""
DB_SCHEMA = 4
"""3: events record the role a command was given in (``role``) and are indexed by batch (idempotent commands);
4: a workshop has an owner, the city (a slug) whose workshop it is (None: the laptop's, nobody's yet)."""

_md = sa.MetaData()
_info = info_table("nsc_info", _md)
_workshops = sa.Table(
    "nsc_workshops",
    _md,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("title", sa.String(300), nullable=False),
    sa.Column("city", sa.String(300), nullable=False),
    sa.Column("country", sa.String(300), nullable=False),
    sa.Column("language", sa.String(32), nullable=False),
    sa.Column("sensitivity", sa.String(16), nullable=False),
    sa.Column("start_date", sa.String(10)),
    sa.Column("end_date", sa.String(10)),
    sa.Column("created_at", sa.Double, nullable=False),
    sa.Column("updated_at", sa.Double, nullable=False),
    sa.Column("head", sa.Integer, nullable=False),
    sa.Column("head_ts", sa.Double, nullable=False),
    sa.Column("snapshot_version", sa.Integer, nullable=False, default=0),
    sa.Column("owner", sa.String(64)),
)
_OWNER_INDEX = sa.Index("ix_nsc_workshops_owner", _workshops.c.owner)
_events = sa.Table(
    "nsc_events",
    _md,
    sa.Column("workshop_id", sa.String(64), sa.ForeignKey("nsc_workshops.id"), primary_key=True),
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("ts", sa.Double, nullable=False),
    sa.Column("type", sa.String(64), nullable=False),
    sa.Column("data", sa.Text, nullable=False),
    sa.Column("participant", sa.String(300)),
    sa.Column("batch", sa.String(32), nullable=False),
    sa.Column("undoes", sa.String(32)),
    sa.Column("schema", sa.Integer, nullable=False),
    sa.Column("role", sa.String(16)),
)
sa.Index("ix_nsc_events_participant", _events.c.workshop_id, _events.c.participant)
sa.Index("ix_nsc_events_ts", _events.c.workshop_id, _events.c.ts)
_BATCH_INDEX = sa.Index("ix_nsc_events_batch", _events.c.workshop_id, _events.c.batch)
_snapshots = sa.Table(
    "nsc_snapshots",
    _md,
    sa.Column("workshop_id", sa.String(64), sa.ForeignKey("nsc_workshops.id"), primary_key=True),
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("ts", sa.Double, nullable=False),
    sa.Column("schema", sa.Integer, nullable=False),
    sa.Column("state", sa.Text, nullable=False),
)
_blobs = sa.Table(
    "nsc_blobs",
    _md,
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("media_type", sa.String(64), nullable=False),
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("data", sa.LargeBinary, nullable=False),
    sa.Column("created_at", sa.Double, nullable=False),
)
_blob_refs = sa.Table(
    "nsc_blob_refs",
    _md,
    sa.Column("workshop_id", sa.String(64), sa.ForeignKey("nsc_workshops.id"), primary_key=True),
    sa.Column("sha256", sa.String(64), sa.ForeignKey("nsc_blobs.sha256"), primary_key=True),
)
sa.Index("ix_nsc_blob_refs_sha256", _blob_refs.c.sha256)
_SHA256_RE = re.compile(r"^[0-9a-f]{64}$")


# Statements built once: building them per call cost more than running them.
_LOCK_HEAD = (
    sa.select(_workshops.c.head, _workshops.c.head_ts, _workshops.c.snapshot_version)
    .where(_workshops.c.id == sa.bindparam("wid"))
    .with_for_update()
)
_INSERT_EVENTS = sa.insert(_events)
_MOVE_HEAD = (
    sa.update(_workshops)
    .where(_workshops.c.id == sa.bindparam("wid"))
    .values(head=sa.bindparam("new_head"), head_ts=sa.bindparam("ts"), updated_at=sa.bindparam("ts"))
)
_SUMMARY_FIELDS = ("title", "city", "country", "language", "sensitivity", "start_date", "end_date")
_MOVE_HEAD_AND_SUMMARY = (
    sa.update(_workshops)
    .where(_workshops.c.id == sa.bindparam("wid"))
    .values(
        head=sa.bindparam("new_head"),
        head_ts=sa.bindparam("ts"),
        updated_at=sa.bindparam("ts"),
        **{name: sa.bindparam(f"s_{name}") for name in _SUMMARY_FIELDS},
    )
)
_EVENTS_AFTER = (
    sa.select(_events)
    .where(_events.c.workshop_id == sa.bindparam("wid"), _events.c.version > sa.bindparam("after"))
    .order_by(_events.c.version)
)
_BATCH_SEEN = (
    sa.select(_events.c.version)
    .where(_events.c.workshop_id == sa.bindparam("wid"), _events.c.batch == sa.bindparam("batch"))
    .limit(1)
)
_IS_UNDONE = (
    sa.select(_events.c.version)
    .where(_events.c.workshop_id == sa.bindparam("wid"), _events.c.undoes == sa.bindparam("batch"))
    .limit(1)
)


def default_db_path() -> Path:
    """Where the store lives when no URL is given: the user's data folder
    (``~/.local/share/nsc-workshop/workshops.db`` on Linux)."""
    return user_data_path("nsc-workshop", appauthor=False) / "workshops.db"


def _to_url(url: str | os.PathLike[str] | None) -> str:
    return database_url(url, DB_ENV, default_db_path)


@dataclass(frozen=True)
class WorkshopSummary:
    """A line of the workshop list."""

    id: str
    title: str
    city: str
    country: str
    language: str
    sensitivity: str
    start_date: str | None
    end_date: str | None
    created_at: dt.datetime
    updated_at: dt.datetime
    events: int
    owner: str | None = None
    """The city (a slug) whose workshop this is; None: the laptop's, nobody's yet."""


@dataclass(frozen=True)
class AppendResult:
    """What an append did: the state after it, others' events it pulled first, and its own."""

    state: Workshop
    version: int
    pulled: list[Event]
    appended: list[Event]


@dataclass(frozen=True)
class BlobInfo:
    """A stored image, without its bytes."""

    sha256: str
    media_type: str
    size: int
    created_at: dt.datetime


Build = Callable[[Workshop], Sequence[Event]]
BlobData = tuple[bytes, str]
"""An image to store: its bytes and media type."""

BATCH_KEY_RE = re.compile(r"^[0-9a-f]{32}$")
"""An idempotency key (:attr:`Command.key`): 32 lowercase hex digits. The store's own batch ids have 16."""


@dataclass(frozen=True)
class Command:
    """One command of :meth:`Store.append_group`: what to build, who gives it, as what.

    ``key``, when given, makes the command idempotent: it becomes the batch id
    of the command's events, and a command whose key is already in the
    workshop's log is not applied again (its result says ``duplicate`` and
    holds the events the first one appended). A device that sends a command
    twice (a double tap, a resend after a lost connection or a server restart)
    changes the workshop once.
    """

    build: Build
    participant: str | None = None
    role: str | None = None
    undoes: str | None = None
    key: str | None = None
    blobs: Sequence[BlobData] = ()


@dataclass(frozen=True)
class CommandResult:
    """What happened to one command of a group: its events, or why it was refused."""

    appended: list[Event]
    duplicate: bool = False
    error: Exception | None = None


@dataclass(frozen=True)
class GroupResult:
    """The state after a group append, others' events pulled first, and each command's result, in order."""

    state: Workshop
    version: int
    pulled: list[Event]
    results: list[CommandResult]


def _blob_ids(events: Sequence[Event], state: Workshop) -> dict[str, str]:
    """The images ``events`` make a workshop refer to: ``{sha256: attachment id}``."""
    found: dict[str, str] = {}
    for event in events:
        if event.type == "workshop.imported":
            found.update({a.sha256: a.id for a in state.sprint.attachments.values()})
        elif event.type == "attachment.added":
            item = event.data.get("item") or {}
            found[str(item.get("sha256"))] = str(item.get("id"))
        elif event.type == "attachment.updated" and "sha256" in (event.data.get("changes") or {}):
            found[str(event.data["changes"]["sha256"])] = str(event.data.get("id"))
    return found


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _row_to_event(row: Any) -> Event:
    return Event(
        type=row.type,
        data=json.loads(row.data),
        version=row.version,
        ts=row.ts,
        participant=row.participant,
        batch=row.batch,
        undoes=row.undoes,
    )


def check_workshop_id(workshop_id: str) -> str:
    """``workshop_id`` if it is a well-formed id, else :class:`WorkshopNotFound`."""
    if not isinstance(workshop_id, str) or not WORKSHOP_ID_RE.match(workshop_id):
        raise WorkshopNotFound(workshop=str(workshop_id)[:80])
    return workshop_id


def _epoch(when: dt.datetime | float | int) -> float:
    if isinstance(when, dt.datetime):
        return when.timestamp()
    return float(when)


class Store(Database):
    """A set of workshops kept as event logs in one database.

    Use :func:`open_store` to get one. Its :attr:`scope` says which workshops it reaches: on a
    laptop all of them; opened for a hosted city's account, that city's only (see
    :mod:`nsc_workshop.access`). Every method naming a workshop of another city answers as for a
    workshop that does not exist; the list holds only the reachable ones.
    """

    metadata = _md
    info_table = _info
    schema_version = DB_SCHEMA

    def __init__(self, url: str, scope: Scope | None = None) -> None:
        self.scope = Scope.from_env() if scope is None else scope
        super().__init__(url)
        self._insert_blob = self._blob_insert(self.backend)

    def _migrate(self, conn: Connection, from_version: int) -> None:
        if from_version < 3:  # events record their role; batches are looked up by id
            columns = {c["name"] for c in sa.inspect(conn).get_columns("nsc_events")}
            if "role" not in columns:
                conn.execute(sa.text("ALTER TABLE nsc_events ADD COLUMN role VARCHAR(16)"))
            _BATCH_INDEX.create(conn, checkfirst=True)
        if from_version < 4:  # workshops have an owner city
            columns = {c["name"] for c in sa.inspect(conn).get_columns("nsc_workshops")}
            if "owner" not in columns:
                conn.execute(sa.text("ALTER TABLE nsc_workshops ADD COLUMN owner VARCHAR(64)"))
            _OWNER_INDEX.create(conn, checkfirst=True)

    # -- who reaches what ----------------------------------------------------

    def _reach(self, conn: Connection, workshop_id: str) -> None:
        """Refuse a workshop this store's scope does not reach, as if it did not exist (nothing leaks)."""
        if self.scope.everything:
            return
        owner = conn.execute(sa.select(_workshops.c.owner).where(_workshops.c.id == workshop_id)).first()
        if owner is None or not self.scope.reaches(owner.owner):
            raise WorkshopNotFound(workshop=workshop_id)

    def _reached(self, workshop_id: str) -> str:
        """``workshop_id`` checked, and reachable in this store's scope (see :meth:`_reach`)."""
        check_workshop_id(workshop_id)
        if not self.scope.everything:
            with self._read() as conn:
                self._reach(conn, workshop_id)
        return workshop_id

    def _visible(self) -> sa.ColumnElement[bool]:
        """The workshops' rows this store's scope reaches, as a condition."""
        if self.scope.everything:
            return sa.true()
        return _workshops.c.owner == self.scope.city if self.scope.city else sa.false()

    def _owner_for_new(self) -> str | None:
        """The owner of a workshop created or imported here: the scope's city (a laptop: nobody yet)."""
        if self.scope.everything:
            return None
        if self.scope.city is None:
            raise NotPermitted("error.access.no_city_workshops")
        return self.scope.city

    def set_owner(self, workshop_id: str, city: str | None) -> None:
        """Give a workshop to a city (its slug), or to nobody (None): the server's admin only (no scope)."""
        if not self.scope.everything:
            raise NotPermitted("error.access.admin_only")
        check_workshop_id(workshop_id)
        owner = None if city is None else check_city(city)
        with self._write() as conn:
            if not self._exists(conn, workshop_id):
                raise WorkshopNotFound(workshop=workshop_id)
            conn.execute(sa.update(_workshops).where(_workshops.c.id == workshop_id).values(owner=owner))

    # -- workshops -----------------------------------------------------------

    def _new_id(self, conn: Connection, title: str, city: str) -> str:
        base = slugify(f"{city} {title}", max_length=48, word_boundary=True) or "workshop"
        while True:
            candidate = f"{base}-{secrets.token_hex(2)}"
            if not self._taken(conn, candidate):
                return candidate

    @staticmethod
    def _taken(conn: Connection, workshop_id: str) -> bool:
        """Whether any workshop, reachable or not, has this id."""
        return conn.execute(sa.select(_workshops.c.id).where(_workshops.c.id == workshop_id)).first() is not None

    def _exists(self, conn: Connection, workshop_id: str) -> bool:
        """Whether a workshop with this id exists and this store's scope reaches it."""
        query = sa.select(_workshops.c.id).where(_workshops.c.id == workshop_id, self._visible())
        return conn.execute(query).first() is not None

    def exists(self, workshop_id: str) -> bool:
        if not isinstance(workshop_id, str) or not WORKSHOP_ID_RE.match(workshop_id):
            return False
        with self._read() as conn:
            return self._exists(conn, workshop_id)

    def create_workshop(
        self,
        title: str,
        city: str,
        country: str,
        *,
        workshop_id: str | None = None,
        participant: str | None = None,
        **metadata: Any,
    ) -> str:
        """Create an empty workshop and return its id.

        ``metadata`` takes any field of :class:`~nsc_workshop.model.WorkshopMeta`
        (``language``, ``start_date``, ``blueprint_areas``, ``sensitivity``...).
        """
        try:
            meta = WorkshopMeta.model_validate({"title": title, "city": city, "country": country, **metadata})
        except ValidationError as exc:
            raise InvalidInput("error.workshop.invalid", problems=problems_from(exc, "meta")) from None
        if workshop_id is not None:
            check_workshop_id(workshop_id)
        owner = self._owner_for_new()
        with self._write() as conn:
            wid = workshop_id or self._new_id(conn, meta.title, meta.city)
            if self._taken(conn, wid):
                raise WorkshopExists(workshop=wid)
            event = Event("workshop.created", {"id": wid, "meta": meta.model_dump(mode="json")})
            self._insert_new(conn, wid, event, participant, owner=owner)
        return wid

    def import_workshop(
        self,
        workshop: Workshop,
        *,
        blobs: Mapping[str, bytes] | None = None,
        participant: str | None = None,
        replace: bool = False,
    ) -> str:
        """Store a whole workshop (from a bundle) as one ``workshop.imported`` event.

        An existing workshop with the same id is refused unless ``replace``; then
        the import is appended to its log, so its history is kept.

        ``blobs`` holds the images of the workshop's attachments by sha256 (as a
        bundle carries them); they are stored in the same transaction as the
        import. An attachment whose image is neither given nor already stored is
        refused (:class:`~nsc_workshop.errors.InvalidCommand`), and so are bytes
        that do not match their sha256; images no attachment uses are ignored.
        """
        images = self._images_of(workshop, blobs or {})
        event = Event("workshop.imported", {"workshop": workshop.model_dump(mode="json")})
        owner = self._owner_for_new()
        with self._write() as conn:
            given = set(self._put_blobs(conn, images))
            if self._taken(conn, workshop.id):
                if not replace or not self._exists(conn, workshop.id):  # another city's is never replaced
                    raise WorkshopExists(workshop=workshop.id)
                head = conn.execute(
                    sa.select(_workshops.c.head, _workshops.c.head_ts)
                    .where(_workshops.c.id == workshop.id)
                    .with_for_update()
                ).one()
                self._insert_and_move(conn, workshop.id, head.head, head.head_ts, event, participant, workshop,
                                      given=given)  # fmt: skip
            else:
                self._insert_new(conn, workshop.id, event, participant, workshop, owner=owner, given=given)
        self._snapshot(workshop.id, workshop)
        return workshop.id

    def _insert_new(
        self,
        conn: Connection,
        wid: str,
        event: Event,
        participant: str | None,
        state: Workshop | None = None,
        *,
        owner: str | None = None,
        given: Set[str] = frozenset(),
    ) -> None:
        state = state or fold(None, [event])
        assert state is not None
        now = time.time()
        meta = state.meta
        conn.execute(
            sa.insert(_workshops).values(
                id=wid,
                created_at=now,
                updated_at=now,
                head=0,
                head_ts=now,
                snapshot_version=0,
                owner=owner,
                **self._summary_columns(meta),
            )
        )
        self._insert_and_move(conn, wid, 0, now, event, participant, state, given=given)

    def _insert_and_move(
        self,
        conn: Connection,
        wid: str,
        head: int,
        head_ts: float,
        event: Event,
        participant: str | None,
        state: Workshop,
        *,
        given: Set[str] = frozenset(),
    ) -> None:
        """Append a workshop's creation or import (the facilitator's) and move its head, summary included."""
        command = Command(lambda _state: [event], participant, role="facilitator")
        (appended,) = self._insert(conn, wid, head, head_ts, [event], command, state, given)
        self._move_head(conn, wid, appended.version, appended.ts, state)

    @staticmethod
    def _summary_columns(meta: WorkshopMeta) -> dict[str, Any]:
        return {
            "title": meta.title,
            "city": meta.city,
            "country": meta.country,
            "language": meta.language,
            "sensitivity": meta.sensitivity,
            "start_date": meta.start_date.isoformat() if meta.start_date else None,
            "end_date": meta.end_date.isoformat() if meta.end_date else None,
        }

    def _insert(
        self,
        conn: Connection,
        wid: str,
        head: int,
        head_ts: float,
        drafts: Sequence[Event],
        command: Command,
        new_state: Workshop,
        given: Set[str] = frozenset(),
    ) -> list[Event]:
        """Insert one command's events after ``head`` (the workshop's row is moved by :meth:`_move_head`).

        ``given``: the sha256 of the images stored with this command (see :meth:`_reference_blobs`).
        """
        self._reference_blobs(conn, wid, drafts, new_state, given)
        ts = max(time.time(), head_ts + 1e-6)
        batch = command.key or secrets.token_hex(8)
        participant, undoes = command.participant, command.undoes
        appended = [
            Event(e.type, e.data, head + i, ts, participant, batch, undoes) for i, e in enumerate(drafts, start=1)
        ]
        conn.execute(
            _INSERT_EVENTS,
            [
                {
                    "workshop_id": wid,
                    "version": e.version,
                    "ts": e.ts,
                    "type": e.type,
                    "data": _dumps(e.data),
                    "participant": e.participant,
                    "batch": e.batch,
                    "undoes": e.undoes,
                    "schema": STATE_SCHEMA,
                    "role": command.role,
                }
                for e in appended
            ],
        )
        return appended

    def _move_head(self, conn: Connection, wid: str, head: int, ts: float, summary_of: Workshop | None) -> None:
        """Point the workshop's row at its new last event (and refresh its summary when ``summary_of`` is given)."""
        params: dict[str, Any] = {"wid": wid, "new_head": head, "ts": ts}
        if summary_of is not None:
            summary = self._summary_columns(summary_of.meta)
            params.update({f"s_{name}": summary[name] for name in _SUMMARY_FIELDS})
            conn.execute(_MOVE_HEAD_AND_SUMMARY, params)
        else:
            conn.execute(_MOVE_HEAD, params)

    def list_workshops(self) -> list[WorkshopSummary]:
        """Every workshop this store reaches (see :attr:`scope`), the most recently changed first."""
        query = sa.select(_workshops).where(self._visible()).order_by(_workshops.c.updated_at.desc())
        with self._read() as conn:
            rows = conn.execute(query).all()
        return [
            WorkshopSummary(
                id=r.id,
                title=r.title,
                city=r.city,
                country=r.country,
                language=r.language,
                sensitivity=r.sensitivity,
                start_date=r.start_date,
                end_date=r.end_date,
                created_at=dt.datetime.fromtimestamp(r.created_at, tz=dt.UTC),
                updated_at=dt.datetime.fromtimestamp(r.updated_at, tz=dt.UTC),
                events=r.head,
                owner=r.owner,
            )
            for r in rows
        ]

    def delete_workshop(self, workshop_id: str) -> None:
        """Delete a workshop and its whole history, with the images no other workshop refers to."""
        check_workshop_id(workshop_id)
        with self._write() as conn:
            if not self._exists(conn, workshop_id):
                raise WorkshopNotFound(workshop=workshop_id)
            shas = list(
                conn.execute(sa.select(_blob_refs.c.sha256).where(_blob_refs.c.workshop_id == workshop_id)).scalars()
            )
            conn.execute(sa.delete(_blob_refs).where(_blob_refs.c.workshop_id == workshop_id))
            conn.execute(sa.delete(_snapshots).where(_snapshots.c.workshop_id == workshop_id))
            conn.execute(sa.delete(_events).where(_events.c.workshop_id == workshop_id))
            conn.execute(sa.delete(_workshops).where(_workshops.c.id == workshop_id))
            if shas:
                # In a savepoint: should another workshop come to refer to one of these
                # images at this very moment (PostgreSQL), the images are simply kept.
                with contextlib.suppress(IntegrityError), conn.begin_nested():
                    conn.execute(sa.delete(_blobs).where(_blobs.c.sha256.in_(shas), ~self._referenced()))

    @staticmethod
    def _referenced() -> sa.Exists:
        return sa.exists().where(_blob_refs.c.sha256 == _blobs.c.sha256)

    # -- reading -------------------------------------------------------------

    def head(self, workshop_id: str) -> int:
        """The version of the workshop's latest event."""
        check_workshop_id(workshop_id)
        query = sa.select(_workshops.c.head).where(_workshops.c.id == workshop_id, self._visible())
        with self._read() as conn:
            row = conn.execute(query).first()
        if row is None:
            raise WorkshopNotFound(workshop=workshop_id)
        return int(row.head)

    def load(self, workshop_id: str, at: dt.datetime | float | None = None) -> Workshop:
        """The workshop now, or as it was at the moment ``at`` (a datetime or epoch seconds)."""
        state, _version = self.load_with_version(workshop_id, at)
        return state

    def load_with_version(
        self,
        workshop_id: str,
        at: dt.datetime | float | None = None,
        *,
        repair: bool = False,
        skipped: list[Skipped] | None = None,
    ) -> tuple[Workshop, int]:
        """The workshop and the version of its last event (see :meth:`load`).

        A log holding an event that does not apply is not opened: :class:`EventNotApplicable` names the
        workshop and the event. ``repair=True`` skips such events and lists them in ``skipped``
        (:meth:`repair` does that and keeps the result).
        """
        check_workshop_id(workshop_id)
        until = None if at is None else _epoch(at)
        with self._read() as conn:
            head = conn.execute(
                sa.select(_workshops.c.head).where(_workshops.c.id == workshop_id, self._visible())
            ).first()
            if head is None:
                raise WorkshopNotFound(workshop=workshop_id)
            snaps = sa.select(_snapshots.c.version, _snapshots.c.state).where(
                _snapshots.c.workshop_id == workshop_id, _snapshots.c.schema == STATE_SCHEMA
            )
            if until is not None:
                snaps = snaps.where(_snapshots.c.ts <= until)
            snap = conn.execute(snaps.order_by(_snapshots.c.version.desc()).limit(1)).first()
            base_version = snap.version if snap else 0
            events = self._read_events(conn, workshop_id, base_version, until)
        state = Workshop.model_validate_json(snap.state) if snap else None
        try:
            state = fold(state, events, repair=repair, skipped=skipped)
        except EventNotApplicable as exc:
            raise EventNotApplicable("error.event.log_unreadable", workshop=workshop_id, **exc.params) from exc
        if state is None:
            raise WorkshopNotFound(workshop=workshop_id)
        version = events[-1].version if events else base_version
        if until is None and len(events) >= SNAPSHOT_EVERY:
            self._snapshot(workshop_id, state, version)
        return state, version

    def _read_events(self, conn: Connection, wid: str, after: int, until: float | None = None) -> list[Event]:
        if until is None:
            rows = conn.execute(_EVENTS_AFTER, {"wid": wid, "after": after})
        else:
            query = sa.select(_events).where(
                _events.c.workshop_id == wid, _events.c.version > after, _events.c.ts <= until
            )
            rows = conn.execute(query.order_by(_events.c.version))
        return [_row_to_event(r) for r in rows]

    def events_after(self, workshop_id: str, version: int) -> list[Event]:
        """The workshop's events after ``version``, in order (what others appended)."""
        check_workshop_id(workshop_id)
        with self._read() as conn:
            self._reach(conn, workshop_id)
            return self._read_events(conn, workshop_id, version)

    def history(self, workshop_id: str, *, since: int = 0, limit: int | None = None) -> list[Event]:
        """The workshop's events, oldest first: the audit trail.

        ``since`` skips events up to that version; ``limit`` keeps the latest ones.
        """
        check_workshop_id(workshop_id)
        with self._read() as conn:
            if not self._exists(conn, workshop_id):
                raise WorkshopNotFound(workshop=workshop_id)
            query = sa.select(_events).where(_events.c.workshop_id == workshop_id, _events.c.version > since)
            if limit is not None:
                query = query.order_by(_events.c.version.desc()).limit(limit)
                rows = list(reversed(conn.execute(query).all()))
            else:
                rows = list(conn.execute(query.order_by(_events.c.version)).all())
        return [_row_to_event(r) for r in rows]

    def batches(
        self, workshop_id: str, participant: str | None, *, roles: Sequence[str | None] | None = None
    ) -> list[tuple[str, str | None]]:
        """``(batch, undoes)`` of one participant's commands, oldest first.

        ``roles`` keeps only the commands given in one of these roles (``None``
        in it: commands written before roles were recorded).
        """
        self._reached(workshop_id)
        cond = _events.c.participant.is_(None) if participant is None else _events.c.participant == participant
        if roles is not None:
            named = [r for r in roles if r is not None]
            role_cond = _events.c.role.in_(named) if named else sa.false()
            cond = sa.and_(cond, sa.or_(role_cond, _events.c.role.is_(None)) if None in roles else role_cond)
        query = (
            sa.select(_events.c.batch, _events.c.undoes, sa.func.min(_events.c.version).label("first"))
            .where(_events.c.workshop_id == workshop_id, cond)
            .group_by(_events.c.batch, _events.c.undoes)
            .order_by(sa.text("first"))
        )
        with self._read() as conn:
            return [(r.batch, r.undoes) for r in conn.execute(query)]

    def participants(self, workshop_id: str) -> set[str]:
        """Every handle (or pseudonym) the workshop's log records a change by."""
        self._reached(workshop_id)
        query = sa.select(_events.c.participant).where(_events.c.workshop_id == workshop_id).distinct()
        with self._read() as conn:
            return {r.participant for r in conn.execute(query) if r.participant is not None}

    @staticmethod
    def _is_undone(conn: Connection, workshop_id: str, batch: str) -> bool:
        return conn.execute(_IS_UNDONE, {"wid": workshop_id, "batch": batch}).first() is not None

    def batch_events(self, workshop_id: str, batch: str) -> list[Event]:
        check_workshop_id(workshop_id)
        with self._read() as conn:
            self._reach(conn, workshop_id)
            query = (
                sa.select(_events)
                .where(_events.c.workshop_id == workshop_id, _events.c.batch == batch)
                .order_by(_events.c.version)
            )
            return [_row_to_event(r) for r in conn.execute(query)]

    # -- writing -------------------------------------------------------------

    def append(
        self,
        workshop_id: str,
        base: Workshop,
        base_version: int,
        build: Build,
        *,
        participant: str | None = None,
        role: str | None = None,
        undoes: str | None = None,
        blobs: Iterable[BlobData] = (),
        key: str | None = None,
    ) -> AppendResult:
        """Append the events ``build`` makes, in one transaction.

        Under the workshop's lock, the events appended since ``base_version``
        are folded into ``base``; ``build`` is called with that latest state and
        returns the events of the command (or raises to refuse it, writing
        nothing). ``role`` is recorded with the events (undo never reaches past
        it). ``undoes`` names the batch an undo compensates; an undo of a batch
        already undone is refused. ``blobs`` are images (``(bytes,
        media_type)``) the events' attachments refer to: they are stored in the
        same transaction, only when the command appends something. ``key``
        makes the command idempotent (see :class:`Command`): a key already in
        the log appends nothing.
        """
        command = Command(build, participant, role, undoes, key, tuple(blobs))
        group = self.append_group(workshop_id, base, base_version, [command], isolate=False)
        (result,) = group.results
        return AppendResult(group.state, group.version, group.pulled, [] if result.duplicate else result.appended)

    def append_group(
        self,
        workshop_id: str,
        base: Workshop,
        base_version: int,
        commands: Sequence[Command],
        *,
        isolate: bool = True,
    ) -> GroupResult:
        """Append several commands in one transaction (a group commit), each checked against the state before it.

        Each command is a batch of its own (one undo each). With ``isolate``, a
        command that is refused (its ``build`` raises) is reported in its
        result and the others are still applied; without it, the first refusal
        is raised and nothing is written. Thirty phones adding notes at once
        cost one write to disk, not thirty.
        """
        check_workshop_id(workshop_id)
        for command in commands:
            if command.key is not None and not BATCH_KEY_RE.match(command.key):
                raise InvalidCommand("error.command.bad_key")
        with self._write() as conn:
            self._reach(conn, workshop_id)
            row = conn.execute(_LOCK_HEAD, {"wid": workshop_id}).first()
            if row is None:
                raise WorkshopNotFound(workshop=workshop_id)
            pulled = self._read_events(conn, workshop_id, base_version) if row.head > base_version else []
            state = fold(base, pulled)
            assert state is not None
            head, head_ts, summary_due = row.head, row.head_ts, False
            results: list[CommandResult] = []
            keys: dict[str, list[Event]] = {}
            for command in commands:
                try:
                    result, drafts = self._one_command(conn, workshop_id, state, command, keys)
                except Exception as exc:
                    if not isolate:
                        raise
                    if not isinstance(exc, NscWorkshopError):
                        log.exception("a command on workshop %s failed", workshop_id)
                    results.append(CommandResult([], error=exc))
                    continue
                if result is not None:
                    results.append(result)
                    continue
                new_state = fold(state, drafts)
                assert new_state is not None
                given = set(self._put_blobs(conn, command.blobs))
                appended = self._insert(conn, workshop_id, head, head_ts, drafts, command, new_state, given)
                if command.key is not None:
                    keys[command.key] = appended
                summary_due = summary_due or any(e.type.startswith(("workshop.", "meta.")) for e in appended)
                state, head, head_ts = new_state, appended[-1].version, appended[-1].ts
                results.append(CommandResult(appended))
            if head != row.head:
                self._move_head(conn, workshop_id, head, head_ts, state if summary_due else None)
            snapshot_due = head - row.snapshot_version >= SNAPSHOT_EVERY
        if snapshot_due:
            self._snapshot(workshop_id, state, head)
        return GroupResult(state, head, pulled, results)

    def _one_command(
        self, conn: Connection, wid: str, state: Workshop, command: Command, keys: dict[str, list[Event]]
    ) -> tuple[CommandResult | None, list[Event]]:
        """A command's result when it appends nothing (done before, or no change), else its draft events."""
        if command.key is not None:
            if command.key in keys:
                return CommandResult(keys[command.key], duplicate=True), []
            if conn.execute(_BATCH_SEEN, {"wid": wid, "batch": command.key}).first() is not None:
                query = sa.select(_events).where(_events.c.workshop_id == wid, _events.c.batch == command.key)
                done = [_row_to_event(r) for r in conn.execute(query.order_by(_events.c.version))]
                return CommandResult(done, duplicate=True), []
        if command.undoes is not None and self._is_undone(conn, wid, command.undoes):
            raise NothingToUndo()  # undone from another tab meanwhile
        drafts = list(command.build(state))
        if not drafts:
            return CommandResult([]), []
        return None, drafts

    def _snapshot(self, workshop_id: str, state: Workshop, version: int | None = None) -> None:
        """Keep the state at ``version`` (the head when None) so that loading starts there."""
        payload = state.model_dump_json()
        with contextlib.suppress(IntegrityError), self._write() as conn:
            row = conn.execute(
                sa.select(_workshops.c.head, _workshops.c.snapshot_version)
                .where(_workshops.c.id == workshop_id)
                .with_for_update()
            ).first()
            if row is None:
                return
            version = row.head if version is None else version
            if version <= row.snapshot_version:
                return
            ts = conn.execute(
                sa.select(_events.c.ts).where(_events.c.workshop_id == workshop_id, _events.c.version == version)
            ).scalar_one()
            conn.execute(
                sa.insert(_snapshots).values(
                    workshop_id=workshop_id, version=version, ts=ts, schema=STATE_SCHEMA, state=payload
                )
            )
            conn.execute(sa.update(_workshops).where(_workshops.c.id == workshop_id).values(snapshot_version=version))

    def repair(self, workshop_id: str) -> list[Skipped]:
        """Open a workshop whose log holds events that do not apply: skip them and say which.

        The state without them is kept as a snapshot at the head, so the workshop opens
        (and sessions work) again; the log itself is append-only and keeps every event for the
        audit trail. Returns the skipped events with their reasons (none: nothing was written).
        """
        skipped: list[Skipped] = []
        state, version = self.load_with_version(workshop_id, repair=True, skipped=skipped)
        if skipped:
            log.warning("workshop %s repaired: %d events skipped", workshop_id, len(skipped))
            self._snapshot(workshop_id, state, version)
        return skipped

    def snapshot(self, workshop_id: str) -> None:
        """Write a snapshot of the workshop's current state now."""
        state, version = self.load_with_version(workshop_id)
        self._snapshot(workshop_id, state, version)

    # -- images (blobs) ------------------------------------------------------

    @staticmethod
    def _blob_insert(backend: str) -> sa.Insert:
        """An insert that does nothing when the image is already there (two uploads of one photo at once)."""
        if backend == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as pg_insert

            return pg_insert(_blobs).on_conflict_do_nothing(index_elements=["sha256"])
        if backend == "sqlite":
            from sqlalchemy.dialects.sqlite import insert as sqlite_insert

            return sqlite_insert(_blobs).on_conflict_do_nothing(index_elements=["sha256"])
        return sa.insert(_blobs)

    @staticmethod
    def _images_of(workshop: Workshop, blobs: Mapping[str, bytes]) -> list[BlobData]:
        """The given images the workshop's attachments use, each checked against its sha256."""
        images: dict[str, BlobData] = {}
        for attachment in workshop.sprint.attachments.values():
            sha = attachment.sha256
            if sha in images or sha not in blobs:
                continue
            data = bytes(blobs[sha])
            if hashlib.sha256(data).hexdigest() != sha:
                raise InvalidInput("error.blob.mismatch", sha256=sha)
            images[sha] = (data, attachment.media_type)
        return list(images.values())

    def _put_blobs(self, conn: Connection, items: Iterable[BlobData]) -> list[str]:
        rows: dict[str, dict[str, Any]] = {}
        now = time.time()
        for data, media_type in items:
            if not isinstance(data, bytes | bytearray | memoryview):
                raise InvalidInput(problems=[Problem("data", "must be bytes")])
            if not isinstance(media_type, str) or not 0 < len(media_type) <= 64 or "/" not in media_type:
                raise InvalidInput(problems=[Problem("media_type", "must be a media type such as image/png")])
            content = bytes(data)
            sha = hashlib.sha256(content).hexdigest()
            rows[sha] = {
                "sha256": sha,
                "media_type": media_type,
                "size": len(content),
                "data": content,
                "created_at": now,
            }
        if rows:
            stored = set(conn.execute(sa.select(_blobs.c.sha256).where(_blobs.c.sha256.in_(list(rows)))).scalars())
            new = [row for sha, row in rows.items() if sha not in stored]
            if new:
                conn.execute(self._insert_blob, new)
        return list(rows)

    def _reference_blobs(
        self, conn: Connection, wid: str, events: Sequence[Event], state: Workshop, given: Set[str]
    ) -> None:
        """Record that the workshop refers to the images of ``events``, refusing an image not stored.

        A store scoped to a city may refer only to images whose bytes it gives now (``given``), that a
        workshop of its own already uses, or that no workshop uses yet: knowing another city's image's
        sha256 does not make it this city's (it is refused as an image not stored, with the same words).
        """
        wanted = _blob_ids(events, state)
        if not wanted:
            return
        shas = sorted(wanted)
        stored = set(conn.execute(sa.select(_blobs.c.sha256).where(_blobs.c.sha256.in_(shas))).scalars())
        if not self.scope.everything and stored - given:
            used_by = _blob_refs.join(_workshops, _blob_refs.c.workshop_id == _workshops.c.id)
            ours = sa.func.max(sa.case((self._visible(), 1), else_=0))  # 1: a workshop of ours uses it
            query = sa.select(_blob_refs.c.sha256, ours).select_from(used_by).where(_blob_refs.c.sha256.in_(shas))
            reach = dict(conn.execute(query.group_by(_blob_refs.c.sha256)).tuples().all())
            stored = {sha for sha in stored if sha in given or reach.get(sha, 1)}  # used elsewhere only: not ours
        for sha in shas:
            if sha not in stored:
                raise InvalidCommand("error.blob.missing", id=wanted[sha], sha256=sha[:12])
        known = set(
            conn.execute(
                sa.select(_blob_refs.c.sha256).where(_blob_refs.c.workshop_id == wid, _blob_refs.c.sha256.in_(shas))
            ).scalars()
        )
        new = [{"workshop_id": wid, "sha256": sha} for sha in shas if sha not in known]
        if new:
            conn.execute(sa.insert(_blob_refs), new)

    def put_blob(self, data: bytes, media_type: str) -> str:
        """Store an image (once: storing the same bytes again changes nothing); returns its sha256.

        The store does not look inside: check and clean an upload with
        :func:`nsc_workshop.images.prepare_image` first. An image stored this way
        that no attachment comes to refer to is removed by :meth:`gc_blobs`;
        :meth:`~nsc_workshop.session.WorkshopSession.attach_image` stores the
        image and its attachment together instead.
        """
        self._owner_for_new()  # an account of no city stores nothing
        with self._write() as conn:
            (sha,) = self._put_blobs(conn, [(data, media_type)])
        return sha

    def _blob_reached(self) -> sa.ColumnElement[bool]:
        """The images this store's scope reaches: all, or those a reachable workshop refers to."""
        if self.scope.everything:
            return sa.true()
        used_by = _blob_refs.join(_workshops, _blob_refs.c.workshop_id == _workshops.c.id)
        return sa.exists(
            sa.select(_blob_refs.c.sha256)
            .select_from(used_by)
            .where(_blob_refs.c.sha256 == _blobs.c.sha256, self._visible())
        )

    @staticmethod
    def _check_sha(sha256: str) -> str:
        if not isinstance(sha256, str) or not _SHA256_RE.match(sha256):
            raise BlobNotFound(sha256=str(sha256)[:80])
        return sha256

    def get_blob(self, sha256: str) -> bytes:
        """The bytes of a stored image; :class:`~nsc_workshop.errors.BlobNotFound` if there is none."""
        self._check_sha(sha256)
        with self._read() as conn:
            data = conn.execute(
                sa.select(_blobs.c.data).where(_blobs.c.sha256 == sha256, self._blob_reached())
            ).scalar()
        if data is None:
            raise BlobNotFound(sha256=sha256)
        return bytes(data)

    def get_blobs(self, sha256s: Iterable[str]) -> dict[str, bytes]:
        """Several images by sha256, in one query; :class:`~nsc_workshop.errors.BlobNotFound` for one missing."""
        wanted = list(dict.fromkeys(self._check_sha(sha) for sha in sha256s))
        if not wanted:
            return {}
        with self._read() as conn:
            query = sa.select(_blobs.c.sha256, _blobs.c.data).where(_blobs.c.sha256.in_(wanted), self._blob_reached())
            rows = conn.execute(query).all()
        found = {row.sha256: bytes(row.data) for row in rows}
        for sha in wanted:
            if sha not in found:
                raise BlobNotFound(sha256=sha)
        return {sha: found[sha] for sha in wanted}

    def blobs_for(self, workshop: Workshop) -> dict[str, bytes]:
        """The images the workshop's attachments refer to, by sha256 (what its bundle carries)."""
        return self.get_blobs(a.sha256 for a in workshop.sprint.attachments.values())

    def blob_info(self, sha256: str) -> BlobInfo:
        """The media type, size and time of a stored image, without reading its bytes."""
        self._check_sha(sha256)
        query = sa.select(_blobs.c.sha256, _blobs.c.media_type, _blobs.c.size, _blobs.c.created_at).where(
            _blobs.c.sha256 == sha256, self._blob_reached()
        )
        with self._read() as conn:
            row = conn.execute(query).first()
        if row is None:
            raise BlobNotFound(sha256=sha256)
        return BlobInfo(row.sha256, row.media_type, row.size, dt.datetime.fromtimestamp(row.created_at, tz=dt.UTC))

    def list_blobs(self) -> list[BlobInfo]:
        """Every stored image this store reaches (without its bytes), the oldest first."""
        query = (
            sa.select(_blobs.c.sha256, _blobs.c.media_type, _blobs.c.size, _blobs.c.created_at)
            .where(self._blob_reached())
            .order_by(_blobs.c.created_at, _blobs.c.sha256)
        )
        with self._read() as conn:
            rows = conn.execute(query).all()
        return [
            BlobInfo(r.sha256, r.media_type, r.size, dt.datetime.fromtimestamp(r.created_at, tz=dt.UTC)) for r in rows
        ]

    def gc_blobs(self, older_than: float = 3600.0) -> int:
        """Delete the images no workshop refers to, stored over ``older_than`` seconds ago; returns how many.

        Only images stored with :meth:`put_blob` and never used can be in this
        state (deleting a workshop deletes its images already); the grace time
        leaves an upload in progress alone. The server's admin only (a store with no scope): which
        images nobody uses is a question about every city.
        """
        if not self.scope.everything:
            raise NotPermitted("error.access.admin_only")
        cutoff = time.time() - older_than
        with self._write() as conn:
            result = conn.execute(sa.delete(_blobs).where(_blobs.c.created_at < cutoff, ~self._referenced()))
        return int(result.rowcount or 0)

    # -- sessions ------------------------------------------------------------

    def session(self, workshop_id: str, participant: str | None = None, role: str = "facilitator") -> WorkshopSession:
        """A session on one workshop: :func:`nsc_workshop.session.open_session` (``open_session(store, ...)``).

        Deprecated shortcut, kept for one release: the store is below the session and does not
        import it (the import contracts allow this one import until the shortcut goes).
        """
        from nsc_workshop.session import open_session

        return open_session(self, workshop_id, participant, role)


def open_store(url: str | os.PathLike[str] | None = None, *, scope: Scope | None = None) -> Store:
    """Open (creating when needed) the store at ``url``.

    ``url`` is a SQLAlchemy URL (``sqlite:///path.db``,
    ``postgresql+psycopg://user@host/db``) or a file path. Without one,
    ``$NSC_WORKSHOP_DB`` is used, else :func:`default_db_path`. ``scope``
    (:class:`~nsc_workshop.access.Scope`) is the workshops it reaches; without one,
    what the hub set in ``$NSC_CITY`` (unset: every workshop, as on a laptop).

    >>> store = open_store("sqlite://")   # in memory
    >>> wid = store.create_workshop("Hate online", "Varnholm", "Norway", workshop_id="demo")
    >>> store.load(wid).meta.city
    'Varnholm'
    """
    store = open_database(Store, _to_url(url), url)
    if scope is not None:
        store.scope = scope
    return store
