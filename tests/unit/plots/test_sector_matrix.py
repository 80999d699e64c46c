"""The sector matrix heat map: counts written in, sector gaps hatched; the analysis is never duplicated."""

from __future__ import annotations

import sys
import types

import pytest

from nsc_workshop.plots import sector_matrix_figure, sector_matrix_heatmap

from .conftest import by_gid, one_by_gid, texts

MATRIX = {
    "police": {"police": 2, "schools": 3, "youth_work": 0},
    "schools": {"police": 3, "schools": 0, "youth_work": 5},
    "youth_work": {"police": 0, "schools": 5, "youth_work": 1},
    "": {"": 0},
}


def _cells(fig):
    return {t.get_position(): t.get_text() for t in fig.axes[0].texts if t.get_gid() is None}


def test_counts_are_written_in_and_gaps_hatched():
    fig = sector_matrix_heatmap(MATRIX)
    assert fig.get_suptitle() == "Ties between sectors"
    gaps = one_by_gid(fig, "gaps")
    # police-youth work, and "no sector" with each of the three: both ways
    assert len(gaps.get_paths()) == 2 * (1 + 3)
    assert gaps.get_hatch()
    cells = _cells(fig)
    assert cells[(1, 0)] == "3" and cells[(0, 1)] == "3"  # police (row 0) and schools (column 1)
    assert cells[(2, 1)] == "5"
    assert cells[(1, 1)] == "0"  # the diagonal is written even when empty
    assert (2, 0) not in cells  # a gap is hatched, not written
    assert len(one_by_gid(fig, "diagonal").get_paths()) == 4


def test_rows_follow_the_sector_order_with_labels():
    fig = sector_matrix_heatmap(MATRIX)
    rows = [t.get_text() for t in texts(fig) if str(t.get_gid()).startswith("row:")]
    assert rows == ["Police", "Schools", "Youth work", "No sector"]
    assert any("4 of 6 pairs of sectors have no tie" in t.get_text() for t in texts(fig))


def test_a_triangle_is_mirrored():
    fig = sector_matrix_heatmap({"police": {"schools": 4}, "schools": {}})
    cells = _cells(fig)
    assert cells[(1, 0)] == cells[(0, 1)] == "4"
    assert by_gid(fig, "gaps")[0].get_paths() == []


def test_custom_sectors_come_after_the_known_ones():
    fig = sector_matrix_heatmap({"zeta club": {"police": 1}, "police": {"zeta club": 1}, "alpha": {}})
    rows = [t.get_text() for t in texts(fig) if str(t.get_gid()).startswith("row:")]
    assert rows == ["Police", "alpha", "zeta club"]


@pytest.mark.parametrize("bad", [-1, 1.5, "3", None, True, float("nan")])
def test_counts_must_be_whole_numbers(bad):
    with pytest.raises(ValueError, match="whole numbers"):
        sector_matrix_heatmap({"police": {"schools": bad}})


def test_whole_floats_are_accepted():
    assert _cells(sector_matrix_heatmap({"police": {"schools": 2.0}}))[(1, 0)] == "2"


def test_empty_matrix():
    fig = sector_matrix_heatmap({}, title="Nothing")
    assert fig.get_suptitle() == "Nothing"
    assert any("No sectors" in t.get_text() for t in texts(fig))


def test_the_figure_uses_the_analysis_when_it_is_there(monkeypatch, sample_graph):
    seen = []

    def sector_matrix(graph):
        seen.append(graph)
        return MATRIX

    fake = types.ModuleType("nsc_workshop.analysis")
    fake.sector_matrix = sector_matrix
    monkeypatch.setitem(sys.modules, "nsc_workshop.analysis", fake)
    fig = sector_matrix_figure(sample_graph)
    assert seen == [sample_graph]
    assert len(one_by_gid(fig, "gaps").get_paths()) == 8
    assert fig.get_suptitle() == "Ties between sectors: Online hate and polarisation among young people"


def test_without_the_analysis_the_figure_says_what_to_do(monkeypatch, sample_graph):
    monkeypatch.setitem(sys.modules, "nsc_workshop.analysis", types.ModuleType("nsc_workshop.analysis"))
    monkeypatch.setitem(sys.modules, "nsc_workshop.analysis.sectors", None)
    with pytest.raises(ImportError, match="sector_matrix_heatmap"):
        sector_matrix_figure(sample_graph)
    monkeypatch.setitem(sys.modules, "nsc_workshop.analysis", None)
    with pytest.raises(ImportError, match=r"nsc_workshop\.analysis\.sector_matrix"):
        sector_matrix_figure(sample_graph)
