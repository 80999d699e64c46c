"""nsc_workshop: co-creation workshop kit for the Nordic Safe Cities alliance.

>>> import nsc_workshop
>>> store = nsc_workshop.open_store("sqlite://")
>>> wid = store.create_workshop("Hate online", "Varnholm", "Norway", workshop_id="hate-online")
>>> session = nsc_workshop.open_session(store, wid, participant="facilitator")
>>> _ = session.add_actor("Varnholm youth club", sector="youth_work")
>>> len(store.load(wid).actors)
1
"""

from nsc_workshop._version import __version__
from nsc_workshop.bundle import export_bundle, import_bundle, read_bundle, write_bundle
from nsc_workshop.errors import (
    BlobNotFound,
    BundleError,
    Conflict,
    EventNotApplicable,
    ExportError,
    HandleTaken,
    ImportFormatError,
    InvalidCommand,
    InvalidInput,
    InvalidOption,
    ItemNotFound,
    NotFound,
    NothingToUndo,
    NotPermitted,
    NscWorkshopError,
    PrivacyError,
    Problem,
    PublishRefused,
    RecordNotFound,
    ServeError,
    StoreError,
    WorkshopExists,
    WorkshopNotFound,
)
from nsc_workshop.events import Event
from nsc_workshop.graph import to_networkx
from nsc_workshop.i18n import t
from nsc_workshop.model import Actor, Idea, Tie, Vote, Workshop, WorkshopMeta
from nsc_workshop.session import WorkshopSession, open_session
from nsc_workshop.store import Store, WorkshopSummary, open_store

__all__ = [
    "Actor",
    "BlobNotFound",
    "BundleError",
    "Conflict",
    "Event",
    "EventNotApplicable",
    "ExportError",
    "HandleTaken",
    "Idea",
    "ImportFormatError",
    "Insights",
    "InvalidCommand",
    "InvalidInput",
    "InvalidOption",
    "ItemNotFound",
    "NotFound",
    "NotPermitted",
    "NothingToUndo",
    "NscWorkshopError",
    "PrivacyError",
    "Problem",
    "PublishRefused",
    "RecordNotFound",
    "ServeError",
    "Store",
    "StoreError",
    "Tie",
    "Vote",
    "Workshop",
    "WorkshopExists",
    "WorkshopMeta",
    "WorkshopNotFound",
    "WorkshopSession",
    "WorkshopSummary",
    "__version__",
    "export_bundle",
    "import_bundle",
    "insights",
    "open_session",
    "open_store",
    "read_bundle",
    "t",
    "to_networkx",
    "write_bundle",
]


def __getattr__(name: str) -> object:
    # The analysis stack (igraph, numpy) loads on first use, not with every import.
    if name in ("insights", "Insights"):
        from nsc_workshop import analysis

        return getattr(analysis, name)
    raise AttributeError(f"module 'nsc_workshop' has no attribute {name!r}")
