"""PRSM's and Gephi's conventions as their users rely on them: how a PRSM map is drawn (colours, shapes, sizes,
link colours, widths, dashes) and what its link types mean (opposition), PRSM's spreadsheet with repeated names,
and the CSV files Gephi's spreadsheet import takes (any separator, blank and comment lines, ragged rows,
repeated ids, a single edge list, an adjacency matrix)."""

from __future__ import annotations

import json
import re

import openpyxl
import pytest

from nsc_workshop.io import ImportFormatError, detect_format, read_map, write_map
from nsc_workshop.io.prsm import means_opposition, means_support, prsm_xlsx_notes, unique_labels, write_prsm
from nsc_workshop.model import Workshop
from nsc_workshop.testing import make_workshop


def _by_name(ws: Workshop) -> dict:
    return {a.name: a for a in ws.actors.values()}


def _tie(ws: Workshop, source: str, target: str):
    names = _by_name(ws)
    return next(t for t in ws.ties.values() if (t.source, t.target) == (names[source].id, names[target].id))


def _prsm(tmp_path, nodes, edges, styles=None, name="m.prsm"):
    document = {
        "version": "2.5.0",
        "mapTitle": "Varnholm",
        "attributeTitles": {},
        "styles": styles or {"nodes": {}, "edges": {}},
        "nodes": nodes,
        "edges": edges,
    }
    path = tmp_path / name
    path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    return path


NODES = [
    {"id": "a", "label": "Varnholm police", "grp": "group0"},
    {"id": "b", "label": "Kaia youth house", "grp": "group1"},
    {"id": "c", "label": "Sørhavn tenants", "grp": "group1"},
]


# -- PRSM: drawing --------------------------------------------------------------------


def test_a_factor_takes_its_own_colour_else_its_styles(tmp_path):
    styles = {
        "nodes": {
            "group0": {"groupLabel": "Police", "color": {"background": "#99E699", "border": "#000000"}, "shape": "box"},
            "group1": {"groupLabel": "Civil", "color": {"background": "#ffccdd"}, "shape": "ellipse", "size": 40},
        },
        "edges": {},
    }
    nodes = [
        {**NODES[0], "color": {"background": "rgb(230, 159, 0)"}, "shape": "star"},
        {**NODES[1]},
        {**NODES[2], "color": "#0072b2", "shape": "triangleDown", "size": 12.5},
        {"id": "d", "label": "Fjellby school", "color": "SteelBlue"},  # vis-network takes CSS names
    ]
    ws = read_map(_prsm(tmp_path, nodes, [], styles))
    actors = _by_name(ws)
    police, kaia, tenants = actors["Varnholm police"], actors["Kaia youth house"], actors["Sørhavn tenants"]
    assert (police.color, police.shape, police.size) == ("#e69f00", "star", None)  # its own, rgb() as hex
    assert (kaia.color, kaia.shape, kaia.size) == ("#ffccdd", "ellipse", 40.0)  # the style's
    assert (tenants.color, tenants.shape, tenants.size) == ("#0072b2", "triangle", 12.5)
    assert actors["Fjellby school"].color == "#4682b4"


def test_a_shape_we_do_not_have_is_kept_and_said_once(tmp_path):
    nodes = [{**n, "shape": "database"} for n in NODES[:2]] + [{**NODES[2], "shape": "circle"}]
    found: list = []
    ws = read_map(_prsm(tmp_path, nodes, []), warnings=found)
    actors = _by_name(ws)
    assert actors["Varnholm police"].shape is None
    assert actors["Varnholm police"].attributes == {"PRSM shape": "database"}
    assert actors["Sørhavn tenants"].shape == "ellipse"  # a circle is an ellipse
    assert len(found) == 1 and "database" in found[0].message and "2 factors" in found[0].message
    with pytest.raises(ImportFormatError, match="database"):
        read_map(tmp_path / "m.prsm", strict=True)


