"""Choosing summary sentences: best score first, minus redundancy with what is already chosen (MMR)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np


def similarity(a: Counter[str], b: Counter[str]) -> float:
    """Cosine of two bags of words (0 when either is empty)."""
    if not a or not b:
        return 0.0
    dot = sum(count * b[word] for word, count in a.items() if word in b)
    if not dot:
        return 0.0
    return dot / math.sqrt(sum(c * c for c in a.values()) * sum(c * c for c in b.values()))


def select(
    scores: Sequence[float] | np.ndarray, words: Sequence[Sequence[str]], n: int, redundancy: float = 0.0
) -> list[int]:
    """Indices of ``n`` sentences in document order, by maximal marginal relevance.

    Each round takes the sentence maximising ``score - redundancy * max similarity to those chosen``;
    ties go to the earlier sentence, so the result is deterministic. A sentence whose words repeat a chosen
    one exactly has similarity 1 and is passed over while any other sentence is left.
    """
    count = len(scores)
    if n <= 0 or count == 0:
        return []
    if n >= count:
        return list(range(count))
    values = [float(v) for v in scores]
    bags = [Counter(w) for w in words]
    norms = [math.sqrt(sum(c * c for c in bag.values())) for bag in bags]
    chosen: list[int] = []
    closest = [0.0] * count  # max similarity of each sentence to the chosen ones
    while len(chosen) < n:
        best, best_value = -1, -math.inf
        for i in range(count):
            if i in chosen:
                continue
            duplicate = closest[i] >= 1.0 - 1e-9 and len(chosen) > 0
            value = values[i] - redundancy * closest[i] - (1e6 if duplicate else 0.0)
            if value > best_value:
                best, best_value = i, value
        chosen.append(best)
        chosen_bag = bags[best]
        for i in range(count):
            if i not in chosen and norms[i] and norms[best]:
                dot = sum(k * chosen_bag[w] for w, k in bags[i].items() if w in chosen_bag)
                closest[i] = max(closest[i], dot / (norms[i] * norms[best]))
    return sorted(chosen)
