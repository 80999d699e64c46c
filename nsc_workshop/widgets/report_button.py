"""The facilitator's "Report" button: the workshop's printable report, built when clicked, offered as a download."""

from __future__ import annotations

import contextvars
import logging
import threading
from collections.abc import Callable

import ipywidgets as widgets

from nsc_workshop.errors import NscWorkshopError
from nsc_workshop.i18n import t
from nsc_workshop.model import Workshop
from nsc_workshop.report import workshop_report_html
from nsc_workshop.session import WorkshopSession
from nsc_workshop.widgets._download import download_link
from nsc_workshop.widgets._html import error_html, message_html
from nsc_workshop.widgets._panel import kernel_loop

__all__ = ["ReportButton"]

log = logging.getLogger(__name__)


class ReportButton(widgets.HBox):
    """The "Report" button: builds the HTML report of the session's current workshop and shows a link to download it.

    The report is built only when clicked. In a kernel it is built on a worker
    thread (its figures are drawn on their own Agg canvases, no pyplot), so the
    page stays live meanwhile; the status says how many figures are drawn, and
    the button waits. Figures already drawn for the same state of the workshop
    are reused: a second click on an unchanged workshop is immediate.
    """

    def __init__(self, session: WorkshopSession) -> None:
        self.session = session
        self.button = widgets.Button(
            description=t("report.button"),
            icon="file-text",
            tooltip=t("report.button.tooltip"),
            layout=widgets.Layout(width="auto"),
        )
        self.status = widgets.HTML()
        self.link = widgets.HTML()
        self.worker: threading.Thread | None = None
        self.button.on_click(lambda _: self.click())
        super().__init__([self.button, self.status, self.link], layout=widgets.Layout(align_items="center"))
        self.add_class("nsc-report")

    def click(self) -> None:
        """Build the report: on a worker thread in a kernel (the page stays live), else at once."""
        loop = kernel_loop()
        if loop is None:
            self.build()
            return
        if self.worker is not None and self.worker.is_alive():
            return
        workshop = self._start()
        here = contextvars.copy_context()  # the page's language for the messages posted back

        def post(callback: Callable[..., object], *args: object) -> None:
            loop.call_soon_threadsafe(callback, *args, context=here)

        def work() -> None:
            try:
                page = workshop_report_html(workshop, progress=lambda done, total: post(self._progress, done, total))
            except Exception as exc:  # a report that fails must not break the page
                post(self._failed, exc)
            else:
                post(self._finish, workshop, page)

        self.worker = threading.Thread(target=here.copy().run, args=(work,), name="nsc-report", daemon=True)
        self.worker.start()

    def build(self) -> str | None:
        """Build the report now, in this thread; returns the download's file name (None if it failed)."""
        workshop = self._start()
        try:
            page = workshop_report_html(workshop, progress=self._progress)
        except Exception as exc:
            self._failed(exc)
            return None
        return self._finish(workshop, page)

    def _start(self) -> Workshop:
        self.button.disabled = True
        self.link.value = ""
        self.status.value = message_html("info", t("report.preparing"))
        return self.session.workshop

    def _progress(self, done: int, total: int) -> None:
        self.status.value = message_html("info", t("charts.report.progress", done=done, total=total))

    def _failed(self, exc: Exception) -> None:
        if isinstance(exc, NscWorkshopError):
            self.status.value = error_html(exc)
        else:
            log.error("building the report of %s failed", self.session.workshop_id, exc_info=exc)
            self.status.value = error_html(NscWorkshopError())
        self.button.disabled = False

    def _finish(self, workshop: Workshop, page: str) -> str:
        name = f"{workshop.id}-report.html"
        self.link.value = download_link(name, page.encode("utf-8"))
        self.status.value = message_html("ok", t("report.ready"))
        self.button.disabled = False
        return name
