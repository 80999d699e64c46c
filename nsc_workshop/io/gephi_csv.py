"""A Gephi spreadsheet pair: a nodes table and an edges table in CSV (``csv``).

How a pair is given: a ``.zip`` file or a folder holding ``nodes.csv`` and
``edges.csv`` (written with a ``datapackage.json`` describing every column, as a
Frictionless Data Package). When reading, the tables may also be named like
Gephi's exports (``... [Nodes].csv``, ``... [Edges].csv``: any name holding
"node" or "edge"), a folder or ZIP may hold the edges table alone (its nodes
are then made from the ``Source`` and ``Target`` ids), and a single file
(``.csv``, ``.tsv``, ``.txt``) is read as an edges table (``Source``/``Target``,
or ``From``/``To``), as an adjacency matrix (Gephi's: a blank first header
cell, node ids along the first row and column; a symmetric matrix gives one
undirected tie per pair, each cell other than 0 the weight), or else as a nodes
table.

Nodes: ``Id`` (the actor id), ``Label`` (the name; the id where there is
none), then ``kind``, ``sector``, ``level``, ``influence``, ``interest``,
``power``, ``legitimacy``, ``urgency``, ``stance``, ``goals``, ``notes``,
``tags`` (joined with ``|``), ``x``, ``y``, ``color``, ``size``, ``shape`` and
one column per custom attribute; rows repeating an ``Id`` are one actor (said).
Edges: ``Source``, ``Target``, ``Type`` (``Directed``/``Undirected``;
``Mutual`` reads as undirected), ``Id``, ``Label``, ``Weight``, ``Kind`` (the
tie type, as Gephi 0.10 names it), ``sign``, ``notes``, ``color``, ``width``,
``style``, custom columns.

We write UTF-8 without a byte order mark (Gephi reads the mark as part of the
first header), comma-separated, every text cell guarded against formulas by
:func:`nsc_workshop._cells.guard_cell` (a leading ``'``, removed again when we
read the file back). We read what spreadsheets save: UTF-8 with or
without a mark, UTF-16 with a mark, else Windows-1252 (Excel's "CSV" on
Windows and on a Mac); commas, semicolons (Excel in Nordic languages, where
``2,5`` is a decimal), tabs or spaces, whichever the header uses; any line
endings; blank lines and ``#`` comment lines before the header (the comments
said). A row with more cells than the header has columns loses the extra ones,
a row with fewer reads the missing ones as empty, each said with its row.
Without ``datapackage.json``, a custom column's type is guessed from its values
(``2,5`` is a number).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import Any

from nsc_workshop._cells import guard_cell, unguard_text
from nsc_workshop._version import __version__
from nsc_workshop.errors import Problem
from nsc_workshop.i18n import t
from nsc_workshop.io._base import (
    MAX_FILE_BYTES,
    MAX_ROWS,
    Adaptation,
    ExportError,
    ImportFormatError,
    RawActor,
    RawMap,
    RawTie,
    read_bytes,
    replace_file,
)
from nsc_workshop.io._graphxml import node_fields
from nsc_workshop.io._table import (
    ACTOR_FIELDS,
    KINDS,
    TIE_FIELDS,
    CellError,
    Column,
    FieldCol,
    Kind,
    Table,
    cell_place,
    cell_to_text,
    decode_cell,
    decode_rows,
    guess_kind,
    header_place,
    is_empty,
    map_tables,
    parse_direction,
    resolve_columns,
    row_actor,
    table_ties,
)
from nsc_workshop.io._xlsx import open_zip
from nsc_workshop.model import Workshop

__all__ = ["EDGE_COLUMNS", "NODE_COLUMNS", "decode_csv_bytes", "read_csv_pair", "write_csv_pair"]

_SEP_LINE = re.compile(r"^sep=(.)\r?\n?", re.IGNORECASE)

NODES_FILE = "nodes.csv"
EDGES_FILE = "edges.csv"
PACKAGE_FILE = "datapackage.json"


parse_type = parse_direction
"""Gephi's edge ``Type``: Directed (or blank) → True; Undirected or Mutual → False."""

