"""Matching Vietnamese source mentions to English target mentions by value, and the report it yields.

The assignment is one-to-one and deterministic: every (source, target) pair that could be the same number
gets a tier (exact value and kind < same value through an alternative reading < same value, other kind <
rounded), and pairs are taken best tier first, then nearest in (aligned) position. Leftovers go through
fallbacks that know how numbers move between the languages: parts of ranges and ratios, the Vietnamese
``1``/``một`` rendered as the article ``a``, and finally the places a changed number goes: a same-kind
neighbour, the other end next to a found end of a range, a part of an English range or ratio, or (in one
sentence, where word order moves numbers anywhere) the one number of its kind and size left over. Those
say the number ``changed``; whatever is still unmatched is ``missing`` (source) or ``extra`` (target).

Whole documents stay about linear in their length: candidate pairs come from an index by value (never
every source against every target), a source weighs at most :data:`CANDIDATE_CAP` nearest targets of one
value, weak matches must land within :data:`WINDOW_CHARS` of where they belong, and every later lookup
is a range query on positions. Inputs beyond :data:`MAX_CHECK_CHARS` are refused with a clear error.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_DOWN, ROUND_HALF_UP, Decimal
from typing import Any

from .lex_en import DURATION_WORDS, PHRASE_BREAKS
from .lex_vi import AFTER_A_LABEL, AFTER_DONG_NO_CURRENCY, AGE_COUNTERS, DURATION_COUNTERS, IDIOMS_AFTER_ONE
from .mention import DateValue, Mention, RangeValue, RatioValue, Span, TimeValue, Value, value_to_json
from .render_en import CODE_HEADS, code_head
from .units import (
    UNITS,
    Conversion,
    alternation,
    by_code,
    convert,
    dimension_of,
    unit_added,
    units_conflict,
)

__all__ = ["MentionCheck", "NumberReport", "STATUSES", "match_mentions"]

# ok: the same value; missing: no English number carries it; changed: another value where it should be;
# rounded: the value rounded (passes with allow_rounding); format: the right value with Vietnamese separators;
# converted: the value in another unit of its dimension (passes unless strict); weak: matched only to a word
# such as "a" or "first" that may not be this number at all (passes unless strict, always shown).
STATUSES = ("ok", "missing", "changed", "rounded", "format", "converted", "weak")
# Statuses that pass unless ``strict``: the number is most likely there, but a reader should look.
_PASS_UNLESS_STRICT = frozenset({"converted", "weak"})
_ARTICLE = re.compile(
    r"\b(?:an?|An?|another|Another|one|One|single)\b"
    # "a lot", "a few", "a little easier": no "one" in them ("a little experiment" keeps its article)
    r"(?!\s+(?:lot|lots|few|couple|number\s+of|great\s+deal|while|bit\s+of"
    r"|little\s+(?:\w+er|more|less|bit|while|too|of))\b)"
)
# Tiers: lower is better. Statuses follow from the tier.
_EXACT, _ALT, _FORMAT, _CROSS, _ROUNDED = 0, 1, 2, 3, 4
_NUMERIC_KINDS = frozenset({"number", "ordinal", "code", "decade", "date"})
# A source considers at most this many targets of one value, the nearest to where it should land (only
# documents with that many repeats of one value are affected: never a sentence).
CANDIDATE_CAP = 16
# How far (in characters of the English) a weak match may land from where it should in a long document.
WINDOW_CHARS = 3000
# The window of a sentence-sized text (a share of its length).
SENTENCE_WINDOW = 0.45
# An article stands for a lost "1" only close to where the 1 should be: a far "a" is another noun's. An
# idiom (``1 chút`` a bit, ``1 số`` some) moves with its sentence and may take an article anywhere.
ARTICLE_WINDOW = 0.25
_IDIOM_AFTER_ONE = re.compile(rf"\s+(?:{alternation(IDIOMS_AFTER_ONE)})(?!\w)", re.IGNORECASE)
# The largest text (either side) one check takes: about 1 s per 100,000 characters.
MAX_CHECK_CHARS = 2_000_000


def status_passes(status: str, *, allow_rounding: bool = False, strict: bool = False) -> bool:
    """Whether a status is a pass: ``ok``; ``rounded`` when rounding is allowed; ``converted`` and ``weak``
    unless ``strict``."""
    return (
        status == "ok"
        or (allow_rounding and status == "rounded")
        or (not strict and status in _PASS_UNLESS_STRICT)
    )


def counts_against(status: str, soft: bool, *, strict: bool = False, allow_rounding: bool = False) -> bool:
    """The one pass rule: whether a mention with ``status`` fails its text. A number word (``soft``) counts
    only under ``strict``; the checker, the document report, the CLI and the renderers all ask this."""
    return (strict or not soft) and not status_passes(status, allow_rounding=allow_rounding, strict=strict)


@dataclass(frozen=True)
class MentionCheck:
    """The verdict on one source mention: its status and the English mention it was matched to."""

    source: Mention
    status: str
    target: Mention | None = None
    conversion: Conversion | None = None  # with status ``converted``: the units, factor and tolerance


@dataclass(frozen=True)
class NumberReport:
    """Every source number with its status, plus English numbers that came from nowhere."""

    mentions: tuple[MentionCheck, ...]
    extra: tuple[Mention, ...] = ()
    allow_rounding: bool = False
    strict: bool = False

    @property
    def ok(self) -> bool:
        """True when every mention that counts passed: soft (word) mentions count only under ``strict``."""
        return not self.problems

    @property
    def problems(self) -> tuple[MentionCheck, ...]:
        """The mentions that fail the text, by :func:`counts_against`."""
        return tuple(
            m
            for m in self.mentions
            if counts_against(m.status, m.source.soft, strict=self.strict, allow_rounding=self.allow_rounding)
        )

    def to_dict(self, source_offset: int = 0, target_offset: int = 0) -> dict[str, Any]:
        """The JSON shape of ``check``; offsets are added to every start/end (sentence → document)."""
        span = Span.dict_of
        return {
            "ok": self.ok,
            "mentions": [
                {
                    "source": span(c.source, source_offset),
                    "kind": c.source.kind,
                    "value": value_to_json(c.source.value),
                    "status": c.status,
                    "target": span(c.target, target_offset) if c.target is not None else None,
                    "unit": c.source.unit,
                    "soft": c.source.soft,
                    **({"conversion": c.conversion.to_dict()} if c.conversion is not None else {}),
                }
                for c in self.mentions
            ],
            "extra": [span(m, target_offset) for m in self.extra],
        }


# ---------------------------------------------------------------- value comparison


def _dec(v: Value) -> Decimal | None:
    if isinstance(v, Decimal):
        return v
    if isinstance(v, DateValue) and v.year is not None and v.month is None and v.day is None:
        return Decimal(v.year)
    return None


def _dates_equal(a: DateValue, b: DateValue) -> bool:
    """Same date: every part the source states is stated equally by the target (which may say more), in
    the same calendar."""
    if a.lunar != b.lunar:
        return False
    if a.month is not None and a.day is None and b.day is not None:
        return False  # ``tháng 4`` is no "April 21": the English names a day the source does not
    for x, y in ((a.year, b.year), (a.month, b.month), (a.day, b.day)):
        if x is not None and x != y:
            return False
    return True


def _times_equal(a: TimeValue, b: TimeValue) -> bool:
    if (a.minute or 0) != (b.minute or 0):
        return False
    return a.hour == b.hour or (a.hour % 12 == b.hour % 12 and (a.minute is None or b.minute is None))


_NOT_ALNUM = re.compile(r"[\W_]")
_ZEROS_AFTER_LETTERS = re.compile(r"(?<=[A-Z])0+(?=\d)")


def _code_key(code: str) -> str:
    """``PC 02``, ``PC2`` and ``pc-2`` are one code; ``093`` and ``0093`` are not (bare digits keep zeros)."""
    return _ZEROS_AFTER_LETTERS.sub("", _NOT_ALNUM.sub("", code).upper())


def _codes_equal(a: str, b: str) -> bool:
    return _code_key(a) == _code_key(b)


def values_equal(a: Value, b: Value) -> bool:
    """Whether two values mean the same thing (structure-aware; Decimals by value, not by form)."""
    if isinstance(a, Decimal) and isinstance(b, Decimal):
        return a == b
    if isinstance(a, RangeValue) and isinstance(b, RangeValue):
        return values_equal(a.low, b.low) and values_equal(a.high, b.high)
    if isinstance(a, RatioValue) and isinstance(b, RatioValue):
        return a.numerator == b.numerator and a.denominator == b.denominator
    if isinstance(a, DateValue) and isinstance(b, DateValue):
        return _dates_equal(a, b)
    if isinstance(a, TimeValue) and isinstance(b, TimeValue):
        return _times_equal(a, b)
    if isinstance(a, str) and isinstance(b, str):
        return _codes_equal(a, b)
    da, db = _dec(a), _dec(b)
    return da is not None and db is not None and da == db


def _rounded(src: Value, tgt: Value) -> bool:
    """``tgt`` is ``src`` rounded to the precision the target was written with (VND 32.4 trillion)."""
    if not (isinstance(src, Decimal) and isinstance(tgt, Decimal)) or src == tgt or tgt == 0:
        return False
    quantum = Decimal(1).scaleb(tgt.as_tuple().exponent)  # type: ignore[arg-type]
    if tgt.as_tuple().exponent <= 0 and abs(tgt) < 100:
        return abs(src - tgt) <= quantum / 2 and quantum >= 1 and abs(src) >= 1 and _sig(tgt) >= 1
    return abs(src - tgt) <= quantum / 2 and _sig(tgt) >= 2


def _sig(d: Decimal) -> int:
    return len(d.normalize().as_tuple().digits)


def _units_conflict(src: Mention, tgt: Mention) -> bool:
    """Units that cannot state the same quantity, or an English unit the source number does not have
    (when the English reads one way only: ``190m`` may be 190 million)."""
    return (
        units_conflict(src.unit, tgt.unit)
        or (_unit_added(src, tgt) and not tgt.alternatives)
        or _age_given(src, tgt)
        or _duration_given(src, tgt)
    )


_DURATIONS = frozenset(DURATION_WORDS.values())
_DURATION_NOUNS = tuple(DURATION_WORDS)  # and what ends in one: "workdays" for ``ngày công``


def _duration_given(src: Mention, tgt: Mention) -> bool:
    """The English counts a span of time ("6 years") that the Vietnamese counter does not (``6 tháng``, six
    months; ``5 người``, five people; ``5 km``). A bare count may be a span the sentence implies."""
    return tgt.unit in _DURATIONS and src.unit is not None and DURATION_COUNTERS.get(src.unit) != tgt.unit


def _unit_added(src: Mention, tgt: Mention) -> bool:
    return unit_added(src.unit, tgt.unit, source_is_an_amount=_an_amount(src))


def _an_amount(m: Mention) -> bool:
    """A number with a scale word (``700 triệu``) or of a thousand or more: what may be money unsaid."""
    return any(c.isalpha() for c in m.text) or (isinstance(m.value, Decimal) and abs(m.value) >= 1000)


def _age_given(src: Mention, tgt: Mention) -> bool:
    """The English makes an age ("10-year-old") of a number the Vietnamese counts something else with
    (``cứ 10 lần``, ``1 người``), or of an amount, a date or a label. A bare count may be an age the sentence
    implies, so it passes."""
    if tgt.unit != "age" or src.unit in AGE_COUNTERS:
        return False
    return src.unit is not None or src.kind != "number"


def _kinds_compatible(src: Mention, tgt: Mention) -> bool:
    kinds = (src.kind, tgt.kind)
    if src.kind == tgt.kind:
        return True
    if "percent" in kinds:
        # The English may leave a stated percent sign out ("30" for ``30%``), but a percent the Vietnamese
        # never states is another quantity ("107 per cent" for ``107 thí sinh``, 107 candidates).
        return kinds == ("percent", "number")
    if "time" in kinds:
        return False
    return src.kind in _NUMERIC_KINDS and tgt.kind in _NUMERIC_KINDS or "ratio" in kinds


def pair_tier(src: Mention, tgt: Mention) -> int | None:
    """How well ``tgt`` renders ``src`` (see the tier constants), or None when it cannot be that number."""
    if tgt.unit == "weekday":
        return _weekday_tier(src, tgt)
    if _units_conflict(src, tgt) or not _kinds_compatible(src, tgt) or _word_for_a_measure(src, tgt):
        return None
    same_kind = src.kind == tgt.kind
    # "2 m" for ``2 gái``: the reading with the added unit is no match; "2 million" still may be
    with_unit = 1 if _unit_added(src, tgt) else 0
    for si, s in enumerate(src.readings):
        for ti, t in enumerate(tgt.readings[with_unit:], start=with_unit):
            if values_equal(s, t):
                if tgt.garbled or tgt.foreign_format and (ti == 0 or _padded(t)) or _grouped_year(s, tgt):
                    return _FORMAT
                if not same_kind:
                    return _CROSS
                return _EXACT if si == ti == 0 else _ALT
    if src.kind == tgt.kind and _rounded(src.value, tgt.value) and not (tgt.foreign_format or tgt.garbled):
        return _ROUNDED
    return None


def _grouped_year(src_reading: Value, tgt: Mention) -> bool:
    """``2,005`` for the year ``2005``: grouped like a count, it is read as one."""
    return isinstance(src_reading, DateValue) and src_reading.month is None and "," in tgt.text


def _padded(value: Value) -> bool:
    """``2.000`` for ``2``: the English decimal reading of a form that also reads 2,000 proves the value only
    with zeros no English writer adds, so the reader sees two thousand."""
    return isinstance(value, Decimal) and value.as_tuple().exponent < 0 and value.as_tuple().digits[-1] == 0  # type: ignore[operator]


def _word_for_a_measure(src: Mention, tgt: Mention) -> bool:
    """``1 đô la`` is not the "one" of "one of the best": an amount in a unit needs its unit, or digits."""
    return tgt.soft and tgt.unit is None and not src.soft and by_code(src.unit or "") is not None


def _weekday_tier(src: Mention, tgt: Mention) -> int | None:
    """Vietnamese ``thứ 2`` .. ``thứ 7`` are Monday .. Saturday (``chủ nhật``, Sunday, has no number), where
    the extractor read a weekday (``vào thứ 5``; ``tên thứ 5``, the fifth man, is no Thursday)."""
    if src.kind == "ordinal" and src.unit != "weekday":
        return None
    if src.kind not in ("ordinal", "number", "date") or not isinstance(tgt.value, Decimal):
        return None
    return _EXACT if any(isinstance(r, Decimal) and r == tgt.value + 1 for r in src.readings) else None


_STATUS_OF_TIER = {_EXACT: "ok", _ALT: "ok", _FORMAT: "format", _CROSS: "ok", _ROUNDED: "rounded"}


def _status_of_match(tier: int, src: Mention, tgt: Mention) -> str:
    """A digit 1 matched only to a word of another kind (``1 tháng`` to a "first" elsewhere) is ``weak``:
    "first", "one" and "a" stand in so many English sentences that the match proves little. So is a count
    matched only to an ordinal word (``2 điều``, two things, to "second"), and a label matched only to a
    number word (``khoản 2``, clause 2, to "two"), and an ordinal matched only to a plain figure (``nhiệm kỳ
    thứ 4``, the fourth term, to "victory of 4"), or a count only to an ordinal in digits (``6 người``, six
    people, to "6th-century"): the value stands, whether it counts or orders is not said. A span of years
    may be an anniversary (``kỷ niệm 70 năm``, "70th anniversary")."""
    if tier == _CROSS and tgt.soft and not src.soft and (_is_one(src) or src.kind in ("number", "code")):
        return "weak"
    if tier == _CROSS and not (src.soft or tgt.soft) and _order_for_count(src, tgt):
        return "weak"
    return _STATUS_OF_TIER[tier]


def _order_for_count(src: Mention, tgt: Mention) -> bool:
    """An ordinal left as a plain figure, or a count (other than a span of time) shown as an ordinal."""
    if src.kind == "ordinal" and tgt.kind == "number":
        return True
    return src.kind == "number" and tgt.kind == "ordinal" and src.unit not in DURATION_COUNTERS


# ---------------------------------------------------------------- position alignment


class _Aligner:
    """Maps a source offset to the expected target offset: piecewise linear through matched anchors."""

    def __init__(self, source_len: int, target_len: int) -> None:
        self.xs = [0.0, float(max(source_len, 1))]
        self.ys = [0.0, float(max(target_len, 1))]
        self.target_len = max(target_len, 1)
        # Expected positions by source span (start + end), until an anchor changes the map: the matcher
        # asks for the same few sources many times.
        self._expected: dict[int, float] = {}

    def add(self, src: Mention, tgt: Mention) -> None:
        x, y = (src.start + src.end) / 2, (tgt.start + tgt.end) / 2
        i = bisect.bisect_left(self.xs, x)
        if 0 < i < len(self.xs) and self.ys[i - 1] <= y <= self.ys[i] and x != self.xs[i]:
            self.xs.insert(i, x)
            self.ys.insert(i, y)
            self._expected.clear()

    def expected(self, src: Mention) -> float:
        span = src.start + src.end
        known = self._expected.get(span)
        if known is not None:
            return known
        x = span / 2
        i = min(max(bisect.bisect_left(self.xs, x), 1), len(self.xs) - 1)
        x0, x1, y0, y1 = self.xs[i - 1], self.xs[i], self.ys[i - 1], self.ys[i]
        found = self._expected[span] = y0 + (y1 - y0) * ((x - x0) / (x1 - x0) if x1 > x0 else 0.0)
        return found

    def distance(self, src: Mention, tgt: Mention | int) -> float:
        """Distance between where ``src`` should land and ``tgt``, as a share of the target length."""
        pos = tgt if isinstance(tgt, int) else (tgt.start + tgt.end) / 2
        return abs(self.expected(src) - pos) / self.target_len


# ---------------------------------------------------------------- the assignment


@dataclass
class _State:
    sources: list[Mention]
    targets: list[Mention]
    aligner: _Aligner
    status: dict[int, tuple[str, Mention | None]] = field(default_factory=dict)
    conversions: dict[int, Conversion] = field(default_factory=dict)
    used: set[int] = field(default_factory=set)
    part_used: set[int] = field(default_factory=set)
    # Sources found as one term of an English ratio or range, with the other (see _weaken_unstated_terms).
    other_term: dict[int, Value] = field(default_factory=dict)
    _by_position: dict[bool, tuple[list[int], list[float]]] = field(default_factory=dict, repr=False)

    def assign(self, i: int, status: str, target: Mention | None, j: int | None = None) -> None:
        self.status[i] = (status, target)
        if j is not None:
            self.used.add(j)
            if target is not None and status in ("ok", "format"):
                self.aligner.add(self.sources[i], target)

    def free_sources(self) -> list[int]:
        return [i for i in range(len(self.sources)) if i not in self.status]

    def free_targets_near(self, src: Mention, window: float) -> list[int]:
        """Free targets within ``window`` of where ``src`` should land, in index order."""
        return [j for j in self.targets_near(src, window) if j not in self.used and j not in self.part_used]

    def targets_near(self, src: Mention, window: float, *, composite: bool = False) -> list[int]:
        """Targets (only ranges and ratios with ``composite``) within ``window`` of ``src``, in index order.

        A range query on positions: the cost follows the number of nearby targets, not of all targets.
        """
        if composite not in self._by_position:
            order = sorted(
                (j for j, t in enumerate(self.targets) if not composite or _parts(t.value) is not None),
                key=lambda j: (_center(self.targets[j]), j),
            )
            self._by_position[composite] = (order, [_center(self.targets[j]) for j in order])
        order, centers = self._by_position[composite]
        expected, reach = self.aligner.expected(src), window * self.aligner.target_len + 1
        lo, hi = bisect.bisect_left(centers, expected - reach), bisect.bisect_right(centers, expected + reach)
        return sorted(j for j in order[lo:hi] if self.aligner.distance(src, self.targets[j]) <= window)


def _key(value: Value) -> tuple:
    """A hashable key that two values equal both ways share (``values_equal`` in both directions)."""
    if isinstance(value, Decimal):
        return ("n", value)
    if isinstance(value, DateValue):
        if value.year is not None and value.month is None and value.day is None:
            return ("n", Decimal(value.year))
        return ("d", value.year, value.month, value.day)
    if isinstance(value, TimeValue):
        return ("t", value.hour % 12, value.minute or 0)
    if isinstance(value, RatioValue):
        return ("r", value.numerator, value.denominator)
    if isinstance(value, RangeValue):
        return ("g",)
    return ("c", _NOT_ALNUM.sub("", value).upper())


def _target_keys(target: Mention) -> set[tuple]:
    """Every key under which a source value equal to one of ``target``'s readings may look it up."""
    if target.unit == "weekday":
        return {("w", target.value)} if isinstance(target.value, Decimal) else set()
    keys = set()
    for reading in target.readings:
        keys.add(_key(reading))
        if isinstance(reading, DateValue):  # a source date may state fewer parts than the target
            if reading.year is not None:
                keys.add(("n", Decimal(reading.year)))
            parts = (reading.year, reading.month, reading.day)
            for mask in range(1, 8):
                sub = tuple(p if mask >> k & 1 else None for k, p in enumerate(parts))
                if any(p is not None for p in sub):
                    keys.add(("d", *sub))
    return keys


