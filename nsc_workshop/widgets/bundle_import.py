"""Import a workshop bundle sent by a city, or load the sample workshop."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from nsc_workshop.bundle import import_bundle
from nsc_workshop.datasets import SAMPLE_WORKSHOP_ID, load_sample
from nsc_workshop.errors import NscWorkshopError
from nsc_workshop.i18n import t
from nsc_workshop.store import Store
from nsc_workshop.widgets._html import error_html, message_html
from nsc_workshop.widgets._upload import uploaded_bytes

__all__ = ["BundleImport"]


class BundleImport(widgets.VBox):
    """A file picker for ``.json`` bundles, an Import button and a Load-sample button.

    A bundle is fully checked before anything is stored; a refused bundle
    shows each problem with the field it is in.
    """

    def __init__(self, store: Store, on_imported: Callable[[str], Any] | None = None) -> None:
        self.store = store
        self._on_imported = [on_imported] if on_imported else []
        self.upload = widgets.FileUpload(accept=".json,application/json", multiple=False, description=t("home.choose"))
        self.replace = widgets.Checkbox(value=False, description=t("home.replace"), indent=False)
        self.import_button = widgets.Button(description=t("home.import"), icon="upload")
        self.import_button.on_click(lambda _: self.submit())
        self.sample_button = widgets.Button(description=t("home.load_sample"), icon="star")
        self.sample_button.on_click(lambda _: self.load_sample())
        self.message = widgets.HTML()
        super().__init__(
            [
                widgets.HBox([self.upload, self.import_button, self.replace]),
                self.sample_button,
                self.message,
            ]
        )
        self.add_class("nsc-bundle-import")

    def _done(self, wid: str, key: str) -> None:
        self.message.value = message_html("ok", t(key, workshop=wid))
        for callback in self._on_imported:
            callback(wid)

    def submit(self) -> str | None:
        """Import the chosen file; returns the workshop id, or None after showing why not."""
        files = self.upload.value
        if not files:
            self.message.value = message_html("info", t("home.choose_first"))
            return None
        upload = files[0]
        try:
            wid = import_bundle(self.store, uploaded_bytes(upload), replace=self.replace.value)
        except NscWorkshopError as exc:
            self.message.value = error_html(exc)
            return None
        finally:
            self.upload.value = ()
        self._done(wid, "home.imported")
        return wid

    def load_sample(self) -> str | None:
        """Add the synthetic sample workshop (once)."""
        if self.store.exists(SAMPLE_WORKSHOP_ID):
            self.message.value = message_html("info", t("home.sample_present"))
            return SAMPLE_WORKSHOP_ID
        try:
            wid = self.store.import_workshop(load_sample())
        except NscWorkshopError as exc:
            self.message.value = error_html(exc)
            return None
        self._done(wid, "home.sample_loaded")
        return wid
