"""Step 5 of framing: point-of-view statements, several framings side by side, one chosen to go on with."""

from __future__ import annotations

import ipywidgets as widgets

from nsc_workshop.i18n import t
from nsc_workshop.model import PointOfView
from nsc_workshop.session import WorkshopSession
from nsc_workshop.summaries.framing import pov_statement
from nsc_workshop.widgets._html import esc
from nsc_workshop.widgets._panel import Panel

__all__ = ["PovBoard"]


class PovBoard(Panel):
    """A form "[group] needs [need] because [insight]" and the statements as cards; the chosen one is framed."""

    def __init__(self, session: WorkshopSession) -> None:
        wide = widgets.Layout(width="40em")
        self.group = widgets.Text(description=t("pov.group"), placeholder=t("pov.group.hint"), layout=wide)
        self.need = widgets.Text(description=t("pov.need"), placeholder=t("pov.need.hint"), layout=wide)
        self.insight = widgets.Text(description=t("pov.insight"), placeholder=t("pov.insight.hint"), layout=wide)
        self.add_button = widgets.Button(description=t("pov.add"), button_style="primary", icon="plus")
        self.add_button.on_click(lambda _: self.add())
        self.cards = widgets.HBox(layout=widgets.Layout(flex_flow="row wrap"))
        super().__init__(session, [self.group, self.need, self.insight, self.add_button])
        self.children = (*self.children, self.message, self.cards)
        self.add_class("nsc-pov")
        self.refresh()

    def refresh(self) -> None:
        super().refresh()
        framing = self.session.workshop.framing
        self.cards.children = [self._card(p, p.id == framing.selected_pov) for p in framing.povs.values()]

    def _card(self, pov: PointOfView, chosen: bool) -> widgets.Widget:
        statement = widgets.HTML(
            f"<p style='margin:.2em 0' data-pov='{esc(pov.id)}'>"
            f"{esc(pov_statement(pov.group, pov.need, pov.insight))}</p>"
            + (f"<p style='color:#1b7837'><strong>{esc(t('pov.chosen'))}</strong></p>" if chosen else "")
        )
        choose = widgets.Button(
            description=t("pov.unchoose") if chosen else t("pov.choose"), icon="star" if not chosen else "star-o"
        )
        choose.on_click(lambda _b, pid=pov.id: self.run("", self.session.framing.select_pov, None if chosen else pid))
        remove = widgets.Button(icon="trash", tooltip=t("pov.remove"), layout=widgets.Layout(width="2.5em"))
        remove.on_click(lambda _b, pid=pov.id: self.run("", self.session.remove, "pov", pid))
        card = widgets.VBox([statement, widgets.HBox([choose, remove])])
        card.layout = widgets.Layout(
            width="22em", margin=".4em", padding=".5em", border=("3px solid #1b7837" if chosen else "1px solid #ccc")
        )
        card.add_class("nsc-pov-card")
        return card

    def add(self) -> PointOfView | None:
        parts = (self.group.value.strip(), self.need.value.strip(), self.insight.value.strip())
        pov = self.run("", self.session.framing.add_pov, *parts)
        if isinstance(pov, PointOfView):
            self.group.value = self.need.value = self.insight.value = ""
            return pov
        return None
