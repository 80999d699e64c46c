"""What the command namespaces need of a session, declared once, and the base they share.

:class:`~nsc_workshop.session.WorkshopSession` is the small core: it loads the workshop, checks
and appends events, undoes and follows others' changes. The named commands of each app live in
a namespace over it (``session.framing``, ``session.sprint``, ``session.attachments``), which
acts only through :class:`SessionCore`; mypy checks that the session provides it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Concatenate, Generic, ParamSpec, Protocol, TypeVar, overload

if TYPE_CHECKING:
    from typing import Self

    from nsc_workshop.events import Event
    from nsc_workshop.model import Entity, Vote, Workshop
    from nsc_workshop.store import BlobData, Store

__all__ = ["CommandNamespace", "SessionCore", "alias"]

Change = tuple[Any, ...]
P = ParamSpec("P")
R = TypeVar("R")


class SessionCore(Protocol):
    """The session's part the command namespaces use."""

    store: Store
    participant: str | None

    @property
    def workshop(self) -> Workshop: ...
    def require_facilitator(self) -> None: ...
    def refresh(self) -> list[Event]: ...
    def add(self, kind: str, /, **fields: Any) -> Entity: ...
    def update(self, kind: str, item_id: str, /, **changes: Any) -> Entity: ...
    def upsert(self, kind: str, item_id: str, /, **fields: Any) -> Entity: ...
    def update_section(self, section: str, /, **changes: Any) -> None: ...
    def update_meta(self, **changes: Any) -> None: ...
    def change_many(self, plan: Sequence[Change] | Callable[[Workshop], Sequence[Change]]) -> list[Entity]: ...
    def vote(
        self,
        target: str,
        *,
        round: str | None = None,  # noqa: A002
        kind: str = "dot",
        weight: int = 1,
        **fields: Any,
    ) -> Vote: ...
    def _new_item(self, state: Workshop, kind: str, fields: dict[str, Any]) -> Entity: ...
    def _updated_item(
        self, state: Workshop, kind: str, item_id: str, changes: dict[str, Any]
    ) -> tuple[Entity, Entity]: ...
    def _update_event(self, kind: str, old: Entity, new: Entity) -> Event | None: ...
    def _run(
        self,
        build: Callable[[Workshop], Sequence[Event]],
        undoes: str | None = None,
        *,
        blobs: Sequence[BlobData] = (),
    ) -> list[Event]: ...


class CommandNamespace:
    """A group of named commands over one session (``session.framing``...)."""

    def __init__(self, session: SessionCore) -> None:
        self._session = session

    @property
    def workshop(self) -> Workshop:
        """The session's workshop as it stands."""
        return self._session.workshop

    def require_facilitator(self) -> None:
        """Refuse unless the session is the facilitator's (:func:`~nsc_workshop.commands._roles.facilitator_only`)."""
        self._session.require_facilitator()


class alias(Generic[P, R]):
    """A session's old name for a namespaced command: ``add_hmw = alias("framing", FramingCommands.add_hmw)``.

    Kept for one release so that scripts written for the mixins keep working; deprecated: call
    ``session.framing.add_hmw(...)``. The signature is the command's own, not a copy.
    """

    def __init__(self, namespace: str, method: Callable[Concatenate[Any, P], R]) -> None:
        self.namespace = namespace
        self.name = method.__name__
        self.__doc__ = f"Deprecated alias of ``session.{namespace}.{self.name}`` (removed in the next release)."

    @overload
    def __get__(self, obj: None, owner: type[Any]) -> Self: ...
    @overload
    def __get__(self, obj: object, owner: type[Any]) -> Callable[P, R]: ...
    def __get__(self, obj: object | None, owner: type[Any]) -> Self | Callable[P, R]:
        if obj is None:
            return self
        method: Callable[P, R] = getattr(getattr(obj, self.namespace), self.name)
        return method
