"""A Gephi spreadsheet pair: a nodes table and an edges table in CSV (``csv``).

How a pair is given: a ``.zip`` file or a folder holding ``nodes.csv`` and
``edges.csv`` (written with a ``datapackage.json`` describing every column, as a
Frictionless Data Package). When reading, the tables may also be named like
Gephi's exports (``... [Nodes].csv``, ``... [Edges].csv``: any name holding
"node" or "edge"), a folder or ZIP may hold the edges table alone (its nodes
are then made from the ``Source`` and ``Target`` ids), and a single ``.csv``
file is read as an edges table (or as a nodes table when it has no
``Source``/``Target`` columns).

Nodes: ``Id`` (the actor id), ``Label`` (the name), then ``kind``, ``sector``,
``level``, ``influence``, ``interest``, ``power``, ``legitimacy``, ``urgency``,
``stance``, ``goals``, ``notes``, ``tags`` (joined with ``|``), ``x``, ``y`` and
one column per custom attribute. Edges: ``Source``, ``Target``, ``Type``
(``Directed``/``Undirected``; ``Mutual`` reads as undirected), ``Id``,
``Label``, ``Weight``, ``Kind`` (the tie type, as Gephi 0.10 names it), ``sign``,
``notes``, custom columns.

We write UTF-8 without a byte order mark (Gephi reads the mark as part of the
first header), comma-separated, every text cell guarded against formulas by
:func:`nsc_workshop._cells.guard_cell` (a leading ``'``, removed again when we
read the file back). We read what spreadsheets save: UTF-8 with or
without a mark, UTF-16 with a mark, else Windows-1252 (Excel's "CSV" on
Windows and on a Mac); commas, semicolons (Excel in Nordic languages, where
``2,5`` is a decimal) or tabs; any line endings. Without ``datapackage.json``,
a custom column's type is guessed from its values.
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
    ExportError,
    ImportFormatError,
    RawMap,
    read_bytes,
    replace_file,
)
from nsc_workshop.io._graphxml import node_fields
from nsc_workshop.io._table import (
    ACTOR_FIELDS,
    KINDS,
    TIE_FIELDS,
    Column,
    FieldCol,
    Kind,
    Table,
    cell_place,
    cell_to_text,
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
    *(FieldCol(f, f) for f in (*node_fields(), "x", "y")),
)
EDGE_COLUMNS: tuple[FieldCol, ...] = (
    FieldCol("source", "Source"),
    FieldCol("target", "Target"),
    FieldCol("directed", "Type", (), lambda d: "Directed" if d else "Undirected", parse_type),
    FieldCol("id", "Id"),
    FieldCol("label", "Label"),
    FieldCol("weight", "Weight"),
    FieldCol("type", "Kind"),
    FieldCol("sign", "sign"),
    FieldCol("notes", "notes"),
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


def _delimiter(text: str) -> str:
    first = re.split(r"[\r\n]", text, maxsplit=1)[0]
    first = re.sub(r'"[^"]*"', "", first)
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _table(name: str, data: bytes) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """The header and rows of a CSV file, each row with its place (``edges.csv row 4``)."""
    text = decode_csv_bytes(data, name)
    if "\x00" in text:
        raise ImportFormatError("io.error.corrupt", path=name, detail=t("io.problem.nul"))
    first_row = 1
    hint = _SEP_LINE.match(text)
    if hint:  # Excel's "sep=;" first line names the delimiter
        delimiter, text, first_row = hint.group(1), text[hint.end() :], 2
    else:
        delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, None)
        header = [unguard_text(h) for h in header] if header else header
        if not header or all(is_empty(h) for h in header):
            raise ImportFormatError(problems=[Problem(name, t("io.problem.empty_sheet"))])
        rows = []
        for number, cells in enumerate(reader, start=first_row + 1):
            if number > MAX_ROWS + first_row:
                raise ImportFormatError(problems=[Problem(name, t("io.problem.too_many_rows", limit=MAX_ROWS))])
            rows.append((t("io.where.row", sheet=name, row=number), [unguard_text(c) for c in cells]))
    except csv.Error as exc:
        raise ImportFormatError("io.error.corrupt", path=name, detail=str(exc)) from None
    return header, rows


def _columns(
    name: str,
    data: bytes,
    declared: dict[str, Kind] | None,
    layout: Sequence[FieldCol],
    field_kinds: dict[str, Kind],
    problems: list[Problem],
) -> tuple[list[Column | None], list[tuple[str, list[str]]]]:
    """A CSV table's columns matched with ``layout`` and its rows; kinds not declared are guessed."""
    header, rows = _table(name, data)
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
            if entry.is_file() and entry.suffix.casefold() in (".csv", ".json") and not entry.name.startswith("."):
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
            if member.suffix.casefold() == ".csv" or member.name.casefold() == PACKAGE_FILE:
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
    csv_names = [n for n in files if n.casefold().endswith(".csv")]
    nodes_name, edges_name = _pick(csv_names, "node"), _pick(csv_names, "edge")
    if nodes_name is None and edges_name is None and len(csv_names) == 1:
        header = next(csv.reader(io.StringIO(decode_csv_bytes(files[csv_names[0]], csv_names[0]))), [])
        heads = {unguard_text(h).strip().casefold() for h in header}
        if {"source", "target"} <= heads:
            edges_name = csv_names[0]
        else:
            nodes_name = csv_names[0]
    if nodes_name is None and edges_name is None:
        raise ImportFormatError(problems=[Problem(source, t("io.problem.no_csv"))])
    problems: list[Problem] = []
    raw = RawMap()
    if isinstance(package, dict) and isinstance(package.get("title"), str):
        raw.title = package["title"]
        raw.meta = {k: package[f"nsc:{k}"] for k in ("city", "country") if isinstance(package.get(f"nsc:{k}"), str)}
    if nodes_name is not None:
        declared = _kinds(package, "nodes")
        columns, rows = _columns(nodes_name, files[nodes_name], declared, NODE_COLUMNS, ACTOR_FIELDS, problems)
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
        columns, rows = _columns(edges_name, files[edges_name], declared, EDGE_COLUMNS, TIE_FIELDS, problems)
        raw.ties.extend(table_ties(columns, rows, edges_name, ("Source", "Target"), problems))
    raw.problems.extend(problems)
    return raw


def _guess(
    header: Sequence[str], rows: Sequence[tuple[str, Sequence[str]]], layout: Sequence[FieldCol]
) -> dict[str, Kind]:
    """Kinds of the custom columns of a CSV table from another tool, guessed from their values."""
    known = {name.casefold() for spec in layout for name in (spec.header, *spec.aliases)}
    out: dict[str, Kind] = {}
    for index, name in enumerate(header):
        if name.strip() and name.strip().casefold() not in known:
            out[name.strip()] = guess_kind(cells[index] for _w, cells in rows if index < len(cells))
    return out
