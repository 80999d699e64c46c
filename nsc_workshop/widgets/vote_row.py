"""A row to vote on: the text, − / + and the dots, updated in place as anyone in the room votes."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import ipywidgets as widgets

from nsc_workshop.i18n import t
from nsc_workshop.widgets._html import esc

__all__ = ["DRAWN", "VoteRow"]

DRAWN = 8
"""At most this many dots are drawn in a row; the number says the rest."""


class VoteRow(widgets.HBox):
    """``text``, ``minus``, ``plus``, ``count``, then any ``extra`` widgets; :meth:`show` updates them in place.

    A row that was rebuilt to show a new count would make every page in the
    room rebuild all the rows after it (a box's children are redrawn from the
    first that differs): 50 rows on 20 pages at each vote. In place, a vote
    sends one count to each page.
    """

    def __init__(
        self,
        target: str,
        vote: Callable[[str], object],
        unvote: Callable[[str], object],
        *,
        attr: str = "target",
        width_em: int | None = 36,
        extra: Sequence[widgets.Widget] = (),
    ) -> None:
        self.target = target
        self._data = f"data-{attr}='{esc(target)}'"
        self._width = width_em
        fill = width_em is None  # the row's width: the text takes what the buttons leave, on one line with them
        self.text = widgets.HTML(layout=widgets.Layout(flex="1 1 0%", min_width="0") if fill else widgets.Layout())
        square = {"width": "2.5em", "flex": "none"}
        self.minus = widgets.Button(icon="minus", tooltip=t("hmw.unvote"), layout=widgets.Layout(**square))
        self.minus.on_click(lambda _b: unvote(target))
        self.plus = widgets.Button(icon="plus", tooltip=t("hmw.vote"), layout=widgets.Layout(**square))
        self.plus.on_click(lambda _b: vote(target))
        self.count = widgets.HTML(layout=widgets.Layout(min_width="6em", margin="0 0 0 .4em", flex="none"))
        super().__init__(
            [self.text, self.minus, self.plus, self.count, *extra],
            layout=widgets.Layout(align_items="center", width="100%", flex_flow="row nowrap")
            if fill
            else widgets.Layout(align_items="center"),
        )
        self.add_class("nsc-vote-row")

    def show(self, label: str, dots: int, mine: int, rank: int | None = None) -> None:
        """Show ``label`` (escaped), the item's ``dots`` and whether this voter has one on it to take back.

        ``rank`` (1, 2...) is shown before the label when given. The dots are
        drawn up to :data:`DRAWN`; the number and its words ("1 dot", "2 dots") say them all.
        """
        place = f"<span class='nsc-rank' style='color:#555;margin-right:.4em'>{rank}.</span>" if rank else ""
        width = f"width:{self._width}em" if self._width else "line-height:1.3"
        self.text.value = f"<div style='{width}' {self._data}>{place}{esc(label)}</div>"
        words = esc(t("controls.dots", count=dots))
        drawn = "●" * min(dots, DRAWN)
        said = f"title='{words}' aria-label='{words}'"
        self.count.value = f"<span class='nsc-dots' {self._data} {said}>{drawn} {dots}</span>"
        self.minus.disabled = mine == 0
