"""Kumu: the spreadsheet import (``kumu-xlsx``) and the project JSON (``kumu-json``), read as Kumu reads them.

Spreadsheet (Kumu's "Structure your data" and "How do I avoid duplicating
data" guides): sheets of elements (``Label`` in column A, or ``ID``; ``Type``,
``Description``, ``Tags`` joined with ``|``, any other columns) and of
connections (``From``, ``To``, ``Type``, ``Direction``, ``Label``,
``Strength``, ``Description``, any other columns). Sheets named "(ignore)" are
skipped; a sheet named neither Elements nor Connections is read as what its
columns say (``From`` and ``To``: connections; ``Label``, ``Name`` or ``ID``:
elements), and said. Every column is a free attribute in Kumu: a column named
like one of our fields whose cells are not ours ("High" in ``Influence``) is
kept whole as a custom attribute (:func:`nsc_workshop.io._table.decode_rows`).
Kumu's merge rule: rows with one ``ID`` are one element; without IDs, rows
with one Label (and one Type) are one element. ``From``/``To`` name elements
by ID or label, ``|`` makes several connections, and an element a connection
names but no row lists is created, as Kumu does; each adaptation is said.

JSON (Kumu's "JSON / Blueprints" guide): a *blueprint*
``{"elements": [{"label", "type", "description", "tags", ...}],
"connections": [{"from", "to", "direction", "type", ...}]}`` (``from``/``to``
by label, or by ``id`` where elements have one) and a *project backup*
(elements ``{"_id", "attributes": {"label", "element type", ...}}``,
connections ``{"_id", "from", "to", "direction", "attributes":
{"connection type", ...}}``, ``loops``, ``maps`` whose ``elements`` and
``connections`` place and decorate them). The default map's positions are
``x``/``y``; every other map's are kept as the custom attributes
``kumu map <name>: x`` and ``: y`` and written back as that map. Direct
decorations (a map item's ``style``: ``color``, ``size``, ``shape``; a
connection's ``color``, ``size``, ``pattern``) are ``color``/``size``/``shape``
and ``color``/``width``/``style``.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from nsc_workshop.errors import Problem
from nsc_workshop.i18n import t
from nsc_workshop.io._base import (
    Adaptation,
    ImportFormatError,
    RawActor,
    RawMap,
    RawTie,
    _merge_into,
    clean_line,
    label_key,
)
from nsc_workshop.io._json import dump_json, json_objects, json_ref, json_value, load_json
from nsc_workshop.io._table import (
    ACTOR_FIELDS,
    OBVIOUS,
    TIE_FIELDS,
    CellError,
    FieldCol,
    attribute_header,
    cell_place,
    cell_text,
    css_color,
    decode_rows,
    has_ends,
    header_place,
    is_empty,
    map_tables,
    parse_direction,
    resolve_columns,
    row_actor,
)
from nsc_workshop.io._xlsx import (
    META_SHEET,
    is_ignored,
    load_workbook,
    read_kinds,
    read_sheet,
    table_role,
    write_workbook,
)
from nsc_workshop.model import Actor, Tie, Workshop

__all__ = [
    "CONNECTION_COLUMNS",
    "ELEMENT_COLUMNS",
    "MAP_ATTRIBUTE",
    "kumu_document",
    "parse_direction",
    "read_kumu_json",
    "read_kumu_xlsx",
    "write_kumu_json",
    "write_kumu_xlsx",
]

MAP_ATTRIBUTE = "kumu map {map}: {axis}"
"""The custom attribute holding an element's position on a Kumu map other than the default one."""


def _direction(directed: Any) -> str:
    return "directed" if directed else "undirected"


ELEMENT_COLUMNS: tuple[FieldCol, ...] = (
    FieldCol("id", "ID"),
    FieldCol("name", "Label", ("Name",)),
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
    FieldCol("color", "Color", ("Colour",)),
    FieldCol("size", "Size"),
    FieldCol("shape", "Shape"),
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
    FieldCol("color", "Color", ("Colour",)),
    FieldCol("width", "Width"),
    FieldCol("style", "Style", ("Pattern",)),
)


# -- spreadsheet ---------------------------------------------------------------


def write_kumu_xlsx(workshop: Workshop, path: Path) -> Path:
    """Write the actor map as a Kumu spreadsheet (``ID`` first, so ``From``/``To`` hold ids)."""
    elements, connections = map_tables(workshop, ELEMENT_COLUMNS, CONNECTION_COLUMNS)
    return write_workbook(path, [("Elements", elements), ("Connections", connections)])


