"""The facilitator's notes: a folded panel with the note for the app and for the tab on screen.

The notes come from the catalogs (``notes.<app>`` and ``notes.<app>.<step>``,
``locales/<lang>/notes.json``), so they are in the page's language. Only the
facilitator's page builds this widget: a participant's or the projector's
page never receives the notes at all. A note is plain text: paragraphs are
separated by a blank line, and lines that start with ``- `` are a list.
"""

from __future__ import annotations

import ipywidgets as widgets

from nsc_workshop.i18n import catalog, current_language, t
from nsc_workshop.widgets._html import esc

__all__ = ["FacilitatorNotes", "note_html", "note_keys"]


def note_keys(app: str, step: str | None = None) -> list[str]:
    """The catalog keys of the notes for ``app`` (and its ``step``) that exist, the app's first."""
    keys = [f"notes.{app}"] + ([f"notes.{app}.{step}"] if step else [])
    messages = catalog("en")
    return [key for key in keys if key in messages]


def note_html(text: str) -> str:
    """A note's text as HTML: paragraphs, and ``- `` lines as a list; everything escaped.

    >>> note_html("Intro:\\n- one\\n- two <b>")
    '<p>Intro:</p><ul><li>one</li><li>two &lt;b&gt;</li></ul>'
    """
    out: list[str] = []
    for block in text.split("\n\n"):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        prose = [line for line in lines if not line.startswith("- ")]
        items = [line[2:] for line in lines if line.startswith("- ")]
        if prose:
            out.append("<p>" + " ".join(esc(line) for line in prose) + "</p>")
        if items:
            out.append("<ul>" + "".join(f"<li>{esc(item)}</li>" for item in items) + "</ul>")
    return "".join(out)


class FacilitatorNotes(widgets.Accordion):
    """Folded at first; :meth:`show` puts the note of another tab in it."""

    def __init__(self, app: str, step: str | None = None) -> None:
        self.app = app
        self.body = widgets.HTML()
        self.body.add_class("nsc-notes-body")
        super().__init__(children=[self.body], titles=(t("notes.title"),), selected_index=None)
        self.add_class("nsc-notes")
        self.step: str | None = None
        self.show(step)

    def show(self, step: str | None) -> None:
        """The notes for the app and ``step`` (hidden when there are none)."""
        self.step = step
        keys = note_keys(self.app, step)
        self.body.value = "".join(note_html(t(key)) for key in keys)
        self.layout.display = "" if keys else "none"

    def __repr__(self) -> str:
        return f"FacilitatorNotes(app={self.app!r}, step={self.step!r}, language={current_language()!r})"
