"""Find every number in Vietnamese text, with its meaning: ``extract_vi(text) -> list[Mention]``.

Why so many passes: a digit string means different things by its neighbours (``10/6`` after ``Sáng`` is
a date, ``18/18 huyện`` a ratio, ``COVID-19`` a code, ``2019-2022`` a range). Each pass recognises one
family of forms, most specific first, and claims its characters so later, looser passes cannot reread
them. All regexes are compiled once at import; a call is a handful of C-level scans.

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
from dataclasses import dataclass
from decimal import Decimal

from .mention import DateValue, Mention, RangeValue, RatioValue, TimeValue, Value, mention_from, on_nfc
from .roman import roman_to_int
from .units import PREFIXES, VI_WORDS, alternation, prefix_unit, vi_unit
from .words_vi import COUNTERS, DIGIT_WORDS, FILLER_WORDS, SCALES

__all__ = ["extract_vi", "parse_numeral"]


@dataclass
class _Cand:
    """A mention under construction; ``base``/``scale`` let a range share the scale of its high end."""

    start: int
    end: int
    kind: str
    value: Value
    unit: str | None = None
    alternatives: tuple[Value, ...] = ()
    soft: bool = False
    base: Decimal | None = None
    scale: Decimal | None = None
    base_alts: tuple[Decimal, ...] = ()


_I = re.IGNORECASE
_NUMERAL = r"\d+(?:[.,]\d+)*"
_NB = r"(?![\w])"  # end of word
_NEXT_NOT_NUM = r"(?![\w/]|[.,]\d)"
_SCALE = alternation(SCALES)
_SCALES_RE = rf"(?:\s*(?:{_SCALE}){_NB}(?!\s+(?:lệ|số|chứng|tập|phú|hồi)\b))*"
_UNIT_RE = alternation(VI_WORDS)
_PERIOD = r"(?:\s+(?P<period>sáng|trưa|chiều|tối|đêm|khuya))?"

# --- codes that must be claimed before anything reads their digits --------------------------------
_PLATE = re.compile(
    r"(?<![\w.])\d{2}\s?[A-Z]{1,2}\d?\s?(?:\d\s?-|[-–]\s?(?:\d-)?)\s?\d{3}\.?\d{1,2}(?![\w]|[.,]\d)"
)
_PHONE = re.compile(r"(?<![\w.,])(?:\+84|0)\d{2,3}(?:[.\s]?\d{3}){2}\d?(?![\w]|[.,]\d)")
_DOC_CODE = re.compile(r"(?<![\w/])\d+(?:/\d{2,4})?/[A-ZĐ][\wĐđ]*(?:-[A-ZĐ0-9][\wĐđ]*)*")
_CHAINAGE = re.compile(r"(?<!\w)(?i:km)\s*(\d+(?:[.,]\d{3})?\+\d{1,3})(?!\d)")
_LONG_RUN = re.compile(r"[0-9]{3}")
_ATTACHED_UNIT = re.compile(rf"^[-−]?{_NUMERAL}(?:{_UNIT_RE}|h|g|p|tr|k|x)$", _I)
_UNIT_TOKEN = re.compile(r"^(?:k?m[23²³]|cm[23]|dm[23])$", _I)

# --- decades, dates, times ------------------------------------------------------------------------
_DECADE = re.compile(r"(?<!\w)(?i:những năm|thập niên|thập kỷ|thập kỉ)\s+(\d{2}|\d{4})(?![\w]|[.,/]\d)")
_DATE_WORDS = re.compile(
    r"(?<!\w)(?i:ngày)\s+(\d{1,2})\s+(?i:tháng)\s+(\d{1,2})(?:\s*,?\s+(?i:năm)\s+(\d{3,4})|\s*[/-]\s*(\d{4}))?"
    + _NEXT_NOT_NUM
)
_DATE_SLASH = re.compile(r"(?<![\w.,/])(\d{1,2})\s?/\s?(\d{1,2})\s?/\s?(\d{4}|\d{2})(?![\w/]|[.,]\d)")
_DATE_DASHDOT = re.compile(r"(?<![\w.,/-])(\d{1,2})([.-])(\d{1,2})\2(\d{4})(?![\w/-]|[.,]\d)")
_MONTH_YEAR = re.compile(
    r"(?<!\w)(?i:tháng)\s+(\d{1,2})(?:\s*[/.-]\s*|\s*,?\s+(?i:năm)\s+)(\d{4})" + _NEXT_NOT_NUM
)
_MONTH_RANGE = re.compile(r"(?<!\w)(?i:tháng)\s+(\d{1,2})\s*[-–]\s*(\d{1,2})(?![\d/-]|[.,]\d|\w)")
_QUARTER = re.compile(
    r"(?<!\w)(?i:quý)\s+([IV]+|[1-4])(?!\w)(?:\s*[/-]\s*(\d{4})|\s+((?i:năm)\s+\d{4}))?" + _NEXT_NOT_NUM
)
_YEAR = re.compile(r"(?<!\w)(?:(?i:năm)|SN|sinh)\s+(\d{4})(?![\w/]|[.,]\d)")
_MONTH_YEAR_SLASH = re.compile(r"(?<![\w.,/-])(\d{1,2})\s?/\s?(\d{4})(?![\w/]|[.,]\d)")
_DAY_MONTH_CTX = re.compile(
    r"(?:(?<!\w)(?i:ngày|sáng|chiều|tối|trưa|đêm|khuya|hôm|rạng sáng)\s+|\()(\d{1,2})\s?[-.]\s?(\d{1,2})"
    r"(?![\d/-]|[.,]\d|\w|\s*[-–]\s*\d)"
)
_MONTH = re.compile(r"(?<!\w)(?i:tháng)\s+(\d{1,2})(?![\w/]|[.,]\d)")
_DAY = re.compile(
    r"(?<!\w)(?i:ngày)\s+(\d{1,2})(?=\s*(?:[,.;:)\]]|$|\s+(?:tới|này|vừa|qua|hôm|và|đến|hằng|hàng|mỗi|trong)\b))"
)
_TIME_COLON = re.compile(
    r"(?<![\w.,:])([01]?\d|2[0-4]):([0-5]\d)(?::[0-5]\d)?(?![\d:]|[.,]\d)" + _PERIOD + _NB
)
_TIME_H = re.compile(r"(?<![\w.,])([01]?\d|2[0-4])h(?:([0-5]\d)(?:'|p(?!\w))?)?" + _PERIOD + _NB)
_TIME_GIO = re.compile(
    r"(?<![\w.,])(\d{1,2})\s+giờ(?:\s+(\d{1,2})(?:\s+phút)?)?" + _PERIOD + r"(?!\w)",
)
_DIGIT_H = re.compile(r"[0-9]h")
_TIME_CUE = re.compile(r"(?i:lúc|vào|vào lúc|đến|từ)\s*$")
_TIME_CUE_AFTER = re.compile(r"\s+(?:ngày|cùng ngày|hôm|sáng|chiều|tối|đêm)\b")

# --- ordinals, codes with a name ------------------------------------------------------------------
_ROMAN_HEAD = re.compile(
    r"(?<!\w)(?P<head>(?i:thứ|khóa|khoá|đại hội|kỳ|kì|thế kỷ|thế kỉ|phần|tập|chương|hội nghị trung ương|"
    r"trung ương|giai đoạn|cấp|hạng|nhóm|loại|vùng|quân khu))\s+(?P<num>[IVXLCDM]+)(?!\w)"
)
_ORDINAL = re.compile(
    r"(?<!\w)(?P<head>(?i:thứ|thế kỷ|thế kỉ|phần|tập|mùa))\s+(?P<num>\d{1,3})(?![\w/]|[.,:]\d|\s*(?:%|/))"
)
_ORDINAL_HEADS = ("thứ", "thế k", "phần", "tập", "mùa")
_ROMAN_GATE = re.compile(r"[IVXLCDM](?![^\W\d_])")
_WEEKDAY_BEFORE = re.compile(r"(?i:ngày|vào|hôm|sáng|chiều|tối|trưa|đêm|các|những|mỗi|đến|từ|,)\s*$")
_WEEKDAY_AFTER = re.compile(
    r"^(?:\s*(?i:tuần|này|tới|vừa|,\s*ngày|\(?\s*\d{1,2}\s*/\s*\d{1,2})|[,.;!?]|\s*$)"
)
_NAMED_HEAD = re.compile(
    r"(?<!\w)(?:vành đai|quốc lộ|tỉnh lộ|đường tỉnh|cao tốc|nghị quyết|nghị định|quyết định|thông tư|chỉ thị|"
    r"công văn|kết luận|kế hoạch|điều|khoản|phường|quận|tổ dân phố|khu phố|thôn|xóm|ấp|phòng|tầng|cổng|tuyến|"
    r"hội nghị trung ương|ql|tl)(?:\s+số)?\s+$"
)
_NAMED_NUM = re.compile(r"\d+(?:/\d{4}(?!/))?[A-Z]?(?![\w/%]|[.,]\d)")

# --- plain quantities -----------------------------------------------------------------------------
_DIGIT_RUN = re.compile(r"[0-9]+(?:[.,][0-9]+)*")
_NUMBER_PREFIX = re.compile(rf"(?:(?P<pre>{alternation(PREFIXES)})\s?)?(?P<neg>(?<!\w)(?i:âm)\s+|[-−])?$")
_NUMBER_TAIL = re.compile(
    rf"(?P<scales>{_SCALES_RE})(?P<ruoi>\s+rưỡi{_NB})?(?P<half>\s+nửa{_NB})?"
    rf"(?P<pct>\s?%|\s+(?i:phần trăm){_NB})?"
    rf"(?P<unit>\s?(?:{_UNIT_RE})(?![^\W\d_]|\d))?"
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
_NUMBER_WORD = (
    "một|hai|ba|bốn|tư|năm|lăm|nhăm|sáu|bảy|bẩy|tám|chín|mười|mươi|mốt|"
    "trăm|nghìn|ngàn|triệu|tỷ|tỉ|linh|lẻ|nửa"
)
_WORD_SEQ = re.compile(rf"(?:{_NUMBER_WORD})(?:\s+(?:{_NUMBER_WORD}))*(?!\w)")
_WORD_BLOCK_BEFORE = re.compile(
    r"(?i:thứ|hàng|hằng|vài|mấy|mỗi|cuối|đầu|giữa|những|các|cả|của|tháng|phân)\s+$"
)
_WORD_UNIT = re.compile(rf"\s?(?:{_UNIT_RE})(?![^\W\d_]|\d)")
_FIXED_AFTER_MOT = frozenset(
    {"số", "cách", "chút", "vài", "mình", "khi", "lúc", "ít", "chiều", "thời", "phần"}
)
_AMBIGUOUS_WORDS = frozenset({"năm", "ba", "tư", "sáu", "bảy", "bẩy", "tám", "chín", "trăm"})
_HAS_DIGIT = re.compile(r"[0-9]")
_HAS_WORD = re.compile(rf"(?:{_NUMBER_WORD})(?!\w)")


def parse_numeral(s: str, *, before_scale: bool = False) -> tuple[Decimal, tuple[Decimal, ...]] | None:
    """Read a digit string with Vietnamese or English separators; the second item holds other readings.

    One separator followed by exactly three digits is ambiguous (``2.100``, ``10,000``, ``17,316``): ``.``
    reads as thousands (Vietnamese style), ``,`` reads as a decimal comma unless the group is ``000``.
    Returns None for digit strings that are no number (``1.2.3``, ``0912.345.678``).
    """
    seps = [c for c in s if c in ".,"]
    if not seps:
        return Decimal(s), ()
    groups = re.split(r"[.,]", s)
    if len(seps) == 1:
        head, tail = groups
        as_decimal = Decimal(f"{head}.{tail}")
        if len(tail) != 3 or (head.startswith("0") and len(head) > 0 and head != "0") or head == "0":
            return as_decimal, ()
        as_thousands = Decimal(head + tail)
        if seps[0] == "." or (tail == "000" and not before_scale):
            return as_thousands, (as_decimal,)
        return as_decimal, (as_thousands,)
    if len(groups[0]) > 3 or groups[0].startswith("0"):
        return None
    first, last = seps[0], seps[-1]
    if all(c == first for c in seps):
        if all(len(g) == 3 for g in groups[1:]):
            return Decimal("".join(groups)), ()
        return None
    if all(c == first for c in seps[:-1]) and all(len(g) == 3 for g in groups[1:-1]):
        return Decimal("".join(groups[:-1]) + "." + groups[-1]), ()
    del last
    return None


def _valid_day_month(day: int, month: int) -> bool:
    if not 1 <= month <= 12 or day < 1:
        return False
    return day <= (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31)


def _year(s: str) -> int:
    y = int(s)
    return y if len(s) == 4 else (2000 + y if y < 50 else 1900 + y)


class _Claims:
    """Which characters already belong to a mention; passes skip spans that touch them."""

    def __init__(self, text: str) -> None:
        self.mask = bytearray(len(text))
        self.cands: list[_Cand] = []
        self.low = text.lower()  # for cheap substring gates: a pass runs only when its cue word occurs
        self.runs = [m.span() for m in _DIGIT_RUN.finditer(text)]

    def free(self, start: int, end: int) -> bool:
        return self.mask.find(1, start, end) == -1

    def add(self, cand: _Cand) -> bool:
        if cand.start >= cand.end or not self.free(cand.start, cand.end):
            return False
        self.mask[cand.start : cand.end] = b"\x01" * (cand.end - cand.start)
        self.cands.append(cand)
        return True


# --- passes ---------------------------------------------------------------------------------------


def _codes(text: str, claims: _Claims) -> None:
    if not _LONG_RUN.search(text):
        return
    if "-" in text or "–" in text:
        for m in _PLATE.finditer(text):
            claims.add(_Cand(m.start(), m.end(), "code", re.sub(r"\s+", "", m.group())))
    for m in _PHONE.finditer(text):
        claims.add(_Cand(m.start(), m.end(), "code", re.sub(r"\D", "", m.group())))


def _doc_codes(text: str, claims: _Claims) -> None:
    if "/" in text:
        for m in _DOC_CODE.finditer(text):
            claims.add(_Cand(m.start(), m.end(), "code", m.group()))
    if "+" not in text or "km" not in claims.low:
        return
    for m in _CHAINAGE.finditer(text):
        claims.add(_Cand(m.start(), m.end(), "code", "Km" + m.group(1)))


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


def _alnum_codes(text: str, claims: _Claims) -> None:
    """Tokens mixing letters and digits (``A58``, ``COVID-19``, ``9X``) that are no number with a unit."""
    seen: set[int] = set()
    for run_start, run_end in claims.runs:
        if not (_touches_letter(text, run_start - 1, -1) or _touches_letter(text, run_end, 1)):
            continue
        start, end = _token_around(text, run_start)
        if start in seen:
            continue
        seen.add(start)
        token = text[start:end]
        if _ATTACHED_UNIT.match(token) or _UNIT_TOKEN.match(token) or _TIME_H.fullmatch(token):
            continue
        if token[0] in "-.":
            start, token = start + 1, token[1:]
        claims.add(_Cand(start, end, "code", token))


def _decades(text: str, claims: _Claims) -> None:
    if "năm" not in claims.low and "thập" not in claims.low:
        return
    for m in _DECADE.finditer(text):
        digits = m.group(1)
        year = int(digits)
        if year % 10:
            continue
        if len(digits) == 2:
            year += 1900
        claims.add(_Cand(m.start(), m.end(), "decade", Decimal(year)))


def _date_cand(start: int, end: int, year: int | None, month: int | None, day: int | None) -> _Cand | None:
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and not _valid_day_month(day, month or 1):
        return None
    return _Cand(start, end, "date", DateValue(year=year, month=month, day=day))


def _add_date(
    claims: _Claims, start: int, end: int, year: int | None, month: int | None, day: int | None
) -> None:
    cand = _date_cand(start, end, year, month, day)
    if cand is not None:
        claims.add(cand)


def _dates(text: str, claims: _Claims) -> None:
    low = claims.low
    if "ngày" in low and "tháng" in low:
        for m in _DATE_WORDS.finditer(text):
            year = int(m.group(3) or m.group(4)) if m.group(3) or m.group(4) else None
            _add_date(claims, m.start(), m.end(), year, int(m.group(2)), int(m.group(1)))
    if "/" in text:
        for m in _DATE_SLASH.finditer(text):
            _add_date(claims, m.start(), m.end(), _year(m.group(3)), int(m.group(2)), int(m.group(1)))
    if "-" in text or "." in text:
        for m in _DATE_DASHDOT.finditer(text):
            _add_date(claims, m.start(), m.end(), int(m.group(4)), int(m.group(3)), int(m.group(1)))
    if "tháng" in low:
        _month_dates(text, claims)
    if "quý" in low:
        _quarters(text, claims)
    if "năm" in low or "SN" in text or "sinh" in low:
        for m in _YEAR.finditer(text):
            claims.add(_Cand(m.start(), m.end(), "date", DateValue(year=int(m.group(1)))))
    if "/" in text:
        for m in _MONTH_YEAR_SLASH.finditer(text):
            _add_date(claims, m.start(), m.end(), int(m.group(2)), int(m.group(1)), None)
    if "-" in text or "." in text:
        for m in _DAY_MONTH_CTX.finditer(text):
            _add_date(claims, m.start(1), m.end(), None, int(m.group(2)), int(m.group(1)))


def _month_dates(text: str, claims: _Claims) -> None:
    for m in _MONTH_RANGE.finditer(text):
        low, high = int(m.group(1)), int(m.group(2))
        if 1 <= low < high <= 12:
            value = RangeValue(DateValue(month=low), DateValue(month=high))
            claims.add(_Cand(m.start(), m.end(), "range", value))
    for m in _MONTH_YEAR.finditer(text):
        _add_date(claims, m.start(), m.end(), int(m.group(2)), int(m.group(1)), None)


def _quarters(text: str, claims: _Claims) -> None:
    for m in _QUARTER.finditer(text):
        numeral = m.group(1)
        quarter = int(numeral) if numeral.isdigit() else roman_to_int(numeral)
        if quarter is None or not 1 <= quarter <= 4:
            continue
        claims.add(_Cand(m.start(), m.end(1), "ordinal", Decimal(quarter), unit="quarter"))
        year_group = 2 if m.group(2) else 3 if m.group(3) else 0
        if year_group:
            year = int(m.group(year_group)[-4:])
            claims.add(_Cand(m.start(year_group), m.end(year_group), "date", DateValue(year=year)))


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


def _times(text: str, claims: _Claims) -> None:
    patterns = ((_TIME_COLON,) if ":" in text else ()) + ((_TIME_H,) if _DIGIT_H.search(text) else ())
    for pattern in patterns:
        for m in pattern.finditer(text):
            hour = _shift_hour(int(m.group(1)), m.group("period"))
            minute = int(m.group(2)) if m.group(2) else None
            if hour <= 24:
                claims.add(_Cand(m.start(), m.end(), "time", TimeValue(hour, minute)))
    if "giờ" not in claims.low:
        return
    for m in _TIME_GIO.finditer(text):
        cue = _TIME_CUE.search(text, max(0, m.start() - 12), m.start()) or _TIME_CUE_AFTER.match(
            text, m.end()
        )
        if not (m.group(2) or m.group("period") or cue):
            continue
        hour = _shift_hour(int(m.group(1)), m.group("period"))
        minute = int(m.group(2)) if m.group(2) else None
        if hour <= 24 and (minute is None or minute < 60):
            claims.add(_Cand(m.start(), m.end(), "time", TimeValue(hour, minute)))


def _romans(text: str, claims: _Claims) -> None:
    if not _ROMAN_GATE.search(text):
        return
    for m in _ROMAN_HEAD.finditer(text):
        value = roman_to_int(m.group("num"))
        if value is not None:
            unit = "century" if m.group("head").lower().startswith("thế") else None
            claims.add(_Cand(m.start(), m.end(), "ordinal", Decimal(value), unit=unit))


def _ordinals(text: str, claims: _Claims) -> None:
    if not any(head in claims.low for head in _ORDINAL_HEADS):
        return
    for m in _ORDINAL.finditer(text):
        head = m.group("head").lower()
        value = int(m.group("num"))
        unit = "century" if head.startswith("thế") else None
        if head == "thứ" and 2 <= value <= 7 and _is_weekday(text, m.start(), m.end()):
            unit = "weekday"
        claims.add(_Cand(m.start(), m.end(), "ordinal", Decimal(value), unit=unit))


def _is_weekday(text: str, start: int, end: int) -> bool:
    return bool(
        text[start] == "T"
        or _WEEKDAY_BEFORE.search(text, max(0, start - 10), start)
        or _WEEKDAY_AFTER.match(text[end : end + 16])
    )


def _named_codes(text: str, claims: _Claims) -> None:
    for run_start, _ in claims.runs:
        head = _NAMED_HEAD.search(claims.low, max(0, run_start - 28), run_start)
        if head is None:
            continue
        m = _NAMED_NUM.match(text, run_start)
        if m is None or _QUANTITY_AFTER.match(text, m.end()):
            continue
        num = m.group()
        value: Value = Decimal(num) if num.isdigit() else num
        if not claims.free(head.start(), m.end()):
            continue
        claims.add(_Cand(head.start(), m.end(), "code", value))


_QUANTITY_AFTER = re.compile(rf"\s*(?:%|(?:{_SCALE}|{_UNIT_RE}|phần trăm){_NB})", _I)


def _follows_quantity(after: str) -> bool:
    if _QUANTITY_AFTER.match(after):
        return True
    words = _NEXT_WORDS.match(after)
    return bool(words and _counter(words) is not None)


def _counter(words: re.Match[str]) -> str | None:
    first, second = words.group(1), words.group(2)
    if second and f"{first} {second}".lower() in COUNTERS:
        return f"{first} {second}".lower()
    return first.lower() if first.lower() in COUNTERS else None


def _slashes(text: str, claims: _Claims) -> None:
    if "/" not in text:
        return
    for m in _SLASH.finditer(text):
        if not claims.free(m.start(), m.end()):
            continue
        a, b = int(m.group(1)), int(m.group(2))
        ratio = RatioValue(Decimal(a), Decimal(b))
        is_date = len(m.group(1)) <= 2 and len(m.group(2)) <= 2 and _valid_day_month(a, b)
        if not is_date:
            claims.add(_Cand(m.start(), m.end(), "ratio", ratio))
            continue
        date = DateValue(month=b, day=a)
        cue = _DATE_CUE_BEFORE.search(text, max(0, m.start() - 14), m.start()) or _DATE_CUE_AFTER.match(
            text, m.end()
        )
        if cue:
            claims.add(_Cand(m.start(), m.end(), "date", date))
        elif a > b:
            claims.add(_Cand(m.start(), m.end(), "date", date, alternatives=(ratio,)))
        else:
            claims.add(_Cand(m.start(), m.end(), "ratio", ratio, alternatives=(date,)))


def _months_days(text: str, claims: _Claims) -> None:
    if "tháng" in claims.low:
        for m in _MONTH.finditer(text):
            if not _follows_counter_only(text, m.end()):
                _add_date(claims, m.start(), m.end(), None, int(m.group(1)), None)
    if "ngày" not in claims.low:
        return
    for m in _DAY.finditer(text):
        _add_date(claims, m.start(), m.end(), None, None, int(m.group(1)))


def _follows_counter_only(text: str, end: int) -> bool:
    """``tháng 3 năm`` has no year digits: still a month; ``tháng 2 lần`` is no date."""
    words = _NEXT_WORDS.match(text, end)
    return bool(words and words.group(1).lower() in ("lần", "tuổi", "người", "ngày"))


def _numbers(text: str, claims: _Claims) -> None:
    for run_start, run_end in claims.runs:
        if not claims.free(run_start, run_end):
            continue
        m = _DIGIT_RUN.match(text, run_start)
        start = run_start
        before = text[start - 1] if start else " "
        if before.isalnum() or before in ".,/" or not claims.free(start, m.end()):
            continue
        if before == "-" and start >= 2 and text[start - 2].isalpha():
            continue
        prefix = _NUMBER_PREFIX.search(text, max(0, start - 8), start)
        tail = _NUMBER_TAIL.match(text, m.end())
        cand = _number_cand(text, m, prefix, tail)
        if cand is not None:
            claims.add(cand)


def _minus_is_sign(text: str, at: int) -> bool:
    """``-5`` after a word or bracket is negative; after a number (``2019 -2022``) it joins a range, and
    after a name (``B -52``, ``SSJ -100``, spacing damaged by tokenisers) it belongs to a model code."""
    before = text[max(0, at - 24) : at].rstrip()
    if not before or not before[-1].isalnum():
        return True
    word = before.split()[-1]
    return word.isalpha() and word.islower()


def _number_cand(
    text: str, num: re.Match[str], prefix: re.Match[str] | None, tail: re.Match[str]
) -> _Cand | None:
    """A quantity from its numeral, the sign or currency before it and the scale/percent/unit after it."""
    pre = prefix.group("pre") if prefix else None
    neg = prefix.group("neg") if prefix else None
    scales = tail.group("scales").split()
    parsed = parse_numeral(num.group(), before_scale=bool(scales))
    if parsed is None:
        if pre or neg or scales or tail.group("pct") or tail.group("unit"):
            return None
        return _Cand(num.start(), num.end(), "code", num.group())
    base, base_alts = parsed
    start = num.start()
    if neg and (neg[0] not in "-−" or _minus_is_sign(text, prefix.start("neg"))):
        base, base_alts = -base, tuple(-a for a in base_alts)
        start = prefix.start("neg")
    unit = None
    if pre:
        unit, start = prefix_unit(pre), prefix.start("pre")
    scale = Decimal(1)
    for word in scales:
        scale *= SCALES[word.lower()]
    if tail.group("ruoi") and scales:
        base += Decimal("0.5")
    kind, end = "number", tail.end("ruoi") if tail.group("ruoi") else tail.end("scales")
    if tail.group("half") and base == 1 and not scales:
        base, end = Decimal("0.5"), tail.end("half")
    elif tail.group("pct"):
        kind, end = "percent", tail.end("pct")
    elif tail.group("unit"):
        unit = vi_unit(tail.group("unit"))
        end = tail.end("unit")
    if unit is None and kind == "number":
        words = _NEXT_WORDS.match(text, end)
        unit = _counter(words) if words else None
    return _Cand(
        start,
        end,
        kind,
        base * scale,
        unit=unit,
        alternatives=tuple(a * scale for a in base_alts),
        base=base,
        scale=scale if scales else None,
        base_alts=base_alts,
    )


# --- ranges ---------------------------------------------------------------------------------------


def _merge_ranges(text: str, cands: list[_Cand]) -> list[_Cand]:
    out: list[_Cand] = []
    i = 0
    while i < len(cands):
        a = cands[i]
        if i + 1 < len(cands):
            b = cands[i + 1]
            if _RANGE_GAP.fullmatch(text, a.end, b.start):
                merged = _range_of(a, b)
                if merged is not None:
                    out.append(merged)
                    i += 2
                    continue
        out.append(a)
        i += 1
    return out


def _range_of(a: _Cand, b: _Cand) -> _Cand | None:
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
    return _Cand(a.start, b.end, "range", RangeValue(low, high), unit=unit)


def _day_then_year(low: Value, high: Value, b: _Cand) -> bool:
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
        key = lambda d: (d.year or 0, d.month or 0, d.day or 0)  # noqa: E731
        return key(low) < key(high)
    if isinstance(low, TimeValue) and isinstance(high, TimeValue):
        return (low.hour, low.minute or 0) < (high.hour, high.minute or 0)
    return False


# --- number words ---------------------------------------------------------------------------------


def _words_value(words: list[str]) -> int | None:
    """The value of a run of number words (``hai mươi mốt`` = 21, ``một trăm linh năm`` = 105)."""
    total, chunk, pending, after_ten = 0, 0, None, False
    last_scale = False
    for w in words:
        if w in DIGIT_WORDS:
            if pending is not None:
                return None
            if w in ("mốt", "lăm", "nhăm", "tư") and not after_ten:
                return None
            pending = DIGIT_WORDS[w]
            last_scale = False
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
            if group == 0 and last_scale:
                total *= int(SCALES[w])
            else:
                total += (group or 1) * int(SCALES[w])
            chunk, pending, last_scale = 0, None, True
            after_ten = False
            continue
        else:
            return None
        after_ten = False
    return total + chunk + (pending or 0)


def _split_words(raw: str) -> list[str]:
    """Cut a run at the first ``năm`` that cannot be "five" (``hai mươi năm`` is "twenty years")."""
    words = raw.lower().split()
    for i, w in enumerate(words):
        if w == "năm" and i > 0 and words[i - 1] not in FILLER_WORDS:
            return words[:i]
        if w == "nửa" and (i == 0 or words[i - 1] != "một"):
            return words[:i]
    return words


def _number_words(text: str, claims: _Claims) -> None:
    low = claims.low if len(claims.low) == len(text) else text
    for m in _WORD_SEQ.finditer(low):
        if m.start() and low[m.start() - 1].isalnum():
            continue
        words = _split_words(m.group())
        if not words:
            continue
        end = m.start() + len(" ".join(words)) if len(words) < len(m.group().split()) else m.end()
        end = _span_end(text, m.start(), len(words))
        cand = _word_cand(text, m.start(), end, words)
        if cand is not None:
            claims.add(cand)


def _span_end(text: str, start: int, n_words: int) -> int:
    pos = start
    for i in range(n_words):
        if i:
            while text[pos].isspace():
                pos += 1
        while pos < len(text) and not text[pos].isspace():
            pos += 1
    return pos


def _word_cand(text: str, start: int, end: int, words: list[str]) -> _Cand | None:
    if (
        _WORD_BLOCK_BEFORE.search(text, max(0, start - 8), start)
        or text[max(0, start - 3) : start].strip()[-1:].isdigit()
    ):
        return None
    if words == ["một", "nửa"]:
        return _Cand(start, end, "number", Decimal("0.5"), soft=True)
    value = _words_value(words)
    if value is None or (len(words) == 1 and words[0] in ("một", "lẻ", "linh", "mươi")):
        return None
    if words[0] == "một" and len(words) > 1 and words[1] in _FIXED_AFTER_MOT:
        return None
    if words[-1] in SCALES and len(words) == 1:
        return None
    next_words = _NEXT_WORDS.match(text, end)
    counter = _counter(next_words) if next_words else None
    unit_m = _WORD_UNIT.match(text, end)
    if len(words) == 1 and words[0] in _AMBIGUOUS_WORDS and counter is None and unit_m is None:
        return None
    if next_words is None and unit_m is None:
        return None
    unit = counter
    if unit_m is not None:
        unit = vi_unit(unit_m.group())
        end = unit_m.end()
    return _Cand(start, end, "number", Decimal(value), unit=unit, soft=True)


# --- entry point ----------------------------------------------------------------------------------

_DIGIT_PASSES = (
    _codes,
    _doc_codes,
    _decades,
    _dates,
    _times,
    _romans,
    _ordinals,
    _named_codes,
    _alnum_codes,
    _slashes,
    _months_days,
    _numbers,
)


@on_nfc
def extract_vi(text: str) -> list[Mention]:
    """Every number mention in ``text``: sorted by start, non-overlapping, offsets into ``text``."""
    if not text:
        return []
    claims = _Claims(text)
    if _HAS_DIGIT.search(text):
        for run_pass in _DIGIT_PASSES:
            run_pass(text, claims)
    else:
        _romans(text, claims)
    cands = _merge_ranges(text, sorted(claims.cands, key=lambda c: c.start))
    if _HAS_WORD.search(claims.low):
        word_claims = _Claims(text)
        for c in cands:
            word_claims.add(c)
        _number_words(text, word_claims)
        cands = sorted(word_claims.cands, key=lambda c: c.start)
    return [mention_from(text, c) for c in cands]
