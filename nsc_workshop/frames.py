"""A workshop as pandas DataFrames, one per table, for analysis and spreadsheets."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from nsc_workshop.model import COLLECTIONS

if TYPE_CHECKING:
    import pandas as pd

    from nsc_workshop.model import Workshop

__all__ = ["TABLES", "to_frames"]

TABLES: dict[str, str] = {spec.kind: spec.field for spec in COLLECTIONS.values()}
"""Table name of each collection kind (``actor`` → ``actors``, ``hmw`` → ``hmw_notes``)."""


def to_frames(workshop: Workshop) -> dict[str, pd.DataFrame]:
    """One DataFrame per table: ``workshop`` (one row of metadata), ``settings``,
    ``framing`` and ``sprint`` (one row of their plain fields), and one per
    collection named as in the bundle (``actors``, ``ties``, ``votes``,
    ``hmw_notes``, ``ideas``...), indexed by id.

    Custom attributes of actors and ties become ``attr.<name>`` columns.

    >>> from nsc_workshop.testing import make_workshop
    >>> frames = to_frames(make_workshop(actors=3, ties=2))
    >>> frames["actors"].shape[0], frames["ties"].shape[0]
    (3, 2)
    """
    import pandas as pd

    from nsc_workshop.model.collections import COLLECTION_FIELDS

    frames: dict[str, pd.DataFrame] = {}
    meta = workshop.meta.model_dump(mode="json")
    frames["workshop"] = pd.DataFrame([{"id": workshop.id, **meta}]).set_index("id")
    for section in ("settings", "framing", "sprint"):
        row = getattr(workshop, section).model_dump(mode="json", exclude=set(COLLECTION_FIELDS.get(section, ())))
        frames[section] = pd.DataFrame([{"workshop_id": workshop.id, **row}]).set_index("workshop_id")
    for spec in COLLECTIONS.values():
        model = spec.model
        columns = list(model.model_fields)
        rows: list[dict[str, Any]] = []
        for item in workshop.collection(spec.kind).values():
            row = item.model_dump(mode="json")
            attributes = row.pop("attributes", None)
            if attributes is not None:
                for key, value in attributes.items():
                    row[f"attr.{key}"] = value
            rows.append(row)
        columns = [c for c in columns if c != "attributes"]
        extra = sorted({k for row in rows for k in row} - set(columns))
        frame = pd.DataFrame(rows, columns=columns + extra)
        frames[spec.field] = frame.set_index("id")
    return frames
