"""Files written by the peer tools (without our extra columns) import as their users expect.

The fixtures in ``tests/data/io`` are written by hand after each tool's
documented format (see that folder's README); the Kumu and PRSM workbooks are
built cell by cell here.
"""

from __future__ import annotations

import shutil
import zipfile

from nsc_workshop.io import detect_format, read_map


def _by_name(workshop):
    return {a.name: a for a in workshop.actors.values()}


def _tie(workshop, source, target):
    names = {a.id: a.name for a in workshop.actors.values()}
    return [t for t in workshop.ties.values() if names[t.source] == source and names[t.target] == target]


def test_a_kumu_spreadsheet(kumu_xlsx):
    assert detect_format(kumu_xlsx) == "kumu-xlsx"
    ws = read_map(kumu_xlsx)
    assert ws.meta.title == "kumu map"
    actors = _by_name(ws)
    assert sorted(actors) == ["Kaia youth house", "Sørhavn tenants", "Varnholm police", "Åland peace institute"]
    police = actors["Varnholm police"]
    assert police.sector == "Police"
    assert police.notes == "The local district"
    assert police.tags == ["safety", "prevention"]
    assert police.attributes == {"Budget": 100}
    assert actors["Kaia youth house"].attributes == {"Budget": 2.5}
    assert actors["Åland peace institute"].attributes == {"Budget": "n/a"}
    # "|" in To makes two connections, each with its own id
    shared = [t for t in ws.ties.values() if t.type == "shares_information"]
    assert {actors_id_name(ws, t.target) for t in shared} == {"Kaia youth house", "Sørhavn tenants"}
    assert len({t.id for t in shared}) == 2
    assert all(t.weight == 3.0 and t.directed for t in shared)
    # labels match trimmed and case-insensitively; mutual is undirected
    (mutual,) = _tie(ws, "Kaia youth house", "Sørhavn tenants")
    assert mutual.directed is False and mutual.type == "collaborates"
    (distrust,) = _tie(ws, "Sørhavn tenants", "Varnholm police")
    assert (distrust.sign, distrust.directed, distrust.weight) == (-1, True, 2.0)
    assert len(ws.ties) == 4


def actors_id_name(workshop, actor_id):
    return workshop.actors[actor_id].name


def test_a_kumu_spreadsheet_with_ids_and_only_connections(tmp_path, xlsx):
    with_ids = xlsx(
        tmp_path / "ids.xlsx",
        {
            "Elements": [["ID", "Label"], ["p1", "Police"], ["p2", "Police"], ["y 3", "Youth club"]],
            "Connections": [["From", "To"], ["p1", "p2"], ["y 3", "p1"]],
        },
    )
    ws = read_map(with_ids)
    assert set(ws.actors) >= {"p1", "p2"}  # ids kept; duplicate labels allowed with ids
    assert len(ws.actors) == 3  # "y 3" is no valid id: a new one is made, ties still find it
    assert {(t.source, t.target) for t in ws.ties.values()} >= {("p1", "p2")}
    only = xlsx(tmp_path / "only.xlsx", {"Connections": [["From", "To", "Type"], ["A", "B", "funds"], ["b", "C", ""]]})
    ws = read_map(only)
    assert sorted(a.name for a in ws.actors.values()) == ["A", "B", "C"]  # elements made from the labels
    assert len(ws.ties) == 2


def test_a_kumu_project_json(io_data):
    path = io_data / "kumu_project.json"
    assert detect_format(path) == "kumu-json"
    ws = read_map(path)
    assert ws.meta.title == "Kettilsby youth safety map"
    police = ws.actors["elem-1"]
    assert (police.name, police.sector, police.notes) == ("Kettilsby police", "Police", "Local police district.")
    assert police.tags == ["safety", "prevention"]
    assert police.attributes == {"budget band": "high"}
    assert (police.x, police.y) == (-120.5, 40.0)
    assert ws.actors["elem-2"].attributes == {"staff": 4}
    assert ws.actors["elem-3"].attributes == {"active": True}
    assert ws.ties["conn-1"].directed and ws.ties["conn-1"].weight == 3.0
    assert ws.ties["conn-1"].type == "Shares information"
    assert ws.ties["conn-2"].directed is False and ws.ties["conn-2"].weight == 2.0  # mutual; "2" read as a number
    assert ws.ties["conn-3"].attributes == {"since": 2024}
    assert len(ws.ties) == 3  # loops are not ties


