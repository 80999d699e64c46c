"""Photos of paper sketches: checked, cleaned and downsized before they are stored.

An upload goes through :func:`prepare_image`, which never trusts the file's
name or declared type:

1. A file over :data:`MAX_UPLOAD_BYTES` (10 MiB) is refused before it is decoded.
2. Its real type comes from decoding it with Pillow, limited to PNG, JPEG, GIF
   and WebP (:data:`MEDIA_TYPES`). Text, PDF, SVG (XML that may carry
   scripts), HEIC and anything else is refused, as is an image that cannot be
   decoded to its end (truncated, damaged).
3. An image over :data:`MAX_PIXELS` (50 megapixels; a 48-megapixel phone photo
   passes) is refused from its header, before its pixels are decoded: a
   "decompression bomb" (a small file declaring a huge image) never fills the
   memory. Pillow's own bomb check is turned into the same error.
4. The EXIF orientation is applied (a phone photo taken upright shows upright),
   an embedded colour profile is converted to sRGB, and the image is shrunk to
   at most :data:`MAX_SIDE` (1600) pixels on its longer side (never enlarged).
   A large JPEG is decoded at a reduced scale first (cheap and memory-light).
5. It is re-encoded, which drops every piece of metadata (EXIF with the GPS
   position and the phone's model, XMP, comments, colour profile):

   - **PNG** when it has real transparency, or when a PNG, GIF or WebP has at
     most 256 colours (a drawing, a diagram, a GIF): lossless keeps lines
     sharp and such images compress well;
   - **JPEG**, quality :data:`JPEG_QUALITY` (85), otherwise: every JPEG (a
     phone photo; PNG would only keep its artefacts, bigger) and every
     many-coloured PNG, GIF or WebP (a photo saved losslessly). A 1600 px
     photo of a paper sketch is typically 100-400 kB.

   An animated GIF or WebP keeps its first frame.

Every refusal is an :class:`~nsc_workshop.errors.InvalidInput` whose problem
names the field ``file`` and says what to do, in the current language.

:func:`check_image` is the reading side (used for the images in a bundle): it
decodes fully, with the same type and size limits, and re-encodes nothing.

>>> import io
>>> from PIL import Image
>>> buffer = io.BytesIO()
>>> Image.new("RGB", (3200, 800), "white").save(buffer, "PNG")
>>> image = prepare_image(buffer.getvalue(), "C:\\\\Users\\\\ana\\\\whiteboard.PNG")
>>> image.media_type, image.width, image.height, image.filename
('image/png', 1600, 400, 'whiteboard.png')
>>> prepare_image(b"just some text", "sketch.png")
Traceback (most recent call last):
...
nsc_workshop.errors.InvalidInput: This photo cannot be attached:
  - file: This file is not an image (PNG, JPEG, GIF or WebP). Upload a photo of the sketch, or save it as PNG or JPEG.
"""

from __future__ import annotations

import hashlib
import io
import math
import re
from dataclasses import dataclass, field
from typing import Any

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from nsc_workshop.errors import InvalidInput, Problem
from nsc_workshop.i18n import t

__all__ = [
    "EXTENSIONS",
    "JPEG_QUALITY",
    "MAX_PIXELS",
    "MAX_SIDE",
    "MAX_UPLOAD_BYTES",
    "MEDIA_TYPES",
    "ImageInfo",
    "PreparedImage",
    "check_image",
    "clean_filename",
    "prepare_image",
]

MAX_UPLOAD_BYTES = 10 * 2**20
"""Largest upload (10 MiB), refused before decoding."""
MAX_SIDE = 1600
"""Longest side, in pixels, of a stored image."""
MAX_PIXELS = 50_000_000
"""Most pixels an image may declare (width × height); checked before decoding."""
JPEG_QUALITY = 85
DRAWING_COLOURS = 256
"""An image with at most this many colours is a drawing and is kept as PNG."""

MEDIA_TYPES: dict[str, str] = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WEBP": "image/webp"}
"""The accepted formats (Pillow's names) and their media types."""
EXTENSIONS: dict[str, str] = {"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif", "image/webp": ".webp"}

FIELD = "file"
"""The field a refused upload's problem names."""

_FORMATS = tuple(MEDIA_TYPES)
_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a")
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f<>:\"/\\|?*\u2028\u2029\ud800-\udfff]")


@dataclass(frozen=True)
class PreparedImage:
    """An upload made ready to store: the re-encoded bytes and what they are."""

    data: bytes = field(repr=False)
    media_type: str
    width: int
    height: int
    filename: str
    """The uploaded name without folders, with the extension of the stored type."""
    sha256: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "sha256", hashlib.sha256(self.data).hexdigest())

    @property
    def size(self) -> int:
        """The stored size in bytes."""
        return len(self.data)


