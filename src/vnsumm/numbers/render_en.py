"""English text for a Vietnamese number mention, written from its value: ``render(mention) -> str``.

Why from the value: a number the translator got wrong is put right by writing the source's value in
English, never by copying digits (``32.439,8 tỷ đồng`` has Vietnamese separators and a Vietnamese scale).

House style (what :func:`render` writes):
- quantities keep the source's scale word and currency: ``32.439,8 tỷ đồng`` → ``VND 32,439.8 billion``;
  a currency with a sign in :data:`~vnsumm.numbers.units.UNITS` is written before the number with its
  first sign (``VND 5 billion``, ``US$100``), any other unit after it with its first English word
  (``5 km``, ``600 miles``). ``nghìn`` and smaller scales are written out (``3 nghìn`` → ``3,000``).
- digits group thousands with ``,`` when the source grouped them or from 10,000 up (``1500`` stays
  ``1500``, ``1.500`` is ``1,500``); number words stay words up to twenty (``hai`` → ``two``).
- counters (``lượt``, ``người``) are outside the Vietnamese mention and so outside the English one:
  the number alone is written and the noun stays the translator's.
- percent ``5.5%``; dates ``June 10``, ``June 11, 2024``, ``November``, ``2024``; times ``10:41``,
  ``7 p.m.``; ranges with an en dash ``2019–2022``; ratios ``all 18``, ``3 of 5``; ordinals ``18th``,
  quarters ``Q2``; decades ``the 1990s``; codes unchanged (``COVID-19``) or with their head in English
  (``Vành đai 4`` → ``Ring Road 4``).

:func:`renderings` gives every form a rule knows (house style first); with ``like`` (the English text
being replaced) they are ranked by closeness to it, so a repair keeps the translator's style (``1,500``
not ``1.5 thousand``, ``12 percent`` not ``12%``, ``eight`` not ``8``): the minimal edit.
"""

from __future__ import annotations

import contextlib
import dataclasses
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from .lex_en import MONTHS, NUMBER_WORDS, WEEKDAYS
from .lex_en import SCALES as SCALES_EN
from .lex_vi import SCALES
from .mention import DateValue, Mention, RangeValue, RatioValue, TimeValue, Value
from .roman import int_to_roman
from .units import Unit, alternation, by_code, en_unit, prefix_unit

__all__ = ["NUMERIC_CORE", "RULES", "Rule", "edit_distance", "render", "renderings", "rule_for"]

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")  # thứ 2 .. thứ 7
_SMALL = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
)  # fmt: skip
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
# English scale words by power of ten, largest first; abbreviations are kept only when the text replaced
# used them (``$5bn``).
_EN_SCALES = ((12, "trillion"), (9, "billion"), (6, "million"), (3, "thousand"))
_ABBREVIATED_SCALES = {"tn": 12, "bn": 9, "mln": 6, "mn": 6, "m": 6, "k": 3}
_PERCENT_FORMS = ("%", " percent", " per cent")
_RANGE_JOINS = (
    ("", "–"),
    ("", "-"),
    ("", " – "),
    ("", " - "),
    ("", " to "),
    ("from ", " to "),
    ("between ", " and "),
)
# Heads of named codes (the Vietnamese extractor's list): English names, so that ``Vành đai 4`` reads
# ``Ring Road 4``. These are names, not units (units come from units.py only).
CODE_HEADS = {
    "vành đai": "Ring Road", "quốc lộ": "National Highway", "ql": "National Highway",
    "tỉnh lộ": "Provincial Road", "đường tỉnh": "Provincial Road", "tl": "Provincial Road",
    "cao tốc": "Expressway", "nghị quyết": "Resolution", "nghị định": "Decree", "quyết định": "Decision",
    "thông tư": "Circular", "chỉ thị": "Directive", "công văn": "Official Letter", "kết luận": "Conclusion",
    "kế hoạch": "Plan", "điều": "Article", "khoản": "Clause", "phường": "Ward", "quận": "District",
    "tổ dân phố": "Residential Group", "khu phố": "Quarter", "thôn": "Hamlet", "xóm": "Hamlet",
    "ấp": "Hamlet", "phòng": "Room", "tầng": "Floor", "cổng": "Gate", "tuyến": "Route",
    "hội nghị trung ương": "Central Committee Plenum", "lữ đoàn": "Brigade", "sư đoàn": "Division",
    "trung đoàn": "Regiment", "tiểu đoàn": "Battalion", "quân đoàn": "Corps", "hạm đội": "Fleet",
    "hẻm": "Alley", "ngõ": "Lane", "ngách": "Alley", "lớp": "Grade",
}  # fmt: skip
_HEAD = re.compile(r"^(?P<head>\D+?)\s+(?P<so>số\s+)?(?=\d)", re.IGNORECASE)
_VI_SCALE_WORD = re.compile(r"(?<!\w)(" + "|".join(sorted(SCALES, key=len, reverse=True)) + r")(?!\w)", re.I)
_ROMAN_TEXT = re.compile(r"(?<!\w)[IVXLCDM]+(?!\w)")
_VI_GROUPED = re.compile(r"\d[.,]\d{3}(?!\d)")