def _split_refs(value: Any) -> list[str]:
    return [part.strip() for part in cell_text(value).split("|") if part.strip()]


_ROLE_NAMES = {"elements": "elements", "connections": "connections"}


def _sheets(workbook: Any, name: str, problems: list[Problem]) -> list[tuple[str, Any, Any]]:
    """The workbook's sheets Kumu imports, each with its role (``elements``/``connections``), header and rows.

    A sheet named Elements or Connections is that; another is what its columns
    say (said as an adaptation); one whose columns say nothing is skipped (said).
    """
    out: list[tuple[str, Any, Any]] = []
    for sheet in workbook.worksheets:
        title = sheet.title
        if title == META_SHEET or is_ignored(title):
            continue
        role = _ROLE_NAMES.get(title.strip().casefold())
        header, rows = read_sheet(sheet, name) if role else _read_or_empty(sheet, name)
        if role is None:
            role = table_role(header)
            where = t("io.where.sheet", sheet=title)
            if role is None:
                if header:
                    problems.append(Adaptation(where, t("io.kumu.sheet_skipped", sheet=title)))
                continue
            problems.append(Adaptation(where, t(f"io.kumu.sheet_as_{role}", sheet=title)))
        out.append((role, sheet, (header, rows)))
    return out


def _read_or_empty(sheet: Any, name: str) -> tuple[list[Any], list[Any]]:
    try:
        return read_sheet(sheet, name)
    except ImportFormatError as exc:
        if any(p.message == t("io.problem.empty_sheet") for p in exc.problems):
            return [], []
        raise


def read_kumu_xlsx(path: Path, data: bytes) -> RawMap:
    """Read a Kumu spreadsheet (see the module's description)."""
    name = path.name
    workbook = load_workbook(data, name)
    kinds = read_kinds(workbook, name)
    problems: list[Problem] = []
    sheets = _sheets(workbook, name, problems)
    if not sheets:
        raise ImportFormatError(problems=[Problem(name, t("io.problem.no_sheets", sheets="Elements, Connections"))])
    raw = RawMap()
    merged: dict[tuple[str, str], RawActor] = {}
    for role, sheet, (header, rows) in sheets:
        if role != "elements":
            continue
        title = sheet.title
        columns = resolve_columns(
            title,
            header,
            ELEMENT_COLUMNS,
            ACTOR_FIELDS,
            kinds.get(title.casefold()),
            problems,
            where_header=header_place(title),
        )
        found = {c.field for c in columns if c is not None}
        if "name" not in found and "id" not in found:
            problems.append(Problem(t("io.where.sheet", sheet=title), t("io.problem.missing_column", column="Label")))
            continue
        for row in decode_rows(columns, rows, problems, where_cell=cell_place):
            ref = row.fields.get("id")
            if ref is not None and is_empty(row.fields.get("name")):
                row.fields["name"] = ref
                row.cols["name"] = row.cols["id"]
            actor = row_actor(row)
            if actor.ref is None and _label_merged(actor, merged, problems):
                continue
            raw.actors.append(actor)
    raw.implied_actors = not raw.actors and not any(role == "elements" for role, _, _ in sheets)
    for role, sheet, (header, rows) in sheets:
        if role != "connections":
            continue
        title = sheet.title
        columns = resolve_columns(
            title,
            header,
            CONNECTION_COLUMNS,
            TIE_FIELDS,
            kinds.get(title.casefold()),
            problems,
            where_header=header_place(title),
        )
        found = {c.field for c in columns if c is not None}
        if has_ends(found, t("io.where.sheet", sheet=title), ("From", "To"), problems):
            for row in decode_rows(columns, rows, problems, where_cell=cell_place):
                _add_connection(raw, row.where, row.fields, row.cols, row.names, problems)
    if not raw.implied_actors:
        _create_named_elements(raw, problems)
    raw.problems.extend(problems)
    return raw


