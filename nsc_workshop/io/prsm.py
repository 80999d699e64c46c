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

How PRSM drew the map is kept (PRSM copies a style's properties onto each
node and link it saves; what a node or link does not carry is taken from its
style): a node's ``color.background`` (``#rrggbb``, ``rgb()``/``rgba()``), its
``shape`` (vis-network's: ``circle`` and ``dot`` are ellipses, ``square`` a
box, ``triangleDown`` a triangle; one we have no equivalent of, ``database``
or ``image``, is kept as the custom attribute ``PRSM shape``, said once per
shape) and ``size``; a link's ``color.color``, ``width`` and ``dashes``
(``true`` or long dashes: dashed; short ones: dotted). We write them the same
way, so PRSM draws them. A link whose type (style name) or, without one, label
means opposition (``-ve``, ``Negative influence``, ``--``, ``+-``, ``−``,
``minus``, ``opposes``...) has the sign −1, said once per name
(:func:`means_opposition`). As PRSM does, a file whose links have ``source``
and ``target`` is read as Gephi's JSON export (sigma.js: ``attributes`` dicts,
``rgb()`` colours, ``size``, ``type`` Directed/Undirected) and files saved
before PRSM 1.4/1.5 (``samples``, numbered link styles, notes in ``title``).

Spreadsheet: sheets ``Factors`` (``Id``, ``Label``, ``Description``, ``x``,
``y``, then our fields, ``Color``, ``Size``, ``Shape`` and custom columns;
PRSM's ``Note`` and ``Style`` columns are read too) and ``Links`` (``Id``,
``From``, ``To`` by label, ``Label``, ``Description``, ``Type``, ``Directed``,
``Weight``, ``Sign``, ``Color``, ``Width``, ``Line``, custom columns). PRSM
finds a link's ends by their exact text in ``Label``, so where names repeat
we write ``Police (2)``... with the name itself in ``Original label``
(:func:`prsm_xlsx_notes` says so); ``Shape`` holds shapes PRSM draws, with
``Original shape`` for ours it has not. Reading, ``From``/``To`` are matched
with ``Label`` and the ``Id`` column says which actor each is.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from pathlib import Path
from typing import Any

from nsc_workshop._version import __version__
from nsc_workshop.errors import Problem
from nsc_workshop.i18n import t
from nsc_workshop.io._base import (
    Adaptation,
    ImportFormatError,
    RawActor,
    RawMap,
    RawTie,
    free_name,
    label_key,
    one_line,
    replace_file,
)
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
    Column,
    FieldCol,
    Kind,
    attribute_header,
    cell_place,
    cell_text,
    color_text,
    css_color,
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
    "prsm_xlsx_notes",
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

VIS_SHAPES: dict[str, str] = {
    "ellipse": "ellipse",
    "circle": "ellipse",
    "dot": "ellipse",
    "box": "box",
    "square": "box",
    "diamond": "diamond",
    "star": "star",
    "triangle": "triangle",
    "triangledown": "triangle",
    "hexagon": "hexagon",
    "text": "text",
}
"""PRSM's (vis-network's) node shapes and ours; any other (``database``, ``image``...) is kept as an attribute."""
_TO_VIS = {"round_box": "box", "octagon": "hexagon"}
_DASHED, _DOTTED = [10, 10], [2, 4]
_MINUS = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2014": "-", "\u2012": "-"})
_NEGATIVE_MARKS = frozenset(
    {"-", "--", "---", "-ve", "ve-", "+-", "-+", "+/-", "neg", "o", "opp", "against", "conflict", "in conflict"}
)
"""Whole names meaning a negative link ("against" and "conflict" only alone: "works against hate" is no
opposition between the two actors)."""
_NEGATIVE_WORDS = re.compile(
    r"\b(negativ\w*|oppos\w*|minus|hostil\w*|inhibit\w*|counteract\w*"
    r"|motarbet\w*|motarbeid\w*|modarbejd\w*|motsätt\w*|vastust\w*)\b",
    re.IGNORECASE,
)
"""Words in a name meaning a negative link, in English and the Nordic languages (negativ, motarbetar,
motarbeider, modarbejder, motsätter sig, vastustaa)."""


