"""GEXF 1.3, Gephi's own format (``gexf``).

We write ``<gexf version="1.3">`` with typed attribute declarations
(``kind``, ``sector``, ``level``, ``influence``... for nodes; ``sign`` and
``notes`` for edges; then one per custom attribute, by its name), nodes with
``id`` (the actor id), ``label`` (the name) and the viz extension
(``viz:color``, ``viz:size``, ``viz:shape``, ``viz:position``), and edges with
a unique ``id`` (the tie id: Gephi drops edges whose ids repeat), ``source``,
``target``, ``label``, ``weight``, ``kind`` (the tie type: Gephi keeps
parallel edges of different kinds apart) and ``viz:color``,
``viz:thickness``, ``viz:shape`` (the tie's colour, width and style). The
graph's ``defaultedgetype`` is ``directed`` or ``undirected`` when every tie
is so (the form networkx, igraph and Gephi all read), and ``mixed`` with a
``type`` on each edge otherwise (Gephi reads it; networkx does not:
:func:`networkx_note` says what to do). A custom attribute named like one of
our columns is declared as ``attr.<name>``. A shape GEXF has no word for
(``star``, ``hexagon``...) is written as ``disc`` with ``nsc:shape`` naming it.

We read GEXF 1.1, 1.2 and 1.3 as Gephi and other tools write them: node
``label`` (else the id), ``viz:color`` (``r``/``g``/``b``, or ``hex`` in 1.3;
an alpha below 1 is kept as the custom attribute ``color alpha``),
``viz:size``, ``viz:position`` (``y`` turned over: Gephi's y grows upwards, the
kit's, like Kumu's, PRSM's and yEd's, downwards, so the map shows what Gephi
showed; a depth ``z`` other than 0 kept as the custom attribute ``z``),
``viz:shape`` (``disc`` → ellipse, ``square`` → box, ``triangle``,
``diamond``; ``image`` is said and kept as the custom attribute ``image``); edge ``viz:color``, ``viz:thickness``,
``viz:shape`` (``solid``, ``dotted``, ``dashed``; ``double`` is drawn solid,
said). Attribute values refer to their declaration by ``for`` (1.2, 1.3) or
``id`` (1.1), by the declaration's id, else its title, else its position
(``0``, ``1``... in some old files, said); a value whose declaration cannot be
found is kept as a custom attribute named by its reference, said. Declared
defaults, ``defaultedgetype`` and edge ``type`` (``mutual`` is undirected),
``weight`` (default 1), ``kind`` or an edge attribute titled ``type`` for the
tie type; edges without an id get one. Dynamic graphs: a value given over time
(``attvalue`` with ``start``/``end``) keeps its latest value, the whole series
is kept as the custom attribute ``<name> over time`` (``2004: 1; 2005: 2``);
the time spans of nodes and edges (``start``/``end``, ``spells``) are kept as
the custom attribute ``time``; each said once per file. A weight a tie cannot
have (0, negative, over 100, ``INF``, ``NaN``) leaves the tie with weight 1 and
the file's value as the custom attribute ``weight``, said. Self-loops,
parallel edges and edges to undeclared nodes are passed on to the map's check,
which skips, keeps or creates them, each said. Nested nodes (GEXF's
hierarchy: ``<nodes>`` inside a node, or ``pid``) are read whole, as GraphML's
groups are: the parent stays an actor, of kind ``group``, its members are
tagged with its name, said once per parent.

networkx's GEXF writer is not used: it writes our tie type into GEXF's edge
``type`` (which must be directed/undirected/mutual), cannot mark edges one by
one as directed or undirected, refuses ``None`` values and declares a column
of mixed values with the type of its first value.
"""

from __future__ import annotations

import datetime as dt
import math
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from nsc_workshop._version import __version__
from nsc_workshop.errors import Problem
from nsc_workshop.i18n import t
from nsc_workshop.io._base import Adaptation, ImportFormatError, RawActor, RawMap, RawTie, one_line
from nsc_workshop.io._graphxml import (
    NSC_NS,
    Notes,
    color_from_rgb,
    color_text,
    edges_with_ends,
    free_name,
    keep_bad_weight,
    kind_of,
    needs_kind,
    node_fields,
    nodes_with_ids,
    parse_document,
    place_format,
    read_value,
    shape_from,
    tidy_drawing,
    tie_fields,
    write_document,
    xml_type,
)
from nsc_workshop.io._table import (
    ACTOR_FIELDS,
    TIE_FIELDS,
    Column,
    FieldCol,
    Kind,
    cell_to_text,
    map_tables,
)
from nsc_workshop.io._xml import local
from nsc_workshop.model import Workshop

