"""From a workshop to a library record, with personal data removed.

What leaves a city is decided here, field by field:

- a *restricted* workshop is never published (:class:`PublishRefused`);
- participants appear only as counts by role and sector; authors, voters and
  handles never leave;
- an actor of kind ``person`` is shown as a pseudonym ("Person 1");
- every string of the record — texts, names, tags, sectors and tie types typed
  by hand, the lineage, the keys of the counts — goes through one
  de-identification pass (:mod:`nsc_workshop.library.deidentify`): participant
  handles, the names of person actors, prototype roles' people and the
  publication's ``hidden_names`` are replaced by a role or pseudonym in every
  form a Nordic team writes them; e-mail addresses, telephone numbers, national
  identity numbers and links to people's profiles are removed. Phrases the team
  keeps (``kept_terms``) stay as written;
- the record's ids are new and opaque (``actor-3``, ``tie-7``; the record's own
  ``rec-`` and 16 hexadecimal digits), never a workshop's ids, which a map
  imported from Gephi or Kumu often makes from names;
- items marked personal (``publication.personal_items``) are left out, with
  the ties of an actor left out; private ideas not revealed are left out;
- working notes (on actors, ties, agenda items, wickedness scores, points of
  view, prototype roles), custom attributes, map positions, photos of sketches
  and every vote by a person are left out.

As a last guard, every string and key of the built record is normalised
(NFC, casefold) and searched again for every name form and pattern: if anything
were left, the record would not be built (:class:`PrivacyError`, naming the
field and the kind of data, never the data).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from nsc_workshop.errors import PrivacyError, Problem, PublishRefused
from nsc_workshop.library.deidentify import Deidentifier, Replacement
from nsc_workshop.library.record import (
    RECORD_ID_RE,
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

__all__ = ["PublicationPreview", "build_record", "preview_publication", "record_id_of"]

_ALLOWED = {"public": ("public", "network"), "network": ("network",), "restricted": ()}
"""The levels a workshop may be published at: never wider than its own sensitivity."""


@dataclass
class PublicationPreview:
    """Exactly what publishing would send, and what was kept back.

    ``record`` is None when publishing is refused (``refused`` says why).
    ``names`` lists ``(name, pseudonym)`` for every name hidden; ``replaced``
    every replacement made (:class:`~nsc_workshop.library.deidentify.Replacement`:
    field, item, kind of data, what it became, and the original, which stays in
    the city); ``left_out`` lists ``(what, why)`` for each item or field kept back.
    """

    record: LibraryRecord | None
    refused: str | None = None
    names: list[tuple[str, str]] = field(default_factory=list)
    replaced: list[Replacement] = field(default_factory=list)
    left_out: list[tuple[str, str]] = field(default_factory=list)

    def record_json(self) -> str:
        """The record as it would be sent, as indented JSON."""
        return self.record.model_dump_json(indent=2) if self.record else ""

    def rows(self) -> list[tuple[str, str, str, str, str]]:
        """Every replacement as ``(field, item, kind of data, what was found, what it became)``, in the current
        language: what the app's preview and ``library publish --preview-only`` show."""
        from nsc_workshop.i18n import t

        return [(r.field, r.item, t(f"library.kind.{r.kind}"), r.original, r.replacement) for r in self.replaced]


def record_id_of(workshop: Workshop) -> str:
    """The record id a workshop is published under: opaque, the same each time it is published again.

    >>> record_id_of(Workshop.model_validate({"id": "w-1", "meta": {"title": "T", "city": "C", "country": "N"}}))
    'rec-...'
    """
    digest = hashlib.sha256(f"nsc-record\x00{workshop.meta.city}\x00{workshop.id}".encode()).hexdigest()
    return f"rec-{digest[:16]}"


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


