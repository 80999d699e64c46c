"""Rows pasted from a spreadsheet, turned into actors.

A spreadsheet copies a selection as tab-separated lines. The first line may
name the columns (``Name``, ``Sector``, ``Influence``...; any order, any case,
English column names or the current language's field labels); without it,
the columns are read as name, sector, influence, interest. Sectors are
matched by id or label. Every problem names its row.

>>> rows = parse_actor_rows("Name\\tSector\\tInfluence\\nYouth club\\tYouth work\\t4\\n")
>>> rows.actors
[{'name': 'Youth club', 'sector': 'youth_work', 'influence': 4}]
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from typing import Any

from nsc_workshop.datasets import sectors
from nsc_workshop.errors import Problem
from nsc_workshop.i18n import available_languages, t

__all__ = ["PastedActors", "parse_actor_rows"]

_COLUMNS = {
    "name": "name",
    "label": "name",
    "actor": "name",
    "sector": "sector",
    "type": "sector",
    "kind": "kind",
    "level": "level",
    "influence": "influence",
    "power/influence": "influence",
    "interest": "interest",
    "power": "power",
    "legitimacy": "legitimacy",
    "urgency": "urgency",
    "stance": "stance",
    "goals": "goals",
    "goal": "goals",
    "notes": "notes",
    "description": "notes",
    "tags": "tags",
}
_DEFAULT_ORDER = ["name", "sector", "influence", "interest"]
_TRUE = {"yes", "y", "true", "1", "x", "ja", "kyllä", "✓"}
_FALSE = {"no", "n", "false", "0", "nej", "nei", "ei", ""}


@dataclass
class PastedActors:
    """What a paste gave: actor fields ready for ``session.add_many``, and problems by row."""

    actors: list[dict[str, Any]] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _plain(text: str) -> str:
    """A header or label as compared: lower case, without a trailing "(0-10)" or colon."""
    return re.sub(r"\s*(\([^)]*\))?\s*:?\s*$", "", text.strip()).casefold()


def _header_map(cells: list[str]) -> list[str | None] | None:
    """Columns by header: the English names, or a field's label in any language the kit speaks."""
    names = {_plain(k): v for k, v in _COLUMNS.items()}
    for key in set(_COLUMNS.values()):
        for language in available_languages():
            names.setdefault(_plain(t(f"actor.field.{key}", lang=language, default=key)), key)
    mapped = [names.get(_plain(cell)) for cell in cells]
    return mapped if "name" in mapped else None


def _sector_id(text: str) -> str:
    """A sector's id from its id or its label in any language the kit speaks (else the text as typed)."""
    wanted = text.strip().casefold()
    for row in sectors():
        labels = {
            t(f"dataset.sectors.{row['id']}.label", lang=lang, default="").casefold() for lang in available_languages()
        }
        if wanted == row["id"] or wanted == row["label"].casefold() or wanted in labels - {""}:
            return str(row["id"])
    return text.strip()


def _score(text: str) -> int | None:
    text = text.strip()
    if text == "":
        return None
    value = int(float(text.replace(",", ".")))
    if not 0 <= value <= 10 or float(text.replace(",", ".")) != value:
        raise ValueError
    return value


def _flag(text: str) -> bool | None:
    lowered = text.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return None if lowered == "" else False
    raise ValueError


def parse_actor_rows(text: str) -> PastedActors:
    """Actors from pasted spreadsheet rows (tab-separated, or comma/semicolon-separated)."""
    result = PastedActors()
    lines = list(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines:
        return result
    sample = lines[0]
    delimiter = "\t" if "\t" in sample else (";" if sample.count(";") > sample.count(",") else ",")
    reader = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter))
    columns = _header_map(reader[0])
    start = 1
    if columns is None:
        columns = list(_DEFAULT_ORDER)
        start = 0
    for number, cells in enumerate(reader[start:], start=start + 1):
        if not any(cell.strip() for cell in cells):
            continue
        where = t("paste.row", row=number)
        actor: dict[str, Any] = {}
        for index, cell in enumerate(cells):
            key = columns[index] if index < len(columns) else None
            if key is None or cell.strip() == "":
                continue
            try:
                if key in ("influence", "interest"):
                    actor[key] = _score(cell)
                elif key in ("power", "legitimacy", "urgency"):
                    actor[key] = _flag(cell)
                elif key == "sector":
                    actor[key] = _sector_id(cell)
                elif key == "tags":
                    actor[key] = [tag.strip() for tag in cell.replace("|", ",").split(",") if tag.strip()]
                else:
                    actor[key] = cell.strip()
            except ValueError:
                result.problems.append(Problem(where, t(f"paste.bad_{key}", value=cell.strip()[:40])))
        if not actor.get("name"):
            result.problems.append(Problem(where, t("paste.no_name")))
            continue
        result.actors.append(actor)
        result.rows.append(number)
    return result
