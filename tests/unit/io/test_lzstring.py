"""Our lz-string port against the reference JavaScript library.

The vectors in ``tests/data/io/lzstring_vectors.json`` were made with node from
the npm package ``lz-string`` 1.5.0, by ``tests/data/io/make_lzstring_vectors.js``
(``npm install lz-string@1.5.0`` in a scratch folder, then
``node make_lzstring_vectors.js > lzstring_vectors.json``); node is not needed
to run these tests. ``prsm_map_compressed.prsm`` was made the same way, as
PRSM saves a map: a byte order mark, then ``compressToUTF16`` of the JSON.
"""

from __future__ import annotations

import json

import pytest

from nsc_workshop.io._lzstring import (
    LZStringError,
    compress_to_utf16,
    decompress_from_utf16,
    looks_like_utf16_lzstring,
)


@pytest.fixture(scope="module")
def vectors(request):
    from pathlib import Path

    path = Path(request.node.fspath).resolve().parents[2] / "data" / "io" / "lzstring_vectors.json"
    data = json.loads(path.read_text("utf-8"))
    assert data["lz_string_version"] == "1.5.0"
    return data["vectors"]


def test_the_vectors_cover_what_maps_hold(vectors):
    names = {v["name"] for v in vectors}
    assert {"empty", "nordic letters", "emoji", "long json"} <= names
    assert max(len(v["input"]) for v in vectors) > 10_000


def test_compress_gives_the_javascript_output(vectors):
    for vector in vectors:
        assert compress_to_utf16(vector["input"]) == vector["compressed"], vector["name"]


def test_decompress_reads_the_javascript_output(vectors):
    for vector in vectors:
        assert decompress_from_utf16(vector["compressed"]) == vector["input"], vector["name"]


def test_compressed_text_is_recognised(vectors):
    for vector in vectors:
        if vector["input"]:
            assert looks_like_utf16_lzstring(vector["compressed"]), vector["name"]
    assert not looks_like_utf16_lzstring('{"nodes": []}')
    assert not looks_like_utf16_lzstring("plain words\n")


def test_damaged_input_is_an_error_not_a_crash(vectors):
    long_json = next(v for v in vectors if v["name"] == "long json")["compressed"]
    with pytest.raises(LZStringError):
        decompress_from_utf16(long_json[: len(long_json) // 2])
    with pytest.raises(LZStringError):
        decompress_from_utf16("")
    with pytest.raises(LZStringError):
        decompress_from_utf16("\u7fff" * 40)
    with pytest.raises(LZStringError, match="longer than"):
        decompress_from_utf16(long_json, max_length=1000)
