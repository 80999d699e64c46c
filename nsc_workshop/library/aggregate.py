"""Across cities: Blueprint coverage, actors that recur, the alliance-wide map and recurring idea themes.

Everything here reads the library's rows and returns plain data (or a
networkx graph); the charts are in :mod:`nsc_workshop.plots`.

Actors are matched across records by :mod:`nsc_workshop.library.matching`
(fuzzy names, never across cities), with the reviewers' decisions stored in
the library (:meth:`Library.decide`). An actor shown by a pseudonym (kind
``person``) is never matched with anyone and stays out of the alliance map.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from nsc_workshop.library.matching import DEFAULT_THRESHOLD, ActorCluster, ActorName, cluster_actors, name_key
from nsc_workshop.library.text import words
from nsc_workshop.model.vocab import BLUEPRINT_AREAS

if TYPE_CHECKING:
    import networkx as nx

    from nsc_workshop.library.db import Library

__all__ = [
    "ActorMatch",
    "AllianceMap",
    "IdeaTheme",
    "MergeSuggestion",
    "RecurringActor",
    "alliance_map",
    "coverage",
    "idea_themes",
    "match_actors",
    "merge_suggestions",
    "recurring_actors",
]


def coverage(library: Library, by: str = "city", *, audience: str = "network") -> dict[str, dict[str, int]]:
    """How many records cover each of the six Blueprint areas, by ``city``, ``country`` or ``year``.

    Every row has all six areas (0 where none), rows sorted.

    >>> from nsc_workshop.library import open_library
    >>> from nsc_workshop.testing import make_record
    >>> library = open_library("sqlite://")
    >>> _ = library.publish(make_record(1, blueprint_areas=["youth", "digital"]))
    >>> coverage(library)  # doctest: +NORMALIZE_WHITESPACE
    {'Saltmo': {'democracy': 0, 'digital': 1, 'youth': 1, 'diversity': 0, 'neighbourhoods': 0, 'governance': 0}}
    """
    counts = library.area_counts(by, audience=audience)
    return {row: {area: counts[row].get(area, 0) for area in BLUEPRINT_AREAS} for row in sorted(counts)}


@dataclass(frozen=True)
class RecurringActor:
    """One organisation as it appears across records: its spellings, places, records and sectors."""

    label: str
    names: tuple[str, ...]
    cities: tuple[str, ...]
    records: tuple[str, ...]
    sectors: tuple[str, ...]
    mentions: int
    min_score: float
    keys: tuple[str, ...] = field(repr=False, default=())


@dataclass(frozen=True)
class ActorMatch:
    """The library's actors matched once: what :func:`recurring_actors`, :func:`merge_suggestions`
    and :func:`alliance_map` read (pass it to each, rather than matching three times).

    ``clusters`` from :func:`~nsc_workshop.library.matching.cluster_actors` with the
    reviewers' decisions; ``rows`` every mention's row by key (``record_id/actor_id``);
    ``names`` the mentions; ``decided`` the name-key pairs a reviewer has decided.
    """

    clusters: list[ActorCluster]
    rows: dict[str, dict[str, Any]]
    names: list[ActorName]
    decided: frozenset[tuple[str, str]]


def match_actors(library: Library, *, threshold: float = DEFAULT_THRESHOLD, audience: str = "network") -> ActorMatch:
    """Every published actor (persons shown by a pseudonym left out), clustered with the reviewers' decisions."""
    rows = library.actor_rows(audience=audience)
    by_key = {f"{r['record_id']}/{r['actor_id']}": r for r in rows if r["kind"] != "person"}
    names = [ActorName(key, r["name"], r["city"], r["sector"]) for key, r in by_key.items()]
    decisions = library.decisions()
    same = [(a, b) for a, b, is_same in decisions if is_same]
    different = [(a, b) for a, b, is_same in decisions if not is_same]
    clusters = cluster_actors(names, threshold=threshold, same=same, different=different)
    decided = frozenset((min(a, b), max(a, b)) for a, b, _same in decisions)
    return ActorMatch(clusters, by_key, names, decided)


