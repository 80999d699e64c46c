"""The printable workshop report: one self-contained HTML page, or a PDF printed from it by Chromium.

>>> from nsc_workshop.datasets import load_sample
>>> page = workshop_report_html(load_sample(), dpi=30)
>>> page.count("<section")
7
"""

from nsc_workshop.report._html import DPI, SECTIONS, report_language, workshop_report_html
from nsc_workshop.report._pdf import find_browser, html_to_pdf, report_format, write_report

__all__ = [
    "DPI",
    "SECTIONS",
    "find_browser",
    "html_to_pdf",
    "report_format",
    "report_language",
    "workshop_report_html",
    "write_report",
]
