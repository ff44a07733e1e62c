"""The learned sentence scorer: a logistic model over :mod:`.features`, loaded from package data.

Selection ranks sentences by ``logit - length_penalty * log(1 + words)``: a summary of fixed sentence count
is judged against a short human summary, so of two equally likely sentences the shorter one is the better
pick. Both that penalty and the MMR redundancy weight are tuned on held-out VietNews articles. Sentences of
fewer than ``min_words`` words (mostly splits at abbreviations, such as "Khi Tr.") rank last: ROUGE would
reward their brevity, a reader would not.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ConfigError
from .features import FEATURE_NAMES, WordPrior

PARAMETERS_FILE = "summariser.json"
_LOG_WORDS = FEATURE_NAMES.index("log_words")
_FRAGMENT_PENALTY = 1000.0


@dataclass(frozen=True)
class SentenceScorer:
    """Standardised features -> logit -> probability that a sentence belongs in the lead summary."""

    feature_names: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    redundancy: float  # MMR weight of the similarity to sentences already chosen
    length_penalty: float  # subtracted from the logit per unit of log(1 + words)
    prior: WordPrior
    min_words: int = 5  # shorter sentences are fragments ("Khi Tr."): taken only when nothing else is left

    def __post_init__(self) -> None:
        sizes = {len(self.feature_names), len(self.mean), len(self.scale), len(self.weights)}
        if len(sizes) != 1:
            raise ConfigError("summariser parameters: features, mean, scale and weights differ in length")

    @functools.cached_property
    def _arrays(self) -> tuple[np.ndarray, np.ndarray]:
        scale = np.asarray(self.scale)
        # Folding the standardisation into the weights: one dot product per sentence at run time.
        weights = np.asarray(self.weights) / scale
        return weights, np.asarray([self.bias - float(np.dot(weights, self.mean))])

    def logits(self, features: np.ndarray) -> np.ndarray:
        """Log-odds per row of a (sentences x features) matrix built by :mod:`.features`."""
        weights, bias = self._arrays
        return features @ weights + bias[0]

    def score(self, features: np.ndarray) -> np.ndarray:
        """Probability per row that the sentence belongs in the lead summary."""
        return 1.0 / (1.0 + np.exp(-self.logits(features)))

    def rank_values(self, features: np.ndarray, logits: np.ndarray | None = None) -> np.ndarray:
        """What selection maximises: the logit less the length penalty, fragments last."""
        logits = self.logits(features) if logits is None else logits
        log_words = features[:, _LOG_WORDS]
        fragment = log_words < np.log1p(self.min_words - 0.5)
        return logits - self.length_penalty * log_words - _FRAGMENT_PENALTY * fragment

    @classmethod
    def load(cls, path: str | Path | None = None) -> SentenceScorer:
        """Read parameters from ``path`` or from the shipped package data (no network)."""
        try:
            if path is None:
                raw = resources.files("vnsumm").joinpath("data", PARAMETERS_FILE).read_text(encoding="utf-8")
            else:
                raw = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ConfigError(f"summariser parameters not found: {path or PARAMETERS_FILE}") from None
        try:
            data = json.loads(raw)
            scorer = cls(
                tuple(data["features"]),
                tuple(map(float, data["mean"])),
                tuple(map(float, data["scale"])),
                tuple(map(float, data["weights"])),
                float(data["bias"]),
                float(data["redundancy"]),
                float(data["length_penalty"]),
                WordPrior(dict(data["word_prior"]["words"]), float(data["word_prior"]["default"])),
                int(data["min_words"]),
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise ConfigError(f"summariser parameters are malformed: {exc}") from None
        if scorer.feature_names != FEATURE_NAMES:
            raise ConfigError("summariser parameters were trained on other features; retrain them")
        return scorer

    def to_json(self, provenance: dict[str, Any] | None = None) -> str:
        data = {
            "model": "logistic",
            "features": list(self.feature_names),
            "mean": [round(v, 6) for v in self.mean],
            "scale": [round(v, 6) for v in self.scale],
            "weights": [round(v, 6) for v in self.weights],
            "bias": round(self.bias, 6),
            "redundancy": self.redundancy,
            "length_penalty": self.length_penalty,
            "min_words": self.min_words,
            "provenance": provenance or {},
            "word_prior": {
                "default": round(self.prior.default, 6),
                "words": {w: round(v, 4) for w, v in sorted(self.prior.table.items())},
            },
        }
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


@functools.lru_cache(maxsize=1)
def default_scorer() -> SentenceScorer:
    """The shipped scorer, read once per process."""
    return SentenceScorer.load()
