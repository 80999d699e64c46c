"""Open data export: public records only, CSV files described by FIELDS, deterministic ZIP."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile

import pytest

from nsc_workshop.errors import InvalidInput
from nsc_workshop.library import open_library
from nsc_workshop.library.opendata import FIELDS, FILES, LICENCE_INFO, csv_cell, export_open_data
from nsc_workshop.library.record import RecordAction, RecordIdea, RecordIndicator
from nsc_workshop.testing import make_record

NASTY = 'A text, with "quotes",\na newline and <script>alert(1)</script>'
DAY = dt.date(2026, 5, 1)


@pytest.fixture
def library(tmp_path):
    lib = open_library(tmp_path / "library.db")
    lib.publish(make_record(1, record_id="pub-b", sensitivity="public", licence="CC-BY-SA-4.0"))
    lib.publish(
        make_record(
            2,
            record_id="pub-a",
            sensitivity="public",
            licence="CC-BY-4.0",
            summary=NASTY,
            tags=["=1+1", "a;b"],
            causes=["-cause one", "@SUM(1+1) two"],
            effects=["an effect"],
            sprint_questions=["Will they come?"],
            indicators=[RecordIndicator(name="+reports", baseline="3", target="10")],
            actions=[RecordAction(action='=HYPERLINK("http://x")', lead="Youth service")],
            ideas=[RecordIdea(id="idea_001", text="=1+1", votes=2), RecordIdea(id="idea_002", text=NASTY)],
        )
    )
    lib.publish(make_record(3, record_id="net-only", sensitivity="network", title="Secret network plan"))
    yield lib
    lib.close()


def _zip(path):
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _rows(files, name):
    text = files[name].decode("utf-8")
    return list(csv.reader(io.StringIO(text, newline="")))


def test_only_public_records_are_exported(library, tmp_path):
    files = _zip(export_open_data(library, tmp_path / "open.zip", exported_on=DAY))
    assert set(files) == {"README.md", "LICENSE", *FIELDS}
    for name, data in files.items():
        assert b"net-only" not in data, name
        assert b"Secret network plan" not in data, name
    ids = [row[0] for row in _rows(files, "records.csv")[1:]]
    assert ids == ["pub-a", "pub-b"]
    for name in FIELDS:
        if name != "records.csv":
            assert {row[0] for row in _rows(files, name)[1:]} <= {"pub-a", "pub-b"}


def test_headers_equal_fields_and_readme_describes_every_column(library, tmp_path):
    files = _zip(export_open_data(library, tmp_path / "open.zip", exported_on=DAY))
    assert set(FILES) == set(FIELDS)
    readme = files["README.md"].decode("utf-8")
    assert "Date of export: 2026-05-01" in readme
    assert "Number of records: 2" in readme
    assert "How to cite" in readme
    assert "formula" in readme.lower() and "`'`" in readme
    for name, columns in FIELDS.items():
        assert _rows(files, name)[0] == list(columns), name
        section = readme.split(f"### {name}\n", 1)[1].split("\n### ", 1)[0]
        for column, description in columns.items():
            assert description, (name, column)
            assert f"| `{column}` | " in section, (name, column)


def test_csv_round_trip_and_formula_guard(library, tmp_path):
    files = _zip(export_open_data(library, tmp_path / "open.zip", exported_on=DAY))
    assert not files["records.csv"].startswith(b"\xef\xbb\xbf")  # no BOM
    records = {row[0]: dict(zip(FIELDS["records.csv"], row, strict=True)) for row in _rows(files, "records.csv")[1:]}
    assert records["pub-a"]["summary"] == NASTY
    assert records["pub-a"]["tags"] == "'=1+1;a,b"
    ideas = {row[1]: row for row in _rows(files, "ideas.csv")[1:] if row[0] == "pub-a"}
    assert ideas["idea_001"][2] == "'=1+1"
    assert ideas["idea_002"][2] == NASTY
    causes = [row for row in _rows(files, "causes_effects.csv")[1:] if row[0] == "pub-a"]
    assert causes == [
        ["pub-a", "cause", "1", "'-cause one"],
        ["pub-a", "cause", "2", "'@SUM(1+1) two"],
        ["pub-a", "effect", "1", "an effect"],
    ]
    assert _rows(files, "indicators.csv")[1][2] == "'+reports"
    assert next(r for r in _rows(files, "actions.csv")[1:] if r[0] == "pub-a")[2] == '\'=HYPERLINK("http://x")'
    signs = {row[-1] for row in _rows(files, "ties.csv")[1:]}
    assert signs <= {"-1", "0", "1"}  # numbers are never prefixed
    for name in FIELDS:
        for row in _rows(files, name):
            assert len(row) == len(FIELDS[name])
            for cell in row:
                is_number = re.fullmatch(r"-?\d+(\.\d+)?", cell)
                assert is_number or not re.match(r"[=+\-@\t\r]", cell), (name, cell)


def test_two_exports_are_byte_identical(library, tmp_path):
    first = export_open_data(library, tmp_path / "one.zip", exported_on=DAY).read_bytes()
    second = export_open_data(library, tmp_path / "two.zip", exported_on=DAY).read_bytes()
    assert first == second
    same_day = export_open_data(library, tmp_path / "three.zip").read_bytes()
    again = export_open_data(library, tmp_path / "four.zip").read_bytes()
    assert same_day == again
    with zipfile.ZipFile(tmp_path / "one.zip") as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_license_lists_each_licence_with_its_records(library, tmp_path):
    files = _zip(export_open_data(library, tmp_path / "open.zip", exported_on=DAY))
    text = files["LICENSE"].decode("utf-8")
    for spdx, record_id in (("CC-BY-4.0", "pub-a"), ("CC-BY-SA-4.0", "pub-b")):
        name, url = LICENCE_INFO[spdx]
        block = text.split(f"{spdx}: {name}\n", 1)[1].split("\n\n", 1)[0]
        assert url in block
        assert record_id in block
    assert "https://creativecommons.org/licenses/by/4.0/" in text
    assert "CC0-1.0" not in text  # only the licences used


def test_empty_library_and_unwritable_path(tmp_path):
    with open_library(tmp_path / "empty.db") as lib:
        files = _zip(export_open_data(lib, tmp_path / "empty.zip", exported_on=DAY))
        assert _rows(files, "actors.csv") == [list(FIELDS["actors.csv"])]
        assert "no records" in files["LICENSE"].decode()
        with pytest.raises(InvalidInput) as caught:
            export_open_data(lib, tmp_path / "missing" / "x.zip")
        assert "missing" in caught.value.message


def test_csv_cell():
    assert csv_cell(None) == ""
    assert csv_cell(False) == "false"
    assert csv_cell(-1) == "-1"
    assert csv_cell(dt.date(2026, 1, 2)) == "2026-01-02"
    assert csv_cell("-5 degrees") == "'-5 degrees"
    assert csv_cell("plain") == "plain"
