"""Words for the library's search: the same rules for a record's texts and a query.

A text is cut into words at anything that is not a letter or a digit, folded
to lower case (Unicode case folding, so "Ålesund" and "ÅLESUND" are one word),
and common words of English and the Nordic languages are dropped, as are
one-letter words. Letters are
kept as they are ("malmö" is not "malmo"); a query word also finds the words
that begin with it ("hat" finds "hate", "hateful"), so endings need no stemmer.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

__all__ = ["STOPWORDS", "TERM_MAX", "term_counts", "words"]

TERM_MAX = 64
"""Longer words are cut to this length (the index column's size)."""

_WORD = re.compile(r"\w+")

_STOPWORD_TEXT = """
a an and are as at be by for from has have how in into is it its of on or our that the their this to
we what when which who will with was were can could may might not no so than then they them these
those there here all any more most other some such only own same too very just also about after
before between both each few over under again further once during through above below up down out off
och att det som en ett är på av för med till den har de inte om var sig men vi kan
jag du han hon ni man vara ska skulle eller när så än från hur
og af til ikke jeg hun være skal når end fra hvor hvordan
ei ikkje å hva
ja on se että joka mutta tai kun niin kuin myös ovat oli olla sekä jos
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def _fold(word: str) -> str:
    return unicodedata.normalize("NFC", word.casefold())


def words(text: str, *, drop: Iterable[str] = ()) -> list[str]:
    """The searchable words of ``text``, in order (stop words and ``drop`` left out).

    >>> words("How might we stop online HATE in Malmö's schools?")
    ['stop', 'online', 'hate', 'malmö', 'schools']
    """
    dropped = {_fold(d) for d in drop}
    out: list[str] = []
    for match in _WORD.finditer(text):
        word = _fold(match.group(0)).replace("_", "")
        if len(word) > 1 and word not in STOPWORDS and word not in dropped:
            out.append(word[:TERM_MAX])
    return out


def term_counts(texts: Iterable[str], *, drop: Iterable[str] = ()) -> Counter[str]:
    """How often each searchable word occurs in ``texts``."""
    counts: Counter[str] = Counter()
    dropped = list(drop)
    for text in texts:
        counts.update(words(text, drop=dropped))
    return counts
