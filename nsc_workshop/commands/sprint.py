"""Session commands of the innovation-sprint app (filled in with the sprint work)."""

from __future__ import annotations

__all__ = ["SprintCommands"]


class SprintCommands:
    """Innovation-sprint commands, mixed into :class:`~nsc_workshop.session.WorkshopSession`."""
