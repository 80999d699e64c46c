"""Our own Excel workbook (``excel``): one sheet per table of :func:`nsc_workshop.frames.to_frames`.

Sheets ``workshop`` (one row: the id and the metadata), ``settings``,
``framing``, ``sprint``, ``participants``, ``actors``, ``ties``, ``ideas``,
``votes``... with the columns of the DataFrames (custom attributes as
``attr.<name>`` columns, lists such as tags joined with ``|``), for analysis
in a spreadsheet. Reading it back restores the actor map (sheets ``actors`` and
``ties``) and the workshop's id and metadata (sheet ``workshop``) exactly; the
other sheets are for reading, not re-imported.
"""

from __future__ import annotations

import datetime as dt
import math
import operator
from pathlib import Path
from typing import Any

from nsc_workshop.errors import Problem
from nsc_workshop.frames import to_frames
from nsc_workshop.io._base import RawMap
from nsc_workshop.io._table import (
    ACTOR_FIELDS,
    TIE_FIELDS,
    Cell,
    Column,
    DecodedRow,
    FieldCol,
    Kind,
    Table,
    attribute_kind,
    cell_place,
    decode_rows,
    encode_value,
    field_kind,
    map_tables,
    row_actor,
    row_tie,
)
from nsc_workshop.io._xlsx import open_sheets, read_columns, write_workbook
from nsc_workshop.model import Workshop

__all__ = ["META_COLUMNS", "read_excel", "write_excel"]

META_COLUMNS: dict[str, Kind] = {
    "id": "string",
    "title": "string",
    "city": "string",
    "country": "string",
    "language": "string",
    "start_date": "string",
    "end_date": "string",
    "blueprint_areas": "list",
    "prevention_levels": "list",
    "sensitivity": "string",
    "summary": "text",
    "tags": "list",
}
"""Columns of the ``workshop`` sheet and their kinds."""

_ACTOR_LAYOUT = tuple(FieldCol(f, f) for f in ACTOR_FIELDS)
_TIE_LAYOUT = tuple(FieldCol(f, f) for f in TIE_FIELDS)
_META_LAYOUT = tuple(FieldCol(f, f) for f in META_COLUMNS)


def _meta_table(workshop: Workshop) -> Table:
    data = {"id": workshop.id, **workshop.meta.model_dump(mode="json")}
    columns = [
        Column(name, field_kind(META_COLUMNS.get(name, "json"), [value]), field=name) for name, value in data.items()
    ]
    return Table(columns, [[encode_value(data[c.header], c) for c in columns]])


def _plain(value: Any) -> Any:
    """A DataFrame cell as a plain Python value (None for missing)."""
    if isinstance(value, list | dict | tuple):
        return value
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, str):  # a numpy scalar
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    try:
        import pandas as pd

        if value is pd.NA or value is pd.NaT:
            return None
    except ImportError:  # pragma: no cover
        pass
    return value


def _frame_table(frame: Any) -> Table:
    frame = frame.reset_index()
    records = [[_plain(v) for v in record] for record in frame.itertuples(index=False, name=None)]
    columns: list[Column] = []
    for index, name in enumerate(frame.columns):
        values = [r[index] for r in records if r[index] is not None]
        kind: Kind = "json" if any(isinstance(v, list | dict | tuple) for v in values) else attribute_kind(values)
        columns.append(Column(str(name), kind, attribute=str(name)))
    rows: list[list[Cell]] = []
    for record in records:
        rows.append([None if v is None else encode_value(v, c) for v, c in zip(record, columns, strict=True)])
    return Table(columns, rows)


def write_excel(workshop: Workshop, path: Path) -> Path:
    """Write every table of the workshop to an xlsx workbook."""
    actors, ties = map_tables(
        workshop, _ACTOR_LAYOUT, _TIE_LAYOUT, attribute_headers=lambda n: f"attr.{n}", sort_attributes=True
    )
    tables = {"workshop": _meta_table(workshop), "actors": actors, "ties": ties}
    sheets = [
        (name[:31], tables[name] if name in tables else _frame_table(frame))
        for name, frame in to_frames(workshop).items()
    ]
    return write_workbook(path, sheets)


def read_excel(path: Path, data: bytes) -> RawMap:
    """Read the actor map and the workshop metadata from our workbook."""
    name = path.name
    (meta_sheet, actor_sheet, tie_sheet), kinds = open_sheets(
        data, name, ("workshop", "actors", "ties"), needed=("actors",)
    )
    problems: list[Problem] = []
    raw = RawMap(match_labels=True)

    def rows_of(sheet: Any, layout: tuple[FieldCol, ...], field_kinds: dict[str, Kind]) -> list[DecodedRow]:
        _, columns, rows = read_columns(sheet, name, layout, field_kinds, kinds, problems)
        return decode_rows(columns, rows, problems, where_cell=cell_place)

    if meta_sheet is not None:
        rows = rows_of(meta_sheet, _META_LAYOUT, META_COLUMNS)
        if rows:
            fields = {k: v for k, v in rows[0].fields.items() if k != "attributes"}
            workshop_id = fields.pop("id", None)
            raw.workshop_id = workshop_id if isinstance(workshop_id, str) else None
            raw.title = fields.pop("title", None)
            raw.meta = fields
            raw.meta_cols = rows[0].cols
    for row in rows_of(actor_sheet, _ACTOR_LAYOUT, ACTOR_FIELDS):
        raw.actors.append(row_actor(row))
    if tie_sheet is not None:
        for row in rows_of(tie_sheet, _TIE_LAYOUT, TIE_FIELDS):
            # any false value is a missing end here, not only a blank text (as in the peers' sheets)
            tie = row_tie(row, "source/target", problems, blank=operator.not_)
            if tie is not None:
                raw.ties.append(tie)
    raw.problems.extend(problems)
    return raw
