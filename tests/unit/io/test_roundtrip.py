"""Every format carries the whole actor map through a file and back: every field, every
custom attribute (with its type), every id, parallel ties apart."""

from __future__ import annotations

import json
import zipfile
from collections import Counter

import pytest

from nsc_workshop.frames import to_frames
from nsc_workshop.io import FORMATS, detect_format, read_map, write_map
from nsc_workshop.io.prsm import write_prsm

ALL = sorted(FORMATS)


@pytest.mark.parametrize("fmt", ALL)
def test_the_sample_map_survives_every_format(fmt, sample, tmp_path, file_names, same_map):
    path = write_map(sample, tmp_path / file_names[fmt], fmt)
    assert detect_format(path) == fmt
    back = read_map(path)
    same_map(sample, back)
    pairs = Counter(frozenset((t.source, t.target)) for t in sample.ties.values())
    assert max(pairs.values()) > 1  # the sample has parallel ties...
    assert Counter(frozenset((t.source, t.target)) for t in back.ties.values()) == pairs  # ...kept apart


@pytest.mark.parametrize("fmt", ALL)
def test_the_hardest_values_survive_every_format(fmt, hard, tmp_path, file_names, same_map):
    path = write_map(hard, tmp_path / file_names[fmt], fmt)
    same_map(hard, read_map(path, fmt))


def test_csv_pair_as_a_folder_and_as_a_zip(hard, tmp_path, same_map):
    folder = write_map(hard, tmp_path / "pair", "csv")
    assert sorted(p.name for p in folder.iterdir()) == ["datapackage.json", "edges.csv", "nodes.csv"]
    assert detect_format(folder) == "csv"
    same_map(hard, read_map(folder))
    archive = write_map(hard, tmp_path / "pair.zip", "csv")
    assert sorted(zipfile.ZipFile(archive).namelist()) == ["datapackage.json", "edges.csv", "nodes.csv"]
    same_map(hard, read_map(archive))


def test_prsm_plain_and_compressed(hard, tmp_path, same_map):
    plain = write_prsm(hard, tmp_path / "plain.prsm", compress=False)
    packed = write_prsm(hard, tmp_path / "packed.prsm")
    assert plain.read_text("utf-8").startswith("{")
    assert not packed.read_text("utf-8").startswith("{")
    for path in (plain, packed):
        assert detect_format(path) == "prsm"
        same_map(hard, read_map(path))


def test_titles_and_places_come_from_the_file(sample, tmp_path):
    for fmt, name in [("kumu-json", "k.json"), ("prsm", "m.prsm"), ("gexf", "m.gexf"), ("graphml", "m.graphml")]:
        assert read_map(write_map(sample, tmp_path / name, fmt)).meta.title == sample.meta.title
    kumu = read_map(write_map(sample, tmp_path / "Varnholm map.xlsx", "kumu-xlsx"))
    assert kumu.meta.title == "Varnholm map"  # Kumu spreadsheets have no title: the file name
    assert (kumu.meta.city, kumu.meta.country) == ("Unknown", "Unknown")
    graphml = read_map(tmp_path / "m.graphml")
    assert (graphml.meta.city, graphml.meta.country) == ("Varnholm", "Norway")


def test_excel_keeps_the_workshop_id_and_metadata(sample, tmp_path):
    path = write_map(sample, tmp_path / "w.xlsx", "excel")
    back = read_map(path)
    assert back.id == sample.id
    assert back.meta == sample.meta
    import openpyxl

    sheets = openpyxl.load_workbook(path, read_only=True).sheetnames
    assert set(to_frames(sample)) <= set(sheets)  # one sheet per table


def test_written_files_follow_the_peer_conventions(sample, tmp_path):
    import openpyxl

    kumu = openpyxl.load_workbook(write_map(sample, tmp_path / "k.xlsx", "kumu-xlsx"), read_only=True)
    elements = next(kumu["Elements"].iter_rows(max_row=1, values_only=True))
    assert elements[:5] == ("ID", "Label", "Type", "Description", "Tags")
    connections = next(kumu["Connections"].iter_rows(max_row=1, values_only=True))
    assert connections[:5] == ("ID", "From", "To", "Type", "Direction")
    gexf = write_map(sample, tmp_path / "m.gexf", "gexf").read_text("utf-8")
    assert 'xmlns="http://gexf.net/1.3"' in gexf and 'version="1.3"' in gexf
    assert '<edge id="tie_001"' in gexf and 'kind="reports_to"' in gexf and 'type="undirected"' in gexf
    graphml = write_map(sample, tmp_path / "m.graphml", "graphml").read_text("utf-8")
    assert 'attr.name="weight" attr.type="double"' in graphml and 'directed="false"' in graphml
    pair = write_map(sample, tmp_path / "pair", "csv")
    edges = (pair / "edges.csv").read_bytes()
    assert edges.startswith(b"Source,Target,Type,Id,Label,Weight,Kind")  # no byte order mark for Gephi
    package = json.loads((pair / "datapackage.json").read_text("utf-8"))
    assert [r["path"] for r in package["resources"]] == ["nodes.csv", "edges.csv"]
    prsm = json.loads(write_prsm(sample, tmp_path / "p.prsm", compress=False).read_text("utf-8"))
    assert prsm["mapTitle"] == sample.meta.title and "Sector" in prsm["attributeTitles"].values()


def test_an_empty_map_round_trips(tmp_path, file_names):
    from nsc_workshop.testing import make_workshop

    empty = make_workshop(actors=0, ties=0)
    for fmt in ALL:
        back = read_map(write_map(empty, tmp_path / file_names[fmt], fmt), fmt)
        assert back.actors == {} and back.ties == {}


def test_an_unknown_format_id_is_refused(sample, tmp_path):
    from nsc_workshop.io import ImportFormatError

    with pytest.raises(ImportFormatError, match="Known formats"):
        write_map(sample, tmp_path / "x.dot", "dot")
