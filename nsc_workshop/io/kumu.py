"""Kumu: the spreadsheet import (``kumu-xlsx``) and the project JSON (``kumu-json``).

Spreadsheet: sheet ``Elements`` (``ID`` first, ``Label``, ``Type``,
``Description``, ``Tags`` joined with ``|``, then our fields and custom
columns) and sheet ``Connections`` (``ID``, ``From``, ``To``, ``Type``,
``Direction``, ``Label``, ``Strength``, ``Sign``, ``Description``, custom
columns). Sheets named "(ignore)" are skipped. In files from Kumu users,
``Label`` alone may name elements (then labels must be unique), ``From`` and
``To`` may name elements by ``ID`` or by label, ``|`` in ``From`` or ``To``
makes several connections, ``Direction`` is ``directed`` (the default),
``undirected`` or ``mutual`` (a two-way tie: undirected here), and a workbook
with only a ``Connections`` sheet creates an element for each label.

JSON: ``{"elements": [...], "connections": [...], "loops": [], "maps": [...]}``;
an element is ``{"_id", "attributes": {"label", "element type", "description",
"tags", ...}}``, a connection ``{"_id", "from", "to", "direction",
"attributes": {"connection type", "label", "description", "strength", ...}}``;
positions live in the default map's ``elements[].position``.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from nsc_workshop.errors import Problem
from nsc_workshop.i18n import t
from nsc_workshop.io._base import ImportFormatError, RawActor, RawMap, RawTie
from nsc_workshop.io._json import dump_json, json_ends, json_objects, json_ref, json_tie, json_value, load_json
from nsc_workshop.io._table import (
    ACTOR_FIELDS,
    TIE_FIELDS,
    CellError,
    FieldCol,
    attribute_header,
    cell_place,
    cell_text,
    decode_rows,
    has_ends,
    is_empty,
    map_tables,
    parse_direction,
    row_actor,
)
from nsc_workshop.io._xlsx import open_sheets, read_columns, write_workbook
from nsc_workshop.model import Workshop

__all__ = [
    "CONNECTION_COLUMNS",
    "ELEMENT_COLUMNS",
    "parse_direction",
    "read_kumu_json",
    "read_kumu_xlsx",
    "write_kumu_json",
    "write_kumu_xlsx",
]


def _direction(directed: Any) -> str:
    return "directed" if directed else "undirected"


ELEMENT_COLUMNS: tuple[FieldCol, ...] = (
    FieldCol("id", "ID"),
    FieldCol("name", "Label"),
    FieldCol("sector", "Type", ("Element Type",)),
    FieldCol("notes", "Description"),
    FieldCol("tags", "Tags"),
    FieldCol("kind", "Kind"),
    FieldCol("level", "Level"),
    FieldCol("influence", "Influence"),
    FieldCol("interest", "Interest"),
    FieldCol("power", "Power"),
    FieldCol("legitimacy", "Legitimacy"),
    FieldCol("urgency", "Urgency"),
    FieldCol("stance", "Stance"),
    FieldCol("goals", "Goals"),
    FieldCol("x", "X"),
    FieldCol("y", "Y"),
)
CONNECTION_COLUMNS: tuple[FieldCol, ...] = (
    FieldCol("id", "ID"),
    FieldCol("source", "From"),
    FieldCol("target", "To"),
    FieldCol("type", "Type", ("Connection Type",)),
    FieldCol("directed", "Direction", (), _direction, parse_direction),
    FieldCol("label", "Label"),
    FieldCol("weight", "Strength", ("Weight",)),
    FieldCol("sign", "Sign"),
    FieldCol("notes", "Description"),
)


# -- spreadsheet ---------------------------------------------------------------


def write_kumu_xlsx(workshop: Workshop, path: Path) -> Path:
    """Write the actor map as a Kumu spreadsheet (``ID`` first, so ``From``/``To`` hold ids)."""
    elements, connections = map_tables(workshop, ELEMENT_COLUMNS, CONNECTION_COLUMNS)
    return write_workbook(path, [("Elements", elements), ("Connections", connections)])


def _split_refs(value: Any) -> list[str]:
    return [part.strip() for part in cell_text(value).split("|") if part.strip()]


def read_kumu_xlsx(path: Path, data: bytes) -> RawMap:
    """Read a Kumu spreadsheet (see the module's description)."""
    name = path.name
    (elements, connections), kinds = open_sheets(data, name, ("Elements", "Connections"))
    problems: list[Problem] = []
    raw = RawMap()
    if elements is not None:
        _, columns, rows = read_columns(elements, name, ELEMENT_COLUMNS, ACTOR_FIELDS, kinds, problems)
        found = {c.field for c in columns if c is not None}
        if "name" not in found and "id" not in found:
            problems.append(
                Problem(t("io.where.sheet", sheet=elements.title), t("io.problem.missing_column", column="Label"))
            )
        for row in decode_rows(columns, rows, problems, where_cell=cell_place):
            ref = row.fields.get("id")
            if ref is not None and is_empty(row.fields.get("name")):
                row.fields["name"] = ref
                row.cols["name"] = row.cols["id"]
            raw.actors.append(row_actor(row))
        raw.labels_are_keys = "id" not in found
    else:
        raw.implied_actors = True
    if connections is not None:
        _, columns, rows = read_columns(connections, name, CONNECTION_COLUMNS, TIE_FIELDS, kinds, problems)
        found = {c.field for c in columns if c is not None}
        if has_ends(found, t("io.where.sheet", sheet=connections.title), ("From", "To"), problems):
            for row in decode_rows(columns, rows, problems, where_cell=cell_place):
                _add_connection(raw, row.where, row.fields, row.cols, problems)
    raw.problems.extend(problems)
    return raw


def _add_connection(
    raw: RawMap, where: str, fields: dict[str, Any], cols: dict[str, str], problems: list[Problem]
) -> None:
    ref = fields.pop("id", None)
    sources = _split_refs(fields.pop("source", ""))
    targets = _split_refs(fields.pop("target", ""))
    for fld, refs, column in (("source", sources, "From"), ("target", targets, "To")):
        if not refs:
            problems.append(Problem(cols.get(fld, where), t("io.problem.missing_value", column=column)))
    pairs = list(itertools.product(sources, targets))
    for source, target in pairs:
        copy = {**fields, "attributes": dict(fields.get("attributes", {}))}
        raw.ties.append(
            RawTie(
                where,
                source,
                target,
                copy,
                cols,
                ref=ref.strip() if ref and len(pairs) == 1 else None,
                source_where=cols.get("source", where),
                target_where=cols.get("target", where),
            )
        )


# -- JSON ----------------------------------------------------------------------

ELEMENT_KEYS: dict[str, str] = {
    "label": "name",
    "element type": "sector",
    "type": "sector",
    "description": "notes",
    "tags": "tags",
    **{f: f for f in ("kind", "level", "influence", "interest", "power", "legitimacy", "urgency", "stance", "goals")},
}
CONNECTION_KEYS: dict[str, str] = {
    "connection type": "type",
    "type": "type",
    "label": "label",
    "description": "notes",
    "strength": "weight",
    "weight": "weight",
    "sign": "sign",
}
_ELEMENT_OUT = {
    "name": "label",
    "sector": "element type",
    "notes": "description",
    "tags": "tags",
    **{f: f for f in ("kind", "level", "influence", "interest", "power", "legitimacy", "urgency", "stance", "goals")},
}
_CONNECTION_OUT = {
    "type": "connection type",
    "label": "label",
    "notes": "description",
    "weight": "strength",
    "sign": "sign",
}


def _json_attributes(item: dict[str, Any], out_keys: dict[str, str], reserved: dict[str, str]) -> dict[str, Any]:
    attributes: dict[str, Any] = {}
    for fld, key in out_keys.items():
        value = item[fld]
        if value is None or value == "" or value == []:
            continue
        attributes[key] = value
    for name, value in item["attributes"].items():
        attributes[attribute_header(name, reserved)] = value
    return attributes


def kumu_document(workshop: Workshop) -> dict[str, Any]:
    """The actor map as a Kumu project JSON object."""
    elements = []
    positions = []
    for actor in workshop.actors.values():
        item = actor.model_dump()
        elements.append({"_id": actor.id, "attributes": _json_attributes(item, _ELEMENT_OUT, ELEMENT_KEYS)})
        if actor.x is not None or actor.y is not None:
            positions.append({"_id": f"pos-{actor.id}", "element": actor.id, "position": {"x": actor.x, "y": actor.y}})
    connections = []
    for tie in workshop.ties.values():
        item = tie.model_dump()
        connections.append(
            {
                "_id": tie.id,
                "from": tie.source,
                "to": tie.target,
                "direction": _direction(tie.directed),
                "attributes": _json_attributes(item, _CONNECTION_OUT, CONNECTION_KEYS),
            }
        )
    return {
        "name": workshop.meta.title,
        "defaultMap": "map-nsc-workshop",
        "elements": elements,
        "connections": connections,
        "loops": [],
        "maps": [{"_id": "map-nsc-workshop", "name": workshop.meta.title, "elements": positions, "connections": []}],
    }


def write_kumu_json(workshop: Workshop, path: Path) -> Path:
    """Write the actor map as Kumu project JSON."""
    return dump_json(kumu_document(workshop), path)


def _decode_json_fields(
    attributes: Any, keys: dict[str, str], kinds: dict[str, Any], where: str, problems: list[Problem]
) -> tuple[dict[str, Any], dict[str, str]]:
    fields: dict[str, Any] = {"attributes": {}}
    cols: dict[str, str] = {}
    if not isinstance(attributes, dict):
        problems.append(Problem(f"{where}.attributes", t("io.problem.not_object")))
        return fields, cols
    for key, value in attributes.items():
        target = keys.get(str(key).casefold())
        fld = None if target in cols else target
        json_value(value, fld, str(key), kinds, f"{where}.attributes.{key}", fields, cols, problems)
    return fields, cols


def _positions(document: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    maps = document.get("maps")
    if not isinstance(maps, list):
        return {}
    maps = [m for m in maps if isinstance(m, dict)]
    default = document.get("defaultMap")
    chosen = next((m for m in maps if m.get("_id") == default), maps[0] if maps else None)
    out: dict[str, tuple[Any, Any]] = {}
    for entry in (chosen or {}).get("elements") or []:
        if isinstance(entry, dict) and isinstance(entry.get("position"), dict):
            element = json_ref(entry.get("element"))
            if element is not None:
                out[element] = (entry["position"].get("x"), entry["position"].get("y"))
    return out


def read_kumu_json(path: Path, data: bytes) -> RawMap:
    """Read a Kumu project JSON file (see the module's description)."""
    document = load_json(data, path.name)
    problems: list[Problem] = []
    if not isinstance(document, dict) or not isinstance(document.get("elements"), list):
        raise ImportFormatError(problems=[Problem("elements", t("io.problem.missing_list", key="elements"))])
    raw = RawMap(match_labels=False)
    positions = _positions(document)
    for where, element in json_objects(document["elements"], "elements", problems):
        fields, cols = _decode_json_fields(element.get("attributes", {}), ELEMENT_KEYS, ACTOR_FIELDS, where, problems)
        ref = json_ref(element.get("_id"))
        if ref is None:
            problems.append(Problem(f"{where}._id", t("io.problem.missing_value", column="_id")))
            continue
        cols.setdefault("name", f"{where}.attributes.label")
        for axis, value in zip(("x", "y"), positions.get(ref, (None, None)), strict=True):
            if isinstance(value, int | float) and not isinstance(value, bool):
                fields[axis] = float(value)
        raw.actors.append(RawActor(where, fields, cols, ref=ref))
    for where, connection in json_objects(document.get("connections") or [], "connections", problems):
        fields, cols = _decode_json_fields(
            connection.get("attributes", {}), CONNECTION_KEYS, TIE_FIELDS, where, problems
        )
        try:
            fields["directed"] = parse_direction(connection.get("direction") or "")
        except CellError as exc:
            problems.append(Problem(f"{where}.direction", str(exc)))
        ends = json_ends(connection, where, problems)
        if ends is not None:
            raw.ties.append(json_tie(where, *ends, fields, cols, json_ref(connection.get("_id"))))
    raw.problems.extend(problems)
    maps = document.get("maps")
    names = [m.get("name") for m in maps if isinstance(m, dict)] if isinstance(maps, list) else []
    raw.title = next((n for n in [document.get("name"), *names] if isinstance(n, str) and n.strip()), None)
    return raw