__all__ = ["GEXF_NS", "edge_default", "networkx_note", "read_gexf", "write_gexf"]

GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"

_NODE_LAYOUT = (
    FieldCol("id", "id"),
    FieldCol("name", "label"),
    *(FieldCol(f, f) for f in node_fields()),
    FieldCol("x", "x"),
    FieldCol("y", "y"),
)
_EDGE_LAYOUT = (
    FieldCol("id", "id"),
    FieldCol("source", "source"),
    FieldCol("target", "target"),
    FieldCol("label", "label"),
    FieldCol("weight", "weight"),
    FieldCol("directed", "directed"),
    FieldCol("type", "type"),
    *(FieldCol(f, f) for f in tie_fields()),
)
_NODE_XML = {"id", "name", "x", "y"}
_EDGE_XML = {"id", "source", "target", "label", "weight", "directed", "type"}
_GEXF_SHAPES = {"ellipse": "disc", "box": "square", "triangle": "triangle", "diamond": "diamond"}


def edge_default(workshop: Workshop) -> str:
    """``directed`` or ``undirected`` when every tie is so (``directed`` for a map without ties), else ``mixed``."""
    kinds = {tie.directed for tie in workshop.ties.values()}
    if kinds == {False}:
        return "undirected"
    return "mixed" if len(kinds) > 1 else "directed"


def networkx_note(workshop: Workshop) -> str | None:
    """What a networkx user must know about this map's GEXF and GraphML exports (None: nothing, they read them).

    networkx reads a graph whose edges are all directed or all undirected; it
    refuses our files of a map that mixes both (its GEXF and GraphML readers
    both do). Gephi reads them; igraph reads the GraphML file (it has no GEXF
    reader), taking every tie as directed.
    """
    if edge_default(workshop) != "mixed":
        return None
    directed = sum(1 for tie in workshop.ties.values() if tie.directed)
    return t("io_xml.note.networkx_mixed", directed=directed, undirected=len(workshop.ties) - directed)


def _declare(parent: ET.Element, cls: str, columns: list[tuple[str, Column]]) -> None:
    block = ET.SubElement(parent, "attributes", {"class": cls, "mode": "static"})
    for attr_id, column in columns:
        el = ET.SubElement(block, "attribute", {"id": attr_id, "title": column.header, "type": xml_type(column.kind)})
        if needs_kind(column.kind):
            el.set("nsc:kind", column.kind)


def _attvalues(parent: ET.Element, row: list[Any], declared: list[tuple[int, str]]) -> None:
    values = [(attr_id, row[i]) for i, attr_id in declared if row[i] is not None]
    if values:
        block = ET.SubElement(parent, "attvalues")
        for attr_id, value in values:
            ET.SubElement(block, "attvalue", {"for": attr_id, "value": cell_to_text(value)})


def _viz_color(parent: ET.Element, color: str | None) -> None:
    if color:
        r, g, b = (str(int(color[i : i + 2], 16)) for i in (1, 3, 5))
        ET.SubElement(parent, "viz:color", {"r": r, "g": g, "b": b})


