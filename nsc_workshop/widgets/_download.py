"""A download link for a file made in the kernel: the bytes travel in the link itself."""

from __future__ import annotations

import base64

from nsc_workshop.i18n import t
from nsc_workshop.widgets._html import esc

__all__ = ["MEDIA_TYPES", "download_link"]

MEDIA_TYPES = {
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".csv": "text/csv",
    ".json": "application/json",
    ".gexf": "application/xml",
    ".graphml": "application/xml",
    ".zip": "application/zip",
    ".prsm": "application/octet-stream",
    ".png": "image/png",
    ".html": "text/html",
    ".pdf": "application/pdf",
}


def download_link(name: str, data: bytes, media_type: str | None = None) -> str:
    """``<a download>`` for ``data`` saved as ``name`` (name escaped; content base64 in a data: URL)."""
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    media = media_type or MEDIA_TYPES.get(suffix, "application/octet-stream")
    href = f"data:{media};base64,{base64.b64encode(data).decode('ascii')}"
    return f"<a class='nsc-download' download='{esc(name)}' href='{href}'>{esc(t('files.download', name=name))}</a>"
