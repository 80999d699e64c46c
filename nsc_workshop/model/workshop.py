"""The workshop: its metadata, settings, participants and the three apps' material."""

from __future__ import annotations

import hashlib
import html
from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from nsc_workshop.model._types import Date, Entity, EntityId, IdMap, Line, Model, SafeName, Text, WorkshopId
from nsc_workshop.model.actors import Actor, Tie
from nsc_workshop.model.framing import Framing
from nsc_workshop.model.sprint import Sprint
from nsc_workshop.model.vocab import BlueprintArea, EvidenceLevel, Licence, PreventionLevel, RecordStatus, Sensitivity
from nsc_workshop.model.votes import Vote

__all__ = ["ANON_PREFIX", "Participant", "Publication", "Settings", "Workshop", "WorkshopMeta", "is_owner", "pseudonym"]

ANON_PREFIX = "anon-"
"""How a pseudonym begins: what an anonymous workshop stores instead of a handle (see :func:`pseudonym`)."""


def pseudonym(workshop_id: str, handle: str) -> str:
    """A stable stand-in for a participant's handle in an anonymous workshop.

    >>> pseudonym("demo", "ana")
    'anon-...'
    >>> pseudonym("demo", "ana") == pseudonym("demo", "ana") != pseudonym("demo", "bo")
    True
    """
    digest = hashlib.sha256(f"{workshop_id}:{handle}".encode()).hexdigest()
    return f"{ANON_PREFIX}{digest[:10]}"


def is_owner(owner: str | None, handle: str | None, workshop_id: str) -> bool:
    """Whether an item's ``author`` (or a vote's ``participant``) is ``handle``, by name or by pseudonym.

    >>> is_owner("ana", "ana", "demo"), is_owner(pseudonym("demo", "ana"), "ana", "demo"), is_owner(None, "ana", "demo")
    (True, True, False)
    """
    if owner is None or handle is None:
        return False
    return owner == handle or owner == pseudonym(workshop_id, handle)


Language = Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]


class WorkshopMeta(Model):
    """What a workshop is: title, place, language, dates, Blueprint areas, sensitivity.

    ``sensitivity`` is ``restricted`` unless the facilitator chooses otherwise:
    nothing leaves the city by default.
    """

    title: SafeName
    city: SafeName
    country: SafeName
    language: Language = "en"
    start_date: Date | None = None
    end_date: Date | None = None
    blueprint_areas: list[BlueprintArea] = Field(default_factory=list)
    prevention_levels: list[PreventionLevel] = Field(default_factory=list)
    sensitivity: Sensitivity = "restricted"
    summary: Text = ""
    tags: list[Line] = Field(default_factory=list)

    @model_validator(mode="after")
    def _dates_in_order(self) -> WorkshopMeta:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValueError("end_date is before start_date")
        return self


class Settings(Model):
    """How the workshop is run: vote budgets per round, anonymity, input lock, the step everyone is on
    (``"<app>:<step>"``) and what the room's screen shows (``projector``)."""

    vote_budgets: dict[Line, Annotated[int, Field(ge=0, le=100)]] = Field(
        default_factory=lambda: {"hmw": 2, "ideas": 3}
    )
    anonymous: bool = False
    locked: bool = False
    current_step: Line | None = None
    projector: Line | None = None


class Publication(Model):
    """What the secretariat library needs beyond the workshop itself, and what must never leave.

    ``status``, ``evidence``, ``contact_role``, ``licence``, ``derived_from`` (the
    id of the library record this work builds on), ``recruitment`` (how
    participants were found) and ``outcomes`` (what came of it) go into the
    published record. ``personal_items`` are ids of items (notes, ideas, actors,
    findings...) marked personal: they are never published. ``hidden_names`` are
    further names (someone mentioned in a note) replaced by a pseudonym wherever
    they appear. ``kept_terms`` are phrases the team keeps as written although a
    name is in them ("Solberg Street Youth Club": an organisation, not a person).
    """

    status: RecordStatus = "idea"
    evidence: EvidenceLevel = "none"
    contact_role: Line = ""
    licence: Licence = "CC-BY-4.0"
    derived_from: Line | None = None
    recruitment: Text = ""
    outcomes: Text = ""
    personal_items: list[EntityId] = Field(default_factory=list)
    hidden_names: list[Line] = Field(default_factory=list)
    kept_terms: list[Line] = Field(default_factory=list)


class Participant(Entity):
    """Someone taking part, by handle and role; a handle need not be a real name."""

    handle: Line
    role: Literal["facilitator", "participant", "decider", "note_taker", "observer"] = "participant"
    sector: Line = ""


class Workshop(Model):
    """A workshop and everything its apps produce. Immutable: changes are events.

    Collections (``actors``, ``ties``, ``votes``, ``framing.hmw_notes``,
    ``sprint.ideas``...) are dicts keyed by item id; in a bundle they are lists.
    """

    id: WorkshopId
    meta: WorkshopMeta
    settings: Settings = Field(default_factory=Settings)
    participants: IdMap[Participant] = Field(default_factory=dict)
    framing: Framing = Field(default_factory=Framing)
    actors: IdMap[Actor] = Field(default_factory=dict)
    ties: IdMap[Tie] = Field(default_factory=dict)
    sprint: Sprint = Field(default_factory=Sprint)
    votes: IdMap[Vote] = Field(default_factory=dict)
    publication: Publication = Field(default_factory=Publication)

    @property
    def title(self) -> str:
        return self.meta.title

    def collection(self, kind: str) -> dict[str, Entity]:
        """The items of one kind (``"actor"``, ``"idea"``...), keyed by id."""
        from nsc_workshop.model.collections import COLLECTIONS

        spec = COLLECTIONS[kind]
        owner: Any = getattr(self, spec.section) if spec.section else self
        items: dict[str, Entity] = getattr(owner, spec.field)
        return items

    def find(self, item_id: str, kinds: tuple[str, ...] | None = None) -> tuple[str, Entity] | None:
        """``(kind, item)`` for an item id, or None."""
        from nsc_workshop.model.collections import COLLECTIONS

        for kind in kinds or tuple(COLLECTIONS):
            item = self.collection(kind).get(item_id)
            if item is not None:
                return kind, item
        return None

    def _repr_html_(self) -> str:
        from nsc_workshop.i18n import t

        meta = self.meta
        rows = [
            (t("workshop.field.city"), f"{meta.city}, {meta.country}"),
            (t("workshop.field.dates"), " – ".join(str(d) for d in (meta.start_date, meta.end_date) if d)),
            (t("workshop.field.actors"), str(len(self.actors))),
            (t("workshop.field.ties"), str(len(self.ties))),
            (t("workshop.field.ideas"), str(len(self.sprint.ideas))),
            (t("workshop.field.sensitivity"), t(f"sensitivity.{meta.sensitivity}")),
        ]
        body = "".join(
            f"<tr><th style='text-align:left'>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>" for k, v in rows
        )
        return f"<div><strong>{html.escape(meta.title)}</strong><table>{body}</table></div>"
