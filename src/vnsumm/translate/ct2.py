"""CTranslate2: converting a transformers model once, finding the converted copy, and running it.

A converted model is a folder with CTranslate2's files (``model.bin``, ``config.json``, the vocabulary),
the model's tokenizer (``tokenizer/``) and ``vnsumm-ct2.json`` (what it was converted from, and the
generation defaults transformers would have used). It lives at the model's ``ct2_path`` in models.yaml,
else in a ``ctranslate2/`` folder inside a local ``path:`` model, else, for a hub model, in vnsumm's cache
(``$VNSUMM_CACHE``, default ``~/.cache/vnsumm``) under ``ctranslate2/<org>--<name>``.

Conversion goes through CTranslate2's transformers loaders with three corrections, so that float32
CTranslate2 gives the same tokens as transformers:

- T5: transformers 5 sets ``tie_word_embeddings=True`` on every T5 config and keeps the real flag in
  ``scale_decoder_outputs``; the converter reads the former and would scale an untied head's outputs.
- every family: the vocabulary is the tokenizer's token for each model id in order (the stock loaders
  assume the pad token last and miss M2M100's language codes when the tokenizer lists them elsewhere), and
  the decoder starts from the model's own ``decoder_start_token_id`` (Marian's included: its embedding is
  what transformers feeds, rather than CTranslate2's zero-embedding shortcut).
- mBART: transformers 5 configs lost ``normalize_before``; mBART is pre-norm.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import ModelSpec
from ..errors import ConfigError, ModelUnavailableError
from . import families

MARKER = "vnsumm-ct2.json"
FORMAT = "vnsumm.ctranslate2/1"
TOKENIZER_FOLDER = "tokenizer"
DEFAULT_QUANTIZATION = "float16"  # half the disk of float32, and still any compute type at load time
CACHE_ENV = "VNSUMM_CACHE"
# transformers generation defaults that change which tokens come out, read from the model at conversion.
_GENERATION_KEYS = (
    "num_beams",
    "length_penalty",
    "repetition_penalty",
    "no_repeat_ngram_size",
    "bad_words_ids",
    "max_length",
    "max_new_tokens",
)


def cache_dir() -> Path:
    """vnsumm's own cache: ``$VNSUMM_CACHE``, else ``$XDG_CACHE_HOME/vnsumm``, else ``~/.cache/vnsumm``."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV]).expanduser()
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache").expanduser() / "vnsumm"


def converted_path(spec: ModelSpec) -> Path:
    """Where ``spec``'s converted model is (or would be written)."""
    if spec.ct2_path is not None:
        return spec.ct2_path
    if spec.path is not None:
        return spec.path / "ctranslate2"
    return cache_dir() / "ctranslate2" / str(spec.hub_id).replace("/", "--")


@dataclass(frozen=True)
class Converted:
    """A converted model on disk, as its ``vnsumm-ct2.json`` describes it."""

    path: Path
    quantization: str
    family: str
    tgt_lang_as: str
    max_positions: int | None
    generation: dict[str, Any]
    source: str

    @property
    def size(self) -> int:
        return folder_size(self.path)