def test_a_prsm_map_plain_and_compressed(io_data):
    plain = read_map(io_data / "prsm_map.prsm")
    packed = read_map(io_data / "prsm_map_compressed.prsm")
    assert detect_format(io_data / "prsm_map_compressed.prsm") == "prsm"
    assert plain.actors == packed.actors
    assert [t.model_dump(exclude={"id"}) for t in plain.ties.values()] == [
        t.model_dump(exclude={"id"}) for t in packed.ties.values()
    ]
    ws = plain
    assert ws.meta.title == "Ystrevik rumour map"
    town = ws.actors["6f1c2a3e-0001"]
    assert town.name == "Ystrevik municipality"  # PRSM's wrapped label joined again
    assert town.sector == "Municipality"  # the style's name
    assert town.notes == "Runs the\nprevention plan"  # a Quill note as text
    assert town.attributes == {"Budget": "large", "Contact": "mayor's office"}
    assert (town.x, town.y) == (10.5, -20.0)
    assert ws.actors["6f1c2a3e-0002"].notes == "Meets monthly"
    assert ws.actors["6f1c2a3e-0003"].sector == "group0"  # an unnamed style: its id
    funds = ws.ties["e-1"]
    assert (funds.type, funds.label, funds.directed, funds.weight) == ("influences", "funds", True, 3.0)
    assert ws.ties["e-2"].directed is False  # two arrow heads, from the style
    reverse = ws.ties["e-3"]
    assert (reverse.source, reverse.target, reverse.directed) == ("6f1c2a3e-0001", "6f1c2a3e-0003", True)
    assert ws.ties["e-4"].directed is False  # no arrow head


def test_a_prsm_spreadsheet(tmp_path, xlsx):
    path = xlsx(
        tmp_path / "prsm.xlsx",
        {
            "Factors": [
                ["Label", "Description", "Style", "x", "y", "Priority"],
                ["Youth council", "Elected by pupils", 2, 100, -50, "high"],
                ["School", None, None, None, None, None],
                ["Library", "Open late", 3, None, None, 1],
            ],
            "Links": [
                ["From", "To", "Label", "Note", "Style"],
                ["Youth council", "School", "advises", "Monthly", 1],
                ["Library", "Youth council", None, None, None],
            ],
        },
    )
    assert detect_format(path) == "prsm-xlsx"
    ws = read_map(path)
    actors = _by_name(ws)
    council = actors["Youth council"]
    assert (council.notes, council.sector, council.x, council.y) == ("Elected by pupils", "group1", 100.0, -50.0)
    assert council.attributes == {"Priority": "high"}
    assert actors["School"].sector == ""
    (advises,) = _tie(ws, "Youth council", "School")
    assert (advises.label, advises.notes) == ("advises", "Monthly")
    assert len(ws.ties) == 2


def test_a_gephi_csv_pair_without_ids(io_data, tmp_path):
    folder = io_data / "gephi_pair"
    assert detect_format(folder) == "csv"
    ws = read_map(folder)
    assert ws.meta.title == "gephi_pair"
    youth = ws.actors["n1"]
    assert (youth.name, youth.sector) == ("Norrhamra youth centre", "Youth work")
    assert youth.attributes == {"Members": 12, "Founded": 1998}  # numbers guessed from the column
    assert ws.actors["n3"].name == "Norrhamra mosque, north"
    n1_n2 = [t for t in ws.ties.values() if (t.source, t.target) == ("n1", "n2")]
    assert len(n1_n2) == 2 and len({t.id for t in n1_n2}) == 2  # parallel edges without ids both kept
    assert {t.attributes["Relation"] for t in n1_n2} == {"refers", "advises"}
    undirected = [t for t in ws.ties.values() if not t.directed]
    assert len(undirected) == 2
    assert {t.weight for t in ws.ties.values()} == {2.0, 1.5, 1.0}
    archive = tmp_path / "gephi.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(folder / "nodes.csv", "export/Varnholm [Nodes].csv")
        zf.write(folder / "edges.csv", "export/Varnholm [Edges].csv")
    assert detect_format(archive) == "csv"
    assert len(read_map(archive).ties) == 4
    single = tmp_path / "edges only.csv"
    shutil.copy(folder / "edges.csv", single)
    ws = read_map(single, "csv")
    assert sorted(ws.actors) == ["n1", "n2", "n3"]  # nodes made from Source and Target


