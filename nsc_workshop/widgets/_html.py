"""Safe HTML for widgets: everything typed by a person is escaped, always."""

from __future__ import annotations

import html
from collections.abc import Sequence

from nsc_workshop.errors import NscWorkshopError

__all__ = ["bars_html", "esc", "message_html", "table_html"]


def esc(value: object) -> str:
    """``value`` as text that HTML shows verbatim (quotes escaped too)."""
    return html.escape("" if value is None else str(value), quote=True)


_COLOURS = {"ok": "#1b7837", "error": "#b2182b", "info": "#2166ac"}


def message_html(kind: str, text: str, details: Sequence[str] = ()) -> str:
    """A short status message with an optional list of details, all escaped."""
    colour = _COLOURS.get(kind, "#333")
    items = "".join(f"<li>{esc(d)}</li>" for d in details)
    listing = f"<ul style='margin:4px 0 0 0'>{items}</ul>" if items else ""
    return (
        f"<div role='status' class='nsc-message nsc-{esc(kind)}' style='color:{colour};white-space:pre-wrap'>"
        f"{esc(text)}{listing}</div>"
    )


def error_html(error: NscWorkshopError) -> str:
    """A library error as a message: its sentence, then each problem on its own line."""
    from nsc_workshop.i18n import t

    return message_html("error", t(error.key, **error.params), [str(p) for p in error.problems])


def table_html(header: Sequence[str], rows: Sequence[Sequence[object]], css: str = "") -> str:
    """A table of ``rows`` under ``header``, every cell escaped; empty text when there are no rows."""
    if not rows:
        return ""
    head = "".join(f"<th style='text-align:left;padding-right:1em'>{esc(h)}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(f"<td style='padding-right:1em;vertical-align:top'>{esc(v)}</td>" for v in row) + "</tr>"
        for row in rows
    )
    return f"<table class='{esc(css)}'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def bars_html(results: Sequence[tuple[str, int]], *, title: str, empty: str, top: int = 12) -> str:
    """Vote results as a bar chart the browser draws: the ``top`` items with a vote, highest first.

    ``results`` is ``[(label, count), ...]`` ranked; labels are escaped. A live
    page redraws its results at every vote anyone in the room gives: as HTML
    that costs the kernel nothing, where a matplotlib PNG costs 0.1 s on every
    open page at once. (The report and the projector draw
    :func:`~nsc_workshop.plots.vote_chart`.)
    """
    shown = [(label, count) for label, count in results if count > 0][:top]
    head = f"<div style='font-weight:600;margin:.8em 0 .3em'>{esc(title)}</div>"
    if not shown:
        return f"<div class='nsc-bars'>{head}<div class='nsc-bars-empty' style='color:#555'>{esc(empty)}</div></div>"
    most = max(count for _, count in shown)
    rows = "".join(
        "<div class='nsc-bar-row' style='display:flex;align-items:center;gap:.6em;margin:.2em 0'>"
        f"<div class='nsc-bar-label' style='flex:0 0 24em;text-align:right;overflow-wrap:anywhere'>{esc(label)}</div>"
        "<div style='flex:0 1 20em'>"
        f"<div class='nsc-bar' style='width:{100 * count / most:.1f}%;height:1em;background:#0072B2'></div></div>"
        f"<div class='nsc-bar-value'>{count}</div></div>"
        for label, count in shown
    )
    return f"<div class='nsc-bars'>{head}{rows}</div>"
