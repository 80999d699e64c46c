"""Apps: one function per Voilà app, composing widgets."""

from nsc_workshop.apps.actor_mapping import actor_mapping_app
from nsc_workshop.apps.context import AppContext
from nsc_workshop.apps.home import home_app
from nsc_workshop.apps.innovation_sprint import innovation_sprint_app
from nsc_workshop.apps.library import library_app
from nsc_workshop.apps.problem_framing import problem_framing_app
from nsc_workshop.apps.projector import projector_app

__all__ = [
    "AppContext",
    "actor_mapping_app",
    "home_app",
    "innovation_sprint_app",
    "library_app",
    "problem_framing_app",
    "projector_app",
]
