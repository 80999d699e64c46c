"""What GEXF and GraphML share: typed attribute columns for actors and ties.

Both formats declare each attribute with a type; we map our column kinds to
those types and back. A column whose kind the XML type cannot say (values
written as JSON, or whole numbers mixed with decimals) carries an extra
``nsc:kind`` attribute in our namespace, which other tools ignore.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from nsc_workshop.errors import Problem
from nsc_workshop.i18n import t
from nsc_workshop.io._base import ImportFormatError, replace_file
from nsc_workshop.io._table import (
    KINDS,
    CellError,
    ColumnKind,
    Kind,
    attribute_name,
    attribute_value,
    decode_cell,
    is_empty,
    tidy_field,
)
from nsc_workshop.io._xml import XmlError, parse_xml

__all__ = [
    "NSC_NS",
    "edges_with_ends",
    "kind_of",
    "node_fields",
    "nodes_with_ids",
    "parse_document",
    "read_value",
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
    """Actor fields written as declared node attributes (beside id, label and position).

    Gephi's CSV pair has a column for each, under the same name.
    """
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


def nodes_with_ids(nodes: Iterable[ET.Element], problems: list[Problem]) -> Iterator[tuple[ET.Element, str, str]]:
    """Each node with its id and its place (``node 3 (id a7)``); a node without an id is a problem."""
    for index, node in enumerate(nodes):
        ref = node.get("id")
        where = t("io.where.xml_item", kind="node", number=index + 1, id=ref or "?")
        if not ref:
            problems.append(Problem(where, t("io.problem.missing_value", column="id")))
            continue
        yield node, ref, where


def edges_with_ends(
    edges: Iterable[ET.Element], problems: list[Problem]
) -> Iterator[tuple[ET.Element, str | None, str, str, str]]:
    """Each edge with its id (if any), its place, its source and its target; an edge missing an end is a problem."""
    for index, edge in enumerate(edges):
        ref = edge.get("id")
        where = t("io.where.xml_item", kind="edge", number=index + 1, id=ref or "?")
        source, target = edge.get("source"), edge.get("target")
        if not source or not target:
            problems.append(Problem(where, t("io.problem.missing_value", column="source/target")))
            continue
        yield edge, ref, where, source, target


def read_value(
    text: str | None,
    kind: Kind,
    title: str,
    fld: str | None,
    field_kinds: Mapping[str, Kind],
    where: str,
    fields: dict[str, Any],
    cols: dict[str, str],
    problems: list[Problem],
) -> None:
    """Put the value of a declared attribute (titled ``title``) of a node or an edge into ``fields``.

    ``text`` is the value (or the declared default), None when there is none;
    it goes to the model field ``fld`` unless that is None or read already,
    else to a custom attribute. A value that does not fit is a problem.
    """
    if text is None or (is_empty(text) and kind != "json"):
        return
    place = t("io.where.attribute", item=where, attribute=title)
    try:
        if fld is not None and fld not in cols:
            value = decode_cell(text, "json" if kind == "json" else field_kinds[fld])
            if fld == "name" and isinstance(value, str):
                value = value.strip()
            fields[fld] = tidy_field(fld, value)
            cols[fld] = place
        else:
            name = attribute_name(title)
            value = decode_cell(text, kind)
            fields["attributes"][name] = value if kind == "json" else attribute_value(value)
            cols[f"attributes.{name}"] = place
    except CellError as exc:
        problems.append(Problem(place, str(exc)))
