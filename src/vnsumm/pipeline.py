"""The whole job in one object: text -> Document -> translation -> summary -> number report.

Each stage stays callable alone (``vnsumm.segment``, ``vnsumm.translate``, ``vnsumm.summarise``,
``vnsumm.numbers``); the Pipeline only wires them and keeps the loaded translator for reuse.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .document import Document, Paragraph, Role, Sentence
from .errors import ConfigError
from .number_strategies import DEFAULT_STRATEGY, STRATEGIES
from .numbers.report import EnglishNumber, NumberFinding, NumberSummary, check_numbers, extract_numbers
from .numbers.strategy import ALTERNATIVES, SecuredSentence, secure
from .segment import segment
from .summary import Summary, summarise
from .textio import normalise

if TYPE_CHECKING:  # the translate package loads torch: only type checkers need it here
    from .config import ModelConfig
    from .translate import Translation, Translator

__all__ = [
    "SCHEMA_VERSION",
    "EnglishNumber",
    "NumberFinding",
    "NumberSummary",
    "Pipeline",
    "Result",
    "check_numbers",
    "english_paragraphs",
    "extract_numbers",
    "result_of_translation",
    "translation_dict",
]

SCHEMA_VERSION = "vnsumm.result/1"


@dataclass(frozen=True)
class Result:
    document: Document
    translation: Translation | None
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


def translation_dict(document: Document, translation: Translation) -> dict[str, Any]:
    return {
        "model": translation.model,
        "sentences": [
            {
                "index": s.index,
                "paragraph": s.paragraph,
                "source": s.text,
                **translation.sentence(s.index).to_dict(),
            }
            for s in document.sentences
        ],
        "paragraphs": [
            {"index": p.index, "role": p.role.value, "text": text}
            for p, text in zip(document.paragraphs, english_paragraphs(document, translation))
        ],
    }


def english_paragraphs(document: Document, translation: Translation) -> list[str]:
    """The English text by paragraph: sentences joined the way they were laid out in the source."""
    return [" ".join(translation.text_of(s.index) for s in p.sentences).strip() for p in document.paragraphs]


def result_of_translation(
    source: str, english: str, *, allow_rounding: bool = False, strict: bool = False
) -> Result:
    """A Result for a translation made elsewhere (``vnsumm check``), to render it like one of ours.

    Rows are the texts' non-empty lines when they are line-aligned (the rule of ``check``), each line a
    paragraph with its role; otherwise the whole source faces the whole English. There is no summary.
    """
    from .numbers.lines import aligned_lines
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

    config: ModelConfig | None = None
    model: str | None = None
    translate: bool = True
    sentences: int = 3
    ratio: float | None = None
    allow_rounding: bool = False
    strict: bool = False
    device: str = "auto"
    batch_size: int = 16
    progress: bool | None = None
    numbers: str = DEFAULT_STRATEGY  # how numbers are made right: a key of number_strategies.STRATEGIES
    _translator: Translator | None = field(default=None, init=False, repr=False)
    _notes: tuple[str, ...] = field(default=(), init=False, repr=False)

    @classmethod
    def from_config(cls, config: str | Path | None = None, **options: Any) -> Pipeline:
        """Read models.yaml (explicit path, ``$VNSUMM_CONFIG``, ``./models.yaml`` or the packaged one)."""
        from .config import load_config

        loaded = load_config(config)
        pipeline = cls(config=loaded, **options)
        if pipeline.numbers not in STRATEGIES:
            raise ConfigError(
                f"unknown number strategy {pipeline.numbers!r}; use one of: {', '.join(STRATEGIES)}"
            )
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

    def translator(self) -> Translator:
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
        translation, secured = self.translate_document(document)
        numbers = check_numbers(
            document, translation, allow_rounding=self.allow_rounding, strict=self.strict, secured=secured
        )
        return Result(document, translation, summary, numbers, model=self.model_name)

    def translate_document(self, document: Document) -> tuple[Translation, dict[int, SecuredSentence]]:
        """Every sentence's English with its numbers made right by the ``numbers`` strategy, and what the
        strategy did, by sentence index."""
        from .translate import SentenceTranslation, Translation

        translator = self.translator()
        sentences = document.sentences
        secured = secure(
            [s.text for s in sentences],
            translator.translate_texts,
            self.numbers,
            placeholder=translator.spec.placeholder,
            alternatives=partial(translator.translate_alternatives, n=ALTERNATIVES),
            allow_rounding=self.allow_rounding,
            strict=self.strict,
        )
        translated = tuple(
            SentenceTranslation(s.index, s.text, done.english, done.raw)
            for s, done in zip(sentences, secured)
        )
        return Translation(translator.spec.name, translated), {
            s.index: done for s, done in zip(sentences, secured)
        }