def _label_merged(actor: RawActor, merged: dict[tuple[str, str], RawActor], problems: list[Problem]) -> bool:
    """Kumu's rule for rows without an ID: one Label and one Type are one element (merged into the first row)."""
    label = actor.fields.get("name")
    if not isinstance(label, str) or not label.strip():
        return False
    sector = actor.fields.get("sector")
    key = (label_key(label), label_key(sector) if isinstance(sector, str) else "")
    first = merged.get(key)
    if first is None:
        merged[key] = actor
        return False
    differ = [f for f in _merge_into(first.fields, actor.fields) if f not in ("name", "sector")]
    for fld, place in actor.cols.items():
        first.cols.setdefault(fld, place)
    for fld, header in actor.names.items():
        first.names.setdefault(fld, header)
    place = actor.cols.get("name", actor.where)
    label = clean_line(label)
    if differ:
        message = t("io.kumu.merged_label_differ", label=label, other=first.where, fields=", ".join(differ[:5]))
    else:
        message = t("io.kumu.merged_label", label=label, other=first.where)
    problems.append(Adaptation(place, message))
    return True


def _create_named_elements(raw: RawMap, problems: list[Problem]) -> None:
    """An element for each From/To naming none (Kumu creates it), said once per name."""
    refs = {a.ref for a in raw.actors if a.ref is not None}
    labels = {label_key(a.fields["name"]) for a in raw.actors if isinstance(a.fields.get("name"), str)}
    for link in raw.ties:
        for ref, where in ((link.source, link.source_where), (link.target, link.target_where)):
            if ref in refs or label_key(ref) in labels:
                continue
            raw.actors.append(RawActor(where or link.where, {"name": clean_line(ref)}, {"name": where}, ref=ref))
            refs.add(ref)
            labels.add(label_key(ref))
            problems.append(Adaptation(where or link.where, t("io.kumu.element_created", label=ref)))


def _add_connection(
    raw: RawMap,
    where: str,
    fields: dict[str, Any],
    cols: dict[str, str],
    names: dict[str, str],
    problems: list[Problem],
) -> None:
    ref = fields.pop("id", None)
    sources = _split_refs(fields.pop("source", ""))
    targets = _split_refs(fields.pop("target", ""))
    if not sources or not targets:
        column = "/".join(c for c, refs in (("From", sources), ("To", targets)) if not refs)
        problems.append(Adaptation(where, t("io.table.tie_without_end", column=column)))
        return
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
                names=names,
            )
        )


# -- JSON ----------------------------------------------------------------------

_OURS = ("kind", "level", "influence", "interest", "power", "legitimacy", "urgency", "stance", "goals")
ELEMENT_KEYS: dict[str, str] = {
    "label": "name",
    "element type": "sector",
    "type": "sector",
    "description": "notes",
    "tags": "tags",
    "color": "color",
    "colour": "color",
    "size": "size",
    "shape": "shape",
    **{f: f for f in _OURS},
}
CONNECTION_KEYS: dict[str, str] = {
    "connection type": "type",
    "type": "type",
    "label": "label",
    "description": "notes",
    "strength": "weight",
    "weight": "weight",
    "sign": "sign",
    "color": "color",
    "colour": "color",
    "width": "width",
    "pattern": "style",
    "style": "style",
}
_ELEMENT_OUT = {
    "name": "label",
    "sector": "element type",
    "notes": "description",
    "tags": "tags",
    **{f: f for f in _OURS},
}
_CONNECTION_OUT = {
    "type": "connection type",
    "label": "label",
    "notes": "description",
    "weight": "strength",
    "sign": "sign",
}
_ELEMENT_STYLE = {"color": "color", "size": "size", "shape": "shape"}
_CONNECTION_STYLE = {"color": "color", "width": "size", "style": "pattern"}
_SHAPE_OUT = {"ellipse": "circle", "box": "square"}
"""Our shapes Kumu has a word for (its ``shape`` property: circle, square, rectangle); others keep ours."""
_SHAPE_IN = {"circle": "ellipse", "square": "box", "rectangle": "box"}
_DEFAULT_MAP = "map-nsc-workshop"
_KEPT_MAP = "map-nsc-kept-"
"""The id prefix of a map our export writes from ``kumu map <name>`` attributes: read back without a word."""


def _differs(model: type[Actor] | type[Tie], fld: str, value: Any) -> bool:
    """Whether a field's value is not the model's default (only those are written)."""
    info = model.model_fields[fld]
    default = info.default_factory() if info.default_factory is not None else info.default  # type: ignore[call-arg]
    return bool(value != default or type(value) is not type(default))


