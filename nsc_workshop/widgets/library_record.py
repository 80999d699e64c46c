"""A library record's page: every section of the record, its similar cases, and "compare maps with…"."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import ipywidgets as widgets

from nsc_workshop.errors import NscWorkshopError
from nsc_workshop.i18n import t
from nsc_workshop.library import Library, LibraryRecord, SimilarCase
from nsc_workshop.widgets._html import error_html, esc, message_html, table_html

__all__ = ["LibraryRecordView", "area_label", "prevention_label", "record_html"]


def area_label(area: str) -> str:
    """A Blueprint area's translated label."""
    from nsc_workshop.datasets import labels

    return labels("blueprint_areas").get(area, area)


def prevention_label(level: str) -> str:
    return t(f"framing.prevention.{level}", default=level)


def _section(title: str, body: str, key: str) -> tuple[str, str, str]:
    """``(key, title, html)``; the html is empty when the section has nothing to show."""
    if not body:
        return key, title, ""
    html = f"<section class='nsc-record-section' data-section='{esc(key)}'><h4>{esc(title)}</h4>{body}</section>"
    return key, title, html


def _para(value: str) -> str:
    return f"<p style='white-space:pre-wrap'>{esc(value)}</p>" if value else ""


def _items(values: Iterable[str]) -> str:
    rows = "".join(f"<li>{esc(v)}</li>" for v in values if v)
    return f"<ul>{rows}</ul>" if rows else ""


def _pairs(rows: list[tuple[str, str]]) -> str:
    shown = [(k, v) for k, v in rows if v]
    if not shown:
        return ""
    body = "".join(
        f"<tr><th style='text-align:left;padding-right:1em'>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in shown
    )
    return f"<table>{body}</table>"


def record_html(record: LibraryRecord) -> str:
    """The whole record as HTML, every text escaped (nothing a participant typed is read as HTML)."""
    parts = [f"<h3 class='nsc-record-title'>{esc(record.title)}</h3>"]
    parts += [html for _key, _title, html in record_sections(record)]
    return f"<div class='nsc-record' data-record='{esc(record.id)}'>{''.join(parts)}</div>"