def _probe_keys(source: Mention, numbers: Iterable[Decimal] | None = None) -> set[tuple]:
    """The keys of every target that could render ``source`` (a superset: pair_tier decides).

    ``numbers``, the plain numbers the targets carry, spares working out the roundings of ``source`` when
    none of them can be one (None: always work them out).
    """
    keys = set()
    for reading in source.readings:
        keys.add(_key(reading))
        if isinstance(reading, DateValue):
            keys.add(("d", reading.year, reading.month, reading.day))
        if isinstance(reading, Decimal):
            keys.add(("w", reading - 1))
    if isinstance(source.value, Decimal) and (numbers is None or _may_round_to(source.value, numbers)):
        keys.update(("n", rounded) for rounded in _roundings(source.value))
    return keys


def _may_round_to(value: Decimal, numbers: Iterable[Decimal]) -> bool:
    """Whether one of ``numbers`` can be in ``_roundings(value)``, by tests that need no arithmetic: a
    rounding of ``value`` is zero, or has its sign, a last digit coarser than ``value``'s and at most one
    more digit before the point."""
    if not value.is_finite() or value == 0:
        return False  # it has no roundings
    finest = value.normalize().as_tuple().exponent
    top = value.adjusted() + 1
    negative = value.is_signed()
    for number in numbers:
        if number == 0 or not number.is_finite():
            return True
        if (
            number.is_signed() == negative
            and number.adjusted() <= top
            and number.normalize().as_tuple().exponent > finest  # type: ignore[operator]
        ):
            return True
    return False


