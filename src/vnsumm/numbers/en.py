"""English number mentions: every number an English translation states, with the value it means.

Values use the same vocabulary as the Vietnamese side (:mod:`vnsumm.numbers.mention`), so a checker
compares meanings, not digit strings: ``VND 32,439.8 billion`` and ``32.4398 trillion dong`` both carry
Decimal 32439800000000 with unit ``VND``. Digits written with Vietnamese separators (``32.439,8``,
``2.000 miles``) get their Vietnamese value and ``foreign_format=True`` so that the matcher can say
``format`` instead of ``changed``.

:data:`RULES` is the ordered table of forms (structured forms first, quantities last; the order is written
beside it); after it, one pass joins neighbouring quantities into ranges and ratios.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from decimal import Decimal, InvalidOperation

from .lex_en import (
    AGE_AFTER,
    ARTICLES,
    CENTURY_WORDS,
    DECADE_WORDS,
    DIGIT_WORDS,
    DURATION_WORDS,
    LUNAR_MARKS,
    MONTHS,
    MULTIPLIER_WORDS,
    NUMBER_WORDS,
    ORDINAL_WORDS,
    PLURAL_SCALES,
    ROMAN_HEADS,
    SCALES,
    SCORE_CUES,
    TEN_WORDS,
    TIMES_WORDS,
    WEEKDAYS,
)
from .mention import DateValue, Mention, RangeValue, RatioValue, TimeValue, Value, on_nfc
from .roman import roman_to_int
from .rules import Claims, Draft, Example, Rule, as_lunar, has_word, matches_at, run_rules, searches
from .units import EN_WORDS, PREFIXES, alternation, en_unit

__all__ = ["RULES", "en_drafts", "extract_en", "words_to_number"]

# A full month name, or an abbreviation with its optional full stop (after ``June`` it ends the sentence).
_MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
_DIGITS = r"\d+(?:[.,]\d+)*"
_WORD_ATOM = alternation(NUMBER_WORDS)
_MULTIPLIER = "|".join(MULTIPLIER_WORDS)
# A run of number words, e.g. "two hundred and five", "twenty-one", "two and a half", "a million".
_WORDS_RE = (
    rf"(?:\b(?:an?|another)\s+(?=(?:{_MULTIPLIER})\b))?"
    rf"\b(?:{_WORD_ATOM})\b(?:(?:\s+and\s+a\s+half\b)|(?:(?:\s+and\s+|\s+|-)(?:{_WORD_ATOM})\b))*"
)
_CURRENCY_PRE = rf"(?:{alternation(PREFIXES)})"
_SCALE = r"(?:thousand|million|billion|trillion|bn|mln|mn|tn)\b"
_PLURAL_SCALE = rf"(?<!(?<![\d.,])\d{{4}})[\s-]?(?:{alternation(PLURAL_SCALES)})\b"  # see PLURAL_SCALES
_UNIT_SUFFIX = rf"(?:{alternation(EN_WORDS)})\b"
# Letters glued to digits that make no code: ordinal and plural endings, scales, clock marks, unit symbols.
_UNIT_SYMBOLS = alternation(w for w in EN_WORDS if w.isalpha())
_NOT_A_CODE = re.compile(rf"\d+(?:st|nd|rd|th|s|k|m|bn|am|pm|-?(?i:{_UNIT_SYMBOLS}))")
_PERCENT = r"(?:%|\s?(?:percentage\s+points?|per\s?cent|pct)\b)"

_QUANTITY_TAIL = (
    rf"(?P<scale>(?:[\s-]?{_SCALE}|{_PLURAL_SCALE}){{0,2}})"
    rf"(?:(?P<mil>(?<=\d)\s?m\b)(?=[^\w]|$))?"
    rf"(?P<pct>{_PERCENT})?"
    rf"(?:[\s-]?(?P<unit>{_UNIT_SUFFIX}))?"
)
# Quantities led by digits (the usual case) and by number words (only tried where such words occur). Both
# patterns have every group, so one builder reads either.
_QUANTITY_DIGITS = re.compile(
    rf"(?P<neg>(?<![\w.,])[-−])?(?<![\w.,])(?P<digits>{_DIGITS})(?P<k>k\b)?(?P<words>(?!))?" + _QUANTITY_TAIL,
    re.IGNORECASE,
)
_QUANTITY_WORDS = re.compile(
    rf"(?P<neg>(?!))?(?P<digits>(?!))?(?P<k>(?!))?(?P<words>{_WORDS_RE})" + _QUANTITY_TAIL, re.IGNORECASE
)
_CURRENCY_BEFORE = re.compile(rf"{_CURRENCY_PRE}\s?$", re.IGNORECASE)
# The last character of a currency sign, in either case: a sign right before a number ends within its last
# three characters (``VND 5``, ``$5``, ``US$ \n5``), and without such a character there the search is skipped.
_CURRENCY_ENDS = frozenset(c for sign in PREFIXES for c in (sign[-1], sign[-1].lower(), sign[-1].upper()))
# Cheap searches that tell whether a slower pattern can match at all. Each opens with a digit (or another
# plain character class) and nothing else, so that the engine skips to where one occurs (a look-behind,
# where needed, comes after the digit).
_TIME_GATE = re.compile(r"\d(?:[:.]\d\d|\s*[aApP]\.?[mM]\b)")
_DECADE_GATE = re.compile(r"\d['’]?s\b")
# The digit of a code: after a letter (``A58``, ``COVID-19``, ``Tosh.0``), before capitals (``9X``), in
# ``1024x768`` or ``163.com``; or a number after ``No.``.
_CODE_GATE = re.compile(r"\d(?:(?<=[A-Za-z]\d)|(?<=[A-Za-z][-.]\d)|-?[A-Z]|x\d|\.[a-z])")
_NUMBER_GATE = re.compile(r"(?:[Nn]o\.|[Nn]umber)\s?\d")
_YEAR_GATE = re.compile(r"\d\d\d\d")
_DMY_GATE = re.compile(r"\d[-/.]\d{1,2}[-/.]\d{4}")
_ISO_GATE = re.compile(r"\d\d\d\d-\d\d-\d\d")
_DASH_GATE = re.compile(r"\d\s?[-–]\s?\d")
_SHORT_YEAR_GATE = re.compile(r"['’]\s?\d\d")
_MONTH_NAMES = frozenset(MONTHS)
_ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})
# A scale word with no number before it ("billion" after digits, "hundred" alone) is not a number.
_BARE_SCALE = re.compile(r"(?i)(?:hundred|thousand|million|billion|trillion|dozen)?")
_WEEKDAY_WORDS = frozenset([*WEEKDAYS, *(w + "s" for w in WEEKDAYS)])
_CODE = re.compile(
    r"(?<![\w.])(?:[A-Z][A-Za-z]*-?\d+[A-Za-z0-9]*|\d+-?[A-Z]{2,}[A-Za-z0-9]*|\d+[A-Z]+[A-Za-z0-9]*"
    r"|[A-Z][a-z]+\.\d+|[a-z]\d{3,}|\d+x\d+|\d+\.(?:com|net|org|vn|cn)\b)(?![\w])"
    r"|\b(?:No\.|Number|number|no\.)\s?(?P<number>\d+)\b"
)
# "in '71", "in ' 35" (a year with its century left out; TED transcripts put a space after the apostrophe).
_SHORT_YEAR = re.compile(r"(?<![\w'’])['’]\s?(?P<yy>\d{2})\b(?!['’]?s\b|[.,:]\d)")
_ISO_DATE = re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")
_DMY_NUMERIC = re.compile(r"\b(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>\d{4})\b")
_MONTH_DAY = re.compile(
    rf"\b(?P<mon>{_MONTH_RE})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>\d{{4}})\b)?"
)
_DAY_MONTH = re.compile(
    rf"\b(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTH_RE})(?:,?\s+(?P<y>\d{{4}})\b)?"
)
_DAY_MONTH_SHORT_YEAR = re.compile(
    rf"\b(?P<d>\d{{1,2}})\s+(?P<mon>{_MONTH_RE})\s+['’]?(?P<yy>\d{{2}})\b(?![.,:]\d)"
)
_MONTH_YEAR = re.compile(rf"\b(?P<mon>{_MONTH_RE})(?:,|\s+of)?\s+(?P<y>\d{{4}})\b")
_MONTH_ALONE = re.compile(
    r"\b(?:January|February|March|April|June|July|August|September|October|November|December)\b"
)
_WEEKDAY = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?\b")
_YEAR_CONTEXT = re.compile(
    r"\b(?:in|since|by|until|till|of|from|year|before|after|early|late|mid-?|during|through)\s+(?P<y>\d{4})\b"
    r"(?![.,]\d|\s*(?:%|per\s?cent|percent|thousand|million|billion|trillion))",
    re.IGNORECASE,
)
_TIME = re.compile(
    r"\b(?P<hour>\d{1,2})(?::|\.)(?P<minute>\d{2})(?:\s*(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b))?"
    r"|\b(?P<bare_hour>\d{1,2})\s*(?P<bare_ampm>a\.m\.|p\.m\.|am\b|pm\b)"
    rf"|\b(?P<oclock>\d{{1,2}}|{'|'.join(DIGIT_WORDS)})\s+o'clock\b",
    re.IGNORECASE,
)
_DECADE = re.compile(
    r"(?:\b(?:mid|early|late)-?\s?)?(?:(?<![\w])['’]\s?(?P<yy>\d{2})|\b(?P<yyyy>\d{4})|\b(?P<y2>\d{2}))['’]?s\b"
)
_QUARTER = re.compile(r"\b(?P<which>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\b", re.IGNORECASE)
_QUARTER_CODE = re.compile(r"\bQ(?P<q>[1-4])\b")
_ORDINAL_DIGITS = re.compile(r"(?<![\w.,])(?P<n>\d{1,3}(?:,\d{3})+|\d+)(?:st|nd|rd|th)\b")
_ORDINAL_WORD = re.compile(
    rf"\b(?:(?P<tens>{'|'.join(TEN_WORDS)})-)?(?P<w>{alternation(ORDINAL_WORDS)})\b", re.IGNORECASE
)
# "the 24th day of the 12th lunar month" (vnsumm writes it for ``24 tháng Chạp``), "the first lunar month"
_LUNAR_DATE = re.compile(
    r"\b(?:(?:the\s+)?(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+day\s+of\s+)?the\s+"
    rf"(?:(?P<m>\d{{1,2}})(?:st|nd|rd|th)|(?P<mw>{alternation(ORDINAL_WORDS)}))\s+lunar\s+month"
    r"(?:\s*(?:of|,)\s*(?P<y>\d{4})\b)?",
    re.IGNORECASE,
)
_LUNAR_MARK_AFTER = re.compile(  # not "January 29 Lunar New Year", a solar date of the festival
    rf"\s*\(?\s*(?:of\s+the\s+|on\s+the\s+|in\s+the\s+)?(?:{alternation(LUNAR_MARKS)})\b(?!\s+new\s+year)",
    re.IGNORECASE,
)
_TEENS = "|".join(w for w, n in DIGIT_WORDS.items() if n >= 10)
_UNITS_ONE_TO_NINE = "|".join(w for w, n in DIGIT_WORDS.items() if 1 <= n <= 9)
_YEAR_IN_WORDS = re.compile(
    rf"\b(?P<century>{'|'.join(CENTURY_WORDS)})[\s-]"
    rf"(?:(?P<decade>{'|'.join(DECADE_WORDS)})"
    rf"|(?P<tens>{'|'.join(TEN_WORDS)})(?:-(?P<unit>{_UNITS_ONE_TO_NINE}))?"
    rf"|(?P<teen>{_TEENS})"
    rf"|oh[\s-](?P<oh>{_UNITS_ONE_TO_NINE}))\b",
    re.IGNORECASE,
)
_SCORE = re.compile(r"(?<![\w.,/-])(\d{1,2})\s?[-–]\s?(\d{1,2})(?![\w/-]|[.,]\d)")
_SCORE_CUE = re.compile(rf"\b(?:{'|'.join(SCORE_CUES)})\b", re.IGNORECASE)
_TIMES_WORD = re.compile(rf"\b(?:{'|'.join(TIMES_WORDS)})\b", re.IGNORECASE)
# ``\b[IVXLCDM]+\b``, written to open with the letter (see the gates above).
_ROMAN = re.compile(r"[IVXLCDM](?<!\w[IVXLCDM])[IVXLCDM]*\b")
_ROMAN_HEAD = re.compile(rf"(?:{'|'.join(ROMAN_HEADS)})\s+$")
_ROMAN_PAIR = re.compile(r"[IVXLCDM][IVXLCDM]")
_ROMAN_AFTER_HEAD = re.compile(rf"(?:{alternation(ROMAN_HEADS, literal=True)})\s+[IVXLCDM]")
_RANGE_SEP = re.compile(r"\s*[-–—]\s*|\s+(?:to|through|until)\s+|\s+and\s+")
_RATIO_SEP = re.compile(r"\s+(?:out\s+)?of\s+(?:the\s+)?|\s*/\s*")
_ALL_N = re.compile(
    r"\ball\s+(?:of\s+)?(?:the\s+)?(?P<n>\d+)\b(?![.,]\d|\s+(?:out\s+)?of\s+(?:the\s+)?\d)", re.IGNORECASE
)
_SECOND_AS_TIME_BEFORE = re.compile(r"(?:\ba|\bone|\bper|\d)\s+$", re.IGNORECASE)
_SECOND_AS_TIME_AFTER = re.compile(r"s\b|\s+(?:later|ago|or|and|per|each|of\s+(?:silence|delay))\b")


# Compiled once: ``re.fullmatch(r"...", s)`` would look its pattern up again on every call.
_ENGLISH_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_ONE_DOT_THREE = re.compile(r"[1-9]\d{0,2}\.\d{3}")
_VIETNAMESE_DIGITS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+")
_LOWER_WORD = re.compile(r"[a-z]+")
_ASCII_WORD = re.compile(r"[A-Za-z]+")
_PLURAL_CODE = re.compile(r"\ds$")
_CAPITALS_BEFORE = re.compile(r"[A-Z]{4,}\s*$")
_RANGE_LEAD = re.compile(r"\b(?:from|between)\s+$", re.IGNORECASE)
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_DURATION_AFTER = re.compile(rf"[- ]({alternation(DURATION_WORDS)})(?!\w)", re.IGNORECASE)
_AGE_AFTER = re.compile("|".join(map(re.escape, AGE_AFTER)), re.IGNORECASE)


def _parse_digits(raw: str) -> tuple[Decimal, tuple[Decimal, ...], bool] | None:
    """English reading of a digit string, or its Vietnamese reading flagged as foreign.

    Returns (value, alternatives, foreign). ``2.000`` (one dot, three digits) is read the Vietnamese way
    (2000, foreign) with the English decimal 2.0 kept as an alternative.
    """
    try:
        if _ENGLISH_DIGITS.fullmatch(raw):
            if _ONE_DOT_THREE.fullmatch(raw):
                return Decimal(raw.replace(".", "")), (Decimal(raw),), True
            return Decimal(raw.replace(",", "")), (), False
        if _VIETNAMESE_DIGITS.fullmatch(raw):
            return Decimal(raw.replace(".", "").replace(",", ".")), (), True
    except InvalidOperation:
        return None
    return None


def words_to_number(phrase: str) -> Decimal | None:
    """Value of an English number-word phrase (``two hundred and five``, ``a dozen``, ``two and a half``)."""
    tokens = _LOWER_WORD.findall(phrase.lower())
    total, current, seen = Decimal(0), Decimal(0), False
    for i, tok in enumerate(tokens):
        if tok in ARTICLES and i == 0:
            current, seen = Decimal(1), True
        elif tok in DIGIT_WORDS:
            current += DIGIT_WORDS[tok]
            seen = True
        elif tok in TEN_WORDS:
            current += TEN_WORDS[tok]
            seen = True
        elif tok == "hundred":
            current = (current or Decimal(1)) * 100
        elif tok == "dozen":
            current = (current or Decimal(1)) * 12
        elif tok == "half":
            current = current + Decimal("0.5") if tokens[i - 1 : i] == ["a"] and i > 1 else Decimal("0.5")
            seen = True
        elif tok in SCALES:
            total += (current or Decimal(1)) * (Decimal(10) ** SCALES[tok])
            current = Decimal(0)
            seen = True
        elif tok in ("and", "a"):
            continue
        else:
            return None
    return total + current if seen or current else None


def _separate_numbers(phrase: str) -> list[tuple[int, int]]:
    """Split a run of number words into separate numbers (``one two three``, ``two and three``)."""
    parts: list[tuple[int, int]] = []
    tokens = list(_ASCII_WORD.finditer(phrase))
    start = 0
    previous_class: int | None = None  # 1 below twenty, 2 a ten, None anything else
    for idx, tok in enumerate(tokens):
        word = tok.group().lower()
        following = tokens[idx + 1].group().lower() if idx + 1 < len(tokens) else ""
        if word == "and" and following != "a":
            previous = tokens[idx - 1].group().lower() if idx else ""
            if previous not in ("hundred", "thousand", "million", "billion", "trillion"):
                parts.append((start, tokens[idx - 1].end()))
                start = tokens[idx + 1].start() if idx + 1 < len(tokens) else len(phrase)
                previous_class = None
                continue
        word_class = 1 if word in DIGIT_WORDS else 2 if word in TEN_WORDS else None
        if (
            word_class is not None
            and previous_class is not None
            and not (previous_class == 2 and word_class == 1)
        ):
            parts.append((start, tokens[idx - 1].end()))
            start = tok.start()
        previous_class = word_class
    parts.append((start, len(phrase)))
    return [(a, b) for a, b in parts if b > a]


def _unit_of(sign: str | None, unit: str | None) -> str | None:
    for raw in (sign, unit):
        code = en_unit(raw) if raw else None
        if code:
            return code
    return None


def _scale_exponent(scale: str) -> int:
    words = _ASCII_WORD.findall(scale) if scale else ()
    return sum(SCALES.get(w.lower()) or PLURAL_SCALES[w.lower()] for w in words)


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _valid_date(month: int | None, day: int | None) -> bool:
    return (month is None or 1 <= month <= 12) and (day is None or 1 <= day <= 31)


# --- builders: one per rule, in the order of the table --------------------------------------------


def _quarter_in_words(m: re.Match[str], _claims: Claims) -> Draft:
    quarter = ORDINAL_WORDS.get(m["which"].lower()) or int(re.sub(r"\D", "", m["which"]))
    return Draft(m.start(), m.end(), "ordinal", Decimal(quarter), unit="quarter", soft=True)


def _iso_date(m: re.Match[str], _claims: Claims) -> Draft | None:
    year, month, day = int(m["y"]), int(m["m"]), int(m["d"])
    if not _valid_date(month, day):
        return None
    return Draft(m.start(), m.end(), "date", DateValue(year, month, day), joinable=True)


def _day_month_year(m: re.Match[str], _claims: Claims) -> Draft | None:
    """``11/06/2024``: day first, as news writes it; the month-first reading is kept as an alternative."""
    day, month, year = int(m["d"]), int(m["m"]), int(m["y"])
    if not _valid_date(month, day):
        return None
    other = (DateValue(year, day, month),) if _valid_date(day, month) and day != month else ()
    # ``10/11/2018`` in English: a reader may take it as October 11, so it is the source's form, not English
    return Draft(
        m.start(),
        m.end(),
        "date",
        DateValue(year, month, day),
        alternatives=other,
        joinable=True,
        foreign=bool(other),
    )


def _named_month_date(m: re.Match[str], _claims: Claims) -> Draft | None:
    if m["mon"].rstrip(".") == "May" and not (m["y"] or m["d"]):
        return None
    day, month = int(m["d"]), _month(m["mon"])
    year = int(m["y"]) if m["y"] else None
    if not _valid_date(month, day):
        return None
    return Draft(m.start(), m.end(), "date", DateValue(year, month, day), joinable=True)


def _day_month_short_year(m: re.Match[str], _claims: Claims) -> Draft | None:
    """``13 Jul 09`` (news wires): the year with its century left out."""
    day, month, yy = int(m["d"]), _month(m["mon"]), int(m["yy"])
    if not _valid_date(month, day):
        return None
    return Draft(m.start(), m.end(), "date", DateValue(2000 + yy if yy < 50 else 1900 + yy, month, day))


def _month_year(m: re.Match[str], _claims: Claims) -> Draft:
    return Draft(m.start(), m.end(), "date", DateValue(int(m["y"]), _month(m["mon"])), joinable=True)


def _lunar_date(m: re.Match[str], _claims: Claims) -> Draft | None:
    month = int(m["m"]) if m["m"] else ORDINAL_WORDS[m["mw"].lower()]
    day = int(m["d"]) if m["d"] else None
    if not 1 <= month <= 12 or (day is not None and not _valid_date(month, day)):
        return None
    year = int(m["y"]) if m["y"] else None
    return Draft(m.start(), m.end(), "date", DateValue(year, month, day, lunar=True))


def _time(m: re.Match[str], _claims: Claims) -> Draft | None:
    if m["oclock"]:
        raw = m["oclock"].lower()
        hour, minute, ampm = (int(raw) if raw.isdigit() else DIGIT_WORDS.get(raw, 0)), None, None
    elif m["bare_hour"]:
        hour, minute, ampm = int(m["bare_hour"]), None, m["bare_ampm"]
    else:
        hour, minute, ampm = int(m["hour"]), int(m["minute"]), m["ampm"]
        if "." in m.group() and not ampm:
            return None  # 2.30 without a.m./p.m. is a decimal, not a time
    # "13 pm" (``13h chiều``): a 24-hour clock with a 12-hour mark is the wrong form, though it says 13:00
    mixed_clocks = bool(ampm) and hour > 12
    if ampm and ampm.lower().startswith("p") and hour < 12:
        hour += 12
    if ampm and ampm.lower().startswith("a") and hour == 12:
        hour = 0
    if not (0 <= hour <= 24 and (minute is None or minute < 60)):
        return None
    # "at 1:30 this afternoon": without a.m./p.m. the clock says nothing of the half of the day
    other_half = (TimeValue(hour + 12, minute),) if not ampm and 1 <= hour < 12 else ()
    return Draft(
        m.start(), m.end(), "time", TimeValue(hour, minute), alternatives=other_half, garbled=mixed_clocks
    )


def _decade(m: re.Match[str], _claims: Claims) -> Draft | None:
    if m["yyyy"]:
        value = Decimal(m["yyyy"])
        return Draft(m.start(), m.end(), "decade", value) if value % 10 == 0 else None
    yy = int(m["yy"] or m["y2"])
    if yy % 10:
        return None
    return Draft(m.start(), m.end(), "decade", Decimal(1900 + yy), alternatives=(Decimal(yy),))


def _quarter_code(m: re.Match[str], _claims: Claims) -> Draft:
    return Draft(m.start(), m.end(), "ordinal", Decimal(m["q"]), unit="quarter")


def _code(m: re.Match[str], _claims: Claims) -> Draft | None:
    if m["number"]:
        return Draft(m.start(), m.end(), "code", Decimal(m["number"]))
    if _NOT_A_CODE.fullmatch(m.group()):
        return None
    code = m.group()[:-1] if _PLURAL_CODE.search(m.group()) else m.group()  # "Omega-3s": the plural of a code
    return Draft(m.start(), m.end(), "code", code.upper())


def _short_year(m: re.Match[str], _claims: Claims) -> Draft:
    yy = int(m["yy"])
    years = tuple(DateValue(century + yy) for century in (1900, 2000, 1800))
    return Draft(m.start(), m.end(), "date", years[0], alternatives=years[1:])


def _year_in_context(m: re.Match[str], _claims: Claims) -> Draft | None:
    year = int(m["y"])
    if not 1000 <= year <= 2199:
        return None
    return Draft(m.start("y"), m.end("y"), "date", DateValue(year), joinable=True)


def _score(m: re.Match[str], claims: Claims) -> Draft | None:
    """``a 1-1 draw``, ``won 2-0``: a score is one value. Two equal or falling numbers (``1-1``, ``3-2``) can
    be no range; rising ones (``1-2``) are a score only near a match word."""
    near = _SCORE_CUE.search(claims.text, max(0, m.start() - 30), min(len(claims.text), m.end() + 30))
    if int(m.group(1)) < int(m.group(2)) and not near:
        return None
    return Draft(m.start(), m.end(), "score", f"{int(m.group(1))}-{int(m.group(2))}")


def _year_in_words(m: re.Match[str], _claims: Claims) -> Draft:
    """``nineteen twelve`` is 1912; ``the nineteen-thirties`` the decade 1930."""
    century = CENTURY_WORDS[m["century"].lower()] * 100
    if m["decade"]:
        return Draft(m.start(), m.end(), "decade", Decimal(century + DECADE_WORDS[m["decade"].lower()]))
    if m["tens"]:
        rest = TEN_WORDS[m["tens"].lower()] + (DIGIT_WORDS[m["unit"].lower()] if m["unit"] else 0)
    else:
        rest = DIGIT_WORDS[(m["teen"] or m["oh"]).lower()]
    return Draft(m.start(), m.end(), "date", DateValue(century + rest), joinable=True)


def _times_word(m: re.Match[str], _claims: Claims) -> Draft:
    return Draft(m.start(), m.end(), "number", Decimal(TIMES_WORDS[m.group().lower()]), soft=True)


def _all_n(m: re.Match[str], claims: Claims) -> Draft | None:
    """``all 18`` is the ratio 18/18 (``18/18 huyện`` → ``all 18 districts``)."""
    if not claims.free(m.start("n"), m.end("n")):
        return None
    n = Decimal(m["n"])
    return Draft(m.start(), m.end(), "ratio", RatioValue(n, n), alternatives=(n,))


def _digit_ordinal(m: re.Match[str], _claims: Claims) -> Draft:
    return Draft(m.start(), m.end(), "ordinal", Decimal(m["n"].replace(",", "")))


def _ordinal_word_matches(claims: Claims) -> Iterable[re.Match[str]]:
    """Where an ordinal word starts, with the ten before it (``twenty-first``)."""
    tokens = claims.tokens
    for k, (start, word) in enumerate(tokens):
        if word not in ORDINAL_WORDS:
            continue
        previous = tokens[k - 1] if k else None
        if (
            previous
            and previous[1] in TEN_WORDS
            and claims.text[previous[0] + len(previous[1]) : start] == "-"
        ):
            start = previous[0]
        m = _ORDINAL_WORD.match(claims.text, start)
        if m is not None:
            yield m


def _ordinal_word(m: re.Match[str], claims: Claims) -> Draft | None:
    word = m["w"].lower()
    if word == "second" and (
        _SECOND_AS_TIME_BEFORE.search(claims.text, 0, m.start())
        or _SECOND_AS_TIME_AFTER.match(claims.text, m.end())
    ):
        return None  # the unit of time: "a second later", "30 seconds"
    value = ORDINAL_WORDS[word] + (TEN_WORDS[m["tens"].lower()] if m["tens"] else 0)
    return Draft(m.start(), m.end(), "ordinal", Decimal(value), soft=True)


def _roman(m: re.Match[str], claims: Claims) -> Draft | None:
    """A Roman numeral, not the pronoun ``I`` or an acronym: multi-letter I/V/X, or a telling word before."""
    value = roman_to_int(m.group())
    if value is None:
        return None
    token = m.group()
    before = claims.text[max(0, m.start() - 20) : m.start()]
    if not _ROMAN_HEAD.search(before):
        if len(token) < 2 or not set(token) <= set("IVX"):
            return None
        if _CAPITALS_BEFORE.search(before):  # an acronym list or a headline in capitals
            return None
    return Draft(m.start(), m.end(), "ordinal", Decimal(value), alternatives=(Decimal(value),))


def _may_hold_code(claims: Claims) -> bool:
    """A digit where a code has one, or a number after ``No.`` (the substrings first: they cost less)."""
    return claims.found(_CODE_GATE) or (
        ("o." in claims.text or "umber" in claims.text) and claims.found(_NUMBER_GATE)
    )


# ``(?<![A-Za-z])[IVXLCDM]+(?![A-Za-z])``, written to open with the letter (see the gates above).
_ROMAN_TOKEN = re.compile(r"[IVXLCDM](?<![A-Za-z][IVXLCDM])[IVXLCDM]*(?![A-Za-z])")


def _has_roman_token(claims: Claims) -> bool:
    return _ROMAN_TOKEN.search(claims.text) is not None


def _may_hold_roman(claims: Claims) -> bool:
    """A Roman token that ``_roman`` can take: two letters or more, or one after a telling word (the pronoun
    ``I`` alone, in every other sentence of a talk, is none)."""
    return _has_roman_token(claims) and (claims.found(_ROMAN_PAIR) or claims.found(_ROMAN_AFTER_HEAD))


def _weekday(m: re.Match[str], _claims: Claims) -> Draft:
    day = WEEKDAYS[m.group().lower().rstrip("s")]
    return Draft(m.start(), m.end(), "ordinal", Decimal(day), unit="weekday", soft=True)


def _month_alone(m: re.Match[str], _claims: Claims) -> Draft:
    return Draft(m.start(), m.end(), "date", DateValue(None, _month(m.group())), soft=True)


def _quantity_matches(claims: Claims) -> list[re.Match[str]]:
    """Digit quantities everywhere; word quantities only where a number word (or an article before one) is."""
    found = []
    if claims.has_digit:
        found = list(matches_at(_QUANTITY_DIGITS, claims.text, _quantity_starts(claims)))
    if not claims.words.isdisjoint(NUMBER_WORDS):
        found.extend(matches_at(_QUANTITY_WORDS, claims.text, _word_quantity_starts(claims)))
    return found


def _word_quantity_starts(claims: Claims) -> list[int]:
    """Where a word quantity can start: at a number word, or at an article whose next word is one (``a
    million``). Found from the few number words of the text, not by a walk over all its words."""
    low = claims.low
    if len(low) != len(claims.text):  # rare: the lower-cased copy has other offsets; walk the words
        tokens = claims.tokens
        return [
            start
            for k, (start, word) in enumerate(tokens)
            if word in NUMBER_WORDS
            or (word in ARTICLES and k + 1 < len(tokens) and tokens[k + 1][1] in NUMBER_WORDS)
        ]
    starts = set()
    for word in claims.words & NUMBER_WORDS:
        at = low.find(word)
        while at != -1:
            end = at + len(word)
            if (at == 0 or not "a" <= low[at - 1] <= "z") and (end == len(low) or not "a" <= low[end] <= "z"):
                starts.add(at)
                before = _word_before(low, at)
                if before is not None and low[before[0] : before[1]] in ARTICLES:
                    starts.add(before[0])
            at = low.find(word, at + 1)
    return sorted(starts)


def _word_before(low: str, at: int) -> tuple[int, int] | None:
    """Where the word (a run of a-z) before position ``at`` starts and ends, None when there is none."""
    i = at - 1
    while i >= 0 and not "a" <= low[i] <= "z":
        i -= 1
    if i < 0:
        return None
    end = i + 1
    while i >= 0 and "a" <= low[i] <= "z":
        i -= 1
    return i + 1, end


def _quantity_starts(claims: Claims) -> Iterator[int]:
    """Where a digit quantity can start: at a run of digits, or at the minus sign just before one."""
    text = claims.text
    for start in claims.digit_starts:
        if start and text[start - 1] in "-−":
            yield start - 1
        yield start


def _quantity(m: re.Match[str], claims: Claims) -> Draft | list[Draft] | None:
    """A number (digits or words) with its sign, currency, scale, percent and unit."""
    text = claims.text
    digits, words = m.group("digits"), m.group("words")
    if not digits and not words:
        return None
    start = m.start("neg") if m.group("neg") else m.start("digits" if digits else "words")
    end = m.end()
    currency = None
    if not _CURRENCY_ENDS.isdisjoint(text[max(0, start - 3) : start]):
        currency = _CURRENCY_BEFORE.search(text, max(0, start - 5), start)
    sign = currency.group().strip() if currency else None
    if currency:
        start = currency.start()
    if not claims.free(start, end):
        # A structured rule owns part of it: the bare digits, if they are free, are still a number.
        if not digits or not claims.free(m.start("digits"), m.end("digits")):
            return None
        return _bare_digits(text, m.start("digits"), m.end("digits"))
    if words:
        return _word_quantities(m, start, end, sign)
    parsed = _parse_digits(digits)
    if parsed is None:
        return None
    value, alternatives, foreign = parsed
    exponent = _scale_exponent(m.group("scale") or "") + (3 if m.group("k") else 0)
    unit_written = m.group("unit")
    other_readings: tuple[Decimal, ...] = ()
    if m.group("mil") and sign:
        exponent += 6  # $5m: five million dollars
    elif m.group("mil"):
        unit_written, end = "m", m.end()  # 5m: five metres, or five million ("190m children")
        other_readings = (value.scaleb(exponent + 6),)
    if m.group("neg"):
        value, alternatives = -value, tuple(-a for a in alternatives)
    return Draft(
        start,
        end,
        "percent" if m.group("pct") else "number",
        value.scaleb(exponent),
        _unit_of(sign, unit_written),
        alternatives=(*(a.scaleb(exponent) for a in alternatives), *other_readings),
        foreign=foreign,
        scale=Decimal(1).scaleb(exponent) if exponent else None,
        joinable=True,
    )


def _bare_digits(text: str, start: int, end: int) -> Draft:
    value, alternatives, foreign = _parse_digits(text[start:end]) or (Decimal(0), (), False)
    return Draft(start, end, "number", value, alternatives=alternatives, foreign=foreign, joinable=True)


def _word_quantities(m: re.Match[str], start: int, end: int, sign: str | None) -> list[Draft]:
    """Number words, split into separate numbers; scale/percent/unit attach to the last one."""
    phrase_start, phrase = m.start("words"), m.group("words")
    spans = _separate_numbers(phrase)
    drafts: list[Draft] = []
    for i, (a, b) in enumerate(spans):
        piece = phrase[a:b]
        value = words_to_number(piece)
        if value is None or _BARE_SCALE.fullmatch(piece):
            continue
        piece_start = start if i == 0 else phrase_start + a
        if i < len(spans) - 1:
            drafts.append(Draft(piece_start, phrase_start + b, "number", value, soft=True, joinable=True))
            continue
        exponent = _scale_exponent(m.group("scale") or "")
        drafts.append(
            Draft(
                piece_start,
                end,
                "percent" if m.group("pct") else "number",
                value.scaleb(exponent),
                _unit_of(sign, m.group("unit")),
                soft=True,
                scale=Decimal(1).scaleb(exponent) if exponent else None,
                joinable=True,
            )
        )
    return drafts


# Why this order:
# 1. structured forms own their digits first: scores (``a 1-1 draw`` is no range), dates (``June 10,
#    2024``: the day is no count), times (``10.30 a.m.`` is no decimal), decades (``1990s``), quarter codes
#    and codes (``COVID-19``, ``No. 5``), years after a preposition (``in 2024``) or in words;
# 2. ``all 18`` before quantities (else 18 is a bare count);
# 3. ordinals, Roman numerals, weekdays and lone months before quantities (``21st``, ``World War II``);
# 4. quantities last: every digit run or number-word run still free.
RULES: tuple[Rule, ...] = (
    # First: its day and month are ordinals, which the ordinal rules would take one by one.
    Rule(
        "lunar date",
        _lunar_date,
        (
            Example(
                "Tet falls on the 1st day of the 1st lunar month.",
                "the 1st day of the 1st lunar month",
                "--01-01 (lunar)",
            ),
        ),  # fmt: skip
        _LUNAR_DATE,
        gate=lambda c: "lunar" in c.words,
    ),
    Rule(
        "quarter in words",
        _quarter_in_words,
        (Example("Sales rose in the second quarter.", "second quarter", "2"),),
        _QUARTER,
        gate=lambda c: "quarter" in c.words,
    ),
    Rule(
        "ISO date",
        _iso_date,
        (Example("Signed on 2024-06-11.", "2024-06-11", "2024-06-11"),),
        _ISO_DATE,
        gate=lambda c: "-" in c.text and c.has_digit and c.found(_ISO_GATE),
    ),
    Rule(
        "day/month/year",
        _day_month_year,
        (Example("Due on 11/06/2024.", "11/06/2024", "2024-06-11"),),
        _DMY_NUMERIC,
        gate=searches(_DMY_GATE),
    ),
    Rule(
        "score",
        _score,
        (Example("It ended in a 1-1 draw.", "1-1", "1-1"), Example("They won 2-0 at home.", "2-0", "2-0")),
        _SCORE,
        gate=lambda c: ("-" in c.text or "–" in c.text) and c.found(_DASH_GATE),
    ),
    Rule(
        "day month short year",
        _day_month_short_year,
        (Example("in Chinese 13 Jul 09", "13 Jul 09", "2009-07-13"),),
        _DAY_MONTH_SHORT_YEAR,
        gate=lambda c: c.has_digit and not c.words.isdisjoint(_MONTH_NAMES),
    ),
    Rule(
        "month day",
        _named_month_date,
        (Example("It opened on June 10, 2024.", "June 10, 2024", "2024-06-10"),),
        _MONTH_DAY,
        gate=lambda c: c.has_digit and not c.words.isdisjoint(_MONTH_NAMES),
    ),
    Rule(
        "day month",
        _named_month_date,
        (Example("It opened on 10 June.", "10 June", "--06-10"),),
        _DAY_MONTH,
        gate=lambda c: c.has_digit and not c.words.isdisjoint(_MONTH_NAMES),
    ),
    Rule(
        "month year",
        _month_year,
        (Example("Prices fell in November 2024.", "November 2024", "2024-11"),),
        _MONTH_YEAR,
        gate=lambda c: c.has_digit and not c.words.isdisjoint(_MONTH_NAMES),
    ),
    Rule(
        "time",
        _time,
        (
            Example("The meeting began at 10:41 a.m.", "10:41 a.m.", "10:41"),
            Example("We met at seven o'clock.", "seven o'clock", "07h"),
        ),
        _TIME,
        gate=lambda c: _TIME_GATE.search(c.text) is not None or "clock" in c.words,
    ),
    Rule(
        "decade",
        _decade,
        (Example("Growth was fast in the 1990s.", "1990s", "1990"),),
        _DECADE,
        gate=searches(_DECADE_GATE),
    ),
    Rule(
        "quarter code",
        _quarter_code,
        (Example("Revenue in Q2 rose.", "Q2", "2"),),
        _QUARTER_CODE,
        gate=lambda c: "Q" in c.text and c.has_digit,
    ),
    Rule(
        "code",
        _code,
        (
            Example("The COVID-19 pandemic ended.", "COVID-19", "COVID-19"),
            Example("A 1024x768 screen.", "1024x768", "1024X768"),
            Example("The portal 163.com said so.", "163.com", "163.COM"),
        ),
        _CODE,
        gate=_may_hold_code,
    ),
    Rule(
        "short year",
        _short_year,
        (Example("Back in '71 it rained.", "'71", "1971"),),
        _SHORT_YEAR,
        gate=lambda c: ("'" in c.text or "’" in c.text) and c.found(_SHORT_YEAR_GATE),
    ),
    Rule(
        "year after a preposition",
        _year_in_context,
        (Example("It was built in 2024.", "2024", "2024"),),
        _YEAR_CONTEXT,
        gate=searches(_YEAR_GATE),
    ),
    Rule(
        "year in words",
        _year_in_words,
        (
            Example("Scotty died in nineteen fifty-four.", "nineteen fifty-four", "1954"),
            Example("Economists reported in twenty-ten.", "twenty-ten", "2010"),
            Example("the worst since the nineteen-thirties", "nineteen-thirties", "1930"),
        ),
        _YEAR_IN_WORDS,
        gate=has_word(CENTURY_WORDS),
    ),
    Rule(
        "times word",
        _times_word,
        (Example("An iceberg twice the size of Manhattan.", "twice", "2"),),
        _TIMES_WORD,
        gate=has_word(TIMES_WORDS),
    ),
    Rule(
        "all n",
        _all_n,
        (Example("All 18 districts met the standard.", "All 18", "18/18"),),
        _ALL_N,
        gate=lambda c: "all" in c.words and c.has_digit,
    ),
    Rule(
        "digit ordinal",
        _digit_ordinal,
        (
            Example("It is the 21st edition.", "21st", "21"),
            Example("The 1,000th anniversary of Thang Long.", "1,000th", "1000"),
        ),
        _ORDINAL_DIGITS,
        gate=lambda c: not c.words.isdisjoint(_ORDINAL_SUFFIXES) and c.has_digit,
    ),
    Rule(
        "ordinal word",
        _ordinal_word,
        (Example("The twenty-first century.", "twenty-first", "21"),),
        find=_ordinal_word_matches,
        gate=has_word(ORDINAL_WORDS),
    ),
    Rule(
        "Roman numeral",
        _roman,
        (Example("After World War II ended.", "II", "2"),),
        _ROMAN,
        gate=_may_hold_roman,
    ),
    Rule(
        "weekday",
        _weekday,
        (Example("They met on Monday.", "Monday", "1"),),
        _WEEKDAY,
        gate=has_word(_WEEKDAY_WORDS),
    ),
    Rule(
        "month alone",
        _month_alone,
        (Example("It rained in June.", "June", "--06"),),
        _MONTH_ALONE,
        gate=has_word(MONTHS),
    ),
    Rule(
        "quantity",
        _quantity,
        (
            Example("It cost VND 32,439.8 billion.", "VND 32,439.8 billion", "3.24398E+13"),
            Example("Prices rose 5.5 percent.", "5.5 percent", "5.5"),
            Example("Two hundred and five people came.", "Two hundred and five", "205"),
        ),
        find=_quantity_matches,
    ),
)


# --- ranges and ratios ----------------------------------------------------------------------------


def _join(text: str, drafts: list[Draft]) -> list[Draft]:
    """Join neighbours into ranges (``16 to 24``, ``2019–2022``) and ratios (``18 of 18``, ``18/18``)."""
    out: list[Draft] = []
    i = 0
    while i < len(drafts):
        a = drafts[i]
        b = drafts[i + 1] if i + 1 < len(drafts) else None
        joined = _try_join(text, a, b) if b is not None else None
        if joined is not None:
            out.append(joined)
            i += 2
        else:
            out.append(a)
            i += 1
    return out


def _year_as_number(draft: Draft, other: Draft) -> Draft:
    """``from 2019`` was read as a date; next to a plain number (``2019-2022``) it is a number."""
    value = draft.value
    if (
        draft.kind == "date"
        and other.kind == "number"
        and isinstance(value, DateValue)
        and value.month is None
    ):
        return replace(draft, kind="number", value=Decimal(value.year)) if value.year is not None else draft
    return draft


def _try_join(text: str, a: Draft, b: Draft) -> Draft | None:
    if not (a.joinable and b.joinable):
        return None
    a, b = _year_as_number(a, b), _year_as_number(b, a)
    gap = text[a.end : b.start]
    if _RANGE_SEP.fullmatch(gap) and _range_compatible(text, a, b, gap):
        low = a.value
        if _shares_scale(low, a, b):
            low = low * b.scale  # type: ignore[operator]  # "2 to 3 million": the low end shares the scale
        start = a.start
        lead = _RANGE_LEAD.search(text[max(0, a.start - 9) : a.start])
        if lead:
            start = a.start - len(lead.group())
        return Draft(start, b.end, "range", RangeValue(low, b.value), b.unit or a.unit, a.soft and b.soft,
                     foreign=a.foreign or b.foreign, garbled=_day_glued_to_a_year(a, b, gap),
                     rule="range")  # fmt: skip
    if (
        _RATIO_SEP.fullmatch(gap)
        and a.kind == b.kind == "number"
        and not a.unit
        and isinstance(a.value, Decimal)
        and isinstance(b.value, Decimal)
        and 0 < a.value <= b.value
        and (("/" not in gap) or not (a.soft or b.soft))
    ):
        dates: tuple[Value, ...] = ()
        if "/" in gap and a.value <= 12 and b.value <= 31:
            dates = (DateValue(None, int(a.value), int(b.value)),)
            if b.value <= 12:
                dates += (DateValue(None, int(b.value), int(a.value)),)
        return Draft(a.start, b.end, "ratio", RatioValue(a.value, b.value), b.unit, a.soft and b.soft, dates,
                     a.foreign or b.foreign, rule="ratio")  # fmt: skip
    return None


def _day_glued_to_a_year(a: Draft, b: Draft, gap: str) -> bool:
    """``30-1987``, ``6-2019``: a day or month glued to a year is a broken date, no range from 30 to 1987."""
    return (
        gap in ("-", "–")
        and a.scale is None
        and isinstance(a.value, Decimal)
        and isinstance(b.value, Decimal)
        and 1 <= a.value <= 31
        and 1900 <= b.value <= 2100
        and b.value == int(b.value)
    )


def _shares_scale(low: Value, a: Draft, b: Draft) -> bool:
    """``2 to 3 million``: a low end without a scale word takes the high end's, if it stays the lower."""
    return (
        isinstance(low, Decimal)
        and isinstance(b.value, Decimal)
        and a.scale is None
        and b.scale is not None
        and low * b.scale <= b.value
    )


