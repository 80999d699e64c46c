"""The actor map read out: findings in plain language, with the figures behind them.

:func:`insights` runs every analysis once over one prepared graph (one igraph
conversion, one metrics pass) and writes findings a facilitator can read out.
Every text comes from the message catalog (``insight.*`` keys, see
:mod:`nsc_workshop.i18n`); actor names are the actors' own, sector names the
kit's sector labels.
"""

from __future__ import annotations

import contextlib
import html
import math
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from nsc_workshop.analysis._igraph import Prepared, prepare
from nsc_workshop.analysis.brokerage import ROLES, _burt, _roles
from nsc_workshop.analysis.centrality import DEFAULT_SAMPLES, EXACT_LIMIT, _metrics
from nsc_workshop.analysis.communities import _membership, _modularity
from nsc_workshop.analysis.links import _missing_links
from nsc_workshop.analysis.sectors import ALL_SIGNS, _gaps
from nsc_workshop.analysis.signed import _balance, _camps, _frustration
from nsc_workshop.analysis.stakeholders import QUADRANTS, quadrant, salience_class
from nsc_workshop.i18n import current_language, format_list, format_number, format_percent, t, use_language

__all__ = ["Finding", "Insights", "insights"]

Severity = Literal["info", "attention"]

_NAMES_SHOWN = 10
"""Names listed in a finding before "and N more"."""


@dataclass
class Finding:
    """One thing the map shows.

    ``key`` names the kind of finding (``insight.holders``, ``insight.gaps``...);
    ``title`` and ``text`` are translated, ready to read out; ``figures`` holds
    the numbers behind the text; ``actors`` the ids of the actors it names;
    ``severity`` is ``attention`` for what a facilitator should raise
    (isolated actors, sector gaps, conflict) and ``info`` otherwise.
    """

    key: str
    title: str
    text: str
    figures: dict[str, Any] = field(default_factory=dict)
    actors: list[str] = field(default_factory=list)
    severity: Severity = "info"

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "text": self.text,
            "figures": _jsonable(self.figures),
            "actors": list(self.actors),
            "severity": self.severity,
        }