def read_converted(spec: ModelSpec) -> Converted | None:
    """The converted model of ``spec``, or None when there is none (or an unfinished one)."""
    path = converted_path(spec)
    try:
        meta = json.loads((path / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if meta.get("format") != FORMAT or not (path / "model.bin").is_file():
        return None
    return Converted(
        path=path,
        quantization=str(meta["quantization"]),
        family=str(meta["family"]),
        tgt_lang_as=str(meta["tgt_lang_as"]),
        max_positions=meta.get("max_positions"),
        generation=dict(meta.get("generation") or {}),
        source=str(meta.get("source", "")),
    )


def installed() -> bool:
    try:
        import ctranslate2  # noqa: F401
    except ImportError:
        return False
    return True


def engine_of(spec: ModelSpec) -> str:
    """The engine ``spec`` runs on: the configured one, else CTranslate2 when a converted model exists."""
    if spec.engine is not None:
        return spec.engine
    return "ctranslate2" if installed() and read_converted(spec) is not None else "transformers"


def folder_size(path: Path) -> int:
    """Bytes of every file under ``path`` (0 when it does not exist)."""
    if path.is_file():
        return path.stat().st_size
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) if path.is_dir() else 0


# --- conversion --------------------------------------------------------------------------------------------


def convert(spec: ModelSpec, quantization: str = DEFAULT_QUANTIZATION) -> Converted:
    """Convert ``spec``'s transformers weights (local path or hub cache) to CTranslate2 at
    :func:`converted_path`, replacing an earlier conversion only once the new one is complete."""
    from .loading import load_pretrained

    _require_ctranslate2(spec)
    tokenizer, model = load_pretrained(spec)
    families.prepare_tokenizer(spec, tokenizer)
    target = converted_path(spec)
    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _write_ct2(spec, model, tokenizer, partial, quantization)
        tokenizer.save_pretrained(partial / TOKENIZER_FOLDER)
        meta = {
            "format": FORMAT,
            "quantization": quantization,
            "family": spec.family,
            "tgt_lang_as": spec.tgt_lang_as,
            "max_positions": getattr(model.config, "max_position_embeddings", None),
            "generation": _generation_defaults(model),
            "source": spec.source,
        }
        (partial / MARKER).write_text(json.dumps(meta, indent=1), encoding="utf-8")
        if target.exists():
            shutil.rmtree(target)
        partial.rename(target)
    except OSError as exc:
        raise ConfigError(
            f"model '{spec.name}': cannot write the converted model to {target} ({exc.strerror or exc}); "
            "set 'ct2_path:' for it in models.yaml to a writable folder"
        ) from None
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    converted = read_converted(spec)
    assert converted is not None
    return converted


def _generation_defaults(model: Any) -> dict[str, Any]:
    config = getattr(model, "generation_config", None)
    values = config.to_dict() if config is not None else {}
    return {key: values[key] for key in _GENERATION_KEYS if values.get(key) is not None}


def _require_ctranslate2(spec: ModelSpec) -> None:
    if not installed():
        raise ModelUnavailableError(
            f"model '{spec.name}' needs the 'ctranslate2' package: run 'pip install ctranslate2' "
            "(or set 'engine: transformers' for it in models.yaml)"
        )


def _id_vocabulary(model: Any, tokenizer: Any) -> list[str]:
    """The token of every id of the model's output layer, in id order; ids the tokenizer cannot name
    (or names twice) get placeholders, so that id i is always vocabulary entry i."""
    size = int(model.get_output_embeddings().weight.shape[0])
    tokens: list[str] = []
    seen: set[str] = set()
    for i, token in enumerate(tokenizer.convert_ids_to_tokens(list(range(size)))):
        if not isinstance(token, str) or token in seen:
            token = f"<vnsumm_unused_{i}>"
        seen.add(token)
        tokens.append(token)
    return tokens


def _loader(family: str) -> Any:
    """A CTranslate2 loader for ``family`` with the corrections of this module's docstring."""
    from ctranslate2.converters import transformers as ct2_transformers

    class IdVocabulary:
        def get_vocabulary(self, model: Any, tokenizer: Any) -> list[str]:
            return _id_vocabulary(model, tokenizer)

    class T5(IdVocabulary, ct2_transformers.T5Loader):
        def get_model_spec(self, model: Any) -> Any:
            config = model.config
            config.tie_word_embeddings = bool(
                getattr(config, "scale_decoder_outputs", config.tie_word_embeddings)
            )
            return super().get_model_spec(model)

    class Marian(IdVocabulary, ct2_transformers.MarianMTLoader):
        def get_model_spec(self, model: Any) -> Any:
            model.config.normalize_before = False
            model.config.normalize_embedding = False
            return ct2_transformers.BartLoader.get_model_spec(self, model)  # keeps every id, pad included

        def set_decoder(self, spec: Any, decoder: Any) -> None:
            ct2_transformers.BartLoader.set_decoder(self, spec, decoder)  # the real start-token embedding

    class M2M100(IdVocabulary, ct2_transformers.M2M100Loader):
        pass

    class MBart(IdVocabulary, ct2_transformers.MBartLoader):
        def get_model_spec(self, model: Any) -> Any:
            model.config.normalize_before = True
            return super().get_model_spec(model)

    loaders = {"t5": T5, "marian": Marian, "nllb": M2M100, "m2m100": M2M100, "mbart50": MBart}
    return loaders[family]()


def _write_ct2(spec: ModelSpec, model: Any, tokenizer: Any, output_dir: Path, quantization: str) -> None:
    """CTranslate2's transformers converter, fed with the model and tokenizer vnsumm loaded."""
    from ctranslate2.converters import TransformersConverter

    class Loaded(TransformersConverter):
        def _load(self) -> Any:
            return _model_spec(spec, model, tokenizer)

    Loaded(spec.source).convert(str(output_dir), quantization=quantization, force=True)


def _model_spec(spec: ModelSpec, model: Any, tokenizer: Any) -> Any:
    import torch

    with torch.no_grad():
        model_spec = _loader(spec.family)(model, tokenizer)
    vocabulary = _id_vocabulary(model, tokenizer)
    start = families.ct2_decoder_start(spec, model.config.decoder_start_token_id)
    model_spec.config.decoder_start_token = None if start is None else vocabulary[start]
    if getattr(model_spec.config, "bos_token", "") is None:  # CTranslate2 refuses a null token
        bos = getattr(model.config, "bos_token_id", None)
        model_spec.config.bos_token = vocabulary[bos if bos is not None else model.config.eos_token_id]
    return model_spec


# --- running -----------------------------------------------------------------------------------------------


class Ct2Model:
    """A converted model loaded in CTranslate2, speaking token ids like a transformers model does."""

    engine = "ctranslate2"

    def __init__(self, converted: Converted, translator: Any, compute_type: str) -> None:
        self.converted = converted
        self.translator = translator
        self.compute_type = compute_type
        self.vocabulary = _read_vocabulary(converted.path)
        self.ids = {token: i for i, token in enumerate(self.vocabulary)}

    @classmethod
    def load(cls, spec: ModelSpec, device: str) -> Ct2Model:
        """Load ``spec``'s converted model on ``device`` (``cpu``, ``cuda`` or ``cuda:N``)."""
        _require_ctranslate2(spec)
        import ctranslate2

        converted = read_converted(spec)
        if converted is None:
            raise ModelUnavailableError(
                f"model '{spec.name}' has no CTranslate2 conversion at {converted_path(spec)}: run "
                f"'vnsumm models convert {spec.name}' (or set 'engine: transformers' for it in models.yaml)"
            )
        if (converted.family, converted.tgt_lang_as) != (spec.family, spec.tgt_lang_as):
            raise ModelUnavailableError(
                f"model '{spec.name}': its CTranslate2 conversion at {converted.path} was made for other "
                f"settings (family/tgt_lang_as); run 'vnsumm models convert {spec.name}' again"
            )
        kind, _, index = device.partition(":")
        compute_type = default_compute_type(spec, kind)
        translator = ctranslate2.Translator(
            str(converted.path),
            device=kind,
            device_index=int(index or 0),
            compute_type=compute_type,
            inter_threads=spec.inter_threads,
            intra_threads=spec.intra_threads,
        )
        return cls(converted, translator, compute_type)

    def load_tokenizer(self, spec: ModelSpec) -> Any:
        from transformers import AutoTokenizer

        return AutoTokenizer.from_pretrained(
            str(self.converted.path / TOKENIZER_FOLDER), **families.tokenizer_kwargs(spec)
        )

    def options(self, generation: dict[str, Any]) -> dict[str, Any]:
        """``translate_batch`` options equal to transformers' ``generate`` with these settings (on top
        of the model's own generation defaults). ``min_decoding_length=0``: transformers lets the end token
        come first; nothing is truncated (long inputs are split before)."""
        settings = {**self.converted.generation, **generation}
        return {
            "beam_size": int(settings.get("num_beams") or 1),
            # CTranslate2 stops once num_beams hypotheses have finished: transformers' early_stopping=True.
            "patience": 1.0 if settings.get("early_stopping", True) is True else 2.0,
            "length_penalty": float(settings.get("length_penalty", 1.0)),
            "repetition_penalty": float(settings.get("repetition_penalty", 1.0)),
            "no_repeat_ngram_size": int(settings.get("no_repeat_ngram_size") or 0),
            "suppress_sequences": [
                [self.vocabulary[i] for i in sequence] for sequence in settings.get("bad_words_ids") or []
            ]
            or None,
            "min_decoding_length": 0,
            "max_input_length": 0,
        }

    def submit(
        self,
        batch: list[list[int]],
        prefix: list[int] | None,
        max_new_tokens: int,
        options: dict[str, Any],
    ) -> list[Any]:
        """Start translating one batch of input ids; each returned handle's ``result()`` waits for it. Batches
        submitted together run on ``inter_threads`` workers at once."""
        target_prefix = None if prefix is None else [[self.vocabulary[i] for i in prefix]] * len(batch)
        return self.translator.translate_batch(
            [[self.vocabulary[i] for i in ids] for ids in batch],
            target_prefix=target_prefix,
            max_decoding_length=max_new_tokens,
            asynchronous=True,
            **options,
        )

    @staticmethod
    def with_hypotheses(options: dict[str, Any], n: int) -> dict[str, Any]:
        """``options`` returning the ``n`` best hypotheses, from a beam at least that wide."""
        return {**options, "beam_size": max(n, options["beam_size"]), "num_hypotheses": n}

    def output_ids(self, handle: Any, n: int = 1) -> list[list[int]]:
        """The ids of the ``n`` best hypotheses of one finished input."""
        unknown = self.ids.get("<unk>", 0)
        hypotheses = handle.result().hypotheses[:n]
        return [[self.ids.get(token, unknown) for token in tokens] for tokens in hypotheses]


def default_compute_type(spec: ModelSpec, device_kind: str) -> str:
    """The configured compute type, else int8 on a CPU and float16 on a GPU."""
    if spec.compute_type is not None:
        return spec.compute_type
    return "float16" if device_kind == "cuda" else "int8"


def cuda_available() -> bool:
    import ctranslate2

    return ctranslate2.get_cuda_device_count() > 0


def _read_vocabulary(path: Path) -> list[str]:
    for name in ("shared_vocabulary.json", "target_vocabulary.json"):
        if (path / name).is_file():
            return list(json.loads((path / name).read_text(encoding="utf-8")))
    raise ModelUnavailableError(f"{path}: the converted model has no vocabulary file; convert it again")
