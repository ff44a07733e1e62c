"""Translation stage: Document -> Translation (one English text per sentence), with open seq2seq models.

Public API: :class:`Translator` (``load``, ``translate_texts``, ``translate_document``), the result types
:class:`Translation` and :class:`SentenceTranslation`, and the model store helpers in :mod:`.hub`
(:func:`choose_model`, :func:`model_statuses`, :func:`pull_model`).
"""

from __future__ import annotations

from .engine import Translator
from .hub import ModelChoice, ModelStatus, choose_model, model_statuses, pull_model
from .result import SentenceTranslation, Translation

__all__ = [
    "ModelChoice",
    "ModelStatus",
    "SentenceTranslation",
    "Translation",
    "Translator",
    "choose_model",
    "model_statuses",
    "pull_model",
]
