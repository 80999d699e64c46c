"""The insights report on the sample workshop: findings, escaping, JSON."""

from __future__ import annotations

import json

import pytest

from nsc_workshop.analysis import Finding, Insights, insights
from nsc_workshop.graph import to_networkx
from nsc_workshop.i18n import catalog


@pytest.fixture(scope="module")
def report():
    from nsc_workshop.datasets import load_sample

    return insights(load_sample())


def test_report_shape(report):
    assert isinstance(report, Insights)
    assert all(isinstance(f, Finding) for f in report.findings)
    assert report.elapsed > 0
    keys = [f.key for f in report.findings]
    assert len(keys) == len(set(keys))
    for f in report.findings:
        assert f.severity in {"info", "attention"}
        assert f.title and f.text
        assert not f.text.startswith("insight.")  # a translated text, not a missing key
        assert "{" not in f.text  # every placeholder filled
    assert report.map["actors"] == 59 and report.map["ties"] == 132


def test_sector_gap_police_youth_work(report):
    gaps = report.finding("insight.gaps")
    assert gaps.severity == "attention"
    assert "No ties between Police and Youth work" in gaps.text
    assert {"sectors": ["police", "youth_work"], "labels": ["Police", "Youth work"]}.items() <= next(
        g for g in gaps.figures["gaps"] if g["sectors"] == ["police", "youth_work"]
    ).items()
    assert gaps.figures["count"] == report.map["sector_gaps"] > 0


def test_isolated_actors_named(report):
    isolated = report.finding("insight.isolated")
    assert isolated.actors == ["act_gaming_cafe", "act_platform_trust_safety"]
    assert "Pixelhavn gaming café" in isolated.text
    assert "ChatterBox Nordic trust and safety team" in isolated.text
    assert isolated.figures["count"] == 2


def test_conflict_and_camps(report):
    conflict = report.finding("insight.conflict")
    assert conflict.figures["negative_ties"] == 18
    assert conflict.figures["unbalanced"] == 4 and conflict.figures["triads"] == 22
    assert "18 of 132 ties are conflict or distrust" in conflict.text
    camps = report.finding("insight.camps")
    assert camps.severity == "attention"
    assert camps.figures["sizes"] == [53, 4]
    assert "Varnholm Patriots' Association" in camps.text
    assert set(camps.actors) == set(report.map["camps"][1])
    assert report.actors["act_patriots"]["camp"] == 1
    assert report.actors["act_gaming_cafe"]["camp"] is None


def test_central_actors_brokers_and_links(report):
    holders = report.finding("insight.holders")
    assert holders.actors[0] == "act_prevention_coordinator"
    assert "Varnholm prevention coordinator (betweenness 0.205)" in holders.text
    assert holders.figures["actors"][0]["betweenness"] == pytest.approx(0.205, abs=1e-3)
    brokers = report.finding("insight.brokers")
    assert brokers.figures["actors"][0]["liaison"] > 0
    links = report.finding("insight.links")
    assert any(s["sectors"] == ["police", "youth_work"] for s in links.figures["suggestions"])
    assert "a tie would close the gap between Police and Youth work" in links.text


def test_stakeholder_findings(report):
    quadrants = report.finding("insight.quadrants")
    assert sum(quadrants.figures[q] for q in ("manage_closely", "keep_satisfied", "keep_informed", "monitor")) == 59
    salience = report.finding("insight.salience")
    assert "act_police_district" in salience.figures["definitive"]
    assert "act_uncensored_page" in salience.figures["dangerous"]
    structure = report.finding("insight.structure")
    assert "Neither is better when higher" in structure.text


def test_per_actor_table(report):
    row = report.actors["act_police_prevention"]
    for key in ("name", "sector", "degree", "betweenness", "closeness", "pagerank", "reach2", "constraint",
                "effective_size", "community", "brokerage", "quadrant", "salience", "camp"):  # fmt: skip
        assert key in row
    assert row["sector_label"] == "Police"
    assert set(row["brokerage"]) == {"coordinator", "gatekeeper", "representative", "consultant", "liaison"}


def test_to_dict_is_json(report):
    data = report.to_dict()
    text = json.dumps(data, allow_nan=False)
    again = json.loads(text)
    assert again["map"]["actors"] == 59
    assert again["actors"]["act_gaming_cafe"]["constraint"] is None  # NaN for an isolated actor
    assert [f["key"] for f in again["findings"]] == [f.key for f in report.findings]


def test_names_are_escaped_in_html(sample_workshop):
    hostile = "<img src=x onerror=alert(1)>"
    actor = sample_workshop.actors["act_prevention_coordinator"].model_copy(update={"name": hostile})
    workshop = sample_workshop.model_copy(update={"actors": {**sample_workshop.actors, actor.id: actor}})
    report = insights(workshop)
    assert hostile in report.finding("insight.holders").text
    page = report._repr_html_()
    assert hostile not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<script" not in page


def test_graph_and_workshop_give_the_same_report(sample_workshop, report):
    again = insights(to_networkx(sample_workshop))
    assert [f.to_dict() for f in again.findings] == [f.to_dict() for f in report.findings]


def test_every_message_key_used_is_in_the_catalog(report):
    messages = catalog("en")
    for f in report.findings:
        assert f.key + ".title" in messages
    assert all(key.startswith("insight.") for key in json.loads(
        __import__("importlib.resources").resources.files("nsc_workshop.locales").joinpath("en/analysis.json")
        .read_text("utf-8")))  # fmt: skip


def test_language_falls_back_to_english_and_empty_map():
    import networkx as nx

    assert insights(nx.MultiDiGraph(), language="xx").findings == []
    one = nx.MultiDiGraph()
    one.add_node("a", name="Alone")
    report = insights(one)
    assert report.finding("insight.isolated").actors == ["a"]
