"""PRSM, the Participatory System Mapper: ``.prsm`` map files (``prsm``) and the
spreadsheet import (``prsm-xlsx``).

A ``.prsm`` file is JSON, plain or compressed with lz-string's
``compressToUTF16`` (PRSM's default), with ``mapTitle``, ``attributeTitles``
(``{"att1": "Sector", ...}``), ``styles``, ``nodes`` and ``edges``. A node
carries ``id``, ``label`` (PRSM wraps it over lines), ``note`` (text or a
Quill delta), ``grp`` (its style), ``x``, ``y`` and one field per attribute
(``att1``...); our actor fields are attributes titled ``Sector``, ``Kind``,
``Level``, ``Influence``, ``Interest``, ``Power``, ``Legitimacy``, ``Urgency``,
``Stance``, ``Goals``, ``Tags``. An edge carries ``id``, ``from``, ``to``,
``label``, ``note``, ``arrows`` and ``grp``; PRSM keeps no attributes on links,
so a tie's type, weight, sign, direction and custom attributes are written
under the edge's ``nsc`` key as well (``arrows``, ``width`` and the link style
show them in PRSM). Up to nine sectors and tie types are also written as
style groups, so PRSM's legend shows them.

Maps from PRSM users: a node's sector is its ``Sector`` attribute, else its
style's name (``groupLabel``), else the style id (``group3``); a link's type is
its style's name; ``arrows`` give the direction (one head: directed, from
``to`` or from ``from``; two heads or none: undirected; unset: the style's,
else PRSM's default arrow) and ``width`` the weight.

Spreadsheet: sheets ``Factors`` (``Id``, ``Label``, ``Description``, ``x``,
``y``, then our fields and custom columns; PRSM's ``Note`` and ``Style``
columns are read too) and ``Links`` (``Id``, ``From``, ``To`` by label,
``Label``, ``Description``, ``Type``, ``Directed``, ``Weight``, ``Sign``,
custom columns).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from nsc_workshop._version import __version__
from nsc_workshop.errors import Problem
from nsc_workshop.i18n import t
from nsc_workshop.io._base import ImportFormatError, RawActor, RawMap, RawTie, label_key, one_line, replace_file
from nsc_workshop.io._json import (
    decode_utf8,
    dump_json,
    json_ends,
    json_objects,
    json_ref,
    json_tie,
    json_value,
    parse_json_text,
)
from nsc_workshop.io._lzstring import LZStringError, compress_to_utf16, decompress_from_utf16
from nsc_workshop.io._table import (
    ACTOR_FIELDS,
    TIE_FIELDS,
    FieldCol,
    attribute_header,
    cell_place,
    cell_text,
    decode_rows,
    is_empty,
    map_tables,
    row_actor,
    table_ties,
)
from nsc_workshop.io._xlsx import open_sheets, read_columns, write_workbook
from nsc_workshop.model import Workshop

__all__ = [
    "FACTOR_COLUMNS",
    "LINK_COLUMNS",
    "NODE_ATTRIBUTES",
    "prsm_document",
    "read_prsm",
    "read_prsm_xlsx",
    "write_prsm",
    "write_prsm_xlsx",
]

NODE_ATTRIBUTES: dict[str, str] = {
    "sector": "Sector",
    "kind": "Kind",
    "level": "Level",
    "influence": "Influence",
    "interest": "Interest",
    "power": "Power",
    "legitimacy": "Legitimacy",
    "urgency": "Urgency",
    "stance": "Stance",
    "goals": "Goals",
    "tags": "Tags",
}
"""Actor fields written as PRSM attributes, with their titles."""

_BY_TITLE = {title.casefold(): fld for fld, title in NODE_ATTRIBUTES.items()}
_MAX_GROUPS = 9
_DEFAULT_GROUP_LABEL = "sample"


def _groups(values: list[str], prefix: str) -> dict[str, str]:
    distinct = list(dict.fromkeys(v for v in values if v))
    if not 0 < len(distinct) <= _MAX_GROUPS:
        return {}
    return {value: f"{prefix}{index}" for index, value in enumerate(distinct)}


def _tags_value(tags: list[str]) -> Any:
    if any(not tag or "|" in tag for tag in tags):
        return list(tags)
    return "|".join(tags)


def prsm_document(workshop: Workshop) -> dict[str, Any]:
    """The actor map as a PRSM map (a JSON object)."""
    actors = list(workshop.actors.values())
    ties = list(workshop.ties.values())
    titles = dict(NODE_ATTRIBUTES)
    reserved = set(_BY_TITLE)
    custom: dict[str, str] = {}
    for actor in actors:
        for name in actor.attributes:
            if name not in custom:
                custom[name] = attribute_header(name, reserved)
    fields_of = {f"att{i + 1}": fld for i, fld in enumerate(titles)}
    attribute_titles = {key: titles[fld] for key, fld in fields_of.items()}
    custom_fields: dict[str, str] = {}
    for offset, (name, title) in enumerate(custom.items(), start=len(attribute_titles) + 1):
        custom_fields[name] = f"att{offset}"
        attribute_titles[f"att{offset}"] = title
    node_groups = _groups([a.sector for a in actors], "group")
    edge_groups = _groups([tie.type for tie in ties], "edge")
    nodes = []
    for actor in actors:
        node: dict[str, Any] = {"id": actor.id, "label": actor.name, "grp": node_groups.get(actor.sector, "group0")}
        if actor.notes:
            node["note"] = actor.notes
        if actor.x is not None:
            node["x"] = actor.x
        if actor.y is not None:
            node["y"] = actor.y
        for key, fld in fields_of.items():
            value = getattr(actor, fld)
            if value is None or value == "" or value == []:
                continue
            node[key] = _tags_value(value) if fld == "tags" else value
        for name, value in actor.attributes.items():
            node[custom_fields[name]] = value
        nodes.append(node)
    edges = []
    for tie in ties:
        edge: dict[str, Any] = {
            "id": tie.id,
            "from": tie.source,
            "to": tie.target,
            "grp": edge_groups.get(tie.type, "edge0"),
            "arrows": {"to": {"enabled": tie.directed}, "from": {"enabled": False}},
            "width": min(max(tie.weight, 1.0), 10.0),
            "nsc": {
                "type": tie.type,
                "directed": tie.directed,
                "weight": tie.weight,
                "sign": tie.sign,
                "attributes": dict(tie.attributes),
            },
        }
        if tie.label:
            edge["label"] = tie.label
        if tie.notes:
            edge["note"] = tie.notes
        edges.append(edge)
    return {
        "saved": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "generator": f"nsc-workshop {__version__}",
        "mapTitle": workshop.meta.title,
        "attributeTitles": attribute_titles,
        "styles": {
            "nodes": {group: {"groupLabel": label} for label, group in node_groups.items()},
            "edges": {group: {"groupLabel": label} for label, group in edge_groups.items()},
        },
        "nodes": nodes,
        "edges": edges,
        "history": [],
    }


def write_prsm(workshop: Workshop, path: Path, *, compress: bool = True) -> Path:
    """Write a ``.prsm`` file, compressed as PRSM saves it (``compress=False`` for plain JSON)."""
    if not compress:
        return dump_json(prsm_document(workshop), path)
    text = json.dumps(prsm_document(workshop), ensure_ascii=False, allow_nan=False)
    return replace_file(path, compress_to_utf16(text).encode("utf-8"))


def prsm_text(data: bytes, name: str) -> str:
    """The JSON text of a ``.prsm`` file, decompressed when PRSM compressed it."""
    text = decode_utf8(data, name, cut_tail=True)
    stripped = text.strip("\ufeff\r\n\t")
    if stripped.startswith("{"):
        return stripped
    try:
        return decompress_from_utf16(stripped + (" " if not stripped.endswith(" ") else ""), max_length=len(data) * 64)
    except LZStringError as exc:
        raise ImportFormatError("io.error.prsm_compressed", path=name, detail=str(exc)) from None


def _note(value: Any) -> str | None:
    """A PRSM note: text, or a Quill delta ``{"ops": [{"insert": ...}]}``."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and isinstance(value.get("ops"), list):
        text = "".join(
            op["insert"] for op in value["ops"] if isinstance(op, dict) and isinstance(op.get("insert"), str)
        )
        return text[:-1] if text.endswith("\n") else text
    return None