def _json_attributes(
    model: type[Actor] | type[Tie],
    item: dict[str, Any],
    out_keys: dict[str, str],
    reserved: dict[str, str],
    skip: set[str] = frozenset(),  # type: ignore[assignment]
) -> dict[str, Any]:
    attributes: dict[str, Any] = {}
    for fld, key in out_keys.items():
        value = item[fld]
        if fld == "name" or _differs(model, fld, value):
            attributes[key] = value
    for name, value in item["attributes"].items():
        if name not in skip:
            attributes[attribute_header(name, reserved)] = value
    return attributes


def _style(item: dict[str, Any], keys: dict[str, str]) -> dict[str, Any]:
    style: dict[str, Any] = {}
    for fld, key in keys.items():
        value = item[fld]
        if value is not None:
            style[key] = _SHAPE_OUT.get(value, value) if fld == "shape" else value
    return style


def _other_maps(workshop: Workshop) -> tuple[dict[str, dict[str, dict[str, Any]]], dict[str, set[str]]]:
    """Positions kept from Kumu maps other than the default one: by map name, by element; and the attributes used."""
    maps: dict[str, dict[str, dict[str, Any]]] = {}
    used: dict[str, set[str]] = {}
    for actor in workshop.actors.values():
        for name, value in actor.attributes.items():
            if not name.startswith("kumu map ") or isinstance(value, bool) or not isinstance(value, int | float):
                continue
            head, sep, axis = name.rpartition(": ")
            if not sep or axis not in ("x", "y") or not head[len("kumu map ") :]:
                continue
            if isinstance(value, float) and not math.isfinite(value):
                continue
            maps.setdefault(head[len("kumu map ") :], {}).setdefault(actor.id, {})[axis] = value
            used.setdefault(actor.id, set()).add(name)
    return maps, used


def kumu_document(workshop: Workshop) -> dict[str, Any]:
    """The actor map as a Kumu project backup: elements, connections, loops and maps (positions and decorations).

    Only values that differ from the model's defaults are written; an actor's
    position on another Kumu map (kept as ``kumu map <name>: x``/``y``) is
    written as that map.
    """
    others, used = _other_maps(workshop)
    elements = []
    placed = []
    for actor in workshop.actors.values():
        item = actor.model_dump()
        attributes = _json_attributes(Actor, item, _ELEMENT_OUT, ELEMENT_KEYS, used.get(actor.id, set()))
        elements.append({"_id": actor.id, "attributes": attributes})
        entry: dict[str, Any] = {"_id": f"mapel-{actor.id}", "element": actor.id}
        position = {axis: item[axis] for axis in ("x", "y") if item[axis] is not None}
        if position:
            entry["position"] = position
        style = _style(item, _ELEMENT_STYLE)
        if style:
            entry["style"] = style
        if len(entry) > 2:
            placed.append(entry)
    connections = []
    drawn = []
    for tie in workshop.ties.values():
        item = tie.model_dump()
        connections.append(
            {
                "_id": tie.id,
                "from": tie.source,
                "to": tie.target,
                "direction": _direction(tie.directed),
                "attributes": _json_attributes(Tie, item, _CONNECTION_OUT, CONNECTION_KEYS),
            }
        )
        style = _style(item, _CONNECTION_STYLE)
        if style:
            drawn.append({"_id": f"mapconn-{tie.id}", "connection": tie.id, "style": style})
    maps = [{"_id": _DEFAULT_MAP, "name": workshop.meta.title, "elements": placed, "connections": drawn}]
    for number, (map_name, positions) in enumerate(others.items(), start=2):
        maps.append(
            {
                "_id": f"{_KEPT_MAP}{number}",
                "name": map_name,
                "elements": [
                    {"_id": f"mapel-{number}-{actor_id}", "element": actor_id, "position": position}
                    for actor_id, position in positions.items()
                ],
                "connections": [],
            }
        )
    return {
        "name": workshop.meta.title,
        "defaultMap": _DEFAULT_MAP,
        "elements": elements,
        "connections": connections,
        "loops": [],
        "maps": maps,
    }


def write_kumu_json(workshop: Workshop, path: Path) -> Path:
    """Write the actor map as a Kumu project backup (:func:`kumu_document`)."""
    return dump_json(kumu_document(workshop), path)


