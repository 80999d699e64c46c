"""JSON bundles: one file holds one workshop.

A bundle is ``{"schema_version": 2, "generator": ..., "exported_at": ...,
"workshop": {...}, "blobs": {sha256: base64, ...}}``; its JSON Schema is
committed as ``nsc_workshop/schema/bundle.schema.json``. ``blobs`` holds the
images of the workshop's attachments (the photos of paper sketches), each once,
keyed by the sha256 of its bytes, in standard padded base64.

Reading is strict: unknown fields, wrong types, duplicate ids or keys,
references to missing items, invalid UTF-8 and oversized files are refused with
a :class:`~nsc_workshop.errors.BundleError` whose ``problems`` name each
offending field (``workshop.ties[3].target``). So are a missing image
(``workshop.sprint.attachments[2].sha256``), an image no attachment uses, bytes
that do not match their sha256, size or media type, and anything that does not
decode as a PNG, JPEG, GIF or WebP image or that carries photo metadata
(``blobs.<sha256>``). Bundles of an older ``schema_version`` are migrated step
by step (:data:`MIGRATIONS`); newer ones are refused with a hint to upgrade.

>>> from nsc_workshop.testing import make_workshop
>>> ws = make_workshop(actors=3, ties=2)
>>> read_bundle(bundle_bytes(ws)) == ws
True
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import io
import json
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal

from pydantic import Field, ValidationError

from nsc_workshop._files import write_atomic
from nsc_workshop._validation import problems_from
from nsc_workshop._version import __version__
from nsc_workshop.errors import BundleError, InvalidInput, Problem
from nsc_workshop.i18n import t
from nsc_workshop.model import Model, Workshop, integrity_problems
from nsc_workshop.model._types import DateTime, Line

if TYPE_CHECKING:
    from nsc_workshop.store import Store

__all__ = [
    "MAX_BUNDLE_BYTES",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "Bundle",
    "bundle_bytes",
    "bundle_json_schema",
    "export_bundle",
    "import_bundle",
    "read_bundle",
    "read_bundle_with_blobs",
    "schema_path",
    "write_bundle",
]

SCHEMA_VERSION = 2
MAX_BUNDLE_BYTES = 25 * 1024 * 1024
"""Largest bundle accepted (25 MiB): far above a real workshop (its photos are
downsized to 100-400 kB each), small enough to refuse a wrong file before it
fills the memory of a facilitator's laptop."""

Source = bytes | str | os.PathLike[str] | IO[bytes]


def _v1_to_v2(raw: dict[str, Any]) -> dict[str, Any]:
    """Format 2 adds ``blobs``, the attachments' images, which format 1 could not carry.

    A format 1 bundle with attachments is refused: its images are missing.
    """
    if "blobs" in raw:
        raise BundleError(problems=[Problem("blobs", t("bundle.blob.old_blobs"))])
    workshop = raw.get("workshop")
    sprint = workshop.get("sprint") if isinstance(workshop, dict) else None
    attachments = sprint.get("attachments") if isinstance(sprint, dict) else None
    if isinstance(attachments, list) and attachments:
        raise BundleError(
            "error.bundle.old_attachments",
            problems=[
                Problem(f"workshop.sprint.attachments[{index}]", t("bundle.blob.old_attachment"))
                for index in range(len(attachments))
            ],
        )
    raw["blobs"] = {}
    return raw


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}
"""``MIGRATIONS[n]`` turns a bundle of schema version ``n`` into version ``n + 1``.

When the bundle format changes, raise :data:`SCHEMA_VERSION`, add the step
here and commit the new schema (``python -m nsc_workshop.bundle``). A step may
raise :class:`~nsc_workshop.errors.BundleError` to refuse a bundle it cannot
convert, with its own message.
"""

_BLOBS_SCHEMA: dict[str, Any] = {
    "patternProperties": {
        "^[0-9a-f]{64}$": {"type": "string", "contentEncoding": "base64", "pattern": "^[A-Za-z0-9+/]*={0,2}$"}
    },
    "additionalProperties": False,
}
"""What the JSON Schema says of ``blobs``; reading checks keys and values itself, with plainer messages."""