def _arrows(value: Any) -> tuple[bool, bool] | None:
    """(arrow at ``to``, arrow at ``from``), or None when the edge sets no arrows."""
    if isinstance(value, str):
        parts = {p.strip() for p in value.split(",")}
        return "to" in parts, "from" in parts
    if isinstance(value, dict):

        def on(end: Any) -> bool:
            if isinstance(end, dict):
                return bool(end.get("enabled", True))
            return bool(end)

        if "to" not in value and "from" not in value:
            return None
        return on(value.get("to", False)), on(value.get("from", False))
    return None


def _styles(document: dict[str, Any], part: str) -> dict[str, Any]:
    styles = document.get("styles") or document.get("samples") or {}
    found = styles.get(part) if isinstance(styles, dict) else None
    return found if isinstance(found, dict) else {}


def _group_label(styles: dict[str, Any], group: Any) -> str | None:
    style = styles.get(group) if isinstance(group, str) else None
    label = style.get("groupLabel") if isinstance(style, dict) else None
    if isinstance(label, str) and label.strip() and label.strip().casefold() != _DEFAULT_GROUP_LABEL:
        return one_line(label.strip())
    return None


def read_prsm(path: Path, data: bytes) -> RawMap:
    """Read a ``.prsm`` map (see the module's description)."""
    name = path.name
    document = parse_json_text(prsm_text(data, name), name)
    if not isinstance(document, dict) or not isinstance(document.get("nodes"), list):
        raise ImportFormatError(problems=[Problem("nodes", t("io.problem.missing_list", key="nodes"))])
    problems: list[Problem] = []
    raw = RawMap(match_labels=False)
    titles = document.get("attributeTitles")
    titles = {k: v for k, v in titles.items() if isinstance(v, str)} if isinstance(titles, dict) else {}
    node_styles, edge_styles = _styles(document, "nodes"), _styles(document, "edges")
    has_sector = any(_BY_TITLE.get(title.strip().casefold()) == "sector" for title in titles.values())
    for where, node in json_objects(document["nodes"], "nodes", problems):
        ref = json_ref(node.get("id"))
        if ref is None:
            problems.append(Problem(f"{where}.id", t("io.problem.missing_value", column="id")))
            continue
        fields: dict[str, Any] = {"attributes": {}}
        cols: dict[str, str] = {"name": f"{where}.label"}
        label = node.get("label")
        if isinstance(label, str | int | float) and not isinstance(label, bool):
            fields["name"] = one_line(cell_text(label).strip())
        note = _note(node.get("note"))
        if note:
            fields["notes"] = note
        for axis in ("x", "y"):
            value = node.get(axis)
            if isinstance(value, int | float) and not isinstance(value, bool):
                fields[axis] = float(value)
        for key, title in titles.items():
            if key not in node:
                continue
            fld = _BY_TITLE.get(title.strip().casefold())
            json_value(node[key], fld, title, ACTOR_FIELDS, f"{where}.{key} ({title})", fields, cols, problems)
        if not has_sector and isinstance(node.get("grp"), str):
            fields["sector"] = _group_label(node_styles, node["grp"]) or node["grp"]
        raw.actors.append(RawActor(where, fields, cols, ref=ref))
    for where, edge in json_objects(document.get("edges") or [], "edges", problems):
        tie = _edge(edge, where, edge_styles, problems)
        if tie is not None:
            raw.ties.append(tie)
    raw.problems.extend(problems)
    title = document.get("mapTitle")
    raw.title = title if isinstance(title, str) and title.strip() and title != "Untitled map" else None
    return raw


