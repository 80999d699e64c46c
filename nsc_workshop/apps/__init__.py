"""Apps: one function per Voilà app, composing widgets."""

from nsc_workshop.apps.context import AppContext
from nsc_workshop.apps.home import home_app

__all__ = ["AppContext", "home_app"]