@dataclass(frozen=True)
class Rule:
    """One kind of mention: which mentions it takes, every English form of them (house style first), and
    examples ``(Vietnamese text, house-style English)`` that the tests run."""

    name: str
    takes: Callable[[Mention], bool]
    forms: Callable[[Mention], list[str]]
    examples: tuple[tuple[str, str], ...]


# ---------------------------------------------------------------- numerals


def _plain(value: Decimal, *, grouped: bool, places: int = 0) -> str:
    """Digits with ``.`` for decimals (``32,439.8``); trailing zeros after the point dropped unless
    ``places`` asks for them (the source wrote ``6,0%``: ``6.0%``)."""
    value = value.normalize()
    if value == 0:
        value = Decimal(0)
    if 0 < places <= 6 and -value.as_tuple().exponent < places:  # type: ignore[operator]
        with contextlib.suppress(ArithmeticError):  # beyond the context's precision: as it is
            value = value.quantize(Decimal(1).scaleb(-places))
    return format(value, ",f" if grouped else "f")


_VI_NUMERAL = re.compile(r"\d[\d.,]*\d|\d")
_VI_DECIMALS = re.compile(r"^(?P<whole>[\d.,]*?)(?:,(?P<comma>\d+)|\.(?P<dot>\d{1,2}|\d{4,}))$")


def _source_places(m: Mention, mantissa: Decimal) -> int:
    """Digits the Vietnamese numeral wrote after its decimal mark, when that is how it reads ``mantissa``
    (``6,0`` → 1, ``32.439,8`` → 1; ``1.500`` and ``100,000`` read as thousands → 0)."""
    numeral = _VI_NUMERAL.search(m.text)
    parts = _VI_DECIMALS.match(numeral.group()) if numeral else None
    if parts is None:
        return 0
    decimals = parts["comma"] or parts["dot"]
    whole = re.sub(r"\D", "", parts["whole"]) or "0"
    return len(decimals) if Decimal(f"{whole}.{decimals}") == abs(mantissa) else 0


def _words(value: Decimal) -> str | None:
    """English words for a whole number below a thousand (``twenty-one``, ``three hundred five``)."""
    if value != value.to_integral_value() or not 0 <= value < 1000:
        return None
    n = int(value)
    hundreds, rest = divmod(n, 100)
    parts = [f"{_SMALL[hundreds]} hundred"] if hundreds else []
    if rest or not parts:
        if rest < 20:
            parts.append(_SMALL[rest])
        else:
            tens, ones = divmod(rest, 10)
            parts.append(_TENS[tens] + (f"-{_SMALL[ones]}" if ones else ""))
    return " ".join(parts)


def _ordinal_suffix(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


_IRREGULAR_ORDINALS = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
                       "nine": "ninth", "twelve": "twelfth"}  # fmt: skip


