"""The facilitator's "Report" button: the workshop's printable report, built when clicked, offered as a download."""

from __future__ import annotations

import logging

import ipywidgets as widgets

from nsc_workshop.errors import NscWorkshopError
from nsc_workshop.i18n import t
from nsc_workshop.report import workshop_report_html
from nsc_workshop.session import WorkshopSession
from nsc_workshop.widgets._download import download_link
from nsc_workshop.widgets._html import error_html, message_html

__all__ = ["REPORT_DPI", "ReportButton"]

log = logging.getLogger(__name__)

REPORT_DPI = 110
"""The figures' resolution in the downloaded report: sharp on paper, and quicker to build than the CLI's 150."""


class ReportButton(widgets.HBox):
    """The "Report" button: builds the HTML report of the session's current workshop and shows a link to download it.

    The report is built only when clicked (it draws a dozen figures: a few
    seconds); "preparing…" shows meanwhile and the button waits.
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
        self.button.on_click(lambda _: self.build())
        super().__init__([self.button, self.status, self.link], layout=widgets.Layout(align_items="center"))
        self.add_class("nsc-report")

    def build(self) -> str | None:
        """Build the report now; returns the download's file name (None if it failed)."""
        self.button.disabled = True
        self.link.value = ""
        self.status.value = message_html("info", t("report.preparing"))
        try:
            workshop = self.session.workshop
            page = workshop_report_html(workshop, dpi=REPORT_DPI)
        except NscWorkshopError as exc:
            self.status.value = error_html(exc)
            return None
        except Exception:  # a report that fails must not break the page
            log.exception("building the report of %s failed", self.session.workshop_id)
            self.status.value = error_html(NscWorkshopError())
            return None
        finally:
            self.button.disabled = False
        name = f"{workshop.id}-report.html"
        self.link.value = download_link(name, page.encode("utf-8"))
        self.status.value = message_html("ok", t("report.ready"))
        return name
