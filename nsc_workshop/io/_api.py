"""Reading, writing and importing actor maps in every format."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from nsc_workshop._validation import _plain
from nsc_workshop.bundle import read_bundle, read_bundle_with_blobs, write_bundle
from nsc_workshop.errors import NscWorkshopError, Problem
from nsc_workshop.i18n import t
from nsc_workshop.io import excel, gephi_csv, gexf, graphml, kumu, prsm
from nsc_workshop.io._base import (
    Adaptation,
    ExportError,
    ImportFormatError,
    MapData,
    RawMap,
    build_map,
    clean_title,
    new_workshop_id,
    read_bytes,
)
from nsc_workshop.io._detect import detect_format
from nsc_workshop.io._merge import merge_items
from nsc_workshop.model import Workshop
from nsc_workshop.model._types import WORKSHOP_ID_RE
from nsc_workshop.session import open_session

if TYPE_CHECKING:
    from nsc_workshop.store import Store

__all__ = ["FORMATS", "MapFormat", "import_map", "read_map", "write_map"]

log = logging.getLogger(__name__)

UNKNOWN_PLACE = "Unknown"


@dataclass(frozen=True)
class MapFormat:
    """A map format: its id, the file extensions it uses, and a description (translated)."""

    id: str
    extensions: tuple[str, ...]

    @property
    def description(self) -> str:
        return t(f"io.format.{self.id}")


_LIST: tuple[MapFormat, ...] = (
    MapFormat("bundle", (".json",)),
    MapFormat("kumu-xlsx", (".xlsx",)),
    MapFormat("kumu-json", (".json",)),
    MapFormat("prsm", (".prsm",)),
    MapFormat("prsm-xlsx", (".xlsx",)),
    MapFormat("gexf", (".gexf",)),
    MapFormat("graphml", (".graphml",)),
    MapFormat("csv", (".zip", "")),
    MapFormat("excel", (".xlsx",)),
)
FORMATS: Mapping[str, MapFormat] = MappingProxyType({f.id: f for f in _LIST})
"""The formats by id: ``FORMATS["gexf"].description``, ``FORMATS["gexf"].extensions``.

