"""Actors and ties as tables of cells, for the spreadsheet, CSV and XML formats.

Each column has a *kind* that says how its values are written as cells and read
back, so that every value survives a round trip exactly:

``string`` / ``text``
    text (``text`` keeps line breaks and surrounding spaces);
``integer``, ``float``, ``number`` (whole numbers and decimals mixed), ``boolean``
    numbers and true/false;
``list``
    texts joined with ``|`` (Kumu's way of writing tags);
``json``
    each value written as JSON text. A column falls back to ``json`` when a plain
    cell could not keep its values apart: a custom attribute whose values mix
    types, are empty or ``None``, or a text holding a carriage return or a
    character spreadsheets and XML refuse.

An empty cell means "no value": the field keeps its default and the actor has
no such custom attribute. Files we write declare each column's kind (a hidden
sheet, ``datapackage.json`` or typed XML declarations); for files from other
tools, kinds come from the cell types or are guessed from the text.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import re
from collections.abc import Callable, Collection, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, get_args

from pydantic import BaseModel

from nsc_workshop.errors import Problem
from nsc_workshop.i18n import t
from nsc_workshop.io._base import Adaptation, RawActor, RawTie, one_line

if TYPE_CHECKING:
    from nsc_workshop.model import Workshop

__all__ = [
    "ACTOR_FIELDS",
    "KINDS",
    "OBVIOUS",
    "TIE_FIELDS",
    "CellError",
    "Column",
    "ColumnKind",
    "DecodedRow",
    "FieldCol",
    "Kind",
    "Table",
    "attribute_name",
    "attribute_value",
    "cell_place",
    "cell_text",
    "cell_to_text",
    "color_from_rgb",
    "color_text",
    "css_color",
    "decode_cell",
    "decode_rows",
    "encode_table",
    "encode_value",
    "field_kind",
    "guess_kind",
    "has_ends",
    "header_place",
    "is_empty",
    "map_tables",
    "parse_direction",
    "row_actor",
    "row_tie",
    "table_ties",
    "tidy_field",
]

Kind = Literal["string", "text", "integer", "float", "number", "boolean", "list", "json"]
KINDS: tuple[str, ...] = get_args(Kind)
ColumnKind = Kind | Literal["auto"]
"""A column's kind when reading; ``auto`` keeps the type a spreadsheet cell has."""
Cell = str | int | float | bool | None

ACTOR_FIELDS: dict[str, Kind] = {
    "id": "string",
    "name": "string",
    "kind": "string",
    "sector": "string",
    "level": "string",
    "influence": "integer",
    "interest": "integer",
    "power": "boolean",
    "legitimacy": "boolean",
    "urgency": "boolean",
    "stance": "string",
    "goals": "text",
    "notes": "text",
    "tags": "list",
    "x": "float",
    "y": "float",
    "color": "string",
    "size": "float",
    "shape": "string",
}
TIE_FIELDS: dict[str, Kind] = {
    "id": "string",
    "source": "string",
    "target": "string",
    "type": "string",
    "directed": "boolean",
    "weight": "float",
    "sign": "integer",
    "label": "string",
    "notes": "text",
    "color": "string",
    "width": "float",
    "style": "string",
}
LOWER_FIELDS = frozenset({"kind", "level", "stance", "shape", "style", "color"})
"""Fields whose values are fixed lower-case ids: ``Local`` in a file means ``local``."""

_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\r\ud800-\udfff\ufffe\uffff]")
_INTEGER = re.compile(r"^[+-]?\d+$")
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")
_TRUE = frozenset({"true", "yes", "y", "1", "x", "ja", "kyllä", "já"})
_FALSE = frozenset({"false", "no", "n", "0", "nei", "nej", "ei"})
_MAX_EXACT_INT = 2**53
_EMPTY: Any = object()


class CellError(ValueError):
    """A cell's value does not fit its column; the message is for the facilitator."""


@dataclass(frozen=True)
class FieldCol:
    """Where a model field goes in a format's table: its header, other names it may
    have in files from other tools, and an optional special codec (Kumu's
    ``Direction``, Gephi's ``Type``)."""

    field: str
    header: str
    aliases: tuple[str, ...] = ()
    encode: Callable[[Any], Cell] | None = None
    decode: Callable[[Any], Any] | None = None


