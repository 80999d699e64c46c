"""Panels an app declares once and makes the first time they are needed.

An app names each of its panels once, in its class body, with the tab it is
shown on and how to make it::

    class ProblemFramingApp(LazyPanels, AppFrame):
        problem = lazy("wickedness", lambda app: ProblemStatement(app.session))
        wickedness = lazy("wickedness", lambda app: WickednessCheck(app.session))
        iceberg = lazy("iceberg", lambda app: IcebergBoard(app.session))

That table is the one place the panels are listed: ``app.problem`` is typed
(``ProblemStatement``) and made on first use, by the tab that shows it or by a
test that reaches it; :meth:`LazyPanels.panels_in` gives a tab's panels in the
order they were declared, to build the tab from; :meth:`LazyPanels.made` says
whether a panel exists yet.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar, cast, overload

__all__ = ["LazyPanel", "LazyPanels", "lazy"]

P = TypeVar("P")


class LazyPanel(Generic[P]):
    """A panel of an app, declared in the app's class body: made by ``make(app)`` on first use, then kept.

    ``heading`` is an optional catalog key an app may show above the panel.
    """

    def __init__(self, tab: str, make: Callable[[Any], P], heading: str | None = None) -> None:
        self.tab = tab
        self.make = make
        self.heading = heading
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, app: None, owner: type | None = None) -> LazyPanel[P]: ...

    @overload
    def __get__(self, app: object, owner: type | None = None) -> P: ...

    def __get__(self, app: object, owner: type | None = None) -> LazyPanel[P] | P:
        if app is None:
            return self
        made = app.__dict__
        if self.name not in made:  # kept in the app's own attributes: the next look-up does not come here
            panel = made[self.name] = self.make(app)
            if isinstance(app, LazyPanels):
                app.panel_made(self.name, panel)
        return cast(P, made[self.name])  # what make() returned


def lazy(tab: str, make: Callable[[Any], P], heading: str | None = None) -> LazyPanel[P]:
    """Declare a panel shown on ``tab``, made by ``make(app)`` the first time it is needed."""
    return LazyPanel(tab, make, heading)


_DECLARED: dict[type, list[LazyPanel[Any]]] = {}


class LazyPanels:
    """What an app whose panels are declared with :func:`lazy` can ask about them."""

    @classmethod
    def declared(cls, tab: str | None = None) -> list[LazyPanel[Any]]:
        """The panels declared (on ``tab``, or all), in the order of the class body (a subclass's after its base's)."""
        every = _DECLARED.get(cls)
        if every is None:  # once per class: a class body does not change
            found: dict[str, LazyPanel[Any]] = {}
            for klass in reversed(cls.__mro__):
                for name, value in vars(klass).items():
                    if isinstance(value, LazyPanel):
                        found[name] = value
            every = _DECLARED[cls] = list(found.values())
        return [p for p in every if tab is None or p.tab == tab]

    def panels_in(self, tab: str) -> list[Any]:
        """The panels of a tab, in declared order, each made now if it was not yet."""
        return [self.panel(declared.name) for declared in self.declared(tab)]

    def panel(self, name: str) -> Any:
        """A declared panel by its name, made on first use."""
        if not any(declared.name == name for declared in self.declared()):
            raise KeyError(name)
        return getattr(self, name)

    def made(self, name: str) -> bool:
        """Whether the panel ``name`` has been made yet."""
        return name in self.__dict__

    def panel_made(self, name: str, panel: Any) -> None:
        """Called once, when a panel has just been made (by its tab, or by anything that reached it)."""