@dataclass
class Insights:
    """Findings about a map, the figures per actor and for the whole map, and the time taken.

    ``actors`` maps each actor id to its name, sector, the metrics of
    :func:`~nsc_workshop.analysis.actor_metrics`, Burt's measures, its
    ``community``, its ``brokerage`` role counts, ``quadrant``, ``salience`` and
    ``camp`` (index into ``map["camps"]``, or None). ``map`` holds the figures of
    :func:`~nsc_workshop.analysis.map_metrics` and of the other analyses.
    """

    findings: list[Finding]
    actors: dict[str, dict[str, Any]]
    map: dict[str, Any]
    elapsed: float

    def finding(self, key: str) -> Finding | None:
        """The finding with ``key``, if any."""
        return next((f for f in self.findings if f.key == key), None)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (NaN becomes None)."""
        return {
            "findings": [f.to_dict() for f in self.findings],
            "actors": _jsonable(self.actors),
            "map": _jsonable(self.map),
            "elapsed": self.elapsed,
        }

    def _repr_html_(self) -> str:
        esc = html.escape
        parts = [f"<div class='nsc-insights'><h3>{esc(t('insight.report.title'))}</h3>"]
        parts.append(
            "<p>"
            + esc(
                t(
                    "insight.report.summary",
                    count=len(self.findings),
                    actors=self.map.get("actors", 0),
                    ties=self.map.get("ties", 0),
                    seconds=f"{self.elapsed:.2f}",
                )
            )
            + "</p><ul>"
        )
        for f in self.findings:
            flag = (
                f" <em style='color:#b2182b'>({esc(t('insight.report.attention'))})</em>"
                if f.severity == "attention"
                else ""
            )
            parts.append(f"<li class='nsc-finding nsc-{esc(f.severity)}'><strong>{esc(f.title)}</strong>{flag}")
            parts.append(f"<br>{esc(f.text)}</li>")
        parts.append("</ul>")
        ranked = sorted(self.actors.items(), key=lambda item: -float(item[1].get("betweenness") or 0))[:10]
        if ranked:
            heads = ("actor", "sector", "ties", "betweenness", "quadrant", "salience")
            parts.append(f"<h4>{esc(t('insight.report.top_actors'))}</h4><table><tr>")
            parts.extend(f"<th>{esc(t('insight.column.' + h))}</th>" for h in heads)
            parts.append("</tr>")
            for _actor_id, row in ranked:
                q = row.get("quadrant")
                cells = (
                    row.get("name", ""),
                    row.get("sector_label", ""),
                    row.get("degree", 0),
                    f"{float(row.get('betweenness') or 0):.3f}",
                    t(f"insight.quadrant.{q}") if q else "",
                    t(f"insight.salience_class.{row.get('salience')}"),
                )
                parts.append("<tr>" + "".join(f"<td>{esc(str(c))}</td>" for c in cells) + "</tr>")
            parts.append("</table>")
        parts.append("</div>")
        return "".join(parts)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating | float):
        number = float(value)
        return number if math.isfinite(number) else None
    if isinstance(value, np.bool_):
        return bool(value)
    return value


def _as_graph(value: Any) -> Any:
    from nsc_workshop.model import Workshop

    if isinstance(value, Workshop):
        from nsc_workshop.graph import to_networkx

        return to_networkx(value)
    return value


def insights(
    workshop_or_graph: Any,
    *,
    language: str | None = None,
    seed: int = 0,
    directed: bool = False,
    exact_limit: int = EXACT_LIMIT,
    samples: int = DEFAULT_SAMPLES,
    attribute: str = "sector",
    top: int = 3,
    links: int = 5,
    threshold: float = 5,
) -> Insights:
    """Read the actor map: findings in plain language with their figures.

    Parameters
    ----------
    workshop_or_graph : Workshop or networkx.MultiDiGraph
        A workshop, or its map from :func:`nsc_workshop.graph.to_networkx`.
    language : str, optional
        Language of the texts (the current language by default).
    seed : int
        Seed of every randomised step (sampling, communities, camps).
    directed, exact_limit, samples
        Passed to :func:`~nsc_workshop.analysis.actor_metrics`.
    attribute : str
        The actor attribute naming the sector.
    top : int
        Actors named in the "who holds the network together", brokers and
        structural-hole findings.
    links : int
        Missing-link suggestions.
    threshold : float
        High influence or interest starts here (power/interest grid).

    Examples
    --------
    >>> from nsc_workshop.datasets import load_sample
    >>> report = insights(load_sample())
    >>> report.finding("insight.gaps").text
    'No ties between Youth work and Civil society; No ties between Municipal departments and Police; ...'
    >>> report.finding("insight.isolated").actors
    ['act_gaming_cafe', 'act_platform_trust_safety']
    """
    started = time.perf_counter()
    graph = _as_graph(workshop_or_graph)
    prep = prepare(graph)
    scope = use_language(language) if language else contextlib.nullcontext()
    with scope:
        report = _Report(prep, seed, directed, exact_limit, samples, attribute, top, links, threshold)
        findings = report.findings()
    return Insights(
        findings=findings, actors=report.actor_rows(), map=report.map, elapsed=time.perf_counter() - started
    )


class _Report:
    """Everything computed once; the findings written from it."""

    def __init__(
        self,
        prep: Prepared,
        seed: int,
        directed: bool,
        exact_limit: int,
        samples: int,
        attribute: str,
        top: int,
        links: int,
        threshold: float,
    ) -> None:
        self.prep = prep
        self.top = top
        self.attribute = attribute
        self.language = current_language()
        self.table, summary = _metrics(prep, directed, exact_limit, samples, seed)
        self.membership = _membership(prep, seed)
        self.roles = _roles(prep, attribute)
        self.burt = _burt(prep)
        self.gaps = _gaps(prep, attribute, ALL_SIGNS)
        self.suggestions = _missing_links(prep, links, attribute, self.membership, [(a, b) for a, b, _ in self.gaps])
        self.balance = _balance(prep)
        self.camps = _camps(prep, seed)
        self.quadrants = [quadrant(d.get("influence"), d.get("interest"), threshold=threshold) for d in prep.node_data]
        self.salience = [salience_class(d.get("power"), d.get("legitimacy"), d.get("urgency")) for d in prep.node_data]
        self.sector_labels = _sector_labels()
        g = prep.flow_und
        bridges = [e for e in g.bridges() if g.es[e]["ties"] == 1] if g.ecount() else []
        self.bridge_pairs = [g.es[e].tuple for e in bridges]
        self.isolated = [int(i) for i in np.flatnonzero(prep.tie_degree == 0)]
        self.peripheral = [int(i) for i in np.flatnonzero(prep.neighbour_count == 1)]
        self.camp_of = np.full(prep.n, -1, dtype=np.int64)
        for number, camp in enumerate(self.camps):
            self.camp_of[camp] = number
        modularity = _modularity(prep, self.membership)
        sizes = np.bincount(self.membership) if prep.n else np.zeros(0, dtype=np.int64)
        balance = dict(self.balance)
        balance["unbalanced_examples"] = [
            [prep.nodes[i] for i in triad] for triad in balance["unbalanced_examples"][:5]
        ]
        self.map: dict[str, Any] = {
            **summary,
            "communities": int(np.count_nonzero(sizes >= 2)),
            "modularity": modularity,
            "sector_gaps": len(self.gaps),
            "isolated_actors": [prep.nodes[i] for i in self.isolated],
            "peripheral_actors": [prep.nodes[i] for i in self.peripheral],
            "bridges": len(self.bridge_pairs),
            "balance": balance,
            "camps": [[prep.nodes[i] for i in camp] for camp in self.camps],
            "frustration": _frustration(prep, self.camp_of) if self.camps else 0,
        }

    # -- helpers ---------------------------------------------------------------

    def name(self, i: int) -> str:
        return self.prep.name(i)

    def sector(self, label: str | None) -> str:
        if not label:
            return t("insight.no_sector")
        return self.sector_labels.get(label, label)

    def actor_sector(self, i: int) -> str:
        value = self.prep.node_data[i].get(self.attribute)
        return self.sector(None if value is None else str(value))

    def names(self, indices: Sequence[int], limit: int = _NAMES_SHOWN) -> str:
        shown = [self.name(i) for i in indices[:limit]]
        if len(indices) > limit:
            shown.append(t("insight.more", count=len(indices) - limit))
        return self.join(shown)

    def join(self, items: Sequence[str]) -> str:
        return format_list(items, self.language) if items else t("insight.none")

    def number(self, value: float, digits: int = 2) -> str:
        return format_number(value, digits, self.language)

    def percent(self, value: float) -> str:
        return format_percent(value, self.language, "#,##0%")

    def ids(self, indices: Sequence[int]) -> list[str]:
        return [self.prep.nodes[i] for i in indices]

    def metric(self, i: int, key: str) -> float:
        return float(self.table[self.prep.nodes[i]][key])

    def with_error(self, i: int, key: str, digits: int = 3) -> str:
        value = self.number(self.metric(i, key), digits)
        if not self.map["estimated"]:
            return value
        return t("insight.value_error", value=value, error=self.number(self.metric(i, f"{key}_error"), digits))

    # -- per actor ---------------------------------------------------------------

    def actor_rows(self) -> dict[str, dict[str, Any]]:
        rows: dict[str, dict[str, Any]] = {}
        for i, node in enumerate(self.prep.nodes):
            data = self.prep.node_data[i]
            sector = data.get(self.attribute)
            rows[node] = {
                "name": self.name(i),
                "sector": sector,
                "sector_label": self.actor_sector(i),
                **self.table[node],
                **self.burt[i],
                "community": int(self.membership[i]),
                "brokerage": {role: int(c) for role, c in zip(ROLES, self.roles[i], strict=True)},
                "quadrant": self.quadrants[i],
                "salience": self.salience[i],
                "camp": int(self.camp_of[i]) if self.camp_of[i] >= 0 else None,
            }
        return rows

    # -- findings ----------------------------------------------------------------

    def findings(self) -> list[Finding]:
        out: list[Finding] = []
        if self.prep.n == 0:
            return out
        for make in (
            self.estimated,
            self.structure,
            self.holders,
            self.brokers,
            self.holes,
            self.bridges,
            self.communities,
            self.components,
            self.isolated_actors,
            self.peripheral_actors,
            self.sector_gaps,
            self.conflict,
            self.polarised_camps,
            self.missing_links,
            self.power_interest,
            self.salient,
        ):
            out.extend(make())
        return out

    def estimated(self) -> Iterator[Finding]:
        m = self.map
        if not m["estimated"]:
            return
        yield Finding(
            key="insight.estimated",
            title=t("insight.estimated.title"),
            text=t(
                "insight.estimated.text",
                samples=m["samples"],
                actors=m["actors"],
                error=self.number(m["betweenness_error"], 4),
                median=self.number(m["betweenness_error_median"], 4),
            ),
            figures={
                key: m[key]
                for key in (
                    "samples",
                    "actors",
                    "confidence",
                    "betweenness_error",
                    "betweenness_error_median",
                    "closeness_error",
                    "closeness_error_median",
                    "average_path_length_error",
                )
            },
        )

    def structure(self) -> Iterator[Finding]:
        m = self.map
        if m["actors"] < 2:
            return
        centralisation = max(m["degree_centralisation"], m["betweenness_centralisation"])
        words = "low" if centralisation < 0.2 else ("medium" if centralisation < 0.5 else "high")
        mean_degree = 2 * self.prep.flow_und.ecount() / m["actors"]
        yield Finding(
            key="insight.structure",
            title=t("insight.structure.title"),
            text=t(
                "insight.structure.text",
                share=self.percent(m["density"]),
                density=self.number(m["density"], 3),
                mean_degree=self.number(mean_degree, 1),
                centralisation=t(f"insight.centralisation.{words}"),
                degree_centralisation=self.number(m["degree_centralisation"]),
                betweenness_centralisation=self.number(m["betweenness_centralisation"]),
            ),
            figures={
                "density": m["density"],
                "mean_degree": mean_degree,
                "degree_centralisation": m["degree_centralisation"],
                "betweenness_centralisation": m["betweenness_centralisation"],
                "reciprocity": m["reciprocity"],
                "average_path_length": m["average_path_length"],
            },
        )

    def holders(self) -> Iterator[Finding]:
        if self.prep.n == 0:
            return
        order = sorted(range(self.prep.n), key=lambda i: (-self.metric(i, "betweenness"), i))
        chosen = [i for i in order[: self.top] if self.metric(i, "betweenness") > 0]
        if not chosen:
            yield Finding("insight.holders", t("insight.holders.title"), t("insight.holders.none"))
            return
        items = [t("insight.holders.item", name=self.name(i), value=self.with_error(i, "betweenness")) for i in chosen]
        yield Finding(
            key="insight.holders",
            title=t("insight.holders.title"),
            text=t("insight.holders.text", items=self.join(items)),
            figures={
                "actors": [
                    {
                        "id": self.prep.nodes[i],
                        "name": self.name(i),
                        "betweenness": self.metric(i, "betweenness"),
                        "betweenness_error": self.metric(i, "betweenness_error"),
                    }
                    for i in chosen
                ]
            },
            actors=self.ids(chosen),
        )

    def brokers(self) -> Iterator[Finding]:
        if self.prep.n == 0:
            return
        across = self.roles[:, 1] + self.roles[:, 2] + self.roles[:, 4]  # gatekeeper, representative, liaison
        order = sorted(range(self.prep.n), key=lambda i: (-int(across[i]), -int(self.roles[i, 4]), i))
        chosen = [i for i in order[: self.top] if across[i] > 0]
        if not chosen:
            yield Finding("insight.brokers", t("insight.brokers.title"), t("insight.brokers.none"))
            return
        counts = [dict(zip(ROLES, (int(c) for c in self.roles[i]), strict=True)) for i in chosen]
        items = [
            t(
                "insight.brokers.item",
                name=self.name(i),
                liaison=c["liaison"],
                gatekeeper=c["gatekeeper"],
                representative=c["representative"],
            )
            for i, c in zip(chosen, counts, strict=True)
        ]
        yield Finding(
            key="insight.brokers",
            title=t("insight.brokers.title"),
            text=t("insight.brokers.text", items=self.join(items)),
            figures={
                "actors": [
                    {"id": self.prep.nodes[i], "name": self.name(i), **c} for i, c in zip(chosen, counts, strict=True)
                ]
            },
            actors=self.ids(chosen),
        )

    def holes(self) -> Iterator[Finding]:
        # Actors with at least three contacts, lowest constraint first.
        degree = np.asarray(self.prep.flow_und.degree(), dtype=np.int64) if self.prep.n else np.zeros(0)
        candidates = [i for i in range(self.prep.n) if degree[i] >= 3]
        if not candidates:
            return
        chosen = sorted(candidates, key=lambda i: (self.burt[i]["constraint"], -degree[i], i))[: self.top]
        items = [
            t(
                "insight.holes.item",
                name=self.name(i),
                constraint=self.number(self.burt[i]["constraint"]),
                effective_size=self.number(self.burt[i]["effective_size"], 1),
            )
            for i in chosen
        ]
        yield Finding(
            key="insight.holes",
            title=t("insight.holes.title"),
            text=t("insight.holes.text", items=self.join(items)),
            figures={"actors": [{"id": self.prep.nodes[i], "name": self.name(i), **self.burt[i]} for i in chosen]},
            actors=self.ids(chosen),
        )

    def bridges(self) -> Iterator[Finding]:
        pairs = self.bridge_pairs
        # Leaves hanging off the map are bridges too; show the ties between bigger parts first.
        if not pairs:
            return
        degree = self.prep.neighbour_count
        pairs = sorted(pairs, key=lambda p: (-min(int(degree[p[0]]), int(degree[p[1]])), p))
        shown = pairs[: self.top]
        items = [t("insight.bridges.item", a=self.name(a), b=self.name(b)) for a, b in shown]
        yield Finding(
            key="insight.bridges",
            title=t("insight.bridges.title"),
            text=t("insight.bridges.text", count=len(pairs), items=self.join(items)),
            figures={"count": len(pairs), "pairs": [[self.prep.nodes[a], self.prep.nodes[b]] for a, b in shown]},
            actors=self.ids(sorted({x for p in shown for x in p})),
        )

    def communities(self) -> Iterator[Finding]:
        if self.prep.n == 0:
            return
        sizes = np.bincount(self.membership)
        groups = [c for c in range(len(sizes)) if sizes[c] >= 2]
        if len(groups) < 2:
            return
        degree = self.prep.tie_degree
        items = []
        figures = []
        for c in groups[:5]:
            members = np.flatnonzero(self.membership == c)
            leaders = sorted(members.tolist(), key=lambda i: (-self.metric(i, "betweenness"), -int(degree[i]), i))[:2]
            sectors = Counter(self.actor_sector(int(i)) for i in members)
            main = sectors.most_common(1)[0][0]
            items.append(t("insight.communities.item", size=int(sizes[c]), names=self.names(leaders), sector=main))
            figures.append({"community": c, "size": int(sizes[c]), "leaders": self.ids(leaders), "main_sector": main})
        yield Finding(
            key="insight.communities",
            title=t("insight.communities.title"),
            text=t(
                "insight.communities.text",
                count=len(groups),
                modularity=self.number(self.map["modularity"]),
                items=self.join(items),
            ),
            figures={"count": len(groups), "modularity": self.map["modularity"], "groups": figures},
        )

    def components(self) -> Iterator[Finding]:
        _membership, sizes = self.prep.components
        parts = int(np.count_nonzero(sizes >= 2))
        if parts < 2:
            return
        yield Finding(
            key="insight.components",
            title=t("insight.components.title"),
            text=t(
                "insight.components.text",
                count=parts,
                largest=self.map["largest_component"],
                actors=self.map["actors"],
            ),
            figures={"parts": parts, "largest": self.map["largest_component"], "sizes": sorted(sizes.tolist())[::-1]},
            severity="attention",
        )

    def isolated_actors(self) -> Iterator[Finding]:
        if not self.isolated:
            return
        yield Finding(
            key="insight.isolated",
            title=t("insight.isolated.title"),
            text=t("insight.isolated.text", count=len(self.isolated), names=self.names(self.isolated)),
            figures={"count": len(self.isolated), "names": [self.name(i) for i in self.isolated]},
            actors=self.ids(self.isolated),
            severity="attention",
        )

    def peripheral_actors(self) -> Iterator[Finding]:
        if not self.peripheral:
            return
        yield Finding(
            key="insight.peripheral",
            title=t("insight.peripheral.title"),
            text=t("insight.peripheral.text", count=len(self.peripheral), names=self.names(self.peripheral)),
            figures={"count": len(self.peripheral), "names": [self.name(i) for i in self.peripheral]},
            actors=self.ids(self.peripheral),
        )

    def sector_gaps(self) -> Iterator[Finding]:
        if not self.gaps:
            return
        shown = self.gaps[:5]
        items = [t("insight.gaps.item", a=self.sector(a), b=self.sector(b)) for a, b, _ in shown]
        yield Finding(
            key="insight.gaps",
            title=t("insight.gaps.title"),
            text=t("insight.gaps.text", count=len(self.gaps), items="; ".join(items)),
            figures={
                "count": len(self.gaps),
                "gaps": [
                    {"sectors": [a, b], "labels": [self.sector(a), self.sector(b)], "expected_ties": e}
                    for a, b, e in shown
                ],
            },
            severity="attention",
        )

    def conflict(self) -> Iterator[Finding]:
        m, b = self.map, self.balance
        if m["ties"] == 0:
            return
        if m["negative_ties"] == 0:
            yield Finding("insight.conflict", t("insight.conflict.title"), t("insight.conflict.none"))
            return
        text = t(
            "insight.conflict.text",
            negative=m["negative_ties"],
            ties=m["ties"],
            share=self.percent(m["negative_ties"] / m["ties"]),
            triads=b["triads"],
            unbalanced=b["unbalanced"],
            unbalanced_share=self.percent(b["unbalanced_share"]),
        )
        if b["ambivalent_pairs"]:
            text += " " + t("insight.conflict.ambivalent", count=b["ambivalent_pairs"])
        involved = sorted(
            {int(i) for i in np.concatenate((self.prep.src, self.prep.dst))[np.tile(self.prep.sign < 0, 2)]}
        )
        yield Finding(
            key="insight.conflict",
            title=t("insight.conflict.title"),
            text=text,
            figures={
                "negative_ties": m["negative_ties"],
                "ties": m["ties"],
                **m["balance"],
            },
            actors=self.ids(involved),
            severity="attention",
        )

    def polarised_camps(self) -> Iterator[Finding]:
        if len(self.camps) < 2:
            return
        large, small = self.camps[0], self.camps[1]
        degree = self.prep.tie_degree
        large_top = sorted(large, key=lambda i: (-int(degree[i]), i))
        yield Finding(
            key="insight.camps",
            title=t("insight.camps.title"),
            text=t(
                "insight.camps.text",
                small_count=len(small),
                small_names=self.names(small),
                large_count=len(large),
                large_names=self.names(large_top, limit=3),
                frustration=self.map["frustration"],
                pairs=self.balance["pairs"],
            ),
            figures={
                "sizes": [len(c) for c in self.camps],
                "camps": [self.ids(c) for c in self.camps],
                "frustration": self.map["frustration"],
                "pairs": self.balance["pairs"],
            },
            actors=self.ids(small),
            severity="attention",
        )

    def missing_links(self) -> Iterator[Finding]:
        if not self.suggestions:
            if self.prep.n >= 3:
                yield Finding("insight.links", t("insight.links.title"), t("insight.links.none"))
            return
        items = []
        index = self.prep.index
        for s in self.suggestions:
            via = [index[v] for v in s.figures["via"]]
            sectors = s.figures.get("sectors") or ["", ""]
            items.append(
                t(
                    s.reason,
                    a=self.name(index[s.source]),
                    b=self.name(index[s.target]),
                    via=self.names(via),
                    sector_a=self.sector(sectors[0]),
                    sector_b=self.sector(sectors[1]),
                )
            )
        yield Finding(
            key="insight.links",
            title=t("insight.links.title"),
            text=t("insight.links.text", items="; ".join(items)),
            figures={
                "suggestions": [
                    {"source": s.source, "target": s.target, "score": s.score, "reason": s.reason, **s.figures}
                    for s in self.suggestions
                ]
            },
            actors=sorted({a for s in self.suggestions for a in (s.source, s.target)}, key=lambda a: index[a]),
        )

    def power_interest(self) -> Iterator[Finding]:
        counts = Counter(q for q in self.quadrants if q)
        if not counts:
            return
        unknown = sum(1 for q in self.quadrants if q is None)
        closely = [i for i, q in enumerate(self.quadrants) if q == "manage_closely"]
        text = t(
            "insight.quadrants.text",
            names=self.names(closely),
            manage_closely=counts.get("manage_closely", 0),
            keep_satisfied=counts.get("keep_satisfied", 0),
            keep_informed=counts.get("keep_informed", 0),
            monitor=counts.get("monitor", 0),
        )
        if unknown:
            text += " " + t("insight.quadrants.unknown", count=unknown)
        yield Finding(
            key="insight.quadrants",
            title=t("insight.quadrants.title"),
            text=text,
            figures={**{q: counts.get(q, 0) for q in QUADRANTS}, "unknown": unknown},
            actors=self.ids(closely),
        )

    def salient(self) -> Iterator[Finding]:
        definitive = [i for i, s in enumerate(self.salience) if s == "definitive"]
        dangerous = [i for i, s in enumerate(self.salience) if s == "dangerous"]
        if definitive:
            text = t("insight.salience.text", count=len(definitive), names=self.names(definitive))
        else:
            text = t("insight.salience.none")
        if dangerous:
            text += " " + t("insight.salience.dangerous", count=len(dangerous), names=self.names(dangerous))
        counts = Counter(self.salience)
        yield Finding(
            key="insight.salience",
            title=t("insight.salience.title"),
            text=text,
            figures={"classes": dict(counts), "definitive": self.ids(definitive), "dangerous": self.ids(dangerous)},
            actors=self.ids(definitive + dangerous),
            severity="attention" if dangerous else "info",
        )


def _sector_labels() -> dict[str, str]:
    from nsc_workshop.datasets import labels

    return labels("sectors")