def test_link_colour_width_and_dashes_from_the_link_or_its_style(tmp_path):
    styles = {
        "nodes": {},
        "edges": {
            "edge2": {"groupLabel": "warns", "color": {"color": "#ff0000"}, "dashes": False, "width": 1},
            "edge6": {"groupLabel": "informal", "color": {"color": "#000000"}, "dashes": [10, 10], "width": 3},
        },
    }
    own = {"color": {"color": "#0072B2"}, "dashes": [2, 4], "width": 5}
    edges = [
        {"id": "1", "from": "a", "to": "b", "grp": "edge2"},
        {"id": "2", "from": "b", "to": "c", "grp": "edge6"},
        {"id": "3", "from": "c", "to": "a", "grp": "edge2", **own},
    ]
    ws = read_map(_prsm(tmp_path, NODES, edges, styles))
    warns, informal, drawn = ws.ties["1"], ws.ties["2"], ws.ties["3"]
    assert (warns.color, warns.width, warns.style, warns.type) == ("#ff0000", 1.0, None, "warns")
    assert (informal.color, informal.width, informal.style, informal.weight) == ("#000000", 3.0, "dashed", 3.0)
    assert (drawn.color, drawn.width, drawn.style) == ("#0072b2", 5.0, "dotted")


def test_our_prsm_file_draws_in_prsm_and_comes_back_exactly(tmp_path):
    ws = make_workshop(actors=4, ties=3)
    data = ws.model_dump(mode="json")
    data["actors"][0].update(color="#e69f00", size=24.5, shape="round_box")
    data["actors"][1].update(shape="octagon")
    data["actors"][2].update(shape="diamond", color="#0072b2")
    data["ties"][0].update(color="#d55e00", width=3.5, style="dotted")
    first, second, third = (a["id"] for a in data["actors"][:3])
    tie = data["ties"][0]["id"]
    ws = Workshop.model_validate(data, context={"bundle": True})
    path = write_prsm(ws, tmp_path / "m.prsm", compress=False)
    document = json.loads(path.read_text("utf-8"))
    nodes = {n["id"]: n for n in document["nodes"]}
    # what vis-network (PRSM) reads: colour, size and its nearest shape
    assert nodes[first]["color"] == {"background": "#e69f00"} and nodes[first]["size"] == 24.5
    assert (nodes[first]["shape"], nodes[second]["shape"], nodes[third]["shape"]) == ("box", "hexagon", "diamond")
    edge = next(e for e in document["edges"] if e["id"] == tie)
    assert edge["color"] == {"color": "#d55e00"} and edge["width"] == 3.5 and edge["dashes"] == [2, 4]
    back = read_map(path)
    assert back.actors == ws.actors and back.ties == ws.ties


# -- PRSM: opposition ---------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        *("-ve", "Negative influence", "--", "+-", "−", "minus", "negative", "opposes", "Opposition", "−ve"),
        *("against", "Negativ påverkan", "motarbetar", "modarbejder", "vastustaa"),
    ],
)
def test_names_meaning_opposition(name):
    assert means_opposition(name) and not means_support(name)


@pytest.mark.parametrize("name", ["+ve", "Positive influence", "++", "supports", "+"])
def test_names_meaning_support(name):
    assert means_support(name) and not means_opposition(name)


@pytest.mark.parametrize(
    "name", ["funds", "informs", "meets", "", "Sample", "government", "works against hate", "conflict mediation"]
)
def test_ordinary_names_say_nothing_of_the_sign(name):
    assert not means_opposition(name) and not means_support(name)


def test_opposition_link_styles_come_in_with_sign_minus_one_said_once_per_style(tmp_path):
    styles = {
        "nodes": {},
        "edges": {
            "edge0": {"groupLabel": "+ve"},
            "edge1": {"groupLabel": "-ve"},
            "edge2": {"groupLabel": "Negative influence"},
        },
    }
    edges = [
        {"id": "1", "from": "a", "to": "b", "grp": "edge0", "label": "opposes"},  # the style decides
        {"id": "2", "from": "b", "to": "c", "grp": "edge1"},
        {"id": "3", "from": "c", "to": "a", "grp": "edge1"},
        {"id": "4", "from": "a", "to": "c", "grp": "edge2"},
        {"id": "5", "from": "c", "to": "b", "label": "opposes"},  # no style: the label
    ]
    found: list = []
    ws = read_map(_prsm(tmp_path, NODES, edges, styles), warnings=found)
    assert {k: t.sign for k, t in ws.ties.items()} == {"1": 1, "2": -1, "3": -1, "4": -1, "5": -1}
    messages = sorted(w.message for w in found)
    assert len(messages) == 3
    assert any("'-ve'" in m and "2 links" in m for m in messages)
    assert any("'Negative influence'" in m and "1 link " in m for m in messages)
    assert any("label 'opposes'" in m for m in messages)