@dataclass(frozen=True)
class Column:
    """A column of a table: a model field or a custom attribute, and its kind."""

    header: str
    kind: ColumnKind
    field: str | None = None
    attribute: str | None = None
    spec: FieldCol | None = None


@dataclass
class Table:
    columns: list[Column]
    rows: list[list[Cell]]


def is_empty(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _plain_text(value: str) -> bool:
    return not _UNSAFE.search(value) and (value == "" or bool(value.strip()))


def _json_text(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    # Characters XML and spreadsheets refuse appear only inside JSON strings: escape them there.
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def field_kind(kind: Kind, values: Iterable[Any]) -> Kind:
    """The kind a field column is written with: its own, unless some value needs JSON."""
    if kind in ("string", "text"):
        if any(isinstance(v, str) and not _plain_text(v) for v in values):
            return "json"
    elif kind == "list":
        for value in values:
            for tag in value or ():
                if not tag or "|" in tag or tag != tag.strip() or _UNSAFE.search(tag):
                    return "json"
    return kind


def attribute_kind(values: Sequence[Any]) -> Kind:
    """The kind a custom attribute column is written with."""
    types = {type(v) for v in values}
    if types == {bool}:
        return "boolean"
    if types == {int} and all(abs(v) <= _MAX_EXACT_INT for v in values):
        return "integer"
    if types == {float}:
        return "float"
    if types == {int, float} and all(
        abs(v) <= _MAX_EXACT_INT if isinstance(v, int) else not float(v).is_integer() for v in values
    ):
        return "number"
    if types == {str} and all(v.strip() and _plain_text(v) for v in values):
        return "string"
    return "json"


def attribute_header(name: str, reserved: Container[str]) -> str:
    """The header of a custom attribute: its name, or ``attr.<name>`` when the name is taken.

    ``reserved`` holds the taken names, case-folded.
    """
    key = name.casefold()
    if key in reserved or key.startswith("attr."):
        return f"attr.{name}"
    return name


def attribute_name(header: str) -> str:
    """The custom attribute a header (or a key, a title) names: ``attr.<name>`` is ``<name>``."""
    return header[5:] if header.casefold().startswith("attr.") else header


def encode_value(value: Any, column: Column) -> Cell:
    """A value as the cell of ``column``."""
    if column.spec is not None and column.spec.encode is not None:
        return column.spec.encode(value)
    if column.kind == "json":
        return _json_text(value)
    if value is None:
        return None
    if column.kind in ("string", "text"):
        return value or None
    if column.kind == "list":
        return "|".join(value) or None
    if column.kind == "float":
        return float(value)
    return value  # type: ignore[no-any-return]


def encode_table(
    items: Sequence[BaseModel],
    layout: Sequence[FieldCol],
    field_kinds: Mapping[str, Kind],
    *,
    attribute_headers: Callable[[str], str] | None = None,
    sort_attributes: bool = False,
) -> Table:
    """Actors or ties as a table: the layout's columns, then one per custom attribute."""
    dumps = [item.model_dump() for item in items]
    columns: list[Column] = []
    reserved: set[str] = set()
    for spec in layout:
        reserved.update(h.casefold() for h in (spec.header, *spec.aliases))
        kind: Kind = "string" if spec.encode else field_kind(field_kinds[spec.field], (d[spec.field] for d in dumps))
        columns.append(Column(spec.header, kind, field=spec.field, spec=spec))
    names: dict[str, None] = {}
    for dump in dumps:
        names.update(dict.fromkeys(dump.get("attributes", {})))
    for name in sorted(names) if sort_attributes else names:
        values = [d["attributes"][name] for d in dumps if name in d["attributes"]]
        header = attribute_headers(name) if attribute_headers else attribute_header(name, reserved)
        columns.append(Column(header, attribute_kind(values), attribute=name))
    rows: list[list[Cell]] = []
    for dump in dumps:
        row: list[Cell] = []
        for column in columns:
            if column.field is not None:
                row.append(encode_value(dump[column.field], column))
            elif column.attribute in dump["attributes"]:
                row.append(encode_value(dump["attributes"][column.attribute], column))
            else:
                row.append(None)
        rows.append(row)
    return Table(columns, rows)


def map_tables(
    workshop: Workshop,
    actor_layout: Sequence[FieldCol],
    tie_layout: Sequence[FieldCol],
    *,
    attribute_headers: Callable[[str], str] | None = None,
    sort_attributes: bool = False,
) -> tuple[Table, Table]:
    """The workshop's actors and ties as tables (:func:`encode_table`)."""
    encode = functools.partial(encode_table, attribute_headers=attribute_headers, sort_attributes=sort_attributes)
    return (
        encode(list(workshop.actors.values()), actor_layout, ACTOR_FIELDS),
        encode(list(workshop.ties.values()), tie_layout, TIE_FIELDS),
    )


def cell_to_text(value: Any) -> str:
    """A cell written in a text format (CSV, XML): true/false, numbers as Python writes them (exactly), text as is."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def cell_text(raw: Any) -> str:
    """A cell as text, whatever its type (a number typed in a label column...)."""
    if isinstance(raw, str):
        return raw
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, float) and raw.is_integer() and abs(raw) < 1e15:
        return str(int(raw))
    if isinstance(raw, dt.datetime) and raw.time() == dt.time(0, 0):
        return raw.date().isoformat()
    if isinstance(raw, dt.date | dt.datetime | dt.time):
        return raw.isoformat()
    return str(raw)


def _short(raw: Any) -> str:
    text = cell_text(raw)
    return text if len(text) <= 40 else text[:37] + "..."


def _number(raw: Any) -> float:
    if isinstance(raw, bool):
        raise CellError(t("io.cell.number", value=_short(raw)))
    if isinstance(raw, int | float):
        value = float(raw)
    else:
        text = cell_text(raw).strip()
        if _DECIMAL_COMMA.match(text):
            text = text.replace(",", ".")
        try:
            value = float(text)
        except ValueError:
            raise CellError(t("io.cell.number", value=_short(raw))) from None
    if not math.isfinite(value):
        raise CellError(t("io.cell.number", value=_short(raw)))
    return value


def decode_cell(raw: Any, kind: ColumnKind) -> Any:
    """A cell's value for a column of ``kind``; raises :class:`CellError` when it does not fit.

    ``auto`` keeps the type the cell has in a spreadsheet (text, number, true/false).
    """
    if kind in ("string", "text"):
        return cell_text(raw)
    if kind == "integer":
        if isinstance(raw, int) and not isinstance(raw, bool):
            return raw
        if isinstance(raw, str) and _INTEGER.match(raw.strip()):
            return int(raw.strip())
        try:
            value = _number(raw)
        except CellError:
            raise CellError(t("io.cell.integer", value=_short(raw))) from None
        if not value.is_integer():
            raise CellError(t("io.cell.integer", value=_short(raw)))
        return int(value)
    if kind == "float":
        return _number(raw)
    if kind == "number":
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            return raw
        if isinstance(raw, str) and _INTEGER.match(raw.strip()):
            return int(raw.strip())
        return _number(raw)
    if kind == "boolean":
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, int | float) and raw in (0, 1):
            return bool(raw)
        text = cell_text(raw).strip().casefold()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise CellError(t("io.cell.boolean", value=_short(raw)))
    if kind == "list":
        if isinstance(raw, list):
            return [cell_text(v).strip() for v in raw if not is_empty(v)]
        return [part.strip() for part in cell_text(raw).split("|") if part.strip()]
    if kind == "json":
        if not isinstance(raw, str):
            return raw
        try:
            return json.loads(raw)
        except (ValueError, RecursionError):
            raise CellError(t("io.cell.json", value=_short(raw))) from None
    return attribute_value(raw)


def tidy_field(fld: str, value: Any) -> Any:
    """A field's value as read, made what the model expects: fixed ids in lower case, a name on one line."""
    if isinstance(value, str):
        if fld in LOWER_FIELDS:
            return value.strip().lower()
        if fld == "name":
            return one_line(value)
    return value


def parse_direction(raw: Any) -> bool:
    """A tie's direction as Kumu's ``Direction`` and Gephi's edge ``Type`` write it.

    Directed (or blank) → True; undirected or mutual → False.
    """
    text = cell_text(raw).strip().casefold()
    if text in ("", "directed"):
        return True
    if text in ("undirected", "mutual"):
        return False
    raise CellError(t("io.cell.direction", value=cell_text(raw)[:40]))


def attribute_value(raw: Any) -> Any:
    """A custom attribute's value from a cell or a JSON value of another tool."""
    if isinstance(raw, str | bool | int) or raw is None:
        return raw
    if isinstance(raw, float):
        if not math.isfinite(raw):
            return str(raw)
        return raw
    if isinstance(raw, list | tuple):
        return "|".join(cell_text(v) for v in raw if not is_empty(v))
    if isinstance(raw, dict):
        return json.dumps(raw, ensure_ascii=False)
    return cell_text(raw)


def guess_kind(values: Iterable[str]) -> Kind:
    """The kind of a column of texts from another tool (a CSV file): numbers, true/false, or text."""
    seen = [v.strip() for v in values if v.strip()]
    if not seen:
        return "string"
    if all(_INTEGER.match(v) for v in seen):
        return "integer" if all(abs(int(v)) <= _MAX_EXACT_INT for v in seen) else "string"
    try:
        numbers = [float(v) for v in seen]
    except ValueError:
        numbers = []
    if numbers and all(math.isfinite(n) for n in numbers):
        return "number"
    if all(v.casefold() in ("true", "false") for v in seen):
        return "boolean"
    return "string"


@dataclass
class DecodedRow:
    """One row: model fields, custom attributes, and where each value came from."""

    where: str
    fields: dict[str, Any] = field(default_factory=dict)
    cols: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    """The header of each field's column (``Influence``): a value the model refuses is kept under that name."""

    @property
    def attributes(self) -> dict[str, Any]:
        value: dict[str, Any] = self.fields.setdefault("attributes", {})
        return value


def header_place(sheet: str) -> Callable[[str], str]:
    """Where a column is: ``Elements, column Strength``."""

    def place(header: str) -> str:
        return t("io.where.column", sheet=sheet, column=header)

    return place


def cell_place(row: str, header: str) -> str:
    """Where a cell is: ``Connections row 4, column Strength``."""
    return t("io.where.cell", row=row, column=header)


def resolve_columns(
    table: str,
    headers: Sequence[Any],
    layout: Sequence[FieldCol],
    field_kinds: Mapping[str, Kind],
    declared: Mapping[str, Kind] | None,
    problems: list[Problem],
    *,
    where_header: Callable[[str], str],
) -> list[Column | None]:
    """Match a table's headers with the layout's fields; other headers are custom attributes."""
    by_name: dict[str, FieldCol] = {}
    for spec in layout:
        for name in (spec.header, *spec.aliases):
            by_name.setdefault(name.casefold(), spec)
    out: list[Column | None] = []
    seen: dict[str, str] = {}
    fields_seen: dict[str, str] = {}
    texts = [None if is_empty(raw) else cell_text(raw).strip() for raw in headers]
    taken = {attribute_name(h).casefold() for h in texts if h is not None and h.casefold() not in by_name}
    for header in texts:
        if header is None:
            out.append(None)
            continue
        key = header.casefold()
        kind = (declared or {}).get(header)
        if key in seen:  # a repeated header: the column is kept as a custom attribute of its own ("Tags (2)")
            taken.add(attribute_name(header).casefold())
            name = _free_attribute(taken, attribute_name(header))
            problems.append(Adaptation(where_header(header), t("io.table.duplicate_column", column=header, name=name)))
            out.append(Column(header, kind if kind in KINDS else "auto", attribute=name))
            continue
        seen[key] = header
        match = by_name.get(key)
        if match is not None:
            if match.field in fields_seen:
                name = _free_attribute(taken, attribute_name(header))
                problems.append(
                    Adaptation(
                        where_header(header),
                        t("io.table.same_field", column=header, other=fields_seen[match.field], name=name),
                    )
                )
                out.append(Column(header, kind if kind in KINDS else "auto", attribute=name))
                continue
            fields_seen[match.field] = header
            default: Kind = "string" if match.decode else field_kinds[match.field]
            out.append(Column(header, kind if kind in KINDS else default, field=match.field, spec=match))
        else:
            out.append(Column(header, kind if kind in KINDS else "auto", attribute=attribute_name(header)))
    return out


def _free_attribute(taken: set[str], name: str) -> str:
    """``name``, or ``name (2)``, ``name (3)``... the first not in ``taken`` (case-folded, updated)."""
    candidate, n = name, 2
    while candidate.casefold() in taken:
        candidate, n = f"{name} ({n})", n + 1
    taken.add(candidate.casefold())
    return candidate


def decode_rows(
    columns: Sequence[Column | None],
    rows: Iterable[tuple[str, Sequence[Any]]],
    problems: list[Problem],
    *,
    where_cell: Callable[[str, str], str],
) -> list[DecodedRow]:
    """Decode the rows of a table; ``rows`` gives each row's place (``Elements row 5``) and cells.

    Blank rows are skipped. A column of ours where some cell does not fit (an
    ``Influence`` column holding "High", as Kumu users write them) is read the
    way the peer tools read every column: where each such cell has an obvious
    meaning of ours (``Supportive`` in ``Stance``), the meanings are taken;
    otherwise the whole column is kept as a custom attribute under its header,
    every cell as it is. Either is said in one :class:`Adaptation` naming the
    column and its first such cell.
    """
    table = [(where, cells) for where, cells in rows if not all(is_empty(c) for c in cells)]
    values: list[list[Any]] = []
    failures: dict[int, list[tuple[str, Any, str]]] = {}
    for where, cells in table:
        row_values: list[Any] = []
        for index, (column, raw) in enumerate(zip(columns, cells, strict=False)):
            if column is None or is_empty(raw):
                row_values.append(_EMPTY)
                continue
            try:
                row_values.append(_decode(column, raw))
            except CellError as exc:
                failures.setdefault(index, []).append((where, raw, str(exc)))
                row_values.append(_FAILED)
        values.append(row_values)
    final = list(columns)
    if failures:
        taken = {c.attribute.casefold() for c in columns if c is not None and c.attribute is not None}
        for index, failed in failures.items():
            column = columns[index]
            assert column is not None
            first_where, _raw, why = failed[0]
            place = where_cell(first_where, column.header)
            mapped = _obvious_meanings(column, [raw for _, raw, _ in failed])
            if mapped is not None:
                for row_values, (_, cells) in zip(values, table, strict=True):
                    if index < len(row_values) and row_values[index] is _FAILED:
                        row_values[index] = mapped[_meaning_key(cells[index])]
                pairs = ", ".join(
                    f"'{_short(raw)}' → {_said(column.field, value)}" for raw, value in _distinct(failed, mapped)
                )
                problems.append(Adaptation(place, t("io.table.mapped", column=column.header, pairs=pairs)))
                continue
            if column.field is not None:
                name = _free_attribute(taken, column.header)
                final[index] = Column(column.header, "auto", attribute=name)
                for row_values, (_, cells) in zip(values, table, strict=True):
                    if index < len(row_values) and row_values[index] is not _EMPTY:
                        row_values[index] = attribute_value(cells[index])
                problems.append(
                    Adaptation(
                        place,
                        t("io.table.column_as_attribute", column=column.header, why=why, count=len(failed), name=name),
                    )
                )
            else:  # a declared JSON column whose cell is not JSON: the cell's text is kept
                for row_values, (_, cells) in zip(values, table, strict=True):
                    if index < len(row_values) and row_values[index] is _FAILED:
                        row_values[index] = cell_text(cells[index])
                problems.append(Adaptation(place, t("io.table.attribute_as_text", column=column.header)))
    out: list[DecodedRow] = []
    for (where, _cells), row_values in zip(table, values, strict=True):
        row = DecodedRow(where)
        for column, value in zip(final, row_values, strict=False):
            if column is None or value is _EMPTY:
                continue
            place = where_cell(where, column.header)
            if column.field is not None:
                row.fields[column.field] = value
                row.cols[column.field] = place
                row.names[column.field] = column.header
            elif column.attribute is not None:
                row.attributes[column.attribute] = value if column.kind == "json" else attribute_value(value)
                row.cols[f"attributes.{column.attribute}"] = place
        out.append(row)
    return out


_FAILED: Any = object()


def _decode(column: Column, raw: Any) -> Any:
    """A cell's value for its column; a field's value must also be one of the field's fixed ids."""
    if column.kind == "json":
        value = decode_cell(raw, "json")
    elif column.spec is not None and column.spec.decode is not None:
        value = column.spec.decode(raw)
    else:
        value = decode_cell(raw, column.kind)
    if column.field is None:
        return value
    value = tidy_field(column.field, value)
    choices = _vocabulary().get(column.field)
    if choices is not None and isinstance(value, str) and value not in choices:
        raise CellError(t("io.table.not_in_vocab", value=_short(raw), choices=", ".join(choices)))
    if column.field == "color" and isinstance(value, str) and not _HEX_COLOR.match(value):
        raise CellError(t("io.table.not_a_color", value=_short(raw)))
    return value


_HEX_COLOR = re.compile(r"^#?(?:[0-9a-f]{3}|[0-9a-f]{6})$")


def css_color(value: Any) -> str | None:
    """A CSS colour name (``steelblue``: Kumu's, yEd's and browsers' names) as ``#rrggbb``, or None."""
    if not isinstance(value, str):
        return None
    key = value.strip().casefold().replace(" ", "")
    if not key.isalpha() or len(key) > 30:
        return None
    from matplotlib.colors import CSS4_COLORS

    found = CSS4_COLORS.get(key)
    return found.lower() if isinstance(found, str) else None


def color_from_rgb(r: Any, g: Any, b: Any) -> str | None:
    """``#rrggbb`` from three channels 0-255 (numbers or their text), or None when one is not such a channel."""
    channels = []
    for value in (r, g, b):
        try:
            number = float(value)
        except (TypeError, ValueError):
            return None
        if not number.is_integer() or not 0 <= number <= 255:
            return None
        channels.append(int(number))
    return "#{:02x}{:02x}{:02x}".format(*channels)


_HEX = re.compile(r"^#?([0-9a-fA-F]{6})([0-9a-fA-F]{2})?$")
_RGB = re.compile(r"^rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*(?:,\s*[\d.]+\s*)?\)$")


def color_text(text: str | None) -> str | None:
    """A colour as the peer tools write it (``#FF0000``, ``#FF000080`` with alpha, ``rgb(255,0,0)``) as ``#rrggbb``."""
    if not text:
        return None
    text = text.strip()
    match = _HEX.match(text)
    if match:
        return "#" + match.group(1).lower()
    match = _RGB.match(text.replace(" ", ""))
    if match:
        return color_from_rgb(*match.groups())
    return None


@functools.cache
def _vocabulary() -> dict[str, tuple[str, ...]]:
    from nsc_workshop.model.actors import SHAPES, TIE_STYLES
    from nsc_workshop.model.vocab import ActorKind, Level, Stance

    return {
        "kind": get_args(ActorKind),
        "level": get_args(Level),
        "stance": get_args(Stance),
        "shape": SHAPES,
        "style": TIE_STYLES,
    }


OBVIOUS: dict[str, dict[str, Any]] = {
    "stance": {
        **dict.fromkeys(("supportive", "support", "supporter", "supporting", "for", "pro", "ally"), "supports"),
        **dict.fromkeys(("opposed", "oppose", "opposing", "opponent", "against", "contra"), "opposes"),
        **dict.fromkeys(("not known", "?", "n/a"), "unknown"),
    },
    "kind": {"organization": "organisation", "individual": "person"},
    "shape": {
        **dict.fromkeys(("circle", "disc", "dot", "oval"), "ellipse"),
        **dict.fromkeys(("square", "rectangle", "rect"), "box"),
        **dict.fromkeys(("roundrectangle", "round rectangle", "rounded rectangle", "pill"), "round_box"),
        **dict.fromkeys(("star5", "star6", "star8"), "star"),
    },
    "style": {"dash": "dashed", "dot": "dotted", "line": "solid"},
    "directed": {
        **dict.fromkeys(("one-way", "one way", "yes", "true"), True),
        **dict.fromkeys(("two-way", "two way", "bidirectional", "both", "reciprocal", "no", "false"), False),
    },
    "sign": {"+": 1, "-": -1, "−": -1, "positive": 1, "negative": -1, "neutral": 0},
}
"""Values another tool writes in a column of ours whose meaning is plain (read as ours, and said)."""


def _meaning_key(raw: Any) -> str:
    return cell_text(raw).strip().casefold()


def _obvious_meanings(column: Column, raws: Sequence[Any]) -> dict[str, Any] | None:
    """Our value for each of ``raws`` when every one has an obvious meaning in the column's field; else None."""
    table = OBVIOUS.get(column.field or "")
    if not table and column.field != "color":
        return None
    out: dict[str, Any] = {}
    for raw in raws:
        key = _meaning_key(raw)
        meaning = css_color(key) if column.field == "color" else (table or {}).get(key)
        if meaning is None:
            return None
        out[key] = meaning
    return out


def _said(fld: str | None, value: Any) -> str:
    """A value of ours as a message shows it (a direction as Kumu's word)."""
    if fld == "directed":
        return "directed" if value else "undirected"
    return str(value)


def _distinct(failed: Sequence[tuple[str, Any, str]], mapped: Mapping[str, Any]) -> list[tuple[Any, Any]]:
    seen: dict[str, tuple[Any, Any]] = {}
    for _, raw, _ in failed:
        seen.setdefault(_meaning_key(raw), (raw, mapped[_meaning_key(raw)]))
    return list(seen.values())[:6]


def has_ends(found: Collection[str | None], place: str, headers: tuple[str, str], problems: list[Problem]) -> bool:
    """Whether a table of ties has a column for each end (``headers``: their names); a missing one is a problem."""
    for fld, header in zip(("source", "target"), headers, strict=True):
        if fld not in found:
            problems.append(Problem(place, t("io.problem.missing_column", column=header)))
    return "source" in found and "target" in found


def table_ties(
    columns: Sequence[Column | None],
    rows: Iterable[tuple[str, Sequence[Any]]],
    place: str,
    ends: tuple[str, str],
    problems: list[Problem],
) -> list[RawTie]:
    """The ties of a table whose ``ends`` columns (``From``, ``To``) name their actors.

    A table missing one of those columns is a problem at ``place``, and gives no tie.
    """
    found = {c.field for c in columns if c is not None}
    if not has_ends(found, place, ends, problems):
        return []
    decoded = decode_rows(columns, rows, problems, where_cell=cell_place)
    ties = [row_tie(row, "/".join(ends), problems) for row in decoded]
    return [tie for tie in ties if tie is not None]


def row_actor(row: DecodedRow) -> RawActor:
    """The actor of a decoded row; its ``id`` field is the file's id of the actor."""
    ref = row.fields.pop("id", None)
    return RawActor(row.where, row.fields, row.cols, ref=ref.strip() if ref else None, names=row.names)


def row_tie(
    row: DecodedRow, ends: str, problems: list[Problem], *, blank: Callable[[Any], bool] = is_empty
) -> RawTie | None:
    """The tie of a decoded row, its ends as the file names them (ids or labels).

    A row whose ``source`` or ``target`` is ``blank`` is skipped, and said
    (an :class:`Adaptation` naming the ``ends`` columns, ``From/To``).
    """
    ref = row.fields.pop("id", None)
    source, target = row.fields.pop("source", None), row.fields.pop("target", None)
    if blank(source) or blank(target):
        problems.append(Adaptation(row.where, t("io.table.tie_without_end", column=ends)))
        return None
    return RawTie(
        row.where,
        source.strip(),
        target.strip(),
        row.fields,
        row.cols,
        ref=ref.strip() if ref else None,
        source_where=row.cols.get("source", row.where),
        target_where=row.cols.get("target", row.where),
        names=row.names,
    )
