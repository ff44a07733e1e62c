"""Extractive summary stage: Document -> Summary (source sentences, document order, with scores).

``summarise`` is the learned scorer (the default method); ``lead`` is the Lead-k baseline and ``textrank``
the unsupervised one. All three take ``n`` sentences, or ``ratio`` x the body sentences when a ratio is
given (the ratio wins over ``n``); a document with fewer body sentences gives all of them.
"""

from __future__ import annotations

import numpy as np

from ..document import Document, Role
from .features import document_features, sentence_tokens
from .lead import lead, sentence_count
from .result import Summary, SummarySentence
from .scorer import SentenceScorer, default_scorer
from .select import select
from .textrank import textrank

__all__ = [
    "WORD_ROLES",
    "SentenceScorer",
    "Summary",
    "SummarySentence",
    "lead",
    "summarise",
    "textrank",
]

# The paragraphs whose words the summary methods read (body sentences, and the headline for the
# features): a Document segmented with ``segment(..., word_roles=WORD_ROLES)`` summarises the same.
WORD_ROLES = frozenset({Role.HEADLINE, Role.BODY})


def summarise(
    document: Document, n: int = 3, *, ratio: float | None = None, scorer: SentenceScorer | None = None
) -> Summary:
    """The ``n`` body sentences the learned scorer rates highest, with MMR against repetition.

    Only body sentences are candidates (never headline, dateline, captions, source line); the result is
    in document order and deterministic. ``scorer`` defaults to the shipped one (read once, then cached).
    """
    body = document.body_sentences
    count = sentence_count(len(body), n, ratio)
    if count == 0:
        return Summary("learned", ())
    scorer = scorer or default_scorer()
    tokens = [sentence_tokens(s) for s in body]
    _, features = document_features(document, tokens, scorer.prior)
    logits = scorer.logits(features)
    chosen = select(scorer.rank_values(features, logits), [t.words for t in tokens], count, scorer.redundancy)
    scores = 1.0 / (1.0 + np.exp(-logits))
    return Summary(
        "learned",
        tuple(
            SummarySentence(
                body[i].index, body[i].text, body[i].start, body[i].end, round(float(scores[i]), 6)
            )
            for i in chosen
        ),
    )