def record_sections(record: LibraryRecord) -> list[tuple[str, str, str]]:
    """``(key, title, html)`` of each section of the record that has something to show, in order."""
    from nsc_workshop.plots._common import sector_label

    dates = " – ".join(str(d) for d in (record.start_date, record.end_date) if d)
    role_counts = ", ".join(
        f"{t(f'library.role.{k}', default=k)}: {v}" for k, v in sorted(record.participants_by_role.items())
    )
    sector_counts = ", ".join(f"{sector_label(k)}: {v}" for k, v in sorted(record.participants_by_sector.items()))
    parts = [
        _section(t("library.app.section.summary"), _para(record.summary), "summary"),
        _section(
            t("library.app.section.place"),
            _pairs(
                [
                    (t("library.field.place"), f"{record.city}, {record.country}"),
                    (t("library.field.dates"), dates),
                    (t("library.app.field.language"), _language_name(record.language)),
                ]
            ),
            "place",
        ),
        _section(
            t("library.app.section.areas"),
            _pairs(
                [
                    (t("library.app.field.areas"), ", ".join(area_label(a) for a in record.blueprint_areas)),
                    (
                        t("library.app.field.prevention"),
                        ", ".join(prevention_label(p) for p in record.prevention_levels),
                    ),
                    (t("library.app.field.tags"), ", ".join(record.tags)),
                ]
            ),
            "areas",
        ),
        _section(
            t("library.app.section.status"),
            _pairs(
                [
                    (t("library.field.status"), t(f"library.status.{record.status}")),
                    (t("library.field.evidence"), t(f"library.evidence.{record.evidence}")),
                    (t("library.app.field.contact"), record.contact_role),
                    (t("library.app.field.licence"), record.licence),
                ]
            ),
            "status",
        ),
        _section(
            t("library.app.section.lineage"),
            _pairs(
                [
                    (t("library.app.field.record_id"), record.id),
                    (t("library.app.field.version"), str(record.version)),
                    (t("library.app.field.published"), record.published_at.isoformat(timespec="minutes")),
                    (t("library.app.field.sensitivity"), t(f"sensitivity.{record.sensitivity}")),
                    (t("library.app.field.derived_from"), record.derived_from or ""),
                ]
            ),
            "lineage",
        ),
        _section(
            t("library.app.section.participation"),
            _pairs(
                [
                    (t("library.app.field.by_role"), role_counts),
                    (t("library.app.field.by_sector"), sector_counts),
                    (t("library.app.field.recruitment"), record.recruitment),
                ]
            ),
            "participation",
        ),
        _section(
            t("library.app.section.framing"),
            _pairs(
                [
                    (t("library.app.field.problem"), record.problem_statement),
                    (
                        t("library.app.field.wickedness"),
                        "" if record.wickedness is None else f"{record.wickedness} / 20",
                    ),
                    (t("library.app.field.pov"), record.point_of_view),
                    (t("library.app.field.chosen_hmw"), record.chosen_hmw),
                    (t("library.app.field.goal"), record.long_term_goal),
                ]
            )
            + _labelled(t("library.app.field.causes"), record.causes)
            + _labelled(t("library.app.field.effects"), record.effects)
            + _labelled(t("library.app.field.hmw"), record.how_might_we)
            + _labelled(t("library.app.field.questions"), record.sprint_questions),
            "framing",
        ),
        _section(
            t("library.app.section.actors", actors=len(record.actors), ties=len(record.ties)),
            table_html(
                [
                    t("library.app.col.name"),
                    t("library.app.col.kind"),
                    t("library.app.col.sector"),
                    t("library.app.col.level"),
                    t("library.app.col.influence"),
                    t("library.app.col.interest"),
                    t("library.app.col.stance"),
                ],
                [
                    [
                        a.name,
                        a.kind,
                        sector_label(a.sector) if a.sector else "",
                        a.level,
                        a.influence,
                        a.interest,
                        a.stance,
                    ]
                    for a in record.actors
                ],
                "nsc-record-actors",
            ),
            "actors",
        ),
        _section(
            t("library.app.section.concept"),
            _para(record.chosen_concept)
            + _pairs(
                [
                    (t("library.app.field.rationale"), record.decision_rationale),
                    (t("library.app.field.prototype"), record.prototype),
                ]
            ),
            "concept",
        ),
        _section(
            t("library.app.section.ideas"),
            table_html(
                [t("library.app.col.idea"), t("library.app.col.theme"), t("library.app.col.votes")],
                [
                    [("★ " if i.chosen else "") + i.text, i.theme, i.votes]
                    for i in sorted(record.ideas, key=lambda i: (-i.votes, i.id))
                ],
                "nsc-record-ideas",
            ),
            "ideas",
        ),
        _section(
            t("library.app.section.toc"),
            table_html(
                [t("library.app.col.level"), t("library.app.col.text")],
                [[x.level, x.text] for x in record.theory_of_change],
            ),
            "toc",
        ),
        _section(
            t("library.app.section.indicators"),
            table_html(
                [
                    t("library.app.col.indicator"),
                    t("library.app.col.baseline"),
                    t("library.app.col.target"),
                    t("library.app.col.source"),
                ],
                [[i.name, i.baseline, i.target, i.data_source] for i in record.indicators],
            ),
            "indicators",
        ),
        _section(
            t("library.app.section.actions"),
            table_html(
                [
                    t("library.app.col.action"),
                    t("library.app.col.objective"),
                    t("library.app.col.lead"),
                    t("library.app.col.timescale"),
                    t("library.app.col.outcome"),
                ],
                [[a.action, a.objective, a.lead, a.timescale, a.outcome] for a in record.actions],
            ),
            "actions",
        ),
        _section(
            t("library.app.section.findings"),
            table_html(
                [t("library.app.col.finding"), t("library.app.col.valence")],
                [[f.text + (" ●" if f.pattern else ""), f.valence] for f in record.findings],
            ),
            "findings",
        ),
        _section(t("library.app.section.outcomes"), _para(record.outcomes), "outcomes"),
    ]
    return [part for part in parts if part[2]]


def summary_html(record: LibraryRecord) -> str:
    """The record's first screen: title, place and year, the problem, the Blueprint areas and key figures."""
    year = f", {record.year}" if record.year else ""
    problem = record.problem_statement or record.summary
    areas = "".join(
        f"<span class='nsc-tag' style='display:inline-block;border:1px solid #0072B2;border-radius:1em;"
        f"padding:0 .6em;margin:0 .3em .3em 0'>{esc(area_label(a))}</span>"
        for a in record.blueprint_areas
    )
    figures = [
        t("controls.record.actors", count=len(record.actors)),
        t("controls.record.ties", count=len(record.ties)),
        t("controls.record.ideas", count=len(record.ideas)),
        t("controls.record.actions", count=len(record.actions)),
    ]
    if record.wickedness is not None:
        figures.append(t("controls.record.wickedness", score=record.wickedness))
    status = f"{t(f'library.status.{record.status}')} · {t(f'library.evidence.{record.evidence}')}"
    return (
        f"<div class='nsc-record-summary' data-record='{esc(record.id)}'>"
        f"<h3 class='nsc-record-title' style='margin:.2em 0'>{esc(record.title)}</h3>"
        f"<p class='nsc-record-place' style='margin:.1em 0 .6em;color:#444'>{esc(record.city)}, "
        f"{esc(record.country)}{esc(year)} · {esc(status)}</p>"
        + (
            f"<p style='margin:.3em 0 .1em'><strong>{esc(t('library.app.field.problem'))}</strong></p>"
            f"<p class='nsc-record-problem' style='margin:0 0 .6em;white-space:pre-wrap'>{esc(problem)}</p>"
            if problem
            else ""
        )
        + (
            f"<p style='margin:.3em 0 .2em'><strong>{esc(t('library.app.field.areas'))}</strong></p><div>{areas}</div>"
            if areas
            else ""
        )
        + "<ul class='nsc-record-figures' style='margin:.6em 0;padding-left:1.2em'>"
        + "".join(f"<li>{esc(f)}</li>" for f in figures)
        + "</ul></div>"
    )


