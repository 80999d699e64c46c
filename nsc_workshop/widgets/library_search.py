"""Search the secretariat library: words, filters, and a list of results to open."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from nsc_workshop.errors import NscWorkshopError
from nsc_workshop.i18n import t
from nsc_workshop.library import Library, SearchHit
from nsc_workshop.widgets._html import error_html, esc, message_html
from nsc_workshop.widgets._panel import View, library_changes
from nsc_workshop.widgets.date_field import DateField
from nsc_workshop.widgets.library_record import area_label, prevention_label

__all__ = ["LibrarySearch", "hit_html"]

LIMIT = 50
"""Results shown at most (the count says how many matched)."""

FILTER_NAMES = ("city", "country", "area", "prevention", "status", "evidence")


def relevance(score: float, best: float) -> str:
    """How well a result matches, in words, against the best result of the same search.

    >>> relevance(2.8, 2.8), relevance(1.2, 2.8), relevance(0.3, 2.8)
    ('strong match', 'good match', 'partial match')
    """
    share = score / best if best > 0 else 0.0
    return t("look.search.strong" if share >= 0.75 else "look.search.good" if share >= 0.4 else "look.search.partial")


def hit_html(hit: SearchHit, *, show_score: bool = True, best: float | None = None) -> str:
    """A result's text: title, city and year, status, areas, snippet and how well it matches, all escaped.

    The match is said in words (compared with ``best``, the first result's
    score) and by the query words it matched, never as a raw score.
    """
    place = f"{hit.city}, {hit.year}" if hit.year else hit.city
    areas = ", ".join(area_label(a) for a in hit.areas)
    status = t(f"library.status.{hit.status}")
    score = ""
    if show_score and hit.score:
        words = t("look.search.matched", words=", ".join(hit.matched)) if hit.matched else ""
        score = " · " + esc(relevance(hit.score, best or hit.score)) + (f" ({esc(words)})" if words else "")
    return (
        f"<div class='nsc-library-hit-text'><strong>{esc(hit.title)}</strong>"
        f"<br><small>{esc(place)} · {esc(status)} · {esc(areas)}{score}</small>"
        f"<br><span style='color:#444'>{esc(hit.snippet)}</span></div>"
    )


def _label(name: str, value: Any) -> str:
    if name == "area":
        return area_label(str(value))
    if name == "prevention":
        return prevention_label(str(value))
    if name == "status":
        return t(f"library.status.{value}")
    if name == "evidence":
        return t(f"library.evidence.{value}")
    return str(value)


class LibrarySearch(View):
    """A search box, filters (each "any" by default) and the results, each with an "Open" button.

    Typing searches when Enter is pressed (or the box is left) or on the
    button; a filter searches as soon as it changes.
    """

    def __init__(
        self, library: Library, on_open: Callable[[str], Any] | None = None, audience: str = "network"
    ) -> None:
        self.library = library
        self.audience = audience
        self._on_open = on_open
        self.hits: list[SearchHit] = []
        self.opened: str | None = None
        self.query = widgets.Text(
            placeholder=t("library.app.search.placeholder"),
            continuous_update=False,
            layout=widgets.Layout(width="36em"),
        )
        self.query.add_class("nsc-library-query")
        self.search_button = widgets.Button(
            description=t("library.app.search.run"), icon="search", button_style="primary"
        )
        self.search_button.on_click(lambda _: self.search())
        self.query.observe(lambda _c: self.search(), names="value")
        self.filters: dict[str, widgets.Dropdown] = {}
        for name in FILTER_NAMES:
            dropdown = widgets.Dropdown(
                description=t(f"library.app.filter.{name}"),
                style={"description_width": "8em"},
                layout=widgets.Layout(width="24em"),
            )
            dropdown.add_class(f"nsc-filter-{name}")
            dropdown.observe(lambda _c: self.search(), names="value")
            self.filters[name] = dropdown
        self.since = DateField(description=t("library.app.filter.since"), style={"description_width": "8em"})
        self.until = DateField(description=t("library.app.filter.until"), style={"description_width": "8em"})
        for picker in (self.since, self.until):
            picker.observe(lambda _c: self.search(), names="value")
        self.clear_button = widgets.Button(description=t("library.app.search.clear"), icon="times")
        self.clear_button.on_click(lambda _: self.clear())
        self.count = widgets.HTML()
        self.count.add_class("nsc-library-count")
        self.message = widgets.HTML()
        self.results = widgets.VBox()
        self.results.add_class("nsc-library-results")
        filters = list(self.filters.values())
        grid = widgets.GridBox(
            [*filters, self.since, self.until, self.clear_button],
            layout=widgets.Layout(grid_template_columns="repeat(3, 25em)", grid_gap="2px 8px"),
        )
        with self.syncing():
            self.refresh_choices()
        super().__init__([widgets.HBox([self.query, self.search_button]), grid, self.message, self.count, self.results])
        self.add_class("nsc-library-search")
        self.search()
        self.follow(library_changes(library).subscribe)

    def refresh(self) -> None:
        """After a record is published: the filters' values, then the search again."""
        super().refresh()
        self.refresh_choices()
        self.search()

    def refresh_choices(self) -> None:
        """Fill the filters with the values the library holds (after a record is published)."""
        choices = self.library.choices()
        with self.syncing():
            for name, dropdown in self.filters.items():
                options = [(t("library.app.any"), "")] + [(_label(name, v), str(v)) for v in choices.get(name, [])]
                if list(dropdown.options) != options:
                    current = dropdown.value
                    dropdown.options = options
                    dropdown.value = current if current in {v for _l, v in options} else ""

    def filter_values(self) -> dict[str, Any]:
        values: dict[str, Any] = {name: d.value for name, d in self.filters.items() if d.value}
        for name, picker in (("since", self.since), ("until", self.until)):
            if isinstance(picker.value, dt.date):
                values[name] = picker.value
        return values

    def search(self) -> list[SearchHit]:
        """Run the search with the box and the filters; show the count and the results."""
        if self.syncing:
            return self.hits
        try:
            found = self.library.search(
                self.query.value.strip(), limit=None, audience=self.audience, **self.filter_values()
            )
        except NscWorkshopError as exc:
            self.message.value = error_html(exc)
            return self.hits
        self.message.value = ""
        self.hits = found
        if not found:
            self.count.value = message_html("info", t("library.app.search.none"))
        else:
            self.count.value = f"<p>{esc(t('library.app.search.count', count=len(found)))}</p>"
        rows: list[widgets.Widget] = []
        for hit in found[:LIMIT]:
            button = widgets.Button(
                description=t("library.app.open"),
                icon="folder-open",
                layout=widgets.Layout(width="auto", flex="0 0 auto"),
            )
            button.on_click(lambda _b, rid=hit.id: self.open_record(rid))
            text = hit_html(hit, show_score=bool(self.query.value.strip()), best=found[0].score)
            row = widgets.HBox([button, widgets.HTML(text)], layout=widgets.Layout(align_items="flex-start"))
            row.add_class("nsc-library-hit")
            rows.append(row)
        if len(found) > LIMIT:
            rows.append(widgets.HTML(f"<p>{esc(t('library.app.search.more', count=len(found) - LIMIT))}</p>"))
        old = self.results.children
        self.results.children = rows
        for widget in old:
            _close(widget)
        return found

    def clear(self) -> None:
        """Empty the box and set every filter back to "any"."""
        with self.syncing():
            self.query.value = ""
            for dropdown in self.filters.values():
                dropdown.value = ""
            self.since.value = None
            self.until.value = None
        self.search()

    def open_record(self, record_id: str) -> None:
        self.opened = record_id
        if self._on_open is not None:
            self._on_open(record_id)


def _close(widget: widgets.Widget) -> None:
    for child in getattr(widget, "children", ()):
        _close(child)
    widget.close()