class Bundle(Model):
    """The envelope of a workshop bundle."""

    schema_version: Literal[2]
    generator: Line = ""
    exported_at: DateTime | None = None
    workshop: Workshop
    blobs: dict[str, str] = Field(
        default_factory=dict,
        description=(
            "The images of the workshop's attachments (photos of paper sketches): "
            "exactly those its attachments refer to, keyed by the sha256 of the bytes, in standard padded base64."
        ),
        json_schema_extra=_BLOBS_SCHEMA,
    )


def schema_path() -> Path:
    """The committed JSON Schema of the current bundle format."""
    return Path(__file__).resolve().parent / "schema" / "bundle.schema.json"


def bundle_json_schema() -> dict[str, Any]:
    """The JSON Schema of the current bundle format, as generated from the model."""
    schema = Bundle.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://nordicsafecities.org/schemas/nsc-workshop/bundle-v{SCHEMA_VERSION}.json",
        **schema,
        "title": "NSC Workshop bundle",
    }


def _encoded_blobs(workshop: Workshop, blobs: Mapping[str, bytes] | None) -> dict[str, str]:
    """The images the workshop's attachments use, in base64, each checked against its attachment."""
    out: dict[str, str] = {}
    problems: list[Problem] = []
    given = blobs or {}
    for index, attachment in enumerate(workshop.sprint.attachments.values()):
        where = f"workshop.sprint.attachments[{index}]"
        data = given.get(attachment.sha256)
        if data is None:
            problems.append(Problem(f"{where}.sha256", t("bundle.blob.missing")))
        elif hashlib.sha256(data).hexdigest() != attachment.sha256:
            problems.append(Problem(f"blobs.{attachment.sha256}", t("bundle.blob.sha256")))
        elif len(data) != attachment.size:
            problems.append(Problem(f"{where}.size", t("bundle.blob.size", declared=attachment.size, actual=len(data))))
        elif attachment.sha256 not in out:
            out[attachment.sha256] = base64.b64encode(data).decode("ascii")
    if problems:
        raise BundleError("error.bundle.export_blobs", problems=problems)
    return out


def bundle_bytes(workshop: Workshop, *, blobs: Mapping[str, bytes] | None = None) -> bytes:
    """The bundle of a workshop, as UTF-8 JSON (indented, so that it diffs well).

    ``blobs`` holds the images of the workshop's attachments by sha256 (more
    may be given: only those used are written); ``store.blobs_for(workshop)``
    gives them, and :func:`export_bundle` fetches them itself. A missing or
    mismatched image, or a bundle over :data:`MAX_BUNDLE_BYTES`, is a
    :class:`~nsc_workshop.errors.BundleError`: a bundle that could not be read
    back is never written.
    """
    encoded = _encoded_blobs(workshop, blobs)
    bundle = Bundle(
        schema_version=SCHEMA_VERSION,
        generator=f"nsc-workshop {__version__}",
        exported_at=dt.datetime.now(dt.UTC).replace(microsecond=0),
        workshop=workshop,
        blobs=encoded,
    )
    data = bundle.model_dump_json(indent=2).encode("utf-8") + b"\n"
    if len(data) > MAX_BUNDLE_BYTES:
        raise BundleError(
            "error.bundle.export_too_large",
            size_mb=round(len(data) / 2**20, 1),
            limit_mb=MAX_BUNDLE_BYTES // 2**20,
            photos_mb=round(sum(len(text) for text in encoded.values()) / 2**20, 1),
        )
    return data


def write_bundle(workshop: Workshop, path: str | os.PathLike[str], *, blobs: Mapping[str, bytes] | None = None) -> Path:
    """Write a workshop's bundle to ``path`` (atomically: a partial file never remains).

    ``blobs`` are the attachments' images, as for :func:`bundle_bytes`.
    """
    return write_atomic(Path(path), bundle_bytes(workshop, blobs=blobs))


