"""QR codes of the links handed to a room, for the terminal and as PNG files (with segno, pure Python).

>>> text = qr_text("http://192.168.1.23:8866/voila/render/03_innovation_sprint.ipynb?workshop=demo")
>>> len(text.splitlines()) > 20 and set(text) <= set(" ▀▄█\\n")
True
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import segno

__all__ = ["qr_code", "qr_text", "save_qr_png"]


def qr_code(data: str) -> segno.QRCode:
    """A QR code (never a Micro QR) with medium error correction, as phone cameras read best."""
    return segno.make_qr(data, error="m", boost_error=True)


def qr_text(data: str) -> str:
    """The QR code as text blocks (two modules a line) with its quiet zone.

    Light modules are drawn as blocks: on a dark terminal the code reads as
    dark on light, as printed codes do; phone cameras also read the inverse.
    """
    out = io.StringIO()
    qr_code(data).terminal(out=out, compact=True)
    return out.getvalue()


def save_qr_png(data: str, path: Path, scale: int = 10) -> Path:
    """Write the QR code as a PNG (``scale`` pixels a module, black on white), readable only by its owner.

    The links carry the room's access token, so the file is made ``0600``.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        qr_code(data).save(out, kind="png", scale=scale, border=4, dark="#000", light="#fff")
    return path
