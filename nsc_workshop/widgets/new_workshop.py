"""A form to create a workshop."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from nsc_workshop.datasets import blueprint_areas
from nsc_workshop.errors import NscWorkshopError
from nsc_workshop.i18n import available_languages, t
from nsc_workshop.store import Store
from nsc_workshop.widgets._html import error_html, message_html
from nsc_workshop.widgets.date_field import DateField

__all__ = ["NewWorkshopForm"]

_LANGUAGE_NAMES = {"en": "English", "sv": "Svenska", "da": "Dansk", "nb": "Norsk bokmål", "fi": "Suomi"}


class NewWorkshopForm(widgets.VBox):
    """Title, city, country, language, dates, Blueprint areas and sensitivity; then Create."""

    def __init__(self, store: Store, on_created: Callable[[str], Any] | None = None) -> None:
        self.store = store
        self._on_created = [on_created] if on_created else []
        style = {"description_width": "10em"}
        wide = widgets.Layout(width="32em")
        self.title = widgets.Text(description=t("workshop.field.title"), style=style, layout=wide)
        self.city = widgets.Text(description=t("workshop.field.city"), style=style, layout=wide)
        self.country = widgets.Text(description=t("workshop.field.country"), style=style, layout=wide)
        languages = [(_LANGUAGE_NAMES.get(code, code), code) for code in available_languages()]
        self.language = widgets.Dropdown(
            options=languages, value="en", description=t("workshop.field.language"), style=style
        )
        self.start_date = DateField(description=t("workshop.field.start"), style=style)
        self.end_date = DateField(description=t("workshop.field.end"), style=style)
        self.areas = widgets.SelectMultiple(
            options=[(area["label"], area["id"]) for area in blueprint_areas()],
            description=t("workshop.field.areas"),
            style=style,
            layout=widgets.Layout(width="32em", height="9em"),
        )
        self.sensitivity = widgets.Dropdown(
            options=[(t(f"sensitivity.{s}"), s) for s in ("restricted", "network", "public")],
            value="restricted",
            description=t("workshop.field.sensitivity"),
            style=style,
        )
        self.create = widgets.Button(description=t("home.create"), button_style="primary", icon="plus")
        self.create.on_click(lambda _: self.submit())
        self.message = widgets.HTML()
        super().__init__(
            [
                self.title,
                self.city,
                self.country,
                self.language,
                self.start_date,
                self.end_date,
                self.areas,
                self.sensitivity,
                self.create,
                self.message,
            ]
        )
        self.add_class("nsc-new-workshop")

    def on_created(self, callback: Callable[[str], Any]) -> None:
        self._on_created.append(callback)

    def submit(self) -> str | None:
        """Create the workshop from the form; returns its id, or None after showing why not."""
        start: dt.date | None = self.start_date.value
        end: dt.date | None = self.end_date.value
        try:
            wid = self.store.create_workshop(
                self.title.value,
                self.city.value,
                self.country.value,
                language=self.language.value,
                start_date=start,
                end_date=end,
                blueprint_areas=list(self.areas.value),
                sensitivity=self.sensitivity.value,
            )
        except NscWorkshopError as exc:
            self.message.value = error_html(exc)
            return None
        self.message.value = message_html("ok", t("home.created", title=self.title.value.strip()))
        for widget in (self.title, self.city, self.country):
            widget.value = ""
        self.areas.value = ()
        for callback in self._on_created:
            callback(wid)
        return wid
