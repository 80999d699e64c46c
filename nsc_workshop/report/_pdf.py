"""The report as PDF: headless Chromium prints the HTML page (no other converter is needed)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from nsc_workshop.errors import InvalidInput, NscWorkshopError
from nsc_workshop.io._base import replace_file
from nsc_workshop.model import Workshop
from nsc_workshop.report._html import workshop_report_html

__all__ = ["BROWSER_ENV", "BROWSER_NAMES", "PDF_TIMEOUT_S", "find_browser", "html_to_pdf", "write_report"]

BROWSER_ENV = "NSC_CHROMIUM"
"""An environment variable naming the Chromium to print with (a path or a command), before the usual names."""

BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
"""Commands tried on ``PATH``, in order."""

PDF_TIMEOUT_S = 120.0
"""How long Chromium may take to print the report."""

_CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--no-pdf-header-footer",
)


def find_browser() -> str | None:
    """The Chromium (or Chrome) to print with: ``$NSC_CHROMIUM``, else the first of :data:`BROWSER_NAMES` on PATH."""
    chosen = os.environ.get(BROWSER_ENV)
    if chosen:
        return chosen if Path(chosen).is_file() else shutil.which(chosen)
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def html_to_pdf(html: str, path: str | os.PathLike[str], *, timeout: float = PDF_TIMEOUT_S) -> Path:
    """Print ``html`` (a self-contained page) to the PDF file ``path`` with headless Chromium.

    Raises
    ------
    NscWorkshopError
        ``report.error.no_browser`` when no Chromium is found, ``report.error.pdf_failed``
        when it fails or takes longer than ``timeout`` seconds.
    """
    target = Path(path)
    browser = find_browser()
    if browser is None:
        raise NscWorkshopError("report.error.no_browser")
    with tempfile.TemporaryDirectory(prefix="nsc-report-") as folder:
        page = Path(folder) / "report.html"
        page.write_text(html, "utf-8")
        out = Path(folder) / "report.pdf"
        command = [
            browser,
            *_CHROMIUM_FLAGS,
            f"--user-data-dir={Path(folder) / 'profile'}",
            f"--print-to-pdf={out}",
            page.as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise NscWorkshopError("report.error.pdf_failed", detail=f"timeout after {timeout:.0f} s") from None
        except OSError as exc:
            raise NscWorkshopError("report.error.pdf_failed", detail=exc.strerror or str(exc)) from None
        if not out.is_file() or out.stat().st_size == 0:
            detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"exit {done.returncode}"]
            raise NscWorkshopError("report.error.pdf_failed", detail=detail[0][:300])
        replace_file(target, out.read_bytes())
    return target


def report_format(path: str | os.PathLike[str]) -> str:
    """``html`` or ``pdf``, from the file's suffix (``.html``, ``.htm``, ``.pdf``); anything else is refused."""
    suffix = Path(path).suffix.lower()
    if suffix in (".html", ".htm"):
        return "html"
    if suffix == ".pdf":
        return "pdf"
    raise InvalidInput("report.error.suffix", path=str(path))


def write_report(
    workshop: Workshop, path: str | os.PathLike[str], *, language: str | None = None, workers: int = 1
) -> Path:
    """Write the workshop's report to ``path``: HTML (``.html``) or PDF (``.pdf``, printed by Chromium).

    The file is written whole or not at all (a temporary file, then a rename).
    ``workers`` above 1 draws the figures in that many forked processes where
    this process may fork. One by default; the command line asks for
    :func:`~nsc_workshop.report._html.default_workers` (on an idle two-core
    machine two processes draw the sample's figures in 1.6 s instead of 3.0 s;
    on a machine busy with other work they can be slower: ``report.html`` in
    the benchmarks prints both).
    """
    target = Path(path)
    fmt = report_format(target)
    html = workshop_report_html(workshop, language=language, workers=workers)
    if fmt == "pdf":
        return html_to_pdf(html, target)
    replace_file(target, html.encode("utf-8"))
    return target
