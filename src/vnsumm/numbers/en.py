"""English number mentions: every number an English translation states, with the value it means.

Values use the same vocabulary as the Vietnamese side (:mod:`vnsumm.numbers.mention`), so a checker
compares meanings, not digit strings: ``VND 32,439.8 billion`` and ``32.4398 trillion dong`` both carry
Decimal 32439800000000 with unit ``VND``. Digits written with Vietnamese separators (``32.439,8``,
``2.000 miles``) get their Vietnamese value and ``foreign_format=True`` so that the matcher can say
``format`` instead of ``changed``.

Extraction is a fixed sequence of precompiled patterns that claim spans (structured forms first: codes,
dates, times, decades, quarters; then quantities, ordinals, Roman numerals), followed by one pass that
joins neighbouring quantities into ranges and ratios.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from .mention import DateValue, Mention, RangeValue, RatioValue, TimeValue, Value, mention_from, on_nfc
from .roman import roman_to_int
from .units import EN_WORDS, PREFIXES, alternation, en_unit

__all__ = ["extract_en", "MONTHS"]

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = {"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7}
UNITS_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}  # fmt: skip
SCALE_WORDS = {
    "thousand": 3, "million": 6, "billion": 9, "trillion": 12, "bn": 9, "mln": 6, "mn": 6, "tn": 12, "k": 3
}  # fmt: skip
ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70, "eightieth": 80,
    "ninetieth": 90, "hundredth": 100, "thousandth": 1000,
}  # fmt: skip
_MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_DIGITS = r"\d+(?:[.,]\d+)*"
_WORD_ATOM = "|".join(sorted([*UNITS_WORDS, *TENS_WORDS, "hundred", "thousand", "million", "billion",
                              "trillion", "dozen", "half"], key=len, reverse=True))  # fmt: skip
# A run of number words, e.g. "two hundred and five", "twenty-one", "two and a half", "a million".
_WORDS_RE = (
    rf"(?:\b(?:an?|another)\s+(?=(?:hundred|thousand|million|billion|trillion|dozen|half)\b))?"
    rf"\b(?:{_WORD_ATOM})\b(?:(?:\s+and\s+a\s+half\b)|(?:(?:\s+and\s+|\s+|-)(?:{_WORD_ATOM})\b))*"
)
_CURRENCY_PRE = rf"(?:{alternation(PREFIXES)})"
_SCALE = r"(?:thousand|million|billion|trillion|bn|mln|mn|tn)\b"
_UNIT_SUF = rf"(?:{alternation(EN_WORDS)})\b"
# Letters glued to digits that make no code: ordinal and plural endings, scales, clock marks, unit symbols.
_UNIT_SYMBOLS = alternation(w for w in EN_WORDS if w.isalpha())
_NOT_A_CODE = re.compile(rf"\d+(?:st|nd|rd|th|s|k|m|bn|am|pm|{_UNIT_SYMBOLS})", re.IGNORECASE)
_PERCENT = r"(?:%|\s?(?:percentage\s+points?|per\s?cent|pct)\b)"

_QUANTITY_TAIL = (
    rf"(?P<scale>(?:[\s-]?{_SCALE}){{0,2}})"
    rf"(?:(?P<mil>(?<=\d)m\b)(?=[^\w]|$))?"
    rf"(?P<pct>{_PERCENT})?"
    rf"(?:\s?(?P<unit>{_UNIT_SUF}))?"
)
# Quantities led by digits (the usual case) and by number words (only tried when such words occur).
_QUANTITY_DIGITS = re.compile(
    rf"(?P<neg>(?<![\w.,])[-−])?(?<![\w.,])(?P<digits>{_DIGITS})(?P<k>k\b)?(?P<words>(?!))?" + _QUANTITY_TAIL,
    re.IGNORECASE,
)
_QUANTITY_WORDS = re.compile(
    rf"(?P<neg>(?!))?(?P<digits>(?!))?(?P<k>(?!))?(?P<words>{_WORDS_RE})" + _QUANTITY_TAIL, re.IGNORECASE
)
_CURRENCY_BEFORE = re.compile(rf"{_CURRENCY_PRE}\s?$", re.IGNORECASE)
_NUMBER_WORD_SET = frozenset([*UNITS_WORDS, *TENS_WORDS, "hundred", "thousand", "million", "billion",
                              "trillion", "dozen", "half"])  # fmt: skip
_WORD_TOKEN = re.compile(r"[A-Za-z]+")
_WORD_TOKEN_LOWER = re.compile(r"[a-z]+")
_ARTICLES = frozenset({"a", "an", "another"})
_ANY_DIGIT = re.compile(r"\d")
# Cheap searches (led by a digit) that tell whether a slower pattern can match at all.
_TIME_GATE = re.compile(r"\d[:.]\d\d|\d\s*[aApP]\.?[mM]\b")
_DECADE_GATE = re.compile(r"\d['’]?s\b")
_CODE_GATE = re.compile(r"[A-Za-z][-.]?\d|\d[A-Z]|[Nn]o\.|[Nn]umber")
_YEAR_GATE = re.compile(r"\d{4}")
_DMY_GATE = re.compile(r"\d[-/.]\d{1,2}[-/.]\d{4}")
# A scale word with no number before it ("billion" after digits, "hundred" alone) is not a number.
_BARE_SCALE = re.compile(r"(?i)(?:hundred|thousand|million|billion|trillion|dozen)?")
_WEEKDAY_WORDS = frozenset([*WEEKDAYS, *(w + "s" for w in WEEKDAYS)])
_CODE = re.compile(
    r"(?<![\w.])(?:[A-Z][A-Za-z]*-?\d+[A-Za-z0-9]*|\d+[A-Z]+[A-Za-z0-9]*|[A-Z][a-z]+\.\d+)(?![\w])"
    r"|\b(?:No\.|Number|number|no\.)\s?(?P<no>\d+)\b"
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
    r"\b(?P<h>\d{1,2})(?::|\.)(?P<mi>\d{2})(?:\s*(?P<ap>a\.m\.|p\.m\.|am\b|pm\b))?"
    r"|\b(?P<h2>\d{1,2})\s*(?P<ap2>a\.m\.|p\.m\.|am\b|pm\b)"
    rf"|\b(?P<h3>\d{{1,2}}|{'|'.join(UNITS_WORDS)})\s+o'clock\b",
    re.IGNORECASE,
)
_DECADE = re.compile(
    r"(?:\b(?:mid|early|late)-?\s?)?(?:(?<![\w])['’]\s?(?P<yy>\d{2})|\b(?P<yyyy>\d{4})|\b(?P<y2>\d{2}))['’]?s\b"
)
_QUARTER = re.compile(
    r"\b(?P<q>(?!))?(?P<qw>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\b", re.IGNORECASE
)
_QUARTER_CODE = re.compile(r"\bQ(?P<q>[1-4])\b")
_ORDINAL_DIGITS = re.compile(r"\b(?P<n>\d+)(?:st|nd|rd|th)\b")
_ORDINAL_WORDS = re.compile(
    r"\b(?:(?P<tens>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-)?(?P<w>"
    + "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
_ROMAN = re.compile(r"\b[IVXLCDM]+\b")
_ROMAN_CONTEXT = re.compile(
    r"(?:War|Part|Chapter|Phase|Plenum|Congress|Session|Section|Article|Volume|Book|Level|Class|Region|"
    r"Zone|Stage|Term|Grade|Type|Round|Quarter|Pope|King|Queen|Louis|Henry|Edward|George|Benedict|John|Paul)"
    r"\s+$"
)
_RANGE_SEP = re.compile(r"\s*[-–—]\s*|\s+(?:to|through|until)\s+|\s+and\s+")
_RATIO_SEP = re.compile(r"\s+(?:out\s+)?of\s+(?:the\s+)?|\s*/\s*")
_ALL_N = re.compile(
    r"\ball\s+(?:of\s+)?(?:the\s+)?(?P<n>\d+)\b(?![.,]\d|\s+(?:out\s+)?of\s+(?:the\s+)?\d)", re.IGNORECASE
)
_SOFT_SKIP_BEFORE = re.compile(r"(?:\ba|\bone|\bper|\d)\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class _Atom:
    """A quantity before range/ratio joining: value before scale, the scale applied, and how it was read."""

    start: int
    end: int
    kind: str
    value: Value
    unit: str | None = None
    soft: bool = False
    alternatives: tuple[Value, ...] = ()
    foreign: bool = False
    exponent: int = 0
    joinable: bool = False


def _parse_digits(raw: str) -> tuple[Decimal, tuple[Decimal, ...], bool] | None:
    """English reading of a digit string, or its Vietnamese reading flagged as foreign.

    Returns (value, alternatives, foreign). ``2.000`` (one dot, three digits) is read the Vietnamese way
    (2000, foreign) with the English decimal 2.0 kept as an alternative.
    """
    try:
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?", raw):
            if re.fullmatch(r"[1-9]\d{0,2}\.\d{3}", raw):
                return Decimal(raw.replace(".", "")), (Decimal(raw),), True
            return Decimal(raw.replace(",", "")), (), False
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+", raw):
            return Decimal(raw.replace(".", "").replace(",", ".")), (), True
    except InvalidOperation:
        return None
    return None


def words_to_number(phrase: str) -> Decimal | None:
    """Value of an English number-word phrase (``two hundred and five``, ``a dozen``, ``two and a half``)."""
    tokens = re.findall(r"[a-z]+", phrase.lower())
    total, current, seen = Decimal(0), Decimal(0), False
    for i, tok in enumerate(tokens):
        if tok in ("a", "an", "another") and i == 0:
            current, seen = Decimal(1), True
        elif tok in UNITS_WORDS:
            current += UNITS_WORDS[tok]
            seen = True
        elif tok in TENS_WORDS:
            current += TENS_WORDS[tok]
            seen = True
        elif tok == "hundred":
            current = (current or Decimal(1)) * 100
        elif tok == "dozen":
            current = (current or Decimal(1)) * 12
        elif tok == "half":
            current = current + Decimal("0.5") if tokens[i - 1 : i] == ["a"] and i > 1 else Decimal("0.5")
            seen = True
        elif tok in SCALE_WORDS:
            total += (current or Decimal(1)) * (Decimal(10) ** SCALE_WORDS[tok])
            current = Decimal(0)
            seen = True
        elif tok in ("and", "a"):
            continue
        else:
            return None
    return total + current if seen or current else None


def _split_words(phrase: str) -> list[tuple[int, int]]:
    """Split a run of number words into separate numbers (``one two three``, ``two and three``)."""
    parts: list[tuple[int, int]] = []
    tokens = list(re.finditer(r"[A-Za-z]+", phrase))
    start = 0
    last_small: int | None = None  # value class of the previous token: 1 units, 2 tens
    for idx, tok in enumerate(tokens):
        word = tok.group().lower()
        nxt = tokens[idx + 1].group().lower() if idx + 1 < len(tokens) else ""
        if word == "and" and nxt != "a":
            prev = tokens[idx - 1].group().lower() if idx else ""
            if prev not in ("hundred", "thousand", "million", "billion", "trillion"):
                parts.append((start, tokens[idx - 1].end()))
                start = tokens[idx + 1].start() if idx + 1 < len(tokens) else len(phrase)
                last_small = None
                continue
        cls = 1 if word in UNITS_WORDS else 2 if word in TENS_WORDS else None
        if cls is not None and last_small is not None and not (last_small == 2 and cls == 1):
            parts.append((start, tokens[idx - 1].end()))
            start = tok.start()
        last_small = cls if cls is not None else (None if word not in ("a", "an", "another") else None)
    parts.append((start, len(phrase)))
    return [(a, b) for a, b in parts if b > a]


class _Claims:
    """Character spans already taken by a mention; later patterns may not overlap them."""

    def __init__(self, size: int) -> None:
        self.taken = bytearray(size)

    def free(self, start: int, end: int) -> bool:
        return not any(self.taken[start:end])

    def take(self, start: int, end: int) -> None:
        self.taken[start:end] = b"\x01" * (end - start)


def _unit_of(pre: str | None, unit: str | None) -> str | None:
    for raw in (pre, unit):
        code = en_unit(raw) if raw else None
        if code:
            return code
    return None


def _scale_exponent(scale: str) -> int:
    return sum(SCALE_WORDS[w.lower()] for w in re.findall(r"[A-Za-z]+", scale))


def _matches(text: str, has_digits: bool, word_starts: list[int]) -> list[re.Match[str]]:
    found: list[re.Match[str]] = list(_QUANTITY_DIGITS.finditer(text)) if has_digits else []
    reached = -1
    for start in word_starts:
        if start < reached:
            continue
        m = _QUANTITY_WORDS.match(text, start)
        if m is not None:
            found.append(m)
            reached = m.end()
    return found


def _quantity_atoms(text: str, claims: _Claims, has_digits: bool, word_starts: list[int]) -> list[_Atom]:
    atoms: list[_Atom] = []
    for m in _matches(text, has_digits, word_starts):
        digits, words = m.group("digits"), m.group("words")
        if not digits and not words:
            continue
        start = m.start("neg") if m.group("neg") else m.start("digits" if digits else "words")
        end = m.end()
        currency = _CURRENCY_BEFORE.search(text, max(0, start - 5), start)
        pre = currency.group().strip() if currency else None
        if currency:
            start = currency.start()
        if not claims.free(start, end):
            # A structured pattern owns part of it; retry with the bare number only.
            core = ("digits", m.start("digits"), m.end("digits")) if digits else None
            if not core or not claims.free(core[1], core[2]):
                continue
            start, end = core[1], core[2]
            claims.take(start, end)
            atoms.append(_bare_digits_atom(text, start, end))
            continue
        if words:
            for atom in _word_atoms(m, start, end, pre):
                if claims.free(atom.start, atom.end):
                    claims.take(atom.start, atom.end)
                    atoms.append(atom)
            continue
        parsed = _parse_digits(digits)
        if parsed is None:
            continue
        value, alts, foreign = parsed
        exponent = _scale_exponent(m.group("scale") or "") + (3 if m.group("k") else 0)
        if m.group("mil") and pre:
            exponent += 6
        elif m.group("mil"):
            end = m.end("mil") - 1 if not m.group("pct") and not m.group("unit") else end
        if m.group("neg"):
            value, alts = -value, tuple(-a for a in alts)
        unit_raw = m.group("unit")
        if m.group("mil") and not pre:
            unit_raw = "m"
            end = m.end()
        value, alts = value.scaleb(exponent), tuple(a.scaleb(exponent) for a in alts)
        kind = "percent" if m.group("pct") else "number"
        claims.take(start, end)
        atoms.append(
            _Atom(start, end, kind, value, _unit_of(pre, unit_raw), False, alts, foreign, exponent, True)
        )
    return atoms


def _bare_digits_atom(text: str, start: int, end: int) -> _Atom:
    parsed = _parse_digits(text[start:end]) or (Decimal(0), (), False)
    return _Atom(start, end, "number", parsed[0], None, False, parsed[1], parsed[2], 0, True)


def _word_atoms(m: re.Match[str], start: int, end: int, pre: str | None) -> list[_Atom]:
    """Number words, split into separate numbers; scale/percent/unit attach to the last one."""
    phrase_start = m.start("words")
    phrase = m.group("words")
    spans = _split_words(phrase)
    atoms: list[_Atom] = []
    for i, (a, b) in enumerate(spans):
        last = i == len(spans) - 1
        piece = phrase[a:b]
        value = words_to_number(piece)
        if value is None:
            continue
        s, e = phrase_start + a, phrase_start + b
        if i == 0:
            s = start
        if last:
            e = end
            exponent = _scale_exponent(m.group("scale") or "")
            value = value.scaleb(exponent)
            kind = "percent" if m.group("pct") else "number"
            unit = _unit_of(pre, m.group("unit"))
        else:
            exponent, kind, unit = 0, "number", None
        if _BARE_SCALE.fullmatch(piece):
            continue
        atoms.append(_Atom(s, e, kind, value, unit, True, (), False, exponent, True))
    return atoms


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _valid_date(y: int | None, mo: int | None, d: int | None) -> bool:
    return (mo is None or 1 <= mo <= 12) and (d is None or 1 <= d <= 31)


def _structured(text: str, claims: _Claims, words: frozenset[str]) -> list[_Atom]:
    """Codes, dates, times, decades, quarters: forms whose digits must not be read as plain quantities."""
    out: list[_Atom] = []
    if "quarter" in words:
        for m in _QUARTER.finditer(text):
            q = int(m["q"]) if m["q"] else _ordinal_word_value(m["qw"])
            if claims.free(m.start(), m.end()):
                claims.take(m.start(), m.end())
                out.append(_Atom(m.start(), m.end(), "ordinal", Decimal(q), unit="quarter", soft=not m["q"]))
    if not _ANY_DIGIT.search(text):
        if "o" in words:
            for m in _TIME.finditer(text):
                _add_time(m, _adder(claims, out))
        return out
    add = _adder(claims, out)

    has_month = not words.isdisjoint(MONTHS)
    for m in _ISO_DATE.finditer(text) if "-" in text else ():
        y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
        if _valid_date(y, mo, d):
            add(m.start(), m.end(), "date", DateValue(y, mo, d), joinable=True)
    for m in _DMY_NUMERIC.finditer(text) if _DMY_GATE.search(text) else ():
        d, mo, y = int(m["d"]), int(m["m"]), int(m["y"])
        alts = (DateValue(y, d, mo),) if _valid_date(y, d, mo) and d != mo else ()
        if _valid_date(y, mo, d):
            add(m.start(), m.end(), "date", DateValue(y, mo, d), alternatives=alts, joinable=True)
    for pattern in (_MONTH_DAY, _DAY_MONTH) if has_month else ():
        for m in pattern.finditer(text):
            if m["mon"].rstrip(".") == "May" and not (m["y"] or m["d"]):
                continue
            d, mo = int(m["d"]), _month(m["mon"])
            y = int(m["y"]) if m["y"] else None
            if _valid_date(y, mo, d):
                add(m.start(), m.end(), "date", DateValue(y, mo, d), joinable=True)
    for m in _MONTH_YEAR.finditer(text) if has_month else ():
        add(m.start(), m.end(), "date", DateValue(int(m["y"]), _month(m["mon"])), joinable=True)
    for m in _TIME.finditer(text) if _TIME_GATE.search(text) or "clock" in words else ():
        _add_time(m, add)
    for m in _DECADE.finditer(text) if _DECADE_GATE.search(text) else ():
        if m["yyyy"]:
            value = Decimal(m["yyyy"])
            if value % 10 == 0:
                add(m.start(), m.end(), "decade", value)
        else:
            yy = int(m["yy"] or m["y2"])
            if yy % 10 == 0:
                add(m.start(), m.end(), "decade", Decimal(1900 + yy), alternatives=(Decimal(yy),))
    for m in _QUARTER_CODE.finditer(text):
        add(m.start(), m.end(), "ordinal", Decimal(m["q"]), unit="quarter")
    for m in _CODE.finditer(text) if _CODE_GATE.search(text) else ():
        if m["no"]:
            add(m.start(), m.end(), "code", Decimal(m["no"]))
        elif not re.fullmatch(r"[A-Z]\d{1,2}", m.group()) or True:
            if _NOT_A_CODE.fullmatch(m.group()):
                continue
            add(m.start(), m.end(), "code", m.group().upper())
    for m in _SHORT_YEAR.finditer(text) if "'" in text or "’" in text else ():
        yy = int(m["yy"])
        years = tuple(DateValue(century + yy) for century in (1900, 2000, 1800))
        add(m.start(), m.end(), "date", years[0], alternatives=years[1:])
    for m in _YEAR_CONTEXT.finditer(text) if _YEAR_GATE.search(text) else ():
        y = int(m["y"])
        if 1000 <= y <= 2199:
            add(m.start("y"), m.end("y"), "date", DateValue(y), joinable=True)
    return out


def _adder(claims: _Claims, out: list[_Atom]) -> Callable[..., None]:
    def add(start: int, end: int, kind: str, value: Value, **kw: object) -> None:
        if claims.free(start, end):
            claims.take(start, end)
            out.append(_Atom(start, end, kind, value, **kw))  # type: ignore[arg-type]

    return add


def _add_time(m: re.Match[str], add: object) -> None:
    if m["h3"]:
        raw = m["h3"].lower()
        hour, minute, ap = (int(raw) if raw.isdigit() else UNITS_WORDS.get(raw, 0)), None, None
    elif m["h2"]:
        hour, minute, ap = int(m["h2"]), None, m["ap2"]
    else:
        hour, minute, ap = int(m["h"]), int(m["mi"]), m["ap"]
        if "." in m.group() and not ap:
            return  # 2.30 without a.m./p.m. is a decimal, not a time
    if ap and ap.lower().startswith("p") and hour < 12:
        hour += 12
    if ap and ap.lower().startswith("a") and hour == 12:
        hour = 0
    if 0 <= hour <= 24 and (minute is None or minute < 60):
        add(m.start(), m.end(), "time", TimeValue(hour, minute))  # type: ignore[operator]


def _ordinal_word_value(word: str) -> int:
    word = word.lower()
    return ORDINAL_WORDS.get(word) or int(re.sub(r"\D", "", word))


def _ordinals_and_romans(
    text: str, claims: _Claims, words: frozenset[str], has_digits: bool, tokens: list[tuple[int, str]]
) -> list[_Atom]:
    out: list[_Atom] = []
    for m in _ORDINAL_DIGITS.finditer(text) if has_digits else ():
        if claims.free(m.start(), m.end()):
            claims.take(m.start(), m.end())
            out.append(_Atom(m.start(), m.end(), "ordinal", Decimal(m["n"])))
    ordinal_matches = []
    if not words.isdisjoint(ORDINAL_WORDS):
        for k, (start, word) in enumerate(tokens):
            if word in ORDINAL_WORDS:
                prev = tokens[k - 1] if k else None
                if prev and prev[1] in TENS_WORDS and text[prev[0] + len(prev[1]) : start] == "-":
                    start = prev[0]
                m = _ORDINAL_WORDS.match(text, start)
                if m is not None:
                    ordinal_matches.append(m)
    for m in ordinal_matches:
        if not claims.free(m.start(), m.end()):
            continue
        word = m["w"].lower()
        if word == "second" and (_SOFT_SKIP_BEFORE.search(text, 0, m.start()) or _next_is_time_word(text, m)):
            continue
        value = ORDINAL_WORDS[word] + (TENS_WORDS[m["tens"].lower()] if m["tens"] else 0)
        claims.take(m.start(), m.end())
        out.append(_Atom(m.start(), m.end(), "ordinal", Decimal(value), soft=True))
    for m in _ROMAN.finditer(text) if not words.isdisjoint(_ROMAN_LETTER_WORDS) else ():
        value = roman_to_int(m.group())
        if value is None or not claims.free(m.start(), m.end()) or not _roman_plausible(text, m):
            continue
        claims.take(m.start(), m.end())
        out.append(_Atom(m.start(), m.end(), "ordinal", Decimal(value), alternatives=(Decimal(value),)))
    for m in _WEEKDAY.finditer(text) if not words.isdisjoint(_WEEKDAY_WORDS) else ():
        if claims.free(m.start(), m.end()):
            claims.take(m.start(), m.end())
            day = WEEKDAYS[m.group().lower().rstrip("s")]
            out.append(_Atom(m.start(), m.end(), "ordinal", Decimal(day), unit="weekday", soft=True))
    for m in _MONTH_ALONE.finditer(text) if not words.isdisjoint(MONTHS) else ():
        if claims.free(m.start(), m.end()):
            claims.take(m.start(), m.end())
            out.append(_Atom(m.start(), m.end(), "date", DateValue(None, _month(m.group())), soft=True))
    return out


def _next_is_time_word(text: str, m: re.Match[str]) -> bool:
    return bool(re.match(r"s\b|\s+(?:later|ago|or|and|per|each|of\s+(?:silence|delay))\b", text[m.end() :]))


def _roman_plausible(text: str, m: re.Match[str]) -> bool:
    """A Roman numeral, not the pronoun ``I`` or an acronym: multi-letter I/V/X, or a telling word before."""
    token = m.group()
    before = text[max(0, m.start() - 20) : m.start()]
    if _ROMAN_CONTEXT.search(before):
        return True
    if len(token) < 2 or not set(token) <= set("IVX"):
        return False
    # An all-capitals neighbourhood (headline, acronym list) makes "II" a poor guess only for long words.
    return not re.search(r"[A-Z]{4,}\s*$", before)


def _join(text: str, atoms: list[_Atom]) -> list[_Atom]:
    """Join neighbours into ranges (``16 to 24``, ``2019–2022``) and ratios (``18 of 18``, ``18/18``)."""
    out: list[_Atom] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        b = atoms[i + 1] if i + 1 < len(atoms) else None
        joined = _try_join(text, a, b) if b is not None else None
        if joined is not None:
            out.append(joined)
            i += 2
        else:
            out.append(a)
            i += 1
    return out


def _year_as_number(atom: _Atom, other: _Atom) -> _Atom:
    """``from 2019`` was read as a date; next to a plain number (``2019-2022``) it is a number."""
    value = atom.value
    if (
        atom.kind == "date"
        and other.kind == "number"
        and isinstance(value, DateValue)
        and value.month is None
    ):
        return replace(atom, kind="number", value=Decimal(value.year)) if value.year is not None else atom
    return atom


def _try_join(text: str, a: _Atom, b: _Atom) -> _Atom | None:
    if not (a.joinable and b.joinable):
        return None
    a, b = _year_as_number(a, b), _year_as_number(b, a)
    gap = text[a.end : b.start]
    if _RANGE_SEP.fullmatch(gap) and _range_compatible(text, a, b, gap):
        low = a.value
        shares_scale = a.exponent == 0 and b.exponent and isinstance(b.value, Decimal)
        if isinstance(low, Decimal) and shares_scale and low.scaleb(b.exponent) <= b.value:
            low = low.scaleb(b.exponent)
        kind = "range"
        unit = b.unit or a.unit
        start = a.start
        lead = re.search(r"\b(?:from|between)\s+$", text[max(0, a.start - 9) : a.start], re.IGNORECASE)
        if lead:
            start = a.start - (len(lead.group()))
        return _Atom(start, b.end, kind, RangeValue(low, b.value), unit, a.soft and b.soft,
                     foreign=a.foreign or b.foreign)  # fmt: skip
    if (
        _RATIO_SEP.fullmatch(gap)
        and a.kind == b.kind == "number"
        and not a.unit
        and isinstance(a.value, Decimal)
        and isinstance(b.value, Decimal)
        and 0 < a.value <= b.value
        and (("/" not in gap) or not (a.soft or b.soft))
    ):
        alts: tuple[Value, ...] = ()
        if "/" in gap and a.value <= 12 and b.value <= 31:
            alts = (DateValue(None, int(a.value), int(b.value)),)
            if b.value <= 12:
                alts += (DateValue(None, int(b.value), int(a.value)),)
        return _Atom(a.start, b.end, "ratio", RatioValue(a.value, b.value), b.unit, a.soft and b.soft, alts,
                     a.foreign or b.foreign)  # fmt: skip
    return None


def _range_compatible(text: str, a: _Atom, b: _Atom, gap: str) -> bool:
    if a.kind != b.kind or a.kind not in ("number", "date", "percent"):
        return a.kind == "number" and b.kind == "percent" and gap.strip() in ("-", "–", "—", "to")
    word = gap.strip().lower()
    if word == "and":
        return bool(re.search(r"\bbetween\s+$", text[max(0, a.start - 9) : a.start], re.IGNORECASE))
    if word in ("to", "through", "until") or word in ("-", "–", "—"):
        if a.kind == "number" and isinstance(a.value, Decimal) and isinstance(b.value, Decimal):
            return a.value <= b.value or b.exponent > a.exponent
        return True
    return False


def _all_n(text: str, claims: _Claims) -> list[_Atom]:
    out = []
    for m in _ALL_N.finditer(text):
        if claims.free(m.start("n"), m.end("n")):
            n = Decimal(m["n"])
            claims.take(m.start(), m.end())
            out.append(_Atom(m.start(), m.end(), "ratio", RatioValue(n, n), alternatives=(n,)))
    return out


def _roman_like(token: str) -> bool:
    return token.isupper() and set(token) <= _ROMAN_LETTERS


_ROMAN_LETTERS = frozenset("IVXLCDM")
_ROMAN_LETTER_WORDS = frozenset({"__roman__"})


def _tokens(text: str) -> list[tuple[int, str]]:
    lowered = text.lower()
    if len(lowered) != len(text):  # a few non-ASCII letters change length when lower-cased
        return [(m.start(), m.group().lower()) for m in _WORD_TOKEN.finditer(text)]
    return [(m.start(), m.group()) for m in _WORD_TOKEN_LOWER.finditer(lowered)]


def _word_set(text: str, tokens: list[tuple[int, str]]) -> frozenset[str]:
    """Lower-cased words of the text (plus a marker for Roman-looking tokens): gates the word patterns."""
    words = {t for _s, t in tokens}
    if any(text[s].isupper() and _roman_like(text[s : s + len(t)]) for s, t in tokens):
        words.add("__roman__")
    return frozenset(words)


def _word_starts(
    tokens: list[tuple[int, str]], vocabulary: frozenset[str], lead: frozenset[str]
) -> list[int]:
    """Offsets where a word pattern may begin: a ``vocabulary`` word, or a ``lead`` word just before one."""
    starts = []
    for k, (start, word) in enumerate(tokens):
        if word in vocabulary or (word in lead and k + 1 < len(tokens) and tokens[k + 1][1] in vocabulary):
            starts.append(start)
    return starts


@on_nfc
def extract_en(text: str) -> list[Mention]:
    """Every number stated in an English text, sorted by start, non-overlapping, offsets into ``text``."""
    claims = _Claims(len(text))
    tokens = _tokens(text)
    words = _word_set(text, tokens)
    has_digits = _ANY_DIGIT.search(text) is not None
    atoms = _structured(text, claims, words)
    if has_digits:
        atoms += _all_n(text, claims)
    atoms += _ordinals_and_romans(text, claims, words, has_digits, tokens)
    word_starts = (
        _word_starts(tokens, _NUMBER_WORD_SET, _ARTICLES) if not words.isdisjoint(_NUMBER_WORD_SET) else []
    )
    quantities = _quantity_atoms(text, claims, has_digits, word_starts)
    for q in quantities:
        claims.take(q.start, q.end)
    atoms += quantities
    atoms.sort(key=lambda a: (a.start, -a.end))
    atoms = _join(text, atoms)
    return [mention_from(text, a, foreign_format=a.foreign) for a in atoms]


def with_offset(mention: Mention, offset: int) -> Mention:
    """The same mention placed ``offset`` characters later (sentence → document coordinates)."""
    return replace(mention, start=mention.start + offset, end=mention.end + offset)
