"""Actors that recur across workshops: fuzzy matching of organisation names and a reviewable merge.

Each published record carries an actor map, and city teams type the same
organisation in many ways: "Police, Stavanger", "Stavanger police district",
"Politiet i Stavanger". This module finds the mentions that name the same
organisation, so the secretariat can see which actors recur across workshops.
It is pure: no I/O, no database, no widgets.

How two names are compared (:func:`similarity`)
-----------------------------------------------
1. **Normalised** (:func:`normalise`): case folded, letters stripped of their
   accents for comparison ("Malmö" and "Malmo" are one word; æ becomes ae, ø
   becomes o), punctuation dropped, filler words dropped ("of", "the", "i",
   "og", "och", "ja"...).
2. **Places.** City names in the name are found (the places of the mentions
   being compared, plus a built-in list of Nordic cities and their other
   forms: "Göteborg" is Gothenburg, "Tampereen" is Tampere, "Bergens" is
   Bergen; a typo is allowed in names of 7 letters or more). A name that
   mentions no city takes the city of the workshop that mentions it (its
   ``place``). **Two names whose places differ are never the same
   organisation** (score 0): "Police, Bergen" and "Police, Stavanger"; "Youth
   council" in a Bergen workshop and "Youth council" in a Tampere workshop.
   A name with no place at all (none in the name, none given) is compatible
   with any place.
3. **Comparison words.** The place words are set aside; the rest are
   translated from a small glossary of Nordic words for the kinds of
   organisation on an actor map ("politiet" → police, "kommune" → municipality,
   "ungdomsrådet" → youth council, "bibliotek" → library; compounds of two
   glossary words are split), abbreviations are expanded ("dept." →
   department, "vgs" → upper secondary school) and English plurals are cut to
   the singular. Generic words ("municipality", "district", "department",
   "office", "services", "unit", "centre", "company", "association"...) are
   then dropped when something more distinctive is left, since they say
   little about which organisation it is: "Bergen police district" compares
   as "police", and "Bergen municipality, youth services" as "youth".
4. **Score** (0-100): the :func:`rapidfuzz.fuzz.ratio` of the comparison
   words sorted alphabetically (word order does not matter), or of the words
   run together in their order ("Bridge-Builders" and "Bridgebuilders"),
   whichever is higher. Typos cost a few points.
5. **Substitutions are not typos.** When each name keeps a word the other has
   nothing close to ("upper" / "lower secondary school", "Dialogue Circle" /
   "Dialogue Forum", "District 3" / "District 4"), they name different units
   however similar the strings: the score is capped at :data:`SUBSTITUTION_CAP`.
6. **Acronyms.** A name that is a single word of 3-6 letters ("SHM") that
   gives the initials of the other ("Stavanger Harbour Mentors") scores at
   least :data:`ACRONYM_SCORE`.

The sector of a mention is not used: city teams file the same organisation
under different sectors.

Finding and merging
-------------------
:func:`candidate_pairs` lists the pairs of mentions that score at least the
threshold without comparing every pair: mentions are grouped by place (pairs
across places score 0), identical comparison words within a place score 100
without being compared, and the remaining distinct names of a place are
compared in bulk with :func:`rapidfuzz.process.cdist` before the rules above
are applied to the few pairs that pass. It finds exactly the pairs a
comparison of all pairs would find.

:func:`cluster_actors` joins the pairs (single linkage, strongest first) into
clusters a reviewer can read, and applies the reviewer's decisions: pairs
declared ``same`` are joined, pairs declared ``different`` are never put in
one cluster. Decisions name mentions by their keys, or by :func:`name_key`
("this spelling in this place"), so that a decision made once applies to every
mention with that spelling and place.

>>> clusters = cluster_actors([
...     ActorName("r1/a1", "Police, Stavanger", "Stavanger"),
...     ActorName("r2/a4", "Stavanger police district", "Stavanger"),
...     ActorName("r3/a2", "Police", "Bergen"),
... ])
>>> [(c.label, c.keys) for c in clusters]
[('Police, Stavanger', ('r1/a1', 'r2/a4')), ('Police', ('r3/a2',))]

The threshold
-------------
:data:`DEFAULT_THRESHOLD` (85) was chosen on the labelled set
``datasets/actor_variants.csv`` (189 mentions of 57 invented organisations in
eight Nordic cities, with spelling variants and hard negatives): clustered at
85, its pairs of mentions have a precision of 1.0 and a recall of 0.93 (F1
0.97). No false pair there scores above 75 (the highest are substitutions,
capped). 80 gives the same clusters there, 75 lets false pairs in (precision
0.985), 90 loses recall (0.90); 85 keeps a margin above the cap for names
not in the set. The pairs it misses are honest: a name in another language that the glossary does
not cover ("Brobyggarna Sörhage" for "Sörhage Bridge Builders"), or a name
with an extra distinctive word ("Aurajoki Lutheran Parish", "Aura weekly
(newspaper)").
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process

__all__ = [
    "ACRONYM_SCORE",
    "DEFAULT_THRESHOLD",
    "NORDIC_PLACES",
    "SUBSTITUTION_CAP",
    "ActorCluster",
    "ActorName",
    "MatchPair",
    "candidate_pairs",
    "cluster_actors",
    "name_key",
    "normalise",
    "pairwise_scores",
    "similarity",
]

DEFAULT_THRESHOLD: float = 85.0
"""Two mentions whose :func:`similarity` is at least this are candidates for one organisation.

