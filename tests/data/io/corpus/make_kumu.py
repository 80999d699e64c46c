"""Write the Kumu spreadsheets of the corpus (``kumu-*.xlsx``) cell by cell with openpyxl, as a Kumu user would.

Each workbook follows Kumu's guides "Structure your data for Kumu" (Label in
column A of an elements sheet, From and To in columns A and B of a connections
sheet, ``|`` between several values, "(ignore)" sheets skipped) and "How do I
avoid duplicating data?" (rows with one Label, or one Label and Type, or one
ID, are one element). Run once from the repository root; the files are
committed::

    .venv/bin/python tests/data/io/corpus/make_kumu.py
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl

HERE = Path(__file__).resolve().parent

WORKBOOKS: dict[str, dict[str, Sequence[Sequence[Any]]]] = {
    # Every column is a free field in Kumu: Influence holds words, Stance Kumu users' words, Strength a word.
    "kumu-text-in-our-columns.xlsx": {
        "Elements": [
            ["Label", "Type", "Influence", "Stance", "Power"],
            ["Varnholm police", "Police", "High", "Supportive", "yes"],
            ["Kaia youth house", "Youth work", "Medium", "Opposed", "no"],
            ["Sørhavn tenants", "Housing", "Low", "Supportive", None],
            ["Varnholm school", "Education", 7, None, "x"],
        ],
        "Connections": [
            ["From", "To", "Type", "Strength"],
            ["Varnholm police", "Kaia youth house", "Shares information", "Strong"],
            ["Kaia youth house", "Sørhavn tenants", "Collaborates", "Weak"],
            ["Varnholm school", "Kaia youth house", "Funds", 3],
        ],
    },
    # Kumu creates an element for a From/To that names none.
    "kumu-created-elements.xlsx": {
        "Elements": [
            ["Label", "Type"],
            ["Varnholm police", "Police"],
            ["Kaia youth house", "Youth work"],
        ],
        "Connections": [
            ["From", "To", "Type"],
            ["Varnholm police", "Kaia youth house", "Meets"],
            ["Kaia youth house", "Sørhavn library", "Borrows rooms"],
            ["Varnholm mosque council", "Kaia youth house", "Volunteers"],
            ["Sørhavn library", "Varnholm police", "Reports"],
        ],
    },
    # One Label (compared trimmed and case-insensitively) and one Type is one element; another Type is another.
    "kumu-repeated-labels.xlsx": {
        "Elements": [
            ["Label", "Type", "Description", "Tags"],
            ["Varnholm police", "Police", "District office", "safety"],
            ["Kaia youth house", "Youth work", None, "youth"],
            [" varnholm police ", "Police", None, "prevention"],
            ["Pipeline", "Project", "The after-school project", None],
            ["Pipeline", "Place", "The skate park", None],
        ],
        "Connections": [
            ["From", "To"],
            ["Varnholm police", "Kaia youth house"],
        ],
    },
    # With IDs, rows with one ID are one element; one label with two IDs is two elements.
    "kumu-repeated-ids.xlsx": {
        "Elements": [
            ["ID", "Label", "Type", "Budget"],
            ["police", "Varnholm police", "Police", 120],
            ["youth", "Kaia youth house", "Youth work", None],
            ["police", "Varnholm police", None, None],
            ["youth-2", "Kaia youth house", "Youth work", 40],
        ],
        "Connections": [
            ["From", "To", "Type"],
            ["police", "youth", "Meets"],
            ["youth-2", "police", "Reports"],
        ],
    },
    # Sheets named otherwise: read by their columns; a sheet with neither is skipped; "(ignore)" is not read.
    "kumu-odd-sheet-names.xlsx": {
        "Organisations": [
            ["Label", "Type"],
            ["Varnholm police", "Police"],
            ["Kaia youth house", "Youth work"],
            ["Sørhavn tenants", "Housing"],
        ],
        "Who works with whom": [
            ["From", "To", "Type"],
            ["Varnholm police", "Kaia youth house", "Meets"],
            ["Sørhavn tenants", "Kaia youth house", "Rents"],
        ],
        "Budget": [["Year", "Amount"], [2024, 1000]],
        "Notes (ignore)": [["Written by the facilitator"]],
    },
    # A workbook of connections only: Kumu makes an element of every label.
    "kumu-only-connections.xlsx": {
        "Connections": [
            ["From", "To", "Type", "Strength"],
            ["Varnholm police", "Kaia youth house", "Meets", 2],
            ["kaia youth house", "Sørhavn tenants", "Rents", 1],
            ["Sørhavn tenants", "Varnholm police", "Reports", 3],
        ],
    },
    # "|" in From and in To: a connection from each to each.
    "kumu-pipe-from-to.xlsx": {
        "Elements": [
            ["Label"],
            ["Varnholm police"],
            ["Varnholm school"],
            ["Kaia youth house"],
            ["Sørhavn tenants"],
        ],
        "Connections": [
            ["From", "To", "Type"],
            ["Varnholm police | Varnholm school", "Kaia youth house|Sørhavn tenants", "Meets"],
        ],
    },
    # A connection from an element to itself and a row without From: Kumu draws a loop; we skip both, said.
    "kumu-loops.xlsx": {
        "Elements": [["Label"], ["Varnholm police"], ["Kaia youth house"]],
        "Connections": [
            ["From", "To", "Type"],
            ["Varnholm police", "Kaia youth house", "Meets"],
            ["Kaia youth house", "Kaia youth house", "Internal meeting"],
            [None, "Varnholm police", "Calls"],
        ],
    },
    # Kumu's Direction: directed (the default), undirected, mutual; "two-way" read as undirected, said.
    "kumu-direction.xlsx": {
        "Elements": [["Label"], ["Varnholm police"], ["Kaia youth house"], ["Sørhavn tenants"], ["Varnholm school"]],
        "Connections": [
            ["From", "To", "Direction"],
            ["Varnholm police", "Kaia youth house", "directed"],
            ["Kaia youth house", "Sørhavn tenants", "Mutual"],
            ["Sørhavn tenants", "Varnholm school", "undirected"],
            ["Varnholm school", "Varnholm police", None],
            ["Varnholm police", "Sørhavn tenants", "two-way"],
        ],
    },
    # Colour, size and shape columns (Kumu's decoration property names); Kumu's "circle" and "square".
    "kumu-colours.xlsx": {
        "Elements": [
            ["Label", "Color", "Size", "Shape"],
            ["Varnholm police", "#E69F00", 30, "circle"],
            ["Kaia youth house", "#0072b2", 12.5, "square"],
            ["Sørhavn tenants", "#009E73", None, "diamond"],
        ],
        "Connections": [
            ["From", "To", "Color", "Width", "Pattern"],
            ["Varnholm police", "Kaia youth house", "#D55E00", 3, "dashed"],
            ["Kaia youth house", "Sørhavn tenants", None, None, "solid"],
        ],
    },
    # A header twice, and two headers for one field (Type and Element Type): the second kept as an attribute.
    "kumu-repeated-columns.xlsx": {
        "Elements": [
            ["Label", "Type", "Tags", "Element Type", "Tags"],
            ["Varnholm police", "Police", "safety", "Authority", "night"],
            ["Kaia youth house", "Youth work", "youth", "NGO", None],
        ],
        "Connections": [["From", "To"], ["Varnholm police", "Kaia youth house"]],
    },
}


def main() -> None:
    for name, sheets in WORKBOOKS.items():
        workbook = openpyxl.Workbook()
        workbook.remove(workbook.active)
        for title, rows in sheets.items():
            sheet = workbook.create_sheet(title)
            for row in rows:
                sheet.append(list(row))
        workbook.save(HERE / name)


if __name__ == "__main__":
    main()
