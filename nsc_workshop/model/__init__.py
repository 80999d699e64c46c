"""Plain domain types of a workshop. Nothing here does I/O."""

from nsc_workshop.model._types import Entity, IdMap, Model, new_id
from nsc_workshop.model.actors import Actor, Tie
from nsc_workshop.model.collections import COLLECTIONS, SECTIONS, Collection, Ref, integrity_problems
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
    TestPlan,
    Timer,
    TocElement,
)
from nsc_workshop.model.votes import Score, Vote
from nsc_workshop.model.workshop import Participant, Publication, Settings, Workshop, WorkshopMeta

__all__ = [
    "COLLECTIONS",
    "SECTIONS",
    "Action",
    "Actor",
    "AgendaItem",
    "Attachment",
    "Collection",
    "Entity",
    "Finding",
    "Framing",
    "HmwNote",
    "IcebergNote",
    "IdMap",
    "Idea",
    "Indicator",
    "Model",
    "Participant",
    "PointOfView",
    "ProblemNode",
    "PrototypeRole",
    "Publication",
    "Ref",
    "Score",
    "Settings",
    "Sketch",
    "Sprint",
    "SprintQuestion",
    "StoryboardStep",
    "TestPlan",
    "Tie",
    "Timer",
    "TocElement",
    "Vote",
    "WhyChain",
    "WickednessScore",
    "Workshop",
    "WorkshopMeta",
    "integrity_problems",
    "new_id",
]