def _read_source(source: Source, limit: int) -> bytes:
    if isinstance(source, bytes):
        data = source
    elif isinstance(source, str | os.PathLike):
        path = Path(source)
        try:
            size = path.stat().st_size
            if size > limit:
                raise BundleError("error.bundle.too_large", size_mb=round(size / 2**20, 1), limit_mb=limit // 2**20)
            with path.open("rb") as handle:
                data = handle.read(limit + 1)
        except OSError as exc:
            raise BundleError("error.bundle.unreadable", path=str(path), detail=exc.strerror or str(exc)) from None
        except ValueError as exc:  # e.g. a NUL byte in the path
            raise BundleError("error.bundle.unreadable", path=repr(str(path))[:200], detail=str(exc)) from None
    elif isinstance(source, io.IOBase) or hasattr(source, "read"):
        data = source.read(limit + 1)
        if not isinstance(data, bytes):
            raise BundleError("error.bundle.not_bytes")
    else:
        raise BundleError("error.bundle.not_bytes")
    if len(data) > limit:
        raise BundleError("error.bundle.too_large", size_mb=round(len(data) / 2**20, 1), limit_mb=limit // 2**20)
    return data


class _Object(dict[str, Any]):
    """A parsed JSON object that remembers the keys it held twice."""

    duplicates: tuple[str, ...] = ()


def _object(pairs: list[tuple[str, Any]]) -> _Object:
    out = _Object(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        out.duplicates = tuple(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
    return out


def _find_duplicate(node: Any, path: str = "") -> tuple[str, str] | None:
    """``(path, key)`` of the first object holding a key twice (iteratively: input may nest deeply)."""
    stack: list[tuple[Any, str]] = [(node, path)]
    while stack:
        node, path = stack.pop()
        if isinstance(node, _Object):
            if node.duplicates:
                return path, node.duplicates[0]
            stack.extend((v, f"{path}.{k}" if path else k) for k, v in reversed(node.items()))
        elif isinstance(node, list):
            stack.extend((v, f"{path}[{i}]") for i, v in reversed(list(enumerate(node))))
    return None


def _parse(data: bytes) -> Any:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BundleError("error.bundle.encoding", position=exc.start) from None
    try:
        # NaN, Infinity and 1e400 parse as floats; the model refuses them with their path.
        raw = json.loads(text, object_pairs_hook=_object)
    except json.JSONDecodeError as exc:
        raise BundleError("error.bundle.json", line=exc.lineno, column=exc.colno, detail=exc.msg) from None
    except RecursionError:
        raise BundleError("error.bundle.too_deep") from None
    except ValueError:  # an integer with thousands of digits
        raise BundleError("error.bundle.number_too_long") from None
    try:
        duplicate = _find_duplicate(raw)
    except RecursionError:
        raise BundleError("error.bundle.too_deep") from None
    if duplicate is not None:
        where, key = duplicate
        raise BundleError(problems=[Problem(where or "(top)", f"the field '{key[:80]}' appears twice")])
    return raw


def _migrate(raw: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    version = raw.get("schema_version")
    if "schema_version" not in raw:
        raise BundleError(problems=[Problem("schema_version", "missing: this is not a workshop bundle")])
    if isinstance(version, bool) or not isinstance(version, int):
        raise BundleError(problems=[Problem("schema_version", f"must be a whole number, not {version!r:.40}")])
    if version > SCHEMA_VERSION:
        raise BundleError("error.bundle.too_new", version=version, supported=SCHEMA_VERSION)
    if version < min([SCHEMA_VERSION, *MIGRATIONS]):
        raise BundleError(problems=[Problem("schema_version", f"unknown version {version}")])
    migrated = False
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise BundleError(problems=[Problem("schema_version", f"no migration from version {version}")])
        try:
            raw = step(raw)
        except BundleError:  # a step refusing the bundle says why itself
            raise
        except Exception as exc:  # a migration must never crash an import
            raise BundleError("error.bundle.migration", version=version, detail=str(exc)[:200]) from None
        version += 1
        raw["schema_version"] = version
        migrated = True
    return raw, migrated


def _decode_base64(text: str) -> bytes | None:
    """Strict base64 (standard alphabet, padded, on one line); None when ``text`` is not."""
    try:
        return binascii.a2b_base64(text.encode("ascii"), strict_mode=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        return None


def _blob_problems(bundle: Bundle) -> tuple[dict[str, bytes], list[Problem]]:
    """The decoded images and every problem with them: missing, unused, damaged, not what they claim."""
    from nsc_workshop.images import check_image

    problems: list[Problem] = []
    users: dict[str, list[tuple[int, Any]]] = {}
    for index, attachment in enumerate(bundle.workshop.sprint.attachments.values()):
        users.setdefault(attachment.sha256, []).append((index, attachment))
        if attachment.sha256 not in bundle.blobs:
            problems.append(Problem(f"workshop.sprint.attachments[{index}].sha256", t("bundle.blob.missing")))
    decoded: dict[str, bytes] = {}
    for sha, text in bundle.blobs.items():
        where = f"blobs.{sha[:80]}"
        if sha not in users:
            problems.append(Problem(where, t("bundle.blob.unused")))
            continue
        data = _decode_base64(text)
        if data is None:
            problems.append(Problem(where, t("bundle.blob.base64")))
            continue
        if hashlib.sha256(data).hexdigest() != sha:
            problems.append(Problem(where, t("bundle.blob.sha256")))
            continue
        try:
            info = check_image(data)
        except InvalidInput as exc:
            detail = "; ".join(p.message for p in exc.problems) or t(exc.key, **exc.params)
            problems.append(Problem(where, t("bundle.blob.not_image", detail=detail)))
            continue
        if info.metadata:
            problems.append(Problem(where, t("bundle.blob.metadata", kinds=", ".join(info.metadata))))
            continue
        for index, attachment in users[sha]:
            base = f"workshop.sprint.attachments[{index}]"
            if attachment.size != len(data):
                problems.append(
                    Problem(f"{base}.size", t("bundle.blob.size", declared=attachment.size, actual=len(data)))
                )
            if attachment.media_type != info.media_type:
                problems.append(
                    Problem(
                        f"{base}.media_type",
                        t("bundle.blob.media_type", declared=attachment.media_type, actual=info.media_type),
                    )
                )
        decoded[sha] = data
    return decoded, problems


def read_bundle_with_blobs(source: Source, *, limit: int = MAX_BUNDLE_BYTES) -> tuple[Workshop, dict[str, bytes]]:
    """Read and fully validate a bundle; returns the workshop and its images (``{sha256: bytes}``).

    Raises :class:`BundleError`, listing every problem with its path.
    """
    raw = _parse(_read_source(source, limit))
    if not isinstance(raw, dict):
        raise BundleError(problems=[Problem("(top)", "a bundle is a JSON object")])
    raw, _migrated = _migrate(raw)
    try:
        # Strict: a JSON value of the wrong type is refused, never converted
        # ("3" is not a number); collections must be lists.
        bundle = Bundle.model_validate(raw, strict=True, context={"bundle": True})
    except ValidationError as exc:
        raise BundleError(problems=problems_from(exc, "", raw)) from None
    except RecursionError:
        raise BundleError("error.bundle.too_deep") from None
    problems = integrity_problems(bundle.workshop)
    blobs, blob_problems = _blob_problems(bundle)
    problems += blob_problems
    if problems:
        raise BundleError(problems=problems)
    return bundle.workshop, blobs


def read_bundle(source: Source, *, limit: int = MAX_BUNDLE_BYTES) -> Workshop:
    """Read and fully validate a bundle (its images included); returns the workshop or raises :class:`BundleError`.

    :func:`read_bundle_with_blobs` also returns the images.
    """
    return read_bundle_with_blobs(source, limit=limit)[0]


def import_bundle(store: Store, source: Source, *, replace: bool = False, participant: str | None = None) -> str:
    """Validate a bundle and store its workshop and images; returns the workshop id.

    Nothing is written unless the whole bundle is valid; the images are stored
    in the same transaction as the workshop.
    """
    workshop, blobs = read_bundle_with_blobs(source)
    return store.import_workshop(workshop, blobs=blobs, replace=replace, participant=participant)


def export_bundle(store: Store, workshop_id: str, path: str | os.PathLike[str]) -> Path:
    """Write a stored workshop's bundle, its images included, to ``path``."""
    workshop = store.load(workshop_id)
    return write_bundle(workshop, path, blobs=store.blobs_for(workshop))


def _main() -> None:
    """Write the committed JSON Schema: ``python -m nsc_workshop.bundle``."""
    path = schema_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(bundle_json_schema(), indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(path)


if __name__ == "__main__":
    _main()