def _roundings(value: Decimal) -> set[Decimal]:
    """Every value ``value`` rounds to at a coarser precision (the targets ``_rounded`` can accept)."""
    if not value.is_finite() or value == 0:
        return set()
    out = set()
    finest = value.normalize().as_tuple().exponent
    for exponent in range(int(finest) + 1, value.adjusted() + 2):
        quantum = _QUANTA.get(exponent) or Decimal(1).scaleb(exponent)
        for rounding in (ROUND_HALF_UP, ROUND_HALF_DOWN):
            try:
                out.add(value.quantize(quantum, rounding=rounding))
            except ArithmeticError:  # beyond the context's precision
                continue
    return out


# The quanta of the usual exponents, made once (a Decimal costs more to make than to compare).
_QUANTA = {exponent: Decimal(1).scaleb(exponent) for exponent in range(-30, 31)}


def _nearest(positions: list[float], members: list[int], around: float, cap: int) -> list[int]:
    """The ``cap`` members nearest to ``around`` (all of them when there are no more)."""
    if len(members) <= cap:
        return members
    hi = bisect.bisect_left(positions, around)
    lo = hi - 1
    out = []
    while len(out) < cap and (lo >= 0 or hi < len(members)):
        if hi >= len(members) or (lo >= 0 and around - positions[lo] <= positions[hi] - around):
            out.append(members[lo])
            lo -= 1
        else:
            out.append(members[hi])
            hi += 1
    return out


