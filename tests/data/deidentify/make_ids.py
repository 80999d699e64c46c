"""Make and check the invented identity numbers of the de-identification corpus.

The corpus (``corpus.jsonl`` next to this file) is static: this script is not needed to run
the tests. It was used to write the identity numbers and organisation numbers into the
cases, and it can check them again after an edit::

    python tests/data/deidentify/make_ids.py          # print the numbers the corpus uses
    python tests/data/deidentify/make_ids.py --check  # check the numbers written in the corpus

Personal identity numbers (must be removed by the pass):

- Swedish personnummer ``YYMMDD-NNNC`` / ``YYYYMMDD-NNNC`` / ``YYMMDD+NNNC`` (100 or older),
  and samordningsnummer (day + 60); Luhn check digit over the ten-digit form.
- Norwegian fødselsnummer ``DDMMYY III K1 K2`` (and D-nummer, day + 40); two mod-11 check
  digits, the individual number in the range of the birth year's century.
- Danish CPR ``DDMMYY-SSSS``: a valid date, the seventh digit in the range of the century; we
  also make them satisfy the old mod-11 test, so that a pass checking it finds them too.
- Finnish henkilötunnus ``DDMMYYCZZZQ``: century sign ``+`` (1800s), ``-`` ``Y`` ``X`` ``W``
  ``V`` ``U`` (1900s), ``A`` ``B`` ``C`` ``D`` ``E`` ``F`` (2000s); check character from
  ``DDMMYYZZZ`` mod 31.

Organisation numbers (not personal, hard negatives): Swedish organisationsnummer (Luhn, third
digit 2 or more, so never a date), Norwegian organisasjonsnummer (9 digits, mod 11), Danish
CVR (8 digits, mod 11), Finnish Y-tunnus (7 digits and a mod-11 check digit).

>>> se_personnummer(1985, 7, 9, 980)
'850709-9805'
>>> fi_hetu(1952, 10, 13, 308)
'131052-308T'
>>> is_valid_hetu("131052-308T"), is_valid_hetu("131052-308U")
(True, False)
>>> is_valid_no_orgnr("974760673")
True
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
HETU_SIGNS = {"+": 1800, "-": 1900, "Y": 1900, "X": 1900, "W": 1900, "V": 1900, "U": 1900}
HETU_SIGNS.update(dict.fromkeys("ABCDEF", 2000))


def _luhn_digit(digits: str) -> int:
    total = 0
    for i, ch in enumerate(digits):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n // 10 + n % 10
    return (10 - total % 10) % 10


def _date_ok(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


# -- Sweden ---------------------------------------------------------------------------------


def se_personnummer(
    year: int, month: int, day: int, serial: int, *, long: bool = False, coordination: bool = False
) -> str:
    """A Swedish personnummer (or samordningsnummer) with its Luhn digit; ``serial`` is 0-999."""
    assert _date_ok(year, month, day)
    dd = day + 60 if coordination else day
    body = f"{year % 100:02d}{month:02d}{dd:02d}{serial:03d}"
    check = _luhn_digit(body)
    sep = "+" if year < 1925 and not long else "-"
    head = f"{year:04d}{month:02d}{dd:02d}" if long else body[:6]
    return f"{head}{sep}{body[6:]}{check}"


def is_valid_personnummer(text: str) -> bool:
    m = re.fullmatch(r"(\d{2})?(\d{2})(\d{2})(\d{2})[-+]?(\d{3})(\d)", text.replace(" ", ""))
    if not m:
        return False
    cc, yy, mm, dd, serial, check = m.groups()
    day = int(dd) - 60 if int(dd) > 60 else int(dd)
    year = int(cc + yy) if cc else 2000 + int(yy) if int(yy) < 25 else 1900 + int(yy)
    if "+" in text:
        year -= 100
    return _date_ok(year, int(mm), day) and _luhn_digit(yy + mm + dd + serial) == int(check)


def se_orgnr(prefix: str) -> str:
    """A Swedish organisationsnummer from a nine-digit prefix whose third digit is 2 or more."""
    assert len(prefix) == 9 and int(prefix[2]) >= 2
    return f"{prefix[:6]}-{prefix[6:]}{_luhn_digit(prefix)}"


# -- Norway ---------------------------------------------------------------------------------

_NO_K1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_NO_K2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def _mod11(digits: str, weights: tuple[int, ...]) -> int | None:
    r = 11 - sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    return 0 if r == 11 else None if r == 10 else r


def _no_individual_ok(year: int, individual: int) -> bool:
    if 1900 <= year <= 1999 and 0 <= individual <= 499:
        return True
    if 1940 <= year <= 1999 and 900 <= individual <= 999:
        return True
    if 1854 <= year <= 1899 and 500 <= individual <= 749:
        return True
    return 2000 <= year <= 2039 and 500 <= individual <= 999


def no_fodselsnummer(year: int, month: int, day: int, individual: int, *, d_number: bool = False) -> str | None:
    """A Norwegian fødselsnummer (or D-nummer), or None when no check digit exists for it."""
    assert _date_ok(year, month, day) and _no_individual_ok(year, individual)
    body = f"{day + 40 if d_number else day:02d}{month:02d}{year % 100:02d}{individual:03d}"
    k1 = _mod11(body, _NO_K1)
    if k1 is None:
        return None
    k2 = _mod11(body + str(k1), _NO_K2)
    if k2 is None:
        return None
    return f"{body}{k1}{k2}"


def is_valid_fodselsnummer(text: str) -> bool:
    digits = text.replace(" ", "")
    if not re.fullmatch(r"\d{11}", digits):
        return False
    day = int(digits[:2])
    day = day - 40 if day > 40 else day
    k1 = _mod11(digits[:9], _NO_K1)
    k2 = _mod11(digits[:10], _NO_K2)
    if k1 != int(digits[9]) or k2 != int(digits[10]):
        return False
    individual, yy = int(digits[6:9]), int(digits[4:6])
    years = [c + yy for c in (1800, 1900, 2000) if _no_individual_ok(c + yy, individual)]
    return any(_date_ok(y, int(digits[2:4]), day) for y in years)


def is_valid_no_orgnr(text: str) -> bool:
    digits = text.replace(" ", "")
    return bool(re.fullmatch(r"[89]\d{8}", digits)) and _mod11(digits[:8], (3, 2, 7, 6, 5, 4, 3, 2)) == int(digits[8])


def no_orgnr(prefix: str) -> str | None:
    """A Norwegian organisasjonsnummer ``NNN NNN NNN`` from an eight-digit prefix, or None."""
    k = _mod11(prefix, (3, 2, 7, 6, 5, 4, 3, 2))
    if k is None:
        return None
    d = f"{prefix}{k}"
    return f"{d[:3]} {d[3:6]} {d[6:]}"


# -- Denmark --------------------------------------------------------------------------------


def _dk_century(yy: int, seventh: int) -> int:
    if seventh <= 3:
        return 1900
    if seventh in (4, 9):
        return 2000 if yy <= 36 else 1900
    return 2000 if yy <= 57 else 1800


def dk_cpr(year: int, month: int, day: int, start: int) -> str:
    """A Danish CPR number; the serial is the first from ``start`` (four digits) that fits the
    century and passes the old mod-11 test."""
    assert _date_ok(year, month, day)
    date = f"{day:02d}{month:02d}{year % 100:02d}"
    for serial in range(start, 10000):
        s = f"{serial:04d}"
        if _dk_century(year % 100, int(s[0])) + year % 100 != year:
            continue
        if sum(int(d) * w for d, w in zip(date + s, (4, 3, 2, 7, 6, 5, 4, 3, 2, 1), strict=True)) % 11 == 0:
            return f"{date}-{s}"
    raise ValueError("no serial")


def is_valid_cpr(text: str) -> bool:
    digits = text.replace("-", "").replace(" ", "")
    if not re.fullmatch(r"\d{10}", digits):
        return False
    yy = int(digits[4:6])
    year = _dk_century(yy, int(digits[6])) + yy
    return _date_ok(year, int(digits[2:4]), int(digits[:2]))


def dk_cvr(prefix: str) -> str | None:
    """A Danish CVR number from a seven-digit prefix, or None."""
    for last in range(10):
        d = f"{prefix}{last}"
        if sum(int(c) * w for c, w in zip(d, (2, 7, 6, 5, 4, 3, 2, 1), strict=True)) % 11 == 0:
            return d
    return None


# -- Finland --------------------------------------------------------------------------------


def fi_hetu(year: int, month: int, day: int, individual: int, sign: str | None = None) -> str:
    """A Finnish henkilötunnus; ``sign`` defaults to the classic one of the century."""
    assert _date_ok(year, month, day) and 2 <= individual <= 899
    century = year - year % 100
    sign = sign or {1800: "+", 1900: "-", 2000: "A"}[century]
    assert HETU_SIGNS[sign] == century
    body = f"{day:02d}{month:02d}{year % 100:02d}"
    return f"{body}{sign}{individual:03d}{HETU_CHECK[int(body + f'{individual:03d}') % 31]}"


def is_valid_hetu(text: str) -> bool:
    m = re.fullmatch(r"(\d{2})(\d{2})(\d{2})([-+YXWVUABCDEF])(\d{3})([0-9A-Y])", text)
    if not m:
        return False
    dd, mm, yy, sign, zzz, q = m.groups()
    ok = _date_ok(HETU_SIGNS[sign] + int(yy), int(mm), int(dd))
    return ok and HETU_CHECK[int(dd + mm + yy + zzz) % 31] == q


def fi_ytunnus(prefix: str) -> str | None:
    """A Finnish business ID (Y-tunnus) from a seven-digit prefix, or None."""
    r = sum(int(d) * w for d, w in zip(prefix, (7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    if r == 1:
        return None
    return f"{prefix}-{0 if r == 0 else 11 - r}"


# -- what the corpus uses -------------------------------------------------------------------


def corpus_numbers() -> dict[str, list[str]]:
    """The numbers written into the corpus, by kind."""
    return {
        "se_personnummer": [
            se_personnummer(1985, 7, 9, 980),
            se_personnummer(1985, 7, 9, 980, long=True),
            se_personnummer(1921, 4, 5, 117),
            se_personnummer(2006, 11, 23, 452),
            se_personnummer(1978, 2, 14, 336),
            se_personnummer(1990, 3, 28, 271, coordination=True),
            se_personnummer(2001, 12, 30, 418, long=True),
            se_personnummer(1969, 9, 1, 254),
        ],
        "no_fodselsnummer": [
            n
            for n in (
                no_fodselsnummer(1987, 3, 15, 123),
                no_fodselsnummer(2004, 8, 2, 512),
                no_fodselsnummer(1962, 11, 30, 228),
                no_fodselsnummer(1999, 6, 21, 904),
                no_fodselsnummer(1993, 1, 7, 345, d_number=True),
                no_fodselsnummer(2010, 5, 17, 601),
                no_fodselsnummer(1975, 12, 4, 311),
                no_fodselsnummer(1988, 10, 9, 150),
            )
            if n
        ],
        "dk_cpr": [
            dk_cpr(1985, 9, 7, 1230),
            dk_cpr(2003, 2, 11, 4100),
            dk_cpr(1958, 4, 26, 2200),
            dk_cpr(1991, 12, 1, 1600),
            dk_cpr(2012, 6, 19, 5000),
            dk_cpr(1977, 7, 30, 3100),
            dk_cpr(1969, 1, 14, 1800),
        ],
        "fi_hetu": [
            fi_hetu(1975, 3, 12, 218),
            fi_hetu(1988, 6, 23, 475, "Y"),
            fi_hetu(1999, 11, 2, 302, "X"),
            fi_hetu(1967, 9, 15, 614, "W"),
            fi_hetu(2005, 1, 30, 127, "B"),
            fi_hetu(2011, 7, 4, 839, "C"),
            fi_hetu(2003, 4, 18, 246),
            fi_hetu(1954, 10, 9, 581, "V"),
            fi_hetu(1983, 5, 27, 193, "U"),
            fi_hetu(2008, 2, 29, 402, "D"),
            fi_hetu(2014, 12, 8, 765, "E"),
            fi_hetu(2019, 8, 31, 330, "F"),
        ],
        "se_orgnr": [se_orgnr("802456713"), se_orgnr("212000178"), se_orgnr("559312448"), se_orgnr("716408203")],
        "no_orgnr": [n for n in (no_orgnr("97126480"), no_orgnr("91234560"), no_orgnr("99358101")) if n],
        "dk_cvr": [n for n in (dk_cvr("3418267"), dk_cvr("2975310"), dk_cvr("4120856")) if n],
        "fi_ytunnus": [n for n in (fi_ytunnus("3148215"), fi_ytunnus("2876409"), fi_ytunnus("0204816")) if n],
    }


_PERSONAL_CHECKS = {
    "se_personnummer": is_valid_personnummer,
    "no_fodselsnummer": is_valid_fodselsnummer,
    "dk_cpr": is_valid_cpr,
    "fi_hetu": is_valid_hetu,
}


def check_corpus(path: Path) -> list[str]:
    """Problems with the numbers of the corpus: each number of ``corpus_numbers`` that appears
    in a case must be valid, personal ones listed in ``personal``, organisation ones in ``keep``."""
    numbers = corpus_numbers()
    problems = []
    seen: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        for kind, values in numbers.items():
            for value in values:
                if value not in case["text"]:
                    continue
                seen.add(value)
                personal = kind in _PERSONAL_CHECKS
                if personal and not _PERSONAL_CHECKS[kind](value):
                    problems.append(f"{case['id']}: {value} is not a valid {kind}")
                if personal and not any(value in p for p in case["personal"]):
                    problems.append(f"{case['id']}: {value} is not listed in personal")
                if not personal and value not in case["keep"]:
                    problems.append(f"{case['id']}: {value} is not listed in keep")
    # organisation numbers must not pass as personal identity numbers
    for kind in ("se_orgnr", "no_orgnr", "dk_cvr", "fi_ytunnus"):
        for value in numbers[kind]:
            if is_valid_personnummer(value) or is_valid_fodselsnummer(value) or is_valid_cpr(value):
                problems.append(f"{value} ({kind}) also reads as a personal identity number")
    return problems


def main(argv: list[str]) -> int:
    if "--check" in argv:
        problems = check_corpus(Path(__file__).with_name("corpus.jsonl"))
        print("\n".join(problems) or "ok")
        return 1 if problems else 0
    for kind, values in corpus_numbers().items():
        print(kind, " ".join(values))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
