"""The domain model, the graph and the tables (events: test_events.py)."""

from __future__ import annotations

import pytest

from nsc_workshop import to_networkx
from nsc_workshop.datasets import load_sample
from nsc_workshop.frames import TABLES, to_frames
from nsc_workshop.model import COLLECTIONS, Workshop
from nsc_workshop.testing import make_workshop


def test_graph_keeps_parallel_ties_and_attributes():
    sample = load_sample()
    graph = to_networkx(sample)
    assert graph.number_of_nodes() == len(sample.actors)
    assert graph.number_of_edges() == len(sample.ties)  # parallel ties are distinct edges
    for tie in sample.ties.values():
        data = graph.edges[tie.source, tie.target, tie.id]
        assert (data["type"], data["sign"], data["weight"]) == (tie.type, tie.sign, tie.weight)
    pairs = [(t.source, t.target) for t in sample.ties.values()]
    assert len(pairs) > len(set(pairs))  # the sample has parallel ties
    actor = next(a for a in sample.actors.values() if a.attributes)
    for key, value in actor.attributes.items():
        assert graph.nodes[actor.id][key] == value


def test_frames_cover_every_collection():
    sample = load_sample()
    frames = to_frames(sample)
    for spec in COLLECTIONS.values():
        frame = frames[TABLES[spec.kind]]
        assert len(frame) == len(sample.collection(spec.kind))
    assert frames["actors"].loc[next(iter(sample.actors))]["name"] == next(iter(sample.actors.values())).name
    assert any(column.startswith("attr.") for column in frames["actors"].columns)
    assert frames["workshop"].iloc[0]["city"] == "Varnholm"
    assert len(frames["ties"]) >= 90
    assert (
        frames["votes"]["target"]
        .isin(set(frames["ideas"].index) | set(frames["hmw_notes"].index) | set(frames["sketches"].index))
        .all()
    )


def test_empty_frames_have_columns():
    frames = to_frames(make_workshop(actors=0, ties=0))
    assert list(frames["ties"].columns)[:3] == ["source", "target", "type"]
    assert frames["ties"].empty


def test_repr_html_escapes_text():
    ws = Workshop.model_validate(
        {"id": "w", "meta": {"title": 'Trust & "dialogue"', "city": "Varnholm", "country": "Norway"}}
    )
    html = ws._repr_html_()
    assert "Trust &amp; &quot;dialogue&quot;" in html


@pytest.mark.parametrize("bad", ["a/../b", "..", "x<y", "x>y"])
def test_titles_that_could_break_links_or_paths_are_refused(bad):
    with pytest.raises(ValueError, match="must not contain"):
        Workshop.model_validate({"id": "w", "meta": {"title": bad, "city": "Varnholm", "country": "Norway"}})
