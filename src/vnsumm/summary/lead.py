"""Lead-k: the first k body sentences, the baseline every news summariser must beat."""

from __future__ import annotations

from ..document import Document
from ..errors import ConfigError
from .result import Summary, SummarySentence


def sentence_count(available: int, n: int, ratio: float | None) -> int:
    """How many sentences to return: ``ratio`` (when given) wins over ``n``; never more than available.

    With a ratio R the count is ``max(1, round(R * available))``.
    """
    if ratio is not None:
        if not 0 < ratio <= 1:
            raise ConfigError(f"the summary ratio must be in (0, 1], got {ratio}")
        n = max(1, round(ratio * available))
    if n < 1:
        raise ConfigError(f"the number of summary sentences must be at least 1, got {n}")
    return min(n, available)


def lead(document: Document, n: int = 3, *, ratio: float | None = None) -> Summary:
    """The first ``n`` body sentences (score 1.0 each), in document order."""
    body = document.body_sentences
    count = sentence_count(len(body), n, ratio)
    return Summary("lead", tuple(SummarySentence(s.index, s.text, s.start, s.end, 1.0) for s in body[:count]))