def _handles(workshop: Workshop) -> set[str]:
    """The participants' handles (and the handles items were written under): names or roles, as people chose."""
    found = {p.handle for p in workshop.participants.values()}
    for item in _all_items(workshop):
        for value in (getattr(item, "author", None), getattr(item, "participant", None)):
            if isinstance(value, str) and value:
                found.add(value)
    return found


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
    """What publishing ``workshop`` would send: the record, every replacement made and what is left out.

    ``sensitivity`` overrides the workshop's own (``public`` or ``network``);
    a restricted workshop is refused. ``record_id`` files the record under
    another id than :func:`record_id_of` gives (it is de-identified like the rest).

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
    allowed = [workshop.meta.city, workshop.meta.country, t("library.person", number=0), t("library.someone", number=0)]
    handles = _handles(workshop)
    scrub = Deidentifier(names, keep=workshop.publication.kept_terms, allowed=allowed, handles=handles)
    personal = set(workshop.publication.personal_items)
    record = _build(workshop, scrub, personal, actor_names, record_id or record_id_of(workshop), level)
    search = Deidentifier(names, keep=workshop.publication.kept_terms, allowed=allowed, handles=handles)
    _guard(record, search)
    if record.sensitivity == "public":  # and every cell of the open data it will be part of
        from nsc_workshop.library.opendata import guard_files, open_data_files

        guard_files(open_data_files([record]), search)
    return PublicationPreview(
        record, names=sorted(names.items()), replaced=list(scrub.replacements), left_out=_left_out(workshop)
    )


def _strings(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string of a record's JSON, keys included, with its field's path (``ideas[3].text``)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, inner in value.items():
            where = f"{path}.{key}" if path else str(key)
            yield f"{where} (key)", str(key)
            yield from _strings(inner, where)
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _strings(inner, f"{path}[{index}]")


def _guard(record: LibraryRecord, search: Deidentifier) -> None:
    """The last guard: nothing personal may be left in any string or key of the record (or publishing stops)."""
    from nsc_workshop.i18n import t

    problems = [
        Problem(where, ", ".join(t(f"library.kind.{kind}") for kind in kinds))
        for where, text in _strings(record.model_dump(mode="json"))
        if (kinds := search.leaks(text))
    ]
    if problems:
        raise PrivacyError("error.library.leak", count=len(problems), problems=problems)


def build_record(workshop: Workshop, **options: Any) -> LibraryRecord:
    """The library record of ``workshop`` (see :func:`preview_publication`); refused when restricted."""
    preview = preview_publication(workshop, **options)
    if preview.record is None:
        raise PublishRefused("library.refused.restricted", title=workshop.meta.title, level=workshop.meta.sensitivity)
    return preview.record


def _known(value: str, dataset: str) -> bool:
    from nsc_workshop.datasets import labels

    return value in labels(dataset)


def _build(
    ws: Workshop,
    scrub: Deidentifier,
    personal: set[str],
    actor_names: dict[str, str],
    record_id: str,
    sensitivity: str,
) -> LibraryRecord:
    from nsc_workshop.i18n import t

    framing, sprint, meta = ws.framing, ws.sprint, ws.meta

    def keep(items: Iterable[Any]) -> list[Any]:
        return [i for i in items if i.id not in personal]

    def text(value: str, where: str, item: str = "") -> str:
        return scrub.scrub(value, where, item)

    def line(value: str, where: str, item: str = "", limit: int = 300) -> str:
        return scrub.line(value, where, item, limit)

    def word(value: str, dataset: str, where: str, item: str = "") -> str:
        """An enum-like field typed by hand (a sector, a tie type): a known id as it is, anything else scrubbed."""
        return value if not value or _known(value, dataset) else line(value, where, item)

    kept_actors = keep(ws.actors.values())
    new_ids = {a.id: f"actor-{n}" for n, a in enumerate(kept_actors, start=1)}
    actors = [
        RecordActor(
            id=new_ids[a.id],
            name=actor_names.get(a.id)
            or line(a.name, f"actors[{n}].name", t("library.item.actor", number=n + 1))
            or t("library.item.actor", number=n + 1),
            kind=a.kind,
            sector=word(a.sector, "sectors", f"actors[{n}].sector", t("library.item.actor", number=n + 1)),
            level=a.level,
            influence=a.influence,
            interest=a.interest,
            power=a.power,
            legitimacy=a.legitimacy,
            urgency=a.urgency,
            stance=a.stance,
        )
        for n, a in enumerate(kept_actors)
    ]
    kept_ties = [x for x in keep(ws.ties.values()) if x.source in new_ids and x.target in new_ids]
    ties = [
        RecordTie(
            id=f"tie-{n + 1}",
            source=new_ids[x.source],
            target=new_ids[x.target],
            type=word(x.type, "tie_types", f"ties[{n}].type", t("library.item.tie", number=n + 1)) or "collaborates",
            directed=x.directed,
            weight=x.weight,
            sign=x.sign,
        )
        for n, x in enumerate(kept_ties)
    ]
    tally = vote_tally(ws, "ideas")
    chosen = sprint.chosen_concept
    shown_ideas = [i for i in keep(sprint.ideas.values()) if not i.private or i.revealed]
    shown_sketches = keep(sprint.sketches.values())
    ideas = [
        RecordIdea(
            id=f"idea-{n + 1}",
            text=text(i.text, f"ideas[{n}].text", t("library.item.idea", number=n + 1)),
            kind=i.kind,
            theme=line(i.theme, f"ideas[{n}].theme", t("library.item.idea", number=n + 1)),
            votes=tally.by_item.get(i.id, 0),
            chosen=i.id == chosen,
        )
        for n, i in enumerate(shown_ideas)
    ] + [
        RecordIdea(
            id=f"idea-{len(shown_ideas) + n + 1}",
            text=text(
                " — ".join(x for x in (s.title, s.description) if x),
                f"ideas[{len(shown_ideas) + n}].text",
                t("library.item.idea", number=len(shown_ideas) + n + 1),
            ),
            kind="sketch",
            votes=tally.by_item.get(s.id, 0),
            chosen=s.id == chosen,
        )
        for n, s in enumerate(shown_sketches)
    ]
    concept = next((i.text for i in ideas if i.chosen), "")
    scores = [w.score for w in framing.wickedness.values()]
    nodes = [n for n, _depth in tree_order(framing.problem_nodes) if n.id not in personal]
    pov = framing.povs.get(framing.selected_pov or "")
    hmw_tally = vote_tally(ws, "hmw")
    hmws = sorted(keep(framing.hmw_notes.values()), key=lambda n: (-hmw_tally.by_item.get(n.id, 0), n.id))
    chosen_hmw = framing.hmw_notes.get(sprint.chosen_hmw or "")
    participants = list(ws.participants.values())
    sectors: Counter[str] = Counter(
        word(p.sector, "sectors", "participants_by_sector (key)") for p in participants if p.sector
    )
    lineage = line(ws.publication.derived_from or "", "derived_from")
    causes = [n for n in nodes if n.kind == "cause"]
    effects = [n for n in nodes if n.kind == "effect"]
    return LibraryRecord(
        id=line(record_id, "id"),
        published_at=now_utc(),
        sensitivity=sensitivity,
        title=line(meta.title, "title") or meta.title,
        summary=text(meta.summary, "summary"),
        city=meta.city,
        country=meta.country,
        language=meta.language,
        start_date=meta.start_date,
        end_date=meta.end_date,
        blueprint_areas=list(meta.blueprint_areas),
        prevention_levels=list(meta.prevention_levels),
        tags=[line(x, f"tags[{n}]") for n, x in enumerate(meta.tags)],
        status=ws.publication.status,
        evidence=ws.publication.evidence,
        contact_role=line(ws.publication.contact_role, "contact_role"),
        licence=ws.publication.licence,
        derived_from=lineage if lineage and RECORD_ID_RE.match(lineage) else None,
        participants_by_role=dict(Counter(p.role for p in participants)),
        participants_by_sector=dict(sectors),
        recruitment=text(ws.publication.recruitment, "recruitment"),
        problem_statement=text(framing.problem_statement, "problem_statement"),
        wickedness=sum(scores) if scores else None,
        causes=[text(c.text, f"causes[{n}]") for n, c in enumerate(causes)],
        effects=[text(e.text, f"effects[{n}]") for n, e in enumerate(effects)],
        point_of_view=text(pov_statement(pov.group, pov.need, pov.insight), "point_of_view")
        if pov and pov.id not in personal
        else "",
        how_might_we=[text(h.text, f"how_might_we[{n}]") for n, h in enumerate(hmws)],
        chosen_hmw=text(chosen_hmw.text, "chosen_hmw") if chosen_hmw and chosen_hmw.id not in personal else "",
        long_term_goal=text(framing.long_term_goal, "long_term_goal"),
        sprint_questions=[
            text(q.text, f"sprint_questions[{n}]")
            for n, q in enumerate(in_order(keep(framing.sprint_questions.values())))
        ],
        actors=actors,
        ties=ties,
        ideas=ideas,
        chosen_concept=concept,
        decision_rationale=text(sprint.decision_rationale, "decision_rationale"),
        prototype=text(sprint.prototype_description, "prototype"),
        findings=[
            RecordFinding(text=text(f.text, f"findings[{n}].text"), valence=f.valence, pattern=f.pattern)
            for n, f in enumerate(keep(sprint.findings.values()))
        ],
        theory_of_change=[
            RecordToc(level=x.level, text=text(x.text, f"theory_of_change[{n}].text"))
            for n, x in enumerate(in_order(keep(sprint.toc.values())))
        ],
        indicators=[
            RecordIndicator(
                name=line(i.name, f"indicators[{n}].name"),
                baseline=line(i.baseline, f"indicators[{n}].baseline"),
                target=line(i.target, f"indicators[{n}].target"),
                data_source=line(i.data_source, f"indicators[{n}].data_source"),
            )
            for n, i in enumerate(keep(sprint.indicators.values()))
        ],
        actions=[
            RecordAction(
                action=text(a.action, f"actions[{n}].action"),
                objective=text(a.objective, f"actions[{n}].objective"),
                lead=line(a.lead, f"actions[{n}].lead"),
                timescale=line(a.timescale, f"actions[{n}].timescale"),
                outcome=text(a.outcome, f"actions[{n}].outcome"),
            )
            for n, a in enumerate(in_order(keep(sprint.actions.values())))
        ],
        outcomes=text(ws.publication.outcomes, "outcomes"),
    )