Tuned on ``datasets/actor_variants.csv`` (pairwise precision 1.0, recall 0.93 there); see the module's docstring.
"""

SUBSTITUTION_CAP: float = 75.0
"""The highest score of two names that each keep a word the other has nothing close to."""

ACRONYM_SCORE: float = 90.0
"""The lowest score of a name that is the acronym of the other ("SHM", "Stavanger Harbour Mentors")."""

_TOKEN_MATCH = 80.0
"""Two words at least this similar (:func:`rapidfuzz.fuzz.ratio`) count as the same word with a typo."""

_CELLS = 2_000_000
"""How many scores :func:`candidate_pairs` computes at once in bulk (a bound on its memory)."""

_PLACE_TYPO = 88.0
"""A word of 7 letters or more at least this similar to a known place as long (same first letter) is that place."""

# -- normalising ------------------------------------------------------------

_FILLERS = frozenset(
    # English, Norwegian/Danish, Swedish, Finnish: articles, "of", "in", "and", "for", "from", "to".
    {"the", "of", "for", "and", "in", "i", "pa", "og", "och", "ja", "af", "av", "fra", "fran", "til", "till"}
)
"""Words dropped by :func:`normalise`: they never tell two organisations apart."""

_SPECIAL = {"æ": "ae", "ø": "o", "œ": "oe", "ß": "ss", "ð": "d", "þ": "th", "đ": "d", "ł": "l"}


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


_LETTERS = str.maketrans(
    {**{chr(c): _strip_accents(chr(c)) for c in range(0xC0, 0x250) if chr(c).islower()}, **_SPECIAL}
)  # fmt: skip
"""Lower-case Latin letters to ASCII (the common ones at once; others go through NFKD)."""
_APOSTROPHES = re.compile(r"['’`´]")
_NOT_WORD = re.compile(r"[\W_]+")


def normalise(name: str) -> str:
    """A name folded for comparison: lower case, no accents, no punctuation, no filler words.

    Letters are case folded and stripped of their accents (å, ä → a; ö, ø →
    o; é → e; æ → ae; ß → ss), apostrophes dropped ("Children's" →
    "childrens"), any other run of punctuation and spaces made one space, and
    the filler words "the", "of", "for", "and", "in", "i", "på", "og", "och",
    "ja", "af", "av", "fra", "från", "til", "till" dropped (unless the name
    has nothing else). Generic words such as "district" or "municipality" are
    kept here; :func:`similarity` weighs them.

    Parameters
    ----------
    name : str
        A name as typed.

    Returns
    -------
    str
        The normalised name: words of lower-case ASCII letters and digits (and
        letters of other scripts) separated by single spaces; "" for a name
        with no letter or digit.

    Examples
    --------
    >>> normalise("Police, Malmö")
    'police malmo'
    >>> normalise("Politiet i Stavanger")
    'politiet stavanger'
    >>> normalise("  Bøgelund  Skole (Odense)")
    'bogelund skole odense'
    """
    folded = name.casefold().translate(_LETTERS)
    if not folded.isascii():
        folded = _strip_accents(folded)
    words = _NOT_WORD.sub(" ", _APOSTROPHES.sub("", folded)).split()
    kept = [w for w in words if w not in _FILLERS]
    return " ".join(kept or words)


# -- places -----------------------------------------------------------------

NORDIC_PLACES: frozenset[str] = frozenset(
    {
        # Norway
        "Oslo", "Bergen", "Stavanger", "Trondheim", "Kristiansand", "Drammen", "Fredrikstad", "Sandnes", "Tromsø",
        "Bodø", "Ålesund", "Sarpsborg", "Skien", "Haugesund", "Tønsberg", "Porsgrunn", "Arendal", "Hamar", "Larvik",
        "Halden", "Lillehammer", "Molde", "Harstad", "Gjøvik", "Kongsberg",
        # Sweden
        "Stockholm", "Gothenburg", "Malmö", "Uppsala", "Västerås", "Örebro", "Linköping", "Helsingborg", "Jönköping",
        "Norrköping", "Lund", "Umeå", "Gävle", "Borås", "Södertälje", "Eskilstuna", "Halmstad", "Växjö", "Karlstad",
        "Sundsvall", "Botkyrka", "Huddinge", "Kristianstad", "Luleå", "Trollhättan", "Östersund",
        # Denmark
        "Copenhagen", "Aarhus", "Odense", "Aalborg", "Esbjerg", "Randers", "Kolding", "Horsens", "Vejle", "Roskilde",
        "Herning", "Silkeborg", "Næstved", "Fredericia", "Viborg", "Køge", "Holstebro", "Slagelse", "Hillerød",
        "Sønderborg", "Svendborg", "Gladsaxe", "Frederiksberg", "Albertslund", "Ishøj", "Brøndby", "Hvidovre",
        # Finland
        "Helsinki", "Espoo", "Tampere", "Vantaa", "Oulu", "Turku", "Jyväskylä", "Kuopio", "Lahti", "Pori", "Joensuu",
        "Lappeenranta", "Hämeenlinna", "Vaasa", "Seinäjoki", "Rovaniemi", "Kotka", "Porvoo", "Kouvola",
        # Iceland, the Faroes, Greenland
        "Reykjavík", "Kópavogur", "Hafnarfjörður", "Akureyri", "Tórshavn", "Nuuk",
    }
)  # fmt: skip
"""Nordic cities always recognised in names, besides the places of the mentions compared."""

_PLACE_FORMS: dict[str, str] = {
    # Other names of the same city, and Finnish genitives ("Tampereen kaupunki": the city of Tampere).
    "goteborg": "gothenburg", "kobenhavn": "copenhagen", "arhus": "aarhus", "helsingfors": "helsinki",
    "abo": "turku", "tammerfors": "tampere", "esbo": "espoo", "vanda": "vantaa", "uleaborg": "oulu",
    "malmoe": "malmo", "trondhjem": "trondheim", "reykjavik": "reykjavik",
    "tampereen": "tampere", "turun": "turku", "helsingin": "helsinki", "espoon": "espoo", "vantaan": "vantaa",
    "oulun": "oulu", "jyvaskylan": "jyvaskyla", "kuopion": "kuopio", "lahden": "lahti", "porin": "pori",
    "joensuun": "joensuu", "vaasan": "vaasa", "rovaniemen": "rovaniemi", "porvoon": "porvoo",
}  # fmt: skip


def _place_id(place: str) -> str:
    """The canonical form of a place: normalised, other names folded ("Göteborg" → "gothenburg")."""
    text = normalise(place)
    return _PLACE_FORMS.get(text, text)


class _Gazetteer:
    """The places recognised in names: their forms (genitive -s included), and the long ones for typos."""

    def __init__(self, places: frozenset[str]) -> None:
        ids = {_place_id(p) for p in places} - {""}
        self.forms: dict[tuple[str, ...], str] = {}
        for form, pid in [*((i, i) for i in ids), *((f, p) for f, p in _PLACE_FORMS.items() if p in ids)]:
            words = tuple(form.split())
            if len(words) == 1 and len(form) < 3:
                continue  # "Bø", "Hå": too short to tell from a word
            self.forms[words] = pid
            self.forms[(*words[:-1], words[-1] + "s")] = pid  # Swedish, Norwegian, Danish genitive
        self.longest = max((len(f) for f in self.forms), default=0)
        self.long_forms = sorted(f[0] for f in self.forms if len(f) == 1 and len(f[0]) >= 7)
        self.typos: dict[str, str | None] = {}  # word -> the long place it is a typo of, if any

    def near(self, word: str) -> str | None:
        """The place ``word`` is a typo of: a word of 7 letters or more, close to a place as long, same first letter."""
        if len(word) < 7 or not word.isalpha():
            return None
        if word not in self.typos:
            found = process.extractOne(word, self.long_forms, scorer=fuzz.ratio, score_cutoff=_PLACE_TYPO)
            self.typos[word] = None if found is None or found[0][0] != word[0] else self.forms[(found[0],)]
        return self.typos[word]

    def split(self, words: Sequence[str]) -> tuple[frozenset[str], list[str]]:
        """The places mentioned in ``words``, and the other words."""
        found: set[str] = set()
        rest: list[str] = []
        i = 0
        while i < len(words):
            for n in range(min(self.longest, len(words) - i), 0, -1):
                pid = self.forms.get(tuple(words[i : i + n]))
                if pid is not None and (n > 1 or len(words[i]) >= 3):
                    found.add(pid)
                    i += n
                    break
            else:
                near = self.near(words[i])
                if near is not None:
                    found.add(near)
                else:
                    rest.append(words[i])
                i += 1
        return frozenset(found), rest


@lru_cache(maxsize=16)
def _gazetteer(places: frozenset[str]) -> _Gazetteer:
    return _Gazetteer(places | NORDIC_PLACES)


# -- comparison words -------------------------------------------------------


def _glossary() -> dict[str, tuple[str, ...]]:
    """Nordic words for the kinds of organisation on an actor map, and abbreviations, in English."""
    groups: dict[str, str] = {
        "police": "politi politiet polis polisen poliisi poliisilaitos",
        "station": "stasjon stasjonen stationen asema",
        "district": "distrikt distriktet piiri",
        "area": "omrade omradet alue",
        "municipality": "kommune kommunen kommunes kommunens kommun kaupunki kaupungin stad staden city mun",
        "youth": "ungdom ungdommen ungdomar nuoriso nuorten nuoret",
        "young": "unge unga",
        "council": "rad radet raad raadet valtuusto neuvosto",
        "service": "tjeneste tjenesten tjenester tjenestene tjanst tjansten tjanster palvelu palvelut",
        "administration": "forvaltning forvaltningen",
        "library": "bibliotek biblioteket biblioteker bibliotekene bibliotekerne kirjasto kirjastot",
        "school": "skole skolen skola skolan skule koulu",
        "church": "kirke kirken kyrka kyrkan kirkko",
        "parish": "menighet menigheten forsamling forsamlingen sogn sognet seurakunta",
        "mosque": "moske moskeen mosken moskeija masjid masjed",
        "housing": "bolig boliger bostad bostader boende asunto asunnot",
        "company": "selskap selskab bolag yhtio co corp ltd as asa ab aps oy oyj",
        "association": "forening foreningen forbund forbundet yhdistys ry assoc assn",
        "club": "klubb klubben klub kerho",
        "sports": "idrett idrott idraet urheilu",
        "team": "lag laget",
        "football": "fotball fotboll fodbold jalkapallo",
        "ball": "bold boll",
        "prevention": "forebygging forebyggende forebyggande forebyggelse ennaltaehkaisy",
        "crime": "brott kriminalitet rikos",
        "unit": "enhet enheten enhed enheden yksikko",
        "department": "avdeling avdelingen avdelning avdelningen afdeling afdelingen osasto dept dep dpt avd afd",
        "office": "kontor kontoret toimisto",
        "culture": "kultur kulturen kulttuuri",
        "social": "sosial sosiaali",
        "centre": "center senter senteret centrum keskus ctr cntr",
        "newspaper": "avis avisen tidning tidningen lehti",
        "public": "offentlig offentlige julkinen",
        "university": "universitet universitetet yliopisto univ",
        "national": "natl",
        "international": "intl",
    }
    table: dict[str, tuple[str, ...]] = {
        word: (english,) for english, words in groups.items() for word in words.split()
    }
    table.update(
        {
            "vgs": ("upper", "secondary", "school"),
            "videregaende": ("upper", "secondary"),
            "gymnasium": ("upper", "secondary", "school"),
            "gymnasiet": ("upper", "secondary", "school"),
            "lukio": ("upper", "secondary", "school"),
            "fc": ("football", "club"),
            "bk": ("ball", "club"),
            "if": ("sports", "club"),
            "il": ("sports", "club"),
            "ik": ("sports", "club"),
            "services": ("service",),
        }
    )
    return table


_WORDS = _glossary()

_GENERIC = frozenset(
    {"municipality", "district", "department", "office", "service", "administration", "unit", "centre", "area",
     "station", "company", "association", "public", "local", "division", "section", "agency", "branch",
     "organisation", "organization", "foundation"}
)  # fmt: skip
"""Words that say what kind of unit something is rather than which: dropped when a more distinctive word is left."""


def _stem(word: str) -> str:
    """English plural to singular, roughly ("libraries" → "library", "mentors" → "mentor")."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "os")):
        return word[:-1]
    return word


