"""The library in words: similarity as a share, sectors and languages by their names, never raw scores or ids."""

from __future__ import annotations

from nsc_workshop.i18n import use_language


def test_a_similar_case_says_how_similar_in_words_not_raw_scores():
    from nsc_workshop.library.db import RecordSummary, SimilarCase
    from nsc_workshop.widgets.library_record import similar_html

    summary = RecordSummary("rec-1", 1, "Hat på nätet", "Saltmo", "Sverige", 2026, None, "public", "published",
                            "", ("digital",), "")  # fmt: skip
    case = SimilarCase(summary, 0.4213, {"problem": 0.0712, "actors": 0.0}, {"actors": ["social_services"]})
    with use_language("sv"):
        shown = similar_html(case)
    assert "likhet 42" in shown and "7" in shown and "0.07" not in shown and "0.42" not in shown
    assert "social_services" not in shown  # a shared sector by its name
