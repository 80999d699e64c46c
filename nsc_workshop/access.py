"""Who the kit runs for, and which workshops that reaches: decided on the server, never by a page.

On a laptop the kit runs for one city, the laptop's: everything in its store is reachable
(:meth:`Scope.laptop`). Hosted for many cities (a JupyterHub), each signed-in person's server
runs for that person alone, and the hub puts who they are in its environment, from the hub's
groups (:meth:`Principal.from_groups`, :meth:`Principal.env`):

``city:<slug>``   the one city the account belongs to (``city:varnholm``)
``facilitator``   runs that city's workshops
``secretariat``   the alliance's secretariat: the library, and no city's workshops

The store reads that environment (:meth:`Scope.from_env`) and then lists, opens, changes,
exports and publishes only the workshops its city owns; a workshop of another city is "not
found", the same answer as a workshop that does not exist.

>>> p = Principal.from_groups("kari", ["city:varnholm", "facilitator"])
>>> p.city, sorted(p.roles), p.scope.reaches("varnholm"), p.scope.reaches("ostervik")
('varnholm', ['facilitator'], True, False)
>>> Principal.from_groups("sam", ["secretariat"]).env()["NSC_CITY"]
'-'
>>> Scope.from_env({}).everything  # no hub: the laptop's own store, one city
True
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from nsc_workshop.errors import NotPermitted

__all__ = [
    "CITY_ENV",
    "CITY_GROUP",
    "CITY_NAME_ENV",
    "NO_CITY",
    "ROLES",
    "ROLES_ENV",
    "USER_ENV",
    "Principal",
    "Scope",
    "check_city",
]

CITY_ENV = "NSC_CITY"
"""The city a server runs for (a slug), ``-`` for none; unset: a laptop, every workshop of its store."""
CITY_NAME_ENV = "NSC_CITY_NAME"
"""The city's name as people write it (``Östervik``), from the deployment file: what the pages show."""
ROLES_ENV = "NSC_ROLES"
USER_ENV = "NSC_USER"
NO_CITY = "-"
CITY_GROUP = "city:"
ROLES = ("facilitator", "secretariat")
"""The roles a hub group may give (a group of another name gives nothing)."""
_CITY_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")


def check_city(city: str) -> str:
    """A city's slug as the hub's groups and the store name it (``varnholm``, ``nordby-east``), else refused."""
    if not isinstance(city, str) or not _CITY_RE.match(city):
        raise NotPermitted("error.access.bad_city", city=str(city)[:80])
    return city


@dataclass(frozen=True)
class Scope:
    """The workshops a store reaches: all of them (a laptop), one city's, or none (the secretariat)."""

    city: str | None = None
    everything: bool = True

    @classmethod
    def laptop(cls) -> Scope:
        """Every workshop of the store: the kit on one city's own computer or server (no hub)."""
        return cls(None, True)

    @classmethod
    def of_city(cls, city: str) -> Scope:
        return cls(check_city(city), False)

    @classmethod
    def nothing(cls) -> Scope:
        """No workshop at all: an account of no city (the secretariat works in the library)."""
        return cls(None, False)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Scope:
        """The scope the hub set for this server (``NSC_CITY``); unset or empty: :meth:`laptop`."""
        value = (os.environ if environ is None else environ).get(CITY_ENV, "").strip()
        if not value:
            return cls.laptop()
        return cls.nothing() if value == NO_CITY else cls.of_city(value)

    def reaches(self, owner: str | None) -> bool:
        """Whether a workshop owned by ``owner`` (a city's slug; None: nobody's yet) is reachable."""
        return self.everything or (self.city is not None and owner == self.city)

    def __str__(self) -> str:
        return "every workshop" if self.everything else (f"city {self.city}" if self.city else "no workshop")


@dataclass(frozen=True)
class Principal:
    """A signed-in account: its hub name, its one city (None for the secretariat) and its roles."""

    name: str
    city: str | None
    roles: frozenset[str]

    @classmethod
    def from_groups(cls, name: str, groups: Iterable[str]) -> Principal:
        """The account the hub's groups describe; an account the kit cannot serve is refused, saying why.

        A facilitator belongs to exactly one city; the secretariat needs none. Least privilege: an
        account with a city but neither role, or in two cities, gets nothing (the hub's admin fixes
        its groups).
        """
        groups = list(groups)
        cities = sorted({check_city(g[len(CITY_GROUP) :]) for g in groups if g.startswith(CITY_GROUP)})
        roles = frozenset(g for g in groups if g in ROLES)
        if len(cities) > 1:
            raise NotPermitted("error.access.several_cities", user=name, cities=", ".join(cities))
        city = cities[0] if cities else None
        if "facilitator" in roles and city is None:
            raise NotPermitted("error.access.no_city", user=name)
        if not roles:
            raise NotPermitted("error.access.no_role", user=name)
        return cls(name, city, roles)

    @property
    def scope(self) -> Scope:
        return Scope.of_city(self.city) if self.city and "facilitator" in self.roles else Scope.nothing()

    def env(self) -> dict[str, str]:
        """What the hub puts in this account's server's environment (read back by :meth:`Scope.from_env`)."""
        scope = self.scope
        return {
            USER_ENV: self.name,
            CITY_ENV: scope.city or NO_CITY,
            ROLES_ENV: ",".join(sorted(self.roles)),
        }
