"""What the translation stage hands on: one English text per source sentence, by sentence index."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SentenceTranslation:
    index: int  # Sentence.index of the source sentence in its Document
    source: str
    text: str
    raw: str | None = None  # the model's own English (None: the strategy never made a plain one)

    def to_dict(self) -> dict[str, Any]:
        """``raw`` is given only where the number strategy changed the model's English."""
        raw = {} if self.raw in (None, self.text) else {"raw": self.raw}
        return {"index": self.index, "source": self.source, "text": self.text, **raw}


@dataclass(frozen=True)
class Translation:
    """The English of every sentence of a Document (headline, captions and all), in document order."""

    model: str
    sentences: tuple[SentenceTranslation, ...]

    def sentence(self, index: int) -> SentenceTranslation:
        """The translated sentence with ``Sentence.index == index``."""
        for sentence in self.sentences:
            if sentence.index == index:
                return sentence
        raise KeyError(f"no translated sentence with index {index}")

    def text_of(self, index: int) -> str:
        """The English of the sentence with ``Sentence.index == index``."""
        return self.sentence(index).text

    def to_dict(self) -> dict[str, Any]:
        return {"model": self.model, "sentences": [s.to_dict() for s in self.sentences]}
