"""Bad files give an ImportFormatError naming the sheet, row and column, and the store is left as it was."""

from __future__ import annotations

import zipfile

import pytest

from nsc_workshop.io import (
    MAX_FILE_BYTES,
    Adaptation,
    ImportFormatError,
    detect_format,
    import_map,
    read_map,
    write_map,
)
from nsc_workshop.testing import make_workshop


@pytest.fixture
def store_with_a_workshop(nsc_store):
    wid = nsc_store.import_workshop(make_workshop(actors=4, ties=3))
    return nsc_store, wid


def _refused(store, wid, path, fmt=None, *, strict=False):
    """Import ``path`` as a new workshop and into ``wid``: both refused, nothing stored."""
    before = [w.id for w in store.list_workshops()]
    state, history = store.load(wid), store.history(wid)
    with pytest.raises(ImportFormatError) as new:
        import_map(store, path, fmt, strict=strict)
    with pytest.raises(ImportFormatError) as into:
        import_map(store, path, fmt, into=wid, strict=strict)
    assert [w.id for w in store.list_workshops()] == before
    assert store.load(wid) == state and len(store.history(wid)) == len(history)
    assert str(new.value) == str(into.value)
    return new.value


def _places(error):
    return [p.where for p in (error if isinstance(error, list) else error.problems)]


def test_a_connections_sheet_without_from(store_with_a_workshop, tmp_path, xlsx):
    store, wid = store_with_a_workshop
    path = xlsx(
        tmp_path / "k.xlsx", {"Elements": [["Label"], ["A"], ["B"]], "Connections": [["Source", "To"], ["A", "B"]]}
    )
    error = _refused(store, wid, path)
    assert "sheet Connections" in _places(error)
    assert "has no column From" in str(error)


def _adapted(path, fmt=None):
    """Import ``path`` leniently: the workshop and the places of what was adapted."""
    found = []
    workshop = read_map(path, fmt, warnings=found)
    assert all(isinstance(w, Adaptation) for w in found)
    return workshop, found


def test_ties_to_unknown_labels_create_the_actor_and_say_where(store_with_a_workshop, tmp_path, xlsx):
    store, wid = store_with_a_workshop
    path = xlsx(
        tmp_path / "k.xlsx",
        {
            "Elements": [["Label"], ["Police"], ["School"]],
            "Connections": [["From", "To"], ["Police", "School"], ["Police", "Scool"]],
        },
    )
    workshop, found = _adapted(path)
    assert sorted(a.name for a in workshop.actors.values()) == ["Police", "School", "Scool"]  # as Kumu does
    assert len(workshop.ties) == 2
    assert _places(found) == ["Connections row 3, column To"]
    assert "'Scool'" in str(found[0]) and "created" in str(found[0])
    error = _refused(store, wid, path, strict=True)  # strict: refused as before, naming the row
    assert _places(error) == ["Connections row 3, column To"]
    assert "Scool" in str(error) and "strict" in str(error)


def test_duplicate_labels_are_one_actor_and_name_both_rows(store_with_a_workshop, tmp_path, xlsx):
    store, wid = store_with_a_workshop
    path = xlsx(tmp_path / "k.xlsx", {"Elements": [["Label"], ["Police"], ["School"], [" police "]]})
    workshop, found = _adapted(path)
    assert sorted(a.name for a in workshop.actors.values()) == ["Police", "School"]
    (problem,) = found
    assert problem.where == "Elements row 4, column Label"
    assert "Elements row 2" in problem.message and "one actor" in problem.message
    error = _refused(store, wid, path, strict=True)
    (problem,) = error.problems
    assert problem.where == "Elements row 4, column Label"


def test_a_wrong_weight_is_kept_as_an_attribute(store_with_a_workshop, tmp_path, xlsx):
    store, wid = store_with_a_workshop
    path = xlsx(
        tmp_path / "k.xlsx",
        {
            "Elements": [["Label"], ["A"], ["B"]],
            "Connections": [["From", "To", "Strength"], ["A", "B", "strong"], ["B", "A", 500]],
        },
    )
    workshop, found = _adapted(path)
    assert len(workshop.ties) == 2
    kept = [t.attributes.get("Strength") for t in workshop.ties.values()]
    assert "strong" in kept and 500 in kept  # nothing the file said is lost
    assert all(t.weight == 1.0 for t in workshop.ties.values())  # the field keeps its default
    assert found and all("Strength" in str(w) for w in found)
    error = _refused(store, wid, path, strict=True)
    assert all("Strength" in place for place in _places(error))


