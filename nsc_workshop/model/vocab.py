"""Fixed vocabularies of the methods the kit follows.

The labels and descriptions of these ids live in ``datasets/`` and in the
translation catalogs; the model only knows the ids.
"""

from __future__ import annotations

from typing import Literal, get_args

__all__ = [
    "BLUEPRINT_AREAS",
    "EVIDENCE_LEVELS",
    "LICENCES",
    "RECORD_STATUSES",
    "WICKEDNESS_CHARACTERISTICS",
    "ActorKind",
    "BlueprintArea",
    "EvidenceLevel",
    "IcebergLayer",
    "Level",
    "Licence",
    "PreventionLevel",
    "ProblemNodeKind",
    "RecordStatus",
    "Sensitivity",
    "Stance",
    "WickednessCharacteristic",
]

BlueprintArea = Literal[
    "democracy",  # Safeguard local democracy
    "digital",  # Ensure safe digital cities
    "youth",  # Empower young pioneers
    "diversity",  # Embrace diversity
    "neighbourhoods",  # Grow safe neighbourhoods
    "governance",  # Safe city governance and preparedness
]
BLUEPRINT_AREAS: tuple[str, ...] = get_args(BlueprintArea)

Sensitivity = Literal["public", "network", "restricted"]
"""public: may be published openly; network: shared inside the alliance only;
restricted: never leaves the city (the default: private by default)."""

PreventionLevel = Literal["primary", "secondary", "tertiary"]

WickednessCharacteristic = Literal[
    "no_definitive_formulation",
    "no_stopping_rule",
    "good_or_bad",
    "no_immediate_test",
    "one_shot",
    "no_enumerable_solutions",
    "essentially_unique",
    "symptom_of_another",
    "explanation_determines_resolution",
    "no_right_to_be_wrong",
]
WICKEDNESS_CHARACTERISTICS: tuple[str, ...] = get_args(WickednessCharacteristic)

IcebergLayer = Literal["events", "patterns", "structures", "mental_models"]
ProblemNodeKind = Literal["focal", "cause", "effect"]
Level = Literal["neighbourhood", "local", "regional", "national", "nordic", "european", "global"]
ActorKind = Literal["organisation", "unit", "group", "role", "person"]
Stance = Literal["supports", "neutral", "opposes", "unknown"]

RecordStatus = Literal["idea", "tested", "piloted", "evaluated"]
"""How far a published practice has come: an idea, tested with users, piloted, evaluated."""
RECORD_STATUSES: tuple[str, ...] = get_args(RecordStatus)

EvidenceLevel = Literal["none", "inspiring", "evaluated", "peer_reviewed"]
"""The evidence behind a practice, after RAN's labels: none yet, an inspiring practice,
evaluated (an evaluation exists), peer reviewed."""
EVIDENCE_LEVELS: tuple[str, ...] = get_args(EvidenceLevel)

Licence = Literal["CC-BY-4.0", "CC-BY-SA-4.0", "CC0-1.0"]
"""The licence a record is published under (SPDX ids)."""
LICENCES: tuple[str, ...] = get_args(Licence)
