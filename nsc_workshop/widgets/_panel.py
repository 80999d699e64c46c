"""The base of the views over a session: refresh on change, but only while shown."""

from __future__ import annotations

import asyncio
import io
import time
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from html import escape
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

import ipywidgets as widgets

from nsc_workshop.errors import NscWorkshopError
from nsc_workshop.i18n import t
from nsc_workshop.session import WorkshopSession
from nsc_workshop.widgets._html import error_html, message_html

if TYPE_CHECKING:
    from nsc_workshop.library import Library, LibraryRecord

__all__ = [
    "CHART_FORMAT",
    "Changes",
    "Panel",
    "Syncing",
    "View",
    "chart_layout",
    "figure_png",
    "figure_svg",
    "kernel_loop",
    "library_changes",
    "loading_svg",
]

_NOTHING = object()
W = TypeVar("W", bound=widgets.Widget)
R = TypeVar("R")

REDRAW_SECONDS = 1.0
"""On a live page, a chart already shown is redrawn at most once in this time, after the rest of the page.

Everyone's page in the room redraws at once when anyone changes something:
ten scores given within a second cost each page one or two drawings, not ten,
and the rows, counts and texts people are watching go out first.
"""


CHART_FORMAT = "png"
"""The format of the charts :meth:`Panel.picture` draws: ``png`` (at 90 dpi) or ``svg`` (vector, about three times
quicker to make). The widget tests of the apps look for PNG; flip this (and them) to serve SVG."""


def figure_png(figure: Any, dpi: int = 90) -> bytes:
    """A matplotlib Figure as PNG bytes, at its own size (the figures are laid out for their page: no trimming,
    which would cost a second drawing)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def figure_svg(figure: Any) -> bytes:
    """A matplotlib Figure as SVG bytes, texts kept as ``<text>`` (escaped by matplotlib; shown through an ``<img>``,
    nothing in it can run)."""
    import matplotlib

    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "nsc-chart"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


@cache
def _loading_svg(label: str) -> bytes:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="420" height="64" viewBox="0 0 420 64">'
        "<style>.nsc-wait{opacity:0;animation:nsc-show .15s linear .3s forwards}"
        ".nsc-turn{transform-origin:24px 32px;animation:nsc-spin .9s linear infinite}"
        "@keyframes nsc-show{to{opacity:1}}@keyframes nsc-spin{to{transform:rotate(360deg)}}</style>"
        '<g class="nsc-wait" id="nsc-loading">'
        '<circle cx="24" cy="32" r="13" fill="none" stroke="#d4dae0" stroke-width="4"/>'
        '<path class="nsc-turn" d="M24 19a13 13 0 0 1 13 13" fill="none" stroke="#0b5cad" stroke-width="4"'
        ' stroke-linecap="round"/>'
        f'<text x="48" y="37" font-family="sans-serif" font-size="15" fill="#333">{escape(label)}</text>'
        "</g></svg>"
    ).encode()


def loading_svg() -> bytes:
    """The placeholder of a chart being drawn: a spinner and "Drawing the chart…", in the page's language.

    It shows only if the drawing takes longer than 0.3 s (a CSS animation delay
    inside the SVG, which runs in an ``<img>`` as no script would).
    """
    return _loading_svg(t("charts.loading"))


def chart_layout(image: widgets.Image) -> None:
    """Show a chart at its drawn size: never wider than its box, never stretched, its proportions kept.

    A flex column stretches its children across by default, which pulled the
    grid's picture wide and blurry; a layout the view set itself is kept.
    """
    layout = image.layout
    if layout.max_width is None:
        layout.max_width = "100%"
    if layout.height is None:
        layout.height = "auto"
    if layout.align_self is None:
        layout.align_self = "flex-start"
    if layout.object_fit is None:
        layout.object_fit = "contain"
    image.add_class("nsc-chart")


class Syncing:
    """Whether a view is writing the model's values into its own inputs, so that their observers let it pass.

    A view that fills a text box from the workshop must not save that text back
    as if someone had typed it. Write the values inside ``with self.syncing():``
    and begin each observer with ``if self.syncing: return``:

    >>> syncing = Syncing()
    >>> with syncing():
    ...     inside = bool(syncing)
    >>> inside, bool(syncing)
    (True, False)

    It nests (an inner block does not end an outer one) and is down again
    after an error inside the block.
    """

    __slots__ = ("_depth",)

    def __init__(self) -> None:
        self._depth = 0

    def __bool__(self) -> bool:
        return self._depth > 0

    @contextmanager
    def __call__(self) -> Iterator[None]:
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1


T = TypeVar("T")
Listener = Callable[[Sequence[T]], None]


class Changes(Generic[T]):
    """Who to tell after something changed: ``subscribe(listener)``, then ``notify(changes)`` calls each listener.

    The session tells its views this way (``session.subscribe``); the library's
    widgets are told of a published record through :func:`library_changes`.

    >>> changes: Changes[str] = Changes()
    >>> heard: list[str] = []
    >>> stop = changes.subscribe(heard.extend)
    >>> changes.notify(["rec-00001"]); stop(); changes.notify(["rec-00002"])
    >>> heard
    ['rec-00001']
    """

    def __init__(self) -> None:
        self._listeners: list[Listener[T]] = []

    def subscribe(self, listener: Listener[T]) -> Callable[[], None]:
        """Call ``listener(changes)`` after each change, in the order of subscription; returns an unsubscribe."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def notify(self, changes: Sequence[T]) -> None:
        for listener in list(self._listeners):
            listener(changes)