def test_our_own_sign_wins_over_the_words(tmp_path):
    ws = make_workshop(actors=3, ties=2)
    data = ws.model_dump(mode="json")
    data["ties"][0].update(type="negative feedback", sign=1)
    data["ties"][1].update(type="opposes", sign=-1)
    ws = Workshop.model_validate(data, context={"bundle": True})
    found: list = []
    back = read_map(write_prsm(ws, tmp_path / "m.prsm"), warnings=found)
    assert back.ties == ws.ties and found == []


# -- PRSM spreadsheet -----------------------------------------------------------------


def _repeated_names() -> Workshop:
    ws = make_workshop(actors=4, ties=4)
    data = ws.model_dump(mode="json")
    for actor in data["actors"][:2]:
        actor["name"] = "Police"
    data["actors"][2]["name"] = "police"  # the same label, as labels are compared
    return Workshop.model_validate(data, context={"bundle": True})


def test_prsm_spreadsheet_export_has_unique_labels_prsm_can_load(tmp_path):
    ws = _repeated_names()
    labels = unique_labels(ws)
    assert list(labels.values())[:3] == ["Police", "Police (2)", "police (3)"]
    path = write_map(ws, tmp_path / "p.xlsx", "prsm-xlsx")
    book = openpyxl.load_workbook(path)
    factors = list(book["Factors"].iter_rows(values_only=True))
    header = factors[0]
    label_at, original_at = header.index("Label"), header.index("Original label")
    written = [row[label_at] for row in factors[1:]]
    assert len({w.strip().casefold() for w in written}) == len(written)  # PRSM finds each link's ends
    assert [row[original_at] for row in factors[1:]][:3] == [None, "Police", "police"]
    links = list(book["Links"].iter_rows(values_only=True))
    ends = {links[0].index("From"), links[0].index("To")}
    assert all(row[i] in written for row in links[1:] for i in ends)  # From/To are labels, never ids
    back = read_map(path)
    assert back.actors == ws.actors and back.ties == ws.ties
    (note,) = prsm_xlsx_notes(ws)
    assert "2 actors" in note and "'Police (2)', 'police (3)'" in note and "Original label" in note


def test_prsm_spreadsheet_shapes_are_ones_prsm_draws(tmp_path):
    ws = make_workshop(actors=4, ties=2)
    data = ws.model_dump(mode="json")
    for actor, shape in zip(data["actors"], ["round_box", "octagon", "star", None], strict=True):
        actor["shape"] = shape
    ws = Workshop.model_validate(data, context={"bundle": True})
    path = write_map(ws, tmp_path / "p.xlsx", "prsm-xlsx")
    rows = list(openpyxl.load_workbook(path)["Factors"].iter_rows(values_only=True))
    shape_at, exact_at = rows[0].index("Shape"), rows[0].index("Original shape")
    assert [r[shape_at] for r in rows[1:]] == ["box", "hexagon", "star", None]  # PRSM keeps a Shape column
    assert [r[exact_at] for r in rows[1:]] == ["round_box", "octagon", None, None]
    assert read_map(path).actors == ws.actors


