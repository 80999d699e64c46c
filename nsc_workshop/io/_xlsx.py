"""Reading and writing xlsx workbooks with openpyxl, safely and with declared column kinds.

Workbooks we write carry a sheet ``nsc-workshop (ignore)`` listing each
column's kind (see :mod:`nsc_workshop.io._table`); Kumu skips sheets named
"(ignore)" and PRSM reads only its own sheets, so the peers do not see it.

Every text cell is written as text (never a formula) and guarded by
:func:`nsc_workshop._cells.guard_cell` (a leading ``'`` where a spreadsheet, or a
CSV file saved from the workbook, could start a formula); reading undoes the
guard, so our own workbooks round-trip exactly.
"""

from __future__ import annotations

import io
import math
import zipfile
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import Any

from nsc_workshop._cells import guard_cell, unguard_cell
from nsc_workshop.errors import Problem
from nsc_workshop.i18n import t
from nsc_workshop.io._base import MAX_ROWS, MAX_UNPACKED_BYTES, ImportFormatError, replace_file
from nsc_workshop.io._table import (
    KINDS,
    Column,
    FieldCol,
    Kind,
    Table,
    cell_text,
    header_place,
    is_empty,
    resolve_columns,
)
from nsc_workshop.io._xml import XmlError, local, parse_xml

__all__ = [
    "META_SHEET",
    "Sheet",
    "find_sheet",
    "is_ignored",
    "load_workbook",
    "open_sheets",
    "open_zip",
    "read_columns",
    "read_kinds",
    "read_sheet",
    "sheet_names",
    "sheet_roles",
    "table_role",
    "write_workbook",
]

META_SHEET = "nsc-workshop (ignore)"
MAX_COLUMNS = 1000

Sheet = tuple[list[Any], list[tuple[str, tuple[Any, ...]]]]


def open_zip(data: bytes, name: str) -> zipfile.ZipFile:
    """A ZIP archive (an xlsx workbook, a CSV pair), refused when damaged or when it unpacks too large."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ImportFormatError("io.error.corrupt", path=name, detail=str(exc)[:200]) from None
    if total > MAX_UNPACKED_BYTES:
        raise ImportFormatError(
            "io.error.too_large", path=name, size_mb=round(total / 2**20, 1), limit_mb=MAX_UNPACKED_BYTES // 2**20
        )
    return archive


def sheet_names(data: bytes, name: str) -> list[str]:
    """The sheet names of an xlsx workbook, read from ``xl/workbook.xml`` (no openpyxl needed)."""
    archive = open_zip(data, name)
    try:
        root = parse_xml(archive.read("xl/workbook.xml"))
    except (KeyError, zipfile.BadZipFile, OSError, EOFError, XmlError) as exc:
        raise ImportFormatError("io.error.corrupt", path=name, detail=str(exc)[:200]) from None
    return [el.get("name", "") for el in root.iter() if local(el.tag) == "sheet"]


def is_ignored(title: str) -> bool:
    """Kumu's rule: a sheet whose name holds "(ignore)" is not imported."""
    return "(ignore)" in title.casefold()


def table_role(header: Sequence[Any]) -> str | None:
    """What Kumu reads a sheet as, by its columns: ``connections`` (``From`` and ``To``),
    ``elements`` (``Label``, ``Name`` or ``ID``), or None."""
    names = {cell_text(h).strip().casefold() for h in header if not is_empty(h)}
    if {"from", "to"} <= names:
        return "connections"
    if names & {"label", "name", "id"}:
        return "elements"
    return None


def sheet_roles(data: bytes, name: str) -> dict[str, str]:
    """Each sheet Kumu would import (not "(ignore)"), by title: its role by its columns (:func:`table_role`)."""
    workbook = load_workbook(data, name)
    out: dict[str, str] = {}
    try:
        for sheet in workbook.worksheets:
            if sheet.title == META_SHEET or is_ignored(sheet.title):
                continue
            sheet.reset_dimensions()
            first = next(sheet.iter_rows(min_row=1, max_row=1, max_col=MAX_COLUMNS, values_only=True), None)
            role = table_role([unguard_cell(h) for h in first or ()])
            if role is not None:
                out[sheet.title] = role
    except Exception as exc:  # a damaged sheet
        raise ImportFormatError("io.error.corrupt", path=name, detail=str(exc)[:200]) from None
    return out


def load_workbook(data: bytes, name: str) -> Any:
    """An openpyxl workbook in read-only mode; a damaged file is an :class:`ImportFormatError`."""
    import openpyxl

    open_zip(data, name)  # size check before openpyxl unpacks anything
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds of errors on damaged files
        raise ImportFormatError("io.error.corrupt", path=name, detail=str(exc)[:200] or type(exc).__name__) from None


def find_sheet(workbook: Any, *names: str) -> Any | None:
    """The first sheet named one of ``names`` (case-insensitive), skipping "(ignore)" sheets."""
    wanted = [n.casefold() for n in names]
    for sheet in workbook.worksheets:
        if not is_ignored(sheet.title) and sheet.title.strip().casefold() in wanted:
            return sheet
    return None


