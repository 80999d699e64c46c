"""What GEXF and GraphML share: typed attribute columns for actors and ties.

Both formats declare each attribute with a type; we map our column kinds to
those types and back. A column whose kind the XML type cannot say (values
written as JSON, or whole numbers mixed with decimals) carries an extra
``nsc:kind`` attribute in our namespace, which other tools ignore.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from nsc_workshop.io._base import ImportFormatError, replace_file
from nsc_workshop.io._table import KINDS, ColumnKind, Kind
from nsc_workshop.io._xml import XmlError, parse_xml

__all__ = [
    "NSC_NS",
    "kind_of",
    "node_fields",
    "parse_document",
    "tie_fields",
    "write_document",
    "xml_type",
]

NSC_NS = "https://nordicsafecities.org/ns/nsc-workshop"

_NUMBER_TYPES = {"integer": "long", "float": "double", "number": "double", "boolean": "boolean"}


def xml_type(kind: ColumnKind) -> str:
    """The GEXF/GraphML type of a column kind."""
    return _NUMBER_TYPES.get(kind, "string")


def needs_kind(kind: ColumnKind) -> bool:
    """Whether ``nsc:kind`` must be written: the XML type alone would be read as another kind."""
    return kind in ("json", "number")


def kind_of(xml_kind: str | None, declared: str | None) -> Kind:
    """The column kind of a declared XML attribute (``nsc:kind`` wins over the XML type)."""
    if declared in KINDS:
        return declared  # type: ignore[return-value]
    name = (xml_kind or "string").strip().casefold()
    if name in ("integer", "int", "long", "short", "byte", "biginteger"):
        return "integer"
    if name in ("float", "double", "bigdecimal"):
        return "float"
    if name == "boolean":
        return "boolean"
    return "string"


def node_fields() -> tuple[str, ...]:
    """Actor fields written as declared node attributes (beside id, label and position)."""
    return (
        "kind",
        "sector",
        "level",
        "influence",
        "interest",
        "power",
        "legitimacy",
        "urgency",
        "stance",
        "goals",
        "notes",
        "tags",
    )


def tie_fields() -> tuple[str, ...]:
    """Tie fields written as declared edge attributes (beside id, ends, label, weight, direction, type)."""
    return ("sign", "notes")


def cell_to_xml(value: Any) -> str:
    """A cell's text in XML: true/false, numbers as Python writes them (exactly), text as is."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def write_document(root: ET.Element, path: Path) -> Path:
    """Write an XML document (indented, UTF-8, with a declaration), atomically."""
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return replace_file(path, ("<?xml version='1.0' encoding='UTF-8'?>\n" + body + "\n").encode("utf-8"))


def parse_document(data: bytes, name: str) -> ET.Element:
    try:
        return parse_xml(data)
    except XmlError as exc:
        raise ImportFormatError("io.error.xml", path=name, line=exc.line, column=exc.column, detail=str(exc)) from None
