"""The home page: the workshops, a form to create one, bundle import."""

from __future__ import annotations

import os
from urllib.parse import urlencode

import ipywidgets as widgets

from nsc_workshop.access import CITY_NAME_ENV
from nsc_workshop.apps.context import FACILITATOR_KEY_ENV, AppContext
from nsc_workshop.datasets import notebooks_dir
from nsc_workshop.i18n import set_language, t
from nsc_workshop.registry import LIBRARY_NOTEBOOK, WORKSHOP_APPS
from nsc_workshop.room.hub import room_opening_url
from nsc_workshop.store import Store
from nsc_workshop.widgets import BundleImport, NewWorkshopForm, WorkshopList
from nsc_workshop.widgets._html import esc, kit_header_html
from nsc_workshop.widgets.facilitator_notes import FacilitatorNotes
from nsc_workshop.widgets.language_picker import LanguagePicker, page_title

__all__ = ["APPS", "available_apps", "home_app"]

APPS: list[tuple[str, str]] = [(app.label_key, app.notebook) for app in WORKSHOP_APPS]
"""The workshop apps, in the order a workshop uses them (label key, notebook), from :mod:`nsc_workshop.registry`."""


def available_apps() -> list[tuple[str, str]]:
    """The apps whose notebooks are installed, with translated labels."""
    folder = notebooks_dir()
    return [(t(key), notebook) for key, notebook in APPS if (folder / notebook).is_file()]


def home_app(store: Store | None = None) -> widgets.VBox:
    """The home page of ``nsc-workshop serve``: for the facilitator only.

    It can create and import workshops, so a page opened as anything but
    facilitator (a participant's or projector's link, or, served to a room,
    any link without the facilitator key) shows only a short note.
    """
    context = AppContext.from_environment()
    if context.language:
        set_language(context.language)
    if not context.is_facilitator:  # served to a room: only the facilitator's link (with the key) opens it
        gate = widgets.HTML(f"<h1>{esc(t('home.lan_gate.title'))}</h1><p>{esc(t('home.lan_gate.text'))}</p>")
        gate.add_class("nsc-home-gate")
        return widgets.VBox([gate])
    store = store or context.store()
    key = os.environ.get(FACILITATOR_KEY_ENV)
    if not store.scope.everything and store.scope.city is None:  # the secretariat on a hub: no city, no workshops
        return _secretariat_home()
    link_query = {"role": "facilitator", "key": key} if key else None
    listing = WorkshopList(store, apps=available_apps(), query=link_query, room_link=room_opening_url)  # None off a hub
    form = NewWorkshopForm(store, on_created=lambda _wid: listing.refresh())
    importer = BundleImport(store, on_imported=lambda _wid: listing.refresh())
    tools = widgets.Accordion(children=[form, importer], titles=(t("home.new"), t("home.import_title")))
    header = widgets.HTML(kit_header_html(t("look.home.title")) + f"<p>{esc(t('home.intro'))}</p>")
    if store.scope.city is not None:  # on a hub: whose workshops these are
        city = os.environ.get(CITY_NAME_ENV) or store.scope.city
        header.value += f"<p class='nsc-home-city'>{esc(t('home.city', city=city))}</p>"
    if (notebooks_dir() / LIBRARY_NOTEBOOK).is_file():
        query = f"?{urlencode({'role': 'facilitator', 'key': key})}" if key else ""
        header.value += (
            f"<p><a class='nsc-button nsc-secondary nsc-library-link' href='{esc(LIBRARY_NOTEBOOK + query)}'>"
            f"{esc(t('library.app.home_link'))}</a></p>"
        )
    page = widgets.VBox([LanguagePicker(page_title=page_title(t("look.home.title"))), header, FacilitatorNotes("home"),
                         listing, tools])  # fmt: skip
    page.add_class("nsc-home")
    return page


def _secretariat_home() -> widgets.VBox:
    """The home page of an account of no city (the secretariat on a hub): the library, and no workshop."""
    header = widgets.HTML(kit_header_html(t("look.home.title")) + f"<p>{esc(t('home.no_city'))}</p>")
    if (notebooks_dir() / LIBRARY_NOTEBOOK).is_file():
        header.value += (
            f"<p><a class='nsc-button nsc-library-link' href='{esc(LIBRARY_NOTEBOOK)}'>"
            f"{esc(t('library.app.home_link'))}</a></p>"
        )
    page = widgets.VBox([LanguagePicker(page_title=page_title(t("look.home.title"))), header])
    page.add_class("nsc-home")
    return page
