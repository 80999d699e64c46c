"""Translation: every user-facing string goes through :func:`t`.

Messages live in JSON catalogs, one folder per language in
``nsc_workshop/locales`` (``en/`` is the reference), one file per part of the kit
(``core.json``, ``analysis.json``...). A catalog maps a message key to a template with
``{named}`` placeholders, or to a dict of plural forms (``one``, ``few``,
``many``, ``other``...) chosen by the ``count`` parameter with the language's
CLDR plural rule (from Babel). Adding a language is adding a folder
``locales/<code>/`` of such files: no code changes. Keys missing from a catalog
fall back to English.

>>> t("app.name")
'NSC Workshop'
>>> with use_language("en"):
...     t("error.more_problems", count=1)
'...and 1 more problem'
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Iterator, Sequence
from contextvars import ContextVar
from functools import cache
from importlib import resources
from typing import Any

__all__ = [
    "DEFAULT_LANGUAGE",
    "available_languages",
    "catalog",
    "current_language",
    "format_list",
    "format_number",
    "format_percent",
    "set_language",
    "t",
    "use_language",
]

log = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "en"
_language: ContextVar[str] = ContextVar("nsc_workshop_language", default=DEFAULT_LANGUAGE)


@cache
def available_languages() -> tuple[str, ...]:
    """Language codes that have a catalog folder, English first."""
    found = sorted(
        entry.name
        for entry in resources.files("nsc_workshop.locales").iterdir()
        if entry.is_dir() and not entry.name.startswith(("_", "."))
    )
    return tuple(sorted(found, key=lambda code: (code != DEFAULT_LANGUAGE, code)))


@cache
def catalog(language: str) -> dict[str, Any]:
    """The messages of one language, from all its files (empty when there is none)."""
    if language not in available_languages():
        return {}
    messages: dict[str, Any] = {}
    folder = resources.files("nsc_workshop.locales") / language
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json"):
            continue
        part = json.loads(entry.read_text("utf-8"))
        if not isinstance(part, dict):
            raise ValueError(f"locales/{language}/{entry.name} must hold a JSON object")
        clash = sorted(set(part) & set(messages))
        if clash:
            raise ValueError(f"locales/{language}/{entry.name} repeats keys: {', '.join(clash[:5])}")
        messages.update(part)
    return messages


def current_language() -> str:
    return _language.get()


def set_language(language: str) -> None:
    """Use ``language`` for messages from now on (in this context)."""
    _language.set(language if language in available_languages() else DEFAULT_LANGUAGE)


@contextlib.contextmanager
def use_language(language: str) -> Iterator[None]:
    """Use ``language`` inside a ``with`` block."""
    token = _language.set(language if language in available_languages() else DEFAULT_LANGUAGE)
    try:
        yield
    finally:
        _language.reset(token)


class _KeepMissing(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def format_number(value: float, digits: int = 0, language: str | None = None) -> str:
    """``value`` with ``digits`` decimals as ``language`` (the current one by default) writes it.

    >>> format_number(1234.5, 1, "fi").replace("\xa0", " "), format_number(0.0712, 2, "sv")
    ('1 234,5', '0,07')
    """
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    try:
        return str(format_decimal(value, format=pattern, locale=(language or current_language()).replace("-", "_")))
    except (ValueError, LookupError):  # a language Babel does not know
        return f"{value:.{max(digits, 0)}f}"


def format_percent(share: float, language: str | None = None, pattern: str | None = None) -> str:
    """A share (0–1) as a whole percentage in ``language`` (its own pattern unless ``pattern`` is given).

    >>> format_percent(0.871, "en"), format_percent(0.871, "sv", "#,##0%")
    ('87%', '87%')
    """
    from babel.numbers import format_percent as babel_percent

    try:
        return str(babel_percent(share, format=pattern, locale=(language or current_language()).replace("-", "_")))
    except (ValueError, LookupError):
        return f"{share:.0%}"


def format_list(items: Sequence[str], language: str | None = None) -> str:
    """Items joined as ``language`` writes a list (its own "and"), e.g. in a sentence of an insight.

    >>> format_list(["police", "schools", "youth work"], "en"), format_list(["poliisi", "koulut"], "fi")
    ('police, schools, and youth work', 'poliisi ja koulut')
    """
    from babel.lists import format_list as babel_list

    try:
        return str(babel_list(list(items), locale=(language or current_language()).replace("-", "_")))
    except (ValueError, LookupError):  # a language Babel does not know
        return ", ".join(items)


def _plural_form(language: str, count: Any) -> str:
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        locale = Locale.parse(DEFAULT_LANGUAGE)
    try:
        return str(locale.plural_form(abs(count)))
    except (TypeError, ValueError):
        return "other"


def t(key: str, /, *, lang: str | None = None, default: str | None = None, **params: Any) -> str:
    """The message ``key`` in the current language, filled with ``params``.

    ``default`` is used when no catalog has the key (dataset labels use it to
    fall back on the English text kept with the data).
    """
    language = lang or current_language()
    template = catalog(language).get(key)
    if template is None and language != DEFAULT_LANGUAGE:
        template = catalog(DEFAULT_LANGUAGE).get(key)
        language = DEFAULT_LANGUAGE
    if template is None:
        if default is not None:
            template = default
        else:
            log.warning("message key %r is missing from the English catalog", key)
            return key
    if isinstance(template, dict):
        form = _plural_form(language, params.get("count", 0))
        template = template.get(form, template.get("other", key))
    return str(template).format_map(_KeepMissing(params))
