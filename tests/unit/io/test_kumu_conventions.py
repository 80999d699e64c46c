"""Kumu's conventions as Kumu applies them (its import guides, blueprint and backup docs), each adaptation said,
strict imports refusing what needed adapting; the Kumu JSON export read by a reader written from Kumu's docs;
17-digit numbers exact through every xlsx format."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from nsc_workshop.io import Adaptation, ImportFormatError, detect_format, read_map, write_map
from nsc_workshop.model import Workshop


def _read(path: Path, fmt: str | None = None) -> tuple[Workshop, list[Any]]:
    found: list[Any] = []
    workshop = read_map(path, fmt, warnings=found)
    assert all(isinstance(w, Adaptation) for w in found)
    return workshop, found


def _by_name(workshop: Workshop) -> dict[str, Any]:
    return {a.name: a for a in workshop.actors.values()}


def _names(workshop: Workshop) -> dict[str, str]:
    return {a.id: a.name for a in workshop.actors.values()}


def _strict_refuses(path: Path, *places: str) -> None:
    with pytest.raises(ImportFormatError) as caught:
        read_map(path, strict=True)
    where = [p.where for p in caught.value.problems]
    for place in places:
        assert place in where, (place, where)


# -- a column of ours holding other values --------------------------------------


def test_text_in_a_column_of_ours_keeps_the_whole_column_as_an_attribute(tmp_path, xlsx):
    path = xlsx(
        tmp_path / "k.xlsx",
        {
            "Elements": [
                ["Label", "Influence", "Power"],
                ["Police", 7, "yes"],
                ["School", "High", "no"],
                ["Club", "Low", None],
                ["Church", None, "x"],
            ],
            "Connections": [["From", "To", "Strength"], ["Police", "School", "Strong"], ["School", "Club", 2]],
        },
    )
    workshop, found = _read(path)
    actors = _by_name(workshop)
    # every cell of the column as it is (7 stays a number), none left in the field
    assert [actors[n].attributes.get("Influence") for n in ("Police", "School", "Club")] == [7, "High", "Low"]
    assert "Influence" not in actors["Church"].attributes
    assert all(a.influence is None for a in actors.values())
    assert (actors["Police"].power, actors["School"].power, actors["Church"].power) == (True, False, True)
    ties = {(_names(workshop)[t.source], _names(workshop)[t.target]): t for t in workshop.ties.values()}
    assert ties["Police", "School"].attributes == {"Strength": "Strong"} and ties["Police", "School"].weight == 1.0
    assert ties["School", "Club"].attributes == {"Strength": 2}
    # one adaptation per column, at its first such cell, naming the column and the attribute
    assert [w.where for w in found] == ["Elements row 3, column Influence", "Connections row 2, column Strength"]
    assert "'High'" in found[0].message and "custom attribute 'Influence'" in found[0].message
    assert "cells like this: 2" in found[0].message
    _strict_refuses(path, "Elements row 3, column Influence", "Connections row 2, column Strength")


def test_obvious_meanings_are_taken_and_said_and_scores_in_words_are_not(tmp_path, xlsx):
    path = xlsx(
        tmp_path / "k.xlsx",
        {
            "Elements": [
                ["Label", "Stance", "Interest", "Shape"],
                ["Police", "Supportive", "High", "circle"],
                ["School", "Opposed", "Medium", "diamond"],
                ["Club", "supports", "Low", None],
            ],
            "Connections": [
                ["From", "To", "Direction", "Sign"],
                ["Police", "School", "Mutual", "-"],
                ["School", "Club", "two-way", "+"],
                ["Club", "Police", None, None],
            ],
        },
    )
    workshop, found = _read(path)
    actors = _by_name(workshop)
    assert [actors[n].stance for n in ("Police", "School", "Club")] == ["supports", "opposes", "supports"]
    assert (actors["Police"].shape, actors["School"].shape) == ("ellipse", "diamond")
    # High/Medium/Low is no 0-10 score: kept as written
    assert [actors[n].attributes["Interest"] for n in ("Police", "School", "Club")] == ["High", "Medium", "Low"]
    names = _names(workshop)
    ties = {(names[t.source], names[t.target]): t for t in workshop.ties.values()}
    assert (ties["Police", "School"].directed, ties["Police", "School"].sign) == (False, -1)
    assert (ties["School", "Club"].directed, ties["School", "Club"].sign) == (False, 1)
    assert ties["Club", "Police"].directed is True  # blank is Kumu's default
    messages = {w.where: w.message for w in found}
    assert "'Supportive' → supports" in messages["Elements row 2, column Stance"]
    assert "'Opposed' → opposes" in messages["Elements row 2, column Stance"]
    assert "'two-way' → undirected" in messages["Connections row 3, column Direction"]
    assert "'-' → -1" in messages["Connections row 2, column Sign"]
    assert "custom attribute 'Interest'" in messages["Elements row 2, column Interest"]
    assert len(found) == 5  # Stance, Interest, Shape, Direction, Sign: one each


def test_a_column_with_one_word_of_no_plain_meaning_is_kept_whole(tmp_path, xlsx):
    path = xlsx(
        tmp_path / "k.xlsx",
        {"Elements": [["Label", "Stance"], ["Police", "Supportive"], ["School", "lukewarm"], ["Club", "neutral"]]},
    )
    workshop, found = _read(path)
    actors = _by_name(workshop)
    assert [actors[n].attributes["Stance"] for n in ("Police", "School", "Club")] == [
        "Supportive",
        "lukewarm",
        "neutral",
    ]
    assert all(a.stance is None for a in actors.values())
    (warning,) = found
    assert warning.where == "Elements row 2, column Stance" and "must be one of supports" in warning.message


def test_a_value_the_model_refuses_is_kept_under_the_file_s_header(tmp_path, xlsx):
    path = xlsx(
        tmp_path / "k.xlsx",
        {
            "Elements": [["Label", "Size"], ["Police", 5000], ["School", 20]],
            "Connections": [["From", "To", "Weight"], ["Police", "School", 500]],
        },
    )
    workshop, found = _read(path)
    actors = _by_name(workshop)
    assert actors["Police"].size is None and actors["Police"].attributes == {"Size": 5000.0}
    assert actors["School"].size == 20.0
    (tie,) = workshop.ties.values()
    assert tie.weight == 1.0 and tie.attributes == {"Weight": 500.0}  # the file's header, not "Strength"
    assert sorted(w.where for w in found) == ["Connections row 2, column Weight", "Elements row 2, column Size"]


def test_repeated_headers_and_rows_without_an_end(tmp_path, xlsx):
    path = xlsx(
        tmp_path / "k.xlsx",
        {
            "Elements": [["Label", "Type", "Label"], ["Police", "Authority", "Politi"], ["School", "Education", None]],
            "Connections": [["From", "To"], ["Police", "School"], ["Police", None], [None, None], [" ", "School"]],
        },
    )
    workshop, found = _read(path)
    actors = _by_name(workshop)
    assert actors["Police"].attributes == {"Label (2)": "Politi"} and actors["Police"].sector == "Authority"
    assert len(workshop.ties) == 1
    assert [w.where for w in found] == ["Elements, column Label", "Connections row 3", "Connections row 5"]
    assert "'Label (2)'" in found[0].message
    assert "To is empty" in found[1].message and "From is empty" in found[2].message
    _strict_refuses(path, "Elements, column Label", "Connections row 3")


# -- sheets, merging, created elements, loops -----------------------------------


def test_sheets_are_recognised_by_their_columns(tmp_path, xlsx):
    path = xlsx(
        tmp_path / "partners.xlsx",
        {
            "People": [["Name", "Type"], ["Police", "Authority"], ["School", "Education"]],
            "Links between them": [["From", "To"], ["Police", "School"]],
            "Sums": [["Year", "Amount"], [2024, 10]],
            "Read me (ignore)": [["From", "To"], ["X", "Y"]],
        },
    )
    assert detect_format(path) == "kumu-xlsx"
    workshop, found = _read(path)
    assert sorted(a.name for a in workshop.actors.values()) == ["Police", "School"]
    assert len(workshop.ties) == 1
    assert [w.where for w in found] == ["sheet People", "sheet Links between them", "sheet Sums"]
    assert "read as the Elements sheet" in found[0].message
    assert "read as the Connections sheet" in found[1].message
    assert "skipped" in found[2].message
    _strict_refuses(path, "sheet People")
    nothing = xlsx(tmp_path / "budget.xlsx", {"Sums": [["Year", "Amount"], [2024, 10]]})
    with pytest.raises(ImportFormatError, match="Kumu"):
        detect_format(nothing)


def test_kumu_s_merge_rule_label_and_type_or_id(tmp_path, xlsx):
    labels = xlsx(
        tmp_path / "labels.xlsx",
        {
            "Elements": [
                ["Label", "Type", "Tags", "Budget"],
                ["Pipeline", "Project", "youth", 10],
                [" pipeline", "project", "sport", 20],
                ["Pipeline", "Place", None, None],
            ]
        },
    )
    workshop, found = _read(labels)
    pipelines = sorted((a.sector, a.tags, a.attributes) for a in workshop.actors.values())
    assert pipelines == [("Place", [], {}), ("Project", ["youth", "sport"], {"Budget": 10})]
    (merged,) = found
    assert merged.where == "Elements row 3, column Label"
    assert "Elements row 2" in merged.message and "Budget" in merged.message  # where they differ, row 2 kept
    ids = xlsx(
        tmp_path / "ids.xlsx",
        {"Elements": [["ID", "Label"], ["p1", "Police"], ["p1", "Police HQ"], ["p2", "Police"]]},
    )
    workshop, found = _read(ids)
    assert {a.id: a.name for a in workshop.actors.values()} == {"p1": "Police", "p2": "Police"}
    assert [w.where for w in found] == ["Elements row 3, column ID"]


def test_elements_named_in_connections_are_created_as_kumu_does(tmp_path, xlsx):
    path = xlsx(
        tmp_path / "k.xlsx",
        {
            "Elements": [["Label"], ["Police"]],
            "Connections": [["From", "To"], ["Police", "School|Club"], ["club", "Police"], ["School", "School"]],
        },
    )
    workshop, found = _read(path)
    assert sorted(a.name for a in workshop.actors.values()) == ["Club", "Police", "School"]
    assert len(workshop.ties) == 3
    created = [w for w in found if "Kumu creates it" in w.message]
    assert [w.message.split("'")[1] for w in created] == ["School", "Club"]  # once per name
    (loop,) = [w for w in found if "to itself" in w.message]
    assert loop.where == "Connections row 4"
    only = xlsx(tmp_path / "only.xlsx", {"Connections": [["From", "To"], ["A", "B"], ["b", "C"]]})
    workshop, found = _read(only)
    assert sorted(a.name for a in workshop.actors.values()) == ["A", "B", "C"] and found == []


# -- JSON: blueprints and backups -----------------------------------------------


def test_a_blueprint_as_kumu_s_docs_write_it(tmp_path):
    path = tmp_path / "blueprint.json"
    document = {
        "elements": [
            {"label": "A", "type": "Letter", "description": "This is A", "tags": ["one", "two"]},
            {"label": "B", "type": "Letter", "Favorite Dessert": "shave ice", "influence": "High", "color": "#ABC"},
        ],
        "connections": [
            {"from": "A", "to": "B", "type": "likes"},
            {"from": "B", "to": "A", "direction": "mutual", "strength": 2},
        ],
    }
    path.write_text(json.dumps(document), "utf-8")
    assert detect_format(path) == "kumu-json"
    workshop, found = _read(path)
    actors = _by_name(workshop)
    assert (actors["A"].sector, actors["A"].notes, actors["A"].tags) == ("Letter", "This is A", ["one", "two"])
    assert actors["B"].attributes == {"Favorite Dessert": "shave ice", "influence": "High"}
    assert actors["B"].color == "#aabbcc"
    ties = sorted(workshop.ties.values(), key=lambda t: t.type)
    assert [(t.type, t.directed, t.weight) for t in ties] == [("collaborates", False, 2.0), ("likes", True, 1.0)]
    assert [w.where for w in found] == ["elements[1].attributes.influence"]
    _strict_refuses(path, "elements[1].attributes.influence")


def test_a_backup_keeps_every_map_s_positions_and_writes_them_back(tmp_path, io_data):
    source = Path(__file__).resolve().parents[2] / "data" / "io" / "corpus" / "kumu-backup-two-maps.json"
    workshop, found = _read(source)
    youth = workshop.actors["elem-youth"]
    assert (youth.x, youth.y) == (80.0, -15.25)
    assert youth.attributes["kumu map Youth view: x"] == 0 and youth.attributes["kumu map Youth view: y"] == 0
    assert [w.where for w in found] == ["Kumu map 'Youth view'", "loops"]  # one per map, not per element
    exported = json.loads(write_map(workshop, tmp_path / "back.json", "kumu-json").read_text("utf-8"))
    second = [m for m in exported["maps"] if m["name"] == "Youth view"]
    assert len(second) == 1
    assert {e["element"]: e["position"] for e in second[0]["elements"]} == {
        "elem-youth": {"x": 0, "y": 0},
        "elem-tenants": {"x": 150.75, "y": -30},
    }
    assert all("kumu map" not in k for e in exported["elements"] for k in e["attributes"])  # as a map, not a field
    back, again = _read(tmp_path / "back.json")
    assert again == [] and back.actors == workshop.actors


# -- the export, read as Kumu's docs say Kumu reads it ------------------------------

_KUMU_SHAPES = {"circle": "ellipse", "square": "box", "rectangle": "box"}


def _kumu_docs_reader(document: dict[str, Any]) -> dict[str, Any]:
    """What Kumu takes from a project backup, per its docs (blueprints.md, property-reference.md).

    Elements: ``_id`` and ``attributes`` (``label``, ``element type``, ``description``, ``tags``, any field);
    connections: ``_id``, ``from``/``to`` naming element ``_id``s, ``direction`` one of directed, undirected,
    mutual, ``attributes`` (``connection type``, ``strength``...); ``loops``; ``maps`` whose ``elements`` place an
    element (``element``, ``position`` x/y numbers) and decorate it (``style``: ``color``, ``size``, ``shape``
    circle/square/rectangle or another word), whose ``connections`` decorate a connection (``color``, ``size``,
    ``pattern`` solid/dashed). Raises AssertionError on anything else.
    """
    assert set(document) >= {"elements", "connections", "loops", "maps"}
    elements = {}
    for element in document["elements"]:
        assert set(element) == {"_id", "attributes"}
        assert isinstance(element["attributes"]["label"], str)
        elements[element["_id"]] = dict(element["attributes"])
    connections = {}
    for connection in document["connections"]:
        assert set(connection) == {"_id", "from", "to", "direction", "attributes"}
        assert connection["from"] in elements and connection["to"] in elements
        assert connection["direction"] in ("directed", "undirected", "mutual")
        connections[connection["_id"]] = connection
    assert isinstance(document["loops"], list)
    maps = {}
    for kumu_map in document["maps"]:
        placed = {}
        for entry in kumu_map["elements"]:
            assert entry["element"] in elements
            for value in entry.get("position", {}).values():
                assert isinstance(value, int | float)
            style = entry.get("style", {})
            assert set(style) <= {"color", "size", "shape"}
            placed[entry["element"]] = entry
        for entry in kumu_map["connections"]:
            assert entry["connection"] in connections
            assert set(entry["style"]) <= {"color", "size", "pattern"}
            assert entry["style"].get("pattern", "solid") in ("solid", "dashed", "dotted")
        maps[kumu_map["_id"]] = placed
    assert document["defaultMap"] in maps
    return {"elements": elements, "connections": connections, "maps": maps, "default": maps[document["defaultMap"]]}


def test_the_json_export_is_what_kumu_s_docs_describe(hard, tmp_path):
    path = write_map(hard, tmp_path / "kumu.json", "kumu-json")
    document = json.loads(path.read_text("utf-8"))
    read = _kumu_docs_reader(document)
    assert set(read["elements"]) == set(hard.actors) and set(read["connections"]) == set(hard.ties)
    for actor in hard.actors.values():
        attributes = read["elements"][actor.id]
        assert attributes["label"] == actor.name
        assert attributes.get("element type", "") == actor.sector
        assert attributes.get("tags", []) == actor.tags
        assert ("kind" in attributes) == (actor.kind != "organisation")  # only what differs from the defaults
        assert all(value not in (None, "", []) for key, value in attributes.items() if key in ("level", "stance"))
        entry = read["default"].get(actor.id, {})
        position = entry.get("position", {})
        assert (position.get("x"), position.get("y")) == (actor.x, actor.y)
        style = entry.get("style", {})
        assert style.get("color") == actor.color and style.get("size") == actor.size
        assert _KUMU_SHAPES.get(style.get("shape"), style.get("shape")) == actor.shape
    for tie in hard.ties.values():
        connection = read["connections"][tie.id]
        assert (connection["from"], connection["to"]) == (tie.source, tie.target)
        assert connection["direction"] == ("directed" if tie.directed else "undirected")
        attributes = connection["attributes"]
        assert attributes.get("strength", 1.0) == tie.weight and attributes.get("sign", 1) == tie.sign
        assert attributes.get("connection type", "collaborates") == tie.type
    decorated = {e["connection"]: e["style"] for m in document["maps"] for e in m["connections"]}
    assert decorated["tie_003"] == {"color": "#d55e00", "size": 3.5, "pattern": "dashed"}
    assert read["default"]["act_mayor_office"]["style"]["shape"] == "diamond"
    assert read["default"]["act_city_council"]["style"]["shape"] == "square"  # Kumu's word for our box


def test_the_json_export_writes_no_defaults(sample, tmp_path):
    document = json.loads(write_map(sample, tmp_path / "kumu.json", "kumu-json").read_text("utf-8"))
    for element in document["elements"]:
        attributes = element["attributes"]
        assert attributes.get("kind") != "organisation"
        assert all(value is not None and value != "" and value != [] for value in attributes.values())
    for connection in document["connections"]:
        attributes = connection["attributes"]
        assert attributes.get("strength") != 1.0 and attributes.get("sign") != 1
        assert attributes.get("connection type") != "collaborates"
    kinds = {e["_id"]: e["attributes"].get("kind") for e in document["elements"]}
    assert kinds == {a.id: (None if a.kind == "organisation" else a.kind) for a in sample.actors.values()}
    assert any(kinds.values())  # the sample has other kinds: written where they differ


# -- xlsx exactness ----------------------------------------------------------------

HARD_FLOATS = [0.1 + 0.2, 0.30000000000000004, 1e-17, 0.12345678901234568, 123456789.12345679, 2.5e300, 3.0]


@pytest.mark.parametrize("fmt", ["kumu-xlsx", "prsm-xlsx", "excel"])
def test_seventeen_digit_numbers_survive_every_xlsx_format(fmt, sample, tmp_path, file_names):
    data = sample.model_dump(mode="json")
    for actor, value in zip(data["actors"], HARD_FLOATS, strict=False):
        actor["x"] = value
        actor["attributes"] = {**actor["attributes"], "share": value}
    workshop = Workshop.model_validate(data, context={"bundle": True})
    path = write_map(workshop, tmp_path / file_names[fmt], fmt)
    back = read_map(path, fmt)
    for actor, value in zip(workshop.actors.values(), HARD_FLOATS, strict=False):
        other = back.actors[actor.id]
        assert other.x == value and other.attributes["share"] == value
        assert type(other.attributes["share"]) is float
    with zipfile.ZipFile(path) as archive:
        sheets = b"".join(archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/"))
    assert b"<v>0.30000000000000004</v>" in sheets and b"<v>0.12345678901234568</v>" in sheets


def test_css_colour_names_are_read_as_colours(tmp_path, xlsx):
    path = xlsx(
        tmp_path / "k.xlsx",
        {"Elements": [["Label", "Color"], ["Police", "SteelBlue"], ["School", "#ABC"], ["Club", "red"]]},
    )
    workshop, found = _read(path)
    actors = _by_name(workshop)
    assert [actors[n].color for n in ("Police", "School", "Club")] == ["#4682b4", "#aabbcc", "#ff0000"]
    (said,) = found
    assert said.where == "Elements row 2, column Color" and "'SteelBlue' → #4682b4" in said.message
    odd = xlsx(tmp_path / "odd.xlsx", {"Elements": [["Label", "Color"], ["Police", "red"], ["School", "police blue"]]})
    workshop, found = _read(odd)
    kept = {a.name: a.attributes["Color"] for a in workshop.actors.values()}
    assert kept == {"Police": "red", "School": "police blue"}  # one name of no colour: the column kept whole
    blueprint = tmp_path / "b.json"
    blueprint.write_text(json.dumps({"elements": [{"label": "A", "color": "navy"}], "connections": []}), "utf-8")
    workshop, found = _read(blueprint)
    assert [a.color for a in workshop.actors.values()] == ["#000080"]
    assert [w.where for w in found] == ["elements[0].attributes.color"]
    backup = tmp_path / "backup.json"
    document = {
        "elements": [{"_id": "e1", "attributes": {"label": "A"}}],
        "connections": [],
        "maps": [{"_id": "m", "elements": [{"element": "e1", "style": {"color": "orange"}}], "connections": []}],
    }
    backup.write_text(json.dumps(document), "utf-8")
    workshop, found = _read(backup)
    assert workshop.actors["e1"].color == "#ffa500" and found == []  # Kumu's own property takes CSS colours
