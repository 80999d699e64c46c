"""What the two databases share: the workshop store and the secretariat library.

Opening a SQLAlchemy URL (a SQLite file by default, PostgreSQL by URL), the
SQLite settings (WAL, full sync, foreign keys), write transactions that take
SQLite's write lock up front, and creating the tables once, safely when
several processes start at the same moment. The SQL itself lives in
:mod:`nsc_workshop.store` and :mod:`nsc_workshop.library.db`.
"""

from __future__ import annotations

import contextlib
import os
import random
import re
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, ClassVar, Self, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import URL, Connection, Engine
from sqlalchemy.exc import ArgumentError, IntegrityError, OperationalError
from sqlalchemy.exc import SQLAlchemyError as _SAError

from nsc_workshop.errors import NscWorkshopError, StoreError

__all__ = [
    "LOCK_WAIT_SECONDS",
    "Database",
    "database_url",
    "display_url",
    "hide_password",
    "info_table",
    "open_database",
    "sqlite_file",
]

LOCK_WAIT_SECONDS = 60.0
_WRITE = "nsc_write"


def _begin_immediate(dbapi_conn: Any) -> None:
    """Take SQLite's write lock, waiting in short random steps while another writer holds it.

    SQLite's own busy handler backs off up to 100 ms a try, so under twenty
    writers some wait seconds while others pass again and again; short
    randomised retries keep every participant's wait close to the typical one.
    """
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    dbapi_conn.execute("PRAGMA busy_timeout=0")
    try:
        while True:
            try:
                dbapi_conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
                if time.monotonic() > deadline:
                    raise StoreError("error.store.busy", seconds=int(LOCK_WAIT_SECONDS)) from exc
                time.sleep(random.uniform(0.0002, 0.002))
    finally:
        dbapi_conn.execute("PRAGMA busy_timeout=60000")


def database_url(url: str | os.PathLike[str] | None, env: str, default: Callable[[], Path]) -> str:
    """A SQLAlchemy URL from a URL or a file path; without one, ``$env``, else the ``default()`` file."""
    if url is None or str(url) == "":
        url = os.environ.get(env) or default()
    text = os.fspath(url)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


_USER_PASSWORD = re.compile(r"(://[^/?#@:]*:)[^/?#@]*@")


def display_url(url: str | os.PathLike[str]) -> str:
    """A database URL (or a file path) as it may be shown or logged: with any password hidden (``***``).

    >>> display_url("postgresql+psycopg://nsc:s3cret@db.example.org/workshops")
    'postgresql+psycopg://nsc:***@db.example.org/workshops'
    >>> display_url("/home/me/workshops.db")
    '/home/me/workshops.db'
    """
    text = os.fspath(url)
    if "://" not in text:
        return text  # a file path
    try:
        return sa.make_url(text).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):  # not a URL SQLAlchemy reads: hide what looks like a password
        return _USER_PASSWORD.sub(r"\1***@", text)


def hide_password(text: str, url: str | os.PathLike[str] | None) -> str:
    """``text`` (an error's detail) with the password of ``url`` hidden wherever it appears."""
    if url is None:
        return text
    raw = os.fspath(url)
    text = text.replace(raw, display_url(raw))
    try:
        password = sa.make_url(raw).password if "://" in raw else None
    except (ArgumentError, ValueError):
        password = None
    return text.replace(str(password), "***") if password else text


D = TypeVar("D", bound="Database")


