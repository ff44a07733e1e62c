"""The whole job in one object: text -> Document -> translation -> summary -> number report.

Each stage stays callable alone (``vnsumm.segment``, ``vnsumm.translate``, ``vnsumm.summarise``,
``vnsumm.numbers``); the Pipeline only wires them and keeps the loaded translator for reuse.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .document import Document, Paragraph, Role, Sentence
from .numbers import check, extract_vi
from .numbers.match import status_passes
from .numbers.mention import Mention, value_to_json
from .segment import segment
from .summary import Summary, summarise
from .textio import normalise

SCHEMA_VERSION = "vnsumm.result/1"


@dataclass(frozen=True)
class NumberFinding:
    """One Vietnamese number of the document and what became of it in the English."""

    sentence: int
    text: str
    start: int  # offsets into Document.text
    end: int
    kind: str
    value: Any  # JSON form (see vnsumm.numbers.mention.value_to_json)
    unit: str | None
    soft: bool
    status: str  # ok | missing | changed | rounded | format, or "unchecked" without translation
    target: dict[str, Any] | None  # {"text", "start", "end"}: offsets into that sentence's English

    def to_dict(self) -> dict[str, Any]:
        return {
            "sentence": self.sentence,
            "source": {"text": self.text, "start": self.start, "end": self.end},
            "kind": self.kind,
            "value": self.value,
            "unit": self.unit,
            "soft": self.soft,
            "status": self.status,
            "target": self.target,
        }


@dataclass(frozen=True)
class NumberSummary:
    """The document-level number report: every finding, English extras, and the verdict."""

    checked: bool
    strict: bool
    findings: tuple[NumberFinding, ...]
    extra: tuple[dict[str, Any], ...] = ()  # {"sentence", "text", "start", "end"} in the English
    allow_rounding: bool = False

    def counts(self, finding: NumberFinding) -> bool:
        """Number words (soft mentions) count towards the verdict only under ``strict``."""
        return self.strict or not finding.soft

    @property
    def counted(self) -> tuple[NumberFinding, ...]:
        return tuple(f for f in self.findings if self.counts(f))

    @property
    def failures(self) -> tuple[NumberFinding, ...]:
        """The findings that fail the document (the same rule as :attr:`NumberReport.ok`)."""
        if not self.checked:
            return ()
        return tuple(
            f for f in self.counted if not status_passes(f.status, allow_rounding=self.allow_rounding)
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
            "extra": list(self.extra),
        }


@dataclass(frozen=True)
class Result:
    document: Document
    translation: Any | None  # vnsumm.translate.Translation
    summary: Summary
    numbers: NumberSummary
    model: str | None = None

    def to_dict(self, *, words: bool = True) -> dict[str, Any]:
        """The stable JSON form documented in the README (schema ``vnsumm.result/1``)."""
        english = self.translation.text_of if self.translation is not None else (lambda _index: None)
        summary = self.summary.to_dict()
        for sentence in summary["sentences"]:
            sentence["translation"] = english(sentence["index"])
        return {
            "schema": SCHEMA_VERSION,
            "model": self.model,
            "document": self.document.to_dict(words=words),
            "translation": None
            if self.translation is None
            else translation_dict(self.document, self.translation),
            "summary": summary,
            "numbers": self.numbers.to_dict(),
        }


def translation_dict(document: Document, translation: Any) -> dict[str, Any]:
    return {
        "model": translation.model,
        "sentences": [
            {
                "index": s.index,
                "paragraph": s.paragraph,
                "source": s.text,
                "text": translation.text_of(s.index),
            }
            for s in document.sentences
        ],
        "paragraphs": [
            {"index": p.index, "role": p.role.value, "text": text}
            for p, text in zip(document.paragraphs, english_paragraphs(document, translation))
        ],
    }


def english_paragraphs(document: Document, translation: Any) -> list[str]:
    """The English text by paragraph: sentences joined the way they were laid out in the source."""
    return [" ".join(translation.text_of(s.index) for s in p.sentences).strip() for p in document.paragraphs]


def _finding(sentence: Sentence, mention: Mention, status: str, target: Mention | None) -> NumberFinding:
    """A sentence-level mention in document coordinates (its English target stays sentence-relative)."""
    return NumberFinding(
        sentence=sentence.index,
        text=mention.text,
        start=sentence.start + mention.start,
        end=sentence.start + mention.end,
        kind=mention.kind,
        value=value_to_json(mention.value),
        unit=mention.unit,
        soft=mention.soft,
        status=status,
        target=None if target is None else target.span_dict(),
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
    document: Document, translation: Any, *, allow_rounding: bool = False, strict: bool = False
) -> NumberSummary:
    """Check every translated sentence against its source; offsets are placed in document coordinates."""
    findings: list[NumberFinding] = []
    extra: list[dict[str, Any]] = []
    for sentence in document.sentences:
        report = check(sentence.text, translation.text_of(sentence.index), allow_rounding=allow_rounding)
        findings.extend(_finding(sentence, item.source, item.status, item.target) for item in report.mentions)
        extra.extend({"sentence": sentence.index, **mention.span_dict()} for mention in report.extra)
    return NumberSummary(
        checked=True,
        strict=strict,
        findings=tuple(findings),
        extra=tuple(extra),
        allow_rounding=allow_rounding,
    )


def result_of_translation(
    source: str, english: str, *, allow_rounding: bool = False, strict: bool = False
) -> Result:
    """A Result for a translation made elsewhere (``vnsumm check``), to render it like one of ours.

    Rows are the texts' non-empty lines when they are line-aligned (the rule of ``check``), each line a
    paragraph with its role; otherwise the whole source faces the whole English. There is no summary.
    """
    from .numbers.cli import aligned_lines
    from .segment import classify
    from .translate.result import SentenceTranslation, Translation

    pairs = aligned_lines(source, english) or [((0, source), (0, english))]
    roles = classify([line for (_offset, line), _english in pairs]) if len(pairs) > 1 else [Role.BODY]
    paragraphs, translated = [], []
    for index, (((start, line), (_offset, english_line)), role) in enumerate(zip(pairs, roles)):
        sentence = Sentence(index, index, line, start, start + len(line), ())
        paragraphs.append(Paragraph(index, role, line, start, start + len(line), (sentence,)))
        translated.append(SentenceTranslation(index, line, english_line))
    document = Document(source, tuple(paragraphs))
    translation = Translation("given", tuple(translated))
    numbers = check_numbers(document, translation, allow_rounding=allow_rounding, strict=strict)
    return Result(document, translation, Summary("none", ()), numbers)


@dataclass
class Pipeline:
    """Runs every stage on a text; build it with :meth:`from_config`.

    ``translate=False`` gives segmentation, summary and number extraction only: it needs no model
    and works offline anywhere. The translator is loaded on first use and kept for later texts.
    """

    config: Any | None = None  # vnsumm.config.ModelConfig
    model: str | None = None
    translate: bool = True
    sentences: int = 3
    ratio: float | None = None
    allow_rounding: bool = False
    strict: bool = False
    device: str = "auto"
    batch_size: int = 16
    progress: bool | None = None
    _translator: Any = field(default=None, init=False, repr=False)
    _notes: tuple[str, ...] = field(default=(), init=False, repr=False)

    @classmethod
    def from_config(cls, config: str | Path | None = None, **options: Any) -> Pipeline:
        """Read models.yaml (explicit path, ``$VNSUMM_CONFIG``, ``./models.yaml`` or the packaged one)."""
        from .config import load_config

        loaded = load_config(config)
        pipeline = cls(config=loaded, **options)
        if pipeline.translate:
            loaded.get(pipeline.model_name)  # fail early on an unknown model name
        return pipeline

    @property
    def model_name(self) -> str:
        """The model that translates: the one loaded, else the one asked for, else the default."""
        if self._translator is not None:
            return self._translator.spec.name
        if self.config is None:
            raise ValueError("Pipeline has no model config: build it with Pipeline.from_config()")
        return self.model or self.config.default

    @property
    def notes(self) -> tuple[str, ...]:
        """What a user should be told about the run (a fallback model was used); the CLI prints them."""
        return self._notes

    def translator(self) -> Any:
        """The loaded translator: the model asked for, or by the rule of ``choose_model`` when none was."""
        if self._translator is None:
            from .translate import Translator, choose_model

            choice = choose_model(self.config, self.model)
            self._translator = Translator.load(
                choice.spec, device=self.device, batch_size=self.batch_size, progress=self.progress
            )
            self._notes = (choice.note,) if choice.note else ()
        return self._translator

    def run(self, text: str) -> Result:
        document = segment(normalise(text))  # segment refuses empty text
        summary = summarise(document, self.sentences, ratio=self.ratio)
        if not self.translate:
            return Result(document, None, summary, extract_numbers(document))
        translation = self.translator().translate_document(document)
        numbers = check_numbers(document, translation, allow_rounding=self.allow_rounding, strict=self.strict)
        return Result(document, translation, summary, numbers, model=self.model_name)