def _range_compatible(text: str, a: Draft, b: Draft, gap: str) -> bool:
    if a.kind != b.kind or a.kind not in ("number", "date", "percent"):
        return a.kind == "number" and b.kind == "percent" and gap.strip() in ("-", "–", "—", "to")
    word = gap.strip().lower()
    if word == "and":
        return bool(_BETWEEN_BEFORE.search(text[max(0, a.start - 9) : a.start]))
    if word in ("to", "through", "until") or word in ("-", "–", "—"):
        if a.kind == "number" and isinstance(a.value, Decimal) and isinstance(b.value, Decimal):
            return a.value < b.value or (b.scale or 1) > (a.scale or 1)  # "two to two" is no range
        return True
    return False


# --- entry point ----------------------------------------------------------------------------------


def en_drafts(text: str) -> list[Draft]:
    """The drafts of :func:`extract_en` (with the rule that made each): the rule examples test this."""
    claims = Claims(text)
    run_rules(RULES, claims)
    drafts = _join(text, sorted(claims.drafts, key=lambda d: (d.start, -d.end)))
    return [_in_a_chain(text, _as_lunar(text, _as_duration(text, _as_age(text, d)))) for d in drafts]


_CHAIN_AFTER = re.compile(r"[-/–]\d")
_CHAIN_BEFORE = re.compile(r"(?<![A-Za-z\d])\d+[-/–]$")  # a number, not the end of a code (``Q2/2024``)