def _candidates(state: _State) -> list[tuple[int, bool, int, int]]:
    """(tier, soft, i, j) of every pair that could be the same number, found through a value index."""
    index: dict[tuple, list[int]] = {}
    for j, t in enumerate(state.targets):
        for key in _target_keys(t):
            index.setdefault(key, []).append(j)
    positions = {}
    for key, members in index.items():
        if len(members) > CANDIDATE_CAP:
            members.sort(key=lambda j: (_center(state.targets[j]), j))
            positions[key] = [_center(state.targets[j]) for j in members]
    numbers = [key[1] for key in index if key[0] == "n"]
    candidates = []
    for i, s in enumerate(state.sources):
        expected = state.aligner.expected(s)
        found: set[int] = set()
        for key in _probe_keys(s, numbers):
            members = index.get(key)
            if members:
                found.update(
                    _nearest(positions[key], members, expected, CANDIDATE_CAP)
                    if key in positions
                    else members
                )
        for j in sorted(found):
            tier = pair_tier(s, state.targets[j])
            if tier is not None:
                candidates.append((tier, s.soft, i, j))
    return candidates


def _center(m: Mention) -> float:
    return (m.start + m.end) / 2


def _greedy(state: _State, window: float) -> None:
    """Best tier first, then non-soft sources, then nearest: a deterministic one-to-one assignment."""
    candidates = _candidates(state)
    # Anchor round bookkeeping: how many exact partners each side still has (a value seen twice waits).
    exact_of_source: dict[int, list[int]] = {}
    exact_of_target: dict[int, list[int]] = {}
    for tier, _soft, i, j in candidates:
        if tier == _EXACT:
            exact_of_source.setdefault(i, []).append(j)
            exact_of_target.setdefault(j, []).append(i)
    open_of_source = {i: len(js) for i, js in exact_of_source.items()}
    open_of_target = {j: len(is_) for j, is_ in exact_of_target.items()}
    # Two rounds: the first places anchors with exact matches, the second uses them for distances.
    centers = [_center(t) for t in state.targets]
    # How far a weak match may land. The same value in another kind (``năm 1895`` → ``since 1895``) is
    # strong evidence in one sentence, where word order moves numbers far; a rounding is not.
    reach = {_CROSS: window if window < SENTENCE_WINDOW else 1.0, _ROUNDED: window}
    for round_tiers in ((_EXACT,), (_EXACT, _ALT, _FORMAT, _CROSS, _ROUNDED)):
        anchor_round = round_tiers == (_EXACT,)
        in_round = [c for c in candidates if c[0] in round_tiers]
        if not in_round:
            continue
        expected = [state.aligner.expected(s) for s in state.sources]  # the aligner of this round's start
        length = state.aligner.target_len
        ranked = sorted(
            in_round, key=lambda c: (c[0], c[1], abs(expected[c[2]] - centers[c[3]]) / length, c[2], c[3])
        )
        for tier, _soft, i, j in ranked:
            if i in state.status or j in state.used:
                continue
            if anchor_round and (open_of_source[i] > 1 or open_of_target[j] > 1):
                continue  # its value occurs more than once on either side: placed in the next round
            if tier >= _CROSS and state.aligner.distance(state.sources[i], state.targets[j]) > reach[tier]:
                continue
            state.assign(i, _status_of_match(tier, state.sources[i], state.targets[j]), state.targets[j], j)
            if anchor_round:
                for other in exact_of_target.get(j, ()):
                    open_of_source[other] -= 1
                for other in exact_of_source.get(i, ()):
                    open_of_target[other] -= 1