NODE_COLUMNS: tuple[FieldCol, ...] = (
    FieldCol("id", "Id"),
    FieldCol("name", "Label"),
    *(FieldCol(f, f) for f in dict.fromkeys((*node_fields(), "x", "y", "color", "size", "shape"))),
)
EDGE_COLUMNS: tuple[FieldCol, ...] = (
    FieldCol("source", "Source", ("From",)),
    FieldCol("target", "Target", ("To",)),
    FieldCol("directed", "Type", (), lambda d: "Directed" if d else "Undirected", parse_type),
    FieldCol("id", "Id"),
    FieldCol("label", "Label"),
    FieldCol("weight", "Weight"),
    FieldCol("type", "Kind"),
    FieldCol("sign", "sign"),
    FieldCol("notes", "notes"),
    FieldCol("color", "color"),
    FieldCol("width", "width"),
    FieldCol("style", "style"),
)

_FROM_FRICTIONLESS = {"integer": "integer", "number": "number", "boolean": "boolean"}
_FRICTIONLESS = {
    "string": "string",
    "text": "string",
    "list": "string",
    "json": "string",
    "integer": "integer",
    "float": "number",
    "number": "number",
    "boolean": "boolean",
}


# -- writing ---------------------------------------------------------------------


def _csv_bytes(table: Table) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([guard_cell(c.header) for c in table.columns])
    for row in table.rows:  # text guarded against formulas (numbers are written as numbers, unguarded)
        writer.writerow(["" if v is None else cell_to_text(guard_cell(v)) for v in row])
    return buffer.getvalue().encode("utf-8")