def test_a_csv_pair_saved_by_excel(tmp_path):
    """Excel saves CSV in Windows-1252 (or UTF-8 with a byte order mark), with semicolons in Nordic languages."""
    nodes = "Id;Label;Sector\r\nt1;Tromsø kommune;Municipality\r\na1;Åland fredsinstitut;Researchers\r\n"
    edges = "Source;Target;Type;Weight\r\nt1;a1;Undirected;2,5\r\n"
    for encoding, mark in [("cp1252", b""), ("utf-8", b"\xef\xbb\xbf")]:
        folder = tmp_path / encoding
        folder.mkdir()
        (folder / "nodes.csv").write_bytes(mark + nodes.encode(encoding))
        (folder / "edges.csv").write_bytes(mark + edges.encode(encoding))
        ws = read_map(folder)
        assert sorted(a.name for a in ws.actors.values()) == ["Tromsø kommune", "Åland fredsinstitut"]
        (tie,) = ws.ties.values()
        assert (tie.weight, tie.directed) == (2.5, False)
    mac = tmp_path / "mac"
    mac.mkdir()
    (mac / "nodes.csv").write_bytes(nodes.replace("\r\n", "\r").encode("cp1252"))  # old Mac line endings
    (mac / "edges.csv").write_bytes(edges.replace("\r\n", "\r").encode("cp1252"))
    assert len(read_map(mac).actors) == 2


def test_gexf_as_gephi_writes_it(io_data):
    path = io_data / "gephi.gexf"
    assert detect_format(path) == "gexf"
    ws = read_map(path)
    assert ws.meta.title == "Saltmo network"
    school = ws.actors["0"]
    assert (school.name, school.sector, school.x, school.y) == (
        "Saltmo school",
        "Schools",
        -52.5,
        -118.25,
    )  # y turned over: Gephi draws it upwards
    assert school.attributes == {"Modularity Class": 0, "Trusted": True}
    assert ws.actors["2"].attributes == {"Trusted": False}  # the declared default
    ties = list(ws.ties.values())
    assert len(ties) == 4 and len({t.id for t in ties}) == 4  # edge ids that clash with node ids are replaced
    first, invites, funds, mutual = ties
    assert (first.directed, first.weight, first.attributes) == (False, 2.0, {"Since": 2019})  # defaultedgetype
    assert (invites.directed, invites.label) == (True, "invites")
    assert (funds.type, funds.weight) == ("funds", 4.5)  # parallel edge of another kind
    assert mutual.directed is False


def test_gexf_1_2_and_graphml_as_gephi_writes_it(io_data, tmp_path):
    old = tmp_path / "old.gexf"
    old.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">'
        '<graph defaultedgetype="directed"><nodes><node id="a" label="A"/><node id="b"/></nodes>'
        '<edges><edge source="a" target="b"/></edges></graph></gexf>',
        "utf-8",
    )
    ws = read_map(old)
    assert sorted(a.name for a in ws.actors.values()) == ["A", "b"]  # no label: the id
    assert len(ws.ties) == 1
    path = io_data / "gephi.graphml"
    assert detect_format(path) == "graphml"
    ws = read_map(path)
    council = ws.actors["n0"]
    assert (council.name, council.sector, council.x, council.y) == (
        "Brekkeby council",
        "Municipal leadership",
        -74.5,
        12.0,
    )
    assert (council.color, council.size, council.attributes) == ("#9900ff", 10.0, {})  # Gephi's r, g, b and size
    assert ws.actors["n1"].attributes == {"Members": 250}
    assert ws.ties["0"].label == "funds" and ws.ties["0"].weight == 3.0
    assert len(ws.ties) == 3
    undirected = [t for t in ws.ties.values() if not t.directed]
    assert len(undirected) == 1 and undirected[0].weight == 2.0


def test_excel_s_sep_line_and_a_tab_separated_pair(tmp_path):
    folder = tmp_path / "pair"
    folder.mkdir()
    (folder / "nodes.csv").write_text("sep=;\r\nId;Label\r\nn1;Tromsø\r\nn2;Åland\r\n", "utf-8")
    (folder / "edges.csv").write_text("Source\tTarget\tWeight\nn1\tn2\t4\n", "utf-8")
    ws = read_map(folder)
    assert sorted(a.name for a in ws.actors.values()) == ["Tromsø", "Åland"]
    assert next(iter(ws.ties.values())).weight == 4.0
