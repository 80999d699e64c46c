"""What every map format shares: its errors, safe file reading, and the step that
turns what a reader found (rows, nodes, elements) into valid actors and ties.

A reader returns a :class:`RawMap`: actors and ties as plain field values, each
with the place it came from (``Elements row 5``) and the references ties use
(the file's ids, or labels). :func:`build_map` checks them all against the model.
What a peer tool would take but our model cannot take as it is (a text in a
number column, a repeated id, a tie to an actor no row lists) is adapted and
said (an :class:`Adaptation`); what is wrong with the file itself raises one
:class:`ImportFormatError` listing every problem, so nothing is half-imported.
"""

from __future__ import annotations

import math
import re
import secrets
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from nsc_workshop._files import write_export
from nsc_workshop._validation import _plain
from nsc_workshop.bundle import MAX_BUNDLE_BYTES
from nsc_workshop.errors import ExportError, ImportFormatError, Problem
from nsc_workshop.i18n import t
from nsc_workshop.model import Actor, Tie, Workshop, new_id

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "MAX_UNPACKED_BYTES",
    "Adaptation",
    "ExportError",
    "ImportFormatError",
    "MapData",
    "RawActor",
    "RawMap",
    "RawTie",
    "build_map",
    "clean_line",
    "clean_title",
    "free_name",
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


replace_file = write_export
"""Write ``data`` to ``target`` whole or not at all (:func:`nsc_workshop._files.write_export`)."""


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


@dataclass(frozen=True)
class Adaptation(Problem):
    """Something in a file taken otherwise than it was written, and how (a warning, not a refusal).

    ``where`` names the sheet and row, the element or the node; ``message``
    says what was done: kept as a custom attribute, merged, created, mapped,
    skipped. A strict import refuses a file with any.
    """


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
    names: dict[str, str] = field(default_factory=dict)
    """The file's name of each field's column (``Influence``), for a value kept as a custom attribute."""


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
    names: dict[str, str] = field(default_factory=dict)


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
    warnings: list[Problem] = field(default_factory=list)


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


def _as_attribute(value: Any) -> Any:
    """A value a field refused, as a custom attribute can hold it."""
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, list | tuple):
        return "|".join(str(v) for v in value)
    return str(value)


def free_name(attributes: Mapping[str, Any], name: str) -> str:
    """``name``, or ``name (2)``... when a custom attribute already has it."""
    candidate, n = name, 2
    while candidate in attributes:
        candidate, n = f"{name} ({n})", n + 1
    return candidate


def _validate(
    model: type[Actor] | type[Tie],
    values: dict[str, Any],
    where: str,
    cols: Mapping[str, str],
    names: Mapping[str, str],
    notes: list[Problem],
) -> Actor | Tie | None:
    """The item, with every field the model refuses kept as a custom attribute (each said in ``notes``).

    Returns None when the item still cannot be made (its ends, its id): the
    model's own problems are then in ``notes`` as :class:`Problem`.
    """
    fields = dict(values)
    for _ in range(4):
        try:
            return model.model_validate(fields)
        except ValidationError as exc:
            failure = exc
        moved = False
        for err in failure.errors(include_url=False):
            loc = [str(part) for part in err["loc"]]
            if not loc or loc[0] in _FIXED or loc[0] not in fields:
                continue
            message = _plain(err)
            if err["type"] == "value_error":
                message = str(err.get("ctx", {}).get("error", message))
            if loc[0] == "attributes":
                attributes = dict(fields.get("attributes") or {}) if isinstance(fields.get("attributes"), dict) else {}
                if len(loc) > 1 and loc[1] in attributes:
                    place = cols.get(f"attributes.{loc[1]}", f"{where}, {loc[1]}")
                    value = attributes.pop(loc[1])
                    text = _as_attribute(value) if not isinstance(value, dict) else None
                    if isinstance(text, str) and text is not value:
                        attributes[loc[1]] = text[:10_000]
                        notes.append(Adaptation(place, t("io.warn.attribute_as_text", name=loc[1])))
                    else:
                        notes.append(Adaptation(place, t("io.warn.attribute_skipped", name=loc[1], why=message)))
                    fields["attributes"] = attributes
                    moved = True
                elif len(loc) == 1:
                    fields.pop("attributes")
                    notes.append(Adaptation(where, t("io.warn.attributes_skipped", why=message)))
                    moved = True
                continue
            value = fields.pop(loc[0])
            attributes = dict(fields.get("attributes") or {})
            name = free_name(attributes, names.get(loc[0]) or loc[0].capitalize())
            attributes[name] = _as_attribute(value)
            fields["attributes"] = attributes
            place = cols.get(loc[0], f"{where}, {loc[0]}")
            notes.append(Adaptation(place, t("io.warn.kept_as_attribute", value=_short(value), name=name, why=message)))
            moved = True
        if not moved:
            break
    notes.extend(_problems(failure, where, cols))
    return None


