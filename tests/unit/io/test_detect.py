"""detect_format looks at the content, not only at the name."""

from __future__ import annotations

import shutil

import pytest

from nsc_workshop.io import FORMATS, detect_format, write_map


def test_each_peer_file(io_data, kumu_xlsx):
    assert detect_format(io_data / "kumu_project.json") == "kumu-json"
    assert detect_format(io_data / "prsm_map.prsm") == "prsm"
    assert detect_format(io_data / "prsm_map_compressed.prsm") == "prsm"
    assert detect_format(io_data / "gephi.gexf") == "gexf"
    assert detect_format(io_data / "gephi.graphml") == "graphml"
    assert detect_format(io_data / "gephi_pair") == "csv"
    assert detect_format(io_data / "gephi_pair" / "edges.csv") == "csv"
    assert detect_format(kumu_xlsx) == "kumu-xlsx"


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_each_format_under_a_misleading_name(fmt, sample, tmp_path, file_names):
    path = write_map(sample, tmp_path / file_names[fmt], fmt)
    renamed = tmp_path / "download.bin"
    shutil.copy(path, renamed)
    assert detect_format(renamed) == fmt


def test_json_flavours_by_their_keys(tmp_path):
    cases = {
        '{"schema_version": 1, "workshop": {}}': "bundle",
        '{"elements": [], "connections": []}': "kumu-json",
        '\ufeff  {"nodes": [], "edges": [], "mapTitle": "x"}': "prsm",
    }
    for text, fmt in cases.items():
        path = tmp_path / "x.json"
        path.write_text(text, "utf-8")
        assert detect_format(path) == fmt
