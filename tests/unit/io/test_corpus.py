"""The peer-file corpus: each file imports as its expected file says, strict imports refuse exactly the files
that needed adapting, and every imported map comes back from every format with nothing lost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nsc_workshop.io import FORMATS
from nsc_workshop.io.corpus import EXPECTED_SUFFIX, check_corpus, corpus_table

CORPUS = Path(__file__).resolve().parents[2] / "data" / "io" / "corpus"
NAMES = sorted(p.name.removesuffix(EXPECTED_SUFFIX) for p in CORPUS.glob(f"*{EXPECTED_SUFFIX}"))
TOOLS = ("kumu", "gexf", "graphml", "yed", "prsm", "csv")


def test_the_corpus_is_large_and_covers_every_peer_tool():
    assert len(NAMES) >= 40
    for tool in TOOLS:
        assert any(name.startswith(f"{tool}-") for name in NAMES), tool
    for name in NAMES:
        spec = json.loads((CORPUS / f"{name}{EXPECTED_SUFFIX}").read_text("utf-8"))
        assert (CORPUS / name).exists(), name
        assert spec.get("source") and spec.get("what"), name  # each file says what it follows and exercises
        assert {"format", "actors", "ties", "warnings"} <= set(spec), name
        assert spec["format"] in FORMATS, name


@pytest.fixture(scope="module")
def results():
    return {r.name: r for r in check_corpus(CORPUS)}


@pytest.mark.parametrize("name", NAMES)
def test_each_file_imports_as_expected_and_survives_every_format(name, results):
    result = results[name]
    assert result.mismatches == [], result.warnings
    assert {fmt: lost for fmt, lost in result.losses.items() if lost} == {}
    assert set(result.losses) == set(FORMATS)


def test_the_table(results, capsys):
    table = corpus_table(results.values())
    lines = table.splitlines()
    assert lines[0].split()[:5] == ["fixture", "format", "actors", "ties", "warnings"]
    assert len(lines) == len(NAMES) + 2
    with capsys.disabled():
        print("\n" + table)
