"""A library record: the reusable, published form of a workshop.

The fields follow the case libraries cities already use (Participedia, the
UNDP Accelerator Labs, Decidim, RAN's collection of practices, OECD OPSI):
title, summary, place and dates, language, Blueprint areas, prevention levels,
tags, who took part (counts by role and sector, and how they were recruited),
the framing, the actor map, the chosen concept, the ideas, the theory of change
with its indicators, the action plan, what the tests found, the outcomes,
status, evidence level, a contact as a role, the licence and the lineage.

A record holds no participant's name, no author, no vote by a person, no
working notes and nothing marked personal: :func:`nsc_workshop.library.build_record`
decides what goes in, and this model has no field that could carry the rest.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import Annotated, Any, Literal

from pydantic import Field

from nsc_workshop.model import Actor, Tie, Workshop, WorkshopMeta
from nsc_workshop.model._types import (
    WORKSHOP_ID_RE,
    Date,
    DateTime,
    EntityId,
    Line,
    Model,
    Name,
    SafeName,
    Text,
    WorkshopId,
)
from nsc_workshop.model.vocab import (
    ActorKind,
    BlueprintArea,
    EvidenceLevel,
    Level,
    Licence,
    PreventionLevel,
    RecordStatus,
    Stance,
)

__all__ = [
    "RECORD_ID_RE",
    "RECORD_SCHEMA",
    "LibraryRecord",
    "RecordAction",
    "RecordActor",
    "RecordFinding",
    "RecordIdea",
    "RecordIndicator",
    "RecordTie",
    "RecordToc",
]

RECORD_SCHEMA: Literal[1] = 1
"""Version of the record's shape."""

RecordId = WorkshopId
"""A record's id: the published workshop's id by default, and written by the same rule."""
RECORD_ID_RE = WORKSHOP_ID_RE
Score10 = Annotated[int, Field(ge=0, le=10)]


class RecordActor(Model):
    """An actor of the published map: an organisation, unit, group or role (a person is shown by a pseudonym)."""

    id: EntityId
    name: Name
    kind: ActorKind = "organisation"
    sector: Line = ""
    level: Level | None = None
    influence: Score10 | None = None
    interest: Score10 | None = None
    power: bool | None = None
    legitimacy: bool | None = None
    urgency: bool | None = None
    stance: Stance | None = None


class RecordTie(Model):
    """A tie of the published map, between two of its actors."""

    id: EntityId
    source: EntityId
    target: EntityId
    type: Line = "collaborates"
    directed: bool = True
    weight: Annotated[float, Field(gt=0, le=100)] = 1.0
    sign: Literal[-1, 0, 1] = 1


class RecordIdea(Model):
    """An idea of the sprint, with its theme and the dots it got (never who gave them)."""

    id: EntityId
    text: Text
    kind: Literal["note", "crazy8", "lightning_demo", "sketch"] = "note"
    theme: Line = ""
    votes: Annotated[int, Field(ge=0)] = 0
    chosen: bool = False


class RecordToc(Model):
    """A step of the theory of change."""

    level: Line
    text: Text


class RecordIndicator(Model):
    """An indicator of the theory of change."""

    name: Line
    baseline: Line = ""
    target: Line = ""
    data_source: Line = ""


class RecordAction(Model):
    """A row of the action plan; ``lead`` is an organisation or a role."""

    action: Text
    objective: Text = ""
    lead: Line = ""
    timescale: Line = ""
    outcome: Text = ""


class RecordFinding(Model):
    """What a test with users found."""

    text: Text
    valence: Literal["positive", "negative", "neutral"] = "neutral"
    pattern: bool = False