def means_opposition(text: Any) -> bool:
    """Whether a link's style name or label means a negative link: ``-ve``, ``--``, ``+-``, ``Negative influence``,
    ``opposes``, ``minus``, ``−``... (PRSM's and causal-loop conventions)."""
    if not isinstance(text, str):
        return False
    plain = text.translate(_MINUS).strip().casefold()
    return plain in _NEGATIVE_MARKS or bool(_NEGATIVE_WORDS.search(plain))


_POSITIVE_MARKS = frozenset({"+", "++", "+++", "+ve", "ve+", "pos", "s"})
_POSITIVE_WORDS = re.compile(r"\b(positiv\w*|plus|support\w*|reinforc\w*)\b", re.IGNORECASE)


def means_support(text: Any) -> bool:
    """Whether a link's style name or label means a positive link: ``+ve``, ``++``, ``Positive influence``..."""
    if not isinstance(text, str):
        return False
    plain = text.strip().casefold()
    return plain in _POSITIVE_MARKS or bool(_POSITIVE_WORDS.search(plain))


def _sign_from_words(
    kind: Any, label: Any, where: str, fields: dict[str, Any], opposed: dict[tuple[str, str], list[str]]
) -> None:
    """The sign a link's type (its style's name) else its label says: opposition −1 (said once per name),
    support +1."""
    for what, name in (("type", kind), ("label", label)):
        if not isinstance(name, str) or not name.strip():
            continue
        if means_opposition(name):
            fields["sign"] = -1
            opposed.setdefault((what, name.strip()), []).append(where)
            return
        if means_support(name):
            fields["sign"] = 1
            return


def _css_color(value: Any) -> Any:
    """A colour as PRSM writes it (``#rrggbb``, ``#rrggbbaa``: its opacity left out, ``rgb(r, g, b)``, a CSS
    name as vis-network takes), as ``#rrggbb`` where it can be said so."""
    if not isinstance(value, str):
        return value
    text = value.strip().lower()
    found = color_text(text) if text.startswith(("#", "rgb")) else None
    return found or css_color(text) or value.strip()


def _own_or_style(item: dict[str, Any], style: Any, key: str) -> Any:
    if key in item:
        return item[key]
    return style.get(key) if isinstance(style, dict) else None


def _node_color(node: dict[str, Any], style: Any) -> Any:
    for source in (node, style if isinstance(style, dict) else {}):
        color = source.get("color")
        if isinstance(color, str) and color.strip():
            return _css_color(color)
        if isinstance(color, dict) and isinstance(color.get("background"), str):
            return _css_color(color["background"])
    return None


def _edge_color(edge: dict[str, Any], style: Any) -> Any:
    for source in (edge, style if isinstance(style, dict) else {}):
        color = source.get("color")
        if isinstance(color, str) and color.strip():
            return _css_color(color)
        if isinstance(color, dict) and isinstance(color.get("color"), str):
            return _css_color(color["color"])
    return None


def _dashes(value: Any) -> str | None:
    """A tie's style from vis-network's ``dashes``: ``true`` or ``[10, 10]`` dashed, short dashes dotted."""
    if value is True:
        return "dashed"
    if isinstance(value, list) and value:
        first = value[0]
        return "dotted" if isinstance(first, int | float) and not isinstance(first, bool) and first <= 3 else "dashed"
    return None


def _number(value: Any) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return None


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
        if actor.color is not None:
            node["color"] = {"background": actor.color}
        if actor.size is not None:
            node["size"] = actor.size
        if actor.shape is not None:
            node["shape"] = _TO_VIS.get(actor.shape, actor.shape)
            if actor.shape in _TO_VIS:
                node["nsc"] = {"shape": actor.shape}
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
            "width": tie.width if tie.width is not None else min(max(tie.weight, 1.0), 10.0),
            "dashes": {"dashed": _DASHED, "dotted": _DOTTED}.get(tie.style or "", False),
            "nsc": {
                "type": tie.type,
                "directed": tie.directed,
                "weight": tie.weight,
                "sign": tie.sign,
                "color": tie.color,
                "width": tie.width,
                "style": tie.style,
                "attributes": dict(tie.attributes),
            },
        }
        if tie.color is not None:
            edge["color"] = {"color": tie.color}
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


