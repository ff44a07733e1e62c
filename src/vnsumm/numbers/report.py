"""The document number report: every Vietnamese number of a document and what became of it in the English.

One pass rule (:func:`vnsumm.numbers.match.counts_against`) decides for the sentence report
(:class:`NumberReport`), this document report, the CLI and the renderers: a status fails unless it is ``ok``
(or ``rounded`` with rounding allowed), and a number word (a soft mention) counts only under ``strict``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from ..document import Document, Sentence
from .check import check
from .match import counts_against
from .mention import Mention, Span, value_to_json
from .strategy import MentionRepair, SecuredSentence, mention_repairs
from .units import Conversion
from .vi import extract_vi

__all__ = [
    "EnglishNumber",
    "NumberFinding",
    "NumberSummary",
    "SentenceEnglish",
    "check_numbers",
    "counts_against",
    "extract_numbers",
]


class SentenceEnglish(Protocol):
    """What the report needs of a translation: the English of each source sentence."""

    def text_of(self, index: int) -> str: ...


@dataclass(frozen=True)
class NumberFinding:
    """One Vietnamese number of the document and what became of it in the English."""

    sentence: int
    source: Span  # offsets into Document.text
    kind: str
    value: Any  # JSON form (see vnsumm.numbers.mention.value_to_json)
    unit: str | None
    soft: bool
    status: str  # ok | missing | changed | rounded | format, or "unchecked" without translation
    target: Span | None  # offsets into that sentence's English
    conversion: Conversion | None = None  # with status ``converted``
    repair: MentionRepair | None = None  # what the number strategy did (None: the strategy was ``check``)

    @property
    def repaired(self) -> bool:
        return self.repair is not None and self.repair.repaired

    @property
    def text(self) -> str:
        return self.source.text

    @property
    def start(self) -> int:
        return self.source.start

    @property
    def end(self) -> int:
        return self.source.end

    def to_dict(self) -> dict[str, Any]:
        return {
            "sentence": self.sentence,
            "source": self.source.to_dict(),
            "kind": self.kind,
            "value": self.value,
            "unit": self.unit,
            "soft": self.soft,
            "status": self.status,
            "target": None if self.target is None else self.target.to_dict(),
            **({"conversion": self.conversion.to_dict()} if self.conversion is not None else {}),
            **({"repair": self.repair.to_dict()} if self.repair is not None else {}),
        }


@dataclass(frozen=True)
class EnglishNumber:
    """An English number with no Vietnamese counterpart (offsets into its sentence's English)."""

    sentence: int
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {"sentence": self.sentence, **self.span.to_dict()}


@dataclass(frozen=True)
class NumberSummary:
    """The document-level number report: every finding, English extras, and the verdict."""

    checked: bool
    strict: bool
    findings: tuple[NumberFinding, ...]
    extra: tuple[EnglishNumber, ...] = ()
    allow_rounding: bool = False

    def counts(self, finding: NumberFinding) -> bool:
        """Number words (soft mentions) count towards the verdict only under ``strict``."""
        return self.strict or not finding.soft

    @property
    def counted(self) -> tuple[NumberFinding, ...]:
        return tuple(f for f in self.findings if self.counts(f))

    @property
    def failures(self) -> tuple[NumberFinding, ...]:
        """The findings that fail the document (the rule of :func:`counts_against`)."""
        if not self.checked:
            return ()
        return tuple(
            f
            for f in self.findings
            if counts_against(f.status, f.soft, strict=self.strict, allow_rounding=self.allow_rounding)
        )

    @property
    def ok(self) -> bool | None:
        """None when nothing was checked (no translation); else whether every counted mention survived."""
        return not self.failures if self.checked else None

    @property
    def problems(self) -> tuple[NumberFinding, ...]:
        """Every finding worth showing a reader: all that are not ``ok``, soft and allowed ones included."""
        return tuple(f for f in self.findings if self.checked and f.status != "ok")

    def to_dict(self) -> dict[str, Any]:
        return {
            "checked": self.checked,
            "ok": self.ok,
            "strict": self.strict,
            "allow_rounding": self.allow_rounding,
            "mentions": [f.to_dict() for f in self.findings],
            "extra": [e.to_dict() for e in self.extra],
        }


def _finding(
    sentence: Sentence,
    mention: Mention,
    status: str,
    target: Mention | None,
    conversion: Conversion | None = None,
    repair: MentionRepair | None = None,
) -> NumberFinding:
    """A sentence-level mention in document coordinates (its English target stays sentence-relative)."""
    return NumberFinding(
        sentence=sentence.index,
        source=Span.of(mention, sentence.start),
        kind=mention.kind,
        value=value_to_json(mention.value),
        unit=mention.unit,
        soft=mention.soft,
        status=status,
        target=None if target is None else Span.of(target),
        conversion=conversion,
        repair=repair,
    )


def extract_numbers(document: Document) -> NumberSummary:
    """Number extraction alone (no translation): every mention, status ``unchecked``."""
    findings = tuple(
        _finding(sentence, mention, "unchecked", None)
        for sentence in document.sentences
        for mention in extract_vi(sentence.text)
    )
    return NumberSummary(checked=False, strict=False, findings=findings)


def check_numbers(
    document: Document,
    translation: SentenceEnglish,
    *,
    allow_rounding: bool = False,
    strict: bool = False,
    secured: Mapping[int, SecuredSentence] | None = None,
) -> NumberSummary:
    """Check every translated sentence against its source; offsets are placed in document coordinates.

    With ``secured`` (by sentence index, from :func:`vnsumm.numbers.strategy.secure`) the final checks
    made there are used, and each finding says what the strategy did to its number.
    """
    findings: list[NumberFinding] = []
    extra: list[EnglishNumber] = []
    for sentence in document.sentences:
        done = secured.get(sentence.index) if secured is not None else None
        if done is not None:
            report = done.report
            repairs = mention_repairs(done) if done.changes_english else [None] * len(report.mentions)
        else:
            english = translation.text_of(sentence.index)
            report = check(sentence.text, english, allow_rounding=allow_rounding, strict=strict)
            repairs = [None] * len(report.mentions)
        findings.extend(
            _finding(sentence, item.source, item.status, item.target, item.conversion, repair)
            for item, repair in zip(report.mentions, repairs)
        )
        extra.extend(EnglishNumber(sentence.index, Span.of(mention)) for mention in report.extra)
    return NumberSummary(
        checked=True,
        strict=strict,
        findings=tuple(findings),
        extra=tuple(extra),
        allow_rounding=allow_rounding,
    )
