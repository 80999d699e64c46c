"""The secretariat library: published records, search, aggregation and open data.

A workshop becomes a :class:`LibraryRecord` through :func:`preview_publication`
(what would leave, what is kept back) and :func:`build_record`; the record goes
into a :class:`Library` (its own database, :func:`open_library`), where it is
searched, compared with similar cases and aggregated across cities.
"""

from nsc_workshop.library.db import Library, RecordSummary, SearchHit, SimilarCase, open_library, read_record
from nsc_workshop.library.publish import PublicationPreview, build_record, preview_publication, record_id_of
from nsc_workshop.library.record import LibraryRecord

__all__ = [
    "Library",
    "LibraryRecord",
    "PublicationPreview",
    "RecordSummary",
    "SearchHit",
    "SimilarCase",
    "build_record",
    "open_library",
    "preview_publication",
    "read_record",
    "record_id_of",
]