def _package(workshop: Workshop, nodes: Table, edges: Table) -> bytes:
    def schema(table: Table, key: str) -> dict[str, Any]:
        fields = [{"name": c.header, "type": _FRICTIONLESS[c.kind], "nsc:kind": c.kind} for c in table.columns]
        return {"fields": fields, "primaryKey": key, "missingValues": [""]}

    package = {
        "profile": "tabular-data-package",
        "name": "nsc-workshop-actor-map",
        "title": workshop.meta.title,
        "created": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "nsc:generator": f"nsc-workshop {__version__}",
        "nsc:city": workshop.meta.city,
        "nsc:country": workshop.meta.country,
        "resources": [
            {
                "name": "nodes",
                "path": NODES_FILE,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema(nodes, "Id"),
            },
            {
                "name": "edges",
                "path": EDGES_FILE,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema(edges, "Id"),
            },
        ],
    }
    return json.dumps(package, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"


def write_csv_pair(workshop: Workshop, path: Path) -> Path:
    """Write ``nodes.csv``, ``edges.csv`` and ``datapackage.json`` into a ZIP (a path ending in
    ``.zip``) or into a folder (any other path; made if missing)."""
    nodes, edges = map_tables(workshop, NODE_COLUMNS, EDGE_COLUMNS)
    files = {
        NODES_FILE: _csv_bytes(nodes),
        EDGES_FILE: _csv_bytes(edges),
        PACKAGE_FILE: _package(workshop, nodes, edges),
    }
    if path.suffix.casefold() == ".zip":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in files.items():
                archive.writestr(name, data)
        return replace_file(path, buffer.getvalue())
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError("io.error.write", path=str(path), detail=exc.strerror or str(exc)) from None
    for name, data in files.items():
        replace_file(path / name, data)
    return path


# -- reading ---------------------------------------------------------------------


def decode_csv_bytes(data: bytes, name: str) -> str:
    """The text of a CSV file: UTF-8 (with or without a mark), UTF-16 with a mark, else Windows-1252."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ImportFormatError("io.error.encoding", path=name, position=exc.start + 3) from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ImportFormatError("io.error.encoding", path=name, position=exc.start) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise ImportFormatError("io.error.encoding", path=name, position=exc.start) from None


def _delimiter(line: str) -> str:
    """The delimiter of a header line: comma, semicolon or tab, whichever it holds most; else a space."""
    unquoted = re.sub(r'"[^"]*"', "", line)
    counts = {d: unquoted.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    if counts[best]:
        return best
    return " " if " " in unquoted.strip() else ","


_Rows = list[tuple[str, list[str]]]


def _table(name: str, data: bytes, problems: list[Problem]) -> tuple[list[str], _Rows]:
    """The header and rows of a CSV file, each row with its place (``edges.csv row 4``).

    Blank lines and ``#`` comment lines before the header are skipped (the
    comments said); the delimiter is the one the header uses (comma,
    semicolon, tab, else spaces); a row with more cells than the header has
    columns loses the extra ones, a row with fewer reads the missing ones as
    empty, each said.
    """
    text = decode_csv_bytes(data, name)
    if "\x00" in text:
        raise ImportFormatError("io.error.corrupt", path=name, detail=t("io.problem.nul"))
    text = text.lstrip("\ufeff")
    lines = text.splitlines(keepends=True)
    skipped = comments = 0
    for line in lines:
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            break
        skipped += 1
        comments += bool(stripped)
    if comments:
        problems.append(Adaptation(name, t("io_csv.warn.comments_skipped", count=comments)))
    text = "".join(lines[skipped:])
    first_row = skipped + 1
    hint = _SEP_LINE.match(text)
    if hint:  # Excel's "sep=;" first line names the delimiter
        delimiter, text, first_row = hint.group(1), text[hint.end() :], first_row + 1
    else:
        delimiter = _delimiter(re.split(r"[\r\n]", text, maxsplit=1)[0])
    spaced = delimiter == " "
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, skipinitialspace=spaced)
    try:
        header = next(reader, None)
        header = [unguard_text(h) for h in header] if header else header
        while header and spaced and not header[-1].strip():
            header.pop()
        if not header or all(is_empty(h) for h in header):
            raise ImportFormatError(problems=[Problem(name, t("io.problem.empty_sheet"))])
        width = len(header)
        while width > 1 and is_empty(header[width - 1]):
            width -= 1
        rows: _Rows = []
        for number, cells in enumerate(reader, start=first_row + 1):
            if number > MAX_ROWS + first_row:
                raise ImportFormatError(problems=[Problem(name, t("io.problem.too_many_rows", limit=MAX_ROWS))])
            where = t("io.where.row", sheet=name, row=number)
            cells = [unguard_text(c) for c in cells]
            while cells and len(cells) > width and is_empty(cells[-1]):
                cells.pop()
            if len(cells) > width:
                extra = len(cells) - width
                problems.append(
                    Adaptation(where, t("io_csv.warn.extra_cells", cells=len(cells), columns=width, extra=extra))
                )
                cells = cells[:width]
            elif cells and len(cells) < width and not all(is_empty(c) for c in cells):
                problems.append(Adaptation(where, t("io_csv.warn.missing_cells", cells=len(cells), columns=width)))
            rows.append((where, cells))
    except csv.Error as exc:
        raise ImportFormatError("io.error.corrupt", path=name, detail=str(exc)) from None
    return header, rows


def _columns(
    name: str,
    table: tuple[list[str], _Rows],
    declared: dict[str, Kind] | None,
    layout: Sequence[FieldCol],
    field_kinds: dict[str, Kind],
    problems: list[Problem],
) -> tuple[list[Column | None], _Rows]:
    """A CSV table's columns matched with ``layout`` and its rows; kinds not declared are guessed."""
    header, rows = table
    columns = resolve_columns(
        name,
        header,
        layout,
        field_kinds,
        declared or _guess(header, rows, layout),
        problems,
        where_header=header_place(name),
    )
    return columns, rows


def _kinds(package: Any, resource: str) -> dict[str, Kind] | None:
    """The column kinds ``datapackage.json`` declares for ``nodes`` or ``edges``."""
    if not isinstance(package, dict) or not isinstance(package.get("resources"), list):
        return None
    for item in package["resources"]:
        if isinstance(item, dict) and resource in (item.get("name"), PurePosixPath(str(item.get("path", ""))).stem):
            fields = (item.get("schema") or {}).get("fields") if isinstance(item.get("schema"), dict) else None
            out: dict[str, Kind] = {}
            for f in fields if isinstance(fields, list) else []:
                if isinstance(f, dict) and isinstance(f.get("name"), str):
                    kind: Any = f.get("nsc:kind") or _FROM_FRICTIONLESS.get(str(f.get("type")), "string")
                    if kind in KINDS:
                        out[f["name"]] = kind
            return out
    return None


