"""The kit's reference data: Blueprint areas, sectors, tie types, the ten
characteristics of wicked problems, and the synthetic sample workshop.

The files live in the repository's ``datasets/`` folder; an installed package
carries them as ``nsc_workshop/datasets``. Labels are translated through the
catalogs (``dataset.<name>.<id>.label``) and fall back on the English text in
the file.

>>> [area["id"] for area in blueprint_areas()][:2]
['democracy', 'digital']
>>> tie_type("conflicts")["sign"]
-1
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nsc_workshop.i18n import t

if TYPE_CHECKING:
    from nsc_workshop.model import Workshop

__all__ = [
    "SAMPLE_WORKSHOP_ID",
    "blueprint_areas",
    "data_dir",
    "labels",
    "load_sample",
    "notebooks_dir",
    "sample_bundle_path",
    "sectors",
    "sprint_templates",
    "tie_type",
    "tie_types",
    "wickedness_characteristics",
]

SAMPLE_WORKSHOP_ID = "sample-varnholm"


def _shipped(name: str) -> Traversable:
    """A folder shipped with the package (in a wheel) or kept beside it (in a checkout)."""
    packaged = resources.files("nsc_workshop") / name
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / name


def data_dir() -> Traversable:
    """The folder holding the datasets."""
    return _shipped("datasets")


def notebooks_dir() -> Path:
    """The folder holding the Voilà apps' notebooks."""
    return Path(str(_shipped("notebooks")))


@cache
def _load(name: str) -> tuple[dict[str, Any], ...]:
    rows = json.loads((data_dir() / f"{name}.json").read_text("utf-8"))
    return tuple(rows)


def _translated(name: str) -> list[dict[str, Any]]:
    out = []
    for row in _load(name):
        row = dict(row)
        for field in ("label", "description", "prompt"):
            if field in row:
                row[field] = t(f"dataset.{name}.{row['id']}.{field}", default=row[field])
        out.append(row)
    return out


def labels(name: str) -> dict[str, str]:
    """``{id: translated label}`` of a dataset: ``blueprint_areas``, ``sectors``, ``tie_types`` or ``wickedness``."""
    return {str(row["id"]): str(row["label"]) for row in _translated(name)}


def blueprint_areas() -> list[dict[str, Any]]:
    """The six areas of the Nordic Safe Cities Blueprint: ``id``, ``label``, ``description``."""
    return _translated("blueprint_areas")


def sectors() -> list[dict[str, Any]]:
    """Actor sectors: ``id``, ``label``, ``group``, ``description``."""
    return _translated("sectors")


def tie_types() -> list[dict[str, Any]]:
    """Tie types: ``id``, ``label``, ``sign`` (+1, 0, -1), ``directed``, ``description``."""
    return _translated("tie_types")


def tie_type(type_id: str) -> dict[str, Any] | None:
    """One tie type, or None for a custom type."""
    return next((row for row in tie_types() if row["id"] == type_id), None)


def wickedness_characteristics() -> list[dict[str, Any]]:
    """Rittel & Webber's ten characteristics: ``id``, ``label``, ``description``, ``prompt``."""
    return _translated("wickedness")


@cache
def _template_rows() -> tuple[dict[str, Any], ...]:
    rows = json.loads((data_dir() / "sprint_templates.json").read_text("utf-8"))
    return tuple(rows)


def sprint_templates() -> dict[str, dict[str, Any]]:
    """The agenda templates of ``datasets/sprint_templates.json``, translated, by id.

    Each template has ``id`` (``1-day``, ``2-day``, ``3-day``), ``label``,
    ``description``, ``days``, ``total_min`` and ``items``: dicts with
    ``day``, ``phase``, ``title``, ``duration_min`` and ``note``.

    Examples
    --------
    >>> templates = sprint_templates()
    >>> list(templates)
    ['1-day', '2-day', '3-day']
    >>> templates["1-day"]["total_min"] / 60
    7.0
    >>> {item["phase"] for item in templates["3-day"]["items"]} >= {"map", "sketch", "decide", "prototype", "test"}
    True
    """
    out: dict[str, dict[str, Any]] = {}
    for row in _template_rows():
        tid = str(row["id"])
        items = []
        for i, item in enumerate(row["items"]):
            items.append(
                {
                    "day": int(item["day"]),
                    "phase": str(item["phase"]),
                    "title": t(f"dataset.sprint_templates.{tid}.{i}.title", default=item["title"]),
                    "duration_min": int(item["duration_min"]),
                    "note": t(f"dataset.sprint_templates.{tid}.{i}.note", default=item.get("note", "")),
                }
            )
        out[tid] = {
            "id": tid,
            "label": t(f"dataset.sprint_templates.{tid}.label", default=row["label"]),
            "description": t(f"dataset.sprint_templates.{tid}.description", default=row.get("description", "")),
            "days": int(row["days"]),
            "total_min": sum(item["duration_min"] for item in items),
            "items": items,
        }
    return out


def sample_bundle_path() -> Traversable:
    """The bundle of the synthetic sample workshop."""
    return data_dir() / "sample_workshop.json"


def load_sample() -> Workshop:
    """The synthetic sample workshop (an invented Nordic city), validated."""
    from nsc_workshop.bundle import read_bundle

    return read_bundle(sample_bundle_path().read_bytes())
