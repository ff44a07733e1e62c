"""The Document model: paragraphs, sentences and words, each with character offsets into ``Document.text``.

``Document.text`` is the canonical form of the input (see :mod:`vnsumm.textio`), so for every piece
``document.text[piece.start:piece.end] == piece.text`` holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any


class Role(str, Enum):
    """What a paragraph is in a news article; only ``body`` sentences can be summary sentences."""

    HEADLINE = "headline"
    DATELINE = "dateline"
    BODY = "body"
    CAPTION = "caption"
    SOURCE = "source"


@dataclass(frozen=True)
class Word:
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Sentence:
    index: int  # position among all sentences of the document
    paragraph: int  # index of the paragraph that holds it
    text: str
    start: int
    end: int
    words: tuple[Word, ...]

    def to_dict(self, *, words: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {
            "index": self.index,
            "paragraph": self.paragraph,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }
        if words:
            out["words"] = [w.to_dict() for w in self.words]
        return out


@dataclass(frozen=True)
class Paragraph:
    index: int
    role: Role
    text: str
    start: int
    end: int
    sentences: tuple[Sentence, ...]

    def to_dict(self, *, words: bool = True) -> dict[str, Any]:
        return {
            "index": self.index,
            "role": self.role.value,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "sentences": [s.to_dict(words=words) for s in self.sentences],
        }


@dataclass(frozen=True)
class Document:
    text: str
    paragraphs: tuple[Paragraph, ...]

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        return tuple(s for p in self.paragraphs for s in p.sentences)

    @property
    def body_sentences(self) -> tuple[Sentence, ...]:
        """The sentences a summary may select: never headline, dateline, captions or source line."""
        return tuple(s for p in self.paragraphs if p.role is Role.BODY for s in p.sentences)

    @property
    def headline(self) -> Paragraph | None:
        return next((p for p in self.paragraphs if p.role is Role.HEADLINE), None)

    def role_of(self, sentence: Sentence) -> Role:
        return self.paragraphs[sentence.paragraph].role

    def to_dict(self, *, words: bool = True) -> dict[str, Any]:
        return {"paragraphs": [p.to_dict(words=words) for p in self.paragraphs]}
