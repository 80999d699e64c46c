"""The sprint's figures: on the sample, on an empty sprint, with awkward text, and what they place where."""

from __future__ import annotations

import io
import logging

import pytest
from matplotlib.image import imread

from nsc_workshop.model import Workshop
from nsc_workshop.plots import dfv_chart, impact_effort_chart, storyboard_strip, theory_of_change_figure

from .conftest import texts

FIGURES = {
    "impact_effort": impact_effort_chart,
    "dfv": dfv_chart,
    "theory_of_change": theory_of_change_figure,
    "storyboard": storyboard_strip,
}

ODD = ["$x$", "<script>alert(1)</script>", "a$b$ & <b>c</b>"]


def _workshop(sprint: dict, votes: list | None = None) -> Workshop:
    return Workshop.model_validate(
        {
            "id": "sprint-figures",
            "meta": {"title": "Figures $T$ & co", "city": "Saltmo", "country": "Norway"},
            "sprint": sprint,
            "votes": votes or [],
        },
        context={"bundle": True},
    )


def _scores(target: str, **values: int) -> list[dict]:
    return [
        {"id": f"sc_{target}_{c}", "target": target, "criterion": c, "value": v, "participant": None}
        for c, v in values.items()
    ]


@pytest.fixture
def odd() -> Workshop:
    """Every text a participant typed is something a careless renderer would read as maths or markup."""
    return _workshop(
        {
            "ideas": [{"id": "i1", "text": ODD[0]}, {"id": "i2", "text": ODD[2]}],
            "sketches": [{"id": "s1", "title": ODD[1]}],
            "scores": [
                *_scores("i1", impact=5, effort=1, desirability=4, feasibility=3, viability=2),
                *_scores("i2", impact=2, effort=4, desirability=1),
                *_scores("s1", impact=4, effort=4, feasibility=5, viability=5),
            ],
            "chosen_concept": "s1",
            "storyboard": [
                {"id": "b1", "text": ODD[0], "order": 1, "sketch": "s1"},
                {"id": "b2", "text": ODD[1], "order": 2},
                {"id": "b3", "text": ODD[2], "order": 3},
            ],
            "toc": [
                {"id": "t1", "level": "input", "text": ODD[0]},
                {"id": "t2", "level": "outcome_short", "text": ODD[1]},
                {"id": "t3", "level": "assumption", "text": ODD[2]},
                {"id": "t4", "level": "impact", "text": "Safe chats"},
            ],
            "indicators": [{"id": "n1", "name": ODD[0], "baseline": "<1%", "target": "$5", "outcome": "t2"}],
        }
    )


@pytest.fixture
def empty() -> Workshop:
    return _workshop({})


@pytest.mark.parametrize("name", FIGURES)
def test_each_figure_draws_the_sample(name, sample, tmp_path):
    fig = FIGURES[name](sample)
    assert fig.get_suptitle().endswith("Online hate and polarisation among young people")
    path = tmp_path / f"{name}.png"
    fig.savefig(path, dpi=100)
    pixels = imread(path)
    assert pixels.shape[:2] == (827, 1169)  # A4 landscape
    ink = (pixels[:, :, :3].mean(axis=2) < 0.9).mean()
    assert 0.01 < ink < 0.6, (name, ink)


@pytest.mark.parametrize("name", FIGURES)
def test_each_figure_draws_an_empty_sprint(name, empty):
    fig = FIGURES[name](empty)
    drawn = " ".join(t.get_text() for t in texts(fig))
    assert "yet" in drawn  # "Nothing scored ... yet", "No storyboard yet"...
    for fmt in ("png", "svg"):
        fig.savefig(io.BytesIO(), format=fmt)


@pytest.mark.parametrize("name", FIGURES)
def test_participant_text_is_drawn_literally(name, odd):
    fig = FIGURES[name](odd)
    drawn = [" ".join(t.get_text().split()) for t in texts(fig)]
    found = [o for o in ODD if any(o in d for d in drawn)]
    assert found, drawn
    for artist in texts(fig):
        if "$" in artist.get_text():
            assert not artist.get_parse_math(), artist.get_text()
    svg = io.BytesIO()
    fig.savefig(svg, format="svg")
    assert b"<script>" not in svg.getvalue()
    fig.savefig(io.BytesIO(), format="png")
    assert "Figures $T$ & co" in fig.get_suptitle()


def test_no_message_key_is_missing(caplog, sample, empty, odd):
    with caplog.at_level(logging.WARNING, logger="nsc_workshop.i18n"):
        for figure in FIGURES.values():
            for workshop in (sample, empty, odd):
                fig = figure(workshop)
                assert not [t for t in texts(fig) if t.get_text().startswith(("plot.", "sprint."))]
    assert not [r for r in caplog.records if "missing" in r.getMessage()]


def _points(fig) -> dict[str, list[tuple[float, float]]]:
    out = {}
    for collection in fig.axes[0].collections:
        gid = str(collection.get_gid())
        if gid.startswith("targets:"):
            out[gid.split(":", 1)[1]] = [tuple(map(float, p)) for p in collection.get_offsets()]
    return out


