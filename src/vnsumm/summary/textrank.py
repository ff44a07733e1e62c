"""TextRank (Mihalcea & Tarau 2004) over body sentences: the unsupervised baseline of the benchmark."""

from __future__ import annotations

import math

import numpy as np

from ..document import Document
from .features import sentence_tokens
from .lead import sentence_count
from .result import Summary, SummarySentence


def _overlap_similarity(a: set[str], b: set[str], length_a: int, length_b: int) -> float:
    if length_a < 2 or length_b < 2:
        return 0.0
    return len(a & b) / (math.log(length_a) + math.log(length_b))


def textrank_scores(words: list[tuple[str, ...]], damping: float = 0.85, iterations: int = 50) -> np.ndarray:
    """PageRank over the sentence graph whose edges are TextRank's normalised word overlap."""
    count = len(words)
    sets = [set(w) for w in words]
    graph = np.zeros((count, count))
    for i in range(count):
        for j in range(i + 1, count):
            graph[i, j] = graph[j, i] = _overlap_similarity(sets[i], sets[j], len(words[i]), len(words[j]))
    out_weight = graph.sum(axis=1)
    out_weight[out_weight == 0] = 1.0
    transition = graph / out_weight[:, None]
    scores = np.full(count, 1.0 / max(1, count))
    for _ in range(iterations):
        updated = (1 - damping) / count + damping * (transition.T @ scores)
        if np.abs(updated - scores).sum() < 1e-9:
            return updated
        scores = updated
    return scores


def textrank(document: Document, n: int = 3, *, ratio: float | None = None) -> Summary:
    """The ``n`` highest-ranked body sentences, in document order (ties go to the earlier one)."""
    body = document.body_sentences
    count = sentence_count(len(body), n, ratio)
    if count == 0:
        return Summary("textrank", ())
    scores = textrank_scores([sentence_tokens(s).words for s in body])
    chosen = sorted(sorted(range(len(body)), key=lambda i: (-scores[i], i))[:count])
    return Summary(
        "textrank",
        tuple(
            SummarySentence(body[i].index, body[i].text, body[i].start, body[i].end, float(scores[i]))
            for i in chosen
        ),
    )
