"""The app's language: links to the same page in each language the kit speaks; the page's title and language.

Each link is the page's own address with ``lang=`` set (the browser builds it,
so the workshop, role, name and facilitator key of the link are kept); the app
reopens in that language. Each language is named in itself (Svenska, Suomi...),
from the CLDR data Babel ships.

The picker also names the page: it sets ``<html lang>`` to the page's language
(screen readers, hyphenation, the browser's date fields) and the browser tab's
title to :func:`page_title`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import anywidget
import traitlets

from nsc_workshop.i18n import available_languages, current_language

__all__ = ["LanguagePicker", "language_name", "page_title"]

KIT_NAME = "NSC Workshop"


def page_title(app: str, workshop: str = "") -> str:
    """The browser tab's title: ``"Actor mapping — Trust in Varnholm · NSC Workshop"``.

    >>> page_title("Library")
    'Library · NSC Workshop'
    """
    named = f"{app} — {workshop}" if workshop else app
    return f"{named} · {KIT_NAME}" if named else KIT_NAME


def language_name(code: str) -> str:
    """A language's own name for itself, capitalised: ``fi`` → ``Suomi``, ``nb`` → ``Norsk bokmål``."""
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(code).get_display_name(code) or code
    except (UnknownLocaleError, ValueError):
        return code
    return name[:1].upper() + name[1:]


class LanguagePicker(anywidget.AnyWidget):
    """Links to this page in every available language; ``current`` is shown without a link."""

    _esm = Path(__file__).with_name("language_picker.js")
    current = traitlets.Unicode("en").tag(sync=True)
    languages = traitlets.List(traitlets.Tuple(traitlets.Unicode(), traitlets.Unicode())).tag(sync=True)
    page_title = traitlets.Unicode("").tag(sync=True)
    """The browser tab's title (``<App> — <workshop> · NSC Workshop``); set on the page with ``<html lang>``."""

    def __init__(self, page_title: str = "", **kwargs: Any) -> None:
        super().__init__(
            current=current_language(),
            page_title=page_title,
            languages=[(code, language_name(code)) for code in available_languages()],
            **kwargs,
        )

    def __repr__(self) -> str:  # the page's text fallback must not name the package's modules
        return f"LanguagePicker(current={self.current!r})"
