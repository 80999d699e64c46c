"""Named session commands, one module per app, mixed into WorkshopSession."""

from nsc_workshop.commands.framing import FramingCommands

__all__ = ["FramingCommands"]
