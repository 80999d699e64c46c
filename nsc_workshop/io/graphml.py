"""GraphML (``graphml``), with yEd's graphics.

We write typed ``<key>`` declarations (``attr.name``, ``attr.type``) for the
graph (``title``, ``city``, ``country``), for nodes (``label`` = the name,
``kind``, ``sector``, ``level``, ``influence``... ``x``, ``y``, ``color``,
``size``, ``shape``) and for edges (``label``, ``weight``, ``type`` = the tie
type, ``sign``, ``notes``, ``color``, ``width``, ``style``), then one per
custom attribute. ``<graph edgedefault>`` is ``undirected`` when every tie is
undirected, else ``directed``, with ``directed="false"`` on each undirected
tie of a map that mixes both (GraphML's way; networkx refuses such a graph,
igraph and Gephi read it: :func:`nsc_workshop.io.gexf.networkx_note`). Every
node and edge has its ``id`` (the actor or tie id). yEd's graphics keys
(``yfiles.type`` ``nodegraphics`` and ``edgegraphics``) draw each actor as a
``y:ShapeNode`` (its name, colour, shape, size and position) and each tie as
a ``y:PolyLineEdge`` (its colour, width, style, label and arrow; none for a
directed tie drawn as yEd draws any edge), so yEd shows
the map as drawn; other tools ignore them.

We read GraphML as Gephi, yEd, networkx, igraph and Cytoscape write it: keys
by ``attr.name`` (``label`` or ``name``, igraph's, for the name; Gephi's
``Edge Label``, ``Edge Id``, ``r``/``g``/``b`` (a colour), ``x``, ``y``,
``size``; a ``color`` key in hex), keys ``for="all"``, declared defaults,
``edgedefault`` and each edge's ``directed``; edges without an id get one.
yEd's graphics give what no key of the file declares: the name
(``y:NodeLabel``, ``y:EdgeLabel``), the colour (``y:Fill``, ``y:LineStyle``),
the shape (``y:Shape``: rectangle → box, roundrectangle → round_box,
ellipse, diamond, triangle, hexagon, octagon, star5/6/8 → star; another shape
is kept as the custom attribute ``yEd shape``, said), the size and position
(``y:Geometry``: the size is the larger side, the position the box's centre)
and the line's width and style.

A node holding a graph of its own (a yEd group or folder, ``yfiles.foldertype``,
or any nested graph) is read whole: every node and edge inside it is part of
the map, and the group node itself is kept as an actor of kind ``group`` (yEd
users draw groups as boxes around the actors of one organisation or place, and
ties may join the box itself); each member is tagged with the group's name.
Each group is said. A file holding several graphs side by side is read
into one map, said. Hyperedges (an edge joining more than two nodes) are
skipped and ports ignored (edges join their nodes), said once per file.

networkx's GraphML support is not used: its reader refuses a graph mixing
directed and undirected edges (``directed="false"`` in a directed graph), and
its writer refuses ``None`` values and declares a column of mixed values twice
under the same name.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

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
    CellError,
    FieldCol,
    Kind,
    Table,
    cell_to_text,
    decode_cell,
    is_empty,
    map_tables,
)
from nsc_workshop.io._xml import local
from nsc_workshop.model import Actor, Tie, Workshop

__all__ = ["GRAPHML_NS", "YED_NS", "read_graphml", "write_graphml"]

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
YED_NS = "http://www.yworks.com/xml/graphml"

_NODE_LAYOUT = (
    FieldCol("id", "id"),
    FieldCol("name", "label", ("name",)),
    *(FieldCol(f, f) for f in node_fields()),
    FieldCol("x", "x"),
    FieldCol("y", "y"),
    FieldCol("color", "color"),
    FieldCol("size", "size"),
    FieldCol("shape", "shape"),
)
_EDGE_LAYOUT = (
    FieldCol("id", "id", ("edge id",)),
    FieldCol("source", "source"),
    FieldCol("target", "target"),
    FieldCol("directed", "directed"),
    FieldCol("label", "label", ("edge label",)),
    FieldCol("weight", "weight"),
    FieldCol("type", "type", ("kind",)),
    *(FieldCol(f, f) for f in tie_fields()),
    FieldCol("color", "color"),
    FieldCol("width", "width"),
    FieldCol("style", "style"),
)
_GRAPH_KEYS = ("title", "city", "country")
_YED_SHAPES = {
    "box": "rectangle",
    "round_box": "roundrectangle",
    "ellipse": "ellipse",
    "diamond": "diamond",
    "triangle": "triangle",
    "hexagon": "hexagon",
    "octagon": "octagon",
    "star": "star5",
    "text": "rectangle",
}
_YED_LINES = {"solid": "line", "dashed": "dashed", "dotted": "dotted"}
_DEFAULT_SIDE = 30.0


def _keys(root: ET.Element, target: str, table: Table, skip: set[str], start: int) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    for index, column in enumerate(table.columns):
        if column.field in skip:
            continue
        key_id = f"d{start + len(out)}"
        attrs = {"id": key_id, "for": target, "attr.name": column.header, "attr.type": xml_type(column.kind)}
        if needs_kind(column.kind):
            attrs["nsc:kind"] = column.kind
        ET.SubElement(root, "key", attrs)
        out.append((index, key_id))
    return out


def _data(parent: ET.Element, row: list[Any], keys: list[tuple[int, str]]) -> None:
    for index, key_id in keys:
        if row[index] is not None:
            ET.SubElement(parent, "data", {"key": key_id}).text = cell_to_text(row[index])


def _node_graphics(parent: ET.Element, actor: Actor) -> None:
    node = ET.SubElement(ET.SubElement(parent, "data", {"key": "ng"}), "y:ShapeNode")
    side = actor.size if actor.size is not None else _DEFAULT_SIDE
    geometry = {"height": repr(side), "width": repr(side)}
    if actor.x is not None and actor.y is not None:
        geometry.update(x=repr(actor.x - side / 2), y=repr(actor.y - side / 2))
    ET.SubElement(node, "y:Geometry", geometry)
    if actor.color is not None:
        ET.SubElement(node, "y:Fill", {"color": actor.color.upper(), "transparent": "false"})
    ET.SubElement(node, "y:NodeLabel").text = actor.name
    if actor.shape is not None:
        ET.SubElement(node, "y:Shape", {"type": _YED_SHAPES[actor.shape]})


def _edge_graphics(parent: ET.Element, tie: Tie) -> None:
    if tie.directed and tie.color is None and tie.width is None and tie.style is None and not tie.label:
        return  # yEd's default edge: a thin black line with an arrow
    edge = ET.SubElement(ET.SubElement(parent, "data", {"key": "eg"}), "y:PolyLineEdge")
    line = {"type": _YED_LINES[tie.style or "solid"], "width": repr(tie.width if tie.width is not None else 1.0)}
    if tie.color is not None:
        line["color"] = tie.color.upper()
    ET.SubElement(edge, "y:LineStyle", line)
    ET.SubElement(edge, "y:Arrows", {"source": "none", "target": "standard" if tie.directed else "none"})
    if tie.label:
        ET.SubElement(edge, "y:EdgeLabel").text = tie.label


def write_graphml(workshop: Workshop, path: Path) -> Path:
    """Write the actor map as GraphML (with yEd's graphics)."""
    actors = list(workshop.actors.values())
    ties = list(workshop.ties.values())
    nodes, edges = map_tables(workshop, _NODE_LAYOUT, _EDGE_LAYOUT)
    root = ET.Element(
        "graphml",
        {
            "xmlns": GRAPHML_NS,
            "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
            "xmlns:y": YED_NS,
            "xmlns:nsc": NSC_NS,
            "xsi:schemaLocation": f"{GRAPHML_NS} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
        },
    )
    graph_keys = []
    for name in _GRAPH_KEYS:
        key_id = f"g_{name}"
        ET.SubElement(root, "key", {"id": key_id, "for": "graph", "attr.name": name, "attr.type": "string"})
        graph_keys.append((key_id, getattr(workshop.meta, name)))
    node_keys = _keys(root, "node", nodes, {"id"}, 0)
    edge_keys = _keys(root, "edge", edges, {"id", "source", "target", "directed"}, len(node_keys))
    ET.SubElement(root, "key", {"id": "ng", "for": "node", "yfiles.type": "nodegraphics"})
    ET.SubElement(root, "key", {"id": "eg", "for": "edge", "yfiles.type": "edgegraphics"})
    default = "undirected" if ties and not any(tie.directed for tie in ties) else "directed"
    graph = ET.SubElement(root, "graph", {"id": "G", "edgedefault": default})
    for key_id, value in graph_keys:
        ET.SubElement(graph, "data", {"key": key_id}).text = value
    for actor, row in zip(actors, nodes.rows, strict=True):
        node = ET.SubElement(graph, "node", {"id": actor.id})
        _data(node, row, node_keys)
        _node_graphics(node, actor)
    for tie, row in zip(ties, edges.rows, strict=True):
        attrs = {"id": tie.id, "source": tie.source, "target": tie.target}
        if tie.directed != (default == "directed"):
            attrs["directed"] = "true" if tie.directed else "false"
        edge = ET.SubElement(graph, "edge", attrs)
        _data(edge, row, edge_keys)
        _edge_graphics(edge, tie)
    return write_document(root, path)


# -- reading ---------------------------------------------------------------------

_NODE_NAMES = {name.casefold(): spec.field for spec in _NODE_LAYOUT for name in (spec.header, *spec.aliases)}
_EDGE_NAMES = {name.casefold(): spec.field for spec in _EDGE_LAYOUT for name in (spec.header, *spec.aliases)}


class _Key:
    def __init__(self, name: str | None, kind: Kind, default: str | None, graphics: str | None) -> None:
        self.name = name
        self.kind = kind
        self.default = default
        self.graphics = graphics


def _read_keys(root: ET.Element) -> dict[str, dict[str, _Key]]:
    out: dict[str, dict[str, _Key]] = {"node": {}, "edge": {}, "graph": {}}
    for key in root:
        if local(key.tag) != "key" or key.get("id") is None:
            continue
        default = next((c for c in key if local(c.tag) == "default"), None)
        spec = _Key(
            key.get("attr.name"),
            kind_of(key.get("attr.type"), key.get(f"{{{NSC_NS}}}kind")),
            default.text if default is not None else None,
            key.get("yfiles.type"),
        )
        targets = ("node", "edge", "graph") if key.get("for", "all") == "all" else (key.get("for", ""),)
        for target in targets:
            if target in out:
                out[target][key.get("id", "")] = spec
    # named keys first, graphics last: what a key declares wins over the drawing
    return {target: dict(sorted(keys.items(), key=lambda kv: kv[1].name is None)) for target, keys in out.items()}


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text is not None else None
    except ValueError:
        return None


def _first(element: ET.Element, name: str) -> ET.Element | None:
    for child in element.iter():
        if local(child.tag) == name:
            return child
    return None


def _label(element: ET.Element, name: str) -> str | None:
    for child in element.iter():
        if local(child.tag) == name and child.text and child.text.strip():
            return one_line(child.text.strip())
    return None


def _realizer(data: ET.Element) -> ET.Element:
    """The drawing yEd shows of a node: a group's active realizer (open or closed), else the data itself."""
    proxy = _first(data, "ProxyAutoBoundsNode")
    if proxy is not None:
        realizers = _first(proxy, "Realizers")
        if realizers is not None and len(realizers):
            try:
                active = int(realizers.get("active", "0"))
            except ValueError:
                active = 0
            return realizers[min(max(active, 0), len(realizers) - 1)]
    return data


class _Graphics:
    """What yEd's drawing of a node or an edge gives, for the fields no key of the file declares."""

    def __init__(self, declared: set[str], notes: Notes) -> None:
        self.declared = declared
        self.notes = notes
        self.nodes_needed = not {"name", "color", "shape", "size", "x", "y"} <= declared
        self.edges_needed = not {"label", "color", "width", "style"} <= declared

    def _put(self, fields: dict[str, Any], fld: str, value: Any, where: str, cols: dict[str, str]) -> None:
        if value is not None and fld not in self.declared and is_empty(fields.get(fld)):
            fields[fld] = value
            cols.setdefault(fld, where)

    def node(self, data: ET.Element, where: str, fields: dict[str, Any], cols: dict[str, str]) -> None:
        if not self.nodes_needed:  # the file's keys say all the drawing could (our own files)
            return
        drawing = _realizer(data)
        self._put(fields, "name", _label(drawing, "NodeLabel"), where, cols)
        fill = _first(drawing, "Fill")
        if fill is not None and fill.get("transparent", "false") != "true":
            self._put(fields, "color", color_text(fill.get("color")), where, cols)
        shape = _first(drawing, "Shape")
        if shape is not None and shape.get("type"):
            ours = shape_from(shape.get("type"))
            if ours is None and "shape" not in self.declared:
                word = shape.get("type", "")
                fields["attributes"][free_name(fields["attributes"], "yEd shape")] = word
                self.notes.add("io_xml.warn.yed_shape", where, value=word)
            self._put(fields, "shape", ours, where, cols)
        geometry = _first(drawing, "Geometry")
        if geometry is not None:
            width, height = _float(geometry.get("width")), _float(geometry.get("height"))
            left, top = _float(geometry.get("x")), _float(geometry.get("y"))
            if width is not None and height is not None and width > 0 and height > 0:
                self._put(fields, "size", max(width, height), where, cols)
            if left is not None and top is not None and not ({"x", "y"} & self.declared) and "x" not in fields:
                fields["x"] = left + (width or 0.0) / 2
                fields["y"] = top + (height or 0.0) / 2

    def edge(self, data: ET.Element, where: str, fields: dict[str, Any], cols: dict[str, str]) -> None:
        if not self.edges_needed:
            return
        self._put(fields, "label", _label(data, "EdgeLabel"), where, cols)
        line = _first(data, "LineStyle")
        if line is None:
            return
        self._put(fields, "color", color_text(line.get("color")), where, cols)
        width = _float(line.get("width"))
        if width is not None and width > 0:
            self._put(fields, "width", width, where, cols)
        kind = (line.get("type") or "").strip().casefold()
        style = {"line": "solid", "dashed": "dashed", "dotted": "dotted"}.get(kind)
        if kind and style is None and "style" not in self.declared:
            style = "dashed"
            self.notes.add("io_xml.warn.yed_line", where, value=kind)
        self._put(fields, "style", style, where, cols)


_DATA_TAG = f"{{{GRAPHML_NS}}}data"
_Plan = list[tuple[str, _Key, "str | None"]]


def _plan(keys: dict[str, _Key], names: dict[str, str]) -> _Plan:
    """Each key of a kind of element with the model field it fills (None: a custom attribute), worked out once."""
    out: _Plan = []
    for key_id, key in keys.items():
        fld = names.get(key.name.strip().casefold()) if key.name is not None else None
        if fld in ("source", "target", "directed"):  # the edge's own attributes say these
            fld = None
        out.append((key_id, key, fld))
    return out


def _read_data(
    element: ET.Element,
    plan: _Plan,
    keys: dict[str, _Key],
    kinds: dict[str, Kind],
    where: str,
    fields: dict[str, Any],
    cols: dict[str, str],
    problems: list[Problem],
    file_names: dict[str, str] | None = None,
    graphics: _Graphics | None = None,
    place_fmt: Callable[..., str] | None = None,
) -> None:
    found: dict[str, ET.Element] = {}
    for child in element:
        key_id = child.get("key")
        if key_id is not None and (child.tag == _DATA_TAG or local(child.tag) == "data"):
            found[key_id] = child
    if graphics is not None:
        for key_id in [k for k in found if k not in keys]:
            text = found[key_id].text
            if text is not None and text.strip() and not len(found[key_id]):
                name = free_name(fields["attributes"], key_id)
                fields["attributes"][name] = text.strip()
                graphics.notes.add("io_xml.warn.undeclared_key", where, key=key_id)
    for key_id, key, fld in plan:
        data = found.get(key_id)
        if key.name is None:
            if data is not None and graphics is not None and key.graphics in ("nodegraphics", "edgegraphics"):
                if key.graphics == "nodegraphics":
                    graphics.node(data, where, fields, cols)
                else:
                    graphics.edge(data, where, fields, cols)
            continue
        text = data.text if data is not None else key.default
        if text is not None:
            read_value(text, key.kind, key.name, fld, kinds, where, fields, cols, problems, file_names, place_fmt)


def _rgb(fields: dict[str, Any], names: dict[str, str]) -> None:
    """Gephi's ``r``, ``g``, ``b`` keys: the actor's colour."""
    attributes = fields["attributes"]
    channels = {name.casefold(): name for name in attributes if name.casefold() in ("r", "g", "b")}
    if len(channels) < 3 or not is_empty(fields.get("color")):
        return
    color = color_from_rgb(*(attributes[channels[c]] for c in "rgb"))
    if color is not None:
        for name in channels.values():
            del attributes[name]
        fields["color"] = color
        names["color"] = "r, g, b"


class _Walk:
    """Every node and edge of a graph and of the graphs nested in its nodes (yEd's groups).

    Each edge comes with its graph's ``edgedefault`` (a nested graph without one takes its parent's).
    """

    def __init__(self, notes: Notes) -> None:
        self.nodes: list[tuple[ET.Element, ET.Element | None]] = []
        self.edges: list[ET.Element] = []
        self.directed: list[bool] = []
        self.groups: list[ET.Element] = []
        self.notes = notes

    def graph(self, graph: ET.Element, parent: ET.Element | None, directed: bool = True) -> None:
        stack = [(graph, parent, directed)]
        while stack:
            current, owner, inherited = stack.pop()
            default = current.get("edgedefault")
            here = inherited if default is None else default.strip().casefold() == "directed"
            inner: list[tuple[ET.Element, ET.Element, bool]] = []
            for child in current:
                name = local(child.tag)
                if name == "node":
                    self.nodes.append((child, owner))
                    for sub in child:
                        sub_name = local(sub.tag)
                        if sub_name == "graph":
                            self.groups.append(child)
                            inner.append((sub, child, here))
                        elif sub_name == "port":
                            self.notes.add("io_xml.warn.ports", t("io_xml.where.node", id=child.get("id") or "?"))
                elif name == "edge":
                    self.edges.append(child)
                    self.directed.append(here)
                    if child.get("sourceport") or child.get("targetport"):
                        self.notes.add("io_xml.warn.ports", t("io_xml.where.edge", id=child.get("id") or "?"))
                elif name == "hyperedge":
                    ends = [e.get("node") or "?" for e in child if local(e.tag) == "endpoint"]
                    self.notes.add("io_xml.warn.hyperedge", t("io_xml.where.hyperedge", nodes=", ".join(ends[:5])))
            stack.extend(reversed(inner))


def read_graphml(path: Path, data: bytes) -> RawMap:
    """Read a GraphML file (see the module's description)."""
    root = parse_document(data, path.name)
    graph = next((c for c in root if local(c.tag) == "graph"), None)
    if local(root.tag) != "graphml" or graph is None:
        raise ImportFormatError(problems=[Problem(path.name, t("io.problem.no_graph", root="graphml"))])
    keys = _read_keys(root)
    problems: list[Problem] = []
    notes = Notes()
    raw = RawMap(match_labels=False)
    graph_fields: dict[str, Any] = {"attributes": {}}
    _read_data(
        graph,
        _plan(keys["graph"], {**dict(zip(_GRAPH_KEYS, _GRAPH_KEYS, strict=True)), "name": "title", "label": "title"}),
        keys["graph"],
        dict.fromkeys(_GRAPH_KEYS, "string"),
        "graph",
        graph_fields,
        {},
        problems,
    )
    node_plan, edge_plan = _plan(keys["node"], _NODE_NAMES), _plan(keys["edge"], _EDGE_NAMES)
    place_fmt = place_format("io.where.attribute", "item", "attribute")
    walk = _Walk(notes)
    graphs = [c for c in root if local(c.tag) == "graph"]
    for other in graphs:
        walk.graph(other, None)
    if len(graphs) > 1:
        problems.append(Adaptation(path.name, t("io_xml.warn.graphs", count=len(graphs))))
    node_graphics = _Graphics(_declared(keys["node"], _NODE_NAMES), notes)
    edge_graphics = _Graphics(_declared(keys["edge"], _EDGE_NAMES), notes)
    actors: dict[int, RawActor] = {}
    for node, ref, where in nodes_with_ids((n for n, _ in walk.nodes), problems):
        fields: dict[str, Any] = {"attributes": {}}
        cols: dict[str, str] = {}
        names: dict[str, str] = {}
        _read_data(
            node, node_plan, keys["node"], ACTOR_FIELDS, where, fields, cols, problems, names, node_graphics, place_fmt
        )
        fields.pop("id", None)
        _rgb(fields, names)
        tidy_drawing(fields)
        if is_empty(fields.get("name")):
            fields["name"] = ref
        cols.setdefault("name", where)
        actor = RawActor(where, fields, cols, ref=ref, names=names)
        actors[id(node)] = actor
        raw.actors.append(actor)
    members: dict[int, int] = {}
    for node, owner in walk.nodes:
        if owner is not None and id(node) in actors and id(owner) in actors:
            group = actors[id(owner)]
            tags = actors[id(node)].fields.setdefault("tags", [])
            if isinstance(tags, list) and group.fields["name"] not in tags:
                tags.append(group.fields["name"])
            members[id(owner)] = members.get(id(owner), 0) + 1
    for group_node in walk.groups:
        holder = actors.get(id(group_node))
        if holder is None:
            continue
        if is_empty(holder.fields.get("kind")):
            holder.fields["kind"] = "group"
        problems.append(
            Adaptation(
                holder.where,
                t("io_xml.warn.group", name=holder.fields["name"], count=members.get(id(group_node), 0)),
            )
        )
    edge_defaults = {id(edge): directed for edge, directed in zip(walk.edges, walk.directed, strict=True)}
    for edge, edge_id, where, source, target in edges_with_ends(walk.edges, problems):
        fields = {"attributes": {}}
        cols = {}
        names = {}
        default_directed = edge_defaults[id(edge)]
        directed = edge.get("directed")
        if directed is None:
            fields["directed"] = default_directed
        else:
            try:
                fields["directed"] = decode_cell(directed, "boolean")
            except CellError:
                fields["directed"] = default_directed
                problems.append(
                    Adaptation(
                        t("io.where.attribute", item=where, attribute="directed"),
                        t("io_xml.warn.directed", value=directed),
                    )
                )
        _read_data(
            edge, edge_plan, keys["edge"], TIE_FIELDS, where, fields, cols, problems, names, edge_graphics, place_fmt
        )
        data_id = fields.pop("id", None)
        tidy_drawing(fields)
        keep_bad_weight(fields, names.get("weight", "weight"), cols.get("weight", where), problems)
        raw.ties.append(
            RawTie(
                where,
                source,
                target,
                fields,
                cols,
                ref=edge_id or (data_id if isinstance(data_id, str) else None),
                source_where=where,
                target_where=where,
                names=names,
            )
        )
    problems.extend(notes.adaptations())
    raw.problems.extend(problems)
    raw.title = graph_fields.get("title")
    raw.meta = {k: graph_fields[k] for k in ("city", "country") if isinstance(graph_fields.get(k), str)}
    return raw


def _declared(keys: dict[str, _Key], names: dict[str, str]) -> set[str]:
    """The fields some named key of the file gives (yEd's drawing does not override them)."""
    out = {names[k.name.strip().casefold()] for k in keys.values() if k.name and k.name.strip().casefold() in names}
    if {"r", "g", "b"} <= {k.name.strip().casefold() for k in keys.values() if k.name}:
        out.add("color")
    return out
