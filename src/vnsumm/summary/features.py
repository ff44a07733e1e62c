"""Per-sentence features of a Document's body sentences, shared by training and inference.

Everything here is computed from the Document alone (underthesea words, positions, the headline), so a
trained scorer needs nothing but its weights at run time. VietNews references are lead summaries, so
position carries much of the signal; the content features (headline overlap, centrality) decide which of
the early sentences, and which later ones, say what the article is about. There is no paragraph feature:
VietNews bodies come as one paragraph, so a weight learned for it would only misfire on real articles.
How much position should count differs by article (and by source: VietNews runs in clusters of sources,
some of which write strictly lead-first), so a few article-level signals of lead style enter as products
with the position features; a linear scorer could not use them otherwise.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from ..document import Document, Sentence

SENTENCE_FEATURE_NAMES: tuple[str, ...] = (
    "is_first",
    "is_second",
    "is_third",
    "inverse_position",
    "relative_position",
    "log_body_sentences",
    "log_words",
    "relative_length",
    "is_short",
    "headline_precision",
    "headline_recall",
    "headline_rank",
    "centrality",
    "centrality_rank",
    "keyword_density",
    "number_ratio",
    "capitalised_ratio",
    "has_quote",
    "ends_with_colon_or_question",
    "starts_with_time",
    "first_x_headline",
    "first_x_centrality",
    "headline_bigram_recall",
    "headline_bigram_precision",
    "similarity_to_first",
    "similarity_to_lead",
    "word_prior_mean",
    "word_prior_max",
    "word_prior_sum",
)

# What tells a lead-style article (one whose first sentences already say what the headline says) from one
# that opens with a scene or a quote. Being per article, they act through their products with position.
ARTICLE_FEATURE_NAMES: tuple[str, ...] = (
    "lead_headline_recall",
    "lead_headline_bigram_recall",
    "lead3_headline_recall",
    "later_headline_advantage",
    "lead_centrality",
    "lead_log_words",
    "lead_word_prior_mean",
    "log_body_sentences",
)
_POSITION_NAMES: tuple[str, ...] = (
    "is_first",
    "is_second",
    "is_third",
    "inverse_position",
    "relative_position",
)
FEATURE_NAMES: tuple[str, ...] = SENTENCE_FEATURE_NAMES + tuple(
    f"{position}*{article}" for position in _POSITION_NAMES for article in ARTICLE_FEATURE_NAMES
)

_QUOTE = re.compile('["“”«»]')
_TIME_OPENER = re.compile(
    r"^(?:\(?[\w .-]{0,30}\)?\s*[-–]\s*)?(?:ngày|sáng|chiều|tối|trưa|đêm|hôm|rạng sáng|vào|tuần|tháng|năm|"
    r"mới đây|vừa qua|chiều tối|sáng sớm|cuối|đầu)\b",
    re.IGNORECASE,
)
_SHORT_WORDS = 8
_ALPHANUMERIC = re.compile(r"[^\W_]")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class WordPrior:
    """How often a word of an article's body also appears in its human summary (learned on VietNews).

    Words outside the table get ``default`` (the corpus-wide rate). A summary tends to keep the same kinds
    of words (names, event nouns and verbs) and drop others, whatever the article is about.
    """

    table: Mapping[str, float]
    default: float

    def of(self, words: Sequence[str]) -> list[float]:
        return [self.table.get(w, self.default) for w in words] or [self.default]


NO_PRIOR = WordPrior({}, 0.0)


@dataclass(frozen=True)
class SentenceTokens:
    """The lower-cased content words of one sentence (punctuation dropped) and its raw word count."""

    words: tuple[str, ...]
    numbers: int
    capitalised: int


def sentence_tokens(sentence: Sentence) -> SentenceTokens:
    """Content words from underthesea's words: lower-cased, punctuation-only tokens dropped."""
    words = []
    numbers = capitalised = 0
    for position, word in enumerate(sentence.words):
        text = word.text
        letters = text.replace(" ", "").isalpha()  # most words: alphanumeric, no digit, no regex needed
        if not letters and _ALPHANUMERIC.search(text) is None:
            continue
        if not letters and _DIGIT.search(text) is not None:
            numbers += 1
        elif position > 0 and text[0].isupper():
            capitalised += 1
        words.append(text.lower())
    return SentenceTokens(tuple(words), numbers, capitalised)


def _norm2(bag: Counter[str]) -> int:
    """Squared length of a bag of words (computed once per bag: every cosine with it needs it)."""
    return sum(c * c for c in bag.values())


def _cosine(a: Counter[str], b: Counter[str], a_norm2: int, b_norm2: int) -> float:
    """Cosine of two bags whose squared lengths (:func:`_norm2`) are known."""
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = sum(count * b[word] for word, count in a.items() if word in b)
    if not dot:
        return 0.0
    return dot / math.sqrt(a_norm2 * b_norm2)


def _cosine_with_rest(part: Counter[str], part_norm2: int, whole: Counter[str], whole_norm2: float) -> float:
    """Cosine of ``part`` with ``whole - part`` (``part`` is contained in ``whole``), in O(len(part))."""
    dot = 0.0
    rest_norm2 = whole_norm2
    for word, count in part.items():
        total = whole[word]
        dot += count * (total - count)
        rest_norm2 -= total * total - (total - count) ** 2
    if dot <= 0 or rest_norm2 <= 0:
        return 0.0
    return dot / math.sqrt(part_norm2 * rest_norm2)


