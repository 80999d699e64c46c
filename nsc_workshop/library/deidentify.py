"""De-identification: one pass for every string that leaves a city, and a last guard behind it.

Before a workshop is published, every string of the record (texts, labels,
sectors typed by hand, tie types, tags, keys) goes through a
:class:`Deidentifier`, which finds and replaces:

- **names of people** — participant handles, actors of kind ``person``,
  prototype roles' people and the facilitator's ``hidden_names`` — the whole
  name and each part of two letters or more, in any letter case, composed or
  decomposed (NFC/NFD), inside hyphenated, underscored, dotted and CamelCase
  tokens (``AstridSolberg``, ``yusuf_ahmed``), and in the forms Nordic teams
  write them: genitives and possessives with and without an apostrophe or
  colon (``Astrid's``, ``Astrids``, ``Li:s``, ``Lars'``), Finnish case endings
  with the common stem changes (``Astridille``, ``Mikon`` from *Mikko*,
  ``Virtasen`` from *Virtanen*, ``Li:n``). A name becomes its pseudonym
  ("Person 1", "Participant 3"), keeping the ending after a colon
  ("Person 1:s", "Henkilö 1:n") or an apostrophe ("Person 1's");
- **contact and identity data** in every field: e-mail addresses (plain and
  written ``name(at)domain``, ``name [at] domain dot se``...), telephone
  numbers in Nordic and international spellings, national identity numbers of
  Sweden, Norway, Denmark and Finland, links to a person's social-media profile
  and ``@account`` mentions.

What is not a name stays: dates, amounts, case numbers, organisation numbers,
places. A phrase the team keeps (``publication.kept_terms``: "Solberg Street
Youth Club" as an organisation's name) is left as written. Every replacement is
recorded (:class:`Replacement`: field, item, kind, pseudonym) for the preview.

:meth:`Deidentifier.leaks` is the guard's search: after the record is built,
every string and key is normalised (NFC, casefold) and searched again for every
name form and pattern; the publication is refused if anything is left, with a
message naming the field and the kind of data, never the value.

>>> d = Deidentifier({"Astrid Solberg": "Person 1", "Mikko Virtanen": "Henkilö 2"})
>>> d.scrub("Astrids idé: ring 070-123 45 67 eller mejla astrid.solberg(at)example.org")
'Person 1:s idé: ring [phone removed] eller mejla [e-mail removed]'
>>> d.scrub("Mikon ja Virtasen puhelin, AstridSolberg ja SOLBERG")
'Henkilö 2:n ja Henkilö 2:n puhelin, Person 1 ja Person 1'
>>> d.scrub("Möte 2025-03-14 kl. 18.00–20.00, budget 1 200 000 kr, dnr 2024/1234")
'Möte 2025-03-14 kl. 18.00–20.00, budget 1 200 000 kr, dnr 2024/1234'
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

__all__ = ["KINDS", "Deidentifier", "Replacement", "fold", "nfc"]

KINDS = ("name", "email", "phone", "id_number", "profile", "account")
"""The kinds of personal data the pass finds (the preview and the guard's messages say which)."""

_MIN_PART = 2
"""Name parts of at least this many letters are replaced wherever they stand (``Li`` of "Li Wei")."""


def nfc(text: str) -> str:
    """The text in composed form (a name typed with a combining ring is the same name)."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """How texts are compared: composed and case-folded."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).casefold())


# -- names ---------------------------------------------------------------------------------

_SEPARATORS = ("'", "’", "´", "`", ":")
"""What may stand between a name and its ending (``Astrid's``, ``Li:s``, ``Li:n``)."""

_ENDINGS = frozenset(
    [
        "",
        # English and Nordic genitive / possessive, English plural
        "s",
        "es",
        # Finnish cases (both vowel-harmony forms)
        "n", "a", "ä", "ta", "tä", "na", "nä", "ksi", "ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä",
        "lle", "tta", "ttä", "ne", "t", "en", "in", "seen", "han", "hen", "hin", "hon", "hun", "hyn", "hän", "hön",
        "ineen", "ine", "ni", "si", "nsa", "nsä", "mme", "nne",
        # Finnish illative after a vowel stem: the vowel again and n (Mikko-on, Anna-an)
        "an", "än", "on", "un", "yn", "ön",
    ]
)  # fmt: skip
"""Endings a name may carry, after its stem (and an optional Finnish linking vowel)."""

_CLITICS = ("kin", "kaan", "kään", "han", "hän", "pa", "pä", "ko", "kö")
"""Finnish enclitic particles that may follow a case ending (``Mikollekin``)."""

_GRADATION = (
    ("kk", "k"),
    ("pp", "p"),
    ("tt", "t"),
    ("nk", "ng"),
    ("mp", "mm"),
    ("lt", "ll"),
    ("nt", "nn"),
    ("rt", "rr"),
    ("t", "d"),
    ("p", "v"),
)
"""Finnish consonant gradation in the last syllable, strong → weak (Mikko → Miko-n, Outi → Oudi-n)."""

_VOWELS = set("aeiouyäöå")


def _words(text: str) -> list[str]:
    return text.split()


COMMON_WORDS = frozenset(
    _words(
        """
    guest gäst gæst gjest vieras table bord pöytä group grupp gruppe ryhmä team tiimi lag
    youth ungdom ungdoms unge ungdomar nuoret nuori nuoriso council råd rådet neuvosto valtuusto
    city stad by kaupunki kommun kommune kunta municipality director direktör direktør johtaja chief chef
    librarian bibliotekarie bibliotekar kirjastonhoitaja library bibliotek kirjasto police polis politi
    poliisi officer tjänsteman leader ledare leder vetäjä teacher lärare lærer opettaja
    school skola skole koulu club klubb klubben kerho social sosial sosiaali worker arbetare arbejder
    arbeider työntekijä coordinator koordinator koordinaattori facilitator processledare fasilitator
    fasilitaattori participant deltagare deltager deltaker osallistuja decider beslutsfattare observer
    note taker parent förälder forælder forelder vanhempi student elev oppilas pupil mentor counsellor
    kurator rådgiver ohjaaja nurse sjuksköterska sygeplejerske sykepleier hoitaja imam priest präst
    præst prest pappi pastor rektor principal rehtori staff personal personale henkilöstö volunteer
    volontär frivillig vapaaehtoinen resident boende beboer asukas member medlem jäsen representative
    representant edustaja expert ekspert asiantuntija researcher forskare forsker tutkija manager
    person people henkilö someone någon nogen noen joku citizen medborgare borger innbygger
    rep network observer housing faith health culture sports media
    business platform platforms prevention coordination safety security emergency agency authority
    """
    )
)
"""Role words: never taken for a part of a person's name when they stand in a participant's handle
(``youth-council-2``, ``city-director``, ``housing-1`` are roles, not names)."""


@functools.cache
def role_words() -> frozenset[str]:
    """:data:`COMMON_WORDS` and every word of the kit's own vocabularies (sectors, tie types, Blueprint areas,
    roles), in the five languages: what a handle made of roles is made of."""
    from nsc_workshop.i18n import available_languages, catalog

    words = set(COMMON_WORDS)
    prefixes = ("dataset.sectors.", "dataset.tie_types.", "dataset.blueprint_areas.", "library.role.", "sector.")
    for language in available_languages():
        for key, value in catalog(language).items():
            if key.startswith(prefixes) and isinstance(value, str) and not key.endswith((".description", ".prompt")):
                words |= {fold(w) for w in re.findall(r"\w+", value)}
    from nsc_workshop.datasets import sectors, tie_types

    for row in (*sectors(), *tie_types()):
        words |= {fold(w) for w in re.findall(r"[^\W_]+", str(row["id"]))}
    return frozenset(words)


_CAMEL = re.compile(r"(?<=[a-zäöåæøéü])(?=[A-ZÄÖÅÆØÉÜ])|(?<=[A-ZÄÖÅÆØ])(?=[A-ZÄÖÅÆØ][a-zäöåæø])")
_PART_SPLIT = re.compile(r"[\s._\-]+")
_TOKEN = re.compile(r"\w+(?:[-_.'’´`:]\w+)*['’]?", re.UNICODE)
"""A compound token of a text: words joined by hyphens, underscores, dots, apostrophes or colons."""
_SUBWORD_SPLIT = re.compile(r"[-_.]+")
_LETTERS_DIGITS = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")


def name_parts(name: str) -> list[str]:
    """A name's words, folded: split on spaces, dots, underscores, hyphens and CamelCase.

    >>> name_parts("AstridSolberg"), name_parts("yusuf_ahmed"), name_parts("Jonas Berg-Nilsen")
    (['astrid', 'solberg'], ['yusuf', 'ahmed'], ['jonas', 'berg', 'nilsen', 'berg-nilsen'])
    """
    text = nfc(name).strip()
    parts = [p for p in _PART_SPLIT.split(_CAMEL.sub(" ", text)) if p]
    out = [fold(p) for p in parts if not p.isdigit()]
    for word in text.split():  # a hyphenated word is also a part as a whole ("Berg-Nilsen")
        if "-" in word:
            out.append(fold(word))
    return list(dict.fromkeys(out))


def stems(part: str) -> set[str]:
    """The stems a (folded) name part takes before an ending: itself, its weak grade, the ``-nen`` stems.

    >>> sorted(stems("mikko")), sorted(stems("virtanen")), sorted(stems("outi"))
    (['mikko', 'miko'], ['virtanen', 'virtas', 'virtase'], ['oudi', 'outi'])
    """
    out = {part}
    if part.endswith("nen") and len(part) > 4:
        out |= {part[:-3] + "se", part[:-3] + "s"}
    if len(part) > 3 and part[-1] == "s" and part[-2] in _VOWELS:  # Tuomas → Tuomakse-n, Jonas → Jonakse-lle
        out.add(part[:-1] + "kse")
    if len(part) >= 3 and part[-1] in _VOWELS and part[-2] not in _VOWELS:
        body, last = part[:-1], part[-1]
        for strong, weak in _GRADATION:
            if body.endswith(strong) and (len(strong) > 1 or (len(body) > 1 and body[-2] in _VOWELS)):
                out.add(body[: -len(strong)] + weak + last)
                break
    return out


def _ending_ok(rest: str, stem: str, short: bool) -> str | None:
    """The ending ``rest`` (what follows a stem), normalised, if it is one a name takes; else None."""
    separated = rest[:1] in _SEPARATORS
    if separated:
        rest = rest[1:]
    if short and rest and not separated:  # "Li" + "n" is "lin" (linen): only "Li:n"
        return None
    if rest in _ENDINGS:
        return rest
    for clitic in _CLITICS:
        if rest.endswith(clitic) and rest[: -len(clitic)] in _ENDINGS:
            return rest
    if stem[-1:] not in _VOWELS and rest[:1] in ("i", "e"):  # Finnish linking vowel: Astrid-i-lle
        tail = rest[1:]
        if tail and (tail in _ENDINGS or any(tail.endswith(c) and tail[: -len(c)] in _ENDINGS for c in _CLITICS)):
            return rest
    return None


@dataclass(frozen=True)
class Replacement:
    """One replacement made in a published field: where, what kind of data, by what; ``original`` stays local."""

    field: str
    item: str
    kind: str
    replacement: str
    original: str = ""


@dataclass
class _Match:
    start: int
    end: int
    kind: str
    replacement: str


@dataclass
class Deidentifier:
    """Finds and replaces names (``names``: name → pseudonym) and contact and identity data in texts.

    ``keep`` are phrases left as written (the team's call: an organisation's
    name with a surname in it). ``allowed`` are words that are never taken for
    a name part (the pseudonyms' own words, the city and country).
    """

    names: Mapping[str, str]
    keep: Sequence[str] = ()
    allowed: Iterable[str] = ()
    handles: Iterable[str] = ()
    """Which of ``names`` are participants' handles: their role words are not name parts (``housing-1``)."""
    replacements: list[Replacement] = field(default_factory=list)

    def __post_init__(self) -> None:
        allowed = {fold(w) for phrase in self.allowed for w in re.findall(r"\w+", nfc(phrase))}
        allowed |= {fold(w) for pseudonym in self.names.values() for w in re.findall(r"\w+", nfc(pseudonym))}
        self._whole: dict[str, str] = {}
        part_of: dict[str, set[str]] = {}
        handles = {fold(h) for h in self.handles}
        roles = role_words() if handles else frozenset()
        for name, pseudonym in self.names.items():
            if not name.strip():
                continue
            folded = fold(name).strip()
            parts = name_parts(name)
            is_handle = folded in handles
            if is_handle and all(p in roles or p.isdigit() for p in parts) and folded.isalpha():
                continue  # a handle that is one role word ("facilitator"): nothing of a person in it
            self._whole[folded] = pseudonym
            for part in parts:
                letters = sum(ch.isalpha() for ch in part)
                if letters < _MIN_PART or part in allowed or (is_handle and (part in roles or "-" in part)):
                    continue
                part_of.setdefault(part, set()).add(pseudonym)
        self._stems: dict[str, str] = {}
        for part, pseudonyms in part_of.items():
            pseudonym = next(iter(pseudonyms)) if len(pseudonyms) == 1 else "[name removed]"
            for stem in stems(part):
                self._stems.setdefault(stem, pseudonym)
        self._index: dict[str, list[str]] = {}  # stems by their first two letters, longest first
        for stem in sorted(self._stems, key=len, reverse=True):
            self._index.setdefault(stem[:2], []).append(stem)
        self._keep = sorted({fold(k) for k in self.keep if k.strip()}, key=len, reverse=True)

    # -- finding ---------------------------------------------------------------------------

    def name_form(self, word: str) -> tuple[str, str] | None:
        """``(pseudonym, ending)`` if the (folded) ``word`` is a form of a name to hide, else None.

        >>> d = Deidentifier({"Li Wei": "Person 1", "Astrid": "Person 2"})
        >>> d.name_form("li:n"), d.name_form("lin"), d.name_form("astridille"), d.name_form("astrakan")
        (('Person 1', ':n'), None, ('Person 2', 'ille'), None)
        """
        for stem in self._index.get(word[:2], ()):
            if word.startswith(stem):
                ending = _ending_ok(word[len(stem) :], stem, short=len(stem) <= 2)
                if ending is not None:
                    sep = word[len(stem)] if word[len(stem) : len(stem) + 1] in _SEPARATORS else ""
                    return self._stems[stem], (sep + ending if sep and not ending.startswith(sep) else ending)
        return None

    def _token_match(self, token: str) -> tuple[str, str] | None:
        """A compound token holding a name form: its pseudonym and the last name form's ending."""
        folded = fold(token)
        if folded.strip("'’") in self._whole:
            return self._whole[folded.strip("'’")], ""
        found: tuple[str, str] | None = None
        for piece in _SUBWORD_SPLIT.split(_CAMEL.sub("-", nfc(token))):
            for sub in _LETTERS_DIGITS.split(piece):
                hit = self.name_form(fold(sub))
                if hit is not None:
                    found = hit
        return found

    def _names(self, text: str, busy: list[tuple[int, int]]) -> list[_Match]:
        out: list[_Match] = []
        for m in _TOKEN.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in busy):
                continue
            hit = self._token_match(m.group(0))
            if hit is None:
                continue
            pseudonym, ending = hit
            suffix = ""
            if ending:
                suffix = ending if ending[:1] in _SEPARATORS else ":" + ending
                suffix = "'s" if suffix in ("’s", "´s", "`s", "'", "’", "´", "`") else suffix  # Lars' → Person 1's
            out.append(_Match(m.start(), m.end(), "name", pseudonym + suffix))
        return _merge_names(text, out)

    def _kept(self, text: str) -> list[tuple[int, int]]:
        folded = fold(text)
        spans: list[tuple[int, int]] = []
        if len(folded) != len(text):  # casefolding changed lengths (ß): search the text itself
            folded = text
        for phrase in self._keep:
            start = 0
            while (at := folded.find(phrase, start)) >= 0:
                spans.append((at, at + len(phrase)))
                start = at + len(phrase)
        return spans

    def find(self, text: str) -> list[_Match]:
        """Every piece of personal data in ``text`` (composed first), without overlaps, in order."""
        text = nfc(text)
        kept = self._kept(text)
        found: list[_Match] = []
        busy = list(kept)
        for kind, finder in _PATTERNS:
            for start, end in finder(text):
                if any(a < end and start < b for a, b in busy):
                    continue
                found.append(_Match(start, end, kind, _REMOVED[kind]))
                busy.append((start, end))
        found += self._names(text, busy)
        return sorted(found, key=lambda m: m.start)

    # -- replacing -------------------------------------------------------------------------

    def scrub(self, text: str, where: str = "", item: str = "") -> str:
        """``text`` with every name and contact or identity datum replaced (recorded for the preview)."""
        if not text:
            return text
        text = nfc(text)
        out, last = [], 0
        for m in self.find(text):
            out.append(text[last : m.start])
            out.append(m.replacement)
            self.replacements.append(Replacement(where, item, m.kind, m.replacement, text[m.start : m.end]))
            last = m.end
        out.append(text[last:])
        return "".join(out)

    def line(self, text: str, where: str = "", item: str = "", limit: int = 300) -> str:
        """A one-line field, scrubbed and cut to ``limit``."""
        return self.scrub(text, where, item)[:limit]

    def leaks(self, text: str) -> list[str]:
        """The kinds of personal data still in ``text`` (the guard's search): never the data itself."""
        return sorted({m.kind for m in self.find(text)})


