"""Files written whole or not at all: one way for every writer of the kit.

A file is written beside its target under a name of its own (``.map.gexf.3f2a9c1b.tmp``),
flushed to disk, then renamed over the target in one step, so a reader sees the
old file or the new one, never half of one; on any failure the temporary file is
removed and the target is left as it was. Callers turn ``OSError`` into their own
error (an export, a room file, an open-data archive).
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

__all__ = ["atomic_path", "write_atomic", "write_export"]


@contextlib.contextmanager
def atomic_path(target: Path, *, private: bool = False) -> Iterator[Path]:
    """A temporary path beside ``target`` to write to; renamed over ``target`` when the block ends without error.

    ``private``: the file is created ``0600`` and its folder ``0700`` (made if
    missing), for what only the owner may read; else as any new file (the umask).

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> with atomic_path(folder / "a.txt") as tmp:
    ...     _ = tmp.write_text("whole")
    >>> (folder / "a.txt").read_text(), sorted(p.name for p in folder.iterdir())
    ('whole', ['a.txt'])
    """
    if private:
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    try:
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600 if private else 0o666))
        yield tmp
        with open(tmp, "rb+") as handle:  # on disk before it replaces the target
            os.fsync(handle.fileno())
        tmp.replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def write_atomic(target: Path, data: bytes, *, private: bool = False) -> Path:
    """Write ``data`` to ``target`` whole or not at all (see :func:`atomic_path`); returns ``target``."""
    with atomic_path(target, private=private) as tmp:
        tmp.write_bytes(data)
    return target


def write_export(target: Path, data: bytes) -> Path:
    """Write an export the user asked for whole or not at all; a failure is an :class:`~nsc_workshop.errors.ExportError`
    naming the file and the system's reason."""
    from nsc_workshop.errors import ExportError

    try:
        return write_atomic(target, data)
    except OSError as exc:
        raise ExportError("io.error.write", path=str(target), detail=exc.strerror or str(exc)) from None
