"""Repair: put each wrong English number right by writing the source's value in its place.

``repair(source, english)`` runs :func:`~vnsumm.numbers.check.check`; every counted mention whose status
is ``changed``, ``format`` or (unless rounding is allowed) ``rounded`` gets its English span replaced by
:func:`~vnsumm.numbers.render_en.render` of the source mention, in the style of the text it replaces.
Nothing outside those spans changes. A ``missing`` number has no span to replace and stays missing (its
fix is a re-translation, not an edit). The repaired English is checked again, and every verdict in the
result comes from that final check: a mention is ``ok`` only if the final check says so.

The aim is the translator's own text with the right number: the smallest edit, in the span's style. A
range or ratio with one wrong part gets only that part rewritten (``11 to the 22`` → ``10 to the 22``);
otherwise the renderings closest to the span come first, including the span itself with only a numeral
replaced (``8pm`` → ``7pm``, ``£771 m`` → ``£770 m``), and a number the English wrote in another kind is
written in that kind (a digit ordinal, a year, ``all 18``).

A rendering is written only after it was read back in place: the English around the span, with the
rendering in it, must give a mention, covering all of the rendering, that the matcher accepts as the
source's number. Spans that overlap are refused (an edit must never cut into another).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from .check import check
from .en import extract_en
from .match import MentionCheck, NumberReport, match_mentions, status_passes, values_equal
from .mention import DateValue, Mention, RangeValue, RatioValue, Span, Value
from .render_en import NUMERIC_CORE, renderings

__all__ = ["Repair", "RepairedMention", "repair", "repair_texts"]

# Characters of English read on each side of a span when a rendering is tried in place: enough for the
# words that change a number's reading (a scale after it, a currency or "between" before it).
_CONTEXT_CHARS = 60
# Renderings tried in place per span, closest first: the right one is near the top when there is one, and
# a span nothing fits costs at most this many small extractions.
_MAX_TRIES = 32
# Renderings tried per number inside a span (``11 to the 22``: the 11 alone rewritten).
_MAX_PART_TRIES = 8
# One number as English writes it inside a longer span: a number and the words that continue it, joined
# by a space or hyphen (``twenty-one``, ``seven million``, ``1.5 million``), never by a word such as ``to``
# or ``out of``, and never two digit numbers (``1- 3`` is two).
_NUMBER_RUN = re.compile(
    rf"(?:{NUMERIC_CORE.pattern})(?:(?:\s+|-)(?=[a-z])(?:{NUMERIC_CORE.pattern}))*", re.IGNORECASE
)


@dataclass(frozen=True)
class RepairedMention:
    """One source number before and after repair.

    ``before``/``after`` are the English span as it was and as written (``after`` None when nothing was
    written); ``status`` and ``target`` come from the final check; ``reason`` says why an unfixed problem
    was left alone.
    """

    before: MentionCheck
    status: str
    target: Mention | None
    after: Mention | None = None
    reason: str | None = None

    @property
    def repaired(self) -> bool:
        return self.after is not None

    @property
    def status_before(self) -> str:
        return self.before.status

    def repair_dict(self) -> dict[str, Any]:
        """The ``repair`` field added to the mention's entry of the check JSON."""
        before = self.before.target
        return {
            "status_before": self.before.status,
            "before": Span.of(before).to_dict() if before is not None else None,
            "after": Span.of(self.after).to_dict() if self.after is not None else None,
            "repaired": self.repaired,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class Repair:
    """The repaired English, the check before and the check after, and each mention's story."""

    source: str
    original: str
    english: str
    report_before: NumberReport
    report: NumberReport
    mentions: tuple[RepairedMention, ...]

    @property
    def ok(self) -> bool:
        """The final check's verdict."""
        return self.report.ok

    @property
    def repaired(self) -> int:
        return sum(m.repaired for m in self.mentions)

    def to_dict(
        self, source_offset: int = 0, target_offset: int = 0, original_offset: int | None = None
    ) -> dict[str, Any]:
        """The final check's JSON with, per mention, a ``repair`` field (and ``ok_before``, ``repaired``).

        Offsets are added as in ``NumberReport.to_dict``; ``repair.before`` indexes the original English
        (``original_offset``, default ``target_offset``), everything else the repaired English.
        """
        out = self.report.to_dict(source_offset, target_offset)
        before_offset = target_offset if original_offset is None else original_offset
        for entry, mention in zip(out["mentions"], self.mentions):
            entry["repair"] = _shifted(mention.repair_dict(), before_offset, target_offset)
        out["ok_before"] = self.report_before.ok
        out["repaired"] = self.repaired
        return out


def _shifted(fields: dict[str, Any], before_offset: int, after_offset: int) -> dict[str, Any]:
    for key, offset in (("before", before_offset), ("after", after_offset)):
        span = fields[key]
        if span is not None and offset:
            fields[key] = {**span, "start": span["start"] + offset, "end": span["end"] + offset}
    return fields


def _to_fix(report: NumberReport, *, allow_rounding: bool) -> list[int]:
    """Indexes of the mentions a span edit can fix: counted problems that have an English span."""
    fixable = {"changed", "format"} | (set() if allow_rounding else {"rounded"})
    problems = {id(p) for p in report.problems}
    return [
        i
        for i, c in enumerate(report.mentions)
        if id(c) in problems and c.status in fixable and c.target is not None
    ]


def _reads_back(source: Mention, english: str, start: int, text: str, source_after: str) -> bool:
    """Does ``text`` written at ``start`` of ``english`` (in place of what was there) read as ``source``?
    ``source_after``: the source's words after the number (``bảng`` after ``700 triệu`` lets "£700m" stand).

    The English around it is extracted again and matched against the one source mention with the
    matcher's own rules: ``ok`` is required (no alternative reading left to chance, no format issue), or
    ``weak`` for a count the translator wrote as an ordinal ("the 61th percentile" → "60th" for ``khoảng
    60``): the smallest edit keeps its form, and the final check still says ``weak``.
    """
    left = max(0, start - _CONTEXT_CHARS)
    window = english[left:start] + text + english[start:][:_CONTEXT_CHARS]
    lo, hi = start - left, start - left + len(text)
    inside = [t for t in extract_en(window) if t.start < hi and lo < t.end]
    if not inside:
        return False
    alone = replace(source, start=0, end=len(source.text))
    source_text = source.text + source_after
    verdict = match_mentions([alone], inside, source_text, window, window=1.0, every_source=False).mentions[0]
    found = verdict.target
    if found is None or not (found.start <= lo and hi <= found.end):
        return False
    return verdict.status == "ok" or verdict.status == "weak" and found.kind == "ordinal" != source.kind


def _choose(
    check_: MentionCheck, english: str, others: list[Value], source_after: str
) -> tuple[str | None, str | None]:
    """The rendering closest to the span it replaces that reads back as the source number, or None and
    why not. ``others``: the values of the text's other source numbers (parts of the span that state
    one of them are left alone); ``source_after``: the source's words after the number."""
    source, target = check_.source, check_.target
    assert target is not None
    rest = english[: target.start] + english[target.end :]
    if _reads_back(source, rest, target.start, target.text, source_after):
        return None, "the span already states the source number (the check doubts it for a twin that failed)"
    parts = _part_edits(source, target, others)
    whole = _whole_renderings(source, target)
    if not (parts or whole):
        return (
            None,
            f"the English span is a {target.kind}, the source a {source.kind}: not one number to rewrite",
        )
    for text in [*parts, *whole]:
        if _reads_back(source, rest, target.start, text, source_after):
            return text, None
    return None, "no English rendering reads back as the source number in place"


def _whole_renderings(source: Mention, target: Mention) -> list[str]:
    """Renderings of the source for the whole span, in the span's kind when the English gave the number
    another one; none when the span is no single number to put the source's in place of."""
    shaped = _in_kind_of(source, target)
    if shaped is None:
        return []
    return renderings(shaped, like=target.text, read_back=True)[:_MAX_TRIES]


def _in_kind_of(source: Mention, target: Mention) -> Mention | None:
    """The source number as a mention of the English span's kind: a digit ordinal (``the 61th
    percentile`` for ``60``), a year (``in 2001`` for ``2000``), ``all 18`` for ``17``. A word ordinal
    (``first``) is most often a word of the sentence, not the number: None, as for a whole date."""
    if target.kind in (source.kind, "number") or (source.kind, target.kind) == ("date", "ratio"):
        return source
    value = source.value
    if source.kind != "number" or not _whole_number(value):
        return None
    assert isinstance(value, Decimal)
    digits = any(c.isdigit() for c in target.text)
    if target.kind == "ordinal" and digits:
        return replace(source, kind="ordinal")
    year = isinstance(target.value, DateValue) and target.value.month is None and 1000 <= value <= 2999
    if target.kind == "date" and year:
        return source  # a year written as a number: its digits read back as the year (never '68 for 68)
    ratio = target.value
    if target.kind == "ratio" and isinstance(ratio, RatioValue) and ratio.numerator == ratio.denominator:
        return replace(source, kind="ratio", value=RatioValue(value, value))
    return None


def _whole_number(value: Value) -> bool:
    return isinstance(value, Decimal) and value > 0 and value == value.to_integral_value()


def _numbers_in(text: str) -> list[tuple[int, int, tuple[Value, ...]]]:
    """(start, end, readings) of each number written inside a span (``one out of four``: 1 and 4;
    ``153m``: 153 metres or 153 million)."""
    out = []
    for run in _NUMBER_RUN.finditer(text):
        found = extract_en(run.group())
        if len(found) == 1 and isinstance(found[0].value, Decimal):
            out.append((run.start(), run.end(), found[0].readings))
    return out


def _part_edits(source: Mention, target: Mention, others: list[Value]) -> list[str]:
    """The span of an English range or ratio with one of its numbers rewritten: the minimal edit of a
    composite with one wrong part (``11 to the 22`` → ``10 to the 22``; ``two out of nine`` → ``one out of
    nine``), which no rendering of the whole reproduces.

    A part that already states a value of the source (or of another source number) stays; the others are
    tried closest in size to the value written in their place first.
    """
    wanted = _parts_of(source.value)
    composite = isinstance(target.value, RangeValue | RatioValue)
    numbers = _numbers_in(target.text) if wanted and composite else []
    rewrites = _part_rewrites(target.text, numbers, wanted, others) if len(numbers) >= 2 else iter(())
    return list(dict.fromkeys(rewrites))


def _part_rewrites(
    span: str, numbers: list[tuple[int, int, tuple[Value, ...]]], wanted: list[Decimal], others: list[Value]
) -> Iterator[str]:
    """Rewrites of one number of ``span`` each: first, when the span has as many numbers as the source
    value has parts, the one that differs from the part in its place (``three, three`` → ``two, three``
    for ``2-3``); then any number that states no value of the text, as the part nearest in size."""
    if len(numbers) == len(wanted):
        for (start, end, readings), part in zip(numbers, wanted):
            if not any(values_equal(part, x) for x in readings):
                yield from _rewrites_of(span, start, end, part)
    kept = [*wanted, *others]
    wrong = [(a, b, r[0]) for a, b, r in numbers if not any(values_equal(v, x) for v in kept for x in r)]
    for start, end, value in sorted(wrong, key=lambda n: min(_size_gap(n[2], w) for w in wanted)):
        for part in sorted(wanted, key=lambda w: _size_gap(value, w)):
            yield from _rewrites_of(span, start, end, part)


def _rewrites_of(span: str, start: int, end: int, part: Decimal) -> Iterator[str]:
    """``span`` with its number at ``start:end`` written as ``part``, in that number's style."""
    like = span[start:end]
    bare = Mention(str(part), 0, 0, "number", part, soft=not any(c.isdigit() for c in like))
    for text in renderings(bare, like=like, read_back=True)[:_MAX_PART_TRIES]:
        yield span[:start] + text + span[end:]


def _parts_of(value: Value) -> list[Decimal]:
    """The numbers a source value states: its ends for a range or ratio, else the value itself."""
    parts = [getattr(value, a, None) for a in ("low", "high", "numerator", "denominator")]
    found = [p for p in parts if isinstance(p, Decimal)]
    return found or ([value] if isinstance(value, Decimal) else [])


def _size_gap(a: Decimal, b: Decimal) -> float:
    """How far apart two numbers are in size (orders of magnitude): a wrong part is most likely the one
    nearest in size to the number that belongs there."""
    if a <= 0 or b <= 0:
        return math.inf if a != b else 0.0
    return abs(math.log10(float(a)) - math.log10(float(b)))


def _overlapping(spans: list[tuple[int, int, int]]) -> set[int]:
    """Indexes (third item) of spans that overlap another span; each is compared with the spans that
    start before it ends, so the cost follows the overlaps."""
    bad: set[int] = set()
    ordered = sorted(spans)
    for k, (_start, end, index) in enumerate(ordered):
        for later_start, _end, later in ordered[k + 1 :]:
            if later_start >= end:
                break
            bad.update((index, later))
    return bad


def repair(source: str, english: str, *, allow_rounding: bool = False, strict: bool = False) -> Repair:
    """Replace every wrong number span of ``english`` with the source's value, then check again."""
    before = check(source, english, allow_rounding=allow_rounding, strict=strict)
    edits: dict[int, tuple[Mention, str]] = {}  # mention index: (English span replaced, text written)
    reasons: dict[int, str] = {}
    for i in _to_fix(before, allow_rounding=allow_rounding):
        check_ = before.mentions[i]
        others = [c.source.value for c in before.mentions if c is not check_]
        text, why = _choose(check_, english, others, source[check_.source.end :][:_CONTEXT_CHARS])
        if text is not None and check_.target is not None:
            edits[i] = (check_.target, text)
        else:
            reasons[i] = why or ""
    for i in _overlapping([(target.start, target.end, i) for i, (target, _text) in edits.items()]):
        reasons[i] = "its English span overlaps another repair"
        del edits[i]
    repaired, written = _apply(english, edits)
    after = check(source, repaired, allow_rounding=allow_rounding, strict=strict)
    mentions = []
    for i, (was, now) in enumerate(zip(before.mentions, after.mentions)):
        reason = reasons.get(i)
        if was.status == "missing" and not status_passes(
            now.status, allow_rounding=allow_rounding, strict=strict
        ):
            reason = "missing: no English span to replace (needs re-translation)"
        mentions.append(RepairedMention(was, now.status, now.target, written.get(i), reason))
    return Repair(source, english, repaired, before, after, tuple(mentions))


def _apply(english: str, edits: dict[int, tuple[Mention, str]]) -> tuple[str, dict[int, Mention]]:
    """Write the edits right to left (offsets of the ones still to come stay valid); returns the text and,
    per mention index, the span as written, in the new text's offsets."""
    text = english
    for _i, (target, new) in sorted(edits.items(), key=lambda item: -item[1][0].start):
        text = text[: target.start] + new + text[target.end :]
    written: dict[int, Mention] = {}
    shift = 0
    for i, (target, new) in sorted(edits.items(), key=lambda item: item[1][0].start):
        start = target.start + shift
        written[i] = replace(target, text=new, start=start, end=start + len(new))
        shift += len(new) - (target.end - target.start)
    return text, written


def repair_texts(
    source: str, translation: str, *, allow_rounding: bool = False, strict: bool = False
) -> tuple[str, dict[str, Any]]:
    """Repair two whole texts the way ``check`` compares them: line by line when they have the same number
    of non-empty lines, else whole. Returns the repaired translation and the JSON report."""
    from .lines import aligned_lines, merged_report

    pairs = aligned_lines(source, translation)
    if pairs is None:
        result = repair(source, translation, allow_rounding=allow_rounding, strict=strict)
        return result.english, {**result.to_dict(), "aligned": False}
    pieces: list[str] = []
    parts: list[dict[str, Any]] = []
    done = 0
    shift = 0
    for (s_off, s_line), (t_off, t_line) in pairs:
        result = repair(s_line, t_line, allow_rounding=allow_rounding, strict=strict)
        pieces.append(translation[done:t_off] + result.english)
        done = t_off + len(t_line)
        parts.append(result.to_dict(s_off, t_off + shift, t_off))
        shift += len(result.english) - len(t_line)
    pieces.append(translation[done:])
    return "".join(pieces), merged_report(parts)