def _pick(names: Sequence[str], word: str) -> str | None:
    """The CSV file of a pair whose name says ``node`` or ``edge``."""
    stems = {n: PurePosixPath(n).stem.casefold() for n in names}
    exact = [n for n, s in stems.items() if s in (f"{word}s", word)]
    if exact:
        return exact[0]
    loose = [n for n, s in stems.items() if word in s]
    if len(loose) > 1:
        raise ImportFormatError(problems=[Problem(", ".join(loose), t("io.problem.ambiguous_files", word=word))])
    return loose[0] if loose else None


def _files(path: Path, data: bytes | None) -> tuple[str, dict[str, bytes]]:
    """The CSV files (and datapackage.json) of a pair, from a ZIP, a folder or one file."""
    if path.is_dir():
        found: dict[str, bytes] = {}
        total = 0
        for entry in sorted(path.iterdir()):
            if (
                entry.is_file()
                and entry.suffix.casefold() in (*_TABLE_SUFFIXES, ".json")
                and not entry.name.startswith(".")
            ):
                if entry.suffix.casefold() == ".json" and entry.name.casefold() != PACKAGE_FILE:
                    continue
                found[entry.name] = read_bytes(entry)
                total += len(found[entry.name])
                if total > MAX_FILE_BYTES:
                    raise ImportFormatError(
                        "io.error.too_large",
                        path=path.name,
                        size_mb=round(total / 2**20, 1),
                        limit_mb=MAX_FILE_BYTES // 2**20,
                    )
        return path.name, found
    raw = data if data is not None else read_bytes(path)
    if not raw.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return path.name, {path.name: raw}
    archive = open_zip(raw, path.name)
    found = {}
    try:
        for info in archive.infolist():
            member = PurePosixPath(info.filename)
            if info.is_dir() or "__MACOSX" in member.parts or member.name.startswith("."):
                continue
            if member.suffix.casefold() in _TABLE_SUFFIXES or member.name.casefold() == PACKAGE_FILE:
                found[member.name] = archive.read(info)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as exc:
        raise ImportFormatError("io.error.corrupt", path=path.name, detail=str(exc)[:200]) from None
    return path.name, found


def read_csv_pair(path: Path, data: bytes | None = None) -> RawMap:
    """Read a Gephi CSV pair from a ZIP, a folder or a single CSV file (see the module's description)."""
    source, files = _files(path, data)
    package: Any = None
    if PACKAGE_FILE in {n.casefold() for n in files}:
        text = next(v for n, v in files.items() if n.casefold() == PACKAGE_FILE)
        try:
            package = json.loads(decode_csv_bytes(text, PACKAGE_FILE))
        except ValueError:
            raise ImportFormatError("io.error.corrupt", path=PACKAGE_FILE, detail="not valid JSON") from None
    single = not path.is_dir() and len(files) == 1 and PACKAGE_FILE not in {n.casefold() for n in files}
    csv_names = list(files) if single else [n for n in files if n.casefold().endswith(_TABLE_SUFFIXES)]
    problems: list[Problem] = []
    tables: dict[str, tuple[list[str], _Rows]] = {}

    def table(name: str) -> tuple[list[str], _Rows]:
        if name not in tables:
            tables[name] = _table(name, files[name], problems)
        return tables[name]

    nodes_name, edges_name = _pick(csv_names, "node"), _pick(csv_names, "edge")
    if nodes_name is None and edges_name is None and len(csv_names) == 1:
        header = table(csv_names[0])[0]
        heads = [h.strip().casefold() for h in header]
        if {"source", "target"} <= set(heads) or {"from", "to"} <= set(heads):
            edges_name = csv_names[0]
        elif _is_matrix(*table(csv_names[0])):
            raw = _matrix_map(csv_names[0], table(csv_names[0]), problems)
            raw.problems.extend(problems)
            return raw
        else:
            nodes_name = csv_names[0]
    if nodes_name is None and edges_name is None:
        raise ImportFormatError(problems=[Problem(source, t("io.problem.no_csv"))])
    raw = RawMap()
    if isinstance(package, dict) and isinstance(package.get("title"), str):
        raw.title = package["title"]
        raw.meta = {k: package[f"nsc:{k}"] for k in ("city", "country") if isinstance(package.get(f"nsc:{k}"), str)}
    if nodes_name is not None:
        declared = _kinds(package, "nodes")
        columns, rows = _columns(nodes_name, table(nodes_name), declared, NODE_COLUMNS, ACTOR_FIELDS, problems)
        found = {c.field for c in columns if c is not None}
        if "id" not in found and "name" not in found:
            problems.append(Problem(nodes_name, t("io.problem.missing_column", column="Id")))
        for row in decode_rows(columns, rows, problems, where_cell=cell_place):
            ref = row.fields.get("id")
            if is_empty(row.fields.get("name")) and ref:
                row.fields["name"] = ref
                row.cols["name"] = row.cols["id"]
            raw.actors.append(row_actor(row))
        raw.labels_are_keys = "id" not in found
        raw.label_column = "Label"
    else:
        raw.implied_actors = True
    if edges_name is not None:
        declared = _kinds(package, "edges")
        columns, rows = _columns(edges_name, table(edges_name), declared, EDGE_COLUMNS, TIE_FIELDS, problems)
        raw.ties.extend(table_ties(columns, rows, edges_name, ("Source", "Target"), problems))
    raw.problems.extend(problems)
    return raw