_FIXED = frozenset({"id", "source", "target", "name"})


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _merge_into(first: dict[str, Any], later: Mapping[str, Any]) -> list[str]:
    """Fill ``first`` with what ``later`` adds (Kumu's merge of rows with one id or label).

    Returns the fields where they differ (``first`` kept).
    """
    differ: list[str] = []
    for key, value in later.items():
        if key == "attributes" and isinstance(value, dict):
            attributes = dict(first.get("attributes") or {})
            for name, item in value.items():
                if name not in attributes:
                    attributes[name] = item
                elif attributes[name] != item:
                    differ.append(name)
            first["attributes"] = attributes
        elif key == "tags" and isinstance(value, list):
            tags = list(first.get("tags") or [])
            first["tags"] = tags + [tag for tag in value if tag not in tags]
        elif key not in first or first[key] in (None, "", []):
            first[key] = value
        elif first[key] != value:
            differ.append(key)
    return differ


def build_map(raw: RawMap, *, strict: bool = False) -> MapData:
    """Check what a reader found against the model, adapting what a peer tool would have taken.

    Kumu's and Gephi's rules: rows that share an id (or, where labels are the
    keys, a label) are one actor; an actor a tie names but no row lists is
    created; a value a field cannot hold is kept as a custom attribute; a tie
    from an actor to itself is skipped (the analysis has no use for it). Each
    adaptation is an :class:`Adaptation` in ``MapData.warnings``, naming the
    place and what was done.

    ``strict``: every adaptation is a problem instead, and the file is refused.
    What is wrong with the file itself (the reader's problems) refuses it either
    way; every problem is reported at once.
    """
    notes: list[Problem] = list(raw.problems)
    used: set[str] = set()
    raws: list[RawActor] = []
    actor_ids: list[str] = []
    merged_into: dict[int, int] = {}
    by_ref: dict[str, int] = {}
    by_label: dict[str, list[int]] = {}

    def add_actor(item: RawActor) -> int:
        ref = item.ref
        name = item.fields.get("name")
        if not isinstance(name, str) or not name.strip():
            if ref:
                item.fields["name"] = clean_line(ref)
                notes.append(Adaptation(item.cols.get("name", item.where), t("io.warn.label_from_id", id=ref)))
            else:
                notes.append(Adaptation(item.cols.get("name", item.where), t("io.warn.no_label_skipped")))
                return -1
        if ref is not None and ref in by_ref:
            first = by_ref[ref]
            differ = _merge_into(raws[first].fields, item.fields)
            notes.append(Adaptation(item.cols.get("id", item.where), _merged("id", ref, raws[first].where, differ)))
            merged_into[len(raws)] = first
            raws.append(item)
            actor_ids.append(actor_ids[first])
            return first
        key = label_key(str(item.fields["name"]))
        if raw.labels_are_keys and by_label.get(key):
            first = by_label[key][0]
            differ = _merge_into(raws[first].fields, item.fields)
            label = str(item.fields["name"])
            notes.append(
                Adaptation(item.cols.get("name", item.where), _merged("label", label, raws[first].where, differ))
            )
            merged_into[len(raws)] = first
            raws.append(item)
            actor_ids.append(actor_ids[first])
            if ref is not None:
                by_ref[ref] = first
            return first
        index = len(raws)
        if ref is not None:
            by_ref[ref] = index
        actor_id = ref if ref is not None and is_entity_id(ref) and ref not in used else _fresh_id("act", used)
        used.add(actor_id)
        actor_ids.append(actor_id)
        raws.append(item)
        by_label.setdefault(key, []).append(index)
        return index

    for item in raw.actors:
        add_actor(item)

    def resolve(ref: str, where: str) -> int | None:
        index = by_ref.get(ref)
        if index is None and (raw.match_labels or raw.implied_actors):
            found = by_label.get(label_key(ref), [])
            if len(found) > 1:
                notes.append(Adaptation(where, t("io.warn.ambiguous_label", label=ref, first=raws[found[0]].where)))
            if found:
                index = found[0]
        if index is None and ref.strip():
            index = add_actor(RawActor(where, {"name": clean_line(ref)}, {"name": where}, ref=ref.strip()))
            if not raw.implied_actors:
                notes.append(Adaptation(where, t("io.warn.actor_created", ref=ref)))
        if index is None or index < 0:
            notes.append(Problem(where, t("io.problem.unknown_actor", ref=ref)))
            return None
        return index

    pending: list[tuple[RawTie, int, int]] = []
    for link in raw.ties:
        source = resolve(link.source, link.source_where or link.where)
        target = resolve(link.target, link.target_where or link.where)
        if source is None or target is None:
            continue
        if actor_ids[source] == actor_ids[target]:
            notes.append(Adaptation(link.where, t("io.warn.loop_skipped", actor=raws[source].fields.get("name", ""))))
            continue
        pending.append((link, source, target))

    actors: list[Actor] = []
    where: dict[str, str] = {}
    valid: set[str] = set()
    for index, item in enumerate(raws):
        if index in merged_into:
            continue
        names = {**_DEFAULT_NAMES, **item.names}
        actor = _validate(Actor, {**item.fields, "id": actor_ids[index]}, item.where, item.cols, names, notes)
        if isinstance(actor, Actor):
            actors.append(actor)
            valid.add(actor.id)
            where[actor.id] = item.where

    ties: list[Tie] = []
    file_tie_ids: set[str] = set()
    for link, source, target in pending:
        if link.ref is not None and is_entity_id(link.ref) and link.ref not in used:
            tie_id = link.ref
            file_tie_ids.add(tie_id)
        else:
            tie_id = _fresh_id("tie", used)
        used.add(tie_id)
        if actor_ids[source] not in valid or actor_ids[target] not in valid:
            continue  # the actor's own problem is reported
        names = {**_DEFAULT_NAMES, **link.names}
        values = {**link.fields, "id": tie_id, "source": actor_ids[source], "target": actor_ids[target]}
        tie = _validate(Tie, values, link.where, link.cols, names, notes)
        if isinstance(tie, Tie):
            ties.append(tie)
    problems = [n for n in notes if not isinstance(n, Adaptation)]
    warnings: list[Problem] = [n for n in notes if isinstance(n, Adaptation)]
    if problems:
        raise ImportFormatError(problems=[*problems, *warnings] if strict else problems)
    if strict and warnings:
        raise ImportFormatError("io.error.strict", count=len(warnings), problems=warnings)
    return MapData(
        actors=actors,
        ties=ties,
        file_tie_ids=frozenset(file_tie_ids),
        title=raw.title,
        meta=raw.meta,
        meta_cols=raw.meta_cols,
        workshop_id=raw.workshop_id,
        where=where,
        warnings=warnings,
    )


_DEFAULT_NAMES = {"x": "x", "y": "y"}


def _merged(what: str, value: str, other: str, differ: list[str]) -> str:
    if differ:
        return t(f"io.warn.merged_{what}_differ", value=value, other=other, fields=", ".join(differ[:5]))
    return t(f"io.warn.merged_{what}", value=value, other=other)


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