def _parts(value: Value) -> tuple[Value, Value] | None:
    if isinstance(value, RangeValue):
        return value.low, value.high
    if isinstance(value, RatioValue):
        return value.numerator, value.denominator
    return None


def _span(text: str, a: Mention, b: Mention) -> Mention:
    """A synthetic target spanning two mentions (a source range rendered as two separate numbers)."""
    lo, hi = (a, b) if a.start <= b.start else (b, a)
    return Mention(text[lo.start : hi.end], lo.start, hi.end, "range", RangeValue(a.value, b.value))


def _composite_fallbacks(state: _State, target_text: str, window: float) -> None:
    """Ranges and ratios matched part by part, in either direction."""
    for i in state.free_sources():
        s = state.sources[i]
        parts = _parts(s.value)
        if parts is None:
            _source_part_of_target(state, i, window)
            continue
        if isinstance(s.value, RatioValue) and s.value.numerator == s.value.denominator:
            j = _find_free(state, s, parts[0], window)
            if j is not None:
                state.assign(i, "ok", state.targets[j], j)
                continue
        lo = _find_free(state, s, parts[0], window)
        if lo is None:
            continue
        state.used.add(lo)
        hi = _find_free(state, s, parts[1], window)
        state.used.discard(lo)
        if hi is not None:
            garbled = state.targets[lo].garbled or state.targets[hi].garbled
            state.assign(
                i, "format" if garbled else "ok", _span(target_text, state.targets[lo], state.targets[hi]), lo
            )
            state.used.add(hi)


def _source_part_of_target(state: _State, i: int, window: float) -> None:
    """A number found as one end of an English range or ratio (``14 trong số 20`` as "14 of the 20")."""
    s = state.sources[i]
    best: tuple[float, int, Value] | None = None
    for j in state.targets_near(s, window, composite=True):
        t = state.targets[j]
        parts = _parts(t.value)
        if j in state.used or parts is None or _units_conflict(s, t):
            continue
        for k, part in enumerate(parts):
            if any(values_equal(r, part) for r in s.readings):
                d = state.aligner.distance(s, t)
                if d <= window and (best is None or d < best[0]):
                    best = (d, j, parts[1 - k])
                break
    if best is not None:
        target = state.targets[best[1]]
        state.status[i] = ("format" if target.garbled else "ok", target)
        state.part_used.add(best[1])
        state.other_term[i] = best[2]


def _weaken_unstated_terms(state: _State) -> None:
    """A source number found as one term of an English ratio or range whose other term no source states
    (``một trong số 14`` as "fourteen of the 20", ``từ ngày 3 đến 14/11`` as "3 to 1411"): the English says
    more than the source, so the match is ``weak``. A "one" is exempt (``một`` is often no mention), and so
    is a term another source number was matched to (``1 trong 9`` as "two out of nine": the 1 is changed)."""
    for i, other in state.other_term.items():
        status, target = state.status[i]
        if status != "ok" or other == 1:
            continue
        shared = any(t is target for k, (_s, t) in state.status.items() if k != i)
        stated = any(values_equal(r, other) for s in state.sources for r in s.readings)
        if not (shared or stated):
            state.status[i] = ("weak", target)


# The English word after a number (an adjective, not a preposition, may come between) when it looks
# like a plural noun: what the English says the number counts ("5 districts", "1.6 million tickets").
# "-ss", "-us" and "-is" words (less, bonus, this) are no plurals; "people" and "men" are.
_PLURAL_AFTER = re.compile(
    rf"(?:\s+(?!(?:{alternation(PHRASE_BREAKS)})\b)[a-z-]+)?"
    r"\s+(?P<noun>[A-Za-z][a-z]+[^\Wsui]s|(?i:people|men|women|children))\b"
)
_LABEL_PLURALS = frozenset(head.split()[-1].lower() + "s" for head in CODE_HEADS.values())
_LABEL_WORDS = frozenset(head.split()[-1].lower() for head in CODE_HEADS.values())
# Nouns money may be followed by in English and still be money: a currency's names ("200 million wons").
_MONEY_NOUNS = frozenset(
    name.lower() + plural
    for unit in UNITS
    if unit.dimension == "currency"
    for name in (*unit.en, "note", "bill")
    for plural in ("", "s")
)


# A word before an English number that makes it a label: a name ("Route 1", "Brigade 105"), a label word.
_LABEL_BEFORE = re.compile(rf"(?:[A-Z][\w.-]*|(?i:no\.|number|#|{alternation(_LABEL_WORDS)}))\s*$")


# "990s": a number with a plural s reads as a decade or a plural noun ("'s" is mostly a possessive).
_PLURAL_S = re.compile(r"s(?!\w)")
_DIGIT_PLURAL_S = re.compile(r"\ds$")


def _weaken_roles_changed(state: _State, source_text: str, target_text: str) -> None:
    """A number whose English says it is something the source does not: a label read as a count (``quận 5``
    as "5 districts", ``Lữ đoàn 105`` as "the military 105 Veterans": a plural after it, no label word before
    it), money as a count of things (``1,6 triệu đồng`` as "1.6 million tickets"), an amount the English puts
    in a foreign currency the source never names (``trị giá 1,5 triệu`` as "$1.5 million"), a count read as a
    decade ("990s" for ``990 năm``), a span of time as a count of things ("5 five stages" for ``5 năm``). The
    value stands, the meaning does not: ``weak``. "Route 1 runs", "District 5 residents", "VND 1.6 million in
    fines" and "1.5 million dong" stay ``ok``."""
    for i, (status, target) in state.status.items():
        if status != "ok" or target is None:
            continue
        source = state.sources[i]
        if _currency_added(source, target, source_text) or _role_changed(source, target, target_text):
            state.status[i] = ("weak", target)


_WORDS = re.compile(r"[^\W\d_]+")


def _currency_added(source: Mention, target: Mention, source_text: str) -> bool:
    """A foreign currency the source does not name, not even by an ambiguous word after the number (``700
    triệu bảng``, "£700m": ``bảng`` is also a board)."""
    unit = by_code(target.unit or "")
    if unit is None or unit.dimension != "currency" or unit.code == "VND" or dimension_of(source.unit):
        return False
    after = _WORDS.findall(unicodedata.normalize("NFC", source_text[source.end : source.end + 24]).lower())
    named = bool(after) and any(after[0] == name.split()[0].lower() for name in unit.vi)
    return not named or len(after) > 1 and after[1] in AFTER_DONG_NO_CURRENCY  # ``800 đô thị``: towns