def _recurring(cluster: ActorCluster, rows: dict[str, dict[str, Any]]) -> RecurringActor:
    members = [rows[k] for k in cluster.keys]
    sectors = Counter(r["sector"] for r in members if r["sector"])
    return RecurringActor(
        label=cluster.label,
        names=cluster.names,
        cities=tuple(sorted({r["city"] for r in members})),
        records=tuple(sorted({r["record_id"] for r in members})),
        sectors=tuple(s for s, _n in sectors.most_common()),
        mentions=len(members),
        min_score=cluster.min_score,
        keys=cluster.keys,
    )


def recurring_actors(
    library: Library,
    *,
    min_records: int = 2,
    threshold: float = DEFAULT_THRESHOLD,
    audience: str = "network",
    match: ActorMatch | None = None,
) -> list[RecurringActor]:
    """Organisations named in at least ``min_records`` records, most records first."""
    match = match or match_actors(library, threshold=threshold, audience=audience)
    out = [_recurring(c, match.rows) for c in match.clusters]
    out = [a for a in out if len(a.records) >= min_records]
    return sorted(out, key=lambda a: (-len(a.records), -a.mentions, a.label))


@dataclass(frozen=True)
class MergeSuggestion:
    """Two spellings (in one place) the matcher takes for one organisation: for a reviewer to confirm or split.

    ``a`` and ``b`` are name keys (:func:`~nsc_workshop.library.matching.name_key`),
    ``a_name`` and ``b_name`` a spelling of each, ``records`` how many records use either.
    """

    a: str
    b: str
    a_name: str
    b_name: str
    place: str
    score: float
    records: int


def merge_suggestions(
    library: Library,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    audience: str = "network",
    limit: int | None = 200,
    match: ActorMatch | None = None,
) -> list[MergeSuggestion]:
    """The merges made on different spellings that no reviewer has decided yet, least certain first."""
    from nsc_workshop.library.matching import similarity

    match = match or match_actors(library, threshold=threshold, audience=audience)
    rows, decided = match.rows, match.decided
    by_key = {n.key: n for n in match.names}
    out: list[MergeSuggestion] = []
    for cluster in match.clusters:
        spellings: dict[str, ActorName] = {}
        records: defaultdict[str, set[str]] = defaultdict(set)
        for key in cluster.keys:
            mention = by_key[key]
            nk = name_key(mention)
            spellings.setdefault(nk, mention)
            records[nk].add(rows[key]["record_id"])
        if len(spellings) < 2:
            continue
        ordered = sorted(spellings)
        anchor = max(ordered, key=lambda k: (len(records[k]), k))
        for other in ordered:
            if other == anchor:
                continue
            pair = (min(anchor, other), max(anchor, other))
            if pair in decided:
                continue
            a, b = spellings[anchor], spellings[other]
            out.append(
                MergeSuggestion(
                    a=anchor,
                    b=other,
                    a_name=a.name,
                    b_name=b.name,
                    place=a.place,
                    score=round(similarity(a, b), 1),
                    records=len(records[anchor] | records[other]),
                )
            )
    out.sort(key=lambda s: (s.score, -s.records, s.a, s.b))
    return out[:limit] if limit is not None else out


@dataclass
class AllianceMap:
    """The alliance-wide actor map: one node per organisation, one edge per kind of tie between two of them.

    ``graph`` is a ``networkx.MultiDiGraph``: node attributes ``name``,
    ``sector``, ``kind``, ``cities``, ``records`` (how many), ``names``
    (spellings); an edge per (source, target, type, sign) with ``weight`` (in
    how many records it was drawn), ``directed`` and ``provenance``: a list of
    ``{"record_id", "city", "tie_id"}``, one per tie it stands for.
    """

    graph: nx.MultiDiGraph
    actors: list[RecurringActor]

    def provenance(self, source: str, target: str) -> list[dict[str, Any]]:
        """Every published tie behind the edges between two organisations (node ids), either way."""
        out: list[dict[str, Any]] = []
        for u, v in ((source, target), (target, source)):
            for data in (self.graph.get_edge_data(u, v) or {}).values():
                out += data["provenance"]
        return out


