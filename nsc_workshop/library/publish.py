"""From a workshop to a library record, with personal data removed.

What leaves a city is decided here, field by field:

- a *restricted* workshop is never published (:class:`PublishRefused`);
- participants appear only as counts by role and sector; authors, voters and
  handles never leave;
- an actor of kind ``person`` is shown as a pseudonym ("Person 1");
- participant handles, the names of such actors and the publication's
  ``hidden_names`` are replaced by a role or pseudonym wherever they appear in
  a text: the whole name, and for a name of several words each capitalised
  word of three letters or more ("Astrid" and "Solberg" of "Astrid Solberg");
  e-mail addresses and telephone numbers are removed from every text;
- items marked personal (``publication.personal_items``) are left out, with
  the ties of an actor left out; private ideas not revealed are left out;
- working notes (on actors, ties, agenda items, wickedness scores, points of
  view, prototype roles), custom attributes, map positions, photos of sketches
  and every vote by a person are left out.

As a last guard, the record's JSON is searched for every hidden name: if one
were still there the record would not be built (:class:`PrivacyError`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from nsc_workshop.errors import PrivacyError, PublishRefused
from nsc_workshop.library.record import (
    LibraryRecord,
    RecordAction,
    RecordActor,
    RecordFinding,
    RecordIdea,
    RecordIndicator,
    RecordTie,
    RecordToc,
    now_utc,
)
from nsc_workshop.model import Workshop, in_order
from nsc_workshop.summaries.framing import pov_statement, tree_order
from nsc_workshop.summaries.votes import vote_tally

__all__ = ["PublicationPreview", "build_record", "preview_publication"]

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w+])\+?\d[\d \-().]{6,}\d(?!\w)")
_MIN_PART = 3
_ALLOWED = {"public": ("public", "network"), "network": ("network",), "restricted": ()}
"""The levels a workshop may be published at: never wider than its own sensitivity."""


@dataclass
class PublicationPreview:
    """Exactly what publishing would send, and what was kept back.

    ``record`` is None when publishing is refused (``refused`` says why).
    ``replaced`` lists ``(name, pseudonym)``; ``left_out`` lists
    ``(what, why)`` for each item or field kept back.
    """

    record: LibraryRecord | None
    refused: str | None = None
    replaced: list[tuple[str, str]] = field(default_factory=list)
    left_out: list[tuple[str, str]] = field(default_factory=list)

    def record_json(self) -> str:
        """The record as it would be sent, as indented JSON."""
        return self.record.model_dump_json(indent=2) if self.record else ""


class _Scrubber:
    """Replaces hidden names by pseudonyms and removes e-mail addresses and phone numbers."""

    def __init__(self, names: dict[str, str]) -> None:
        self.names = names
        terms: dict[str, str] = {}
        for name, pseudonym in sorted(names.items(), key=lambda kv: -len(kv[0])):
            terms.setdefault(name.casefold(), pseudonym)
        for name, pseudonym in names.items():
            parts = name.split()
            for part in parts if len(parts) > 1 else ():
                part = part.strip(".,;:()")
                if len(part) >= _MIN_PART and part[:1].isupper():
                    terms.setdefault(part.casefold(), pseudonym)
        self.terms = terms
        ordered = sorted(terms, key=len, reverse=True)
        self.pattern = (
            re.compile(r"(?<!\w)(" + "|".join(re.escape(t) for t in ordered) + r")(?!\w)", re.IGNORECASE)
            if ordered
            else None
        )

    def __call__(self, text: str) -> str:
        if not text:
            return text
        text = _EMAIL.sub("[e-mail removed]", text)
        text = _PHONE.sub("[phone removed]", text)
        if self.pattern is not None:
            text = self.pattern.sub(lambda m: self.terms[m.group(0).casefold()], text)
        return text

    def line(self, text: str, limit: int = 300) -> str:
        return self(text)[:limit]

    def leaks(self, text: str) -> list[str]:
        if self.pattern is None:
            return []
        return sorted({m.group(0) for m in self.pattern.finditer(text)})


def _pseudonyms(workshop: Workshop) -> tuple[dict[str, str], dict[str, str]]:
    """``(names, actor_names)``: every name to hide with its replacement, and person actors' pseudonyms by id."""
    from nsc_workshop.i18n import t

    names: dict[str, str] = {}
    counters: Counter[str] = Counter()
    for participant in workshop.participants.values():
        counters[participant.role] += 1
        role = t(f"library.role.{participant.role}", default=participant.role)
        names[participant.handle] = f"{role} {counters[participant.role]}"
    handles = {
        value
        for item in _all_items(workshop)
        for value in (getattr(item, "author", None), getattr(item, "participant", None))
        if isinstance(value, str) and value
    }
    for handle in sorted(handles - set(names)):
        counters["participant"] += 1
        names[handle] = f"{t('library.role.participant')} {counters['participant']}"
    actor_names: dict[str, str] = {}
    people = [a for a in workshop.actors.values() if a.kind == "person"]
    for number, actor in enumerate(people, start=1):
        pseudonym = t("library.person", number=number)
        actor_names[actor.id] = pseudonym
        names.setdefault(actor.name, pseudonym)
    for job in workshop.sprint.prototype_roles.values():
        if job.who:
            names.setdefault(job.who, t(f"library.prototype_role.{job.role}", default=job.role))
    for number, name in enumerate(workshop.publication.hidden_names, start=1):
        if name:
            names.setdefault(name, t("library.someone", number=number))
    return names, actor_names


