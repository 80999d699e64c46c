"""GraphML (``graphml``).

We write typed ``<key>`` declarations (``attr.name``, ``attr.type``) for the
graph (``title``, ``city``, ``country``), for nodes (``label`` = the name,
``kind``, ``sector``, ``level``, ``influence``... ``x``, ``y``) and for edges
(``label``, ``weight``, ``type`` = the tie type, ``sign``, ``notes``), then one
per custom attribute; ``<graph edgedefault="directed">`` and, on each
undirected tie, ``directed="false"`` (GraphML's way of mixing both kinds).
Every node and edge has its ``id`` (the actor or tie id).

We read GraphML as Gephi, yEd and networkx write it: keys by ``attr.name``
(Gephi's ``Edge Label`` and ``Edge Id`` too; yEd's node and edge labels
inside their graphics data), declared defaults, ``edgedefault`` and each
edge's ``directed``; edges without an id get one.

networkx's GraphML support is not used: its reader refuses a graph mixing
directed and undirected edges (``directed="false"`` in a directed graph), and
its writer refuses ``None`` values and declares a column of mixed values twice
under the same name.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

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
    FieldCol,
    Kind,
    Table,
    cell_to_text,
    decode_cell,
    is_empty,
    map_tables,
)
from nsc_workshop.io._xml import local
from nsc_workshop.model import Workshop

__all__ = ["GRAPHML_NS", "read_graphml", "write_graphml"]

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"

_NODE_LAYOUT = (
    FieldCol("id", "id"),
    FieldCol("name", "label", ("name",)),
    *(FieldCol(f, f) for f in node_fields()),
    FieldCol("x", "x"),
    FieldCol("y", "y"),
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
)
_GRAPH_KEYS = ("title", "city", "country")


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


def write_graphml(workshop: Workshop, path: Path) -> Path:
    """Write the actor map as GraphML."""
    actors = list(workshop.actors.values())
    ties = list(workshop.ties.values())
    nodes, edges = map_tables(workshop, _NODE_LAYOUT, _EDGE_LAYOUT)
    root = ET.Element(
        "graphml",
        {
            "xmlns": GRAPHML_NS,
            "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
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
    default = "directed" if any(tie.directed for tie in ties) or not ties else "undirected"
    graph = ET.SubElement(root, "graph", {"id": "G", "edgedefault": default})
    for key_id, value in graph_keys:
        ET.SubElement(graph, "data", {"key": key_id}).text = value
    for actor, row in zip(actors, nodes.rows, strict=True):
        _data(ET.SubElement(graph, "node", {"id": actor.id}), row, node_keys)
    for tie, row in zip(ties, edges.rows, strict=True):
        attrs = {"id": tie.id, "source": tie.source, "target": tie.target}
        if tie.directed != (default == "directed"):
            attrs["directed"] = "true" if tie.directed else "false"
        _data(ET.SubElement(graph, "edge", attrs), row, edge_keys)
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
    return out


def _graphics_label(data: ET.Element) -> str | None:
    """yEd keeps labels inside its graphics data: ``<y:NodeLabel>`` or ``<y:EdgeLabel>``."""
    for element in data.iter():
        if local(element.tag) in ("NodeLabel", "EdgeLabel") and element.text and element.text.strip():
            return one_line(element.text.strip())
    return None


def _read_data(
    element: ET.Element,
    keys: dict[str, _Key],
    names: dict[str, str],
    kinds: dict[str, Kind],
    where: str,
    fields: dict[str, Any],
    cols: dict[str, str],
    problems: list[Problem],
) -> None:
    found: dict[str, ET.Element] = {}
    for child in element:
        if local(child.tag) == "data" and child.get("key") is not None:
            found[child.get("key", "")] = child
    for key_id, key in keys.items():
        data = found.get(key_id)
        if key.name is None:
            if data is not None and key.graphics in ("nodegraphics", "edgegraphics"):
                label = _graphics_label(data)
                target = "name" if key.graphics == "nodegraphics" else "label"
                if label and target not in fields:
                    fields[target] = label
            continue
        fld = names.get(key.name.strip().casefold())
        if fld in ("source", "target", "directed"):  # the edge's own attributes say these
            fld = None
        text = data.text if data is not None else key.default
        read_value(text, key.kind, key.name, fld, kinds, where, fields, cols, problems)


def read_graphml(path: Path, data: bytes) -> RawMap:
    """Read a GraphML file (see the module's description)."""
    root = parse_document(data, path.name)
    graph = next((c for c in root if local(c.tag) == "graph"), None)
    if local(root.tag) != "graphml" or graph is None:
        raise ImportFormatError(problems=[Problem(path.name, t("io.problem.no_graph", root="graphml"))])
    keys = _read_keys(root)
    default_directed = (graph.get("edgedefault") or "directed").strip().casefold() == "directed"
    problems: list[Problem] = []
    raw = RawMap(match_labels=False)
    graph_fields: dict[str, Any] = {"attributes": {}}
    _read_data(
        graph,
        keys["graph"],
        dict(zip(_GRAPH_KEYS, _GRAPH_KEYS, strict=True)),
        dict.fromkeys(_GRAPH_KEYS, "string"),
        "graph",
        graph_fields,
        {},
        problems,
    )
    nodes = [c for c in graph if local(c.tag) == "node"]
    edges = [c for c in graph if local(c.tag) == "edge"]
    for node, ref, where in nodes_with_ids(nodes, problems):
        fields: dict[str, Any] = {"attributes": {}}
        cols: dict[str, str] = {}
        _read_data(node, keys["node"], _NODE_NAMES, ACTOR_FIELDS, where, fields, cols, problems)
        fields.pop("id", None)
        if is_empty(fields.get("name")):
            fields["name"] = ref
        cols.setdefault("name", where)
        raw.actors.append(RawActor(where, fields, cols, ref=ref))
    for edge, edge_id, where, source, target in edges_with_ends(edges, problems):
        fields = {"attributes": {}}
        cols = {}
        directed = edge.get("directed")
        if directed is None:
            fields["directed"] = default_directed
        else:
            try:
                fields["directed"] = decode_cell(directed, "boolean")
            except CellError as exc:
                problems.append(Problem(t("io.where.attribute", item=where, attribute="directed"), str(exc)))
        _read_data(edge, keys["edge"], _EDGE_NAMES, TIE_FIELDS, where, fields, cols, problems)
        data_id = fields.pop("id", None)
        raw.ties.append(
            RawTie(where, source, target, fields, cols, ref=edge_id or data_id, source_where=where, target_where=where)
        )
    raw.problems.extend(problems)
    raw.title = graph_fields.get("title")
    raw.meta = {k: graph_fields[k] for k in ("city", "country") if isinstance(graph_fields.get(k), str)}
    return raw