def _merge_names(text: str, found: list[_Match]) -> list[_Match]:
    """ "Astrid Solberg" is one person: adjacent forms of the same pseudonym become one replacement."""
    merged: list[_Match] = []
    for m in found:
        if merged:
            prev = merged[-1]
            gap = text[prev.end : m.start]
            base = prev.replacement.split(":")[0].split("'")[0]
            if gap.strip() == "" and m.replacement.startswith(base) and "\n" not in gap:
                merged[-1] = _Match(prev.start, m.end, "name", m.replacement)
                continue
        merged.append(m)
    return merged


# -- contact and identity data ---------------------------------------------------------------

_REMOVED = {
    "email": "[e-mail removed]",
    "phone": "[phone removed]",
    "id_number": "[id number removed]",
    "profile": "[profile removed]",
    "account": "[account removed]",
}

_AT_WORDS = r"(?:at|ät|snabel-?a|krøllalfa|kanelbulle|miukumauku|kissanhäntä|ät-merkki)"
_DOT_WORDS = r"(?:dot|punkt|punktum|piste|prikk)"
_AT = rf"(?:\s*[\(\[\{{<]\s*{_AT_WORDS}\s*[\)\]\}}>]\s*|\s+{_AT_WORDS}\s+)"
_DOT = rf"(?:\.|\s*[\(\[\{{<]\s*{_DOT_WORDS}\s*[\)\]\}}>]\s*|\s+{_DOT_WORDS}\s+)"
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_EMAIL_OBFUSCATED = re.compile(rf"[\w+-]+(?:{_DOT}[\w+-]+)*{_AT}[\w-]+(?:{_DOT}[\w-]+)+", re.IGNORECASE | re.UNICODE)
_PROFILE = re.compile(
    r"(?:https?://)?(?:www\.|m\.|mobile\.|[a-z]{2}\.)?"
    r"(?:facebook\.com|fb\.com|instagram\.com|twitter\.com|x\.com|tiktok\.com|linkedin\.com|snapchat\.com"
    r"|youtube\.com|threads\.net|vk\.com|t\.me|telegram\.me|pinterest\.com|tumblr\.com|reddit\.com/u(?:ser)?)"
    r"/[^\s,;)\]]+",
    re.IGNORECASE,
)
_ACCOUNT = re.compile(r"(?<![\w@./])@[A-Za-z0-9_][A-Za-z0-9_.]{1,}[A-Za-z0-9_](?![\w(])")
"""An @account (``@yusuf_ahmed``); not a spreadsheet function (``@SUM(``)."""
_FI_ID = re.compile(r"(?<![\w])(\d{2})(\d{2})(\d{2})([-+A-FU-Y])(\d{3})([0-9A-Y])(?![\w])", re.IGNORECASE)
_FI_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
_TEN_DIGITS = re.compile(r"(?<![\w+\-/.])((?:19|20)?\d{6})\s?([-+])?\s?(\d{4})(?![\w/])")
_NO_ID = re.compile(r"(?<![\w+\-/.])(\d{6})\s?(\d{5})(?![\w/])")
_PHONE = re.compile(r"(?<![\w+/.,])(?:\+|00)?\(?\d[\d\s\-/().]{4,}\d(?![\w/])")


