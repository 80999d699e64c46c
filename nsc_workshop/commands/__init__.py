"""Named session commands, one module per app, mixed into WorkshopSession."""

from nsc_workshop.commands.attachments import AttachmentCommands
from nsc_workshop.commands.framing import FramingCommands
from nsc_workshop.commands.sprint import SprintCommands

__all__ = ["AttachmentCommands", "FramingCommands", "SprintCommands"]
