"""Session commands for the photos of paper sketches (Crazy 8s, solution sketches).

An upload is checked and cleaned by :func:`nsc_workshop.images.prepare_image`
(real type, size, pixels, EXIF orientation, 1600 px, no metadata) before
anything is written; then the image, the ``attachment`` item and the sketch's
reference to it are stored in one transaction, as one command (one undo).

>>> import io
>>> from PIL import Image
>>> from nsc_workshop import open_session, open_store
>>> store = open_store("sqlite://")
>>> s = open_session(store, store.create_workshop("Hate online", "Varnholm", "Norway"), participant="ana")
>>> sketch = s.add("sketch", title="Podcast")
>>> photo = io.BytesIO()
>>> Image.new("RGB", (120, 80), "white").save(photo, "PNG")
>>> attachment = s.attach_image("podcast.png", photo.getvalue(), sketch=sketch.id)
>>> s.workshop.sprint.sketches[sketch.id].attachment == attachment.id
True
>>> s.image_bytes(attachment.id)[:8]
b'\\x89PNG\\r\\n\\x1a\\n'
>>> from nsc_workshop.summaries.history import describe_undone
>>> describe_undone(s.undo())
'Changed sketch ...: attachment; Removed attachment: ...'
>>> s.workshop.sprint.attachments
{}
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from nsc_workshop.commands._core import CommandNamespace
from nsc_workshop.errors import ItemNotFound
from nsc_workshop.events import Event, fold
from nsc_workshop.i18n import t
from nsc_workshop.images import PreparedImage, prepare_image
from nsc_workshop.model import Attachment, Sketch

if TYPE_CHECKING:
    from nsc_workshop.model import Workshop

__all__ = ["AttachmentCommands"]


class AttachmentCommands(CommandNamespace):
    """Commands for uploaded images, over a session (``session.attachments``)."""

    def attach_image(self, filename: str, data: bytes, *, sketch: str | None = None) -> Attachment:
        """Attach an uploaded image (the photo of a paper sketch), to ``sketch`` when given.

        Parameters
        ----------
        filename
            The uploaded file's name: kept (without folders, with the stored
            type's extension) for display, never used to decide the type.
        data
            The uploaded bytes, at most :data:`~nsc_workshop.images.MAX_UPLOAD_BYTES`.
        sketch
            The id of a sketch whose ``attachment`` becomes the new one (a
            previous attachment stays in the workshop, no longer shown on it).

        Returns
        -------
        Attachment
            The new attachment: file name, media type, size and sha256 of the
            stored (re-encoded) image; its bytes come from :meth:`image_bytes`.

        Raises
        ------
        InvalidInput
            The file is refused (too large, not a PNG, JPEG, GIF or WebP image,
            damaged, too many pixels); its problem names the field ``file``.
        ItemNotFound
            There is no sketch ``sketch`` (someone may have removed it).

        A refused upload writes nothing: neither the image nor an event.
        """
        image = prepare_image(data, filename)

        def build(state: Workshop) -> list[Event]:
            if sketch is not None and sketch not in state.sprint.sketches:
                raise ItemNotFound(kind=t("kind.sketch"), id=sketch)
            return self._attachment_events(state, image, sketch)

        appended = self._session._run(build, blobs=[(image.data, image.media_type)])
        attachment = self.workshop.sprint.attachments[appended[0].data["item"]["id"]]
        assert isinstance(attachment, Attachment)
        return attachment

    def add_sketch_with_photo(self, /, title: str, filename: str, data: bytes, **fields: Any) -> Sketch:
        """A sketch made on paper (a Crazy 8s sheet, a solution sketch), with the photo of it, as one command.

        The photo is checked as in :meth:`attach_image`; the sketch, its image
        and the attachment are saved together or not at all (one undo removes them).
        """
        image = prepare_image(data, filename)

        def build(state: Workshop) -> list[Event]:
            item = self._session._new_item(state, "sketch", {"title": title, **fields})
            added = [Event("sketch.added", {"item": item.model_dump(mode="json")})]
            working = fold(state, added)
            assert working is not None
            return [*added, *self._attachment_events(working, image, item.id)]

        appended = self._session._run(build, blobs=[(image.data, image.media_type)])
        sketch = self.workshop.sprint.sketches[appended[0].data["item"]["id"]]
        assert isinstance(sketch, Sketch)
        return sketch

    def _attachment_events(self, state: Workshop, image: PreparedImage, sketch: str | None) -> list[Event]:
        """The events that store an attachment of ``image`` (and make ``sketch`` show it, when given)."""
        fields = {
            "filename": image.filename,
            "media_type": image.media_type,
            "size": image.size,
            "sha256": image.sha256,
        }
        item = self._session._new_item(state, "attachment", fields)
        events = [Event("attachment.added", {"item": item.model_dump(mode="json")})]
        if sketch is not None:
            working = fold(state, events)
            assert working is not None
            old, new = self._session._updated_item(working, "sketch", sketch, {"attachment": item.id})
            update = self._session._update_event("sketch", old, new)
            if update is not None:
                events.append(update)
        return events

    def image_bytes(self, attachment_id: str) -> bytes:
        """The stored image of an attachment (PNG or JPEG bytes, as its ``media_type`` says)."""
        attachment = self.workshop.sprint.attachments.get(attachment_id)
        if attachment is None:
            raise ItemNotFound(kind=t("kind.attachment"), id=attachment_id)
        return self._session.store.get_blob(attachment.sha256)