def open_database(kind: type[D], url: str, given: str | os.PathLike[str] | None) -> D:
    """``kind(url)``; a database that cannot be reached or created is a :class:`StoreError` naming
    ``given`` (else ``url``), its password hidden."""
    try:
        return kind(url)
    except NscWorkshopError:
        raise
    except (_SAError, OSError, ImportError) as exc:  # ImportError: the database's driver is not installed
        shown = display_url(given if given is not None and os.fspath(given) else url)
        detail = hide_password(hide_password(str(exc), url), given)
        raise StoreError("error.store.unreachable", url=shown, detail=detail) from exc


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL (None for another database, or SQLite in memory)."""
    parsed = sa.make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(str(parsed.database)).expanduser().resolve()


def _private_file(path: Path) -> None:
    """Create a new database file readable by its owner only (SQLite gives its journal the same mode).

    A folder made for it is ``0700``; an existing file is left as it is.
    """
    if path.exists():
        return
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def info_table(name: str, metadata: sa.MetaData) -> sa.Table:
    """A key/value table (the schema version lives under ``schema``)."""
    return sa.Table(
        name,
        metadata,
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )


class Database:
    """A database opened by URL, with its tables (``metadata``) created when missing.

    Subclasses set ``metadata``, ``info_table`` (a key/value table holding the
    schema version) and ``schema_version``.
    """

    metadata: ClassVar[sa.MetaData]
    info_table: ClassVar[sa.Table]
    schema_version: ClassVar[int]

    def __init__(self, url: str) -> None:
        self.url = url
        try:
            parsed = sa.make_url(url)
        except (ArgumentError, ValueError) as exc:  # ValueError: a port that is not a number
            raise StoreError("error.store.bad_url", url=display_url(url)) from exc
        self.backend = parsed.get_backend_name()
        self._sqlite = self.backend == "sqlite"
        self.engine = self._make_engine(parsed)
        try:
            self._ensure_schema()
        except OperationalError as exc:
            raise StoreError(
                "error.store.unreachable", url=self.display_url, detail=hide_password(str(exc.orig), self.url)
            ) from exc

    @property
    def display_url(self) -> str:
        """The URL with any password hidden."""
        return display_url(self.url)

    def _make_engine(self, url: URL) -> Engine:
        if not self._sqlite:
            return sa.create_engine(url, pool_pre_ping=True)
        database = url.database or ""
        memory = database in ("", ":memory:")
        if memory:
            engine = sa.create_engine(url, poolclass=sa.pool.StaticPool, connect_args={"check_same_thread": False})
        else:
            _private_file(Path(database))
            engine = sa.create_engine(url, connect_args={"timeout": 60, "check_same_thread": False})

        @sa.event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: Any, _record: Any) -> None:
            # Let SQLAlchemy, not the sqlite3 module, issue BEGIN (see _on_begin).
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            if not memory:
                cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=FULL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=60000")
            cur.close()

        @sa.event.listens_for(engine, "begin")
        def _on_begin(conn: Connection) -> None:
            # Writers take the write lock up front, so that two writers never
            # both read and then fail to upgrade their lock.
            if conn.get_execution_options().get(_WRITE, False):
                _begin_immediate(conn.connection.driver_connection)
            else:
                conn.exec_driver_sql("BEGIN")

        return engine

    @contextlib.contextmanager
    def _write(self) -> Iterator[Connection]:
        try:
            with self.engine.connect().execution_options(**{_WRITE: True}) as conn, conn.begin():
                yield conn
        except OperationalError as exc:  # disk full, read-only file, server gone...
            raise StoreError(
                "error.store.write_failed", url=self.display_url, detail=hide_password(str(exc.orig), self.url)
            ) from exc

    @contextlib.contextmanager
    def _read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn, conn.begin():
            yield conn

    def _ensure_schema(self) -> None:
        info = self.info_table
        for attempt in range(5):
            try:
                with self._write() as conn:
                    self.metadata.create_all(conn, checkfirst=True)
                    row = conn.execute(sa.select(info.c.value).where(info.c.key == "schema")).first()
                    if row is None:
                        conn.execute(sa.insert(info).values(key="schema", value=str(self.schema_version)))
                    elif int(row.value) > self.schema_version:
                        raise StoreError("error.store.too_new", url=self.display_url)
                    elif int(row.value) < self.schema_version:
                        self._migrate(conn, int(row.value))
                        conn.execute(
                            sa.update(info).where(info.c.key == "schema").values(value=str(self.schema_version))
                        )
                return
            except IntegrityError:
                # Another process created the schema at the same moment (PostgreSQL).
                time.sleep(0.05 * (attempt + 1))
            except _SAError as exc:
                if attempt == 4 or not self._is_race(exc):
                    raise
                time.sleep(0.05 * (attempt + 1))

    def _migrate(self, conn: Connection, from_version: int) -> None:
        """Bring a database written by an older kit (schema ``from_version``) up to :attr:`schema_version`.

        Runs inside the transaction that records the new version, after the
        missing tables were created. Subclasses add columns and indexes here.
        """

    @staticmethod
    def _is_race(exc: Exception) -> bool:
        text = str(exc).lower()
        return "already exists" in text or "duplicate" in text

    def close(self) -> None:
        """Close every database connection."""
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.display_url!r})"
