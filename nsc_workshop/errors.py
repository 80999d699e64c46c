"""The exceptions nsc_workshop raises.

Every error the library raises on purpose is an :class:`NscWorkshopError`, so a
caller (an app, the CLI, a script) can catch that one class and show its message.
Messages are written for a facilitator, not a developer: they say what is wrong,
where (the field, row or file) and what to do. They are translated: each error
carries a message key and its parameters, and ``str(error)`` renders them in the
current language (see :mod:`nsc_workshop.i18n`).

The tree::

    NscWorkshopError
    ├── InvalidInput            bad data from a person or a file
    │   ├── BundleError         a workshop bundle that cannot be imported
    │   ├── ImportFormatError   a map file that is not what it says (or, strictly, needs adapting)
    │   ├── InvalidCommand      a change that would break the workshop
    │   ├── InvalidOption       a choice a function does not offer (a chart's option...); also a ValueError
    │   └── HandleTaken         a name in the room that someone else has
    ├── NotFound
    │   ├── WorkshopNotFound
    │   ├── ItemNotFound
    │   ├── BlobNotFound        an image the store does not hold
    │   └── RecordNotFound      a library record that is not there
    ├── Conflict
    │   └── WorkshopExists
    ├── NothingToUndo
    ├── PublishRefused          a restricted workshop, or a record of another city under the same id
    ├── PrivacyError            a name that must not leave was found in a record (nothing is published)
    ├── NotPermitted            what this account may not do (a hub user with no city creating a workshop...)
    ├── StoreError              the database cannot be opened or is too new
    │   └── EventNotApplicable  an event of a workshop's log does not apply to the state before it
    ├── ExportError             a file that cannot be written (no such folder, no permission...)
    └── ServeError              the app server cannot start
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "BlobNotFound",
    "BundleError",
    "Conflict",
    "EventNotApplicable",
    "ExportError",
    "HandleTaken",
    "ImportFormatError",
    "InvalidCommand",
    "InvalidInput",
    "InvalidOption",
    "ItemNotFound",
    "NotFound",
    "NotPermitted",
    "NothingToUndo",
    "NscWorkshopError",
    "PrivacyError",
    "Problem",
    "PublishRefused",
    "RecordNotFound",
    "ServeError",
    "StoreError",
    "WorkshopExists",
    "WorkshopNotFound",
]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where it is and what is wrong.

    ``where`` is a path such as ``workshop.ties[3].target`` or ``row 12``.
    """

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class NscWorkshopError(Exception):
    """Base class of every error nsc_workshop raises on purpose."""

    key = "error.generic"

    def __init__(
        self,
        key: str | None = None,
        /,
        *,
        problems: Sequence[Problem] = (),
        **params: Any,
    ) -> None:
        self.key = key or type(self).key
        self.params = params
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(self.key)

    @property
    def message(self) -> str:
        """The message in the current language, with the first problems listed."""
        from nsc_workshop.i18n import t

        text = t(self.key, **self.params)
        if self.problems:
            shown = self.problems[:10]
            lines = [text] + [f"  - {p}" for p in shown]
            if len(self.problems) > len(shown):
                lines.append("  " + t("error.more_problems", count=len(self.problems) - len(shown)))
            text = "\n".join(lines)
        return text

    def __str__(self) -> str:
        return self.message


class InvalidInput(NscWorkshopError):
    """Data typed in or loaded from a file is not valid."""

    key = "error.invalid_input"


class BundleError(InvalidInput):
    """A workshop bundle cannot be read or imported; ``problems`` says where."""

    key = "error.bundle.invalid"


class InvalidCommand(InvalidInput):
    """A change was refused because it would leave the workshop inconsistent."""

    key = "error.command.invalid"


class ImportFormatError(InvalidInput):
    """A map file cannot be read or imported; ``problems`` name the sheet, row and column."""

    key = "io.error.invalid"


class InvalidOption(InvalidInput, ValueError):
    """A choice a function does not offer, or a value it cannot draw (a chart's option, a count that is no number).

    Also a :class:`ValueError`, as Python's own functions raise for a bad argument.
    """

    key = "error.invalid_input"


class HandleTaken(InvalidInput):
    """A name chosen in the room that someone else has, or that could pass for a role."""

    key = "room.error.name_taken"


class ExportError(NscWorkshopError):
    """A file cannot be written (no such folder, no permission...)."""

    key = "io.error.write"


class NotFound(NscWorkshopError):
    key = "error.not_found"


class WorkshopNotFound(NotFound):
    key = "error.workshop.not_found"


class ItemNotFound(NotFound):
    key = "error.item.not_found"


class BlobNotFound(NotFound):
    """The store holds no image (blob) with this sha256."""

    key = "error.blob.not_found"


class RecordNotFound(NotFound):
    key = "error.library.record_not_found"


class Conflict(NscWorkshopError):
    key = "error.conflict"


class WorkshopExists(Conflict):
    key = "error.workshop.exists"


class NothingToUndo(NscWorkshopError):
    key = "error.undo.nothing"


class StoreError(NscWorkshopError):
    key = "error.store"


class EventNotApplicable(StoreError):
    """An event does not apply to the state it follows (a damaged log, or a bug): nothing was changed.

    :func:`nsc_workshop.events.fold` raises it; a workshop whose log holds one opens again with
    :meth:`nsc_workshop.store.Store.repair`, which says what it skipped.
    """

    key = "error.event.not_applicable"


class ServeError(NscWorkshopError):
    key = "error.serve"


class PublishRefused(NscWorkshopError):
    key = "library.refused.restricted"


class PrivacyError(NscWorkshopError):
    key = "error.library.leak"


class NotPermitted(NscWorkshopError):
    """What the account the kit runs for may not do: decided on the server, from the hub's groups.

    A workshop of another city is not "not permitted" but :class:`WorkshopNotFound`: an account never
    learns that another city's workshop exists.
    """

    key = "error.access.not_permitted"
