"""The translation engine: Vietnamese sentences in, English sentences out, one model, deterministic.

Sentences are translated one by one (never a whole paragraph), in batches of inputs that share one padded
length, with beam search and no sampling: the same input gives the same English whatever the batch size
or the other sentences. Sentences over the model's input limit are split at clause boundaries, translated
piece by piece and re-joined; nothing is truncated.

Two engines run the same rules: transformers + torch, and CTranslate2 (a converted copy of the model, int8
on a CPU, float16 on a GPU; see :mod:`.ct2`). A model runs on CTranslate2 when models.yaml says
``engine: ctranslate2``, or says nothing and a converted copy exists. With float32 weights both give the
same tokens; only the speed differs.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Iterator, Sequence
from typing import Any

from ..config import ModelSpec
from ..document import Document
from ..errors import ConfigError
from . import ct2, families
from .loading import load_pretrained, resolve_device
from .result import SentenceTranslation, Translation
from .split import padded_length, plan_batches, split_to_fit

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
    """A loaded model with its tokenizer and the rules of its family; see :meth:`load`.

    ``model`` is a transformers model, or a :class:`~vnsumm.translate.ct2.Ct2Model` (CTranslate2).
    """

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
        self.engine = "ctranslate2" if isinstance(model, ct2.Ct2Model) else "transformers"
        self.model = model if self.engine == "ctranslate2" else _runnable_on(model, device).eval()
        self.device = device
        self.batch_size = batch_size
        self.progress = progress
        self.generate_kwargs = self._generate_kwargs()
        if self.engine == "ctranslate2":
            self.ct2_options = model.options(self.generate_kwargs)
            self.ct2_prefix = families.ct2_target_prefix(spec, tokenizer)

    @classmethod
    def load(
        cls, spec: ModelSpec, *, device: str = "auto", batch_size: int = 16, progress: bool | None = None
    ) -> Translator:
        """Load ``spec``'s weights on its engine (raises ModelUnavailableError with a remedy when they are
        absent)."""
        if ct2.engine_of(spec) == "ctranslate2":
            device = _ct2_device(device)
            model = ct2.Ct2Model.load(spec, device)
            tokenizer = model.load_tokenizer(spec)
        else:
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
        return [best for best, *_others in self.translate_alternatives(texts, 1)]

    def translate_alternatives(self, texts: Sequence[str], n: int) -> list[list[str]]:
        """The ``n`` best English of each text, best first, from a beam of at least ``n`` (the configured
        beam when wider): what the number strategy tries when the best one loses a number. A text cut into
        pieces gets its k-th alternative from the k-th of each piece; a blank text comes back unchanged."""
        pieces_per_text = [self.pieces_of(text) if text.strip() else [] for text in texts]
        unique = list(dict.fromkeys(piece for pieces in pieces_per_text for piece in pieces))
        english = dict(zip(unique, self._translate_unique(unique, n)))
        return [
            [" ".join(_kth(english[p], k) for p in pieces) for k in range(n)] if pieces else [text] * n
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

    def _translate_unique(self, pieces: list[str], n: int) -> list[list[str]]:
        inputs = [families.model_input(self.spec, piece) for piece in pieces]
        lengths = [len(ids) for ids in self.tokenizer(inputs)["input_ids"]] if inputs else []
        outputs: list[list[str]] = [[]] * len(pieces)
        batches = plan_batches(lengths, self.batch_size, PAD_MULTIPLE)
        with self._progress_bar(len(pieces)) as bar:
            english = self._generate_batches([[inputs[i] for i in batch] for batch in batches], n)
            for batch, texts in zip(batches, english):
                for i, text in zip(batch, texts):
                    outputs[i] = text
                bar.update(len(batch))
        return outputs

    def _generate_batches(self, batches: list[list[str]], n: int) -> Iterator[list[list[str]]]:
        """The ``n`` best English of each input of each batch, in order. CTranslate2 gets every batch at
        once, so that ``inter_threads`` workers translate several batches side by side."""
        if self.engine == "transformers":
            yield from (self._generate(inputs, n) for inputs in batches)
            return
        options = self.ct2_options if n == 1 else self.model.with_hypotheses(self.ct2_options, n)
        handles = []
        for inputs in batches:
            ids = self.tokenizer(list(inputs))["input_ids"]
            budget = self.max_new_tokens_for(padded_length(max(map(len, ids)), PAD_MULTIPLE))
            handles.append(self.model.submit(ids, self.ct2_prefix, budget, options))
        for handle in handles:
            yield [
                [families.decode(self.spec, self.tokenizer, ids) for ids in self.model.output_ids(h, n)]
                for h in handle
            ]

    def encode_batch(self, inputs: Sequence[str]) -> dict[str, Any]:
        """Model tensors for one planned batch of prompted inputs, padded to a multiple of PAD_MULTIPLE, so
        that each input has the same shape (and the same encoder result) alone or in any batch."""
        encoded = self.tokenizer(
            list(inputs), padding=True, pad_to_multiple_of=PAD_MULTIPLE, return_tensors="pt"
        )
        return {key: value.to(self.device) for key, value in encoded.items() if key != "token_type_ids"}

    def _generate(self, inputs: list[str], n: int) -> list[list[str]]:
        import torch

        encoded = self.encode_batch(inputs)
        kwargs = dict(self.generate_kwargs)
        if "max_new_tokens" in kwargs:
            kwargs["max_new_tokens"] = self.max_new_tokens_for(encoded["input_ids"].shape[1])
        if n > 1:
            kwargs.update(num_beams=max(n, int(kwargs.get("num_beams") or 1)), num_return_sequences=n)
            kwargs.setdefault("early_stopping", True)
        with torch.inference_mode():
            generated = self.model.generate(**encoded, **kwargs).tolist()
        english = [families.decode(self.spec, self.tokenizer, ids) for ids in generated]
        return [english[i : i + n] for i in range(0, len(english), n)]

    def max_new_tokens_for(self, padded_input_length: int) -> int:
        """Output budget for inputs of this padded length: the configured ``max_new_tokens``, raised to
        ``output_ratio`` times the input length so long inputs are not cut short, within the decoder's
        position limit. It depends on the padded length only, so batch size cannot change it."""
        configured = int(self.spec.generation.get("max_new_tokens", 0))
        wanted = max(configured, math.ceil(self.spec.output_ratio * padded_input_length))
        if self.engine == "ctranslate2":
            positions = self.model.converted.max_positions
        else:
            positions = getattr(self.model.config, "max_position_embeddings", None)
        if isinstance(positions, int) and positions > 2:
            wanted = min(wanted, positions - 2)
        return max(wanted, 1)

    def _generate_kwargs(self) -> dict[str, Any]:
        kwargs = dict(self.spec.generation)
        defaults = getattr(self.model, "generation_config", None)
        if int(kwargs.get("num_beams") or getattr(defaults, "num_beams", 1) or 1) > 1:
            # Beam search ends once num_beams hypotheses have finished (what CTranslate2 does), unless set.
            kwargs.setdefault("early_stopping", True)
        kwargs.update(families.target_kwargs(self.spec, self.tokenizer))
        # No forced </s> at the output cap (Marian and mBART configs ask for one): CTranslate2 cannot
        # force it, and it would only replace the last word of an output that is cut anyway.
        kwargs.update(do_sample=False, num_return_sequences=1, forced_eos_token_id=None)
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


def _kth(alternatives: list[str], k: int) -> str:
    """The k-th alternative, or the last when the engine returned fewer."""
    return alternatives[min(k, len(alternatives) - 1)]


def _ct2_device(device: str) -> str:
    """``auto`` means CUDA when CTranslate2 sees a GPU, else CPU; an explicit device must exist."""
    kind, _, index = device.partition(":")
    if device == "auto":
        return "cuda" if ct2.installed() and ct2.cuda_available() else "cpu"
    if kind not in ("cpu", "cuda") or (index and not index.isdigit()) or (kind == "cpu" and index):
        raise ConfigError(f"unknown device '{device}'; use auto, cpu, cuda or cuda:N")
    if kind == "cuda" and not (ct2.installed() and ct2.cuda_available()):
        raise ConfigError(f"device '{device}' was asked for but CUDA is not available here; use --device cpu")
    return device
