"""Find every number in Vietnamese text, with its meaning: ``extract_vi(text) -> list[Mention]``.

A digit string means different things by its neighbours (``10/6`` after ``Sáng`` is a date, ``18/18 huyện`` a
ratio, ``COVID-19`` a code, ``2019-2022`` a range). :data:`DIGIT_RULES` is the ordered table of forms, most
specific first; a rule claims its characters so that later, looser rules cannot reread them (the order of
the table is written beside it). After the table, neighbours join into ranges, and number words are read.

Design choices the matcher relies on:
- Quantities are ``Decimal`` with the scale applied; an ambiguous separator keeps the other reading in
  ``alternatives`` (``2.100`` → 2100, alt 2.1; ``10,000`` → 10000, alt 10; ``17,316`` → 17.316, alt 17316).
- ``quý II/2024`` gives two mentions: ordinal 2 (unit ``quarter``) and date year 2024.
- ``a/b`` with ``a <= b`` and no date context is a ratio with the date as alternative; ``a > b`` (valid
  day/month) is a date with the ratio as alternative; a date word before (``ngày``, ``sáng``...) makes it a
  date outright.
- Ranges are one mention of kind ``range``; a percent range has unit ``%``.
- ``năm 2024`` is a DateValue(year=2024); a bare ``2024`` is the number 2024.
- ``thứ 6`` is an ordinal; as a weekday (``vào thứ 6``, ``ngày thứ 6``) its unit is ``weekday``.
- Counters (``lượt``, ``hộ``, ``tháng`` ...) become the unit but stay outside the mention's text; currency
  and measurement units are inside it.
- Number words (``hai``, ``mười lăm``, ``một nửa``) are ``soft``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from decimal import Decimal

from .lex_vi import (
    AFTER_DONG_NO_CURRENCY,
    AFTER_DURATION,
    AFTER_MOT_NO_NUMBER,
    AFTER_SCALE_NO_SCALE,
    AMBIGUOUS_NUMBER_WORDS,
    BEFORE_NO_NUMBER_WORD,
    COUNTERS,
    DAY_PERIODS,
    DECADE_HEADS,
    DIGIT_WORDS,
    FILLER_WORDS,
    HOUR_SPAN_CUES,
    LUNAR_MARKS,
    LUNAR_MONTH_WORDS,
    MONTH_WORDS,
    NAMED_HEADS,
    NUMBER_WORDS,
    ORDINAL_HEADS,
    ROMAN_HEADS,
    RULER_TITLES,
    SCALES,
    SCORE_CUES,
    SEQUENCE_NOUNS,
    SYLLABLE_CODAS,
    SYLLABLE_NUCLEI,
    SYLLABLE_ONSETS,
)
from .mention import DateValue, Mention, RangeValue, RatioValue, TimeValue, Value, on_nfc
from .roman import roman_to_int
from .rules import (
    Claims,
    Draft,
    Example,
    Rule,
    as_lunar,
    at_cues,
    has_char,
    has_cue,
    matches_at,
    run_rules,
    searches,
)
from .units import PREFIXES, VI_WORDS, alternation, prefix_unit, vi_unit

__all__ = ["DIGIT_RULES", "WORD_RULES", "extract_vi", "parse_numeral", "vi_drafts"]

_I = re.IGNORECASE
_NUMERAL = r"\d+(?:[.,]\d+)*"
_END_OF_WORD = r"(?![\w])"
_NO_NUMBER_AFTER = r"(?![\w/]|[.,]\d)"
_SCALE = alternation(SCALES)
_SCALES_RE = rf"(?:\s*(?:{_SCALE}){_END_OF_WORD}(?!\s+(?:{alternation(AFTER_SCALE_NO_SCALE)})\b))*"
_UNIT_RE = alternation(VI_WORDS)
# A unit word after a number, in digits or in words: whole, and no part of another word (``4 đồng chí``).
_UNIT_WORD = rf"(?:{_UNIT_RE})(?![^\W\d_]|\d)(?!\s+(?i:{alternation(AFTER_DONG_NO_CURRENCY)}){_END_OF_WORD})"
_PERIOD = rf"(?:\s+(?P<period>{alternation(DAY_PERIODS)}))?"


def _heads(words: tuple[str, ...]) -> str:
    return f"(?i:{alternation(words)})"


def _first_words(heads: tuple[str, ...]) -> set[str]:
    """What a match of ``_heads(heads)`` opens with, lower-cased: the first word of a head."""
    return {head.split()[0] for head in heads}


# --- codes that must be claimed before anything reads their digits --------------------------------
_PLATE = re.compile(
    r"(?<![\w.])\d{2}\s?[A-Z]{1,2}\d?\s?(?:\d\s?-|[-–]\s?(?:\d-)?)\s?\d{3}\.?\d{1,2}(?![\w]|[.,]\d)"
)
_PHONE = re.compile(r"(?<![\w.,])(?:\+84|0)\d{2,3}(?:[.\s]?\d{3}){2}\d?(?![\w]|[.,]\d)")
_DOC_CODE = re.compile(r"(?<![\w/])\d+(?:/\d{2,4})?/[A-ZĐ][\wĐđ]*(?:-[A-ZĐ0-9][\wĐđ]*)*")
_CHAINAGE = re.compile(r"(?<!\w)(?i:km)\s*(\d+(?:[.,]\d{3})?\+\d{1,3})(?!\d)")
_LONG_RUN = re.compile(r"[0-9][0-9][0-9]")  # not [0-9]{3}: a search opening with a class skips ahead
_ATTACHED_UNIT = re.compile(rf"^[-−]?{_NUMERAL}-?(?:{_UNIT_RE}|h|g|p|tr|k|x)$", _I)
_UNIT_TOKEN = re.compile(r"^(?:k?m[23²³]|cm[23]|dm[23])$", _I)
# A capital H or G after digits names (``5G``, ``phân khu 363H``); the hour and the gram are written small.
_CAPITAL_CODE_LETTER = re.compile(r"\d[HG]$")

# --- decades, dates, times ------------------------------------------------------------------------
_DECADE = re.compile(rf"(?<!\w){_heads(DECADE_HEADS)}\s+(\d{{2}}|\d{{4}})(?![\w]|[.,/]\d)")
# A month by number or by name (``tháng 6``, ``tháng Sáu``, ``tháng mười hai``), then a year: ``năm 2010``,
# ``/2010``, ``, 2010``.
_MONTH_NAME = rf"(?P<month>\d{{1,2}}|(?i:{alternation(MONTH_WORDS)})(?!\w))"
_THEN_YEAR = r"(?:\s*,?\s+(?i:năm)\s+(?P<year>\d{3,4})|\s*[/-]\s*(?P<year2>\d{4})|\s*,\s*(?P<year3>\d{4}))?"
_DATE_WORDS = re.compile(
    rf"(?<![\w,.])(?P<ngay>(?i:ngày)\s+)?(?P<day>\d{{1,2}})\s+(?i:tháng)\s+{_MONTH_NAME}{_THEN_YEAR}"
    + _NO_NUMBER_AFTER
)
_LUNAR_MONTH = re.compile(rf"(?i:tháng)\s+(?i:{alternation(LUNAR_MONTH_WORDS)})(?!\w)")
_LUNAR_MARK_AFTER = re.compile(rf"\s*\(?\s*(?:{alternation(LUNAR_MARKS, literal=True)})(?!\w)")
_AFTER_DURATION = re.compile(rf"\s+(?i:{alternation(AFTER_DURATION)})(?!\w)")
_DATE_SLASH = re.compile(r"(?<![\w.,/])(\d{1,2})\s?/\s?(\d{1,2})\s?/\s?(\d{4}|\d{2})(?![\w/]|[.,]\d)")
_DATE_DASHDOT = re.compile(r"(?<![\w.,/-])(\d{1,2})([.-])(\d{1,2})\2(\d{4})(?![\w/-]|[.,]\d)")
_MONTH_YEAR = re.compile(
    rf"(?<!\w)(?i:tháng)\s+{_MONTH_NAME}(?:\s*[/.-]\s*|\s*,?\s+(?i:năm)\s+|\s*,\s*)(?P<year>\d{{4}})"
    + _NO_NUMBER_AFTER
)
_MONTH_YEAR_SLASH_FORM = re.compile(r"(?<![\w.,/-])(?P<month>\d{1,2})\s?/\s?(?P<year>\d{4})(?![\w/]|[.,]\d)")
_MONTH_RANGE = re.compile(r"(?<!\w)(?i:tháng)\s+(\d{1,2})\s*[-–]\s*(\d{1,2})(?![\d/-]|[.,]\d|\w)")
_QUARTER = re.compile(
    r"(?<!\w)(?i:quý)\s+([IV]+|[1-4])(?!\w)(?:\s*[/-]\s*(\d{4})|\s+((?i:năm)\s+\d{4}))?" + _NO_NUMBER_AFTER
)
_YEAR = re.compile(r"(?<!\w)(?:(?i:năm)|SN|sinh)\s+(\d{4})(?![\w/]|[.,]\d)")
_DAY_MONTH_AFTER_CUE = re.compile(
    r"(?:(?<!\w)(?i:ngày|sáng|chiều|tối|trưa|đêm|khuya|hôm|rạng sáng)\s+|\()(\d{1,2})\s?[-.]\s?(\d{1,2})"
    r"(?![\d/-]|[.,]\d|\w|\s*[-–]\s*\d)"
)
# ``chốt phiên 10-5``: a day of 10 or more before a smaller month is a date with no cue (a range climbs; the
# scores this could be, ``3-1``, ``6-4``, stay below 10 or have a cue, and the score rule comes first).
_DAY_MONTH_FALLING = re.compile(r"(?<![\w.,/-])([12]\d|3[01])[-–]([1-9]|1[0-2]|0[1-9])(?![\w/-]|[.,]\d)")
_SCORE = re.compile(r"(?<![\w.,/-])(\d{1,2})\s?[-–]\s?(\d{1,2})(?![\w/-]|[.,]\d)")
_SCORE_CUE = re.compile(rf"(?<!\w)(?:{alternation(SCORE_CUES)})(?!\w)", _I)
_MONTH = re.compile(r"(?<!\w)(?i:tháng)\s+(\d{1,2})(?![\w/]|[.,]\d)")
_DAY = re.compile(
    r"(?<!\w)(?i:ngày)\s+(\d{1,2})(?=\s*(?:[,.;:)\]]|$|\s+(?:tới|này|vừa|qua|hôm|và|đến|hằng|hàng|mỗi|trong)\b))"
)
_TIME_COLON = re.compile(
    r"(?<![\w.,:])([01]?\d|2[0-4]):([0-5]\d)(?::[0-5]\d)?(?![\d:]|[.,]\d)" + _PERIOD + _END_OF_WORD
)
_TIME_H = re.compile(r"(?<![\w.,])([01]?\d|2[0-4])h(?:([0-5]\d)(?:'|p(?!\w))?)?" + _PERIOD + _END_OF_WORD)
# ``S -300``, ``Su -25``: a model code whose dash the text spaced off its letters (word-segmented news does)
# (``VD -29714-18``, a drug's registration number, has more groups).
_SPACED_DASH_CODE = re.compile(
    r"(?<![\w-])(?P<letters>[A-Z][A-Za-z]{0,5}) -(?P<digits>\d{1,6}(?:-\d{1,4})*)(?!\w|[.,]\d)"
)
# ``14g30``, ``3g sáng``: some papers write the hour with g (giờ), which is also the gram
_TIME_G = re.compile(r"(?<![\w.,])([01]?\d|2[0-4])g(?:([0-5]\d))?" + _PERIOD + _END_OF_WORD)
_DIGIT_G = re.compile(r"[0-9]g")
_TIME_GIO = re.compile(r"(?<![\w.,])(\d{1,2})\s+giờ(?:\s+(\d{1,2})(?:\s+phút)?)?" + _PERIOD + r"(?!\w)")
_DIGIT_H = re.compile(r"[0-9]h")
_DIGIT_SPACED_H = re.compile(r"[0-9] ?h")
_TIME_CUE_BEFORE = re.compile(r"(?i:lúc|vào|vào lúc|đến|từ)\s*$")
# A part of the day, or a time zone (``16 h giờ Việt Nam``, ``9 giờ GMT``), after an hour.
_TIME_CUE_AFTER = re.compile(
    r"\s+(?:(?:ngày|cùng ngày|hôm|sáng|chiều|tối|đêm|GMT|UTC)(?!\w)|giờ\s+(?:[A-ZĐ]|địa phương|quốc tế))"
)
_HOUR_SPAN_CUE = re.compile(rf"(?<!\w)(?i:{alternation(HOUR_SPAN_CUES)})\s*$")
# ``16 h``, ``72h``: an hour the clock rules left (spaced off its h, above 24, or a span after ``trong``).
_HOURS_H = re.compile(r"(?<![\w.,])(\d{1,3})()(?P<h> ?h)" + _PERIOD + _END_OF_WORD)

# --- ordinals, codes with a name ------------------------------------------------------------------
_ROMAN_AFTER_HEAD = re.compile(rf"(?<!\w)(?P<head>{_heads(ROMAN_HEADS)})\s+(?P<num>[IVXLCDM]+)(?!\w)")
_ORDINAL = re.compile(
    rf"(?<!\w)(?P<head>{_heads(ORDINAL_HEADS)})\s+(?P<num>\d{{1,3}})(?![\w/]|[.,:]\d|\s*(?:%|/))"
)
_ROMAN_AFTER_RULER = re.compile(
    rf"(?<!\w){_heads(RULER_TITLES)}\s+(?:[A-ZĐ][\w-]*\s+){{1,2}}(?P<num>[IVXLCDM]+)(?![^\W\d_])"
)
# ``24 01 2011``: a date written with spaces (day, month, year).
_DATE_SPACED = re.compile(r"(?<![\w.,])(\d{1,2}) (\d{1,2}) (\d{4})(?![\w]|[.,]\d)")
_ROMAN_GATE = re.compile(r"[IVXLCDM](?![^\W\d_])")
_WEEKDAY_BEFORE = re.compile(r"(?i:ngày|vào|hôm|sáng|chiều|tối|trưa|đêm|các|những|mỗi|đến|từ|,)\s*$")
_SEQUENCE_BEFORE = re.compile(rf"(?<!\w)(?i:{alternation(SEQUENCE_NOUNS)})\s+$")
_WEEKDAY_AFTER = re.compile(
    r"^(?:\s*(?i:tuần|này|tới|vừa|,\s*ngày|\(?\s*\d{1,2}\s*/\s*\d{1,2})|[,.;!?]|\s*$)"
)
# ``Boeing 747``, ``Type 093``, ``VTV 9``, ``Boeing 747-200``: a number after a foreign name or an acronym.
# Read back from each digit run (a pattern opening with a look-behind would be tried at every position).
_NAME_BEFORE = re.compile(r"(?<![\w-])(?P<name>[A-Z][A-Za-z]+) $")
_NAMED_BY_NAME = re.compile(r"\d+(?:-\d+)?(?![\w/%:-]|[.,]\d)")
_VI_SYLLABLE = re.compile(
    rf"(?i:(?:{alternation(SYLLABLE_ONSETS)})?(?:{alternation(SYLLABLE_NUCLEI)})(?:{alternation(SYLLABLE_CODAS)})?)"
)
_YEAR_LIKE = re.compile(r"(?:19|20)\d\d")
_NAMED_HEAD = re.compile(rf"(?<!\w)(?:{alternation(NAMED_HEADS)})(?:\s+số)?\s+$")
_NAMED_NUMBER = re.compile(r"\d+(?:/\d{4}(?!/))?[A-Z]?(?![\w/%]|[.,]\d)")
_QUANTITY_AFTER = re.compile(rf"\s*(?:%|(?:{_SCALE}|{_UNIT_RE}|phần trăm){_END_OF_WORD})", _I)

# --- plain quantities -----------------------------------------------------------------------------
# A minus sign may stand apart from its number after a space or bracket (``là - 63 độ F``, ``(~ - 52``).
_NUMBER_PREFIX = re.compile(
    rf"(?:(?P<pre>{alternation(PREFIXES)})\s?)?(?P<neg>(?<!\w)(?i:âm)\s+|[-−]|(?<=[\s(~])[-−]\s)?$"
)
# What the last character of a sign or currency before a number can be: without one nearby, the search for
# them is skipped (it would find no sign and no currency).
_PREFIX_ENDS = frozenset({*(prefix[-1] for prefix in PREFIXES), "-", "−", "â", "Â"})
# Thousands grouped by spaces (``11 372 doanh nghiệp``): one to three digits, then groups of exactly three.
_SPACED_THOUSANDS = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\w]|[.,]\d|[ \u00a0\u202f]\d)")
_TEMPERATURE = re.compile(r"\s*(?:độ|°)")
_THIN_SPACES = re.compile(r"[ \u00a0\u202f]")
_NUMBER_TAIL = re.compile(
    rf"(?P<scales>{_SCALES_RE})(?P<ruoi>\s+rưỡi{_END_OF_WORD})?(?P<half>\s+nửa{_END_OF_WORD})?"
    rf"(?P<pct>\s?%|\s+(?i:phần trăm){_END_OF_WORD})?"
    rf"(?P<unit>[\s-]?{_UNIT_WORD})?"
)
_NEXT_WORDS = re.compile(r"\s+([^\W\d_]+)(?:\s+([^\W\d_]+))?")
_RANGE_GAP = re.compile(r"\s*(?:[-–—~]|(?i:đến|tới)(?:\s+(?i:tận))?)\s*")
_SLASH = re.compile(r"(?<![\w.,/])(\d+)\s?/\s?(\d+)(?![\w/]|[.,]\d)")
_DATE_CUE_BEFORE = re.compile(
    r"(?i:ngày|sáng|chiều|tối|trưa|đêm|khuya|hôm|rạng sáng|vào|đầu|cuối|giữa|dịp|hạn|từ|đến|tới|"
    r"thứ\s+\w+|chủ nhật|hôm qua|hôm nay|\()\s*$"
)
_DATE_CUE_AFTER = re.compile(r"^\s*(?:\)|(?i:tới|vừa qua|hằng năm|hàng năm|năm nay|năm ngoái)\b)")

# --- number words ---------------------------------------------------------------------------------
_NUMBER_WORD = alternation(NUMBER_WORDS)
_WORD_RUN = re.compile(rf"(?:{_NUMBER_WORD})(?:\s+(?:{_NUMBER_WORD}))*(?!\w)")
_NO_NUMBER_WORD_AFTER = re.compile(rf"(?i:{alternation(BEFORE_NO_NUMBER_WORD)})\s+$")
_WORD_UNIT = re.compile(rf"\s?{_UNIT_WORD}")
_HAS_NUMBER_WORD = re.compile(rf"(?:{_NUMBER_WORD})(?!\w)")


_SEPARATOR = re.compile(r"[.,]")


def parse_numeral(s: str, *, before_scale: bool = False) -> tuple[Decimal, tuple[Decimal, ...]] | None:
    """Read a digit string with Vietnamese or English separators; the second item holds other readings.

    One separator followed by exactly three digits is ambiguous (``2.100``, ``10,000``, ``17,316``): ``.``
    reads as thousands (Vietnamese style), ``,`` as a decimal comma. A group ``000`` reads as thousands only
    (nobody writes ``10.000`` or ``10,000`` for ten), unless a scale word follows (``1,000 tỷ``).
    Returns None for digit strings that are no number (``1.2.3``, ``0912.345.678``).
    """
    if "." not in s and "," not in s:
        return Decimal(s), ()
    separators = [c for c in s if c in ".,"]
    groups = _SEPARATOR.split(s)
    if len(separators) == 1:
        head, tail = groups
        as_decimal = Decimal(f"{head}.{tail}")
        if len(tail) != 3 or head.startswith("0"):
            return as_decimal, ()
        as_thousands = Decimal(head + tail)
        if tail == "000" and (separators[0] == "." or not before_scale):
            return as_thousands, ()
        if separators[0] == ".":
            return as_thousands, (as_decimal,)
        return as_decimal, (as_thousands,)
    if len(groups[0]) > 3 or groups[0].startswith("0"):
        return None
    first = separators[0]
    if all(c == first for c in separators):
        if all(len(g) == 3 for g in groups[1:]):
            return Decimal("".join(groups)), ()
        return None
    if all(c == first for c in separators[:-1]) and all(len(g) == 3 for g in groups[1:-1]):
        return Decimal("".join(groups[:-1]) + "." + groups[-1]), ()
    return None


def _valid_day_month(day: int, month: int) -> bool:
    if not 1 <= month <= 12 or day < 1:
        return False
    return day <= (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31)


def _year(s: str) -> int:
    """A year written with two digits is the nearest one: ``24`` is 2024, ``98`` is 1998."""
    y = int(s)
    return y if len(s) == 4 else (2000 + y if y < 50 else 1900 + y)


def _date(start: int, end: int, year: int | None, month: int | None, day: int | None) -> Draft | None:
    """A date draft, or None when the parts are no calendar date (``32/13``)."""
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and not _valid_day_month(day, month or 1):
        return None
    # A day alone (``từ ngày 27 đến 31/5``) is also its number: English says "from the 27th" or "day 27".
    alone = (Decimal(day),) if day is not None and month is None and year is None else ()
    return Draft(start, end, "date", DateValue(year=year, month=month, day=day), alternatives=alone)


# --- builders: one per rule, in the order of the table --------------------------------------------


def _plate(m: re.Match[str], _claims: Claims) -> Draft:
    return Draft(m.start(), m.end(), "code", re.sub(r"\s+", "", m.group()))


def _phone(m: re.Match[str], _claims: Claims) -> Draft:
    return Draft(m.start(), m.end(), "code", re.sub(r"\D", "", m.group()))


def _spaced_dash_code(m: re.Match[str], _claims: Claims) -> Draft:
    return Draft(m.start(), m.end(), "code", f"{m['letters']}-{m['digits']}")


def _whole_code(m: re.Match[str], _claims: Claims) -> Draft:
    return Draft(m.start(), m.end(), "code", m.group())


def _chainage(m: re.Match[str], _claims: Claims) -> Draft:
    return Draft(m.start(), m.end(), "code", "Km" + m.group(1))


def _decade(m: re.Match[str], _claims: Claims) -> Draft | None:
    digits = m.group(1)
    year = int(digits)
    if year % 10:
        return None
    return Draft(m.start(), m.end(), "decade", Decimal(year + 1900 if len(digits) == 2 else year))


def _month_number(written: str) -> int:
    return int(written) if written.isdigit() else MONTH_WORDS[" ".join(written.lower().split())]


def _date_in_words(m: re.Match[str], claims: Claims) -> Draft | None:
    """``ngày 10 tháng 6 năm 2024``, ``8 tháng Chín``; without ``ngày``, ``2 tháng 3 ngày`` is a duration."""
    if not m["ngay"] and _AFTER_DURATION.match(claims.text, m.end()):
        return None
    year = m["year"] or m["year2"] or m["year3"]
    return _date(m.start(), m.end(), int(year) if year else None, _month_number(m["month"]), int(m["day"]))


def _date_slash(m: re.Match[str], _claims: Claims) -> Draft | None:
    return _date(m.start(), m.end(), _year(m.group(3)), int(m.group(2)), int(m.group(1)))


def _date_dash_dot(m: re.Match[str], _claims: Claims) -> Draft | None:
    return _date(m.start(), m.end(), int(m.group(4)), int(m.group(3)), int(m.group(1)))


def _month_range(m: re.Match[str], _claims: Claims) -> Draft | None:
    low, high = int(m.group(1)), int(m.group(2))
    if not 1 <= low < high <= 12:
        return None
    return Draft(m.start(), m.end(), "range", RangeValue(DateValue(month=low), DateValue(month=high)))


def _month_year(m: re.Match[str], _claims: Claims) -> Draft | None:
    return _date(m.start(), m.end(), int(m["year"]), _month_number(m["month"]), None)


def _quarter(m: re.Match[str], _claims: Claims) -> list[Draft] | None:
    numeral = m.group(1)
    quarter = int(numeral) if numeral.isdigit() else roman_to_int(numeral)
    if quarter is None or not 1 <= quarter <= 4:
        return None
    drafts = [Draft(m.start(), m.end(1), "ordinal", Decimal(quarter), unit="quarter")]
    year_group = 2 if m.group(2) else 3 if m.group(3) else 0
    if year_group:
        year = int(m.group(year_group)[-4:])
        drafts.append(Draft(m.start(year_group), m.end(year_group), "date", DateValue(year=year)))
    return drafts


def _score(m: re.Match[str], claims: Claims) -> Draft | None:
    """``hòa 1-1``: a score is one value; it needs a match word within a few words of it."""
    if not _SCORE_CUE.search(claims.text, max(0, m.start() - 30), min(len(claims.text), m.end() + 30)):
        return None
    return Draft(m.start(), m.end(), "score", f"{int(m.group(1))}-{int(m.group(2))}")


def _year_after_word(m: re.Match[str], _claims: Claims) -> Draft:
    return Draft(m.start(), m.end(), "date", DateValue(year=int(m.group(1))))


def _day_month_after_cue(m: re.Match[str], _claims: Claims) -> Draft | None:
    return _date(m.start(1), m.end(), None, int(m.group(2)), int(m.group(1)))


def _day_month_falling(m: re.Match[str], _claims: Claims) -> Draft | None:
    day, month = int(m.group(1)), int(m.group(2))
    if day <= month or not _valid_day_month(day, month):
        return None
    return _date(m.start(), m.end(), None, month, day)


def _shift_hour(hour: int, period: str | None) -> int:
    """``7 giờ tối`` is 19:00; ``12 giờ trưa`` stays 12; morning hours are kept."""
    if not period:
        return hour
    period = period.lower()
    if period in ("chiều", "tối") and hour < 12:
        return hour + 12
    if period == "trưa" and hour < 5:
        return hour + 12
    if period == "đêm" and 6 <= hour < 12:
        return hour + 12
    return hour


def _clock_time(m: re.Match[str], _claims: Claims) -> Draft | None:
    hour = _shift_hour(int(m.group(1)), m.group("period"))
    minute = int(m.group(2)) if m.group(2) else None
    return Draft(m.start(), m.end(), "time", TimeValue(hour, minute)) if hour <= 24 else None


def _said_as_a_time(m: re.Match[str], text: str, *, cue_after: bool) -> bool:
    """An hour that is a clock reading: it has minutes, a part of the day or a cue before it (``lúc``), or
    (``cue_after``) one after it (``7 giờ sáng``, ``7 giờ hôm qua``)."""
    if m.group(2) or m.group("period") or _TIME_CUE_BEFORE.search(text, max(0, m.start() - 12), m.start()):
        return True
    return cue_after and _TIME_CUE_AFTER.match(text, m.end()) is not None


def _after_a_span_cue(text: str, start: int) -> bool:
    """Is the hour at ``start`` a span of hours by the word before it (``trong 24h qua``)?"""
    return _HOUR_SPAN_CUE.search(text, max(0, start - 14), start) is not None


def _hour_with_h(m: re.Match[str], claims: Claims) -> Draft | None:
    """``16h`` is a clock time (news writes the hour so), unless a span cue is before it (``trong 24h``)."""
    if not m.group(2) and _after_a_span_cue(claims.text, m.start()):
        return None
    return _clock_time(m, claims)


def _hours_with_h(m: re.Match[str], claims: Claims) -> Draft | None:
    """An hour the clock rules left: ``16 h`` with a cue is a time (``lúc 16 h``, ``16 h giờ Việt Nam``);
    otherwise it, ``72h`` and ``trong 24h`` are spans of hours, counted in ``giờ``."""
    hour = int(m.group(1))
    span = _after_a_span_cue(claims.text, m.start())
    if hour <= 24 and not span and _said_as_a_time(m, claims.text, cue_after=True):
        return _clock_time(m, claims)
    return Draft(m.start(), m.end("h"), "number", Decimal(hour), unit="giờ")


def _hour_with_g(m: re.Match[str], claims: Claims) -> Draft | None:
    """``14g30`` is a time (grams have no minutes); ``3g`` only with a part of the day or a cue before it
    (``lúc 3g``): a cue after it proves nothing (``3g ngày``, three grams a day)."""
    return _clock_time(m, claims) if _said_as_a_time(m, claims.text, cue_after=False) else None


def _time_in_words(m: re.Match[str], claims: Claims) -> Draft | None:
    """``7 giờ`` is a time only with minutes, a part of the day or a cue (``lúc 7 giờ``); else a duration."""
    if not _said_as_a_time(m, claims.text, cue_after=True):
        return None
    hour = _shift_hour(int(m.group(1)), m.group("period"))
    minute = int(m.group(2)) if m.group(2) else None
    if hour > 24 or (minute is not None and minute >= 60):
        return None
    return Draft(m.start(), m.end(), "time", TimeValue(hour, minute))


def _roman_ordinal(m: re.Match[str], _claims: Claims) -> Draft | None:
    value = roman_to_int(m.group("num"))
    if value is None:
        return None
    unit = "century" if m.group("head").lower().startswith("thế") else None
    return Draft(m.start(), m.end(), "ordinal", Decimal(value), unit=unit)


def _ruler_number(m: re.Match[str], _claims: Claims) -> Draft | None:
    value = roman_to_int(m.group("num"))
    return None if value is None else Draft(m.start("num"), m.end("num"), "ordinal", Decimal(value))


def _date_spaced(m: re.Match[str], _claims: Claims) -> Draft | None:
    return _date(m.start(), m.end(), int(m.group(3)), int(m.group(2)), int(m.group(1)))


def _digit_ordinal(m: re.Match[str], claims: Claims) -> Draft:
    head = m.group("head").lower()
    value = int(m.group("num"))
    unit = "century" if head.startswith("thế") else None
    if head == "thứ" and 2 <= value <= 7 and _is_weekday(claims.text, m.start(), m.end()):
        unit = "weekday"
    return Draft(m.start(), m.end(), "ordinal", Decimal(value), unit=unit)


def _is_weekday(text: str, start: int, end: int) -> bool:
    if _SEQUENCE_BEFORE.search(text, max(0, start - 12), start):
        return False
    return bool(
        text[start] == "T"
        or _WEEKDAY_BEFORE.search(text, max(0, start - 10), start)
        or _WEEKDAY_AFTER.match(text[end : end + 16])
    )


def _named_code(m: re.Match[str], claims: Claims) -> Draft | None:
    """``Vành đai 4``, ``Nghị quyết số 44/2024``: the number names the thing, with its head word."""
    head = _NAMED_HEAD.search(claims.low, max(0, m.start() - 28), m.start())
    if head is None:
        return None
    named = _NAMED_NUMBER.match(claims.text, m.start())
    if named is None or _QUANTITY_AFTER.match(claims.text, named.end()):
        return None
    number = named.group()
    value: Value = Decimal(number) if number.isdigit() else number
    return Draft(head.start(), named.end(), "code", value)


def _after_a_name(m: re.Match[str], claims: Claims) -> Draft | None:
    """A number after a foreign name names a model (``Boeing 747``, ``Type 093``): a code, digits as written
    when zero-padded or joined (``093``, ``747-200``). After an acronym the acronym is part of the code
    (``VTV 9``, which English writes "VTV9"). Not a count (``Mai 2 bánh``: ``Mai`` is a Vietnamese syllable),
    a year (``Miss Universe 2018``), money (``USD 500``) or a quantity (``Facebook 2 triệu``)."""
    text = claims.text
    before = _NAME_BEFORE.search(text, max(0, m.start() - 24), m.start())
    named = _NAMED_BY_NAME.match(text, m.start()) if before else None
    if before is None or named is None:
        return None
    name, number = before["name"], named.group()
    acronym = name.isupper()
    if (_VI_SYLLABLE.fullmatch(name) and not acronym) or name in PREFIXES or _YEAR_LIKE.fullmatch(number):
        return None
    if _QUANTITY_AFTER.match(text, named.end()) or _counter_after(text, named.end()):
        return None
    if acronym:
        return Draft(before.start(), named.end(), "code", text[before.start() : named.end()])
    value: Value = number if number[0] == "0" or "-" in number else Decimal(number)
    return Draft(named.start(), named.end(), "code", value)


def _token_around(text: str, i: int) -> tuple[int, int]:
    """The word-with-inner-hyphens/dots that contains position ``i`` (``COVID-19``, ``Tosh.0``)."""
    n = len(text)
    start = i
    while start > 0:
        c = text[start - 1]
        if c.isalnum() or c in "-." and start >= 2 and text[start - 2].isalnum():
            start -= 1
        else:
            break
    end = i
    while end < n:
        c = text[end]
        if c.isalnum() or c in "-." and end + 1 < n and text[end + 1].isalnum():
            end += 1
        else:
            break
    return start, end


def _touches_letter(text: str, i: int, step: int) -> bool:
    """Is there a letter at ``i`` (or just past a ``-``/``.`` there)? ``A58``, ``COVID-19``, ``9X``."""
    if not 0 <= i < len(text):
        return False
    if text[i] in "-." and 0 <= i + step < len(text):
        i += step
    return text[i].isalpha()


def _alphanumeric_code(m: re.Match[str], claims: Claims) -> Draft | None:
    """A token mixing letters and digits (``A58``, ``COVID-19``, ``9X``) that is no number with a unit."""
    text = claims.text
    if not (_touches_letter(text, m.start() - 1, -1) or _touches_letter(text, m.end(), 1)):
        return None
    start, end = _token_around(text, m.start())
    token = text[start:end]
    attached_unit = _ATTACHED_UNIT.match(token) and not _CAPITAL_CODE_LETTER.search(token)
    if attached_unit or _UNIT_TOKEN.match(token) or _TIME_H.fullmatch(token):
        return None
    if token[0] in "-.":
        start, token = start + 1, token[1:]
    return Draft(start, end, "code", token)


def _slash(m: re.Match[str], claims: Claims) -> Draft:
    """``a/b``: a ratio, or a day/month when the numbers and the words around say so."""
    text = claims.text
    a, b = int(m.group(1)), int(m.group(2))
    ratio = RatioValue(Decimal(a), Decimal(b))
    is_date = len(m.group(1)) <= 2 and len(m.group(2)) <= 2 and _valid_day_month(a, b)
    if not is_date:
        return Draft(m.start(), m.end(), "ratio", ratio)
    date = DateValue(month=b, day=a)
    cue = _DATE_CUE_BEFORE.search(text, max(0, m.start() - 14), m.start()) or _DATE_CUE_AFTER.match(
        text, m.end()
    )
    if cue:
        return Draft(m.start(), m.end(), "date", date)
    if a > b:
        return Draft(m.start(), m.end(), "date", date, alternatives=(ratio,))
    return Draft(m.start(), m.end(), "ratio", ratio, alternatives=(date,))


def _month_alone(m: re.Match[str], claims: Claims) -> Draft | None:
    """``tháng 3`` is March, but ``tháng 2 lần`` (twice a month) is no date."""
    words = _NEXT_WORDS.match(claims.text, m.end())
    if words and words.group(1).lower() in ("lần", "tuổi", "người", "ngày"):
        return None
    return _date(m.start(), m.end(), None, int(m.group(1)), None)


def _day_alone(m: re.Match[str], _claims: Claims) -> Draft | None:
    return _date(m.start(), m.end(), None, None, int(m.group(1)))


def _counter_after(text: str, end: int) -> str | None:
    words = _NEXT_WORDS.match(text, end)
    return _counter(words) if words else None


def _counter(words: re.Match[str]) -> str | None:
    first, second = words.group(1), words.group(2)
    if second and f"{first} {second}".lower() in COUNTERS:
        return f"{first} {second}".lower()
    return first.lower() if first.lower() in COUNTERS else None


def _minus_is_sign(text: str, at: int) -> bool:
    """``-5`` after a word or bracket is negative; after a number (``2019 -2022``) it joins a range, and
    after a name (``B -52``, ``SSJ -100``, spacing damaged by tokenisers) it belongs to a model code."""
    before = text[max(0, at - 24) : at].rstrip()
    if not before or not before[-1].isalnum():
        return True
    word = before.split()[-1]
    return word.isalpha() and word.islower()


def _quantity(m: re.Match[str], claims: Claims) -> Draft | None:
    """A digit run with what belongs to it: sign or currency before, scale, percent or unit after."""
    text, start = claims.text, m.start()
    before = text[start - 1] if start else " "
    if before.isalnum() or before in ".,/" or not claims.free(start, m.end()):
        return None
    if before == "-" and start >= 2 and text[start - 2].isalpha():
        return None
    prefix = None
    if not _PREFIX_ENDS.isdisjoint(text[max(0, start - 8) : start]):
        prefix = _NUMBER_PREFIX.search(text, max(0, start - 8), start)
    numeral = _SPACED_THOUSANDS.match(text, start) or m
    return _quantity_draft(text, numeral, prefix, _NUMBER_TAIL.match(text, numeral.end()))


_ONE, _HALF = Decimal(1), Decimal("0.5")


def _quantity_draft(
    text: str, numeral: re.Match[str], prefix: re.Match[str] | None, tail: re.Match[str]
) -> Draft | None:
    sign_or_currency = prefix.group("pre") if prefix else None
    negative = prefix.group("neg") if prefix else None
    scales = tail.group("scales").split()
    written = numeral.group()
    if " " in written or not written.isascii():  # grouped by spaces (``11 372``)
        written = _THIN_SPACES.sub("", written)
    parsed = parse_numeral(written, before_scale=bool(scales))
    if parsed is None:
        if sign_or_currency or negative or scales or tail.group("pct") or tail.group("unit"):
            return None
        return Draft(numeral.start(), numeral.end(), "code", numeral.group())
    base, base_alternatives = parsed
    start = numeral.start()
    if (
        negative
        and negative[0] in "-−"
        and negative[-1].isspace()
        and not _TEMPERATURE.match(tail.group("unit") or "")
    ):
        negative = None  # "- 86,9 triệu": a list's dash; only a temperature keeps a minus standing apart
    if negative and (negative[0] not in "-−" or _minus_is_sign(text, prefix.start("neg"))):
        base, base_alternatives = -base, tuple(-a for a in base_alternatives)
        start = prefix.start("neg")
    unit = None
    if sign_or_currency:
        unit, start = prefix_unit(sign_or_currency), prefix.start("pre")
    scale = _ONE
    for word in scales:
        scale *= SCALES[word.lower()]
    if tail.group("ruoi") and scales:
        base += _HALF
    kind, end = "number", tail.end("ruoi") if tail.group("ruoi") else tail.end("scales")
    if tail.group("half") and base == 1 and not scales:
        base, end = _HALF, tail.end("half")
    elif tail.group("pct"):
        kind, end = "percent", tail.end("pct")
    elif tail.group("unit"):
        unit = vi_unit(tail.group("unit"))
        end = tail.end("unit")
    if unit is None and kind == "number":
        unit = _counter_after(text, end)
    return Draft(
        start,
        end,
        kind,
        base * scale,
        unit=unit,
        alternatives=tuple(a * scale for a in base_alternatives) if base_alternatives else (),
        base=base,
        scale=scale if scales else None,
        base_alternatives=base_alternatives,
    )


_DIGIT_DASH_OR_DOT_DIGIT = re.compile(r"\d\s?[-.]\s?\d")
_DIGIT_DASH_DIGIT = re.compile(r"\d\s?[-–]\s?\d")
_DIGIT_SPACE_DIGIT = re.compile(r"\d \d")
_FOUR_DIGITS = re.compile(r"\d\d\d\d")


def _has_score_cue(claims: Claims) -> bool:
    return _SCORE_CUE.search(claims.text) is not None


def _phones(claims: Claims) -> Iterator[re.Match[str]]:
    """Phone numbers, tried only where one can start (``_PHONE`` opens with a look-behind, so a search
    would try every position of the text)."""
    return matches_at(_PHONE, claims.text, _phone_starts(claims))


def _phone_starts(claims: Claims) -> Iterator[int]:
    """At the + of ``+84``, or at a 0 that opens a run of digits."""
    text = claims.text
    for start in claims.digit_starts:
        if start and text[start - 1] == "+":
            yield start - 1
        if text[start] == "0":
            yield start


def _digit_runs(claims: Claims) -> list[re.Match[str]]:
    return claims.digit_runs


# Why this order:
# 1. plates, phones, document numbers, chainages: their digits would otherwise read as dates and amounts
#    (``29A-123.45`` is no date, ``0912 345 678`` no amount, ``15/2024/NĐ-CP`` no ratio);
# 2. scores (``hòa 1-1``) before anything reads ``1-1`` as a day and month or a range;
#    decades before dates (``những năm 90`` holds ``năm``); full dates before partial ones (``ngày 10 tháng 6
#    năm 2024`` before ``tháng 6``); quarters before years (``quý II/2024``);
# 3. times before quantities (``10h30``, ``7 giờ tối``);
# 4. ordinals and named codes before quantities (``lần thứ 3``, ``Vành đai 4``);
# 5. letters-and-digits codes before slashes and quantities (``COVID-19``, ``A58``);
# 6. slashes (ratio or day/month) before the loose ``tháng 3`` / ``ngày 5`` and before quantities;
# 7. quantities last: whatever digit run is still free is an amount, count, percent or measure.
DIGIT_RULES: tuple[Rule, ...] = (
    Rule(
        "plate",
        _plate,
        (Example("Xe biển số 29A-123.45 bị giữ.", "29A-123.45", "29A-123.45"),),
        _PLATE,
        gate=lambda c: ("-" in c.text or "–" in c.text) and c.found(_LONG_RUN),
    ),
    Rule(
        "phone",
        _phone,
        (Example("Gọi 0912 345 678 để hỏi.", "0912 345 678", "0912345678"),),
        find=_phones,
        gate=searches(_LONG_RUN),
    ),
    Rule(
        "document number",
        _whole_code,
        (Example("Theo Nghị định 15/2024/NĐ-CP của Chính phủ.", "15/2024/NĐ-CP", "15/2024/NĐ-CP"),),
        _DOC_CODE,
        gate=has_char("/"),
    ),
    Rule(
        "chainage",
        _chainage,
        (Example("Tại Km15+200 quốc lộ 1.", "Km15+200", "Km15+200"),),
        _CHAINAGE,
        gate=lambda c: "+" in c.text and "km" in c.low,
    ),
    Rule(
        "decade",
        _decade,
        (Example("Vào những năm 90, kinh tế tăng.", "những năm 90", "1990"),),
        find=at_cues(_DECADE, _first_words(DECADE_HEADS)),
        gate=has_cue("năm", "thập"),
    ),
    Rule(
        "date in words",
        _date_in_words,
        (
            Example("Ngày 10 tháng 6 năm 2024, hội nghị khai mạc.", "Ngày 10 tháng 6 năm 2024", "2024-06-10"),
            Example("Hôm 8 tháng Chín, cô ấy đến.", "8 tháng Chín", "--09-08"),
            Example("Vào ngày 25 tháng mười năm 2010, họ ký.", "ngày 25 tháng mười năm 2010", "2010-10-25"),
            Example("Halloween vào đêm 31 tháng 10.", "31 tháng 10", "--10-31"),
        ),
        _DATE_WORDS,
        gate=has_cue("tháng"),
    ),
    Rule(
        "day/month/year",
        _date_slash,
        (Example("Hạn chót là 11/6/2024.", "11/6/2024", "2024-06-11"),),
        _DATE_SLASH,
        gate=has_char("/"),
    ),
    Rule(
        "day month year with spaces",
        _date_spaced,
        (Example("Khoa Nhi, đăng trực tuyến 24 01 2011", "24 01 2011", "2011-01-24"),),
        _DATE_SPACED,
        gate=searches(_DIGIT_SPACE_DIGIT),
    ),
    Rule(
        "day-month-year",
        _date_dash_dot,
        (Example("Ký ngày 11-06-2024 tại Hà Nội.", "11-06-2024", "2024-06-11"),),
        _DATE_DASHDOT,
        gate=searches(_DIGIT_DASH_OR_DOT_DIGIT),
    ),
    Rule(
        "score",
        _score,
        (Example("Hai đội hòa 1-1 trên sân nhà.", "1-1", "1-1"), Example("Họ thắng 2-0.", "2-0", "2-0")),
        _SCORE,
        gate=lambda c: ("-" in c.text or "–" in c.text) and c.found(_DIGIT_DASH_DIGIT) and _has_score_cue(c),
    ),
    Rule(
        "month range",
        _month_range,
        (Example("Mùa mưa từ tháng 5-10.", "tháng 5-10", "--05..--10"),),
        find=at_cues(_MONTH_RANGE, ("tháng",)),
        gate=has_cue("tháng"),
    ),
    Rule(
        "month and year",
        _month_year,
        (
            Example("Từ tháng 11/2024 sẽ áp dụng.", "tháng 11/2024", "2024-11"),
            Example("Tháng 12, 2008 là mốc quan trọng.", "Tháng 12, 2008", "2008-12"),
            Example("Từ tháng Ba năm 2012 giá tăng.", "tháng Ba năm 2012", "2012-03"),
        ),
        find=at_cues(_MONTH_YEAR, ("tháng",)),
        gate=has_cue("tháng"),
    ),
    Rule(
        "quarter",
        _quarter,
        (
            Example("Trong quý II/2024 doanh thu tăng.", "quý II", "2"),
            Example("Trong quý II/2024 doanh thu tăng.", "2024", "2024"),
        ),
        find=at_cues(_QUARTER, ("quý",)),
        gate=has_cue("quý"),
    ),
    Rule(
        "year",
        _year_after_word,
        (Example("Kế hoạch năm 2024 đã xong.", "năm 2024", "2024"),),
        _YEAR,
        gate=lambda c: ("năm" in c.low or "SN" in c.text or "sinh" in c.low) and c.found(_FOUR_DIGITS),
    ),
    Rule(
        "month/year",
        _month_year,
        (Example("Giá trong 6/2024 giảm.", "6/2024", "2024-06"),),
        _MONTH_YEAR_SLASH_FORM,
        gate=has_char("/"),
    ),
    Rule(
        "day-month after a cue",
        _day_month_after_cue,
        (Example("Sáng 10-6, đoàn đến nơi.", "10-6", "--06-10"),),
        _DAY_MONTH_AFTER_CUE,
        gate=searches(_DIGIT_DASH_OR_DOT_DIGIT),
    ),
    Rule(
        "day-month, falling",
        _day_month_falling,
        (Example("Khi chốt phiên 10-5, cổ phiếu giảm.", "10-5", "--05-10"),),
        _DAY_MONTH_FALLING,
        gate=searches(_DIGIT_DASH_OR_DOT_DIGIT),
    ),
    Rule(
        "clock time",
        _clock_time,
        (Example("Lúc 10:41 sáng nay.", "10:41 sáng", "10:41"),),
        _TIME_COLON,
        gate=has_char(":"),
    ),
    Rule(
        "hour with h",
        _hour_with_h,
        (Example("Khai mạc lúc 18h30.", "18h30", "18:30"),),
        _TIME_H,
        gate=searches(_DIGIT_H),
    ),
    # After "hour with h", which takes the clock readings written ``16h``.
    Rule(
        "hours with h",
        _hours_with_h,
        (
            Example("Vào khoảng 10h (16 h giờ Việt Nam).", "16 h", "16h"),
            Example("Mưa lớn trong 72h qua.", "72h", "72"),
            Example("Đã có 5 ca trong 24h qua.", "24h", "24"),
        ),
        _HOURS_H,
        gate=searches(_DIGIT_SPACED_H),
    ),
    # Before "quantity", which reads ``3g`` as three grams.
    Rule(
        "hour with g",
        _hour_with_g,
        (
            Example("Vụ cháy xảy ra lúc 3g sáng.", "3g sáng", "03h"),
            Example("Họp lúc 14g30.", "14g30", "14:30"),
        ),
        _TIME_G,
        gate=searches(_DIGIT_G),
    ),
    Rule(
        "time in words",
        _time_in_words,
        (Example("Họp lúc 7 giờ tối.", "7 giờ tối", "19h"),),
        _TIME_GIO,
        gate=has_cue("giờ"),
    ),
    Rule(
        "Roman numeral of a ruler",
        _ruler_number,
        (Example("Dưới triều vua Charles IX., lịch được cải cách.", "IX", "9"),),
        _ROMAN_AFTER_RULER,
        gate=searches(_ROMAN_GATE),
    ),
    Rule(
        "Roman ordinal",
        _roman_ordinal,
        (Example("Đại hội lần thứ XVIII của Đảng.", "thứ XVIII", "18"),),
        _ROMAN_AFTER_HEAD,
        gate=searches(_ROMAN_GATE),
    ),
    Rule(
        "ordinal",
        _digit_ordinal,
        (Example("Đây là lần thứ 3 tổ chức.", "thứ 3", "3"),),
        find=at_cues(_ORDINAL, _first_words(ORDINAL_HEADS)),
        gate=has_cue(*ORDINAL_HEADS),
    ),
    Rule(
        "named code",
        _named_code,
        (Example("Dự án Vành đai 4 khởi công.", "Vành đai 4", "4"),),
        find=_digit_runs,
        gate=has_cue(*NAMED_HEADS),
    ),
    Rule(
        "code with a spaced dash",
        _spaced_dash_code,
        (
            Example("Tổ hợp S -300 được dỡ xuống.", "S -300", "S-300"),
            Example("Valsartan160, SĐK: VD -29714-18 (Cửu Long).", "VD -29714-18", "VD-29714-18"),
        ),
        _SPACED_DASH_CODE,
        gate=has_char(" -"),
    ),
    # After the spaced-dash codes (``Su -25``); before quantities, which would read ``747`` as a count.
    Rule(
        "number after a foreign name",
        _after_a_name,
        (
            Example("Máy bay Boeing 747 của hãng.", "747", "747"),
            Example("Tàu ngầm lớp Type 093 của Trung Quốc.", "093", "093"),
            Example("Máy bay Boeing 747-200 của IranAir.", "747-200", "747-200"),
            Example("Phát trên kênh VTV 9 tối nay.", "VTV 9", "VTV 9"),
        ),
        find=_digit_runs,
    ),
    Rule(
        "letters and digits",
        _alphanumeric_code,
        (Example("Dịch COVID-19 đã qua.", "COVID-19", "COVID-19"),),
        find=_digit_runs,
    ),
    Rule(
        "slash",
        _slash,
        (Example("Có 18/18 huyện đạt chuẩn.", "18/18", "18/18"),),
        _SLASH,
        gate=has_char("/"),
    ),
    Rule(
        "month alone",
        _month_alone,
        (Example("Trong tháng 6 có mưa.", "tháng 6", "--06"),),
        find=at_cues(_MONTH, ("tháng",)),
        gate=has_cue("tháng"),
    ),
    Rule(
        "day alone",
        _day_alone,
        (Example("Đến ngày 15, công việc xong.", "ngày 15", "----15"),),
        find=at_cues(_DAY, ("ngày",)),
        gate=has_cue("ngày"),
    ),
    Rule(
        "quantity",
        _quantity,
        (
            Example("Tổng giá trị đạt 32.439,8 tỷ đồng.", "32.439,8 tỷ đồng", "32439800000000.0"),
            Example("Tăng 5,5% so với cùng kỳ.", "5,5%", "5.5"),
            Example("Có 11 372 doanh nghiệp tham gia.", "11 372", "11372"),
            Example("Nhiệt độ là - 63 độ F.", "- 63 độ F", "-63"),
        ),
        find=_digit_runs,
    ),
)
# Read alone when the text has no digit at all (``khóa XV``).
_ROMAN_RULES = tuple(rule for rule in DIGIT_RULES if rule.name.startswith("Roman"))


# --- ranges ---------------------------------------------------------------------------------------


def _merge_ranges(text: str, drafts: list[Draft]) -> list[Draft]:
    out: list[Draft] = []
    i = 0
    while i < len(drafts):
        a = drafts[i]
        if i + 1 < len(drafts):
            b = drafts[i + 1]
            if _RANGE_GAP.fullmatch(text, a.end, b.start):
                merged = _range_of(a, b)
                if merged is not None:
                    out.append(merged)
                    i += 2
                    continue
        out.append(a)
        i += 1
    return out


def _range_of(a: Draft, b: Draft) -> Draft | None:
    """One range mention from two neighbours, or None when they are no range (``2-1`` is a score)."""
    low, high = a.value, b.value
    unit = b.unit
    if a.kind == "number" and b.kind in ("number", "percent") and isinstance(low, Decimal):
        if a.unit not in (None, b.unit) or a.soft or b.soft or _day_then_year(low, high, b):
            return None
        if a.scale is None and b.scale is not None and a.base is not None:
            low = a.base * b.scale
        if b.kind == "percent":
            unit = "%"
    elif a.kind == b.kind == "percent":
        unit = "%"
    elif a.kind == b.kind and a.kind in ("date", "time"):
        if not _same_shape(low, high):
            return None
    elif a.kind == "date" and b.kind == "number" and isinstance(low, DateValue) and isinstance(high, Decimal):
        if low.month is not None or low.year is None or not 1000 <= high <= 2999 or high != int(high):
            return None
        high = DateValue(year=int(high))
    elif a.kind == "number" and b.kind == "date" and isinstance(low, Decimal) and isinstance(high, DateValue):
        if high.day is None or low != int(low) or not 1 <= low < high.day:
            return None
        low = DateValue(year=high.year, month=high.month, day=int(low))
    else:
        return None
    if not _ordered(low, high):
        return None
    return Draft(a.start, b.end, "range", RangeValue(low, high), unit=unit, rule="range")


def _day_then_year(low: Value, high: Value, b: Draft) -> bool:
    """``13-7 - 2018`` (a date with damaged spacing) is no range from 7 to 2018."""
    return isinstance(high, Decimal) and b.scale is None and 1000 <= high <= 2999 and abs(low) < 100


def _same_shape(x: Value, y: Value) -> bool:
    if isinstance(x, DateValue) and isinstance(y, DateValue):
        return (x.year is None, x.month is None, x.day is None) == (
            y.year is None,
            y.month is None,
            y.day is None,
        )
    return isinstance(x, TimeValue) and isinstance(y, TimeValue)


def _ordered(low: Value, high: Value) -> bool:
    if isinstance(low, Decimal) and isinstance(high, Decimal):
        return low < high
    if isinstance(low, DateValue) and isinstance(high, DateValue):
        return (low.year or 0, low.month or 0, low.day or 0) < (
            high.year or 0,
            high.month or 0,
            high.day or 0,
        )
    if isinstance(low, TimeValue) and isinstance(high, TimeValue):
        return (low.hour, low.minute or 0) < (high.hour, high.minute or 0)
    return False


# --- number words ---------------------------------------------------------------------------------


def _words_value(words: list[str]) -> int | None:
    """The value of a run of number words (``hai mươi mốt`` = 21, ``một trăm linh năm`` = 105)."""
    total, chunk, pending, after_ten = 0, 0, None, False
    last_was_scale = False
    for w in words:
        if w in DIGIT_WORDS:
            if pending is not None:
                return None
            if w in ("mốt", "lăm", "nhăm", "tư") and not after_ten:
                return None
            pending = DIGIT_WORDS[w]
            last_was_scale = False
        elif w == "mười":
            if pending is not None:
                return None
            chunk += 10
            after_ten = True
            continue
        elif w == "mươi":
            if pending is None or pending < 2:
                return None
            chunk, pending, after_ten = chunk + pending * 10, None, True
            continue
        elif w == "trăm":
            chunk, pending = chunk + (1 if pending is None else pending) * 100, None
        elif w in FILLER_WORDS:
            after_ten = True
            continue
        elif w in SCALES and w != "tá":
            group = chunk + (pending or 0)
            if group == 0 and last_was_scale:
                total *= int(SCALES[w])
            else:
                total += (group or 1) * int(SCALES[w])
            chunk, pending, last_was_scale = 0, None, True
            after_ten = False
            continue
        else:
            return None
        after_ten = False
    return total + chunk + (pending or 0)


def _cut_word_run(raw: str) -> list[str]:
    """Cut a run at the first ``năm`` that cannot be "five" (``hai mươi năm`` is "twenty years")."""
    words = raw.lower().split()
    for i, w in enumerate(words):
        if w == "năm" and i > 0 and words[i - 1] not in FILLER_WORDS:
            return words[:i]
        if w == "nửa" and (i == 0 or words[i - 1] != "một"):
            return words[:i]
    return words


def _end_of_words(text: str, start: int, n_words: int) -> tuple[int, int]:
    """Where the first ``n_words`` words from ``start`` end, and where the punctuation glued to the last one
    ends (``một nửa,``): the mention stops before it, the look at the next word starts after it."""
    pos = start
    for i in range(n_words):
        if i:
            while text[pos].isspace():
                pos += 1
        while pos < len(text) and text[pos].isalnum():
            pos += 1
    glued = pos
    while glued < len(text) and not text[glued].isspace():
        glued += 1
    return pos, glued


def _number_words(m: re.Match[str], claims: Claims) -> Draft | None:
    """A run of number words used as a number: before a counter or a unit, never a fixed phrase."""
    text, start = claims.text, m.start()
    if start and m.string[start - 1].isalnum():
        return None
    words = _cut_word_run(m.group())
    if not words:
        return None
    end, after_glued = _end_of_words(text, start, len(words))
    if (
        _NO_NUMBER_WORD_AFTER.search(text, max(0, start - 8), start)
        or text[max(0, start - 3) : start].strip()[-1:].isdigit()
    ):
        return None
    if words == ["một", "nửa"]:
        return Draft(start, end, "number", Decimal("0.5"), soft=True)
    value = _words_value(words)
    if value is None or (len(words) == 1 and words[0] in ("một", "lẻ", "linh", "mươi")):
        return None
    if words[0] == "một" and len(words) > 1 and words[1] in AFTER_MOT_NO_NUMBER:
        return None
    if words[-1] in SCALES and len(words) == 1:
        return None
    next_words = _NEXT_WORDS.match(text, after_glued)
    counter = _counter(next_words) if next_words else None
    unit_match = _WORD_UNIT.match(text, after_glued)
    if len(words) == 1 and words[0] in AMBIGUOUS_NUMBER_WORDS and counter is None and unit_match is None:
        return None
    if next_words is None and unit_match is None:
        return None
    unit = counter
    if unit_match is not None:
        unit = vi_unit(unit_match.group())
        end = unit_match.end()
    return Draft(start, end, "number", Decimal(value), unit=unit, soft=True)


def _word_runs(claims: Claims) -> Iterable[re.Match[str]]:
    """Runs of number words (in the lower-cased copy, where lower-casing keeps the offsets), read from the
    first number word on: a run starts wherever a number word ends a word, so none starts before it."""
    first = _HAS_NUMBER_WORD.search(claims.low)
    if first is None:
        return ()
    if len(claims.low) != len(claims.text):
        return _WORD_RUN.finditer(claims.text)
    return _WORD_RUN.finditer(claims.low, first.start())


# Number words run after the digit rules and ranges, on the characters still free.
WORD_RULES: tuple[Rule, ...] = (
    Rule(
        "number words",
        _number_words,
        (
            Example("Có hai mươi mốt người đến.", "hai mươi mốt", "21"),
            Example("Chia làm một nửa.", "một nửa", "0.5"),
        ),
        find=_word_runs,
    ),
)


# --- entry point ----------------------------------------------------------------------------------


def vi_drafts(text: str) -> list[Draft]:
    """The drafts of :func:`extract_vi` (with the rule that made each): the rule examples test this."""
    if not text:
        return []
    claims = Claims(text)
    run_rules(DIGIT_RULES if claims.has_digit else _ROMAN_RULES, claims)
    drafts = _merge_ranges(text, sorted(claims.drafts, key=lambda d: d.start))
    word_claims = Claims(text)
    for draft in drafts:
        word_claims.add(draft)
    run_rules(WORD_RULES, word_claims)
    return [_as_lunar(text, d) for d in sorted(word_claims.drafts, key=lambda d: d.start)]


def _as_lunar(text: str, draft: Draft) -> Draft:
    """``24 tháng Chạp``, ``15/8 âm lịch``: a date of the lunar calendar, which no solar date in the English
    may stand for (every date rule gets this from here)."""
    if not isinstance(draft.value, DateValue):
        return draft
    if not (_LUNAR_MONTH.search(text, draft.start, draft.end) or _LUNAR_MARK_AFTER.match(text, draft.end)):
        return draft
    return as_lunar(draft)


@on_nfc
def extract_vi(text: str) -> list[Mention]:
    """Every number mention in ``text``: sorted by start, non-overlapping, offsets into ``text``."""
    return [draft.mention(text) for draft in vi_drafts(text)]
