"""Safe HTML for widgets: everything typed by a person is escaped, always."""

from __future__ import annotations

import html
from collections.abc import Sequence

from nsc_workshop.errors import NscWorkshopError

__all__ = [
    "KIT_NAME",
    "bars_html",
    "esc",
    "kit_header_html",
    "local_date",
    "local_dates",
    "local_datetime",
    "local_number",
    "local_percent",
    "message_html",
    "table_html",
]

KIT_NAME = "NSC Workshop"
"""The kit's name, as its header and the browser tab show it."""


def esc(value: object) -> str:
    """``value`` as text that HTML shows verbatim (quotes escaped too)."""
    return html.escape("" if value is None else str(value), quote=True)


_COLOURS = {"ok": "#1b7837", "error": "#b2182b", "info": "#2166ac", "warning": "#8a4b00"}


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


def kit_header_html(app: str, workshop: str = "", details: str = "", *, home: str = "") -> str:
    """The kit's header: its name (a link home when ``home`` is given), the app, then the workshop and details.

    ``details`` is plain text (escaped here), as every other argument.

    >>> "<h1>Library</h1>" in kit_header_html("Library")
    True
    """
    brand = (
        f"<a class='nsc-brand' href='{esc(home)}'>{esc(KIT_NAME)}</a>"
        if home
        else f"<span class='nsc-brand'>{esc(KIT_NAME)}</span>"
    )
    line = ""
    if workshop or details:
        parts = [f"<strong>{esc(workshop)}</strong>"] if workshop else []
        if details:
            parts.append(esc(details))
        line = f"<p class='nsc-kit-workshop'>{' · '.join(parts)}</p>"
    return f"<header class='nsc-kit-header'>{brand}<h1>{esc(app)}</h1>{line}</header>"


def _locale() -> str:
    from nsc_workshop.i18n import current_language

    return current_language()


def local_number(value: float, digits: int = 0) -> str:
    """A number as the page's language writes it (``0,07`` in Swedish, ``1 234`` in Finnish).

    >>> from nsc_workshop.i18n import use_language
    >>> with use_language("sv"):
    ...     local_number(0.0712, 2)
    '0,07'
    """
    from nsc_workshop.i18n import format_number

    return format_number(value, digits)


def local_percent(share: float) -> str:
    """A share (0–1) as a whole percentage in the page's language (``87 %`` in Swedish, ``87%`` in English).

    >>> from nsc_workshop.i18n import use_language
    >>> with use_language("en"):
    ...     local_percent(0.871)
    '87%'
    """
    from nsc_workshop.i18n import format_percent

    return format_percent(share)


def local_date(value: object) -> str:
    """A date as the page's language writes it, in the medium form (``6 dec. 2026``).

    >>> import datetime as dt
    >>> from nsc_workshop.i18n import use_language
    >>> with use_language("en"):
    ...     local_date(dt.date(2026, 12, 6))
    'Dec 6, 2026'
    """
    import datetime as dt

    from babel.dates import format_date

    value = _as_date(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        return "" if value is None else str(value)
    return str(format_date(value, format="medium", locale=_locale()))


def _as_date(value: object) -> object:
    import datetime as dt

    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    return value


def local_dates(start: object, end: object = None) -> str:
    """A span of days as the page's language writes it (``10–11 mars 2026``); ISO strings are read too.

    >>> from nsc_workshop.i18n import use_language
    >>> with use_language("en"):
    ...     local_dates("2026-03-10", "2026-03-11").replace("\u2009", " "), local_dates("2026-03-10")
    ('Mar 10 – 11, 2026', 'Mar 10, 2026')
    """
    import datetime as dt

    from babel.dates import format_interval

    first, last = _as_date(start), _as_date(end)
    if isinstance(first, dt.date) and isinstance(last, dt.date) and first != last:
        return str(format_interval(first, last, "yMMMd", locale=_locale()))
    one = first if first not in (None, "") else last
    return local_date(one) if one not in (None, "") else ""


def local_datetime(value: object) -> str:
    """A moment in the local time zone as the page's language writes it (date and hour, minute)."""
    import datetime as dt

    from babel.dates import format_time

    if not isinstance(value, dt.datetime):
        return local_date(value)
    local = value.astimezone() if value.tzinfo else value
    return f"{local_date(local)} {format_time(local.time(), format='short', locale=_locale())}"