def write_gexf(workshop: Workshop, path: Path) -> Path:
    """Write the actor map as GEXF 1.3."""
    actors = list(workshop.actors.values())
    ties = list(workshop.ties.values())
    nodes, edges = map_tables(workshop, _NODE_LAYOUT, _EDGE_LAYOUT)
    half_placed = any((a.x is None) != (a.y is None) for a in actors)
    root = ET.Element(
        "gexf",
        {"xmlns": GEXF_NS, "xmlns:viz": VIZ_NS, "xmlns:nsc": NSC_NS, "version": "1.3"},
    )
    meta = ET.SubElement(root, "meta", {"lastmodifieddate": dt.date.today().isoformat()})
    ET.SubElement(meta, "creator").text = f"nsc-workshop {__version__}"
    ET.SubElement(meta, "title").text = workshop.meta.title
    default = edge_default(workshop)
    graph = ET.SubElement(root, "graph", {"defaultedgetype": default, "mode": "static"})
    node_decl = [
        (i, c)
        for i, c in enumerate(nodes.columns)
        if c.field not in _NODE_XML or (half_placed and c.field in ("x", "y"))
    ]
    edge_decl = [(i, c) for i, c in enumerate(edges.columns) if c.field not in _EDGE_XML]
    node_ids = [(i, c.field or f"a{n}") for n, (i, c) in enumerate(node_decl)]
    edge_ids = [(i, c.field or f"a{n}") for n, (i, c) in enumerate(edge_decl)]
    _declare(graph, "node", [(attr_id, nodes.columns[i]) for i, attr_id in node_ids])
    _declare(graph, "edge", [(attr_id, edges.columns[i]) for i, attr_id in edge_ids])
    nodes_el = ET.SubElement(graph, "nodes")
    for actor, row in zip(actors, nodes.rows, strict=True):
        node = ET.SubElement(nodes_el, "node", {"id": actor.id, "label": actor.name})
        _attvalues(node, row, node_ids)
        _viz_color(node, actor.color)
        if actor.x is not None and actor.y is not None:
            y = -actor.y if actor.y else 0.0  # Gephi's y grows upwards, ours (Kumu's, yEd's) downwards
            ET.SubElement(node, "viz:position", {"x": repr(actor.x), "y": repr(y), "z": "0.0"})
        if actor.size is not None:
            ET.SubElement(node, "viz:size", {"value": repr(actor.size)})
        if actor.shape is not None:
            shape = ET.SubElement(node, "viz:shape", {"value": _GEXF_SHAPES.get(actor.shape, "disc")})
            if actor.shape not in _GEXF_SHAPES:
                shape.set("nsc:shape", actor.shape)
    edges_el = ET.SubElement(graph, "edges")
    for tie, row in zip(ties, edges.rows, strict=True):
        attrs = {"id": tie.id, "source": tie.source, "target": tie.target}
        if default == "mixed":
            attrs["type"] = "directed" if tie.directed else "undirected"
        attrs["kind"] = tie.type
        attrs["weight"] = repr(tie.weight)
        if tie.label:
            attrs["label"] = tie.label
        edge = ET.SubElement(edges_el, "edge", attrs)
        _attvalues(edge, row, edge_ids)
        _viz_color(edge, tie.color)
        if tie.width is not None:
            ET.SubElement(edge, "viz:thickness", {"value": repr(tie.width)})
        if tie.style is not None:
            ET.SubElement(edge, "viz:shape", {"value": tie.style})
    return write_document(root, path)


# -- reading ---------------------------------------------------------------------

_NODE_TITLES = {f: f for f in (*node_fields(), "x", "y", "color", "size", "shape")}
_EDGE_TITLES = {
    "sign": "sign",
    "notes": "notes",
    "type": "type",
    "label": "label",
    "weight": "weight",
    "color": "color",
    "width": "width",
    "style": "style",
}
_EDGE_SHAPES = {"solid": "solid", "dotted": "dotted", "dashed": "dashed"}


def _children(element: ET.Element | None, name: str) -> list[ET.Element]:
    return [] if element is None else [c for c in element if local(c.tag) == name]


def _child(element: ET.Element | None, name: str) -> ET.Element | None:
    if element is not None:
        for c in element:
            if local(c.tag) == name:
                return c
    return None


class _Declared:
    def __init__(self, title: str, kind: Kind, default: str | None) -> None:
        self.title = title
        self.kind = kind
        self.default = default


class _Declarations:
    """The attributes declared for one class (node or edge), and how attribute values find them."""

    def __init__(self) -> None:
        self.by_id: dict[str, _Declared] = {}
        self.by_title: dict[str, str] = {}
        self.order: list[str] = []

    def add(self, attr_id: str, declared: _Declared) -> None:
        if attr_id not in self.by_id:
            self.order.append(attr_id)
        self.by_id[attr_id] = declared
        self.by_title.setdefault(declared.title.casefold(), attr_id)

    def resolve(self, ref: str) -> tuple[str | None, bool]:
        """The declaration's id a reference names, and whether it was found by position."""
        if ref in self.by_id:
            return ref, False
        found = self.by_title.get(ref.strip().casefold())
        if found is not None:
            return found, False
        if ref.strip().isdigit() and int(ref) < len(self.order):
            return self.order[int(ref)], True
        return None, False