def _all_items(workshop: Workshop) -> Iterable[Any]:
    from nsc_workshop.model import COLLECTIONS

    for kind in COLLECTIONS:
        yield from workshop.collection(kind).values()


def _note_of(item: Any) -> str:
    return str(getattr(item, "notes", "") or getattr(item, "note", ""))


def _left_out(workshop: Workshop) -> list[tuple[str, str]]:
    from nsc_workshop.i18n import t

    out: list[tuple[str, str]] = []
    personal = set(workshop.publication.personal_items)
    for item_id in workshop.publication.personal_items:
        found = workshop.find(item_id)
        if found:
            kind, item = found
            label = getattr(item, "name", None) or getattr(item, "text", None) or getattr(item, "title", "") or item_id
            out.append((f"{t(f'kind.{kind}', default=kind)}: {str(label)[:80]}", t("library.why.personal")))
    hidden = sum(1 for i in workshop.sprint.ideas.values() if i.private and not i.revealed and i.id not in personal)
    if hidden:
        out.append((t("library.left.private_ideas", count=hidden), t("library.why.private")))
    counts = [
        ("library.left.participants", len(workshop.participants)),
        ("library.left.votes", len(workshop.votes)),
        ("library.left.notes", sum(1 for i in _all_items(workshop) if _note_of(i))),
        ("library.left.attributes", sum(1 for a in workshop.actors.values() if a.attributes)),
        ("library.left.photos", len(workshop.sprint.attachments)),
    ]
    for key, count in counts:
        if count:
            out.append((t(key, count=count), t("library.why.never")))
    return out


def preview_publication(
    workshop: Workshop,
    *,
    record_id: str | None = None,
    sensitivity: str | None = None,
) -> PublicationPreview:
    """What publishing ``workshop`` would send: the record, the names replaced and what is left out.

    ``sensitivity`` overrides the workshop's own (``public`` or ``network``);
    a restricted workshop is refused.

    >>> from nsc_workshop.datasets import load_sample
    >>> preview = preview_publication(load_sample())
    >>> preview.refused is None and len(preview.record.actors) > 0
    True
    """
    from nsc_workshop.i18n import t

    own = workshop.meta.sensitivity
    level = sensitivity or own
    if own == "restricted" or level not in _ALLOWED[own]:
        key = "library.refused.restricted" if own == "restricted" else "library.refused.wider"
        return PublicationPreview(None, refused=t(key, title=workshop.meta.title, level=t(f"sensitivity.{own}")))
    names, actor_names = _pseudonyms(workshop)
    scrub = _Scrubber(names)
    personal = set(workshop.publication.personal_items)
    record = _build(workshop, scrub, personal, actor_names, record_id or workshop.id, level)
    allowed = " ".join((*names.values(), meta_words(workshop))).casefold()
    leaks = [w for w in scrub.leaks(record.model_dump_json()) if w.casefold() not in allowed]
    if leaks:  # pragma: no cover - a guard against a field forgotten above
        raise PrivacyError("error.library.leak", count=len(leaks))
    return PublicationPreview(record, replaced=sorted(names.items()), left_out=_left_out(workshop))


def meta_words(workshop: Workshop) -> str:
    """The city and country: published as they are, whatever a handle says."""
    return f"{workshop.meta.city} {workshop.meta.country}"


def build_record(workshop: Workshop, **options: Any) -> LibraryRecord:
    """The library record of ``workshop`` (see :func:`preview_publication`); refused when restricted."""
    preview = preview_publication(workshop, **options)
    if preview.record is None:
        raise PublishRefused("library.refused.restricted", title=workshop.meta.title, level=workshop.meta.sensitivity)
    return preview.record


