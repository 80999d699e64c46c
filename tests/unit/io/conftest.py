"""Helpers for the map interchange tests: the sample map made harder, and hand-made workbooks."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from nsc_workshop.datasets import load_sample
from nsc_workshop.model import Workshop

DATA = Path(__file__).resolve().parents[2] / "data" / "io"

FILE_NAMES = {
    "bundle": "map.json",
    "kumu-xlsx": "kumu.xlsx",
    "kumu-json": "kumu.json",
    "prsm": "map.prsm",
    "prsm-xlsx": "prsm.xlsx",
    "gexf": "map.gexf",
    "graphml": "map.graphml",
    "csv": "pair.zip",
    "excel": "workshop.xlsx",
}


def hard_workshop() -> Workshop:
    """The sample workshop with the values that are hardest to carry through a file.

    Custom attributes of every type (and mixed types, empty text, None, huge
    integers, whole-number floats, text with a carriage return or a control
    character), names that clash with our columns, tags holding ``|``, text
    starting with ``=`` (a formula in a spreadsheet), positions, a name with
    two spaces, tie attributes and undirected, weighted, signed ties.
    """
    data = load_sample().model_dump(mode="json")
    actors, ties = data["actors"], data["ties"]
    actors[0].update(
        x=12.5,
        y=-3.0,
        tags=["youth", "online hate", "Tromsø"],
        notes="Line one\nline two\twith a tab  ",
        attributes={
            "budget": 1200,
            "ratio": 0.25,
            "Label": "clashes with a column",
            "sector": "clashes with a field",
            "attr.x": "looks escaped",
            "empty": "",
            "none": None,
            "mixed": 3,
            "flag": True,
            "emoji": "🙂 Åland",
            "spaces": "  padded ",
            "cr": "a\r\nb",
            "big": 2**60,
            "whole_float": 3.0,
            "numtext": "007",
            "control": "a\x01b",
        },
    )
    actors[1].update(
        x=0.0, y=None, tags=["a|b", "c"], attributes={"mixed": "three", "ratio": 2, "budget": 5, "flag": False}
    )
    actors[2].update(name="Double  space  name", goals="\r\nstarts with a carriage return", attributes={"mixed": 2.5})
    actors[3].update(notes="=SUM(A1:A2)", attributes={"formula": "=1+1", "json_like": '{"a": 1}', "pipe": "x|y"})
    actors[4].update(level=None, influence=None, power=None, stance=None, kind="group", sector="")
    # how another tool drew them: every format that can carry it does
    actors[0].update(color="#e69f00", size=24.0, shape="diamond")
    actors[1].update(color="#0072b2", shape="box")
    actors[2].update(size=0.1234567890123456789)
    actors[5].update(x=0.1 + 0.2, y=1e-17, shape="star")
    ties[0].update(
        weight=2.5,
        sign=-1,
        label="Label  with  spaces",
        notes="note\nmore",
        attributes={"since": 2021, "type": "clash", "label": "x", "kind": "k", "w": 1.5, "none": None},
    )
    ties[1].update(directed=False, attributes={"since": "long ago"})
    ties[2].update(weight=100.0, sign=0, type="a custom type", color="#d55e00", width=3.5, style="dashed")
    ties[3].update(style="dotted", weight=0.30000000000000004)
    return Workshop.model_validate(data, context={"bundle": True})


@pytest.fixture
def hard() -> Workshop:
    return hard_workshop()


def assert_same_map(expected: Workshop, actual: Workshop) -> None:
    """Every actor and tie equal field by field, ids included, with attribute values of the same type."""
    assert list(actual.actors) == list(expected.actors)
    for actor_id, actor in expected.actors.items():
        other = actual.actors[actor_id]
        for name in type(actor).model_fields:
            assert getattr(other, name) == getattr(actor, name), (actor_id, name)
        for key, value in actor.attributes.items():
            assert type(other.attributes[key]) is type(value), (actor_id, key)
    assert list(actual.ties) == list(expected.ties)
    for tie_id, tie in expected.ties.items():
        other_tie = actual.ties[tie_id]
        for name in type(tie).model_fields:
            assert getattr(other_tie, name) == getattr(tie, name), (tie_id, name)
        for key, value in tie.attributes.items():
            assert type(other_tie.attributes[key]) is type(value), (tie_id, key)


def make_xlsx(path: Path, sheets: dict[str, Sequence[Sequence[Any]]]) -> Path:
    """A workbook written cell by cell with openpyxl, as a person or another tool would."""
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    workbook.save(path)
    return path


def kumu_workbook(path: Path) -> Path:
    """A small Kumu spreadsheet as a Kumu user writes it (Label first, no ids)."""
    return make_xlsx(
        path,
        {
            "Elements": [
                ["Label", "Type", "Description", "Tags", "Budget"],
                ["Varnholm police", "Police", "The local district", "safety | prevention", 100],
                ["Kaia youth house", "Youth work", None, "youth", 2.5],
                ["Sørhavn tenants", "Housing", "Tenants' association", None, None],
                ["Åland peace institute", "Researchers", None, None, "n/a"],
            ],
            "Connections": [
                ["From", "To", "Type", "Direction", "Strength", "Sign"],
                ["Varnholm police", "Kaia youth house | Sørhavn tenants", "shares_information", "directed", 3, 1],
                ["kaia youth house ", "Sørhavn tenants", "collaborates", "mutual", None, None],
                ["Sørhavn tenants", "Varnholm police", "distrusts", None, 2, -1],
            ],
            "Notes (ignore)": [["This sheet is for the facilitator"], ["It is not imported"]],
        },
    )


@pytest.fixture
def io_data() -> Path:
    """The folder of hand-written peer files (``tests/data/io``)."""
    return DATA


@pytest.fixture
def same_map() -> Any:
    return assert_same_map


@pytest.fixture
def xlsx() -> Any:
    return make_xlsx


@pytest.fixture
def kumu_xlsx(tmp_path: Path) -> Path:
    return kumu_workbook(tmp_path / "kumu map.xlsx")


@pytest.fixture
def file_names() -> dict[str, str]:
    return dict(FILE_NAMES)