def _declarations(graph: ET.Element) -> dict[str, _Declarations]:
    out = {"node": _Declarations(), "edge": _Declarations()}
    for block in _children(graph, "attributes"):
        cls = block.get("class", "node")
        if cls not in out:
            continue
        for attribute in _children(block, "attribute"):
            attr_id = attribute.get("id")
            if attr_id is None:
                continue
            title = (attribute.get("title") or attr_id).strip() or attr_id
            default = _child(attribute, "default")
            out[cls].add(
                attr_id,
                _Declared(
                    title,
                    kind_of(attribute.get("type"), attribute.get(f"{{{NSC_NS}}}kind")),
                    default.text if default is not None else None,
                ),
            )
    return out


def _time_key(stamp: str | None) -> tuple[int, float, str]:
    if stamp is None:
        return (0, 0.0, "")
    try:
        return (1, float(stamp), "")
    except ValueError:
        return (2, 0.0, stamp)


def _stamp(element: ET.Element) -> tuple[str | None, str | None]:
    start = element.get("start") or element.get("startopen") or element.get("timestamp")
    end = element.get("end") or element.get("endopen") or element.get("timestamp")
    return start, end


def _series(entries: list[tuple[str, str | None, str | None]]) -> tuple[str, str]:
    """The latest value of a series and the series written out: ``2004: 1; 2005: 2``."""
    ordered = sorted(entries, key=lambda e: (_time_key(e[1]), _time_key(e[2])))
    parts = []
    for value, start, end in ordered:
        when = start if start is not None else (f"…{end}" if end is not None else "…")
        parts.append(f"{when}: {value}")
    return ordered[-1][0], "; ".join(parts)


class _Reading:
    """What one GEXF file's reading shares: its declarations, the notes said once per file, the problems."""

    def __init__(self, declared: dict[str, _Declarations], problems: list[Problem]) -> None:
        self.declared = declared
        self.problems = problems
        self.notes = Notes()
        self.place = place_format("io.where.attribute", "item", "attribute")

    def values(
        self,
        cls: str,
        element: ET.Element,
        titles: dict[str, str],
        kinds: dict[str, Kind],
        where: str,
        fields: dict[str, Any],
        cols: dict[str, str],
        names: dict[str, str],
    ) -> None:
        declared = self.declared[cls]
        found: dict[str, list[tuple[str, str | None, str | None]]] = {}
        unknown: dict[str, str] = {}
        for attvalue in _children(_child(element, "attvalues"), "attvalue"):
            ref = attvalue.get("for") or attvalue.get("id")
            value = attvalue.get("value")
            if ref is None or value is None:
                continue
            attr_id, by_position = declared.resolve(ref)
            if attr_id is None:
                unknown[ref] = value
                self.notes.add("io_xml.warn.gexf_undeclared", where, ref=ref)
                continue
            if by_position:
                self.notes.add("io_xml.warn.gexf_by_position", where)
            start, end = _stamp(attvalue)
            found.setdefault(attr_id, []).append((value, start, end))
        for attr_id in declared.order:
            decl = declared.by_id[attr_id]
            fld = titles.get(decl.title.casefold())
            entries = found.get(attr_id)
            if not entries:
                text = decl.default
            elif len(entries) == 1 and entries[0][1] is None and entries[0][2] is None:
                text = entries[0][0]
            else:
                text, series = _series(entries)
                name = free_name(fields["attributes"], t("io_xml.name.over_time", name=decl.title))
                fields["attributes"][name] = series
                self.notes.add("io_xml.warn.gexf_dynamic", where, title=decl.title, name=name)
                if fld is not None:
                    cols.pop(fld, None)  # the latest value of the series is the field's
            read_value(text, decl.kind, decl.title, fld, kinds, where, fields, cols, self.problems, names, self.place)
        for ref, value in unknown.items():
            name = free_name(fields["attributes"], ref)
            fields["attributes"][name] = value

    def time(self, element: ET.Element, where: str, fields: dict[str, Any]) -> None:
        spans = []
        start, end = _stamp(element)
        if start is not None or end is not None:
            spans.append((start, end))
        for spell in _children(_child(element, "spells"), "spell"):
            spans.append(_stamp(spell))
        if spans:
            text = "; ".join(f"{s or ''}–{e or ''}" if s != e else f"{s}" for s, e in spans)
            name = free_name(fields["attributes"], t("io_xml.name.time"))
            fields["attributes"][name] = text
            self.notes.add("io_xml.warn.gexf_time", where, name=name)

    def float_of(self, element: ET.Element | None, attribute: str, where: str) -> float | str | None:
        """A number the file gives (``INF`` and ``NaN`` too); its text when it is not a number."""
        if element is None:
            return None
        text = element.get(attribute)
        if text is None or not text.strip():
            return None
        try:
            return float(text.strip().replace(",", ".") if text.count(",") == 1 and "." not in text else text)
        except ValueError:
            return text.strip()

    def color(
        self, element: ET.Element, where: str, fields: dict[str, Any], cols: dict[str, str], names: dict[str, str]
    ) -> None:
        viz = _child(element, "color")
        if viz is None or "color" in fields:
            return
        color = (
            color_text(viz.get("hex")) if viz.get("hex") else color_from_rgb(viz.get("r"), viz.get("g"), viz.get("b"))
        )
        if color is None:
            text = viz.get("hex") or ",".join(viz.get(c) or "?" for c in "rgb")
            fields["color"] = text  # not a colour: the map's check keeps it as a custom attribute
        else:
            fields["color"] = color
        names["color"] = "viz:color"
        cols["color"] = where
        alpha = self.float_of(viz, "a", where)
        if isinstance(alpha, float) and math.isfinite(alpha) and alpha < 1:
            fields["attributes"][free_name(fields["attributes"], "color alpha")] = alpha


