"""GEXF 1.3, Gephi's own format (``gexf``).

We write ``<gexf version="1.3">`` with typed attribute declarations
(``kind``, ``sector``, ``level``, ``influence``... for nodes; ``sign`` and
``notes`` for edges; then one per custom attribute, by its name), nodes with
``id`` (the actor id), ``label`` (the name) and ``viz:position``, and edges
with a unique ``id`` (the tie id: Gephi drops edges whose ids repeat),
``source``, ``target``, ``label``, ``weight``, ``type`` (``directed`` or
``undirected``, per edge, since ties of both kinds mix) and ``kind`` (the tie
type: Gephi keeps parallel edges of different kinds apart). A custom attribute
named like one of our columns is declared as ``attr.<name>``.

We read GEXF 1.1, 1.2 and 1.3 as Gephi and other tools write them: node
``label`` (else the id), ``viz:position``, attribute values by their
declaration's title, declared defaults, ``defaultedgetype`` and edge
``type`` (``mutual`` is undirected), ``weight`` (default 1), ``kind``
or an edge attribute titled ``type`` for the tie type; edges without an id
get one.

networkx's GEXF writer is not used: it writes our tie type into GEXF's edge
``type`` (which must be directed/undirected/mutual), cannot mark edges one by
one as directed or undirected, refuses ``None`` values and declares a column
of mixed values with the type of its first value.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from nsc_workshop._version import __version__
from nsc_workshop.errors import Problem
from nsc_workshop.i18n import t
from nsc_workshop.io._base import ImportFormatError, RawActor, RawMap, RawTie, one_line
from nsc_workshop.io._graphxml import (
    NSC_NS,
    edges_with_ends,
    kind_of,
    needs_kind,
    node_fields,
    nodes_with_ids,
    parse_document,
    read_value,
    tie_fields,
    write_document,
    xml_type,
)
from nsc_workshop.io._table import (
    ACTOR_FIELDS,
    TIE_FIELDS,
    CellError,
    Column,
    FieldCol,
    Kind,
    cell_to_text,
    decode_cell,
    map_tables,
)
from nsc_workshop.io._xml import local
from nsc_workshop.model import Workshop

__all__ = ["GEXF_NS", "read_gexf", "write_gexf"]

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
    graph = ET.SubElement(root, "graph", {"defaultedgetype": "directed", "mode": "static"})
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
        if actor.x is not None and actor.y is not None:
            ET.SubElement(node, "viz:position", {"x": repr(actor.x), "y": repr(actor.y), "z": "0.0"})
    edges_el = ET.SubElement(graph, "edges")
    for tie, row in zip(ties, edges.rows, strict=True):
        attrs = {
            "id": tie.id,
            "source": tie.source,
            "target": tie.target,
            "type": "directed" if tie.directed else "undirected",
            "kind": tie.type,
            "weight": repr(tie.weight),
        }
        if tie.label:
            attrs["label"] = tie.label
        edge = ET.SubElement(edges_el, "edge", attrs)
        _attvalues(edge, row, edge_ids)
    return write_document(root, path)


# -- reading ---------------------------------------------------------------------

_NODE_TITLES = {f: f for f in (*node_fields(), "x", "y")}
_EDGE_TITLES = {"sign": "sign", "notes": "notes", "type": "type", "label": "label", "weight": "weight"}


def _children(element: ET.Element | None, name: str) -> list[ET.Element]:
    return [] if element is None else [c for c in element if local(c.tag) == name]


def _child(element: ET.Element | None, name: str) -> ET.Element | None:
    found = _children(element, name)
    return found[0] if found else None


class _Declared:
    def __init__(self, title: str, kind: Kind, default: str | None) -> None:
        self.title = title
        self.kind = kind
        self.default = default


def _declarations(graph: ET.Element) -> dict[str, dict[str, _Declared]]:
    out: dict[str, dict[str, _Declared]] = {"node": {}, "edge": {}}
    for block in _children(graph, "attributes"):
        cls = block.get("class", "node")
        if cls not in out:
            continue
        for attribute in _children(block, "attribute"):
            attr_id = attribute.get("id")
            if attr_id is None:
                continue
            title = (attribute.get("title") or attr_id).strip()
            default = _child(attribute, "default")
            out[cls][attr_id] = _Declared(
                title,
                kind_of(attribute.get("type"), attribute.get(f"{{{NSC_NS}}}kind")),
                default.text if default is not None else None,
            )
    return out


def _values(
    element: ET.Element,
    declared: dict[str, _Declared],
    titles: dict[str, str],
    kinds: dict[str, Kind],
    where: str,
    fields: dict[str, Any],
    cols: dict[str, str],
    problems: list[Problem],
) -> None:
    found: dict[str, str] = {}
    for attvalue in _children(_child(element, "attvalues"), "attvalue"):
        key = attvalue.get("for") or attvalue.get("id")
        value = attvalue.get("value")
        if key is not None and value is not None:
            found[key] = value
    for key, decl in declared.items():
        fld = titles.get(decl.title.casefold())
        read_value(found.get(key, decl.default), decl.kind, decl.title, fld, kinds, where, fields, cols, problems)


def _float(text: str | None, place: str, problems: list[Problem]) -> float | None:
    if text is None or not text.strip():
        return None
    try:
        return float(decode_cell(text, "float"))
    except CellError as exc:
        problems.append(Problem(place, str(exc)))
        return None


def read_gexf(path: Path, data: bytes) -> RawMap:
    """Read a GEXF file (see the module's description)."""
    root = parse_document(data, path.name)
    graph = _child(root, "graph")
    if local(root.tag) != "gexf" or graph is None:
        raise ImportFormatError(problems=[Problem(path.name, t("io.problem.no_graph", root="gexf"))])
    declared = _declarations(graph)
    default_type = (graph.get("defaultedgetype") or "directed").strip().casefold()
    problems: list[Problem] = []
    raw = RawMap(match_labels=False)
    for node, ref, where in nodes_with_ids(_children(_child(graph, "nodes"), "node"), problems):
        label = node.get("label")
        fields: dict[str, Any] = {"name": one_line(label.strip()) if label and label.strip() else ref, "attributes": {}}
        cols = {"name": where}
        position = _child(node, "position")
        if position is not None:
            for axis in ("x", "y"):
                value = _float(position.get(axis), t("io.where.attribute", item=where, attribute=axis), problems)
                if value is not None:
                    fields[axis] = value
        _values(node, declared["node"], _NODE_TITLES, ACTOR_FIELDS, where, fields, cols, problems)
        raw.actors.append(RawActor(where, fields, cols, ref=ref))
    for edge, edge_id, where, source, target in edges_with_ends(_children(_child(graph, "edges"), "edge"), problems):
        fields = {"attributes": {}}
        cols = {}
        kind = (edge.get("type") or default_type).strip().casefold()
        if kind not in ("directed", "undirected", "mutual"):
            problems.append(
                Problem(t("io.where.attribute", item=where, attribute="type"), t("io.cell.direction", value=kind))
            )
        fields["directed"] = kind == "directed"
        weight = _float(edge.get("weight"), t("io.where.attribute", item=where, attribute="weight"), problems)
        if weight is not None:
            fields["weight"] = weight
            cols["weight"] = t("io.where.attribute", item=where, attribute="weight")
        if edge.get("label", "").strip():
            fields["label"] = one_line(edge.get("label", "").strip())
            cols["label"] = t("io.where.attribute", item=where, attribute="label")
        if edge.get("kind", "").strip():
            fields["type"] = edge.get("kind", "").strip()
            cols["type"] = t("io.where.attribute", item=where, attribute="kind")
        _values(edge, declared["edge"], _EDGE_TITLES, TIE_FIELDS, where, fields, cols, problems)
        raw.ties.append(
            RawTie(where, source, target, fields, cols, ref=edge_id, source_where=where, target_where=where)
        )
    raw.problems.extend(problems)
    meta = _child(root, "meta")
    title = _child(meta, "title")
    if title is not None and title.text and title.text.strip():
        raw.title = title.text.strip()
    return raw
