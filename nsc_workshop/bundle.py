"""JSON bundles: one file holds one workshop.

A bundle is ``{"schema_version": 1, "generator": ..., "exported_at": ...,
"workshop": {...}}``; its JSON Schema is committed as
``nsc_workshop/schema/bundle.schema.json``. Reading is strict: unknown fields,
wrong types, duplicate ids or keys, references to missing items, invalid UTF-8
and oversized files are refused with a :class:`~nsc_workshop.errors.BundleError`
whose ``problems`` name each offending field (``workshop.ties[3].target``).
Bundles of an older ``schema_version`` are migrated step by step
(:data:`MIGRATIONS`); newer ones are refused with a hint to upgrade.

>>> from nsc_workshop.testing import make_workshop
>>> ws = make_workshop(actors=3, ties=2)
>>> read_bundle(bundle_bytes(ws)) == ws
True
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal

from pydantic import ValidationError

from nsc_workshop._validation import problems_from
from nsc_workshop._version import __version__
from nsc_workshop.errors import BundleError, Problem
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
    "schema_path",
    "write_bundle",
]

SCHEMA_VERSION = 1
MAX_BUNDLE_BYTES = 25 * 1024 * 1024
"""Largest bundle accepted (25 MiB): far above a real workshop, small enough to
refuse a wrong file before it fills the memory of a facilitator's laptop."""

MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}
"""``MIGRATIONS[n]`` turns a bundle of schema version ``n`` into version ``n + 1``.

When the bundle format changes, raise :data:`SCHEMA_VERSION`, add the step
here and commit the new schema (``python -m nsc_workshop.bundle``).
"""

Source = bytes | str | os.PathLike[str] | IO[bytes]


class Bundle(Model):
    """The envelope of a workshop bundle."""

    schema_version: Literal[1]
    generator: Line = ""
    exported_at: DateTime | None = None
    workshop: Workshop


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


def bundle_bytes(workshop: Workshop) -> bytes:
    """The bundle of a workshop, as UTF-8 JSON (indented, so that it diffs well)."""
    bundle = Bundle(
        schema_version=SCHEMA_VERSION,
        generator=f"nsc-workshop {__version__}",
        exported_at=dt.datetime.now(dt.UTC).replace(microsecond=0),
        workshop=workshop,
    )
    return bundle.model_dump_json(indent=2).encode("utf-8") + b"\n"


def write_bundle(workshop: Workshop, path: str | os.PathLike[str]) -> Path:
    """Write a workshop's bundle to ``path`` (atomically: a partial file never remains)."""
    target = Path(path)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_bytes(bundle_bytes(workshop))
    tmp.replace(target)
    return target


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
        except Exception as exc:  # a migration must never crash an import
            raise BundleError("error.bundle.migration", version=version, detail=str(exc)[:200]) from None
        version += 1
        raw["schema_version"] = version
        migrated = True
    return raw, migrated


def read_bundle(source: Source, *, limit: int = MAX_BUNDLE_BYTES) -> Workshop:
    """Read and fully validate a bundle; returns the workshop or raises :class:`BundleError`."""
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
    if problems:
        raise BundleError(problems=problems)
    return bundle.workshop


def import_bundle(store: Store, source: Source, *, replace: bool = False, participant: str | None = None) -> str:
    """Validate a bundle and store its workshop; returns the workshop id.

    Nothing is written unless the whole bundle is valid.
    """
    workshop = read_bundle(source)
    return store.import_workshop(workshop, replace=replace, participant=participant)


def export_bundle(store: Store, workshop_id: str, path: str | os.PathLike[str]) -> Path:
    """Write a stored workshop's bundle to ``path``."""
    return write_bundle(store.load(workshop_id), path)


def _main() -> None:
    """Write the committed JSON Schema: ``python -m nsc_workshop.bundle``."""
    path = schema_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(bundle_json_schema(), indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(path)


if __name__ == "__main__":
    _main()
