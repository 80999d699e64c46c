"""What an import did, in words: how many actors and ties came in, and every adaptation."""

from __future__ import annotations

from collections.abc import Sequence

from nsc_workshop.errors import Problem
from nsc_workshop.i18n import t
from nsc_workshop.model import Workshop

__all__ = ["MAX_LISTED", "export_notes", "import_headline", "import_summary"]

MAX_LISTED = 200
"""Adaptations listed one by one; the rest are counted."""


def import_headline(before: Workshop | None, after: Workshop) -> str:
    """``Imported 12 actors and 30 ties.``, or, into a workshop, how many were added."""
    if before is None:
        actors = t("io.report.actors", count=len(after.actors))
        ties = t("io.report.ties", count=len(after.ties))
        return t("io.report.imported", actors=actors, ties=ties, title=after.meta.title)
    actors = t("io.report.actors", count=len(set(after.actors) - set(before.actors)))
    ties = t("io.report.ties", count=len(set(after.ties) - set(before.ties)))
    return t("io.report.added", actors=actors, ties=ties, title=after.meta.title)


def import_summary(before: Workshop | None, after: Workshop, warnings: Sequence[Problem]) -> list[str]:
    """The lines the command line prints after an import: the headline, then each adaptation.

    >>> from nsc_workshop.testing import make_workshop
    >>> from nsc_workshop.io import Adaptation
    >>> ws = make_workshop(actors=3, ties=2)
    >>> for line in import_summary(None, ws, [Adaptation("Elements row 4", "merged")]):
    ...     print(line)
    Imported 3 actors and 2 ties (Test workshop 0).
    1 thing was adapted to import this file:
      - Elements row 4: merged
    """
    lines = [import_headline(before, after)]
    if warnings:
        lines.append(t("io.warn.summary", count=len(warnings)))
        lines.extend(f"  - {warning}" for warning in warnings[:MAX_LISTED])
        if len(warnings) > MAX_LISTED:
            lines.append("  " + t("io.report.more", count=len(warnings) - MAX_LISTED))
    return lines


def export_notes(workshop: Workshop, fmt: str) -> list[str]:
    """What the user of another tool should know about this export (a mixed map for networkx, labels made
    unique for PRSM); empty when the file opens there as it is."""
    from nsc_workshop.io import gexf, prsm

    if fmt in ("gexf", "graphml"):
        note = gexf.networkx_note(workshop)
        return [note] if note else []
    if fmt == "prsm-xlsx":
        return prsm.prsm_xlsx_notes(workshop)
    return []