def read_sheet(sheet: Any, file_name: str) -> Sheet:
    """A sheet's header row and its data rows, each with its place (``Elements row 5``).

    A sheet without a header row is an :class:`ImportFormatError`.
    """
    title = sheet.title
    try:
        sheet.reset_dimensions()  # other tools write wrong dimensions; read what is there
        first = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), None)
        header = [unguard_cell(h) for h in list(first or ())[:MAX_COLUMNS]]
        while header and is_empty(header[-1]):
            header.pop()
        if not header:
            raise ImportFormatError(problems=[Problem(t("io.where.sheet", sheet=title), t("io.problem.empty_sheet"))])
        rows: list[tuple[str, tuple[Any, ...]]] = []
        for number, cells in enumerate(sheet.iter_rows(min_row=2, max_col=len(header), values_only=True), start=2):
            if number > MAX_ROWS + 1:
                raise ImportFormatError(
                    problems=[Problem(t("io.where.sheet", sheet=title), t("io.problem.too_many_rows", limit=MAX_ROWS))]
                )
            rows.append((t("io.where.row", sheet=title, row=number), tuple(unguard_cell(c) for c in cells)))
    except ImportFormatError:
        raise
    except Exception as exc:  # a damaged sheet
        raise ImportFormatError("io.error.corrupt", path=file_name, detail=str(exc)[:200]) from None
    return header, rows


def read_kinds(workbook: Any, file_name: str) -> dict[str, dict[str, Kind]]:
    """The column kinds our own workbooks declare, by sheet name (case-folded)."""
    sheet = next((s for s in workbook.worksheets if s.title == META_SHEET), None)
    if sheet is None:
        return {}
    _header, rows = read_sheet(sheet, file_name)
    out: dict[str, dict[str, Kind]] = {}
    for _where, cells in rows:
        if len(cells) >= 3 and not is_empty(cells[0]) and not is_empty(cells[1]) and cells[2] in KINDS:
            out.setdefault(cell_text(cells[0]).strip().casefold(), {})[cell_text(cells[1]).strip()] = cells[2]
    return out


def open_sheets(
    data: bytes, name: str, sheets: Sequence[str], *, needed: Sequence[str] | None = None
) -> tuple[list[Any | None], dict[str, dict[str, Kind]]]:
    """The sheets named ``sheets`` of a map workbook (None for a missing one), and its declared column kinds.

    A workbook holding none of the ``needed`` sheets (default: of ``sheets``) is an :class:`ImportFormatError`.
    """
    workbook = load_workbook(data, name)
    kinds = read_kinds(workbook, name)
    found = {sheet: find_sheet(workbook, sheet) for sheet in sheets}
    needed = sheets if needed is None else needed
    if all(found[sheet] is None for sheet in needed):
        raise ImportFormatError(problems=[Problem(name, t("io.problem.no_sheets", sheets=", ".join(needed)))])
    return list(found.values()), kinds


def read_columns(
    sheet: Any,
    file_name: str,
    layout: Sequence[FieldCol],
    field_kinds: Mapping[str, Kind],
    kinds: Mapping[str, Mapping[str, Kind]],
    problems: list[Problem],
    *,
    hidden: Collection[str] = (),
) -> tuple[list[Any], list[Column | None], list[tuple[str, tuple[Any, ...]]]]:
    """A sheet's header, its columns matched with ``layout`` and its rows (:func:`read_sheet`).

    ``kinds`` are the workbook's declared kinds (:func:`read_kinds`); a
    column whose header is in ``hidden`` (case-folded) is not read.
    """
    title = sheet.title
    header, rows = read_sheet(sheet, file_name)
    names = [None if cell_text(h or "").strip().casefold() in hidden else h for h in header] if hidden else header
    columns = resolve_columns(
        title,
        names,
        layout,
        field_kinds,
        kinds.get(title.casefold()),
        problems,
        where_header=header_place(title),
    )
    return header, columns, rows


def _cell(sheet: Any, value: Any, bold: bool = False) -> Any:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    value = guard_cell(value)
    cell = WriteOnlyCell(sheet, value)
    if isinstance(value, str):
        cell.data_type = "s"  # text, never a formula (nor an error code such as #N/A)
    elif isinstance(value, float) and math.isfinite(value):
        # openpyxl writes numbers with 16 significant digits ("%.16g"), which rounds 0.30000000000000004 and
        # 0.12345678901234568; Python's shortest repr is exact and any xlsx reader parses it as a number.
        cell._value = repr(value)
    if bold:
        cell.font = Font(bold=True)
    return cell


def write_workbook(path: Path, sheets: Sequence[tuple[str, Table]], *, declare: bool = True) -> Path:
    """Write ``sheets`` (name, table) to an xlsx file, with the sheet of column kinds."""
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    for name, table in sheets:
        sheet = workbook.create_sheet(name)
        sheet.freeze_panes = "A2"
        sheet.append([_cell(sheet, c.header, bold=True) for c in table.columns])
        for row in table.rows:
            sheet.append([_cell(sheet, value) for value in row])
    if declare:
        meta = workbook.create_sheet(META_SHEET)
        meta.sheet_state = "hidden"
        meta.append([_cell(meta, h, bold=True) for h in ("sheet", "column", "kind")])
        for name, table in sheets:
            for column in table.columns:
                meta.append([_cell(meta, name), _cell(meta, column.header), column.kind])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return replace_file(path, buffer.getvalue())
