"""The per-record work of each batch command, as picklable jobs (see :class:`vnsumm.batch.Job`).

A job holds only its options; ``load`` builds what is heavy (segmenter, translator) once per worker.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def summary_record(text: str, *, n: int = 3, ratio: float | None = None) -> dict[str, Any]:
    """One article's record without translation: ``{"summary": {"method", "sentences": [...]}}``.

    Only the words the summary reads are segmented (captions, datelines and source lines are not).
    """
    from .segment import segment
    from .summary import WORD_ROLES, summarise
    from .textio import normalise

    document = segment(normalise(text), word_roles=WORD_ROLES)
    return {"summary": summarise(document, n, ratio=ratio).to_dict()}


@dataclass
class SummaryJob:
    """``summarise --jsonl --no-translate``: ``{"summary": ...}`` per article."""

    sentences: int = 3
    ratio: float | None = None
    fields: tuple[str, ...] = ("text",)

    def prepare(self) -> None:
        from .summary.lead import sentence_count

        sentence_count(1, self.sentences, self.ratio)  # a bad n or ratio is refused before any line

    def load(self) -> None:
        from .segment import segment
        from .summary.scorer import default_scorer

        segment("Tiêu đề\n\nCâu.")  # underthesea loads its models on first use: do it once, here
        default_scorer()

    def run(self, fields: dict[str, str]) -> dict[str, Any]:
        return summary_record(fields["text"], n=self.sentences, ratio=self.ratio)

    def numbers_failed(self, row: dict[str, Any]) -> bool:
        return False  # numbers are not checked without a translation


@dataclass
class PipelineJob:
    """``summarise --jsonl`` with translation: the whole result (without word lists) per article."""

    config: str | None = None
    options: dict[str, Any] = field(default_factory=dict)
    fields: tuple[str, ...] = ("text",)
    _pipeline: Any = field(default=None, init=False, repr=False)

    def prepare(self) -> None:
        """Unknown model: exit 2; weights neither local nor fetchable: exit 3, before any line is read."""
        from .pipeline import Pipeline
        from .translate.hub import is_present

        pipeline = Pipeline.from_config(self.config, **self.options)
        if not is_present(pipeline.config.get(pipeline.model_name)):
            pipeline.translator()  # fetches the weights, or raises ModelUnavailableError

    def load(self) -> None:
        from .pipeline import Pipeline

        if self._pipeline is None:
            self._pipeline = Pipeline.from_config(self.config, **self.options)
            self._pipeline.translator()

    def run(self, fields: dict[str, str]) -> dict[str, Any]:
        return self._pipeline.run(fields["text"]).to_dict(words=False)

    def numbers_failed(self, row: dict[str, Any]) -> bool:
        return row["numbers"]["ok"] is False

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_pipeline": None}  # workers load their own model


@dataclass
class CheckJob:
    """``check --pairs``: the number report of each ``{"source", "translation"}`` pair."""

    allow_rounding: bool = False
    strict: bool = False
    fields: tuple[str, ...] = ("source", "translation")

    def prepare(self) -> None:
        pass

    def load(self) -> None:
        pass

    def run(self, fields: dict[str, str]) -> dict[str, Any]:
        from .numbers.check import check

        source, translation = fields["source"], fields["translation"]
        return check(source, translation, allow_rounding=self.allow_rounding, strict=self.strict).to_dict()

    def numbers_failed(self, row: dict[str, Any]) -> bool:
        return row["ok"] is False