@lru_cache(maxsize=65536)
def _known(word: str) -> tuple[str, ...] | None:
    found = _WORDS.get(word)
    return found if found is not None else _WORDS.get(_stem(word))


@lru_cache(maxsize=65536)
def _translate(word: str) -> tuple[str, ...]:
    """A word in English: from the glossary, split as a compound of two glossary words, or its singular."""
    known = _known(word)
    if known is not None:
        return known
    for cut in range(len(word) - 2, 2, -1):  # the longest head first: "ungdoms|radet", "politi|stasjon"
        head, tail = word[:cut], word[cut:]
        first = _known(head) or (_known(head[:-1]) if head.endswith("s") else None)
        second = _known(tail)
        if first is not None and second is not None:
            return first + second
    return (_stem(word),)


@dataclass(frozen=True, slots=True)
class _Profile:
    """What the comparison of a name needs, for one normalised name in one place."""

    normalised: str
    places: frozenset[str]  # the places named, or else the mention's place; may be empty
    words: tuple[str, ...]  # the comparison words, in their order
    sorted_text: str  # the comparison words sorted, joined by spaces
    joined_text: str  # the comparison words in their order, run together
    acronym: str  # the name itself when it is one short word that may be an acronym, else ""
    initials: frozenset[str]  # the initials of a name of two words or more, with and without its places


