"""Across cities: Blueprint coverage, recurring actors, merge review, idea themes and the alliance-wide map."""

from __future__ import annotations

from collections.abc import Iterable

import ipywidgets as widgets

from nsc_workshop.datasets import labels
from nsc_workshop.i18n import t
from nsc_workshop.library import Library
from nsc_workshop.library.aggregate import (
    ActorMatch,
    AllianceMap,
    IdeaTheme,
    MergeSuggestion,
    RecurringActor,
    alliance_map,
    coverage,
    idea_themes,
    match_actors,
    merge_suggestions,
    recurring_actors,
)
from nsc_workshop.widgets._html import esc, local_percent, message_html, table_html
from nsc_workshop.widgets._panel import View, figure_png, library_changes

__all__ = ["LibraryAggregate"]

MERGES_SHOWN = 20
ACTORS_SHOWN = 40


def _names(ids: Iterable[str], names: dict[str, str]) -> str:
    """Ids (sectors) by their names in the page's language, joined."""
    return ", ".join(names.get(i, i) for i in ids)


class LibraryAggregate(View):
    """What the library says across cities. ``secretariat`` adds the merge review (reviewers' decisions).

    Nothing is computed until :meth:`refresh` (the app calls it when the tab opens).
    """

    def __init__(self, library: Library, *, secretariat: bool = False, audience: str = "network") -> None:
        self.library = library
        self.secretariat = secretariat
        self.audience = audience
        self._match: ActorMatch | None = None
        self.by = widgets.ToggleButtons(
            options=[(t(f"library.app.by.{b}"), b) for b in ("city", "country", "year")],
            value="city",
            description=t("library.app.aggregate.by"),
        )
        self.by.observe(lambda _c: self.draw_coverage(), names="value")
        self.coverage_image = widgets.Image(format="png", layout=widgets.Layout(max_width="900px", display="none"))
        self.coverage_image.add_class("nsc-coverage-chart")
        self.actors_html = widgets.HTML()
        self.actors_html.add_class("nsc-recurring-actors")
        self.merge_list = widgets.VBox()
        self.merge_list.add_class("nsc-merge-review")
        self.merge_message = widgets.HTML()
        self.themes_html = widgets.HTML()
        self.themes_html.add_class("nsc-idea-themes")
        self.only_recurring = widgets.Checkbox(
            value=True, description=t("library.app.alliance.only_recurring"), indent=False
        )
        self.only_recurring.observe(lambda _c: self.draw_alliance(), names="value")
        self.alliance_counts = widgets.HTML()
        self.alliance_counts.add_class("nsc-alliance-counts")
        self.alliance_image = widgets.Image(format="png", layout=widgets.Layout(max_width="900px", display="none"))
        self.alliance: AllianceMap | None = None
        self.suggestions: list[MergeSuggestion] = []
        self.actors: list[RecurringActor] = []
        self.themes: list[IdeaTheme] = []

        def heading(key: str) -> widgets.HTML:
            return widgets.HTML(f"<h3>{esc(t(key))}</h3>")

        parts: list[widgets.Widget] = [
            heading("library.app.aggregate.coverage"),
            self.by,
            self.coverage_image,
            heading("library.app.aggregate.actors"),
            self.actors_html,
        ]
        if secretariat:
            parts += [heading("library.app.aggregate.merges"), self.merge_message, self.merge_list]
        parts += [
            heading("library.app.aggregate.themes"),
            self.themes_html,
            heading("library.app.aggregate.alliance"),
            self.only_recurring,
            self.alliance_counts,
            self.alliance_image,
        ]
        super().__init__(parts)
        self.add_class("nsc-library-aggregate")
        self.follow(library_changes(library).subscribe)

    @property
    def match(self) -> ActorMatch:
        """The actors matched once (after each refresh and each decision), read by every list and the map."""
        if self._match is None:
            self._match = match_actors(self.library, audience=self.audience)
        return self._match

    def refresh(self) -> None:
        """Compute and draw everything again."""
        super().refresh()
        self._match = None
        self.draw_coverage()
        self.show_actors()
        if self.secretariat:
            self.show_merges()
        self.show_themes()
        self.draw_alliance()

    def draw_coverage(self) -> None:
        from nsc_workshop.plots.coverage import coverage_chart

        data = coverage(self.library, self.by.value, audience=self.audience)
        title = t("library.app.chart.title_by", by=t(f"library.app.by.{self.by.value}").lower())
        self.coverage_image.value = figure_png(coverage_chart(data, title=title))
        self.coverage_image.layout.display = ""  # hidden until drawn: no broken picture meanwhile

    def show_actors(self) -> None:
        self.actors = recurring_actors(self.library, audience=self.audience, match=self.match)
        if not self.actors:
            self.actors_html.value = message_html("info", t("library.app.actors.none"))
            return
        sector_names = labels("sectors")  # a sector by its name in the page's language, never its id
        rows = [
            [a.label, len(a.records), ", ".join(a.cities), ", ".join(a.names), _names(a.sectors, sector_names)]
            for a in self.actors[:ACTORS_SHOWN]
        ]
        header = [
            t("library.app.col.name"),
            t("library.app.col.records"),
            t("library.app.col.cities"),
            t("library.app.col.spellings"),
            t("library.app.col.sector"),
        ]
        self.actors_html.value = table_html(header, rows, "nsc-recurring-actors-table")

    def show_merges(self) -> None:
        self.suggestions = merge_suggestions(self.library, audience=self.audience, match=self.match)
        rows: list[widgets.Widget] = []
        for suggestion in self.suggestions[:MERGES_SHOWN]:
            similarity = local_percent(suggestion.score)
            text = widgets.HTML(
                f"<span>{esc(suggestion.a_name)}</span> ↔ <span>{esc(suggestion.b_name)}</span> "
                f"<small>({esc(suggestion.place)} · "
                f"{esc(t('library.app.merge.score', score=similarity, records=suggestion.records))})</small>"
            )
            same = widgets.Button(description=t("library.app.merge.same"), button_style="success", icon="link")
            different = widgets.Button(description=t("library.app.merge.different"), icon="unlink")
            same.on_click(lambda _b, s=suggestion: self.decide(s, True))
            different.on_click(lambda _b, s=suggestion: self.decide(s, False))
            row = widgets.HBox([same, different, text])
            row.add_class("nsc-merge-row")
            rows.append(row)
        if not rows:
            rows = [widgets.HTML(message_html("info", t("library.app.merge.none")))]
        elif len(self.suggestions) > MERGES_SHOWN:
            rows.append(
                widgets.HTML(f"<p>{esc(t('library.app.merge.more', count=len(self.suggestions) - MERGES_SHOWN))}</p>")
            )
        old = self.merge_list.children
        self.merge_list.children = rows
        for widget in old:
            for child in getattr(widget, "children", ()):
                child.close()
            widget.close()

    def decide(self, suggestion: MergeSuggestion, same: bool) -> None:
        """Store the reviewer's decision; the lists and the map follow it."""
        self.library.decide(suggestion.a, suggestion.b, same)
        self._match = None
        key = "library.app.merge.merged" if same else "library.app.merge.split"
        self.merge_message.value = message_html("ok", t(key, a=suggestion.a_name, b=suggestion.b_name))
        self.show_merges()
        self.show_actors()
        self.draw_alliance()

    def show_themes(self) -> None:
        self.themes = idea_themes(self.library, audience=self.audience)
        if not self.themes:
            self.themes_html.value = message_html("info", t("library.app.themes.none"))
            return
        rows = [
            [
                th.theme,
                t(f"library.app.themes.source.{th.source}"),
                ", ".join(th.cities),
                th.records,
                th.votes,
                " / ".join(th.examples),
            ]
            for th in self.themes
        ]
        header = [
            t("library.app.col.theme"),
            t("library.app.col.found_by"),
            t("library.app.col.cities"),
            t("library.app.col.records"),
            t("library.app.col.votes"),
            t("library.app.col.examples"),
        ]
        self.themes_html.value = table_html(header, rows, "nsc-idea-themes-table")

    def draw_alliance(self) -> None:
        from nsc_workshop.plots import network_map

        self.alliance = alliance_map(
            self.library, audience=self.audience, min_records=2 if self.only_recurring.value else 1, match=self.match
        )
        graph = self.alliance.graph
        counts = t("library.app.alliance.counts", nodes=graph.number_of_nodes(), edges=graph.number_of_edges())
        self.alliance_counts.value = f"<p>{esc(counts)}</p>"
        figure = network_map(graph, size_by="degree", title=t("library.app.alliance.title"))
        self.alliance_image.value = figure_png(figure)
        self.alliance_image.layout.display = ""