def _labelled(label: str, values: list[str]) -> str:
    listed = _items(values)
    return f"<div><strong>{esc(label)}</strong>{listed}</div>" if listed else ""


def similar_html(case: SimilarCase) -> str:
    """One similar case: title, place, overall and facet scores, shared words."""
    r = case.record
    from nsc_workshop.widgets._html import local_percent  # scores as shares of a perfect match, in words

    facets = ", ".join(f"{t(f'library.app.facet.{k}')} {local_percent(v)}" for k, v in case.facets.items())
    from nsc_workshop.plots._common import sector_label  # a shared sector by its name, never its id

    shared = "; ".join(
        f"{t(f'library.app.facet.{k}')}: {', '.join(sector_label(w) for w in v)}" for k, v in case.shared.items() if v
    )
    return (
        f"<div class='nsc-similar-case'><strong>{esc(r.title)}</strong> — {esc(r.city)}"
        f"{esc(f', {r.year}') if r.year else ''} · {esc(t('look.similarity', score=local_percent(case.score)))}"
        f"<br><small>{esc(facets)}</small>"
        + (f"<br><small>{esc(t('library.app.shared', words=shared))}</small>" if shared else "")
        + "</div>"
    )


def record_map_png(record: LibraryRecord) -> bytes:
    """The record's actor map as a PNG (:func:`nsc_workshop.plots.network_map` on its actors and ties)."""
    import matplotlib.pyplot as plt

    from nsc_workshop.plots import network_map
    from nsc_workshop.widgets._panel import figure_png

    figure = network_map(record.to_workshop())
    try:
        return figure_png(figure, dpi=90)
    finally:
        plt.close(figure)


