"""vnsumm: Vietnamese news in, trustworthy English out.

Stages, each callable alone: :func:`segment` (text -> Document), :class:`Translator` (Document ->
Translation), :func:`summarise` (Document -> Summary), :func:`vnsumm.numbers.check` (source, English ->
NumberReport). :class:`Pipeline` runs them all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

from .document import Document, Paragraph, Role, Sentence, Word
from .errors import ConfigError, InputError, ModelUnavailableError, VnsummError
from .segment import segment
from .textio import normalise, read_text

if TYPE_CHECKING:
    from .pipeline import Pipeline, Result
    from .summary import Summary

__all__ = [
    "ConfigError",
    "Document",
    "InputError",
    "ModelUnavailableError",
    "Paragraph",
    "Pipeline",
    "Result",
    "Role",
    "Sentence",
    "Summary",
    "VnsummError",
    "Word",
    "normalise",
    "read_text",
    "segment",
    "summarise",
]


def __getattr__(name: str) -> Any:
    """Heavy stages (torch, the scorer) load only when asked for, so ``import vnsumm`` stays quick."""
    if name in ("Pipeline", "Result"):
        from . import pipeline

        return getattr(pipeline, name)
    if name in ("summarise", "Summary"):
        from . import summary

        return getattr(summary, name)
    raise AttributeError(f"module 'vnsumm' has no attribute {name!r}")