def test_every_problem_is_listed_at_once(tmp_path, xlsx):
    path = xlsx(
        tmp_path / "k.xlsx",
        {
            "Elements": [
                ["Label", "Influence", "Level", "Power"],
                ["A", 11, "city", "maybe"],
                ["B", "7", "Local", "yes"],
            ],
            "Connections": [["From", "To", "Direction"], ["A", "B", "sideways"]],
        },
    )
    with pytest.raises(ImportFormatError) as caught:
        read_map(path, strict=True)
    places = _places(caught.value)
    for column in ("Direction", "Influence", "Level", "Power"):  # every one at once
        assert any(place.endswith(f"column {column}") for place in places), (column, places)
    workshop, found = _adapted(path)  # without strict: the file comes in, each adaptation said
    assert len(workshop.actors) == 2 and len(workshop.ties) == 1
    assert {p.rsplit("column ", 1)[-1] for p in _places(found)} >= {"Direction", "Influence", "Level", "Power"}


def test_an_empty_sheet(store_with_a_workshop, tmp_path, xlsx):
    store, wid = store_with_a_workshop
    path = xlsx(tmp_path / "k.xlsx", {"Elements": [], "Connections": [["From", "To"]]})
    error = _refused(store, wid, path)
    assert _places(error) == ["sheet Elements"]
    assert "is empty" in str(error)


def test_a_csv_in_an_unknown_encoding(store_with_a_workshop, tmp_path):
    store, wid = store_with_a_workshop
    folder = tmp_path / "pair"
    folder.mkdir()
    (folder / "nodes.csv").write_bytes(b"Id,Label\r\nn1,Troms\x81\r\n")  # 0x81 is no character in Windows-1252
    error = _refused(store, wid, folder)
    assert "nodes.csv" in str(error) and "position 18" in str(error)


def test_a_csv_with_a_bad_row(store_with_a_workshop, tmp_path):
    store, wid = store_with_a_workshop
    folder = tmp_path / "pair"
    folder.mkdir()
    (folder / "nodes.csv").write_text("Id,Label\nn1,Police\nn2,School\n", "utf-8")
    (folder / "edges.csv").write_text("Source,Target,Weight,Type\nn1,n2,2,Directed\nn2,n9,strong,sideways\n", "utf-8")
    error = _refused(store, wid, folder, strict=True)
    places = _places(error)
    for column in ("Target", "Type", "Weight"):
        assert any(place.startswith("edges.csv") and place.endswith(f"column {column}") for place in places), places
    workshop, found = _adapted(folder)  # as Gephi does: n9 created, the odd cells kept
    assert sorted(a.name for a in workshop.actors.values()) == ["School", "Police", "n9"] or len(workshop.actors) == 3
    assert len(workshop.ties) == 2
    assert any("n9" in str(w) for w in found)
    assert any("strong" in str(w) for w in found)


@pytest.mark.parametrize("fmt", ["kumu-xlsx", "excel", "gexf", "graphml", "kumu-json", "prsm", "csv"])
def test_a_truncated_file(fmt, store_with_a_workshop, tmp_path, file_names):
    store, wid = store_with_a_workshop
    path = write_map(make_workshop(actors=30, ties=40), tmp_path / file_names[fmt], fmt)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    error = _refused(store, wid, path, fmt)
    assert path.name in str(error)


def test_truncated_files_are_recognised_or_refused(tmp_path, file_names):
    """Detection reports the damage (line and column for text) rather than a wrong format."""
    for fmt in ("kumu-json", "prsm", "kumu-xlsx", "gexf", "graphml"):
        path = write_map(make_workshop(actors=30, ties=40), tmp_path / file_names[fmt], fmt)
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
        if fmt in ("gexf", "graphml"):
            assert detect_format(path) == fmt  # the root element is intact...
            with pytest.raises(ImportFormatError, match=r"not valid XML \(line \d+, column \d+"):
                read_map(path)  # ...the reader says where the file breaks off
            continue
        with pytest.raises(ImportFormatError) as caught:
            detect_format(path)
        text = str(caught.value)
        assert path.name in text
        assert ("line" in text) or ("damaged" in text)


