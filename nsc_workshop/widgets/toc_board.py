"""Theory of change: inputs → activities → outputs → outcomes → impact, assumptions, and indicators."""

from __future__ import annotations

import ipywidgets as widgets

from nsc_workshop.i18n import current_language, t
from nsc_workshop.model import Indicator, TocElement
from nsc_workshop.plots import theory_of_change_figure
from nsc_workshop.session import WorkshopSession
from nsc_workshop.widgets._html import esc
from nsc_workshop.widgets._panel import Panel

__all__ = ["LEVELS", "TocBoard"]

LEVELS = ("input", "activity", "output", "outcome_short", "outcome_medium", "outcome_long", "impact", "assumption")
OUTCOMES = ("outcome_short", "outcome_medium", "outcome_long")


class TocBoard(Panel):
    def __init__(self, session: WorkshopSession) -> None:
        self.level = widgets.Dropdown(options=[(t(f"toc.{lvl}"), lvl) for lvl in LEVELS], description=t("toc.level"))
        self.text = widgets.Text(placeholder=t("toc.placeholder"), layout=widgets.Layout(width="40em"))
        self.add_button = widgets.Button(description=t("toc.add"), button_style="primary", icon="plus")
        self.add_button.on_click(lambda _: self.add_element())
        self.columns = widgets.HTML()
        self.elements = widgets.Dropdown(description=t("toc.element"), layout=widgets.Layout(width="40em"))
        self.remove_button = widgets.Button(icon="trash", tooltip=t("toc.remove"), layout=widgets.Layout(width="3em"))
        self.remove_button.on_click(
            lambda _: self.run("", self.session.remove, "toc", self.elements.value) if self.elements.value else None
        )
        style = {"description_width": "8em"}
        self.ind_name = widgets.Text(description=t("indicator.name"), style=style, layout=widgets.Layout(width="36em"))
        self.ind_baseline = widgets.Text(description=t("indicator.baseline"), style=style)
        self.ind_target = widgets.Text(description=t("indicator.target"), style=style)
        self.ind_source = widgets.Text(
            description=t("indicator.source"), style=style, layout=widgets.Layout(width="36em")
        )
        self.ind_outcome = widgets.Dropdown(
            description=t("indicator.outcome"), style=style, layout=widgets.Layout(width="36em")
        )
        self.ind_button = widgets.Button(description=t("indicator.add"), icon="plus")
        self.ind_button.on_click(lambda _: self.add_indicator())
        self.indicators = widgets.HTML()
        self.figure = widgets.Image(format="png")
        indicator_form = widgets.VBox(
            [
                self.ind_name,
                widgets.HBox([self.ind_baseline, self.ind_target]),
                self.ind_source,
                self.ind_outcome,
                self.ind_button,
            ]
        )
        super().__init__(
            session,
            [widgets.HBox([self.level, self.text, self.add_button]), widgets.HBox([self.elements, self.remove_button])],
        )
        self.children = (
            *self.children,
            self.columns,
            widgets.HTML(f"<h4>{esc(t('indicator.title'))}</h4>"),
            indicator_form,
            self.message,
            self.indicators,
            self.figure,
        )
        self.add_class("nsc-toc")
        self.refresh()

    def refresh(self) -> None:
        super().refresh()
        sprint = self.session.workshop.sprint
        ordered = sorted(sprint.toc.values(), key=lambda e: (LEVELS.index(e.level), e.order, e.id))
        self.elements.options = [(f"{t(f'toc.{e.level}')}: {e.text}", e.id) for e in ordered]
        self.ind_outcome.options = [("–", "")] + [(e.text, e.id) for e in ordered if e.level in OUTCOMES]
        cells = []
        for level in LEVELS:
            items = "".join(f"<li>{esc(e.text)}</li>" for e in ordered if e.level == level)
            cells.append(
                "<td style='vertical-align:top;padding:4px 8px;border-left:1px solid #ddd'>"
                f"<strong>{esc(t(f'toc.{level}'))}</strong><ul style='padding-left:1.2em'>{items}</ul></td>"
            )
        self.columns.value = f"<table class='nsc-toc-table'><tr>{''.join(cells)}</tr></table>"
        names = {e.id: e.text for e in ordered}
        rows = "".join(
            f"<tr data-indicator='{esc(i.id)}'><td style='padding:2px 8px'>{esc(i.name)}</td>"
            f"<td style='padding:2px 8px'>{esc(i.baseline)}</td><td style='padding:2px 8px'>{esc(i.target)}</td>"
            f"<td style='padding:2px 8px'>{esc(i.data_source)}</td>"
            f"<td style='padding:2px 8px'>{esc(names.get(i.outcome or '', ''))}</td></tr>"
            for i in sprint.indicators.values()
        )
        head = "".join(
            f"<th style='text-align:left;padding:2px 8px'>{esc(t(f'indicator.{k}'))}</th>"
            for k in ("name", "baseline", "target", "source", "outcome")
        )
        self.indicators.value = f"<table class='nsc-indicators'><tr>{head}</tr>{rows}</table>" if rows else ""
        workshop = self.session.workshop
        self.picture(
            self.figure,
            (sprint.toc, sprint.indicators, workshop.meta, current_language()),
            lambda: theory_of_change_figure(workshop),
        )

    def add_element(self) -> TocElement | None:
        if not self.text.value.strip():
            return None
        element = self.run("", self.session.sprint.add_toc_element, self.level.value, self.text.value.strip())
        if isinstance(element, TocElement):
            self.text.value = ""
            return element
        return None

    def add_indicator(self) -> Indicator | None:
        indicator = self.run(
            "",
            self.session.sprint.add_indicator,
            self.ind_name.value,
            baseline=self.ind_baseline.value,
            target=self.ind_target.value,
            data_source=self.ind_source.value,
            outcome=self.ind_outcome.value or None,
        )
        if isinstance(indicator, Indicator):
            for control in (self.ind_name, self.ind_baseline, self.ind_target, self.ind_source):
                control.value = ""
            return indicator
        return None
