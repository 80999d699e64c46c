"""Bring a map in from Kumu, PRSM, Gephi or a spreadsheet, and take it out in any of those formats."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import ipywidgets as widgets

from nsc_workshop.errors import NscWorkshopError, Problem
from nsc_workshop.i18n import t
from nsc_workshop.io import FORMATS, import_map, write_map
from nsc_workshop.io.report import MAX_LISTED, export_notes, import_headline
from nsc_workshop.session import WorkshopSession
from nsc_workshop.widgets._download import download_link
from nsc_workshop.widgets._html import error_html, esc, message_html
from nsc_workshop.widgets._panel import Panel
from nsc_workshop.widgets._upload import uploaded_bytes

__all__ = ["MapFiles"]

_EXPORTS = ("kumu-xlsx", "kumu-json", "prsm", "prsm-xlsx", "gexf", "graphml", "csv", "excel", "bundle")
_SUFFIX = {"csv": ".zip", "excel": ".xlsx", "bundle": ".json"}


def _safe_name(name: str) -> str:
    """An uploaded file's name, reduced to a harmless file name with its extension."""
    stem, dot, suffix = Path(name).name.rpartition(".")
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", stem or suffix)[:60].strip("-") or "upload"
    suffix = re.sub(r"[^A-Za-z0-9]+", "", suffix)[:10] if dot else ""
    return f"{stem}.{suffix}" if suffix else stem


class MapFiles(Panel):
    """Upload a map file to add its actors and ties (once: re-importing adds nothing); download the map."""

    def __init__(self, session: WorkshopSession) -> None:
        self.upload = widgets.FileUpload(
            accept=".xlsx,.json,.prsm,.gexf,.graphml,.csv,.zip", multiple=False, description=t("files.choose")
        )
        self.import_button = widgets.Button(description=t("files.import"), icon="upload")
        self.format = widgets.Dropdown(
            options=[(FORMATS[f].description, f) for f in _EXPORTS], value="kumu-xlsx", description=t("files.format")
        )
        self.export_button = widgets.Button(description=t("files.export"), icon="download")
        self.link = widgets.HTML()
        self.import_button.on_click(lambda _: self.import_file())
        self.export_button.on_click(lambda _: self.export_file())
        intro = widgets.HTML(f"<p>{esc(t('files.intro'))}</p>")
        super().__init__(
            session,
            [intro, widgets.HBox([self.upload, self.import_button]), widgets.HBox([self.format, self.export_button])],
        )
        self.children = (*self.children, self.message, self.link)
        self.add_class("nsc-map-files")

    def import_file(self) -> bool:
        files = self.upload.value
        if not files:
            self.message.value = message_html("info", t("files.choose_first"))
            return False
        upload = files[0]
        before = self.session.workshop
        warnings: list[Problem] = []
        try:
            with tempfile.TemporaryDirectory(prefix="nsc-upload-") as folder:
                path = Path(folder) / _safe_name(str(upload.get("name", "upload")))
                path.write_bytes(uploaded_bytes(upload))
                import_map(
                    self.session.store,
                    path,
                    into=self.session.workshop_id,
                    participant=self.session.participant,
                    warnings=warnings,
                )
        except NscWorkshopError as exc:
            self.message.value = error_html(exc)
            return False
        finally:
            self.upload.value = ()
        self.session.refresh()  # the import was one command; every view follows
        self.message.value = message_html("ok", import_headline(before, self.session.workshop))
        if warnings:  # what was adapted, each naming its sheet and row or its element
            listed = [str(w) for w in warnings[:MAX_LISTED]]
            if len(warnings) > MAX_LISTED:
                listed.append(t("io.report.more", count=len(warnings) - MAX_LISTED))
            self.message.value += (
                "<div class='nsc-import-adapted' style='max-height:16em;overflow:auto'>"
                + message_html("warning", t("io.warn.summary", count=len(warnings)), listed)
                + "</div>"
            )
        return True

    def export_file(self) -> str | None:
        fmt = self.format.value
        workshop = self.session.workshop
        suffix = _SUFFIX.get(fmt) or FORMATS[fmt].extensions[0]
        name = f"{workshop.id}-{fmt}{suffix}"
        try:
            with tempfile.TemporaryDirectory(prefix="nsc-export-") as folder:
                blobs = self.session.store.blobs_for(workshop) if fmt == "bundle" else None
                path = write_map(workshop, Path(folder) / name, fmt, blobs=blobs)
                data = path.read_bytes()
        except NscWorkshopError as exc:
            self.message.value = error_html(exc)
            return None
        self.link.value = download_link(name, data)
        notes = export_notes(workshop, fmt)  # what a networkx or PRSM user must know about this file
        self.message.value = message_html("info", notes[0], notes[1:]) if notes else ""
        return name