def _role_changed(source: Mention, target: Mention, target_text: str) -> bool:
    plural_s = _PLURAL_S.match(target_text, target.end) or _DIGIT_PLURAL_S.search(target.text)
    if source.kind != "decade" and (target.kind == "decade" or plural_s):
        return True
    after = _PLURAL_AFTER.match(target_text, target.end)
    if after is None:
        return False
    noun = after["noun"].lower()
    unlabelled = not _LABEL_BEFORE.search(target_text, max(0, target.start - 40), target.start)
    label_counted = code_head(source) is not None and (noun in _LABEL_PLURALS or unlabelled)
    uncounted = target.unit is None
    money_counted = uncounted and dimension_of(source.unit) == "currency" and noun not in _MONEY_NOUNS
    time_counted = uncounted and source.unit in DURATION_COUNTERS and not noun.endswith(_DURATION_NOUNS)
    return label_counted or money_counted or time_counted


def _find_free(state: _State, s: Mention, value: Value, window: float) -> int | None:
    best: tuple[float, int] | None = None
    for j in state.free_targets_near(s, window):
        t = state.targets[j]
        if _units_conflict(s, t) or t.unit == "weekday":
            continue
        if any(values_equal(value, r) for r in t.readings):
            d = state.aligner.distance(s, t)
            if d <= window and (best is None or d < best[0]):
                best = (d, j)
    return best[1] if best else None


def _is_one(m: Mention) -> bool:
    return m.kind == "number" and isinstance(m.value, Decimal) and m.value == 1


# Every Vietnamese "one" competes for English articles, counted or not (``một cuộc khảo sát`` → ``a survey``),
# so that a dropped ``1`` cannot borrow the article of another noun.
_VI_ONE = re.compile(r"(?<![\w.,])(?:1|một|Một)(?![\w.,])")


def _article_fallback(state: _State, source_text: str, target_text: str, window: float) -> None:
    """Vietnamese ``1``/``một`` is often the English article: ``1 cái lọ`` → ``a jar``.

    Articles are shared out nearest first among all the source's "ones" (mentioned or not), one each.
    """
    wanting = [
        i
        for i in state.free_sources()
        if _is_one(state.sources[i]) and _may_be_an_article(source_text, state.sources[i])
    ]
    if not wanting:
        return  # most texts: no "1" is left, and the articles need not be read
    taken = _Spans((t.start, t.end) for j, t in enumerate(state.targets) if j in state.used)
    articles = [
        Mention(m.group(), m.start(), m.end(), "number", Decimal(1), soft=True)
        for m in _ARTICLE.finditer(target_text)
        if not taken.covers(m.start())
    ]
    if not articles:
        return
    claimed = {(s.start, s.end) for s in state.sources}
    matched = _Spans((s.start, s.end) for k, s in enumerate(state.sources) if k in state.status)
    mentioned = _Spans((s.start, s.end) for s in state.sources)
    competitors: list[tuple[Mention, int | None]] = [(state.sources[i], i) for i in wanting]
    for m in _VI_ONE.finditer(source_text):
        if (m.start(), m.end()) in claimed or matched.covers(m.start()) or mentioned.covers(m.start()):
            continue
        competitors.append((Mention(m.group(), m.start(), m.end(), "number", Decimal(1), soft=True), None))
    centers = [_center(art) for art in articles]  # increasing: matches do not overlap
    reach = window * state.aligner.target_len + 1
    pairs = []
    for c, (src, _i) in enumerate(competitors):
        expected = state.aligner.expected(src)
        lo, hi = bisect.bisect_left(centers, expected - reach), bisect.bisect_right(centers, expected + reach)
        pairs.extend((state.aligner.distance(src, articles[k]), c, k) for k in range(lo, hi))
    pairs.sort()
    done_c: set[int] = set()
    done_a: set[int] = set()
    order = _Order((state.sources[i].start, t.start) for i, (st, t) in state.status.items() if t is not None)
    for dist, c, k in pairs:
        if dist > window:
            break
        if dist > ARTICLE_WINDOW and not _IDIOM_AFTER_ONE.match(source_text, competitors[c][0].end):
            continue  # far from where the 1 should be: that article is another noun's
        if c in done_c or k in done_a or order.crosses(competitors[c][0].start, articles[k].start):
            continue
        done_c.add(c)
        done_a.add(k)
        index = competitors[c][1]
        if index is not None:
            state.status[index] = ("ok", articles[k])


# A "1" followed by one of these (or by punctuation) comes after its noun: a label (``lò phản ứng 1 vào
# thứ bảy``, reactor 1 on Saturday), never the article of a noun.
_AFTER_A_LABEL = re.compile(rf"\s*(?:$|[,.;:!?)\]]|(?:{alternation(AFTER_A_LABEL)})(?!\w))")


def _may_be_an_article(source_text: str, one: Mention) -> bool:
    return _AFTER_A_LABEL.match(source_text, one.end) is None