def _old_note(item: dict[str, Any]) -> Any:
    """The note of a file saved before PRSM 1.5, which kept it as ``title`` (HTML line breaks)."""
    title = item.get("title")
    return re.sub(r"<br\s*/?>|<p>", "\n", title) if isinstance(title, str) else None


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
    odd_shapes: dict[str, list[str]] = {}
    edges = document.get("edges") or []
    # PRSM also opens Gephi's JSON export (sigma.js): links with source/target, attributes in a dict
    gephi = isinstance(edges, list) and bool(edges) and isinstance(edges[0], dict) and "source" in edges[0]
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
        note = _note(node.get("note", _old_note(node)))
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
        if gephi and isinstance(node.get("attributes"), dict):
            for key, value in node["attributes"].items():
                json_value(value, None, str(key), ACTOR_FIELDS, f"{where}.attributes.{key}", fields, cols, problems)
        style = node_styles.get(node["grp"]) if isinstance(node.get("grp"), str) else None
        _drawing(node, style, where, fields, cols, odd_shapes)
        raw.actors.append(RawActor(where, fields, cols, ref=ref, names={"color": "Color", "size": "Size"}))
    for shape, places in odd_shapes.items():
        problems.append(Adaptation(places[0], t("io_prsm.warn.shape_kept", shape=shape, count=len(places))))
    opposed: dict[tuple[str, str], list[str]] = {}
    for where, edge in json_objects(edges, "edges", problems):
        tie = _gephi_edge(edge, where, problems) if gephi else _edge(edge, where, edge_styles, problems, opposed)
        if tie is not None:
            raw.ties.append(tie)
    problems.extend(_opposition_notes(opposed))
    raw.problems.extend(problems)
    title = document.get("mapTitle")
    raw.title = title if isinstance(title, str) and title.strip() and title != "Untitled map" else None
    return raw


def _gephi_edge(edge: dict[str, Any], where: str, problems: list[Problem]) -> RawTie | None:
    """A link of Gephi's JSON export: ``source``, ``target``, ``type`` (Directed/Undirected; none: directed),
    ``weight`` (else ``size``), ``label``, ``color``, ``attributes``."""
    ends = json_ends({"from": edge.get("source"), "to": edge.get("target")}, where, problems)
    if ends is None:
        return None
    fields: dict[str, Any] = {"attributes": {}}
    cols: dict[str, str] = {}
    if isinstance(edge.get("label"), str) and edge["label"].strip():
        fields["label"] = one_line(edge["label"].strip())
    kind = edge.get("type")
    fields["directed"] = not (isinstance(kind, str) and kind.strip().casefold() in ("undirected", "mutual"))
    weight = _number(edge.get("weight", edge.get("size")))
    if weight is not None:
        fields["weight"] = weight
        cols["weight"] = f"{where}.weight"
    color = _edge_color(edge, None)
    if color is not None:
        fields["color"] = color
        cols["color"] = f"{where}.color"
    if isinstance(edge.get("attributes"), dict):
        for key, value in edge["attributes"].items():
            json_value(value, None, str(key), TIE_FIELDS, f"{where}.attributes.{key}", fields, cols, problems)
    return RawTie(
        where,
        *ends,
        fields,
        cols,
        ref=json_ref(edge.get("id")),
        source_where=f"{where}.source",
        target_where=f"{where}.target",
        names={"weight": "Weight", "color": "Color"},
    )


def _drawing(
    node: dict[str, Any],
    style: Any,
    where: str,
    fields: dict[str, Any],
    cols: dict[str, str],
    odd_shapes: dict[str, list[str]],
) -> None:
    """A node's colour, size and shape: its own, else its style's (PRSM copies the style onto the node)."""
    color = _node_color(node, style)
    if color is not None:
        fields["color"] = color
        cols["color"] = f"{where}.color"
    size = _own_or_style(node, style, "size")
    if size is not None:
        fields["size"] = _number(size) if _number(size) is not None else size
        cols["size"] = f"{where}.size"
    extra = node.get("nsc")
    shape = extra["shape"] if isinstance(extra, dict) and "shape" in extra else None
    if shape is None:
        vis = _own_or_style(node, style, "shape")
        if isinstance(vis, str) and vis.strip():
            shape = VIS_SHAPES.get(vis.strip().casefold())
            if shape is None:
                fields["attributes"][free_name(fields["attributes"], "PRSM shape")] = vis.strip()
                odd_shapes.setdefault(vis.strip(), []).append(f"{where}.shape")
    if shape is not None:
        fields["shape"] = shape
        cols["shape"] = f"{where}.shape"