def _build(
    ws: Workshop,
    scrub: _Scrubber,
    personal: set[str],
    actor_names: dict[str, str],
    record_id: str,
    sensitivity: str,
) -> LibraryRecord:
    framing, sprint, meta = ws.framing, ws.sprint, ws.meta

    def keep(items: Iterable[Any]) -> list[Any]:
        return [i for i in items if i.id not in personal]

    actors = [
        RecordActor(
            id=a.id,
            name=actor_names.get(a.id) or scrub.line(a.name) or a.id,
            kind=a.kind,
            sector=a.sector,
            level=a.level,
            influence=a.influence,
            interest=a.interest,
            power=a.power,
            legitimacy=a.legitimacy,
            urgency=a.urgency,
            stance=a.stance,
        )
        for a in keep(ws.actors.values())
    ]
    kept = {a.id for a in actors}
    ties = [
        RecordTie(
            id=x.id, source=x.source, target=x.target, type=x.type, directed=x.directed, weight=x.weight, sign=x.sign
        )
        for x in keep(ws.ties.values())
        if x.source in kept and x.target in kept
    ]
    tally = vote_tally(ws, "ideas")
    chosen = sprint.chosen_concept
    ideas = [
        RecordIdea(
            id=i.id,
            text=scrub(i.text),
            kind=i.kind,
            theme=scrub.line(i.theme),
            votes=tally.by_item.get(i.id, 0),
            chosen=i.id == chosen,
        )
        for i in keep(sprint.ideas.values())
        if not i.private or i.revealed
    ] + [
        RecordIdea(
            id=s.id,
            text=scrub(" — ".join(x for x in (s.title, s.description) if x)),
            kind="sketch",
            votes=tally.by_item.get(s.id, 0),
            chosen=s.id == chosen,
        )
        for s in keep(sprint.sketches.values())
    ]
    concept = next((i.text for i in ideas if i.chosen), "")
    scores = [w.score for w in framing.wickedness.values()]
    nodes = [n for n, _depth in tree_order(framing.problem_nodes) if n.id not in personal]
    pov = framing.povs.get(framing.selected_pov or "")
    hmw_tally = vote_tally(ws, "hmw")
    hmws = sorted(keep(framing.hmw_notes.values()), key=lambda n: (-hmw_tally.by_item.get(n.id, 0), n.id))
    chosen_hmw = framing.hmw_notes.get(sprint.chosen_hmw or "")
    participants = list(ws.participants.values())
    return LibraryRecord(
        id=record_id,
        published_at=now_utc(),
        sensitivity=sensitivity,
        title=scrub.line(meta.title) or meta.title,
        summary=scrub(meta.summary),
        city=meta.city,
        country=meta.country,
        language=meta.language,
        start_date=meta.start_date,
        end_date=meta.end_date,
        blueprint_areas=list(meta.blueprint_areas),
        prevention_levels=list(meta.prevention_levels),
        tags=[scrub.line(x) for x in meta.tags],
        status=ws.publication.status,
        evidence=ws.publication.evidence,
        contact_role=scrub.line(ws.publication.contact_role),
        licence=ws.publication.licence,
        derived_from=ws.publication.derived_from,
        participants_by_role=dict(Counter(p.role for p in participants)),
        participants_by_sector=dict(Counter(p.sector for p in participants if p.sector)),
        recruitment=scrub(ws.publication.recruitment),
        problem_statement=scrub(framing.problem_statement),
        wickedness=sum(scores) if scores else None,
        causes=[scrub(n.text) for n in nodes if n.kind == "cause"],
        effects=[scrub(n.text) for n in nodes if n.kind == "effect"],
        point_of_view=scrub(pov_statement(pov.group, pov.need, pov.insight)) if pov and pov.id not in personal else "",
        how_might_we=[scrub(n.text) for n in hmws],
        chosen_hmw=scrub(chosen_hmw.text) if chosen_hmw and chosen_hmw.id not in personal else "",
        long_term_goal=scrub(framing.long_term_goal),
        sprint_questions=[scrub(q.text) for q in in_order(keep(framing.sprint_questions.values()))],
        actors=actors,
        ties=ties,
        ideas=ideas,
        chosen_concept=concept,
        decision_rationale=scrub(sprint.decision_rationale),
        prototype=scrub(sprint.prototype_description),
        findings=[
            RecordFinding(text=scrub(f.text), valence=f.valence, pattern=f.pattern)
            for f in keep(sprint.findings.values())
        ],
        theory_of_change=[RecordToc(level=x.level, text=scrub(x.text)) for x in in_order(keep(sprint.toc.values()))],
        indicators=[
            RecordIndicator(
                name=scrub.line(i.name),
                baseline=scrub.line(i.baseline),
                target=scrub.line(i.target),
                data_source=scrub.line(i.data_source),
            )
            for i in keep(sprint.indicators.values())
        ],
        actions=[
            RecordAction(
                action=scrub(a.action),
                objective=scrub(a.objective),
                lead=scrub.line(a.lead),
                timescale=scrub.line(a.timescale),
                outcome=scrub(a.outcome),
            )
            for a in in_order(keep(sprint.actions.values()))
        ],
        outcomes=scrub(ws.publication.outcomes),
    )
