"""An image that reports clicks as (x, y) in 0-1 and shows stickers: the decide step's heat map."""

from __future__ import annotations

import base64
from collections.abc import Callable
from pathlib import Path
from typing import Any

import anywidget
import traitlets

__all__ = ["ClickableImage"]


class ClickableImage(anywidget.AnyWidget):
    """``on_click(callback)`` gets ``(x, y)``; :meth:`show` sets the picture and the stickers."""

    _esm = Path(__file__).with_name("clickable_image.js")
    src = traitlets.Unicode("").tag(sync=True)
    points: traitlets.List[list[float]] = traitlets.List().tag(sync=True)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._callbacks: list[Callable[[float, float], Any]] = []
        self.on_msg(self._message)

    def show(self, data: bytes, media_type: str, points: list[tuple[float, float]]) -> None:
        self.src = f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}" if data else ""
        self.points = [[round(x, 4), round(y, 4)] for x, y in points]

    def on_click(self, callback: Callable[[float, float], Any]) -> None:
        self._callbacks.append(callback)

    def click(self, x: float, y: float) -> None:
        """What a click at (x, y) does (tests call this as the browser would)."""
        for callback in self._callbacks:
            callback(min(1.0, max(0.0, x)), min(1.0, max(0.0, y)))

    def _message(self, _widget: Any, content: dict[str, Any], _buffers: Any) -> None:
        if content.get("event") == "click":
            self.click(float(content.get("x", 0)), float(content.get("y", 0)))
