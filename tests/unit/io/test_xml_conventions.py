"""GEXF and GraphML as the peer tools read and write them: our exports open in networkx and igraph, the
drawing (colour, size, shape, position, line) goes both ways, yEd's graphics and groups, and what had to be
adapted is said, never lost."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import igraph
import networkx as nx
import pytest

from nsc_workshop.i18n import t
from nsc_workshop.io import ImportFormatError, read_map, write_map
from nsc_workshop.io.gexf import edge_default, networkx_note
from nsc_workshop.model import Workshop

GEXF = "{http://gexf.net/1.3}"
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
Y = "{http://www.yworks.com/xml/graphml}"


def _directed(workshop: Workshop, how: bool | None) -> Workshop:
    """The map with every tie directed (True), undirected (False), or as it is (None: mixed)."""
    data = workshop.model_dump(mode="json")
    if how is not None:
        for tie in data["ties"]:
            tie["directed"] = how
    return Workshop.model_validate(data, context={"bundle": True})


@pytest.mark.parametrize("how", [True, False])
def test_networkx_and_igraph_read_our_exports_of_a_map_all_directed_or_all_undirected(hard, tmp_path, how):
    ws = _directed(hard, how)
    assert edge_default(ws) == ("directed" if how else "undirected")
    assert networkx_note(ws) is None
    gexf = write_map(ws, tmp_path / "m.gexf", "gexf")
    graph = ET.parse(gexf).getroot().find(f"{GEXF}graph")
    assert graph is not None and graph.get("defaultedgetype") == edge_default(ws)
    assert all(edge.get("type") is None for edge in graph.iter(f"{GEXF}edge"))  # the graph's default says it
    graphml = write_map(ws, tmp_path / "m.graphml", "graphml")
    for graph_nx in (nx.read_gexf(gexf), nx.read_graphml(graphml)):
        assert graph_nx.is_directed() is how
        assert (graph_nx.number_of_nodes(), graph_nx.number_of_edges()) == (len(ws.actors), len(ws.ties))
    graph_ig = igraph.Graph.Read_GraphML(str(graphml))
    assert (graph_ig.vcount(), graph_ig.ecount(), graph_ig.is_directed()) == (len(ws.actors), len(ws.ties), how)
    assert sorted(graph_ig.vs["label"]) == sorted(a.name for a in ws.actors.values())


def test_a_mixed_map_writes_what_gephi_and_igraph_read_and_tells_networkx_users_what_to_do(hard, tmp_path):
    assert {tie.directed for tie in hard.ties.values()} == {True, False}
    assert edge_default(hard) == "mixed"
    gexf = write_map(hard, tmp_path / "m.gexf", "gexf")
    graph = ET.parse(gexf).getroot().find(f"{GEXF}graph")
    assert graph is not None and graph.get("defaultedgetype") == "mixed"
    types = [edge.get("type") for edge in graph.iter(f"{GEXF}edge")]
    assert types == ["directed" if tie.directed else "undirected" for tie in hard.ties.values()]
    graphml = write_map(hard, tmp_path / "m.graphml", "graphml")
    with pytest.raises(nx.NetworkXError):
        nx.read_gexf(gexf)
    with pytest.raises(nx.NetworkXError):
        nx.read_graphml(graphml)
    assert igraph.Graph.Read_GraphML(str(graphml)).ecount() == len(hard.ties)
    note = networkx_note(hard)
    undirected = sum(1 for tie in hard.ties.values() if not tie.directed)
    assert note is not None and "CSV" in note and f"{undirected} undirected" in note
    assert networkx_note(_directed(hard, False)) is None


def test_networkx_reads_our_gexf_drawing(hard, tmp_path):
    ws = _directed(hard, True)
    graph = nx.read_gexf(write_map(ws, tmp_path / "m.gexf", "gexf"))
    first = next(iter(ws.actors.values()))
    viz = graph.nodes[first.id]["viz"]
    assert viz["color"]["r"] == int(first.color[1:3], 16) and viz["size"] == first.size
    assert (viz["position"]["x"], viz["position"]["y"]) == (first.x, -first.y)  # Gephi's y grows upwards
    # networkx 3.x reads viz:shape's attribute "shape", not the schema's "value": it gets None for any shape
    assert "shape" in viz
    root = ET.parse(tmp_path / "m.gexf").getroot()
    shapes = {n.get("id"): n.find("{http://gexf.net/1.3/viz}shape") for n in root.iter(f"{GEXF}node")}
    assert shapes[first.id].get("value") == "diamond"  # type: ignore[union-attr]
    star = next(a for a in ws.actors.values() if a.shape == "star")
    assert shapes[star.id].get("value") == "disc"  # type: ignore[union-attr]  # GEXF has no star: disc, ours beside


def _without_keys(path: Path, names: set[str]) -> Path:
    """The GraphML file as yEd would have it: only the graphics say the drawing."""
    tree = ET.parse(path)
    root = tree.getroot()
    dropped = set()
    for key in list(root.findall(f"{GRAPHML}key")):
        if key.get("attr.name") in names:
            root.remove(key)
            dropped.add(key.get("id"))
    for parent in root.iter():
        for data in list(parent.findall(f"{GRAPHML}data")):
            if data.get("key") in dropped:
                parent.remove(data)
    out = path.with_name("yed.graphml")
    tree.write(out, encoding="utf-8", xml_declaration=True)
    return out


def test_our_graphml_draws_in_yed(hard, tmp_path):
    path = write_map(hard, tmp_path / "m.graphml", "graphml")
    root = ET.parse(path).getroot()
    node = root.find(f"{GRAPHML}graph/{GRAPHML}node")
    assert node is not None
    shape_node = node.find(f"{GRAPHML}data/{Y}ShapeNode")
    assert shape_node is not None
    first = next(iter(hard.actors.values()))
    assert shape_node.find(f"{Y}NodeLabel").text == first.name  # type: ignore[union-attr]
    assert shape_node.find(f"{Y}Fill").get("color") == first.color.upper()  # type: ignore[union-attr]
    # read back with only yEd's graphics: the drawing is the same
    back = read_map(_without_keys(path, {"color", "size", "shape", "x", "y", "label", "width", "style"}))
    for actor in hard.actors.values():
        other = back.actors[actor.id]
        assert (other.name, other.color, other.shape) == (actor.name, actor.color, actor.shape)
        if actor.size is not None:
            assert other.size == pytest.approx(actor.size)
        if actor.x is not None and actor.y is not None:
            assert (other.x, other.y) == (pytest.approx(actor.x), pytest.approx(actor.y))
    for tie in hard.ties.values():
        other_tie = back.ties[tie.id]
        assert (other_tie.color, other_tie.style or "solid", other_tie.label) == (
            tie.color,
            tie.style or "solid",
            tie.label,
        )
        assert other_tie.width == tie.width or (tie.width is None and other_tie.width == 1.0)  # yEd's default
    plain = [
        tie for tie in hard.ties.values() if tie.directed and not (tie.color or tie.width or tie.style or tie.label)
    ]
    assert plain and all(back.ties[tie.id].width is None for tie in plain)  # drawn as yEd draws any edge: no graphics


GEXF_HEAD = '<?xml version="1.0" encoding="UTF-8"?><gexf xmlns="http://gexf.net/1.3" version="1.3">'


def _gexf(tmp_path: Path, body: str, name: str = "m.gexf") -> Path:
    path = tmp_path / name
    path.write_text(f"{GEXF_HEAD}{body}</gexf>", "utf-8")
    return path


def test_weights_a_tie_cannot_have_keep_the_tie_and_say_so(tmp_path):
    path = _gexf(
        tmp_path,
        '<graph defaultedgetype="directed"><nodes><node id="a"/><node id="b"/></nodes><edges>'
        '<edge id="1" source="a" target="b" weight="INF"/><edge id="2" source="b" target="a" weight="0"/>'
        '<edge id="3" source="a" target="b" weight="7"/></edges></graph>',
    )
    found: list = []
    ws = read_map(path, warnings=found)
    assert [(tie.weight, tie.attributes) for tie in ws.ties.values()] == [
        (1.0, {"weight": "INF"}),
        (1.0, {"weight": 0}),
        (7.0, {}),
    ]
    assert len(found) == 2 and all("weight 1" in str(w) for w in found)
    with pytest.raises(ImportFormatError):
        read_map(path, strict=True)


def test_a_value_over_time_keeps_the_latest_and_the_series(tmp_path):
    path = _gexf(
        tmp_path,
        '<graph mode="dynamic"><attributes class="node" mode="dynamic">'
        '<attribute id="i" title="influence" type="integer"/></attributes>'
        '<nodes><node id="a" label="Varnholm police"><attvalues>'
        '<attvalue for="i" value="6" start="2021"/><attvalue for="i" value="4" start="2019" end="2021"/>'
        "</attvalues></node></nodes></graph>",
    )
    found: list = []
    actor = read_map(path, warnings=found).actors["a"]
    name = t("io_xml.name.over_time", name="influence")
    assert (actor.influence, actor.attributes) == (6, {name: "2019: 4; 2021: 6"})
    assert len(found) == 1 and name in str(found[0])


def test_a_yed_group_is_read_whole(tmp_path):
    path = tmp_path / "groups.graphml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
        'xmlns:y="http://www.yworks.com/xml/graphml"><key for="node" id="d6" yfiles.type="nodegraphics"/>'
        '<graph edgedefault="directed" id="G">'
        '<node id="n0" yfiles.foldertype="group"><data key="d6"><y:ProxyAutoBoundsNode><y:Realizers active="1">'
        "<y:GroupNode><y:NodeLabel>open</y:NodeLabel></y:GroupNode>"
        "<y:GroupNode><y:NodeLabel>Sørhavn harbour</y:NodeLabel></y:GroupNode>"
        "</y:Realizers></y:ProxyAutoBoundsNode></data>"
        '<graph edgedefault="directed" id="n0:"><node id="n0::n0"/><node id="n0::n1"/>'
        '<node id="n0::n2" yfiles.foldertype="group"><graph id="n0::n2:"><node id="n0::n2::n0"/></graph></node>'
        '<edge source="n0::n0" target="n0::n1"/></graph></node>'
        '<node id="n1"/><edge source="n1" target="n0::n2::n0"/></graph></graphml>',
        "utf-8",
    )
    found: list = []
    ws = read_map(path, warnings=found)
    assert (len(ws.actors), len(ws.ties)) == (6, 2)  # both groups are actors, every member too
    group = ws.actors["n0"]
    assert (group.name, group.kind) == ("Sørhavn harbour", "group")  # the active realizer's label
    assert ws.actors["n0::n1"].tags == ["Sørhavn harbour"]
    assert ws.actors["n0::n2::n0"].tags == ["n0::n2"]
    assert len(found) == 2  # one per group


def test_undeclared_and_positional_references_are_never_lost(tmp_path):
    path = _gexf(
        tmp_path,
        '<graph><attributes class="node"><attribute id="sector" title="sector" type="string"/></attributes>'
        '<nodes><node id="a"><attvalues><attvalue for="0" value="Police"/><attvalue for="x9" value="1"/>'
        "</attvalues></node></nodes></graph>",
    )
    found: list = []
    actor = read_map(path, warnings=found).actors["a"]
    assert (actor.sector, actor.attributes) == ("Police", {"x9": "1"})
    assert len(found) == 2


def test_a_large_graphml_from_networkx_is_read_whole(tmp_path):
    graph = nx.gnm_random_graph(400, 1200, seed=3, directed=True)
    for node in graph.nodes:
        graph.nodes[node].update(label=f"Unit {node}", r=0, g=114, b=178, x=float(node), y=-1.5, size=10.0)
    path = tmp_path / "big.graphml"
    nx.write_graphml(graph, path)
    ws = read_map(path)
    assert (len(ws.actors), len(ws.ties)) == (400, 1200)
    assert {a.color for a in ws.actors.values()} == {"#0072b2"}
    assert ws.actors["7"].x == 7.0


def test_drawing_keys_in_other_tools_words(tmp_path):
    path = tmp_path / "words.graphml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
        '<key id="c" for="all" attr.name="color" attr.type="string"/>'
        '<key id="s" for="node" attr.name="shape" attr.type="string"/>'
        '<key id="l" for="edge" attr.name="style" attr.type="string"/>'
        '<graph edgedefault="directed">'
        '<node id="a"><data key="c">rgb(0, 114, 178)</data><data key="s">rect</data></node>'
        '<node id="b"><data key="c">#FF000080</data><data key="s">circle</data></node>'
        '<node id="c"><data key="c">salmon-ish</data><data key="s">blob</data></node>'
        '<edge source="a" target="b"><data key="l">dash</data><data key="c">#0F0</data></edge>'
        "</graph></graphml>",
        "utf-8",
    )
    found: list = []
    ws = read_map(path, warnings=found)
    a, b, c = (ws.actors[k] for k in "abc")
    assert (a.color, a.shape, b.color, b.shape) == ("#0072b2", "box", "#ff0000", "ellipse")
    assert (c.color, c.shape, c.attributes) == (
        None,
        None,
        {"color": "salmon-ish", "shape": "blob"},
    )  # the file's names
    tie = next(iter(ws.ties.values()))
    assert (tie.style, tie.color) == ("dashed", "#00ff00")
    assert len(found) == 2  # the two words no tool draws, kept as attributes