def _ordinal_word(n: int) -> str | None:
    """``eighteenth``, ``twenty-first``: the cardinal's last word made ordinal."""
    words = _words(Decimal(n)) if n > 0 else None
    if words is None:
        return None
    head, _, last = words.rpartition("-") if "-" in words else ("", "", words)
    if last in _IRREGULAR_ORDINALS:
        last = _IRREGULAR_ORDINALS[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return f"{head}-{last}" if head else last


def _vi_scale_exponent(text: str) -> int:
    """The power of ten of the scale words written in the Vietnamese text (``nghìn tỷ`` → 12)."""
    scale = Decimal(1)
    for word in _VI_SCALE_WORD.findall(text):
        scale *= SCALES[word.lower()]
    return scale.adjusted() if scale == Decimal(10) ** scale.adjusted() else 0


def _source_grouped(m: Mention) -> bool:
    return bool(_VI_GROUPED.search(m.text) or _VI_SCALE_WORD.search(m.text))


def _bodies(value: Decimal, m: Mention, *, extra_scales: Iterable[tuple[int, str]] = ()) -> list[str]:
    """Every way to write a bare quantity, house style first: source scale, other scales, plain digits,
    words."""
    exponent = _vi_scale_exponent(m.text)
    grouped = _source_grouped(m) or abs(value) >= 10000
    out: list[str] = []
    house_scale = next(((e, w) for e, w in _EN_SCALES if e <= exponent and e >= 6), None)
    words = "half" if value == Decimal("0.5") else _words(value)
    if m.soft and words is not None and value < 21:
        out.append(words)
    if house_scale is not None:  # the source's decimals are kept where the English states its scale
        places = _source_places(m, value.scaleb(-house_scale[0])) if house_scale[0] == exponent else 0
        out.append(_scaled(value, *house_scale, places=places))
    out.append(_plain(value, grouped=grouped, places=0 if exponent else _source_places(m, value)))
    for e, w in [*_EN_SCALES, *extra_scales]:
        mantissa = value.scaleb(-e)
        if abs(mantissa) >= 1 and -mantissa.normalize().as_tuple().exponent <= 4:
            out.append(_scaled(value, e, w))
            out.append(_scaled(value, e, w, grouped=False))
            small = _words(mantissa) or _words(mantissa - Decimal("0.5"))
            if small is not None and mantissa > 0:
                half = " and a half" if mantissa != mantissa.to_integral_value() else ""
                out.append(f"{small}{half} {w}")  # seven million, two and a half billion
            if mantissa == 1:
                out.append(f"a {w}")  # a million
    out.append(_plain(value, grouped=not grouped))
    if words is not None:
        out.append(words)
    if "tá" in m.text.lower() and 0 < value < 10**6 and value % 12 == 0:  # 2 tá: two dozen
        dozens = value / 12
        out += [
            f"{_words(dozens) or _plain(dozens, grouped=True)} dozen",
            f"{_plain(dozens, grouped=True)} dozen",
        ]
    return out


def _scaled(value: Decimal, exponent: int, word: str, *, grouped: bool = True, places: int = 0) -> str:
    mantissa = value.scaleb(-exponent)
    return f"{_plain(mantissa, grouped=grouped, places=places)}{'' if len(word) <= 3 else ' '}{word}"


def _unit_forms(unit: Unit | None, value: Decimal) -> list[tuple[str, str]]:
    """(before, after) pairs around a quantity, house style first: a currency's first sign, or a unit's
    first English word (singular for one where the lexicon has it); no unit: nothing."""
    if unit is None or not (unit.prefix or unit.en):
        return [("", "")]
    forms: list[tuple[str, str]] = []
    for sign in unit.prefix:
        forms.append((sign + (" " if sign[-1].isalpha() else ""), ""))
    for word in unit.en:
        if value == 1 and word.endswith("s") and word[:-1] in unit.en:
            word = word[:-1]
        forms.append(("", (" " if word[0].isalnum() else "") + word))
        if len(word) <= 3 or not word.isalpha():  # a symbol (km, kg, °C, km/h) may attach: 5km
            forms.append(("", word))
    return list(dict.fromkeys(forms))


def _quantity(m: Mention) -> list[str]:
    value = m.value
    assert isinstance(value, Decimal)
    if m.kind == "percent":
        affixes = [("", p) for p in _PERCENT_FORMS]
    else:
        affixes = _unit_forms(by_code(m.unit) if m.unit else None, value)
    bodies = _bodies(value, m)
    return [f"{pre}{body}{post}" for pre, post in affixes for body in bodies]


# ---------------------------------------------------------------- dates, times


def _date_forms(d: DateValue) -> list[str]:
    if d.lunar:
        return _lunar_date_forms(d)
    month = MONTH_NAMES[d.month - 1] if d.month else None
    if d.year is not None and month and d.day:
        return [f"{month} {d.day}, {d.year}", f"{d.day} {month} {d.year}", f"{month} {d.day} {d.year}",
                f"{d.day:02d}/{d.month:02d}/{d.year}", f"{d.year}-{d.month:02d}-{d.day:02d}"]  # fmt: skip
    if month and d.day:
        return [f"{month} {d.day}", f"{d.day} {month}", f"{month} {d.day}{_ordinal_suffix(d.day)}",
                f"{d.month}/{d.day}", f"{d.month} / {d.day}"]  # fmt: skip
    if d.year is not None and month:
        return [f"{month} {d.year}", f"{month} of {d.year}"]
    if month:
        return [month]
    if d.year is not None:
        short = f"{d.year % 100:02d}"
        return [str(d.year), f"'{short}", f"' {short}"]
    if d.day:
        return [f"the {d.day}{_ordinal_suffix(d.day)}"]
    return []


def _lunar_date_forms(d: DateValue) -> list[str]:
    """No solar month name: "the 24th day of the 12th lunar month" (``24 tháng Chạp``)."""
    if d.month is None:
        return []
    month = f"the {d.month}{_ordinal_suffix(d.month)} lunar month"
    if d.day:
        month = f"the {d.day}{_ordinal_suffix(d.day)} day of {month}"
    return [f"{month} of {d.year}" if d.year is not None else month]


def _time_forms(t: TimeValue) -> list[str]:
    hour12 = t.hour % 12 or 12
    half = "a.m." if t.hour < 12 else "p.m."
    if t.minute is None:
        clock = [f"{hour12} {half}", f"{t.hour:02d}:00", f"{hour12} {half[0]}m", f"{hour12} o'clock"]
        return clock if 0 < t.hour < 24 else [f"{t.hour:02d}:00"]
    return [f"{t.hour}:{t.minute:02d}", f"{hour12}:{t.minute:02d} {half}", f"{t.hour:02d}:{t.minute:02d}"]


# ---------------------------------------------------------------- the rules


def _is(kind: str, value_type: type) -> Callable[[Mention], bool]:
    return lambda m: m.kind == kind and isinstance(m.value, value_type)


def _range(m: Mention) -> list[str]:
    value = m.value
    assert isinstance(value, RangeValue)
    low, high = value.low, value.high
    if isinstance(low, Decimal) and isinstance(high, Decimal):
        return _quantity_range(m, low, high)
    ends = [_end_forms(low), _end_forms(high)]
    return [f"{lead}{a}{join}{b}" for lead, join in _RANGE_JOINS for a in ends[0][:2] for b in ends[1][:2]]


def _end_forms(v: Value) -> list[str]:
    if isinstance(v, DateValue):
        return _date_forms(v)
    if isinstance(v, TimeValue):
        return _time_forms(v)
    return [str(v)]


def _quantity_range(m: Mention, low: Decimal, high: Decimal) -> list[str]:
    """``2019–2022``, ``50–60%``, ``VND 16–24 million``: the high end carries the scale and the unit."""
    if m.unit == "%":
        affixes = [("", p) for p in _PERCENT_FORMS]
    else:
        affixes = _unit_forms(by_code(m.unit) if m.unit else None, high)
    exponent = _vi_scale_exponent(m.text)
    scale = next(((e, w) for e, w in _EN_SCALES if e <= exponent and e >= 6), None)
    pairs: list[tuple[str, str]] = []
    if scale is not None:
        pairs.append((_plain(low.scaleb(-scale[0]), grouped=True), _scaled(high, *scale)))
    grouped = _source_grouped(m) or abs(high) >= 10000
    pairs.append((_plain(low, grouped=grouped), _plain(high, grouped=grouped)))
    return [
        f"{lead}{pre}{a}{join}{b}{post}"
        for lead, join in _RANGE_JOINS
        for pre, post in affixes
        for a, b in pairs
    ]


def _ratio(m: Mention) -> list[str]:
    value = m.value
    assert isinstance(value, RatioValue)
    a, b = _plain(value.numerator, grouped=True), _plain(value.denominator, grouped=True)
    forms = [f"{a} of {b}", f"{a} out of {b}", f"{a}/{b}"]
    return [f"all {b}", *forms] if value.numerator == value.denominator else forms


def _ordinal(m: Mention) -> list[str]:
    value = m.value
    assert isinstance(value, Decimal)
    n = int(value)
    word = _ordinal_word(n)
    if m.unit == "quarter":
        return [f"Q{n}", f"{word} quarter", f"{n}{_ordinal_suffix(n)} quarter"]
    if m.unit == "weekday" and 2 <= n <= 7:
        return [WEEKDAY_NAMES[n - 2]]
    forms = [f"{n}{_ordinal_suffix(n)}", *([word] if word else [])]
    if m.unit == "century":
        forms = [f"{n}{_ordinal_suffix(n)} century", *forms]
    if _ROMAN_TEXT.search(m.text) and 0 < n <= 4999:
        forms.append(int_to_roman(n))
    return forms


def _as_nfc(m: Mention) -> Mention:
    """The mention with its text in NFC: scraped news is often decomposed, the word lists here are not (the
    offsets still point into the text as given, which rendering never reads)."""
    if unicodedata.is_normalized("NFC", m.text):
        return m
    return dataclasses.replace(m, text=unicodedata.normalize("NFC", m.text))


def code_head(m: Mention) -> str | None:
    """The English name of a named code's head (``quận 5`` → "District"), if it has one."""
    head = _HEAD.match(_as_nfc(m).text)
    return CODE_HEADS.get(re.sub(r"\s+", " ", head["head"]).lower()) if head else None


def _code(m: Mention) -> list[str]:
    value = m.value
    number = _plain(value, grouped=False) if isinstance(value, Decimal) else str(value)
    head = _HEAD.match(m.text)
    english = code_head(m)
    if english is None:
        return [m.text if isinstance(value, str) else number]
    return [f"{english} {'No. ' if head['so'] else ''}{number}", f"{english} {number}", number]


def _decade(m: Mention) -> list[str]:
    value = m.value
    assert isinstance(value, Decimal)
    year = int(value)
    short = f"{year % 100:02d}"
    return [f"the {year}s", f"{year}s", f"the '{short}s", f"'{short}s", f"' {short}s", f"{short}s",
            str(year), short]  # fmt: skip


RULES: tuple[Rule, ...] = (
    Rule("amount", _is("number", Decimal), _quantity,
         (("32.439,8 tỷ đồng", "VND 32,439.8 billion"), ("3 triệu lượt", "3 million"),
          ("1.500 người", "1,500"), ("600 dặm", "600 miles"), ("hai con", "two"))),
    Rule("percent", _is("percent", Decimal), _quantity, (("5,5%", "5.5%"), ("85 phần trăm", "85%"))),
    Rule("date", _is("date", DateValue), lambda m: _date_forms(m.value),  # type: ignore[arg-type]
         (("Sáng 10/6", "June 10"), ("11-06-2024", "June 11, 2024"), ("tháng 11", "November"),
          ("năm 2024", "2024"), ("24 tháng Chạp", "the 24th day of the 12th lunar month"))),
    Rule("time", _is("time", TimeValue), lambda m: _time_forms(m.value),  # type: ignore[arg-type]
         (("10:41", "10:41"), ("7 giờ tối", "7 p.m."))),
    Rule("range", _is("range", RangeValue), _range,
         (("2019-2022", "2019–2022"), ("50 - 60%", "50–60%"), ("16 đến 24 triệu đồng", "VND 16–24 million"))),
    Rule("ratio", _is("ratio", RatioValue), _ratio, (("18/18 huyện", "all 18"), ("3/5 xã", "3 of 5"))),
    Rule("ordinal", _is("ordinal", Decimal), _ordinal,
         (("lần thứ XVIII", "18th"), ("quý II/2024", "Q2"), ("vào thứ 6 tuần này", "Friday"))),
    Rule("code", lambda m: m.kind == "code", _code,
         (("Dự án Vành đai 4", "Ring Road 4"), ("COVID-19", "COVID-19"),
          ("Nghị quyết số 44", "Resolution No. 44"))),
    Rule("decade", _is("decade", Decimal), _decade, (("những năm 90", "the 1990s"),)),
    Rule("score", _is("score", str), lambda m: [str(m.value)], (("hòa 1-1", "1-1"),)),
)  # fmt: skip


def rule_for(mention: Mention) -> Rule | None:
    """The first rule of :data:`RULES` that takes the mention (None for a kind ``extract_vi`` never makes)."""
    return next((rule for rule in RULES if rule.takes(mention)), None)


# ---------------------------------------------------------------- style of the text replaced

# A number as English writes it: digits with an optional scale word or abbreviation, or a number word (the
# vocabulary of lex_en, as the English extractor reads it).
NUMERIC_CORE = re.compile(
    rf"[-−]?\d[\d.,]*(?:\s?(?:{alternation([*SCALES_EN, 'm'])})\b)?|\b(?:{alternation(NUMBER_WORDS)})\b",
    re.IGNORECASE,
)
_ABBREVIATION = re.compile(r"\d\s?(tn|bn|mln|mn|m|k)\b")
_PERCENT_AFTER = re.compile(r"^(?:%|\s?(?:percentage\s+points?|per\s?cent|pct)\b)$", re.IGNORECASE)


def _like_forms(m: Mention, like: str) -> list[str]:
    """Forms that reuse what ``like`` wrote around its number: its currency sign, unit word or percent
    form as written (``Euros``, ``1.000ft``, ``per cent``), its abbreviated scale (``$5bn``)."""
    value = m.value
    if not isinstance(value, Decimal) or m.kind not in ("number", "percent"):
        return []
    cores = list(NUMERIC_CORE.finditer(like))
    if not cores:
        return []
    before, after = like[: cores[0].start()], like[cores[-1].end() :]
    keep_before = bool(before.strip()) and prefix_unit(before.strip()) is not None
    keep_after = bool(after.strip()) and (
        _PERCENT_AFTER.match(after) if m.kind == "percent" else en_unit(after.strip()) is not None
    )
    if not (keep_before or keep_after):
        return _bodies(value, m)  # the span states no unit: the number alone is the minimal edit
    own = by_code(m.unit) if m.unit else None
    target_unit = (
        prefix_unit(before.strip()) if keep_before else en_unit(after.strip()) if keep_after else None
    )
    if m.kind == "number" and own is not None and target_unit != own.code:
        return []  # the source's unit differs: the translator's unit word cannot stay
    extra = [(e, w) for w in _ABBREVIATION.findall(like) for e in (_ABBREVIATED_SCALES[w.lower()],)]
    pre, post = (before if keep_before else ""), (after if keep_after else "")
    return [f"{pre}{body}{post}" for body in _bodies(value, m, extra_scales=extra)]


_LEADING_ARTICLE = re.compile(r"(another|an?|one)\s", re.IGNORECASE)
_SHORT_MONTH = re.compile(r"\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(\.?)(?![A-Za-z])")


def _with_like_article(forms: list[str], like: str) -> list[str]:
    """``a billion`` as ``like`` says its "one": ``another million`` is put right as ``another billion``,
    not ``one billion``."""
    lead = _LEADING_ARTICLE.match(like)
    if lead is None:
        return []
    return [lead.group(1) + form[1:] for form in forms if form.startswith("a ")]


def _with_like_months(forms: list[str], like: str) -> list[str]:
    """Dates with the month abbreviated the way ``like`` abbreviates it (``19 Oct. 2011`` → ``19 Oct.
    2010``, not ``19 October 2010``)."""
    short = _SHORT_MONTH.search(like)
    if short is None:
        return []
    out = []
    for form in forms:
        for name in MONTH_NAMES:
            if name in form:
                abbreviation = name[: len(short.group(1))] if name == "September" else name[:3]
                out.append(form.replace(name, abbreviation + short.group(2)))
    return out


_NUMERAL = re.compile(r"\d(?:[\d.,:]*\d)?")


def _with_like_numerals(forms: list[str], like: str) -> list[str]:
    """``like`` itself with one of its numerals replaced by a numeral of the forms: every way the
    translator wrote around the digits is kept (``8pm`` → ``7pm``, ``£771 m`` → ``£770 m``, ``the 12
    March`` → ``the 11 March``, ``$4.5 bn`` → ``$4.4 bn``), with as many decimals as ``like`` wrote
    (``$11.51`` → ``$11.50``). Only forms the repair reads back as the source number are ever written."""
    slots = list(_NUMERAL.finditer(like))
    numerals = dict.fromkeys(n.group() for form in forms for n in _NUMERAL.finditer(form))
    out = []
    for slot in slots:
        for numeral in numerals:
            for written in dict.fromkeys((numeral, _padded(numeral, slot.group()))):
                out.append(like[: slot.start()] + written + like[slot.end() :])
    return [form for form in out if form != like]


def _padded(numeral: str, like: str) -> str:
    """A decimal ``numeral`` with zeros added to have as many decimals as ``like`` has (``11.5`` like
    ``11.51``: ``11.50``); unchanged when ``like`` has fewer, or ``numeral`` none (``13`` like ``13.000``
    would read as thirteen thousand)."""
    want = len(like.rpartition(".")[2]) if re.search(r"\.\d+$", like) else 0
    have = len(numeral.rpartition(".")[2]) if re.fullmatch(r"[\d,]*\d\.\d+", numeral) else 0
    return numeral + "0" * (want - have) if 0 < have < want else numeral


def _look(text: str) -> tuple[bool, bool]:
    """What a reader sees first in a number's form: digits or words, a capital."""
    return any(c.isdigit() for c in text), text[:1].isupper()


# A day and month in digits alone reads as either order (``6/10``: June 10 or 6 October): never preferred.
_DAY_MONTH_DIGITS = re.compile(r"\d{1,2}[/.-]\d{1,2}")
# A scale word or abbreviation after digits (``570m``, ``2.1 billion``): a reader sees the size at once.
_SCALED = re.compile(r"(?i)\d\s?(?:m|bn|k|mn|mln|tn)\b|\b(?:thousand|million|billion|trillion)")


def _grouped(text: str) -> bool:
    return bool(re.search(r"\d[.,]\d{3}(?!\d)", text))


def _decimals(text: str) -> int:
    """Digits after the decimal point of the first number with one (the precision a translator wrote)."""
    found = re.search(r"\d\.(\d+)", text)
    return len(found.group(1)) if found else 0


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (spans are short: a plain dynamic programme)."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def renderings(mention: Mention, like: str | None = None, *, read_back: bool = False) -> list[str]:
    """Every English form of ``mention`` its rule knows, without repeats.

    Without ``like``: house style first. With ``like`` (the English text a repair replaces): the forms
    closest to it first (a day and month never as bare digits, digits or words and capital as it has them,
    a scale word when it has one, then fewest edits, then thousands grouped as it groups them), plus forms
    that keep its own unit spelling. With ``read_back`` (a caller
    that reads every form back as the number before writing it, as repair does): also ``like`` with only
    a numeral replaced, which keeps all of the translator's style but may state another value.
    """
    mention = _as_nfc(mention)
    rule = rule_for(mention)
    forms = rule.forms(mention) if rule is not None else []
    if like is None:
        return list(dict.fromkeys(f for f in forms if f))
    forms = [*forms, *_like_forms(mention, like)]
    forms += _with_like_article(forms, like) + _with_like_months(forms, like)
    if read_back:
        forms += _with_like_numerals(forms, like)
    capitalised = [f[0].upper() + f[1:] for f in forms if f[:1].islower()] if _sentence_capital(like) else []
    unique = list(dict.fromkeys(f for f in [*forms, *capitalised] if f))
    look, grouped, places, scaled = _look(like), _grouped(like), _decimals(like), bool(_SCALED.search(like))
    return sorted(
        unique,
        key=lambda f: (
            bool(_DAY_MONTH_DIGITS.fullmatch(f)),
            sum(x != y for x, y in zip(_look(f), look)),
            bool(_SCALED.search(f)) != scaled,  # 570m → 570 million rather than 570000000
            edit_distance(like, f),
            _grouped(f) != grouped,  # 45.000 → 45,000 rather than 45000
            _decimals(f) != places,  # $11.51 → $11.50 rather than $11.5
        ),
    )


_CAPITALISED_NAMES = frozenset([*MONTHS, *WEEKDAYS])


def _sentence_capital(like: str) -> bool:
    """A capital that the form must keep: not the one of a month or weekday name ("December 24" put right as
    "the 24th day of the 12th lunar month" stays lower case)."""
    first = re.match(r"[A-Za-z]+", like)
    return like[:1].isupper() and not (first and first.group().lower() in _CAPITALISED_NAMES)


def render(mention: Mention, like: str | None = None) -> str:
    """The English for one Vietnamese mention: house style, or the style of ``like`` when given.

    A mention no rule takes (none that ``extract_vi`` makes) comes back as its own text.
    """
    forms = renderings(mention, like)
    return forms[0] if forms else mention.text
