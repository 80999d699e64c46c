"""The secretariat library's database: published records, their search index and the reviewers' decisions.

The library is a database of its own (``library.db`` beside the workshop
store, or any SQLAlchemy URL, PostgreSQL included): what a city publishes is
copied into it, and nothing else from the city's store ever is. This module
is the only code that knows the library's SQL.

A record is kept whole as JSON (``nsc_lib_records.record``) and, beside it,
in rows made for asking questions: its Blueprint areas and prevention levels
(filters), its actors, ties and ideas (aggregation across cities) and its
words by facet (full-text search and similar cases). Publishing replaces all
of a record's rows in one transaction: a reader sees the old version or the
new one, never half of each.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from platformdirs import user_data_path
from pydantic import ValidationError

from nsc_workshop._db import Database, database_url, info_table, open_database, sqlite_file
from nsc_workshop._validation import problems_from
from nsc_workshop.access import Scope
from nsc_workshop.errors import InvalidInput, NotPermitted, PublishRefused, RecordNotFound
from nsc_workshop.library.record import LibraryRecord, record_text
from nsc_workshop.library.text import TERM_MAX, term_counts, words
from nsc_workshop.model.vocab import (
    BLUEPRINT_AREAS,
    EVIDENCE_LEVELS,
    RECORD_STATUSES,
)

__all__ = [
    "LIBRARY_ENV",
    "Library",
    "RecordSummary",
    "SearchHit",
    "SimilarCase",
    "default_library_path",
    "open_library",
]

LIBRARY_ENV = "NSC_LIBRARY_DB"
LIBRARY_SCHEMA = 2
"""2: a record remembers the city (a slug) whose account published it on a hub (``publisher``)."""

FACETS = ("title", "problem", "actors", "ideas", "plan")
SEARCH_BOOST = {"title": 3.0, "problem": 2.0, "actors": 1.0, "ideas": 1.0, "plan": 1.0}
SIMILARITY_WEIGHTS = {"problem": 0.5, "actors": 0.25, "ideas": 0.25}
"""Similar cases: how much the problem, the actors and the ideas count."""
_SIMILARITY_FACETS = {"problem": ("problem",), "actors": ("actors",), "ideas": ("ideas", "plan")}
_COMMON = 0.5
"""Similar cases: words found in more than this share of the records are left out (they tell little)."""

_Term = sa.String(TERM_MAX).with_variant(sa.String(TERM_MAX, collation="C"), "postgresql")

_md = sa.MetaData()
_info = info_table("nsc_lib_info", _md)
_records = sa.Table(
    "nsc_lib_records",
    _md,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("title", sa.String(300), nullable=False),
    sa.Column("city", sa.String(300), nullable=False),
    sa.Column("country", sa.String(300), nullable=False),
    sa.Column("language", sa.String(32), nullable=False),
    sa.Column("start_date", sa.String(10)),
    sa.Column("year", sa.Integer),
    sa.Column("sensitivity", sa.String(16), nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("evidence", sa.String(16), nullable=False),
    sa.Column("published_at", sa.String(32), nullable=False),
    sa.Column("snippet", sa.Text, nullable=False),
    sa.Column("record", sa.Text, nullable=False),
    sa.Column("publisher", sa.String(64)),
)
sa.Index("ix_nsc_lib_records_city", _records.c.city)
sa.Index("ix_nsc_lib_records_start", _records.c.start_date)


def _child(name: str, *columns: sa.Column[Any]) -> sa.Table:
    return sa.Table(
        name,
        _md,
        sa.Column("record_id", sa.String(64), sa.ForeignKey("nsc_lib_records.id", ondelete="CASCADE"), nullable=False),
        *columns,
    )


_areas = _child("nsc_lib_areas", sa.Column("area", sa.String(32), nullable=False))
_levels = _child("nsc_lib_levels", sa.Column("level", sa.String(16), nullable=False))
_terms = _child(
    "nsc_lib_terms",
    sa.Column("facet", sa.String(8), nullable=False),
    sa.Column("term", _Term, nullable=False),
    sa.Column("weight", sa.Float, nullable=False),
)
_norms = _child(
    "nsc_lib_norms", sa.Column("facet", sa.String(8), nullable=False), sa.Column("norm", sa.Float, nullable=False)
)
_actors = _child(
    "nsc_lib_actors",
    sa.Column("actor_id", sa.String(64), nullable=False),
    sa.Column("name", sa.String(300), nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("sector", sa.String(300), nullable=False),
)
_ties = _child(
    "nsc_lib_ties",
    sa.Column("tie_id", sa.String(64), nullable=False),
    sa.Column("source", sa.String(64), nullable=False),
    sa.Column("target", sa.String(64), nullable=False),
    sa.Column("type", sa.String(300), nullable=False),
    sa.Column("sign", sa.Integer, nullable=False),
    sa.Column("weight", sa.Float, nullable=False),
    sa.Column("directed", sa.Boolean, nullable=False),
)
_ideas = _child(
    "nsc_lib_ideas",
    sa.Column("idea_id", sa.String(64), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("theme", sa.String(300), nullable=False),
    sa.Column("votes", sa.Integer, nullable=False),
    sa.Column("chosen", sa.Boolean, nullable=False),
)
_decisions = sa.Table(
    "nsc_lib_decisions",
    _md,
    sa.Column("a", sa.String(700), primary_key=True),
    sa.Column("b", sa.String(700), primary_key=True),
    sa.Column("same", sa.Boolean, nullable=False),
    sa.Column("decided_at", sa.String(32), nullable=False),
)
for _table in (_areas, _levels, _terms, _norms, _actors, _ties, _ideas):
    sa.Index(f"ix_{_table.name}_record", _table.c.record_id)
sa.Index("ix_nsc_lib_terms_term", _terms.c.term, _terms.c.facet)
_CHILDREN = (_areas, _levels, _terms, _norms, _actors, _ties, _ideas)

FILTERS: dict[str, tuple[str, ...] | None] = {
    "city": None,
    "country": None,
    "area": BLUEPRINT_AREAS,
    "prevention": ("primary", "secondary", "tertiary"),
    "status": RECORD_STATUSES,
    "evidence": EVIDENCE_LEVELS,
    "sensitivity": ("public", "network"),
}
"""The search filters and their allowed values (None: any value)."""


def default_library_path(store_url: str | None = None) -> Path:
    """Where the library lives when no URL is given: ``library.db`` beside the workshop store.

    Beside the SQLite file of ``store_url`` (``/some/city.db`` → ``/some/library.db``);
    for a store on a database server, in memory, or without ``store_url``, in the
    user's data folder, beside the default store (``~/.local/share/nsc-workshop/library.db``
    on Linux).

    >>> default_library_path("sqlite:////some/city.db").as_posix()
    '/some/library.db'
    """
    try:
        database = sqlite_file(store_url) if store_url else None
    except (sa.exc.ArgumentError, ValueError):  # not a database URL: opening the store will say so
        database = None
    if database is not None:
        return database.parent / "library.db"
    return user_data_path("nsc-workshop", appauthor=False) / "library.db"


@dataclass(frozen=True)
class RecordSummary:
    """A record's line in a list: what the filters and the result list show."""

    id: str
    version: int
    title: str
    city: str
    country: str
    year: int | None
    start_date: str | None
    sensitivity: str
    status: str
    evidence: str
    areas: tuple[str, ...]
    snippet: str


