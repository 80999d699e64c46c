"""A file from an ``ipywidgets.FileUpload``, refused with a clear message when it is too large."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from nsc_workshop.bundle import MAX_BUNDLE_BYTES
from nsc_workshop.errors import BundleError

__all__ = ["uploaded_bytes"]


def uploaded_bytes(upload: Mapping[str, Any], limit: int = MAX_BUNDLE_BYTES) -> bytes:
    """The content of one uploaded file (an item of ``FileUpload.value``); over ``limit`` bytes it is refused."""
    if upload.get("size", 0) > limit:
        raise BundleError("error.bundle.too_large", size_mb=round(upload["size"] / 2**20, 1), limit_mb=limit // 2**20)
    return bytes(upload["content"])