``csv`` is a pair of tables given as a ``.zip`` or a folder (extension ``""``).
"""

_Reader = Callable[[Path, bytes], RawMap]
_READERS: dict[str, _Reader] = {
    "kumu-xlsx": kumu.read_kumu_xlsx,
    "kumu-json": kumu.read_kumu_json,
    "prsm": prsm.read_prsm,
    "prsm-xlsx": prsm.read_prsm_xlsx,
    "gexf": gexf.read_gexf,
    "graphml": graphml.read_graphml,
    "csv": gephi_csv.read_csv_pair,
    "excel": excel.read_excel,
}
_WRITERS: dict[str, Callable[[Workshop, Path], Path]] = {
    "bundle": write_bundle,
    "kumu-xlsx": kumu.write_kumu_xlsx,
    "kumu-json": kumu.write_kumu_json,
    "prsm": prsm.write_prsm,
    "prsm-xlsx": prsm.write_prsm_xlsx,
    "gexf": gexf.write_gexf,
    "graphml": graphml.write_graphml,
    "csv": gephi_csv.write_csv_pair,
    "excel": excel.write_excel,
}


def _check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise ImportFormatError("io.error.unknown_format_id", format=str(fmt)[:40], known=", ".join(FORMATS))
    return fmt


def read_map_data(path: str | os.PathLike[str], fmt: str | None = None, *, strict: bool = False) -> MapData:
    """The valid actors and ties of a map file, with the metadata it holds and what was adapted (``warnings``)."""
    target = Path(path)
    fmt = _check_format(fmt or detect_format(target))
    if fmt == "bundle":
        workshop = read_bundle(target)
        return MapData(
            actors=list(workshop.actors.values()),
            ties=list(workshop.ties.values()),
            file_tie_ids=frozenset(workshop.ties),
            title=workshop.meta.title,
            workshop_id=workshop.id,
            workshop=workshop,
        )
    data = b"" if fmt == "csv" and target.is_dir() else read_bytes(target)
    try:
        raw = _READERS[fmt](target, data)
    except NscWorkshopError:
        raise
    except Exception as exc:  # a reader meeting a structure it does not expect must not crash an app
        log.exception("reading %s as %s failed", target, fmt)
        detail = f"{type(exc).__name__}: {exc}"[:200]
        raise ImportFormatError("io.error.corrupt", path=target.name, detail=detail) from None
    return build_map(raw, strict=strict)


def _to_workshop(data: MapData, path: Path, *, strict: bool = False) -> Workshop:
    if data.workshop is not None:
        return data.workshop
    title = clean_title(data.title) or clean_title(path.stem if path.suffix else path.name) or t("io.default_title")
    meta: dict[str, Any] = {**data.meta, "title": title}
    for key in ("city", "country"):
        meta[key] = clean_title(meta.get(key)) or UNKNOWN_PLACE
    workshop_id = data.workshop_id
    if not isinstance(workshop_id, str) or not WORKSHOP_ID_RE.match(workshop_id):
        workshop_id = new_workshop_id(title)
    for _ in range(3):
        try:
            return Workshop.model_validate(
                {
                    "id": workshop_id,
                    "meta": meta,
                    "actors": {a.id: a for a in data.actors},
                    "ties": {tie.id: tie for tie in data.ties},
                }
            )
        except ValidationError as exc:
            failure = exc
        problems: list[Problem] = []
        adapted: list[Problem] = []
        for err in failure.errors(include_url=False):
            loc = [str(p) for p in err["loc"]]
            field = loc[1] if len(loc) > 1 and loc[0] == "meta" else ".".join(loc)
            place = data.meta_cols.get(field, f"workshop.{field}")
            if len(loc) > 1 and loc[0] == "meta" and field in meta and field not in ("title", "city", "country"):
                value = str(meta.pop(field))[:40]
                adapted.append(Adaptation(place, t("io.warn.meta_skipped", value=value, field=field, why=_plain(err))))
            else:
                problems.append(Problem(place, _plain(err)))
        if problems or not adapted or strict:
            raise ImportFormatError(problems=[*problems, *adapted]) from None
        data.warnings.extend(adapted)
    raise ImportFormatError(problems=[Problem("workshop", _plain(failure.errors(include_url=False)[0]))])


def read_map(
    path: str | os.PathLike[str],
    fmt: str | None = None,
    *,
    strict: bool = False,
    warnings: list[Problem] | None = None,
) -> Workshop:
    """A new workshop holding the actors and ties of a map file.

    Parameters
    ----------
    path
        The file, or the folder of a CSV pair.
    fmt
        A format id (see :data:`FORMATS`); detected from the content when None.
    strict
        Refuse the file when anything in it would be adapted (see ``warnings``).
    warnings
        A list that receives what was adapted, as the peer tool would have
        taken it: each an :class:`~nsc_workshop.io.Adaptation` naming the
        sheet and row (or the element, the node) and what was done (kept as a
        custom attribute, merged, created, mapped, skipped).

    Returns
    -------
    Workshop
        A workshop (not stored) with the file's actors and ties, their ids
        kept where the file has valid ones. The title comes from the file
        (Kumu's map name, PRSM's map title...) or from the file name; city and
        country are "Unknown" unless the file says. A bundle gives its whole
        workshop, our Excel workbook its id and metadata too.

    Raises
    ------
    ImportFormatError
        The file is not what it says (corrupt, too large, not a map), or
        ``strict`` and something would be adapted; ``problems`` lists every
        problem at once, each naming the sheet, row and column (or the node,
        or the JSON path).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from nsc_workshop.testing import make_workshop
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> path = write_map(make_workshop(actors=4, ties=3), folder / "map.gexf", "gexf")
    >>> ws = read_map(path)
    >>> len(ws.actors), len(ws.ties), ws.meta.city
    (4, 3, 'Unknown')
    """
    target = Path(path)
    data = read_map_data(target, fmt, strict=strict)
    workshop = _to_workshop(data, target, strict=strict)
    if warnings is not None:
        warnings.extend(data.warnings)
    return workshop


def write_map(
    workshop: Workshop, path: str | os.PathLike[str], fmt: str, *, blobs: Mapping[str, bytes] | None = None
) -> Path:
    """Write the workshop's actor map in a format.

    Parameters
    ----------
    workshop
        The workshop to write.
    path
        Where to write. ``csv`` writes a ZIP when ``path`` ends with ``.zip``,
        else a folder (made if missing) holding ``nodes.csv``, ``edges.csv``
        and ``datapackage.json``.
    fmt
        A format id (see :data:`FORMATS`). ``bundle`` writes the whole
        workshop, ``excel`` every table of it; the others the actor map.
    blobs
        For ``bundle``: the images of the workshop's attachments by sha256
        (``store.blobs_for(workshop)``); a bundle of a workshop with attachments
        needs them. :func:`~nsc_workshop.bundle.export_bundle` fetches them itself.

    Returns
    -------
    Path
        The file (or folder) written. Files are written whole or not at all.

    Raises
    ------
    ImportFormatError
        ``fmt`` is no known format.
    ExportError
        The file cannot be written (no such folder, no permission...).
    """
    writer = _WRITERS[_check_format(fmt)]
    try:
        if fmt == "bundle":
            return write_bundle(workshop, Path(path), blobs=blobs)
        return writer(workshop, Path(path))
    except OSError as exc:
        raise ExportError("io.error.write", path=str(path), detail=exc.strerror or str(exc)) from None


def import_map(
    store: Store,
    path: str | os.PathLike[str],
    fmt: str | None = None,
    *,
    into: str | None = None,
    participant: str | None = None,
    replace: bool = False,
    strict: bool = False,
    warnings: list[Problem] | None = None,
) -> str:
    """Import a map file into the store, as a new workshop or into an existing one.

    Parameters
    ----------
    store
        The store to write to.
    path
        The file, or the folder of a CSV pair.
    fmt
        A format id (see :data:`FORMATS`); detected from the content when None.
    into
        The id of a workshop to add the file's actors and ties to, in one
        command (all or nothing, one undo). Actors already there under the
        same name (trimmed, case-insensitive) and ties already there (same
        id, or same ends, type and direction) are not added again, so
        importing the same file twice changes nothing (Kumu's rule).
        Existing actors and ties are left as they are.
    participant
        Who imports (recorded with the events).
    replace
        Without ``into``: a bundle or our Excel workbook keep their workshop
        id, and a workshop with that id is replaced only when True.
    strict, warnings
        As for :func:`read_map`: what was adapted is added to ``warnings``;
        ``strict`` refuses the file instead.

    Returns
    -------
    str
        The id of the new workshop, or ``into``.

    Raises
    ------
    ImportFormatError
        The file cannot be imported; nothing is written.
    WorkshopExists
        The file's workshop id is taken and ``replace`` is False.
    WorkshopNotFound
        There is no workshop ``into``.
    """
    target = Path(path)
    fmt = _check_format(fmt or detect_format(target))
    if fmt == "bundle" and into is None:  # the whole workshop, with its images
        workshop, blobs = read_bundle_with_blobs(target)
        return store.import_workshop(workshop, blobs=blobs, participant=participant, replace=replace)
    data = read_map_data(target, fmt, strict=strict)
    if into is None:
        workshop = _to_workshop(data, target, strict=strict)
        if workshop.id != data.workshop_id:  # a made-up id: make sure it is free
            while store.exists(workshop.id):
                workshop = workshop.model_copy(update={"id": new_workshop_id(workshop.meta.title)})
        wid = store.import_workshop(workshop, participant=participant, replace=replace)
    else:
        session = open_session(store, into, participant=participant)
        items = merge_items(session.workshop, data, strict=strict)
        if items:
            session.add_many(items)
        wid = into
    if warnings is not None:
        warnings.extend(data.warnings)
    return wid