def _date_ok(day: int, month: int, year: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _finnish_ids(text: str) -> Iterable[tuple[int, int]]:
    for m in _FI_ID.finditer(text):
        day, month, yy = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if _date_ok(day, month, 2000 + yy if yy < 30 else 1900 + yy) or _date_ok(day, month, 1900 + yy):
            yield m.start(), m.end()


def _ten_digit_ids(text: str) -> Iterable[tuple[int, int]]:
    """Swedish personnummer (YYMMDD-XXXX, YYYYMMDD-XXXX, + over 100) and Danish CPR (DDMMYY-XXXX): valid dates only.

    A Swedish organisation number (``556036-0793``) has no valid date in it and is kept.
    """
    for m in _TEN_DIGITS.finditer(text):
        head = m.group(1)[-6:]
        yy, mm, dd = int(head[:2]), int(head[2:4]), int(head[4:6])
        swedish = _date_ok(dd - 60 if dd > 60 else dd, mm, 1900 + yy) or _date_ok(dd, mm, 2000 + yy)
        danish = _date_ok(int(head[:2]), int(head[2:4]), 1900 + int(head[4:6])) or _date_ok(
            int(head[:2]), int(head[2:4]), 2000 + int(head[4:6])
        )
        if len(m.group(1)) == 8:
            full = m.group(1)
            swedish = _date_ok(int(full[6:8]), int(full[4:6]), int(full[:4]))
            danish = False
        if swedish or danish:
            yield m.start(), m.end()


def _norwegian_ids(text: str) -> Iterable[tuple[int, int]]:
    """Norwegian fødselsnummer and D-numbers: DDMMYY and five digits, a valid date."""
    for m in _NO_ID.finditer(text):
        head = m.group(1)
        day, month, yy = int(head[:2]), int(head[2:4]), int(head[4:6])
        day = day - 40 if day > 40 else day
        if _date_ok(day, month, 1900 + yy) or _date_ok(day, month, 2000 + yy):
            yield m.start(), m.end()


_DATE_LIKE = (
    re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$"),  # 2025-03-14
    re.compile(r"^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$"),  # 14.3.2025
    re.compile(r"^\d{4}\s*[-–/]\s*\d{2,4}$"),  # 2024-2026, 2024/1234 (a year and a number)
    re.compile(r"^\d{1,2}[.:]\d{2}\s*[-–]\s*\d{1,2}[.:]\d{2}$"),  # 18.00-20.00
)
_AMOUNT = re.compile(r"^[1-9]\d{0,2}(?:[\s\u00a0\u202f.]\d{3})+$")
"""1 200 000, 974 760 673: thousands in groups of three (an amount, a Norwegian organisation number)."""
_ORG_SE = re.compile(r"^\d{6}-\d{4}$")
_BUSINESS_FI = re.compile(r"^\d{7}-\d$")
"""A Finnish business id (Y-tunnus): seven digits and a check digit."""
_FILE_NUMBER = re.compile(r"^\d{2,4}\s*/\s*\d{1,6}$")
"""A case or file number: 24/01234, 2025/88."""
_REGISTER_WORDS = re.compile(
    r"(?:cvr|se-?nr|org\.?\s*-?\s*n(?:r|o)|orgnr|organisa(?:tion|sjon)snummer|organisationsnr|y-?tunnus|business id"
    r"|company (?:id|number)|registration|vat|moms|sags?nr|saksnr|saks?nummer|sagsnummer|dnr|diarie|j\.?\s*nr"
    r"|journal|ärende|ärendenummer|arkiv|asianumero|dnro|case (?:no|number)|ref(?:erence)?\b)"
    r"(?:[\s.-]*(?:nr|no|nummer|number)\b)?[\s.:#-]*(?:\s(?:er|är|on|is|was|var|=))?\s*$",
    re.IGNORECASE,
)
"""Words before a number that say it belongs to an organisation or a file, not a person."""


def _registered(text: str, start: int) -> bool:
    """Whether the number at ``start`` follows a register's name (``CVR``, ``org.nr.``, ``Y-tunnus``, ``dnr``...)."""
    return bool(_REGISTER_WORDS.search(text[max(0, start - 40) : start].rstrip(" (:")))


def _phones(text: str) -> Iterable[tuple[int, int]]:
    """Telephone numbers: 8 to 15 digits (7 when written with separators), not a date, an amount or a case number."""
    for m in _PHONE.finditer(text):
        raw = m.group(0).rstrip(" -/.(")
        start, end = m.start(), m.start() + len(raw)
        if raw.count("(") != raw.count(")"):
            raw = raw.strip("()")
        digits = sum(ch.isdigit() for ch in raw)
        body = raw.strip()
        if not 7 <= digits <= 15:
            continue
        separated = any(not ch.isdigit() for ch in body.lstrip("+"))
        if digits == 7 and not separated:
            continue
        if any(p.match(body) for p in _DATE_LIKE) or _AMOUNT.match(body) or _ORG_SE.match(body):
            continue
        if _BUSINESS_FI.match(body) or _FILE_NUMBER.match(body) or _registered(text, start):
            continue
        if re.search(r"\d{4}\s*[-–]\s*\d{4}", body) and digits == 8 and not body.startswith(("+", "0")):
            continue  # a period of years: 2024–2026
        yield start, end


def _regex(pattern: re.Pattern[str]) -> Callable[[str], Iterable[tuple[int, int]]]:
    def find(text: str) -> Iterable[tuple[int, int]]:
        return ((m.start(), m.end()) for m in pattern.finditer(text))

    return find


_PATTERNS: list[tuple[str, Callable[[str], Iterable[tuple[int, int]]]]] = [
    ("email", _regex(_EMAIL)),
    ("email", _regex(_EMAIL_OBFUSCATED)),
    ("profile", _regex(_PROFILE)),
    ("account", _regex(_ACCOUNT)),
    ("id_number", _finnish_ids),
    ("id_number", _norwegian_ids),
    ("id_number", _ten_digit_ids),
    ("phone", _phones),
]
"""The patterns, most specific first (an address before the name inside it, an identity number before a phone)."""