def _opposition_notes(opposed: dict[tuple[str, str], list[str]]) -> list[Problem]:
    """One note per link type (style name) or label read as opposition."""
    return [
        Adaptation(places[0], t(_OPPOSITION_KEYS[what], name=name, count=len(places)))
        for (what, name), places in opposed.items()
    ]


_OPPOSITION_KEYS = {"type": "io_prsm.warn.opposition", "label": "io_prsm.warn.opposition_label"}


def _edge(
    edge: dict[str, Any],
    where: str,
    styles: dict[str, Any],
    problems: list[Problem],
    opposed: dict[tuple[str, str], list[str]],
) -> RawTie | None:
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
    note = _note(edge.get("note", _old_note(edge)))
    if note:
        fields["notes"] = note
    group = edge.get("grp")
    if group is None and isinstance(edge.get("group"), int) and not isinstance(edge.get("group"), bool):
        group = f"edge{edge['group'] % 9}"  # before PRSM 1.4 a link's style was a number
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
    style = styles.get(group) if isinstance(group, str) else None
    width = _number(_own_or_style(edge, style, "width"))
    if width is not None and 0 < width <= 100:
        fields["weight"] = width  # PRSM draws a link's strength as its width
        fields["width"] = width
        cols["width"] = f"{where}.width"
    color = _edge_color(edge, style)
    if color is not None:
        fields["color"] = color
        cols["color"] = f"{where}.color"
    line = _dashes(_own_or_style(edge, style, "dashes"))
    if line is not None:
        fields["style"] = line
    extra = edge.get("nsc")
    if not (isinstance(extra, dict) and "sign" in extra):
        _sign_from_words(kind, fields.get("label"), where, fields, opposed)
    if isinstance(extra, dict):
        for key in ("type", "directed", "weight", "sign", "color", "width", "style"):
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
    FieldCol("color", "Color", ("Colour",)),
    FieldCol("size", "Size"),
    FieldCol("shape", "Shape", (), lambda shape: _TO_VIS.get(shape, shape), lambda raw: _vis_shape(raw)),
)
ORIGINAL_LABEL = "Original label"
"""The column of an actor's own name where two actors share one and the ``Label`` column makes them unique."""
ORIGINAL_SHAPE = "Original shape"
"""The column of an actor's shape where PRSM has none like it (``round_box`` drawn as a box, ``octagon`` as a
hexagon: the ``Shape`` column, which PRSM draws, holds those)."""
_READ_FACTORS = (
    *FACTOR_COLUMNS,
    FieldCol("original_label", ORIGINAL_LABEL),
    FieldCol("original_shape", ORIGINAL_SHAPE),
)
_FACTOR_KINDS: dict[str, Kind] = {**ACTOR_FIELDS, "original_label": "string", "original_shape": "string"}


def _vis_shape(raw: Any) -> str:
    """A shape PRSM (vis-network) names, in our words (``circle`` is an ellipse); any other kept as written."""
    text = cell_text(raw).strip()
    return VIS_SHAPES.get(text.casefold(), text.lower())


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
    FieldCol("color", "Color", ("Colour",)),
    FieldCol("width", "Width"),
    FieldCol("style", "Line"),
)
_STYLE_HEADERS = ("style", "grouplabel")


def unique_labels(workshop: Workshop) -> dict[str, str]:
    """Each actor's label in PRSM's spreadsheet: its name, made unique (``Police (2)``) where names repeat.

    PRSM finds a link's ends by the text of ``From`` and ``To`` in the
    ``Label`` column, so labels must be unique for PRSM to load the file.
    """
    taken: set[str] = set()
    out: dict[str, str] = {}
    for actor in workshop.actors.values():
        label, n = actor.name, 2
        while label_key(label) in taken:
            label, n = f"{actor.name.strip()} ({n})", n + 1
        taken.add(label_key(label))
        out[actor.id] = label
    return out


def prsm_xlsx_notes(workshop: Workshop) -> list[str]:
    """What a PRSM user should know about the spreadsheet :func:`write_prsm_xlsx` writes: the actors relabelled
    because their names repeat (for the command line or the app to show after an export)."""
    labels = unique_labels(workshop)
    renamed = [labels[a.id] for a in workshop.actors.values() if labels[a.id] != a.name]
    if not renamed:
        return []
    examples = ", ".join(f"'{label}'" for label in renamed[:3]) + (", ..." if len(renamed) > 3 else "")
    return [t("io_prsm.note.relabelled", count=len(renamed), examples=examples)]