def _edge(edge: dict[str, Any], where: str, styles: dict[str, Any], problems: list[Problem]) -> RawTie | None:
    ends = json_ends(edge, where, problems)
    if ends is None:
        return None
    source, target = ends
    fields: dict[str, Any] = {}
    cols: dict[str, str] = {}
    label = edge.get("label")
    if isinstance(label, str) and label.strip():
        fields["label"] = one_line(label.strip())
        cols["label"] = f"{where}.label"
    note = _note(edge.get("note"))
    if note:
        fields["notes"] = note
    group = edge.get("grp")
    kind = _group_label(styles, group)
    if kind:
        fields["type"] = kind
    arrows = _arrows(edge.get("arrows"))
    if arrows is None and isinstance(group, str) and isinstance(styles.get(group), dict):
        arrows = _arrows(styles[group].get("arrows"))
    head_to, head_from = arrows if arrows is not None else (True, False)
    fields["directed"] = head_to != head_from
    if head_from and not head_to:
        source, target = target, source
    width = edge.get("width")
    if isinstance(width, int | float) and not isinstance(width, bool) and 0 < width <= 100:
        fields["weight"] = float(width)
    extra = edge.get("nsc")
    if isinstance(extra, dict):
        for key in ("type", "directed", "weight", "sign"):
            if key in extra:
                fields[key] = extra[key]
                cols[key] = f"{where}.nsc.{key}"
        if isinstance(extra.get("attributes"), dict):
            fields["attributes"] = dict(extra["attributes"])
            cols.update({f"attributes.{k}": f"{where}.nsc.attributes.{k}" for k in extra["attributes"]})
    return json_tie(where, source, target, fields, cols, json_ref(edge.get("id")))