def test_impact_effort_places_each_item_in_its_quadrant(odd):
    fig = impact_effort_chart(odd)
    points = _points(fig)
    assert points == {"quick_win": [(1.0, 5.0)], "major_project": [(4.0, 4.0)], "thankless": [(4.0, 2.0)]}
    gids = sorted(str(t.get_gid()) for t in fig.axes[0].texts if str(t.get_gid()).startswith("quadrant"))
    assert gids == ["quadrant:fill_in", "quadrant:major_project", "quadrant:quick_win", "quadrant:thankless"]


def test_impact_effort_spreads_ties_and_keeps_items_on_a_line_in_their_quadrant():
    ws = _workshop(
        {
            "ideas": [{"id": f"i{k}", "text": f"Idea {k}"} for k in range(4)],
            "scores": [
                *_scores("i0", impact=4, effort=2),
                *_scores("i1", impact=4, effort=2),
                *_scores("i2", impact=3, effort=2),
                *_scores("i3", impact=3, effort=2),
            ],
        }
    )
    drawn = _points(impact_effort_chart(ws))["quick_win"]
    assert len(set(drawn)) == 4  # no two points on top of each other
    high = [p for p in drawn if abs(p[1] - 4) < 0.5]
    on_line = [p for p in drawn if abs(p[1] - 3) < 0.5]
    assert len(high) == len(on_line) == 2
    assert all(y > 3 for _, y in on_line)  # scored exactly 3: drawn inside the high side


def test_dfv_bars_are_the_means(small_dfv):
    fig = dfv_chart(small_dfv)
    bars = {str(p.get_gid()): p.get_width() for p in fig.axes[0].patches if str(p.get_gid()).startswith("bar:")}
    assert bars == {
        "bar:desirability:s1": 4.5,
        "bar:feasibility:s1": 3.0,
        "bar:viability:s1": 2.0,
        "bar:desirability:i1": 1.0,
    }
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels[0].startswith("First-aiders")  # best first: (4.5 + 3 + 2) / 3 > 1


@pytest.fixture
def small_dfv() -> Workshop:
    scores = [
        {"id": "a", "target": "s1", "criterion": "desirability", "value": 5, "participant": "ana"},
        {"id": "b", "target": "s1", "criterion": "desirability", "value": 4, "participant": "bo"},
        {"id": "c", "target": "s1", "criterion": "feasibility", "value": 3, "participant": "bo"},
        {"id": "d", "target": "s1", "criterion": "viability", "value": 2, "participant": "bo"},
        {"id": "e", "target": "i1", "criterion": "desirability", "value": 1, "participant": "bo"},
    ]
    return _workshop(
        {
            "ideas": [{"id": "i1", "text": "Dialogue nights"}],
            "sketches": [{"id": "s1", "title": "First-aiders"}],
            "scores": scores,
        }
    )


def test_theory_of_change_columns_arrows_and_indicators_under_their_outcome(sample):
    fig = theory_of_change_figure(sample)
    ax = fig.axes[0]
    by_gid = {str(t.get_gid()): t for t in ax.texts if t.get_gid()}
    columns = [g for g in by_gid if g.startswith("column:")]
    assert columns == [
        "column:input",
        "column:activity",
        "column:output",
        "column:outcome_short",
        "column:outcome_medium",
        "column:outcome_long",
        "column:impact",
    ]
    xs = [by_gid[c].get_position()[0] for c in columns]
    assert xs == sorted(xs)
    arrows = [a for a in ax.get_children() if str(a.get_gid()).startswith("arrow:")]
    assert len(arrows) == 6
    for indicator in sample.sprint.indicators.values():
        drawn = by_gid[f"indicator:{indicator.id}"]
        box = by_gid[f"toc:{indicator.outcome}"]
        assert drawn.get_position()[0] == box.get_position()[0]  # in the outcome's column
        assert drawn.get_position()[1] < box.get_position()[1]  # below its box
        assert indicator.name.split()[0] in drawn.get_text()
    assumptions = [t.get_text() for t in ax.texts if "peers, not adults" in t.get_text()]
    assert assumptions


def test_storyboard_panels_are_numbered_in_order(sample):
    fig = storyboard_strip(sample)
    ax = fig.axes[0]
    steps = sorted(sample.sprint.storyboard.values(), key=lambda s: s.order)
    drawn = [t for t in ax.texts if str(t.get_gid()).startswith("step:")]
    assert [str(t.get_gid()) for t in drawn] == [f"step:{s.id}" for s in steps]
    numbers = [t.get_text() for t in ax.texts if t.get_text().isdigit()]
    assert numbers == [str(n) for n in range(1, len(steps) + 1)]


def test_a_full_storyboard_fits_in_three_rows():
    ws = _workshop({"storyboard": [{"id": f"b{k:02d}", "text": f"Step {k} " * 12, "order": k} for k in range(15)]})
    fig = storyboard_strip(ws)
    panels = [p for p in fig.axes[0].patches if str(p.get_gid()).startswith("panel:")]
    assert len(panels) == 15
    rows = {round(p.get_y(), 3) for p in panels}
    assert len(rows) == 3 and min(rows) >= 0