@dataclass(frozen=True)
class SearchHit(RecordSummary):
    """A search result: the record's summary, its score and the query words it matched."""

    score: float = 0.0
    matched: tuple[str, ...] = ()


@dataclass(frozen=True)
class SimilarCase:
    """A record like another: its summary, the overall score (0-1), the score of each facet and why."""

    record: RecordSummary
    score: float
    facets: dict[str, float] = field(default_factory=dict)
    shared: dict[str, list[str]] = field(default_factory=dict)


def _choices(name: str, value: str | Iterable[str] | None) -> list[str]:
    if value is None or value == "":
        return []
    values = [value] if isinstance(value, str) else [v for v in value if v]
    allowed = FILTERS[name]
    for v in values:
        if allowed is not None and v not in allowed:
            raise InvalidInput("error.library.bad_filter", value=v, field=name, choices=", ".join(allowed))
    return values


def _date(name: str, value: str | dt.date | None) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise InvalidInput("error.library.bad_date", value=value, field=name) from None


def _upper(prefix: str) -> str:
    """The smallest string greater than every string starting with ``prefix``."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def _snippet(record: LibraryRecord) -> str:
    text = record.summary or record.problem_statement or record.chosen_hmw or record.long_term_goal
    text = " ".join(text.split())
    return text if len(text) <= 280 else text[:277].rsplit(" ", 1)[0] + "…"


def _weight(count: int) -> float:
    return 1.0 + math.log(count)


class Library(Database):
    """The secretariat's library of published records. Use :func:`open_library` to get one.

    Every account reads the whole library: it holds only what cities chose to publish. On a hub, a
    city's account (its :attr:`scope`, from ``NSC_CITY``) replaces and withdraws only the records
    its city published; the secretariat (no city) and a laptop curate every record.
    """

    metadata = _md
    info_table = _info
    schema_version = LIBRARY_SCHEMA

    def __init__(self, url: str, scope: Scope | None = None) -> None:
        self.scope = Scope.from_env() if scope is None else scope
        super().__init__(url)

    def _migrate(self, conn: sa.Connection, from_version: int) -> None:
        if from_version < 2:  # records remember the city that published them on a hub
            columns = {c["name"] for c in sa.inspect(conn).get_columns("nsc_lib_records")}
            if "publisher" not in columns:
                conn.execute(sa.text("ALTER TABLE nsc_lib_records ADD COLUMN publisher VARCHAR(64)"))

    def _check_publisher(self, record_id: str, publisher: str | None) -> None:
        """A city's account touches only what its city published."""
        city = self.scope.city
        if not self.scope.everything and city is not None and publisher != city:
            raise NotPermitted("error.library.not_yours", id=record_id)

    # -- publishing ------------------------------------------------------------

    def publish(self, record: LibraryRecord) -> LibraryRecord:
        """Add ``record``, or replace the earlier version of it (its ``version`` goes up by one).

        A record of another city already filed under the same id is not replaced
        (:class:`~nsc_workshop.errors.PublishRefused`). Returns the record as stored.
        """
        with self._write() as conn:
            query = sa.select(_records.c.version, _records.c.city, _records.c.publisher).where(
                _records.c.id == record.id
            )
            row = conn.execute(query).first()
            if row is not None and row.city != record.city:
                raise PublishRefused("error.library.other_city", id=record.id, city=row.city)
            if row is not None:
                self._check_publisher(record.id, row.publisher)
            stored = record.model_copy(update={"version": (row.version + 1) if row else 1})
            if row is not None:
                self._delete_rows(conn, record.id)
            self._insert(conn, stored)
            # a city's account publishes as its city; the secretariat's or the admin's new version keeps the city's
            publisher = self.scope.city if not self.scope.everything and self.scope.city else None
            publisher = publisher or (row.publisher if row is not None else None)
            if publisher is not None:
                conn.execute(sa.update(_records).where(_records.c.id == record.id).values(publisher=publisher))
        return stored

    def publish_many(self, records: Sequence[LibraryRecord]) -> int:
        """Add many new records in one transaction (the benchmark's loader; ids must be new): the admin's only."""
        if not self.scope.everything:
            raise NotPermitted("error.access.admin_only")
        with self._write() as conn:
            for record in records:
                self._insert(conn, record)
        return len(records)

    def _delete_rows(self, conn: sa.Connection, record_id: str) -> None:
        for table in _CHILDREN:
            conn.execute(sa.delete(table).where(table.c.record_id == record_id))
        conn.execute(sa.delete(_records).where(_records.c.id == record_id))

    def _insert(self, conn: sa.Connection, record: LibraryRecord) -> None:
        rid = record.id
        conn.execute(
            sa.insert(_records).values(
                id=rid,
                version=record.version,
                title=record.title,
                city=record.city,
                country=record.country,
                language=record.language,
                start_date=record.start_date.isoformat() if record.start_date else None,
                year=record.year,
                sensitivity=record.sensitivity,
                status=record.status,
                evidence=record.evidence,
                published_at=record.published_at.isoformat(),
                snippet=_snippet(record),
                record=record.model_dump_json(),
            )
        )
        rows: dict[sa.Table, list[dict[str, Any]]] = {
            _areas: [{"record_id": rid, "area": a} for a in dict.fromkeys(record.blueprint_areas)],
            _levels: [{"record_id": rid, "level": x} for x in dict.fromkeys(record.prevention_levels)],
            _actors: [
                {"record_id": rid, "actor_id": a.id, "name": a.name, "kind": a.kind, "sector": a.sector}
                for a in record.actors
            ],
            _ties: [
                {
                    "record_id": rid,
                    "tie_id": x.id,
                    "source": x.source,
                    "target": x.target,
                    "type": x.type,
                    "sign": x.sign,
                    "weight": x.weight,
                    "directed": x.directed,
                }
                for x in record.ties
            ],
            _ideas: [
                {
                    "record_id": rid,
                    "idea_id": i.id,
                    "text": i.text,
                    "theme": i.theme,
                    "votes": i.votes,
                    "chosen": i.chosen,
                }
                for i in record.ideas
            ],
            _terms: [],
            _norms: [],
        }
        place = [record.city, record.country]
        texts = record_text(record)
        for facet in FACETS:
            counts = term_counts(texts[facet], drop=place if facet != "title" else ())
            if facet == "actors":
                counts.update(f"sector:{a.sector}"[:TERM_MAX] for a in record.actors if a.sector)
            if not counts:
                continue
            weights = {term: _weight(n) for term, n in counts.items()}
            rows[_terms] += [{"record_id": rid, "facet": facet, "term": k, "weight": w} for k, w in weights.items()]
            norm = math.sqrt(sum(w * w for w in weights.values()))
            rows[_norms].append({"record_id": rid, "facet": facet, "norm": norm})
        for table, values in rows.items():
            if values:
                conn.execute(sa.insert(table), values)

    def withdraw(self, record_id: str) -> None:
        """Remove a record from the library (every row of it)."""
        with self._write() as conn:
            row = conn.execute(sa.select(_records.c.publisher).where(_records.c.id == record_id)).first()
            if row is None:
                raise RecordNotFound(id=record_id)
            self._check_publisher(record_id, row.publisher)
            self._delete_rows(conn, record_id)

    # -- reading -----------------------------------------------------------------

    def get(self, record_id: str) -> LibraryRecord:
        """The record ``record_id`` (:class:`~nsc_workshop.errors.RecordNotFound` if absent)."""
        with self._read() as conn:
            text = conn.execute(sa.select(_records.c.record).where(_records.c.id == record_id)).scalar()
        if text is None:
            raise RecordNotFound(id=record_id)
        return LibraryRecord.model_validate_json(text)

    def records(self, *, audience: str = "network") -> list[LibraryRecord]:
        """Every record (only the public ones when ``audience`` is ``public``), oldest id first."""
        query = sa.select(_records.c.record).order_by(_records.c.id)
        if audience == "public":
            query = query.where(_records.c.sensitivity == "public")
        with self._read() as conn:
            return [LibraryRecord.model_validate_json(text) for text in conn.execute(query).scalars()]

    def count(self) -> int:
        """How many records the library holds."""
        with self._read() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(_records)).scalar() or 0)

    def choices(self) -> dict[str, list[Any]]:
        """The values present, for the filters: ``city``, ``country``, ``year`` (and the fixed vocabularies)."""
        with self._read() as conn:
            cities = conn.execute(sa.select(_records.c.city).distinct().order_by(_records.c.city)).scalars().all()
            countries = (
                conn.execute(sa.select(_records.c.country).distinct().order_by(_records.c.country)).scalars().all()
            )
            years = (
                conn.execute(
                    sa.select(_records.c.year).where(_records.c.year.is_not(None)).distinct().order_by(_records.c.year)
                )
                .scalars()
                .all()
            )
        out: dict[str, list[Any]] = {"city": list(cities), "country": list(countries), "year": list(years)}
        out.update({name: list(values) for name, values in FILTERS.items() if values is not None})
        return out

    def summaries(self, ids: Iterable[str]) -> dict[str, RecordSummary]:
        """The summaries of the records ``ids`` (those found), by id."""
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return {}
        with self._read() as conn:
            rows = conn.execute(sa.select(*_SUMMARY_COLUMNS).where(_records.c.id.in_(wanted))).all()
            areas = self._areas_of(conn, wanted)
        return {row.id: _summary(row, areas.get(row.id, ())) for row in rows}

    @staticmethod
    def _areas_of(conn: sa.Connection, ids: list[str]) -> dict[str, tuple[str, ...]]:
        out: defaultdict[str, list[str]] = defaultdict(list)
        query = sa.select(_areas.c.record_id, _areas.c.area).where(_areas.c.record_id.in_(ids))
        for rid, area in conn.execute(query):
            out[rid].append(area)
        order = {a: i for i, a in enumerate(BLUEPRINT_AREAS)}
        return {rid: tuple(sorted(v, key=lambda a: order.get(a, 99))) for rid, v in out.items()}

    # -- search ------------------------------------------------------------------

    def _filtered(
        self,
        *,
        city: str | Iterable[str] | None = None,
        country: str | Iterable[str] | None = None,
        area: str | Iterable[str] | None = None,
        prevention: str | Iterable[str] | None = None,
        status: str | Iterable[str] | None = None,
        evidence: str | Iterable[str] | None = None,
        sensitivity: str | Iterable[str] | None = None,
        since: str | dt.date | None = None,
        until: str | dt.date | None = None,
        audience: str = "network",
    ) -> list[sa.ColumnElement[bool]]:
        where: list[sa.ColumnElement[bool]] = []
        for name, column, value in (
            ("city", _records.c.city, city),
            ("country", _records.c.country, country),
            ("status", _records.c.status, status),
            ("evidence", _records.c.evidence, evidence),
            ("sensitivity", _records.c.sensitivity, sensitivity),
        ):
            values = _choices(name, value)
            if values:
                where.append(column.in_(values))
        areas = _choices("area", area)
        if areas:
            where.append(_records.c.id.in_(sa.select(_areas.c.record_id).where(_areas.c.area.in_(areas))))
        levels = _choices("prevention", prevention)
        if levels:
            where.append(_records.c.id.in_(sa.select(_levels.c.record_id).where(_levels.c.level.in_(levels))))
        start, end = _date("since", since), _date("until", until)
        if start:
            where.append(_records.c.start_date >= start)
        if end:
            where.append(_records.c.start_date <= end)
        if audience == "public":
            where.append(_records.c.sensitivity == "public")
        return where

    def search(self, query: str = "", *, limit: int | None = 50, **filters: Any) -> list[SearchHit]:
        """Records matching every word of ``query`` (as a word or the start of one) and the filters.

        Filters: ``city``, ``country``, ``area`` (Blueprint area), ``prevention``,
        ``status``, ``evidence``, ``sensitivity`` (each a value or a list of
        values: any of them), ``since`` and ``until`` (the start date,
        ``YYYY-MM-DD``), ``audience`` (``public`` shows public records only).
        Results are ranked by relevance (words in the title count most, then
        the problem, then actors, ideas and the plan; rare words more than
        common ones); without a query, newest first.

        >>> library = open_library("sqlite://")
        >>> from nsc_workshop.datasets import load_sample
        >>> from nsc_workshop.library import build_record
        >>> _ = library.publish(build_record(load_sample()))
        >>> [hit.city for hit in library.search("hate", area="digital")]
        ['Varnholm']
        """
        where = self._filtered(**filters)
        terms = list(dict.fromkeys(words(query)))
        with self._read() as conn:
            if not terms:
                query_rows = (
                    sa.select(*_SUMMARY_COLUMNS)
                    .where(*where)
                    .order_by(_records.c.start_date.desc().nulls_last(), _records.c.id)
                    .limit(limit)
                )
                rows = conn.execute(query_rows).all()
                areas = self._areas_of(conn, [r.id for r in rows])
                return [SearchHit(**vars(_summary(r, areas.get(r.id, ())))) for r in rows]
            scores, matched = self._score(conn, terms, where)
            ranked = sorted(scores, key=lambda rid: (-scores[rid], rid))[:limit]
            rows = conn.execute(sa.select(*_SUMMARY_COLUMNS).where(_records.c.id.in_(ranked))).all()
            areas = self._areas_of(conn, ranked)
        by_id = {r.id: r for r in rows}
        return [
            SearchHit(
                **vars(_summary(by_id[rid], areas.get(rid, ()))),
                score=round(scores[rid], 4),
                matched=tuple(sorted(matched[rid])),
            )
            for rid in ranked
            if rid in by_id
        ]

    @staticmethod
    def _term_condition(terms: list[str]) -> sa.ColumnElement[bool]:
        return sa.or_(
            *(
                sa.and_(_terms.c.term >= word, _terms.c.term < _upper(word))
                if len(word) >= 3
                else _terms.c.term == word
                for word in terms
            )
        )

    def _score(
        self, conn: sa.Connection, terms: list[str], where: list[sa.ColumnElement[bool]]
    ) -> tuple[dict[str, float], dict[str, set[str]]]:
        total = int(conn.execute(sa.select(sa.func.count()).select_from(_records)).scalar() or 0)
        condition = self._term_condition(terms)
        df: dict[str, int] = dict(
            conn.execute(
                sa.select(_terms.c.term, sa.func.count(sa.distinct(_terms.c.record_id)))
                .where(condition)
                .group_by(_terms.c.term)
            ).all()
        )
        query = sa.select(_terms.c.record_id, _terms.c.facet, _terms.c.term, _terms.c.weight).where(condition)
        if where:
            query = query.where(_terms.c.record_id.in_(sa.select(_records.c.id).where(*where)))
        scores: defaultdict[str, float] = defaultdict(float)
        found: defaultdict[str, set[str]] = defaultdict(set)
        hit_words: defaultdict[str, set[str]] = defaultdict(set)
        for rid, facet, term, weight in conn.execute(query):
            idf = math.log(1.0 + (total - df.get(term, 0) + 0.5) / (df.get(term, 0) + 0.5))
            scores[rid] += SEARCH_BOOST.get(facet, 1.0) * (weight / (weight + 1.2)) * idf
            found[rid].add(term)
            for word in terms:
                if term == word or (len(word) >= 3 and term.startswith(word)):
                    hit_words[rid].add(word)
        wanted = set(terms)
        keep = {rid: s for rid, s in scores.items() if hit_words[rid] >= wanted}
        return keep, {rid: found[rid] for rid in keep}

    # -- similar cases -------------------------------------------------------------

    def similar(self, record_id: str, *, limit: int = 5, audience: str = "network") -> list[SimilarCase]:
        """The records most like ``record_id``: by their problem, their actors and their ideas.

        Each facet's score is the idf-weighted overlap of the two records' words
        (an actor counts by its name's words and its sector; city and country
        names are left out, and so are words found in more than half the records),
        divided by both records' lengths and scaled so that a record compared
        with itself scores 1; the overall score weighs the problem by 0.5, the
        actors and the ideas by 0.25 each (:data:`SIMILARITY_WEIGHTS`).
        ``shared`` gives, by facet, the words that weighed most.
        """
        with self._read() as conn:
            if conn.execute(sa.select(_records.c.id).where(_records.c.id == record_id)).first() is None:
                raise RecordNotFound(id=record_id)
            total = int(conn.execute(sa.select(sa.func.count()).select_from(_records)).scalar() or 0)
            own = conn.execute(
                sa.select(_terms.c.facet, _terms.c.term, _terms.c.weight).where(_terms.c.record_id == record_id)
            ).all()
            mine: dict[str, dict[str, float]] = defaultdict(dict)
            for facet, term, weight in own:
                mine[facet][term] = weight
            all_terms = sorted({term for _f, term, _w in own})
            if not all_terms:
                return []
            group_of = {facet: group for group, facets in _SIMILARITY_FACETS.items() for facet in facets}
            df: dict[tuple[str, str], int] = {}
            others: list[tuple[str, str, str, float]] = []
            eligible = sa.select(_records.c.id).where(_records.c.id != record_id)
            if audience == "public":
                eligible = eligible.where(_records.c.sensitivity == "public")
            for chunk in _chunks(all_terms, 500):
                counted = conn.execute(
                    sa.select(_terms.c.facet, _terms.c.term, sa.func.count(sa.distinct(_terms.c.record_id)))
                    .where(_terms.c.term.in_(chunk))
                    .group_by(_terms.c.facet, _terms.c.term)
                )
                for facet, term, n in counted:
                    if facet in group_of:
                        key = (group_of[facet], term)
                        df[key] = max(df.get(key, 0), int(n))
            telling = {key for key, n in df.items() if n <= max(2, _COMMON * total)}
            for chunk in _chunks(sorted({term for _g, term in telling}), 500):
                rows = conn.execute(
                    sa.select(_terms.c.record_id, _terms.c.facet, _terms.c.term, _terms.c.weight).where(
                        _terms.c.term.in_(chunk), _terms.c.record_id.in_(eligible)
                    )
                )
                others += [r for r in rows if (group_of.get(r[1], ""), r[2]) in telling]
            norm_rows = conn.execute(sa.select(_norms.c.record_id, _norms.c.facet, _norms.c.norm))
            norms: dict[tuple[str, str], float] = {(rid, facet): norm for rid, facet, norm in norm_rows}

        def idf(group: str, term: str) -> float:
            n = df.get((group, term), 1)
            return math.log(1.0 + (total - n + 0.5) / (n + 0.5))

        self_score: dict[str, float] = {}
        for group, facets in _SIMILARITY_FACETS.items():
            terms_self: dict[str, float] = {}
            for facet in facets:
                for term, weight in mine.get(facet, {}).items():
                    terms_self[term] = max(terms_self.get(term, 0.0), weight)
            norm = _group_norm(norms, record_id, facets)
            self_score[group] = (
                sum(idf(group, t) * w * w for t, w in terms_self.items()) / (norm * norm) if norm else 0.0
            )
        dots: defaultdict[tuple[str, str], dict[str, float]] = defaultdict(dict)
        for rid, facet, term, weight in others:
            group = group_of[facet]
            mine_weight = max((mine.get(f, {}).get(term, 0.0) for f in _SIMILARITY_FACETS[group]), default=0.0)
            if mine_weight:
                contribution = idf(group, term) * weight * mine_weight
                key = (rid, group)
                dots[key][term] = max(dots[key].get(term, 0.0), contribution)
        results: defaultdict[str, dict[str, float]] = defaultdict(dict)
        shared: defaultdict[str, dict[str, list[str]]] = defaultdict(dict)
        for (rid, group), contributions in dots.items():
            facets = _SIMILARITY_FACETS[group]
            denominator = _group_norm(norms, record_id, facets) * _group_norm(norms, rid, facets) * self_score[group]
            if denominator <= 0:
                continue
            results[rid][group] = min(1.0, sum(contributions.values()) / denominator)
            top = sorted(contributions, key=lambda t: -contributions[t])[:5]
            shared[rid][group] = [t.removeprefix("sector:") for t in top]
        overall = {rid: sum(SIMILARITY_WEIGHTS[g] * v for g, v in groups.items()) for rid, groups in results.items()}
        ranked = sorted(overall, key=lambda rid: (-overall[rid], rid))[:limit]
        summaries = self.summaries(ranked)
        return [
            SimilarCase(
                record=summaries[rid],
                score=round(overall[rid], 4),
                facets={g: round(results[rid].get(g, 0.0), 4) for g in SIMILARITY_WEIGHTS},
                shared=shared[rid],
            )
            for rid in ranked
            if rid in summaries
        ]

    # -- rows for aggregation ----------------------------------------------------------

    def _rows(self, table: sa.Table, columns: Sequence[str], audience: str) -> list[dict[str, Any]]:
        query = sa.select(*(table.c[c] for c in columns), _records.c.city, _records.c.country, _records.c.year)
        query = query.join(_records, _records.c.id == table.c.record_id)
        if audience == "public":
            query = query.where(_records.c.sensitivity == "public")
        with self._read() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def actor_rows(self, *, audience: str = "network") -> list[dict[str, Any]]:
        """Every published actor: ``record_id``, ``actor_id``, ``name``, ``kind``, ``sector``, and the
        record's ``city``, ``country``, ``year``."""
        return self._rows(_actors, ("record_id", "actor_id", "name", "kind", "sector"), audience)

    def tie_rows(self, *, audience: str = "network") -> list[dict[str, Any]]:
        """Every published tie: ``record_id``, ``tie_id``, ``source``, ``target``, ``type``, ``sign``,
        ``weight``, ``directed``, and the record's ``city``, ``country``, ``year``."""
        columns = ("record_id", "tie_id", "source", "target", "type", "sign", "weight", "directed")
        return self._rows(_ties, columns, audience)

    def idea_rows(self, *, audience: str = "network") -> list[dict[str, Any]]:
        """Every published idea: ``record_id``, ``idea_id``, ``text``, ``theme``, ``votes``, ``chosen``,
        and the record's ``city``, ``country``, ``year``."""
        return self._rows(_ideas, ("record_id", "idea_id", "text", "theme", "votes", "chosen"), audience)

    def area_counts(self, by: str = "city", *, audience: str = "network") -> dict[str, dict[str, int]]:
        """How many records cover each Blueprint area, by ``city``, ``country`` or ``year``: ``{row: {area: n}}``."""
        if by not in ("city", "country", "year"):
            raise InvalidInput("error.library.bad_filter", value=by, field="by", choices="city, country, year")
        column = _records.c[by]
        query = (
            sa.select(column, _areas.c.area, sa.func.count())
            .join(_areas, _areas.c.record_id == _records.c.id)
            .group_by(column, _areas.c.area)
        )
        if audience == "public":
            query = query.where(_records.c.sensitivity == "public")
        out: defaultdict[str, dict[str, int]] = defaultdict(dict)
        with self._read() as conn:
            for key, area, n in conn.execute(query):
                out["?" if key is None else str(key)][area] = int(n)
        return dict(out)

    # -- reviewers' decisions on actor matching ------------------------------------------

    def decide(self, a: str, b: str, same: bool) -> None:
        """Record a reviewer's decision that name keys ``a`` and ``b`` are (not) the same organisation."""
        first, second = sorted((a, b))
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        with self._write() as conn:
            conn.execute(sa.delete(_decisions).where(_decisions.c.a == first, _decisions.c.b == second))
            conn.execute(sa.insert(_decisions).values(a=first, b=second, same=same, decided_at=now))

    def decisions(self) -> list[tuple[str, str, bool]]:
        """Every decision: ``(a, b, same)``."""
        with self._read() as conn:
            return [
                (a, b, bool(same))
                for a, b, same in conn.execute(sa.select(_decisions.c.a, _decisions.c.b, _decisions.c.same))
            ]