def _in_a_chain(text: str, draft: Draft) -> Draft:
    """``12 / 12-17-12-12-86``: a number glued to more digits by a dash or slash is a piece of a chain no
    reader can take apart (a whole date, range, score or code is one mention, so never glued to digits)."""
    digits_at_both_ends = text[draft.start].isdigit() and text[draft.end - 1].isdigit()
    glued_after = digits_at_both_ends and _CHAIN_AFTER.match(text, draft.end)
    if glued_after or _CHAIN_BEFORE.search(text[max(0, draft.start - 12) : draft.start]):
        return replace(draft, garbled=True)
    return draft


def _as_lunar(text: str, draft: Draft) -> Draft:
    """``September 10 (lunar calendar)``: a date of the lunar calendar, as the Vietnamese ``10/9 âm lịch``."""
    if (
        not isinstance(draft.value, DateValue)
        or draft.value.lunar
        or not _LUNAR_MARK_AFTER.match(text, draft.end)
    ):
        return draft
    return as_lunar(draft)


def _as_duration(text: str, draft: Draft) -> Draft:
    """``6 months``, ``a 10-year plan``: a count of a span of time, which the matcher holds against the
    Vietnamese counter (``6 tháng`` is no "6 years"). The span stays the number's."""
    if draft.unit is not None or draft.kind != "number":
        return draft
    after = _DURATION_AFTER.match(text, draft.end)
    return replace(draft, unit=DURATION_WORDS[after.group(1).lower()]) if after else draft


def _as_age(text: str, draft: Draft) -> Draft:
    """``a 10-year-old player``: the count is an age, which the matcher holds against the Vietnamese counter
    (``cứ 10 lần`` is no age). The span stays the number's, so a repair leaves "-year-old" in place."""
    if draft.unit is not None or not _AGE_AFTER.match(text, draft.end):
        return draft
    return replace(draft, unit="age")


@on_nfc
def extract_en(text: str) -> list[Mention]:
    """Every number stated in an English text, sorted by start, non-overlapping, offsets into ``text``."""
    return [draft.mention(text) for draft in en_drafts(text)]