def _ranks(values: Sequence[float]) -> list[float]:
    """Rank of each value, 0 for the largest, divided by the count (ties by position)."""
    order = sorted(range(len(values)), key=lambda i: (-values[i], i))
    ranks = [0.0] * len(values)
    for rank, i in enumerate(order):
        ranks[i] = rank / len(values)
    return ranks


def _syllable_bigrams(words: Sequence[str]) -> set[tuple[str, str]]:
    syllables = [syllable for word in words for syllable in word.split()]
    return set(zip(syllables, syllables[1:]))


def _column(name: str) -> int:
    return SENTENCE_FEATURE_NAMES.index(name)


_POSITION_COLUMNS = [_column(name) for name in _POSITION_NAMES]


def _with_interactions(rows: np.ndarray, lead3_headline_recall: float) -> np.ndarray:
    """Append position x article-feature products: how much position matters depends on the article."""
    first = rows[0]
    later = rows[3:, _column("headline_recall")]
    lead_recall = first[_column("headline_recall")]
    article = np.array(
        [
            lead_recall,
            first[_column("headline_bigram_recall")],
            lead3_headline_recall,
            (float(later.max()) if len(later) else 0.0) - lead_recall,
            first[_column("centrality")],
            first[_column("log_words")],
            first[_column("word_prior_mean")],
            first[_column("log_body_sentences")],
        ]
    )
    products = rows[:, _POSITION_COLUMNS][:, :, None] * article[None, None, :]
    return np.hstack([rows, products.reshape(len(rows), -1)])


def document_features(
    document: Document, tokens: Sequence[SentenceTokens] | None = None, prior: WordPrior = NO_PRIOR
) -> tuple[tuple[Sentence, ...], np.ndarray]:
    """Body sentences of ``document`` and a (sentences x FEATURE_NAMES) float matrix for them."""
    body = document.body_sentences
    if not body:
        return body, np.zeros((0, len(FEATURE_NAMES)))
    if tokens is None:
        tokens = [sentence_tokens(s) for s in body]
    headline = document.headline
    headline_list = [w for s in headline.sentences for w in sentence_tokens(s).words] if headline else []
    headline_words = set(headline_list)
    headline_bigrams = _syllable_bigrams(headline_list)
    counts = [Counter(t.words) for t in tokens]
    norm2s = [_norm2(c) for c in counts]
    total: Counter[str] = Counter()
    document_frequency: Counter[str] = Counter()
    for c in counts:
        total.update(c)
        document_frequency.update(c.keys())
    total_norm2 = float(_norm2(total))
    n = len(body)
    lengths = [len(t.words) for t in tokens]
    mean_length = sum(lengths) / n or 1.0

    headline_precision, headline_recall, centrality, density = [], [], [], []
    for c, c_norm2, length in zip(counts, norm2s, lengths):
        shared = sum(1 for w in c if w in headline_words)
        headline_precision.append(shared / len(c) if c else 0.0)
        headline_recall.append(shared / len(headline_words) if headline_words else 0.0)
        centrality.append(_cosine_with_rest(c, c_norm2, total, total_norm2) if n > 1 else 1.0)
        repeated = sum(count for w, count in c.items() if document_frequency[w] > 1)
        density.append(repeated / length if length else 0.0)
    headline_rank = _ranks(headline_recall)
    lead_counts: Counter[str] = Counter()
    for c in counts[:3]:
        lead_counts.update(c)
    lead_norm2 = _norm2(lead_counts)
    centrality_rank = _ranks(centrality)

    rows = []
    for i, (sentence, t, length) in enumerate(zip(body, tokens, lengths)):
        text = sentence.text.rstrip()
        first = 1.0 if i == 0 else 0.0
        bigrams = _syllable_bigrams(t.words)
        shared_bigrams = len(bigrams & headline_bigrams)
        word_prior = prior.of(t.words)
        rows.append(
            (
                first,
                1.0 if i == 1 else 0.0,
                1.0 if i == 2 else 0.0,
                1.0 / (i + 1),
                i / n,
                math.log(n),
                math.log1p(length),
                length / mean_length,
                1.0 if length < _SHORT_WORDS else 0.0,
                headline_precision[i],
                headline_recall[i],
                headline_rank[i],
                centrality[i],
                centrality_rank[i],
                density[i],
                t.numbers / length if length else 0.0,
                t.capitalised / length if length else 0.0,
                1.0 if _QUOTE.search(text) else 0.0,
                1.0 if text.endswith((":", "?")) else 0.0,
                1.0 if _TIME_OPENER.match(text) else 0.0,
                first * headline_recall[i],
                first * centrality[i],
                shared_bigrams / len(headline_bigrams) if headline_bigrams else 0.0,
                shared_bigrams / len(bigrams) if bigrams else 0.0,
                _cosine(counts[i], counts[0], norm2s[i], norm2s[0]) if i else 1.0,
                _cosine_with_rest(counts[i], norm2s[i], lead_counts, float(lead_norm2))
                if i < 3
                else _cosine(counts[i], lead_counts, norm2s[i], lead_norm2),
                sum(word_prior) / len(word_prior),
                max(word_prior),
                sum(word_prior),
            )
        )
    lead_words = {w for t in tokens[:3] for w in t.words}
    lead3_recall = len(headline_words & lead_words) / len(headline_words) if headline_words else 0.0
    return body, _with_interactions(np.asarray(rows, dtype=np.float64), lead3_recall)
