"""Ties between sectors: the heat map, and the pairs of sectors that never talk."""

from __future__ import annotations

import ipywidgets as widgets

from nsc_workshop.analysis import sector_gaps, sector_matrix
from nsc_workshop.datasets import sectors as sector_rows
from nsc_workshop.graph import graph_inputs, to_networkx
from nsc_workshop.i18n import current_language, t
from nsc_workshop.plots import sector_matrix_heatmap
from nsc_workshop.session import WorkshopSession
from nsc_workshop.widgets._html import esc
from nsc_workshop.widgets._panel import Panel

__all__ = ["SectorView"]

SHOWN_GAPS = 15


class SectorView(Panel):
    """The sector × sector tie counts as a heat map, and the most telling gaps as text."""

    def __init__(self, session: WorkshopSession) -> None:
        self.image = widgets.Image(format="png")
        self.gaps = widgets.HTML()
        super().__init__(session, [self.gaps, self.image])
        self.add_class("nsc-sector-view")
        self.refresh()

    def refresh(self) -> None:
        super().refresh()
        workshop = self.session.workshop
        graph = to_networkx(workshop)
        self.picture(
            self.image,
            (*graph_inputs(workshop), current_language()),
            lambda: sector_matrix_heatmap(sector_matrix(graph)),
        )
        labels = {row["id"]: row["label"] for row in sector_rows()}
        gaps = sector_gaps(graph)
        if not gaps:
            self.gaps.value = f"<p>{esc(t('sectors.no_gaps'))}</p>"
            return
        items = "".join(
            f"<li>{esc(labels.get(a, a) or t('map.no_sector'))} — {esc(labels.get(b, b) or t('map.no_sector'))}</li>"
            for a, b in gaps[:SHOWN_GAPS]
        )
        more = f"<p>{esc(t('sectors.more_gaps', count=len(gaps) - SHOWN_GAPS))}</p>" if len(gaps) > SHOWN_GAPS else ""
        self.gaps.value = (
            f"<p><strong>{esc(t('sectors.gaps_title', count=len(gaps)))}</strong></p>"
            f"<ul class='nsc-sector-gaps'>{items}</ul>{more}"
        )