_LIBRARY_CHANGES: weakref.WeakKeyDictionary[Library, Changes[LibraryRecord]] = weakref.WeakKeyDictionary()


def library_changes(library: Library) -> Changes[LibraryRecord]:
    """The records published to ``library`` from this kernel, told to every widget over it that follows them."""
    found = _LIBRARY_CHANGES.get(library)
    if found is None:
        found = _LIBRARY_CHANGES[library] = Changes()
    return found


class View(widgets.VBox):
    """A widget over something that changes (a workshop session, the library): one way to learn about changes.

    A view :meth:`follow` s a source of changes: after each change it redraws
    (:meth:`refresh`), or, when it is not on screen, only marks itself stale and
    catches up when :meth:`show` is called, so a change costs only the views
    people can see. Views redraw in the order they began to follow. While
    :meth:`refresh` writes the model's values into the view's inputs it does so
    inside ``with self.syncing():``, and the inputs' observers let it pass.
    """

    children: Sequence[widgets.Widget]
    """The widgets shown, in order (ipywidgets' trait; declared for the type checker, which cannot see it)."""

    shown = True
    _stale = True

    @property
    def syncing(self) -> Syncing:
        """Up while the view writes the model into its own inputs (made on first use: a subclass may fill its
        inputs before calling ``super().__init__``)."""
        found = self.__dict__.get("_syncing")
        if found is None:
            found = self.__dict__["_syncing"] = Syncing()
        return found

    def follow(self, subscribe: Callable[[Listener[Any]], Callable[[], None]]) -> None:
        """Learn about every change ``subscribe`` reports (``session.subscribe``, ``library_changes(x).subscribe``)."""
        self.unsubscribe = subscribe(self.changed)

    def changed(self, changes: Sequence[Any]) -> None:
        if self.shown:
            self.refresh()
        else:
            self._stale = True

    def show(self) -> None:
        self.shown = True
        if self._stale:
            self.refresh()

    def hide(self) -> None:
        self.shown = False

    def refresh(self) -> None:
        """Redraw from the model; subclasses extend this."""
        self._stale = False


