"""Batch summarising without translation: ``{"id", "text"}`` lines in, ``{"id", "summary"}`` lines out."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TextIO

from .. import batch
from ..segment import segment
from ..textio import normalise
from . import WORD_ROLES, summarise


def summary_record(text: str, *, n: int = 3, ratio: float | None = None) -> dict[str, Any]:
    """One article's record: ``{"summary": {"method", "sentences": [{"index", "text", "score", ...}]}}``.

    Only the words the summary reads are segmented (captions, datelines and source lines are not).
    """
    document = segment(normalise(text), word_roles=WORD_ROLES)
    return {"summary": summarise(document, n, ratio=ratio).to_dict()}


def run_jsonl(lines: Iterable[str], out: TextIO, *, n: int = 3, ratio: float | None = None) -> int:
    """Summarise each line into ``out``, in order (one process); returns the number of error lines."""
    from ..jobs import SummaryJob

    return batch.run_jsonl(lines, out, SummaryJob(n, ratio))