def test_prsm_spreadsheet_shape_names_of_prsm(tmp_path, xlsx):
    drawn = xlsx(
        tmp_path / "p.xlsx",
        {"Factors": [["Label", "Shape"], ["Police", "circle"], ["School", "Box"]], "Links": [["From", "To"]]},
    )
    found: list = []
    actors = _by_name(read_map(drawn, warnings=found))
    assert (actors["Police"].shape, actors["School"].shape) == ("ellipse", "box") and found == []
    odd = xlsx(
        tmp_path / "q.xlsx",
        {"Factors": [["Label", "Shape"], ["Police", "circle"], ["School", "database"]], "Links": [["From", "To"]]},
    )
    actors = _by_name(read_map(odd, warnings=found))  # as for every column: kept whole as an attribute, said once
    assert actors["School"].shape is None and actors["School"].attributes == {"Shape": "database"}
    assert actors["Police"].attributes == {"Shape": "circle"}
    assert len(found) == 1 and "Shape" in found[0].message


def test_prsm_spreadsheet_with_unique_names_has_no_extra_column(tmp_path, sample):
    assert prsm_xlsx_notes(sample) == []
    path = write_map(sample, tmp_path / "p.xlsx", "prsm-xlsx")
    header = next(openpyxl.load_workbook(path, read_only=True)["Factors"].iter_rows(max_row=1, values_only=True))
    assert "Original label" not in header and "Original shape" not in header
    assert {"Color", "Size", "Shape"} <= set(header)


def test_prsm_spreadsheet_link_labelled_negative(tmp_path, xlsx):
    path = xlsx(
        tmp_path / "p.xlsx",
        {
            "Factors": [["Label"], ["Varnholm police"], ["Kaia youth house"]],
            "Links": [["From", "To", "Label"], ["Varnholm police", "Kaia youth house", "-ve"]],
        },
    )
    found: list = []
    ws = read_map(path, warnings=found)
    assert _tie(ws, "Varnholm police", "Kaia youth house").sign == -1
    assert len(found) == 1 and "'-ve'" in found[0].message and found[0].where.startswith("Links row 2")


# -- CSV ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("edges.csv", "Source Target Weight\nPolice School 2\nSchool  Library 1,5 \n"),
        ("edges.tsv", "Source\tTarget\tWeight\nPolice\tSchool\t2\nSchool\tLibrary\t1,5\n"),
        ("edges.txt", "Source;Target;Weight\nPolice;School;2\nSchool;Library;1,5\n"),
        ("edges.csv", '\n\n  \nSource,Target,Weight\nPolice,School,2\nSchool,Library,"1,5"\n'),
        ("edges.csv", "\ufeffSource,Target,Weight\r\nPolice,School,2\r\nSchool,Library,1.5\r\n"),
    ],
)
def test_a_single_edge_list_with_any_separator(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, "utf-8")
    assert detect_format(path) == "csv"
    found: list = []
    ws = read_map(path, warnings=found)
    assert found == []
    assert sorted(a.name for a in ws.actors.values()) == ["Library", "Police", "School"]
    assert sorted(t.weight for t in ws.ties.values()) == [1.5, 2.0]


def test_an_edge_list_with_from_and_to(tmp_path):
    path = tmp_path / "links.csv"  # PRSM's and Kumu's CSV name the ends From and To
    path.write_text("From,To\nVarnholm police,Kaia youth house\nKaia youth house,Fjellby school\n", "utf-8")
    assert detect_format(path) == "csv"
    ws = read_map(path)
    assert len(ws.actors) == 3 and _tie(ws, "Kaia youth house", "Fjellby school").directed


def test_comment_lines_before_the_header_are_skipped_and_said(tmp_path):
    path = tmp_path / "edges.csv"
    path.write_text("# made by a script\n# another line\nSource,Target\na,b\n", "utf-8")
    assert detect_format(path) == "csv"
    found: list = []
    ws = read_map(path, warnings=found)
    assert len(ws.ties) == 1 and len(found) == 1 and "2 comment lines" in found[0].message
    with pytest.raises(ImportFormatError):
        read_map(path, strict=True)


def test_rows_of_the_wrong_length_are_said_with_their_row(tmp_path):
    path = tmp_path / "edges.csv"
    path.write_text("Source,Target,Weight\na,b,2\nb,c\nc,a,1,x,y\nd,a,3,,\n", "utf-8")
    found: list = []
    ws = read_map(path, warnings=found)
    assert len(ws.ties) == 4
    assert [w.where for w in found] == ["edges.csv row 3", "edges.csv row 4"]
    assert "left out" in found[1].message


