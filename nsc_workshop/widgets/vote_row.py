"""A row to vote on: the text, − / + and the dots, updated in place as anyone in the room votes."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import ipywidgets as widgets

from nsc_workshop.i18n import t
from nsc_workshop.widgets._html import esc

__all__ = ["VoteRow"]


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
        width_em: int = 36,
        extra: Sequence[widgets.Widget] = (),
    ) -> None:
        self.target = target
        self._data = f"data-{attr}='{esc(target)}'"
        self._width = width_em
        self.text = widgets.HTML()
        self.minus = widgets.Button(icon="minus", tooltip=t("hmw.unvote"), layout=widgets.Layout(width="2.5em"))
        self.minus.on_click(lambda _b: unvote(target))
        self.plus = widgets.Button(icon="plus", tooltip=t("hmw.vote"), layout=widgets.Layout(width="2.5em"))
        self.plus.on_click(lambda _b: vote(target))
        self.count = widgets.HTML(layout=widgets.Layout(width="9em"))
        super().__init__(
            [self.text, self.minus, self.plus, self.count, *extra], layout=widgets.Layout(align_items="center")
        )
        self.add_class("nsc-vote-row")

    def show(self, label: str, dots: int, mine: int) -> None:
        """Show ``label`` (escaped), the item's ``dots`` and whether this voter has one on it to take back."""
        self.text.value = f"<div style='width:{self._width}em' {self._data}>{esc(label)}</div>"
        self.count.value = f"<span class='nsc-dots' {self._data}>{'●' * min(dots, 12)} {dots}</span>"
        self.minus.disabled = mine == 0
