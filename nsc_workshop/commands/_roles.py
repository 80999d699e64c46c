"""Who may run which command: the facilitator's commands are marked here."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast

__all__ = ["facilitator_only"]

F = TypeVar("F", bound=Callable[..., Any])


def facilitator_only(method: F) -> F:
    """Refuse the command (``InvalidCommand``) unless the session's role is ``facilitator``."""

    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        self.require_facilitator()
        return method(self, *args, **kwargs)

    return cast(F, wrapper)