def _nodes(graph: ET.Element) -> list[tuple[ET.Element, str | None]]:
    """Every node, those nested in another (GEXF's hierarchy) too, each with its parent's id (nesting or ``pid``)."""
    out: list[tuple[ET.Element, str | None]] = []
    stack: list[tuple[ET.Element | None, str | None]] = [(_child(graph, "nodes"), None)]
    while stack:
        block, parent = stack.pop()
        for node in _children(block, "node"):
            out.append((node, node.get("pid") or parent))
            inner = _child(node, "nodes")
            if inner is not None:
                stack.append((inner, node.get("id")))
    return out


def _groups(raw: RawMap, parents: dict[int, str], problems: list[Problem]) -> None:
    """A node holding others (GEXF's hierarchy) stays an actor, of kind group; its members are tagged with its name."""
    by_ref = {actor.ref: actor for actor in raw.actors}
    members: dict[str, int] = {}
    for index, parent in parents.items():
        holder = by_ref.get(parent)
        if holder is None or holder is raw.actors[index]:
            continue
        tags = raw.actors[index].fields.setdefault("tags", [])
        if isinstance(tags, list) and holder.fields["name"] not in tags:
            tags.append(holder.fields["name"])
        members[parent] = members.get(parent, 0) + 1
    for parent, count in members.items():
        holder = by_ref[parent]
        if not holder.fields.get("kind"):
            holder.fields["kind"] = "group"
        problems.append(Adaptation(holder.where, t("io_xml.warn.group", name=holder.fields["name"], count=count)))