def write_prsm_xlsx(workshop: Workshop, path: Path) -> Path:
    """Write the actor map as PRSM's spreadsheet, which PRSM loads: ``From``/``To`` hold labels.

    Where two actors share a name, the later ones are labelled ``Name (2)``,
    ``Name (3)``... in ``Label`` (PRSM needs unique labels), and their own name
    is in the ``Original label`` column, from which this kit reads it back
    (the ``Id`` column keeps every actor's id).
    """
    labels = unique_labels(workshop)

    def by_label(actor_id: Any) -> Any:
        return labels.get(actor_id, actor_id)

    links_layout = tuple(
        FieldCol(c.field, c.header, c.aliases, by_label, None) if c.field in ("source", "target") else c
        for c in LINK_COLUMNS
    )
    factors, links = map_tables(workshop, FACTOR_COLUMNS, links_layout)
    renamed = {a.id for a in workshop.actors.values() if labels[a.id] != a.name}
    if renamed:
        at = next(i for i, c in enumerate(factors.columns) if c.field == "name")
        factors.columns.append(Column(ORIGINAL_LABEL, "string"))
        for actor, row in zip(workshop.actors.values(), factors.rows, strict=True):
            row[at] = labels[actor.id]
            row.append(actor.name if actor.id in renamed else None)
    if any(a.shape in _TO_VIS for a in workshop.actors.values()):
        factors.columns.append(Column(ORIGINAL_SHAPE, "string"))
        for actor, row in zip(workshop.actors.values(), factors.rows, strict=True):
            row.append(actor.shape if actor.shape in _TO_VIS else None)
    return write_workbook(path, [("Factors", factors), ("Links", links)])


def read_prsm_xlsx(path: Path, data: bytes) -> RawMap:
    """Read PRSM's spreadsheet (see the module's description)."""
    name = path.name
    (factors, links), kinds = open_sheets(data, name, ("Factors", "Links"))
    problems: list[Problem] = []
    raw = RawMap()
    if factors is not None:
        header, columns, rows = read_columns(
            factors, name, _READ_FACTORS, _FACTOR_KINDS, kinds, problems, hidden=_STYLE_HEADERS
        )
        style_at = [i for i, h in enumerate(header) if cell_text(h or "").strip().casefold() in _STYLE_HEADERS]
        styles = {cell_text(header[i]).strip().casefold(): i for i in style_at}
        found = {c.field for c in columns if c is not None}
        if "name" not in found:
            problems.append(
                Problem(t("io.where.sheet", sheet=factors.title), t("io.problem.missing_column", column="Label"))
            )
        by_where = dict(rows)
        by_label: dict[str, str] = {}
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
            exact_shape = row.fields.pop("original_shape", None)
            if isinstance(exact_shape, str) and exact_shape.strip():
                row.fields["shape"] = exact_shape.strip().lower()
            original = row.fields.pop("original_label", None)
            written = row.fields.get("name")
            if isinstance(original, str) and original.strip():
                row.fields["name"] = one_line(original)
            actor = row_actor(row)
            if actor.ref is not None and isinstance(written, str):
                by_label.setdefault(label_key(written), actor.ref)
            raw.actors.append(actor)
        raw.labels_are_keys = "id" not in found
    else:
        by_label = {}
        raw.implied_actors = True
    if links is not None:
        _, columns, rows = read_columns(links, name, LINK_COLUMNS, TIE_FIELDS, kinds, problems, hidden=("style",))
        opposed: dict[tuple[str, str], list[str]] = {}
        for tie in table_ties(columns, rows, t("io.where.sheet", sheet=links.title), ("From", "To"), problems):
            # From/To hold labels (PRSM's rule): the Id column, where there is one, says which actor each is
            tie.source = by_label.get(label_key(tie.source), tie.source)
            tie.target = by_label.get(label_key(tie.target), tie.target)
            if "sign" not in tie.fields:
                _sign_from_words(tie.fields.get("type"), tie.fields.get("label"), tie.where, tie.fields, opposed)
            raw.ties.append(tie)
        problems.extend(_opposition_notes(opposed))
    raw.problems.extend(problems)
    return raw
