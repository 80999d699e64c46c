"""The secretariat library app: search the published workshops, read one, compare maps, look across cities, publish.

The library is its own database (``NSC_LIBRARY_DB``, else ``library.db``
beside the store; see :func:`nsc_workshop.library.open_library`). A link may
name a record to open (``?record=rec-00012``). Publishing and the review of
actor merges are for the facilitator, who acts for the secretariat here.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from urllib.parse import parse_qs

import ipywidgets as widgets

from nsc_workshop.apps.context import AppContext
from nsc_workshop.errors import NscWorkshopError
from nsc_workshop.i18n import set_language, t
from nsc_workshop.library import Library, LibraryRecord, open_library
from nsc_workshop.library.record import RECORD_ID_RE
from nsc_workshop.store import Store, _to_url
from nsc_workshop.widgets._html import error_html, kit_header_html
from nsc_workshop.widgets._lazy import LazyPanels, lazy
from nsc_workshop.widgets._panel import library_changes
from nsc_workshop.widgets.facilitator_notes import FacilitatorNotes
from nsc_workshop.widgets.language_picker import LanguagePicker, page_title
from nsc_workshop.widgets.library_aggregate import LibraryAggregate
from nsc_workshop.widgets.library_compare import LibraryCompare
from nsc_workshop.widgets.library_publish import LibraryPublish
from nsc_workshop.widgets.library_record import LibraryRecordView
from nsc_workshop.widgets.library_search import LibrarySearch

__all__ = ["LibraryApp", "library_app", "record_from_query"]

SEARCH, RECORD, COMPARE, ACROSS, PUBLISH = range(5)
TAB_KEYS = ("search", "record", "compare", "across", "publish")
"""The tabs' keys, in order (the notes of each: ``notes.library.<key>``)."""


def record_from_query(query: str) -> str | None:
    """The record a link names (``record=``), if it is a valid record id.

    >>> record_from_query("record=rec-00012&role=participant"), record_from_query("record=../x")
    ('rec-00012', None)
    """
    found = parse_qs(query.lstrip("?")).get("record")
    value = found[0].strip() if found else ""
    return value if RECORD_ID_RE.match(value) else None


class LibraryApp(LazyPanels, widgets.VBox):
    """Tabs: Search, Record, Compare maps, Across cities, and (for the secretariat) Publish.

    Opening a record from the results or from a similar case shows it on the
    Record tab. "Across cities" and "Publish" are computed when first opened.
    A record published here reaches every view of the library (they follow
    :func:`~nsc_workshop.widgets._panel.library_changes`) and the header's count.
    """

    # The panels made when their tab first opens (the first three are made with the page).
    across = lazy("across", lambda app: LibraryAggregate(app.library, secretariat=app.secretariat))
    publisher = lazy(
        "publish", lambda app: LibraryPublish(app._store or AppContext.from_environment().store(), app.library)
    )

    def __init__(self, library: Library, store: Store | None = None, *, secretariat: bool = False) -> None:
        self.library = library
        self._store = store
        self.secretariat = secretariat
        self.search = LibrarySearch(library, on_open=self.open_record)
        self.record = LibraryRecordView(library, on_open=self.open_record, on_compare=self.compare_records)
        self.compare = LibraryCompare(library)
        self._across = widgets.VBox()
        self._publish = widgets.VBox()
        titles = [
            t("library.app.tab.search"),
            t("library.app.tab.record"),
            t("library.app.tab.compare"),
            t("library.app.tab.across"),
        ]
        children: list[widgets.Widget] = [self.search, self.record, self.compare, self._across]
        if secretariat:
            titles.append(t("library.app.tab.publish"))
            children.append(self._publish)
        self.tabs = widgets.Tab(children=children, titles=tuple(titles))
        self.tabs.observe(lambda _c: self._tab_opened(), names="selected_index")
        header = widgets.HTML(self._header_html())
        self.header = header
        self.languages = LanguagePicker(page_title=page_title(t("library.app.title")))
        self.notes: FacilitatorNotes | None = FacilitatorNotes("library", "search") if secretariat else None
        parts: list[widgets.Widget] = [self.languages, header]
        if self.notes is not None:  # the secretariat's notes: for the facilitator's link only
            parts.append(self.notes)
        super().__init__([*parts, self.tabs])
        self.add_class("nsc-library-app")
        library_changes(library).subscribe(self._published)

    def _header_html(self) -> str:
        return kit_header_html(t("library.app.title"), details=t("library.app.count", count=self.library.count()))

    def panel_made(self, name: str, panel: widgets.Widget) -> None:
        (self._across if name == "across" else self._publish).children = [panel]  # into its tab's box

    def _tab_opened(self) -> None:
        index = self.tabs.selected_index
        if self.notes is not None:
            self.notes.show(TAB_KEYS[index or 0])
        if index == ACROSS:
            self.across.refresh()
        elif index == PUBLISH and self.secretariat:
            self.publisher.refresh()

    def open_record(self, record_id: str) -> LibraryRecord | None:
        """Show a record on the Record tab."""
        record = self.record.open_record(record_id)
        self.tabs.selected_index = RECORD
        return record

    def compare_records(self, first: str, second: str) -> None:
        """Compare two records' maps on the Compare maps tab."""
        self.compare.choose(first, second)
        self.tabs.selected_index = COMPARE

    def _published(self, records: Sequence[LibraryRecord]) -> None:
        """After a record is published (the search, the comparison and the tabs made follow it themselves)."""
        self.header.value = self._header_html()


def library_app(store: Store | None = None, library: Library | None = None) -> widgets.Widget:
    """The secretariat library on ``NSC_LIBRARY_DB`` (or the given library), for the role in the URL."""
    context = AppContext.from_environment()
    if context.language:
        set_language(context.language)
    try:
        # beside the store the server was started on (NSC_WORKSHOP_DB), as the CLI's library commands
        library = library or open_library(store_url=store.url if store is not None else _to_url(None))
    except NscWorkshopError as exc:
        return widgets.HTML(error_html(exc))
    app = LibraryApp(library, store, secretariat=context.is_facilitator)
    record_id = record_from_query(os.environ.get("QUERY_STRING", ""))
    if record_id:
        app.open_record(record_id)
    return app