def test_files_of_no_known_format(store_with_a_workshop, tmp_path):
    store, wid = store_with_a_workshop
    cases = {
        "picture.png": b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
        "notes.txt": b"Just some notes from the workshop.\nNothing to import.\n",
        "data.json": b'{"hello": "world"}',
        "page.xml": b"<html><body>hi</body></html>",
        "sheet.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100),
    }
    messages = {}
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        messages[name] = str(_refused(store, wid, path))
    assert "Cannot tell what kind of map file" in messages["picture.png"]
    assert "Cannot tell what kind of map file" in messages["notes.txt"]
    assert "not a workshop bundle, a Kumu project" in messages["data.json"]
    assert "<html>" in messages["page.xml"]
    assert "old Excel .xls" in messages["sheet.xls"]
    unknown_workbook = tmp_path / "budget.xlsx"
    from openpyxl import Workbook

    Workbook().save(unknown_workbook)
    assert "Kumu's (Elements, Connections)" in str(_refused(store, wid, unknown_workbook))


def test_too_large_files_are_refused_before_reading(store_with_a_workshop, tmp_path):
    store, wid = store_with_a_workshop
    path = tmp_path / "huge.gexf"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk
    assert "may be at most 25 MB" in str(_refused(store, wid, path))


def test_a_zip_that_unpacks_too_large_is_refused(tmp_path):
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("edges.csv", b"Source,Target\n" + b"0" * (4 * MAX_FILE_BYTES + 1))
    assert path.stat().st_size < 1_000_000
    with pytest.raises(ImportFormatError, match="at most 100 MB"):
        read_map(path, "csv")


@pytest.mark.parametrize(
    "document",
    [
        '<?xml version="1.0"?><!DOCTYPE gexf [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        '<gexf><graph><nodes><node id="a" label="&lol2;"/></nodes></graph></gexf>',
        '<?xml version="1.0"?><!DOCTYPE graphml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        '<graphml><graph><node id="a"><data key="d0">&xxe;</data></node></graph></graphml>',
        '<?xml version="1.0"?><!DOCTYPE gexf SYSTEM "http://example.invalid/gexf.dtd"><gexf><graph/></gexf>',
    ],
)
def test_xml_with_a_doctype_is_refused(document, store_with_a_workshop, tmp_path):
    store, wid = store_with_a_workshop
    path = tmp_path / "map.gexf"
    path.write_text(document, "utf-8")
    error = _refused(store, wid, path)
    assert "DOCTYPE" in str(error)
    for fmt in ("gexf", "graphml"):
        with pytest.raises(ImportFormatError, match="DOCTYPE"):
            read_map(path, fmt)


def test_an_existing_workshop_id_is_not_overwritten(nsc_store, sample, tmp_path):
    nsc_store.import_workshop(sample)
    path = write_map(sample, tmp_path / "w.xlsx", "excel")
    from nsc_workshop.errors import WorkshopExists

    with pytest.raises(WorkshopExists):
        import_map(nsc_store, path)
    assert import_map(nsc_store, path, replace=True) == sample.id
    assert nsc_store.load(sample.id).actors == sample.actors


def test_two_columns_for_one_field_are_named(store_with_a_workshop, tmp_path, xlsx):
    store, wid = store_with_a_workshop
    path = xlsx(
        tmp_path / "k.xlsx",
        {"Elements": [["Label", "Type", "Element Type"], ["Police", "police", "police"], ["School", "schools", "x"]]},
    )
    workshop, found = _adapted(path)
    assert _places(found) == ["Elements, column Element Type"]
    assert "kept as the custom attribute 'Element Type'" in found[0].message
    actors = {a.name: a for a in workshop.actors.values()}
    assert actors["School"].sector == "schools" and actors["School"].attributes == {"Element Type": "x"}
    error = _refused(store, wid, path, strict=True)
    assert any("Element Type" in problem.where for problem in error.problems)
    assert "Type" in str(error)
