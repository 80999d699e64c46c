"""Reading and writing the JSON map formats (Kumu JSON, PRSM)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from nsc_workshop.errors import Problem
from nsc_workshop.i18n import t
from nsc_workshop.io._base import Adaptation, ImportFormatError, RawTie, replace_file
from nsc_workshop.io._table import CellError, Kind, attribute_name, attribute_value, decode_cell, is_empty, tidy_field

__all__ = [
    "decode_utf8",
    "dump_json",
    "json_ends",
    "json_objects",
    "json_ref",
    "json_tie",
    "json_value",
    "load_json",
    "parse_json_text",
]


def decode_utf8(data: bytes, name: str, *, cut_tail: bool = False) -> str:
    """UTF-8 text, with or without a byte order mark.

    With ``cut_tail``, a character cut off at the very end (a truncated file)
    is dropped, so that the damage is reported by what reads the text next.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if cut_tail and exc.start >= len(data) - 3:
            return data[: exc.start].decode("utf-8-sig")
        raise ImportFormatError("io.error.encoding", path=name, position=exc.start) from None


def parse_json_text(text: str, name: str) -> Any:
    """A JSON value; a syntax error names its line and column."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFormatError("io.error.json", path=name, line=exc.lineno, column=exc.colno, detail=exc.msg) from None
    except RecursionError:
        raise ImportFormatError("io.error.corrupt", path=name, detail="nested too deeply") from None
    except ValueError as exc:  # an integer with thousands of digits
        raise ImportFormatError("io.error.corrupt", path=name, detail=str(exc)[:200]) from None


def load_json(data: bytes, name: str) -> Any:
    return parse_json_text(decode_utf8(data, name), name)


def dump_json(document: Any, path: Path) -> Path:
    """Write JSON as UTF-8, indented (atomically)."""
    text = json.dumps(document, ensure_ascii=False, indent=1, allow_nan=False)
    return replace_file(path, text.encode("utf-8") + b"\n")


def json_ref(value: Any) -> str | None:
    """An id in another tool's JSON: a text (trimmed) or a whole number; None for anything else."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def json_ends(item: dict[str, Any], where: str, problems: list[Problem]) -> tuple[str, str] | None:
    """The ids a link of another tool's JSON joins (its ``from`` and ``to``); without both, the link is skipped."""
    source, target = json_ref(item.get("from")), json_ref(item.get("to"))
    if source is None or target is None:  # the link is skipped, and said
        problems.append(Adaptation(where, t("io.table.tie_without_end", column="from/to")))
        return None
    return source, target


def json_tie(
    where: str, source: str, target: str, fields: dict[str, Any], cols: dict[str, str], ref: str | None
) -> RawTie:
    """A tie read from a link (``where``) of another tool's JSON, its ends placed at its ``from`` and ``to``."""
    return RawTie(
        where, source, target, fields, cols, ref=ref, source_where=f"{where}.from", target_where=f"{where}.to"
    )


def json_objects(items: Any, key: str, problems: list[Problem]) -> Iterator[tuple[str, dict[str, Any]]]:
    """The objects of the list ``items`` (a document's ``key``), each with its place (``edges[3]``).

    Anything else in the list is a problem, and so is ``items`` when it is not a list.
    """
    if not isinstance(items, list):
        problems.append(Problem(key, t("io.problem.missing_list", key=key)))
        return
    for index, item in enumerate(items):
        where = f"{key}[{index}]"
        if not isinstance(item, dict):
            problems.append(Problem(where, t("io.problem.not_object")))
            continue
        yield where, item


def json_value(
    value: Any,
    fld: str | None,
    name: str,
    field_kinds: Mapping[str, Kind],
    place: str,
    fields: dict[str, Any],
    cols: dict[str, str],
    problems: list[Problem],
) -> None:
    """Put a value of another tool's JSON into ``fields``, and its ``place`` into ``cols``.

    The value is the model field ``fld``'s (left out when empty), or, when
    ``fld`` is None, the custom attribute ``name``'s (an ``attr.`` prefix removed).
    A value the field cannot hold ("High" for ``influence``) is kept as the
    custom attribute ``name``, and said (an :class:`Adaptation`).
    """
    if fld is None:
        attribute = attribute_name(name)
        fields["attributes"][attribute] = attribute_value(value)
        cols[f"attributes.{attribute}"] = place
        return
    if is_empty(value) or value == []:
        return
    try:
        decoded = decode_cell(value, field_kinds[fld])
    except CellError as exc:  # the peer tool's value is kept, as a custom attribute under its own name
        attribute = attribute_name(name)
        fields["attributes"][attribute] = attribute_value(value)
        cols[f"attributes.{attribute}"] = place
        problems.append(
            Adaptation(place, t("io.warn.kept_as_attribute", value=_short(value), name=attribute, why=str(exc)))
        )
        return
    fields[fld] = tidy_field(fld, decoded)
    cols[fld] = place


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."