_SUMMARY_COLUMNS = (
    _records.c.id,
    _records.c.version,
    _records.c.title,
    _records.c.city,
    _records.c.country,
    _records.c.year,
    _records.c.start_date,
    _records.c.sensitivity,
    _records.c.status,
    _records.c.evidence,
    _records.c.snippet,
)


def _summary(row: Any, areas: tuple[str, ...]) -> RecordSummary:
    return RecordSummary(
        id=row.id,
        version=row.version,
        title=row.title,
        city=row.city,
        country=row.country,
        year=row.year,
        start_date=row.start_date,
        sensitivity=row.sensitivity,
        status=row.status,
        evidence=row.evidence,
        areas=areas,
        snippet=row.snippet,
    )


def _group_norm(norms: dict[tuple[str, str], float], rid: str, facets: tuple[str, ...]) -> float:
    return math.sqrt(sum(norms.get((rid, f), 0.0) ** 2 for f in facets))


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def read_record(data: bytes | str, where: str = "the file") -> LibraryRecord:
    """A record from its JSON (a record file sent in), checked field by field."""
    try:
        return LibraryRecord.model_validate_json(data)
    except ValidationError as exc:
        raise InvalidInput("error.library.bad_record", where=where, problems=problems_from(exc, "record")) from None


def open_library(
    url: str | os.PathLike[str] | None = None, *, store_url: str | None = None, scope: Scope | None = None
) -> Library:
    """Open (creating when needed) the library at ``url``: a SQLAlchemy URL or a file path.

    Without one, ``$NSC_LIBRARY_DB`` is used, else ``library.db`` beside the
    workshop store at ``store_url`` (:func:`default_library_path`). ``scope`` is whose
    records this account may replace or withdraw (without one: ``$NSC_CITY``, see :class:`Library`).
    """
    library = open_database(Library, database_url(url, LIBRARY_ENV, lambda: default_library_path(store_url)), url)
    if scope is not None:
        library.scope = scope
    return library