@lru_cache(maxsize=65536)
def _profile(normalised: str, place: str, gazetteer: _Gazetteer) -> _Profile:
    words = normalised.split()
    named, rest = gazetteer.split(words)
    places = named or (frozenset({_place_id(place)}) - {""})
    english = [w for word in rest for w in _translate(word)]
    distinctive = [w for w in english if w not in _GENERIC]
    chosen = distinctive or english or words
    acronym = ""
    if len(rest) == 1 and 3 <= len(rest[0]) <= 6 and rest[0].isalpha() and _known(rest[0]) is None:
        acronym = rest[0]
    initials: set[str] = set()
    if len(words) >= 2:
        initials.add("".join(w[0] for w in words))
    if len(rest) >= 2:
        initials.add("".join(w[0] for w in rest))
    return _Profile(
        normalised=normalised,
        places=places,
        words=tuple(chosen),
        sorted_text=" ".join(sorted(chosen)),
        joined_text="".join(chosen),
        acronym=acronym,
        initials=frozenset(initials),
    )


def _compatible(a: _Profile, b: _Profile) -> bool:
    return not a.places or not b.places or not a.places.isdisjoint(b.places)


def _unmatched(words: Sequence[str], other: _Profile) -> bool:
    """Whether one of ``words`` has nothing close in ``other`` (neither a word with a typo nor a part of it)."""
    for word in words:
        if len(word) >= 3 and word in other.joined_text:
            continue
        best = process.extractOne(word, other.words, scorer=fuzz.ratio, score_cutoff=_TOKEN_MATCH)
        if best is None:
            return True
    return False


def _base(a: _Profile, b: _Profile) -> float:
    """The string score, before the rules: what :func:`rapidfuzz.process.cdist` computes in bulk."""
    return max(fuzz.ratio(a.sorted_text, b.sorted_text), fuzz.ratio(a.joined_text, b.joined_text))


