"""The kit's apps, their notebooks, the roles a page opens in and the variables a served kernel reads.

One list, read by everything that names an app: the server (``serve``, the room's server), the home page,
the frame's links between apps, the command line and the app context. It imports nothing of the kit, so
every layer may read it.

>>> [app.name for app in WORKSHOP_APPS]
['framing', 'mapping', 'sprint']
>>> app_named("mapping").notebook
'02_actor_mapping.ipynb'
>>> ROLES
('facilitator', 'participant', 'projector')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

__all__ = [
    "ALL_NOTEBOOKS",
    "FACILITATOR_KEY_ENV",
    "HOME_NOTEBOOK",
    "LIBRARY_NOTEBOOK",
    "PROJECTOR_KEY_ENV",
    "PROJECTOR_NOTEBOOK",
    "ROLES",
    "ROOM_WORKSHOP_ENV",
    "WORKSHOP_APPS",
    "App",
    "Role",
    "app_named",
]

Role = Literal["facilitator", "participant", "projector"]
"""Who a page is opened for: the facilitator (all controls), a participant, or the room's screen (read only)."""

ROLES: tuple[Role, ...] = get_args(Role)


@dataclass(frozen=True)
class App:
    """One workshop app: its short name (``?app=`` and the CLI), its label's catalog key and its notebook."""

    name: str
    label_key: str
    notebook: str


WORKSHOP_APPS: tuple[App, ...] = (
    App("framing", "app.problem_framing", "01_problem_framing.ipynb"),
    App("mapping", "app.actor_mapping", "02_actor_mapping.ipynb"),
    App("sprint", "app.innovation_sprint", "03_innovation_sprint.ipynb"),
)
"""The workshop apps, in the order a workshop uses them."""

HOME_NOTEBOOK = "00_home.ipynb"
"""The facilitator's home page: create, import and open workshops."""

LIBRARY_NOTEBOOK = "04_secretariat_library.ipynb"
"""The secretariat library (not tied to one workshop)."""

PROJECTOR_NOTEBOOK = "10_projector.ipynb"
"""The room's screen: opened with ``role=projector`` (and the projector's key)."""

ALL_NOTEBOOKS: tuple[str, ...] = (
    HOME_NOTEBOOK,
    *(app.notebook for app in WORKSHOP_APPS),
    LIBRARY_NOTEBOOK,
    PROJECTOR_NOTEBOOK,
)
"""Every notebook the kit ships, home first."""

FACILITATOR_KEY_ENV = "NSC_FACILITATOR_KEY"
"""Where the kernels read the facilitator's key; unset or empty: no key (see :mod:`nsc_workshop.apps.context`)."""

PROJECTOR_KEY_ENV = "NSC_PROJECTOR_KEY"
"""Where the kernels read the projector's key (it opens the projector page of the room's workshop, read only)."""

ROOM_WORKSHOP_ENV = "NSC_ROOM_WORKSHOP"
"""The workshop of the room the server opens (the projector's key opens that workshop only)."""


def app_named(name: str) -> App:
    """The workshop app called ``name`` (``framing``, ``mapping`` or ``sprint``); :class:`KeyError` otherwise."""
    for app in WORKSHOP_APPS:
        if app.name == name:
            return app
    raise KeyError(name)
