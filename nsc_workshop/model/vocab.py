"""Fixed vocabularies of the methods the kit follows.

The labels and descriptions of these ids live in ``datasets/`` and in the
translation catalogs; the model only knows the ids.
"""

from __future__ import annotations

from typing import Literal, get_args

__all__ = [
    "BLUEPRINT_AREAS",
    "WICKEDNESS_CHARACTERISTICS",
    "ActorKind",
    "BlueprintArea",
    "IcebergLayer",
    "Level",
    "PreventionLevel",
    "ProblemNodeKind",
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