def _score(a: _Profile, b: _Profile) -> float:
    if not a.normalised or not b.normalised or not _compatible(a, b):
        return 0.0  # a blank name ("", "--") names nothing
    if a.normalised == b.normalised:
        return 100.0
    score = _base(a, b)
    if score < 100.0 and _unmatched(a.words, b) and _unmatched(b.words, a):
        score = min(score, SUBSTITUTION_CAP)
    if (a.acronym and a.acronym in b.initials) or (b.acronym and b.acronym in a.initials):
        score = max(score, ACRONYM_SCORE)
    return round(score, 1)


# -- the public types -------------------------------------------------------


@dataclass(frozen=True)
class ActorName:
    """One mention of an organisation: an actor of one workshop record.

    Parameters
    ----------
    key : str
        The caller's id for this mention, unique among the names compared
        (e.g. ``"rec_1/act_3"``).
    name : str
        The name as typed ("Police, Stavanger").
    place : str
        The city of the workshop that mentions it ("Stavanger"); may be "".
    sector : str
        The sector id; may be "". Carried for the caller, not used for matching.
    """

    key: str
    name: str
    place: str = ""
    sector: str = ""


@dataclass(frozen=True)
class MatchPair:
    """Two mentions (their keys, ``a < b``) that may name the same organisation, and their score (0-100)."""

    a: str
    b: str
    score: float


@dataclass(frozen=True)
class ActorCluster:
    """Mentions taken to name one organisation.

    Attributes
    ----------
    keys : tuple of str
        The mentions' keys, sorted.
    label : str
        The most common spelling (ties: the shortest, then the first in alphabetical order).
    names : tuple of str
        The distinct spellings (as typed, spaces trimmed), most common first, ties as for ``label``.
    places : tuple of str
        The distinct non-empty places of the mentions, sorted.
    min_score : float
        The weakest link that joined the cluster (100 for a single mention, and for a link a
        reviewer declared ``same``): the link a reviewer should look at first, and the score
        below which a higher threshold would split the cluster.
    """

    keys: tuple[str, ...]
    label: str
    names: tuple[str, ...]
    places: tuple[str, ...]
    min_score: float


def name_key(a: ActorName) -> str:
    """A stable key for "this spelling in this place", for reviewers' decisions.

    Parameters
    ----------
    a : ActorName
        A mention.

    Returns
    -------
    str
        ``f"{normalise(a.name)}|{normalise(a.place)}"``: every mention of the
        same spelling (up to case, accents, punctuation and filler words) in
        workshops of the same place has the same key.

    Examples
    --------
    >>> name_key(ActorName("r1/a1", "Police, Malmö", "Malmö"))
    'police malmo|malmo'
    """
    return f"{normalise(a.name)}|{normalise(a.place)}"


def similarity(a: ActorName, b: ActorName, *, places: Iterable[str] = ()) -> float:
    """How likely two mentions name the same organisation, 0-100 (the rules are in the module's docstring).

    Parameters
    ----------
    a, b : ActorName
        The two mentions.
    places : iterable of str, optional
        More places to recognise in names, besides :data:`NORDIC_PLACES` and
        the places of ``a`` and ``b``. :func:`candidate_pairs` passes the
        places of every mention it compares; pass the same to get its scores.

    Returns
    -------
    float
        The score, rounded to 0.1: 100 for the same normalised name in
        compatible places, 0 for names in different places and for blank
        names (nothing left after :func:`normalise`).

    Examples
    --------
    >>> similarity(ActorName("1", "Police, Stavanger", "Stavanger"), ActorName("2", "Stavanger police district"))
    100.0
    >>> similarity(ActorName("1", "Police, Bergen", "Bergen"), ActorName("2", "Police, Stavanger", "Bergen"))
    0.0
    >>> similarity(ActorName("1", "Youth council", "Bergen"), ActorName("2", "Youth council", "Tampere"))
    0.0
    """
    gazetteer = _gazetteer(frozenset({*places, a.place, b.place}))
    return _score(
        _profile(normalise(a.name), a.place, gazetteer),
        _profile(normalise(b.name), b.place, gazetteer),
    )


# -- finding the pairs ------------------------------------------------------


def _check_threshold(threshold: float) -> None:
    if not 0 < threshold <= 100:
        raise ValueError(f"the threshold is a score in (0, 100], not {threshold!r}")


class _Mentions:
    """The mentions grouped by profile: one profile per normalised name and effective place."""

    def __init__(self, names: Sequence[ActorName]) -> None:
        keys = [n.key for n in names]
        if len(set(keys)) != len(keys):
            repeated = sorted(k for k, c in Counter(keys).items() if c > 1)
            raise ValueError(f"the keys of the names must be unique; repeated: {repeated[:5]}")
        gazetteer = _gazetteer(frozenset(n.place for n in names))
        by_text: dict[tuple[str, str], _Profile] = {}
        index: dict[_Profile, int] = {}
        self.profiles: list[_Profile] = []
        self.members: list[list[int]] = []
        self.of: list[int] = []
        for i, n in enumerate(names):
            text = (normalise(n.name), n.place)
            prof = by_text.get(text)
            if prof is None:
                prof = by_text[text] = _profile(text[0], n.place, gazetteer)
            p = index.get(prof)
            if p is None:
                p = index[prof] = len(self.profiles)
                self.profiles.append(prof)
                self.members.append([])
            self.members[p].append(i)
            self.of.append(p)


