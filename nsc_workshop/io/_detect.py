"""Telling a map file's format from its content."""

from __future__ import annotations

import codecs
import csv
import os
from pathlib import Path
from typing import Any

from nsc_workshop.io._base import ImportFormatError, read_bytes
from nsc_workshop.io._json import decode_utf8, parse_json_text
from nsc_workshop.io._lzstring import LZStringError, decompress_from_utf16, looks_like_utf16_lzstring
from nsc_workshop.io._xlsx import is_ignored, open_zip, sheet_names, sheet_roles
from nsc_workshop.io._xml import XmlError, root_name

__all__ = ["detect_bytes", "detect_format", "json_format"]

_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_TEXT_TABLES = (".csv", ".tsv")


def json_format(document: Any) -> str | None:
    """``bundle``, ``kumu-json`` or ``prsm`` from a JSON document's keys, or None."""
    if not isinstance(document, dict):
        return None
    if "schema_version" in document or "workshop" in document:
        return "bundle"
    if isinstance(document.get("elements"), list):
        return "kumu-json"
    if isinstance(document.get("nodes"), list) and (
        "edges" in document or "mapTitle" in document or "attributeTitles" in document
    ):
        return "prsm"
    return None


def _workbook_format(data: bytes, name: str) -> str:
    sheets = {s.strip().casefold() for s in sheet_names(data, name) if not is_ignored(s)}
    if "actors" in sheets and ("workshop" in sheets or "ties" in sheets):
        return "excel"
    if sheets & {"factors", "links"}:
        return "prsm-xlsx"
    if sheets & {"elements", "connections"} or sheet_roles(data, name):  # Kumu reads sheets by their columns
        return "kumu-xlsx"
    raise ImportFormatError("io.error.unknown_workbook", path=name, sheets=", ".join(sorted(sheets)) or "-")


def _header_line(text: str) -> str:
    """The header of a CSV table: the first line that is not blank, a ``#`` comment or Excel's ``sep=`` hint."""
    for line in text.lstrip("\ufeff").splitlines()[:1000]:
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and not stripped.casefold().startswith("sep="):
            return stripped
    return ""


def _looks_like_table(text: str) -> bool:
    """A Gephi table: an edge list (``Source``, ``Target``, or ``From``, ``To`` as PRSM's and Kumu's CSV files
    name them), a node table (``Id``, ``Label``), or an adjacency
    matrix (a blank first header cell, then node ids), separated by commas, semicolons, tabs or spaces."""
    first = _header_line(text)
    for delimiter in (",", ";", "\t", " "):
        cells = next(csv.reader([first], delimiter=delimiter, skipinitialspace=delimiter == " "), [])
        heads = {h.strip().casefold() for h in cells}
        if {"source", "target"} <= heads or {"from", "to"} <= heads or ("id" in heads and "label" in heads):
            return True
        if delimiter != " " and len(cells) > 2 and not cells[0].strip() and all(c.strip() for c in cells[1:]):
            return True
    return False


def detect_bytes(data: bytes, name: str) -> str:
    """The format of a file's content (``name`` is used in messages and as a last hint)."""
    suffix = Path(name).suffix.casefold()
    if data.startswith(_ZIP):
        archive = open_zip(data, name)
        members = archive.namelist()
        if "xl/workbook.xml" in members:
            return _workbook_format(data, name)
        if any(m.casefold().endswith(".csv") for m in members):
            return "csv"
        raise ImportFormatError("io.error.unknown_format", path=name)
    if data.startswith(_OLE):
        raise ImportFormatError("io.error.old_excel", path=name)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Excel's "Unicode Text" (UTF-16, tab-separated, often saved as .txt)
        if suffix in _TEXT_TABLES or _looks_like_table(data[:65536].decode("utf-16", errors="replace")):
            return "csv"
        raise ImportFormatError("io.error.unknown_format", path=name)
    try:
        text = decode_utf8(data, name, cut_tail=True)
    except ImportFormatError:
        if suffix in _TEXT_TABLES or _looks_like_table(data[:65536].decode("cp1252", errors="replace")):
            return "csv"  # a spreadsheet saved in Windows-1252
        raise ImportFormatError("io.error.unknown_format", path=name) from None
    start = text.lstrip()
    if start.startswith("{"):
        found = json_format(parse_json_text(start, name))
        if found is None:
            raise ImportFormatError("io.error.unknown_json", path=name)
        return found
    if start.startswith("<"):
        try:
            root = root_name(data)
        except XmlError as exc:
            raise ImportFormatError("io.error.xml", path=name, line=0, column=0, detail=str(exc)) from None
        if root in ("gexf", "graphml"):
            return root
        raise ImportFormatError("io.error.unknown_xml", path=name, root=root or "?")
    packed = text.strip("\r\n\t")
    if looks_like_utf16_lzstring(packed):
        try:
            found = json_format(parse_json_text(decompress_from_utf16(packed, max_length=len(data) * 64), name))
        except (LZStringError, ImportFormatError) as exc:
            raise ImportFormatError("io.error.prsm_compressed", path=name, detail=str(exc)) from None
        if found == "prsm":
            return found
    if suffix in _TEXT_TABLES or _looks_like_table(text):
        return "csv"
    raise ImportFormatError("io.error.unknown_format", path=name)


def detect_format(path: str | os.PathLike[str]) -> str:
    """The format id of a map file (or of a folder holding a CSV pair), from its content.

    Parameters
    ----------
    path
        A file, or a folder holding CSV files.

    Returns
    -------
    str
        A key of :data:`FORMATS`. ZIP archives are told apart by their sheet
        names (xlsx: ``Elements``/``Connections`` → ``kumu-xlsx``,
        ``Factors``/``Links`` → ``prsm-xlsx``, ``actors`` with ``workshop`` or
        ``ties`` → ``excel``) or by holding CSV files (``csv``); JSON by its
        keys (``schema_version`` → ``bundle``, ``elements`` → ``kumu-json``,
        ``nodes`` → ``prsm``); PRSM's compressed text by decompressing it; XML
        by its root element (``gexf``, ``graphml``); CSV by its header.

    Raises
    ------
    ImportFormatError
        The content is none of these (or is damaged: a JSON syntax error names
        its line and column).

    Examples
    --------
    >>> import json, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "map.json").write_text(json.dumps({"elements": [], "connections": []}))
    >>> detect_format(folder / "map.json")
    'kumu-json'
    """
    target = Path(path)
    if target.is_dir():
        try:
            has_csv = any(e.is_file() and e.suffix.casefold() == ".csv" for e in target.iterdir())
        except OSError as exc:
            raise ImportFormatError("io.error.unreadable", path=str(target), detail=exc.strerror or str(exc)) from None
        if has_csv:
            return "csv"
        raise ImportFormatError("io.error.unknown_format", path=str(target))
    return detect_bytes(read_bytes(target), target.name)
