"""The registry of a workshop's collections and the references between items.

Every collection is listed once here with where it lives in the
:class:`~nsc_workshop.model.Workshop`, its item model, the prefix of new ids
and the fields that refer to other items. Events, session commands, bundles,
integrity checks and tables all work from this registry, so a later feature
adds a collection by adding a line.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any, Literal

from nsc_workshop.errors import Problem
from nsc_workshop.model._types import Entity, Model
from nsc_workshop.model.actors import Actor, Tie
from nsc_workshop.model.framing import (
    Framing,
    HmwNote,
    IcebergNote,
    PointOfView,
    ProblemNode,
    SprintQuestion,
    WhyChain,
    WickednessScore,
)
from nsc_workshop.model.sprint import (
    Action,
    AgendaItem,
    Attachment,
    Finding,
    Idea,
    Indicator,
    PrototypeRole,
    Sketch,
    Sprint,
    StoryboardStep,
    TocElement,
)
from nsc_workshop.model.votes import Score, Vote
from nsc_workshop.model.workshop import Participant, Publication, Settings, Workshop, WorkshopMeta

__all__ = [
    "COLLECTIONS",
    "COLLECTION_FIELDS",
    "SECTIONS",
    "SECTION_REFS",
    "VOTABLE",
    "Collection",
    "Ref",
    "integrity_problems",
    "references_to",
    "section_of",
]

VOTABLE = ("hmw", "idea", "sketch")


@dataclass(frozen=True)
class Ref:
    """A field that holds the id of another item.

    ``on_delete``: ``cascade`` removes the referring item with its target (a tie
    with its actor); ``nullify`` clears the field (an indicator's outcome).
    """

    kinds: tuple[str, ...]
    on_delete: Literal["cascade", "nullify"] = "cascade"


@dataclass(frozen=True)
class Collection:
    kind: str
    section: str | None
    field: str
    model: type[Entity]
    prefix: str
    refs: Mapping[str, Ref] = dc_field(default_factory=dict)

    @property
    def path(self) -> str:
        return f"{self.section}.{self.field}" if self.section else self.field


def _c(kind: str, section: str | None, fld: str, model: type[Entity], prefix: str, **refs: Ref) -> Collection:
    return Collection(kind, section, fld, model, prefix, refs)


COLLECTIONS: dict[str, Collection] = {
    c.kind: c
    for c in [
        _c("participant", None, "participants", Participant, "p"),
        _c("actor", None, "actors", Actor, "act"),
        _c("tie", None, "ties", Tie, "tie", source=Ref(("actor",)), target=Ref(("actor",))),
        _c("wickedness", "framing", "wickedness", WickednessScore, "wk"),
        _c("iceberg_note", "framing", "iceberg_notes", IcebergNote, "ice"),
        _c("problem_node", "framing", "problem_nodes", ProblemNode, "pn", parent=Ref(("problem_node",))),
        _c("why_chain", "framing", "why_chains", WhyChain, "why"),
        _c("pov", "framing", "povs", PointOfView, "pov"),
        _c("hmw", "framing", "hmw_notes", HmwNote, "hmw"),
        _c("sprint_question", "framing", "sprint_questions", SprintQuestion, "sq"),
        _c("agenda_item", "sprint", "agenda", AgendaItem, "ag"),
        _c("idea", "sprint", "ideas", Idea, "idea"),
        _c("attachment", "sprint", "attachments", Attachment, "att"),
        _c("sketch", "sprint", "sketches", Sketch, "sk", attachment=Ref(("attachment",), "nullify")),
        _c("score", "sprint", "scores", Score, "sc", target=Ref(VOTABLE)),
        _c("storyboard_step", "sprint", "storyboard", StoryboardStep, "sb", sketch=Ref(("sketch",), "nullify")),
        _c("prototype_role", "sprint", "prototype_roles", PrototypeRole, "role"),
        _c("finding", "sprint", "findings", Finding, "fd"),
        _c("toc", "sprint", "toc", TocElement, "toc"),
        _c("indicator", "sprint", "indicators", Indicator, "ind", outcome=Ref(("toc",), "nullify")),
        _c("action", "sprint", "actions", Action, "ap"),
        _c("vote", None, "votes", Vote, "v", target=Ref(VOTABLE)),
    ]
}

SECTIONS: dict[str, type[Model]] = {
    "meta": WorkshopMeta,
    "settings": Settings,
    "framing": Framing,
    "sprint": Sprint,
    "publication": Publication,
}
"""Parts of a workshop whose plain fields (not collections) change by ``<section>.updated``."""

SECTION_REFS: dict[tuple[str, str], Ref] = {
    ("framing", "selected_pov"): Ref(("pov",), "nullify"),
    ("sprint", "chosen_hmw"): Ref(("hmw",), "nullify"),
    ("sprint", "chosen_concept"): Ref(("idea", "sketch"), "nullify"),
}

COLLECTION_FIELDS: dict[str, frozenset[str]] = {
    section: frozenset(c.field for c in COLLECTIONS.values() if c.section == section) for section in SECTIONS
}


def section_of(workshop: Workshop, section: str) -> Model:
    value: Model = getattr(workshop, section)
    return value


def references_to(workshop: Workshop, item_id: str) -> Iterator[tuple[str, Entity, str, Ref]]:
    """Items that refer to ``item_id``: ``(kind, item, field, ref)``."""
    for spec in COLLECTIONS.values():
        if not spec.refs:
            continue
        for item in workshop.collection(spec.kind).values():
            for fld, ref in spec.refs.items():
                if getattr(item, fld) == item_id:
                    yield spec.kind, item, fld, ref


def _exists(workshop: Workshop, item_id: Any, kinds: tuple[str, ...]) -> bool:
    return any(item_id in workshop.collection(k) for k in kinds)


def integrity_problems(workshop: Workshop, root: str = "workshop") -> list[Problem]:
    """Every reference to a missing item, every id used twice, and every loop in the problem tree.

    Paths name the list position as in a bundle: ``workshop.ties[3].target``.
    """
    problems: list[Problem] = []
    for spec in COLLECTIONS.values():
        if not spec.refs:
            continue
        for index, item in enumerate(workshop.collection(spec.kind).values()):
            for fld, ref in spec.refs.items():
                target = getattr(item, fld)
                if target is not None and not _exists(workshop, target, ref.kinds):
                    problems.append(
                        Problem(
                            f"{root}.{spec.path}[{index}].{fld}",
                            f"refers to {'/'.join(ref.kinds)} {target!r}, which is not in this workshop",
                        )
                    )
    for (section, fld), ref in SECTION_REFS.items():
        target = getattr(getattr(workshop, section), fld)
        if target is not None and not _exists(workshop, target, ref.kinds):
            problems.append(
                Problem(
                    f"{root}.{section}.{fld}",
                    f"refers to {'/'.join(ref.kinds)} {target!r}, which is not in this workshop",
                )
            )
    owner: dict[str, str] = {}
    for spec in COLLECTIONS.values():
        for index, item_id in enumerate(workshop.collection(spec.kind)):
            where = f"{root}.{spec.path}[{index}].id"
            if item_id in owner:
                problems.append(Problem(where, f"the id {item_id!r} is already used at {owner[item_id]}"))
            else:
                owner[item_id] = where
    nodes = workshop.framing.problem_nodes
    for index, node in enumerate(nodes.values()):
        seen = {node.id}
        parent = node.parent
        while parent is not None and parent in nodes:
            if parent in seen:
                problems.append(
                    Problem(f"{root}.framing.problem_nodes[{index}].parent", "the problem tree has a loop here")
                )
                break
            seen.add(parent)
            parent = nodes[parent].parent
    return problems
