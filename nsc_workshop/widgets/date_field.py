"""A date typed as the page's language writes it (``24.12.2026`` in Finnish, ``2026-12-24`` in Swedish).

ipywidgets' ``DatePicker`` is the browser's ``<input type=date>``, which shows the
format of the browser's own language (``mm/dd/yyyy`` on an American-English
browser) whatever language the page is in. This field shows and reads the
page's language instead, with the example as its placeholder, and always
accepts ISO dates (``2026-12-24``). English uses ISO: the kit's English is
read in the Nordic countries, where ``12/24/26`` is a puzzle.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import ipywidgets as widgets
import traitlets

from nsc_workshop.i18n import current_language, t
from nsc_workshop.widgets._html import esc

__all__ = ["DateField", "date_pattern", "format_day", "parse_day"]

_EXAMPLE = dt.date(2026, 12, 24)


def date_pattern(language: str | None = None) -> str:
    """The numeric pattern of a day in ``language`` (CLDR's short form with a four-digit year; ISO in English).

    >>> [date_pattern(code) for code in ("en", "sv", "da", "nb", "fi")]
    ['yyyy-MM-dd', 'yyyy-MM-dd', 'dd.MM.yyyy', 'dd.MM.yyyy', 'd.M.yyyy']
    """
    from babel.dates import get_date_format

    language = language or current_language()
    if language == "en":
        return "yyyy-MM-dd"
    pattern = str(get_date_format("short", locale=language).pattern)
    return re.sub(r"y+", "yyyy", pattern)


def format_day(value: dt.date, language: str | None = None) -> str:
    """``value`` written with :func:`date_pattern`.

    >>> format_day(dt.date(2026, 3, 5), "fi"), format_day(dt.date(2026, 3, 5), "da")
    ('5.3.2026', '05.03.2026')
    """
    from babel.dates import format_date

    return str(format_date(value, format=date_pattern(language), locale=language or current_language()))


def parse_day(text: str, language: str | None = None) -> dt.date | None:
    """The day in ``text``, written in ``language``'s numeric order or as ISO; None when it is not a day.

    >>> parse_day("24.12.2026", "fi"), parse_day("2026-12-24", "fi"), parse_day("24/12/2026", "da")
    (datetime.date(2026, 12, 24), datetime.date(2026, 12, 24), datetime.date(2026, 12, 24))
    >>> parse_day("31.2.2026", "fi") is None, parse_day("tomorrow", "en") is None
    (True, True)
    """
    numbers = re.findall(r"\d+", text or "")
    if len(numbers) != 3 or re.search(r"[^\d\s./\-]", text.strip()):
        return None
    if len(numbers[0]) == 4:  # ISO: year first, whatever the language
        order = "yMd"
    else:
        pattern = date_pattern(language)
        order = "".join(sorted("yMd", key=pattern.index))
    parts = dict(zip(order, (int(n) for n in numbers), strict=True))
    if parts["y"] < 100:
        parts["y"] += 2000
    try:
        return dt.date(parts["y"], parts["M"], parts["d"])
    except ValueError:
        return None


class DateField(widgets.HBox):
    """A day typed in the page's language. ``value`` is a :class:`datetime.date` or None (an empty field).

    Text that is not a day leaves ``value`` as it was and says how to write one.
    """

    value = traitlets.Any(None, allow_none=True)

    def __init__(
        self, description: str = "", *, value: dt.date | None = None, style: Any = None, **kwargs: Any
    ) -> None:
        self.language = current_language()
        example = format_day(_EXAMPLE, self.language)
        self.text = widgets.Text(
            description=description,
            placeholder=example,
            continuous_update=False,
            style=style or {"description_width": "initial"},
            layout=widgets.Layout(width="auto"),
        )
        self.text.add_class("nsc-date-field")
        self.hint = widgets.HTML()
        self._example = example
        super().__init__([self.text, self.hint], **kwargs)
        self.layout.align_items = "center"
        self.text.observe(self._typed, names="value")
        self.observe(self._shown, names="value")
        self.value = value

    def _typed(self, change: dict[str, Any]) -> None:
        text = str(change["new"] or "").strip()
        if not text:
            self.hint.value = ""
            self.value = None
            return
        day = parse_day(text, self.language)
        if day is None:
            problem = esc(t("look.date.invalid", example=self._example))
            self.hint.value = f"<span class='nsc-date-problem' role='alert'>{problem}</span>"
            return
        self.hint.value = ""
        self.value = day

    @traitlets.validate("value")
    def _valid(self, proposal: dict[str, Any]) -> dt.date | None:
        day = proposal["value"]
        if isinstance(day, dt.datetime):
            return day.date()
        if day is not None and not isinstance(day, dt.date):
            raise traitlets.TraitError(f"a date or None, not {day!r}")
        return day

    def _shown(self, change: dict[str, Any]) -> None:
        day = change["new"]
        if day is None:
            self.text.value = ""
        elif parse_day(self.text.value, self.language) != day:
            self.text.value = format_day(day, self.language)
        self.hint.value = ""