def _compare(
    profiles: Sequence[_Profile],
    left: Sequence[int],
    right: Sequence[int] | None,
    threshold: float,
    links: dict[tuple[int, int], float],
) -> None:
    """Add to ``links`` the pairs of ``left`` (or of ``left`` × ``right``) scoring at least ``threshold``.

    Profiles with the same comparison words form one unit and score 100 without being compared; the units are
    compared in bulk with :func:`rapidfuzz.process.cdist` (the string score, an upper bound of the score), and the
    pairs that pass are scored one by one.
    """
    square = right is None
    sides = [left] if right is None else [left, right]
    unit_lists: list[list[list[int]]] = []
    for side in sides:
        units: dict[tuple[str, str], list[int]] = defaultdict(list)
        for i in side:
            units[(profiles[i].sorted_text, profiles[i].joined_text)].append(i)
        unit_lists.append(list(units.values()))
    rows, cols = unit_lists[0], unit_lists[-1]
    if square:
        for members in rows:
            for x, i in enumerate(members):
                for j in members[x + 1 :]:
                    links[(min(i, j), max(i, j))] = 100.0
    if not rows or not cols or (square and len(rows) < 2):
        return
    texts = [
        ([profiles[m[0]].sorted_text for m in us], [profiles[m[0]].joined_text for m in us]) for us in (rows, cols)
    ]
    cutoff = threshold - 0.1  # scores are rounded to 0.1 afterwards
    step = max(1, _CELLS // len(cols))  # rows compared at once, to bound the memory
    for start in range(0, len(rows), step):
        stop = min(start + step, len(rows))
        first = start if square else 0  # a square compares each row with the rows after it only
        workers = -1 if (stop - start) * (len(cols) - first) >= 100_000 else 1  # threads pay off on big blocks only
        scores = np.maximum(
            process.cdist(texts[0][0][start:stop], texts[1][0][first:], scorer=fuzz.ratio,
                          score_cutoff=cutoff, dtype=np.float32, workers=workers),
            process.cdist(texts[0][1][start:stop], texts[1][1][first:], scorer=fuzz.ratio,
                          score_cutoff=cutoff, dtype=np.float32, workers=workers),
        )  # fmt: skip
        if square:
            scores = np.triu(scores, k=1)
        for row, col in zip(*np.nonzero(scores), strict=True):
            for i in rows[start + row]:
                for j in cols[first + col]:
                    pair = (min(i, j), max(i, j))
                    if i != j and pair not in links:
                        score = _score(profiles[i], profiles[j])
                        if score >= threshold:
                            links[pair] = score


def _profile_links(profiles: Sequence[_Profile], threshold: float) -> dict[tuple[int, int], float]:
    """Every pair of distinct profiles (``i < j``) scoring at least ``threshold``, with its score."""
    links: dict[tuple[int, int], float] = {}
    blocks: dict[str, list[int]] = defaultdict(list)
    anywhere: list[int] = []  # profiles with no place: compatible with every place
    for i, prof in enumerate(profiles):
        if not prof.normalised:
            continue  # a blank name matches nothing
        for place in prof.places:
            blocks[place].append(i)
        if not prof.places:
            anywhere.append(i)
    for members in blocks.values():
        _compare(profiles, members, None, threshold, links)
        _compare(profiles, members, anywhere, threshold, links)
    _compare(profiles, anywhere, None, threshold, links)
    # Acronyms: a short name against the names whose initials it is.
    by_initials: dict[str, list[int]] = defaultdict(list)
    for j, prof in enumerate(profiles):
        for initials in prof.initials:
            by_initials[initials].append(j)
    for i, prof in enumerate(profiles):
        if prof.acronym:
            for j in by_initials.get(prof.acronym, ()):
                pair = (min(i, j), max(i, j))
                if i != j and pair not in links:
                    score = _score(prof, profiles[j])
                    if score >= threshold:
                        links[pair] = score
    return links


def candidate_pairs(names: Sequence[ActorName], *, threshold: float = DEFAULT_THRESHOLD) -> list[MatchPair]:
    """Every pair of mentions whose :func:`similarity` is at least ``threshold``, without comparing all pairs.

    Parameters
    ----------
    names : sequence of ActorName
        The mentions; their keys must be unique.
    threshold : float, optional
        The lowest score of a pair, in (0, 100]; :data:`DEFAULT_THRESHOLD` by default.

    Returns
    -------
    list of MatchPair
        The pairs, highest score first, then by keys; ``a < b`` in each. The
        scores are those of ``similarity(a, b, places=[n.place for n in names])``.

    Raises
    ------
    ValueError
        If two names share a key, or the threshold is out of range.

    Notes
    -----
    Mentions are grouped by place (a mention with no place at all joins every
    group); mentions with the same normalised name and place, and then those
    with the same comparison words, score 100 without being compared; the
    distinct comparison texts of each place are compared in bulk with
    :func:`rapidfuzz.process.cdist` (an upper bound of the score), and the
    rules are applied to the pairs that pass. Acronyms are looked up in an
    index of initials. The result is the same as comparing every pair.

    Examples
    --------
    >>> candidate_pairs([
    ...     ActorName("a", "Harbour Mentors Stavanger", "Stavanger"),
    ...     ActorName("b", "Stavanger Harbour Mentors", "Bergen"),
    ...     ActorName("c", "Harbor Mentors", "Stavanger"),
    ...     ActorName("d", "Harbour Mentors", "Bergen"),
    ... ])
    [MatchPair(a='a', b='b', score=100.0), MatchPair(a='a', b='c', score=96.3), MatchPair(a='b', b='c', score=96.3)]
    """
    _check_threshold(threshold)
    mentions = _Mentions(names)
    found: list[MatchPair] = []

    def add(i: int, j: int, score: float) -> None:
        a, b = sorted((names[i].key, names[j].key))
        found.append(MatchPair(a, b, score))

    for p, members in enumerate(mentions.members):
        if mentions.profiles[p].normalised:
            for x, i in enumerate(members):
                for j in members[x + 1 :]:
                    add(i, j, 100.0)
    for (p, q), score in _profile_links(mentions.profiles, threshold).items():
        for i in mentions.members[p]:
            for j in mentions.members[q]:
                add(i, j, score)
    found.sort(key=lambda m: (-m.score, m.a, m.b))
    return found


def _clear_caches() -> None:
    """Forget the analysed names and places (for timings that start cold)."""
    for cached in (_gazetteer, _profile, _translate, _known):
        cached.cache_clear()


def _all_pairs(names: Sequence[ActorName], *, threshold: float = DEFAULT_THRESHOLD) -> list[MatchPair]:
    """What :func:`candidate_pairs` finds, by scoring every pair of mentions (the reference, for tests and timing)."""
    _check_threshold(threshold)
    mentions = _Mentions(names)
    profiles = [mentions.profiles[p] for p in mentions.of]
    found = []
    for i, a in enumerate(profiles):
        for j in range(i + 1, len(profiles)):
            score = _score(a, profiles[j])
            if score >= threshold:
                x, y = sorted((names[i].key, names[j].key))
                found.append(MatchPair(x, y, score))
    found.sort(key=lambda m: (-m.score, m.a, m.b))
    return found


# -- clusters ---------------------------------------------------------------


class _Merge:
    """Union-find over mentions that refuses unions against ``different`` decisions and across places."""

    def __init__(
        self, places: Sequence[frozenset[str]], units: Sequence[frozenset[int]], apart: Mapping[int, set[int]]
    ) -> None:
        self.parent = list(range(len(places)))
        self.size = [1] * len(places)
        self.places = [set(p) for p in places]
        self.units = [set(u) for u in units]  # the decision units each cluster holds
        self.apart = [set().union(*(apart.get(u, set()) for u in us)) for us in units]  # units it must not hold
        self.weakest = [100.0] * len(places)

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def union(self, i: int, j: int, score: float, *, forced: bool = False) -> bool:
        """Join the clusters of ``i`` and ``j`` unless a ``different`` decision (or, unless forced, places) forbids."""
        a, b = self.find(i), self.find(j)
        if a == b:
            return True
        if not self.apart[a].isdisjoint(self.units[b]) or not self.apart[b].isdisjoint(self.units[a]):
            return False
        if not forced and self.places[a] and self.places[b] and self.places[a].isdisjoint(self.places[b]):
            return False  # two places joined through a mention of no place
        if self.size[a] < self.size[b]:
            a, b = b, a
        self.parent[b] = a
        self.size[a] += self.size[b]
        self.places[a] |= self.places[b]
        self.units[a] |= self.units[b]
        self.apart[a] |= self.apart[b]
        self.weakest[a] = min(self.weakest[a], self.weakest[b], score)
        return True


def _spellings(texts: Iterable[str]) -> list[str]:
    """Distinct texts, most common first, then the shortest, then alphabetical."""
    counts = Counter(texts)
    return sorted(counts, key=lambda s: (-counts[s], len(s), s))


def cluster_actors(
    names: Sequence[ActorName],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    same: Iterable[tuple[str, str]] = (),
    different: Iterable[tuple[str, str]] = (),
) -> list[ActorCluster]:
    """Mentions grouped into organisations: the candidate pairs joined, with a reviewer's decisions.

    Parameters
    ----------
    names : sequence of ActorName
        The mentions; their keys must be unique.
    threshold : float, optional
        The lowest score of a link, as for :func:`candidate_pairs`.
    same : iterable of (str, str), optional
        Pairs a reviewer declared the same organisation: always joined (unless
        that would contradict a ``different`` decision).
    different : iterable of (str, str), optional
        Pairs a reviewer declared different organisations: never in one cluster.

    Returns
    -------
    list of ActorCluster
        Every mention in exactly one cluster (single mentions included),
        largest cluster first, then by label.

    Raises
    ------
    ValueError
        If two names share a key, or the threshold is out of range.

    Notes
    -----
    A decision names each side by a mention's key or by a :func:`name_key`
    ("this spelling in this place", which applies the decision to every such
    mention); a mention key is looked up first, and a side that names nothing
    here is ignored (the decision may be about records not loaded).

    Links are made strongest first (single linkage): the ``same`` decisions,
    in their order; then the mentions of one normalised name in one place
    (score 100); then the candidate pairs by descending score. A link is not
    made when it would put two sides of a ``different`` decision in one
    cluster: the strongest links win. ``different`` decisions win over
    ``same`` ones: a ``same`` decision is applied as far as they allow.
    A mention whose name and workshop have no place at all can join any
    cluster, but never one that would join clusters of two different places
    (only a ``same`` decision does that).

    Examples
    --------
    >>> names = [
    ...     ActorName("r1/a1", "Youth council", "Bergen"),
    ...     ActorName("r2/a1", "Bergen Youth Council", "Bergen"),
    ...     ActorName("r3/a1", "Bergen Youth Club", "Bergen"),
    ...     ActorName("r4/a1", "Youth Council", "Tampere"),
    ... ]
    >>> [(c.label, c.keys) for c in cluster_actors(names)]
    [('Youth council', ('r1/a1', 'r2/a1')), ('Bergen Youth Club', ('r3/a1',)), ('Youth Council', ('r4/a1',))]

    A reviewer decides the Bergen youth council typed in full is another
    organisation than the "Youth council" of record r1 (by its name key):

    >>> decided = cluster_actors(names, different=[("r1/a1", "bergen youth council|bergen")])
    >>> sorted(c.keys for c in decided)
    [('r1/a1',), ('r2/a1',), ('r3/a1',), ('r4/a1',)]
    """
    _check_threshold(threshold)
    mentions = _Mentions(names)
    same, different = list(same), list(different)
    by_key = {n.key: i for i, n in enumerate(names)}
    by_name: dict[str, list[int]] = defaultdict(list)
    if same or different:
        for i, n in enumerate(names):
            by_name[name_key(n)].append(i)

    def resolve(side: str) -> list[int]:
        return [by_key[side]] if side in by_key else by_name.get(side, [])

    # Decision units: each side of a `different` decision is a set of mentions.
    unit_of: dict[str, int] = {}
    units: list[set[int]] = [set() for _ in names]
    apart: dict[int, set[int]] = defaultdict(set)
    for x, y in different:
        ux, uy = (unit_of.setdefault(side, len(unit_of)) for side in (x, y))
        apart[ux].add(uy)
        apart[uy].add(ux)
        for side, unit in ((x, ux), (y, uy)):
            for i in resolve(side):
                units[i].add(unit)
    merge = _Merge(
        [mentions.profiles[p].places for p in mentions.of], [frozenset(u) for u in units], apart
    )  # fmt: skip
    decided = {i for i, u in enumerate(units) if u}  # mentions a decision may keep apart from their like
    for x, y in same:
        xs, ys = resolve(x), resolve(y)
        if xs and ys:
            for i in xs[1:] + ys:
                merge.union(xs[0], i, 100.0, forced=True)
            decided.update(xs, ys)

    def roots(members: list[int]) -> list[int]:
        if decided.isdisjoint(members):  # nothing keeps these mentions apart: they are one cluster
            return [merge.find(members[0])]
        return sorted({merge.find(i) for i in members})

    for p, members in enumerate(mentions.members):  # one normalised name in one place: score 100
        if not mentions.profiles[p].normalised:
            continue  # blank names stay alone
        if decided.isdisjoint(members):
            for i in members[1:]:
                merge.union(members[0], i, 100.0)
            continue
        joined = {merge.find(members[0])}
        for i in members[1:]:
            for r in sorted(joined):
                merge.union(i, r, 100.0)
            joined = {merge.find(r) for r in joined} | {merge.find(i)}
    links = _profile_links(mentions.profiles, threshold)
    for (p, q), score in sorted(links.items(), key=lambda item: (-item[1], item[0])):
        for rp in roots(mentions.members[p]):
            for rq in roots(mentions.members[q]):
                merge.union(rp, rq, score)

    grouped: dict[int, list[int]] = defaultdict(list)
    for i in range(len(names)):
        grouped[merge.find(i)].append(i)
    clusters = []
    for root, members in grouped.items():
        spellings = _spellings(names[i].name.strip() for i in members)
        clusters.append(
            ActorCluster(
                keys=tuple(sorted(names[i].key for i in members)),
                label=spellings[0],
                names=tuple(spellings),
                places=tuple(sorted({names[i].place.strip() for i in members} - {""})),
                min_score=merge.weakest[root],
            )
        )
    clusters.sort(key=lambda c: (-len(c.keys), c.label, c.keys))
    return clusters


# -- evaluation -------------------------------------------------------------


def pairwise_scores(truth: Mapping[str, str], predicted: Mapping[str, str]) -> tuple[float, float, float]:
    """Precision, recall and F1 of a clustering, over pairs of items.

    Two items form a positive pair when they share a cluster label. Precision
    is the share of predicted pairs that are true pairs, recall the share of
    true pairs that are predicted.

    Parameters
    ----------
    truth : mapping of str to str
        Each item's true cluster label (e.g. the organisation's id).
    predicted : mapping of str to str
        Each item's predicted cluster label; the same items as ``truth``.

    Returns
    -------
    tuple of float
        ``(precision, recall, f1)``. With no predicted pair precision is 1.0;
        with no true pair recall is 1.0; F1 is 0.0 when both others are 0.

    Raises
    ------
    ValueError
        If the two mappings do not hold the same items.

    Examples
    --------
    >>> truth = {"a": "x", "b": "x", "c": "x", "d": "y"}
    >>> pairwise_scores(truth, {"a": "1", "b": "1", "c": "2", "d": "2"})
    (0.5, 0.3333333333333333, 0.4)
    """
    if truth.keys() != predicted.keys():
        raise ValueError("truth and predicted must hold the same items")

    def pairs(counts: Iterable[int]) -> int:
        return sum(n * (n - 1) // 2 for n in counts)

    both = pairs(Counter((truth[k], predicted[k]) for k in truth).values())
    true_pairs = pairs(Counter(truth.values()).values())
    predicted_pairs = pairs(Counter(predicted.values()).values())
    precision = both / predicted_pairs if predicted_pairs else 1.0
    recall = both / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