class _Spans:
    """Whether a position falls inside any of some (possibly nested) spans, in logarithmic time."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [a for a, _ in ordered]
        self.reach = list(itertools.accumulate((b for _, b in ordered), max))

    def covers(self, position: int) -> bool:
        k = bisect.bisect_right(self.starts, position) - 1
        return k >= 0 and self.reach[k] > position


class _Order:
    """Matched (source, target) positions: whether a new pair would cross one (numbers keep their order)."""

    def __init__(self, anchors: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(anchors)
        self.sources = [s for s, _ in ordered]
        targets = [t for _, t in ordered]
        self.max_before = list(itertools.accumulate(targets, max))
        self.min_after = list(itertools.accumulate(reversed(targets), min))[::-1]

    def crosses(self, source_pos: int, target_pos: int) -> bool:
        k = bisect.bisect_left(self.sources, source_pos)  # anchors[:k] lie before source_pos
        return (k > 0 and self.max_before[k - 1] >= target_pos) or (
            k < len(self.sources) and self.min_after[k] < target_pos
        )


def _share_doubt(state: _State) -> None:
    """A failed number whose value also matched elsewhere: the failure may be that other one's.

    With ``600 … 600`` in the source and one ``600`` left in the English, position alone cannot say
    which was lost; every candidate is reported with the failure rather than pointing at one by chance.
    Codes by name are left alone: ``IPv6 … IPv6 … IPv6`` names one thing, and the one not found is the one
    reported.
    """
    failed = [
        (i, st)
        for i, (st, _t) in state.status.items()
        if st in ("missing", "changed") and not state.sources[i].soft
    ]
    if not failed:
        return  # most texts: nothing failed, no doubt to share
    by_value: dict[tuple, list[int]] = {}
    for k in state.status:
        by_value.setdefault(_key(state.sources[k].value), []).append(k)
    for i, status in failed:
        s = state.sources[i]
        for k in by_value.get(_key(s.value), ()):
            st, tgt = state.status[k]
            other = state.sources[k]
            if k == i or st != "ok" or other.soft or _is_one(other) or not _twins(s, other):
                continue
            if values_equal(s.value, other.value) and values_equal(other.value, s.value):
                state.status[k] = (status, tgt)


def _twins(a: Mention, b: Mention) -> bool:
    """Two source numbers the English cannot tell apart: of one kind, or a label and a count (``số 300`` and
    ``300``). Codes by name are not (``IPv6 … IPv6`` names one thing)."""
    if isinstance(a.value, str) or isinstance(b.value, str):
        return False
    return a.kind == b.kind or {a.kind, b.kind} == {"code", "number"}


_SCALE_SWAPS = frozenset(Decimal(10) ** e for e in (-12, -9, -6, -3, 3, 6, 9, 12))


def _comparable_magnitude(a: Value, b: Value) -> bool:
    """A number word stands in for a digit number only when it is within a factor of ten of it, or off by
    a scale word exactly (``seven billion`` where ``7 triệu`` stood: a changed scale, not another number).
    Ranges and ratios compare end by end (``five to seven`` for ``4 đến 7``)."""
    if _parts(a) is not None and _parts(b) is not None and type(a) is type(b):
        return all(_comparable_magnitude(x, y) for x, y in zip(_parts(a), _parts(b)))  # type: ignore[arg-type]
    if not (isinstance(a, Decimal) and isinstance(b, Decimal)):
        return False
    if a == 0 or b == 0:
        return _zero_and_one(a, b)
    ratio = abs(a / b)
    return Decimal("0.1") <= ratio <= 10 or ratio in _SCALE_SWAPS


def _zero_and_one(a: Decimal, b: Decimal) -> bool:
    """Zero has no size to compare: it stands next to one only (``zero`` written ``one``, ``0`` as ``1``)."""
    return max(abs(a), abs(b)) <= 1


def _conversion_fallback(state: _State, window: float) -> None:
    """A number stated in another unit of its dimension (``225 km`` → ``140 miles``) is ``converted``."""
    for i in state.free_sources():
        s = state.sources[i]
        if not isinstance(s.value, Decimal) or s.unit is None:
            continue
        options = []
        for j in state.free_targets_near(s, window):
            t = state.targets[j]
            if isinstance(t.value, Decimal) and t.unit is not None:
                conversion = convert(s.value, s.unit, t.value, t.unit)
                if conversion is not None:
                    options.append((state.aligner.distance(s, t), j, conversion))
        if options:
            _distance, j, conversion = min(options, key=lambda o: (o[0], o[1]))
            state.assign(i, "converted", state.targets[j], j)
            state.conversions[i] = conversion


def _changed_fallback(state: _State, source_text: str, window: float) -> None:
    """An unmatched source number with an unmatched same-kind target nearby was changed, not dropped.

    Pairs are taken best first over the whole text (same kind, then not a "one" that a Vietnamese
    ``một`` outside every mention accounts for, then nearest), not in source order, so that ``eight or
    nine`` against ``8 hay 9`` changed in one place is not crossed, and ``cứ 5 … có một`` against ``one in
    six`` points at the six.
    """
    free = state.free_sources()
    spare_one = bool(free) and _has_spare_one(state, source_text)
    options = []
    for i in free:
        s = state.sources[i]
        for j in state.free_targets_near(s, window):
            t = state.targets[j]
            if t.unit == "weekday" or (t.soft and not s.soft and not _comparable_magnitude(s.value, t.value)):
                continue
            kind_rank = 0 if t.kind == s.kind else 1 if _kinds_compatible(s, t) else None
            if kind_rank is None:
                continue
            d = state.aligner.distance(s, t)
            if d <= window:
                options.append((kind_rank, spare_one and _is_one(t), d, i, j))
    for _rank, _one, _d, i, j in sorted(options):
        if i not in state.status and j not in state.used:
            state.assign(i, "changed", state.targets[j], j)


def _changed_end_fallback(state: _State, target_text: str, window: float) -> None:
    """A source range or ratio with one end found and the other changed: ``18 đến 30`` against ``between
    19 and 30`` (two English numbers) is that range ``changed``, reported on both numbers.

    The changed end is the free number next to the found one, on the side where the end belongs (the
    low end before the high one), with no other number between them.
    """
    for i in state.free_sources():
        s = state.sources[i]
        parts = _parts(s.value)
        if parts is None or not all(isinstance(p, Decimal) for p in parts):
            continue
        pair = next(
            (
                (found, other)
                for k, part in enumerate(parts)
                for found in _free_with_value(state, s, part, window)
                for other in (_neighbour(state, found, after=k == 0),)
                if other is not None
            ),
            None,
        )
        if pair is not None:
            found, other = pair
            state.assign(i, "changed", _span(target_text, state.targets[found], state.targets[other]), found)
            state.used.add(other)


def _free_with_value(state: _State, s: Mention, value: Value, window: float) -> list[int]:
    """Free targets near ``s`` that read as ``value``, nearest first (``_find_free`` gives only the
    nearest: a changed end next to a twin of the other end needs them all)."""
    found = [
        (state.aligner.distance(s, state.targets[j]), j)
        for j in state.free_targets_near(s, window)
        if not _units_conflict(s, state.targets[j]) and state.targets[j].unit != "weekday"
        if any(values_equal(value, r) for r in state.targets[j].readings)
    ]
    return [j for _d, j in sorted(found)]


def _neighbour(state: _State, j: int, *, after: bool) -> int | None:
    """The free number target right after (or before) target ``j``, when no other target stands between."""
    anchor = state.targets[j]
    side = [
        (abs(_center(t) - _center(anchor)), k)
        for k, t in enumerate(state.targets)
        if k != j and ((t.start >= anchor.end) if after else (t.end <= anchor.start))
    ]
    if not side:
        return None
    _d, k = min(side)
    free = k not in state.used and k not in state.part_used
    return (
        k
        if free and state.targets[k].kind == "number" and isinstance(state.targets[k].value, Decimal)
        else None
    )


def _changed_part_fallback(state: _State, window: float) -> None:
    """A number changed inside an English ratio or range: ``3 người … có một`` against ``one out of
    four``. The source number was written as one part of the composite, with another value close in size
    (a part of the same size with another sign, ``âm 4`` against ``four of the six``, is no change of
    number)."""
    for i in state.free_sources():
        s = state.sources[i]
        if not isinstance(s.value, Decimal) or s.value <= 0 or s.kind not in ("number", "percent"):
            continue
        options = []
        for j in state.targets_near(s, window, composite=True):
            t = state.targets[j]
            parts = _parts(t.value)
            if j in state.used or parts is None or _units_conflict(s, t):
                continue
            sizes = [abs(p) for p in parts if isinstance(p, Decimal)]
            if s.value not in sizes and any(_close_in_size(s.value, p) for p in sizes):
                options.append((state.aligner.distance(s, t), j))
        if options:
            _d, j = min(options)
            state.assign(i, "changed", state.targets[j], j)


def _has_spare_one(state: _State, source_text: str) -> bool:
    """Whether the source says "one" (``một``, ``1``) outside its mentions: an English "one" may be that."""
    mentioned = _Spans((s.start, s.end) for s in state.sources)
    return any(not mentioned.covers(m.start()) for m in _VI_ONE.finditer(source_text))


def _close_in_size(a: Value, b: Value) -> bool:
    """Within a factor of two, or off by a scale word exactly: a number changed, not another number."""
    if not (isinstance(a, Decimal) and isinstance(b, Decimal)):
        return False
    if a == 0 or b == 0:
        return _zero_and_one(a, b)
    ratio = abs(a / b)
    return Decimal("0.5") <= ratio <= 2 or ratio in _SCALE_SWAPS


def _far_changed_fallback(state: _State, source_text: str, window: float) -> None:
    """In one sentence, a number left over on each side is the same number changed, wherever word order
    put it (``cứ 10 lần … 3 lần`` → ``three times out of 11``).

    Position says nothing here, so the value must: a source in digits, a target of the same kind, close in
    size (dates: the same parts), never an English "one" that a spare Vietnamese ``một`` accounts for.
    """
    free = state.free_sources()
    if window < SENTENCE_WINDOW or not free:
        return
    spare_one = _has_spare_one(state, source_text)
    options = []
    for i in free:
        s = state.sources[i]
        if s.soft:  # a Vietnamese number word is often idiom (``hai con số``, double-digit)
            continue
        for j, t in enumerate(state.targets):
            if j in state.used or j in state.part_used or t.unit == "weekday" or t.kind != s.kind:
                continue
            if isinstance(s.value, Decimal) and not _close_in_size(s.value, t.value):
                continue
            if spare_one and _is_one(t):
                continue
            if isinstance(s.value, DateValue) and not _same_date_shape(s.value, t.value):
                continue
            if isinstance(s.value, Decimal | DateValue):
                options.append((state.aligner.distance(s, t), i, j))
    for _d, i, j in sorted(options):
        if i not in state.status and j not in state.used:
            state.assign(i, "changed", state.targets[j], j)


def _same_date_shape(a: DateValue, b: Value) -> bool:
    """Two dates that state the same parts (a year for a year, a day and month for a day and month)."""
    return isinstance(b, DateValue) and all(
        (x is None) == (y is None) for x, y in ((a.year, b.year), (a.month, b.month), (a.day, b.day))
    )


def _uncross_twins(state: _State) -> None:
    """``8, 9`` against ``nine or nine``: the one left ``changed`` takes the twin in its own place.

    When a changed number and a matched one point at two English numbers of one value in crossed order,
    which twin is the changed one is decided by order (numbers keep their order), not by which was
    matched first.
    """
    changed = [i for i, (st, t) in state.status.items() if st == "changed" and t is not None]
    for i in changed:
        t = state.status[i][1]
        twin = next((k for k in state.status if _crossed_twin(state, i, k)), None)
        if t is not None and twin is not None:
            other_status, u = state.status[twin]
            state.status[i], state.status[twin] = ("changed", u), (other_status, t)


def _crossed_twin(state: _State, i: int, k: int) -> bool:
    """Whether matched source ``k`` points at a twin of changed source ``i``'s English number, in the
    other order than the two sources."""
    (_st, t), (other_status, u) = state.status[i], state.status[k]
    if t is None or u is None or other_status not in ("ok", "weak") or u.kind != t.kind:
        return False
    s, o = state.sources[i], state.sources[k]
    return u.text.lower() == t.text.lower() and (s.start < o.start) != (t.start < u.start)


_CODE_PARTS = re.compile(r"[^\W\d_]+|\d+")
_CODE_JOINT = r"[\s./+–-]{0,3}"


def _copy_pattern(code: str) -> str:
    """What a copy of ``code`` looks like in English: its letters and digits in order, joined as the English
    joins them ("VTV9" for ``VTV 9``, "VD-26480-17" for ``VD -26480-17``), a number right after letters with
    or without its padding zeros ("PC 2" for ``PC 02``)."""
    pieces, previous = [], ""
    for part in _CODE_PARTS.findall(code):
        after_letters = part.isdigit() and previous.isalpha()
        pieces.append(f"0*{part.lstrip('0') or '0'}" if after_letters else re.escape(part))
        previous = part
    if not pieces:
        return re.escape(code)
    return r"(?<!\w)" + _CODE_JOINT.join(pieces) + r"(?!\w)"


def _copied_codes(sources: list[Mention], targets: list[Mention], target_text: str) -> list[Mention]:
    """The English mentions, where the English copies a source code verbatim, with that copy read as the
    code: ``BKS 51 B -282.62`` or ``ĐH406`` copied from the source is the code, whatever the English rules
    make of its pieces (two numbers; nothing, for a Vietnamese capital)."""
    out = list(targets)
    for code in (s for s in sources if s.kind == "code" and isinstance(s.value, str)):
        for found in re.finditer(_copy_pattern(code.text), target_text):
            a, b = found.span()
            if not any(t.start == a and t.end == b and t.kind == "code" for t in out):
                out = [t for t in out if t.end <= a or b <= t.start]
                out.append(Mention(target_text[a:b], a, b, "code", code.value))
    return sorted(out, key=lambda t: t.start)


def match_mentions(
    sources: list[Mention],
    targets: list[Mention],
    source_text: str,
    target_text: str,
    *,
    allow_rounding: bool = False,
    strict: bool = False,
    window: float | None = None,
    every_source: bool = True,
) -> NumberReport:
    """Assign source mentions to target mentions and judge each one.

    ``window`` bounds how far (as a share of the target length, after alignment) a weak match may land
    from where the source number should be: generous for a sentence, tight for a whole document.
    ``every_source`` false: ``sources`` are not all the numbers of ``source_text`` (repair reads one back
    alone), so what the other source numbers state is unknown.
    """
    if window is None:
        window = SENTENCE_WINDOW if len(target_text) < 600 else min(0.12, WINDOW_CHARS / len(target_text))
    targets = _copied_codes(sources, targets, target_text)
    state = _State(list(sources), targets, _Aligner(len(source_text), len(target_text)))
    _greedy(state, window)
    if len(state.status) < len(state.sources):  # the fallbacks only place sources still free
        _composite_fallbacks(state, target_text, window)
        _article_fallback(state, source_text, target_text, window)
        _conversion_fallback(state, window)
        _changed_fallback(state, source_text, window)
        _changed_end_fallback(state, target_text, window)
        _changed_part_fallback(state, window)
        _far_changed_fallback(state, source_text, window)
        for i in state.free_sources():
            state.status[i] = ("missing", None)
    _uncross_twins(state)
    _share_doubt(state)
    if every_source:
        _weaken_unstated_terms(state)
    _weaken_roles_changed(state, source_text, target_text)
    checks = tuple(
        MentionCheck(s, *state.status.get(i, ("missing", None)), state.conversions.get(i))
        for i, s in enumerate(state.sources)
    )
    extra = tuple(
        t
        for j, t in enumerate(state.targets)
        if j not in state.used and j not in state.part_used and (strict or not t.soft)
    )
    return NumberReport(checks, extra, allow_rounding, strict)
