"""Compare the actor maps of two library records: actors matched by name, and each map's key figures."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from nsc_workshop.analysis.compare import COMPARE_METRICS
from nsc_workshop.errors import NscWorkshopError
from nsc_workshop.i18n import t
from nsc_workshop.library import Library, LibraryRecord
from nsc_workshop.widgets._html import error_html, esc, message_html
from nsc_workshop.widgets._panel import View, library_changes

__all__ = ["LibraryCompare", "compare_records", "side_by_side_html"]

KEY_FIGURES = ("actors", "ties", "negative_ties", "density", "components", "isolated")


def _graph(record: LibraryRecord, prefix: str) -> Any:
    """The record's map as a graph whose actor ids are prefixed, so two records' actors match by name only."""
    import networkx as nx

    from nsc_workshop.graph import to_networkx

    graph = to_networkx(record.to_workshop())
    return nx.relabel_nodes(graph, {node: f"{prefix}:{node}" for node in graph.nodes})


def compare_records(first: LibraryRecord, second: LibraryRecord, metric: str = "betweenness") -> Any:
    """:func:`~nsc_workshop.analysis.compare_maps` of two records' maps (``first`` as before).

    Actors are matched by name only: two records' ids (``act_001``...) say nothing about each other.
    """
    from nsc_workshop.analysis import compare_maps

    return compare_maps(_graph(first, "a"), _graph(second, "b"), metric=metric)


def side_by_side_html(comparison: Any, first: str, second: str) -> str:
    """Two maps side by side: the actors only in A, only in B and in both, the ties likewise, who is more central.

    ``first`` and ``second`` name the maps ("A: Varnholm, 2025"); two cities'
    maps are not one map before and after, so nothing is "added" or "removed".
    """
    names = comparison.names
    metric = t(f"compare.metric.{comparison.metric}", default=comparison.metric)

    def listed(ids: list[str]) -> str:
        shown = sorted((names.get(i, i) for i in ids), key=str.lower)
        return esc(", ".join(shown)) if shown else "&ndash;"

    def moves(rows: list[tuple[str, float, float, float]]) -> str:
        return ", ".join(f"{esc(names.get(a, a))} ({b:.3f} &rarr; {c:.3f})" for a, b, c, _d in rows) or "&ndash;"

    both = [comparison.matched[k] for k in comparison.matched]
    ties_first, ties_second = len(comparison.ties_removed), len(comparison.ties_added)
    rows = [
        ("only_a", t("controls.compare.only_in", map=first), listed(comparison.actors_removed)),
        ("only_b", t("controls.compare.only_in", map=second), listed(comparison.actors_added)),
        ("both", t("controls.compare.in_both"), listed(both)),
        ("ties_a", t("controls.compare.ties_only_in", map=first), esc(t("controls.compare.ties", count=ties_first))),
        (
            "ties_b",
            t("controls.compare.ties_only_in", map=second),
            esc(t("controls.compare.ties", count=ties_second)),
        ),
        ("higher", t("controls.compare.higher_in", metric=metric, map=second), moves(comparison.rose)),
        ("lower", t("controls.compare.lower_in", metric=metric, map=second), moves(comparison.fell)),
    ]
    body = "".join(
        f"<tr data-row='{key}'><th scope='row' style='text-align:left;padding:3px 1em 3px 0;vertical-align:top'>"
        f"{esc(label)}</th><td style='padding:3px 0'>{value}</td></tr>"
        for key, label, value in rows
    )
    return f"<table class='nsc-map-comparison nsc-side-by-side'><tbody>{body}</tbody></table>"


def record_label(record: LibraryRecord, letter: str) -> str:
    """``"A: Varnholm, 2025"``: the letter, the city and the year of a record."""
    year = f", {record.year}" if record.year else ""
    return f"{letter}: {record.city}{year}"


def _figure(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


class LibraryCompare(View):
    """Pick two records; see the actors only one map has, the ties, who is more central, and key figures."""

    def __init__(self, library: Library, audience: str = "network") -> None:
        self.library = library
        self.audience = audience
        style = {"description_width": "6em"}
        self.first = widgets.Dropdown(
            description=t("controls.compare.map", letter="A"), style=style, layout=widgets.Layout(width="40em")
        )
        self.second = widgets.Dropdown(
            description=t("controls.compare.map", letter="B"), style=style, layout=widgets.Layout(width="40em")
        )
        self.first.add_class("nsc-compare-first")
        self.second.add_class("nsc-compare-second")
        self.metric = widgets.Dropdown(
            options=[(t(f"compare.metric.{m}"), m) for m in COMPARE_METRICS],
            value="betweenness",
            description=t("compare.metric"),
            style=style,
        )
        self.compare_button = widgets.Button(
            description=t("library.app.compare.run"),
            icon="exchange",
            button_style="primary",
            layout=widgets.Layout(width="auto", align_self="flex-start"),
        )
        self.compare_button.on_click(lambda _: self.compare())
        self.message = widgets.HTML()
        self.result = widgets.HTML()
        self.result.add_class("nsc-library-comparison")
        self.comparison: Any = None
        super().__init__([self.first, self.second, self.metric, self.compare_button, self.message, self.result])
        self.add_class("nsc-library-compare")
        self.refresh()
        self.follow(library_changes(library).subscribe)

    def refresh(self) -> None:
        """The records to choose from (after one is published)."""
        super().refresh()
        options = [
            (f"{h.title} ({h.city}{f', {h.year}' if h.year else ''})", h.id)
            for h in self.library.search("", limit=None, audience=self.audience)
        ]
        for dropdown in (self.first, self.second):
            if list(dropdown.options) != options:
                current = dropdown.value
                dropdown.options = options
                values = [v for _l, v in options]
                dropdown.value = current if current in values else (values[0] if values else None)
        if len(options) > 1 and self.first.value == self.second.value:
            self.second.value = next(v for _l, v in options if v != self.first.value)

    def choose(self, first: str, second: str) -> Any:
        """Select two records and compare them."""
        self.refresh()
        self.first.value, self.second.value = first, second
        return self.compare()

    def compare(self) -> Any:
        if not self.first.value or not self.second.value:
            self.message.value = message_html("info", t("library.app.compare.choose"))
            return None
        try:
            first, second = self.library.get(self.first.value), self.library.get(self.second.value)
        except NscWorkshopError as exc:
            self.message.value = error_html(exc)
            return None
        self.message.value = ""
        comparison = compare_records(first, second, metric=self.metric.value)
        self.comparison = comparison
        a, b = record_label(first, "A"), record_label(second, "B")
        head = "".join(
            f"<th style='text-align:left;padding-right:1em'>{esc(x)}</th>"
            for x in ("", f"{a} — {first.title}", f"{b} — {second.title}")
        )
        rows = "".join(
            f"<tr><th style='text-align:left;padding-right:1em'>{esc(t(f'library.app.figure.{k}'))}</th>"
            f"<td>{esc(_figure(comparison.map_before.get(k, '')))}</td>"
            f"<td>{esc(_figure(comparison.map_after.get(k, '')))}</td></tr>"
            for k in KEY_FIGURES
        )
        shared = len(comparison.matched)
        title = t("library.app.compare.title", first=first.title, second=second.title)
        self.result.value = (
            f"<h4>{esc(title)}</h4>"
            f"<p>{esc(t('library.app.compare.note', shared=shared))}</p>"
            f"<table class='nsc-key-figures'><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
            f"<h4>{esc(t('controls.compare.heading', first=a, second=b))}</h4>"
            f"{side_by_side_html(comparison, a, b)}"
        )
        return comparison