def alliance_map(
    library: Library,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    audience: str = "network",
    min_records: int = 1,
    match: ActorMatch | None = None,
) -> AllianceMap:
    """All published maps as one: organisations matched across records, ties kept with their provenance.

    ``min_records`` keeps only organisations named in at least that many records
    (and the ties between them).
    """
    import networkx as nx

    match = match or match_actors(library, threshold=threshold, audience=audience)
    rows = match.rows
    node_of: dict[str, str] = {}
    actors: list[RecurringActor] = []
    graph = nx.MultiDiGraph(title="Alliance-wide actor map")
    for cluster in match.clusters:
        actor = _recurring(cluster, rows)
        if len(actor.records) < min_records:
            continue
        node = f"org_{len(actors):05d}"
        actors.append(actor)
        for key in cluster.keys:
            node_of[key] = node
        graph.add_node(
            node,
            name=actor.label,
            sector=actor.sectors[0] if actor.sectors else "",
            kind="organisation",
            cities=list(actor.cities),
            records=len(actor.records),
            names=list(actor.names),
        )
    edges: dict[tuple[str, str, str, int], dict[str, Any]] = {}
    for tie in library.tie_rows(audience=audience):
        a = node_of.get(f"{tie['record_id']}/{tie['source']}")
        b = node_of.get(f"{tie['record_id']}/{tie['target']}")
        if a is None or b is None or a == b:
            continue
        directed = bool(tie["directed"])
        if not directed and b < a:
            a, b = b, a
        edge = (a, b, str(tie["type"]), int(tie["sign"]))
        entry = edges.setdefault(edge, {"directed": directed, "provenance": [], "records": set()})
        entry["provenance"].append({"record_id": tie["record_id"], "city": tie["city"], "tie_id": tie["tie_id"]})
        entry["records"].add(tie["record_id"])
    for (source, target, kind, sign), entry in edges.items():
        graph.add_edge(
            source,
            target,
            key=f"{kind}|{sign}",
            type=kind,
            sign=sign,
            weight=float(len(entry["records"])),
            directed=entry["directed"],
            provenance=entry["provenance"],
        )
    return AllianceMap(graph, actors)


@dataclass(frozen=True)
class IdeaTheme:
    """A theme that recurs across cities: by the themes teams gave their ideas, or by the words the ideas share."""

    theme: str
    source: str  # "theme" (named by the teams) or "words" (words the ideas share)
    cities: tuple[str, ...]
    records: int
    ideas: int
    votes: int
    examples: tuple[str, ...]


def _theme_key(text: str) -> str:
    return " ".join(words(text))


def idea_themes(
    library: Library, *, min_cities: int = 2, audience: str = "network", limit: int = 30
) -> list[IdeaTheme]:
    """Idea themes found in at least ``min_cities`` cities, most cities first.

    Two kinds: the themes teams gave their ideas (spelled alike up to case and
    punctuation), then pairs of words that ideas in several cities share
    ("anonymous reporting", "media literacy") among ideas without a theme.
    """
    rows = library.idea_rows(audience=audience)
    named: defaultdict[str, list[dict[str, Any]]] = defaultdict(list)
    unthemed: list[dict[str, Any]] = []
    for row in rows:
        key = _theme_key(row["theme"]) if row["theme"] else ""
        if key:
            named[key].append(row)
        else:
            unthemed.append(row)
    themes = [_theme(key, group[0]["theme"], "theme", group) for key, group in named.items()]
    pairs: defaultdict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in unthemed:
        found = words(row["text"])
        for pair in {f"{a} {b}" for a, b in itertools.pairwise(found)}:
            pairs[pair].append(row)
    themes += [_theme(key, key, "words", group) for key, group in pairs.items()]
    kept = [t for t in themes if len(t.cities) >= min_cities]
    kept.sort(key=lambda t: (-len(t.cities), -t.records, t.source != "theme", t.theme))
    return kept[:limit]


def _theme(key: str, label: str, source: str, group: list[dict[str, Any]]) -> IdeaTheme:
    examples = Counter(r["text"] for r in group)
    return IdeaTheme(
        theme=label if source == "theme" else key,
        source=source,
        cities=tuple(sorted({r["city"] for r in group})),
        records=len({r["record_id"] for r in group}),
        ideas=len(group),
        votes=sum(int(r["votes"]) for r in group),
        examples=tuple(_short(t) for t, _n in examples.most_common(3)),
    )


def _short(text: str, limit: int = 140) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
