"""What the summary stage hands on: the chosen source sentences, in document order, with their scores."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SummarySentence:
    index: int  # sentence index in the Document (``Sentence.index``)
    text: str  # the exact source sentence: ``document.text[start:end]``
    start: int
    end: int
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "score": self.score,
        }


@dataclass(frozen=True)
class Summary:
    method: str  # "learned", "lead", "textrank"
    sentences: tuple[SummarySentence, ...]

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)

    def to_dict(self) -> dict[str, Any]:
        return {"method": self.method, "sentences": [s.to_dict() for s in self.sentences]}
