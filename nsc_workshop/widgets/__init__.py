"""Widgets: thin ipywidgets views over a store or a session. One file per widget."""

from nsc_workshop.widgets.bundle_import import BundleImport
from nsc_workshop.widgets.new_workshop import NewWorkshopForm
from nsc_workshop.widgets.workshop_list import WorkshopList

__all__ = ["BundleImport", "NewWorkshopForm", "WorkshopList"]