class Panel(View):
    """A view of a workshop session (see :class:`View`), with rows reused across redraws and charts drawn lazily."""

    deferred: list[Callable[[], None]] | None = None
    """While a page is being opened in a kernel, the first drawings of its charts wait here.

    The page's inputs are usable before its charts are drawn (0.1-0.3 s each):
    :class:`~nsc_workshop.widgets.app_frame.AppFrame` draws them once the page
    shows in the browser. ``None`` (always, outside a kernel): draw at once.
    """

    def __init__(self, session: WorkshopSession, children: Sequence[widgets.Widget] = (), **kwargs: object) -> None:
        super().__init__(list(children), **kwargs)
        self.session = session
        self.message = widgets.HTML()
        self.shown = True
        self._stale = True
        self.ok = True
        self._rows: dict[str, dict[str, tuple[Any, widgets.Widget]]] = {}
        self._drawn: dict[str, Any] = {}
        self._waiting: dict[str, tuple[Any, Callable[[], Any], int]] = {}
        self._last_drawing: dict[str, float] = {}
        self.follow(session.subscribe)

    def reuse(self, cache: str, key: str, fingerprint: Any, make: Callable[[], W]) -> W:
        """The row for ``key``: the one made before while its ``fingerprint`` is the same, else a new one.

        Reusing rows keeps a redraw cheap (only changed rows travel to the
        browser) and keeps what someone is typing in a row that did not change.
        Call :meth:`forget_others` after a redraw to close the rows no longer shown.
        """
        rows = self._rows.setdefault(cache, {})
        found = rows.get(key)
        if found is not None and found[0] == fingerprint:
            return cast(W, found[1])  # the row make() made for this cache and key
        if found is not None:
            _close_tree(found[1])
        widget = make()
        rows[key] = (fingerprint, widget)
        return widget

    def forget_others(self, cache: str, keep: Iterable[str]) -> None:
        """Close and forget the cached rows whose keys are not in ``keep``."""
        rows = self._rows.get(cache, {})
        kept = set(keep)
        for key in [k for k in rows if k not in kept]:
            _close_tree(rows.pop(key)[1])

    def picture(self, image: widgets.Image, inputs: Any, draw: Callable[[], Any], dpi: int = 90) -> None:
        """Put the figure ``draw()`` makes into ``image``, unless ``inputs`` are those of the last drawing.

        A chart takes 0.1 s or more to draw, and a live page redraws at every
        change anyone makes: a vote must not redraw the scores' charts. Pass the
        parts of the workshop the chart is made from; the model is immutable and
        copy-on-write, so unchanged parts are the very same objects and compare
        at no cost. On a live page (in a kernel) a chart already shown is
        redrawn at most once in :data:`REDRAW_SECONDS`, with the newest inputs.
        """
        key = image.model_id
        if key in self._waiting:  # a drawing is due already: it will draw these inputs
            self._waiting[key] = (inputs, draw, dpi)
            return
        if self._drawn.get(key, _NOTHING) == inputs:
            return
        shown = key in self._drawn
        if not shown:  # nothing shown yet: the loading sign, sent before the kernel starts drawing
            self._loading_sign(image)
        later = Panel.deferred
        if later is not None and not shown:  # a page being opened: its charts come once it is up
            self._waiting[key] = (inputs, draw, dpi)
            later.append(lambda: self._draw_waiting(image))
            return
        loop = kernel_loop() if shown else None
        if loop is not None:
            wait = self._last_drawing.get(key, float("-inf")) + REDRAW_SECONDS - time.monotonic()
            self._waiting[key] = (inputs, draw, dpi)
            loop.call_later(max(wait, 0.0), self._draw_waiting, image)
            return
        self._draw_chart(image, inputs, draw, dpi)

    def _loading_sign(self, image: widgets.Image) -> None:
        chart_layout(image)
        placeholder = loading_svg()
        if bytes(image.value or b"") != placeholder:
            with image.hold_sync():
                image.format = "svg+xml"
                image.value = placeholder

    def _draw_chart(self, image: widgets.Image, inputs: Any, draw: Callable[[], Any], dpi: int) -> None:
        figure = draw()
        data = figure_svg(figure) if CHART_FORMAT == "svg" else figure_png(figure, dpi)
        with image.hold_sync():
            image.format = "svg+xml" if CHART_FORMAT == "svg" else "png"
            image.value = data
        self._drawn[image.model_id] = inputs
        self._last_drawing[image.model_id] = time.monotonic()

    def _draw_waiting(self, image: widgets.Image) -> None:
        waiting = self._waiting.pop(image.model_id, None)
        if waiting is None or image.comm is None:  # drawn, or closed meanwhile
            return
        if not self.shown:  # hidden meanwhile: redrawn when shown again
            self._stale = True
            return
        inputs, draw, dpi = waiting
        if self._drawn.get(image.model_id, _NOTHING) != inputs:
            self._draw_chart(image, inputs, draw, dpi)

    def run(self, action: str, command: Callable[..., R], *args: object, **kwargs: object) -> R | None:
        """Run a session command; show its error (naming the field) instead of raising.

        Returns the command's result (None when it failed); :attr:`ok` says whether it succeeded.
        """
        try:
            result = command(*args, **kwargs)
        except NscWorkshopError as exc:
            self.message.value = error_html(exc)
            self.ok = False
            return None
        self.message.value = message_html("ok", action) if action else ""
        self.ok = True
        return result


def kernel_loop() -> asyncio.AbstractEventLoop | None:
    """The event loop of the Jupyter kernel this runs in (between cells), or None outside a kernel."""
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    kernel = getattr(get_ipython(), "kernel", None)
    loop = getattr(getattr(kernel, "io_loop", None), "asyncio_loop", None)
    return loop if isinstance(loop, asyncio.AbstractEventLoop) else None


def _close_tree(widget: widgets.Widget) -> None:
    """Close a widget and everything in it (frees their models in the kernel and the browser)."""
    for child in getattr(widget, "children", ()):
        _close_tree(child)
    widget.close()
