"""Photos of paper sketches: the image checks, the blob store, the attach command and bundles.

Every image is made here with Pillow; the store tests run on SQLite and on a real
PostgreSQL server (``both_backends``).
"""

from __future__ import annotations

import hashlib
import io
import struct
import time
import zlib

import pytest
from PIL import Image, ImageCms, ImageDraw, PngImagePlugin

import nsc_workshop.images as images_module
from nsc_workshop.bundle import export_bundle, import_bundle, read_bundle_with_blobs
from nsc_workshop.errors import (
    BlobNotFound,
    InvalidCommand,
    InvalidInput,
    ItemNotFound,
    NotFound,
    WorkshopExists,
)
from nsc_workshop.images import MAX_SIDE, MAX_UPLOAD_BYTES, check_image, prepare_image
from nsc_workshop.model import Workshop

pytestmark = pytest.mark.both_backends  # the store on SQLite and on a real PostgreSQL server

MB = 2**20

# -- images made for the tests ---------------------------------------------------------


def _encode(image: Image.Image, fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def drawing(size=(300, 200), background="white") -> Image.Image:
    """A line drawing: a handful of colours."""
    image = Image.new("RGB", size, background)
    pen = ImageDraw.Draw(image)
    width, height = size
    pen.rectangle((width // 10, height // 10, width // 2, height // 2), outline="black", width=3)
    pen.line((0, height - 1, width - 1, 0), fill=(200, 30, 30), width=4)
    pen.ellipse((width // 2, height // 2, width - 5, height - 5), outline=(30, 30, 200), width=2)
    return image


def photo(size=(640, 480), seed=1) -> Image.Image:
    """A photo-like image: thousands of colours, a left half redder and a right half bluer."""
    width, height = size
    noise = [Image.effect_noise(size, 25 + 5 * i).point(lambda v, s=seed: (v + s) % 256) for i in range(3)]
    image = Image.merge("RGB", noise)
    tint = Image.new("RGB", size, (0, 0, 0))
    ImageDraw.Draw(tint).rectangle((0, 0, width // 2, height), fill=(200, 0, 0))
    ImageDraw.Draw(tint).rectangle((width // 2, 0, width, height), fill=(0, 0, 200))
    return Image.blend(image, tint, 0.6)


def png_bytes(image: Image.Image | None = None) -> bytes:
    return _encode(image or drawing(), "PNG")


def jpeg_bytes(image: Image.Image | None = None, **options) -> bytes:
    return _encode(image or photo(), "JPEG", quality=92, **options)


def phone_photo() -> bytes:
    """A JPEG as a phone saves it held upright: stored sideways with EXIF orientation 6, GPS and camera model."""
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    exif[0x010F] = "Phonemaker"
    exif[0x0110] = "Phone 12"
    exif[0x8825] = {1: "N", 2: (59.0, 54.0, 41.5), 3: "E", 4: (10.0, 45.0, 12.3)}  # GPS
    return jpeg_bytes(photo((800, 400)), exif=exif)


def bomb_png(width=20_000, height=20_000) -> bytes:
    """A real decompression bomb: a small PNG holding a huge white bilevel image."""
    row = b"\x00" + b"\xff" * ((width + 7) // 8)
    packer = zlib.compressobj(9)
    body = b"".join(packer.compress(row * 1000) for _ in range(height // 1000)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", body) + _chunk(b"IEND", b"")


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def header_only_png(width: int, height: int) -> bytes:
    """A PNG declaring ``width`` × ``height`` pixels, with the first few bytes of pixels only."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", pixels) + _chunk(b"IEND", b"")


def opened(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


# -- the image checks (no store) --------------------------------------------------------


def test_a_drawing_is_kept_as_png_and_a_photo_becomes_jpeg():
    kept = prepare_image(png_bytes(), "whiteboard.png")
    assert (kept.media_type, kept.width, kept.height, kept.filename) == ("image/png", 300, 200, "whiteboard.png")
    assert opened(kept.data).format == "PNG"
    assert opened(kept.data).tobytes() == drawing().tobytes()  # lossless
    shot = prepare_image(jpeg_bytes(), "IMG_0001.JPG")
    assert (shot.media_type, shot.width, shot.height, shot.filename) == ("image/jpeg", 640, 480, "IMG_0001.jpg")
    assert opened(shot.data).format == "JPEG"
    assert shot.size == len(shot.data)
    assert shot.sha256 == hashlib.sha256(shot.data).hexdigest()
    # A photo saved as PNG is stored as a JPEG, with the matching extension.
    saved = prepare_image(png_bytes(photo()), "C:\\fakepath\\scan.png")
    assert (saved.media_type, saved.filename) == ("image/jpeg", "scan.jpg")


def test_gif_and_webp_are_accepted():
    gif = prepare_image(_encode(drawing().convert("P"), "GIF"), "frame.gif")
    assert (gif.media_type, gif.width) == ("image/png", 300)
    webp = prepare_image(_encode(photo(), "WEBP", quality=90), "shot.webp")
    assert (webp.media_type, webp.height) == ("image/jpeg", 480)


def test_an_animated_gif_keeps_its_first_frame():
    frames = [Image.new("RGB", (40, 30), colour).convert("P") for colour in ("red", "blue", "green")]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    image = prepare_image(buffer.getvalue(), "anim.gif")
    assert opened(image.data).convert("RGB").getpixel((5, 5)) == (255, 0, 0)


def test_transparency_is_kept_as_png():
    image = drawing().convert("RGBA")
    ImageDraw.Draw(image).rectangle((0, 0, 50, 50), fill=(0, 0, 0, 0))
    kept = prepare_image(png_bytes(image), "cut-out.png")
    assert kept.media_type == "image/png"
    assert opened(kept.data).mode == "RGBA"
    assert opened(kept.data).getpixel((10, 10))[3] == 0
    # An alpha channel that hides nothing is dropped.
    opaque = prepare_image(png_bytes(drawing().convert("RGBA")), "opaque.png")
    assert opened(opaque.data).mode == "RGB"


def test_a_phone_photo_comes_out_upright_and_without_exif():
    data = phone_photo()
    assert opened(data).getexif().get_ifd(0x8825)  # the upload does carry a GPS position
    image = prepare_image(data, "IMG_1234.jpg")
    out = opened(image.data)
    assert (image.width, image.height) == (400, 800) == out.size  # rotated to stand upright
    # Orientation 6: the stored left edge (red) is now the top, the right edge (blue) the bottom.
    top, bottom = out.getpixel((200, 40)), out.getpixel((200, 760))
    assert top[0] > top[2]
    assert bottom[2] > bottom[0]
    assert not out.getexif()
    assert "exif" not in out.info
    assert b"Exif" not in image.data
    assert b"Phonemaker" not in image.data
    assert check_image(image.data).metadata == ()


def test_metadata_and_colour_profiles_are_stripped():
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    data = jpeg_bytes(icc_profile=profile, comment=b"taken at Anna's flat")
    assert "icc_profile" in opened(data).info
    image = prepare_image(data, "p.jpg")
    assert "icc_profile" not in opened(image.data).info
    assert b"Anna" not in image.data
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Anna Svensson")
    text = _encode(drawing(), "PNG", pnginfo=info)
    assert b"Anna Svensson" in text
    assert b"Anna Svensson" not in prepare_image(text, "d.png").data


@pytest.mark.parametrize(
    ("size", "fmt", "expected"),
    [((4000, 3000), "JPEG", (1600, 1200)), ((2400, 3600), "PNG", (1067, 1600)), ((1601, 20), "PNG", (1600, 20))],
)
def test_a_large_image_is_downsized(size, fmt, expected):
    source = photo(size) if fmt == "JPEG" else drawing(size)
    started = time.perf_counter()
    image = prepare_image(_encode(source, fmt), f"big.{fmt.lower()}")
    assert (image.width, image.height) == expected
    assert opened(image.data).size == expected
    assert max(expected) <= MAX_SIDE
    assert time.perf_counter() - started < 5


def test_a_small_image_is_never_enlarged():
    image = prepare_image(png_bytes(Image.new("RGB", (12, 8), "red")), "tiny.png")
    assert (image.width, image.height) == (12, 8)


def test_file_names_are_cleaned():
    data = png_bytes()
    assert prepare_image(data, "../../etc/passwd").filename == "passwd.png"
    assert prepare_image(data, "sketch<script>.png").filename == "sketch_script.png"
    assert prepare_image(data, "").filename == "sketch.png"
    assert prepare_image(data, "line\nbreak.gif").filename == "line_break.png"
    assert len(prepare_image(data, "x" * 500 + ".png").filename) == 104


def _truncated_png() -> bytes:
    data = png_bytes(photo((200, 200)))
    return data[: len(data) // 2]


REFUSED = {
    "text-named-png": (lambda: b"Hello, this is not a picture.\n" * 20, "not an image (PNG, JPEG, GIF or WebP)"),
    "pdf": (lambda: b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n", "This is a PDF"),
    "svg": (
        lambda: b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "SVG files can carry scripts",
    ),
    "svg-without-declaration": (lambda: b'<svg xmlns="http://www.w3.org/2000/svg"/>', "SVG"),
    "heic": (lambda: b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 100, "HEIC"),
    "empty": (lambda: b"", "This file is empty"),
    "truncated-png": (_truncated_png, "damaged or incomplete"),
    "png-without-end": (lambda: png_bytes()[:-12], "damaged or incomplete"),
    "truncated-jpeg": (lambda: jpeg_bytes()[:3000], "damaged or incomplete"),
    "png-bad-checksum": (
        lambda: (lambda d: d[:40] + bytes([d[40] ^ 0xFF]) + d[41:])(png_bytes()),
        "damaged or incomplete",
    ),
    "11-mb": (lambda: b"\xff\xd8\xff\xe0" + b"\x00" * (11 * 10**6), "This photo is 10.5 MB; the limit is 10 MB"),
    "decompression-bomb": (bomb_png, "the limit is 50 megapixels"),
    "too-many-pixels": (lambda: header_only_png(8000, 8000), "This image has 64.0 megapixels"),
    "bmp": (lambda: _encode(drawing(), "BMP"), "not an image (PNG, JPEG, GIF or WebP)"),
    "tiff": (lambda: _encode(drawing(), "TIFF"), "not an image (PNG, JPEG, GIF or WebP)"),
}


@pytest.mark.parametrize("case", REFUSED)
def test_a_refused_file_names_the_field_and_says_what_to_do(case):
    make, says = REFUSED[case]
    with pytest.raises(InvalidInput) as info:
        prepare_image(make(), "sketch.png")
    error = info.value
    assert [p.where for p in error.problems] == ["file"]
    assert says in str(error)
    assert str(error).startswith("This photo cannot be attached:\n  - file: ")
    with pytest.raises(InvalidInput):
        check_image(make())


def test_the_size_limit_comes_before_decoding(monkeypatch):
    def no_decoding(*args, **kwargs):
        raise AssertionError("an oversized upload was decoded")

    monkeypatch.setattr(images_module.Image, "open", no_decoding)
    with pytest.raises(InvalidInput, match=r"This photo is 10\.1 MB; the limit is 10 MB"):
        prepare_image(b"\x00" * (MAX_UPLOAD_BYTES + 1), "big.jpg")


def test_too_many_pixels_are_refused_before_decoding(monkeypatch):
    def no_decoding(*args, **kwargs):
        raise AssertionError("pixels were decoded")

    monkeypatch.setattr(images_module.Image.Image, "load", no_decoding)
    for data in (header_only_png(8000, 8000), bomb_png()):
        with pytest.raises(InvalidInput, match="megapixels"):
            prepare_image(data, "bomb.png")


def test_an_upload_at_the_limit_is_accepted():
    data = jpeg_bytes(photo((200, 100)))
    padded = data + b"\x00" * (MAX_UPLOAD_BYTES - len(data))  # bytes after the JPEG's end are ignored
    assert prepare_image(padded, "p.jpg").media_type == "image/jpeg"


def test_messages_are_translatable():
    with pytest.raises(InvalidInput) as info:
        prepare_image(b"text", "x.png")
    assert info.value.key == "error.image.refused"
    from nsc_workshop.i18n import catalog

    keys = [k for k in catalog("en") if k.startswith("error.image.")]
    assert len(keys) >= 8


# -- the blob store ---------------------------------------------------------------------


def test_put_and_get_a_blob(nsc_store):
    data = png_bytes()
    sha = nsc_store.put_blob(data, "image/png")
    assert sha == hashlib.sha256(data).hexdigest()
    assert nsc_store.put_blob(data, "image/png") == sha  # idempotent
    assert nsc_store.get_blob(sha) == data
    info = nsc_store.blob_info(sha)
    assert (info.sha256, info.media_type, info.size) == (sha, "image/png", len(data))
    assert [b.sha256 for b in nsc_store.list_blobs()] == [sha]
    assert nsc_store.get_blobs([sha, sha]) == {sha: data}


@pytest.mark.parametrize("sha", ["0" * 64, "not-a-sha", "A" * 64, ""])
def test_a_missing_blob_is_a_clear_not_found(nsc_store, sha):
    with pytest.raises(BlobNotFound) as info:
        nsc_store.get_blob(sha)
    assert isinstance(info.value, NotFound)
    assert "is not in the workshop database" in str(info.value)
    with pytest.raises(BlobNotFound):
        nsc_store.blob_info(sha)
    with pytest.raises(BlobNotFound):
        nsc_store.get_blobs([sha])


def test_gc_removes_only_unused_old_blobs(nsc_store, wid, ana):
    unused = nsc_store.put_blob(png_bytes(drawing(background="yellow")), "image/png")
    used = ana.attach_image("a.png", png_bytes()).sha256
    assert nsc_store.gc_blobs() == 0  # within the grace time
    assert nsc_store.gc_blobs(older_than=-1) == 1
    assert [b.sha256 for b in nsc_store.list_blobs()] == [used]
    with pytest.raises(BlobNotFound):
        nsc_store.get_blob(unused)


# -- the attach command -----------------------------------------------------------------


@pytest.mark.parametrize("kind", ["png", "jpeg"])
def test_an_image_attaches_and_round_trips_byte_for_byte(kind, nsc_store, wid, ana, tmp_path):
    data = png_bytes() if kind == "png" else jpeg_bytes()
    expected = prepare_image(data, f"sketch.{kind}")
    sketch = ana.add("sketch", title="Podcast")
    attachment = ana.attach_image(f"sketch.{kind}", data, sketch=sketch.id)
    assert attachment.media_type == f"image/{kind}"
    assert (attachment.sha256, attachment.size) == (expected.sha256, expected.size)
    assert ana.workshop.sprint.sketches[sketch.id].attachment == attachment.id
    assert ana.image_bytes(attachment.id) == expected.data
    assert nsc_store.get_blob(attachment.sha256) == expected.data
    # One command: one event batch, saved with the image.
    stored = nsc_store.load(wid)
    assert stored == ana.workshop
    assert [e.type for e in nsc_store.history(wid)[-2:]] == ["attachment.added", "sketch.updated"]
    assert len({e.batch for e in nsc_store.history(wid)[-2:]}) == 1
    # Through a bundle: export, delete (its image goes with it), import: the same bytes.
    path = export_bundle(nsc_store, wid, tmp_path / "w.json")
    nsc_store.delete_workshop(wid)
    assert nsc_store.list_blobs() == []
    assert read_bundle_with_blobs(path) == (stored, {attachment.sha256: expected.data})
    assert import_bundle(nsc_store, path) == wid
    assert nsc_store.load(wid) == stored
    assert nsc_store.get_blob(attachment.sha256) == expected.data
    assert nsc_store.session(wid).image_bytes(attachment.id) == expected.data


def _store_state(store, wid):
    return store.head(wid), store.load(wid), [b.sha256 for b in store.list_blobs()]


@pytest.mark.parametrize("case", REFUSED)
def test_a_refused_upload_stores_nothing(case, nsc_store, wid, ana):
    sketch = ana.add("sketch", title="Podcast")
    ana.attach_image("first.png", png_bytes())
    before = _store_state(nsc_store, wid)
    make, says = REFUSED[case]
    with pytest.raises(InvalidInput) as info:
        ana.attach_image("sketch.png", make(), sketch=sketch.id)
    assert [p.where for p in info.value.problems] == ["file"]
    assert says in str(info.value)
    assert _store_state(nsc_store, wid) == before


def test_attaching_to_a_missing_sketch_stores_nothing(nsc_store, wid, ana):
    before = _store_state(nsc_store, wid)
    with pytest.raises(ItemNotFound, match="sk_gone"):
        ana.attach_image("p.png", png_bytes(), sketch="sk_gone")
    assert _store_state(nsc_store, wid) == before


def test_undo_removes_the_attachment_and_clears_the_sketch(nsc_store, wid, ana):
    sketch = ana.add("sketch", title="Podcast")
    attachment = ana.attach_image("p.jpg", jpeg_bytes(), sketch=sketch.id)
    ana.undo()
    for state in (ana.workshop, nsc_store.load(wid)):
        assert state.sprint.attachments == {}
        assert state.sprint.sketches[sketch.id].attachment is None
    # The image stays for the workshop's history (the state before the undo shows it).
    assert nsc_store.get_blob(attachment.sha256)


def test_undo_of_a_replacement_restores_the_previous_attachment(nsc_store, wid, ana):
    sketch = ana.add("sketch", title="Podcast")
    first = ana.attach_image("first.png", png_bytes(), sketch=sketch.id)
    second = ana.attach_image("second.jpg", jpeg_bytes(), sketch=sketch.id)
    assert ana.workshop.sprint.sketches[sketch.id].attachment == second.id
    assert set(ana.workshop.sprint.attachments) == {first.id, second.id}  # the first stays, unshown
    ana.undo()
    assert ana.workshop.sprint.sketches[sketch.id].attachment == first.id
    assert set(nsc_store.load(wid).sprint.attachments) == {first.id}


def test_an_attachment_without_a_sketch(ana):
    attachment = ana.attach_image("crazy8.png", png_bytes())
    assert attachment.id in ana.workshop.sprint.attachments
    assert all(s.attachment is None for s in ana.workshop.sprint.sketches.values())


def test_the_same_photo_twice_is_stored_once(nsc_store, ana):
    data = jpeg_bytes()
    a = ana.attach_image("a.jpg", data)
    b = ana.attach_image("b.jpg", data)
    assert a.id != b.id
    assert a.sha256 == b.sha256
    assert len(nsc_store.list_blobs()) == 1


def test_an_attachment_must_refer_to_a_stored_image(nsc_store, wid, ana):
    before = _store_state(nsc_store, wid)
    fields = {"filename": "x.png", "media_type": "image/png", "size": 3, "sha256": "0" * 64}
    with pytest.raises(InvalidCommand, match="not stored"):
        ana.add("attachment", **fields)
    attachment = ana.attach_image("a.png", png_bytes())
    with pytest.raises(InvalidCommand, match="not stored"):
        ana.update("attachment", attachment.id, sha256="1" * 64)
    assert nsc_store.load(wid).sprint.attachments == {attachment.id: attachment}
    assert before[0] + 1 == nsc_store.head(wid)


def test_removing_a_sketch_photo_keeps_it_for_history(nsc_store, wid, ana):
    sketch = ana.add("sketch", title="Podcast")
    attachment = ana.attach_image("p.png", png_bytes(), sketch=sketch.id)
    ana.remove("attachment", attachment.id)
    assert ana.workshop.sprint.sketches[sketch.id].attachment is None
    ana.undo()  # the removal is undone: the photo is back, on its sketch
    assert ana.workshop.sprint.sketches[sketch.id].attachment == attachment.id
    assert ana.image_bytes(attachment.id)


def test_image_bytes_of_an_unknown_attachment(ana):
    with pytest.raises(ItemNotFound):
        ana.image_bytes("att_missing")


# -- deleting and importing workshops ---------------------------------------------------


def test_deleting_a_workshop_deletes_the_images_only_it_uses(nsc_store, wid, ana):
    other = nsc_store.session(nsc_store.create_workshop("Other", "Saltmo", "Norway"), participant="bo")
    shared = jpeg_bytes()
    mine = ana.attach_image("mine.png", png_bytes()).sha256
    both = ana.attach_image("shared.jpg", shared).sha256
    assert other.attach_image("shared.jpg", shared).sha256 == both
    nsc_store.delete_workshop(wid)
    assert [b.sha256 for b in nsc_store.list_blobs()] == [both]
    with pytest.raises(BlobNotFound):
        nsc_store.get_blob(mine)
    assert other.image_bytes(next(iter(other.workshop.sprint.attachments)))
    nsc_store.delete_workshop(other.workshop_id)
    assert nsc_store.list_blobs() == []


def _workshop_with_attachment(image) -> Workshop:
    return Workshop.model_validate(
        {
            "id": "with-photo",
            "meta": {"title": "Photo", "city": "Varnholm", "country": "Norway"},
            "sprint": {
                "sketches": [{"id": "sk_1", "title": "Podcast", "attachment": "att_1"}],
                "attachments": [
                    {
                        "id": "att_1",
                        "filename": image.filename,
                        "media_type": image.media_type,
                        "size": image.size,
                        "sha256": image.sha256,
                    }
                ],
            },
        }
    )


def test_import_stores_the_images_with_the_workshop(nsc_store):
    image = prepare_image(png_bytes(), "p.png")
    ws = _workshop_with_attachment(image)
    # Without its image, or with other bytes: refused, nothing stored.
    with pytest.raises(InvalidCommand, match="not stored"):
        nsc_store.import_workshop(ws)
    with pytest.raises(InvalidInput, match="do not match"):
        nsc_store.import_workshop(ws, blobs={image.sha256: image.data + b"!"})
    assert nsc_store.list_workshops() == []
    assert nsc_store.list_blobs() == []
    extra = jpeg_bytes()
    nsc_store.import_workshop(ws, blobs={image.sha256: image.data, hashlib.sha256(extra).hexdigest(): extra})
    assert [b.sha256 for b in nsc_store.list_blobs()] == [image.sha256]  # unused images are not kept
    assert nsc_store.list_blobs()[0].media_type == "image/png"
    # A refused import (the id is taken) stores no image either.
    other = prepare_image(jpeg_bytes(), "q.jpg")
    with pytest.raises(WorkshopExists):
        nsc_store.import_workshop(_workshop_with_attachment(other), blobs={other.sha256: other.data})
    assert [b.sha256 for b in nsc_store.list_blobs()] == [image.sha256]
    # Replacing keeps the history, so both images stay until the workshop is deleted.
    nsc_store.import_workshop(_workshop_with_attachment(other), blobs={other.sha256: other.data}, replace=True)
    assert {b.sha256 for b in nsc_store.list_blobs()} == {image.sha256, other.sha256}
    nsc_store.delete_workshop("with-photo")
    assert nsc_store.list_blobs() == []


def test_a_store_opened_again_keeps_its_images(nsc_store_url):
    from nsc_workshop.store import open_store

    with open_store(nsc_store_url) as store:
        wid = store.create_workshop("Photo", "Varnholm", "Norway")
        attachment = store.session(wid).attach_image("p.jpg", jpeg_bytes())
    with open_store(nsc_store_url) as store:
        assert store.session(wid).image_bytes(attachment.id) == store.get_blob(attachment.sha256)
        assert store.blob_info(attachment.sha256).size == attachment.size


def test_the_same_photo_uploaded_at_once_in_two_workshops(nsc_store, wid):
    from concurrent.futures import ThreadPoolExecutor

    data = jpeg_bytes()
    other = nsc_store.create_workshop("Other", "Saltmo", "Norway")
    sessions = [nsc_store.session(w, participant=who) for w in (wid, other) for who in ("ana", "bo", "cy")]
    with ThreadPoolExecutor(len(sessions)) as pool:  # in two workshops: two locks, one image
        attached = list(pool.map(lambda s: s.attach_image(f"{s.participant}.jpg", data), sessions))
    assert len({a.sha256 for a in attached}) == 1
    assert len(nsc_store.list_blobs()) == 1
    assert len(nsc_store.load(wid).sprint.attachments) == 3
    assert len(nsc_store.load(other).sprint.attachments) == 3
