"""The translation engine: Vietnamese sentences in, English sentences out, one model, deterministic.

Sentences are translated one by one (never a whole paragraph), in batches of inputs that share one padded
length, with beam search and no sampling: the same input gives the same English whatever the batch size
or the other sentences. Sentences over the model's input limit are split at clause boundaries, translated
piece by piece and re-joined; nothing is truncated.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Sequence
from typing import Any

from ..config import ModelSpec
from ..document import Document
from ..errors import ConfigError
from . import families
from .loading import load_pretrained, resolve_device
from .result import SentenceTranslation, Translation
from .split import plan_batches, split_to_fit

PAD_MULTIPLE = 8  # every input is padded to a multiple of this many tokens, alone or batched
PROGRESS_MIN_PIECES = 20  # automatic progress bar only for inputs longer than this
_UNBOUNDED = 100_000  # tokenizers report a huge model_max_length when they have no limit
_FALLBACK_MAX_INPUT = 512


def _runnable_on(model: Any, device: str) -> Any:
    """The model on ``device``; half-precision weights (how small models ship) run in float32 on a CPU,
    where half-precision matrix products are slow or missing."""
    import torch

    model = model.to(device)
    if str(device).startswith("cpu") and getattr(model, "dtype", None) in (torch.float16, torch.bfloat16):
        model = model.float()
    return model


class Translator:
    """A loaded model with its tokenizer and the rules of its family; see :meth:`load`."""

    def __init__(
        self,
        spec: ModelSpec,
        tokenizer: Any,
        model: Any,
        *,
        device: str = "cpu",
        batch_size: int = 16,
        progress: bool | None = None,
    ) -> None:
        if batch_size < 1:
            raise ConfigError(f"batch size must be at least 1 (got {batch_size})")
        families.prepare_tokenizer(spec, tokenizer)
        self.spec = spec
        self.tokenizer = tokenizer
        self.model = _runnable_on(model, device).eval()
        self.device = device
        self.batch_size = batch_size
        self.progress = progress
        self.generate_kwargs = self._generate_kwargs()

    @classmethod
    def load(
        cls, spec: ModelSpec, *, device: str = "auto", batch_size: int = 16, progress: bool | None = None
    ) -> Translator:
        """Load ``spec``'s weights (raises ModelUnavailableError with a remedy when they are absent)."""
        device = resolve_device(device)
        tokenizer, model = load_pretrained(spec)
        return cls(spec, tokenizer, model, device=device, batch_size=batch_size, progress=progress)

    @property
    def max_input_tokens(self) -> int:
        """Longest input the model takes, special tokens and prompt included."""
        if self.spec.max_input_tokens is not None:
            return self.spec.max_input_tokens
        limit = getattr(self.tokenizer, "model_max_length", None)
        return limit if isinstance(limit, int) and 0 < limit < _UNBOUNDED else _FALLBACK_MAX_INPUT

    def count_tokens(self, text: str) -> int:
        """Input length of ``text`` in tokens as the model sees it (prompt and special tokens included)."""
        return len(self.tokenizer(families.model_input(self.spec, text))["input_ids"])

    def fits(self, text: str) -> bool:
        return self.count_tokens(text) <= self.max_input_tokens

    def pieces_of(self, text: str) -> list[str]:
        """The stripped pieces ``text`` is translated in: itself, or its clauses when it is too long."""
        return [piece.strip() for piece in split_to_fit(text, self.fits) if piece.strip()]

    def translate_texts(self, texts: Sequence[str]) -> list[str]:
        """The English of each text; blank texts come back unchanged without calling the model."""
        pieces_per_text = [self.pieces_of(text) if text.strip() else [] for text in texts]
        unique = list(dict.fromkeys(piece for pieces in pieces_per_text for piece in pieces))
        english = dict(zip(unique, self._translate_unique(unique)))
        return [
            " ".join(english[piece] for piece in pieces) if pieces else text
            for text, pieces in zip(texts, pieces_per_text)
        ]

    def translate_document(self, document: Document) -> Translation:
        """Every sentence of ``document`` (headline, captions, all), keyed by ``Sentence.index``."""
        sentences = document.sentences
        english = self.translate_texts([s.text for s in sentences])
        return Translation(
            model=self.spec.name,
            sentences=tuple(
                SentenceTranslation(s.index, s.text, text) for s, text in zip(sentences, english)
            ),
        )

    def _translate_unique(self, pieces: list[str]) -> list[str]:
        inputs = [families.model_input(self.spec, piece) for piece in pieces]
        lengths = [len(ids) for ids in self.tokenizer(inputs)["input_ids"]] if inputs else []
        outputs: list[str] = [""] * len(pieces)
        with self._progress_bar(len(pieces)) as bar:
            for batch in plan_batches(lengths, self.batch_size, PAD_MULTIPLE):
                for i, text in zip(batch, self._generate([inputs[i] for i in batch])):
                    outputs[i] = families.model_output(self.spec, text)
                bar.update(len(batch))
        return outputs

    def encode_batch(self, inputs: Sequence[str]) -> dict[str, Any]:
        """Model tensors for one planned batch of prompted inputs, padded to a multiple of PAD_MULTIPLE, so
        that each input has the same shape (and the same encoder result) alone or in any batch."""
        encoded = self.tokenizer(
            list(inputs), padding=True, pad_to_multiple_of=PAD_MULTIPLE, return_tensors="pt"
        )
        return {key: value.to(self.device) for key, value in encoded.items() if key != "token_type_ids"}

    def _generate(self, inputs: list[str]) -> list[str]:
        import torch

        encoded = self.encode_batch(inputs)
        kwargs = dict(self.generate_kwargs)
        if "max_new_tokens" in kwargs:
            kwargs["max_new_tokens"] = self.max_new_tokens_for(encoded["input_ids"].shape[1])
        with torch.inference_mode():
            generated = self.model.generate(**encoded, **kwargs)
        return self.tokenizer.batch_decode(generated, skip_special_tokens=True)

    def max_new_tokens_for(self, padded_input_length: int) -> int:
        """Output budget for inputs of this padded length: the configured ``max_new_tokens``, raised to
        ``output_ratio`` times the input length so long inputs are not cut short, within the decoder's
        position limit. It depends on the padded length only, so batch size cannot change it."""
        configured = int(self.spec.generation.get("max_new_tokens", 0))
        wanted = max(configured, math.ceil(self.spec.output_ratio * padded_input_length))
        positions = getattr(self.model.config, "max_position_embeddings", None)
        if isinstance(positions, int) and positions > 2:
            wanted = min(wanted, positions - 2)
        return max(wanted, 1)

    def _generate_kwargs(self) -> dict[str, Any]:
        kwargs = dict(self.spec.generation)
        kwargs.update(families.target_kwargs(self.spec, self.tokenizer))
        kwargs.update(do_sample=False, num_return_sequences=1)
        return kwargs

    def _progress_bar(self, total: int) -> Any:
        from tqdm import tqdm

        show = self.progress
        if show is None:
            show = total > PROGRESS_MIN_PIECES and sys.stderr.isatty()
        return tqdm(
            total=total,
            desc=f"translating ({self.spec.name})",
            unit="sentence",
            file=sys.stderr,
            disable=not show,
        )