@dataclass(frozen=True)
class ImageInfo:
    """What :func:`check_image` found in an image."""

    media_type: str
    width: int
    height: int
    metadata: tuple[str, ...]
    """Kinds of metadata the file carries (``exif``, ``xmp``, ``comment``), empty when clean."""


def _refuse(key: str, **params: Any) -> InvalidInput:
    return InvalidInput("error.image.refused", problems=[Problem(FIELD, t(key, **params))])


def _megabytes(size: int) -> float:
    """``size`` in MiB rounded up to a tenth, so that a file just over the limit never shows as the limit."""
    return math.ceil(size * 10 / 2**20) / 10


def _not_an_image(data: bytes) -> InvalidInput:
    """The refusal of a file Pillow does not read as PNG, JPEG, GIF or WebP, named when we can tell what it is."""
    if data.startswith(_SIGNATURES) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP"):
        return _refuse("error.image.damaged")  # one of ours by its first bytes, but unreadable
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if data[4:8] == b"ftyp" and data[8:12] in (b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1"):
        return _refuse("error.image.heic")
    if head.startswith(b"%PDF-"):
        return _refuse("error.image.pdf")
    lowered = head.lower()
    if lowered.startswith((b"<?xml", b"<svg", b"<!doctype svg")) or b"<svg" in lowered:
        return _refuse("error.image.svg")
    return _refuse("error.image.not_image")


def _open(data: bytes) -> Image.Image:
    """The image's header, read by Pillow as one of the accepted formats, with its size checked."""
    if not data:
        raise _refuse("error.image.empty")
    try:
        # Over Image.MAX_IMAGE_PIXELS Pillow warns, over twice as many it raises; our
        # limit is lower and checked below, before anything is decoded.
        image = Image.open(io.BytesIO(data), formats=_FORMATS)
    except UnidentifiedImageError:
        raise _not_an_image(data) from None
    except Image.DecompressionBombError as exc:
        found = re.search(r"\((\d+) pixels\)", str(exc))
        pixels = int(found.group(1)) if found else 2 * (Image.MAX_IMAGE_PIXELS or MAX_PIXELS)
        raise _refuse(
            "error.image.too_many_pixels", megapixels=round(pixels / 1e6, 1), limit=MAX_PIXELS // 1_000_000
        ) from None
    except Exception:  # a header Pillow cannot parse: damaged
        raise _refuse("error.image.damaged") from None
    if image.format not in MEDIA_TYPES:  # pragma: no cover - Image.open(formats=...) already ensures it
        raise _not_an_image(data)
    width, height = image.size
    if width <= 0 or height <= 0:
        raise _refuse("error.image.damaged")
    if width * height > MAX_PIXELS:
        raise _refuse(
            "error.image.too_many_pixels",
            megapixels=round(width * height / 1e6, 1),
            limit=MAX_PIXELS // 1_000_000,
        )
    return image


def _decode(image: Image.Image, data: bytes) -> None:
    """Decode every pixel (of the first frame): a truncated or damaged file is refused here.

    A PNG is also read to its end chunk with every checksum verified: its
    pixels may all be there while the file was still cut short or changed.
    """
    try:
        image.load()
        if image.format == "PNG":
            with Image.open(io.BytesIO(data), formats=("PNG",)) as again:
                again.verify()
    except Exception:  # truncated data, a broken chunk, a bad checksum...
        raise _refuse("error.image.damaged") from None


def check_image(data: bytes) -> ImageInfo:
    """Decode an image fully (nothing is re-encoded) and say what it is.

    Raises :class:`~nsc_workshop.errors.InvalidInput` naming ``file`` when it
    is not a whole PNG, JPEG, GIF or WebP image within :data:`MAX_UPLOAD_BYTES`
    and :data:`MAX_PIXELS`.
    """
    if len(data) > MAX_UPLOAD_BYTES:
        raise _refuse("error.image.too_large", size_mb=_megabytes(len(data)), limit_mb=MAX_UPLOAD_BYTES // 2**20)
    image = _open(data)
    with image:
        _decode(image, data)
        media_type = MEDIA_TYPES[str(image.format)]
        found = []
        try:
            exif = image.getexif()
        except Exception:  # unreadable EXIF is still EXIF
            exif = None
            found.append("exif")
        if exif or "exif" in image.info:
            found.append("exif")
        if any(key in image.info for key in ("xmp", "XML:com.adobe.xmp")):
            found.append("xmp")
        if any(key in image.info for key in ("comment", "Comment")):
            found.append("comment")
        return ImageInfo(media_type, image.width, image.height, tuple(dict.fromkeys(found)))


def _to_srgb(image: Image.Image, profile: bytes | None) -> Image.Image:
    """The image in sRGB when it carries a colour profile (phones use Display P3); as it is otherwise."""
    if not profile or image.mode not in ("RGB", "RGBA", "CMYK"):
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        target = ImageCms.createProfile("sRGB")
        mode = "RGBA" if image.mode == "RGBA" else "RGB"
        converted = ImageCms.profileToProfile(image, source, target, outputMode=mode)
    except Exception:  # a broken profile: keep the pixels as they are
        return image
    return converted if converted is not None else image


def _normalised(image: Image.Image) -> Image.Image:
    """The image in L, LA, RGB or RGBA, its alpha channel kept only when something is see-through."""
    mode = image.mode
    if mode in ("P", "PA"):
        image = image.convert("RGBA" if mode == "PA" or "transparency" in image.info else "RGB")
    elif mode == "1":
        image = image.convert("L")
    elif mode.startswith(("I", "F")):  # 16-bit or float grey: scale to 8 bits
        image = image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    elif mode in ("L", "LA", "RGB", "RGBA"):
        pass
    elif mode == "RGBa":
        image = image.convert("RGBA")
    elif mode == "La":
        image = image.convert("LA")
    else:  # CMYK, YCbCr, LAB, HSV...
        image = image.convert("RGB")
    if image.mode in ("LA", "RGBA"):
        low, _high = image.getchannel("A").getextrema()
        if isinstance(low, int | float) and low >= 255:
            image = image.convert(image.mode[:-1])
    return image


def _target_size(width: int, height: int) -> tuple[int, int]:
    scale = MAX_SIDE / max(width, height)
    if scale >= 1:
        return width, height
    return max(1, round(width * scale)), max(1, round(height * scale))


def clean_filename(filename: str, media_type: str) -> str:
    """The uploaded name without folders or unsafe characters, ending with the stored type's extension."""
    name = re.split(r"[\\/]", str(filename or ""))[-1]
    name = _UNSAFE_NAME.sub("_", name).strip(" .")
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = stem.strip(" ._")[:100] or "sketch"
    return stem + EXTENSIONS[media_type]


def prepare_image(data: bytes, filename: str = "") -> PreparedImage:
    """Check an uploaded image and make the copy to store (see the module's policy).

    Parameters
    ----------
    data
        The uploaded bytes.
    filename
        The uploaded file's name (used for the stored name only, never to
        decide the type).

    Returns
    -------
    PreparedImage
        The re-encoded bytes (PNG or JPEG, at most 1600 px, no metadata),
        their media type, size, sha256, width, height and a clean file name.

    Raises
    ------
    InvalidInput
        The upload is refused; its problem names the field ``file``.
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        raise _refuse("error.image.not_image")
    data = bytes(data)
    if len(data) > MAX_UPLOAD_BYTES:
        raise _refuse("error.image.too_large", size_mb=_megabytes(len(data)), limit_mb=MAX_UPLOAD_BYTES // 2**20)
    image = _open(data)
    with image:
        if image.format == "JPEG" and max(image.size) > 2 * MAX_SIDE:
            # Let the JPEG decoder shrink by 1/2, 1/4 or 1/8 while it decodes (still >= the target size).
            image.draft(image.mode if image.mode in ("RGB", "L") else None, _target_size(*image.size))
        _decode(image, data)
        profile = image.info.get("icc_profile")
        source_format = image.format
        try:
            upright = ImageOps.exif_transpose(image)
        except Exception:  # EXIF too broken to tell the orientation: keep the pixels as stored
            upright = image.copy()
    try:
        working = _normalised(_to_srgb(upright, profile if isinstance(profile, bytes) else None))
        transparent = working.mode in ("LA", "RGBA")
        # A JPEG stays a JPEG (PNG would only keep its artefacts, bigger); a lossless
        # source with few colours is a drawing and stays sharp as PNG.
        drawing = transparent or (source_format != "JPEG" and working.getcolors(DRAWING_COLOURS) is not None)
        if max(working.size) > MAX_SIDE:
            working = working.resize(_target_size(*working.size), Image.Resampling.LANCZOS, reducing_gap=3.0)
        working.info = {}  # nothing of the original's metadata may reach the encoder
        out = io.BytesIO()
        if drawing:
            working.save(out, "PNG", optimize=True)
            media_type = "image/png"
        else:
            working.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
            media_type = "image/jpeg"
    except InvalidInput:
        raise
    except Exception:  # pixels Pillow decoded but cannot convert: treat the file as damaged
        raise _refuse("error.image.damaged") from None
    return PreparedImage(
        out.getvalue(), media_type, working.width, working.height, clean_filename(filename, media_type)
    )