def _decode_json_fields(
    attributes: Any, keys: dict[str, str], kinds: dict[str, Any], where: str, problems: list[Problem]
) -> tuple[dict[str, Any], dict[str, str], dict[str, str]]:
    fields: dict[str, Any] = {"attributes": {}}
    cols: dict[str, str] = {}
    names: dict[str, str] = {}
    if not isinstance(attributes, dict):
        problems.append(Adaptation(f"{where}.attributes", t("io.kumu.attributes_skipped")))
        return fields, cols, names
    for key, value in attributes.items():
        target = keys.get(str(key).casefold())
        fld = None if target in cols else target
        if fld == "shape" and isinstance(value, str):
            value = _SHAPE_IN.get(value.strip().casefold(), value)
        elif fld == "color" and css_color(value) is not None:
            said = t("io.kumu.colour_read", value=cell_text(value)[:40], colour=css_color(value))
            problems.append(Adaptation(f"{where}.attributes.{key}", said))
            value = css_color(value)
        json_value(value, fld, str(key), kinds, f"{where}.attributes.{key}", fields, cols, problems)
        if fld is not None:
            names[fld] = str(key)
    return fields, cols, names


def _maps(document: dict[str, Any]) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """The default map (``defaultMap``, else the first) and the others."""
    maps = document.get("maps")
    if not isinstance(maps, list):
        return None, []
    found = [m for m in maps if isinstance(m, dict)]
    default = document.get("defaultMap")
    chosen = next((m for m in found if m.get("_id") == default), found[0] if found else None)
    return chosen, [m for m in found if m is not chosen]


def _map_items(kumu_map: dict[str, Any] | None, kind: str, key: str) -> dict[str, dict[str, Any]]:
    """A map's entries for elements (``kind="elements"``, ``key="element"``) or connections, by item id."""
    out: dict[str, dict[str, Any]] = {}
    for entry in (kumu_map or {}).get(kind) or []:
        if isinstance(entry, dict):
            ref = json_ref(entry.get(key))
            if ref is not None:
                out.setdefault(ref, entry)
    return out


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _item_fields(item: dict[str, Any]) -> tuple[str | None, Any]:
    """An element's or connection's id and its attributes: a backup's ``attributes``, or a blueprint's own keys."""
    ref = json_ref(item.get("_id"))
    if ref is None:
        ref = json_ref(item.get("id"))
    if isinstance(item.get("attributes"), dict) or "_id" in item:
        return ref, item.get("attributes", {})
    skip = {"id", "from", "to", "direction"}
    return ref, {k: v for k, v in item.items() if k not in skip}


def _apply_style(
    fields: dict[str, Any], cols: dict[str, str], entry: dict[str, Any] | None, keys: dict[str, str], where: str
) -> None:
    """A map entry's direct decorations (``style``) as the item's fields, where the item has none of its own."""
    style = (entry or {}).get("style")
    if not isinstance(style, dict):
        return
    for fld, key in keys.items():
        value = style.get(key)
        if value is None and fld == "style":
            value = style.get("style")
        if value is None and fld == "width":
            value = style.get("width")
        if value is None or fld in fields:
            continue
        if fld == "shape" and isinstance(value, str):
            value = _SHAPE_IN.get(value.strip().casefold(), value.strip().casefold())
        elif fld in ("color", "style") and isinstance(value, str):
            value = css_color(value) or value.strip().lower()  # Kumu's colours are CSS colours: names too
        fields[fld] = value
        cols[fld] = f"{where}.style.{key}"


