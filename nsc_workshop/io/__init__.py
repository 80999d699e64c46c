"""Actor maps in and out: bundles, Kumu, PRSM, Gephi (GEXF, GraphML, CSV) and Excel.

======================  ===========================================================
format id               file
======================  ===========================================================
``bundle``              our JSON bundle (the whole workshop; :mod:`nsc_workshop.bundle`)
``kumu-xlsx``           Kumu spreadsheet: sheets ``Elements`` and ``Connections``
``kumu-json``           Kumu project JSON (``elements``, ``connections``)
``prsm``                PRSM ``.prsm`` map, plain or lz-string compressed
``prsm-xlsx``           PRSM spreadsheet: sheets ``Factors`` and ``Links``
``gexf``                GEXF 1.3 (Gephi)
``graphml``             GraphML
``csv``                 Gephi nodes/edges CSV pair, in a ``.zip`` or a folder
``excel``               our workbook: one sheet per table of ``frames.to_frames``
======================  ===========================================================

Every actor and tie field, custom attributes included, survives a round trip
through every format, ids too (parallel ties keep their own ids). A file its
own tool opens, we open: files from the peer tools import whole, as their users
expect (see each module: :mod:`.kumu`, :mod:`.prsm`, :mod:`.gexf`,
:mod:`.graphml`, :mod:`.gephi_csv`, :mod:`.excel`), and whatever had to be taken
otherwise than it was written is said, as an :class:`Adaptation` naming the
sheet and row or the element (``read_map(path, warnings=found)``). A file that
is not what it says (corrupt, too large, not a map), or any adaptation with
``strict=True``, raises an :class:`ImportFormatError` whose ``problems`` name
the sheet, row and column, and nothing is stored.

>>> import tempfile, pathlib
>>> from nsc_workshop.testing import make_workshop
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> ws = make_workshop(actors=5, ties=6)
>>> path = write_map(ws, folder / "map.xlsx", "kumu-xlsx")
>>> detect_format(path)
'kumu-xlsx'
>>> back = read_map(path)
>>> back.actors == ws.actors and back.ties == ws.ties
True
"""

from nsc_workshop.io._api import FORMATS, MapFormat, import_map, read_map, write_map
from nsc_workshop.io._base import MAX_FILE_BYTES, Adaptation, ExportError, ImportFormatError
from nsc_workshop.io._detect import detect_format

__all__ = [
    "FORMATS",
    "MAX_FILE_BYTES",
    "Adaptation",
    "ExportError",
    "ImportFormatError",
    "MapFormat",
    "detect_format",
    "import_map",
    "read_map",
    "write_map",
]