def test_repeated_node_ids_are_one_actor(tmp_path):
    folder = tmp_path / "pair"
    folder.mkdir()
    (folder / "nodes.csv").write_text("Id,Label,Budget\nn1,Police,\nn2,School,\nn1,Police,12\n", "utf-8")
    (folder / "edges.csv").write_text("Source,Target\nn1,n2\n", "utf-8")
    found: list = []
    ws = read_map(folder, warnings=found)
    assert sorted(ws.actors) == ["n1", "n2"] and ws.actors["n1"].attributes == {"Budget": 12}
    assert len(found) == 1 and "n1" in found[0].message and found[0].where.startswith("nodes.csv row 4")


def test_decimal_commas_in_a_custom_column_are_numbers(tmp_path):
    folder = tmp_path / "pair"
    folder.mkdir()
    (folder / "nodes.csv").write_text("Id;Label;Score\nn1;Police;2,5\nn2;School;3\n", "utf-8")
    (folder / "edges.csv").write_text("Source;Target;Weight\nn1;n2;0,5\n", "utf-8")
    ws = read_map(folder)
    assert ws.actors["n1"].attributes == {"Score": 2.5} and ws.actors["n2"].attributes == {"Score": 3}
    assert next(iter(ws.ties.values())).weight == 0.5


def test_an_adjacency_matrix(tmp_path):
    symmetric = tmp_path / "matrix.csv"
    symmetric.write_text(";A;B;C\nA;0;1;2\nB;1;0;0\nC;2;0;0\n", "utf-8")
    assert detect_format(symmetric) == "csv"
    ws = read_map(symmetric)
    assert sorted(ws.actors) == ["A", "B", "C"]
    assert sorted((t.source, t.target, t.weight, t.directed) for t in ws.ties.values()) == [
        ("A", "B", 1.0, False),
        ("A", "C", 2.0, False),
    ]
    directed = tmp_path / "directed.csv"
    directed.write_text(",A,B\nA,0,3\nB,x,0\n", "utf-8")
    found: list = []
    ws = read_map(directed, warnings=found)
    assert [(t.source, t.target, t.weight, t.directed) for t in ws.ties.values()] == [("A", "B", 3.0, True)]
    assert len(found) == 1 and "'x'" in found[0].message


def test_the_csv_pair_carries_drawing(tmp_path, hard, same_map):
    folder = write_map(hard, tmp_path / "pair", "csv")
    nodes = (folder / "nodes.csv").read_text("utf-8").splitlines()[0].split(",")
    edges = (folder / "edges.csv").read_text("utf-8").splitlines()[0].split(",")
    assert {"color", "size", "shape"} <= set(nodes) and {"color", "width", "style"} <= set(edges)
    same_map(hard, read_map(folder))


# -- our exports, read as the peer tools' documentation says they read them ---------------

VIS_SHAPES = {"ellipse", "circle", "database", "box", "text", "image", "circularImage", "diamond", "dot", "star"}
VIS_SHAPES |= {"triangle", "triangleDown", "hexagon", "square", "icon"}


def _as_prsm_loads_a_spreadsheet(path) -> tuple[list[dict], list[tuple[dict, dict, dict]]]:
    """PRSM's Excel import as its help (Files, Excel) and loader describe it: sheets Factors and Links, rows as
    records keyed by the header with its first letter in lower case, every factor with a Label, a Style from 1 to
    9 if any, each link's From and To the exact text of some factor's Label (the first such factor)."""
    book = openpyxl.load_workbook(path)
    assert {"Factors", "Links"} <= set(book.sheetnames)

    def records(sheet) -> list[dict]:
        rows = list(sheet.iter_rows(values_only=True))
        keys = [h[0].lower() + h[1:] for h in rows[0]]
        return [{k: v for k, v in zip(keys, row, strict=False) if v is not None} for row in rows[1:]]

    factors = records(book["Factors"])
    for factor in factors:
        assert factor.get("label"), factor
        assert "style" not in factor or 1 <= int(factor["style"]) <= 9
        assert "shape" not in factor or factor["shape"] in VIS_SHAPES  # PRSM keeps it and vis-network draws it
    links = []
    for link in records(book["Links"]):
        source = next(f for f in factors if f["label"] == link["from"])
        target = next(f for f in factors if f["label"] == link["to"])
        links.append((link, source, target))
    return factors, links