def read_gexf(path: Path, data: bytes) -> RawMap:
    """Read a GEXF file (see the module's description)."""
    root = parse_document(data, path.name)
    graph = _child(root, "graph")
    if local(root.tag) != "gexf" or graph is None:
        raise ImportFormatError(problems=[Problem(path.name, t("io.problem.no_graph", root="gexf"))])
    problems: list[Problem] = []
    reading = _Reading(_declarations(graph), problems)
    default_type = (graph.get("defaultedgetype") or "directed").strip().casefold()
    if default_type not in ("directed", "undirected", "mutual", "mixed"):
        problems.append(
            Adaptation(
                t("io.where.attribute", item="graph", attribute="defaultedgetype"),
                t("io_xml.warn.edge_type", value=default_type),
            )
        )
        default_type = "directed"
    raw = RawMap(match_labels=False)
    nodes = _nodes(graph)
    parent_of = {id(node): parent for node, parent in nodes}
    parents: dict[int, str] = {}
    for node, ref, where in nodes_with_ids((node for node, _ in nodes), problems):
        if parent_of[id(node)]:
            parents[len(raw.actors)] = parent_of[id(node)] or ""
        label = node.get("label")
        fields: dict[str, Any] = {"name": one_line(label.strip()) if label and label.strip() else ref, "attributes": {}}
        cols = {"name": where}
        names: dict[str, str] = {}
        position = _child(node, "position")
        for axis in ("x", "y"):
            value = reading.float_of(position, axis, where)
            if value is not None:
                if axis == "y" and isinstance(value, float) and math.isfinite(value):
                    value = -value if value else 0.0  # Gephi's y grows upwards
                fields[axis] = value
                names[axis] = f"viz:position {axis}"
        depth = reading.float_of(position, "z", where)
        if isinstance(depth, float) and depth != 0:  # a 3D layout: the map is flat, the depth kept
            fields["attributes"][free_name(fields["attributes"], "z")] = depth
        reading.color(node, where, fields, cols, names)
        size = reading.float_of(_child(node, "size"), "value", where)
        if size is not None:
            fields["size"], names["size"], cols["size"] = size, "viz:size", where
        shape_el = _child(node, "shape")
        if shape_el is not None:
            word = shape_el.get(f"{{{NSC_NS}}}shape") or shape_el.get("value") or ""
            if word.strip().casefold() == "image":
                fields["attributes"][free_name(fields["attributes"], "image")] = shape_el.get("uri") or ""
                problems.append(Adaptation(where, t("io_xml.warn.shape_image", uri=shape_el.get("uri") or "")))
            elif word.strip():
                fields["shape"], names["shape"], cols["shape"] = shape_from(word) or word.strip(), "viz:shape", where
        reading.values("node", node, _NODE_TITLES, ACTOR_FIELDS, where, fields, cols, names)
        tidy_drawing(fields)
        reading.time(node, where, fields)
        raw.actors.append(RawActor(where, fields, cols, ref=ref, names=names))
    _groups(raw, parents, problems)
    for edge, edge_id, where, source, target in edges_with_ends(_children(_child(graph, "edges"), "edge"), problems):
        fields = {"attributes": {}}
        cols = {}
        names = {}
        kind = (edge.get("type") or "").strip().casefold()
        if kind and kind not in ("directed", "undirected", "mutual"):
            problems.append(
                Adaptation(
                    t("io.where.attribute", item=where, attribute="type"), t("io_xml.warn.edge_type", value=kind)
                )
            )
            kind = ""
        kind = kind or default_type
        fields["directed"] = kind in ("directed", "mixed")
        weight = reading.float_of(edge, "weight", where)
        if weight is not None:
            fields["weight"] = weight
            cols["weight"] = reading.place(item=where, attribute="weight")
            names["weight"] = "weight"
        if edge.get("label", "").strip():
            fields["label"] = one_line(edge.get("label", "").strip())
            cols["label"] = reading.place(item=where, attribute="label")
        if edge.get("kind", "").strip():
            fields["type"] = edge.get("kind", "").strip()
            cols["type"] = reading.place(item=where, attribute="kind")
        reading.color(edge, where, fields, cols, names)
        thickness = reading.float_of(_child(edge, "thickness"), "value", where)
        if thickness is not None:
            fields["width"], names["width"], cols["width"] = thickness, "viz:thickness", where
        shape_el = _child(edge, "shape")
        if shape_el is not None and (shape_el.get("value") or "").strip():
            word = (shape_el.get("value") or "").strip().casefold()
            cols["style"] = where
            if word in _EDGE_SHAPES:
                fields["style"] = _EDGE_SHAPES[word]
            else:
                fields["style"] = "solid"
                fields["attributes"][free_name(fields["attributes"], "line")] = word
                problems.append(Adaptation(where, t("io_xml.warn.edge_shape", value=word)))
        reading.values("edge", edge, _EDGE_TITLES, TIE_FIELDS, where, fields, cols, names)
        tidy_drawing(fields)
        reading.time(edge, where, fields)
        keep_bad_weight(fields, names.get("weight", "weight"), cols.get("weight", where), problems)
        raw.ties.append(
            RawTie(
                where, source, target, fields, cols, ref=edge_id, source_where=where, target_where=where, names=names
            )
        )
    problems.extend(reading.notes.adaptations())
    raw.problems.extend(problems)
    meta = _child(root, "meta")
    title = _child(meta, "title")
    if title is not None and title.text and title.text.strip():
        raw.title = title.text.strip()
    return raw
