"""Whatever a JSON map file holds, reading it succeeds or raises ImportFormatError: never a crash.

The readers are called directly: ``read_map`` would turn an unexpected
exception into an ImportFormatError too, and hide it from this test.
"""

from __future__ import annotations

import contextlib
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nsc_workshop.io import ImportFormatError
from nsc_workshop.io._base import build_map
from nsc_workshop.io.kumu import read_kumu_json
from nsc_workshop.io.prsm import read_prsm

scalars = st.none() | st.booleans() | st.integers(-5, 5) | st.floats(-1e3, 1e3) | st.sampled_from(["", "a", "b", "x|y"])
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
    max_leaves=8,
)
keys = st.sampled_from(
    [
        "_id",
        "id",
        "from",
        "to",
        "label",
        "attributes",
        "direction",
        "note",
        "arrows",
        "grp",
        "x",
        "y",
        "nsc",
        "position",
        "element",
    ]
)
items = st.dictionaries(
    keys,
    values
    | st.sampled_from(["a", "b"])
    | st.dictionaries(st.sampled_from(["label", "tags", "strength", "to", "enabled", "ops"]), values, max_size=3),
    max_size=6,
)

kumu = st.fixed_dictionaries(
    {"elements": st.lists(items, max_size=4)},
    optional={"connections": values | st.lists(items, max_size=4), "maps": values},
)
prsm = st.fixed_dictionaries(
    {"nodes": st.lists(items, max_size=4), "edges": values | st.lists(items, max_size=4)},
    optional={"attributeTitles": values, "styles": values, "mapTitle": values},
)


def _read(tmp_path, name, reader, document):
    path = tmp_path / name
    data = json.dumps(document).encode("utf-8")
    path.write_bytes(data)
    with contextlib.suppress(ImportFormatError):
        build_map(reader(path, data))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=kumu)
def test_any_kumu_json(tmp_path, document):
    _read(tmp_path, "k.json", read_kumu_json, document)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=prsm)
def test_any_prsm_map(tmp_path, document):
    _read(tmp_path, "m.prsm", read_prsm, document)
