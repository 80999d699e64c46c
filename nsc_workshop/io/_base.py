"""What every map format shares: its errors, safe file reading, and the step that
turns what a reader found (rows, nodes, elements) into valid actors and ties.

A reader returns a :class:`RawMap`: actors and ties as plain field values, each
with the place it came from (``Elements row 5``) and the references ties use
(the file's ids, or labels). :func:`build_map` checks them all against the model
and raises one :class:`ImportFormatError` listing every problem, so a file is
imported whole or not at all.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from nsc_workshop._validation import _plain
from nsc_workshop.bundle import MAX_BUNDLE_BYTES
from nsc_workshop.errors import InvalidInput, NscWorkshopError, Problem
from nsc_workshop.i18n import t
from nsc_workshop.model import Actor, Tie, Workshop, new_id

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "MAX_UNPACKED_BYTES",
    "ExportError",
    "ImportFormatError",
    "MapData",
    "RawActor",
    "RawMap",
    "RawTie",
    "build_map",
    "clean_line",
    "clean_title",
    "is_entity_id",
    "label_key",
    "new_workshop_id",
    "one_line",
    "read_bytes",
    "replace_file",
]

MAX_FILE_BYTES = MAX_BUNDLE_BYTES
"""Largest file read (25 MiB, the bundle limit): far above a real actor map."""

MAX_UNPACKED_BYTES = 4 * MAX_BUNDLE_BYTES
"""Largest total size of the files inside a ZIP (an xlsx workbook or a CSV pair)."""

MAX_ROWS = 100_000
"""Largest number of rows read from one sheet or CSV table."""

_ENTITY_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")
_SPACES = re.compile(r"\s+")


class ImportFormatError(InvalidInput):
    """A map file cannot be read or imported; ``problems`` name the sheet, row and column."""

    key = "io.error.invalid"


class ExportError(NscWorkshopError):
    """A map file cannot be written (no such folder, no permission...)."""

    key = "io.error.write"


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The content of a file, refused when larger than ``limit``."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise ImportFormatError(
                "io.error.too_large", path=path.name, size_mb=round(size / 2**20, 1), limit_mb=limit // 2**20
            )
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise ImportFormatError("io.error.unreadable", path=str(path), detail=exc.strerror or str(exc)) from None
    except ValueError as exc:  # a NUL byte in the path
        raise ImportFormatError("io.error.unreadable", path=repr(str(path))[:200], detail=str(exc)) from None
    if len(data) > limit:
        raise ImportFormatError(
            "io.error.too_large", path=path.name, size_mb=round(len(data) / 2**20, 1), limit_mb=limit // 2**20
        )
    return data


def replace_file(target: Path, data: bytes) -> Path:
    """Write ``data`` to ``target`` atomically (a partial file never remains)."""
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        tmp.write_bytes(data)
        tmp.replace(target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ExportError("io.error.write", path=str(target), detail=exc.strerror or str(exc)) from None
    return target


def is_entity_id(value: Any) -> bool:
    """Whether ``value`` can be kept as the id of an actor or a tie."""
    return isinstance(value, str) and bool(_ENTITY_ID.match(value))


def label_key(label: str) -> str:
    """How labels are compared: trimmed, spaces collapsed, case-insensitive (Kumu's rule)."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", label)).strip().casefold()


def clean_line(value: str, max_length: int = 300) -> str:
    """A text made into one line: runs of spaces and line breaks become one space."""
    return _SPACES.sub(" ", value).strip()[:max_length]


def one_line(value: str) -> str:
    """A label on one line: a label wrapped over lines (PRSM wraps them) is joined with spaces."""
    return clean_line(value, len(value)) if "\n" in value or "\r" in value else value


@dataclass
class RawActor:
    """An actor as a reader found it.

    ``fields`` holds model fields (``attributes`` is a dict); ``cols`` says where
    each field's value came from, for error messages; ``ref`` is the file's own
    id of the actor, which ties may use.
    """

    where: str
    fields: dict[str, Any]
    cols: dict[str, str] = field(default_factory=dict)
    ref: str | None = None


@dataclass
class RawTie:
    """A tie as a reader found it: its ends are references (file ids or labels)."""

    where: str
    source: str
    target: str
    fields: dict[str, Any]
    cols: dict[str, str] = field(default_factory=dict)
    ref: str | None = None
    source_where: str = ""
    target_where: str = ""


@dataclass
class RawMap:
    """What a reader found in a file.

    ``labels_are_keys``: the file names actors by label only, so labels must be
    unique. ``match_labels``: a tie end that is no actor's id may name an
    actor by label. ``implied_actors``: the file has no actor table; every
    label a tie names becomes an actor. ``problems``: what the reader found
    wrong (cells that do not fit their column...), reported together with
    the model's own findings.
    """

    actors: list[RawActor] = field(default_factory=list)
    ties: list[RawTie] = field(default_factory=list)
    title: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    meta_cols: dict[str, str] = field(default_factory=dict)
    workshop_id: str | None = None
    labels_are_keys: bool = False
    match_labels: bool = True
    implied_actors: bool = False
    label_column: str = "Label"
    problems: list[Problem] = field(default_factory=list)


@dataclass
class MapData:
    """Valid actors and ties read from a file, and the workshop metadata it held.

    ``file_tie_ids`` are the tie ids that came from the file (not generated):
    a merge recognises those ties by id. ``workshop`` is set for formats that
    hold a whole workshop (a bundle).
    """

    actors: list[Actor]
    ties: list[Tie]
    file_tie_ids: frozenset[str] = frozenset()
    title: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    meta_cols: dict[str, str] = field(default_factory=dict)
    workshop_id: str | None = None
    workshop: Workshop | None = None
    where: dict[str, str] = field(default_factory=dict)


def _problems(exc: ValidationError, where: str, cols: Mapping[str, str]) -> list[Problem]:
    out = []
    for err in exc.errors(include_url=False):
        loc = [str(part) for part in err["loc"]]
        place = where
        if loc:
            if loc[0] == "attributes" and len(loc) > 1:
                place = cols.get(f"attributes.{loc[1]}", f"{where}, {loc[1]}")
            else:
                place = cols.get(loc[0], f"{where}, {loc[0]}")
        message = _plain(err)
        if err["type"] == "value_error":  # a model validator's own words
            message = str(err.get("ctx", {}).get("error", message))
        out.append(Problem(place, message))
    return out


def _fresh_id(prefix: str, used: set[str]) -> str:
    value = new_id(prefix)
    while value in used:
        value = new_id(prefix)
    return value


def build_map(raw: RawMap) -> MapData:
    """Check what a reader found against the model.

    Every problem, the reader's and the model's, is reported at once.
    """
    problems: list[Problem] = list(raw.problems)
    used: set[str] = set()
    actors: list[Actor | None] = []
    actor_ids: list[str] = []
    by_ref: dict[str, int] = {}
    by_label: dict[str, list[int]] = {}

    def add_actor(item: RawActor) -> int:
        index = len(actors)
        ref = item.ref
        if ref is not None and ref in by_ref:
            other = by_ref[ref]
            problems.append(
                Problem(item.cols.get("id", item.where), t("io.problem.duplicate_id", id=ref, other=raws[other].where))
            )
        elif ref is not None:
            by_ref[ref] = index
        actor_id = ref if ref is not None and is_entity_id(ref) and ref not in used else _fresh_id("act", used)
        used.add(actor_id)
        actor_ids.append(actor_id)
        raws.append(item)
        name = item.fields.get("name")
        if not isinstance(name, str) or not name.strip():
            problems.append(Problem(item.cols.get("name", item.where), t("io.problem.no_label")))
            actors.append(None)
            return index
        by_label.setdefault(label_key(name), []).append(index)
        try:
            actors.append(Actor.model_validate({**item.fields, "id": actor_id}))
        except ValidationError as exc:
            problems.extend(_problems(exc, item.where, item.cols))
            actors.append(None)
        return index

    raws: list[RawActor] = []
    for item in raw.actors:
        add_actor(item)

    if raw.labels_are_keys:
        for indices in by_label.values():
            for index in indices[1:]:
                item = raws[index]
                problems.append(
                    Problem(
                        item.cols.get("name", item.where),
                        t(
                            "io.problem.duplicate_label",
                            label=item.fields.get("name", ""),
                            other=raws[indices[0]].where,
                            column=raw.label_column,
                        ),
                    )
                )

    def resolve(ref: str, where: str) -> str | None:
        index = by_ref.get(ref)
        if index is None and (raw.match_labels or raw.implied_actors):
            found = by_label.get(label_key(ref), [])
            if len(found) > 1:
                problems.append(Problem(where, t("io.problem.ambiguous_label", label=ref, first=raws[found[0]].where)))
                return None
            if found:
                index = found[0]
            elif raw.implied_actors and ref.strip():
                index = add_actor(RawActor(where, {"name": clean_line(ref)}, {"name": where}, ref=ref.strip()))
        if index is None:
            problems.append(Problem(where, t("io.problem.unknown_actor", ref=ref)))
            return None
        return actor_ids[index]

    ties: list[Tie] = []
    file_tie_ids: set[str] = set()
    for link in raw.ties:
        source = resolve(link.source, link.source_where or link.where)
        target = resolve(link.target, link.target_where or link.where)
        if link.ref is not None and is_entity_id(link.ref) and link.ref not in used:
            tie_id = link.ref
            file_tie_ids.add(tie_id)
        else:
            tie_id = _fresh_id("tie", used)
        used.add(tie_id)
        if source is None or target is None:
            continue
        try:
            ties.append(Tie.model_validate({**link.fields, "id": tie_id, "source": source, "target": target}))
        except ValidationError as exc:
            problems.extend(_problems(exc, link.where, link.cols))
    if problems:
        raise ImportFormatError(problems=problems)
    return MapData(
        actors=[a for a in actors if a is not None],
        ties=ties,
        file_tie_ids=frozenset(file_tie_ids),
        title=raw.title,
        meta=raw.meta,
        meta_cols=raw.meta_cols,
        workshop_id=raw.workshop_id,
        where={actor_ids[i]: raws[i].where for i in range(len(raws))},
    )


def new_workshop_id(title: str) -> str:
    """A fresh workshop id made from a title: ``varnholm-actor-map-3f2a``."""
    from slugify import slugify

    base = slugify(title, max_length=48, word_boundary=True) or "map"
    return f"{base}-{secrets.token_hex(2)}"


def clean_title(value: Any) -> str:
    """A title usable as a workshop title: one line, without '<', '>' or '../'."""
    if not isinstance(value, str):
        return ""
    text = clean_line(value).replace("<", "").replace(">", "").replace("../", "").replace("..\\", "")
    return text.strip()[:300]