@pytest.mark.parametrize("which", ["sample", "hard", "repeated"])
def test_prsm_loads_our_spreadsheet_with_every_link_at_its_factors(which, sample, hard, tmp_path):
    ws = {"sample": sample, "hard": hard, "repeated": _repeated_names()}[which]
    factors, links = _as_prsm_loads_a_spreadsheet(write_map(ws, tmp_path / "p.xlsx", "prsm-xlsx"))
    assert [f["id"] for f in factors] == list(ws.actors)
    assert len(links) == len(ws.ties)
    for link, source, target in links:
        tie = ws.ties[link["id"]]
        assert (source["id"], target["id"]) == (tie.source, tie.target)


def _as_prsm_loads_a_map(path) -> dict:
    """PRSM's loader of a .prsm file: compressed unless it starts with '{'; edges with from/to (an edge with
    'source' is read as Gephi's JSON); nodes and links then merged over their style (grp), as vis-network draws."""
    from nsc_workshop.io._lzstring import decompress_from_utf16

    text = path.read_text("utf-8")
    document = json.loads(text if text.startswith("{") else decompress_from_utf16(text))
    assert not document["edges"] or "source" not in document["edges"][0]
    ids = {node["id"] for node in document["nodes"]}
    for node in document["nodes"]:
        assert isinstance(node["label"], str) and isinstance(node["grp"], str)
        assert "shape" not in node or node["shape"] in VIS_SHAPES
        assert "color" not in node or re.fullmatch(r"#[0-9a-f]{6}", node["color"]["background"])
    for edge in document["edges"]:
        assert edge["from"] in ids and edge["to"] in ids and isinstance(edge["grp"], str)
        assert edge["dashes"] is False or (isinstance(edge["dashes"], list) and len(edge["dashes"]) == 2)
        assert 0 < edge["width"] <= 100
        assert "color" not in edge or re.fullmatch(r"#[0-9a-f]{6}", edge["color"]["color"])
    return document


def test_prsm_loads_our_map_and_draws_it_as_drawn(hard, tmp_path):
    document = _as_prsm_loads_a_map(write_prsm(hard, tmp_path / "m.prsm"))
    nodes = {n["id"]: n for n in document["nodes"]}
    for actor in hard.actors.values():
        node = nodes[actor.id]
        assert node.get("color", {}).get("background") == actor.color
        assert node.get("size") == actor.size
    edges = {e["id"]: e for e in document["edges"]}
    for tie in hard.ties.values():
        edge = edges[tie.id]
        assert edge.get("color", {}).get("color") == tie.color
        assert (edge["dashes"] is not False) == (tie.style in ("dashed", "dotted"))
        assert tie.width is None or edge["width"] == tie.width


def test_gephi_reads_our_csv_pair_as_its_import_says(hard, tmp_path):
    """Gephi's spreadsheet import: a nodes table with Id (and Label), an edges table with Source and Target naming
    those ids, Type Directed or Undirected, Weight a number written with a point; comma-separated, no byte order
    mark."""
    import csv

    folder = write_map(hard, tmp_path / "pair", "csv")
    for name in ("nodes.csv", "edges.csv"):
        assert not (folder / name).read_bytes().startswith(b"\xef\xbb\xbf")
    with (folder / "nodes.csv").open(encoding="utf-8", newline="") as handle:
        nodes = list(csv.DictReader(handle))
    with (folder / "edges.csv").open(encoding="utf-8", newline="") as handle:
        edges = list(csv.DictReader(handle))
    ids = [n["Id"] for n in nodes]
    assert ids == list(hard.actors) and all(n["Label"] for n in nodes)
    for edge in edges:
        assert edge["Source"] in ids and edge["Target"] in ids
        assert edge["Type"] in ("Directed", "Undirected")
        float(edge["Weight"])
    assert [float(e["Weight"]) for e in edges] == [t.weight for t in hard.ties.values()]