# -- spreadsheet ---------------------------------------------------------------

FACTOR_COLUMNS: tuple[FieldCol, ...] = (
    FieldCol("id", "Id"),
    FieldCol("name", "Label"),
    FieldCol("notes", "Description", ("Note", "Notes")),
    FieldCol("x", "x"),
    FieldCol("y", "y"),
    *(FieldCol(fld, title) for fld, title in NODE_ATTRIBUTES.items()),
)
LINK_COLUMNS: tuple[FieldCol, ...] = (
    FieldCol("id", "Id"),
    FieldCol("source", "From"),
    FieldCol("target", "To"),
    FieldCol("label", "Label"),
    FieldCol("notes", "Description", ("Note", "Notes")),
    FieldCol("type", "Type"),
    FieldCol("directed", "Directed"),
    FieldCol("weight", "Weight"),
    FieldCol("sign", "Sign"),
)
_STYLE_HEADERS = ("style", "grouplabel")


def write_prsm_xlsx(workshop: Workshop, path: Path) -> Path:
    """Write the actor map as PRSM's spreadsheet (``From``/``To`` hold labels, as PRSM wants).

    When two actors share a label, ``From``/``To`` hold ids instead: PRSM could
    not tell them apart anyway, and this kit reads them back exactly.
    """
    actors = list(workshop.actors.values())
    names = {a.id: a.name for a in actors}
    unique = len({label_key(n) for n in names.values()}) == len(names)
    links_layout = LINK_COLUMNS
    if unique:

        def by_name(actor_id: Any) -> Any:
            return names.get(actor_id, actor_id)

        links_layout = tuple(
            FieldCol(c.field, c.header, c.aliases, by_name, None) if c.field in ("source", "target") else c
            for c in LINK_COLUMNS
        )
    factors, links = map_tables(workshop, FACTOR_COLUMNS, links_layout)
    return write_workbook(path, [("Factors", factors), ("Links", links)])


def read_prsm_xlsx(path: Path, data: bytes) -> RawMap:
    """Read PRSM's spreadsheet (see the module's description)."""
    name = path.name
    (factors, links), kinds = open_sheets(data, name, ("Factors", "Links"))
    problems: list[Problem] = []
    raw = RawMap()
    if factors is not None:
        header, columns, rows = read_columns(
            factors, name, FACTOR_COLUMNS, ACTOR_FIELDS, kinds, problems, hidden=_STYLE_HEADERS
        )
        style_at = [i for i, h in enumerate(header) if cell_text(h or "").strip().casefold() in _STYLE_HEADERS]
        styles = {cell_text(header[i]).strip().casefold(): i for i in style_at}
        found = {c.field for c in columns if c is not None}
        if "name" not in found:
            problems.append(
                Problem(t("io.where.sheet", sheet=factors.title), t("io.problem.missing_column", column="Label"))
            )
        by_where = dict(rows)
        for row in decode_rows(columns, rows, problems, where_cell=cell_place):
            if "sector" not in row.fields and styles:
                cells = by_where[row.where]
                label = cells[styles["grouplabel"]] if "grouplabel" in styles else None
                style = cells[styles["style"]] if "style" in styles else None
                if not is_empty(label):
                    row.fields["sector"] = one_line(cell_text(label).strip())
                elif not is_empty(style):
                    number = cell_text(style).strip()
                    row.fields["sector"] = f"group{int(number) - 1}" if number.isdigit() and number != "0" else number
            raw.actors.append(row_actor(row))
        raw.labels_are_keys = "id" not in found
    else:
        raw.implied_actors = True
    if links is not None:
        _, columns, rows = read_columns(links, name, LINK_COLUMNS, TIE_FIELDS, kinds, problems, hidden=("style",))
        raw.ties.extend(table_ties(columns, rows, t("io.where.sheet", sheet=links.title), ("From", "To"), problems))
    raw.problems.extend(problems)
    return raw
