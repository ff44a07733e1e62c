"""The shared vocabulary of the number engine: what a mention is and what its value can be.

Values are plain, hashable and comparable across languages, so that matching is a matter of
equality (or of a declared tolerance), never of string shape.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

# Kinds of mention. A Vietnamese and an English mention can match only when their kinds are compatible
# (see vnsumm.numbers.match); ``number`` is a bare quantity with an optional unit.
KINDS = (
    "number",  # 5, 32.439,8 tỷ đồng, 3 triệu lượt, VND 32,439.8 billion, seven
    "percent",  # 5,5%, 85 phần trăm, 5.5 percent / per cent
    "date",  # 10/6, 11-06-2024, ngày 10 tháng 6 năm 2024, tháng 11, năm 2024, June 10
    "time",  # 10:41, 5h, 18h30, 7 giờ sáng, 7 a.m.
    "range",  # 2019-2022, 16 đến 24, between 16 and 24
    "ratio",  # 18/18, 18 of 18, all 18
    "ordinal",  # thứ 7, lần thứ XVIII, 7th, seventh, quý II (quarter), khóa XV
    "code",  # A58, COVID-19, Vành đai 4, Nghị quyết số 44
    "decade",  # những năm 90, 1990s
    "score",  # hòa 1-1, thắng 2-0, a 1-1 draw (one value, never a range)
)


@dataclass(frozen=True)
class DateValue:
    """A calendar date with any part unknown (``10/6`` has no year; ``tháng 11`` has only a month).

    ``lunar``: a day and month of the lunar calendar (``24 tháng Chạp``), never equal to a solar one: Tết
    falls in January or February, not on "January 1"."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    lunar: bool = False

    def __str__(self) -> str:
        """ISO 8601 with unknown parts left out: ``2024-06-10``, ``2024-06``, ``2024``, ``--06-10``; a lunar
        date ends in `` (lunar)``."""
        return self._iso() + (" (lunar)" if self.lunar else "")

    def _iso(self) -> str:
        if self.year is not None:
            parts = [f"{self.year:04d}"]
            if self.month is not None:
                parts.append(f"{self.month:02d}")
                if self.day is not None:
                    parts.append(f"{self.day:02d}")
            return "-".join(parts)
        month = f"{self.month:02d}" if self.month is not None else "-"
        return f"--{month}-{self.day:02d}" if self.day is not None else f"--{month}"


@dataclass(frozen=True)
class TimeValue:
    """A time of day on the 24-hour clock; ``minute`` is None when only the hour was said (``5h``)."""

    hour: int
    minute: int | None = None

    def __str__(self) -> str:
        return f"{self.hour:02d}:{self.minute:02d}" if self.minute is not None else f"{self.hour:02d}h"


@dataclass(frozen=True)
class RatioValue:
    numerator: Decimal
    denominator: Decimal

    def __str__(self) -> str:
        return f"{self.numerator}/{self.denominator}"


@dataclass(frozen=True)
class RangeValue:
    low: Value
    high: Value

    def __str__(self) -> str:
        return f"{self.low}..{self.high}"


Value = Decimal | DateValue | TimeValue | RatioValue | RangeValue | str


@dataclass(frozen=True)
class Mention:
    """One number as written in one text, with its meaning.

    ``start``/``end`` are character offsets into the text it was extracted from.
    ``alternatives`` holds other readings of an ambiguous form (``10,000`` in Vietnamese text is
    either ten thousand or ten). ``soft`` marks number words (``hai``, ``seven``): checked, but they
    fail a document only under ``strict``.
    """

    text: str
    start: int
    end: int
    kind: str
    value: Value
    unit: str | None = None
    soft: bool = False
    alternatives: tuple[Value, ...] = field(default=())
    # Written with the other language's digit separators (``32.439,8`` in English text): ``value`` is
    # the reading those separators have in that other language, and the matcher reports ``format``.
    foreign_format: bool = False
    # Written in a form no reader takes at its value, whatever the reading: a 24-hour clock with p.m.
    # (``13 pm``), a number glued into a chain of digits (``12 / 12-17-12-12``). The matcher reports
    # ``format``.
    garbled: bool = False

    @property
    def readings(self) -> tuple[Value, ...]:
        return (self.value, *self.alternatives)


@dataclass(frozen=True)
class Span:
    """A stretch of text and where it is: the one ``{text, start, end}`` of every JSON report."""

    text: str
    start: int
    end: int

    @classmethod
    def of(cls, mention: Mention, offset: int = 0) -> Span:
        """The span of ``mention``, moved ``offset`` characters on (sentence → document coordinates)."""
        return cls(mention.text, mention.start + offset, mention.end + offset)

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}

    @staticmethod
    def dict_of(mention: Mention, offset: int = 0) -> dict[str, Any]:
        """``Span.of(mention, offset).to_dict()``, without making the Span (a report makes many)."""
        return {"text": mention.text, "start": mention.start + offset, "end": mention.end + offset}


def value_to_json(value: Value) -> Any:
    """A JSON-safe form of a value: numbers stay numbers, structured values become strings or lists."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and abs(value) < 2**53 else float(value)
    if isinstance(value, RangeValue):
        return [value_to_json(value.low), value_to_json(value.high)]
    return str(value)


# Characters that are invisible in print: zero-width space/joiners, word joiner, soft hyphen, BOM. Scraped
# news carries them between a number and its scale word (``32.439,8\u200b tỷ``); a reader never sees them.
INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")


def _nfc_clusters(text: str) -> tuple[str, list[int], list[int]]:
    """NFC of ``text`` without invisible characters, with, for each character, the original start and end
    of its source cluster."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i = 0
    while i < len(text):
        if INVISIBLE.match(text, i):
            i += 1
            continue
        j = i + 1
        while j < len(text) and unicodedata.combining(text[j]):
            j += 1
        composed = unicodedata.normalize("NFC", text[i:j])
        out.append(composed)
        starts.extend([i] * len(composed))
        ends.extend([j] * len(composed))
        i = j
    return "".join(out), starts, ends


def on_nfc(extract: Callable[[str], list[Mention]]) -> Callable[[str], list[Mention]]:
    """Run an extractor on the NFC form of its text, invisible characters left out, with offsets mapped
    back to the text as given.

    Scraped news is often NFD; the extractors' word lists are NFC, so without this a decomposed
    ``tỷ`` would hide the scale of an amount (and a zero-width space would cut it off its number).
    """

    @functools.wraps(extract)
    def wrapper(text: str) -> list[Mention]:
        if unicodedata.is_normalized("NFC", text) and not INVISIBLE.search(text):
            return extract(text)
        nfc, starts, ends = _nfc_clusters(text)
        return [
            replace(
                m, text=text[starts[m.start] : ends[m.end - 1]], start=starts[m.start], end=ends[m.end - 1]
            )
            for m in extract(nfc)
        ]

    return wrapper
