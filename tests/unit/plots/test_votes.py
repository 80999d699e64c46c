"""Vote charts: the most voted drawn, the rest counted on the chart, labels wrapped between words."""

from __future__ import annotations

import pytest

from nsc_workshop.i18n import use_language
from nsc_workshop.plots import vote_chart
from nsc_workshop.plots.votes import TOP, wrap_words

from .conftest import texts

LONG = "How might we help young people who meet hate online every single day to answer it safely together"


def _bars(fig):
    return fig.axes[0].patches


def _rest(fig):
    return [x.get_text() for x in texts(fig) if x.get_gid() == "rest"]


def test_forty_notes_show_the_top_and_say_the_rest():
    results = [(f"Note {i}", 2 if i < 12 else (1 if i < 20 else 0)) for i in range(40)]
    fig = vote_chart(results, top=12)
    assert len(_bars(fig)) == 12
    assert _rest(fig) == ["12 of 40 shown; 28 more with 0–1 dots"]


def test_nothing_left_out_nothing_said():
    fig = vote_chart([("A", 3), ("B", 1)])
    assert [round(p.get_width()) for p in _bars(fig)] == [3, 1]
    assert _rest(fig) == []


def test_the_rest_with_the_same_dots_and_the_default_top():
    results = [(f"Idea {i}", 5) for i in range(TOP)] + [(f"Other {i}", 0) for i in range(25)]
    fig = vote_chart(results)
    assert len(_bars(fig)) == TOP
    assert _rest(fig) == [f"{TOP} of {TOP + 25} shown; 25 more with 0 dots each"]


def test_unsorted_results_are_ranked_and_zero_is_never_drawn():
    fig = vote_chart([("low", 1), ("none", 0), ("high", 4)])
    assert [round(p.get_width()) for p in _bars(fig)] == [4, 1]
    assert _rest(fig) == ["2 of 3 shown; 1 more with 0 dots each"]


def test_labels_wrap_between_words_not_inside_them():
    fig = vote_chart([(LONG, 3)])
    (label,) = [x.get_text() for x in fig.axes[0].get_yticklabels()]
    words = set(LONG.split())
    assert "\n" in label
    assert all(w in words for w in label.replace("…", "").split())  # every piece is a whole word
    assert wrap_words("a " * 100, 10, 2).endswith("…") and wrap_words("short", 10, 2) == "short"
    assert wrap_words("x" * 30, 10, 2) == "xxxxxxxxx…"  # a word longer than a line is cut


def test_no_votes_says_so():
    fig = vote_chart([("A", 0)])
    assert any("No votes yet" in x.get_text() for x in texts(fig))


@pytest.mark.parametrize("language", ["sv", "da", "nb", "fi"])
def test_the_rest_in_each_language(language):
    with use_language(language):
        fig = vote_chart([(f"N{i}", 3 if i < 5 else i % 2) for i in range(20)], top=5)
    (said,) = _rest(fig)
    assert "5" in said and "20" in said and "15" in said and "shown" not in said
