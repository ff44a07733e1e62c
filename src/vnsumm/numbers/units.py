"""The unit lexicon: one row per unit, for both languages and for the matcher.

Every unit regex of the extractors and the matcher's "a number must keep its unit" rule derive from
:data:`UNITS`; adding a unit is adding a row. Counter nouns (``lượt``, ``hộ``, ``người``) are no units:
they live in the Vietnamese vocabulary (:mod:`vnsumm.numbers.lex_vi`) and are never compared.

Columns:
- ``code``: the canonical unit a mention carries (``VND``, ``km``, ``mile``).
- ``dimension``: what it measures; two units of one dimension convert into each other.
- ``factor``: how many of the dimension's base unit one of it is (None where no fixed factor exists:
  currencies, whose rates change).
- ``vi`` / ``en``: words and abbreviations written after a number (``5 km``, ``5km``, ``5 cây số``).
  Vietnamese words are matched as written (``KV`` and ``kV`` are listed both); English ones ignoring case.
- ``prefix``: signs written before a number, in either language (``$5``, ``US$ 5``, ``VND 5 billion``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

__all__ = [
    "UNITS",
    "Unit",
    "alternation",
    "by_code",
    "dimension_of",
    "en_unit",
    "prefix_unit",
    "unit_added",
    "units_conflict",
    "vi_unit",
]


@dataclass(frozen=True)
class Unit:
    code: str
    dimension: str
    factor: Decimal | None = None
    vi: tuple[str, ...] = ()
    en: tuple[str, ...] = ()
    prefix: tuple[str, ...] = ()


def _d(text: str) -> Decimal:
    return Decimal(text)


# fmt: off
UNITS: tuple[Unit, ...] = (
    # currencies: no fixed factor (a conversion needs the rate the text states)
    Unit("VND", "currency", None, ("đồng", "VNĐ", "VND", "vnđ", "vnd", "đ"), ("dong", "đồng", "VND", "VNĐ"),
         ("VND", "VNĐ")),
    Unit("USD", "currency", None,
         ("USD", "usd", "đô la Mỹ", "đô-la Mỹ", "đô la", "đô-la", "đôla", "đô", "US$", "$"),
         ("dollars", "dollar", "USD", "US dollars"), ("US$", "$", "USD")),
    Unit("EUR", "currency", None, ("Euro", "Euros", "euro", "EUR", "€"), ("euros", "euro", "EUR"),
         ("€", "EUR")),
    Unit("GBP", "currency", None, ("bảng Anh", "GBP", "£"), ("pounds", "GBP", "pounds sterling"),
         ("£", "GBP")),
    Unit("JPY", "currency", None, ("yên Nhật", "yên", "JPY"), ("yen", "JPY"), ("¥",)),
    Unit("CNY", "currency", None, ("nhân dân tệ", "Nhân dân tệ", "NDT", "CNY"), ("yuan", "CNY", "renminbi")),
    Unit("KRW", "currency", None, ("won", "KRW"), ("won", "KRW")),
    Unit("RUB", "currency", None, ("rúp",), ("roubles", "rubles", "rouble", "ruble", "RUB")),
    Unit("THB", "currency", None, ("baht", "bạt"), ("baht", "THB")),
    Unit("SGD", "currency", None, ("SGD",), ("SGD", "Singapore dollars"), ("S$",)),
    # length (base: metre)
    Unit("km", "length", _d("1000"), ("km", "ki-lô-mét", "kilômét", "cây số"),
         ("km", "kilometres", "kilometers", "kilometre", "kilometer")),
    Unit("m", "length", _d("1"), ("m", "mét"), ("m", "metres", "meters", "metre", "meter")),
    Unit("cm", "length", _d("0.01"), ("cm",),
         ("cm", "centimetres", "centimeters", "centimetre", "centimeter")),
    Unit("mm", "length", _d("0.001"), ("mm",),
         ("mm", "millimetres", "millimeters", "millimetre", "millimeter")),
    Unit("mile", "length", _d("1609.344"), ("dặm",), ("miles", "mile")),
    Unit("nmi", "length", _d("1852"), ("hải lý",), ("nautical miles", "nautical mile")),
    Unit("ft", "length", _d("0.3048"), ("feet", "foot", "ft"), ("feet", "foot", "ft")),
    Unit("in", "length", _d("0.0254"), ("inch", "in-sơ", "insơ"), ("inches", "inch")),
    Unit("micron", "length", _d("0.000001"), ("micron", "micromet", "µm"), ("microns", "micron", "µm")),
    # area (base: square metre)
    Unit("km2", "area", _d("1000000"), ("km2", "km²"),
         ("km2", "km²", "sq km", "square kilometres", "square kilometers")),
    Unit("m2", "area", _d("1"), ("m2", "m²"), ("m2", "m²", "square metres", "square meters")),
    Unit("ha", "area", _d("10000"), ("ha", "héc-ta", "hecta"), ("ha", "hectares", "hectare")),
    # volume (base: litre)
    Unit("m3", "volume", _d("1000"), ("m3", "m³"), ("m3", "m³", "cubic metres", "cubic meters")),
    Unit("l", "volume", _d("1"), ("lít", "l"), ("litres", "liters", "litre", "liter", "L")),
    Unit("ml", "volume", _d("0.001"), ("ml",), ("ml", "millilitres", "milliliters")),
    Unit("ster", "volume", _d("1000"), ("ster",), ("steres", "stere")),
    # mass (base: kilogram)
    Unit("tonne", "mass", _d("1000"), ("tấn",), ("tonnes", "tonne", "tons", "ton")),
    Unit("quintal", "mass", _d("100"), ("tạ",), ("quintals", "quintal")),
    Unit("kg", "mass", _d("1"), ("kg", "ký", "ki-lô-gam"), ("kg", "kilograms", "kilogram", "kilos")),
    Unit("g", "mass", _d("0.001"), ("g", "gam", "gram"), ("grams", "gram", "g")),
    Unit("lb", "mass", _d("0.45359237"), ("pound", "pao"), ("lb", "lbs")),
    Unit("mg", "mass", _d("0.000001"), ("mg",), ("mg", "milligrams", "milligram")),
    Unit("µg", "mass", _d("0.000000001"), ("microgram", "micrograms"), ("micrograms", "microgram")),
    # power (base: watt), energy, voltage
    Unit("GW", "power", _d("1000000000"), ("GW",), ("GW", "gigawatts")),
    Unit("MW", "power", _d("1000000"), ("MW",), ("MW", "megawatts")),
    Unit("kW", "power", _d("1000"), ("kW",), ("kW", "kilowatts")),
    Unit("W", "power", _d("1"), ("W", "oát"), ("W", "watts")),
    Unit("kWh", "energy", _d("3600000"), ("kWh",), ("kWh", "kilowatt-hours", "kilowatt hours")),
    Unit("cal", "energy", _d("4.184"), ("calo",), ("calories", "calorie")),
    Unit("kV", "voltage", _d("1000"), ("KV", "kV"), ("kV", "kilovolts")),
    # speed (base: km/h)
    Unit("km/h", "speed", _d("1"),
         ("km/h", "km/giờ", "km mỗi giờ", "km một giờ", "km 1 giờ", "km giờ", "ki-lô-mét mỗi giờ",
          "cây số mỗi giờ"),
         ("km/h", "kph", "km per hour", "km an hour", "kilometres per hour", "kilometers per hour",
          "kilometres an hour", "kilometers an hour")),
    Unit("mph", "speed", _d("1.609344"), ("dặm/giờ", "dặm mỗi giờ", "dặm một giờ", "dặm 1 giờ"),
         ("mph", "miles per hour", "miles an hour")),
    # temperature and angle: "độ" alone says degrees without the scale, so it has no English word of its own
    Unit("°C", "temperature", None, ("độ C", "°C", "độ c"), ("°C", "degrees Celsius", "C")),
    Unit("°F", "temperature", None, ("độ F", "°F"), ("°F", "degrees Fahrenheit", "F")),
    Unit("°", "angle-or-temperature", None, ("độ",), ()),
    # frequency (base: hertz)
    Unit("GHz", "frequency", _d("1000000000"), ("GHz",), ("GHz", "gigahertz")),
    Unit("MHz", "frequency", _d("1000000"), ("MHz",), ("MHz", "megahertz")),
    # data
    Unit("TB", "data", _d("1000000000000"), ("TB",), ("TB", "terabytes")),
    Unit("GB", "data", _d("1000000000"), ("GB",), ("GB", "gigabytes")),
    Unit("MB", "data", _d("1000000"), ("MB",), ("MB", "megabytes")),
    Unit("Mbps", "data rate", _d("1000000"), ("Mbps",), ("Mbps",)),
)
# fmt: on


def alternation(words: Iterable[str], *, literal: bool = False) -> str:
    """A regex that matches any of ``words``, the longest first (``km2`` wins over ``km``, ``đô la`` over
    ``đô``); a space inside a word matches any run of spaces (``literal``: just that one space).

    Written as a trie (``k(?:m(?:2)?|g)``), not a flat list: the regex engine tries alternatives one by one,
    and the unit lists run to a few hundred words tried after every number.
    """
    trie: dict[str, dict] = {}
    for word in set(words):
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here
    return _trie_pattern(trie, literal)


def _trie_pattern(node: dict[str, dict], literal: bool) -> str:
    """The regex of a trie node: its branches, longest first by greedy optional groups."""
    ends = "" in node
    branches = [
        (r"\s+" if char == " " and not literal else re.escape(char)) + _trie_pattern(child, literal)
        for char, child in sorted(node.items())
        if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return f"(?:{body})?"
    return body


def _lookup(column: str, fold: bool) -> dict[str, str]:
    table: dict[str, str] = {}
    for unit in UNITS:
        for word in getattr(unit, column):
            table.setdefault(word.lower() if fold else word, unit.code)
    return table


VI_WORDS: dict[str, str] = _lookup("vi", fold=False)
VI_WORDS_FOLDED: dict[str, str] = _lookup("vi", fold=True)
EN_WORDS: dict[str, str] = _lookup("en", fold=True)
PREFIXES: dict[str, str] = _lookup("prefix", fold=False)
PREFIXES_FOLDED: dict[str, str] = _lookup("prefix", fold=True)
_BY_CODE: dict[str, Unit] = {unit.code: unit for unit in UNITS}


_SPACES = re.compile(r"\s+")


def _spaced(text: str) -> str:
    """A unit as written, without the space or hyphen that joined it to its number (``5 km``, ``400-MHz``)."""
    return _SPACES.sub(" ", text.strip().lstrip("-").strip())


def vi_unit(written: str) -> str | None:
    """The unit code of a Vietnamese unit word as written (exact case first, then any case)."""
    written = _spaced(written)
    return VI_WORDS.get(written) or VI_WORDS_FOLDED.get(written.lower())


def en_unit(written: str) -> str | None:
    """The unit code of an English unit word or a currency sign, in any case."""
    written = _spaced(written).lower()
    return EN_WORDS.get(written) or PREFIXES_FOLDED.get(written)


def prefix_unit(written: str) -> str | None:
    """The unit code of a currency sign written before a number (``$``, ``US$``, ``VND``)."""
    written = _spaced(written)
    return PREFIXES.get(written) or PREFIXES_FOLDED.get(written.lower())


def by_code(code: str) -> Unit | None:
    """The lexicon row of a unit code; None for counters and unknown codes."""
    return _BY_CODE.get(code)


def dimension_of(code: str | None) -> str | None:
    unit = _BY_CODE.get(code) if code else None
    return unit.dimension if unit else None


def unit_added(source: str | None, target: str | None, *, source_is_an_amount: bool = True) -> bool:
    """The English gives a number a unit its Vietnamese does not have: any lexicon unit on a counted noun
    (``2 năm`` → "two dollars"), a measure on a bare number (``2 gái`` → "2 m"). A currency on a bare
    amount is let pass: Vietnamese often leaves it to the context (``700 triệu bảng`` → "£700m"); on a
    small count (``source_is_an_amount`` false: ``1 quầy`` → "1 pounds") it is added."""
    unit = _BY_CODE.get(target or "")
    if unit is None or source in _BY_CODE:
        return False
    return bool(source) or unit.dimension != "currency" or not source_is_an_amount


def units_conflict(a: str | None, b: str | None) -> bool:
    """Two units that cannot state the same quantity: both lexicon units, and different.

    Counters (``lượt``) and a missing unit never conflict: English often drops a counter, and a unit
    word left out of one side is no evidence of a different quantity.
    """
    if not (a and b and a != b and a in _BY_CODE and b in _BY_CODE):
        return False
    return a not in _SAME_WORD.get(b, ()) and b not in _SAME_WORD.get(a, ())


@dataclass(frozen=True)
class Conversion:
    """How a number was converted between two units of one dimension, and how far off it was allowed to be."""

    source: str
    target: str
    factor: Decimal  # target units per source unit (for °C → °F: the slope; the offset is 32)
    tolerance: Decimal  # the largest difference accepted, in target units

    def to_dict(self) -> dict[str, object]:
        return {
            "from": self.source,
            "to": self.target,
            "factor": float(self.factor),
            "tolerance": float(self.tolerance),
        }


# English words that name two units: "pounds" is money after "£" and mass after a figure in kilograms.
_SAME_WORD: dict[str, tuple[str, ...]] = {"GBP": ("lb",)}


def _readings(code: str | None) -> list[Unit]:
    """The units an English unit code may stand for (itself first)."""
    codes = (code, *_SAME_WORD.get(code, ())) if code else ()
    return [u for u in map(by_code, codes) if u is not None]


# A converted figure is rounded by whoever converted it: accepted within 2 % or within half the last
# digit written in the English (``5 km`` → ``3 miles`` is 3.1 rounded to the unit).
CONVERSION_SHARE = Decimal("0.02")
_AFFINE: dict[tuple[str, str], tuple[Decimal, Decimal]] = {
    ("°C", "°F"): (Decimal("1.8"), Decimal(32)),
    ("°F", "°C"): (Decimal(5) / Decimal(9), Decimal(-160) / Decimal(9)),
}


def convert(value: Decimal, source: str | None, written: Decimal, target: str | None) -> Conversion | None:
    """The conversion that turns ``value`` ``source`` into ``written`` ``target``, or None when it does not.

    Currencies have no fixed factor: a converted amount is left to the other checks (it reads ``changed``).
    """
    a = by_code(source or "")
    b = next((u for u in _readings(target) if a is not None and u.dimension == a.dimension), None)
    if a is None or b is None or a.code == b.code:
        return None
    if (a.code, b.code) in _AFFINE:
        factor, offset = _AFFINE[a.code, b.code]
    elif a.factor is not None and b.factor is not None:
        factor, offset = a.factor / b.factor, Decimal(0)
    else:
        return None
    expected = value * factor + offset
    # the place of the last digit written: 3 → 1, 3.1 → 0.1, 300 → 100 (trailing zeros read as rounding)
    last_place = Decimal(1).scaleb(int(written.normalize().as_tuple().exponent))
    tolerance = max(abs(expected) * CONVERSION_SHARE, last_place / 2)
    if abs(expected - written) > tolerance:
        return None
    return Conversion(a.code, b.code, factor, tolerance)