class LibraryRecordView(widgets.VBox):
    """The page of one record: first its summary and its map, then each section folded, its similar cases.

    ``body`` is the summary (title, place and year, problem, Blueprint areas,
    key figures), ``map`` the actor map, ``sections`` an accordion of the
    record's sections (all closed until opened) and :attr:`html` all of it.
    """

    def __init__(
        self,
        library: Library,
        on_open: Callable[[str], Any] | None = None,
        on_compare: Callable[[str, str], Any] | None = None,
        audience: str = "network",
    ) -> None:
        self.library = library
        self.audience = audience
        self._on_open = on_open
        self._on_compare = on_compare
        self.record: LibraryRecord | None = None
        self.similar: list[SimilarCase] = []
        self.body = widgets.HTML(f"<p>{esc(t('library.app.record.none'))}</p>")
        self.body.add_class("nsc-record")
        self.map = widgets.Image(format="png", layout=widgets.Layout(max_width="100%", height="auto"))
        self.map.add_class("nsc-record-map")
        self.map_note = widgets.HTML()
        self.sections = widgets.Accordion(children=[], selected_index=None)
        self.sections.add_class("nsc-record-sections")
        self._section_html: list[widgets.HTML] = []
        self._maps: dict[tuple[str, int], bytes] = {}
        self.message = widgets.HTML()
        self.similar_title = widgets.HTML()
        self.similar_list = widgets.VBox()
        self.similar_list.add_class("nsc-similar-list")
        self.compare_with = widgets.Dropdown(
            description=t("library.app.record.compare_with"),
            style={"description_width": "initial"},
            layout=widgets.Layout(width="auto", max_width="100%"),
        )
        self.compare_button = widgets.Button(
            description=t("library.app.record.compare"), icon="exchange", button_style="info",
            layout=widgets.Layout(width="auto"),
        )  # fmt: skip
        self.compare_button.on_click(lambda _: self.compare())
        self.compare_row = widgets.HBox(
            [self.compare_with, self.compare_button], layout=widgets.Layout(flex_flow="row wrap", align_items="center")
        )
        self.compare_row.layout.display = "none"
        self.details_title = widgets.HTML()
        side = widgets.VBox([self.similar_title, self.similar_list], layout=widgets.Layout(width="34%"))
        main = widgets.VBox([self.details_title, self.sections], layout=widgets.Layout(width="64%"))
        first = widgets.HBox(
            [
                widgets.VBox([self.body, self.compare_row], layout=widgets.Layout(width="40%")),
                widgets.VBox([self.map, self.map_note], layout=widgets.Layout(width="58%")),
            ],
            layout=widgets.Layout(justify_content="space-between", align_items="flex-start"),
        )
        first.add_class("nsc-record-first")
        rest = widgets.HBox([main, side], layout=widgets.Layout(justify_content="space-between"))
        super().__init__([self.message, first, rest])
        self.add_class("nsc-library-record")

    @property
    def html(self) -> str:
        """The summary and every section, as shown (the sections folded in the accordion)."""
        summary: str = self.body.value
        return summary + "".join(part.value for part in self._section_html)

    def _show_record(self, record: LibraryRecord) -> None:
        self.body.value = summary_html(record)
        sections = record_sections(record)
        parts = [widgets.HTML(html) for _key, _title, html in sections]
        for old in self._section_html:
            old.close()
        self._section_html = parts
        self.sections.selected_index = None
        self.sections.children = parts
        self.sections.titles = tuple(title for _key, title, _html in sections)
        self.details_title.value = f"<h4 style='margin:.8em 0 .3em'>{esc(t('controls.record.details'))}</h4>"
        key = (record.id, record.version)
        if key not in self._maps:
            self._maps = {key: record_map_png(record)}  # the record shown last: opening it again is instant
        self.map.value = self._maps[key]
        self.map_note.value = (
            f"<p class='nsc-record-map-note' style='color:#555;margin:.2em 0'>"
            f"{esc(t('controls.record.map_note', actors=len(record.actors), count=len(record.ties)))}</p>"
        )

    def open_record(self, record_id: str) -> LibraryRecord | None:
        """Show the record ``record_id`` (a message when it is not in the library)."""
        try:
            record = self.library.get(record_id)
            if self.audience == "public" and record.sensitivity != "public":
                from nsc_workshop.errors import RecordNotFound

                raise RecordNotFound(id=record_id)
            similar = self.library.similar(record_id, audience=self.audience)
        except NscWorkshopError as exc:
            self.message.value = error_html(exc)
            return None
        self.message.value = ""
        self.record, self.similar = record, similar
        self._show_record(record)
        self._show_similar()
        others = [(f"{c.record.title} ({c.record.city})", c.record.id) for c in similar]
        listed = {rid for _label, rid in others}
        others += [
            (f"{h.title} ({h.city})", h.id)
            for h in self.library.search("", limit=None, audience=self.audience)
            if h.id != record_id and h.id not in listed
        ]
        self.compare_with.options = others
        self.compare_with.value = others[0][1] if others else None
        self.compare_row.layout.display = "" if others else "none"
        return record

    def _show_similar(self) -> None:
        self.similar_title.value = f"<h4>{esc(t('library.app.similar.title'))}</h4>"
        rows: list[widgets.Widget] = []
        for case in self.similar:
            button = widgets.Button(
                description=t("library.app.open"), icon="folder-open", layout=widgets.Layout(width="7em")
            )
            button.on_click(lambda _b, rid=case.record.id: self.open_other(rid))
            row = widgets.VBox([widgets.HTML(similar_html(case)), button])
            row.add_class("nsc-similar-row")
            rows.append(row)
        if not rows:
            rows = [widgets.HTML(message_html("info", t("library.app.similar.none")))]
        self.similar_list.children = rows

    def open_other(self, record_id: str) -> None:
        """Open another record (through the app, which shows it on this tab)."""
        if self._on_open is not None:
            self._on_open(record_id)
        else:
            self.open_record(record_id)

    def compare(self) -> None:
        if self.record is None or not self.compare_with.value:
            return
        if self._on_compare is not None:
            self._on_compare(self.record.id, str(self.compare_with.value))


def _language_name(code: str) -> str:
    """A record's language by its name in the page's language (``ruotsi`` for ``sv`` on a Finnish page).

    >>> from nsc_workshop.i18n import use_language
    >>> with use_language("fi"):
    ...     _language_name("sv"), _language_name("xx-unknown")
    ('ruotsi', 'xx-unknown')
    """
    from babel import Locale, UnknownLocaleError

    from nsc_workshop.i18n import current_language

    try:
        return str(Locale.parse(code.replace("-", "_")).get_display_name(current_language()) or code)
    except (ValueError, UnknownLocaleError):
        return code
