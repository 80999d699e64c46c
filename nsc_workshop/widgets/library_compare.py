"""Compare the actor maps of two library records: actors matched by name, and each map's key figures."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from nsc_workshop.analysis.compare import COMPARE_METRICS
from nsc_workshop.errors import NscWorkshopError
from nsc_workshop.i18n import t
from nsc_workshop.library import Library, LibraryRecord
from nsc_workshop.widgets._html import error_html, esc, message_html

__all__ = ["LibraryCompare", "compare_records"]

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


def _figure(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


class LibraryCompare(widgets.VBox):
    """Pick two records; see the actors only one map has, the ties, who is more central, and key figures."""

    def __init__(self, library: Library, audience: str = "network") -> None:
        self.library = library
        self.audience = audience
        style = {"description_width": "6em"}
        self.first = widgets.Dropdown(
            description=t("library.app.compare.first"), style=style, layout=widgets.Layout(width="40em")
        )
        self.second = widgets.Dropdown(
            description=t("library.app.compare.second"), style=style, layout=widgets.Layout(width="40em")
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
            description=t("library.app.compare.run"), icon="exchange", button_style="primary"
        )
        self.compare_button.on_click(lambda _: self.compare())
        self.message = widgets.HTML()
        self.result = widgets.HTML()
        self.result.add_class("nsc-library-comparison")
        self.comparison: Any = None
        super().__init__([self.first, self.second, self.metric, self.compare_button, self.message, self.result])
        self.add_class("nsc-library-compare")
        self.refresh()

    def refresh(self) -> None:
        """The records to choose from (after one is published)."""
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
        head = "".join(
            f"<th style='text-align:left;padding-right:1em'>{esc(x)}</th>"
            for x in ("", f"{first.title} ({first.city})", f"{second.title} ({second.city})")
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
            f"<h4>{esc(t('library.app.compare.changes', first=first.city, second=second.city))}</h4>"
            f"{comparison._repr_html_()}"
        )
        return comparison
