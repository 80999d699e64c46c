"""What GEXF and GraphML share: typed attribute columns for actors and ties.

Both formats declare each attribute with a type; we map our column kinds to
those types and back. A column whose kind the XML type cannot say (values
written as JSON, or whole numbers mixed with decimals) carries an extra
``nsc:kind`` attribute in our namespace, which other tools ignore.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from nsc_workshop.errors import Problem
from nsc_workshop.i18n import t
from nsc_workshop.io._base import Adaptation, ImportFormatError, free_name, replace_file
from nsc_workshop.io._table import (
    KINDS,
    CellError,
    ColumnKind,
    Kind,
    attribute_name,
    attribute_value,
    cell_text,
    color_from_rgb,
    color_text,
    decode_cell,
    is_empty,
    tidy_field,
)
from nsc_workshop.io._xml import XmlError, parse_xml

__all__ = [
    "NSC_NS",
    "Notes",
    "color_from_rgb",
    "color_text",
    "edges_with_ends",
    "free_name",
    "keep_bad_weight",
    "kind_of",
    "node_fields",
    "nodes_with_ids",
    "parse_document",
    "place_format",
    "read_value",
    "shape_from",
    "tidy_drawing",
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


def place_format(key: str, *fields: str) -> Callable[..., str]:
    """The message ``key`` fetched once and filled per call (the many places of a large file: ``node 3 (id a7)``)."""
    return t(key, **{name: "{" + name + "}" for name in fields}).format


def nodes_with_ids(nodes: Iterable[ET.Element], problems: list[Problem]) -> Iterator[tuple[ET.Element, str, str]]:
    """Each node with its id and its place (``node 3 (id a7)``); a node without an id is a problem."""
    place = place_format("io.where.xml_item", "kind", "number", "id")
    for index, node in enumerate(nodes):
        ref = node.get("id")
        where = place(kind="node", number=index + 1, id=ref or "?")
        if not ref:
            problems.append(Problem(where, t("io.problem.missing_value", column="id")))
            continue
        yield node, ref, where


def edges_with_ends(
    edges: Iterable[ET.Element], problems: list[Problem]
) -> Iterator[tuple[ET.Element, str | None, str, str, str]]:
    """Each edge with its id (if any), its place, its source and its target; an edge missing an end is a problem."""
    place = place_format("io.where.xml_item", "kind", "number", "id")
    for index, edge in enumerate(edges):
        ref = edge.get("id")
        where = place(kind="edge", number=index + 1, id=ref or "?")
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
    names: dict[str, str] | None = None,
    place_fmt: Callable[..., str] | None = None,
) -> None:
    """Put the value of a declared attribute (titled ``title``) of a node or an edge into ``fields``.

    ``text`` is the value (or the declared default), None when there is none;
    it goes to the model field ``fld`` unless that is None or read already,
    else to a custom attribute. ``names`` gets the file's name of each field
    read; ``place_fmt``: :func:`place_format` of ``io.where.attribute``, made
    once per file. A value that does not fit its field is left as the file's text, for
    the map's check to keep it as a custom attribute (and say so); a value
    that does not fit its declared type is kept as text, said here.
    """
    if text is None or (is_empty(text) and kind != "json"):
        return
    if place_fmt is None:
        place_fmt = place_format("io.where.attribute", "item", "attribute")
    place = place_fmt(item=where, attribute=title)
    if fld is not None and fld not in cols:
        try:
            value = decode_cell(text, "json" if kind == "json" else field_kinds[fld])
        except CellError:
            value = text.strip()
        if fld == "name" and isinstance(value, str):
            value = value.strip()
        fields[fld] = tidy_field(fld, value)
        cols[fld] = place
        if names is not None:
            names[fld] = title
        return
    name = attribute_name(title)
    try:
        value = decode_cell(text, kind)
    except CellError as exc:
        problems.append(Adaptation(place, t("io_xml.warn.value_as_text", value=_short(text), why=str(exc))))
        value = text
    fields["attributes"][name] = value if kind == "json" else attribute_value(value)
    cols[f"attributes.{name}"] = place


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


_SHAPE_WORDS = {
    # GEXF viz:shape
    "disc": "ellipse",
    "square": "box",
    # yEd y:Shape type
    "rectangle": "box",
    "roundrectangle": "round_box",
    "star5": "star",
    "star6": "star",
    "star8": "star",
    "ellipse": "ellipse",
    # others' words (Cytoscape, igraph, Graphviz)
    "circle": "ellipse",
    "round_rectangle": "round_box",
    "rect": "box",
    "oval": "ellipse",
}


def shape_from(word: str | None) -> str | None:
    """Our shape for a peer tool's shape word (GEXF ``disc``, yEd ``roundrectangle``...), None if it has none."""
    from nsc_workshop.model.actors import SHAPES

    if not word:
        return None
    key = word.strip().casefold()
    if key in SHAPES:
        return key
    return _SHAPE_WORDS.get(key)


def keep_bad_weight(fields: dict[str, Any], name: str, place: str, problems: list[Problem]) -> None:
    """A weight a tie cannot have (0, negative, over 100, infinite, not a number): the tie keeps the
    default weight, the file's value is kept as the custom attribute ``name``, said."""
    value = fields.get("weight")
    if value is None:
        return
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            return  # not a number at all: the map's check keeps it as a custom attribute
    if isinstance(value, bool) or not isinstance(value, int | float):
        return
    if math.isfinite(value) and 0 < value <= 100:
        fields["weight"] = float(value)
        return
    del fields["weight"]
    attributes = fields.setdefault("attributes", {})
    name = free_name(attributes, name)
    if math.isfinite(value):
        attributes[name] = int(value) if float(value).is_integer() and abs(value) < 2**53 else float(value)
    else:
        attributes[name] = "INF" if value > 0 else ("-INF" if value < 0 else "NaN")
    problems.append(Adaptation(place, t("io_xml.warn.weight", value=cell_text(attributes[name]), name=name)))


class Notes:
    """Adaptations said once per file for what repeats (each node's time span...): how many, and the first place."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, tuple[tuple[str, str], ...]], list[Any]] = {}

    def add(self, message: str, where: str, /, **params: str) -> None:
        entry = self._seen.setdefault((message, tuple(sorted(params.items()))), [0, where])
        entry[0] += 1

    def adaptations(self) -> list[Problem]:
        return [
            Adaptation(first, t(key, count=count, first=first, **dict(params)))
            for (key, params), (count, first) in self._seen.items()
        ]


_STYLE_WORDS = {"line": "solid", "dash": "dashed", "dot": "dotted", "dashes": "dashed", "dots": "dotted"}


def tidy_drawing(fields: dict[str, Any]) -> None:
    """Colour, shape and line style as other tools word them in a plain attribute (``rect``, ``rgb(255,0,0)``,
    ``dash``) in our words; what still does not fit is left to the map's check (kept as a custom attribute)."""
    from nsc_workshop.model.actors import SHAPES, TIE_STYLES

    color = fields.get("color")
    if isinstance(color, str):
        fields["color"] = color_text(color) or color
    shape = fields.get("shape")
    if isinstance(shape, str) and shape not in SHAPES:
        fields["shape"] = shape_from(shape) or shape
    style = fields.get("style")
    if isinstance(style, str) and style not in TIE_STYLES:
        fields["style"] = _STYLE_WORDS.get(style.strip().casefold(), style)