def read_kumu_json(path: Path, data: bytes) -> RawMap:
    """Read a Kumu blueprint or project backup (see the module's description)."""
    document = load_json(data, path.name)
    problems: list[Problem] = []
    if not isinstance(document, dict) or not isinstance(document.get("elements"), list):
        raise ImportFormatError(problems=[Problem("elements", t("io.problem.missing_list", key="elements"))])
    raw = RawMap()
    default_map, other_maps = _maps(document)
    placed = _map_items(default_map, "elements", "element")
    drawn = _map_items(default_map, "connections", "connection")
    any_ref = False
    for where, element in json_objects(document["elements"], "elements", problems):
        ref, attributes = _item_fields(element)
        any_ref = any_ref or ref is not None
        fields, cols, names = _decode_json_fields(attributes, ELEMENT_KEYS, ACTOR_FIELDS, where, problems)
        cols.setdefault("name", f"{where}.attributes.label" if "_id" in element else f"{where}.label")
        entry = placed.get(ref) if ref is not None else None
        position = (entry or {}).get("position")
        if isinstance(position, dict):
            for axis in ("x", "y"):
                if _number(position.get(axis)):
                    fields[axis] = float(position[axis])
        _apply_style(fields, cols, entry, _ELEMENT_STYLE, f"maps.{where}")
        raw.actors.append(RawActor(where, fields, cols, ref=ref, names=names))
    raw.labels_are_keys = not any_ref
    _other_map_positions(raw, other_maps, problems)
    for where, connection in json_objects(document.get("connections") or [], "connections", problems):
        ref, attributes = _item_fields(connection)
        fields, cols, names = _decode_json_fields(attributes, CONNECTION_KEYS, TIE_FIELDS, where, problems)
        _direction_of(connection.get("direction"), f"{where}.direction", fields, cols, problems)
        _apply_style(fields, cols, drawn.get(ref) if ref else None, _CONNECTION_STYLE, f"maps.{where}")
        source, target = json_ref(connection.get("from")), json_ref(connection.get("to"))
        if source is None or target is None:
            problems.append(Adaptation(where, t("io.table.tie_without_end", column="from/to")))
            continue
        raw.ties.append(
            RawTie(
                where,
                source,
                target,
                fields,
                cols,
                ref=ref,
                source_where=f"{where}.from",
                target_where=f"{where}.to",
                names=names,
            )
        )
    loops = document.get("loops")
    if isinstance(loops, list) and loops:
        labels = [_loop_label(loop) for loop in loops[:3]]
        problems.append(
            Adaptation("loops", t("io.kumu.loops_left", count=len(loops), names=", ".join(n for n in labels if n)))
        )
    raw.problems.extend(problems)
    names_of_maps = [m.get("name") for m in ([default_map] if default_map else []) + other_maps]
    raw.title = next((n for n in [document.get("name"), *names_of_maps] if isinstance(n, str) and n.strip()), None)
    return raw


def _loop_label(loop: Any) -> str:
    if not isinstance(loop, dict):
        return ""
    attributes = loop.get("attributes") if isinstance(loop.get("attributes"), dict) else loop
    label = attributes.get("label") if isinstance(attributes, dict) else None
    return f"'{clean_line(label, 60)}'" if isinstance(label, str) and label.strip() else ""


def _direction_of(
    value: Any, place: str, fields: dict[str, Any], cols: dict[str, str], problems: list[Problem]
) -> None:
    """A connection's ``direction`` (directed, undirected, mutual; an obvious other word is read and said)."""
    if is_empty(value):
        return
    try:
        fields["directed"] = parse_direction(value)
    except CellError as exc:
        key = cell_text(value).strip().casefold()
        if key in OBVIOUS["directed"]:
            fields["directed"] = OBVIOUS["directed"][key]
            said = t("io.kumu.direction_read", value=cell_text(value)[:40], direction=_direction(fields["directed"]))
            problems.append(Adaptation(place, said))
        else:
            fields["attributes"]["direction"] = cell_text(value)[:300]
            problems.append(
                Adaptation(
                    place, t("io.warn.kept_as_attribute", value=cell_text(value)[:40], name="direction", why=exc)
                )
            )
    cols["directed"] = place


def _other_map_positions(raw: RawMap, maps: Sequence[dict[str, Any]], problems: list[Problem]) -> None:
    """Positions on maps other than the default one, kept as custom attributes (one adaptation per map)."""
    by_ref = {actor.ref: actor for actor in raw.actors if actor.ref is not None}
    for number, kumu_map in enumerate(maps, start=2):
        map_name = kumu_map.get("name")
        label = clean_line(map_name, 80) if isinstance(map_name, str) and map_name.strip() else f"{number}"
        count = 0
        for ref, entry in _map_items(kumu_map, "elements", "element").items():
            actor = by_ref.get(ref)
            position = entry.get("position")
            if actor is None or not isinstance(position, dict):
                continue
            kept = False
            for axis in ("x", "y"):
                if _number(position.get(axis)):
                    name = MAP_ATTRIBUTE.format(map=label, axis=axis)
                    actor.fields["attributes"][name] = position[axis]
                    actor.cols[f"attributes.{name}"] = f"maps[{number - 1}].elements"
                    kept = True
            count += kept
        if count and not str(kumu_map.get("_id", "")).startswith(_KEPT_MAP):
            where = t("io.kumu.where_map", name=label)
            x_name, y_name = (MAP_ATTRIBUTE.format(map=label, axis=a) for a in ("x", "y"))
            problems.append(Adaptation(where, t("io.kumu.other_map", count=count, x=x_name, y=y_name)))