class LibraryRecord(Model):
    """One published workshop. Immutable; publishing again makes a new version."""

    schema_version: Literal[1] = RECORD_SCHEMA
    id: RecordId
    version: Annotated[int, Field(ge=1)] = 1
    published_at: DateTime
    sensitivity: Literal["public", "network"]
    title: SafeName
    summary: Text = ""
    city: SafeName
    country: SafeName
    language: Line = "en"
    start_date: Date | None = None
    end_date: Date | None = None
    blueprint_areas: list[BlueprintArea] = Field(default_factory=list)
    prevention_levels: list[PreventionLevel] = Field(default_factory=list)
    tags: list[Line] = Field(default_factory=list)
    status: RecordStatus = "idea"
    evidence: EvidenceLevel = "none"
    contact_role: Line = ""
    licence: Licence = "CC-BY-4.0"
    derived_from: Line | None = None
    participants_by_role: dict[Line, int] = Field(default_factory=dict)
    participants_by_sector: dict[Line, int] = Field(default_factory=dict)
    recruitment: Text = ""
    problem_statement: Text = ""
    wickedness: Annotated[int, Field(ge=0, le=20)] | None = None
    causes: list[Text] = Field(default_factory=list)
    effects: list[Text] = Field(default_factory=list)
    point_of_view: Text = ""
    how_might_we: list[Text] = Field(default_factory=list)
    chosen_hmw: Text = ""
    long_term_goal: Text = ""
    sprint_questions: list[Text] = Field(default_factory=list)
    actors: list[RecordActor] = Field(default_factory=list)
    ties: list[RecordTie] = Field(default_factory=list)
    ideas: list[RecordIdea] = Field(default_factory=list)
    chosen_concept: Text = ""
    decision_rationale: Text = ""
    prototype: Text = ""
    findings: list[RecordFinding] = Field(default_factory=list)
    theory_of_change: list[RecordToc] = Field(default_factory=list)
    indicators: list[RecordIndicator] = Field(default_factory=list)
    actions: list[RecordAction] = Field(default_factory=list)
    outcomes: Text = ""

    @property
    def year(self) -> int | None:
        """The year the workshop took place (its start date), if known."""
        return self.start_date.year if self.start_date else None

    def to_workshop(self) -> Workshop:
        """The record's actor map as a workshop, for the map analysis and comparison functions."""
        meta = WorkshopMeta(
            title=self.title,
            city=self.city,
            country=self.country,
            start_date=self.start_date,
            end_date=self.end_date,
            sensitivity=self.sensitivity,
        )
        actors = {a.id: Actor(**a.model_dump()) for a in self.actors}
        ties = {t.id: Tie(**t.model_dump()) for t in self.ties}
        return Workshop(id=self.id, meta=meta, actors=actors, ties=ties)

    def _repr_html_(self) -> str:
        from nsc_workshop.i18n import t

        rows = [
            (t("library.field.place"), f"{self.city}, {self.country}"),
            (t("library.field.dates"), " – ".join(str(d) for d in (self.start_date, self.end_date) if d)),
            (t("library.field.status"), t(f"library.status.{self.status}")),
            (t("library.field.evidence"), t(f"library.evidence.{self.evidence}")),
            (t("library.field.actors"), str(len(self.actors))),
        ]
        body = "".join(
            f"<tr><th style='text-align:left'>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>" for k, v in rows
        )
        return f"<div><strong>{html.escape(self.title)}</strong><table>{body}</table></div>"


def now_utc() -> dt.datetime:
    """The publication time: now, in UTC, to the second."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def record_text(record: LibraryRecord) -> dict[str, Any]:
    """The record's searchable texts by facet: ``title``, ``problem``, ``actors``, ``ideas``, ``plan``."""
    return {
        "title": [record.title, record.city, record.country, *record.tags],
        "problem": [
            record.summary,
            record.problem_statement,
            record.point_of_view,
            record.chosen_hmw,
            *record.how_might_we,
            record.long_term_goal,
            *record.sprint_questions,
            *record.causes,
            *record.effects,
        ],
        "actors": [a.name for a in record.actors],
        "ideas": [record.chosen_concept, *(i.text for i in record.ideas), *(i.theme for i in record.ideas)],
        "plan": [
            record.decision_rationale,
            record.prototype,
            record.outcomes,
            *(f.text for f in record.findings),
            *(x.text for x in record.theory_of_change),
            *(i.name for i in record.indicators),
            *(a.action for a in record.actions),
            *(a.objective for a in record.actions),
        ],
    }