_TABLE_SUFFIXES = (".csv", ".tsv")


def _is_matrix(header: Sequence[str], rows: _Rows) -> bool:
    """Whether a table is an adjacency matrix as Gephi reads one: a blank first header cell, node ids after it,
    and each row starting with one of those ids (a table saved with an unnamed index column is not one)."""
    if len(header) < 2 or not is_empty(header[0]) or any(is_empty(h) for h in header[1:]):
        return False
    ids = {h.strip() for h in header[1:]}
    starts = [cells[0].strip() for _where, cells in rows if cells and not is_empty(cells[0])]
    return bool(starts) and all(start in ids for start in starts)


def _matrix_map(name: str, table: tuple[list[str], _Rows], problems: list[Problem]) -> RawMap:
    """The ties of an adjacency matrix: each cell other than 0 or blank is a tie of that weight.

    A symmetric matrix gives undirected ties (one per pair), any other directed
    ties from the row's node to the column's. Actors are the nodes the header
    and the first column name.
    """
    header, rows = table
    ids = [h.strip() for h in header[1:]]
    raw = RawMap(implied_actors=True)
    for node in ids:
        raw.actors.append(RawActor(t("io.where.column", sheet=name, column=node), {"name": node}, ref=node))
    cells: dict[tuple[str, str], tuple[float, str]] = {}
    for where, row in rows:
        if not row or is_empty(row[0]):
            continue
        start = row[0].strip()
        for column, value in zip(ids, row[1:], strict=False):
            if is_empty(value):
                continue
            place = cell_place(where, column)
            try:
                weight = decode_cell(value, "float")
            except CellError:
                problems.append(Adaptation(place, t("io_csv.warn.matrix_cell_skipped", value=value.strip()[:40])))
                continue
            if weight != 0:
                cells[(start, column)] = (weight, place)
    symmetric = all(cells.get((b, a), (None,))[0] == w for (a, b), (w, _p) in cells.items())
    done: set[frozenset[str]] = set()
    for (start, end), (weight, place) in cells.items():
        pair = frozenset((start, end))
        if symmetric and pair in done:
            continue  # the other half of a symmetric pair
        done.add(pair)
        fields = {"weight": weight, "directed": not symmetric}
        raw.ties.append(RawTie(place, start, end, fields, {"weight": place}, names={"weight": "Weight"}))
    return raw


def _guess(
    header: Sequence[str], rows: Sequence[tuple[str, Sequence[str]]], layout: Sequence[FieldCol]
) -> dict[str, Kind]:
    """Kinds of the custom columns of a CSV table from another tool, guessed from their values."""
    known = {name.casefold() for spec in layout for name in (spec.header, *spec.aliases)}
    out: dict[str, Kind] = {}
    for index, name in enumerate(header):
        if name.strip() and name.strip().casefold() not in known:
            values = [cells[index] for _w, cells in rows if index < len(cells)]
            kind = guess_kind(values)
            seen = [v.strip() for v in values if v.strip()]
            if kind == "string" and seen and all(_NUMBER_COMMA.match(v) for v in seen):
                kind = "number"  # 2,5: a decimal comma (Excel in Nordic languages)
            out[name.strip()] = kind
    return out


_NUMBER_COMMA = re.compile(r"^[+-]?\d+(,\d+)?$")
